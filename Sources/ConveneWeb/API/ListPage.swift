import Foundation
import Vapor

/// The page of a list that an API call asks for: `limit` items (1–500, 100 unless given) after
/// the first `offset`. Lists that grow with the years answer a page at a time, with
/// `X-Total-Count` and `Link` (next, prev) so that no client takes the first page for the whole.
struct ListPage {
    /// How many items a page holds unless `limit` says otherwise, and the most it may.
    static let size = 100
    static let largest = 500
    /// The furthest a page may start: beyond any list Convene will hold, and within every database's integers.
    static let furthestOffset = 1_000_000_000

    var limit: Int
    var offset: Int

    /// Reads `limit` and `offset` from the query string; a bad value is a 422 naming it.
    init(_ req: Request) throws {
        limit =
            try req.query(
                "limit", parse: { Int($0).flatMap { (1...Self.largest).contains($0) ? $0 : nil } },
                expected: "a whole number from 1 to \(Self.largest)") ?? Self.size
        offset = try Self.offset(req)
    }

    /// The `offset` of the query string (0 when absent); a negative, too large or non-numeric one
    /// is a 422. Pages whose size is fixed (the Cases page) read only this.
    static func offset(_ req: Request) throws -> Int {
        try req.query(
            "offset", parse: { Int($0).flatMap { (0...Self.furthestOffset).contains($0) ? $0 : nil } },
            expected: "a whole number from 0 to \(Self.furthestOffset)") ?? 0
    }

    /// The reply with the page's items, how many match in all, and links to the pages either side.
    func response(_ items: some Content, total: Int, for req: Request) async throws -> Response {
        let response = try await items.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "X-Total-Count", value: String(total))
        var links: [String] = []
        if offset + limit < total { links.append(link(req, offset: offset + limit, "next")) }
        if offset > 0 { links.append(link(req, offset: max(0, offset - limit), "prev")) }
        if !links.isEmpty { response.headers.replaceOrAdd(name: .link, value: links.joined(separator: ", ")) }
        return response
    }

    /// A `Link` header entry for another page of the same list.
    private func link(_ req: Request, offset: Int, _ relation: String) -> String {
        var parts = URLComponents()
        parts.path = req.url.path
        parts.queryItems =
            (URLComponents(string: req.url.string)?.queryItems ?? []).filter { $0.name != "offset" && $0.name != "limit" }
            + [URLQueryItem(name: "limit", value: String(limit)), URLQueryItem(name: "offset", value: String(offset))]
        return "<\(parts.string ?? req.url.path)>; rel=\"\(relation)\""
    }
}
