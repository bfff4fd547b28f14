"""Prove every server setting in data/mail-settings.yml against the real servers.

For each server and port the help center publishes: the name resolves, the port accepts a
connection, the security is what the pages say, the certificate is valid for the host name and
not about to expire, the server greets with its protocol, and it offers the authentication the
pages tell readers to choose. A FAIL means a reader who follows the pages would fail there.

    python -m tools.check_servers [--data FILE] [--cafile FILE] [--json] [--timeout S]

No password is ever sent unless a test account is given in the environment:
CHECK_SERVERS_USER (the account's full email address, as the pages tell readers to type it)
and CHECK_SERVERS_PASSWORD. Then each encrypted port also checks that the account logs in.
Exit status: 0 all good (warnings allowed), 1 a check failed, 2 the data or options are wrong.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import datetime
import hmac
import imaplib
import json
import os
import poplib
import re
import smtplib
import socket
import ssl
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "hooks"))

import mail_data  # noqa: E402  (hooks/ is not a package; it loads and validates the data)
from mkdocs.exceptions import PluginError  # noqa: E402

CHECKS = ("resolves", "connects", "security", "certificate", "greeting", "authentication", "login")
DEFAULT_TIMEOUT = 10.0
WARN_DAYS = 21
USER_VARIABLE = "CHECK_SERVERS_USER"
PASSWORD_VARIABLE = "CHECK_SERVERS_PASSWORD"

SECURITY_WORDS = {"ssl": "SSL/TLS", "starttls": "STARTTLS", "none": "no encryption"}
AUTHENTICATION_WORDS = {"password": "normal password", "encrypted_password": "encrypted password"}
# What a mail program uses for each choice on the pages. "Encrypted password" (Thunderbird) and
# "MD5 Challenge-Response" (Apple Mail) are CRAM-MD5; a normal password goes as PLAIN, LOGIN,
# IMAP's LOGIN command or POP3's USER/PASS.
MECHANISMS = {"password": ("PLAIN", "LOGIN", "USER"), "encrypted_password": ("CRAM-MD5",)}
GREETINGS = {"imap": "* OK", "smtp": "220", "pop3": "+OK"}

EXIT_OK, EXIT_MISMATCH, EXIT_USAGE = 0, 1, 2


class Failed(Exception):
    """A check failed; the message is the detail an editor reads."""


class Stop(Exception):
    """The checks of this port cannot go on; the message says why the rest were not run."""


class Silent(Stop):
    """The server accepted the connection but said nothing (it may be waiting for TLS)."""


@dataclass
class Target:
    """One published port: what the pages tell readers to type."""

    server: str
    host: str
    port: int
    security: str
    authentication: str


@dataclass
class Account:
    user: str
    password: str


@dataclass
class Options:
    timeout: float
    verified: ssl.SSLContext
    unverified: ssl.SSLContext
    account: Account | None


@dataclass
class Result:
    server: str
    host: str
    port: int
    check: str
    status: str  # pass, fail, warn or skip
    detail: str


@dataclass
class PortReport:
    """The results of one port, one per check, in the order of CHECKS."""

    target: Target
    found: dict[str, tuple[str, str]] = field(default_factory=dict)

    def record(self, check: str, status: str, detail: str) -> None:
        self.found[check] = (status, detail)

    def skip_rest(self, reason: str) -> None:
        for check in CHECKS:
            self.found.setdefault(check, ("skip", reason))

    def results(self) -> list[Result]:
        t = self.target
        self.skip_rest("not checked")
        return [Result(t.server, t.host, t.port, check, *self.found[check]) for check in CHECKS]


# --------------------------------------------------------------------------------------------
# Protocol clients on a socket this tool opened itself (so each step is timed and named)
# --------------------------------------------------------------------------------------------


class _Imap(imaplib.IMAP4):
    def __init__(self, sock: socket.socket, host: str):
        self._given = sock
        super().__init__(host, sock.getpeername()[1])

    def _create_socket(self, timeout):
        return self._given


class _Pop3(poplib.POP3):
    def __init__(self, sock: socket.socket, host: str):
        self._given = sock
        super().__init__(host, sock.getpeername()[1])

    def _create_socket(self, timeout):
        return self._given


class _Smtp(smtplib.SMTP):
    def __init__(self, sock: socket.socket, host: str):
        self._given = sock
        # EHLO with our address literal: no DNS lookup of our own name (smtplib would do one).
        address = sock.getsockname()[0]
        literal = f"[IPv6:{address}]" if ":" in address else f"[{address}]"
        super().__init__(local_hostname=literal, timeout=sock.gettimeout())
        self._host = host  # the name STARTTLS checks the certificate against
        code, message = self.connect(host, sock.getpeername()[1])
        self.welcome = f"{code} {message.decode(errors='replace')}".encode()
        if code != 220:
            raise Failed(f"expected '220', got {_quote(self.welcome)}")

    def _get_socket(self, host, port, timeout):
        return self._given


class Imap:
    word = "IMAP"

    @staticmethod
    def greet(sock, host):
        return _Imap(sock, host)

    @staticmethod
    def offers_starttls(client) -> bool:
        return "STARTTLS" in client.capabilities

    @staticmethod
    def starttls(client, context):
        client.starttls(context)

    @staticmethod
    def mechanisms(client) -> tuple[set[str], str]:
        capabilities = client.capabilities
        offered = {c[5:] for c in capabilities if c.startswith("AUTH=")}
        seen = [c for c in capabilities if c.startswith("AUTH=") or c == "LOGINDISABLED"]
        if "LOGINDISABLED" not in capabilities:
            offered.add("LOGIN")
            seen.append("LOGIN command")
        return offered, " ".join(seen)

    @staticmethod
    def login(client, account, mechanism):
        if mechanism == "CRAM-MD5":
            client.login_cram_md5(account.user, account.password)
        elif mechanism == "PLAIN":
            client.authenticate("PLAIN", lambda _: f"\0{account.user}\0{account.password}".encode())
        else:
            client.login(account.user, account.password)

    @staticmethod
    def close(client):
        client.logout()  # LOGOUT, then closes the socket whatever the answer


class Pop3:
    word = "POP3"

    @staticmethod
    def greet(sock, host):
        return _Pop3(sock, host)

    @staticmethod
    def offers_starttls(client) -> bool:
        return "STLS" in client.capa()

    @staticmethod
    def starttls(client, context):
        client.stls(context)

    @staticmethod
    def mechanisms(client) -> tuple[set[str], str]:
        capabilities = client.capa()
        offered = {m.upper() for m in capabilities.get("SASL", [])}
        seen = ["SASL " + " ".join(capabilities["SASL"])] if "SASL" in capabilities else []
        if "USER" in capabilities:
            offered.add("USER")
            seen.append("USER")
        return offered, ", ".join(seen)

    @staticmethod
    def login(client, account, mechanism):
        # poplib only knows USER/PASS and APOP; its command helper also accepts the SASL
        # "+ challenge" lines, so the SASL exchanges are written out here (RFC 5034).
        if mechanism == "USER":
            client.user(account.user)
            client.pass_(account.password)
        elif mechanism == "CRAM-MD5":
            challenge = base64.b64decode(client._shortcmd("AUTH CRAM-MD5")[2:])
            client._shortcmd(_cram_md5_answer(account, challenge))
        elif mechanism == "LOGIN":
            client._shortcmd("AUTH LOGIN")
            client._shortcmd(_b64(account.user))
            client._shortcmd(_b64(account.password))
        else:
            client._shortcmd("AUTH PLAIN " + _b64(f"\0{account.user}\0{account.password}"))

    @staticmethod
    def close(client):
        try:
            client.quit()
        except PROTOCOL_ERRORS:
            client.close()


class Smtp:
    word = "SMTP"

    @staticmethod
    def greet(sock, host):
        return _Smtp(sock, host)

    @staticmethod
    def offers_starttls(client) -> bool:
        client.ehlo_or_helo_if_needed()
        return client.has_extn("starttls")

    @staticmethod
    def starttls(client, context):
        client.starttls(context=context)
        client.ehlo()

    @staticmethod
    def mechanisms(client) -> tuple[set[str], str]:
        client.ehlo_or_helo_if_needed()
        words = client.esmtp_features.get("auth", "").upper().split()
        return set(words), ("AUTH " + " ".join(words)) if words else ""

    @staticmethod
    def login(client, account, mechanism):
        client.user, client.password = account.user, account.password
        client.auth(mechanism, getattr(client, "auth_" + mechanism.lower().replace("-", "_")))

    @staticmethod
    def close(client):
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


PROTOCOLS = {"imap": Imap, "pop3": Pop3, "smtp": Smtp}
PROTOCOL_ERRORS = (OSError, imaplib.IMAP4.error, poplib.error_proto, smtplib.SMTPException, EOFError, ValueError)


def _cram_md5_answer(account: Account, challenge: bytes) -> str:
    digest = hmac.new(account.password.encode(), challenge, "md5").hexdigest()
    return _b64(f"{account.user} {digest}")


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# --------------------------------------------------------------------------------------------
# Network steps, each bounded by the timeout
# --------------------------------------------------------------------------------------------


def resolve(host: str, port: int, timeout: float) -> list[tuple]:
    """getaddrinfo has no timeout of its own, so it runs in a thread we stop waiting for."""
    answer: dict = {}

    def look_up():
        try:
            answer["addresses"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            answer["error"] = error

    worker = threading.Thread(target=look_up, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise Failed(f"{host} does not resolve: no answer within {timeout:g} s")
    if "error" in answer:
        raise Failed(f"{host} does not resolve: {describe(answer['error'], timeout)}")
    unique = []
    for family, _, _, _, address in answer["addresses"]:
        if (family, address) not in unique:
            unique.append((family, address))
    return unique


def connect(address: tuple, timeout: float) -> socket.socket:
    family, sockaddr = address
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(sockaddr)
    except OSError:
        sock.close()
        raise
    return sock


def connect_any(addresses: list[tuple], timeout: float) -> tuple[socket.socket, tuple]:
    """The first address that accepts, like a mail program would; every refusal otherwise."""
    refusals = []
    for address in addresses:
        try:
            return connect(address, timeout), address
        except OSError as error:
            refusals.append(f"{show(address)}: {describe(error, timeout)}")
    raise Failed("nothing accepted the connection (" + "; ".join(refusals) + ")")


def show(address: tuple) -> str:
    host, port = address[1][:2]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def describe(error: BaseException, timeout: float) -> str:
    """One line an editor can read, whatever layer the error came from."""
    if is_timeout(error):
        return f"no answer within {timeout:g} s"
    if isinstance(error, ssl.SSLCertVerificationError):
        return error.verify_message or str(error)
    if isinstance(error, ssl.SSLError):
        return error.reason or str(error)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPServerDisconnected) or isinstance(error, EOFError):
        return "the server closed the connection"
    if isinstance(error, socket.gaierror):
        return error.strerror or str(error)
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    if error.args:
        return _text(error.args[0])
    return type(error).__name__


def is_timeout(error: BaseException) -> bool:
    """Timed out, also when a library re-raised the timeout as its own error (smtplib does)."""
    return any(isinstance(e, (socket.timeout, TimeoutError)) for e in (error, error.__context__, error.__cause__))


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode(errors="replace")
    value = str(value)
    if value.startswith(("b'", 'b"')) and value.endswith(("'", '"')):
        value = value[2:-1]
    return value.strip()


def _quote(greeting: bytes | str, limit: int = 70) -> str:
    text = _text(greeting).splitlines()[0] if _text(greeting) else ""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def first_line(address: tuple, timeout: float) -> bytes:
    """What a server says first in plain text (b'' if nothing within the timeout)."""
    try:
        with connect(address, timeout) as sock:
            return sock.recv(256).split(b"\r\n")[0]
    except OSError:
        return b""


def speaks_tls(address: tuple, host: str, options: Options) -> bool:
    """Whether the port completes a TLS handshake from the first byte."""
    try:
        with connect(address, options.timeout) as sock:
            with options.unverified.wrap_socket(sock, server_hostname=host):
                return True
    except (OSError, ssl.SSLError):
        return False


def certificate_result(cert: dict, host: str, now: datetime.datetime) -> tuple[str, str]:
    """Pass, or warn when fewer than WARN_DAYS days are left (the handshake proved the rest)."""
    expires = datetime.datetime.fromtimestamp(ssl.cert_time_to_seconds(cert["notAfter"]), datetime.timezone.utc)
    days = (expires - now).days
    issuer = dict(pair[0] for pair in cert.get("issuer", ()))
    issued_by = issuer.get("organizationName") or issuer.get("commonName") or "unknown issuer"
    when = f"expires {expires:%Y-%m-%d}"
    if days < WARN_DAYS:
        return "warn", f"valid for {host} but {when}, in {days} days (warns under {WARN_DAYS}): renew it"
    return "pass", f"valid for {host}, issued by {issued_by}, {when} ({days} days)"


# --------------------------------------------------------------------------------------------
# One port, every check
# --------------------------------------------------------------------------------------------


def check_port(target: Target, options: Options) -> list[Result]:
    report = PortReport(target)
    try:
        _check(report, target, options)
    except Stop as stop:
        report.skip_rest(str(stop))
    except Exception as error:  # never a traceback for an editor: name the step that broke
        step = next((check for check in CHECKS if check not in report.found), CHECKS[-1])
        report.record(step, "fail", f"unexpected {type(error).__name__}: {describe(error, options.timeout)}")
        report.skip_rest(f"not checked: {step} broke")
    return report.results()


def _step(report: PortReport, check: str, action, stop_reason: str):
    """Run one check; record a pass with its detail, or a failure and stop this port."""
    try:
        value, detail = action()
    except Failed as failure:
        report.record(check, "fail", str(failure))
        raise Stop(stop_reason) from None
    report.record(check, "pass", detail)
    return value


def _check(report: PortReport, target: Target, options: Options) -> None:
    timeout, host = options.timeout, target.host
    protocol = PROTOCOLS[target.server]
    documented = SECURITY_WORDS[target.security]

    addresses = _step(report, "resolves", lambda: _resolved(host, target.port, timeout),
                      "not checked: the name does not resolve")
    sock, address = _step(report, "connects", lambda: _connected(addresses, timeout),
                          "not checked: no connection")

    if target.security == "ssl":
        client, trusted = _open_ssl(report, protocol, sock, address, target, options)
    elif target.security == "starttls":
        client, trusted = _open_starttls(report, protocol, sock, address, target, options)
    else:
        client, trusted = _open_plain(report, protocol, sock, address, target, options), False
        report.record("certificate", "skip", f"no TLS on this port ({documented}, as documented)")
    try:
        usable = _check_authentication(report, protocol, client, target, timeout)
        _check_login(report, protocol, client, target, options, trusted, usable)
    finally:
        _close_quietly(protocol, client)


def _close_quietly(protocol, client) -> None:
    try:
        protocol.close(client)
    except PROTOCOL_ERRORS:
        pass


def _resolved(host, port, timeout):
    addresses = resolve(host, port, timeout)
    return addresses, f"{host} -> " + ", ".join(dict.fromkeys(a[1][0] for a in addresses))


def _connected(addresses, timeout):
    sock, address = connect_any(addresses, timeout)
    return (sock, address), f"{show(address)} accepted the connection"


def _greet(report: PortReport, protocol, sock, target: Target, timeout: float):
    """Read the greeting; it must start with the protocol's word."""
    expected = GREETINGS[target.server]
    try:
        client = protocol.greet(sock, target.host)
    except Failed as failure:
        sock.close()
        report.record("greeting", "fail", str(failure))
        raise Stop("not checked: no proper greeting") from None
    except PROTOCOL_ERRORS as error:
        sock.close()
        if is_timeout(error):
            report.record("greeting", "fail", f"no greeting within {timeout:g} s")
            raise Silent("not checked: no greeting") from None
        report.record("greeting", "fail", f"expected {protocol.word} {expected!r}: {describe(error, timeout)}")
        raise Stop("not checked: no proper greeting") from None
    if not client.welcome.startswith(expected.encode()):
        report.record("greeting", "fail", f"expected {expected!r}, got {_quote(client.welcome)}")
        protocol.close(client)
        raise Stop("not checked: no proper greeting")
    report.record("greeting", "pass", _quote(client.welcome))
    return client


def _open_ssl(report, protocol, sock, address, target, options):
    """Implicit TLS: the handshake comes first. An untrusted certificate is a failure of its
    own; the remaining checks then go on over an unverified connection (never with a password)."""
    host, timeout = target.host, options.timeout
    trusted = True
    try:
        tls = options.verified.wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError as error:
        report.record("certificate", "fail", f"not valid: {describe(error, timeout)}")
        trusted = False
        try:
            tls = options.unverified.wrap_socket(connect(address, timeout), server_hostname=host)
        except (OSError, ssl.SSLError) as again:
            report.record("security", "pass", "SSL/TLS from the first byte, as documented")
            raise Stop(f"not checked: second connection failed ({describe(again, timeout)})") from None
    except (OSError, ssl.SSLError) as error:
        sock.close()
        report.record("security", "fail", _no_tls_detail(error, address, options))
        raise Stop("not checked: no TLS") from None
    report.record("security", "pass", f"SSL/TLS from the first byte ({tls.version()}), as documented")
    if trusted:
        report.record("certificate", *certificate_result(tls.getpeercert(), host, _utc_now()))
    return _greet(report, protocol, tls, target, timeout), trusted


def _no_tls_detail(error, address, options) -> str:
    if is_timeout(error):
        return f"no TLS handshake within {options.timeout:g} s (the server sent nothing); the page says SSL/TLS"
    said = first_line(address, options.timeout)
    if said:
        return f"no TLS: the server talks plain text ({_quote(said)}); the page says SSL/TLS"
    return f"no TLS handshake ({describe(error, options.timeout)}); the page says SSL/TLS"


def _open_starttls(report, protocol, sock, address, target, options):
    """Plain greeting, then STARTTLS (STLS in POP3) must be offered and must work."""
    host, timeout = target.host, options.timeout
    client = _open_plain_greeting(report, protocol, sock, address, target, options)
    if not _offers_starttls(protocol, client):
        report.record("security", "fail", "the server does not offer STARTTLS; the page says STARTTLS")
        protocol.close(client)
        raise Stop("not checked: no TLS")
    trusted = True
    try:
        protocol.starttls(client, options.verified)
    except ssl.SSLCertVerificationError as error:
        report.record("certificate", "fail", f"not valid: {describe(error, timeout)}")
        trusted = False
        _close_quietly(protocol, client)
        try:
            client = protocol.greet(connect(address, timeout), host)
            protocol.starttls(client, options.unverified)
        except (Failed, *PROTOCOL_ERRORS) as again:
            report.record("security", "pass", "STARTTLS offered and started, as documented")
            raise Stop(f"not checked: second connection failed ({describe(again, timeout)})") from None
    except PROTOCOL_ERRORS as error:
        report.record("security", "fail", f"STARTTLS failed: {describe(error, timeout)}")
        _close_quietly(protocol, client)
        raise Stop("not checked: no TLS") from None
    report.record("security", "pass", f"STARTTLS ({client.sock.version()}), as documented")
    if trusted:
        report.record("certificate", *certificate_result(client.sock.getpeercert(), host, _utc_now()))
    return client, trusted


def _open_plain(report, protocol, sock, address, target, options):
    client = _open_plain_greeting(report, protocol, sock, address, target, options)
    also = " (the server also offers STARTTLS)" if _offers_starttls(protocol, client) else ""
    report.record("security", "pass", f"no encryption, as documented{also}")
    return client


def _offers_starttls(protocol, client) -> bool:
    try:
        return protocol.offers_starttls(client)
    except PROTOCOL_ERRORS:  # e.g. a POP3 server without CAPA
        return False


def _open_plain_greeting(report, protocol, sock, address, target, options):
    """The greeting on a plain connection; silence may mean the port expects TLS first."""
    try:
        return _greet(report, protocol, sock, target, options.timeout)
    except Silent:
        if speaks_tls(address, target.host, options):
            documented = SECURITY_WORDS[target.security]
            report.record("security", "fail", f"the port expects TLS from the first byte (SSL/TLS); the page says {documented}")
            report.record("greeting", "skip", "not checked: the port expects TLS first")
            raise Stop("not checked: the security does not match") from None
        raise


def _check_authentication(report, protocol, client, target, timeout) -> list[str]:
    """Record whether the documented authentication is offered; return the mechanisms to use."""
    wanted = AUTHENTICATION_WORDS[target.authentication]
    try:
        offered, seen = protocol.mechanisms(client)
    except PROTOCOL_ERRORS as error:
        report.record("authentication", "fail", f"could not ask what the server offers: {describe(error, timeout)}")
        return []
    usable = [m for m in MECHANISMS[target.authentication] if m in offered]
    if usable:
        report.record("authentication", "pass", f"{wanted} offered ({seen})")
    else:
        names = " or ".join(m for m in MECHANISMS[target.authentication] if m != "USER")
        report.record("authentication", "fail", f"{wanted} ({names}) not offered; the server offers: {seen or 'nothing'}")
    return usable


def _check_login(report, protocol, client, target, options, trusted, usable) -> None:
    account = options.account
    if account is None:
        report.record("login", "skip", f"no test account ({USER_VARIABLE} and {PASSWORD_VARIABLE} not set)")
        return
    if target.security == "none":
        report.record("login", "skip", "password not sent over a connection without encryption")
        return
    if not trusted:
        report.record("login", "skip", "password not sent: the certificate is not valid")
        return
    mechanism = (usable or MECHANISMS[target.authentication])[0]
    wanted = AUTHENTICATION_WORDS[target.authentication]
    try:
        protocol.login(client, account, mechanism)
    except PROTOCOL_ERRORS as error:
        report.record("login", "fail", f"{account.user} with {wanted} was refused: {describe(error, options.timeout)}")
        return
    report.record("login", "pass", f"{account.user} logged in with {wanted} ({mechanism})")


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


# --------------------------------------------------------------------------------------------
# Data, output, command line
# --------------------------------------------------------------------------------------------


def targets(settings: dict) -> list[Target]:
    """Every published port, in the order of the data file."""
    return [
        Target(name, server["host"], entry["port"], entry["security"], server["authentication"])
        for name, server in settings["servers"].items()
        for entry in server["ports"]
    ]


def check_all(all_targets: list[Target], options: Options) -> list[Result]:
    """All ports at once (each bounded by the timeout), reported in the data file's order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(8, len(all_targets)))) as pool:
        return [r for results in pool.map(lambda t: check_port(t, options), all_targets) for r in results]


STATUS_WORDS = {"pass": "pass", "fail": "FAIL", "warn": "WARN", "skip": "skip"}


def format_table(results: list[Result]) -> str:
    header = ("SERVER", "HOST", "PORT", "CHECK", "RESULT", "DETAIL")
    rows = [(r.server, r.host, str(r.port), r.check, STATUS_WORDS[r.status], r.detail) for r in results]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]

    def line(row):
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1]

    lines, previous = [line(header)], None
    for row in rows:
        if previous is not None and row[:3] != previous:
            lines.append("")
        lines.append(line(row))
        previous = row[:3]
    return "\n".join(lines)


def counts(results: list[Result]) -> dict[str, int]:
    return {status: sum(r.status == status for r in results) for status in STATUS_WORDS}


def summary(results: list[Result], data_name: str) -> str:
    n = counts(results)
    if n["fail"]:
        return (f"{n['fail']} failed, {n['warn']} warnings, {n['skip']} skipped of {len(results)} checks: "
                f"the servers do not work as {data_name} says. Fix the server or the data file.")
    warned = f", {n['warn']} warnings" if n["warn"] else ""
    return f"No failures ({n['pass']} passed{warned}, {n['skip']} skipped): every setting in {data_name} works."


def account_from_environment(settings: dict, data_name: str) -> Account | None:
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if not user and not password:
        return None
    if not user or not password:
        raise UsageError(f"set both {USER_VARIABLE} and {PASSWORD_VARIABLE} for a test account, or neither")
    if settings["username"] == "email_address" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", user):
        raise UsageError(
            f"{USER_VARIABLE}: expected the test account's full email address, got {user!r} "
            f"({data_name} says username: email_address, so that is what readers type)"
        )
    return Account(user, password)


class UsageError(Exception):
    """Wrong options or environment; printed as one line, exit status 2."""


def ssl_contexts(cafile: str | None) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    verified = ssl.create_default_context()
    if cafile:
        try:
            verified.load_verify_locations(cafile)
        except (OSError, ssl.SSLError) as error:
            raise UsageError(f"--cafile {cafile}: cannot load it as PEM certificates ({describe(error, 0)})") from None
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    return verified, unverified


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m tools.check_servers",
        description="Check every server setting the help center publishes against the real servers.",
        epilog=f"Test account (optional; without it no password is sent): {USER_VARIABLE} (full email "
        f"address) and {PASSWORD_VARIABLE}. Exit status: 0 all good, 1 a check failed, 2 bad data or options.",
    )
    parser.add_argument("--data", default=str(mail_data.SETTINGS_FILE), help="the settings file (default: data/mail-settings.yml)")
    parser.add_argument("--cafile", help="a PEM file of extra CA certificates to trust (besides the system's)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=f"seconds for each network step (default {DEFAULT_TIMEOUT:g})")
    arguments = parser.parse_args(argv)
    if not arguments.timeout > 0:
        parser.error("--timeout must be more than 0 seconds")
    return arguments


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    data_path = Path(arguments.data)
    data_name = mail_data.display_path(data_path)
    try:
        settings = mail_data.load_settings(data_path)
        verified, unverified = ssl_contexts(arguments.cafile)
        account = account_from_environment(settings, data_name)
    except (PluginError, UsageError) as error:
        print(f"check_servers: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = Options(arguments.timeout, verified, unverified, account)
    all_targets = targets(settings)
    results = check_all(all_targets, options)
    failed = any(r.status == "fail" for r in results)
    if arguments.json:
        print(json.dumps({
            "data": data_name,
            "ok": not failed,
            "counts": counts(results),
            "results": [asdict(r) for r in results],
        }, indent=2))
    else:
        who = f"test account {account.user}" if account else "no test account"
        print(f"Checking {len(all_targets)} ports from {data_name} (timeout {arguments.timeout:g} s, {who})\n")
        print(format_table(results))
        print()
        print(summary(results, data_name))
    return EXIT_MISMATCH if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
