import ConveneCore
import Foundation
import OpenAPIKit
import Vapor

/// A body the API answers with. It is the API's own type, made from Core's at the edge, so that
/// renaming a stored property changes no public key; its OpenAPI schema is derived from what
/// `sample` encodes (`SchemaEncoder`).
protocol APIResponseBody: Content {
    /// The name of its schema in the OpenAPI document.
    static var schemaName: String { get }
    /// A value with every optional property filled, so that its encoding shows every key.
    static var sample: Self { get }
}

/// A moment for the samples: 2026-11-23 13:00 UTC.
let sampleTime = Date(timeIntervalSince1970: 1_795_438_800)
/// A date for the samples.
let sampleDate = LocalDate(year: 2026, month: 11, day: 23)!

extension APIResponseBody {
    static var schemaName: String {
        String(describing: Self.self).replacingOccurrences(of: "Response", with: "")
    }

    /// Its schema, derived from what its sample encodes.
    static var schema: JSONSchema {
        // A sample of the API's own types always encodes.
        try! SchemaEncoder.schema(of: sample)
    }
}
