import Foundation

/// What the clock engine reads about one case.
public struct CaseHistory: Sendable {
    public var caseRecord: Case
    public var requests: [StrategyRequest]
    public var meetings: [Meeting]
    public var decisions: [Decision]
    public var actions: [SmartAction]

    public init(
        caseRecord: Case, requests: [StrategyRequest], meetings: [Meeting], decisions: [Decision],
        actions: [SmartAction]
    ) {
        self.caseRecord = caseRecord
        self.requests = requests
        self.meetings = meetings
        self.decisions = decisions
        self.actions = actions
    }
}
