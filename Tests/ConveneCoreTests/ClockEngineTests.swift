import ConveneCore
import Foundation
import Testing

@Suite("Clock engine")
struct ClockEngineTests {
    let engine = ClockEngine(policy: .twoHourTwentyFourHour, calendar: .englandAndWales)
    let caseId = Fixture.id(1)
    let sw = Fixture.id(10), tm = Fixture.id(11), sm = Fixture.id(12), mt = Fixture.id(13)

    func caseRecord(referral: LocalDate? = nil) -> Case {
        Case(
            id: caseId, teamId: Fixture.id(2), reference: "NS-00001", caseType: .newReferral, referralDate: referral,
            socialWorkerId: sw, teamManagerId: tm, serviceManagerId: sm, createdAt: Fixture.at("2026-12-01", "09:00"))
    }

    func request(_ urgency: Urgency, concern: Date, otherDue: LocalDate? = nil) -> StrategyRequest {
        StrategyRequest(
            id: Fixture.id(20), caseId: caseId, status: .approved, urgency: urgency, otherDueDate: otherDue,
            concernIdentifiedAt: concern, draftedBy: sw, submittedAt: concern, createdAt: concern, updatedAt: concern)
    }

    func meeting(start: Date, ended: Date? = nil, circulated: Date? = nil) -> Meeting {
        var m = Meeting(
            id: Fixture.id(30), caseId: caseId, requestId: Fixture.id(20), scheduledStart: start,
            scheduledEnd: start.addingTimeInterval(3600), isImmediate: false, chairId: tm, minuteTakerId: mt, createdAt: start)
        m.startedAt = ended == nil ? nil : start
        m.endedAt = ended
        m.circulatedAt = circulated
        return m
    }

    func decision(_ kind: DecisionKind, _ answer: String, by: LocalDate? = nil, id: Int) -> Decision {
        Decision(
            id: Fixture.id(id), meetingId: Fixture.id(30), kind: kind, answer: answer, rationale: "r", decidedBy: tm,
            detail: nil,
            parentsNotInformedReason: answer == "no" && kind == .informParents ? .prejudiceCriminalInvestigation : nil,
            byDate: by, recordedAt: Fixture.at("2026-12-18", "11:00"))
    }

    func clock(_ kind: ClockKind, in clocks: [Clock]) -> Clock? { clocks.first { $0.kind == kind } }

    @Test func immediateMeetingIsDueTwoHoursAfterTheConcernAndOverdueAfter() {
        // Given an immediate concern at 22:10 on a Saturday and no meeting yet
        let concern = Fixture.at("2026-11-21", "22:10")
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [request(.immediate, concern: concern)], meetings: [], decisions: [], actions: [])
        // When the clocks are read at 00:30
        let clocks = engine.clocks(for: history, at: Fixture.at("2026-11-22", "00:30"))
        // Then the meeting clock is due at 00:10 and is overdue, owned by the team manager
        let meetingClock = clock(.meeting, in: clocks)!
        #expect(meetingClock.dueAt == Fixture.at("2026-11-22", "00:10"))
        #expect(meetingClock.state == .overdue)
        #expect(meetingClock.ownerId == tm)
    }

    @Test func aDraftStartsNoClockAndSubmittingStartsItFromTheConcernTime() {
        // Given a draft whose concern date is long ago (typed in error, or not yet checked)
        var draft = request(.standard, concern: Fixture.at("2000-01-03", "09:00"))
        draft.status = .draft
        draft.submittedAt = nil
        let history = CaseHistory(caseRecord: caseRecord(), requests: [draft], meetings: [], decisions: [], actions: [])
        // Then it has no meeting clock at all
        #expect(clock(.meeting, in: engine.clocks(for: history, at: Fixture.at("2026-12-04", "12:00"))) == nil)

        // When it is submitted with a concern at 09:00 the day before
        var submitted = request(.standard, concern: Fixture.at("2026-12-03", "09:00"))
        submitted.status = .submitted
        submitted.submittedAt = Fixture.at("2026-12-04", "10:00")
        let afterSubmit = CaseHistory(caseRecord: caseRecord(), requests: [submitted], meetings: [], decisions: [], actions: [])
        // Then the clock counts from the concern, not the submission: due 24 hours after it
        let meetingClock = clock(.meeting, in: engine.clocks(for: afterSubmit, at: Fixture.at("2026-12-04", "12:00")))!
        #expect(meetingClock.startedAt == Fixture.at("2026-12-03", "09:00"))
        #expect(meetingClock.dueAt == Fixture.at("2026-12-04", "09:00"))
        #expect(meetingClock.state == .overdue)
    }

    @Test func aCancelledBookingLeavesTheRequestsOwnDueTimeAwaitingANewBooking() {
        // Given a standard concern and a meeting booked within its timescale
        let concern = Fixture.at("2026-11-23", "09:00")
        var m = meeting(start: Fixture.at("2026-11-23", "15:00"))
        let booked = CaseHistory(
            caseRecord: caseRecord(), requests: [request(.standard, concern: concern)], meetings: [m], decisions: [], actions: [])
        let whileBooked = clock(.meeting, in: engine.clocks(for: booked, at: Fixture.at("2026-11-23", "12:00")))!
        #expect(whileBooked.label == "Strategy discussion (standard)")

        // When the meeting is cancelled
        m.status = .cancelled
        let cancelled = CaseHistory(
            caseRecord: caseRecord(), requests: [request(.standard, concern: concern)], meetings: [m], decisions: [], actions: [])
        let clocks = engine.clocks(for: cancelled, at: Fixture.at("2026-11-24", "08:30"))
        // Then the clock is the request's own, due 24 hours after the concern, says it awaits a new
        // booking, and is due soon rather than on track
        let meetingClock = clock(.meeting, in: clocks)!
        #expect(meetingClock.dueAt == Fixture.at("2026-11-24", "09:00"))
        #expect(meetingClock.completedAt == nil)
        #expect(meetingClock.label == "Strategy discussion (standard): awaiting a new booking")
        #expect(meetingClock.state == .dueSoon)
    }

    @Test func meetingHeldLateIsMetLate() {
        let concern = Fixture.at("2026-11-23", "09:00")
        let m = meeting(start: Fixture.at("2026-11-24", "10:00"), ended: Fixture.at("2026-11-24", "10:50"))
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [request(.standard, concern: concern)], meetings: [m], decisions: [], actions: [])
        let clocks = engine.clocks(for: history, at: Fixture.at("2026-11-24", "12:00"))
        #expect(clock(.meeting, in: clocks)?.state == .metLate)
        #expect(clock(.meeting, in: clocks)?.completedAt == Fixture.at("2026-11-24", "10:00"))
    }

    @Test func otherUrgencyIsDueOnTheAgreedDate() {
        let history = CaseHistory(
            caseRecord: caseRecord(),
            requests: [request(.other, concern: Fixture.at("2026-11-23", "09:00"), otherDue: Fixture.date("2026-11-27"))],
            meetings: [], decisions: [], actions: [])
        let meetingClock = clock(.meeting, in: engine.clocks(for: history, at: Fixture.at("2026-11-23", "12:00")))!
        #expect(meetingClock.dueAt == Fixture.zone.endOfDay(Fixture.date("2026-11-27")))
        #expect(meetingClock.state == .open)
    }

    @Test func sameDayPolicyMakesImmediateMeetingsDueByMidnight() {
        let engine = ClockEngine(policy: .sameDayThreeWorkingDays, calendar: .englandAndWales)
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [request(.standard, concern: Fixture.at("2026-12-24", "15:00"))],
            meetings: [], decisions: [], actions: [])
        // 3 working days from Thursday 24 December 2026 skip Christmas and the substitute Boxing Day
        let due = clock(.meeting, in: engine.clocks(for: history, at: Fixture.at("2026-12-24", "16:00")))!.dueAt
        #expect(due == Fixture.zone.endOfDay(Fixture.date("2026-12-31")))
    }

    @Test func s47AndIcpcRunFifteenWorkingDaysFromTheDiscussionThatStartedS47() {
        // Given a joint S47 started at a discussion on Friday 18 December 2026, with an ICPC to be convened
        let m = meeting(start: Fixture.at("2026-12-18", "10:00"), ended: Fixture.at("2026-12-18", "10:55"))
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [request(.standard, concern: Fixture.at("2026-12-17", "14:00"))], meetings: [m],
            decisions: [decision(.s47Enquiry, "joint", id: 40), decision(.icpc, "yes", id: 41)], actions: [])
        // When the clocks are read on the morning of 13 January 2027
        let clocks = engine.clocks(for: history, at: Fixture.at("2027-01-13", "09:00"))
        // Then both are due by the end of Wednesday 13 January 2027 and are due soon
        for kind in [ClockKind.s47Enquiry, .icpc] {
            let c = clock(kind, in: clocks)!
            #expect(c.dueAt == Fixture.zone.endOfDay(Fixture.date("2027-01-13")), "\(kind)")
            #expect(c.state == .dueSoon, "\(kind)")
            #expect(c.warning == nil)
        }
    }

    @Test func icpcHeldOnTheTargetDayIsMet() {
        var record = caseRecord()
        record.icpcHeldOn = Fixture.date("2027-01-13")
        let m = meeting(start: Fixture.at("2026-12-18", "10:00"), ended: Fixture.at("2026-12-18", "10:55"))
        let history = CaseHistory(
            caseRecord: record, requests: [], meetings: [m],
            decisions: [decision(.s47Enquiry, "singleAgency", id: 40), decision(.icpc, "yes", id: 41)], actions: [])
        #expect(clock(.icpc, in: engine.clocks(for: history, at: Fixture.at("2027-02-01", "09:00")))?.state == .met)
    }

    @Test func noS47ClockWithoutAnS47Decision() {
        let m = meeting(start: Fixture.at("2026-12-18", "10:00"), ended: Fixture.at("2026-12-18", "10:55"))
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [], meetings: [m], decisions: [decision(.s47Enquiry, "none", id: 40)], actions: []
        )
        let kinds = engine.clocks(for: history, at: Fixture.at("2026-12-19", "09:00")).map(\.kind)
        #expect(!kinds.contains(.s47Enquiry) && !kinds.contains(.icpc))
    }

    @Test func minutesAreDueTwentyFourHoursAfterTheMeetingEndsThenTheCorrectionsWindowRuns() {
        let ended = Fixture.at("2026-11-23", "10:55")
        let circulated = Fixture.at("2026-11-24", "09:00")
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [],
            meetings: [meeting(start: Fixture.at("2026-11-23", "10:00"), ended: ended, circulated: circulated)],
            decisions: [], actions: [])
        let during = engine.clocks(for: history, at: Fixture.at("2026-11-24", "12:00"))
        #expect(clock(.minutesCirculation, in: during)?.state == .met)
        #expect(clock(.minutesCirculation, in: during)?.dueAt == Fixture.at("2026-11-24", "10:55"))
        #expect(clock(.correctionsWindow, in: during)?.state == .open)
        #expect(clock(.correctionsWindow, in: during)?.dueAt == Fixture.at("2026-11-25", "09:00"))
        let after = engine.clocks(for: history, at: Fixture.at("2026-11-26", "12:00"))
        #expect(clock(.correctionsWindow, in: after)?.state == .met)
    }

    @Test func assessmentRunsFortyFiveWorkingDaysFromReferral() {
        let history = CaseHistory(
            caseRecord: caseRecord(referral: Fixture.date("2026-10-01")), requests: [], meetings: [], decisions: [], actions: [])
        let c = clock(.assessment, in: engine.clocks(for: history, at: Fixture.at("2026-12-04", "09:00")))!
        #expect(c.dueAt == Fixture.zone.endOfDay(Fixture.date("2026-12-03")))
        #expect(c.state == .overdue)
        #expect(c.ownerId == sw)
    }

    @Test func parentsNotInformedReviewAndFollowUpUseTheDatesSetAtTheMeeting() {
        let m = meeting(start: Fixture.at("2026-12-18", "10:00"), ended: Fixture.at("2026-12-18", "10:55"))
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [], meetings: [m],
            decisions: [
                decision(.informParents, "no", by: Fixture.date("2026-12-21"), id: 40),
                decision(.outcome, "furtherStrategyDiscussion", by: Fixture.date("2026-12-23"), id: 41),
            ], actions: [])
        let clocks = engine.clocks(for: history, at: Fixture.at("2026-12-23", "09:00"))
        #expect(clock(.parentsNotInformedReview, in: clocks)?.state == .overdue)
        #expect(clock(.followUpDiscussion, in: clocks)?.state == .dueSoon)
        #expect(clock(.followUpDiscussion, in: clocks)?.dueAt == Fixture.zone.endOfDay(Fixture.date("2026-12-23")))
    }

    @Test func actionsUseTheirOwnDueTimeAndCancelledActionsHaveNoClock() {
        let agreed = Fixture.at("2026-11-23", "11:00")
        let due = Fixture.at("2026-11-25", "17:00")
        let open = SmartAction(
            id: Fixture.id(50), meetingId: Fixture.id(30), caseId: caseId, description: "Visit", ownerId: sw,
            agencyId: Fixture.id(3), dueAt: due, isContingency: false, createdAt: agreed)
        var cancelled = open
        cancelled.id = Fixture.id(51)
        cancelled.status = .cancelled
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [], meetings: [], decisions: [], actions: [open, cancelled])
        let clocks = engine.clocks(for: history, at: Fixture.at("2026-11-26", "09:00"))
        #expect(clocks.filter { $0.kind == .action }.count == 1)
        #expect(clock(.action, in: clocks)?.state == .overdue)
        #expect(clock(.action, in: clocks)?.timeLeftText(at: Fixture.at("2026-11-26", "09:00")) == "16h 0m overdue")
    }

    @Test func anActionDueWithinAWorkingDayIsDueSoon() {
        func action(agreed: Date, due: Date) -> SmartAction {
            SmartAction(
                id: Fixture.id(52), meetingId: Fixture.id(30), caseId: caseId, description: "See the child", ownerId: sw,
                agencyId: Fixture.id(3), dueAt: due, isContingency: false, createdAt: agreed)
        }
        func state(_ a: SmartAction, at now: Date) -> ClockState? {
            let history = CaseHistory(caseRecord: caseRecord(), requests: [], meetings: [], decisions: [], actions: [a])
            return clock(.action, in: engine.clocks(for: history, at: now))?.state
        }
        // Agreed Monday 15:00, due Tuesday 15:00: due soon at once, not "on track" for 18 hours
        let tomorrow = action(agreed: Fixture.at("2026-11-23", "15:00"), due: Fixture.at("2026-11-24", "15:00"))
        #expect(state(tomorrow, at: Fixture.at("2026-11-23", "15:30")) == .dueSoon)
        // Due Monday 10:00, agreed Thursday: due soon from Friday 10:00, the working day before
        let monday = action(agreed: Fixture.at("2026-11-19", "10:00"), due: Fixture.at("2026-11-23", "10:00"))
        #expect(state(monday, at: Fixture.at("2026-11-20", "09:59")) == .open)
        #expect(state(monday, at: Fixture.at("2026-11-20", "10:00")) == .dueSoon)
        // Due Tuesday 29 December 2026, after the Christmas bank holidays: due soon from Thursday 24th
        let afterHoliday = action(agreed: Fixture.at("2026-12-21", "10:00"), due: Fixture.at("2026-12-29", "12:00"))
        #expect(state(afterHoliday, at: Fixture.at("2026-12-24", "11:59")) == .open)
        #expect(state(afterHoliday, at: Fixture.at("2026-12-24", "12:00")) == .dueSoon)
    }

    @Test func clocksPastTheBankHolidayListCarryAWarning() {
        let m = meeting(start: Fixture.at("2027-12-20", "10:00"), ended: Fixture.at("2027-12-20", "10:55"))
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [], meetings: [m], decisions: [decision(.s47Enquiry, "joint", id: 40)],
            actions: [])
        let s47 = clock(.s47Enquiry, in: engine.clocks(for: history, at: Fixture.at("2027-12-21", "09:00")))!
        #expect(s47.warning?.contains("2027-12-31") == true)
    }

    @Test func cancelledMeetingsStartNoClocks() {
        var m = meeting(start: Fixture.at("2026-12-18", "10:00"), ended: Fixture.at("2026-12-18", "10:55"))
        m.status = .cancelled
        let history = CaseHistory(
            caseRecord: caseRecord(), requests: [], meetings: [m], decisions: [decision(.s47Enquiry, "joint", id: 40)],
            actions: [])
        #expect(engine.clocks(for: history, at: Fixture.at("2026-12-19", "09:00")).isEmpty)
    }
}
