import ArgumentParser

/// The one Convene executable.
@main
struct Convene: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Multi-agency strategy discussions in child protection.",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, Clocks.self, Holidays.self, Backup.self, Restore.self, AccountCommand.self,
            TokenCommand.self, AuditCommand.self, TOTPCommand.self, OutboxCommand.self,
        ])
}

/// A failure to report on one line, with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
