import ConveneCore

/// Synthetic case material for demonstrations. Every name, address and event is
/// invented; none describes a real person.
enum DemoScenarios {
    struct Scenario {
        var trigger: ConcernTrigger
        var presentingIssue: String
        var rationale: String
        var checks: String
        var riskFactors: String
        var protectiveFactors: String
        var policeContribution: String
        var healthContribution: String
        var schoolContribution: String
        var joint: Bool
    }

    static let scenarios: [Scenario] = [
        Scenario(
            trigger: .disclosure,
            presentingIssue:
                "The child arrived at school with bruising to the left cheek and upper arm and told the class teacher that mum's partner grabbed them when they spilled a drink.",
            rationale:
                "A disclosure of physical harm by a household adult with visible injuries: reasonable cause to suspect significant harm.",
            checks: "Police intelligence checks on mum's partner; health records for previous injuries.",
            riskFactors:
                "Visible injuries consistent with the account; partner has a police record for assault; the child says they are scared to go home.",
            protectiveFactors: "Mother engages with school; maternal grandmother lives nearby and has offered to help.",
            policeContribution: "Partner is known for a 2023 assault on a previous partner; no current bail conditions.",
            healthContribution: "Two previous A&E attendances for minor injuries in the last year, both with plausible accounts.",
            schoolContribution: "Attendance 91%; the child has been withdrawn for two weeks; no previous disclosures.",
            joint: true),
        Scenario(
            trigger: .suspectedNonAccidentalInjury,
            presentingIssue:
                "A four-month-old baby was brought to A&E with a spiral fracture of the right femur; the parents could not explain how it happened.",
            rationale: "Unexplained fracture in a non-mobile infant: suspected non-accidental injury.",
            checks: "Skeletal survey results; GP and health visitor records; police checks on both parents.",
            riskFactors: "Non-mobile infant; no explanation given; delay of about 12 hours in seeking treatment.",
            protectiveFactors: "Parents presented the baby to hospital; paternal aunt is a possible safe carer.",
            policeContribution: "No previous police involvement with either parent.",
            healthContribution:
                "Consultant paediatrician considers the fracture likely non-accidental pending the skeletal survey.",
            schoolContribution: "Not applicable: older sibling attends nursery, no concerns noted.",
            joint: true),
        Scenario(
            trigger: .referral,
            presentingIssue:
                "Police attended a domestic abuse incident at the family home overnight; both children were present and the mother had facial injuries.",
            rationale: "Children exposed to serious domestic abuse with injury; third reported incident this year.",
            checks: "Domestic abuse history from police; MARAC records; health checks for both children.",
            riskFactors: "Escalating frequency of incidents; father's alcohol use; children witnessed the assault.",
            protectiveFactors:
                "Mother has sought help from a domestic abuse service; the children have a good relationship with school staff.",
            policeContribution: "Father arrested for assault and released under investigation; three call-outs in eight months.",
            healthContribution: "Health visitor notes that the mother disclosed controlling behaviour in March.",
            schoolContribution: "The older child has told staff about arguments at home and has been tired in class.",
            joint: true),
        Scenario(
            trigger: .disclosure,
            presentingIssue:
                "A 13-year-old told the school nurse that an adult family friend has been sending sexual messages and touched them inappropriately.",
            rationale: "Disclosure of sexual abuse by an adult with access to the child.",
            checks: "Police checks on the family friend; whether the adult works with children (LADO).",
            riskFactors: "Alleged abuser has ongoing contact with the family; messages on the child's phone.",
            protectiveFactors: "Parents believe the child and have stopped contact.",
            policeContribution: "The adult is not known to police; a digital examination of the phone is needed.",
            healthContribution: "SARC available for an examination if agreed; school nurse will offer support.",
            schoolContribution: "The child is doing well academically; recent change in friendship group.",
            joint: true),
        Scenario(
            trigger: .newInformationDuringAssessment,
            presentingIssue:
                "During the assessment, the social worker found very poor home conditions: no food in the home, and the children have repeatedly not been brought to medical appointments.",
            rationale: "Chronic neglect with health needs unmet: likely significant harm.",
            checks: "Health records for missed appointments; housing checks; school attendance.",
            riskFactors: "Unmet health needs (dental decay, missed asthma reviews); the youngest child is underweight.",
            protectiveFactors: "Mother is willing to accept help; the children are attached to her.",
            policeContribution: "No police concerns recorded for the household.",
            healthContribution: "Six missed appointments in nine months; dental extraction needed for the middle child.",
            schoolContribution: "Attendance 78%; children often arrive hungry and in unwashed clothes.",
            joint: false),
        Scenario(
            trigger: .newInformationOpenCase,
            presentingIssue:
                "On an open child-in-need case, the father, who is subject to a non-molestation order, was seen returning to the family home at night.",
            rationale:
                "Breach of protective order by a parent with a history of violence; the safety plan may no longer protect the children.",
            checks: "Police checks on the order and any breaches; neighbour reports.",
            riskFactors:
                "History of violence toward the mother; the order is being breached; the mother has minimised the contact.",
            protectiveFactors: "The children are open to CSC and seen weekly; the school is vigilant.",
            policeContribution: "Two reports of the father's car outside the address this month; order valid until next year.",
            healthContribution: "Mother has missed her last two mental health appointments.",
            schoolContribution: "The younger child said 'daddy was home at breakfast' on Monday.",
            joint: true),
        Scenario(
            trigger: .referral,
            presentingIssue:
                "A 14-year-old was found by police in another county with cash and two mobile phones; concerns of child criminal exploitation.",
            rationale: "Indicators of criminal exploitation and going missing; risk of serious harm outside the home.",
            checks: "Missing episodes; police intelligence on associates; youth justice involvement.",
            riskFactors: "Three missing episodes in a month; older associates known for drug supply.",
            protectiveFactors: "Parents report missing episodes promptly and want help.",
            policeContribution: "Linked to a county line under investigation; not yet treated as a suspect.",
            healthContribution: "No health concerns noted; not registered with a dentist.",
            schoolContribution: "Excluded twice this term; the attendance officer has visited the home.",
            joint: true),
    ]

    static let firstNames = [
        "Ayla", "Bodhi", "Caelan", "Darcey", "Elowen", "Finnian", "Greer", "Hollis", "Isla-Mae", "Jude",
        "Kaspar", "Lorna", "Marlow", "Nell", "Orrin", "Pippa", "Quill", "Rosalind", "Sorrel", "Tamsin",
        "Ulric", "Vesper", "Wren", "Xanthe", "Yusra", "Zeb", "Amara", "Bram", "Calla", "Dov",
    ]
    static let surnames = [
        "Ashdown", "Brackley", "Cottingham", "Dunmore", "Elsworth", "Fairclough", "Gorsley", "Hartwell",
        "Inchbold", "Jessop", "Kettlewell", "Lavenham", "Merriwether", "Northcott", "Oakenfold", "Pennock",
        "Quenby", "Rowntree", "Stainforth", "Thorncliffe", "Umberslade", "Varley", "Whitlock", "Yeadon",
    ]
    static let streets = [
        "Larch Row", "Kestrel Close", "Foundry Lane", "Millrace Walk", "Heron Court", "Quarry Bank",
        "Tanner's Yard", "Willowmere Road", "Beacon Terrace", "Sandpiper Way",
    ]
    static let ethnicities = [
        "White British", "Pakistani", "Black Caribbean", "Mixed White and Black African", "Polish",
        "Bangladeshi", "White and Asian", "Roma", "Indian", "Black African",
    ]
}
