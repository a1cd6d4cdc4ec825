import Testing

@testable import ConveneCore

@Suite("Access policy: role × relationship × state")
struct AccessPolicyTests {
    @Test func nothingIsAllowedWithoutARelationship() {
        for action in CaseAction.allCases {
            for role in AccessRole.allCases {
                #expect(!AccessPolicy.allows(action, role: role, relationships: []), "\(role) \(action)")
            }
        }
    }

    @Test func administratorsNeverSeeCaseData() {
        for action in CaseAction.allCases {
            #expect(!AccessPolicy.allows(action, role: .administrator, relationships: Set(Relationship.allCases)))
        }
    }

    @Test func partnerAgenciesSeeTheirMeetingButNeverTheWholeCase() {
        let invited: Set<Relationship> = [.invited]
        #expect(AccessPolicy.allows(.viewMeeting, role: .partnerProfessional, relationships: invited))
        #expect(!AccessPolicy.allows(.viewCase, role: .partnerProfessional, relationships: invited))
        #expect(!AccessPolicy.allows(.viewRequest, role: .partnerProfessional, relationships: invited))
        #expect(!AccessPolicy.allows(.editRecord, role: .partnerProfessional, relationships: invited))
        // A CSC professional invited to a meeting has a role in the case (DOMAIN §6).
        #expect(AccessPolicy.allows(.viewCase, role: .socialWorker, relationships: invited))
    }

    @Test(arguments: [
        (MinutesStatus.draft, false), (.finalised, true), (.circulated, true), (.amended, true),
    ])
    func inviteesReadMinutesOnlyOnceTheChairHasFinalisedThem(status: MinutesStatus, allowed: Bool) {
        let state = AccessState(minutesStatus: status)
        #expect(AccessPolicy.allows(.viewMinutes, role: .partnerProfessional, relationships: [.invited], state: state) == allowed)
        #expect(AccessPolicy.allows(.viewMinutes, role: .socialWorker, relationships: [.minutesShared], state: state) == allowed)
        #expect(AccessPolicy.allows(.viewMinutes, role: .teamManager, relationships: [.chairing], state: state))
    }

    @Test(arguments: [(RequestStatus.draft, false), (.submitted, false), (.approved, true)])
    func businessSupportSeesATeamRequestOnceApproved(status: RequestStatus, allowed: Bool) {
        let state = AccessState(requestStatus: status)
        #expect(AccessPolicy.allows(.viewRequest, role: .minuteTaker, relationships: [.teamSupport], state: state) == allowed)
        #expect(AccessPolicy.allows(.bookMeeting, role: .minuteTaker, relationships: [.teamSupport], state: state))
        #expect(!AccessPolicy.allows(.viewRequest, role: .socialWorker, relationships: [.teamSupport], state: state))
    }

    @Test func breakGlassReadsButNeverChanges() {
        let glass: Set<Relationship> = [.breakGlass]
        for action in [CaseAction.viewCase, .viewRequest, .viewMeeting, .viewAction, .viewMinutes] {
            #expect(AccessPolicy.allows(action, role: .socialWorker, relationships: glass), "\(action)")
        }
        for action in [CaseAction.editCase, .draftRequest, .editRecord, .finaliseMinutes, .shareMinutes, .decideRequest] {
            #expect(!AccessPolicy.allows(action, role: .teamManager, relationships: glass), "\(action)")
        }
    }

    @Test func onlyTheChairFinalisesAndSharesMinutesAndOnlyManagersDecideRequests() {
        #expect(AccessPolicy.allows(.finaliseMinutes, role: .teamManager, relationships: [.chairing]))
        #expect(!AccessPolicy.allows(.finaliseMinutes, role: .minuteTaker, relationships: [.minuteTaking]))
        #expect(AccessPolicy.allows(.shareMinutes, role: .serviceManager, relationships: [.chairing]))
        #expect(!AccessPolicy.allows(.shareMinutes, role: .serviceManager, relationships: [.managing]))
        #expect(AccessPolicy.allows(.decideRequest, role: .teamManager, relationships: [.managing]))
        #expect(!AccessPolicy.allows(.decideRequest, role: .socialWorker, relationships: [.allocated, .managing]))
    }

    @Test func anActionsOwnerMayUpdateItWhateverTheirAgency() {
        #expect(AccessPolicy.allows(.updateAction, role: .partnerProfessional, relationships: [.actionOwner]))
        #expect(!AccessPolicy.allows(.updateAction, role: .partnerProfessional, relationships: [.invited]))
    }
}
