import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// For administrators: the outbox, the messages queued, sent, failed and not notified, with a
/// retry for each failed one.
struct OutboxPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showOutbox, use: outbox)
        routes.on(.postOutboxMessageRetry, use: retry)
    }

    struct StatusOption {
        var value: String
        var label: String
        var count: Int
        var selected: Bool
    }

    struct MessageRow {
        var id: UUID
        var created: String
        var status: String
        var failed: Bool
        var kind: String
        var caseReference: String
        var recipient: String
        var address: String
        var attempts: Int
        var sent: String
        var isSent: Bool
        var nextTry: String
        var isQueued: Bool
        var lastError: String
    }

    struct OutboxPage {
        var layout: Layout
        var statuses: [StatusOption]
        var total: Int
        /// "Messages 101–200 of 432".
        var range: String
        /// Newer and older messages, when there are.
        var previousHref: String?
        var nextHref: String?
        var messages: [MessageRow]
        var errors: FormErrors
    }

    static let pageSize = 100

    func outbox(req: Request) async throws -> Response {
        let zone = req.zone
        var problems: [FieldProblem] = []
        var status: MessageStatus?
        if let text = req.query[String.self, at: "status"], !text.isEmpty {
            status = MessageStatus(rawValue: text)
            if status == nil { problems.append(.init(field: "status", reason: "choose a state from the list")) }
        }
        let offset = try ListPage.offset(req)
        let page = try await req.store.outbox(status: status, limit: Self.pageSize, offset: offset)
        let references = try await req.store.caseReferences(page.messages.compactMap(\.caseId))
        /// The page at `offset`, of the same state.
        func href(_ offset: Int) -> String {
            SitePath.outbox.href + "?offset=\(offset)" + (status.map { "&status=\($0.rawValue)" } ?? "")
        }
        let rows = page.messages.map { m in
            MessageRow(
                id: m.id, created: zone.long(m.createdAt), status: m.status.label, failed: m.status == .failed,
                kind: m.kind.label, caseReference: m.caseId.flatMap { references[$0] } ?? "", recipient: m.recipientName,
                address: m.recipientAddress ?? "no email address", attempts: m.attempts,
                sent: m.sentAt.map(zone.long) ?? "", isSent: m.sentAt != nil,
                nextTry: m.status == .queued ? zone.long(m.nextAttemptAt) : "", isQueued: m.status == .queued,
                lastError: m.lastError ?? "")
        }
        let view = OutboxPage(
            layout: req.layout("Outbox", try await req.currentUser(), nav: "outbox"),
            statuses: MessageStatus.allCases.map {
                StatusOption(value: $0.rawValue, label: $0.label, count: page.counts[$0] ?? 0, selected: $0 == status)
            },
            total: page.total,
            range: rows.isEmpty
                ? "No messages." : "Messages \(offset + 1)–\(offset + rows.count) of \(page.total), newest first.",
            previousHref: offset > 0 ? href(max(0, offset - Self.pageSize)) : nil,
            nextHref: offset + rows.count < page.total ? href(offset + Self.pageSize) : nil, messages: rows,
            errors: FormErrors(problems, labels: ["status": "State"]))
        return try await view.view.encodeResponse(
            status: problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    func retry(req: Request) async throws -> Response {
        let id = try req.id("messageID", entity: "message")
        let message = try await req.store.retryMessage(id)
        return try await redirect(req, to: .outbox, notice: "Message to \(message.recipientName) queued again")
    }
}
