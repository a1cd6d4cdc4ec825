#!/usr/bin/env python3
"""Server time of every page with the demo data.

Starts `convene serve --demo` (release build by default) on a fresh SQLite file,
signs in as a team manager, requests each page N times and prints p50, p95 and max
of the server's own `Server-Timing` figure, plus the wall time seen by the client.
A benchmark: it prints numbers and never fails on them.

    python3 Benchmarks/page_times.py [--bin .build/release/convene] [--runs 50]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from conftest import sign_in  # noqa: E402  (signs in with the demo's published details)

sys.path.insert(0, os.path.dirname(__file__))
from load import start as start_server  # noqa: E402  (starts the server and waits until it listens)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "convene"))
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    db = os.path.join(tempfile.mkdtemp(), "bench.sqlite")
    subprocess.run([args.bin, "demo", "--db", db], check=True, capture_output=True)
    process, base, _ = start_server(args.bin, db, None)
    try:
        session = requests.Session()
        # Sign in through the form as the demo team manager.
        session.headers["Cookie"] = sign_in(base, "grace.achterberg")
        token = subprocess.run([args.bin, "token", "create", "grace.achterberg", "--name", f"benchmark {uuid.uuid4()}", "--db", db],
                               capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        session.headers["Authorization"] = "Bearer " + token
        cases = session.get(base + "/api/v1/cases").json()
        me = next(p for p in session.get(base + "/api/v1/professionals?role=teamManager").json() if p["name"] == "Grace Achterberg")
        managed = next(c for c in cases if c["teamManagerId"] == me["id"])
        now = time.time()
        window = {"from": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 90 * 86400)),
                  "to": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 30 * 86400))}
        meetings = session.get(base + "/api/v1/meetings", params=window).json()
        held = next(m for m in meetings if m["minutesStatus"] in ("circulated", "amended"))
        request = session.get(base + "/api/v1/requests?status=submitted").json()[0]
        pages = {
            "my work": "/my-work", "team dashboard": "/dashboard", "cases": "/cases",
            "case": f"/cases/{held['caseId']}", "request form": f"/cases/{managed['id']}/requests/new",
            "request": f"/requests/{request['id']}", "scheduling board": "/schedule",
            "meeting": f"/meetings/{held['id']}", "minutes": f"/meetings/{held['id']}/minutes",
        }
        print(f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'client p50':>11}")
        for name, path in pages.items():
            server, client = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                reply = session.get(base + path)
                client.append((time.perf_counter() - start) * 1000)
                assert reply.status_code == 200, (path, reply.status_code)
                server.append(float(re.search(r"dur=([\d.]+)", reply.headers["Server-Timing"]).group(1)))
            server.sort()
            print(f"{name:<18} {statistics.median(server):8.2f} {server[int(len(server) * 0.95) - 1]:8.2f} {max(server):8.2f} {statistics.median(client):11.2f}")
        print(f"(demo data: {len(cases)} cases, {len(meetings)} meetings; {args.runs} requests per page)")
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()
