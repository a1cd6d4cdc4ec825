import Foundation

/// Everything a person can do to case data. Each route names one.
public enum CaseAction: String, Sendable, CaseIterable {
    case viewCase, editCase
    case viewRequest, draftRequest, editRequest, submitRequest, decideRequest
    case bookMeeting, viewMeeting, rearrangeMeeting, editRecord, releaseFamilyDetails, reviewDecision, resolveDissent
    case viewAction, updateAction
    case escalate, resolveEscalation
    case viewMinutes, finaliseMinutes, circulateMinutes, correctMinutes, amendMinutes
    case shareMinutes, viewDisclosures
}

/// The state of the record that an action touches, where it matters to access.
public struct AccessState: Sendable, Equatable {
    public var requestStatus: RequestStatus?
    public var minutesStatus: MinutesStatus?

    public init(requestStatus: RequestStatus? = nil, minutesStatus: MinutesStatus? = nil) {
        self.requestStatus = requestStatus
        self.minutesStatus = minutesStatus
    }
}

/// Decides every action on case data from role × relationship × state. Denied by default:
/// an action is allowed only where a rule below says so.
public enum AccessPolicy {
    /// True when `role`, standing to the record as `relationships`, may do `action` in `state`.
    public static func allows(
        _ action: CaseAction, role: AccessRole, relationships: Set<Relationship>, state: AccessState = AccessState()
    ) -> Bool {
        guard role != .administrator else { return false }  // administrators run the system, not cases
        let csc = role.isChildrensSocialCare
        func any(_ wanted: Relationship...) -> Bool { !relationships.isDisjoint(with: wanted) }
        /// People with a role in the case itself (DOMAIN §6); partner agencies never see the case as a whole.
        let caseTeam = csc && any(.allocated, .managing, .chairing, .minuteTaking, .invited, .breakGlass)
        let runsMeeting = any(.chairing, .minuteTaking)

        switch action {
        case .viewCase:
            return caseTeam
        case .editCase, .draftRequest, .editRequest, .submitRequest:
            // Whether a request can still change is the request's own rule (409), not an access question.
            return csc && any(.allocated, .managing)
        case .viewRequest:
            // Business support sees a team's request once it is approved and ready to book.
            return caseTeam || (role == .minuteTaker && any(.teamSupport) && state.requestStatus == .approved)
        case .decideRequest:
            return (role == .teamManager || role == .serviceManager) && any(.managing)
        case .bookMeeting:
            return (role == .minuteTaker && any(.teamSupport)) || (csc && any(.managing))
        case .viewMeeting:
            // What each sees of it is `meetingAudience`: invitees see the logistics and what the chair released.
            return caseTeam || any(.invited, .chairing, .minuteTaking)
        case .rearrangeMeeting:
            return csc && (runsMeeting || any(.managing))
        case .editRecord:
            return runsMeeting
        case .releaseFamilyDetails:
            // The chair decides what is shared (seed 003).
            return any(.chairing)
        case .reviewDecision, .resolveDissent, .resolveEscalation:
            return csc && (any(.chairing) || any(.managing))
        case .escalate:
            // In any state of the minutes: non-attendance and disagreement go up a level when they arise.
            return csc && (runsMeeting || any(.allocated, .managing))
        case .viewAction:
            // An action is part of the record: invitees see their own, and the others once the
            // chair has finalised the minutes.
            if caseTeam || any(.chairing, .minuteTaking, .actionOwner) { return true }
            return any(.invited) && state.minutesStatus != nil && state.minutesStatus != .draft
        case .updateAction:
            return any(.actionOwner) || runsMeeting || (csc && any(.managing))
        case .viewMinutes:
            // Confidential: the people who run the meeting and the case team; invitees and those given the
            // chair's permission once the chair has finalised them.
            if runsMeeting || (csc && any(.allocated, .managing, .breakGlass)) { return true }
            let released = state.minutesStatus != nil && state.minutesStatus != .draft
            return released && any(.invited, .minutesShared)
        case .finaliseMinutes, .amendMinutes, .shareMinutes:
            return any(.chairing)
        case .circulateMinutes:
            return runsMeeting
        case .correctMinutes:
            // Corrections before circulation are refused by the minutes' own rules (409).
            return any(.invited, .chairing, .minuteTaking) || (csc && any(.allocated, .managing))
        case .viewDisclosures:
            return csc && (any(.chairing, .managing))
        }
    }
}

extension AccessPolicy {
    /// True when `action` is allowed only because of an emergency (break-glass) grant: such access
    /// is flagged in the audit log with the grant's reason.
    public static func restsOnBreakGlass(
        _ action: CaseAction, role: AccessRole, relationships: Set<Relationship>, state: AccessState = AccessState()
    ) -> Bool {
        guard relationships.contains(.breakGlass) else { return false }
        var others = relationships
        others.remove(.breakGlass)
        return !allows(action, role: role, relationships: others, state: state)
    }
}
