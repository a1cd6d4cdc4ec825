import ConveneCore
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing

/// Lists that grow with the years are chosen in the database; each must hold exactly what the
/// person may see (DOMAIN §6), as the whole record filtered in Swift says.
struct ListVisibilityTests {
    let now = london("2026-11-23", "19:00")

    @Test(arguments: TestBackend.available) func requestListsAndTheBookingQueueHoldWhatEachPersonMaySee(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let store = f.store
            // Given a booked meeting cancelled, so that its approved request waits for a booking again.
            let everyMeeting = try await store.meetings(from: .distantPast, to: .distantFuture)
            let booked = try #require(everyMeeting.first { $0.status == .booked && $0.startedAt == nil })
            let manager = try await store.professional(try await store.caseRecord(booked.caseId).serviceManagerId)
            _ = try await store.cancel(booked.id, RebookingInput(reason: "Family bereavement"), by: manager)
            let meetings = try await store.meetings(from: .distantPast, to: .distantFuture)
            let live = Set(meetings.filter { $0.status != .cancelled }.map(\.requestId))
            let all = try await store.requests()
            var waitingSeen = 0
            var seenOnlyToBook = 0
            for person in try await store.professionals() {
                // When each person's lists are read
                let visible = try await store.visibleCaseIds(for: person)
                let bookable = try await store.bookableCaseIds(for: person)
                let expected = all.filter {
                    visible.contains($0.caseId) || ($0.status == .approved && bookable.contains($0.caseId))
                }
                let whole = try await store.requests(RequestFilter(visibleTo: person))
                // Then they hold exactly the requests of their cases and the approved ones they may book
                #expect(Set(whole.map(\.id)) == Set(expected.map(\.id)), "\(person.role) \(person.name)")
                #expect(whole.count == expected.count)
                #expect(zip(whole, whole.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt }, "oldest first")
                #expect(try await store.requestCount(RequestFilter(visibleTo: person)) == whole.count)
                let paged = try await readInPages(of: 3, count: whole.count) {
                    try await store.requests(RequestFilter(visibleTo: person, limit: 3, offset: $0))
                }
                #expect(paged.map(\.id) == whole.map(\.id), "pages in order, none repeated or skipped")
                let submitted = try await store.requests(RequestFilter(visibleTo: person, status: .submitted))
                #expect(submitted.map(\.id) == whole.filter { $0.status == .submitted }.map(\.id))
                seenOnlyToBook += whole.filter { !visible.contains($0.caseId) }.count
                // And the booking queue is the approved requests of cases they may book with no live meeting
                let waiting = try await store.requestsAwaitingBooking(by: person)
                let expectedWaiting = all.filter {
                    $0.status == .approved && bookable.contains($0.caseId) && !live.contains($0.id)
                }
                #expect(Set(waiting.map(\.id)) == Set(expectedWaiting.map(\.id)), "\(person.role) \(person.name)")
                #expect(waiting.count == expectedWaiting.count)
                waitingSeen += waiting.count
                if bookable.contains(booked.caseId) { #expect(waiting.contains { $0.id == booked.requestId }) }
                // And of the meetings asked about, those they may see; the meetings list holds the same
                let ids = meetings.map(\.id)
                let seen = try await store.visibleMeetingIds(for: person, among: ids)
                #expect(seen == (try await store.visibleMeetingIds(for: person)).intersection(ids))
                let listed = try await store.meetings(from: .distantPast, to: .distantFuture, visibleTo: person)
                #expect(listed.map(\.id) == meetings.filter { seen.contains($0.id) }.map(\.id))
            }
            #expect(waitingSeen > 0 && seenOnlyToBook > 0, "the demo data exercises both rules")
        }
    }

    @Test(arguments: TestBackend.available) func actionListsHoldEachPersonsOwnAndThoseOfMeetingsTheyMaySee(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let store = f.store
            let all = try await store.actions()
            // Partner agencies see other people's actions only once the chair has finalised the minutes.
            let finalised = Set(
                try await store.meetings(from: .distantPast, to: .distantFuture).filter { $0.minutesStatus != .draft }.map(\.id))
            var heldBackFromPartners = 0
            for person in try await store.professionals() {
                // When each person's action list is read, whole and a page at a time
                var meetings = try await store.visibleMeetingIds(for: person)
                if person.role == .partnerProfessional {
                    heldBackFromPartners +=
                        all.filter {
                            meetings.contains($0.meetingId) && !finalised.contains($0.meetingId) && $0.ownerId != person.id
                        }.count
                    meetings.formIntersection(finalised)
                }
                let expected = all.filter { meetings.contains($0.meetingId) || $0.ownerId == person.id }
                let whole = try await store.actions(ActionFilter(visibleTo: person))
                // Then it holds their own actions and those of the meetings they may see, soonest due first
                #expect(Set(whole.map(\.id)) == Set(expected.map(\.id)), "\(person.role) \(person.name)")
                #expect(whole.count == expected.count)
                #expect(zip(whole, whole.dropFirst()).allSatisfy { $0.dueAt <= $1.dueAt }, "soonest due first")
                #expect(try await store.actionCount(ActionFilter(visibleTo: person)) == whole.count)
                let paged = try await readInPages(of: 4, count: whole.count) {
                    try await store.actions(ActionFilter(visibleTo: person, limit: 4, offset: $0))
                }
                #expect(paged.map(\.id) == whole.map(\.id), "pages in order, none repeated or skipped")
                let open = try await store.actions(ActionFilter(status: .open, visibleTo: person))
                #expect(open.map(\.id) == whole.filter { $0.status == .open }.map(\.id))
                let own = try await store.actions(ActionFilter(ownerId: person.id, visibleTo: person))
                #expect(own.map(\.id) == whole.filter { $0.ownerId == person.id }.map(\.id))
            }
            #expect(all.count > 4, "more than one page")
            #expect(heldBackFromPartners > 0, "the demo data has actions of draft minutes that partners do not see")
        }
    }

    @Test(arguments: TestBackend.available) func myWorkListsTheMeetingsAPersonChairsMinutesOrIsInvitedTo(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let store = f.store
            let meetings = try await store.meetings(from: .distantPast, to: .distantFuture)
            var invited: [UUID: Set<UUID>] = [:]
            for meeting in meetings {
                invited[meeting.id] = Set(try await store.meetingRecord(meeting.id).invitations.map(\.professionalId))
            }
            var involvements = 0
            for person in try await store.professionals() {
                let expected = meetings.filter {
                    $0.chairId == person.id || $0.minuteTakerId == person.id || invited[$0.id]!.contains(person.id)
                }
                let found = try await store.meetings(involving: person.id, from: .distantPast, to: .distantFuture)
                #expect(found.map(\.id) == expected.map(\.id), "\(person.role) \(person.name)")
                involvements += found.count
            }
            #expect(involvements > meetings.count, "people share meetings")
        }
    }

    @Test(arguments: TestBackend.available) func clockListsHoldTheSameClocksWhetherOrNotATeamNarrowsThem(backend: TestBackend)
        async throws
    {
        try await StoreFixture.with(now: now, backend: backend) { f in
            _ = try await DemoData(database: f.runtime.database, now: now).load()
            let store = f.store
            let all = try await store.clocks(ClockFilter(includeStopped: true))
            let key = { (clock: Clock) in "\(clock.caseId) \(clock.kind.rawValue) \(clock.subjectId)" }
            var teamOf: [UUID: UUID] = [:]
            for caseId in Set(all.map(\.caseId)) { teamOf[caseId] = try await store.caseRecord(caseId).teamId }
            var seen = 0
            for person in try await store.professionals() {
                // When a person's clocks are listed across the authority, and for one team
                let everywhere = try await store.clocks(ClockFilter(includeStopped: true, visibleTo: person))
                if person.role != .partnerProfessional {
                    // Then across the authority they are the clocks of the cases they have a role in
                    let visible = try await store.visibleCaseIds(for: person)
                    #expect(Set(everywhere.map(key)) == Set(all.filter { visible.contains($0.caseId) }.map(key)))
                }
                for teamId in Set(teamOf.values) {
                    // And for a team they are the same clocks, of that team
                    let team = try await store.clocks(ClockFilter(teamId: teamId, includeStopped: true, visibleTo: person))
                    #expect(
                        team.map(key) == everywhere.filter { teamOf[$0.caseId] == teamId }.map(key),
                        "\(person.role) \(person.name)")
                    // And the team's count is of the same clocks
                    #expect(
                        try await store.clockTally(ClockFilter(teamId: teamId, visibleTo: person)).total
                            == team.filter(\.state.isRunning).count, "\(person.role) \(person.name)")
                }
                for caseId in Set(all.map(\.caseId)) {
                    // And for one case they are the same clocks, of that case
                    let one = try await store.clocks(ClockFilter(caseId: caseId, includeStopped: true, visibleTo: person))
                    #expect(one.map(key) == everywhere.filter { $0.caseId == caseId }.map(key), "\(person.role) \(person.name)")
                }
                #expect(
                    try await store.clockTally(ClockFilter(visibleTo: person)).total == everywhere.filter(\.state.isRunning).count
                )
                seen += everywhere.count
            }
            #expect(seen > 0)
        }
    }
}
