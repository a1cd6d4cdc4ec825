"""The web pages in a real headless Chromium: one case walked from request to
circulated minutes, accessibility checks with axe-core on every page, and
screenshots at desktop and mobile widths (git-ignored, for people to look at)."""
import os
import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DEMO_PASSWORD, api_as, make_account, totp
from playwright.sync_api import expect, sync_playwright

LONDON = ZoneInfo("Europe/London")
SHOTS = os.path.join(os.path.dirname(__file__), "..", "e2e-artifacts", "screenshots")
AXE = Axe()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield chromium
        chromium.close()


# A unique marker in names, addresses and minutes: none of it may reach the server's log.
MARK = "Qzm" + uuid.uuid4().hex[:8]
PASSWORD = "browser-test-password"


@pytest.fixture(scope="module")
def team(module_server):
    """A fresh team with its own people, accounts and one case, made through the API and the CLI,
    so the walk never clashes with the demo's bookings."""
    base = module_server["base"] + "/api/v1"
    admin = api_as(module_server, "admin")

    def post(session, path, body):
        reply = session.post(base + path, json=body, timeout=10)
        assert reply.status_code == 201, reply.text
        return reply.json()

    organisation = admin.get(base + "/organisations", timeout=10).json()[0]
    team = post(admin, f"/organisations/{organisation['id']}/teams", {"name": "Browser Test Team", "locality": "West"})
    agencies = {a["kind"]: a for a in admin.get(base + "/agencies", timeout=10).json()}
    csc = agencies["childrensSocialCare"]["id"]

    def person(name, role, agency=csc, with_team=True):
        body = {"name": name, "role": role, "jobTitle": role, "agencyId": agency, "email": name.lower().replace(" ", ".") + "@browser.example"}
        if with_team:
            body["teamId"] = team["id"]
        return post(admin, "/professionals", body)

    people = {
        "sw": person("Iris Quenby", "socialWorker"),
        "tm": person("Milo Varley", "teamManager"),
        "sm": person("Ada Northcott", "serviceManager"),
        "mt": person("Theo Pennock", "minuteTaker"),
        "police": person("DC Rosa Yeadon", "partnerProfessional", agencies["police"]["id"], False),
        "health": person("Nurse Ben Hartwell", "partnerProfessional", agencies["health"]["id"], False),
    }
    accounts = {}
    for key, username in [("sw", "iris"), ("tm", "milo"), ("sm", "ada"), ("mt", "theo"), ("police", "rosa")]:
        accounts[username] = make_account(module_server, username, people[key]["id"], PASSWORD)
    manager = api_as(module_server, "milo")
    case = post(manager, "/cases", {
        "teamId": team["id"], "reference": "BT-00001", "caseType": "newReferral", "referralDate": datetime.now(LONDON).date().isoformat(),
        "socialWorkerId": people["sw"]["id"], "teamManagerId": people["tm"]["id"], "serviceManagerId": people["sm"]["id"],
    })
    post(manager, f"/cases/{case['id']}/people", {
        "role": "child", "fullName": f"Juniper {MARK}name", "dateOfBirth": "2016-02-11", "ethnicity": "Mixed White and Asian",
        "disability": "None known", "caseNumber": "LCS909001", "address": f"7 Heron Court {MARK}address, Northmoor ZZ4 4QX"})
    post(manager, f"/cases/{case['id']}/people", {"role": "parentCarer", "fullName": "Opal Stainforth", "dateOfBirth": "1989-06-30", "relationship": "Mother"})
    return {"people": people, "case": case, "team": team, "accounts": accounts}


def select_matching(select, pattern):
    """Chooses the first option whose text matches `pattern`."""
    texts = select.locator("option").all_text_contents()
    match = next(t for t in texts if re.search(pattern, t))
    select.select_option(label=match)


def local(dt):
    return dt.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M")


class Walk:
    """Browser contexts, one per person signed in, with helpers to check and photograph pages."""

    def __init__(self, browser, base, secrets=None):
        self.browser = browser
        self.base = base
        self.secrets = secrets or {}
        self.contexts = {}
        self.page = None
        self.checked = []

    def sign_in(self, page, username, password, secret):
        page.goto(self.base + "/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_label("Code from your authenticator app").fill(totp(secret))
        page.get_by_role("button", name="Sign in").click()

    def become(self, username, password=PASSWORD, secret=None, home="My work"):
        """Switches to `username`'s own browser, signing them in through the form the first time."""
        if username not in self.contexts:
            context = self.browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            self.sign_in(page, username, password, secret or self.secrets[username])
            expect(page.get_by_role("heading", name=home, level=1)).to_be_visible()
            self.contexts[username] = page
        self.page = self.contexts[username]

    def close(self):
        for page in self.contexts.values():
            page.context.close()

    def check(self, name):
        """axe-core on the current page (no serious or critical violations), then screenshots."""
        results = AXE.run(self.page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{name}: " + "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in bad)
        os.makedirs(SHOTS, exist_ok=True)
        self.page.screenshot(path=os.path.join(SHOTS, f"{name}-desktop.png"), full_page=True)
        self.page.set_viewport_size({"width": 390, "height": 844})
        # Nothing needs sideways scrolling on a phone: tables stack as summary lists.
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name}: the page is {width} px wide at 390 px"
        self.page.screenshot(path=os.path.join(SHOTS, f"{name}-mobile.png"), full_page=True)
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.checked.append(name)


def test_one_case_from_request_to_circulated_minutes_through_the_pages(browser, module_server, team):
    walk = Walk(browser, module_server["base"], team["accounts"])
    case_url = f"{walk.base}/cases/{team['case']['id']}"

    # The social worker drafts the request, submits it incomplete, sees the errors, corrects it.
    walk.become("iris")
    page = walk.page
    walk.check("my-work")
    page.goto(case_url)
    walk.check("case")
    page.locator("#add-person summary").click()
    page.get_by_label("Role").select_option("otherAdult")
    page.get_by_label("Full name").fill("Reuben Kettlewell")
    page.get_by_label("Date of birth").fill("1985-09-17")
    page.get_by_label("Relationship to the children").fill("Mother's partner (alleged perpetrator)")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("status")).to_contain_text("Reuben Kettlewell added")
    expect(page.get_by_role("cell", name="Reuben Kettlewell", exact=True)).to_be_visible()
    page.get_by_role("link", name="Request a strategy discussion").click()
    page.get_by_label("Presenting issue").fill(f"The child told the school nurse that the mother's partner hit them with a belt. {MARK}issue")
    page.get_by_role("button", name="Submit for approval").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Urgency")
    expect(summary).to_contain_text("Professionals to invite")
    expect(page.locator("#field-rationale .error-message")).to_contain_text("is required")
    walk.check("request-form-errors")
    # Each link of the summary takes the keyboard to the refused field's own control (GOV.UK's pattern).
    summary.get_by_role("link", name=re.compile("^Rationale for the strategy discussion")).click()
    expect(page.get_by_label("Rationale for the strategy discussion")).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Urgency")).click()
    expect(page.locator("#field-urgency input").first).to_be_focused()
    page.get_by_label(re.compile("^Immediate")).check()
    page.get_by_label("What prompted the concern").select_option("disclosure")
    # 40 minutes ago, but today: the demo authority's immediate timescale ends at midnight.
    now = datetime.now(LONDON)
    concern = max(now - timedelta(minutes=40), now.replace(hour=0, minute=0, second=0, microsecond=0))
    page.get_by_label("When the concern was identified").fill(local(concern))
    page.get_by_label("Rationale for the strategy discussion").fill("Disclosure of physical harm with a weapon by a household adult.")
    page.get_by_label(re.compile("^DC Rosa Yeadon")).check()
    page.get_by_label(re.compile("^Nurse Ben Hartwell")).check()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("status")).to_contain_text("Request submitted")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waiting for approval")
    request_url = page.url.split("?")[0]

    # The team manager approves it.
    walk.become("milo")
    page = walk.page
    page.goto(walk.base + "/dashboard?teamId=" + team["team"]["id"])
    expect(page.get_by_role("link", name="BT-00001").first).to_be_visible()
    walk.check("dashboard")
    page.goto(request_url)
    walk.check("request-submitted")
    page.get_by_role("button", name="Approve request").click()
    expect(page.get_by_role("status")).to_contain_text("Request approved")

    # The minute taker books it as an immediate meeting, now.
    walk.become("theo")
    page = walk.page
    page.goto(walk.base + "/schedule")
    walk.check("schedule")
    select_matching(page.get_by_label("Approved request"), "BT-00001")
    # Sent with no slot and no time: the summary's link takes the keyboard to the slot's message.
    page.get_by_role("button", name="Book and record the invitations").click()
    page.get_by_role("alert").get_by_role("link", name=re.compile("^Slot")).click()
    expect(page.locator("#field-start")).to_be_focused()
    select_matching(page.get_by_label("Approved request"), "BT-00001")
    start = datetime.now(LONDON).replace(second=0, microsecond=0)
    page.get_by_label("Or, for an immediate request, any time").fill(local(start))
    page.get_by_label("Chair", exact=True).select_option(label="Milo Varley")
    page.get_by_label("Minute taker", exact=True).select_option(label="Theo Pennock")
    if start.date() != concern.date():
        # Midnight passed since the concern: the same-day timescale has ended, and booking asks why.
        page.get_by_label("Reason for booking after the timescale").fill("The walk crossed midnight.")
    page.get_by_role("button", name="Book and record the invitations").click()
    expect(page.get_by_role("status")).to_contain_text("Strategy discussion booked")
    meeting_url = page.url.split("?")[0].split("#")[0]

    # The chair runs the meeting: attendance, opening, risk, decisions, an action, the safety plan.
    walk.become("milo")
    page = walk.page
    page.goto(meeting_url)
    for select in page.locator("select[name^='attendance-']").all():
        select.select_option("present")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Quorum: social worker, team manager, police and health are taking part.")).to_be_visible()
    # The chair shares the child's details with the invitees; everyone else, the alleged perpetrator too, stays withheld.
    page.locator("#released-people summary").click()
    page.get_by_label(f"Juniper {MARK}name (Child)").check()
    page.get_by_role("button", name="Save what invitees see").click()
    expect(page.get_by_text("Family details for invitees saved")).to_be_visible()
    opening = page.locator("#section-opening")
    opening.get_by_label("The chair checked the family details for accuracy").check()
    opening.get_by_label("The status of the meeting and the confidentiality statement were given").check()
    opening.get_by_label("Format").select_option("video")
    opening.get_by_label("Started").fill(local(start))
    opening.get_by_label("Ended").fill(local(start + timedelta(minutes=2)))
    opening.get_by_role("button", name="Save the record").click()
    expect(page.get_by_role("status")).to_contain_text("Record saved")
    risk = page.locator("#section-risk")
    risk.get_by_label("Risk factors").fill(f"Use of a weapon; the partner lives in the home. {MARK}risk")
    risk.get_by_label("Is the child safe to remain at home?").select_option("no")
    risk.get_by_role("button", name="Save the record").click()
    for kind, answer, label in [("significantHarm", "yes", "Yes"), ("s47Enquiry", "joint", "Joint with police"), ("informParents", "yes", "Yes"), ("outcome", "s47Joint", "S47 joint")]:
        form = page.locator(f"#decision-{kind}")
        if form.get_attribute("open") is None:
            form.locator("summary").click()
        form.get_by_label(label, exact=True).check()
        form.get_by_label("Rationale").fill("Agreed by all agencies present.")
        form.get_by_role("button", name="Record decision").click()
        expect(page.get_by_role("status")).to_contain_text("Decision recorded")
    actions = page.locator("#smart-actions")
    actions.get_by_label("What will be done").fill("See the child alone at school and seek their wishes and feelings")
    select_matching(actions.get_by_label("Who (a named owner)"), "^Iris Quenby")
    actions.get_by_label("By when").fill(local(datetime.now(LONDON) + timedelta(days=1)))
    actions.get_by_role("button", name="Agree action").click()
    expect(page.get_by_role("status")).to_contain_text("SMART action agreed")
    # Text typed in one part of the record is saved by the Save of another: nothing typed is lost.
    page.locator("#section-risk").get_by_label("Protective factors").fill("The grandmother is able to protect.")
    plan = page.locator("#section-plan")
    plan.get_by_label("Safety plan").fill(f"The partner will stay away from the home; the grandmother will stay. {MARK}plan")
    plan.get_by_role("button", name="Save the record").click()
    expect(page.get_by_role("status")).to_contain_text("Record saved")
    page.reload()
    expect(page.locator("#section-risk").get_by_label("Protective factors")).to_have_value("The grandmother is able to protect.")
    expect(page.locator("#section-plan").get_by_label("Safety plan")).to_contain_text("The grandmother will stay", ignore_case=True)
    walk.check("meeting")

    # The chair finalises; the minute taker circulates.
    page.get_by_role("link", name="Go to the minutes").click()
    walk.check("minutes-draft")
    page.get_by_role("button", name="Finalise minutes").click()
    # An irreversible step is checked first, in the GOV.UK pattern.
    expect(page.get_by_role("heading", name="Check before you finalise the minutes")).to_be_visible()
    walk.check("confirm-finalise")
    page.get_by_role("button", name="Finalise the minutes").click()
    expect(page.get_by_role("status")).to_contain_text("Minutes finalised")
    walk.become("theo")
    page = walk.page
    page.goto(meeting_url + "/minutes")
    page.get_by_role("button", name="Record circulation to all invitees").click()
    expect(page.get_by_role("heading", name="Check before you record circulation")).to_be_visible()
    page.get_by_role("button", name="Record circulation to all invitees").click()
    expect(page.get_by_role("status")).to_contain_text("Circulation to every invitee recorded")
    expect(page.locator("#circulation")).to_contain_text("DC Rosa Yeadon")
    walk.check("minutes-circulated")

    # The record is now closed to edits, and the case page shows the discussion and the S47 clock.
    page.goto(meeting_url)
    expect(page.get_by_text("The minutes are final, so the record cannot change here")).to_be_visible()
    page.goto(case_url)
    expect(page.get_by_role("cell", name="S47 joint")).to_be_visible()
    expect(page.get_by_role("cell", name="Section 47 enquiry")).to_be_visible()

    # The invited police officer reads the circulated minutes, but the case itself is not theirs to see.
    walk.become("rosa")
    page = walk.page
    page.goto(meeting_url)
    expect(page.get_by_role("heading", name="Family details shared by the chair")).to_be_visible()
    expect(page.get_by_role("cell", name=f"Juniper {MARK}name")).to_be_visible()
    expect(page.get_by_text("Reuben Kettlewell")).to_have_count(0)
    expect(page.get_by_text("See the child alone at school")).to_have_count(0)
    walk.check("meeting-invitee")
    page.get_by_role("link", name="Read the minutes").click()
    expect(page.get_by_role("heading", name="Minutes of the strategy discussion")).to_be_visible()
    page.goto(case_url)
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()

    # The chair shares the minutes with someone outside the meeting; it goes in the disclosure log.
    walk.become("milo")
    page = walk.page
    page.goto(meeting_url + "/minutes")
    page.get_by_role("link", name="Give permission to share the minutes").click()
    walk.check("minutes-share")
    select_matching(page.get_by_label("Share with"), "^Grace Achterberg")
    page.get_by_label("Why they need them").fill("The team manager covering the duty rota this week.")
    page.get_by_role("button", name="Give permission").click()
    expect(page.get_by_role("status")).to_contain_text("Permission to share recorded")
    expect(page.locator("#sharing")).to_contain_text("The team manager covering the duty rota this week.")
    walk.check("minutes-sharing")

    # The service manager sees the case on the team dashboard and reads the disclosure log.
    walk.become("ada")
    page = walk.page
    page.goto(walk.base + "/dashboard?teamId=" + team["team"]["id"])
    expect(page.get_by_role("heading", name="Team dashboard", level=1)).to_be_visible()
    page.goto(meeting_url + "/minutes")
    expect(page.locator("#sharing")).to_contain_text("The team manager covering the duty rota this week.")
    walk.close()

    # Nothing personal reached the server's log: not the names, addresses or minutes typed above.
    log = "".join(module_server["log"])
    assert MARK not in log, "personal data reached the application log"
    assert team["case"]["id"].upper() in log.upper(), "the journey's requests were logged (by id), so the check saw them"


def test_every_other_page_passes_axe(browser, module_server):
    walk = Walk(browser, module_server["base"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = walk.page = context.new_page()
    page.goto(walk.base + "/")
    walk.check("sign-in")
    walk.sign_in(page, "grace.achterberg", "not the password", "MNXW45TFNZSS2ZDFNVXS243FMNZGK5BB")
    expect(page.get_by_role("alert")).to_contain_text("the username, password or code is not right")
    walk.check("sign-in-error")
    context.close()

    walk.become("grace.achterberg", DEMO_PASSWORD, "MNXW45TFNZSS2ZDFNVXS243FMNZGK5BB")
    page = walk.page
    page.goto(walk.base + "/cases")
    walk.check("cases")
    page.goto(walk.base + "/no-such-page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    walk.check("not-found")
    page.goto(walk.base + "/account")
    page.get_by_label("Name of the new token").fill("Spreadsheet import")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_contain_text("cvn_")
    walk.check("account")
    page.goto(walk.base + "/break-glass")
    page.get_by_label("Case reference").fill("NS-00001")
    page.get_by_role("button", name="Open the case for one hour").click()
    expect(page.get_by_role("alert")).to_contain_text("Reason: is required")
    walk.check("break-glass-error")

    walk.become("admin", DEMO_PASSWORD, "MNXW45TFNZSS2ZDFNVXS243FMNZGK5BB", home="Audit log")
    page = walk.page
    select_matching(page.get_by_label("User"), "grace.achterberg")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("cell", name="grace.achterberg").first).to_be_visible()
    walk.check("audit-log")
    page.goto(walk.base + "/admin/accounts")
    walk.check("accounts")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Convene")).to_be_visible()
    walk.close()
