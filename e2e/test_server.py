"""`convene serve --demo`, the README's one command, answering over HTTP."""
import json
import time

import requests
from conftest import api_as


def test_serve_demo_prints_its_address_and_serves_the_api(server):
    assert "http://127.0.0.1:" in server["banner"]
    base = server["base"]
    assert requests.get(f"{base}/health", timeout=5).json() == {"status": "ok"}
    spec = requests.get(f"{base}/openapi.json", timeout=5).json()
    assert spec["openapi"] == "3.1.0" and "/api/v1/clocks" in spec["paths"]
    # The API needs a personal token, and shows each person only the cases they have a role in.
    assert requests.get(f"{base}/api/v1/cases", timeout=5).status_code == 401
    manager = api_as(server, "martin.oduya")
    me = next(p for p in manager.get(f"{base}/api/v1/professionals", timeout=5).json() if p["name"] == "Martin Oduya")
    overdue = manager.get(f"{base}/api/v1/clocks", params={"overdue": "true"}, timeout=5).json()
    assert overdue and all(item["clock"]["state"] == "overdue" for item in overdue)
    cases = manager.get(f"{base}/api/v1/cases", timeout=5).json()
    assert 0 < len(cases) < 30
    assert all(me["id"] in (c["serviceManagerId"], c["teamManagerId"], c["socialWorkerId"]) for c in cases)
    police = api_as(server, "ds.aled.brightwater")
    assert police.get(f"{base}/api/v1/cases", timeout=5).json() == []


def test_errors_are_problem_json_without_internals(server):
    base = server["base"]
    admin = api_as(server, "admin")
    missing = admin.get(f"{base}/api/v1/cases/00000000-0000-0000-0000-000000000000", timeout=5)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    unauthorised = requests.get(f"{base}/api/v1/cases", timeout=5)
    assert unauthorised.status_code == 401 and unauthorised.headers["www-authenticate"] == "Bearer"
    broken = admin.post(f"{base}/api/v1/agencies", data="{oops", headers={"content-type": "application/json"}, timeout=5)
    assert broken.status_code == 400
    assert "Swift" not in broken.text and "Error" not in broken.json()["detail"]


def test_sigterm_stops_the_server(server):
    process = server["process"]
    process.terminate()
    assert process.wait(timeout=15) is not None


def test_logs_are_json_lines_with_request_ids(server):
    requests.get(server["base"] + "/api/v1/cases", timeout=5)
    requests.get(server["base"] + "/ready", timeout=5)
    time.sleep(0.3)
    records = []
    for line in server["log"]:
        try:
            records.append(json.loads(line))
        except ValueError:
            continue  # the banner lines are plain text for people
    request_lines = [r for r in records if r.get("request_id")]
    assert request_lines, "a request was logged with its request id"
    assert all({"time", "level", "label", "message"} <= set(r) for r in records)


def test_metrics_show_the_sqlite_log_checkpointed_in_the_background(server):
    # `convene serve` on an SQLite file checkpoints its write-ahead log every second and says
    # how large the log is, and how much of it is not yet in the database file.
    base = server["base"]
    api_as(server, "admin").get(f"{base}/api/v1/cases", timeout=5)  # a read writes its audit row
    gauges = {}
    for _ in range(50):
        text = requests.get(f"{base}/metrics", timeout=5).text
        gauges = {line.split()[0]: float(line.split()[1]) for line in text.splitlines()
                  if line.startswith("convene_sqlite_log")}
        if len(gauges) == 2:
            break
        time.sleep(0.2)
    assert set(gauges) == {"convene_sqlite_log_pages", "convene_sqlite_log_uncopied_pages"}, gauges
    assert gauges["convene_sqlite_log_pages"] >= gauges["convene_sqlite_log_uncopied_pages"] >= 0
    assert "convene_sqlite_checkpoint_failures_total" not in text


def test_restore_refuses_while_a_server_has_the_file_and_ready_notices_a_replaced_file(server, tmp_path):
    from conftest import run, stop_server
    import os
    import shutil
    db, base = server["db"], server["base"]
    backup = tmp_path / "before.backup"
    run("backup", str(backup), db=db, check=True)
    # While the server runs, a restore refuses in one line and changes nothing.
    refused = run("restore", str(backup), "--force", db=db)
    assert refused.returncode != 0
    assert len(refused.stderr.strip().splitlines()) == 1 and "stop it before restoring" in refused.stderr
    ready = requests.get(f"{base}/ready", timeout=5)
    assert ready.status_code == 200 and ready.json()["ready"] is True
    # A file replaced behind the server's back by other means: /ready says it is not ready.
    shutil.copy(backup, str(db) + ".other")
    os.replace(str(db) + ".other", db)
    replaced = requests.get(f"{base}/ready", timeout=5)
    assert replaced.status_code == 503 and "replaced" in replaced.json()["detail"]
    # Once the server has stopped, the restore goes ahead.
    stop_server(server)
    assert "Restored" in run("restore", str(backup), "--force", db=db, check=True).stdout
