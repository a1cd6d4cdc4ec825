import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// Emergency read access to a case in which you have no role, and the service manager's review of it.
struct BreakGlassPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showBreakGlass, use: show)
        routes.on(.postBreakGlass, use: open)
        routes.on(.postGrantAcknowledge, use: acknowledge)
    }

    struct AlertRow {
        var id: UUID
        var when: String
        var who: String
        var caseReference: String
        var reason: String
        /// What they read under it, from the audit log: each page or list with how many times.
        var reads: [String]
    }

    struct BreakGlassPage {
        var layout: Layout
        var caseReference: String
        var reason: String
        var alerts: [AlertRow]
        var errors: FormErrors
    }

    func show(req: Request) async throws -> View {
        try await render(req, fields: [:], errors: .none)
    }

    private func render(_ req: Request, fields: [String: String], errors: FormErrors) async throws -> View {
        let person = try req.actingProfessional()
        let store = req.store
        let alerts = try await store.breakGlassAlerts(for: person.id)
        let names = try await store.professionalNames(alerts.map(\.professionalId))
        let references = try await store.caseReferences(alerts.map(\.caseId))
        var rows: [AlertRow] = []
        for grant in alerts {
            let reads = try await store.readsUnder(grant).map { "\($0.route) × \($0.count)" }
            rows.append(
                AlertRow(
                    id: grant.id, when: req.zone.long(grant.grantedAt), who: names[grant.professionalId] ?? "",
                    caseReference: references[grant.caseId] ?? "", reason: grant.reason, reads: reads))
        }
        let page = BreakGlassPage(
            layout: req.layout("Emergency access", try await req.currentUser(), nav: "break-glass"),
            caseReference: fields["caseReference"] ?? "", reason: fields["reason"] ?? "", alerts: rows, errors: errors)
        return page.view
    }

    func open(req: Request) async throws -> Response {
        let person = try req.actingProfessional()
        let fields = try req.form()
        do {
            let grant = try await req.store.breakGlass(
                caseReference: fields["caseReference"], professionalId: person.id, reason: fields["reason"])
            // The grant itself, with its reason, in the audit log beside this request's row.
            try await req.store.appendAudit(
                AuditEntry(
                    action: .change, route: "POST /break-glass", recordKind: "break-glass", recordId: grant.id,
                    caseId: grant.caseId, breakGlass: true, reason: grant.reason), by: req.auditActor)
            return try await redirect(
                req, to: .caseRecord(.value(grant.caseId)),
                notice: "Emergency access open for one hour. The case's service manager sees it in their emergency access review."
            )
        } catch DomainError.invalid(let problems) {
            return try await render(
                req, fields: fields,
                errors: FormErrors(problems, labels: ["caseReference": "Case reference", "reason": "Reason"])
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func acknowledge(req: Request) async throws -> Response {
        let person = try req.actingProfessional()
        try await req.store.acknowledgeBreakGlass(try req.id("grantID", entity: "emergency access"), by: person.id)
        return try await redirect(req, to: .breakGlass, notice: "Marked as reviewed")
    }
}
