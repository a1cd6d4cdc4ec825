import ConveneCore
import ConveneStore
import Vapor

extension Request {
    private struct ListedCasesKey: StorageKey { typealias Value = Set<UUID> }

    /// The cases whose data a list answer shows, which its audit rows name (`AccessMiddleware`).
    /// Every list of case data says what it shows, before it answers.
    func listed(_ caseIds: some Sequence<UUID>) {
        storage[ListedCasesKey.self] = (storage[ListedCasesKey.self] ?? []).union(caseIds)
    }

    /// What `listed` gathered for this request; nil when the handler named no case.
    var listedCaseIds: Set<UUID>? { storage[ListedCasesKey.self] }
}

extension AccessMiddleware {
    /// The audit rows of a list read: one naming each case it showed, flagged with the reason where
    /// the reader sees that case through emergency access alone; one without a case when it
    /// showed none.
    static func listRows(route: String, _ req: Request) async throws -> [AuditEntry] {
        guard let listed = req.listedCaseIds, !listed.isEmpty else {
            return [AuditEntry(action: .read, route: route, recordKind: "list")]
        }
        var flagged: [UUID: String] = [:]
        if let person = req.principal?.professional, let role = req.principal?.role {
            for grant in try await req.store.openBreakGlassGrants(professionalId: person.id) where listed.contains(grant.caseId) {
                guard let target = try await req.store.accessTarget(.caseRecord, id: grant.caseId) else { continue }
                let relationships = try await req.store.relationships(of: person, to: target)
                if AccessPolicy.restsOnBreakGlass(.viewCase, role: role, relationships: relationships) {
                    flagged[grant.caseId] = grant.reason
                }
            }
        }
        return listed.sorted { $0.uuidString < $1.uuidString }.map {
            AuditEntry(
                action: .read, route: route, recordKind: "list", caseId: $0, breakGlass: flagged[$0] != nil, reason: flagged[$0])
        }
    }
}
