import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// A change sent twice is answered once. The API's `Idempotency-Key` header names a change; a
/// repeat with the same key gets the first answer (its status, `Location`, `ETag` and body), and
/// the same key with another request is refused (422). Every page form carries a one-time token
/// (`_formToken`, new at each page view): a second identical post of it (a double click, a
/// resubmitted page) gets the first answer, so two fast clicks on "Add person" add one person.
/// The answer is kept in the change's own transaction, so a change that fails keeps nothing.
enum Idempotency {
    static let header = "Idempotency-Key"
    static let formField = "_formToken"

    /// What names this change, if anything does.
    struct Key {
        var text: String
        var bodyHash: String
        /// An API key must name one request; a form token names one page view's forms, so a
        /// different body under it is simply another form.
        var strict: Bool
    }

    static func key(of req: Request) async throws -> Key? {
        if ProblemMiddleware.isAPI(req) {
            guard let text = req.headers.first(name: header) else { return nil }
            // Middleware runs before the route collects the body; collect it here (the route reuses it).
            if req.body.data == nil { _ = try await req.body.collect(max: 1_048_576).get() }
            guard (1...255).contains(text.count), text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
                throw DomainError.invalid(
                    header, "must be 1 to 255 visible ASCII characters, such as a UUID; send a new one for each new change")
            }
            return Key(text: "api:\(text)", bodyHash: Fingerprint.sha256(canonicalJSON(req.body.data)), strict: true)
        }
        guard let token = try? req.content.get(String.self, at: formField), !token.isEmpty, token.count <= 100 else {
            return nil
        }
        // The fields in name order: the same form sent again is the same change, whatever the order.
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let hash = Fingerprint.sha256(fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&"))
        // Scoped to the address and the body: another form of the same page view is another change.
        return Key(text: "form:\(token):\(req.url.path):\(hash)", bodyHash: hash, strict: false)
    }

    /// The body as JSON with its keys in order, so a client that sends the same object again in
    /// another key order sends the same change; a body that is not JSON, as it came.
    static func canonicalJSON(_ body: ByteBuffer?) -> String {
        guard let body else { return "" }
        let data = Data(buffer: body)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        else { return String(decoding: data, as: UTF8.self) }
        return String(decoding: sorted, as: UTF8.self)
    }

    /// Answers a repeat from the kept answer, or runs the change and keeps its answer.
    static func respond(
        _ req: Request, store: ConveneStore, accountId: UUID, key: Key, _ change: () async throws -> Response
    ) async throws -> Response {
        if let kept = try await store.idempotentResponse(accountId: accountId, key: key.text) {
            guard
                !key.strict || (kept.method == req.method.rawValue && kept.path == req.url.path && kept.bodyHash == key.bodyHash)
            else {
                throw DomainError.invalid(
                    header,
                    "was already used for another request (\(kept.method) \(kept.path)); send a new key for each new change")
            }
            return replay(kept)
        }
        let response = try await change()
        // Kept: an API success, or a form's redirect. A page shown in answer to a form is never kept
        // (it can hold what must be shown once, such as a new API token).
        let kept = key.strict ? response.status.code < 400 : (300..<400).contains(response.status.code)
        guard kept, let body = response.body.buffer.map({ String(buffer: $0) }) ?? .some("") else { return response }
        try await store.keep(
            IdempotentResponse(
                id: UUID(), accountId: accountId, key: key.text, method: req.method.rawValue, path: req.url.path,
                bodyHash: key.bodyHash, status: Int(response.status.code),
                contentType: response.headers.first(name: .contentType), location: response.headers.first(name: .location),
                etag: response.headers.first(name: .eTag), body: body, createdAt: store.now()))
        return response
    }

    private static func replay(_ kept: IdempotentResponse) -> Response {
        let response = Response(status: HTTPResponseStatus(statusCode: kept.status))
        if let type = kept.contentType { response.headers.replaceOrAdd(name: .contentType, value: type) }
        if let location = kept.location { response.headers.replaceOrAdd(name: .location, value: location) }
        if let etag = kept.etag { response.headers.replaceOrAdd(name: .eTag, value: etag) }
        response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
        if let body = kept.body, !body.isEmpty { response.body = .init(string: body) }
        return response
    }
}
