import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// For administrators: the audit viewer and the accounts list.
struct AdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showAuditLog, use: audit)
        routes.on(.showAccounts, use: accounts)
        routes.on(.postAccountDisable, use: disable)
        routes.on(.postAccountEnable, use: enable)
    }

    struct AccountOption {
        var id: UUID
        var name: String
        var selected: Bool
    }

    struct EventRow {
        var seq: Int
        var at: String
        var who: String
        var action: String
        var route: String
        var record: String
        var caseReference: String
        var address: String
        var breakGlass: Bool
        var reason: String?
    }

    struct AuditPage {
        var layout: Layout
        var accounts: [AccountOption]
        var caseReference: String
        var from: String
        var to: String
        var events: [EventRow]
        var errors: FormErrors
    }

    /// Filtered by user, case and date (organisation local dates, `to` inclusive).
    func audit(req: Request) async throws -> Response {
        let store = req.store
        let zone = req.zone
        var filter = AuditFilter()
        var problems: [FieldProblem] = []
        let accounts = try await store.accounts()
        if let text = req.query[String.self, at: "accountId"], !text.isEmpty {
            if let id = UUID(uuidString: text), accounts.contains(where: { $0.id == id }) {
                filter.accountId = id
            } else {
                problems.append(.init(field: "accountId", reason: "choose a user from the list"))
            }
        }
        let reference = (req.query[String.self, at: "case"] ?? "").trimmingCharacters(in: .whitespaces)
        if !reference.isEmpty {
            // References are unique within an organisation; a case id picks one when several share it.
            var found: [Case]
            if let id = UUID(uuidString: reference) {
                found = (try? await store.caseRecord(id)).map { [$0] } ?? []
            } else {
                found = try await store.cases(reference: reference)
            }
            switch found.count {
            case 0: problems.append(.init(field: "case", reason: "no case has this reference"))
            case 1: filter.caseId = found[0].id
            default:
                problems.append(
                    .init(field: "case", reason: "cases of \(found.count) organisations have this reference: enter the case's id")
                )
            }
        }
        func date(_ name: String) -> LocalDate? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let date = LocalDate(text) else {
                problems.append(.init(field: name, reason: "enter a real date, for example 2026-11-23"))
                return nil
            }
            return date
        }
        let from = date("from")
        let to = date("to")
        if let from, let to, to < from { problems.append(.init(field: "to", reason: "must be on or after the from date")) }
        filter.from = from.map { zone.instant(on: $0) }
        filter.to = to.map { zone.instant(on: $0.adding(days: 1)) }
        let events = problems.isEmpty ? try await store.auditEvents(filter) : []
        let references = try await store.caseReferences(events.compactMap(\.caseId))
        let timeFormatter = ISO8601DateFormatter()
        timeFormatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let page = AuditPage(
            layout: req.layout("Audit log", try await req.currentUser(), nav: "audit"),
            accounts: accounts.map {
                AccountOption(id: $0.id, name: "\($0.displayName) (\($0.username))", selected: $0.id == filter.accountId)
            },
            caseReference: reference, from: from?.description ?? "", to: to?.description ?? "",
            events: events.map { e in
                EventRow(
                    seq: e.seq, at: timeFormatter.date(from: e.at).map(zone.long) ?? e.at, who: e.username,
                    action: e.action.rawValue, route: e.route,
                    record: [e.recordKind, e.recordId?.uuidString.prefix(8).description].compactMap { $0 }.joined(separator: " "),
                    caseReference: e.caseId.flatMap { references[$0] } ?? "", address: e.address, breakGlass: e.breakGlass,
                    reason: e.reason)
            },
            errors: FormErrors(problems, labels: ["accountId": "User", "case": "Case reference", "from": "From", "to": "To"]))
        return try await page.view.encodeResponse(
            status: problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    struct AccountRow {
        var id: UUID
        var username: String
        var name: String
        var role: String
        var disabled: Bool
        var isSelf: Bool
    }

    struct AccountsPage {
        var layout: Layout
        var accounts: [AccountRow]
    }

    func accounts(req: Request) async throws -> View {
        let me = try req.signedIn().account.id
        let rows = try await req.store.accounts().map {
            AccountRow(
                id: $0.id, username: $0.username, name: $0.displayName, role: $0.role.label, disabled: $0.disabledAt != nil,
                isSelf: $0.id == me)
        }
        return AccountsPage(layout: req.layout("Accounts", try await req.currentUser(), nav: "accounts"), accounts: rows)
            .view
    }

    func disable(req: Request) async throws -> Response { try await setDisabled(req, true) }
    func enable(req: Request) async throws -> Response { try await setDisabled(req, false) }

    private func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        let id = try req.id("accountID", entity: "account")
        guard id != (try req.signedIn().account.id) else {
            throw DomainError.conflict("you cannot disable your own account; ask another administrator")
        }
        let account = try await req.store.setDisabled(id, disabled)
        return try await redirect(
            req, to: .accounts, notice: "\(account.username) \(disabled ? "disabled; their sessions have ended" : "enabled")")
    }
}
