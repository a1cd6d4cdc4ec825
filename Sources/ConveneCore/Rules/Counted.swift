/// A number with its noun in the right number: "1 clock", "2 clocks", "1 case matches".
public func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
