import ConveneCore
import Foundation
import Plot

/// The meeting page of an invitee from a partner agency: the logistics,
/// who is invited, the family details the chair shared, and the SMART actions the invitee owns.
extension InviteeMeetingPage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), .words("Case \(caseReference) · \(when)")),
            .h1("Strategy discussion"),
            .errorSummary(errors),
            summary,
            .quorumNote(isQuorate: isQuorate, attendanceNotTaken: attendanceNotTaken, missing: quorumMissing, then: ""),
            .p(.class("inset"), .words(confidentiality)),
            inviteesSection, familySection, actionsSection)
    }

    private var summary: HTMLNode {
        .el(
            "dl", .class("summary"),
            .el("dt", "Status"), .el("dd", .tag(status, tagClass)),
            .el("dt", "Format"), .el("dd", .words(format)),
            .el("dt", "Chair"), .el("dd", .words(chair)),
            .el("dt", "Minute taker"), .el("dd", .words(minuteTaker)),
            .el("dt", "Minutes"),
            .el(
                "dd",
                .unwrap(
                    minutesHref, { .link($0, "Read the minutes") },
                    else: "You can read the minutes here once the chair has finalised them.")))
    }

    private var inviteesSection: HTMLNode {
        .meetingSection(
            "attendance", titleId: "attendance-title", title: "Who is invited",
            .dataTable(
                caption: "Invitees", columns: ["Name", "Role and agency", "Attendance"],
                cells: invitees.map { [.words($0.name), .words($0.role), .words($0.attendance)] }))
    }

    private var familySection: HTMLNode {
        .meetingSection(
            "family", titleId: "family-title", title: "Family details shared by the chair",
            family.isEmpty
                ? .muted("The chair has not shared any family details with the invitees.")
                : .dataTable(
                    caption: "Family details shared with the invitees", columns: ["Name", "Role", "Born", "Details"],
                    cells: family.map { [.words($0.name), .words($0.role), .words($0.born), .words($0.detail)] }),
            .p(
                .class("hint"),
                "The chair shares only what is needed for the discussion. Details are withheld where sharing them could put a child at risk or prejudice a police investigation."
            ))
    }

    private var actionsSection: HTMLNode {
        .meetingSection(
            "smart-actions", titleId: "actions-title", title: "Your SMART actions",
            actions.isEmpty
                ? .muted("You own no actions from this discussion.")
                : .dataTable(
                    caption: "SMART actions you own", columns: ["Action", "Due", "State", "Update"],
                    cells: actions.map(actionCells)),
            .p(
                .class("hint"),
                "If an action is wrong or cannot be done in time, ask the chair: they can reassign it, give it a new date or cancel it, with a reason."
            ))
    }

    private func actionCells(_ action: OwnAction) -> [HTMLNode] {
        [
            .group(
                .words(action.description),
                .if(!action.evidence.isEmpty, .group(.br(), .span(.class("muted"), .words(action.evidence))))),
            .words(action.due),
            .words(action.status),
            .if(action.isOpen, doneForm(action)),
        ]
    }

    /// The form that marks an open action done, with the evidence that it is; when it failed, the
    /// message shows by it and the evidence typed stays.
    private func doneForm(_ action: OwnAction) -> HTMLNode {
        let section = MeetingPage.actionSection(action.id)
        let failed = errorSection == section
        return .group(
            .div(.id("\(section)-status"), .errorMessage(failed ? errors.byField["status"] : nil)),
            .postForm(
                SitePath.meetingAction(.value(meetingId), action: .value(action.id)).href, layout,
                .hidden("version", String(action.version)), .hidden("status", "completed"),
                .field(
                    "\(section)-completionEvidence", label: "Evidence that it is done", for: "evidence-\(action.id)",
                    error: failed ? errors.byField["completionEvidence"] : nil,
                    .textInput(
                        "evidence-\(action.id)", name: "completionEvidence",
                        value: failed ? posted["completionEvidence"] : nil)),
                .submit("Mark done", class: "button button-secondary")))
    }
}
