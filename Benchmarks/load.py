#!/usr/bin/env python3
"""Throughput and latency of Convene against the stack's own ceiling, in one run.

Starts the release server on a database (SQLite file, or PostgreSQL with --postgres URL),
signs in as a team manager, and drives each endpoint with wrk (32 connections by default):
the ceiling (`GET /health`, a trivial route in the same binary), the cheapest signed-in call
(`GET /api/v1/tokens`: the floor under every signed-in request), the team clocks dashboard as
JSON (its first page of 100, and all the team's clocks with limit=500) and HTML, a case page, a meeting page, the minutes, creating a SMART action and recording
attendance; and alone, the lists that grow with the years (cases, scheduling board, requests,
actions). Prints requests/s, p50 and p99, each endpoint's throughput as a ratio of the
ceiling measured in this run, the server's startup time and its peak memory. With
--paced RATIO it drives each endpoint again, right after its flat-out run, at a fixed offered
rate, RATIO times the ceiling, and prints p50 and p99 at that rate, each request timed from its
scheduled start (paced.py: no coordinated omission): flat out, 32 connections that each wait for
an answer measure the queue (the mean time to answer is 32 over the rate), not how quickly a
request is answered at a given load. A benchmark: it prints numbers and never fails on them.

    python3 Benchmarks/load.py --db large.sqlite            # after: convene demo --scale large --db large.sqlite
    python3 Benchmarks/load.py --postgres postgres://…/db   # the same data loaded into PostgreSQL (runs on a copy)
    python3 Benchmarks/load.py --scale 1% --duration 2      # a quick smoke run on a fresh small data set
    python3 Benchmarks/load.py --db large.sqlite --paced 0.15  # and p99 at 0.15 × the ceiling offered
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit, urlunsplit

import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from conftest import free_port, sign_in  # noqa: E402

import paced as open_loop  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")


def start(binary, db, postgres, workdir=ROOT):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONVENE_DB")}
    port = free_port()
    command = [binary, "serve", "--port", str(port)]
    if postgres:
        env["DATABASE_URL"] = postgres
    else:
        command += ["--db", db]
    began = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=workdir)
    ready = threading.Event()

    def drain():
        for line in process.stdout:
            if "Convene is running" in line:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    if not ready.wait(120):
        process.kill()
        sys.exit("the server did not start")
    base = f"http://127.0.0.1:{port}"
    while True:  # the banner comes just before the socket listens
        try:
            requests.get(base + "/health", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.01)
    return process, base, time.monotonic() - began


def peak_memory_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid):
    """The server's CPU time so far (user and system), in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_copy(url, suffix):
    """A copy of the database at `url`, made from it as a template (a file copy inside the
    server), so that each run starts from the same data: the copy's URL, and what drops it."""
    source = urlsplit(url)
    name = source.path.lstrip("/")
    maintenance = urlunsplit(source._replace(path="/postgres"))
    copy = f"{name}_{suffix}"
    subprocess.run(["psql", maintenance, "-q", "-c", f'DROP DATABASE IF EXISTS "{copy}"',
                    "-c", f'CREATE DATABASE "{copy}" TEMPLATE "{name}"'], check=True)

    def drop():
        subprocess.run(["psql", maintenance, "-q", "-c", f'DROP DATABASE IF EXISTS "{copy}"'], check=False)

    return urlunsplit(source._replace(path="/" + copy)), drop


def postgres_cpu_seconds():
    """The CPU time so far of every PostgreSQL process on this machine (the server and its
    backends, which the app's pool keeps open through a run), in seconds."""
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as comm:
                if comm.read().strip() != "postgres":
                    continue
            total += cpu_seconds(pid)
        except (FileNotFoundError, ProcessLookupError):
            pass  # a process that ended between the listing and the read
    return total


LUA = """
wrk.method = "{method}"
wrk.headers["Authorization"] = "{auth}"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["Content-Type"] = "application/json"
{body}
"""

WRK_THREADS = 2


def run_wrk(url, method, auth, cookie, body, duration, connections):
    """Flat out: every connection sends its next request as soon as it has an answer."""
    result = wrk(url, method, auth, cookie, body, duration, connections)
    return result["rate"], result["p50"], result["p99"], result["non2xx"], result["errors"]


def wrk(url, method, auth, cookie, body, duration, connections):
    """The same, as a dict: rate, p50, p99 (ms), requests (answered), non2xx, errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA.format(method=method, auth=auth, cookie=cookie,
                                body=f"wrk.body = [[{body}]]" if body else ""))
    out = subprocess.run(["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
                          "-s", script.name, url], capture_output=True, text=True).stdout
    os.unlink(script.name)

    def ms(label):
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms("50%"), "p99": ms("99%"),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "non2xx": int(non2xx.group(1)) if non2xx else 0, "errors": errors.group(1) if errors else ""}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "convene"))
    parser.add_argument("--dir", default=ROOT, help="where the server runs (an older build reads its own Resources/ there)")
    parser.add_argument("--db", help="an SQLite file with demo data (made with convene demo --scale …)")
    parser.add_argument("--postgres", help="a PostgreSQL URL with demo data")
    parser.add_argument("--scale", help="build a fresh SQLite data set at this scale first (for example 1%% or large)")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip-load", default="", help="comma-separated endpoint name prefixes to time alone but not load")
    parser.add_argument("--only", default="", help="comma-separated endpoint name prefixes to load (the ceiling always runs)")
    parser.add_argument("--perf", help="record a CPU profile of the server under load into this file (needs perf)")
    parser.add_argument("--paced", type=float, help="then load each endpoint at this share of the ceiling (0 < RATIO ≤ 1)")
    args = parser.parse_args()
    if args.paced is not None and not 0 < args.paced <= 1:
        parser.error("--paced takes a share of the ceiling greater than 0 and at most 1, for example 0.15")
    db = args.db
    if args.scale:
        db = os.path.join(tempfile.mkdtemp(), "bench.sqlite")
        began = time.monotonic()
        subprocess.run([args.bin, "demo", "--scale", args.scale, "--db", db], check=True, capture_output=True, cwd=ROOT)
        print(f"built the {args.scale} data set in {time.monotonic() - began:.1f} s")
    if not db and not args.postgres:
        sys.exit("give --db FILE, --postgres URL or --scale")
    if db and not args.scale:
        # The write endpoints add rows (hundreds of actions to one meeting); work on a copy so
        # every run starts from the same data.
        copy = os.path.join(tempfile.mkdtemp(), "bench.sqlite")
        logs = [db + "-wal", db + "-journal"]
        if any(os.path.exists(log) and os.path.getsize(log) > 0 for log in logs):
            subprocess.run(["sqlite3", db, f".backup '{copy}'"], check=True)  # takes in what the log holds
        else:
            shutil.copyfile(db, copy)  # a closed file with nothing in its log: a plain copy is the same, and faster
        # Write the copy to disk now: otherwise the server's first sync at startup waits for it.
        with open(copy, "rb+") as written:
            os.fsync(written.fileno())
        db = copy
    drop_copy = None
    if args.postgres:
        # The same for PostgreSQL: a copy made from the loaded database as a template, dropped afterwards.
        args.postgres, drop_copy = postgres_copy(args.postgres, "run")
    process, base, startup = start(args.bin, db, args.postgres, args.dir)
    try:
        # A team manager of the first team, with a token for the API and a session for pages; and
        # the manager of the second team, the busy one (8,000 more open actions at full size).
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONVENE_DB")}
        if args.postgres:
            env["DATABASE_URL"] = args.postgres

        def credentials(username):
            make = [args.bin, "token", "create", username, "--name", f"benchmark {uuid.uuid4()}"] + ([] if args.postgres else ["--db", db])
            token = subprocess.run(make, capture_output=True, text=True, check=True, env=env, cwd=ROOT).stdout.strip()
            return "Bearer " + token.splitlines()[-1], sign_in(base, username)

        auth, cookie = credentials("teamManager.t1.0")
        busy_auth, busy_cookie = credentials("teamManager.t2.0")
        api = requests.Session()
        api.headers["Authorization"] = auth
        managers = api.get(base + "/api/v1/professionals?role=teamManager").json()
        me = next(p for p in managers if p["email"].startswith("teamManager.t1.0@"))
        busy = next(p for p in managers if p["email"].startswith("teamManager.t2.0@"))
        now = datetime.now(timezone.utc)
        window = {"from": (now - timedelta(days=90)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "to": (now + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")}
        meetings = [m for m in api.get(base + "/api/v1/meetings", params=window).json() if m["chairId"] == me["id"]]
        held = next(m for m in reversed(meetings) if m["minutesStatus"] != "draft")
        open_meeting = next(m for m in reversed(meetings) if m["minutesStatus"] == "draft" and m["status"] != "cancelled")
        due = (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
        endpoints = [
            ("ceiling: GET /health", "GET", "/health", None),
            # What any signed-in API call costs before it does anything: the bearer token and
            # account looked up, one small query, no audit row (the floor under every row below).
            ("floor: GET /api/v1/tokens", "GET", "/api/v1/tokens", None),
            ("dashboard JSON: team clocks", "GET", f"/api/v1/clocks?teamId={me['teamId']}", None),
            ("dashboard JSON, all: limit=500", "GET", f"/api/v1/clocks?teamId={me['teamId']}&limit=500", None),
            ("dashboard HTML", "GET", "/dashboard", None),
            ("busy team: dashboard JSON", "GET", f"/api/v1/clocks?teamId={busy['teamId']}", None),
            ("busy team: dashboard HTML", "GET", "/dashboard", None),
            ("case page", "GET", f"/cases/{held['caseId']}", None),
            ("meeting page", "GET", f"/meetings/{held['id']}", None),
            ("minutes", "GET", f"/meetings/{held['id']}/minutes", None),
            ("create an action", "POST", f"/api/v1/meetings/{open_meeting['id']}/actions",
             json.dumps({"description": "Benchmark action", "ownerId": me["id"], "dueAt": due})),
            ("record attendance", "PUT", f"/api/v1/meetings/{open_meeting['id']}/attendance/{me['id']}",
             json.dumps({"attendance": "present"})),
        ]
        # Lists that grow with the years, timed alone only: each reads just the page it shows.
        lists = [
            ("list: cases page", "/cases"),
            ("list: scheduling board", "/schedule"),
            ("list: GET /api/v1/cases", "/api/v1/cases"),
            ("list: GET /api/v1/requests", "/api/v1/requests"),
            ("list: GET /api/v1/actions", "/api/v1/actions"),
        ]

        def settle():
            """Waits until the server has finished the last endpoint's backlog (wrk stops sending
            at the deadline, but requests already queued in the server still run)."""
            for _ in range(600):
                began = time.monotonic()
                requests.get(base + "/health", timeout=120)
                if time.monotonic() - began < 0.02:
                    return
                time.sleep(0.5)

        def who(name):
            """The credentials an endpoint is loaded with: the busy team's manager for its rows."""
            return (busy_auth, busy_cookie) if name.startswith("busy team") else (auth, cookie)

        def single(name, path):
            """Requests alone, one at a time: the median of the server's own time (Server-Timing), in
            ms, over five requests after one to warm up (the first render also parses the template)."""
            times = []
            for _ in range(6):
                reply = requests.get(base + path, headers=dict(zip(("Authorization", "Cookie"), who(name))), timeout=300)
                times.append(float(re.search(r"dur=([\d.]+)", reply.headers.get("Server-Timing", "dur=nan")).group(1)))
            return sorted(times[1:])[2], reply.status_code

        print(f"\n{'alone (median of 5, one at a time)':<30} {'server ms':>9} {'status':>7}")
        for name, method, path, body in endpoints + [(name, "GET", path, None) for name, path in lists]:
            if method == "GET":
                took, status = single(name, path)
                print(f"{name:<30} {took:9.1f} {status:7d}")
        ceiling = None
        # "CPU ms" is the server's own CPU time per request under load: steadier from run to run
        # than requests/s, which also depends on how the two cores are shared with wrk.
        # With PostgreSQL, "DB ms" is the database's CPU time per request (every postgres process).
        database_cpu = postgres_cpu_seconds if args.postgres else None
        print(f"\n{'endpoint':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× ceiling':>10} {'CPU ms':>7}"
              + (f" {'DB ms':>7}" if database_cpu else "") + "  notes")
        skipped = [s for s in args.skip_load.split(",") if s]
        only = [s for s in args.only.split(",") if s]
        paced = []
        for name, method, path, body in endpoints:
            if any(name.startswith(s) for s in skipped) or (only and ceiling and not any(name.startswith(s) for s in only)):
                print(f"{name:<30} {'(not loaded)':>30}")
                continue
            settle()
            profiler = None
            if args.perf and ceiling:
                profiler = subprocess.Popen(["perf", "record", "-e", "cpu-clock", "-F", "499", "-g", "-p", str(process.pid), "-o",
                                             f"{args.perf}." + re.sub(r"\W+", "-", name), "--", "sleep", str(args.duration)],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cpu_before = cpu_seconds(process.pid)
            database_before = database_cpu() if database_cpu else 0
            rate, p50, p99, bad, errors = run_wrk(base + path, method, *who(name), body, args.duration, args.connections)
            cpu = (cpu_seconds(process.pid) - cpu_before) * 1000 / max(rate * args.duration, 1)
            database = (database_cpu() - database_before) * 1000 / max(rate * args.duration, 1) if database_cpu else None
            if profiler:
                profiler.wait()
            notes = (f"{bad} non-2xx " if bad else "") + (f"socket errors: {errors}" if errors else "")
            print(f"{name:<30} {rate:9.1f} {p50:8.2f} {p99:8.2f} {rate / (ceiling or rate):10.4f} {cpu:7.3f}"
                  + (f" {database:7.3f}" if database is not None else "") + f"  {notes}", flush=True)
            if args.paced and ceiling:
                # Right after the same endpoint flat out, so that both see the same data (the writes
                # add rows that later reads would find).
                settle()
                offered = args.paced * ceiling
                # Open loop, each request timed from its scheduled start (paced.py), so that a wait
                # for a free connection counts.
                rate, p50, p99, bad, errors = open_loop.run(
                    base + path, method, dict(zip(("Authorization", "Cookie"), who(name)), **{"Content-Type": "application/json"}),
                    body, offered, args.duration, args.connections)
                behind = rate < 0.97 * offered
                notes = ("fell behind the rate; " if behind else "") + \
                        (f"{bad} non-2xx " if bad else "") + (f"socket errors: {errors}" if errors else "")
                paced.append(f"{name:<30} {rate:9.1f} {p50:8.2f} {p99:8.2f}  {notes}")
            ceiling = ceiling or rate
        if paced:
            print(f"\npaced at {args.paced:g} × the ceiling: {args.paced * ceiling:.0f} req/s offered, "
                  f"at most {args.connections} connections")
            print(f"{'endpoint':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}  notes")
            print("\n".join(paced))
        print(f"\nstartup: {startup:.2f} s; peak memory (VmHWM): {peak_memory_mb(process.pid):.0f} MB; "
              f"{args.connections} connections, {args.duration} s per endpoint; "
              f"{'PostgreSQL' if args.postgres else 'SQLite ' + db}")
    finally:
        process.terminate()
        process.wait(20)
        if drop_copy:
            drop_copy()
        if db and db.endswith("bench.sqlite"):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.unlink(db + suffix)


if __name__ == "__main__":
    main()
