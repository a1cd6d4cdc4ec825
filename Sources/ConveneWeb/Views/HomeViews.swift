import ConveneCore
import Plot

/// My work: what to do next, the person's clocks, discussions, actions and messages.
extension HomePages.MyWorkPage: PageView {
    var content: HTMLNode {
        .group(
            .h1("My work"),
            .h2("What to do next"),
            .if(nothingToDo, .muted("Nothing is waiting for you.")),
            todo("Requests returned to you", returned), todo("Requests to approve", toApprove),
            todo("Requests to book", toBook), todo("Minutes to finalise", toFinalise),
            todo("Corrections to consider", corrections), todo("Changes to bookings to agree", toAgree),
            todo("Telephone agreements recorded for you", toAcknowledge),
            .h2("Clocks due soon or overdue"),
            .clockTable(clocks, caption: "My clocks", empty: "Nothing of yours is due soon or overdue."),
            .h2("My strategy discussions"),
            meetingList,
            .h2("My SMART actions"),
            actionList,
            .h2(.id("messages"), "What Convene sent you"),
            .p(
                "Messages say only the case reference, the time and what is asked of you; the details are here, after you sign in."
            ),
            !messages.isEmpty
                ? .dataTable(
                    caption: "Messages Convene sent you, newest first", columns: ["When", "Message", "State"],
                    cells: messages.map { [.words($0.when), .words($0.subject), .words($0.state)] })
                : .muted("Convene has sent you no messages yet."),
            .postForm(
                SitePath.myWorkReminders.href, layout, novalidate: false,
                .el(
                    "fieldset", .attr("class", "field"),
                    .el("legend", "How do you want reminders of SMART actions and timescales due?"),
                    .p(.class("hint"), "Overdue statutory timescales are always sent."),
                    .radios("reminders", name: "preference", reminders)),
                .submit("Save how I get reminders", class: "button button-secondary")))
    }

    private func todo(_ heading: String, _ items: [HomePages.ToDo]) -> HTMLNode {
        guard !items.isEmpty else { return .empty }
        return .group(
            .h3(.words(heading)),
            .ul(
                .class("todo"),
                .group(items.map { .li(.link($0.href, .words($0.caseReference)), .words(": " + $0.detail)) })))
    }

    private var meetingList: HTMLNode {
        guard !meetings.isEmpty else {
            return .muted("You have no strategy discussions in the last week or the next two weeks.")
        }
        return .dataTable(
            caption: "Strategy discussions in the last week and the next two weeks", captionHidden: false,
            columns: ["When", "Case", "Your role", "Status"],
            cells: meetings.map {
                [.link($0.href, .words($0.when)), .words($0.caseReference), .words($0.role), .tag($0.status, $0.tagClass)]
            })
    }

    private var actionList: HTMLNode {
        guard !actions.isEmpty else { return .muted("You have no open actions.") }
        return .dataTable(
            caption: "Open actions you own", captionHidden: false, columns: ["Action", "Case", "Due", "State"],
            cells: actions.map {
                [
                    .link($0.meetingHref + "#smart-actions", .words($0.description)), .words($0.caseReference),
                    .group(.words($0.due), .br(), .span(.class("muted"), .words($0.timeLeft))),
                    .tag($0.stateLabel, $0.tagClass),
                ]
            })
    }
}

/// The team dashboard: the figures, the requests waiting, the open clocks, quorum failures,
/// disagreements, escalations and the service managers' observations.
extension HomePages.DashboardPage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), .words(teamName)),
            .h1("Team dashboard"),
            .getForm(
                SitePath.dashboard.href, class: "no-print",
                .div(
                    .class("field"), .el("label", .attr("for", "teamId"), "Team"),
                    .select(
                        "teamId", name: "teamId", prompt: nil,
                        teams.map { Option(value: $0.id.uuidString, label: $0.name, selected: $0.selected) })),
                .submit("Show team", class: "button button-secondary")),
            .div(
                .class("grid"), card(overdueHref, overdueCount, overdueWords), card(dueSoonHref, dueSoonCount, dueSoonWords),
                card("#requests", requests.count, requestsWords), card("#quorum", quorumFailures.count, quorumWords)),
            .h2(.id("requests"), "Requests waiting for approval"),
            requests.isEmpty
                ? .muted("No requests are waiting.")
                : .dataTable(
                    caption: "Submitted requests", captionHidden: false,
                    columns: ["Case", "Urgency", "Submitted", "Waiting"],
                    cells: requests.map {
                        [.link($0.href, .words($0.caseReference)), .words($0.urgency), .words($0.submitted), .words($0.waiting)]
                    }),
            .h2(.id("clocks"), "Open clocks"),
            clockFilters,
            .unwrap(pageText) { text in
                .p(
                    .class("inset"), .id("clock-pages"), .words(text + ", most urgent first."),
                    .unwrap(previousPageHref) { .group(" ", .link($0, "Previous page")) },
                    .unwrap(nextPageHref) { .group(" ", .link($0, "Next page")) })
            },
            .clockTable(clocks, caption: "Open clocks in the team", empty: "No clocks are running for this team."),
            .h2(.id("quorum"), "Quorum failures"),
            .p(
                .class("hint"),
                "Social worker, team manager, police and health must take part (minimum attendance). Non-attendance of a statutory partner can be escalated."
            ),
            quorumFailures.isEmpty
                ? .muted("Every meeting in the last 30 days and the next 14 is quorate.")
                : .dataTable(
                    caption: "Meetings without quorum", captionHidden: false, columns: ["Meeting", "Case", "Missing"],
                    cells: quorumFailures.map {
                        [.link($0.href, .words($0.when)), .words($0.caseReference), .tag($0.missing, "tag-red")]
                    }),
            .h2("Disagreements waiting for escalation"),
            dissents.isEmpty
                ? .muted("No open disagreements.")
                : .dataTable(
                    caption: "Open or escalated disagreements", captionHidden: false, columns: ["Case", "View", "Status"],
                    cells: dissents.map {
                        [.link($0.href, .words($0.caseReference)), .words($0.view), .tag($0.status, "tag-amber")]
                    }),
            .h2(.id("escalations"), "Open escalations"),
            escalations.isEmpty
                ? .muted("No open escalations.")
                : .dataTable(
                    caption: "Escalations waiting to be resolved", captionHidden: false,
                    columns: ["Case", "Escalation", "Raised"],
                    cells: escalations.map {
                        [
                            .link($0.href, .words($0.caseReference)),
                            .group(.words($0.what), .br(), .span(.class("muted"), .words($0.reason))), .words($0.raised),
                        ]
                    }),
            .h2(.words("Service manager observation, \(month)")),
            .p(.class("hint"), "Each service manager observes at least one strategy discussion a month."),
            .dataTable(
                caption: "Meetings observed this month", captionHidden: false,
                columns: ["Service manager", "Observed", "State"],
                cells: observations.map {
                    [
                        .words($0.manager), .words(String($0.observed)),
                        $0.met ? .tag("Done", "tag-green") : .tag("Not yet", "tag-amber"),
                    ]
                }))
    }

    private func card(_ href: String, _ count: Int, _ words: String) -> HTMLNode {
        .div(.class("card"), .link(href, .span(.class("number"), .words(String(count))), .words(" " + words)))
    }

    private var clockFilters: HTMLNode {
        .getForm(
            SitePath.dashboard.href + "#clocks", class: "no-print filters",
            .group(teams.filter(\.selected).map { .hidden("teamId", $0.id.uuidString) }),
            .div(
                .class("field"), .el("label", .attr("for", "filter-state"), "Which"),
                .select("filter-state", name: "state", prompt: "All open clocks", states)),
            .div(
                .class("field"), .el("label", .attr("for", "filter-kind"), "Kind of clock"),
                .select("filter-kind", name: "kind", prompt: "Every kind", kinds)),
            .div(
                .class("field"), .el("label", .attr("for", "filter-owner"), "Owner"),
                .select("filter-owner", name: "ownerId", prompt: "Anyone", owners)),
            .submit("Show these clocks", class: "button button-secondary"),
            .if(filtered, .p(.link(clearFiltersHref, "Show every open clock"))))
    }
}
