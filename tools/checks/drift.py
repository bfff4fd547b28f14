"""Drift: no server fact typed by hand into docs/ or overrides/.

Every host, port, security mode, support address, webmail address and provider name comes from
data/mail-settings.yml through a marker, so a change there reaches every page. A value typed
into a page is caught here, with the marker to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from helpcenter.datafiles import DataError
from helpcenter.mailsettings import SERVER_KEYS, load_settings
from tools.checks.pages import MARKER, docs_dir

# Mail ports that are never typed either, even when the data file does not list them.
WELL_KNOWN_MAIL_PORTS = (25, 110, 143, 465, 587, 993, 995, 2525)
# "port", "ports", "Serverport", "portar", "porten", "portnummer"...: a number near one is a port.
PORT_WORD = re.compile(r"(?i)\b(?:server)?port(?:s|ar|arna|en|nummer|number)?\b")
SECURITY_WORD = re.compile(r"\b(?:SSL|TLS|STARTTLS)\b")
NUMBER = re.compile(r"(?<![\w.,/:-])(\d{1,5})(?![\w,/-]|\.\d)")
PORT_AFTER_WORD = re.compile(PORT_WORD.pattern + r"\W{0,3}(\d{1,5})\b")
PORT_AFTER_HOST = re.compile(r"\b[A-Za-z][\w-]*(?:\.[\w-]+)+:(\d{2,5})\b")
# The security modes as the tables show them (labels security.ssl, security.starttls).
SECURITY_MODE = re.compile(r"\bSSL/TLS\b|\bSTARTTLS\b")
# Any host name, not only today's (an old server name typed by hand is drift too): a name with a
# dot and a top-level domain (2 letters, or a common generic one). File names (iphone.md) and
# marker keys (imap.host) do not end in one.
HOST = re.compile(
    r"(?<![\w.@/-])(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2}|com|net|org|info|email|mail|cloud|online|io|biz|dev|app))(?![\w-]|\.\w)",
    re.IGNORECASE,
)
# A host whose first word names a mail server is a server name wherever it is typed.
MAIL_HOST_WORD = re.compile(
    r"(?i)^(?:imaps?|smtps?|pop3?s?|mail|mx\d*|e?mail-?server|outgoing|incoming|smtp-mail)\b"
)
# A line about a server: then any x.y.tld host on it is one too.
SERVER_WORD = re.compile(
    r"(?i)\b(?:IMAP|SMTP|POP3?|server|servern|servrar|servrarna|värdnamn|host ?name|hostname|inkommande|utgående|"
    r"incoming|outgoing)\b"
)
# Documentation domains (RFC 2606) and the reader's own domain in examples are not settings.
EXAMPLE_HOST = re.compile(
    r"(?i)(?:^|\.)(?:example\.(?:com|net|org)|[\w-]+\.example|yourdomain\.com|dindomän\.se|dindoman\.se)$"
)
# Link targets and bare URLs: the address of a vendor's page is not a setting.
URL = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
# Ports of mail servers that a line about IMAP, SMTP or POP3 cannot mention without "port".
SERVER_PORTS = (110, 143, 465, 587, 993, 995, 2525)

# Text files people write: pages, templates, scripts, styles.
TEXT_SUFFIXES = (".md", ".html", ".js", ".css", ".xml", ".json", ".txt", ".svg", ".yml")


@dataclass(frozen=True)
class Fact:
    """A value from the data file and the marker keys that print it."""

    pattern: re.Pattern
    what: str
    keys: tuple[str, ...]


def check_drift(project: Path) -> list[str]:
    try:
        settings = load_settings(project / "data" / "mail-settings.yml")
    except DataError:
        return [
            "data/mail-settings.yml:1: drift cannot be checked while the data file has errors; fix those first "
            "(python -m tools.checks data)"
        ]
    facts, ports = data_facts(settings), data_ports(settings)
    docs, problems = docs_dir(project), []
    for path in files_to_check(project):
        name = path.relative_to(project).as_posix()
        in_template = not path.is_relative_to(docs)
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
            found = find_drift(line, facts, ports)
            if path.suffix == ".md":
                found += find_other_hosts(line, facts)
            for item in found:
                problems.append(f"{name}:{number}: {explain(item, line, in_template)}")
    return problems


def files_to_check(project: Path) -> list[Path]:
    folders = [docs_dir(project), project / "overrides"]
    return [
        path
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in TEXT_SUFFIXES
    ]


# --------------------------------------------------------------------------------------------
# What the data file says
# --------------------------------------------------------------------------------------------


def data_facts(settings: dict) -> list[Fact]:
    """Every text value that must come from a marker, the longest first (a URL before its host)."""
    provider, support = settings["provider"], settings["support"]
    facts = [
        Fact(_literal(provider["webmail_url"]), "the webmail address", ("webmail",)),
        Fact(_literal(support["chat_url"]), "the support chat address", ("support-chat",)),
        Fact(_literal(support["email"]), "the support address", ("support-email",)),
    ]
    hosts: dict[str, list[str]] = {}
    for server_key in SERVER_KEYS:
        server = settings["servers"].get(server_key)
        if server:
            hosts.setdefault(server["host"], []).append(f"{server_key}.host")
    facts += [Fact(_literal(host), "the server name", tuple(keys)) for host, keys in hosts.items()]
    for domain in provider.get("domains", []):
        addresses = rf"[\w.+-]+@(?:[\w-]+\.)*{re.escape(domain)}(?![\w-])"
        facts.append(
            Fact(
                re.compile(addresses, re.IGNORECASE),
                "an email address at the provider's domain",
                ("support-email",),
            )
        )
    for domain in provider.get("domains", []):
        facts.append(
            Fact(
                re.compile(rf"(?<![\w-])(?:[\w-]+\.)*{re.escape(domain)}(?![\w-])", re.IGNORECASE),
                "the provider's domain",
                ("webmail",),
            )
        )
    facts.append(Fact(_word(provider["webmail_name"]), "the webmail's name", ("webmail",)))
    facts.append(Fact(_word(provider["name"]), "the provider's name", ("provider",)))
    return facts


def data_ports(settings: dict) -> dict[int, list[str]]:
    """Every port number and the marker keys that print it (the recommended port: SERVER.port)."""
    ports: dict[int, list[str]] = {}
    for server_key in SERVER_KEYS:
        for index, entry in enumerate(settings["servers"].get(server_key, {}).get("ports", [])):
            ports.setdefault(entry["port"], []).append(
                f"{server_key}.port" if index == 0 else f"{server_key}.ports"
            )
    return ports


def _literal(value: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.-]){re.escape(value)}(?![\w-]|\.\w)", re.IGNORECASE)


def _word(value: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.-]){re.escape(value)}(?![\w-])")


# --------------------------------------------------------------------------------------------
# Finding it in a line
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    typed: str
    what: str
    keys: tuple[str, ...]


def find_drift(line: str, facts: list[Fact], ports: dict[int, list[str]]) -> list[Found]:
    """The server facts typed into one line (markers themselves are left out)."""
    line = MARKER.sub(lambda match: " " * len(match[0]), line)
    typed_ports = {int(match[1]) for match in PORT_AFTER_HOST.finditer(line)}
    found = []
    for fact in facts:
        for match in fact.pattern.finditer(line):
            found.append(Found(match[0], fact.what, fact.keys))
        line = fact.pattern.sub(lambda match: " " * len(match[0]), line)
    for match in SECURITY_MODE.finditer(line):
        found.append(
            Found(
                match[0],
                "the security mode",
                tuple(f"{key}.security" for key in SERVER_KEYS),
            )
        )
    typed_ports |= {int(match[1]) for match in PORT_AFTER_WORD.finditer(line)}
    if PORT_WORD.search(line) or SECURITY_WORD.search(line):
        known = set(WELL_KNOWN_MAIL_PORTS) | set(ports)
        typed_ports |= {int(match[1]) for match in NUMBER.finditer(line) if int(match[1]) in known}
    elif re.search(r"\b(?:IMAP|SMTP|POP3?)\b", line):
        known = set(SERVER_PORTS) | set(ports)
        typed_ports |= {int(match[1]) for match in NUMBER.finditer(line) if int(match[1]) in known}
    for port in sorted(typed_ports):
        if 1 <= port <= 65535:
            keys = tuple(ports.get(port, ())) or tuple(f"{key}.port" for key in SERVER_KEYS)
            found.append(Found(str(port), "the port" if port in ports else "a port", keys))
    return found


def find_other_hosts(line: str, facts: list[Fact]) -> list[Found]:
    """Server names the data file does not have (an old one, another provider's): a host whose
    first word is a mail server's, or any x.y.tld host on a line about a server."""
    line = MARKER.sub(lambda match: " " * len(match[0]), line)
    for fact in facts:
        line = fact.pattern.sub(lambda match: " " * len(match[0]), line)
    line = URL.sub(lambda match: " " * len(match[0]), line)
    about_servers = bool(SERVER_WORD.search(line))
    found = []
    for match in HOST.finditer(line):
        host = match["host"]
        if EXAMPLE_HOST.search(host):
            continue
        if MAIL_HOST_WORD.match(host) or (about_servers and host.count(".") >= 2):
            found.append(
                Found(
                    host,
                    "another server name",
                    tuple(f"{key}.host" for key in SERVER_KEYS),
                )
            )
    return found


def explain(found: Found, line: str, in_template: bool) -> str:
    """One editor's message: what was typed, and the marker to type instead."""
    keys = _likely_keys(found.keys, line)
    marker = f"<!-- settings:value {keys[0]} -->"
    others = f" (or {', '.join(keys[1:])}: the one this line is about)" if len(keys) > 1 else ""
    if found.what == "another server name":
        return (
            f"the server name {found.typed} is typed by hand, and data/mail-settings.yml has no such server; type "
            f"{marker}{others}; if the server changed, change it in data/mail-settings.yml"
        )
    if found.what == "a port":
        return (
            f"port {found.typed} is typed by hand, and data/mail-settings.yml has no such port; "
            f"type a marker such as {marker}{others}, or add the port to data/mail-settings.yml"
        )
    if in_template:
        return (
            f"{found.what} is typed by hand ({found.typed}); take it from data/mail-settings.yml "
            "(through a hook) instead of typing it in a template"
        )
    if found.what == "the provider's domain":
        return (
            f'{found.what} is typed by hand ({found.typed}); write "your domain" or link '
            f"{marker} instead"
        )
    return f"{found.what} is typed by hand; type {marker}{others} instead of {found.typed}"


def _likely_keys(keys: tuple[str, ...], line: str) -> list[str]:
    """Only the servers the line names (IMAP, SMTP, POP3), when it names any."""
    named = [key for key in keys if re.search(rf"(?i)\b{re.escape(key.split('.')[0])}\b", line)]
    return named or list(keys)
