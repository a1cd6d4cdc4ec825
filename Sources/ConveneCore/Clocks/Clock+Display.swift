import Foundation

extension Clock {
    /// "2h 15m left", "3d 4h overdue", "met", for people scanning a list.
    public func timeLeftText(at now: Date) -> String {
        switch state {
        case .met: return "met"
        case .metLate: return "met late"
        case .open, .dueSoon, .overdue:
            let seconds = Int(secondsLeft(at: now))
            let text = Self.span(abs(seconds))
            return seconds >= 0 ? "\(text) left" : "\(text) overdue"
        }
    }

    /// A rough span: days and hours, or hours and minutes under a day.
    public static func span(_ seconds: Int) -> String {
        let days = seconds / 86_400
        let hours = (seconds % 86_400) / 3600
        let minutes = (seconds % 3600) / 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m"
    }

    /// Red, amber or green, as the dashboards show it.
    public var rag: String {
        switch state {
        case .overdue, .metLate: return "red"
        case .dueSoon: return "amber"
        case .open, .met: return "green"
        }
    }
}
