import ArgumentParser
import ConveneCore
import Foundation

struct Holidays: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or update the bank-holiday list used for working days.",
        subcommands: [Import.self, Show.self], defaultSubcommand: Show.self)

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the list with a file in the published UK JSON shape.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The JSON file (for example, a saved copy of the published bank-holidays.json).")
        var file: String

        @Option(help: "The division to read.")
        var division = "england-and-wales"

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let list: BankHolidayList
            do { list = try BankHolidayList.parse(data, division: division) } catch { throw CLIError.from(error) }
            try await database.withStore { try await $0.importBankHolidays(list) }
            print(
                "Imported \(list.holidays.count) bank holidays for \(division), covering \(list.coveredFrom!) to \(list.coveredThrough!)."
            )
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the list in use and how far it reaches.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let list = try await database.withStore { try await $0.bankHolidays() }
            print(
                "\(list.division): \(list.holidays.count) holidays, covering \(list.coveredFrom.map(String.init(describing:)) ?? "-") to \(list.coveredThrough.map(String.init(describing:)) ?? "-")"
            )
            for holiday in list.holidays { print("\(holiday.date)  \(holiday.title)") }
        }
    }
}
