/// One choice of a select list, a set of radios or of checkboxes.
struct Option {
    var value: String
    var label: String
    /// Words under the label ("Within 24 hours of the concern").
    var hint: String? = nil
    var selected: Bool = false
}
