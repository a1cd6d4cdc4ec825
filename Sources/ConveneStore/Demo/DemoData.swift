import ConveneCore
import FluentKit
import Foundation

/// What `convene demo` loaded.
public struct DemoSummary: Sendable, Codable {
    public var organisations: Int
    public var teams: Int
    public var professionals: Int
    public var cases: Int
    public var meetings: Int
}

/// Loads a realistic synthetic data set: two organisations (one for each policy preset),
/// three teams, and about thirty cases at every stage of the lifecycle, including
/// overdue clocks. Each case's history is played through the real use cases at the
/// times it happened, so the data obeys every rule the API enforces.
public struct DemoData: Sendable {
    let database: any Database
    let now: Date
    /// When set, every demo professional gets an account with this (bcrypt) password hash, plus an administrator.
    let passwordHash: String?
    /// Where the demo's messages come from and link to: the server that loads it.
    let mail: MailDefaults

    public init(database: any Database, now: Date, passwordHash: String? = nil, mail: MailDefaults = .standard) {
        self.database = database
        self.now = now
        self.passwordHash = passwordHash
        self.mail = mail
    }

    /// The demo accounts' password, published in the README. Synthetic data only.
    public static let password = "convene-demo"
    /// The demo accounts' shared TOTP secret, published in the README; `convene totp` prints its code.
    public static let totpSecret = "MNXW45TFNZSS2ZDFNVXS243FMNZGK5BB"
    /// The demo administrator's username.
    public static let administrator = "admin"

    /// A demo professional's username: the part of their email before the @.
    public static func username(for person: Professional) -> String {
        String(person.email.split(separator: "@").first ?? "")
    }

    /// An account for every professional in the directory, and the administrator, all with the
    /// published demo password and two-factor secret (both demo data sets use this).
    static func createAccounts(in store: ConveneStore, passwordHash: String) async throws {
        for person in try await store.professionals() {
            _ = try await store.createAccount(
                NewAccount(
                    username: username(for: person), professionalId: person.id, passwordHash: passwordHash,
                    totpSecret: totpSecret))
        }
        _ = try await store.createAccount(
            NewAccount(
                username: administrator, displayName: "Dana Whitlock", role: .administrator,
                passwordHash: passwordHash, totpSecret: totpSecret))
    }

    /// The stage each demo case reaches.
    enum Stage: CaseIterable {
        case draft, submitted, approved, bookedUpcoming, heldMinutesLate, finalised, circulated, amended
        case s47Running, s47ActionsOverdue, noFurtherAction, cancelledAndRebooked, parentsNotInformed, followUpDue
    }

    func store(at time: Date) -> ConveneStore { ConveneStore(database: database, now: { time }, mail: mail) }

    public func load() async throws -> DemoSummary {
        let setup = store(at: now.addingTimeInterval(-120 * 86_400))
        if try await !setup.organisations().isEmpty {
            throw DomainError.conflict("the database already holds data; demo data is loaded only into an empty database")
        }
        let directory = try await DemoDirectory.create(with: setup)
        var count = 0
        var meetings = 0
        let stages = Stage.allCases
        for index in 0..<30 {
            let stage = stages[index % stages.count]
            let team = directory.teams[index % directory.teams.count]
            meetings += try await playCase(number: index + 1, stage: stage, team: team, directory: directory)
            count += 1
        }
        if let passwordHash { try await Self.createAccounts(in: setup, passwordHash: passwordHash) }
        return DemoSummary(
            organisations: 2, teams: directory.teams.count, professionals: directory.allProfessionals, cases: count,
            meetings: meetings)
    }

    // MARK: - One case

    /// Plays one case up to its stage; returns how many meetings it booked.
    private func playCase(number: Int, stage: Stage, team: DemoDirectory.TeamStaff, directory: DemoDirectory) async throws -> Int
    {
        let scenario = DemoScenarios.scenarios[number % DemoScenarios.scenarios.count]
        let daysAgo: Double
        switch stage {
        case .draft, .submitted, .approved: daysAgo = 0.12
        case .bookedUpcoming: daysAgo = 0.3
        case .heldMinutesLate: daysAgo = 3
        case .finalised, .circulated: daysAgo = 2 + Double(number % 3)
        case .amended: daysAgo = 6
        case .s47Running: daysAgo = 9 + Double(number % 4)
        case .s47ActionsOverdue: daysAgo = 17
        case .noFurtherAction: daysAgo = 25
        case .cancelledAndRebooked: daysAgo = 5
        case .parentsNotInformed: daysAgo = 12
        case .followUpDue: daysAgo = 8
        }
        let concernAt = now.addingTimeInterval(-daysAgo * 86_400 - Double(number * 17 % 120) * 60)
        let start = store(at: concernAt.addingTimeInterval(-300))
        let surname = DemoScenarios.surnames[number % DemoScenarios.surnames.count]
        let socialWorker = team.socialWorkers[number % team.socialWorkers.count]
        let caseRecord = try await start.createCase(
            CaseInput(
                teamId: team.team.id, reference: "\(team.prefix)-\(String(format: "%05d", 40_000 + number * 37))",
                caseType: number % 3 == 0 ? .openCase : .newReferral,
                referralDate: team.zone.localDate(of: concernAt.addingTimeInterval(number % 3 == 0 ? -40 * 86_400 : -3600)),
                socialWorkerId: socialWorker.id, teamManagerId: team.teamManager.id,
                serviceManagerId: team.serviceManager.id), by: team.teamManager)
        try await addFamily(to: caseRecord, surname: surname, number: number, store: start)

        // Request drafted within the hour, submitted and approved soon after.
        let invitees = directory.invitees(for: number, scenario: scenario)
        let urgency: Urgency = number % 4 == 0 ? .immediate : .standard
        let form = RequestForm(
            urgency: urgency, trigger: scenario.trigger, concernIdentifiedAt: concernAt,
            presentingIssue: scenario.presentingIssue,
            incidentDate: team.zone.localDate(of: concernAt.addingTimeInterval(-86_400)),
            rationale: scenario.rationale, specificChecks: scenario.checks, inviteeIds: invitees.map(\.id))
        let drafted = try await store(at: concernAt.addingTimeInterval(600)).draftRequest(
            for: caseRecord.id, draftedBy: socialWorker.id, form)
        if stage == .draft { return 0 }
        _ = try await store(at: concernAt.addingTimeInterval(1500)).submitRequest(drafted.request.id)
        if stage == .submitted { return 0 }
        _ = try await store(at: concernAt.addingTimeInterval(2400)).approveRequest(drafted.request.id, by: team.teamManager.id)
        if stage == .approved { return 0 }

        // Booked into the next free slot, or as soon as possible when immediate.
        var meeting = try await bookNext(
            request: drafted.request.id, after: concernAt.addingTimeInterval(3000), immediate: urgency == .immediate, team: team)
        var booked = 1
        if stage == .bookedUpcoming { return booked }
        if stage == .cancelledAndRebooked {
            _ = try await store(at: concernAt.addingTimeInterval(3300)).cancel(
                meeting.id,
                RebookingInput(reason: "Police representative unavailable; to be rebooked for the same day."),
                by: team.serviceManager)
            meeting = try await bookNext(
                request: drafted.request.id, after: meeting.scheduledStart.addingTimeInterval(3600),
                immediate: urgency == .immediate, team: team)
            booked += 1
        }
        try await holdMeeting(meeting, scenario: scenario, stage: stage, team: team, number: number)
        return booked
    }

    private func addFamily(to caseRecord: Case, surname: String, number: Int, store: ConveneStore) async throws {
        let names = DemoScenarios.firstNames
        let address =
            "\(3 + number * 7 % 90) \(DemoScenarios.streets[number % DemoScenarios.streets.count]), Northmoor ZZ\(number % 9 + 1) \(number % 9 + 1)QX"
        let ethnicity = DemoScenarios.ethnicities[number % DemoScenarios.ethnicities.count]
        let today = LocalTimeZone.london.localDate(of: store.now())
        let children = number % 3 == 0 ? 2 : 1
        for child in 0..<children {
            let age = [4, 9, 13, 1, 14, 7][(number + child) % 6]
            _ = try await store.addPerson(
                to: caseRecord.id,
                PersonInput(
                    role: .child, fullName: "\(names[(number + child * 11) % names.count]) \(surname)",
                    dateOfBirth: LocalDate(year: today.year - age, month: (number % 12) + 1, day: (number * 3 % 27) + 1),
                    ethnicity: ethnicity,
                    disability: number % 5 == 0 ? "Autism spectrum condition; uses visual timetable" : "None known",
                    caseNumber: "LCS\(700_000 + number * 13 + child)", address: address, relationship: nil, checksRequired: nil))
        }
        _ = try await store.addPerson(
            to: caseRecord.id,
            PersonInput(
                role: .parentCarer, fullName: "\(names[(number + 5) % names.count]) \(surname)",
                dateOfBirth: LocalDate(year: today.year - 31 - number % 9, month: 3, day: 14), ethnicity: ethnicity,
                disability: nil, caseNumber: nil, address: address, relationship: "Mother", checksRequired: nil))
        if number % 2 == 0 {
            _ = try await store.addPerson(
                to: caseRecord.id,
                PersonInput(
                    role: .otherAdult,
                    fullName:
                        "\(names[(number + 17) % names.count]) \(DemoScenarios.surnames[(number + 9) % DemoScenarios.surnames.count])",
                    dateOfBirth: LocalDate(year: today.year - 36, month: 8, day: 2), ethnicity: nil, disability: nil,
                    caseNumber: nil, address: "Address not known", relationship: "Mother's partner (alleged perpetrator)",
                    checksRequired: "Police intelligence and PNC checks"))
        }
    }

    /// Kept only on a booking after the request's timescale.
    static let lateReason = "The first time police and health could both attend."

    private func bookNext(request: UUID, after: Date, immediate: Bool, team: DemoDirectory.TeamStaff) async throws -> Meeting {
        let booking = store(at: after)
        if immediate {
            let start = after.addingTimeInterval(1800)
            if let meeting = try? await booking.book(
                BookingInput(
                    requestId: request, start: start, chairId: team.teamManager.id, minuteTakerId: team.minuteTakers[0].id,
                    lateReason: Self.lateReason))
            {
                return meeting.meeting
            }
        }
        let scheduling = Scheduling(policy: team.policy, calendar: .englandAndWales)
        var day = team.zone.localDate(of: after)
        for _ in 0..<20 {
            for slot in scheduling.slots(on: day) where slot > after {
                for taker in team.minuteTakers {
                    for chair in [team.teamManager, team.serviceManager] {
                        if let meeting = try? await booking.book(
                            BookingInput(
                                requestId: request, start: slot, chairId: chair.id, minuteTakerId: taker.id,
                                lateReason: Self.lateReason))
                        {
                            return meeting.meeting
                        }
                    }
                }
            }
            day = day.adding(days: 1)
        }
        throw DomainError.conflict("demo: no free slot found")
    }
}
