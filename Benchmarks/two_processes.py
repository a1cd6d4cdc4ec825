#!/usr/bin/env python3
"""Two Convene processes on one PostgreSQL database, under load at the same time: do they give
the same answers, and is every write kept?

Starts two release servers on a copy of a loaded database (made from it as a template, dropped
afterwards). For --duration seconds, the first process is driven flat out with new SMART actions
on one meeting while the second is driven flat out with the team's clocks dashboard (JSON) and
the meeting (JSON); each with wrk, 16 connections. Then it asks both processes the same reads
(the meeting with its actions, the dashboard, the actions list) and compares the answers, and
checks that the meeting gained exactly as many actions as were answered 201. Prints both
processes' rates and the checks. A benchmark: it prints numbers and what it found.

    python3 Benchmarks/two_processes.py --postgres postgres://…/large   # after: DATABASE_URL=… convene demo --scale large
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import requests

sys.path.insert(0, os.path.dirname(__file__))
from load import ROOT, cpu_seconds, postgres_copy, postgres_cpu_seconds, start, wrk  # noqa: E402


def comparable(answer):
    """An answer without what changes from second to second: a clock's seconds left."""
    if isinstance(answer, list):
        return [comparable(item) for item in answer]
    if isinstance(answer, dict):
        return {key: comparable(value) for key, value in answer.items() if key != "secondsLeft"}
    return answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "convene"))
    parser.add_argument("--postgres", required=True, help="a PostgreSQL URL with demo data")
    parser.add_argument("--duration", type=int, default=10)
    args = parser.parse_args()

    url, drop_copy = postgres_copy(args.postgres, "two")
    first, first_base, _ = start(args.bin, None, url)
    second, second_base, _ = start(args.bin, None, url)
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONVENE_DB")}
        env["DATABASE_URL"] = url
        made = subprocess.run([args.bin, "token", "create", "teamManager.t1.0", "--name", f"two processes {uuid.uuid4()}"],
                              capture_output=True, text=True, check=True, env=env, cwd=ROOT)
        auth = "Bearer " + made.stdout.strip().splitlines()[-1]
        api = requests.Session()
        api.headers["Authorization"] = auth
        managers = api.get(first_base + "/api/v1/professionals?role=teamManager").json()
        me = next(p for p in managers if p["email"].startswith("teamManager.t1.0@"))
        now = datetime.now(timezone.utc)
        window = {"from": (now - timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "to": (now + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")}
        meetings = [m for m in api.get(first_base + "/api/v1/meetings", params=window).json() if m["chairId"] == me["id"]]
        meeting = next(m for m in reversed(meetings) if m["minutesStatus"] == "draft" and m["status"] != "cancelled")
        meeting_path = f"/api/v1/meetings/{meeting['id']}"

        def actions_of_meeting(base):
            return len(api.get(base + meeting_path).json()["record"]["actions"])

        before = actions_of_meeting(first_base)
        due = (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = json.dumps({"description": "Two processes", "ownerId": me["id"], "dueAt": due})
        loads = {
            "process 1: create an action": (first_base + meeting_path + "/actions", "POST", body),
            "process 2: dashboard JSON": (second_base + f"/api/v1/clocks?teamId={me['teamId']}", "GET", None),
            "process 2: meeting JSON": (second_base + meeting_path, "GET", None),
        }
        results = {}
        cpu_before = {p.pid: cpu_seconds(p.pid) for p in (first, second)}
        database_before = postgres_cpu_seconds()

        def drive(label, target, method, payload):
            connections = 16 if method == "POST" else 8
            results[label] = wrk(target, method, auth, "", payload, args.duration, connections) | {"connections": connections}

        threads = [threading.Thread(target=drive, args=(label, *load)) for label, load in loads.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = {p.pid: cpu_seconds(p.pid) - cpu_before[p.pid] for p in (first, second)}
        database = postgres_cpu_seconds() - database_before

        print(f"\n{'under load at the same time':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'answered':>9} {'non-2xx':>8}")
        for label, r in results.items():
            print(f"{label:<30} {r['rate']:9.1f} {r['p50']:8.2f} {r['p99']:8.2f} {r['requests']:9d} {r['non2xx']:8d}"
                  + (f"  socket errors: {r['errors']}" if r["errors"] else ""))
        print(f"CPU over the run: process 1 {seconds[first.pid]:.1f} s, process 2 {seconds[second.pid]:.1f} s, "
              f"PostgreSQL {database:.1f} s ({args.duration} s, 2 cores)")

        # wrk stops counting at the deadline; requests still in flight then are answered and kept
        # after it. Wait until both processes are idle, then read.
        for base in (first_base, second_base):
            for _ in range(600):
                began = time.monotonic()
                requests.get(base + "/health", timeout=60)
                if time.monotonic() - began < 0.02:
                    break
                time.sleep(0.5)

        # Every action answered 201 is there (and at most one more per connection, answered after
        # wrk stopped counting), seen the same through either process.
        written = results["process 1: create an action"]
        created = written["requests"] - written["non2xx"]
        after = [actions_of_meeting(base) for base in (first_base, second_base)]
        kept = after[0] == after[1] and created <= after[0] - before <= created + written["connections"]
        print(f"\nactions on the meeting: {before} before, {created} answered 201 while counted, "
              f"{after[0]} after through process 1, {after[1]} through process 2: "
              + ("every write kept, the same through both" if kept else "MISMATCH"))
        for path in (meeting_path, f"/api/v1/clocks?teamId={me['teamId']}", f"/api/v1/actions?ownerId={me['id']}"):
            answers = [api.get(base + path) for base in (first_base, second_base)]
            same = (answers[0].status_code == answers[1].status_code == 200
                    and comparable(answers[0].json()) == comparable(answers[1].json())
                    and answers[0].headers.get("X-Total-Count") == answers[1].headers.get("X-Total-Count"))
            print(f"GET {path.split('?')[0]:<60} {'the same answer' if same else 'DIFFERENT answers'} from both processes")
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=30)
        drop_copy()


if __name__ == "__main__":
    main()
