"""data/labels.yml: the words the build puts on pages, typed.

`LABELS` is the one registry of label keys: each key declares the {placeholders} its text must
contain. A language without a key, a key nobody declared, or a text whose placeholders differ
from the declared ones (a translator's `{exmaple}`, a dropped `{port}`) fails the build with
data/labels.yml:LINE. Adding a label is one line here plus its text in every language
(ARCHITECTURE.md, "Add a label").
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from helpcenter.datafiles import (
    PROJECT_DIR,
    DataError,
    Lines,
    closest,
    describe,
    display_path,
    load_yaml,
    raise_problems,
)

LABELS_FILE = PROJECT_DIR / "data" / "labels.yml"

# Every label key, and the placeholders its text must contain (exactly these, each at least once).
LABELS: dict[str, tuple[str, ...]] = {
    # overrides/partials/settings/table.md
    "table.setting": (),
    "table.value": (),
    "table.type": (),
    "table.host": (),
    "table.port": (),
    "table.security": (),
    "table.authentication": (),
    "table.username": (),
    "table.password": (),
    "protocol.imap": (),
    "protocol.smtp": (),
    "protocol.pop3": (),
    "security.ssl": (),
    "security.starttls": (),
    "security.none": (),
    # After every port without encryption (issue 13.7): the password travels unencrypted; use
    # {port}, the server's encrypted port, with {security}. `_only`: the server has no other port.
    "security.unencrypted": ("port", "security"),
    "security.unencrypted_only": (),
    "port_with_security": ("port", "security"),
    "port_separator": (),
    "authentication.password": (),
    "authentication.encrypted_password": (),
    # The username: `cell` stands alone (a table cell), `sentence` continues a sentence
    # ("Username: your full email address, ..."), so it starts in lower case where the language does.
    "username.email_address.cell": ("example",),
    "username.email_address.sentence": ("example",),
    "example_address": (),
    "password": (),
    # <!-- settings:mailbox password -->: the mailbox's password facts (values.Renderer.mailbox),
    # one text per value of each fact under `mailbox:` in data/mail-settings.yml.
    "mailbox.check": ("webmail",),
    "mailbox.change": ("webmail",),
    "mailbox.app_passwords.optional": ("webmail",),
    "mailbox.app_passwords.unavailable": ("webmail",),
    "mailbox.reset.site_owner": ("provider",),
    "mailbox.reset.support": (),
    "mailbox.two_factor.webmail_only": ("webmail",),
    "mailbox.two_factor.none": (),
    # The problems hub (<!-- settings:problem ID -->).
    "problems.words": ("words",),
    "problems.screen": (),
    "problems.guides": (),
    "problems.steps": ("app",),
    "support": ("email", "chat"),
    "support_chat": (),
    # hooks/setup_files.py: the Apple profile's names and the download button.
    "profile.name": ("provider",),
    "profile.description": ("provider",),
    "profile.download": (),
    # <!-- settings:profile-signature -->: the profile as this build makes it.
    "profile.signed": ("provider",),
    "profile.unsigned": (),
    # hooks/links.py: copy buttons, short-link and redirect pages, the 404 page.
    "links.copy_link": (),
    "links.copy_value": ("value",),
    "links.copied": (),
    "links.moved": ("link",),
    "links.not_found.title": (),
    "links.not_found.text": (),
    "links.not_found.search": (),
    "links.not_found.overview": (),
    # hooks/agents.py: the agents' console ({count} is filled in the browser by agent.js).
    "agent.title": (),
    "agent.intro": (),
    "agent.filter": (),
    "agent.language": (),
    "agent.address": (),
    "agent.forget": (),
    "agent.link": (),
    "agent.short": (),
    "agent.snippet": (),
    "agent.copied": (),
    "agent.none": (),
    "agent.count": ("count",),
    "agent.loading": (),
    "agent.noscript": (),
    # The footer's privacy line and credit.
    "reader.privacy": (),
    "reader.made_with": ("generator",),
    # docs/assets/javascripts/reader.js, overrides/overview.html and hooks/qr_codes.py (issue 16):
    # the reader's own address, the guide suggested for their device, the QR codes' words.
    # ({example} and {address} are filled in the browser by reader.js.)
    "reader.address.label": (),
    "reader.address.hint": (),
    "reader.address.save": (),
    "reader.address.forget": (),
    "reader.address.invalid": ("example",),
    "reader.address.saved": ("address",),
    "reader.address.forgotten": (),
    "reader.device.ios": (),
    "reader.device.ipados": (),
    "reader.device.android": (),
    "reader.device.macos": (),
    "reader.device.windows": (),
    "reader.qr.page": (),
    "reader.qr.profile": (),
    "reader.qr.alt": ("url",),
    # docs/assets/javascripts/thunderbird-qr.js fills "{address}" in the reader's browser.
    "reader.setup_qr.name": (),
    "reader.setup_qr.name_hint": (),
    "reader.setup_qr.show": (),
    "reader.setup_qr.missing": (),
    "reader.setup_qr.ready": ("address",),
    "reader.setup_qr.alt": ("address",),
    "reader.setup_qr.caption": ("address",),
    "reader.setup_qr.plain": (),
    # hooks/fallback_pages.py: the banner on a page a language has not translated yet.
    "languages.not_translated": ("language",),
    # hooks/page_frame.py: the line under a guide's title (contract A), support and webmail in
    # the header and footer, the language switcher's name, the 404 page's example and guides.
    "review.checked_against": ("versions", "month"),
    "frame.contact": (),
    "frame.chat": (),
    "frame.webmail": ("webmail",),
    "frame.language": (),
    "frame.search_placeholder": (),
    "frame.popular": (),
}


class Labels(dict[str, str]):
    """One language's labels by dotted key (`table.host`), filled only with their declared parts."""

    def text(self, key: str, **values: object) -> str:
        """Plain text (a set-up file, a snippet): the placeholders filled with `values`."""
        _check_parts(key, values)
        return self[key].format(**values)

    def html(self, key: str, **parts: object) -> Markup:
        """HTML: the label's text escaped, the (already safe, or escaped here) parts put in."""
        _check_parts(key, parts)
        return Markup(escape(self[key])).format(**parts)


def placeholders(text: str) -> list[str]:
    """The {names} in a label's text, in order; raises ValueError on a stray brace."""
    return [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]


def load_labels(
    languages: list[str], path: Path = LABELS_FILE, name: str | None = None
) -> dict[str, Labels]:
    """Labels per language, checked complete and typed."""
    data, lines = load_yaml(path, name)
    return validate_labels(data, lines, name or display_path(path), languages)


def validate_labels(
    data: object, lines: Lines, name: str, languages: list[str]
) -> dict[str, Labels]:
    """Every language of the site has every label, as text with its declared placeholders."""
    if not isinstance(data, dict):
        raise DataError(
            f"{name}: expected one mapping per language ({', '.join(languages)}), got {describe(data)}"
        )
    problems: list[tuple[int, str, str]] = []
    for language in languages:
        if language not in data:
            problems.append(
                (
                    1,
                    language,
                    f"language {language!r} has no labels; add a {language}: section with every key "
                    f"that the other languages have (copy the {languages[0]}: section and translate it)",
                )
            )
            continue
        found = _flatten(data[language])
        for key, wanted in LABELS.items():
            path = (language, *key.split("."))
            value = found.get(key)
            if value is None:
                where = lines.get(path[:-1], lines.get((language,), 1))
                problems.append(
                    (
                        where,
                        f"{language}.{key}",
                        f"missing label in language {language!r}; "
                        f"add {key} under {language}:{_wording(data, languages[0], key)}",
                    )
                )
            elif not isinstance(value, str) or not value.strip():
                problems.append(
                    (
                        lines.get(path, 1),
                        f"{language}.{key}",
                        f"expected non-empty text, got {describe(value)}",
                    )
                )
            else:
                problems += [
                    (lines.get(path, 1), f"{language}.{key}", message)
                    for message in _placeholder_problems(value, wanted)
                ]
        for key in sorted(set(found) - set(LABELS)):
            close = closest(key, list(LABELS))
            hint = (
                f"; did you mean {close!r}?"
                if close
                else "; declare it in hooks/helpcenter/labels.py (LABELS) first"
            )
            problems.append(
                (
                    lines.get((language, *key.split(".")), 1),
                    f"{language}.{key}",
                    f"unknown label{hint}",
                )
            )
    raise_problems(name, problems)
    return {
        language: Labels({key: str(value) for key, value in _flatten(data[language]).items()})
        for language in languages
    }


def _placeholder_problems(text: str, wanted: tuple[str, ...]) -> list[str]:
    """What is wrong with a text's {placeholders}, one message each."""
    shown = ", ".join("{" + name + "}" for name in wanted) or "none"
    try:
        used = placeholders(text)
    except ValueError:
        return [
            f"a lone '{{' or '}}' in {text!r}; placeholders are written {{name}} (this label takes: {shown})"
        ]
    messages = []
    for name in sorted(set(used) - set(wanted)):
        close = closest(name, wanted)
        hint = f"did you mean {{{close}}}?" if close else f"this label takes: {shown}"
        messages.append(f"unknown placeholder {{{name}}}; {hint}")
    for name in wanted:
        if name not in used:
            messages.append(
                f"missing placeholder {{{name}}}; the text must contain it (this label takes: {shown})"
            )
    return messages


def _check_parts(key: str, parts: dict[str, object]) -> None:
    """A hook filling a label with other parts than it declares is a programming mistake."""
    if set(parts) != set(LABELS[key]):
        raise TypeError(f"label {key!r} takes {sorted(LABELS[key])}, was given {sorted(parts)}")


def _wording(data: dict[Any, Any], language: str, key: str) -> str:
    """' (in {language}: '...')': the label in another language, for the translator."""
    value = _flatten(data.get(language)).get(key) if isinstance(data.get(language), dict) else None
    return (
        f" (in {language}: {value!r})"
        if isinstance(value, str)
        else " (the other languages show the wording)"
    )


def _flatten(mapping: object, prefix: str = "") -> dict[str, object]:
    if not isinstance(mapping, dict):
        return {prefix.rstrip("."): mapping} if prefix else {}
    flat: dict[str, object] = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
