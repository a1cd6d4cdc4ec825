"""Graceful shutdown: SIGTERM while requests are in flight lets them finish with complete answers,
then the process exits cleanly and stops listening."""
import signal
import sqlite3
import threading
import time

import requests
from conftest import api_as, start_server


def test_sigterm_finishes_requests_in_flight_then_exits(tmp_path):
    db = tmp_path / "shutdown.sqlite"
    server = start_server(db)
    session = api_as(server, "grace.achterberg")
    base = server["base"]
    case = session.get(base + "/api/v1/cases", timeout=10).json()[0]
    # Keep requests in flight: another writer holds the database, so each request waits (up to 3 s).
    holder = sqlite3.connect(str(db), isolation_level=None, timeout=30)
    holder.execute("BEGIN EXCLUSIVE")
    results = []

    def call():
        try:
            reply = requests.get(f"{base}/api/v1/cases/{case['id']}", headers=session.headers, timeout=30)
            results.append((reply.status_code, reply.json()["caseRecord"]["reference"]))
        except requests.RequestException as error:
            results.append(("error", repr(error)))

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # all four are now waiting inside the server
    server["process"].send_signal(signal.SIGTERM)
    time.sleep(0.5)
    holder.execute("COMMIT")  # let them finish
    holder.close()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [(200, case["reference"])] * 4, results
    assert server["process"].wait(timeout=20) == 0
    try:
        requests.get(base + "/health", timeout=2)
        raise AssertionError("still listening after shutdown")
    except requests.ConnectionError:
        pass
