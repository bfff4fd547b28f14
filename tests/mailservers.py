"""Real mail servers on 127.0.0.1 for the tests: Dovecot (IMAP, POP3) and aiosmtpd (SMTP).

Certificates come from a test CA made at test time (tests/testca.py), so nothing here depends
on a clock or a file in the repository. Every server is its own process in a temporary folder,
listens on free ports on 127.0.0.1 only, and is stopped by its process id. Dovecot's
configuration is tests/dovecot.conf.template; the SMTP server is tests/smtpserver.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from testca import TestCA
from tools.kit.net import free_port

HOST = "127.0.0.1"
START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
HERE = Path(__file__).resolve().parent
DOVECOT_TEMPLATE = HERE / "dovecot.conf.template"
SMTP_SERVER = HERE / "smtpserver.py"
__all__ = ["TestCA", "free_port", "running_mail_servers", "dovecot_binary", "MailServers"]


# --------------------------------------------------------------------------------------------
# Processes and ports
# --------------------------------------------------------------------------------------------


def wait_for_ports(
    ports, process: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT
) -> None:
    """Return once every port accepts a connection; fail with the server's log otherwise."""
    deadline = time.monotonic() + timeout
    waiting = set(ports)
    while waiting:
        if process.poll() is not None:
            program = process.args[0] if isinstance(process.args, list) else process.args
            raise RuntimeError(f"{program} exited with {process.returncode}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            stop_process(process)
            raise RuntimeError(
                f"ports {sorted(waiting)} not listening after {timeout} s:\n{_tail(log)}"
            )
        for port in list(waiting):
            try:
                socket.create_connection((HOST, port), timeout=0.5).close()
                waiting.discard(port)
            except OSError:
                pass
        time.sleep(0.02)


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM the process (and so its children), SIGKILL its group if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT)


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {log})"


def make_workdir(prefix: str) -> Path:
    """A temporary folder that Dovecot's unprivileged processes may enter."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


# --------------------------------------------------------------------------------------------
# Dovecot: IMAP and POP3
# --------------------------------------------------------------------------------------------


@dataclass
class Dovecot:
    """One running Dovecot; `ports` maps imap, imaps, pop3, pop3s to its port numbers."""

    folder: Path
    process: subprocess.Popen
    ports: dict[str, int] = field(default_factory=dict)

    def stop(self) -> None:
        stop_process(self.process)

    def log(self) -> str:
        """Dovecot's log so far: every connection, with the user it tried to log in as."""
        return (self.folder / "dovecot.log").read_text(errors="replace")


def dovecot_binary() -> str | None:
    return (
        shutil.which("dovecot")
        or (os.path.exists("/usr/sbin/dovecot") and "/usr/sbin/dovecot")
        or None
    )


def start_dovecot(
    folder: Path,
    name: str,
    cert: Path,
    key: Path,
    users: dict[str, str],
    mechanisms: str = "plain login",
) -> Dovecot:
    """Start Dovecot in the foreground with IMAP, IMAPS, POP3 and POP3S on free ports."""
    folder = Path(folder)
    for sub in ("run", "state", "home"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "home").chmod(0o777)
    users_file = folder / "users"
    users_file.write_text("".join(f"{user}:{password}\n" for user, password in users.items()))
    ports = {listener: free_port() for listener in ("imap", "imaps", "pop3", "pop3s")}
    config = folder / "dovecot.conf"
    config.write_text(
        DOVECOT_TEMPLATE.read_text().format(
            folder=folder, name=name, host=HOST, cert=cert, key=key, mechanisms=mechanisms, **ports
        )
    )
    log = folder / "dovecot.log"
    process = subprocess.Popen(
        [dovecot_binary() or "dovecot", "-F", "-c", str(config)],
        stdin=subprocess.DEVNULL,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_ports(ports.values(), process, log)
    return Dovecot(folder, process, ports)


# --------------------------------------------------------------------------------------------
# SMTP: aiosmtpd in its own process, one port per listener in the spec
# --------------------------------------------------------------------------------------------


@dataclass
class SmtpServer:
    """One aiosmtpd process; `ports` maps each listener's name to its port."""

    folder: Path
    process: subprocess.Popen
    ports: dict[str, int] = field(default_factory=dict)

    def stop(self) -> None:
        stop_process(self.process)


def start_smtp(folder: Path, listeners: dict[str, dict], users: dict[str, str]) -> SmtpServer:
    """Start one SMTP server process with a port per listener.

    A listener is {"tls": "implicit" | "starttls" | "none", "cert": path, "key": path,
    "mechanisms": ["PLAIN", "LOGIN", "CRAM-MD5"]} (an empty list offers no AUTH at all).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ports = {name: free_port() for name in listeners}
    spec = {
        "users": users,
        "listeners": {
            name: {**options, "port": ports[name]} for name, options in listeners.items()
        },
    }
    spec_file = folder / "smtp.json"
    spec_file.write_text(json.dumps(spec, default=str))
    log = folder / "smtp.log"
    process = subprocess.Popen(
        [sys.executable, str(SMTP_SERVER), str(spec_file)],
        stdin=subprocess.DEVNULL,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_ports(ports.values(), process, log)
    return SmtpServer(folder, process, ports)


# --------------------------------------------------------------------------------------------
# The set the tests use: one Dovecot per kind of certificate, one SMTP process for all
# --------------------------------------------------------------------------------------------

# name: (host name on the certificate, valid from, valid until) in days from now
CERTIFICATES = {
    "good": ("localhost", -1, 365),
    "cram": ("localhost", -1, 365),
    "wronghost": ("mail.example.net", -1, 365),
    "expired": ("localhost", -90, -1),
    "soon": ("localhost", -355, 10),
}
# What each set offers for authentication: Dovecot's auth_mechanisms, aiosmtpd's AUTH list.
AUTHENTICATION = {"cram": ("plain login cram-md5", ["PLAIN", "LOGIN", "CRAM-MD5"])}
PLAIN_ONLY = ("plain login", ["PLAIN", "LOGIN"])


@dataclass
class MailServers:
    """Every test server; `port(name, server, security)` says where to point the data."""

    ca: TestCA
    dovecots: dict[str, Dovecot]
    smtp: SmtpServer

    def port(self, name: str, server: str, security: str) -> int:
        if server == "smtp":
            return self.smtp.ports[f"{name}-{security}"]
        listener = server + "s" if security == "ssl" else server
        return self.dovecots[name].ports[listener]


@contextmanager
def running_mail_servers(users: dict[str, str]) -> Iterator[MailServers]:
    """Start the whole set in a temporary folder; stop every process and remove the folder.

    SMTP listeners are named `<certificate>-<security>`: every certificate has `-ssl`
    (implicit TLS); "good" also has `-starttls` and `-none` (plain text, so no AUTH), and
    "noauth-ssl" is implicit TLS with a good certificate that offers no AUTH at all.
    """
    folder = make_workdir("mailservers-")
    started: list = []
    try:
        ca = TestCA(folder / "certs")
        certs = {
            name: ca.issue(name, host, valid_from_days=start, valid_until_days=end)
            for name, (host, start, end) in CERTIFICATES.items()
        }
        dovecots = {}
        for name, (cert, key) in certs.items():
            mechanisms = AUTHENTICATION.get(name, PLAIN_ONLY)[0]
            dovecots[name] = start_dovecot(
                folder / f"dovecot-{name}", name, cert, key, users, mechanisms
            )
            started.append(dovecots[name])
        good_cert, good_key = certs["good"]
        listeners = {
            f"{name}-ssl": {
                "tls": "implicit",
                "cert": cert,
                "key": key,
                "mechanisms": AUTHENTICATION.get(name, PLAIN_ONLY)[1],
            }
            for name, (cert, key) in certs.items()
        }
        listeners["good-starttls"] = {"tls": "starttls", "cert": good_cert, "key": good_key}
        listeners["good-none"] = {"tls": "none"}
        listeners["noauth-ssl"] = {
            "tls": "implicit",
            "cert": good_cert,
            "key": good_key,
            "mechanisms": [],
        }
        smtp = start_smtp(folder / "smtp", listeners, users)
        started.append(smtp)
        yield MailServers(ca, dovecots, smtp)
    finally:
        for server in started:
            if server.process.poll() is None:
                server.process.terminate()
        for server in started:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
