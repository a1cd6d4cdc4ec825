/// A text field a person or a client sends, by its name in the API's JSON and in the pages'
/// forms, with the most characters it may hold.
public struct TextField: Sendable, Hashable {
    public let name: String
    public let max: Int
    /// A name or reference, typed on one line: line breaks and tabs are refused.
    public let isOneLine: Bool

    public init(_ name: String, max: Int, oneLine: Bool = false) {
        self.name = name
        self.max = max
        self.isOneLine = oneLine
    }
}

/// Every text field's limit, in one place: validation enforces it (`Validator.limit(_:_:)`) and
/// the OpenAPI document publishes it (`Schema.text`, `Schema.filled`).
public enum TextFields {
    /// Any email address (RFC 5321's longest path).
    public static let email = 254

    /// A personal API token's name, to tell one's tokens apart.
    public enum Token {
        public static let name = TextField("name", max: 100, oneLine: true)
    }

    public enum Organisation {
        public static let name = TextField("name", max: 200, oneLine: true)
    }

    /// A local policy's name ("2-hour / 24-hour").
    public enum Policy {
        public static let name = TextField("name", max: 200, oneLine: true)
    }

    public enum ClosureDay {
        public static let reason = TextField("reason", max: 500)
    }

    public enum Team {
        public static let name = TextField("name", max: 200, oneLine: true)
        public static let locality = TextField("locality", max: 200, oneLine: true)
    }

    public enum Agency {
        public static let name = TextField("name", max: 200, oneLine: true)
    }

    public enum Professional {
        public static let name = TextField("name", max: 200, oneLine: true)
        public static let jobTitle = TextField("jobTitle", max: 200, oneLine: true)
        public static let email = TextField("email", max: TextFields.email, oneLine: true)
        public static let phone = TextField("phone", max: 30, oneLine: true)
    }

    public enum Case {
        public static let reference = TextField("reference", max: 50, oneLine: true)
    }

    /// The words a case is found by.
    public enum CaseSearch {
        public static let q = TextField("q", max: 200, oneLine: true)
    }

    /// A child, parent or carer, or other relevant person.
    public enum Person {
        public static let fullName = TextField("fullName", max: 200, oneLine: true)
        public static let ethnicity = TextField("ethnicity", max: 200, oneLine: true)
        public static let disability = TextField("disability", max: 500)
        public static let caseNumber = TextField("caseNumber", max: 50, oneLine: true)
        public static let address = TextField("address", max: 1_000)
        public static let relationship = TextField("relationship", max: 200, oneLine: true)
        public static let checksRequired = TextField("checksRequired", max: 1_000)
    }

    public enum Request {
        public static let urgencyRationale = TextField("urgencyRationale", max: 5_000)
        public static let presentingIssue = TextField("presentingIssue", max: 10_000)
        public static let rationale = TextField("rationale", max: 10_000)
        public static let specificChecks = TextField("specificChecks", max: 5_000)
        /// Why the team manager returns it.
        public static let returnReason = TextField("reason", max: 2_000)
    }

    /// Booking, moving and cancelling a meeting, and agreeing to it.
    public enum Booking {
        public static let reason = TextField("reason", max: 2_000)
        public static let lateReason = TextField("lateReason", max: 2_000)
    }

    /// The record's text sections (reason for the meeting, risk factors, safety plan …).
    public enum Record {
        public static func section(_ name: String) -> TextField { TextField(name, max: 20_000) }
        public static let contribution = TextField("summary", max: 20_000)
    }

    public enum Decision {
        public static let rationale = TextField("rationale", max: 10_000)
        public static let detail = TextField("detail", max: 10_000)
    }

    public enum Dissent {
        public static let view = TextField("view", max: 10_000)
        public static let resolution = TextField("resolution", max: 10_000)
    }

    public enum Action {
        public static let description = TextField("description", max: 5_000)
        public static let completionEvidence = TextField("completionEvidence", max: 10_000)
        /// Why it is cancelled, reassigned or re-dated.
        public static let reason = TextField("reason", max: 2_000)
    }

    public enum Escalation {
        public static let reason = TextField("reason", max: 2_000)
        public static let resolution = TextField("resolution", max: 5_000)
    }

    public enum Minutes {
        /// Why they are finalised without quorum.
        public static let quorumReason = TextField("quorumReason", max: 2_000)
        /// Why they are shared with someone who was not invited.
        public static let shareReason = TextField("reason", max: 2_000)
        public static let correction = TextField("text", max: 20_000)
        /// What an amendment changed and why.
        public static let amendmentSummary = TextField("summary", max: 2_000)
    }
}
