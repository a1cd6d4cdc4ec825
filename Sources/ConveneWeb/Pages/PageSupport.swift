import ConveneCore
import ConveneStore
import Foundation
import Vapor

/// The signed-in person, as pages show them.
struct CurrentUser: Content {
    /// The professional's id (the account's id for an administrator, who is not a professional).
    var id: UUID
    var name: String
    var role: String
    var roleLabel: String
}

/// What every page's layout needs.
struct Layout {
    var title: String
    var user: CurrentUser?
    var signedIn: Bool { user != nil }
    /// The menu item of the page shown (`my-work`, `cases` …), marked `aria-current`; empty for none.
    var nav: String
    /// A one-line confirmation after a successful change ("Request approved").
    var notice: String?
    /// The value every form sends back as `_csrf`.
    var csrf: String = ""
    /// New at each page view; every form sends it back as `_formToken`, so a repeat of the same
    /// post (a double click) is answered with the first result (`Idempotency`).
    var formToken: String = Secrets.newToken()
    /// Which menu items to show.
    var menu: Menu = Menu()

    init(title: String, user: CurrentUser?, nav: String, notice: String?, csrf: String = "", menu: Menu = Menu()) {
        self.title = title
        self.user = user
        self.nav = nav
        self.notice = notice
        self.csrf = csrf
        self.menu = menu
    }

    struct Menu {
        var work = false
        var team = false
        var schedule = false
        var breakGlass = false
        var admin = false
    }
}

/// Field problems shaped for the error summary and the inline messages.
struct FormErrors {
    struct Item {
        var field: String
        var anchor: String
        var message: String
        /// The page the field is on, when it is not this one ("" for this page).
        var page: String = ""

        /// Where the error summary's link goes.
        var link: String { page + "#" + anchor }
    }

    var items: [Item]
    /// Whether there are any.
    var any: Bool { !items.isEmpty }
    /// Message by field name, for the message next to each field.
    var byField: [String: String]

    /// `anchorPrefix` makes each link point at the field's wrapper, `<prefix><field>`.
    init(_ problems: [FieldProblem], labels: [String: String] = [:], anchorPrefix: String = "field-") {
        self.init(problems, labels: labels) { _ in anchorPrefix }
    }

    /// The same, with each field's own prefix (the part of the record it is in, say).
    init(_ problems: [FieldProblem], labels: [String: String] = [:], anchorPrefixOf prefix: (String) -> String) {
        self.init(
            items: problems.map { problem in
                let parts = problem.field.split(separator: ".").map(String.init)
                if parts.count == 3, parts[0] == "people" {
                    // A person's field ("people.<id>.dateOfBirth"): the reason names the person and says
                    // what to do; the link goes to that person's row, which has their "Change" link.
                    return Item(field: "people.\(parts[1])", anchor: "person-\(parts[1])", message: problem.reason)
                }
                let base = parts.first ?? problem.field
                let label = labels[base] ?? labels[problem.field] ?? base
                return Item(field: base, anchor: "\(prefix(base))\(base)", message: "\(label): \(problem.reason)")
            })
    }

    init(items: [Item]) {
        self.items = items
        var byField: [String: String] = [:]
        for item in items where byField[item.field] == nil { byField[item.field] = item.message }
        self.byField = byField
    }

    static let none = FormErrors([])

    /// The messages about one person of the case ("people.<id>.…" problems).
    func about(person id: UUID) -> [String] {
        items.filter { $0.field == "people.\(id)" }.map(\.message)
    }
}

extension Request {
    /// The signed-in person for page headers, or nil before sign-in.
    func currentUser() async throws -> CurrentUser? {
        guard let principal else { return nil }
        let role = principal.role
        return CurrentUser(
            id: principal.professional?.id ?? principal.account.id, name: principal.account.displayName,
            role: role.rawValue, roleLabel: role.label)
    }

    /// The signed-in professional for a page that acts as them. Every such route requires sign-in.
    func requireUser() async throws -> CurrentUser {
        guard let user = try await currentUser() else { throw RedirectError.to(.signIn) }
        return user
    }

    /// The teams of the signed-in person's organisation, by name; none for a partner agency's people.
    func ownTeams() async throws -> [Team] {
        guard let person = principal?.professional, let organisationId = try await store.organisationId(of: person) else {
            return []
        }
        return try await store.teams(of: organisationId)
    }

    /// The posted form as text fields; an absent or empty field is nil.
    /// The form's fields that have a value, with line endings as "\n": browsers send a textarea's
    /// lines ended "\r\n", which would make every line of an amendment differ from the saved text.
    func form() throws -> [String: String] {
        let fields = (try? content.decode([String: String].self)) ?? [:]
        return fields.filter { $0.key != CSRF.field && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            .mapValues { $0.replacingOccurrences(of: "\r\n", with: "\n") }
    }

    /// The organisation zone used to show and read local times.
    var zone: LocalTimeZone { .london }

    /// The message to show once: kept on the session after a redirect, or one of the sign-in page's
    /// fixed notices, named in a short-lived cookie (no session holds it there).
    var notice: String? {
        if let flash = principal?.session?.flash { return flash }
        guard url.path == SitePath.signIn.href else { return nil }
        return cookies[SessionCookie.signInNotice].flatMap { SignInNotice(rawValue: $0.string) }?.text
    }

    func layout(_ title: String, _ user: CurrentUser?, nav: String) -> Layout {
        let role = principal?.role
        let menu = Layout.Menu(
            work: role.map(AccessRole.caseWorkers.contains) ?? false,
            team: role.map(AccessRole.childrensSocialCare.contains) ?? false,
            schedule: role.map(Endpoint.showSchedule.rule.possibleRoles.contains) ?? false,
            breakGlass: role?.isChildrensSocialCare ?? false,
            admin: role == .administrator)
        return Layout(
            title: title, user: user, nav: nav, notice: notice, csrf: principal?.session?.csrfToken ?? "", menu: menu)
    }
}

/// Redirect after a successful POST. The notice is kept on the session and shown once by the next
/// page, so no name or typed text ever travels in an address.
func redirect(_ req: Request, to path: SitePath, notice: String?, fragment: String? = nil) async throws -> Response {
    if let notice, let session = req.principal?.session { try await req.store.setFlash(of: session.id, to: notice) }
    return redirect(path, fragment: fragment)
}

/// Redirect to a page, with no message.
func redirect(_ path: SitePath, fragment: String? = nil) -> Response {
    redirect(location: path.href + (fragment.map { "#\($0)" } ?? ""))
}

/// Redirect to the sign-in page, which says one of its fixed notices once: the notice's name goes
/// in a cookie that page clears, never in the address.
func redirect(signIn notice: SignInNotice, next: String? = nil) -> Response {
    let response = redirect(location: SitePath.signIn.href + (next.map { "?next=\($0)" } ?? ""))
    response.cookies[SessionCookie.signInNotice] = notice.cookie
    return response
}

func redirect(location: String) -> Response {
    let response = Response(status: .seeOther)
    response.headers.replaceOrAdd(name: .location, value: location)
    return response
}

/// What the sign-in page can say, by a fixed name in its address.
enum SignInNotice: String {
    case signedOut, signedOutEverywhere, signInToContinue

    var text: String {
        switch self {
        case .signedOut: return "You have signed out"
        case .signedOutEverywhere: return "You have signed out on every device"
        case .signInToContinue: return "Sign in to continue"
        }
    }

    /// Lax, not Strict: a link followed from an email (another site) must still bring the notice.
    var cookie: HTTPCookies.Value {
        HTTPCookies.Value(string: rawValue, maxAge: 60, path: "/", isSecure: true, isHTTPOnly: true, sameSite: .lax)
    }
}

/// The page a person asked for before signing in, if it is safe to return to: a path of this
/// site made only of letters, digits, hyphens and slashes (ids, never typed text).
func returnPath(_ text: String?) -> String? {
    guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.count <= 200, text != SitePath.signIn.href,
        text.unicodeScalars.allSatisfy({
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/-".unicodeScalars.contains($0))
        })
    else { return nil }
    return text
}

/// Reads typed values from form text, collecting a problem per unreadable field.
struct FormReader {
    let fields: [String: String]
    let zone: LocalTimeZone
    var problems: [FieldProblem] = []

    init(_ fields: [String: String], zone: LocalTimeZone) {
        self.fields = fields
        self.zone = zone
    }

    func text(_ name: String) -> String? { fields[name] }

    mutating func id(_ name: String) -> UUID? {
        guard let text = fields[name] else { return nil }
        guard let id = UUID(uuidString: text) else {
            problems.append(.init(field: name, reason: "choose an option from the list"))
            return nil
        }
        return id
    }

    mutating func date(_ name: String) -> LocalDate? {
        guard let text = fields[name] else { return nil }
        guard let date = LocalDate(written: text) else {
            problems.append(.init(field: name, reason: "enter a real date, for example 14/05/2017"))
            return nil
        }
        return date
    }

    /// A `datetime-local` value, read as organisation local time.
    mutating func dateTime(_ name: String) -> Date? {
        guard let text = fields[name] else { return nil }
        let parts = text.split(separator: "T")
        guard parts.count == 2, let date = LocalDate(String(parts[0])) else {
            problems.append(.init(field: name, reason: "enter a date and time, for example 2027-01-13 14:00"))
            return nil
        }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2, (0..<24).contains(time[0]), (0..<60).contains(time[1]) else {
            problems.append(.init(field: name, reason: "enter a time between 00:00 and 23:59"))
            return nil
        }
        return zone.instant(on: date, minuteOfDay: time[0] * 60 + time[1])
    }

    mutating func choice<C: Choice>(_ name: String, _ type: C.Type) -> C? {
        guard let text = fields[name] else { return nil }
        guard let value = C(rawValue: text) else {
            problems.append(.init(field: name, reason: "choose one of the options"))
            return nil
        }
        return value
    }

    func bool(_ name: String) -> Bool? {
        guard let text = fields[name] else { return nil }
        return text == "true" || text == "on" || text == "yes"
    }
}

/// Local-time text for pages (the words, `long`, are Core's: the minutes use them too).
extension LocalTimeZone {
    /// The value a `datetime-local` input expects.
    func inputValue(_ instant: Date) -> String {
        let (date, minute) = wallClock(of: instant)
        return "\(date)T\(Self.clockTime(minute))"
    }
}

/// A label and its value, for summary lists.
struct Pair {
    var label: String
    var value: String
    init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
