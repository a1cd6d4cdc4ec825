"""Backup and restore as a round trip while writes keep arriving: the restored database passes
its integrity check and its audit chain verifies, every write acknowledged before the backup
began is in it, and every table holds exactly what the backup file holds."""
import os
import sqlite3
import subprocess
import time

import pytest
from conftest import postgres_database, run, start_server, stop_server, token_for
from test_crash import Writer, a_meeting_to_write_to

ADMIN = os.environ.get("CONVENE_TEST_POSTGRES_URL")
TABLES = ["cases", "case_people", "strategy_requests", "meetings", "invitations", "decisions", "smart_actions",
          "minutes_versions", "accounts", "audit_events"]


def write_then_back_up(server, backup):
    """Starts a writer, backs up mid-stream, and returns what was acknowledged before the backup."""
    token = token_for(server, "grace.achterberg")
    meeting, owner = a_meeting_to_write_to(server["base"], token)
    writer = Writer(token, meeting, owner)
    writer.base = server["base"]
    writer.start()
    try:
        time.sleep(1.5)
        before = list(writer.actions)
        made = run("backup", str(backup), db=server["db"], database_url=server["database_url"], check=True)
        assert "Backed up" in made.stdout
        time.sleep(1.0)
    finally:
        writer.stop.set()
        writer.join(timeout=10)
    assert len(before) > 5 and len(writer.actions) > len(before), "writes kept flowing through the backup"
    return before, writer


def test_sqlite_backup_under_write_load_restores_whole(tmp_path):
    db = tmp_path / "live.sqlite"
    backup = tmp_path / "live.backup"
    server = start_server(db)
    try:
        before, writer = write_then_back_up(server, backup)
    finally:
        stop_server(server)
    restored = tmp_path / "restored.sqlite"
    assert "Restored" in run("restore", str(backup), "--force", db=restored, check=True).stdout
    with sqlite3.connect(str(restored)) as r, sqlite3.connect(str(backup)) as b:
        assert r.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in TABLES:
            assert r.execute(f"SELECT count(*) FROM {table}").fetchone() == b.execute(f"SELECT count(*) FROM {table}").fetchone(), table
        stored = {row[0] for row in r.execute("SELECT description FROM smart_actions")}
    assert all(d in stored for d in before), "an action acknowledged before the backup is missing"
    verify = run("audit", "verify", db=restored)
    assert verify.returncode == 0 and "intact" in verify.stdout, verify.stdout + verify.stderr


@pytest.mark.skipif(not ADMIN, reason="scripts/test provides a PostgreSQL server")
def test_postgres_backup_under_write_load_restores_whole(tmp_path):
    backup = tmp_path / "live.dump"
    with postgres_database("convene_live") as live, postgres_database("convene_restored") as restored:
        server = start_server(database_url=live)
        try:
            before, writer = write_then_back_up(server, backup)
        finally:
            stop_server(server)
        assert "Restored" in run("restore", str(backup), "--force", database_url=restored, check=True).stdout

        def count(url, table):
            return subprocess.run(["psql", url, "-tA", "-c", f"SELECT count(*) FROM {table}"], capture_output=True, text=True, check=True).stdout.strip()

        stored = set(subprocess.run(["psql", restored, "-tA", "-c", "SELECT description FROM smart_actions"],
                                    capture_output=True, text=True, check=True).stdout.split("\n"))
        assert all(d in stored for d in before), "an action acknowledged before the backup is missing"
        # The live database kept taking writes after the dump, so it holds at least as much.
        for table in TABLES:
            assert int(count(restored, table)) <= int(count(live, table)), table
        verify = run("audit", "verify", database_url=restored)
        assert verify.returncode == 0 and "intact" in verify.stdout, verify.stdout + verify.stderr
