/// Line-by-line differences between two versions of a text, for the minutes' version history.
public enum LineDiff {
    public enum Change: String, Sendable, Codable {
        case same, added, removed
    }

    public struct Line: Sendable, Equatable, Codable {
        public var change: Change
        public var text: String
    }

    /// The longest-common-subsequence diff of the lines of `old` and `new`.
    public static func lines(from old: String, to new: String) -> [Line] {
        // Any line ending ("\r\n" is one Character in Swift, so splitting on "\n" would miss it).
        let a = old.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let b = new.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append(Line(change: .same, text: a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                result.append(Line(change: .removed, text: a[i]))
                i += 1
            } else {
                result.append(Line(change: .added, text: b[j]))
                j += 1
            }
        }
        return result
    }
}
