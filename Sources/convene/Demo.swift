import ArgumentParser
import ConveneStore
import ConveneWeb
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the synthetic demo data set into an empty database.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let summary = try await database.withStore { store in
            try await DemoData(
                database: store.database, now: Date(), passwordHash: try Credentials.hashPassword(DemoData.password)
            ).load()
        }
        print(
            "Loaded \(summary.organisations) organisations, \(summary.teams) teams, \(summary.professionals) professionals, \(summary.cases) cases and \(summary.meetings) meetings into \(database.location)."
        )
        print(
            "Sign in as any demo professional (for example hana.okafor, a social worker) or as admin, with password \(DemoData.password) and the code from: convene totp \(DemoData.totpSecret)"
        )
    }
}
