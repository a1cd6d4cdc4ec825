import ConveneCore
import Foundation

/// The demo's organisations, teams, agencies and professionals (all invented).
struct DemoDirectory: Sendable {
    struct TeamStaff: Sendable {
        var team: Team
        var prefix: String
        var policy: LocalPolicy
        var socialWorkers: [Professional]
        var teamManager: Professional
        var serviceManager: Professional
        var minuteTakers: [Professional]
        var zone: LocalTimeZone { policy.zone }
    }

    var teams: [TeamStaff]
    var police: [Professional]
    var health: [Professional]
    var others: [Professional]
    var allProfessionals: Int

    /// Police, health and one or two others, as the request form asks.
    func invitees(for number: Int, scenario: DemoScenarios.Scenario) -> [Professional] {
        var list = [police[number % police.count], health[number % health.count]]
        list.append(others[number % others.count])
        if number % 2 == 0 { list.append(others[(number + 3) % others.count]) }
        return list
    }

    static func create(with store: ConveneStore) async throws -> DemoDirectory {
        let northmoor = try await store.createOrganisation(
            name: "Northmoor Children's Services Trust", policy: .twoHourTwentyFourHour)
        let eastbrook = try await store.createOrganisation(name: "Eastbrook Borough Council", policy: .sameDayThreeWorkingDays)
        let northCSC = try await store.createAgency(
            AgencyInput(name: "Northmoor Children's Social Care", kind: .childrensSocialCare))
        let eastCSC = try await store.createAgency(
            AgencyInput(name: "Eastbrook Children's Social Care", kind: .childrensSocialCare))
        let police = try await store.createAgency(
            AgencyInput(name: "Northmoor Police, Child Abuse Investigation Team", kind: .police))
        let health = try await store.createAgency(AgencyInput(name: "Northmoor Community Health NHS Trust", kind: .health))
        let school = try await store.createAgency(AgencyInput(name: "Riverside Primary School", kind: .education))
        let academy = try await store.createAgency(AgencyInput(name: "Hollins Academy", kind: .education))
        let gp = try await store.createAgency(AgencyInput(name: "Oakfield Medical Practice", kind: .gp))
        let camhs = try await store.createAgency(AgencyInput(name: "Northmoor CAMHS", kind: .camhs))
        let probation = try await store.createAgency(AgencyInput(name: "Probation Service, Northmoor", kind: .probation))
        let paeds = try await store.createAgency(AgencyInput(name: "Northmoor General Hospital Paediatrics", kind: .paediatrics))
        var count = 0

        func person(_ name: String, _ role: ProfessionalRole, _ title: String, _ agency: Agency, team: Team? = nil) async throws
            -> Professional
        {
            count += 1
            let email =
                name.lowercased().replacingOccurrences(of: " ", with: ".").replacingOccurrences(of: "'", with: "")
                + "@" + agency.name.lowercased().filter { $0.isLetter }.prefix(12) + ".example"
            return try await store.createProfessional(
                ProfessionalInput(
                    name: name, role: role, jobTitle: title, agencyId: agency.id, teamId: team?.id, email: email,
                    phone: "01632 \(String(format: "%06d", 960_000 + count))"))
        }

        var teams: [TeamStaff] = []
        let plan: [(Organisation, Agency, String, String, String, [String], String, String, [String])] = [
            (
                northmoor, northCSC, "Assessment Team South", "South", "NS", ["Hana Okafor", "Tom Lindqvist", "Priya Chandran"],
                "Grace Achterberg", "Martin Oduya", ["Jo Pemberton", "Sam Ferris"]
            ),
            (
                northmoor, northCSC, "Assessment Team East", "East", "NE", ["Ellie Marchetti", "Kwame Boateng", "Rhian Pryce"],
                "Declan Fairweather", "Martin Oduya", ["Lucy Haverford", "Sam Ferris"]
            ),
            (
                eastbrook, eastCSC, "Safeguarding Team", "Eastbrook", "EB",
                ["Nadia Harcourt", "Owen Tregarthen", "Sofia Brannigan"], "Imogen Castleford", "Ravi Anand",
                ["Bethan Morrow", "Callum Wakeling"]
            ),
        ]
        var serviceManagers: [String: Professional] = [:]
        for (organisation, agency, name, locality, prefix, workers, manager, sm, takers) in plan {
            let team = try await store.createTeam(in: organisation.id, TeamInput(name: name, locality: locality))
            var socialWorkers: [Professional] = []
            for worker in workers {
                socialWorkers.append(try await person(worker, .socialWorker, "Social Worker", agency, team: team))
            }
            let teamManager = try await person(manager, .teamManager, "Team Manager", agency, team: team)
            let serviceManager: Professional
            if let existing = serviceManagers[sm] {
                serviceManager = existing
            } else {
                serviceManager = try await person(sm, .serviceManager, "Service Manager", agency, team: team)
                serviceManagers[sm] = serviceManager
            }
            var minuteTakers: [Professional] = []
            for taker in takers {
                if let existing = try await store.professionals(role: .minuteTaker).first(where: { $0.name == taker }) {
                    minuteTakers.append(existing)
                } else {
                    minuteTakers.append(try await person(taker, .minuteTaker, "Specialist Minute Taker", agency, team: team))
                }
            }
            teams.append(
                TeamStaff(
                    team: team, prefix: prefix, policy: organisation.policy, socialWorkers: socialWorkers,
                    teamManager: teamManager, serviceManager: serviceManager, minuteTakers: minuteTakers))
        }
        let officers = [
            try await person("DS Aled Brightwater", .partnerProfessional, "Detective Sergeant, CAIT", police),
            try await person("DC Maya Stennett", .partnerProfessional, "Detective Constable, CAIT", police),
            try await person("DC Femi Aldous", .partnerProfessional, "Detective Constable, CAIT", police),
        ]
        let nurses = [
            try await person("Ruth Calloway", .partnerProfessional, "Named Nurse, Safeguarding Children", health),
            try await person("Joel Ingleby", .partnerProfessional, "Safeguarding Health Practitioner", health),
            try await person("Dr Amina Sethi", .partnerProfessional, "Designated Doctor", health),
        ]
        let others = [
            try await person("Carys Whitfield", .partnerProfessional, "Designated Safeguarding Lead", school),
            try await person("Mr Idris Bellamy", .partnerProfessional, "Head of Year 9, DSL", academy),
            try await person("Dr Lena Horvath", .partnerProfessional, "GP Safeguarding Lead", gp),
            try await person("Tobias Grange", .partnerProfessional, "CAMHS Practitioner", camhs),
            try await person("Nia Ravensworth", .partnerProfessional, "Probation Officer", probation),
            try await person("Dr Philippa Drake", .partnerProfessional, "Consultant Paediatrician", paeds),
        ]
        return DemoDirectory(teams: teams, police: officers, health: nurses, others: others, allProfessionals: count)
    }
}
