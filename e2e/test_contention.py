"""Bounded waits: while another writer holds the database, requests finish within the set
deadline with a clear 503 (nothing saved, try again), never hang and never answer 500; once the
writer lets go, they succeed. For SQLite and for PostgreSQL."""
import os
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import api_as, postgres_database, start_server, stop_server

ADMIN = os.environ.get("CONVENE_TEST_POSTGRES_URL")
# StoreContention.deadline (3 s for the writers before it in the process, 5 s for a pooled
# connection, 3 s for a lock) and a second of work.
DEADLINE = 12


def hammer(server):
    """Four requests at once (a list, a record, a change); returns (status, seconds, body) for each."""
    session = api_as(server, "grace.achterberg")
    base = server["base"] + "/api/v1"
    cases = session.get(base + "/cases", timeout=30).json()
    calls = [
        lambda: session.get(base + "/cases", timeout=30),
        lambda: session.get(f"{base}/cases/{cases[0]['id']}", timeout=30),
        lambda: session.post(f"{base}/cases/{cases[0]['id']}/people", json={"role": "otherChild", "fullName": "Rowan Pike"}, timeout=30),
        lambda: session.get(base + "/clocks", timeout=30),
    ]

    def timed(call):
        start = time.monotonic()
        reply = call()
        return reply.status_code, time.monotonic() - start, reply

    return session, calls, timed


def check_blocked_then_free(server, hold, release):
    session, calls, timed = hammer(server)
    hold()
    try:
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(timed, calls))
    finally:
        release()
    for status, seconds, reply in results:
        assert seconds < DEADLINE, f"waited {seconds:.1f} s"
        assert status == 503, (status, reply.text)
        assert reply.headers["content-type"].startswith("application/problem+json")
        assert reply.headers["retry-after"] == "2"
        assert "Nothing was saved" in reply.json()["detail"]
    # Free again: the same requests succeed.
    for call in calls:
        assert call().status_code in (200, 201)


def test_sqlite_requests_fail_fast_with_503_while_another_writer_holds_the_lock(tmp_path):
    db = tmp_path / "busy.sqlite"
    server = start_server(db)
    holder = sqlite3.connect(str(db), isolation_level=None, timeout=30)
    try:
        check_blocked_then_free(server, lambda: holder.execute("BEGIN EXCLUSIVE"), lambda: holder.execute("COMMIT"))
    finally:
        holder.close()
        stop_server(server)


@pytest.mark.skipif(not ADMIN, reason="scripts/test provides a PostgreSQL server")
def test_postgres_requests_fail_fast_with_503_while_another_writer_holds_the_lock():
    with postgres_database("convene_busy") as url:
        server = start_server(database_url=url)
        holder = {}

        # Like the SQLite test, the lock is held until every request has answered, then let go:
        # the holder sleeps far past the deadline and is ended from a second session.
        def hold():
            holder["process"] = subprocess.Popen(
                ["psql", url, "-q", "-c", "BEGIN; LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120); COMMIT;"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PGAPPNAME": "convene-lock-holder"})
            time.sleep(0.5)  # let it take the lock

        def release():
            subprocess.run(["psql", url, "-q", "-c", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE application_name = 'convene-lock-holder'"], check=True, stdout=subprocess.DEVNULL)
            holder["process"].wait(timeout=30)

        try:
            check_blocked_then_free(server, hold, release)
        finally:
            stop_server(server)
