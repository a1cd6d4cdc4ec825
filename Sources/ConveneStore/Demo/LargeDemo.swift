import ConveneCore
import FluentKit
import Foundation
import SQLKit

/// What `convene demo --scale` built.
public struct LargeDemoSummary: Sendable {
    public var teams: Int
    public var professionals: Int
    public var cases: Int
    public var children: Int
    public var meetings: Int
    public var invitations: Int
    public var actions: Int
}

/// A synthetic data set at the size of a large local authority over ten years (issue 6):
/// 100,000 meetings, 800,000 attendances, 1,000,000 SMART actions and 150,000 children at
/// `fraction` 1. Rows are written directly in large batches, not through the use cases, so it
/// builds in a couple of minutes; the shapes are the same records the use cases write.
/// Every name and address is invented from small word lists. One busy team (the second) has
/// 8,000 more open actions at `fraction` 1, on its 80 latest discussions, so that a dashboard's
/// cost can be compared between a busy team and an ordinary one (the first).
public struct LargeDemo: Sendable {
    let database: any Database
    let now: Date
    let fraction: Double
    let passwordHash: String?

    public init(database: any Database, now: Date, fraction: Double, passwordHash: String? = nil) {
        self.database = database
        self.now = now
        self.fraction = fraction
        self.passwordHash = passwordHash
    }

    static let teamsAtFullSize = 40
    static let meetingsAtFullSize = 100_000
    /// The busy team's latest discussions that carry its extra open actions.
    static let busyMeetings = 80
    static let busyActionsAtFullSize = 8_000

    var sql: any SQLDatabase { database as! any SQLDatabase }

    public func load() async throws -> LargeDemoSummary {
        let store = ConveneStore(database: database, now: { now.addingTimeInterval(-3650 * 86_400 - 86_400) })
        if try await !store.organisations().isEmpty {
            throw DomainError.conflict("the database already holds data; demo data is loaded only into an empty database")
        }
        var random = SeededGenerator(seed: 2026)
        // MARK: Directory, through the use cases
        let organisation = try await store.createOrganisation(name: "Greater Northmoor Council", policy: .twoHourTwentyFourHour)
        let csc = try await store.createAgency(
            AgencyInput(name: "Greater Northmoor Children's Services", kind: .childrensSocialCare))
        let partnerKinds: [(AgencyKind, String)] = [
            (.police, "Northmoor Police, Child Abuse Investigation Team"), (.health, "Northmoor Community Health NHS Trust"),
            (.education, "Northmoor Schools"), (.gp, "Northmoor Primary Care"), (.healthVisitor, "Northmoor Health Visiting"),
            (.camhs, "Northmoor CAMHS"), (.probation, "Probation Service, Northmoor"), (.housing, "Northmoor Housing"),
        ]
        var partners: [(Agency, [Professional])] = []
        var professionals = 0
        for (kind, name) in partnerKinds {
            let agency = try await store.createAgency(AgencyInput(name: name, kind: kind))
            var people: [Professional] = []
            for n in 0..<max(2, Int(25 * fraction.squareRoot())) {
                people.append(
                    try await store.createProfessional(
                        ProfessionalInput(
                            name: Names.person(&random), role: .partnerProfessional, jobTitle: "\(kind.rawValue) lead",
                            agencyId: agency.id, teamId: nil, email: "\(kind.rawValue)\(n)@partners.example", phone: nil)))
                professionals += 1
            }
            partners.append((agency, people))
        }
        struct Staff {
            var team: Team
            var socialWorkers: [Professional]
            var manager: Professional
            var serviceManager: Professional
            var minuteTaker: Professional
        }
        var staff: [Staff] = []
        let teamCount = max(2, Int((Double(Self.teamsAtFullSize) * fraction).rounded()))
        var serviceManager: Professional?
        for t in 0..<teamCount {
            let team = try await store.createTeam(
                in: organisation.id,
                TeamInput(name: "Assessment Team \(t + 1)", locality: Names.localities[t % Names.localities.count]))
            func person(_ role: ProfessionalRole, _ n: Int) async throws -> Professional {
                professionals += 1
                return try await store.createProfessional(
                    ProfessionalInput(
                        name: Names.person(&random), role: role, jobTitle: role.label, agencyId: csc.id, teamId: team.id,
                        email: "\(role.rawValue).t\(t + 1).\(n)@northmoor.example", phone: nil))
            }
            if t % 4 == 0 { serviceManager = try await person(.serviceManager, 0) }
            var workers: [Professional] = []
            for n in 0..<6 { workers.append(try await person(.socialWorker, n)) }
            staff.append(
                Staff(
                    team: team, socialWorkers: workers, manager: try await person(.teamManager, 0),
                    serviceManager: serviceManager!, minuteTaker: try await person(.minuteTaker, 0)))
        }

        // MARK: Ten years of cases, each with a request, a discussion, invitations, decisions and actions
        let meetingCount = max(50, Int(Double(Self.meetingsAtFullSize) * fraction))
        let span: TimeInterval = 3650 * 86_400
        var batch = Batches(sql: sql)
        // Clocks are worked out here from the rows just made, as the use cases would on each change.
        let engine = try await store.clockEngine(of: organisation)
        var invitations = 0
        var actions = 0
        var children = 0
        let busyTeam = staff[1].team.id
        let extraActions = max(1, Int((Double(Self.busyActionsAtFullSize) * fraction / Double(Self.busyMeetings)).rounded()))
        for index in 0..<meetingCount {
            let team = staff[index % staff.count]
            let worker = team.socialWorkers[(index / staff.count) % team.socialWorkers.count]
            // Spread evenly over ten years and the next two weeks; the newest are booked and still open.
            let start = now.addingTimeInterval(-span + (span + 14 * 86_400) * Double(index) / Double(meetingCount))
                .addingTimeInterval(Double(random.next(upTo: 3600)))
            let concern = start.addingTimeInterval(-Double(2 * 3600 + random.next(upTo: 20 * 3600)))
            // Older cases have finished their enquiries, so their clocks have stopped, as in real life.
            let finished = start < now.addingTimeInterval(-60 * 86_400)
            let day = { (offset: Double) in LocalTimeZone.london.localDate(of: start.addingTimeInterval(offset * 86_400)) }
            let caseRecord = Case(
                id: UUID(using: &random), teamId: team.team.id, reference: String(format: "GN-%06d", index + 1),
                caseType: index % 3 == 0 ? .openCase : .newReferral, referralDate: LocalTimeZone.london.localDate(of: concern),
                socialWorkerId: worker.id, teamManagerId: team.manager.id, serviceManagerId: team.serviceManager.id,
                assessmentCompletedOn: finished ? day(40) : nil, s47CompletedOn: finished ? day(12) : nil,
                icpcHeldOn: finished && index % 4 != 0 ? day(14) : nil, createdAt: concern)
            try await batch.add(caseRecord, into: "cases")
            let surname = Names.surnames[random.next(upTo: Names.surnames.count)]
            let address = "\(1 + random.next(upTo: 200)) \(Names.streets[random.next(upTo: Names.streets.count)]), Northmoor"
            let childCount = index % 2 == 0 ? 2 : 1
            for c in 0..<childCount {
                children += 1
                try await batch.add(
                    CasePerson(
                        id: UUID(using: &random), caseId: caseRecord.id, role: .child,
                        fullName: "\(Names.firstNames[random.next(upTo: Names.firstNames.count)]) \(surname)",
                        dateOfBirth: LocalDate(
                            year: 2008 + random.next(upTo: 17), month: 1 + c * 5, day: 1 + random.next(upTo: 27)),
                        ethnicity: "Not recorded", disability: "None known", caseNumber: "LCS\(800_000 + children)",
                        address: address,
                        relationship: nil, checksRequired: nil), into: "case_people")
            }
            try await batch.add(
                CasePerson(
                    id: UUID(using: &random), caseId: caseRecord.id, role: .parentCarer,
                    fullName: "\(Names.firstNames[random.next(upTo: Names.firstNames.count)]) \(surname)",
                    dateOfBirth: LocalDate(year: 1975 + random.next(upTo: 25), month: 6, day: 15), ethnicity: nil,
                    disability: nil, caseNumber: nil, address: address, relationship: "Parent", checksRequired: nil),
                into: "case_people")
            let request = StrategyRequest(
                id: UUID(using: &random), caseId: caseRecord.id, status: .approved, urgency: .standard, trigger: .referral,
                concernIdentifiedAt: concern, presentingIssue: "Concern reported by the school.",
                rationale: "Reasonable cause to suspect significant harm.", draftedBy: worker.id,
                submittedAt: concern.addingTimeInterval(1800), approvedBy: team.manager.id,
                approvedAt: concern.addingTimeInterval(3600), createdAt: concern, updatedAt: concern.addingTimeInterval(3600))
            try await batch.add(request, into: "strategy_requests")
            var meeting = Meeting(
                id: UUID(using: &random), caseId: caseRecord.id, requestId: request.id, scheduledStart: start,
                scheduledEnd: start.addingTimeInterval(3600), isImmediate: false, chairId: team.manager.id,
                minuteTakerId: team.minuteTaker.id, createdAt: concern.addingTimeInterval(3700))
            let held = start < now.addingTimeInterval(-2 * 86_400)
            if held {
                meeting.status = .held
                meeting.format = .video
                meeting.startedAt = start
                meeting.endedAt = start.addingTimeInterval(3000)
                meeting.familyDetailsConfirmed = true
                meeting.confidentialityStatementGiven = true
                meeting.reasonForMeeting = "Concern reported by the school."
                meeting.safetyPlan = "The child stays with the non-abusing parent; daily contact from the school."
                meeting.minutesStatus = .circulated
                meeting.finalisedAt = start.addingTimeInterval(4 * 3600)
                meeting.circulatedAt = start.addingTimeInterval(6 * 3600)
            }
            try await batch.add(meeting, into: "meetings")
            // Eight invitations: the social worker, the team manager and six partner agencies.
            var invitees = [worker.id, team.manager.id]
            for p in 0..<6 {
                let people = partners[p].1
                invitees.append(people[(index + p) % people.count].id)
            }
            for person in invitees {
                invitations += 1
                try await batch.add(
                    Invitation(
                        id: UUID(using: &random), meetingId: meeting.id, professionalId: person, invitedAt: meeting.createdAt,
                        attendance: held ? .present : .notRecorded), into: "invitations")
            }
            var decisions: [Decision] = []
            if held {
                decisions.append(
                    Decision(
                        id: UUID(using: &random), meetingId: meeting.id, kind: .outcome,
                        answer: index % 4 == 0 ? "noFurtherAction" : "s47SingleAgency", rationale: "Agreed by all present.",
                        decidedBy: team.manager.id, detail: nil, parentsNotInformedReason: nil, byDate: nil,
                        recordedAt: start.addingTimeInterval(2400)))
                try await batch.add(decisions[0], into: "decisions")
            }
            var smartActions: [SmartAction] = []
            // Ten SMART actions; those due more than 30 days ago are done.
            for a in 0..<10 {
                actions += 1
                let owner = a < 4 ? worker.id : invitees[2 + a % 6]
                let agency = a < 4 ? csc.id : partners[a % 6].0.id
                let due = start.addingTimeInterval(Double(2 + a * 2) * 86_400)
                let done = due < now.addingTimeInterval(-30 * 86_400)
                smartActions.append(
                    SmartAction(
                        id: UUID(using: &random), meetingId: meeting.id, caseId: caseRecord.id,
                        description: Names.actions[a % Names.actions.count], ownerId: owner, agencyId: agency, dueAt: due,
                        status: done ? .completed : .open, isContingency: a == 9, completedAt: done ? due : nil,
                        completionEvidence: done ? "Done; recorded on the case file." : nil, createdAt: start))
                try await batch.add(smartActions[a], into: "smart_actions")
            }
            // The busy team's latest discussions: many more actions, all open, due over the next weeks.
            if team.team.id == busyTeam, index >= meetingCount - Self.busyMeetings * staff.count {
                for a in 0..<extraActions {
                    actions += 1
                    let action = SmartAction(
                        id: UUID(using: &random), meetingId: meeting.id, caseId: caseRecord.id,
                        description: Names.actions[a % Names.actions.count], ownerId: invitees[a % invitees.count],
                        agencyId: a % 2 == 0 ? csc.id : partners[a % 6].0.id,
                        dueAt: now.addingTimeInterval(Double(1 + a % 40) * 86_400), status: .open, isContingency: false,
                        completedAt: nil, completionEvidence: nil, createdAt: start)
                    smartActions.append(action)
                    try await batch.add(action, into: "smart_actions")
                }
            }
            let history = CaseHistory(
                caseRecord: caseRecord, requests: [request], meetings: [meeting], decisions: decisions, actions: smartActions)
            for clock in StoredClock.rows(of: history, engine: engine) { try await batch.add(clock, into: "case_clocks") }
        }
        try await batch.finish()
        try await sql.raw(M013_IndexMeetingsByTeam.fillTeam(where: "team_id IS NULL")).run()
        try await sql.raw(M016_ReferencesUniqueInOrganisation.fillOrganisation(where: "organisation_id IS NULL")).run()
        if let passwordHash { try await DemoData.createAccounts(in: store, passwordHash: passwordHash) }
        return LargeDemoSummary(
            teams: staff.count, professionals: professionals, cases: meetingCount, children: children, meetings: meetingCount,
            invitations: invitations, actions: actions)
    }
}

/// Rows gathered by table and written many to a statement, many statements to a transaction.
/// One batch is written while the next is made, so both cores work.
struct Batches {
    let sql: any SQLDatabase
    var pending: [String: [any Encodable & Sendable]] = [:]
    var count = 0
    /// The batch being written, and the one before it (which it waits for).
    var writing: Task<Void, any Error>?
    var waiting: Task<Void, any Error>?
    static let rowsPerFlush = 60_000

    init(sql: any SQLDatabase) { self.sql = sql }

    /// Writes what is left and waits for every batch to be saved.
    mutating func finish() async throws {
        try await flush()
        try await writing?.value
        writing = nil
        waiting = nil
    }

    mutating func add<Row: Encodable & Sendable>(_ row: Row, into table: String) async throws {
        pending[table, default: []].append(row)
        count += 1
        if count >= Self.rowsPerFlush { try await flush() }
    }

    /// Hands the rows gathered so far to a task that encodes them into statements while the batch
    /// before is still being written, then writes them, parents before children, in one
    /// transaction. At most two batches are in hand at once.
    mutating func flush() async throws {
        let order = [
            "cases", "case_people", "strategy_requests", "meetings", "invitations", "decisions", "smart_actions", "case_clocks",
        ]
        let work = pending
        pending = [:]
        count = 0
        let sql = self.sql
        if let older = waiting { try await older.value }
        let previous = writing
        waiting = previous
        writing = Task {
            var statements: [any SQLExpression] = []
            for table in order {
                let rows = work[table] ?? []
                guard let first = rows.first else { continue }
                // As many rows to a statement as stay under SQLite's 32,766 bound variables.
                let perStatement = max(1, 30_000 / max(1, try rowEncoder.encode(AnyEncodableRow(first)).count))
                for chunk in stride(from: 0, to: rows.count, by: perStatement) {
                    statements.append(
                        try sql.insert(into: table).models(
                            rows[chunk..<min(chunk + perStatement, rows.count)].map { AnyEncodableRow($0) }, with: rowEncoder
                        ).query)
                }
            }
            try await previous?.value
            try await Self.write(statements, to: sql)
        }
    }

    private static func write(_ statements: [any SQLExpression], to sql: any SQLDatabase) async throws {
        try await (sql as! any Database).transaction { tx in
            let db = tx as! any SQLDatabase
            // Ids land all over the secondary indexes; a large page cache keeps SQLite from writing
            // the same pages out again and again, and each multi-row statement's undo journal stays
            // in memory instead of a temporary file (this connection, for the bulk load only).
            if db.dialect.name == "sqlite" {
                try await db.raw("PRAGMA cache_size = -500000").run()
                // Only a speed-up: a connection that already opened its temporary storage (a
                // migration's table rebuild, M016) cannot change it inside a transaction, and keeps it.
                try? await db.raw("PRAGMA temp_store = MEMORY").run()
            }
            for statement in statements { try await db.execute(sql: statement) { _ in } }
        }
    }
}

/// Type erasure so rows of one table go through SQLKit's multi-row insert.
struct AnyEncodableRow: Encodable, Sendable {
    let row: any Encodable & Sendable
    init(_ row: any Encodable & Sendable) { self.row = row }
    func encode(to encoder: any Encoder) throws { try row.encode(to: encoder) }
}

/// A small deterministic random generator, so the large data set is the same every time.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    /// How many ids `UUID(using:)` has made from this generator.
    var issued: UInt64 = 0
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

extension UUID {
    /// Ids in the order they are made, like UUID version 7 (a 48-bit sequence number, then random
    /// bits): each insert lands at the end of the primary-key index instead of at a random page,
    /// which is what makes a bulk load of millions of rows fast on SQLite.
    init(using random: inout SeededGenerator) {
        random.issued += 1
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: random.issued >> (8 * (5 - i))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        self = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

/// Invented names and places for the large data set.
enum Names {
    static let firstNames = [
        "Alex", "Bea", "Cal", "Dana", "Eli", "Fern", "Gus", "Hal", "Ivy", "Jude", "Kit", "Lark", "Milo", "Nell", "Orla", "Pip",
        "Quin", "Rae", "Sol", "Tam", "Uma", "Vic", "Wren", "Xan", "Yara", "Zed",
    ]
    static let surnames = [
        "Ashdown", "Birchley", "Cawthorne", "Dunmore", "Elsworth", "Farrow", "Gillespie", "Harrowby", "Inchley", "Jessop",
        "Kettleby", "Lorrimer", "Marwood", "Netherby", "Oakhurst", "Pennifold", "Quarrie", "Redmayne", "Saltmarsh", "Thornaby",
    ]
    static let streets = ["Larch Row", "Heron Court", "Mill Lane", "Quarry Street", "Beacon Road", "Fern Close", "Kiln Walk"]
    static let localities = ["North", "South", "East", "West", "Central", "Riverside", "Hillside", "Moorside"]
    static let actions = [
        "See the child alone and record their wishes and feelings", "Complete police checks on the household",
        "Health assessment of the children", "Visit the home unannounced", "Contact the school about attendance",
        "Share the safety plan with the family", "Arrange a child protection medical", "Check with the GP",
        "Review the safety plan", "If the plan breaks down, seek legal advice",
    ]

    static func person(_ random: inout SeededGenerator) -> String {
        "\(firstNames[random.next(upTo: firstNames.count)]) \(surnames[random.next(upTo: surnames.count)])"
    }
}
