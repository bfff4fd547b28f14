"""Real mail servers on 127.0.0.1 for the tests: Dovecot (IMAP, POP3) and aiosmtpd (SMTP).

Certificates come from a test CA made at test time, so nothing here depends on a clock or a
file in the repository. Every server is its own process in a temporary folder, listens on
free ports on 127.0.0.1 only, and is stopped by its process id. Run as a script, this file is
the SMTP server (`python tests/mailservers.py SPEC.json`).
"""

from __future__ import annotations

import asyncio
import datetime
import hmac
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

HOST = "127.0.0.1"
START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0


# --------------------------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------------------------


class TestCA:
    """A certificate authority that exists only for one test session."""

    __test__ = False  # not a pytest test class

    def __init__(self, folder: Path, name: str = "Mail Help Center Test CA"):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        self._x509, self._hashes, self._ec, self._oid = x509, hashes, ec, NameOID
        self._serialization = serialization
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = _now()
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=60))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True, key_cert_sign=True, crl_sign=True,
                    content_commitment=False, key_encipherment=False, data_encipherment=False,
                    key_agreement=False, encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        self.cafile = self.folder / "ca.pem"
        self.cafile.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, name: str, host: str, *, valid_from_days: int = -1, valid_until_days: int = 365) -> tuple[Path, Path]:
        """A server certificate for `host`, valid between the two offsets from now (in days).

        Returns (certificate file, key file); the certificate file holds the chain's leaf only.
        """
        x509, NameOID = self._x509, self._oid
        key = self._ec.generate_private_key(self._ec.SECP256R1())
        now = _now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now + datetime.timedelta(days=valid_from_days))
            .not_valid_after(now + datetime.timedelta(days=valid_until_days))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, self._hashes.SHA256())
        )
        cert_file = self.folder / f"{name}.crt"
        key_file = self.folder / f"{name}.key"
        cert_file.write_bytes(cert.public_bytes(self._serialization.Encoding.PEM))
        key_file.write_bytes(
            key.private_bytes(
                self._serialization.Encoding.PEM,
                self._serialization.PrivateFormat.PKCS8,
                self._serialization.NoEncryption(),
            )
        )
        key_file.chmod(0o600)
        return cert_file, key_file


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


# --------------------------------------------------------------------------------------------
# Processes and ports
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_ports(ports, process: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT) -> None:
    """Return once every port accepts a connection; fail with the server's log otherwise."""
    deadline = time.monotonic() + timeout
    waiting = set(ports)
    while waiting:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            stop_process(process)
            raise RuntimeError(f"ports {sorted(waiting)} not listening after {timeout} s:\n{_tail(log)}")
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

DOVECOT_CONFIG = """\
# Written by tests/mailservers.py for one test session.
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
info_log_path = {folder}/dovecot.log
instance_name = test-{name}
protocols = imap pop3
listen = {host}
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
ssl_min_protocol = TLSv1.2
auth_mechanisms = {mechanisms}
# Answer a wrong password at once: no delay (2 s by default) and no growing penalty per
# client IP (every client here is 127.0.0.1); mode 0 on anvil's socket turns the penalty off.
auth_failure_delay = 0
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
# 127.0.0.1 counts as secure to Dovecot, so plain-text login is allowed on the plain ports.
disable_plaintext_auth = yes
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/users
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={folder}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3s {{
    port = {pop3s}
    ssl = yes
  }}
}}
"""


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
    return shutil.which("dovecot") or (os.path.exists("/usr/sbin/dovecot") and "/usr/sbin/dovecot") or None


def start_dovecot(folder: Path, name: str, cert: Path, key: Path, users: dict[str, str],
                  mechanisms: str = "plain login") -> Dovecot:
    """Start Dovecot in the foreground with IMAP, IMAPS, POP3 and POP3S on free ports."""
    folder = Path(folder)
    for sub in ("run", "state", "home"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "home").chmod(0o777)
    users_file = folder / "users"
    users_file.write_text("".join(f"{user}:{password}\n" for user, password in users.items()))
    ports = {listener: free_port() for listener in ("imap", "imaps", "pop3", "pop3s")}
    config = folder / "dovecot.conf"
    config.write_text(DOVECOT_CONFIG.format(
        folder=folder, name=name, host=HOST, cert=cert, key=key, mechanisms=mechanisms, **ports
    ))
    log = folder / "dovecot.log"
    process = subprocess.Popen(
        [dovecot_binary() or "dovecot", "-F", "-c", str(config)],
        stdin=subprocess.DEVNULL, stdout=log.open("ab"), stderr=subprocess.STDOUT,
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
        "listeners": {name: {**options, "port": ports[name]} for name, options in listeners.items()},
    }
    spec_file = folder / "smtp.json"
    spec_file.write_text(json.dumps(spec, default=str))
    log = folder / "smtp.log"
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(spec_file)],
        stdin=subprocess.DEVNULL, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_ports(ports.values(), process, log)
    return SmtpServer(folder, process, ports)


def _serve_smtp(spec_file: str) -> None:
    """The SMTP server process: every listener of the spec on 127.0.0.1, until SIGTERM."""
    import warnings

    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

    warnings.simplefilter("ignore", DeprecationWarning)  # aiosmtpd warns about its own internals
    spec = json.loads(Path(spec_file).read_text())
    users = {user.encode(): password.encode() for user, password in spec["users"].items()}

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and users.get(auth_data.login) == auth_data.password
        return AuthResult(success=ok, handled=False)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

        async def auth_CRAM__MD5(self, server, args):
            """CRAM-MD5 (RFC 2195): what mail programs call an 'encrypted password'."""
            challenge = f"<{secrets.token_hex(8)}@localhost>".encode()
            answer = await server.challenge_auth(challenge)
            if not isinstance(answer, bytes) or b" " not in answer:
                return AuthResult(success=False, handled=False)
            user, digest = answer.rsplit(b" ", 1)
            password = users.get(user)
            expected = password and hmac.new(password, challenge, "md5").hexdigest().encode()
            return AuthResult(success=bool(expected) and hmac.compare_digest(expected, digest), handled=False)

    def server_context(options) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options["cert"], options["key"])
        return context

    all_mechanisms = {"PLAIN", "LOGIN", "CRAM-MD5"}

    async def main():
        loop = asyncio.get_running_loop()
        for options in spec["listeners"].values():
            tls = options.get("tls", "implicit")
            excluded = sorted(all_mechanisms - set(options.get("mechanisms", ["PLAIN", "LOGIN"])))

            def factory(tls=tls, options=options, excluded=excluded):
                return SMTP(
                    Handler(),
                    hostname="localhost",
                    authenticator=authenticator,
                    auth_exclude_mechanism=excluded,
                    # aiosmtpd only knows about TLS it started itself (STARTTLS); on an
                    # implicit-TLS port every byte is encrypted, so AUTH may be offered.
                    auth_require_tls=tls != "implicit",
                    tls_context=server_context(options) if tls == "starttls" else None,
                    require_starttls=False,
                    timeout=30,
                )

            ssl_context = server_context(options) if tls == "implicit" else None
            await loop.create_server(factory, HOST, options["port"], ssl=ssl_context)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        print("smtp: listening on", sorted(o["port"] for o in spec["listeners"].values()), flush=True)
        await stop.wait()

    asyncio.run(main())


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
        certs = {name: ca.issue(name, host, valid_from_days=start, valid_until_days=end)
                 for name, (host, start, end) in CERTIFICATES.items()}
        dovecots = {}
        for name, (cert, key) in certs.items():
            mechanisms = AUTHENTICATION.get(name, PLAIN_ONLY)[0]
            dovecots[name] = start_dovecot(folder / f"dovecot-{name}", name, cert, key, users, mechanisms)
            started.append(dovecots[name])
        good_cert, good_key = certs["good"]
        listeners = {
            f"{name}-ssl": {"tls": "implicit", "cert": cert, "key": key,
                            "mechanisms": AUTHENTICATION.get(name, PLAIN_ONLY)[1]}
            for name, (cert, key) in certs.items()
        }
        listeners["good-starttls"] = {"tls": "starttls", "cert": good_cert, "key": good_key}
        listeners["good-none"] = {"tls": "none"}
        listeners["noauth-ssl"] = {"tls": "implicit", "cert": good_cert, "key": good_key, "mechanisms": []}
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


if __name__ == "__main__":
    _serve_smtp(sys.argv[1])
