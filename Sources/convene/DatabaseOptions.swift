import ArgumentParser
import ConveneCore
import ConveneMail
import ConveneStore
import Foundation

/// Where the data lives: `--db PATH`, else `DATABASE_URL` (PostgreSQL), else `CONVENE_DB`, else ./convene.sqlite.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "SQLite file to use (default: $CONVENE_DB or ./convene.sqlite; DATABASE_URL selects PostgreSQL).")
    var path: String?

    var location: StoreLocation {
        if let path { return .sqliteFile(path) }
        return StoreLocation.from(environment: ProcessInfo.processInfo.environment)
    }

    /// How messages leave, from the same environment as `convene serve` reads.
    func mailConfig() throws -> MailConfig {
        let environment = ProcessInfo.processInfo.environment
        var problems: [String] = []
        let host = environment["CONVENE_HOST"] ?? "127.0.0.1"
        let port = environment["CONVENE_PORT"] ?? "8080"
        let config = MailConfig.from(environment: environment, serverAddress: "http://\(host):\(port)", problems: &problems)
        if !problems.isEmpty { throw CLIError("configuration: " + problems.joined(separator: "; ")) }
        return config
    }

    /// Opens and migrates the database, runs `body`, and always closes it. Messages link to
    /// `mail`'s address, or to the one the environment gives.
    func withStore<T>(mail given: MailDefaults? = nil, _ body: (ConveneStore) async throws -> T) async throws -> T {
        let mail = try given ?? mailConfig().defaults
        let runtime = try StoreRuntime(location: location)
        do {
            try await runtime.migrate()
            try await runtime.prepareConnections()
            let result = try await body(ConveneStore(database: runtime.database, mail: mail))
            await runtime.shutdown()
            return result
        } catch {
            await runtime.shutdown()
            throw CLIError.from(error)
        }
    }
}

extension CLIError {
    /// One readable line for any error.
    static func from(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError: return error
        case let error as DomainError: return CLIError(error.description)
        case let error as BankHolidayImportError: return CLIError(error.description)
        case let error as DatabaseBackup.Failure: return CLIError(error.description)
        case let error as ServingLock.Refusal: return CLIError(error.description)
        default: return CLIError("could not open or use the database: \(String(describing: error).prefix(300))")
        }
    }
}
