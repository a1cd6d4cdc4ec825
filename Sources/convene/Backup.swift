import ArgumentParser
import ConveneStore
import Foundation

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the database to FILE (safe while the server runs).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The backup file to create; it must not exist.")
    var file: String

    func run() async throws {
        do {
            try await DatabaseBackup.backup(database.location, to: file)
        } catch {
            throw CLIError.from(error)
        }
        print("Backed up \(database.location) to \(file).")
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup. With SQLite it refuses while a server has the file open.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "A file written by `convene backup`.")
    var file: String

    @Flag(help: "Confirm that the current data will be replaced.")
    var force = false

    func run() async throws {
        guard force else { throw CLIError("restore replaces every record in \(database.location); add --force to confirm") }
        do {
            try await DatabaseBackup.restore(database.location, from: file)
        } catch {
            throw CLIError.from(error)
        }
        print("Restored \(database.location) from \(file).")
    }
}
