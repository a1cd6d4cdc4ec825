"""The outbox end to end: `convene serve` delivering through a real SMTP server (aiosmtpd on
127.0.0.1) what the API's changes queue. Calendar invitations that update one event (same UID,
rising SEQUENCE, REQUEST then CANCEL), minutes to every invitee, a relay that is down and comes
back, a server killed mid-delivery, two servers on one PostgreSQL database, no personal data in
any message, the .eml folder when no relay is set, and an invitee with no email address."""
import email
import email.policy
import email.utils
import os
import re
import signal
import sqlite3
import subprocess
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
import requests
from icalendar import Calendar

import smtp_servers
from conftest import make_account, postgres_database, run, start_server, stop_server, token_for

POSTGRES = os.environ.get("CONVENE_TEST_POSTGRES_URL")
PASSWORD = "mail-test-password"
MAIL_FROM = "convene@northmoor.example"

# Short waits so that a test sees retries, leases and polling within seconds.
FAST = {
    "CONVENE_OUTBOX_INTERVAL_SECONDS": "0.2",
    "CONVENE_OUTBOX_RETRY_SECONDS": "0.5",
    "CONVENE_OUTBOX_LEASE_SECONDS": "2",
    "CONVENE_OUTBOX_ATTEMPTS": "20",
    "CONVENE_MAIL_FROM": MAIL_FROM,
    "CONVENE_MAIL_FOLDER": None,
}


def relay_env(port, **overrides):
    return {**FAST, "CONVENE_SMTP_URL": f"smtp://127.0.0.1:{port}?tls=none", **overrides}


def utc_now():
    return datetime.now(timezone.utc).replace(microsecond=0)


def iso(instant):
    return instant.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def wait_for(what, check, timeout=60, every=0.2):
    """Calls `check` until it returns something true; that value, or a failure naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


# MARK: - The organisation

PEOPLE = [  # username, name, role, job title, agency kind (with a team), email (None: a phone number instead)
    ("iris", "Iris Quenby", "socialWorker", "Social worker", "childrensSocialCare", "iris@mail.example"),
    ("milo", "Milo Varley", "teamManager", "Team manager", "childrensSocialCare", "milo@mail.example"),
    ("ada", "Ada Northcott", "serviceManager", "Service manager", "childrensSocialCare", "ada@mail.example"),
    ("theo", "Theo Pennock", "minuteTaker", "Minute taker", "childrensSocialCare", "theo@mail.example"),
    ("una", "Una Fairbairn", "minuteTaker", "Minute taker", "childrensSocialCare", "una@mail.example"),
    ("vic", "Vic Southam", "minuteTaker", "Minute taker", "childrensSocialCare (south)", "vic@mail.example"),
    ("rosa", "DC Rosa Yeadon", "partnerProfessional", "Detective constable", "police", "rosa@mail.example"),
    ("ben", "Nurse Bén Hartwell", "partnerProfessional", "School nurse", "health", "ben@mail.example"),
    ("fern", "Fern Oakley", "partnerProfessional", "Class teacher", "education", "fern@mail.example"),
    ("pat", "Pat Nomail", "partnerProfessional", "Youth worker", "education", None),
]
SIGNS_IN = ("iris", "milo", "ada", "theo", "rosa")
# What booking one new case's request sends: the request submitted (to the team manager),
# approved (to the team's two minute takers, not the other team's), the four invitations and the
# minute taker's.
PER_MEETING = 1 + 2 + 5


class World:
    """An organisation made from nothing on a running server, as the other e2e tests make one: an
    administrator (CLI), the organisation, team, agencies and professionals (admin API), and
    accounts with API tokens (CLI) for those who act. `call` uses the API as one of them."""

    def __init__(self, server, recorder, relay):
        self.server, self.recorder, self.relay = server, recorder, relay
        self.db, self.database_url = server["db"], server["database_url"]
        self.sessions, self.ids, self.emails = {}, {}, {}
        self.cases = 0

    def build(self):
        run("account", "create", "--username", "admin", "--administrator", "--name", "Test Administrator",
            db=self.db, database_url=self.database_url, stdin=PASSWORD + "\n", check=True)
        self.sessions["admin"] = self._session("admin")
        self.organisation = self.call("admin", "POST", "/organisations", {"name": "Northmoor Council"}, 201)["id"]
        self.team = self.call("admin", "POST", f"/organisations/{self.organisation}/teams",
                              {"name": "Assessment Team North", "locality": "North"}, 201)["id"]
        teams = {"childrensSocialCare": self.team, "childrensSocialCare (south)": self.call(
            "admin", "POST", f"/organisations/{self.organisation}/teams", {"name": "Assessment Team South", "locality": "South"},
            201)["id"]}
        agencies = {kind: self.call("admin", "POST", "/agencies", {"name": f"Northmoor {kind}", "kind": kind}, 201)["id"]
                    for kind in ("childrensSocialCare", "police", "health", "education")}
        for username, name, role, title, kind, address in PEOPLE:
            body = {"name": name, "role": role, "jobTitle": title, "agencyId": agencies[kind.split()[0]]}
            body.update({"email": address} if address else {"phone": "01632 960123"})
            if kind in teams:
                body["teamId"] = teams[kind]
            self.ids[username] = self.call("admin", "POST", "/professionals", body, 201)["id"]
            self.emails[username] = address
        for username in SIGNS_IN:
            make_account(self.server, username, self.ids[username], PASSWORD)
            self.sessions[username] = self._session(username)
        return self

    def _session(self, username):
        session = requests.Session()
        session.headers["Authorization"] = "Bearer " + token_for(self.server, username)
        return session

    def call(self, who, method, path, body=None, status=None, headers=None, base=None):
        reply = self.sessions[who].request(method, (base or self.server["base"]) + "/api/v1" + path, json=body,
                                           headers=headers, timeout=30)
        if status is not None:
            assert reply.status_code == status, f"{who}: {method} {path} answered {reply.status_code}: {reply.text}"
        return reply.json() if reply.content else None

    def etag(self, who, path):
        return self.sessions[who].get(self.server["base"] + "/api/v1" + path, timeout=30).headers["ETag"]

    # The steps of a case, as the social worker, team manager and minute taker take them.

    def new_case(self, child="Wren Ashdown", address="3 Larch Row, Northmoor ZZ1 1QX", family=(), base=None):
        self.cases += 1
        case = self.call("iris", "POST", "/cases", {
            "teamId": self.team, "reference": f"MT-{self.cases:05d}", "caseType": "newReferral",
            "socialWorkerId": self.ids["iris"], "teamManagerId": self.ids["milo"], "serviceManagerId": self.ids["ada"],
            "referralDate": utc_now().date().isoformat()}, 201, base=base)["id"]
        self.call("iris", "POST", f"/cases/{case}/people", {
            "role": "child", "fullName": child, "dateOfBirth": "2017-05-14", "ethnicity": "White British",
            "disability": "None known", "address": address}, 201, base=base)
        for person in family:
            self.call("iris", "POST", f"/cases/{case}/people", {"dateOfBirth": "1988-08-02", **person}, 201, base=base)
        return case

    def request_form(self, invitees, **texts):
        return {"urgency": "immediate", "trigger": "disclosure", "concernIdentifiedAt": iso(utc_now() - timedelta(minutes=10)),
                "presentingIssue": "Bruising to the cheek.", "rationale": "Disclosure of physical harm.",
                "specificChecks": "Police intelligence.", "inviteeIds": [self.ids[p] for p in invitees], **texts}

    def submitted_request(self, case, invitees=("rosa", "ben"), base=None, **texts):
        draft = self.call("iris", "POST", f"/cases/{case}/requests", self.request_form(invitees, **texts), 201, base=base)
        request = draft["request"]["id"]
        self.call("iris", "POST", f"/requests/{request}/submit", None, 200, base=base)
        return request

    def approve(self, request, base=None):
        self.call("milo", "POST", f"/requests/{request}/approve", {"teamManagerId": self.ids["milo"]}, 200, base=base)

    def book(self, request, start, base=None, late_reason="The partners cannot attend sooner.", chair="milo"):
        booked = self.call("theo", "POST", "/meetings", {
            "requestId": request, "start": iso(start), "chairId": self.ids[chair], "minuteTakerId": self.ids["theo"],
            "lateReason": late_reason}, 201, base=base)
        return booked["record"]["meeting"]["id"]

    def booked_meeting(self, start, invitees=("rosa", "ben"), base=None):
        """A new case, its immediate request submitted and approved, booked at `start`; the meeting's id."""
        request = self.submitted_request(self.new_case(base=base), invitees, base=base)
        self.approve(request, base=base)
        return self.book(request, start, base=base)

    # What went out.

    def outbox_list(self, status=None):
        """`convene outbox list`: the counts of each state, and one dict per message line."""
        args = ["outbox", "list", "--limit", "1000"] + (["--status", status] if status else [])
        listed = run(*args, db=self.db, database_url=self.database_url, check=True).stdout.splitlines()
        counts = {name: int(n) for name, n in (part.split() for part in listed[0].split(", "))}
        rows = []
        for line in listed[1:]:
            fields = line.split("  ")
            rows.append({"id": fields[0], "created": fields[1], "status": fields[2], "kind": fields[3],
                         "address": fields[4], "tries": int(fields[5].removeprefix("tries ")),
                         "error": "  ".join(fields[6:])})
        return counts, rows

    def outbox_rows(self):
        """Every message in the outbox table: its Message-ID, status, kind, address and worker."""
        columns = ["message_id", "status", "kind", "recipient_address", "claimed_by", "meeting_id"]
        query = f"SELECT {', '.join(columns)} FROM outbox"
        if self.database_url:
            out = subprocess.run(["psql", self.database_url, "-At", "-F", "\t", "-c", query],
                                 capture_output=True, text=True, check=True).stdout
            rows = [line.split("\t") for line in out.splitlines() if line]
            return [dict(zip(columns, (value or None for value in row))) for row in rows]
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10) as db:
            return [dict(zip(columns, row)) for row in db.execute(query).fetchall()]

    def mail(self):
        """Every message the relay accepted, parsed, with its envelope recipients."""
        parsed = []
        for delivered in self.recorder.delivered():
            message = email.message_from_bytes(delivered.data, policy=email.policy.default)
            message.rcpt_tos, message.raw = delivered.rcpt_tos, delivered.data
            parsed.append(message)
        return parsed

    def wait_until_delivered(self, timeout=60):
        """Waits until no message is queued or sending (each was sent, failed or had no address); the rows then."""
        def settled():
            rows = self.outbox_rows()
            pending = [r for r in rows if r["status"] in ("queued", "sending")]
            return rows if rows and not pending else None
        return wait_for("every message in the outbox to be delivered", settled, timeout=timeout)


def without_reminders(rows):
    """The messages the test's own changes queued: not the daily reminders the worker may queue
    (each minute) about the clocks and actions of the cases the test made."""
    return [r for r in rows if r["kind"] not in ("actionsDue", "clocksDue")]


def address_of(header_value):
    return email.utils.parseaddr(str(header_value))[1]


def kind_of(message):
    return message["X-Convene-Kind"]


def calendar_part(message):
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, f"{kind_of(message)} to {message['To']}: {len(parts)} calendar parts"
    return parts[0]


KINDS = {
    "requestSubmitted", "requestApproved", "requestReturned", "meetingBooked", "meetingMoved", "meetingCancelled",
    "invitationAdded", "invitationWithdrawn", "quorumAtRisk", "minutesCirculated", "correctionReceived", "actionAgreed",
    "actionReassigned", "actionCancelled", "actionsDue", "clocksDue", "partnerDidNotAttend", "viewEscalated"}


def check_headers(message):
    """The headers every message has, and exactly one recipient: in To, and in the envelope."""
    for name in ("Message-ID", "Date", "From", "Subject"):
        assert len(message.get_all(name, [])) == 1, f"{name}: {message.get_all(name)}"
    assert message["X-Convene-Kind"] in KINDS, message["X-Convene-Kind"]
    assert len(message.get_all("To", [])) == 1 and len(message["To"].addresses) == 1, message["To"]
    assert message["Cc"] is None and message["Bcc"] is None
    assert message.rcpt_tos == [address_of(message["To"])], (message.rcpt_tos, message["To"])


@pytest.fixture
def relay():
    """A plain SMTP server on 127.0.0.1 that keeps what it accepts."""
    recorder = smtp_servers.Recorder()
    server = smtp_servers.start_recorder(recorder)
    server.recorder = recorder
    yield server
    server.stop()


@pytest.fixture
def world(tmp_path, relay):
    """An empty organisation on a fresh server (SQLite) that delivers to `relay`."""
    server = start_server(tmp_path / "mail.sqlite", demo=False, env=relay_env(relay.port))
    try:
        yield World(server, relay.recorder, relay).build()
    finally:
        stop_server(server)


# MARK: - a. Calendar invitations for one event

def test_booking_moving_and_cancelling_update_one_calendar_event(world):
    start = utc_now() + timedelta(hours=3)
    request = world.submitted_request(world.new_case(), invitees=("rosa", "ben"))
    world.approve(request)
    meeting = world.book(request, start, chair="ada")
    world.call("theo", "POST", f"/meetings/{meeting}/invitations", {"professionalId": world.ids["fern"]}, 201)
    moved_to = start + timedelta(hours=2)
    world.call("ada", "POST", f"/meetings/{meeting}/move",
               {"newStart": iso(moved_to), "reason": "The police officer is in court.", "lateReason": "Court."}, 200)
    world.call("ada", "POST", f"/meetings/{meeting}/cancel", {"reason": "The family moved away."}, 200)
    world.wait_until_delivered()

    # The social worker, the team manager, the chair (here the service manager), the request's invitees
    # and the minute taker.
    invitees = [world.emails[p] for p in ("iris", "milo", "ada", "rosa", "ben", "theo")]
    added = [world.emails["fern"]]  # invited after the booking: the invitation as it stands, then every change
    # The SEQUENCE rises with every calendar message of the meeting, whoever it goes to.
    expected = [("meetingBooked", "REQUEST", 0, start, invitees), ("invitationAdded", "REQUEST", 1, start, added),
                ("meetingMoved", "REQUEST", 2, moved_to, invitees + added),
                ("meetingCancelled", "CANCEL", 3, moved_to, invitees + added)]
    mail = world.mail()
    uids = set()
    for kind, method, sequence, when, recipients in expected:
        messages = [m for m in mail if kind_of(m) == kind]
        assert sorted(address_of(m["To"]) for m in messages) == sorted(recipients), kind
        for message in messages:
            check_headers(message)
            assert address_of(message["From"]) == MAIL_FROM and message["Date"] and message["Message-ID"]
            assert message.get_content_type() == "multipart/alternative"
            assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/calendar"]
            for part in message.iter_parts():  # 7bit when the text is ASCII (here: not for Bén), else base64
                text = part.get_content()
                assert part["Content-Transfer-Encoding"] == ("7bit" if text.isascii() else "base64"), (kind, message["To"])
            part = calendar_part(message)
            assert part.get_param("method") == method and part.get_content_charset() == "utf-8"
            text = part.get_content()
            lines = text.split("\r\n")
            assert lines[-1] == "" and all(len(line.encode()) <= 75 for line in lines), "CRLF lines of at most 75 octets"
            ics = Calendar.from_ical(text)
            assert str(ics["METHOD"]) == method  # at calendar level, as the MIME part says
            [event] = ics.walk("VEVENT")
            uids.add(str(event["UID"]))
            assert int(event["SEQUENCE"]) == sequence, (kind, message["To"])
            assert event["DTSTART"].to_ical().endswith(b"Z") and event["DTEND"].to_ical().endswith(b"Z")
            assert event["DTSTART"].dt == when and event["DTEND"].dt > when
            attendees = event.get("ATTENDEE")
            assert not isinstance(attendees, list), f"{kind}: more than one ATTENDEE: {attendees}"
            assert str(attendees).lower() == "mailto:" + address_of(message["To"]).lower()
    assert uids == {f"strategy-discussion-{meeting.lower()}@convene"}
    # A name that is not ASCII: an encoded word in the header (headers stay ASCII), base64 parts.
    to_ben = [m for m in mail if address_of(m["To"]) == world.emails["ben"] and kind_of(m) == "meetingBooked"]
    assert [m["To"].addresses[0].display_name for m in to_ben] == ["Nurse Bén Hartwell"]
    assert to_ben[0].raw.split(b"\r\n\r\n", 1)[0].isascii()
    assert {p["Content-Transfer-Encoding"] for p in to_ben[0].iter_parts()} == {"base64"}


# MARK: - b. Minutes to every invitee

def test_circulated_minutes_reach_every_invitee_once(world):
    start = utc_now()
    meeting = world.booked_meeting(start, invitees=("rosa", "ben", "fern"))
    invitees = ["iris", "milo", "rosa", "ben", "fern"]
    for person in invitees:
        world.call("milo", "PUT", f"/meetings/{meeting}/attendance/{world.ids[person]}", {"attendance": "present"}, 200)
    for kind, answer in [("significantHarm", "yes"), ("s47Enquiry", "joint"), ("informParents", "yes"), ("outcome", "s47Joint")]:
        world.call("milo", "PUT", f"/meetings/{meeting}/decisions/{kind}",
                   {"answer": answer, "rationale": "Agreed by the agencies present.", "decidedBy": world.ids["milo"]}, 200)
    etag = world.etag("milo", f"/meetings/{meeting}")
    world.call("milo", "PATCH", f"/meetings/{meeting}/record", {
        "startedAt": iso(start), "endedAt": iso(start + timedelta(minutes=1)), "format": "video",
        "familyDetailsConfirmed": True, "confidentialityStatementGiven": True,
        "riskFactors": "A belt was used.", "safetyPlan": "The partner stays away."}, 200, headers={"If-Match": etag})
    world.call("milo", "POST", f"/meetings/{meeting}/minutes/finalise", {}, 200)
    world.call("theo", "POST", f"/meetings/{meeting}/minutes/circulate", {}, 200)
    world.wait_until_delivered()

    minutes = [m for m in world.mail() if kind_of(m) == "minutesCirculated"]
    for message in minutes:
        check_headers(message)
        assert not [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    received = Counter(address_of(m["To"]) for m in minutes)
    assert received == Counter(world.emails[p] for p in invitees)


# MARK: - c. The relay is down, then back

def test_messages_wait_while_the_relay_is_down_and_arrive_once_when_it_is_back(world, relay):
    relay.stop()
    world.booked_meeting(utc_now() + timedelta(hours=2))

    def queued_with_error():
        counts, rows = world.outbox_list("queued")
        if len(without_reminders(rows)) >= PER_MEETING and all(r["tries"] >= 1 and r["error"] for r in rows):
            return counts, rows
    counts, rows = wait_for("the messages to be queued again after a failed try", queued_with_error, timeout=30)
    assert counts["sent"] == counts["sending"] == 0 and counts["queued"] == len(rows)
    assert Counter(r["kind"] for r in without_reminders(rows)) == {"requestSubmitted": 1, "requestApproved": 2, "meetingBooked": 5}
    assert all("SMTP" in r["error"] for r in rows), rows
    assert world.recorder.delivered() == []

    back = smtp_servers.start_recorder(world.recorder, port=relay.port)
    try:
        outbox = world.wait_until_delivered()
        time.sleep(1)  # a second delivery of any message would show up now
    finally:
        back.stop()
    assert {r["status"] for r in outbox} == {"sent"}
    arrived = Counter(m["Message-ID"] for m in world.mail())
    assert sorted(arrived) == sorted(r["message_id"] for r in outbox)
    assert set(arrived.values()) == {1}, f"delivered more than once: {[k for k, n in arrived.items() if n > 1]}"
    counts, _ = world.outbox_list()
    assert counts["queued"] == counts["sending"] == counts["failed"] == 0 and counts["sent"] == len(outbox)


# MARK: - A refused message waits for an administrator

def test_a_refused_message_is_parked_as_failed_and_retry_sends_it(world, relay):
    relay.stop()
    refusing = smtp_servers.start_rcpt_refused(port=relay.port)
    try:
        world.booked_meeting(utc_now() + timedelta(hours=2))

        def all_failed():
            counts, rows = world.outbox_list("failed")
            return rows if len(without_reminders(rows)) == PER_MEETING and counts["queued"] == counts["sending"] == 0 else None
        failed = wait_for("the refused messages to be parked as failed", all_failed, timeout=30)
    finally:
        refusing.stop()
    assert all(r["tries"] == 1 and "550" in r["error"] for r in failed), failed  # a 5xx is not tried again
    assert world.recorder.delivered() == []

    back = smtp_servers.start_recorder(world.recorder, port=relay.port)
    try:
        for row in failed:
            retried = run("outbox", "retry", row["id"], db=world.db, check=True)
            assert row["id"] in retried.stdout
        outbox = world.wait_until_delivered()
        time.sleep(1)
    finally:
        back.stop()
    assert {r["status"] for r in outbox} == {"sent"}
    arrived = Counter(m["Message-ID"] for m in world.mail())
    assert sorted(arrived) == sorted(r["message_id"] for r in outbox) and set(arrived.values()) == {1}
    again = run("outbox", "retry", failed[0]["id"], db=world.db)
    assert again.returncode != 0 and "only a failed message can be retried" in again.stderr + again.stdout


# MARK: - An organisation's sender name, reply-to address and links

def test_an_organisations_mail_settings_shape_its_messages(world):
    base_url = "https://convene.northmoor.example"
    set_up = run("outbox", "settings", "--organisation", world.organisation, "--sender-name", "Northmoor Children's Services",
                 "--reply-to", "safeguarding@northmoor.example", "--base-url", base_url, db=world.db, check=True)
    assert base_url in set_up.stdout
    meeting = world.booked_meeting(utc_now() + timedelta(hours=2))
    world.wait_until_delivered()
    mail = world.mail()
    assert len(mail) == PER_MEETING
    for message in mail:
        assert message["From"].addresses[0].display_name == "Northmoor Children's Services"
        assert address_of(message["From"]) == MAIL_FROM
        assert address_of(message["Reply-To"]) == "safeguarding@northmoor.example"
        text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_content()
        links = re.findall(r"https?://\S+", text)
        assert links and all(link.startswith(base_url + "/") for link in links), links
    invitation = next(m for m in mail if kind_of(m) == "meetingBooked")
    [event] = Calendar.from_ical(calendar_part(invitation).get_content()).walk("VEVENT")
    assert str(event["ORGANIZER"]).lower() == f"mailto:{MAIL_FROM}"  # the same for every message of the event
    assert str(event["URL"]).startswith(base_url + "/") and meeting.lower() in str(event["URL"]).lower()


# MARK: - A relay with STARTTLS, a private CA and a login

def test_the_server_delivers_through_a_starttls_relay_with_a_login(tmp_path):
    user, password = "convene", "relay p@ss/wörd"
    certs = smtp_servers.make_certificates(tmp_path / "certs")
    tls_relay = smtp_servers.start_starttls(tmp_path / "maildir", certs, user, password)
    url = f"smtp://{user}:relay%20p%40ss%2Fw%C3%B6rd@localhost:{tls_relay.port}?ca={certs.ca}"
    server = start_server(tmp_path / "tls.sqlite", demo=False, env={**FAST, "CONVENE_SMTP_URL": url})
    try:
        world = World(server, None, tls_relay).build()
        world.booked_meeting(utc_now() + timedelta(hours=2))
        outbox = world.wait_until_delivered()
        listed = run("outbox", "list", db=world.db, check=True).stdout
    finally:
        stop_server(server)
        tls_relay.stop()
    assert {r["status"] for r in outbox} == {"sent"} and len(without_reminders(outbox)) == PER_MEETING
    arrived = [email.message_from_bytes(raw, policy=email.policy.default) for raw in tls_relay.messages()]
    assert sorted(m["Message-ID"] for m in arrived) == sorted(r["message_id"] for r in outbox)
    for text in ["".join(server["log"]), listed]:
        assert password not in text and "relay%20p%40ss" not in text


# MARK: - d. The server is killed while it delivers

def test_messages_claimed_by_a_killed_server_are_delivered_after_a_restart(tmp_path):
    recorder = smtp_servers.Recorder(delay=0.25)  # a slow relay: the server is always mid-batch
    relay = smtp_servers.start_recorder(recorder)
    db = tmp_path / "killed.sqlite"
    server = start_server(db, demo=False, env=relay_env(relay.port))
    try:
        world = World(server, recorder, relay).build()
        start = utc_now() + timedelta(hours=2)
        for i in range(5):
            world.booked_meeting(start + timedelta(hours=2 * i))
        wait_for("the first messages to arrive", lambda: len(recorder.delivered()) >= 3, timeout=30)
        server["process"].send_signal(signal.SIGKILL)
        server["process"].wait(timeout=10)
        counts, _ = world.outbox_list()
        print(f"killed with {len(recorder.delivered())} delivered; outbox: {counts}")
        assert counts["sending"] > 0, f"the server was killed while it was not delivering: {counts}"

        restarted = start_server(db, demo=False, env=relay_env(relay.port))
        try:
            outbox = world.wait_until_delivered(timeout=90)
        finally:
            stop_server(restarted)
    finally:
        stop_server(server)
        relay.stop()
    assert len(without_reminders(outbox)) == 5 * PER_MEETING
    assert {r["status"] for r in outbox} == {"sent"}
    arrived = Counter(m["Message-ID"] for m in world.mail())
    lost = [r for r in outbox if r["message_id"] not in arrived]
    assert not lost, f"{len(lost)} messages never arrived: {lost}"
    assert set(arrived) == {r["message_id"] for r in outbox}
    # At least once: the message the relay took as the server died may come again, but as the same message.
    copies = {}
    for message in world.mail():
        copies.setdefault(message["Message-ID"], set()).add(message.raw)
    print(f"delivered twice: {sum(1 for n in arrived.values() if n > 1)}")
    assert all(len(same) == 1 for same in copies.values()), "a message sent again differs from its first copy"


# MARK: - e. Two servers on one PostgreSQL database

def two_servers_deliver(relay_delay, lease):
    """Two servers on one new PostgreSQL database, both delivering to one relay that takes
    `relay_delay` seconds to accept each message, with claims that hold `lease` seconds. Eight
    meetings are booked (alternately through each) while the relay is down; then it comes back
    and both deliver what piled up. The outbox rows, what arrived by Message-ID, and the pids
    of the two servers."""
    recorder = smtp_servers.Recorder(delay=relay_delay)
    relay = smtp_servers.start_recorder(recorder)
    env = relay_env(relay.port, CONVENE_OUTBOX_LEASE_SECONDS=str(lease))
    with postgres_database("convene_mail") as url:
        first = start_server(database_url=url, demo=False, env=env)
        second = start_server(database_url=url, demo=False, env=env)
        try:
            world = World(first, recorder, relay).build()
            relay.stop()
            start = utc_now() + timedelta(hours=2)
            for i in range(8):
                world.booked_meeting(start + timedelta(hours=2 * i), base=(first, second)[i % 2]["base"])
            queued = world.outbox_rows()
            assert len(without_reminders(queued)) == 8 * PER_MEETING and not [r for r in queued if r["status"] == "sent"]
            back = smtp_servers.start_recorder(recorder, port=relay.port)
            try:
                world.wait_until_delivered(timeout=90)
                time.sleep(1)  # a second delivery of any message would show up now
            finally:
                back.stop()
            outbox = world.outbox_rows()
        finally:
            stop_server(second)
            stop_server(first)
    arrived = Counter(m["Message-ID"] for m in world.mail())
    print(f"{len(outbox)} messages, {sum(arrived.values())} deliveries, by worker: {Counter(r['claimed_by'] for r in outbox)}")
    return outbox, arrived, {str(first["process"].pid), str(second["process"].pid)}


@pytest.mark.skipif(not POSTGRES, reason="scripts/test provides a PostgreSQL server")
def test_two_servers_on_one_database_deliver_each_message_once():
    # A lease much longer than a claimed batch (20 messages) takes to send: only a dead server's claim expires.
    outbox, arrived, pids = two_servers_deliver(relay_delay=0.02, lease=20)
    assert {r["status"] for r in outbox} == {"sent"}
    assert set(arrived) == {r["message_id"] for r in outbox}
    assert set(arrived.values()) == {1}, f"delivered twice: {[k for k, n in arrived.items() if n > 1]}"
    assert {r["claimed_by"].rsplit(":", 1)[1] for r in outbox} == pids, "both servers delivered"


@pytest.mark.skipif(not POSTGRES, reason="scripts/test provides a PostgreSQL server")
def test_a_slow_relay_does_not_make_two_live_servers_send_a_message_twice():
    # The lease is for a server that died: "a claimed message whose worker died is claimed again
    # after this". Here neither dies, but the relay takes 0.2 s a message, so a batch of 20 takes
    # about 4 s, longer than the 2 s lease the other tests use.
    outbox, arrived, pids = two_servers_deliver(relay_delay=0.2, lease=2)
    assert {r["status"] for r in outbox} == {"sent"}
    assert set(arrived) == {r["message_id"] for r in outbox}
    twice = sorted(k for k, n in arrived.items() if n > 1)
    assert not twice, f"{len(twice)} of {len(arrived)} messages were delivered twice by two live servers: {twice[:3]}"


# MARK: - f. Every event, to whom it concerns, with no personal data

MARK = "MARKERX"  # typed into every name and free text
HOME = "ADDRMARKERY"  # the family's address


def whole_case(world):
    """A case through every event that sends a message, with MARK in the family's names and in
    everything written, and HOME in their address. The ids of the two meetings."""
    case = world.new_case(child=f"Juniper {MARK}child", address=f"7 Heron Court {HOME}, Northmoor", family=[
        {"role": "parentCarer", "fullName": f"Opal {MARK}mother", "relationship": f"Mother {MARK}",
         "address": f"7 Heron Court {HOME}, Northmoor"},
        {"role": "otherAdult", "fullName": f"Reuben {MARK}partner", "relationship": "Partner",
         "checksRequired": f"Checks {MARK}", "address": f"Flat 2 {HOME}"}])
    texts = {"presentingIssue": f"Belt mark {MARK}issue", "rationale": f"Disclosure {MARK}rationale",
             "specificChecks": f"Checks {MARK}checks"}
    # Submitted, returned, submitted again, approved.
    request = world.submitted_request(case, ("rosa", "ben"), **texts)
    world.call("milo", "POST", f"/requests/{request}/return", {"reason": f"Say when {MARK}return"}, 200)
    world.call("iris", "POST", f"/requests/{request}/submit", None, 200)
    world.approve(request)
    # A first meeting: the police send apologies beforehand, it is moved, then cancelled.
    start = utc_now() + timedelta(hours=3)
    first = world.book(request, start, late_reason=f"Late {MARK}late")
    world.call("milo", "PUT", f"/meetings/{first}/attendance/{world.ids['rosa']}", {"attendance": "apologies"}, 200)
    world.call("ada", "POST", f"/meetings/{first}/move",
               {"newStart": iso(start + timedelta(hours=1)), "reason": f"Court {MARK}move", "lateReason": f"{MARK}late2"}, 200)
    world.call("ada", "POST", f"/meetings/{first}/cancel", {"reason": f"Unwell {MARK}cancel"}, 200)
    # The discussion held now, recorded in full, with an action, escalations, minutes and a correction.
    request = world.submitted_request(case, ("rosa", "ben", "fern"), **texts)
    world.approve(request)
    held = world.book(request, utc_now(), late_reason=f"Late {MARK}late3")
    for person in ("iris", "milo", "ben", "fern"):
        world.call("milo", "PUT", f"/meetings/{held}/attendance/{world.ids[person]}", {"attendance": "present"}, 200)
    world.call("milo", "PUT", f"/meetings/{held}/attendance/{world.ids['rosa']}", {"attendance": "absent"}, 200)
    record = {field: f"{field} {MARK}{field}" for field in [
        "reasonForMeeting", "cscInformation", "riskFactors", "protectiveFactors", "otherChildrenDetail", "voiceOfChild",
        "cultureAndIdentity", "interpreterLanguage", "disabilityAdjustments", "safetyPlan"]}
    world.call("milo", "PATCH", f"/meetings/{held}/record", {
        **record, "startedAt": iso(utc_now()), "endedAt": iso(utc_now() + timedelta(minutes=1)), "format": "video",
        "familyDetailsConfirmed": True}, 200, headers={"If-Match": world.etag("milo", f"/meetings/{held}")})
    for kind, answer in [("significantHarm", "yes"), ("s47Enquiry", "joint"), ("informParents", "yes"), ("outcome", "s47Joint")]:
        world.call("milo", "PUT", f"/meetings/{held}/decisions/{kind}", {
            "answer": answer, "rationale": f"Agreed {MARK}rationale", "detail": f"{MARK}detail",
            "decidedBy": world.ids["milo"]}, 200)
    world.call("milo", "POST", f"/meetings/{held}/actions", {
        "description": f"See the child alone {MARK}action", "ownerId": world.ids["ben"],
        "dueAt": iso(utc_now() + timedelta(days=2))}, 201)
    world.call("milo", "POST", f"/meetings/{held}/escalations", {
        "kind": "nonAttendance", "professionalId": world.ids["rosa"], "reason": f"No officer {MARK}escalation"}, 201)
    dissent = world.call("milo", "POST", f"/meetings/{held}/dissents",
                         {"raisedBy": world.ids["fern"], "view": f"Wait {MARK}view"}, 201)["id"]
    world.call("milo", "POST", f"/meetings/{held}/escalations", {
        "kind": "disagreement", "dissentId": dissent, "reason": f"Unresolved {MARK}disagreement"}, 201)
    world.call("milo", "POST", f"/meetings/{held}/minutes/finalise", {"quorumReason": f"Urgent {MARK}quorum"}, 200)
    world.call("theo", "POST", f"/meetings/{held}/minutes/circulate", {}, 200)
    world.call("rosa", "POST", f"/meetings/{held}/minutes/corrections", {"text": f"Apologies sent {MARK}correction"}, 201)
    world.wait_until_delivered()
    return first, held


def test_each_event_reaches_the_people_it_concerns(world):
    whole_case(world)
    received = {}
    for message in world.mail():
        check_headers(message)
        if kind_of(message) in ("actionsDue", "clocksDue"):
            continue  # the daily reminders, which the worker may queue at any minute
        received.setdefault(kind_of(message), Counter())[address_of(message["To"])] += 1
    by = lambda *people: Counter(world.emails[p] for p in people)  # noqa: E731
    first_invitees, held_invitees = ("iris", "milo", "rosa", "ben"), ("iris", "milo", "rosa", "ben", "fern")
    assert received == {
        "requestSubmitted": by("milo", "milo", "milo"),  # the team manager, each time it is submitted
        "requestReturned": by("iris"),  # the social worker
        "requestApproved": by("theo", "una", "theo", "una"),  # the team's minute takers (not vic, of another team)
        "meetingBooked": by(*first_invitees, *held_invitees, "theo", "theo"),  # and the minute taker
        "quorumAtRisk": by("milo", "ada"),  # the chair and the service manager, when the police sent apologies
        "meetingMoved": by(*first_invitees, "theo"),
        "meetingCancelled": by(*first_invitees, "theo"),
        "actionAgreed": by("ben"),  # the action's owner
        "partnerDidNotAttend": by("ada"),  # escalations: the service manager
        "viewEscalated": by("ada"),
        "minutesCirculated": by(*held_invitees),
        "correctionReceived": by("milo"),  # the chair
    }


def test_no_message_carries_the_familys_details_or_what_was_written(world):
    whole_case(world)
    mail = world.mail()
    kinds = {kind_of(m) for m in mail}
    assert len(kinds - {"actionsDue", "clocksDue"}) == 12, f"not every kind of message was sent and checked: {kinds}"
    for message in mail:
        seen = [message.raw.decode("utf-8", "replace")]
        seen += [f"{name}: {value}" for name, value in message.items()]  # headers decoded (RFC 2047)
        for part in message.walk():
            if not part.is_multipart():
                seen.append(part.get_content())  # each part decoded (7bit or base64)
                if part.get_content_type() == "text/calendar":
                    seen += [str(value) for _, value in Calendar.from_ical(part.get_content()).property_items()]
        for marker in (MARK, HOME, "Juniper", "Heron Court"):
            found = [text for text in seen if marker.lower() in text.lower()]
            assert not found, f"{kind_of(message)} to {message['To']} contains {marker!r}: {found[0][:300]!r}"


# MARK: - g. The .eml folder when no relay is set

def test_without_a_relay_messages_are_eml_files_in_outbox_mail(tmp_path):
    here = os.path.dirname(os.path.abspath(__file__))
    directory = tmp_path / "elsewhere"
    directory.mkdir()
    for name in ("Resources", "Public"):
        (directory / name).symlink_to(os.path.join(here, "..", name))
    env = {key: None for key in os.environ if key.startswith("CONVENE_") and key != "CONVENE_BIN"}
    env["CONVENE_MAIL_FOLDER"] = None  # the default folder, not the one start_server gives each server
    server = start_server(tmp_path / "demo.sqlite", demo=True, env=env, cwd=directory)
    try:
        folder = directory / "outbox-mail"
        # Until an invitation is there: the worker writes the demo's messages one after another, so
        # the first file alone (a request submitted) can be all there is for a moment.
        def invitation_written():
            return folder.is_dir() and any(
                b"X-Convene-Kind: meetingBooked" in path.read_bytes() or b"X-Convene-Kind: invitationAdded" in path.read_bytes()
                for path in folder.glob("*.eml"))
        wait_for("an invitation to be written to outbox-mail/", invitation_written)
    finally:
        stop_server(server)
    files = sorted(folder.glob("*.eml"))
    assert set(os.listdir(folder)) == {f.name for f in files}, "only .eml files"
    kinds = Counter()
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert len(message["To"].addresses) == 1 and message["Cc"] is None, path.name
        assert message["Message-ID"] and message["Date"] and message["X-Convene-Kind"], path.name
        kinds[message["X-Convene-Kind"]] += 1
        # Every link leads to the server that sent it, on the port it serves (no CONVENE_BASE_URL).
        text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_content()
        links = re.findall(r"https?://\S+", text)
        assert links and all(link.startswith(server["base"] + "/") for link in links), (path.name, links)
        calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        if message["X-Convene-Kind"] in ("meetingBooked", "meetingMoved", "meetingCancelled", "invitationAdded"):
            assert len(calendars) == 1, path.name
            Calendar.from_ical(calendars[0].get_content())
    print(f"{len(files)} .eml files: {dict(kinds)}")
    assert any(k in kinds for k in ("meetingBooked", "invitationAdded")), f"no invitation among {dict(kinds)}"


# MARK: - An invitee with no email address

def test_an_invitee_with_no_email_address_is_listed_as_not_notified(world):
    meeting = world.booked_meeting(utc_now() + timedelta(hours=2), invitees=("rosa", "ben", "pat"))
    assert world.call("milo", "GET", f"/meetings/{meeting}", None, 200)["record"]["meeting"]["status"] == "booked"
    world.wait_until_delivered()
    counts, rows = world.outbox_list("notNotified")
    assert counts["notNotified"] == 1
    [row] = rows
    assert (row["status"], row["kind"], row["address"]) == ("notNotified", "meetingBooked", "(no email address)")
    assert uuid.UUID(row["id"])
    invited = Counter(address_of(m["To"]) for m in world.mail() if kind_of(m) == "meetingBooked")
    assert invited == Counter(world.emails[p] for p in ("iris", "milo", "rosa", "ben", "theo"))  # theo: the minute taker
