"""The marker registry: every `<!-- settings:KIND ARGUMENT -->` an editor may write.

From `KINDS` come the hook's dispatch (`fill_markers`), its error messages with "did you
mean", the checks in tools/checks (`find_problem`, `values.value_keys`) and CONTRIBUTING.md's marker
table (`marker_checks.contributing_table`; tests/test_settings_markers.py keeps the two in step).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError

from helpcenter.datafiles import closest
from helpcenter.downloads import DOWNLOADS
from helpcenter.mailsettings import SERVER_KEYS, Settings
from helpcenter.problems import problem_ids
from helpcenter.values import MAILBOX_TOPICS, OTHER_VALUES, Renderer, value_keys

PREFIX = "settings"
# `<!-- prefix:kind argument -->`: an HTML comment that starts with `word:` (no space after the
# colon) is a marker. Any other HTML comment is left alone.
MARKER = re.compile(
    r"<!--\s*(?P<prefix>[A-Za-z][\w-]*):(?P<kind>[\w-]*)(?:\s+(?P<argument>[^\s]*?))?\s*-->"
)
FENCE = re.compile(r"^\s*(```|~~~)")
# A Markdown heading, maybe with an explicit id: `### Inkommande e-post (IMAP) {#imap-settings}`.
HEADING = re.compile(r"^#{2,6}\s+(?P<title>.*?)\s*(?:\{[^}]*#(?P<id>[\w-]+)[^}]*\})?\s*#*\s*$")


@dataclass(frozen=True)
class Kind:
    """One kind of marker: how it is written, what it shows, and how it is rendered."""

    name: str
    argument: str  # what follows the kind, as CONTRIBUTING names it
    alone: bool  # must stand alone on its line (a block), else it sits in a sentence
    arguments: Callable[[Settings], list[str]]
    render: Callable[[Renderer, str], str]
    rows: tuple[
        tuple[str, str], ...
    ]  # CONTRIBUTING's table: (argument(s) shown, what the reader sees)
    list_items: bool = False  # written as a list item, `- <!-- ... -->`, and renders list items
    per_page: bool = False  # holds a URL relative to the page, so never reused from the cache
    noun: str = "argument"  # what errors call the argument: "unknown server 'x'"

    def example(self, argument: str) -> str:
        """The marker as an editor types it: `<!-- settings:table imap -->`."""
        marker = (
            f"<!-- {PREFIX}:{self.name} {argument} -->"
            if argument
            else f"<!-- {PREFIX}:{self.name} -->"
        )
        return f"- {marker}" if self.list_items else marker


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "table",
            "SERVER",
            True,
            lambda settings: [s for s in SERVER_KEYS if s in settings["servers"]],
            lambda render, server: render.table(server),
            (
                (
                    "imap",
                    "the whole IMAP settings table: type, server, ports with security, "
                    "authentication, username, password",
                ),
                ("smtp", "the same for outgoing mail (SMTP)"),
                ("pop3", "the same for POP3"),
            ),
            noun="server",
        ),
        Kind(
            "value",
            "KEY",
            False,
            value_keys,
            lambda render, key: render.value(key),
            (
                ("imap.host", "the IMAP server name, as code, with a copy button"),
                ("imap.port", "the recommended IMAP port, with a copy button"),
                (
                    "imap.ports",
                    'every IMAP port with its security, e.g. "995 (SSL/TLS) or 110 (No encryption) '
                    '– your password then travels unencrypted; use 995 (SSL/TLS) instead": '
                    "a port without encryption always carries that warning, in tables too",
                ),
                ("imap.security", "the security of the recommended port, in the page's language"),
                ("imap.authentication", "the authentication to choose, in the page's language"),
                (
                    "smtp.host, smtp.port, smtp.ports, smtp.security, smtp.authentication",
                    "the same for the outgoing server",
                ),
                (
                    "pop3.host, pop3.port, pop3.ports, pop3.security, pop3.authentication",
                    "the same for POP3",
                ),
                *OTHER_VALUES.items(),
            ),
            noun="setting",
        ),
        Kind(
            "support",
            "",
            True,
            lambda settings: [""],
            lambda render, _: render.support(),
            (("", "the support paragraph that ends every guide"),),
        ),
        Kind(
            "mailbox",
            "TOPIC",
            True,
            lambda settings: list(MAILBOX_TOPICS),
            lambda render, topic: render.mailbox(topic),
            (
                (
                    "password",
                    "list items on the mailbox's password (mailbox: in the data file): check it in "
                    "the webmail, where to change it, app passwords, who resets a forgotten one, "
                    "two-step verification; in a wrong-password section's list",
                ),
            ),
            list_items=True,
            noun="topic",
        ),
        Kind(
            "problem",
            "ID",
            True,
            lambda settings: problem_ids(),
            lambda render, problem: render.problem(problem),
            (
                (
                    "wrong-password",
                    "on the problems hub (docs/problems.md) only: the reader's words for the problem "
                    "and the error texts apps show for it (data/problems.yml), and a link to "
                    "every guide section with that id",
                ),
            ),
            noun="problem",
        ),
        Kind(
            "profile-signature",
            "",
            True,
            lambda settings: [""],
            lambda render, _: render.profile_signature(),
            (
                (
                    "",
                    "whether the Apple profile is signed, as this build makes it (signed only when "
                    "a certificate is configured, DEPLOY.md), and what that means",
                ),
            ),
        ),
        Kind(
            "download",
            "NAME",
            True,
            lambda settings: list(DOWNLOADS),
            lambda render, name: render.download(name),
            (
                (
                    "apple-profile",
                    "a button that downloads the iPhone, iPad and Mac set-up profile, in the page's language",
                ),
            ),
            per_page=True,
            noun="download",
        ),
        Kind(
            "thunderbird-qr",
            "",
            True,
            lambda settings: [""],
            lambda render, _: render.thunderbird_qr(),
            (
                (
                    "",
                    "on a computer, a form for the reader's address and name and the QR code "
                    "Thunderbird for Android scans to set up the account (IMAP and SMTP from the "
                    "data file, no password); hidden on phones and in print",
                ),
            ),
            per_page=True,
        ),
    )
}


def find_problem(match: re.Match[str], line: str, settings: Settings) -> str | None:
    """What is wrong with one marker, for an editor; None when it is one the build knows."""
    prefix, name, argument = match["prefix"], match["kind"], match["argument"] or ""
    if prefix != PREFIX:
        return (
            f"unknown marker '{match[0]}': markers start with '{PREFIX}:', "
            "for example <!-- settings:table imap --> (see CONTRIBUTING.md, Markers)"
        )
    kind = KINDS.get(name)
    if kind is None:
        close = closest(name, list(KINDS))
        known = ", ".join(f"{PREFIX}:{known}" for known in KINDS)
        hint = f"did you mean {PREFIX}:{close}?" if close else f"use {known}"
        return (
            f"unknown marker kind '{name}' in '{match[0]}'; {hint} (see CONTRIBUTING.md, Markers)"
        )
    allowed = kind.arguments(settings)
    if argument not in allowed:
        close = closest(argument, allowed)
        hint = f"did you mean {kind.example(close)}? " if close else ""
        return (
            f"unknown {kind.noun} '{argument}' in {match[0]}; {hint}"
            f"expected one of: {', '.join(allowed)} (see CONTRIBUTING.md, Markers)"
        )
    if kind.list_items and line.strip() != f"- {match[0]}":
        return f"the marker '{match[0]}' must stand alone as a list item: '- {match[0]}'"
    if kind.alone and not kind.list_items and line.strip() != match[0]:
        return f"the marker '{match[0]}' must stand alone on its line"
    return None


def fill_markers(
    markdown: str,
    render: Renderer,
    page_path: str,
    first_line: int = 1,
    cache: dict[Any, str] | None = None,
    servers: dict[str, str] | None = None,
    downloads: list[str] | None = None,
) -> str:
    """Replace every marker in a page's Markdown; fail with the page's file and line on a bad one.
    `cache`: markers already rendered in this language, reused. `servers`: filled with
    {section: server} for each heading whose section shows a server's settings table (the
    section is the heading's explicit id, else its text), for the link snippets. `downloads`:
    filled with the sections that show a download button, for their QR codes."""
    lines = markdown.split("\n")
    in_fence = False
    section = ""
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        heading = HEADING.match(line)
        if heading:
            section = heading["id"] or heading["title"]
        if "<!--" not in line:
            continue
        where = f"docs/{page_path}:{first_line + index}"

        def replace(
            match: re.Match[str], line: str = line, where: str = where, section: str = section
        ) -> str:
            problem = find_problem(match, line, render.settings)
            if problem:
                raise PluginError(f"{where}: {problem}")
            kind = KINDS[match["kind"]]
            if kind.name == "table" and servers is not None:
                servers.setdefault(section, match["argument"])
            if kind.name == "download" and downloads is not None and section not in downloads:
                downloads.append(section)
            if cache is None or kind.per_page:
                return _output(kind, match, line, render)
            key = match[0] if not kind.alone else (match[0], line)  # a block keeps its indent
            if key not in cache:
                cache[key] = _output(kind, match, line, render)
            return cache[key]

        lines[index] = MARKER.sub(replace, line)
    return "\n".join(lines)


def _output(kind: Kind, match: re.Match[str], line: str, render: Renderer) -> str:
    output = kind.render(render, match["argument"] or "")
    if not kind.alone or kind.name == "download":  # a button, inline in its paragraph
        return output
    indent = line[: len(line) - len(line.lstrip())]
    block = "\n".join(indent + row if row else row for row in output.split("\n"))
    if kind.list_items:  # the marker's line already starts the first item with its indent and "- "
        return block.removeprefix(indent + "- ")
    return "\n" + block + "\n"
