"""The whole journey of one case, from an organisation with no cases, through the web pages only,
as each role signed in through the sign-in form: create the case and its family, request, return,
resubmit and approve, book from the board, run a meeting without the police, finalise without
quorum, record an out-of-hours discussion, circulate, correct, amend, change SMART actions and find
the case again. axe-core and a width check on every page, at 1280 px and 390 px, each on its own
fresh server; a marker typed into names, addresses and free text must never appear in any URL
or in any message Convene sends."""
import email
import email.policy
import pathlib
import re
import time
import uuid
from datetime import datetime, timedelta

import pytest
import requests
from conftest import make_account, run, start_server, stop_server, token_for, totp
from playwright.sync_api import expect
from test_browser import AXE, LONDON, browser, local, select_matching  # noqa: F401 (browser is a fixture)

MARK = "Qzj" + uuid.uuid4().hex[:8]
PASSWORD = "journey-test-password"
REF = "JT-00001"
CHILD = f"Juniper Ashdown{MARK}"


@pytest.fixture
def organisation(tmp_path):
    """An empty organisation on a fresh server: an administrator (CLI), the organisation, team, agencies
    and professionals (JSON API), then sign-in accounts (CLI). No case: that is made in the pages."""
    server = start_server(tmp_path / "journey.sqlite", demo=False)
    try:
        run("account", "create", "--username", "admin", "--administrator", "--name", "Test Administrator",
            db=server["db"], stdin=PASSWORD + "\n", check=True)
        admin = requests.Session()
        admin.headers["Authorization"] = "Bearer " + token_for(server, "admin")

        def post(path, body):
            reply = admin.post(server["base"] + "/api/v1" + path, json=body, timeout=10)
            assert reply.status_code == 201, reply.text
            return reply.json()

        org = post("/organisations", {"name": "Northmoor Council"})
        team = post(f"/organisations/{org['id']}/teams", {"name": "Assessment Team North", "locality": "North"})
        agencies = {kind: post("/agencies", {"name": f"Northmoor {name}", "kind": kind})["id"] for kind, name in [
            ("childrensSocialCare", "Children's Social Care"), ("police", "Police"), ("health", "Health"), ("education", "Primary School")]}
        secrets = {}
        for username, name, role, title, kind in [
                ("iris", "Iris Quenby", "socialWorker", "Social worker", "childrensSocialCare"),
                ("milo", "Milo Varley", "teamManager", "Team manager", "childrensSocialCare"),
                ("ada", "Ada Northcott", "serviceManager", "Service manager", "childrensSocialCare"),
                ("theo", "Theo Pennock", "minuteTaker", "Minute taker", "childrensSocialCare"),
                ("rosa", "DC Rosa Yeadon", "partnerProfessional", "Detective constable", "police"),
                ("ben", "Nurse Ben Hartwell", "partnerProfessional", "School nurse", "health"),
                ("fern", "Fern Oakley", "partnerProfessional", "Class teacher", "education")]:
            body = {"name": name, "role": role, "jobTitle": title, "agencyId": agencies[kind], "email": f"{username}@journey.example"}
            person = post("/professionals", {**body, "teamId": team["id"]} if kind == "childrensSocialCare" else body)
            if username not in ("ben", "fern"):
                secrets[username] = make_account(server, username, person["id"], PASSWORD)
        yield {"base": server["base"], "secrets": secrets, "mail": server["mail"]}
    finally:
        stop_server(server)


# The innermost elements that stick out to the right of the viewport, outside any scrolling box
# (an absolutely positioned one escapes a scrolling box that is not positioned).
WIDEST = """() => {
  const out = e => e.getBoundingClientRect().right > window.innerWidth + 0.5;
  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement)
    if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX) && a !== document.body) return true; return false; };
  return [...document.querySelectorAll("main *, header *, footer *")]
    .filter(e => out(e) && (!clipped(e) || getComputedStyle(e).position === "absolute") && ![...e.children].some(out))
    .slice(0, 3).map(e => e.outerHTML.slice(0, 90) + ` (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


class Journey:
    """One browser context per person, signed in through the form; checks every page it is shown."""

    def __init__(self, browser, base, width, secrets, artefacts):
        self.browser, self.base, self.width, self.secrets, self.artefacts = browser, base, width, secrets, artefacts
        self.pages, self.urls, self.links, self.problems, self.axed = {}, [], [], [], set()
        self.page = None

    def become(self, username, home="My work"):
        if username not in self.pages:
            context = self.browser.new_context(viewport={"width": self.width, "height": 900})
            context.set_default_timeout(10_000)
            context.on("request", lambda r: self.urls.append(r.url))
            context.on("response", lambda r: self.urls.append(r.headers.get("location", "")))
            self.page = self.pages[username] = context.new_page()
            self.page.goto(self.base + "/")
            self.check("sign-in")
            self.page.get_by_label("Username").fill(username)
            self.page.get_by_label("Password").fill(PASSWORD)
            self.page.get_by_label("Code from your authenticator app").fill(totp(self.secrets[username]))
            self.page.get_by_role("button", name="Sign in").click()
            expect(self.page.get_by_role("heading", name=home, level=1)).to_be_visible()
        self.page = self.pages[username]
        return self.page

    def check(self, name):
        """axe-core once per distinct page; on every visit, the width and the links."""
        page = self.page
        self.links += page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        wide, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if wide > viewport:
            self.problems.append(f"{name} ({page.url}): {wide} px wide in a {viewport} px viewport, because of: "
                                 + " | ".join(page.evaluate(WIDEST)))
        if name not in self.axed:
            self.axed.add(name)
            for v in AXE.run(page).response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    self.problems.append(f"{name}: axe {v['id']} ({v['impact']}): {v['help']} on {len(v['nodes'])} element(s): "
                                         + " | ".join(f'{n["target"]} {n["html"][:80]}' for n in v["nodes"][:3]))

    def soft(self, ok, problem):
        """A check of what a page shows that need not stop the journey: reported with the others at the end."""
        if not ok:
            self.problems.append(problem)

    def save_artefacts(self):
        for username, page in self.pages.items():  # each person's last page, to look at after a failure
            page.screenshot(path=str(self.artefacts / f"{username}.png"), full_page=True)
            (self.artefacts / f"{username}.html").write_text(page.content())


def day_text(dt):  # as the pages write dates and times: "Fri 4 Dec 2026", "Fri 4 Dec 2026, 16:40"
    return f"{dt:%a} {dt.day} {dt:%b %Y}"


def local_text(dt):
    return f"{day_text(dt)}, {dt:%H:%M}"


def notice(page, text):
    expect(page.locator("main > .notice")).to_contain_text(text)


def open_details(scope, summary):
    """Opens a <details> by its summary text, unless it is already open."""
    page = getattr(scope, "page", scope)
    details = scope.locator("details", has=page.locator("summary", has_text=summary)).first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
    return details


def add_person(page, role, name, fields, unknown=False):
    """Adds someone on the case page; `fields` maps the start of each label to what is typed."""
    form = open_details(page, "Add a child, parent or carer")
    form.get_by_label("Role").select_option(role)
    form.get_by_label("Full name").fill(name)
    if unknown:
        form.get_by_label("Not known", exact=True).check()
    for label, value in fields.items():
        form.get_by_label(re.compile("^" + label)).fill(value)
    form.get_by_role("button", name="Add person").click()
    notice(page, f"{name} added")
    expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()


def fill_request(page, urgency, identified, issue):
    page.get_by_label(re.compile("^" + urgency)).check()
    page.get_by_label("What prompted the concern").select_option("disclosure")
    page.get_by_label("When the concern was identified").fill(local(identified))
    page.get_by_label("Presenting issue").fill(issue)
    page.get_by_label("Rationale for the strategy discussion").fill(f"Physical harm disclosed by the child. {MARK}why")
    for invitee in ["DC Rosa Yeadon", "Nurse Ben Hartwell", "Fern Oakley"]:
        page.get_by_label(re.compile("^" + invitee)).check()


def submit(page):
    page.get_by_role("button", name="Submit for approval").click()
    notice(page, "Request submitted to the team manager for approval")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waiting for approval")


def from_my_work(walk, username, heading):
    """Signs in as `username` (once) and follows the case's link under `heading` in My work."""
    page = walk.become(username)
    page.get_by_role("link", name="My work").click()
    todo = page.locator("h3", has_text=heading).locator("+ ul")
    expect(todo).to_contain_text(REF)
    walk.check(f"my-work-{username}")
    todo.get_by_role("link", name=REF).first.click()
    return page


def request_and_approve(walk, case_url, urgency, identified, issue):
    """The social worker requests another discussion; the team manager approves it from My work."""
    page = walk.become("iris")
    page.goto(case_url)
    page.get_by_role("link", name="Request a strategy discussion").click()
    fill_request(page, urgency, identified, issue)
    submit(page)
    page = from_my_work(walk, "milo", "Requests to approve")
    walk.check("request-to-approve")
    page.get_by_role("button", name="Approve request").click()
    notice(page, "Request approved. The minute taker can now book a slot")


def choose_chair_and_minute_taker(page):
    page.get_by_label("Chair", exact=True).select_option(label="Milo Varley")
    page.get_by_label("Minute taker", exact=True).select_option(label="Theo Pennock")


def decide(page, kind, answer, rationale):
    form = page.locator(f"#decision-{kind}")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    form.get_by_label(answer, exact=True).check()
    form.get_by_label("Rationale").fill(rationale)
    form.get_by_role("button", name="Record decision").click()
    notice(page, "Decision recorded")


def agree_action(page, what, owner, due):
    actions = page.locator("#smart-actions")
    actions.get_by_label("What will be done").fill(what)
    select_matching(actions.get_by_label("Who (a named owner)"), "^" + owner)
    actions.get_by_label("By when").fill(local(due))
    actions.get_by_role("button", name="Agree action").click()
    notice(page, "SMART action agreed")


def change_action(page, what, reason, owner=None):
    """Cancels the action (no owner given) or reassigns it, with a reason."""
    row = page.locator("#smart-actions tr", has_text=what)
    row.locator("summary").click()
    if owner:
        # Fails on the snapshot: once the minutes are final, this list offers only "Keep <owner>".
        expect(row.get_by_label("New owner").locator("option", has_text=owner),
               f"the chair cannot reassign {what!r} to {owner}: 'New owner' does not offer them").to_have_count(1)
        select_matching(row.get_by_label("New owner"), "^" + owner)
    row.get_by_label("Reason (required)").fill(reason)
    row.get_by_role("button", name="Save the change" if owner else "Cancel this action").click()



def check_messages(mail):
    """Every message Convene sent on the way (requests, invitations, minutes, corrections, actions)
    reached the server's folder, and none holds anything typed about the family or in the record."""
    deadline = time.time() + 20
    while time.time() < deadline and not any("correctionReceived" in p.name for p in mail.glob("*.eml")):
        time.sleep(0.5)
    messages = {}
    for path in mail.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        # Headers decoded, and each part as its reader sees it (base64 undone), beside the raw text.
        texts = [path.read_bytes().decode("utf-8", "replace")] + [str(value) for value in message.values()]
        texts += [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
        messages[path.name] = "\n".join(texts)
    kinds = {name.split("-")[1] for name in messages}
    assert {"requestSubmitted", "requestReturned", "meetingBooked", "minutesCirculated", "correctionReceived", "actionAgreed"} <= kinds, kinds
    carrying = sorted(name for name, text in messages.items() if MARK.lower() in text.lower() or "Heron Court" in text)
    assert not carrying, f"the marker reached these messages: {carrying}"

@pytest.mark.parametrize("width", [1280, 390])
def test_a_case_from_an_empty_organisation_to_amended_minutes(browser, organisation, width, tmp_path):
    walk = Journey(browser, organisation["base"], width, organisation["secrets"], tmp_path)
    try:
        journey(walk)
        check_messages(pathlib.Path(organisation["mail"]))
    except BaseException:
        walk.save_artefacts()
        print(f"Screenshots and HTML of each person's last page: {tmp_path}")
        print("Also found before this failure:\n" + "\n".join(walk.problems))
        raise
    finally:
        for page in walk.pages.values():
            page.context.close()


def journey(walk):
    now = datetime.now(LONDON).replace(second=0, microsecond=0)

    # 1. The social worker creates the case from the empty Cases page.
    page = walk.become("iris")
    walk.check("my-work-social-worker")
    page.get_by_role("link", name="Cases").click()
    expect(page.get_by_text("You have no cases yet.")).to_be_visible()
    walk.check("cases-empty")
    page.get_by_role("button", name="Create a case").click()
    expect(page.get_by_role("heading", name="Create a case", level=1)).to_be_visible()
    walk.check("case-new")
    page.get_by_label("Case reference").fill(REF)
    for label, choice in [("Team", "Assessment Team North"), ("Allocated social worker", "Iris Quenby"),
                          ("Team manager", "Milo Varley"), ("Service manager", "Ada Northcott")]:
        select_matching(page.get_by_label(label, exact=True), "^" + choice)
    page.get_by_label("New referral").check()
    page.get_by_label("Referral date (optional)").fill(now.date().isoformat())
    page.get_by_role("button", name="Create case").click()
    expect(page.get_by_role("heading", name=f"Case {REF}", level=1)).to_be_visible()
    walk.check("case")
    case_url = page.url.split("?")[0].split("#")[0]

    # 2. The family: a child, an unborn child, the mother, an adult whose date of birth is not known,
    # and someone added by mistake; one person's details are changed and the mistake removed.
    address = f"7 Heron Court {MARK}address, Northmoor ZZ4 4QX"
    due = now + timedelta(days=90)
    child = {"Ethnicity": "Mixed White and Asian", "Disability": "None known", "Full address": address}
    add_person(page, "child", CHILD, {"Date of birth": "2016-02-11", **child})
    add_person(page, "child", "Unborn baby Ashdown", {"Expected date of delivery": due.date().isoformat(), **child, "Ethnicity": "Not known"})
    add_person(page, "parentCarer", "Opal Ashdown", {"Date of birth": "1989-06-30", "Relationship": "Mother", "Full address": address})
    add_person(page, "otherAdult", "Reuben Kettlewell", {"Relationship": "Mother's partner", "Checks": f"Police intelligence {MARK}checks"}, unknown=True)
    add_person(page, "otherAdult", "Kit Marlowe", {"Date of birth": "1990-01-01"})
    expect(page.locator("tr", has_text="Reuben Kettlewell")).to_contain_text("Not known")
    expect(page.locator("tr", has_text="Unborn baby Ashdown")).to_contain_text("Unborn: due " + day_text(due))
    page.get_by_role("link", name="Change Opal Ashdown's details").click()
    expect(page.get_by_role("heading", name="Change Opal Ashdown's details")).to_be_visible()
    walk.check("person")
    page.get_by_label(re.compile("^Relationship")).fill("Mother, lives with the children")
    page.get_by_role("button", name="Save changes").click()
    notice(page, "Opal Ashdown's details changed")
    expect(page.locator("tr", has_text="Opal Ashdown")).to_contain_text("Mother, lives with the children")
    page.get_by_role("link", name="Change Kit Marlowe's details").click()
    page.get_by_role("button", name="Remove Kit Marlowe").click()
    notice(page, "Kit Marlowe removed")
    expect(page.get_by_role("heading", name=f"Case {REF}", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Kit Marlowe")).to_have_count(0)
    walk.check("case-family")

    # 3. The request: drafted, submitted, returned with a reason, seen in My work, resubmitted, approved.
    page.get_by_role("link", name="Request a strategy discussion").click()
    expect(page.get_by_role("heading", name="Strategy meeting request", level=1)).to_be_visible()
    walk.check("request-new")
    issue = f"The child told the school nurse of a belt mark. {MARK}issue"
    page.get_by_label("Presenting issue").fill(issue)
    page.get_by_role("button", name="Save as draft").click()
    notice(page, "Request saved as a draft")
    expect(page.get_by_label("Presenting issue")).to_have_value(issue)
    walk.check("request-draft")
    fill_request(page, "Immediate", now - timedelta(minutes=40), issue)
    submit(page)
    walk.check("request-submitted")
    page = from_my_work(walk, "milo", "Requests to approve")
    walk.check("request-to-approve")
    reason = f"Say what the school saw and when. {MARK}return"
    page.get_by_label("Reason for returning it to the social worker").fill(reason)
    page.get_by_role("button", name="Return to social worker").click()
    notice(page, "Request returned to the social worker")

    page = walk.become("iris")
    page.get_by_role("link", name="My work").click()
    expect(page.locator("h3", has_text="Requests returned to you").locator("+ ul")).to_contain_text(f"{REF}: Returned: {reason}")
    from_my_work(walk, "iris", "Requests returned to you")
    expect(page.locator(".warning-text")).to_contain_text(f"Returned by the team manager: {reason}")
    walk.check("request-returned")
    page.get_by_label(re.compile("^Specific checks")).fill(f"The class teacher saw the mark at 09:10. {MARK}checks")
    submit(page)
    page = from_my_work(walk, "milo", "Requests to approve")
    page.get_by_role("button", name="Approve request").click()
    notice(page, "Request approved. The minute taker can now book a slot")

    # 4. The minute taker books it from the board: an immediate request, now.
    page = from_my_work(walk, "theo", "Requests to book")
    expect(page.get_by_role("heading", name="Scheduling board", level=1)).to_be_visible()
    walk.check("schedule")
    expect(page.get_by_label("Approved request").locator("option:checked")).to_contain_text(REF)
    page.get_by_label("Or, for an immediate request, any time").fill(local(now))
    choose_chair_and_minute_taker(page)
    page.get_by_role("button", name="Book and record the invitations").click()
    notice(page, "Strategy discussion booked")
    expect(page.locator(".caption")).to_contain_text(f"Case {REF} · {local_text(now)}")
    expect(page.locator(".summary")).to_contain_text("Booked")
    meeting_url = page.url.split("?")[0].split("#")[0]

    # 5. The chair runs it: the police sent apologies (not quorate), the non-attendance is escalated,
    # decisions, a different view and two SMART actions are recorded.
    page = walk.become("milo")
    page.goto(meeting_url)
    walk.check("meeting-chair")
    unborn = page.locator("#section-opening tr", has_text="Unborn baby Ashdown").inner_text()
    walk.soft(day_text(due) in unborn, f"meeting page, family details to check: no expected date of delivery in {unborn!r}")
    for select in page.locator("select[name^='attendance-']").all():
        select.select_option("present")
    page.get_by_label("Attendance of DC Rosa Yeadon").select_option("apologies")
    page.get_by_role("button", name="Save attendance").click()
    notice(page, "Attendance saved")
    expect(page.locator(".warning-text", has_text="Not quorate")).to_contain_text("Not quorate. Missing: police")
    escalate = open_details(page.locator("#escalations"), "Escalate non-attendance")
    escalate.get_by_label("Why it is escalated").fill("No police officer took part and no deputy was sent.")
    escalate.get_by_role("button", name="Escalate to the service manager").click()
    expect(page.locator("#escalations li")).to_contain_text("Non-attendance of DC Rosa Yeadon, to Ada Northcott")
    expect(page.locator("#escalations li")).to_contain_text("No police officer took part")
    opening = page.locator("#section-opening")
    opening.get_by_label("The chair checked the family details for accuracy").check()
    opening.get_by_label("The status of the meeting and the confidentiality statement were given").check()
    opening.get_by_label("Format").select_option("video")
    opening.get_by_label("Started").fill(local(now))
    opening.get_by_label("Ended").fill(local(now + timedelta(minutes=2)))
    opening.get_by_role("button", name="Save the record").click()
    notice(page, "Record saved")
    for kind, answer in [("significantHarm", "Yes"), ("s47Enquiry", "Joint with police"), ("informParents", "Yes"), ("outcome", "S47 joint")]:
        decide(page, kind, answer, f"Agreed by the agencies present. {MARK}rationale")
    views = open_details(page.locator("#different-views"), "Record a different view")
    select_matching(views.get_by_label("Raised by"), "^Nurse Ben Hartwell")
    views.get_by_label("Their view").fill(f"Health would see the child at the clinic first. {MARK}view")
    views.get_by_role("button", name="Record view").click()
    expect(page.locator("#different-views")).to_contain_text("Health would see the child at the clinic first")
    agree_action(page, "See the child alone at school", "Iris Quenby", now + timedelta(days=1))
    agree_action(page, "Arrange a child protection medical", "Iris Quenby", now + timedelta(days=2))
    walk.check("meeting-chair-recorded")

    # 6. The minute taker types into two parts of the record, presses one Save, reloads: nothing is lost.
    page = walk.become("theo")
    page.goto(meeting_url)
    walk.check("meeting-minute-taker")
    page.get_by_role("textbox", name="Risk factors").fill(f"Use of a belt; the partner lives in the home. {MARK}risk")
    page.get_by_role("textbox", name="Safety plan").fill(f"The partner stays away; the grandmother moves in. {MARK}plan")
    # Each part has a "Save the record" button, and each saves every part: press the plan's.
    page.locator("#section-plan").get_by_role("button", name="Save the record").click()
    notice(page, "Record saved")
    page.reload()
    expect(page.get_by_role("textbox", name="Risk factors")).to_have_value(f"Use of a belt; the partner lives in the home. {MARK}risk")
    expect(page.get_by_role("textbox", name="Safety plan")).to_have_value(f"The partner stays away; the grandmother moves in. {MARK}plan")
    # Typed record text, then another form's button: the page stops and offers to save the record first.
    voice = f"Juniper said she is frightened of the belt. {MARK}voice"
    page.get_by_role("textbox", name="Voice of the child").fill(voice)
    views = open_details(page.locator("#different-views"), "Record a different view")
    select_matching(views.get_by_label("Raised by"), "^Fern Oakley")
    views.get_by_label("Their view").fill("The school would wait for the medical.")
    views.get_by_role("button", name="Record view").click()
    expect(page.locator("#unsaved-record")).to_be_visible()
    expect(page.get_by_role("textbox", name="Voice of the child")).to_have_value(voice)
    page.get_by_role("button", name="Save the record now").click()
    notice(page, "Record saved")
    page.reload()
    expect(page.get_by_role("textbox", name="Voice of the child")).to_have_value(voice)

    # 7. The chair finalises without quorum: the check page asks why, and the minutes say so.
    page = walk.become("milo")
    page.goto(meeting_url)
    page.get_by_role("link", name="Go to the minutes").click()
    expect(page.get_by_role("heading", name="Minutes of the strategy discussion")).to_be_visible()
    walk.check("minutes-draft")
    page.get_by_role("button", name="Finalise minutes").click()
    expect(page.get_by_role("heading", name="Check before you finalise the minutes")).to_be_visible()
    walk.check("confirm-finalise")
    quorum_reason = "Police gave apologies; the child could not wait, so the chair went ahead."
    page.get_by_label("Why the minutes are finalised without quorum").fill(quorum_reason)
    page.get_by_role("button", name="Finalise the minutes").click()
    notice(page, "Minutes finalised")
    expect(page.locator("article.minutes")).to_contain_text("Not quorate: police did not take part.")
    expect(page.locator("article.minutes")).to_contain_text("Finalised without quorum because: " + quorum_reason)
    family = page.locator("article.minutes section", has_text="Family details").inner_text()
    walk.soft(re.search(f"Unborn baby Ashdown.*({day_text(due)}|{due:%Y-%m-%d})", family),
              f"minutes: no expected date of delivery for the unborn child in {family!r}")
    walk.check("minutes-final")

    # 8. An out-of-hours discussion of a second, immediate request, recorded afterwards; its S47
    # decision starts the initial child protection conference clock on the case page.
    request_and_approve(walk, case_url, "Immediate", now - timedelta(hours=10), f"A disclosure to the emergency duty team. {MARK}issue2")
    page = walk.become("theo")
    page.get_by_role("link", name="Scheduling").click()
    held = page.locator("form", has=page.locator("input[name=alreadyHeld]"))
    select_matching(held.get_by_label("Approved immediate request"), REF)
    held.get_by_label("When it was held (UK time)").fill(local(now - timedelta(hours=8)))
    held.get_by_label("How it was held").select_option(label="Telephone")
    held.get_by_label("Who chaired it").select_option(label="Milo Varley")
    held.get_by_label("Why it is recorded afterwards").fill("Held by the emergency duty team by telephone, out of hours.")
    held.get_by_role("button", name="Record the discussion").click()
    notice(page, "Discussion recorded as held")
    held_url = page.url.split("?")[0].split("#")[0]
    expect(page.locator(".caption")).to_contain_text(local_text(now - timedelta(hours=8)))
    assert held_url != meeting_url and "/meetings/" in held_url
    page = walk.become("milo")
    page.goto(held_url)
    walk.check("meeting-held")
    decide(page, "s47Enquiry", "Joint with police", "The emergency duty team and police agreed a joint enquiry.")
    page.goto(case_url)
    s47 = page.locator("tr", has_text="Section 47 enquiry")
    expect(s47).to_be_visible()
    # The ICPC clock needs the conference decision too (docs/CLOCKS.md); both count from the held time.
    page.goto(held_url)
    decide(page, "icpc", "Yes", "Concerns are substantiated enough to plan a conference.")
    page.goto(case_url)
    icpc = page.locator("tr", has_text=re.compile("[Ii]nitial child protection conference|ICPC"))
    expect(icpc).to_be_visible()
    expect(icpc.locator("td").nth(3)).to_have_text(s47.locator("td").nth(3).inner_text())
    walk.check("case-clocks")

    # 9. A third, standard request, booked by clicking a free slot on the board.
    request_and_approve(walk, case_url, "Standard", now - timedelta(minutes=5), f"A review of the safety plan. {MARK}issue3")
    page = walk.become("theo")
    page.get_by_role("link", name="Scheduling").click()
    if page.locator("a.slot-free").count() == 0:  # no free slot left this week
        page.get_by_role("link", name="Next week").click()
        walk.check("schedule-next-week")
    slot = page.locator("a.slot-free").first
    when = slot.locator(".visually-hidden").inner_text().removeprefix(": book ")
    slot.click()
    expect(page.locator("#chosen-slot")).to_have_text(when)
    walk.check("schedule-slot-chosen")
    select_matching(page.get_by_label("Approved request"), REF)
    choose_chair_and_minute_taker(page)
    page.get_by_role("button", name="Book and record the invitations").click()
    if page.locator("#field-lateReason .error-message").count():  # after the request's timescale: the page asks why
        walk.check("schedule-late-reason")
        expect(page.locator("#chosen-slot")).to_have_text(f"{when} (after the due time)")
        page.get_by_label("Reason for booking after the timescale (only if you do)").fill("Police and health cannot attend sooner.")
        page.get_by_role("button", name="Book and record the invitations").click()
    notice(page, "Strategy discussion booked")
    expect(page.locator(".caption")).to_contain_text(f"Case {REF} · {when}")
    expect(page.locator(".summary")).to_contain_text("Booked")
    walk.check("meeting-booked")

    # 10. The minute taker circulates the finalised minutes, after a check step.
    page.goto(meeting_url + "/minutes")
    page.get_by_role("button", name="Record circulation to all invitees").click()
    expect(page.get_by_role("heading", name="Check before you record circulation")).to_be_visible()
    walk.check("confirm-circulate")
    page.get_by_role("button", name="Record circulation to all invitees").click()
    notice(page, "Circulation to every invitee recorded")
    expect(page.locator("#circulation")).to_contain_text("DC Rosa Yeadon")

    # 11. The police officer finds the minutes from My work and sends a correction.
    page = walk.become("rosa")
    walk.check("my-work-police")
    page.locator("tr", has_text=REF).filter(has_text="Minutes circulated").get_by_role("link").click()
    walk.check("meeting-invitee")
    page.get_by_role("link", name="Read the minutes").click()
    expect(page.get_by_role("heading", name="Minutes of the strategy discussion")).to_be_visible()
    walk.check("minutes-invitee")
    correction = f"DC Yeadon sent apologies at 08:30; police checks were shared by email. {MARK}correction"
    form = open_details(page, "Record a correction")
    form.get_by_label("Correction").fill(correction)
    form.get_by_role("button", name="Record correction").click()
    notice(page, "Correction recorded")
    expect(page.locator("#circulation")).to_contain_text(correction)

    # 12. The chair amends a section; the form starts from the current text.
    page = walk.become("milo")
    page.goto(meeting_url + "/minutes")
    walk.check("minutes-corrections")
    section = "Introductions, attendance and apologies"
    shown = page.locator("article.minutes section", has=page.get_by_role("heading", name=section))
    notes = shown.locator("p.pre").inner_text()  # attendance itself is the table above it
    expect(shown.get_by_role("cell", name="DC Rosa Yeadon", exact=True)).to_be_visible()
    amend = open_details(page.locator("#amend"), "Amend: " + section)
    current = amend.get_by_role("textbox", name=section).input_value()
    assert notes in current and "DC Rosa Yeadon (Detective constable, Northmoor Police): Apologies" in current, current
    added = "DC Yeadon sent apologies at 08:30; police checks were shared by email."
    amend.get_by_role("textbox", name=section).fill(current + "\n" + added)
    amend.get_by_label("What changed and why").fill("Police correction applied.")
    amend.get_by_label(re.compile("^DC Rosa Yeadon: ")).check()
    amend.get_by_role("button", name=re.compile("^Save amendment")).click()
    notice(page, "Minutes amended")
    expect(page.get_by_text("Amended Version 2")).to_be_visible()
    expect(page.locator("article.minutes")).to_contain_text(added)
    expect(page.locator("#circulation")).to_contain_text("Applied")
    expect(page.locator("#versions")).to_contain_text("Police correction applied.")
    diff = page.locator("#versions p.pre").first
    walk.soft(diff.locator("del").count() == 0 and diff.locator("ins").inner_text() == "+ " + added,
              f"minutes, version history: adding one line shows as {diff.inner_text()!r}")
    walk.check("minutes-amended")

    # 13. The chair cancels one SMART action and reassigns another, each with a reason.
    page.goto(meeting_url)
    change_action(page, "Arrange a child protection medical", "The paediatrician saw the child at the clinic.")
    medical = page.locator("#smart-actions tr", has_text="Arrange a child protection medical")
    expect(medical).to_contain_text("Cancelled")
    expect(medical).to_contain_text("Cancelled by Milo Varley")
    expect(medical).to_contain_text("The paediatrician saw the child at the clinic.")
    change_action(page, "See the child alone at school", "Iris is on leave this week.", owner="Nurse Ben Hartwell")
    school = page.locator("#smart-actions tr", has_text="See the child alone at school")
    expect(school).to_contain_text("Nurse Ben Hartwell")
    expect(school).to_contain_text("Iris is on leave this week.")
    walk.check("meeting-final")

    # 14. The social worker finds the case again by the child's name.
    page = walk.become("iris")
    page.get_by_role("link", name="Cases").click()
    page.get_by_label("Find a case").fill(CHILD)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=REF)).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile(CHILD))).to_be_visible()
    walk.check("cases-search")
    page.get_by_role("link", name=REF).click()
    expect(page.get_by_role("heading", name=f"Case {REF}", level=1)).to_be_visible()

    # Nothing typed reached a URL; every page was no wider than the screen and passed axe.
    assert any("/cases/search" in u for u in walk.urls) and any("/minutes" in u for u in walk.links), "the recorders saw the journey"
    leaked = sorted({u for u in walk.urls + walk.links if MARK.lower() in u.lower()})
    assert not leaked, f"the marker reached these URLs: {leaked}"
    assert not walk.problems, "\n".join(walk.problems)

