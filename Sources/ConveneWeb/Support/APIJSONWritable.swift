import NIOCore

/// A value the API writes field by field itself, not through its `Encodable` conformance: for
/// what a list writes by the hundred (the dashboard's clocks), where building each value's
/// tree took a quarter of the request. Its bytes must be those Foundation's encoder writes from
/// the conformance (keys sorted, absent optionals left out), which `APIJSONEncoderTests` checks.
protocol APIJSONWritable: Encodable {
    func writeJSON(to buffer: inout ByteBuffer) throws
}

extension Array: APIJSONWritable where Element: APIJSONWritable {
    func writeJSON(to buffer: inout ByteBuffer) throws {
        try buffer.writeJSONArray(self) { item, buffer in try item.writeJSON(to: &buffer) }
    }
}

extension ByteBuffer {
    /// Writes `items` as a JSON array, each written by `write`.
    mutating func writeJSONArray<Item>(_ items: [Item], _ write: (Item, inout ByteBuffer) throws -> Void) rethrows {
        writeInteger(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { writeInteger(UInt8(ascii: ",")) }
            try write(item, &self)
        }
        writeInteger(UInt8(ascii: "]"))
    }

    /// Writes a field: `prefix` is what comes before its value (a comma or brace and the quoted
    /// key); a nil value, an optional that is absent, writes nothing, as synthesized code leaves
    /// it out.
    mutating func writeJSONField(_ prefix: StaticString, _ value: APIJSONValue?) throws {
        guard let value else { return }
        writeStaticString(prefix)
        try value.write(to: &self)
    }
}
