/// One choice of a select list, a set of radios or of checkboxes.
struct Option {
    var value: String
    var label: String
    /// Words under the label ("Within 24 hours of the concern").
    var hint: String? = nil
    var selected: Bool = false
}

extension [Option] {
    /// The same choices with none chosen: a list shown again in a form whose choice is its own.
    var noneSelected: [Option] { map { Option(value: $0.value, label: $0.label, hint: $0.hint) } }

    /// The same choices with `value` (if any) chosen: a list shown again with what was sent.
    func selecting(_ value: String?) -> [Option] {
        map { Option(value: $0.value, label: $0.label, hint: $0.hint, selected: value != nil && $0.value == value) }
    }
}
