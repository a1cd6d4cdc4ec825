/// A noun in the number a count needs: "clock" for 1, "clocks" otherwise.
public func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    count == 1 ? singular : plural ?? singular + "s"
}

/// A number with its noun in the right number: "1 clock", "2 clocks", "1 case matches".
public func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(noun(count, singular, plural))"
}
