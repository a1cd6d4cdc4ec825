import ArgumentParser
import ConveneStore
import ConveneWeb
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the synthetic demo data set into an empty database.")

    @OptionGroup var database: DatabaseOptions

    @Option(
        help: """
            small: 30 cases at every stage (the default). large: ten years of a large local authority \
            (100,000 meetings, 1,000,000 SMART actions); or a share of it such as 10%.
            """)
    var scale = "small"

    func run() async throws {
        let fraction: Double?
        switch scale {
        case "small": fraction = nil
        case "large": fraction = 1
        default:
            guard scale.hasSuffix("%"), let percent = Double(scale.dropLast()), percent > 0, percent <= 100 else {
                throw CLIError("--scale must be small, large or a percentage of large such as 10%")
            }
            fraction = percent / 100
        }
        let hash = try Credentials.hashPassword(DemoData.password)
        let started = Date()
        if let fraction {
            let summary = try await database.withStore { store in
                try await LargeDemo(database: store.database, now: Date(), fraction: fraction, passwordHash: hash).load()
            }
            print(
                "Loaded \(summary.teams) teams, \(summary.professionals) professionals, \(summary.cases) cases with \(summary.children) children, \(summary.meetings) meetings, \(summary.invitations) attendances and \(summary.actions) SMART actions into \(database.location) in \(Int(Date().timeIntervalSince(started))) s."
            )
        } else {
            let summary = try await database.withStore { store in
                try await DemoData(database: store.database, now: Date(), passwordHash: hash, mail: store.mail).load()
            }
            print(
                "Loaded \(summary.organisations) organisations, \(summary.teams) teams, \(summary.professionals) professionals, \(summary.cases) cases and \(summary.meetings) meetings into \(database.location)."
            )
        }
        print(
            "Sign in as any demo professional or as admin, with password \(DemoData.password) and the code from: convene totp \(DemoData.totpSecret)"
        )
    }
}
