"""The `convene` command line, as an operator or a script uses it."""
import json
from datetime import datetime, timedelta, timezone

from conftest import free_port, run


def test_demo_loads_about_thirty_cases_and_refuses_to_load_twice(tmp_path):
    db = tmp_path / "d.sqlite"
    first = run("demo", db=db)
    assert first.returncode == 0, first.stderr
    assert "30 cases" in first.stdout
    second = run("demo", db=db)
    assert second.returncode != 0
    assert second.stderr.strip().count("\n") == 0, "the error is one line"
    assert "already holds data" in second.stderr


def test_clocks_overdue_lists_only_overdue_clocks(demo_db):
    table = run("clocks", "--overdue", db=demo_db, check=True).stdout.splitlines()
    assert table[0].split()[:4] == ["STATE", "DUE", "TIME", "CLOCK"]
    rows = table[1:-1]
    assert rows, "the demo data has overdue clocks"
    assert all(row.startswith("overdue") for row in rows)
    assert "overdue" in table[-1]


def test_clocks_json_is_machine_readable_and_filters_by_due_within(demo_db):
    clocks = json.loads(run("clocks", "--json", "--due-within", "2d", db=demo_db, check=True).stdout)
    assert clocks, "some clocks are due within two days"
    limit = datetime.now(timezone.utc) + timedelta(days=2, minutes=5)
    for clock in clocks:
        assert clock["state"] in ("open", "dueSoon", "overdue")
        assert datetime.fromisoformat(clock["dueAt"].replace("Z", "+00:00")) <= limit
    everything = json.loads(run("clocks", "--json", db=demo_db, check=True).stdout)
    assert len(everything) > len(clocks)
    kinds = {c["kind"] for c in everything}
    assert {"meeting", "minutesCirculation", "action", "s47Enquiry", "icpc"} <= kinds


def test_bad_flags_fail_with_one_line_on_stderr(demo_db):
    for args in (["clocks", "--due-within", "soon"], ["clocks", "--team", "not-a-team"]):
        result = run(*args, db=demo_db)
        assert result.returncode != 0
        assert result.stdout == ""
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        assert args[1] in lines[0]


def test_holidays_import_updates_the_list_and_rejects_bad_files(tmp_path):
    db = tmp_path / "h.sqlite"
    shown = run("holidays", "show", db=db, check=True).stdout
    assert "covering 2019-01-01 to 2027-12-31" in shown
    good = tmp_path / "bank-holidays.json"
    good.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day", "bunting": True},
        {"title": "Good Friday", "date": "2028-04-14", "notes": "", "bunting": False},
    ]}}))
    imported = run("holidays", "import", str(good), db=db, check=True)
    assert "Imported 2 bank holidays" in imported.stdout
    assert "2028-01-03  New Year’s Day" in run("holidays", db=db, check=True).stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"england-and-wales": {"events": [{"title": "x", "date": "03/01/2028"}]}}')
    result = run("holidays", "import", str(bad), db=db)
    assert result.returncode != 0
    assert "expected YYYY-MM-DD" in result.stderr
    missing = run("holidays", "import", str(tmp_path / "nope.json"), db=db)
    assert missing.returncode != 0 and "cannot read" in missing.stderr
    # The earlier import is kept after a failed one.
    assert "2028-04-14" in run("holidays", db=db, check=True).stdout


def test_migrate_is_idempotent(tmp_path):
    db = tmp_path / "m.sqlite"
    assert run("migrate", db=db).returncode == 0
    again = run("migrate", db=db)
    assert again.returncode == 0 and "up to date" in again.stdout


def test_backup_and_restore_round_trip(demo_db, tmp_path):
    backup = tmp_path / "convene.backup"
    assert "Backed up" in run("backup", str(backup), db=demo_db, check=True).stdout
    again = run("backup", str(backup), db=demo_db)
    assert again.returncode != 0 and "already exists" in again.stderr
    unconfirmed = run("restore", str(backup), db=demo_db)
    assert unconfirmed.returncode != 0 and "--force" in unconfirmed.stderr
    # A restore into a new file gives the same clocks as the original.
    copy = tmp_path / "restored.sqlite"
    assert "Restored" in run("restore", str(backup), "--force", db=copy, check=True).stdout
    original = json.loads(run("clocks", "--json", db=demo_db, check=True).stdout)
    restored = json.loads(run("clocks", "--json", db=copy, check=True).stdout)
    assert [c["subjectId"] for c in original] == [c["subjectId"] for c in restored]


def test_accounts_tokens_and_two_factor_codes_from_the_command_line(demo_db):
    from conftest import totp
    assert run("totp", "MNXW45TFNZSS2ZDFNVXS243FMNZGK5BB", check=True).stdout.strip() == totp()
    bad_secret = run("totp", "not base32!")
    assert bad_secret.returncode != 0 and "base32" in bad_secret.stderr
    admin = run("account", "create", "--username", "second.admin", "--administrator", "--name", "Second Admin",
                db=demo_db, stdin="a long enough password\n", check=True)
    assert "Two-factor secret: " in admin.stdout and "otpauth://totp/" in admin.stdout
    for args, stdin, words in [
        (["account", "create", "--username", "x", "--administrator", "--name", "X"], "short\n", "at least 12"),
        (["account", "create", "--username", "second.admin", "--administrator", "--name", "X"], "a long enough password\n", "already taken"),
        (["account", "create", "--username", "y"], "a long enough password\n", "--professional-id"),
        (["token", "create", "nobody", "--name", "t"], None, "no account nobody"),
        (["account", "disable", "nobody"], None, "no account nobody"),
    ]:
        result = run(*args, db=demo_db, stdin=stdin)
        assert result.returncode != 0, args
        assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr
        assert words in result.stderr, result.stderr
    listed = run("account", "list", db=demo_db, check=True).stdout
    assert "second.admin\tadministrator\tactive" in listed
    run("account", "disable", "second.admin", db=demo_db, check=True)
    assert "second.admin\tadministrator\tdisabled" in run("account", "list", db=demo_db, check=True).stdout


def test_audit_verify_passes_on_a_clean_log_and_names_an_edited_row(tmp_path):
    import subprocess
    from conftest import api_as, start_server, stop_server
    db = tmp_path / "audited.sqlite"
    server = start_server(db)
    try:
        manager = api_as(server, "martin.oduya")
        cases = manager.get(server["base"] + "/api/v1/cases", timeout=5).json()
        for case in cases[:3]:
            assert manager.get(server["base"] + f"/api/v1/cases/{case['id']}", timeout=5).status_code == 200
    finally:
        stop_server(server)
    clean = run("audit", "verify", db=db, check=True)
    # The list writes a row for each case it showed; each case read writes one more.
    assert clean.stdout.startswith("Audit log intact: ") and f"{len(cases) + 3} rows" in clean.stdout
    # The database refuses edits; someone who drops the guard can edit, and verify names the row.
    refused = subprocess.run(["sqlite3", str(db), "UPDATE audit_events SET username = 'x' WHERE seq = 2"], capture_output=True, text=True)
    assert refused.returncode != 0 and "append-only" in refused.stderr
    subprocess.run(["sqlite3", str(db), "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET username = 'x' WHERE seq = 2"], check=True)
    tampered = run("audit", "verify", db=db)
    assert tampered.returncode != 0
    assert "row 2 was changed after it was written" in tampered.stdout
    assert tampered.stderr.strip().count("\n") == 0 and "tampered" in tampered.stderr


def test_clocks_verify_compares_stored_clocks_with_the_records_and_rebuild_mends_them(tmp_path):
    import subprocess
    db = tmp_path / "clocks.sqlite"
    run("demo", db=db, check=True)
    clean = run("clocks", "verify", db=db, check=True)
    assert clean.stdout.startswith("Clocks consistent: ") and "of 30 cases match" in clean.stdout
    # Someone edits a stored due date behind the application's back.
    subprocess.run(["sqlite3", str(db), "UPDATE case_clocks SET due_at = due_at + 86400 WHERE rowid = "
                    "(SELECT min(rowid) FROM case_clocks WHERE kind = 'assessment')"], check=True)
    changed = run("clocks", "verify", db=db)
    assert changed.returncode != 0
    assert "assessment" in changed.stdout and "is due" in changed.stdout
    assert changed.stderr.strip().count("\n") == 0 and "1 of 30 cases" in changed.stderr
    # The list still runs, and a rebuild from the records mends the table.
    assert run("clocks", "--overdue", db=db).returncode == 0
    assert run("clocks", "rebuild", db=db, check=True).stdout.startswith("Clocks rebuilt")
    assert run("clocks", "verify", db=db).returncode == 0


def test_serve_outside_the_convene_directory_refuses_to_start_with_one_line(tmp_path):
    # Without Public/ every page would show unstyled; the server says so and stops.
    result = run("serve", "--port", str(free_port()), db=tmp_path / "s.sqlite", cwd=tmp_path, timeout=30)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, "the error is one line"
    assert "Public" in result.stderr and "Convene directory" in result.stderr
