import ConveneCore
import Foundation
import Testing

@Suite("Request, scheduling and record rules")
struct RulesTests {
    let now = Fixture.at("2026-11-23", "12:00")
    let police = Agency(id: Fixture.id(100), name: "Police", kind: .police)
    let health = Agency(id: Fixture.id(101), name: "Health", kind: .health)
    let csc = Agency(id: Fixture.id(102), name: "CSC", kind: .childrensSocialCare)

    func professional(_ n: Int, _ role: ProfessionalRole, _ agency: Agency) -> Professional {
        Professional(
            id: Fixture.id(n), name: "P\(n)", role: role, jobTitle: "t", agencyId: agency.id, teamId: nil, email: "p@x.example",
            phone: nil)
    }

    @Test func emptyRequestNamesEveryMissingField() {
        let request = StrategyRequest(
            id: Fixture.id(1), caseId: Fixture.id(2), draftedBy: Fixture.id(3), createdAt: now, updatedAt: now)
        let fields = RequestRules.problemsBeforeSubmitting(
            request, people: [], invitees: [], agencies: [], now: now, zone: Fixture.zone, limits: .standard
        ).map(\.field)
        for field in ["urgency", "trigger", "concernIdentifiedAt", "presentingIssue", "rationale", "children", "inviteeIds"] {
            #expect(fields.contains(field), "\(field) not named")
        }
    }

    @Test func otherUrgencyNeedsTheServiceManagersRationaleAndDate() {
        var request = StrategyRequest(
            id: Fixture.id(1), caseId: Fixture.id(2), draftedBy: Fixture.id(3), createdAt: now, updatedAt: now)
        request.urgency = .other
        let fields = RequestRules.problemsBeforeSubmitting(
            request, people: [], invitees: [], agencies: [], now: now, zone: Fixture.zone, limits: .standard
        ).map(\.field)
        #expect(fields.contains("urgencyRationale") && fields.contains("urgencyAgreedBy") && fields.contains("otherDueDate"))
    }

    @Test func completeRequestHasNoProblemsAndAChildWithoutDetailsIsNamed() {
        let request = StrategyRequest(
            id: Fixture.id(1), caseId: Fixture.id(2), urgency: .standard, trigger: .disclosure,
            concernIdentifiedAt: now.addingTimeInterval(-3600), presentingIssue: "p", rationale: "r",
            draftedBy: Fixture.id(3), createdAt: now, updatedAt: now)
        let child = CasePerson(
            id: Fixture.id(5), caseId: Fixture.id(2), role: .child, fullName: "A Child", dateOfBirth: Fixture.date("2018-01-01"),
            ethnicity: "e", disability: "None known", caseNumber: "1", address: "a", relationship: nil, checksRequired: nil)
        let invitees = [professional(10, .partnerProfessional, police), professional(11, .partnerProfessional, health)]
        #expect(
            RequestRules.problemsBeforeSubmitting(
                request, people: [child], invitees: invitees, agencies: [police, health], now: now, zone: Fixture.zone,
                limits: .standard
            ).isEmpty)
        var vague = child
        vague.address = nil
        vague.dateOfBirth = nil
        let fields = RequestRules.problemsBeforeSubmitting(
            request, people: [vague], invitees: invitees, agencies: [police, health], now: now, zone: Fixture.zone,
            limits: .standard
        ).map(\.field)
        #expect(fields == ["people.\(child.id).dateOfBirth", "people.\(child.id).address"])
    }

    @Test func futureConcernTimeIsRefused() {
        var request = StrategyRequest(
            id: Fixture.id(1), caseId: Fixture.id(2), draftedBy: Fixture.id(3), createdAt: now, updatedAt: now)
        request.concernIdentifiedAt = now.addingTimeInterval(86_400)
        #expect(
            RequestRules.fieldProblems(of: request, now: now, zone: Fixture.zone, limits: .standard).map(\.field) == [
                "concernIdentifiedAt"
            ])
    }

    @Test func datesOutsideTheLocalLimitsAreRefusedByField() throws {
        // Given the standard limits, on 23 Nov 2026
        var request = StrategyRequest(
            id: Fixture.id(1), caseId: Fixture.id(2), draftedBy: Fixture.id(3), createdAt: now, updatedAt: now)
        func problems(_ limits: DateLimits = .standard) -> [String: String] {
            Dictionary(
                RequestRules.fieldProblems(of: request, now: now, zone: Fixture.zone, limits: limits).map {
                    ($0.field, $0.reason)
                },
                uniquingKeysWith: { a, _ in a })
        }
        // A concern 366 days back is refused, 365 days back is not
        request.concernIdentifiedAt = Fixture.at("2025-11-22", "12:00")
        #expect(problems()["concernIdentifiedAt"]?.hasPrefix("must be within the last 365 days") == true)
        request.concernIdentifiedAt = Fixture.at("2025-11-23", "12:00")
        #expect(problems().isEmpty)
        // An authority whose policy allows two years back accepts it
        request.concernIdentifiedAt = Fixture.at("2025-01-02", "12:00")
        #expect(problems()["concernIdentifiedAt"] != nil)
        #expect(problems(DateLimits(earliestYear: 2000, concernDaysBack: 730, childAgeYears: 25, daysAhead: 365)).isEmpty)
        // A concern dated 1900 names the year; an incident in 1999 too
        request.concernIdentifiedAt = Fixture.at("1900-01-01", "12:00")
        request.incidentDate = Fixture.date("1999-12-31")
        #expect(problems()["concernIdentifiedAt"] == "must be in 2000 or later; check the year")
        #expect(problems()["incidentDate"] == "must be in 2000 or later; check the year")

        // A child born more than 25 years ago is refused; an adult born then is not
        let today = Fixture.date("2026-11-23")
        var child = PersonInput(role: .child, fullName: "A Child", dateOfBirth: Fixture.date("2001-11-22"))
        #expect(throws: DomainError.self) { try child.validate(today: today, limits: .standard) }
        child.dateOfBirth = Fixture.date("2001-11-23")
        try child.validate(today: today, limits: .standard)
        let adult = PersonInput(role: .parentCarer, fullName: "An Adult", dateOfBirth: Fixture.date("1970-05-01"))
        try adult.validate(today: today, limits: .standard)

        // An action due more than 365 days ahead is refused
        let tooLate = ActionInput(description: "d", ownerId: Fixture.id(9), dueAt: Fixture.at("2027-11-24", "12:00"))
        #expect(throws: DomainError.invalid("dueAt", "must be within 365 days from today; set a nearer date and review it then"))
        {
            try tooLate.validate(now: now, zone: Fixture.zone, limits: .standard)
        }
        let inAYear = ActionInput(description: "d", ownerId: Fixture.id(9), dueAt: Fixture.at("2027-11-23", "12:00"))
        try inAYear.validate(now: now, zone: Fixture.zone, limits: .standard)

        // A referral before 2000 is refused
        #expect(throws: DomainError.self) {
            try CaseInput(
                teamId: Fixture.id(4), reference: "R", caseType: .newReferral, referralDate: Fixture.date("1999-06-01"),
                socialWorkerId: Fixture.id(5), teamManagerId: Fixture.id(6), serviceManagerId: Fixture.id(7)
            ).validate(today: today, limits: .standard)
        }
        // And limits themselves are checked
        #expect(DateLimits(earliestYear: 1800, concernDaysBack: 0, childAgeYears: 25, daysAhead: 365).validate().count == 2)
    }

    @Test func standardSlotsSkipWeekendsAndBankHolidays() {
        let scheduling = Scheduling(policy: .twoHourTwentyFourHour, calendar: .englandAndWales)
        #expect(scheduling.slots(on: Fixture.date("2026-11-23")).count == 7)
        #expect(scheduling.slots(on: Fixture.date("2026-11-28")).isEmpty)  // Saturday
        #expect(scheduling.slots(on: Fixture.date("2026-12-28")).isEmpty)  // substitute Boxing Day
        #expect(scheduling.isStandardSlot(Fixture.at("2026-11-24", "13:00")))
        #expect(!scheduling.isStandardSlot(Fixture.at("2026-11-24", "12:00")))
    }

    @Test func bookingRefusesOffSlotTimesAndDoubleBookingOfChairOrMinuteTaker() {
        let scheduling = Scheduling(policy: .twoHourTwentyFourHour, calendar: .englandAndWales)
        let chair = Fixture.id(20)
        let taker = Fixture.id(21)
        #expect(
            scheduling.problems(
                start: Fixture.at("2026-11-24", "12:30"), isImmediate: false, chairId: chair, minuteTakerId: taker, others: [],
                now: now
            ).map(\.field) == ["start"])
        #expect(
            scheduling.problems(
                start: Fixture.at("2026-11-24", "12:30"), isImmediate: true, chairId: chair, minuteTakerId: taker, others: [],
                now: now
            ).isEmpty)
        let other = Meeting(
            id: Fixture.id(30), caseId: Fixture.id(31), requestId: Fixture.id(32),
            scheduledStart: Fixture.at("2026-11-24", "10:00"), scheduledEnd: Fixture.at("2026-11-24", "11:00"),
            isImmediate: false, chairId: chair, minuteTakerId: Fixture.id(99), createdAt: now)
        let clash = scheduling.problems(
            start: Fixture.at("2026-11-24", "10:00"), isImmediate: false, chairId: chair, minuteTakerId: taker, others: [other],
            now: now)
        #expect(clash.map(\.field) == ["chairId"])
        let otherTaker = scheduling.problems(
            start: Fixture.at("2026-11-24", "10:00"), isImmediate: false, chairId: Fixture.id(98), minuteTakerId: Fixture.id(99),
            others: [other], now: now)
        #expect(otherTaker.map(\.field) == ["minuteTakerId"])
        #expect(
            scheduling.problems(
                start: Fixture.at("2026-11-24", "11:00"), isImmediate: false, chairId: chair, minuteTakerId: taker,
                others: [other], now: now
            ).isEmpty)
    }

    @Test func notInformingParentsNeedsAReasonAndAReviewDate() {
        let input = DecisionInput(answer: "no", rationale: "risk", decidedBy: Fixture.id(1))
        #expect(
            throws: DomainError.invalid([
                FieldProblem(field: "parentsNotInformedReason", reason: "is required when parents are not informed"),
                FieldProblem(field: "byDate", reason: "a review date is required when parents are not informed"),
            ])
        ) { try input.validate(kind: .informParents, meetingDate: Fixture.date("2026-11-23")) }
        let complete = DecisionInput(
            answer: "no", rationale: "risk", decidedBy: Fixture.id(1), parentsNotInformedReason: .evidenceDestroyed,
            byDate: Fixture.date("2026-11-26"))
        #expect(throws: Never.self) { try complete.validate(kind: .informParents, meetingDate: Fixture.date("2026-11-23")) }
    }

    @Test func decisionAnswersMustBelongToTheirKind() {
        let input = DecisionInput(answer: "maybe", rationale: "r", decidedBy: Fixture.id(1))
        #expect(throws: DomainError.invalid("answer", "must be one of: none, singleAgency, joint")) {
            try input.validate(kind: .s47Enquiry, meetingDate: Fixture.date("2026-11-23"))
        }
    }

    @Test func amendmentKeepsTheOldVersionAndListsChangedSections() throws {
        let v1 = MinutesVersion(
            id: Fixture.id(1), meetingId: Fixture.id(2), version: 1,
            sections: [
                MinutesSection(key: "safetyPlan", heading: "Safety plan", text: "old"),
                MinutesSection(key: "outcome", heading: "Outcome", text: "x"),
            ],
            createdBy: Fixture.id(3), createdAt: now, changeSummary: nil, changedSections: [])
        let v2 = try MinutesAmendment(amendedBy: Fixture.id(3), summary: "fix", sections: ["safetyPlan": "new", "outcome": "x"])
            .apply(to: v1, id: Fixture.id(4), at: now)
        #expect(v2.version == 2)
        #expect(v2.changedSections == ["safetyPlan"])
        #expect(v2.sections[0].text == "new" && v1.sections[0].text == "old")
        #expect(throws: DomainError.invalid("sections.nonsense", "is not a section of these minutes")) {
            try MinutesAmendment(amendedBy: Fixture.id(3), summary: "fix", sections: ["nonsense": "y"]).apply(
                to: v1, id: Fixture.id(4), at: now)
        }
    }

    @Test func recordUpdateRefusesAnEndBeforeTheStart() {
        var m = Meeting(
            id: Fixture.id(1), caseId: Fixture.id(2), requestId: Fixture.id(3), scheduledStart: now.addingTimeInterval(-7200),
            scheduledEnd: now.addingTimeInterval(-3600), isImmediate: false, chairId: Fixture.id(4), minuteTakerId: Fixture.id(5),
            createdAt: now)
        let update = RecordUpdate(startedAt: now.addingTimeInterval(-3600), endedAt: now.addingTimeInterval(-7200))
        #expect(throws: DomainError.invalid("endedAt", "must be after the start time")) {
            try update.apply(to: &m, now: now, zone: Fixture.zone)
        }
        #expect(m.startedAt == nil)  // nothing applied
    }
}

@Suite("Line differences")
struct LineDiffTests {
    @Test func showsRemovedAndAddedLinesAroundUnchangedOnes() {
        let diff = LineDiff.lines(
            from: "Police: known for assault.\nHealth: A&E in March.", to: "Police: known for assault.\nHealth: A&E in May.")
        #expect(diff.map(\.change) == [.same, .removed, .added])
        #expect(diff[1].text == "Health: A&E in March." && diff[2].text == "Health: A&E in May.")
    }

    @Test func windowsLineEndingsFromABrowserAreLineEndingsToo() {
        let diff = LineDiff.lines(
            from: "Present: police\nPresent: health", to: "Present: police\r\nPresent: health\r\nApologies: school")
        #expect(diff.map(\.change) == [.same, .same, .added])
        #expect(diff[2].text == "Apologies: school")
    }

    @Test func identicalTextsHaveNoChanges() {
        #expect(LineDiff.lines(from: "a\nb", to: "a\nb").allSatisfy { $0.change == .same })
        #expect(LineDiff.lines(from: "", to: "x").map(\.change) == [.removed, .added])
    }

    /// Social worker, team manager (or the chair), police and health: invited before attendance
    /// is taken, present after; an invitee whose professional is unknown counts for nobody.
    @Test func quorumNeedsTheMinimumAttendees() {
        let (worker, manager, chair) = (Fixture.id(1), Fixture.id(2), Fixture.id(3))
        let (officer, nurse, stranger) = (Fixture.id(4), Fixture.id(5), Fixture.id(6))
        func invitee(_ id: UUID, _ role: ProfessionalRole?, _ kind: AgencyKind?, _ attendance: Attendance = .notRecorded)
            -> QuorumInvitee
        {
            QuorumInvitee(professionalId: id, attendance: attendance, role: role, agencyKind: kind)
        }
        let invited = [
            invitee(worker, .socialWorker, .childrensSocialCare), invitee(manager, .teamManager, .childrensSocialCare),
            invitee(officer, .partnerProfessional, .police), invitee(nurse, .partnerProfessional, .health),
        ]
        #expect(Quorum.check(chairId: chair, invitees: invited) == Quorum(missing: []))
        #expect(Quorum.check(chairId: chair, invitees: []).missing == ["socialWorker", "teamManager", "police", "health"])

        // Once attendance is taken, only those present count.
        var taken = invited
        taken[2].attendance = .apologies
        taken[0].attendance = .present
        #expect(Quorum.check(chairId: chair, invitees: taken).missing == ["teamManager", "police", "health"])
        // The chair stands in for the team manager, present or (before attendance) invited.
        let chaired = [invitee(chair, .serviceManager, .childrensSocialCare)] + invited.filter { $0.professionalId != manager }
        #expect(Quorum.check(chairId: chair, invitees: chaired).isQuorate)
        #expect(Quorum.check(chairId: manager, invitees: chaired).missing == ["teamManager"])

        // An unknown professional's attendance still means attendance was taken.
        let unknown = invited + [invitee(stranger, nil, nil, .present)]
        #expect(Quorum.check(chairId: chair, invitees: unknown).missing == ["socialWorker", "teamManager", "police", "health"])
        #expect(Quorum.check(chairId: stranger, invitees: [invitee(stranger, nil, nil)]).missing.contains("teamManager"))
    }

    @Test func aNumberTakesItsNounInTheRightNumber() {
        #expect(counted(1, "clock") == "1 clock")
        #expect(counted(0, "clock") == "0 clocks")
        #expect(counted(2, "case matches", "cases match") == "2 cases match")
        #expect(counted(1, "case matches", "cases match") == "1 case matches")
    }
}
