"""Shared fixtures: the built `convene` binary and a scratch directory per test."""
import os
import socket
import subprocess
import threading
import time

import pytest

BIN = os.environ.get("CONVENE_BIN", os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "convene"))


def run(*args, db=None, check=False, timeout=120):
    """Runs the CLI; returns the completed process with text output."""
    command = [BIN, *args]
    if db is not None:
        command += ["--db", str(db)]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONVENE_DB")}
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"{command} failed ({result.returncode}): {result.stderr}")
    return result


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def demo_db(tmp_path):
    """A database with the synthetic demo data loaded."""
    db = tmp_path / "demo.sqlite"
    run("demo", db=db, check=True)
    return db


def start_server(db=None, database_url=None, demo=True):
    """Starts `convene serve` on a free loopback port, on an SQLite file or a PostgreSQL URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONVENE_DB")}
    command = [BIN, "serve", "--port", str(port)] + (["--demo"] if demo else [])
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        command += ["--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines = []
    started = threading.Event()

    def read():
        for line in process.stdout:
            lines.append(line)
            if "Convene is running at" in line:
                started.set()

    threading.Thread(target=read, daemon=True).start()
    started.wait(timeout=60)
    if not started.is_set():
        process.kill()
        raise AssertionError(f"server did not start: {''.join(lines)}")
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return {"base": f"http://127.0.0.1:{port}", "banner": "".join(lines), "process": process, "log": lines}


def stop_server(server):
    process = server["process"]
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def server(tmp_path):
    """`convene serve --demo` on a free loopback port, stopped after the test."""
    running = start_server(tmp_path / "served.sqlite")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    """One demo server shared by a module's tests."""
    running = start_server(tmp_path_factory.mktemp("browser") / "browser.sqlite")
    yield running
    stop_server(running)
