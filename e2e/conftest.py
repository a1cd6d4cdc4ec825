"""Shared fixtures: the built `convene` binary, servers, demo sign-in and API tokens."""
import base64
import contextlib
import hashlib
import hmac
import os
import socket
import struct
import subprocess
import tempfile
import threading
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

BIN = os.environ.get("CONVENE_BIN", os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "convene"))


# The demo accounts' published password and two-factor secret (synthetic data only).
DEMO_PASSWORD = "convene-demo"
DEMO_TOTP_SECRET = "MNXW45TFNZSS2ZDFNVXS243FMNZGK5BB"


def totp(secret=DEMO_TOTP_SECRET, at=None):
    """RFC 6238 code (SHA-1, 6 digits, 30 s), as an authenticator app shows it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def run(*args, db=None, check=False, timeout=120, database_url=None, stdin=None, cwd=None):
    """Runs the CLI (from `cwd`, or this directory); returns the completed process with text output."""
    command = [BIN, *args]
    if db is not None:
        command += ["--db", str(db)]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONVENE_DB")}
    if database_url:
        env["DATABASE_URL"] = database_url
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, input=stdin, cwd=cwd)
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


def start_server(db=None, database_url=None, demo=True, env=None, cwd=None):
    """Starts `convene serve` on a free loopback port, on an SQLite file or a PostgreSQL URL;
    `env` adds to (or, with None values, removes from) the environment, `cwd` is where it runs."""
    port = free_port()
    extra = dict(env or {})
    # Each server's messages go to a folder of its own (its "mail"), not to ./outbox-mail, unless
    # the test says where they go.
    if "CONVENE_MAIL_FOLDER" not in extra and "CONVENE_SMTP_URL" not in extra:
        extra["CONVENE_MAIL_FOLDER"] = tempfile.mkdtemp(prefix="convene-mail-")
    env = {k: v for k, v in {**os.environ, **extra}.items() if k not in ("DATABASE_URL", "CONVENE_DB") and v is not None}
    command = [BIN, "serve", "--port", str(port)] + (["--demo"] if demo else [])
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        command += ["--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=cwd)
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
    return {
        "base": f"http://127.0.0.1:{port}", "banner": "".join(lines), "process": process, "log": lines,
        "db": db, "database_url": database_url, "mail": extra.get("CONVENE_MAIL_FOLDER"),
    }


def token_for(server, username):
    """A personal API token for a demo account, made with `convene token create`."""
    made = run("token", "create", username, "--name", f"e2e {uuid.uuid4()}", db=server["db"], database_url=server["database_url"], check=True)
    return made.stdout.strip().splitlines()[-1]


def api_as(server, username):
    """A requests session that calls the API as `username`."""
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token_for(server, username)
    return session


def make_account(server, username, professional_id, password="browser-test-password"):
    """Creates an account with `convene account create`; returns its two-factor secret."""
    made = run(
        "account", "create", "--username", username, "--professional-id", professional_id,
        db=server["db"], database_url=server["database_url"], stdin=password + "\n", check=True)
    return next(line.split(": ", 1)[1] for line in made.stdout.splitlines() if line.startswith("Two-factor secret"))


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


def sign_in(base, username, password=DEMO_PASSWORD, secret=DEMO_TOTP_SECRET):
    """Signs in through the form; returns the session cookie as a Cookie header value.
    (requests does not send Secure cookies over plain HTTP, so they travel by hand.)"""
    import re
    form = requests.get(base + "/", timeout=10)
    form_cookie = "__Host-convene_signin=" + form.cookies["__Host-convene_signin"]
    csrf = re.search(r'name="_csrf" value="([^"]+)"', form.text).group(1)
    reply = requests.post(base + "/sign-in", allow_redirects=False, headers={"Cookie": form_cookie}, timeout=10, data={
        "_csrf": csrf, "username": username, "password": password, "code": totp(secret)})
    assert reply.status_code == 303, reply.status_code
    return "__Host-convene_session=" + reply.cookies["__Host-convene_session"]


@contextlib.contextmanager
def postgres_database(prefix="convene_e2e"):
    """A fresh database on the test PostgreSQL server (CONVENE_TEST_POSTGRES_URL); its URL, dropped afterwards."""
    admin = os.environ["CONVENE_TEST_POSTGRES_URL"]
    name = f"{prefix}_{uuid.uuid4().hex}"
    subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    try:
        yield urlunsplit(urlsplit(admin)._replace(path="/" + name))
    finally:
        subprocess.run(["psql", admin, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)
