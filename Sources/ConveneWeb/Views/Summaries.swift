import ConveneCore
import Plot

/// The patterns several pages share: the error summary and the table of statutory clocks.
extension Node where Context == HTML.BodyContext {
    /// "There is a problem", with a link to each field that has one.
    static func errorSummary(_ errors: FormErrors) -> Node {
        .if(
            errors.any,
            .div(
                // Focused when the page opens (GOV.UK's error summary), so the keyboard starts there.
                .class("error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"), .flag("autofocus", true),
                .attr("aria-labelledby", "error-summary-title"),
                .h2(.id("error-summary-title"), "There is a problem"),
                .ul(.group(errors.items.map { item in .li(.link(item.link, .words(item.message))) }))))
    }

    /// Clocks, most urgent first, each linked to its case; `empty` says there are none.
    static func clockTable(_ clocks: [ClockRow], caption: String, empty: String) -> Node {
        guard !clocks.isEmpty else { return .muted(empty) }
        return .dataTable(
            caption: caption, columns: ["State", "Clock", "Case", "Due", "Time", "Owner"],
            cells: clocks.map { clock in
                [
                    .tag(clock.stateLabel, clock.tagClass),
                    .group(
                        .words(clock.label),
                        .unwrap(clock.warning) {
                            .group(.br(), .span(.class("error-message"), .words("Check this date: " + $0)))
                        }),
                    .link(clock.caseHref, .words(clock.caseReference)), .words(clock.due), .words(clock.timeLeft),
                    .words(clock.owner),
                ]
            })
    }
}
