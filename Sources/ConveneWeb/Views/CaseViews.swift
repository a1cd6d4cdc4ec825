import ConveneCore
import Plot

extension CasePages.CaseListPage: PageView {
    var content: HTMLNode {
        .group(
            .h1("Cases"),
            .unwrap(newCaseHref) { .p(.a(.class("button"), .attr("href", $0), .attr("role", "button"), "Create a case")) },
            .errorSummary(errors),
            .postForm(
                SitePath.casesSearch.href, layout, class: "search no-print", formToken: false,
                .field(
                    "field-q", label: "Find a case", for: "q",
                    hint:
                        "By case reference, a child's or adult's name, or a date of birth (14/05/2017). Only cases you have a role in are searched.",
                    hintId: "q-hint", error: errors.byField["q"],
                    .textInput(
                        "q", name: "q", value: search, type: "search", .attr("aria-describedby", "q-hint"),
                        .attr("autocomplete", "off"), .attr("spellcheck", "false"))),
                .submit("Search", class: "button button-secondary"),
                .if(searched, .group(" ", .link(SitePath.cases.href, "Show all your cases")))),
            .unwrap(range) { .p(.class("caption"), .words($0)) },
            list,
            .if(
                paged,
                .nav(
                    .class("pager"), .ariaLabel("Pages of cases"),
                    .unwrap(previousHref) { .group(.a(.attr("href", $0), .attr("rel", "prev"), "Previous 100 cases"), " ") },
                    .unwrap(nextHref) { .a(.attr("href", $0), .attr("rel", "next"), "Next 100 cases") })))
    }

    private var list: HTMLNode {
        guard !cases.isEmpty else {
            return .p(
                searched
                    ? "No case you have a role in matches. Check the spelling or the date, or search by the case reference."
                    : "You have no cases yet. Cases you are allocated to, manage or are invited to discuss appear here.")
        }
        return .dataTable(
            caption: "Cases", columns: ["Case", "Children", "Stage", "Team", "Type", "Opened"],
            cells: cases.map {
                [
                    .link($0.href, .words($0.reference)), .words($0.children), .words($0.stage), .words($0.team),
                    .words($0.caseType), .words($0.created),
                ]
            })
    }
}

extension CasePages.CasePage: PageView {
    var content: HTMLNode {
        .group(
            .p(.class("caption"), .words(team)),
            .h1(.words("Case \(reference)")),
            .errorSummary(errors),
            .summaryList([
                Pair("Case type", caseType), Pair("Referral", referral), Pair("Allocated social worker", socialWorker),
                Pair("Team manager", teamManager), Pair("Service manager", serviceManager),
            ]),
            .unwrap(newRequestHref) { .p(.a(.class("button no-print"), .attr("href", $0), "Request a strategy discussion")) },
            .h2("S47, ICPC and statutory clocks"),
            .clockTable(clocks, caption: "Statutory clocks", empty: "No statutory clocks are running."),
            .h2("Strategy discussions"),
            timeline.isEmpty
                ? .muted("No strategy discussion has been booked yet.")
                : .dataTable(
                    caption: "Timeline of strategy discussions", columns: ["When", "Status", "S47 decision", "Outcome"],
                    cells: timeline.map {
                        [.link($0.href, .words($0.when)), .tag($0.status, $0.tagClass), .words($0.s47), .words($0.outcome)]
                    }),
            .h2("Requests"),
            requests.isEmpty
                ? .muted("No requests.")
                : .dataTable(
                    caption: "Requests", columns: ["Created", "Urgency", "Status"],
                    cells: requests.map { [.link($0.href, .words($0.created)), .words($0.urgency), .words($0.status)] }),
            .h2(.id("people"), "Family and other relevant people"),
            .peopleTable(people, caption: "People"),
            .if(
                mayEditPeople,
                .addPersonForm(caseId: caseId, returnTo: nil, roles: personRoles, posted: posted, errors: errors, layout)),
            .h2("Other clocks"),
            .dataTable(
                caption: "Other clocks", columns: ["State", "Clock", "Due", "Time", "Owner"],
                cells: otherClocks.map {
                    [.tag($0.stateLabel, $0.tagClass), .words($0.label), .words($0.due), .words($0.timeLeft), .words($0.owner)]
                }))
    }
}
