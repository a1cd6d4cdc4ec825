import ConveneCore
import Plot

/// The scheduling board: the week's standard slots, discussions outside them, booking a slot and
/// recording an immediate discussion already held.
extension SchedulePages.BoardPage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), .words(organisation)),
            .h1("Scheduling board"),
            .p(
                .link(previousWeek, "Previous week"), " · ", .strong(.words(weekLabel)), " · ",
                .link(nextWeek, "Next week")),
            .errorSummary(errors),
            board,
            .p(.class("hint"), "Each free slot still ahead is a link: it puts that slot in the booking form below."),
            .h2("Outside the standard slots"),
            outsideSlots.isEmpty
                ? .muted("No discussion this week is outside the standard slots.")
                : .ul(.id("outside-slots"), .group(outsideSlots.map { .li(bookingLink($0)) })),
            .h2(.id("book"), "Book a strategy discussion"),
            requests.isEmpty
                ? .muted("There are no approved requests waiting for a slot.") : .group(pickRequest, booking),
            .h2(.id("already-held"), "Record an immediate discussion already held"),
            .p(
                "For an immediate discussion held out of hours (by the emergency duty team, say) and written up afterwards, up to 7 days back. Every clock counts from when it was held, and the minutes say it was recorded after the event, when and by whom."
            ),
            heldRequests.isEmpty ? .muted("There are no approved immediate requests waiting.") : alreadyHeld)
    }

    /// A discussion, linked when this person may see it.
    private func bookingLink(_ booking: SchedulePages.Booking) -> HTMLNode {
        .unwrap(booking.href, { .link($0, .words(booking.label)) }, else: .words(booking.label))
    }

    // MARK: The board

    /// The week: a row per standard slot, a column per working day, each closed day with its reason.
    private var board: HTMLNode {
        .div(
            .class("table-wrap"),
            .el(
                "table", .attr("role", "table"), .attr("class", "schedule"),
                .el("caption", .attr("class", "visually-hidden"), .words("Standard slots, \(weekLabel)")),
                .el(
                    "thead", .attr("role", "rowgroup"),
                    .el(
                        "tr", .attr("role", "row"),
                        .el("th", .attr("scope", "col"), .attr("role", "columnheader"), "Slot"),
                        .group(days.map(dayHeading)))),
                .el("tbody", .attr("role", "rowgroup"), .group(rows.map(slotRow)))))
    }

    private func dayHeading(_ day: SchedulePages.Day) -> HTMLNode {
        .el(
            "th", .attr("scope", "col"), .attr("role", "columnheader"), .words(day.label),
            .unwrap(day.closedReason) { .group(.br(), .span(.class("muted"), .words($0))) })
    }

    private func slotRow(_ row: SchedulePages.Row) -> HTMLNode {
        .el(
            "tr", .attr("role", "row"),
            .el("th", .attr("scope", "row"), .attr("role", "rowheader"), .attr("data-label", "Slot"), .words(row.time)),
            .group(
                row.cells.map { cell in
                    .el("td", .attr("role", "cell"), .attr("data-label", cell.day), slot(cell))
                }))
    }

    /// A slot: closed, free (a link that books it, while it is still ahead), or its bookings.
    private func slot(_ cell: SchedulePages.Cell) -> HTMLNode {
        if cell.closed { return .span(.class("muted"), "Closed") }
        guard cell.free else {
            return .group(
                cell.bookings.map { booking in
                    .group(
                        .unwrap(
                            booking.href, { .link($0, .words(booking.label)) },
                            else: .span(.class("muted"), .words(booking.label))),
                        .br())
                })
        }
        guard let bookHref = cell.bookHref else { return .span(.class("slot-free"), "Free") }
        return .group(
            .a(
                .class("slot-free"), .attr("href", bookHref), "Free",
                .span(.class("visually-hidden"), .words(": book \(cell.when)"))),
            .unwrap(cell.timescale) { .group(.br(), .span(.class("muted"), .words($0))) })
    }

    // MARK: Booking

    /// Checks the board's free slots against a request's timescale.
    private var pickRequest: HTMLNode {
        .getForm(
            SitePath.schedule.href, class: "no-print",
            .field(
                nil, label: "Check the free slots against a request's timescale", for: "pick-request", error: nil,
                .select("pick-request", name: "requestId", prompt: nil, requests)),
            // The template wrote this whenever `slot` was set, which it always is (empty when no slot is chosen).
            .hidden("start", slot),
            .submit("Check the slots", class: "button button-secondary"))
    }

    private var booking: HTMLNode {
        let error = bookingErrors.byField
        return .postForm(
            SitePath.scheduleBookings.href, layout,
            .field(
                "field-requestId", label: "Approved request", for: "requestId", error: error["requestId"],
                .select("requestId", name: "requestId", prompt: "Choose", requests)),
            .unwrap(dueText) { .div(.class("inset"), .id("request-due"), .p(.words($0))) },
            chosenSlot,
            .field(
                "field-immediateStart", label: "Or, for an immediate request, any time", for: "immediateStart",
                hint:
                    "Immediate meetings are held as soon as possible, slot or not. So is any request no free slot can meet in time. UK time.",
                hintId: "immediate-hint", error: error["immediateStart"],
                .textInput(
                    "immediateStart", name: "immediateStart", value: immediateStart, type: "datetime-local",
                    .attr("aria-describedby", "immediate-hint"))),
            .field(
                "field-chairId", label: "Chair", for: "chairId", error: error["chairId"],
                .select("chairId", name: "chairId", prompt: "Choose", chairs)),
            .field(
                "field-minuteTakerId", label: "Minute taker", for: "minuteTakerId", error: error["minuteTakerId"],
                .select("minuteTakerId", name: "minuteTakerId", prompt: "Choose", minuteTakers)),
            .field(
                "field-lateReason", label: "Reason for booking after the timescale (only if you do)", for: "lateReason",
                hint:
                    "Booking after the request's due time is recorded with your reason, for example \"police and health cannot attend sooner\".",
                hintId: "lateReason-hint", error: error["lateReason"],
                .textArea(
                    "lateReason", name: "lateReason", text: lateReason, .attr("aria-describedby", "lateReason-hint"))),
            .submit("Book and record the invitations"))
    }

    /// The slot picked on the board, or how to pick one.
    private var chosenSlot: HTMLNode {
        let error = bookingErrors.byField["start"]
        return .div(
            .attr("class", error == nil ? "field" : "field field-error"), .id("field-start"),
            .p(.class("label"), "Slot"),
            .errorMessage(error),
            .unwrap(
                slotText,
                { text in
                    .group(
                        .p(.id("chosen-slot"), .strong(.words(text)), .hidden("start", slot)),
                        .p(.class("hint"), "To choose another, pick a free slot on the board above."))
                },
                else: .p(.class("hint"), "Choose a free slot on the board above: each is a link that brings it here.")))
    }

    // MARK: Already held

    private var alreadyHeld: HTMLNode {
        let error = heldErrors.byField
        return .postForm(
            SitePath.scheduleBookings.href, layout, .hidden("alreadyHeld", "true"),
            .field(
                "held-requestId", label: "Approved immediate request", for: "held-request", error: error["requestId"],
                .select("held-request", name: "requestId", prompt: "Choose", heldRequests)),
            .field(
                "held-heldStart", label: "When it was held (UK time)", for: "held-start", error: error["heldStart"],
                .textInput("held-start", name: "heldStart", value: held["heldStart"], type: "datetime-local")),
            .field(
                "held-format", label: "How it was held", for: "held-format-select", error: error["format"],
                .select("held-format-select", name: "format", prompt: "Choose", formats)),
            .field(
                "held-chairId", label: "Who chaired it", for: "held-chair", error: error["chairId"],
                .select("held-chair", name: "chairId", prompt: "Choose", chairs)),
            .field(
                "held-minuteTakerId", label: "Minute taker (optional)", for: "held-minuteTaker",
                hint:
                    "Leave as \"No minute taker\" if there was none: you will be named as the person who recorded it, and can write it up.",
                hintId: "held-minuteTaker-hint", error: error["minuteTakerId"],
                // None is preselected here: the booking form's choice is not this one's.
                .select(
                    "held-minuteTaker", name: "minuteTakerId", prompt: "No minute taker",
                    minuteTakers.noneSelected,
                    .attr("aria-describedby", "held-minuteTaker-hint"))),
            .field(
                "held-reason", label: "Why it is recorded afterwards", for: "held-reason-input",
                hint: "For example: held by the emergency duty team at 02:10 by telephone.", hintId: "held-reason-hint",
                error: error["reason"],
                .textArea(
                    "held-reason-input", name: "reason", text: held["reason"],
                    .attr("aria-describedby", "held-reason-hint"))),
            .submit("Record the discussion", class: "button button-secondary"))
    }
}
