/// Text as HTML shows it.
///
/// Plot writes attribute values exactly as given, and its `.text` leaves anything that looks like
/// an entity (`&amp;`) as it is, so a value typed by a person would change or break the page.
/// Every value a view shows goes through `htmlEscaped` once, by `.words` and `.attr`.
extension String {
    /// `& < > " '` as entities.
    var htmlEscaped: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return self
        }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
