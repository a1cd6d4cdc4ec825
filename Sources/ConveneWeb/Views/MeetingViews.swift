import ConveneCore
import Foundation
import Plot

/// The meeting page of the chair and the minute taker: the booking, the record in
/// agenda order, and the whole-record form every "Save the record" button submits.
extension MeetingPage: PageView {
    var content: HTMLNode {
        .group(
            heading,
            .quorumNote(
                isQuorate: isQuorate, attendanceNotTaken: attendanceNotTaken, missing: quorumMissing,
                then: " Non-attendance of a statutory partner can be escalated."),
            .errorSummary(errors), unsavedWarning, conflictNode, readOnlyNote,
            isBooked || !changes.isEmpty ? bookingSection : .empty,
            attendanceSection, openingSection, reasonSection, cscSection, contributionsSection, riskSection,
            decisionsSection, dissentsSection, escalationsSection, actionsSection, planSection, wholeRecordForm)
    }

    // MARK: - Helpers the page's sections share

    /// The message for `field` when the form that failed was the one of `section`.
    /// A save of the record can refuse fields of several of its parts: each shows its own.
    func error(_ section: String, _ field: String) -> String? {
        let recordRefused = RecordSection(rawValue: errorSection) != nil && RecordSection(rawValue: section) != nil
        return errorSection == section || recordRefused ? errors.byField[field] : nil
    }

    /// What every control of the record carries: it belongs to the whole-record form, and is
    /// disabled once the record cannot change.
    func recordAttributes<Context>() -> Node<Context> {
        .group(.attr("form", "whole-record"), .flag("disabled", !editable))
    }

    /// A part of the record: its saved version and fingerprint go with the whole-record form, then
    /// its fields and, while the record can change, its save button.
    func recordPart(_ section: String, _ fields: HTMLNode...) -> HTMLNode {
        .div(
            .class("record-part"),
            .hidden("sectionVersion-\(section)", sectionVersions[section].map(String.init) ?? "", form: "whole-record"),
            .hidden("sectionHash-\(section)", sectionHashes[section] ?? "", form: "whole-record"),
            .group(fields),
            .if(editable, saveRecordButton(section, text: "Save the record")))
    }

    /// A button that submits the whole record, naming the part it was pressed in.
    func saveRecordButton(_ section: String, text: String) -> HTMLNode {
        .submit(text, class: "button", .attr("form", "whole-record"), .attr("name", "section"), .attr("value", section))
    }

    // MARK: - Above the record

    private var heading: HTMLNode {
        .group(
            .p(.class("caption"), "Case ", .link(caseHref, .words(caseReference)), .words(" · \(when)")),
            .h1("Strategy discussion"),
            .el(
                "dl", .class("summary"),
                .el("dt", "Status"),
                .el("dd", .tag(status, "tag-blue"), .if(overran, .group(" ", .tag("Ran over one hour", "tag-amber")))),
                .el("dt", "Chair"), .el("dd", .words(chair)),
                .el("dt", "Minute taker"), .el("dd", .words(minuteTaker)),
                .unwrap(lateReason) { .group(.el("dt", "Booked after the timescale"), .el("dd", .words($0))) },
                .unwrap(afterEvent) { .group(.el("dt", "Recorded after it was held"), .el("dd", .words($0))) },
                .el("dt", "Minutes"), .el("dd", .link(minutesHref, "Minutes and circulation"))))
    }

    private var unsavedWarning: HTMLNode {
        .if(
            editable,
            .div(
                .class("warning-text no-print"), .id("unsaved-record"), .attr("role", "alert"), .attr("tabindex", "-1"),
                .flag("hidden", true),
                .p(
                    .strong("The record has typed text that is not saved."),
                    " Save the record first, then use that button again: the other buttons on this page save only their own part."
                ),
                saveRecordButton("opening", text: "Save the record now")))
    }

    private var conflictNode: HTMLNode {
        .unwrap(conflict) { conflict in
            .div(
                .class("conflict"), .id("conflict"), .attr("aria-labelledby", "conflict-title"),
                .h2(
                    .id("conflict-title"), .class("h3"),
                    .words("\(conflict.label): someone else saved this section while you were editing")),
                .p(
                    "Nothing of yours has been saved yet. Here are both versions. Your text is still in the form; change it to include what you need from the saved version, then save again."
                ),
                .dataTable(
                    caption: "Your version and the saved version of \(conflict.label)",
                    columns: ["Field", "Your version", "Saved version"],
                    rows: conflict.rows.map {
                        TableRow(
                            [.words($0.label), .words($0.yours), .words($0.saved)], cellClasses: [1: "pre", 2: "pre"],
                            headed: true)
                    }))
        }
    }

    private var readOnlyNote: HTMLNode {
        if readOnlyForYou {
            return .p(.class("inset"), "The chair and the minute taker write this record; you can read it here.")
        }
        guard !editable else { return .empty }
        return .p(
            .class("inset"),
            "The minutes are final, so the record cannot change here. Corrections are made as amendments on the minutes page."
        )
    }

    // MARK: - Booking

    private var bookingSection: HTMLNode {
        .meetingSection(
            "booking", titleId: "booking-title", title: "Booking",
            .unwrap(error("booking", "declinedReason")) {
                .p(.class("error-message"), .id("booking-declinedReason"), .words($0))
            },
            .each(changes, change),
            .if(isBooked, rebooking))
    }

    /// A change to the booking, with the service manager's buttons to agree, decline or acknowledge it.
    private func change(_ change: ChangeLine) -> HTMLNode {
        func path(_ decision: String) -> String {
            SitePath.meetingChange(.value(meetingId), change: .value(change.id), decision: .value(decision)).href
        }
        return .div(
            .class("inset"), .attr("id", "change-\(change.id)"),
            .p(.words(change.text)), .p(.words(change.agreement)),
            .if(
                change.mayDecide,
                .group(
                    .postForm(path("approve"), layout, formToken: false, .submit("Agree and make the change")),
                    .postForm(
                        path("decline"), layout, formToken: false,
                        .field(
                            nil, label: "Why not (to decline)", for: "decline-\(change.id)", error: nil,
                            .textArea("decline-\(change.id)", name: "declinedReason", text: nil)),
                        .submit("Decline the change", class: "button button-secondary")))),
            .if(
                change.mayAcknowledge,
                .postForm(
                    path("acknowledge"), layout, formToken: false,
                    .submit("I agreed to this by telephone", class: "button button-secondary"))))
    }

    private var rebooking: HTMLNode {
        if changeWaiting {
            return .p(
                "Another change cannot be asked for until the service manager agrees to or declines the one waiting.")
        }
        return .group(
            agreesSignedIn
                ? .p(
                    "As a service manager, you agree to a move or cancellation by making it here; it is recorded as yours."
                )
                : .p(
                    "A booked meeting is moved or cancelled only with the case's service manager's agreement: ask them to agree in Convene, or record the agreement they gave by telephone, and they are told."
                ),
            .disclosure("Move or cancel this meeting", open: errorSection == "booking", moveForm))
    }

    private var moveForm: HTMLNode {
        .postForm(
            SitePath.meetingMove(.value(meetingId)).href, layout,
            .field(
                "booking-newStart", label: "New time (to move it)", for: "move-newStart",
                error: error("booking", "newStart"),
                .input(.attr("type", "datetime-local"), .attr("id", "move-newStart"), .attr("name", "newStart"))),
            agreesSignedIn ? .hidden("agreement", "signedIn") : agreement,
            .field(
                "booking-lateReason", label: "Reason for moving it after the request's timescale (only if you do)",
                for: "move-lateReason", error: error("booking", "lateReason"),
                .textArea("move-lateReason", name: "lateReason", text: nil)),
            .field(
                "booking-reason", label: "Reason", for: "move-reason", error: error("booking", "reason"),
                .textArea("move-reason", name: "reason", text: nil)),
            .submit("Move meeting", class: "button button-secondary"),
            .submit(
                "Cancel meeting", class: "button button-warning",
                .attr("formaction", SitePath.meetingCancel(.value(meetingId)).href)))
    }

    /// How the service manager agrees to the move, and who they are (when it is not the person signed in).
    private var agreement: HTMLNode {
        let message = error("booking", "agreement")
        return .group(
            .el(
                "fieldset", .attr("class", message == nil ? "field" : "field field-error"), .id("booking-agreement"),
                .el("legend", "How the service manager agrees"),
                .errorMessage(message),
                .radios(
                    "move-agreement", name: "agreement",
                    [
                        Option(
                            value: "requested", label: "Ask them to agree in Convene; nothing changes until they do"),
                        Option(
                            value: "byTelephone", label: "They agreed by telephone: record it for them, and tell them"),
                    ])),
            .field(
                "booking-agreedBy", label: "Service manager", for: "move-agreedBy", error: error("booking", "agreedBy"),
                .select("move-agreedBy", name: "agreedBy", prompt: nil, serviceManagers)))
    }

    // MARK: - 1. Attendance

    private var attendanceSection: HTMLNode {
        .meetingSection(
            "attendance", titleId: "attendance-title", title: "1. Introductions, attendance and apologies",
            .postForm(
                SitePath.meetingAttendance(.value(meetingId)).href, layout, novalidate: false,
                .dataTable(
                    caption: "Attendance", columns: ["Name", "Role and agency", "Attendance"],
                    cells: attendance.map(attendanceCells)),
                .if(editable, .submit("Save attendance"))),
            .if(
                editable,
                .disclosure(
                    "Invite another professional", open: errorSection == "attendance",
                    .postForm(
                        SitePath.meetingInvitations(.value(meetingId)).href, layout, novalidate: false,
                        .field(
                            "attendance-professionalId", label: "Professional", for: "invite-professionalId", error: nil,
                            .select(
                                "invite-professionalId", name: "professionalId", prompt: "Choose",
                                inviteOptions.noneSelected)),
                        .submit("Invite", class: "button button-secondary")))))
    }

    private func attendanceCells(_ row: AttendanceRow) -> [HTMLNode] {
        let control = "attendance-\(row.professionalId)"
        let withdraw = SitePath.meetingInvitationWithdraw(.value(meetingId), invitee: .value(row.professionalId)).href
        return [
            .group(
                .words(row.name),
                .if(
                    row.notNotified,
                    .group(
                        .br(), .tag("Not notified: no email address", "tag-red"), " ",
                        .span(.class("hint"), "Telephone them", .unwrap(row.phone) { .words(" on \($0)") }, "."))),
                .if(
                    row.mayWithdraw,
                    .group(
                        .br(),
                        .el(
                            "button", .class("link-button"), .attr("type", "submit"), .attr("formaction", withdraw),
                            "Withdraw the invitation ", .span(.class("visually-hidden"), .words("of \(row.name)")))))),
            .words("\(row.role), \(row.agency)"),
            .group(
                .el("label", .class("visually-hidden"), .attr("for", control), .words("Attendance of \(row.name)")),
                .select(control, name: control, prompt: nil, row.options, .flag("disabled", !editable))),
        ]
    }

    // MARK: - 2–3. Opening

    private var openingSection: HTMLNode {
        .meetingSection(
            "section-opening", titleId: "opening-title", title: "2–3. Family details, status and confidentiality",
            .dataTable(
                caption: "Family details to check", columns: ["Name", "Role", "Born", "Details", "Invitees see"],
                cells: family.map {
                    [
                        .words($0.name), .words($0.role), .words($0.born), .words($0.detail),
                        $0.released ? .tag("Shared", "tag-green") : .tag("Withheld", "tag-grey"),
                    ]
                }),
            .if(canRelease, releaseForm),
            .p(.class("inset"), .words(confidentiality)),
            recordPart(
                "opening",
                .div(
                    .class("field"), .id("opening-familyDetailsConfirmed"),
                    recordCheckbox(
                        "familyDetailsConfirmed", label: "The chair checked the family details for accuracy"),
                    recordCheckbox(
                        "confidentialityStatementGiven",
                        label: "The status of the meeting and the confidentiality statement were given")),
                .field(
                    "opening-format", label: "Format", for: "format", error: error("opening", "format"),
                    .select("format", name: "format", prompt: "Choose", formats, recordAttributes())),
                .field(
                    "opening-startedAt", label: "Started", for: "startedAt", error: error("opening", "startedAt"),
                    .textInput(
                        "startedAt", name: "startedAt", value: values["startedAt"], type: "datetime-local",
                        recordAttributes())),
                .field(
                    "opening-endedAt", label: "Ended", for: "endedAt", error: error("opening", "endedAt"),
                    .textInput(
                        "endedAt", name: "endedAt", value: values["endedAt"], type: "datetime-local",
                        recordAttributes()))))
    }

    /// The chair's choice of the family members whose details the invitees see.
    private var releaseForm: HTMLNode {
        .disclosure(
            "Choose the family details the invitees see", open: errorSection == "released-people",
            id: "released-people",
            .postForm(
                SitePath.meetingReleasedPeople(.value(meetingId)).href, layout, novalidate: false,
                .el(
                    "fieldset", .class("field"),
                    .el("legend", "Invitees see the name, date of birth, relationship, address and checks of"),
                    .p(
                        .class("hint"),
                        "Withhold anyone whose details could put a child at risk or prejudice a police investigation. Everyone not ticked is withheld."
                    ),
                    .each(family) { person in
                        .checkbox(
                            "release-\(person.id)", name: "release-\(person.id)", checked: person.released,
                            label: .words("\(person.name) (\(person.role))"))
                    }),
                .submit("Save what invitees see", class: "button button-secondary")))
    }

    /// A tick of the record's opening, true when ticked.
    private func recordCheckbox(_ field: String, label: String) -> HTMLNode {
        .div(
            .class("checkbox"),
            .input(
                .attr("form", "whole-record"), .attr("type", "checkbox"), .attr("id", field), .attr("name", field),
                .attr("value", "true"), .flag("checked", values[field] == "true"), .flag("disabled", !editable)),
            .el("label", .attr("for", field), .words(label)))
    }

    // MARK: - After the record

    /// The form every "Save the record" button submits, and what those buttons do.
    private var wholeRecordForm: HTMLNode {
        .if(
            editable,
            .group(
                .postForm(SitePath.meetingRecord(.value(meetingId)).href, layout, id: "whole-record"),
                .p(
                    .class("hint no-print"),
                    "Every \"Save the record\" button saves all five parts of the record at once (opening, reason, information, risk, plan), so nothing typed in one part is lost by saving another. The other buttons (attendance, decisions, different views, actions) save only their own part: save the record before using them. With JavaScript on, the page stops you before typed record text is left unsaved."
                ),
                .el("script", .attr("src", "/js/record.js"), .flag("defer", true))))
    }
}

/// What the meeting pages of the team and of an invitee share: a numbered section of the agenda,
/// and the note on the quorum.
extension Node where Context == HTML.BodyContext {
    /// A section of the meeting page, labelled by its heading.
    static func meetingSection(_ id: String, titleId: String, title: String, _ nodes: Node...) -> Node {
        .section(
            .class("section"), .attr("id", id), .attr("aria-labelledby", titleId),
            .h2(.attr("id", titleId), .text(title)), .group(nodes))
    }

    /// Whether the discussion is quorate; `then` follows the missing roles when it is not.
    static func quorumNote(isQuorate: Bool, attendanceNotTaken: Bool, missing: String, then: String) -> Node {
        guard isQuorate else {
            return .div(
                .class("warning-text"), .attr("role", "status"),
                .p(.strong("Not quorate."), .words(" Missing: \(missing)."), .text(then)))
        }
        return .p(
            .class("inset"),
            attendanceNotTaken
                ? "Quorum: social worker, team manager, police and health are invited; attendance is not recorded yet."
                : "Quorum: social worker, team manager, police and health are taking part.")
    }
}
