"""What the check is about: the published ports, the checks in their order, and what was found."""

from __future__ import annotations

import datetime
import ssl
from dataclasses import dataclass, field

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


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)
