import ConveneCore
import Plot

/// The minutes of a strategy discussion: finalising, circulation and corrections, sharing and the
/// disclosure log, amendments and the version history.
extension MinutesPages.MinutesPage: PageView {
    var content: HTMLNode {
        .group(
            .p(
                .class("caption"), .words("Case \(caseReference) · \(when) · "),
                .a(.class("no-print"), .attr("href", meetingHref), "Back to the meeting")),
            .h1("Minutes of the strategy discussion"),
            .p(.tag(statusLabel, "tag-blue"), " ", .span(.class("muted"), .words(versionLabel))),
            .errorSummary(errors),
            .div(.class("warning-text"), .p(.strong("Confidential."), " ", .words(confidentiality))),
            .if(isDraft, finalising),
            .if(canCirculate, circulating),
            .p(
                .class("no-print hint"), .id("printing"),
                "The printout leaves out the navigation, the forms and the version history. ",
                .link(printHistoryHref, "Print with the version history"),
                .if(printHistory, " (this page prints with it)")),
            .article(
                .class("minutes"), .group(sections.map(minutesSection)),
                .p(.class("print-only"), .words(confidentiality))),
            .unwrap(circulated) { circulation($0) },
            .if(showDisclosures, sharing),
            .if(!isDraft && canAmend, amending),
            .if(!versions.isEmpty, history))
    }

    /// The message about `field` when the form of `section` was the one refused.
    private func error(in section: String, _ field: String) -> String? {
        errorSection == section ? errors.byField[field] : nil
    }

    // MARK: Finalise and circulate

    private var finalising: HTMLNode {
        .section(
            .class("section no-print"), .id("finalise"), .attr("aria-labelledby", "finalise-title"),
            .h2(.id("finalise-title"), "Finalise"),
            .if(!problems.isEmpty, .group(.p("Before the chair can finalise the minutes:"), .bullets(problems))),
            canFinalise
                ? .postForm(
                    SitePath.meetingMinutesFinalise(.value(meetingId)).href, layout, id: "finalise-minutes",
                    novalidate: false, .submit("Finalise minutes"))
                : .muted("Only the chair can finalise the minutes."))
    }

    private var circulating: HTMLNode {
        .section(
            .class("section no-print"), .id("circulate"), .attr("aria-labelledby", "circulate-title"),
            .h2(.id("circulate-title"), "Circulate"),
            .p(
                "Send the minutes to every invitee by secure email within 24 hours of the meeting, then record it here."
            ),
            .postForm(
                SitePath.meetingMinutesCirculate(.value(meetingId)).href, layout, novalidate: false,
                .submit("Record circulation to all invitees")))
    }

    // MARK: The minutes

    private func minutesSection(_ section: MinutesPages.Section) -> HTMLNode {
        .section(
            .class("minutes-section"), .attr("aria-labelledby", "m-\(section.key)"),
            .h2(.attr("id", "m-\(section.key)"), .words(section.heading)), sectionBody(section))
    }

    private func sectionBody(_ section: MinutesPages.Section) -> HTMLNode {
        if !section.attendance.isEmpty {
            return .group(
                .dataTable(
                    caption: "Attendance", columns: ["Name", "Role and agency", "Attendance"],
                    cells: section.attendance.map { [.words($0.name), .words($0.role), .words($0.attendance)] }),
                .if(section.text != "", .p(.class("pre"), .words(section.text))))
        }
        if section.actionTable {
            return .dataTable(
                caption: "SMART actions", columns: ["Action", "Owner", "Agency", "Due", "Status"],
                cells: actions.map {
                    [.words($0.description), .words($0.owner), .words($0.agency), .words($0.due), .words($0.status)]
                })
        }
        return .p(.class("pre"), .words(section.text))
    }

    // MARK: Circulation and corrections

    private func circulation(_ circulated: String) -> HTMLNode {
        .section(
            .class("section"), .id("circulation"), .attr("aria-labelledby", "circulation-title"),
            .h2(.id("circulation-title"), "Circulation"),
            .p(.words("Circulated \(circulated) to: " + recipients.map { "\($0); " }.joined())),
            .p(.words("Corrections may be sent back until \(correctionsDue ?? "").")),
            .h3("Corrections received"),
            corrections.isEmpty ? .muted("None yet.") : .ul(.group(corrections.map(correctionItem))),
            .if(canCorrect, correctionForm))
    }

    private func correctionItem(_ correction: MinutesPages.Line) -> Node<HTML.ListContext> {
        .li(
            .strong(.words(correction.who)), .words(", \(correction.when) – \(correction.text)"),
            .if(correction.late, .group(" ", .tag("after the window", "tag-amber"))), " ",
            .tag(correction.status, "tag-grey"))
    }

    private var correctionForm: HTMLNode {
        .disclosure(
            "Record a correction", open: errorSection == "corrections", class: "no-print",
            .postForm(
                SitePath.meetingMinutesCorrections(.value(meetingId)).href, layout,
                recordsForOthers
                    ? .field(
                        "corrections-professionalId", label: "From", for: "correction-from",
                        hint: "The invitee who sent it; it is recorded as recorded by you for them.",
                        error: error(in: "corrections", "professionalId"),
                        .select("correction-from", name: "professionalId", prompt: "Choose", invitees))
                    : .p(.words("From you, \(layout.user?.name ?? "").")),
                .field(
                    "corrections-text", label: "Correction", for: "correction-text",
                    error: error(in: "corrections", "text"), .textArea("correction-text", name: "text", text: nil)),
                .submit("Record correction", class: "button button-secondary")))
    }

    // MARK: Sharing and the disclosure log

    private var sharing: HTMLNode {
        .section(
            .class("section no-print"), .id("sharing"), .attr("aria-labelledby", "sharing-title"),
            .h2(.id("sharing-title"), "Sharing beyond the invitees"),
            .p(
                "Minutes are confidential to the people invited and the case team. Anyone else needs the chair's recorded permission, which the chair can revoke."
            ),
            .if(
                !shares.isEmpty,
                .dataTable(
                    caption: "Permissions to share", columns: ["Shared with", "Reason", "Given", "Status"],
                    cells: shares.map { [.words($0.who), .words($0.reason), .words($0.granted), shareStatus($0)] })),
            .if(canShare, shareForm),
            .h3("Disclosure log"),
            disclosures.isEmpty
                ? .muted("Nothing has been disclosed yet.")
                : .dataTable(
                    caption: "Disclosure log", columns: ["When", "By", "To", "What", "Why"],
                    cells: disclosures.map {
                        [.words($0.when), .words($0.by), .words($0.to), .words($0.what), .words($0.why)]
                    }))
    }

    /// "Revoked …", the chair's button to revoke, or "Active".
    private func shareStatus(_ share: MinutesPages.ShareRow) -> HTMLNode {
        if let revoked = share.revoked { return .words("Revoked \(revoked)") }
        guard canShare else { return "Active" }
        return .postForm(
            SitePath.meetingMinutesShareRevoke(.value(meetingId), share: .value(share.id)).href, layout,
            novalidate: false,
            .el(
                "button", .attr("class", "link-button"), .attr("type", "submit"), "Revoke ",
                .span(.class("visually-hidden"), .words("permission for \(share.who)"))))
    }

    private var shareForm: HTMLNode {
        .p(.link(SitePath.meetingMinutesShareForm(.value(meetingId)).href, "Give permission to share the minutes"))
    }

    // MARK: Amendments

    private var amending: HTMLNode {
        .section(
            .class("section no-print"), .id("amend"), .attr("aria-labelledby", "amend-title"),
            .h2(.id("amend-title"), "Amend the minutes"),
            .p("An amendment is a new version. Earlier versions are kept with who changed what and when."),
            .group(amendForms.map(amendForm)))
    }

    private func amendForm(_ form: MinutesPages.AmendForm) -> HTMLNode {
        let prefix = "amend-\(form.key)"
        return .disclosure(
            "Amend: \(form.heading)", open: form.open, id: prefix,
            .postForm(
                SitePath.meetingMinutesAmendments(.value(meetingId)).href, layout, .hidden("section", form.key),
                .field(
                    "\(prefix)-sections", label: "\(form.heading): the text as it will read", for: "\(prefix)-text",
                    hint: "This is the section as it stands. Change what needs changing; the earlier version is kept.",
                    error: form.errors["text"], .textArea("\(prefix)-text", name: "text", text: form.text),
                    .checkbox(
                        "\(prefix)-empty", name: "confirmEmpty", checked: form.confirmEmpty,
                        label: "This section should now be empty")),
                .field(
                    "\(prefix)-summary", label: "What changed and why", for: "\(prefix)-summary-text",
                    error: form.errors["summary"],
                    .textInput("\(prefix)-summary-text", name: "summary", value: form.summary)),
                .if(!corrections.isEmpty, correctionsApplied(form.key)),
                .el(
                    "button", .attr("class", "button"), .attr("type", "submit"), "Save amendment ",
                    .span(.class("visually-hidden"), .words("of \(form.heading)")))))
    }

    /// The corrections an amendment of the section `key` applies, ticked by the person amending.
    private func correctionsApplied(_ key: String) -> HTMLNode {
        .el(
            "fieldset", .attr("class", "field"), .el("legend", "Corrections this applies"),
            .div(
                .class("checkboxes"),
                .group(
                    corrections.map { correction in
                        .checkbox(
                            "apply-\(key)-\(correction.id)", name: "correction-\(correction.id)", checked: false,
                            label: .words("\(correction.who): \(correction.text)"))
                    })))
    }

    // MARK: Version history

    private var history: HTMLNode {
        .section(
            .attr("class", printHistory ? "section" : "section no-print"), .id("versions"),
            .attr("aria-labelledby", "versions-title"),
            .h2(.id("versions-title"), "Version history"),
            .group(
                versions.map { version in
                    .group(
                        .h3(.words("Version \(version.version) – \(version.when), \(version.who)")),
                        .p(.words(version.summary)),
                        .group(version.changes.map(changedSection)))
                }))
    }

    /// A section's changes, one line each: added, removed, or (indented by two spaces) unchanged.
    private func changedSection(_ section: MinutesPages.ChangedSection) -> HTMLNode {
        .group(
            .p(.strong(.words(section.heading))),
            .p(
                .class("pre"),
                .group(
                    section.lines.map { line in
                        switch line.change {
                        case "added": return .group(.el("ins", .words("+ \(line.text)")), .raw("\n"))
                        case "removed": return .group(.el("del", .words("\u{2212} \(line.text)")), .raw("\n"))
                        default: return .words("  \(line.text)\n")
                        }
                    })))
    }
}

/// The chair gives someone outside the meeting permission to have the minutes, with the reason.
extension MinutesPages.SharePage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), .words("Case \(caseReference) · \(when) · "), .link(minutesHref, "Back to the minutes")),
            .h1("Give permission to share the minutes"),
            .errorSummary(errors),
            .p(
                "Minutes are confidential to the people invited and the case team. The permission is recorded in the disclosure log, and you can revoke it on the minutes page."
            ),
            .postForm(
                SitePath.meetingMinutesShares(.value(meetingId)).href, layout,
                .field(
                    "share-professionalId", label: "Share with", for: "share-with", error: errors.byField["professionalId"],
                    .select("share-with", name: "professionalId", prompt: "Choose", candidates)),
                .field(
                    "share-reason", label: "Why they need them", for: "share-reason-text", error: errors.byField["reason"],
                    .textArea("share-reason-text", name: "reason", text: reason)),
                .submit("Give permission")))
    }
}
