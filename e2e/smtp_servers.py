"""Real SMTP servers on 127.0.0.1 for ConveneMail's end-to-end tests.

Each start_* function starts one kind of server (an aiosmtpd Controller in a thread, a subprocess,
or a raw socket thread for misbehaving servers) and returns a Server with host, port, mailbox
directory (a Maildir, or None) and stop(). Nothing here touches anything but loopback.
"""
from __future__ import annotations

import mailbox
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
# Implicit TLS is invisible to aiosmtpd, so AUTH without STARTTLS is right there; silence its warning.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")


@dataclass
class Server:
    host: str
    port: int
    mailbox: Optional[Path]
    stop: Callable[[], None] = field(repr=False)
    received: list[bytes] = field(default_factory=list, repr=False)  # raw servers: every line the client sent

    def messages(self) -> list[bytes]:
        """Raw bytes of every delivered message, oldest first."""
        if self.mailbox is None or not (self.mailbox / "new").exists():
            return []
        box = mailbox.Maildir(self.mailbox, create=False)
        return [box.get_bytes(key) for key in sorted(box.keys())]

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class Certificates:
    ca: Path      # the CA certificate the client should trust (ca=...)
    cert: Path    # server certificate for localhost and 127.0.0.1, signed by ca
    key: Path


def free_port() -> int:
    """A port that nothing listens on (right now)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_until_listening(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), 0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


# MARK: - Certificates

def make_certificates(directory: Path, names: str = "DNS:localhost,IP:127.0.0.1") -> Certificates:
    """A throw-away CA and a server certificate for `names` (subjectAltName syntax), made with the openssl CLI."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca, key, csr, cert = (directory / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    ext = directory / "server.ext"
    ext.write_text(f"subjectAltName={names}\nbasicConstraints=CA:FALSE\n"
                   "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    run = lambda *args: subprocess.run(["openssl", *args], check=True, capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca),
        "-days", "2", "-subj", "/CN=Convene Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(csr), "-subj", "/CN=localhost")
    run("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
        "-out", str(cert), "-days", "2", "-extfile", str(ext))
    return Certificates(ca=ca, cert=cert, key=key)


def _server_tls_context(certs: Certificates) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certs.cert, certs.key)
    return ctx


def _authenticator(username: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == username.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd then sends 535 itself
    return authenticate


# MARK: - aiosmtpd servers

def _controller(handler, mailbox_dir: Optional[Path], port: Optional[int] = None, **kwargs) -> Server:
    controller = Controller(handler, hostname=HOST, port=port or free_port(), **kwargs)
    controller.start()
    stopped = threading.Event()

    def stop() -> None:  # once; a second stop (a test stopped it, then the fixture) does nothing
        if not stopped.is_set():
            stopped.set()
            controller.stop()
    return Server(HOST, controller.port, mailbox_dir, stop)


def start_plain_subprocess(mailbox_dir: Path) -> Server:
    """`python -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR`: no TLS, no AUTH."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"{HOST}:{port}",
                                "-c", "aiosmtpd.handlers.Mailbox", str(mailbox_dir)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_listening(port)
    except Exception:
        process.kill()
        raise

    def stop() -> None:
        process.terminate()
        process.wait(10)
    return Server(HOST, port, mailbox_dir, stop)


def start_plain(mailbox_dir: Path) -> Server:
    """No TLS, no AUTH, in a thread."""
    return _controller(Mailbox(mailbox_dir), mailbox_dir)


def start_starttls(mailbox_dir: Path, certs: Certificates, username: str, password: str,
                   only_login: bool = False) -> Server:
    """STARTTLS required before anything else, AUTH required and only over TLS.
    only_login=True offers AUTH LOGIN but not PLAIN."""
    extra = {"auth_exclude_mechanism": ["PLAIN"]} if only_login else {}
    return _controller(Mailbox(mailbox_dir), mailbox_dir, tls_context=_server_tls_context(certs),
                       require_starttls=True, authenticator=_authenticator(username, password),
                       auth_required=True, auth_require_tls=True, **extra)


def start_implicit_tls(mailbox_dir: Path, certs: Certificates, username: str, password: str) -> Server:
    """TLS from the first byte (smtps), AUTH required."""
    return _controller(Mailbox(mailbox_dir), mailbox_dir, ssl_context=_server_tls_context(certs),
                       server_hostname="localhost", authenticator=_authenticator(username, password),
                       auth_required=True, auth_require_tls=False)


class _TempFailRecipients(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "450 try later"


def start_rcpt_tempfail(mailbox_dir: Path) -> Server:
    """Answers every RCPT TO with "450 try later"; no TLS."""
    return _controller(_TempFailRecipients(mailbox_dir), mailbox_dir)


class _RefuseRecipients:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 no such mailbox"


def start_rcpt_refused(port: Optional[int] = None) -> Server:
    """Answers every RCPT TO with "550 no such mailbox" (a permanent refusal); no TLS; on `port` when given."""
    return _controller(_RefuseRecipients(), None, port=port)


class _RefuseEHLO(Mailbox):
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        return ["502 EHLO not implemented"]


def start_ehlo_refused(mailbox_dir: Path) -> Server:
    """An old-fashioned server that only understands HELO; no TLS."""
    return _controller(_RefuseEHLO(mailbox_dir), mailbox_dir)


@dataclass
class Delivered:
    """One message as the server took it: the envelope and the exact bytes after DATA."""
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


class Recorder:
    """An aiosmtpd handler that keeps every message it accepts, in memory, in the order received.
    `delay` seconds pass before each message is accepted (a slow relay). One Recorder can serve
    several servers in turn (stopped and started again on the same port) and keeps them all."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self._lock = threading.Lock()
        self._delivered: list[Delivered] = []

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio
            await asyncio.sleep(self.delay)
        with self._lock:
            self._delivered.append(Delivered(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"

    def delivered(self) -> list[Delivered]:
        with self._lock:
            return list(self._delivered)


def start_recorder(recorder: Recorder, port: Optional[int] = None) -> Server:
    """No TLS, no AUTH, in a thread, keeping what arrives in `recorder`; on `port` when given
    (to start a relay again where a stopped one listened)."""
    return _controller(recorder, None, port=port)


# MARK: - Raw socket servers (misbehaving on purpose)

def _raw_server(conversation: Callable[[socket.socket, list[bytes]], None]) -> Server:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, 0))
    listener.listen()
    listener.settimeout(0.2)
    stopping = threading.Event()
    connections: list[socket.socket] = []
    received: list[bytes] = []

    def serve() -> None:
        while not stopping.is_set():
            try:
                conn, _ = listener.accept()
            except (socket.timeout, OSError):
                continue
            connections.append(conn)
            threading.Thread(target=_quietly, args=(conversation, conn, received), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        thread.join(5)
        listener.close()
        for conn in connections:
            conn.close()
    return Server(HOST, listener.getsockname()[1], None, stop, received)


def _quietly(conversation, conn, received) -> None:
    try:
        conversation(conn, received)
    except OSError:
        pass


def start_silent() -> Server:
    """Accepts connections and never says anything (for timeouts)."""
    return _raw_server(lambda conn, received: received.append(conn.recv(1 << 16)))


def start_hangup() -> Server:
    """Accepts connections and closes them at once, without a greeting."""
    return _raw_server(lambda conn, received: conn.close())


def start_starttls_injection() -> Server:
    """Offers STARTTLS, then answers it with "220" plus an injected plaintext "250" in the same packet,
    as a man in the middle would. A safe client must drop the connection instead of using that reply."""
    def conversation(conn: socket.socket, received: list[bytes]) -> None:
        conn.sendall(b"220 evil ESMTP\r\n")
        reader = conn.makefile("rb")
        for line in reader:
            received.append(line)
            command = line.strip().upper()
            if command.startswith(b"EHLO"):
                conn.sendall(b"250-evil\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n")
            elif command == b"STARTTLS":
                conn.sendall(b"220 go ahead\r\n250-evil\r\n250 AUTH PLAIN\r\n")
            else:
                conn.sendall(b"250 ok\r\n")
    return _raw_server(conversation)
