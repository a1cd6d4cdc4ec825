/// A closed set of string choices. Decoding an unknown value names the choices,
/// so a client sees "must be one of: immediate, standard, other".
public protocol Choice: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension Choice {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be one of: \(Self.choices)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The allowed values, comma separated.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension AgencyKind: Choice {}
extension ProfessionalRole: Choice {}
extension CaseType: Choice {}
extension PersonRole: Choice {}
extension Urgency: Choice {}
extension ConcernTrigger: Choice {}
extension RequestStatus: Choice {}
extension MeetingFormat: Choice {}
extension MeetingStatus: Choice {}
extension MinutesStatus: Choice {}
extension Answer: Choice {}
extension Attendance: Choice {}
extension DissentStatus: Choice {}
extension DecisionKind: Choice {}
extension ParentsNotInformedReason: Choice {}
extension ActionStatus: Choice {}
extension CorrectionStatus: Choice {}
extension ClockKind: Choice {}
extension ClockState: Choice {}
extension MeetingChange.Kind: Choice {}
extension EscalationKind: Choice {}
extension ActionChangeKind: Choice {}
extension Agreement: Choice {}
extension MeetingChangeStatus: Choice {}
