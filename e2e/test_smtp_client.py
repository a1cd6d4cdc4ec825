"""Convene's SMTP client against real SMTP servers on 127.0.0.1, through `convene outbox check-relay`:
a plain relay, STARTTLS and implicit TLS with a private CA and a login, a STARTTLS injection, servers
that say nothing, hang up or refuse for now, and bad relay URLs. Exit 0 sent, 1 refused, 75 try later;
the password never appears in what the command prints."""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import smtp_servers as servers
from conftest import BIN

# aiosmtpd warns when AUTH is required without STARTTLS, which is right for implicit TLS (it cannot see it).
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

USER, PASSWORD = "convene", "s3cret p@ss/wörd"
PASSWORD_IN_URL = "s3cret%20p%40ss%2Fw%C3%B6rd"
SENDER, RECIPIENT = "convene@example.org", "recipient@example.org"

MESSAGE = (
    "From: Convene <convene@example.org>\n"
    "To: recipient@example.org\n"
    "Subject: Meeting invitation\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "\n"
    "Hello,\n"
    ".leading dot must survive\n"
    "..two leading dots too\n"
    ".\n"
    "Grüße aus Köln – ✓ 日本語\r\n"
    "old Mac line\rlast line without newline"
)
BODY_LINES = [
    b".leading dot must survive", b"..two leading dots too", b".",
    "Grüße aus Köln – ✓ 日本語".encode(), b"old Mac line", b"last line without newline",
]


@dataclass
class Result:
    code: int
    out: str
    elapsed: float

    @property
    def error(self) -> str:
        """The `error: ...` line, without its prefix ("" when there is none)."""
        return next((line[len("error: "):] for line in self.out.splitlines() if line.startswith("error: ")), "")

    @property
    def transient(self) -> str | None:
        """"true" or "false" from the last line `transient=...`, or None when it is missing."""
        lines = self.out.strip().splitlines()
        return lines[-1].split("=", 1)[1] if lines and lines[-1].startswith("transient=") else None


@pytest.fixture(scope="session")
def certs(tmp_path_factory) -> servers.Certificates:
    return servers.make_certificates(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def message_file(tmp_path) -> Path:
    path = tmp_path / "message.eml"
    path.write_bytes(MESSAGE.encode())
    return path


def check_relay(url: str, message_file: Path, *extra: str) -> Result:
    """`convene outbox check-relay` with this relay URL and message, to RECIPIENT unless `extra` says --to."""
    command = [BIN, "outbox", "check-relay", "--smtp-url", url, "--message-file", str(message_file), "--from", SENDER, *extra]
    if "--to" not in extra:
        command += ["--to", RECIPIENT]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVENE_SMTP") and k != "CONVENE_MAIL_FROM"}
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    result = Result(done.returncode, done.stdout + done.stderr, time.monotonic() - start)
    print(f"$ check-relay {url}\n{result.out}(exit {result.code}, {result.elapsed:.2f}s)")
    assert PASSWORD not in result.out and PASSWORD_IN_URL not in result.out
    return result


def body_lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n\n", 1)[1].rstrip(b"\n").split(b"\n")


# MARK: - 1. Plain relay

def test_plain_delivers_with_dot_stuffing_and_utf8(tmp_path, message_file):
    with servers.start_plain_subprocess(tmp_path / "mbox") as server:
        result = check_relay(f"smtp://{server.host}:{server.port}?tls=none", message_file, "--to", "a@example.org")
        assert (result.code, result.out.strip()) == (0, "sent")
        [raw] = server.messages()
        assert b"X-RcptTo: a@example.org" in raw
        assert f"X-MailFrom: {SENDER}".encode() in raw
        assert body_lines(raw)[-len(BODY_LINES):] == BODY_LINES


def test_multiple_recipients(tmp_path, message_file):
    with servers.start_plain(tmp_path / "mbox") as server:
        result = check_relay(f"smtp://{server.host}:{server.port}?tls=none", message_file,
                             "--to", "a@example.org", "--to", "b@example.org")
        assert result.code == 0
        [raw] = server.messages()
        assert b"X-RcptTo: a@example.org, b@example.org" in raw


def test_helo_fallback_when_ehlo_refused_and_no_tls(tmp_path, message_file):
    with servers.start_ehlo_refused(tmp_path / "mbox") as server:
        assert check_relay(f"smtp://{server.host}:{server.port}?tls=none", message_file).code == 0
        assert len(server.messages()) == 1
        # Without tls=none, STARTTLS is required, and a server that refuses EHLO cannot offer it.
        result = check_relay(f"smtp://{server.host}:{server.port}", message_file)
        assert (result.code, result.transient) == (1, "false")
        assert "rejected" in result.error and "502" in result.error and "EHLO" in result.error
        assert len(server.messages()) == 1


# MARK: - 2. STARTTLS required but not offered

def test_starttls_required_but_not_offered(tmp_path, message_file):
    with servers.start_plain(tmp_path / "mbox") as server:
        result = check_relay(f"smtp://{server.host}:{server.port}", message_file)
        assert (result.code, result.transient) == (1, "false")
        assert "does not offer STARTTLS" in result.error
        assert server.messages() == []


# MARK: - 3. STARTTLS and implicit TLS with a private CA, AUTH

def test_starttls_with_private_ca_and_auth_plain(tmp_path, message_file, certs):
    with servers.start_starttls(tmp_path / "mbox", certs, USER, PASSWORD) as server:
        result = check_relay(f"smtp://{USER}:{PASSWORD_IN_URL}@localhost:{server.port}?ca={certs.ca}", message_file)
        assert (result.code, result.out.strip()) == (0, "sent")
        [raw] = server.messages()
        assert body_lines(raw)[-len(BODY_LINES):] == BODY_LINES


def test_starttls_auth_login_only(tmp_path, message_file, certs):
    with servers.start_starttls(tmp_path / "mbox", certs, USER, PASSWORD, only_login=True) as server:
        result = check_relay(f"smtp://{USER}:{PASSWORD_IN_URL}@localhost:{server.port}?ca={certs.ca}", message_file)
        assert result.code == 0 and len(server.messages()) == 1


def test_starttls_wrong_password_is_permanent_535(tmp_path, message_file, certs):
    with servers.start_starttls(tmp_path / "mbox", certs, USER, PASSWORD) as server:
        result = check_relay(f"smtp://{USER}:wrong@localhost:{server.port}?ca={certs.ca}", message_file)
        assert (result.code, result.transient) == (1, "false")
        assert "rejected" in result.error and "535" in result.error
        assert "wrong" not in result.out
        assert server.messages() == []


def test_starttls_untrusted_certificate_fails(tmp_path, message_file, certs):
    with servers.start_starttls(tmp_path / "mbox", certs, USER, PASSWORD) as server:
        result = check_relay(f"smtp://{USER}:{PASSWORD_IN_URL}@localhost:{server.port}", message_file)
        assert result.code != 0 and "connection failed" in result.error and "TLS" in result.error
        assert server.messages() == []


def test_starttls_hostname_mismatch_fails(tmp_path, message_file):
    other = servers.make_certificates(tmp_path / "other", names="DNS:relay.example.org")
    with servers.start_starttls(tmp_path / "mbox", other, USER, PASSWORD) as server:
        result = check_relay(f"smtp://{USER}:{PASSWORD_IN_URL}@localhost:{server.port}?ca={other.ca}", message_file)
        assert result.code != 0 and "connection failed" in result.error and "TLS" in result.error
        assert server.messages() == []


def test_implicit_tls_to_ip_address(tmp_path, message_file, certs):
    with servers.start_implicit_tls(tmp_path / "mbox", certs, USER, PASSWORD) as server:
        result = check_relay(f"smtps://{USER}:{PASSWORD_IN_URL}@127.0.0.1:{server.port}?ca={certs.ca}", message_file)
        assert (result.code, result.out.strip()) == (0, "sent")
        assert len(server.messages()) == 1


def test_plaintext_injected_after_starttls_is_refused(message_file):
    with servers.start_starttls_injection() as server:
        result = check_relay(f"smtp://{USER}:{PASSWORD_IN_URL}@localhost:{server.port}", message_file)
        assert (result.code, result.transient) == (75, "true")
        assert "connection failed" in result.error and "unsolicited" in result.error
        assert not any(line.upper().startswith(b"AUTH") for line in server.received)


# MARK: - 4. Connection faults

def test_nothing_listening_is_transient(message_file):
    result = check_relay(f"smtp://127.0.0.1:{servers.free_port()}?tls=none", message_file)
    assert (result.code, result.transient) == (75, "true")
    assert "connection failed" in result.error


@pytest.mark.parametrize("scheme", ["smtp", "smtps"])  # smtps: the TLS handshake itself stalls
def test_silent_server_times_out(message_file, scheme):
    with servers.start_silent() as server:
        query = "?tls=none&timeout=2" if scheme == "smtp" else "?timeout=2"
        result = check_relay(f"{scheme}://{server.host}:{server.port}{query}", message_file)
        assert (result.code, result.transient) == (75, "true")
        assert "did not answer in time" in result.error and "greeting" in result.error
        assert 1.9 <= result.elapsed < 5


def test_server_hanging_up_is_transient(message_file):
    with servers.start_hangup() as server:
        result = check_relay(f"smtp://{server.host}:{server.port}?tls=none", message_file)
        assert (result.code, result.transient) == (75, "true")
        assert "closed the connection" in result.error or "connection failed" in result.error


# MARK: - 5. Temporary rejection

def test_rcpt_450_is_transient(tmp_path, message_file):
    with servers.start_rcpt_tempfail(tmp_path / "mbox") as server:
        result = check_relay(f"smtp://{server.host}:{server.port}?tls=none", message_file)
        assert (result.code, result.transient) == (75, "true")
        assert "rejected RCPT TO" in result.error and "450" in result.error
        assert server.messages() == []


# MARK: - Configuration

@pytest.mark.parametrize("url", [
    "ftp://host", "smtp://", "smtp://host:99999", "smtp://host?tls=maybe", "smtps://host?tls=none",
    "smtp://host?tsl=none", "smtp://host?timeout=0", "smtp://user@host", "smtp://host?ca=/nonexistent.pem",
])
def test_bad_urls(url, message_file):
    result = check_relay(url, message_file)
    assert (result.code, result.transient) == (1, "false")
    assert result.error.startswith("invalid SMTP URL")
