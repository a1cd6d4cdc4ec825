import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The minute taker's scheduling board: the week's slots, booked and free, and booking.
struct SchedulePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.showSchedule, use: board)
        routes.on(.postScheduleBookings, use: book)
    }

    struct Cell {
        var free: Bool
        var closed: Bool
        var bookings: [Booking]
        /// A free slot still ahead: a link that puts it in the booking form.
        var bookHref: String?
        /// "Mon 23 Nov 2026, 13:00", for the link's accessible name.
        var when: String
        /// The day, which labels the cell when the board is stacked on a narrow screen.
        var day: String
        /// Whether it meets the chosen request's timescale, when a request is chosen.
        var timescale: String?
    }

    struct Booking {
        var href: String?
        var label: String
    }

    struct Row {
        var time: String
        var cells: [Cell]
    }

    struct Day {
        var label: String
        var closedReason: String?
    }

    struct BoardPage {
        var layout: Layout
        var organisation: String
        var weekLabel: String
        var previousWeek: String
        var nextWeek: String
        var days: [Day]
        var rows: [Row]
        var requests: [Option]
        /// The slot chosen on the board for the booking: its time as the form sends it, and in words.
        var slot: String
        var slotText: String?
        /// Meetings this week that are not in a standard slot: immediate, or booked at another time.
        var outsideSlots: [Booking]
        var chairs: [Option]
        var minuteTakers: [Option]
        var immediateStart: String
        /// When the chosen request's discussion is due, and whether a slot meets it.
        var dueText: String?
        var lateReason: String
        /// Every problem, for the summary at the top.
        var errors: FormErrors
        /// The booking form's own (the other form's are `heldErrors`).
        var bookingErrors: FormErrors
        /// Recording an immediate discussion already held: the approved immediate requests, the
        /// formats, what was typed, and its own errors.
        var heldRequests: [Option]
        var formats: [Option]
        var held: [String: String]
        var heldErrors: FormErrors
    }

    static let labels = [
        "requestId": "Request", "start": "Slot", "chairId": "Chair", "minuteTakerId": "Minute taker", "immediateStart": "Time",
        "heldStart": "When it was held", "format": "How it was held", "reason": "Why it is recorded afterwards",
        "alreadyHeld": "Discussion already held", "lateReason": "Reason for booking after the timescale",
    ]

    func board(req: Request) async throws -> View {
        try await render(req, fields: [:], errors: .none)
    }

    func book(req: Request) async throws -> Response {
        _ = try await req.requireUser()
        let fields = try req.form()
        if let text = fields["requestId"], let id = UUID(uuidString: text) {
            try await req.authorize(.bookMeeting, .request, id: id, field: "requestId")
        }
        var reader = FormReader(fields, zone: req.zone)
        let requestId = reader.id("requestId")
        let immediate = reader.dateTime("immediateStart")
        let held = reader.dateTime("heldStart")
        var start: Date?
        if let text = fields["start"] {
            start = JSONCoding.parseInstant(text)
            if start == nil { reader.problems.append(.init(field: "start", reason: "choose a slot from the list")) }
        }
        let alreadyHeld = reader.bool("alreadyHeld") == true
        let input = BookingInput(
            requestId: requestId, start: alreadyHeld ? held : immediate ?? start, chairId: reader.id("chairId"),
            minuteTakerId: reader.id("minuteTakerId"), alreadyHeld: alreadyHeld ? true : nil,
            format: alreadyHeld ? reader.choice("format", MeetingFormat.self) : nil,
            reason: alreadyHeld ? reader.text("reason") : nil, lateReason: alreadyHeld ? nil : reader.text("lateReason"))
        var problems = reader.problems
        if problems.isEmpty {
            do {
                let record = try await req.store.book(input, recordedBy: try req.actingProfessional())
                return try await redirect(
                    req, to: .meeting(.value(record.meeting.id)),
                    notice: alreadyHeld
                        ? "Discussion recorded as held; write up the record now"
                        : "Strategy discussion booked and invitations recorded")
            } catch DomainError.invalid(let found) {
                problems = found
            } catch DomainError.conflict(let message) {
                problems = [FieldProblem(field: "requestId", reason: message)]
            }
        }
        let view = try await render(
            req, fields: fields,
            errors: FormErrors(
                problems.map {
                    // The time that was typed is the one in question: the held time, or the immediate one.
                    guard $0.field == "start" else { return $0 }
                    if alreadyHeld { return FieldProblem(field: "heldStart", reason: $0.reason) }
                    return immediate != nil ? FieldProblem(field: "immediateStart", reason: $0.reason) : $0
                },
                labels: Self.labels, anchorPrefix: alreadyHeld ? "held-" : "field-"))
        return try await view.encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func render(_ req: Request, fields: [String: String], errors: FormErrors) async throws -> View {
        let user = try await req.requireUser()
        let store = req.store
        let zone = req.zone
        let now = store.now()
        let me = try req.actingProfessional()
        let organisationId = try await req.ownTeams().first?.organisationId
        guard let organisationId else { throw DomainError.conflict("there is no organisation to schedule for yet") }
        let organisation = try await store.organisation(organisationId)
        let calendar = try await store.calendar(of: organisationId)
        let scheduling = Scheduling(policy: organisation.policy, calendar: calendar)
        // The slot chosen on the board (or posted back).
        let slot = fields["start"] ?? req.query[String.self, at: "start"] ?? ""
        let slotStart = JSONCoding.parseInstant(slot)
        // The week asked for; else the chosen slot's (a refused booking comes back to it); else this
        // week, or next week at the weekend, when this one has nothing left to book.
        let today = zone.localDate(of: now)
        let requested =
            try req.query("week", parse: LocalDate.init(_:), expected: "a date as YYYY-MM-DD")
            ?? slotStart.map(zone.localDate(of:)) ?? (today.isWeekend ? today.adding(days: 2) : today)
        let monday = requested.adding(days: 1 - requested.isoWeekday)
        let booked = try await store.meetings(from: zone.instant(on: monday), to: zone.instant(on: monday.adding(days: 7)))
            .filter { $0.status == .booked || $0.status == .held }
        // Only what the board shows: this week's meetings, and the requests still waiting for a
        // booking (ten years of approved requests have meetings already).
        let visibleMeetings = try await store.visibleMeetingIds(for: me, among: booked.map(\.id))
        let waiting = try await store.requestsAwaitingBooking(by: me)
        let shownCases = booked.filter { visibleMeetings.contains($0.id) }.map(\.caseId) + waiting.map(\.caseId)
        req.listed(shownCases)
        let cases = try await store.caseReferences(shownCases)
        let names = try await store.professionalNames(booked.filter { visibleMeetings.contains($0.id) }.map(\.chairId))
        let wanted = fields["requestId"] ?? req.query[String.self, at: "requestId"] ?? ""
        let chosen = waiting.first { $0.id.uuidString == wanted }
        let due = chosen.flatMap { ClockEngine(policy: organisation.policy, calendar: calendar).meetingDue(of: $0) }
        func timescale(_ start: Date) -> String? {
            due.map { start <= $0 ? "meets the timescale" : "after the due time" }
        }
        let days = (0..<5).map { monday.adding(days: $0) }
        let holidays = Dictionary(calendar.bankHolidays.holidays.map { ($0.date, $0.title) }, uniquingKeysWith: { a, _ in a })
        let rows = organisation.policy.slotStartMinutes.sorted().map { minute -> Row in
            Row(
                time: LocalTimeZone.clockTime(minute),
                cells: days.map { day in
                    let start = zone.instant(on: day, minuteOfDay: minute)
                    let end = scheduling.end(of: start)
                    let here = booked.filter { $0.scheduledStart < end && start < $0.scheduledEnd }
                    let free = here.isEmpty && calendar.isWorkingDay(day)
                    var link = URLComponents()
                    link.path = SitePath.schedule.href
                    link.queryItems =
                        [
                            .init(name: "week", value: monday.description),
                            .init(name: "start", value: start.formatted(.iso8601)),
                        ] + (chosen.map { [.init(name: "requestId", value: $0.id.uuidString)] } ?? [])
                    link.fragment = "book"
                    return Cell(
                        free: free, closed: !calendar.isWorkingDay(day),
                        // Another team's booking shows only that the slot is taken.
                        bookings: here.map {
                            visibleMeetings.contains($0.id)
                                ? Booking(
                                    href: SitePath.meeting(.value($0.id)).href,
                                    label: "\(cases[$0.caseId] ?? "") – chair \(names[$0.chairId] ?? "")")
                                : Booking(href: nil, label: "Booked")
                        },
                        bookHref: free && start > now ? link.string : nil, when: zone.long(start), day: day.long,
                        timescale: free && start > now ? timescale(start) : nil)
                })
        }
        let slotStarts = Set(
            days.filter(calendar.isWorkingDay).flatMap { day in
                organisation.policy.slotStartMinutes.map { zone.instant(on: day, minuteOfDay: $0) }
            })
        let outsideSlots = booked.filter { !slotStarts.contains($0.scheduledStart) }.map {
            visibleMeetings.contains($0.id)
                ? Booking(
                    href: SitePath.meeting(.value($0.id)).href,
                    label:
                        "\(zone.long($0.scheduledStart)): \(cases[$0.caseId] ?? "")\($0.isImmediate ? " (immediate)" : "") – chair \(names[$0.chairId] ?? "")"
                )
                : Booking(href: nil, label: "\(zone.long($0.scheduledStart)): booked")
        }
        let forHeld = fields["alreadyHeld"] != nil
        let requestOptions = waiting.map { r in
            Option(
                value: r.id.uuidString,
                label:
                    "\(cases[r.caseId] ?? "") – \(r.urgency?.label ?? "") (concern \(r.concernIdentifiedAt.map(zone.long) ?? "–"))",
                selected: wanted == r.id.uuidString)
        }
        // Whether any slot meets the timescale.
        let dueText = try await due.asyncMap { due in
            if due <= now {
                return "This request's discussion was due by \(zone.long(due)); the timescale has passed: "
                    + "book the earliest time you can and give the reason for booking it late."
            }
            let inTime = try await store.freeSlot(organisationId: organisationId, before: due) != nil
            return "This request's discussion is due by \(zone.long(due))."
                + (inTime
                    ? "" : " No standard slot meets it: book any earlier time below, or give the reason for booking it late.")
        }
        let chairs = try await store.directoryEntries(roles: [.teamManager, .serviceManager])
        let minuteTakers = try await store.directoryEntries(roles: [.minuteTaker])
        func options(_ people: [DirectoryEntry], _ field: String, default preferred: UUID?) -> [Option] {
            people.map {
                Option(
                    value: $0.id.uuidString, label: $0.name,
                    selected: (fields[field] ?? preferred?.uuidString) == $0.id.uuidString)
            }
        }
        let page = BoardPage(
            layout: req.layout("Scheduling", user, nav: "schedule"), organisation: organisation.name,
            weekLabel: "Week of \(monday.long)",
            previousWeek: SitePath.schedule.href
                + "?week=\(monday.adding(days: -7))\(chosen.map { "&requestId=\($0.id)" } ?? "")",
            nextWeek: SitePath.schedule.href + "?week=\(monday.adding(days: 7))\(chosen.map { "&requestId=\($0.id)" } ?? "")",
            days: days.map {
                Day(label: $0.long, closedReason: holidays[$0] ?? (calendar.closureDays.contains($0) ? "Closure day" : nil))
            },
            rows: rows, requests: requestOptions, slot: slotStart == nil ? "" : slot,
            slotText: slotStart.map { start in zone.long(start) + (timescale(start).map { " (\($0))" } ?? "") },
            outsideSlots: outsideSlots,
            chairs: options(chairs, "chairId", default: me.role == .teamManager ? me.id : nil),
            minuteTakers: options(minuteTakers, "minuteTakerId", default: me.role == .minuteTaker ? me.id : nil),
            immediateStart: fields["immediateStart"] ?? "", dueText: dueText, lateReason: fields["lateReason"] ?? "",
            errors: errors, bookingErrors: forHeld ? .none : errors,
            heldRequests: waiting.filter { $0.urgency == .immediate }.map { r in
                Option(
                    value: r.id.uuidString,
                    label: "\(cases[r.caseId] ?? "") (concern \(r.concernIdentifiedAt.map(zone.long) ?? "–"))",
                    selected: forHeld && wanted == r.id.uuidString)
            },
            formats: MeetingFormat.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: forHeld && fields["format"] == $0.rawValue)
            },
            held: forHeld ? fields : [:], heldErrors: forHeld ? errors : .none)
        return page.view
    }
}
