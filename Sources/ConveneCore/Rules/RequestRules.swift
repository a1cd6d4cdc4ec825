import Foundation

/// Checks a strategy meeting request before it goes to the team manager.
/// "All sections MUST be completed in full" (seed 003, appendix 2).
public enum RequestRules {
    /// Every missing or wrong field of the request, the case's people and its invitees.
    public static func problemsBeforeSubmitting(
        _ request: StrategyRequest, people: [CasePerson], invitees: [Professional],
        agencies: [Agency], now: Date, zone: LocalTimeZone, limits: DateLimits
    ) -> [FieldProblem] {
        var v = Validator()
        v.check(request.urgency != nil, "urgency", "is required: immediate, standard or other")
        if request.urgency == .other {
            v.require(request.urgencyRationale, "urgencyRationale")
            v.check(
                request.urgencyAgreedBy != nil, "urgencyAgreedBy",
                "the service manager who agreed the date is required for \"other\" urgency")
            v.check(request.otherDueDate != nil, "otherDueDate", "is required for \"other\" urgency")
        }
        v.check(request.trigger != nil, "trigger", "is required")
        v.check(request.concernIdentifiedAt != nil, "concernIdentifiedAt", "is required")
        v.require(request.presentingIssue, "presentingIssue")
        v.require(request.rationale, "rationale")

        let children = people.filter { $0.role == .child }
        v.check(!children.isEmpty, "children", "at least one child is required")
        let today = zone.localDate(of: now)
        for person in people {
            let prefix = "people.\(person.id)"
            let name = person.fullName
            v.check(
                person.dateOfBirth != nil || person.dateOfBirthUnknown || person.isUnborn, "\(prefix).dateOfBirth",
                "\(name): date of birth is required. Enter it, tick \"Not known\", or for an unborn child give the expected date of delivery"
            )
            if person.role.isChild { v.childBirth(person.dateOfBirth, "\(prefix).dateOfBirth", today: today, limits: limits) }
            guard person.role == .child else { continue }
            if !person.isUnborn {
                v.check(
                    !person.ethnicity.isBlank, "\(prefix).ethnicity", "\(name): ethnicity is required. Enter it, or \"Not known\""
                )
                v.check(
                    !person.disability.isBlank, "\(prefix).disability",
                    "\(name): disability is required. Enter it, or \"None known\"")
            }
            v.check(
                !person.address.isBlank, "\(prefix).address",
                "\(name): address is required. Enter where the child lives (for an unborn child, the mother's address)")
        }

        let kinds = Set(invitees.compactMap { p in agencies.first { $0.id == p.agencyId }?.kind })
        v.check(kinds.contains(.police), "inviteeIds", "police must be invited (mandatory)")
        v.check(kinds.contains(.health), "inviteeIds", "health must be invited (mandatory)")
        return v.problems + fieldProblems(of: request, now: now, zone: zone, limits: limits)
    }

    /// Problems with the values given, checked on every save of a draft.
    public static func fieldProblems(
        of request: StrategyRequest, now: Date, zone: LocalTimeZone, limits: DateLimits
    ) -> [FieldProblem] {
        var v = Validator()
        v.limit(request.presentingIssue, TextFields.Request.presentingIssue)
        v.limit(request.rationale, TextFields.Request.rationale)
        v.limit(request.specificChecks, TextFields.Request.specificChecks)
        v.limit(request.urgencyRationale, TextFields.Request.urgencyRationale)
        if let concern = request.concernIdentifiedAt, concern > now.addingTimeInterval(300) {
            v.add("concernIdentifiedAt", "must not be in the future")
        }
        v.concernTime(request.concernIdentifiedAt, "concernIdentifiedAt", now: now, zone: zone, limits: limits)
        if let incident = request.incidentDate, incident > zone.localDate(of: now) {
            v.add("incidentDate", "must not be in the future")
        }
        v.eventDate(request.incidentDate, "incidentDate", limits: limits)
        v.dueDate(request.otherDueDate, "otherDueDate", today: zone.localDate(of: now), limits: limits)
        if request.urgency != .other {
            v.check(request.otherDueDate == nil, "otherDueDate", "applies only to \"other\" urgency")
        }
        if let due = request.otherDueDate, due < zone.localDate(of: now) {
            v.add("otherDueDate", "must not be in the past")
        }
        return v.problems
    }
}
