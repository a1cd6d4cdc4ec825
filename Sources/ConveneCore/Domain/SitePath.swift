import Foundation

/// A path parameter: `.key` where a route is registered (`:caseID`), `.value` where a link is made.
public enum Parameter<Value: Sendable & CustomStringConvertible>: Sendable {
    case key
    case value(Value)
}

/// Every address Convene serves, its pages and its API, each written once, here. A route is
/// registered with its case's `.key` parameters (`pattern`); a link is made with values
/// (`href`), in pages and in the messages Convene sends.
public enum SitePath: Sendable {
    case signIn
    case account
    case accountSignOutEverywhere
    case accountTokens
    case accountTokenRevoke(Parameter<UUID>)
    case accounts
    case accountDisable(Parameter<UUID>)
    case accountEnable(Parameter<UUID>)
    case auditLog
    case outbox
    case outboxMessageRetry(Parameter<UUID>)
    case breakGlass
    case grantAcknowledge(Parameter<UUID>)
    case cases
    case caseRecord(Parameter<UUID>)
    case casePeople(Parameter<UUID>)
    case person(Parameter<UUID>, person: Parameter<UUID>)
    case casePersonRemove(Parameter<UUID>, person: Parameter<UUID>)
    case caseRequests(Parameter<UUID>)
    case newRequest(Parameter<UUID>)
    case newCase
    case casesSearch
    case dashboard
    case health
    case meeting(Parameter<UUID>)
    case meetingActions(Parameter<UUID>)
    case meetingAction(Parameter<UUID>, action: Parameter<UUID>)
    case meetingAttendance(Parameter<UUID>)
    case meetingCancel(Parameter<UUID>)
    case meetingChange(Parameter<UUID>, change: Parameter<UUID>, decision: Parameter<String>)
    case meetingContributions(Parameter<UUID>)
    case meetingDecision(Parameter<UUID>, kind: Parameter<String>)
    case meetingDissents(Parameter<UUID>)
    case meetingEscalations(Parameter<UUID>)
    case meetingEscalationResolve(Parameter<UUID>, escalation: Parameter<UUID>)
    case meetingInvitations(Parameter<UUID>)
    case meetingInvitationWithdraw(Parameter<UUID>, invitee: Parameter<UUID>)
    case minutes(Parameter<UUID>)
    case meetingMinutesAmendments(Parameter<UUID>)
    case meetingMinutesCirculate(Parameter<UUID>)
    case meetingMinutesCorrections(Parameter<UUID>)
    case meetingMinutesFinalise(Parameter<UUID>)
    case meetingMinutesShares(Parameter<UUID>)
    case meetingMinutesShareForm(Parameter<UUID>)
    case meetingMinutesShareRevoke(Parameter<UUID>, share: Parameter<UUID>)
    case meetingMove(Parameter<UUID>)
    case meetingRecord(Parameter<UUID>)
    case meetingReleasedPeople(Parameter<UUID>)
    case meetingSection(Parameter<UUID>, section: Parameter<String>)
    case metrics
    case myWork
    case myWorkReminders
    case openAPIDocument
    case ready
    case request(Parameter<UUID>)
    case requestApprove(Parameter<UUID>)
    case requestReturn(Parameter<UUID>)
    case schedule
    case scheduleBookings
    case signInForm
    case signOut
    case api(API)

    /// The addresses of the JSON API, under `/api/v1`.
    public enum API: Sendable {
        case actions
        case action(Parameter<UUID>)
        case actionHistory(Parameter<UUID>)
        case agencies
        case agency(Parameter<UUID>)
        case cases
        case caseRecord(Parameter<UUID>)
        case caseClocks(Parameter<UUID>)
        case caseMilestones(Parameter<UUID>)
        case casePeople(Parameter<UUID>)
        case casePerson(Parameter<UUID>, person: Parameter<UUID>)
        case caseRequests(Parameter<UUID>)
        case casesSearch
        case clocks
        case decisionReview(Parameter<UUID>)
        case dissent(Parameter<UUID>)
        case holidays
        case meetings
        case meeting(Parameter<UUID>)
        case meetingActions(Parameter<UUID>)
        case meetingAttendance(Parameter<UUID>, professional: Parameter<UUID>)
        case meetingCancel(Parameter<UUID>)
        case meetingChangeAcknowledge(Parameter<UUID>, change: Parameter<UUID>)
        case meetingChangeApprove(Parameter<UUID>, change: Parameter<UUID>)
        case meetingChangeDecline(Parameter<UUID>, change: Parameter<UUID>)
        case meetingContributions(Parameter<UUID>)
        case meetingDecision(Parameter<UUID>, kind: Parameter<String>)
        case meetingDissents(Parameter<UUID>)
        case meetingEscalations(Parameter<UUID>)
        case meetingEscalationResolve(Parameter<UUID>, escalation: Parameter<UUID>)
        case meetingInvitations(Parameter<UUID>)
        case meetingInvitation(Parameter<UUID>, invitee: Parameter<UUID>)
        case meetingMinutes(Parameter<UUID>)
        case meetingMinutesAmendments(Parameter<UUID>)
        case meetingMinutesCirculate(Parameter<UUID>)
        case meetingMinutesCorrections(Parameter<UUID>)
        case meetingMinutesDisclosures(Parameter<UUID>)
        case meetingMinutesFinalise(Parameter<UUID>)
        case meetingMinutesShares(Parameter<UUID>)
        case meetingMinutesShareRevoke(Parameter<UUID>, share: Parameter<UUID>)
        case meetingMove(Parameter<UUID>)
        case meetingQuorum(Parameter<UUID>)
        case meetingRecord(Parameter<UUID>)
        case meetingReleasedPeople(Parameter<UUID>)
        case organisations
        case organisation(Parameter<UUID>)
        case organisationClosureDays(Parameter<UUID>)
        case organisationPolicy(Parameter<UUID>)
        case organisationSlots(Parameter<UUID>)
        case organisationTeams(Parameter<UUID>)
        case policiesPresets
        case professionals
        case professional(Parameter<UUID>)
        case requests
        case request(Parameter<UUID>)
        case requestApprove(Parameter<UUID>)
        case requestReturn(Parameter<UUID>)
        case requestSubmit(Parameter<UUID>)
        case teams
        case team(Parameter<UUID>)
        case tokens
        case token(Parameter<UUID>)

        var segments: [Segment] {
            switch self {
            case .actions: return ["actions"]
            case .action(let action): return ["actions", .id("actionID", action)]
            case .actionHistory(let action): return ["actions", .id("actionID", action), "history"]
            case .agencies: return ["agencies"]
            case .agency(let agency): return ["agencies", .id("agencyID", agency)]
            case .cases: return ["cases"]
            case .caseRecord(let caseId): return ["cases", .id("caseID", caseId)]
            case .caseClocks(let caseId): return ["cases", .id("caseID", caseId), "clocks"]
            case .caseMilestones(let caseId): return ["cases", .id("caseID", caseId), "milestones"]
            case .casePeople(let caseId): return ["cases", .id("caseID", caseId), "people"]
            case .casePerson(let caseId, let person): return ["cases", .id("caseID", caseId), "people", .id("personID", person)]
            case .caseRequests(let caseId): return ["cases", .id("caseID", caseId), "requests"]
            case .casesSearch: return ["cases", "search"]
            case .clocks: return ["clocks"]
            case .decisionReview(let decision): return ["decisions", .id("decisionID", decision), "review"]
            case .dissent(let dissent): return ["dissents", .id("dissentID", dissent)]
            case .holidays: return ["holidays"]
            case .meetings: return ["meetings"]
            case .meeting(let meeting): return ["meetings", .id("meetingID", meeting)]
            case .meetingActions(let meeting): return ["meetings", .id("meetingID", meeting), "actions"]
            case .meetingAttendance(let meeting, let professional):
                return ["meetings", .id("meetingID", meeting), "attendance", .id("professionalID", professional)]
            case .meetingCancel(let meeting): return ["meetings", .id("meetingID", meeting), "cancel"]
            case .meetingChangeAcknowledge(let meeting, let change):
                return ["meetings", .id("meetingID", meeting), "changes", .id("changeID", change), "acknowledge"]
            case .meetingChangeApprove(let meeting, let change):
                return ["meetings", .id("meetingID", meeting), "changes", .id("changeID", change), "approve"]
            case .meetingChangeDecline(let meeting, let change):
                return ["meetings", .id("meetingID", meeting), "changes", .id("changeID", change), "decline"]
            case .meetingContributions(let meeting): return ["meetings", .id("meetingID", meeting), "contributions"]
            case .meetingDecision(let meeting, let kind):
                return ["meetings", .id("meetingID", meeting), "decisions", .text("kind", kind)]
            case .meetingDissents(let meeting): return ["meetings", .id("meetingID", meeting), "dissents"]
            case .meetingEscalations(let meeting): return ["meetings", .id("meetingID", meeting), "escalations"]
            case .meetingEscalationResolve(let meeting, let escalation):
                return ["meetings", .id("meetingID", meeting), "escalations", .id("escalationID", escalation), "resolve"]
            case .meetingInvitations(let meeting): return ["meetings", .id("meetingID", meeting), "invitations"]
            case .meetingInvitation(let meeting, let invitee):
                return ["meetings", .id("meetingID", meeting), "invitations", .id("inviteeID", invitee)]
            case .meetingMinutes(let meeting): return ["meetings", .id("meetingID", meeting), "minutes"]
            case .meetingMinutesAmendments(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "amendments"]
            case .meetingMinutesCirculate(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "circulate"]
            case .meetingMinutesCorrections(let meeting):
                return ["meetings", .id("meetingID", meeting), "minutes", "corrections"]
            case .meetingMinutesDisclosures(let meeting):
                return ["meetings", .id("meetingID", meeting), "minutes", "disclosures"]
            case .meetingMinutesFinalise(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "finalise"]
            case .meetingMinutesShares(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "shares"]
            case .meetingMinutesShareRevoke(let meeting, let share):
                return ["meetings", .id("meetingID", meeting), "minutes", "shares", .id("shareID", share), "revoke"]
            case .meetingMove(let meeting): return ["meetings", .id("meetingID", meeting), "move"]
            case .meetingQuorum(let meeting): return ["meetings", .id("meetingID", meeting), "quorum"]
            case .meetingRecord(let meeting): return ["meetings", .id("meetingID", meeting), "record"]
            case .meetingReleasedPeople(let meeting): return ["meetings", .id("meetingID", meeting), "released-people"]
            case .organisations: return ["organisations"]
            case .organisation(let organisation): return ["organisations", .id("organisationID", organisation)]
            case .organisationClosureDays(let organisation):
                return ["organisations", .id("organisationID", organisation), "closure-days"]
            case .organisationPolicy(let organisation): return ["organisations", .id("organisationID", organisation), "policy"]
            case .organisationSlots(let organisation): return ["organisations", .id("organisationID", organisation), "slots"]
            case .organisationTeams(let organisation): return ["organisations", .id("organisationID", organisation), "teams"]
            case .policiesPresets: return ["policies", "presets"]
            case .professionals: return ["professionals"]
            case .professional(let professional): return ["professionals", .id("professionalID", professional)]
            case .requests: return ["requests"]
            case .request(let request): return ["requests", .id("requestID", request)]
            case .requestApprove(let request): return ["requests", .id("requestID", request), "approve"]
            case .requestReturn(let request): return ["requests", .id("requestID", request), "return"]
            case .requestSubmit(let request): return ["requests", .id("requestID", request), "submit"]
            case .teams: return ["teams"]
            case .team(let team): return ["teams", .id("teamID", team)]
            case .tokens: return ["tokens"]
            case .token(let token): return ["tokens", .id("tokenID", token)]
            }
        }
    }

    /// The path's parts, in order.
    public var segments: [Segment] {
        switch self {
        case .signIn: return []
        case .account: return ["account"]
        case .accountSignOutEverywhere: return ["account", "sign-out-everywhere"]
        case .accountTokens: return ["account", "tokens"]
        case .accountTokenRevoke(let token): return ["account", "tokens", .id("tokenID", token), "revoke"]
        case .accounts: return ["admin", "accounts"]
        case .accountDisable(let account): return ["admin", "accounts", .id("accountID", account), "disable"]
        case .accountEnable(let account): return ["admin", "accounts", .id("accountID", account), "enable"]
        case .auditLog: return ["admin", "audit"]
        case .outbox: return ["admin", "outbox"]
        case .outboxMessageRetry(let message): return ["admin", "outbox", .id("messageID", message), "retry"]
        case .breakGlass: return ["break-glass"]
        case .grantAcknowledge(let grant): return ["break-glass", .id("grantID", grant), "acknowledge"]
        case .cases: return ["cases"]
        case .caseRecord(let caseId): return ["cases", .id("caseID", caseId)]
        case .casePeople(let caseId): return ["cases", .id("caseID", caseId), "people"]
        case .person(let caseId, let person): return ["cases", .id("caseID", caseId), "people", .id("personID", person)]
        case .casePersonRemove(let caseId, let person):
            return ["cases", .id("caseID", caseId), "people", .id("personID", person), "remove"]
        case .caseRequests(let caseId): return ["cases", .id("caseID", caseId), "requests"]
        case .newRequest(let caseId): return ["cases", .id("caseID", caseId), "requests", "new"]
        case .newCase: return ["cases", "new"]
        case .casesSearch: return ["cases", "search"]
        case .dashboard: return ["dashboard"]
        case .health: return ["health"]
        case .meeting(let meeting): return ["meetings", .id("meetingID", meeting)]
        case .meetingActions(let meeting): return ["meetings", .id("meetingID", meeting), "actions"]
        case .meetingAction(let meeting, let action):
            return ["meetings", .id("meetingID", meeting), "actions", .id("actionID", action)]
        case .meetingAttendance(let meeting): return ["meetings", .id("meetingID", meeting), "attendance"]
        case .meetingCancel(let meeting): return ["meetings", .id("meetingID", meeting), "cancel"]
        case .meetingChange(let meeting, let change, let decision):
            return ["meetings", .id("meetingID", meeting), "changes", .id("changeID", change), .text("decision", decision)]
        case .meetingContributions(let meeting): return ["meetings", .id("meetingID", meeting), "contributions"]
        case .meetingDecision(let meeting, let kind):
            return ["meetings", .id("meetingID", meeting), "decisions", .text("kind", kind)]
        case .meetingDissents(let meeting): return ["meetings", .id("meetingID", meeting), "dissents"]
        case .meetingEscalations(let meeting): return ["meetings", .id("meetingID", meeting), "escalations"]
        case .meetingEscalationResolve(let meeting, let escalation):
            return ["meetings", .id("meetingID", meeting), "escalations", .id("escalationID", escalation), "resolve"]
        case .meetingInvitations(let meeting): return ["meetings", .id("meetingID", meeting), "invitations"]
        case .meetingInvitationWithdraw(let meeting, let invitee):
            return ["meetings", .id("meetingID", meeting), "invitations", .id("inviteeID", invitee), "withdraw"]
        case .minutes(let meeting): return ["meetings", .id("meetingID", meeting), "minutes"]
        case .meetingMinutesAmendments(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "amendments"]
        case .meetingMinutesCirculate(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "circulate"]
        case .meetingMinutesCorrections(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "corrections"]
        case .meetingMinutesFinalise(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "finalise"]
        case .meetingMinutesShares(let meeting): return ["meetings", .id("meetingID", meeting), "minutes", "shares"]
        case .meetingMinutesShareForm(let meeting):
            return ["meetings", .id("meetingID", meeting), "minutes", "shares", "new"]
        case .meetingMinutesShareRevoke(let meeting, let share):
            return ["meetings", .id("meetingID", meeting), "minutes", "shares", .id("shareID", share), "revoke"]
        case .meetingMove(let meeting): return ["meetings", .id("meetingID", meeting), "move"]
        case .meetingRecord(let meeting): return ["meetings", .id("meetingID", meeting), "record"]
        case .meetingReleasedPeople(let meeting): return ["meetings", .id("meetingID", meeting), "released-people"]
        case .meetingSection(let meeting, let section):
            return ["meetings", .id("meetingID", meeting), "sections", .text("section", section)]
        case .metrics: return ["metrics"]
        case .myWork: return ["my-work"]
        case .myWorkReminders: return ["my-work", "reminders"]
        case .openAPIDocument: return ["openapi.json"]
        case .ready: return ["ready"]
        case .request(let request): return ["requests", .id("requestID", request)]
        case .requestApprove(let request): return ["requests", .id("requestID", request), "approve"]
        case .requestReturn(let request): return ["requests", .id("requestID", request), "return"]
        case .schedule: return ["schedule"]
        case .scheduleBookings: return ["schedule", "bookings"]
        case .signInForm: return ["sign-in"]
        case .signOut: return ["sign-out"]
        case .api(let api): return ["api", "v1"] + api.segments
        }
    }

    /// One part of a path: a name, or a parameter with its name and, in a link, its value.
    public enum Segment: Sendable, ExpressibleByStringLiteral {
        case name(String)
        case parameter(String, value: String?)

        public init(stringLiteral name: String) { self = .name(name) }

        static func id(_ name: String, _ parameter: Parameter<UUID>) -> Segment { .parameter(name, parameter) }
        static func text(_ name: String, _ parameter: Parameter<String>) -> Segment { .parameter(name, parameter) }

        static func parameter<V>(_ name: String, _ parameter: Parameter<V>) -> Segment {
            switch parameter {
            case .key: return .parameter(name, value: nil)
            case .value(let value): return .parameter(name, value: value.description)
            }
        }
    }

    /// The link: `/cases/3F2A…`. A parameter given as `.key` is written as its pattern (`:caseID`).
    public var href: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .name(let name): return name
                case .parameter(let name, let value): return value ?? ":\(name)"
                }
            }.joined(separator: "/")
    }

    /// The route's pattern, every parameter by its name: `/cases/:caseID`.
    public var pattern: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .name(let name): return name
                case .parameter(let name, _): return ":\(name)"
                }
            }.joined(separator: "/")
    }
}
