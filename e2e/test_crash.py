"""No lost writes: a stream of writes (new SMART actions, attendance, decisions) goes to a real
server, which is killed with SIGKILL at random moments and restarted, many times. Every write
the server acknowledged must be there afterwards, and the database must pass its checks. For
SQLite and for PostgreSQL. Bounded in time: a few seconds per kill."""
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests
from conftest import postgres_database, run, start_server, token_for

ADMIN = os.environ.get("CONVENE_TEST_POSTGRES_URL")
KILLS = 15
REPORT = os.path.join(os.path.dirname(__file__), "..", "e2e-artifacts", "crash-report.txt")


class Writer(threading.Thread):
    """Sends writes one after another to whichever server is up; records what was acknowledged."""

    def __init__(self, token, meeting, owner):
        super().__init__(daemon=True)
        self.base = None
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer " + token
        self.meeting = meeting
        self.owner = owner
        self.stop = threading.Event()
        self.actions = []          # descriptions acknowledged with 201
        self.decision = 0          # highest outcome rationale number acknowledged
        self.version = None        # the outcome decision's version, sent as If-Match once it exists
        self.sent = 0
        self.n = 0

    def run(self):
        due = (datetime.now(timezone.utc) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
        while not self.stop.is_set():
            base = self.base
            if base is None:
                time.sleep(0.02)
                continue
            self.n += 1
            n = self.n
            url = f"{base}/api/v1/meetings/{self.meeting}"
            try:
                self.sent += 1
                kind = n % 3
                if kind == 0:
                    headers = {"If-Match": f'"{self.version}"'} if self.version else {}
                    reply = self.session.put(f"{url}/decisions/outcome", json={
                        "answer": "s47SingleAgency", "rationale": f"crash-decision-{n}", "decidedBy": self.owner},
                        headers=headers, timeout=5)
                    if reply.status_code == 200:
                        self.decision = n
                        self.version = reply.json()["version"]
                    elif reply.status_code == 409 and reply.headers.get("ETag"):
                        # A write the server made but could not acknowledge before it died moved the version on.
                        self.version = int(reply.headers["ETag"].strip('"'))
                    elif reply.status_code == 428:
                        record = self.session.get(url, timeout=5).json()["record"]
                        self.version = next(d["version"] for d in record["decisions"] if d["kind"] == "outcome")
                elif kind == 1:
                    reply = self.session.put(f"{url}/attendance/{self.owner}", json={"attendance": "present"}, timeout=5)
                else:
                    description = f"crash-action-{uuid.uuid4().hex}"
                    reply = self.session.post(f"{url}/actions", json={
                        "description": description, "ownerId": self.owner, "dueAt": due}, timeout=5)
                    if reply.status_code == 201:
                        self.actions.append(description)
                assert reply.status_code < 500 or reply.status_code == 503, reply.text
            except requests.RequestException:
                time.sleep(0.02)  # the server is down; an unacknowledged write may or may not have landed


def a_meeting_to_write_to(base, token):
    """A demo meeting the team manager chairs whose record is still open."""
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    now = datetime.now(timezone.utc)
    meetings = session.get(base + "/api/v1/meetings", timeout=10, params={
        "from": (now - timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "to": (now + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ")}).json()
    me = next(p for p in session.get(base + "/api/v1/professionals?role=teamManager", timeout=10).json()
              if p["name"] == "Grace Achterberg")
    meeting = next(m for m in meetings if m["chairId"] == me["id"] and m["minutesStatus"] == "draft" and m["status"] != "cancelled")
    return meeting["id"], me["id"]


def crash_and_check(start, check_integrity, label):
    server = start(demo=True)
    token = token_for(server, "grace.achterberg")
    meeting, owner = a_meeting_to_write_to(server["base"], token)
    writer = Writer(token, meeting, owner)
    writer.base = server["base"]
    writer.start()
    started = time.monotonic()
    try:
        for _ in range(KILLS):
            time.sleep(random.uniform(0.3, 1.5))
            writer.base = None
            os.kill(server["process"].pid, signal.SIGKILL)
            server["process"].wait(timeout=10)
            server = start(demo=False)
            writer.base = server["base"]
        time.sleep(0.5)
    finally:
        writer.stop.set()
        writer.join(timeout=10)
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    record = session.get(f"{server['base']}/api/v1/meetings/{meeting}", timeout=10).json()["record"]
    stored_actions = {a["description"] for a in record["actions"]}
    lost = [d for d in writer.actions if d not in stored_actions]
    outcome = next((d for d in record["decisions"] if d["kind"] == "outcome"), {"rationale": "none-0"})
    stored_decision = int(outcome["rationale"].rsplit("-", 1)[1]) if outcome["rationale"].startswith("crash-") else 0
    server["process"].terminate()
    server["process"].wait(timeout=15)
    check_integrity()
    verify = run("audit", "verify", db=server["db"], database_url=server["database_url"])
    acknowledged = len(writer.actions) + (1 if writer.decision else 0)
    line = (f"{label}: {KILLS} SIGKILLs in {time.monotonic() - started:.0f} s, {writer.sent} writes sent, "
            f"{len(writer.actions)} new actions acknowledged, {len(lost)} lost; last acknowledged decision "
            f"{writer.decision}, stored {stored_decision}; audit chain: {verify.stdout.strip()}")
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    with open(REPORT, "a") as report:
        report.write(line + "\n")
    print(line)
    assert acknowledged > KILLS, "the writer kept writing through the kills"
    assert writer.decision > 0, "decisions were acknowledged too"
    assert lost == [], f"acknowledged writes lost: {lost[:5]}"
    assert stored_decision >= writer.decision, "an acknowledged decision was rolled back"
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_sqlite_keeps_every_acknowledged_write_through_sigkills(tmp_path):
    db = tmp_path / "crash.sqlite"

    def integrity():
        with sqlite3.connect(str(db)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []

    crash_and_check(lambda demo: start_server(db, demo=demo), integrity, "SQLite")


@pytest.mark.skipif(not ADMIN, reason="scripts/test provides a PostgreSQL server")
def test_postgres_keeps_every_acknowledged_write_through_sigkills():
    with postgres_database("convene_crash") as url:

        def integrity():
            # Every foreign key still points at a row, and the tables can be read end to end.
            counts = subprocess.run(["psql", url, "-tA", "-c", "SELECT count(*) FROM smart_actions a LEFT JOIN meetings m ON m.id = a.meeting_id WHERE m.id IS NULL"],
                                    capture_output=True, text=True, check=True)
            assert counts.stdout.strip() == "0"

        crash_and_check(lambda demo: start_server(database_url=url, demo=demo), integrity, "PostgreSQL")


@pytest.mark.skipif(not ADMIN, reason="scripts/test provides a PostgreSQL server")
def test_the_server_refuses_to_start_on_postgres_with_fsync_off():
    subprocess.run(["psql", ADMIN, "-q", "-c", "ALTER SYSTEM SET fsync = off", "-c", "SELECT pg_reload_conf()"], check=True, capture_output=True)
    try:
        time.sleep(0.5)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONVENE_DB")}
        env["DATABASE_URL"] = ADMIN
        from conftest import BIN, free_port
        result = subprocess.run([BIN, "serve", "--port", str(free_port())], capture_output=True, text=True, timeout=60, env=env)
        assert result.returncode != 0
        assert "fsync=off" in result.stderr and result.stderr.strip().count("\n") == 0, result.stderr
    finally:
        subprocess.run(["psql", ADMIN, "-q", "-c", "ALTER SYSTEM RESET fsync", "-c", "SELECT pg_reload_conf()"], check=True, capture_output=True)
        time.sleep(0.5)
