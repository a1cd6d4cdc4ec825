import Leaf

/// `#if(isEmpty(clocks))`: whether a list (or a record, or text) is empty or missing.
///
/// Templates use it instead of `count(clocks) == 0`: Leaf compares two different values by first
/// building its whole table of type conversions, so that test cost most when the list was not
/// empty, which is most of the time. This answers a boolean, which Leaf tests directly.
struct IsEmptyTag: LeafTag {
    func render(_ context: LeafContext) throws -> LeafData {
        try context.requireParameterCount(1)
        let value = context.parameters[0]
        if value.isNil { return .bool(true) }
        switch value.celf {
        case .array: return .bool(value.array?.isEmpty ?? true)
        case .dictionary: return .bool(value.dictionary?.isEmpty ?? true)
        case .string: return .bool(value.string?.isEmpty ?? true)
        default: return .bool(false)  // a number or a boolean is a value, not an empty one
        }
    }
}
