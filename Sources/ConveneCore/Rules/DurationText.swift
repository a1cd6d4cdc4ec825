import Foundation

/// Parses the short durations people type for "due within": `30m`, `12h`, `2d`, `1w`.
public enum DurationText {
    /// Seconds, or nil for anything else (including zero, negatives and over a year).
    public static func seconds(_ text: String) -> TimeInterval? {
        // Bounded before multiplying, so no input can overflow.
        guard text.count <= 8, let unit = text.last, let number = Int(text.dropLast()), (1...600_000).contains(number) else {
            return nil
        }
        let seconds: Int
        switch unit {
        case "m": seconds = number * 60
        case "h": seconds = number * 3600
        case "d": seconds = number * 86_400
        case "w": seconds = number * 7 * 86_400
        default: return nil
        }
        return seconds <= 366 * 86_400 ? TimeInterval(seconds) : nil
    }
}
