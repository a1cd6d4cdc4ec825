import ConveneCore
import Foundation
import Plot

/// The record's sections of the meeting page (agenda items 4 to 8 and 11): the
/// parts the whole-record form saves, the agencies' information and the decisions.
extension MeetingPage {
    // MARK: - 4–5. Reason and children's social care

    var reasonSection: HTMLNode {
        .meetingSection(
            "section-reason", titleId: "reason-title", title: "4. Reason for the strategy discussion",
            recordPart(
                "reason",
                recordTextArea(
                    "reason", "reasonForMeeting", label: "Reason (the summary used to convene the meeting)")))
    }

    var cscSection: HTMLNode {
        .meetingSection(
            "section-csc", titleId: "csc-title", title: "5. Information from children's social care",
            recordPart(
                "csc",
                recordTextArea(
                    "csc", "cscInformation",
                    label:
                        "Children's social care information, including history and other areas if the family moved")))
    }

    // MARK: - 6. Information from each agency

    var contributionsSection: HTMLNode {
        .meetingSection(
            "section-contributions", titleId: "contributions-title", title: "6. Information from each agency",
            contributions.isEmpty
                ? .muted("No agency information recorded yet.")
                : .el(
                    "dl", .class("summary"),
                    .each(contributions) { line in
                        .group(
                            .el(
                                "dt", .words(line.who),
                                .unwrap(line.status) { .group(.br(), .span(.class("muted"), .words($0))) }),
                            .el("dd", .words(line.text)))
                    }),
            .if(editable, contributionForm))
    }

    private var contributionForm: HTMLNode {
        .postForm(
            SitePath.meetingContributions(.value(meetingId)).href, layout,
            .field(
                "contributions-agencyId", label: "Agency", for: "c-agencyId", error: error("contributions", "agencyId"),
                .select("c-agencyId", name: "agencyId", prompt: "Choose", agencies)),
            .field(
                "contributions-professionalId", label: "Who gave it (optional)", for: "c-professionalId",
                error: error("contributions", "professionalId"),
                .select("c-professionalId", name: "professionalId", prompt: "Choose", contributors)),
            .field(
                "contributions-summary", label: "Summary", for: "c-summary", error: error("contributions", "summary"),
                .textArea("c-summary", name: "summary", text: nil)),
            .submit("Add agency information"))
    }

    // MARK: - 7. Risk

    var riskSection: HTMLNode {
        .meetingSection(
            "section-risk", titleId: "risk-title", title: "7. Summary and analysis of risk",
            recordPart(
                "risk",
                recordTextArea("risk", "riskFactors", label: "Risk factors", error: error("risk", "riskFactors")),
                recordTextArea("risk", "protectiveFactors", label: "Protective factors"),
                recordAnswer("risk", "safeAtHome", label: "Is the child safe to remain at home?"),
                recordAnswer(
                    "risk", "otherChildrenAtRisk",
                    label: "Are other children at risk? (all children and absent carers considered)"),
                recordTextArea("risk", "otherChildrenDetail", label: "Other children: details"),
                recordTextArea(
                    "risk", "voiceOfChild", label: "Voice of the child and lived experience (is there coercion?)"),
                recordTextArea("risk", "cultureAndIdentity", label: "Culture, heritage, ethnicity and identity"),
                recordAnswer("risk", "interpreterNeeded", label: "Is an interpreter needed?"),
                .field(
                    "risk-interpreterLanguage", label: "Language", for: "interpreterLanguage", error: nil,
                    .textInput(
                        "interpreterLanguage", name: "interpreterLanguage", value: values["interpreterLanguage"],
                        recordAttributes())),
                recordTextArea("risk", "disabilityAdjustments", label: "Disabilities and adjustments")))
    }

    /// A text area of the record, named and labelled by its field.
    private func recordTextArea(_ section: String, _ field: String, label: String, error: String? = nil) -> HTMLNode {
        .field(
            "\(section)-\(field)", label: label, for: field, error: error,
            .textArea(field, name: field, text: values[field], recordAttributes()))
    }

    /// A yes, no or not yet known question of the record.
    private func recordAnswer(_ section: String, _ field: String, label: String) -> HTMLNode {
        .field(
            "\(section)-\(field)", label: label, for: field, error: nil,
            .select(field, name: field, prompt: "Choose", answers[field] ?? [], recordAttributes()))
    }

    // MARK: - 8. Decisions

    var decisionsSection: HTMLNode {
        .meetingSection(
            "section-decisions", titleId: "decisions-title", title: "8. Decisions and rationale",
            .p(
                .class("hint"),
                "Every decision needs its rationale and who decided. The threshold, S47, informing parents and the outcome must be recorded before the minutes are finalised."
            ),
            .each(decisions, decision))
    }

    /// A decision: what was recorded and, while the record can change, the form to record it.
    private func decision(_ decision: DecisionForm) -> HTMLNode {
        .disclosure(
            decision.title + (decision.recorded == nil ? "" : " – recorded"), open: decision.open,
            id: "decision-\(decision.kind)",
            .unwrap(decision.recorded) { .p(.class("inset"), .words($0)) },
            .if(editable, decisionForm(decision)))
    }

    private func decisionForm(_ decision: DecisionForm) -> HTMLNode {
        let kind = decision.kind
        let error = decision.errors
        return .postForm(
            SitePath.meetingDecision(.value(meetingId), kind: .value(kind)).href, layout,
            .unwrap(decision.version) { .hidden("version", String($0)) },
            .fieldset(
                "decision-\(kind)-answer", legend: "Decision", error: error["answer"],
                .radios(kind, name: "answer", decision.answers)),
            .field(
                "decision-\(kind)-rationale", label: "Rationale", for: "\(kind)-rationale", error: error["rationale"],
                .textArea("\(kind)-rationale", name: "rationale", text: decision.rationale)),
            .if(
                decision.isInformParents,
                .field(
                    "decision-\(kind)-parentsNotInformedReason", label: "If not: why not", for: "\(kind)-reason",
                    error: error["parentsNotInformedReason"],
                    .select("\(kind)-reason", name: "parentsNotInformedReason", prompt: "Choose", decision.reasons))),
            .field(
                "decision-\(kind)-byDate",
                label: "Date (review date, date of the next discussion, or when it happens)", for: "\(kind)-byDate",
                error: error["byDate"],
                .textInput("\(kind)-byDate", name: "byDate", value: decision.byDate, type: "date")),
            .field(
                "decision-\(kind)-detail", label: "Details (who, how, when)", for: "\(kind)-detail", error: nil,
                .textArea("\(kind)-detail", name: "detail", text: decision.detail)),
            .field(
                "decision-\(kind)-decidedBy", label: "Decided by", for: "\(kind)-decidedBy", error: nil,
                .select("\(kind)-decidedBy", name: "decidedBy", prompt: nil, decision.deciders)),
            .submit("Record decision"))
    }

    // MARK: - 11. Safety plan

    var planSection: HTMLNode {
        .meetingSection(
            "section-plan", titleId: "plan-title", title: "11. Safety plan",
            recordPart(
                "plan",
                recordTextArea("plan", "safetyPlan", label: "Safety plan", error: error("plan", "safetyPlan")),
                .field(
                    "plan-nextDiscussionDate", label: "Date of review or next strategy discussion",
                    for: "nextDiscussionDate", error: error("plan", "nextDiscussionDate"),
                    .textInput(
                        "nextDiscussionDate", name: "nextDiscussionDate", value: values["nextDiscussionDate"],
                        type: "date", recordAttributes()))),
            .p(
                "The outcome is recorded with the decisions above. ", .link(minutesHref, "Go to the minutes"),
                " to finalise and circulate them."))
    }
}
