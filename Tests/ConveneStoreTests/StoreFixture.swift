import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation

/// A private in-memory database per test, migrated, with a settable clock.
final class StoreFixture: @unchecked Sendable {
    // @unchecked: `time` is only changed by the test's own task between awaits.
    var time: Date
    let runtime: StoreRuntime
    let database: TestDatabase

    init(now: Date, backend: TestBackend) async throws {
        time = now
        database = try await TestDatabase.make(backend)
        runtime = try StoreRuntime(location: database.location)
        try await runtime.migrate()
    }

    var store: ConveneStore { ConveneStore(database: runtime.database, now: { [unowned self] in self.time }) }

    func close() async {
        await runtime.shutdown()
        await database.drop()
    }

    /// Runs `body` with a fresh fixture and always closes it.
    static func with(now: Date, backend: TestBackend, _ body: (StoreFixture) async throws -> Void) async throws {
        let fixture = try await StoreFixture(now: now, backend: backend)
        do {
            try await body(fixture)
        } catch {
            await fixture.close()
            throw error
        }
        await fixture.close()
    }
}

/// London wall-clock instants for readable tests.
func london(_ day: String, _ time: String) -> Date {
    let parts = time.split(separator: ":").map { Int($0)! }
    return LocalTimeZone.london.instant(on: LocalDate(day)!, minuteOfDay: parts[0] * 60 + parts[1])
}

/// A list read `size` items at a time from offset 0 past `count` (one page more than needed), as a
/// client following the pages would; `page` reads the items after an offset.
func readInPages<Item>(of size: Int, count: Int, _ page: (Int) async throws -> [Item]) async throws -> [Item] {
    var items: [Item] = []
    for offset in stride(from: 0, to: count + size, by: size) { items += try await page(offset) }
    return items
}
