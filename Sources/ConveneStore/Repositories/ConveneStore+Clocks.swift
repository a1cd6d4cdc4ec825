import ConveneCore
import Foundation
import SQLKit

/// Which clocks to list.
public struct ClockFilter: Sendable {
    public var teamId: UUID?
    public var caseId: UUID?
    public var ownerId: UUID?
    /// Only these cases (those a person may see): clocks of other cases are not even computed.
    public var caseIds: Set<UUID>?
    /// Only clocks that are overdue.
    public var overdueOnly: Bool
    /// Only running clocks due within this many seconds (overdue ones included).
    public var dueWithin: TimeInterval?
    /// Include clocks that have stopped (met or met late).
    public var includeStopped: Bool

    public init(
        teamId: UUID? = nil, caseId: UUID? = nil, ownerId: UUID? = nil, overdueOnly: Bool = false,
        dueWithin: TimeInterval? = nil, includeStopped: Bool = false, caseIds: Set<UUID>? = nil
    ) {
        self.caseIds = caseIds
        self.teamId = teamId
        self.caseId = caseId
        self.ownerId = ownerId
        self.overdueOnly = overdueOnly
        self.dueWithin = dueWithin
        self.includeStopped = includeStopped
    }
}

extension ConveneStore {
    /// Clocks across cases, computed now from the record and each organisation's policy.
    public func clocks(_ filter: ClockFilter) async throws -> [Clock] {
        var cases: [Case]
        if let caseId = filter.caseId {
            cases = [try await caseRecord(caseId)]
        } else {
            cases = try await self.cases(teamId: filter.teamId)
        }
        if let teamId = filter.teamId { cases = cases.filter { $0.teamId == teamId } }
        if let only = filter.caseIds { cases = cases.filter { only.contains($0.id) } }
        let teams = Dictionary(uniqueKeysWithValues: try await teams().map { ($0.id, $0) })
        let organisations = Dictionary(uniqueKeysWithValues: try await organisations().map { ($0.id, $0) })
        let holidays = try await bankHolidays()
        var engines: [UUID: ClockEngine] = [:]
        let at = now()
        var result: [Clock] = []
        for history in try await histories(of: cases) {
            guard let organisationId = teams[history.caseRecord.teamId]?.organisationId,
                let organisation = organisations[organisationId]
            else { continue }
            if engines[organisationId] == nil {
                let closures = Set(try await closureDays(of: organisationId).map(\.date))
                engines[organisationId] = ClockEngine(
                    policy: organisation.policy,
                    calendar: WorkingDayCalendar(bankHolidays: holidays, closureDays: closures))
            }
            result += engines[organisationId]!.clocks(for: history, at: at)
        }
        return result.filter { clock in
            if let owner = filter.ownerId, clock.ownerId != owner { return false }
            if filter.overdueOnly { return clock.state == .overdue }
            if let window = filter.dueWithin {
                return clock.state.isRunning && clock.dueAt.timeIntervalSince(at) <= window
            }
            return filter.includeStopped || clock.state.isRunning
        }.sorted { $0.dueAt < $1.dueAt }
    }
}
