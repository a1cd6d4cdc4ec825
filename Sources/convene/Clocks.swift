import ArgumentParser
import ConveneCore
import ConveneStore
import ConveneWeb
import Foundation

struct Clocks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, check or rebuild the statutory and local clocks.", subcommands: [List.self, Verify.self, Rebuild.self],
        defaultSubcommand: List.self)

    /// Checks every stored clock against the clocks each case's record gives now.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every stored clock matches the one its case's record gives now.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let check = try await database.withStore { try await $0.verifyClocks() }
            guard check.isConsistent else {
                for problem in check.problems.prefix(20) { print("clocks: \(problem)") }
                throw CLIError(
                    "\(check.problems.count) of \(counted(check.casesChecked, "case")) \(noun(check.problems.count, "has", "have")) stored clocks that differ from their record"
                )
            }
            print(
                "Clocks consistent: \(counted(check.clocksChecked, "clock")) of \(counted(check.casesChecked, "case")) match their records."
            )
        }
    }

    /// Rewrites every stored clock from the records (after restoring an old backup, say).
    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rewrite every stored clock from the case records.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withStore { try await $0.rebuildClocks() }
            print("Clocks rebuilt from the case records.")
        }
    }
}

extension Clocks {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the statutory and local clocks that are running.")

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Only clocks that are overdue.")
        var overdue = false

        @Option(
            name: .customLong("due-within"),
            help: "Only clocks due within a time such as 30m, 12h, 2d or 1w (overdue ones included)."
        )
        var dueWithin: String?

        @Option(help: "Only clocks of one team (its id).")
        var team: String?

        @Flag(help: "Print JSON for scripts instead of a table.")
        var json = false

        func run() async throws {
            var filter = ClockFilter(overdueOnly: overdue)
            if let dueWithin {
                guard let seconds = DurationText.seconds(dueWithin) else {
                    throw CLIError("--due-within must be a time such as 30m, 12h, 2d or 1w, not \"\(dueWithin)\"")
                }
                filter.dueWithin = seconds
            }
            if let team {
                guard let id = UUID(uuidString: team) else { throw CLIError("--team must be a team id") }
                filter.teamId = id
            }
            let now = Date()
            let (clocks, people, zone) = try await database.withStore { store in
                let clocks = try await store.clocks(filter)
                let people = Dictionary(uniqueKeysWithValues: try await store.professionals().map { ($0.id, $0.name) })
                let zone = try await store.organisations().first?.policy.zone ?? .london
                return (clocks, people, zone)
            }
            if json {
                let encoder = JSONCoding.encoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(clocks), as: UTF8.self))
                return
            }
            guard !clocks.isEmpty else {
                print("No clocks match.")
                return
            }
            let rows = clocks.map { clock in
                [
                    clock.state.rawValue, zone.describe(clock.dueAt), clock.timeLeftText(at: now), clock.kind.rawValue,
                    clock.caseReference, clock.ownerId.flatMap { people[$0] } ?? "-",
                    clock.warning == nil ? "" : "warning: bank-holiday list ends early",
                ]
            }
            printTable(header: ["STATE", "DUE", "TIME", "CLOCK", "CASE", "OWNER", ""], rows: rows)
            print(
                "\(counted(clocks.count, "clock")); \(clocks.filter { $0.state == .overdue }.count) overdue, \(clocks.filter { $0.state == .dueSoon }.count) due soon."
            )
        }

        private func printTable(header: [String], rows: [[String]]) {
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                let line = row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(
                    separator: "  ")
                print(line.trimmingCharacters(in: .whitespaces))
            }
        }
    }
}
