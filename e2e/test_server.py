"""`convene serve --demo`, the README's one command, answering over HTTP."""
import json
import time

import requests


def test_serve_demo_prints_its_address_and_serves_the_api(server):
    assert "http://127.0.0.1:" in server["banner"]
    base = server["base"]
    assert requests.get(f"{base}/health", timeout=5).json() == {"status": "ok"}
    spec = requests.get(f"{base}/openapi.json", timeout=5).json()
    assert spec["openapi"] == "3.1.0" and "/api/v1/clocks" in spec["paths"]
    overdue = requests.get(f"{base}/api/v1/clocks", params={"overdue": "true"}, timeout=5).json()
    assert overdue and all(item["clock"]["state"] == "overdue" for item in overdue)
    cases = requests.get(f"{base}/api/v1/cases", timeout=5).json()
    assert len(cases) == 30


def test_errors_are_problem_json_without_internals(server):
    base = server["base"]
    missing = requests.get(f"{base}/api/v1/cases/00000000-0000-0000-0000-000000000000", timeout=5)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    broken = requests.post(f"{base}/api/v1/agencies", data="{oops", headers={"content-type": "application/json"}, timeout=5)
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
