"""What a marker shows: settings from data/mail-settings.yml as HTML, in one language.

The markup is written once, here and in overrides/partials/settings/: a host or port is rendered
together with its copy button (one unit that does not wrap apart, links.css), and a port
without encryption together with the warning that says which port to use instead (issue 13.7).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup, escape

from helpcenter.downloads import DOWNLOADS, PROFILE_CONTENT_TYPE
from helpcenter.labels import LABELS, Labels
from helpcenter.mailsettings import ENCRYPTED, SERVER_FIELDS, SERVER_KEYS, Settings, encrypted_port
from helpcenter.problems import Problems
from helpcenter.thunderbird_qr import qr_servers

# Pagefind's weight (1 is a paragraph's, 10 the most) of a problem's reader words and error
# texts on the hub: a reader typing them lands on the problem's section.
SEARCH_WEIGHT = 8

# What <!-- settings:mailbox TOPIC --> can show.
MAILBOX_TOPICS = ("password",)

# The values <!-- settings:value KEY --> shows that are not a server's (SERVER.FIELD).
OTHER_VALUES = {
    "username": 'what to type as the username ("your full email address, for example ...")',
    "example-address": "the example address alone, as code (the reader's own address once they type it, reader.js)",
    "provider": "the provider's name",
    "webmail": "a link to the webmail, named as the provider names it",
    "support-email": "the support email address, as a link",
    "support-chat": "a link to the support chat",
}

# The values a reader types, so they get a copy button.
COPYABLE_FIELDS = ("host", "port", "ports")


def value_keys(settings: Settings) -> list[str]:
    """Every KEY of <!-- settings:value KEY --> for these settings."""
    servers = [
        f"{server}.{name}"
        for server in SERVER_KEYS
        if server in settings["servers"]
        for name in SERVER_FIELDS
    ]
    return servers + list(OTHER_VALUES)


@dataclass(frozen=True)
class Renderer:
    """One language's settings renderer: the data, its labels and the build's templates."""

    settings: Settings
    labels: Labels
    templates: jinja2.Environment
    downloads: dict[str, str] = field(default_factory=dict)  # download name -> URL from this page
    problems: Problems | None = None  # for the problems hub's markers
    locale: str = ""  # the language of the labels, for the problems' words and error texts
    profile_signed: bool = False  # the build signs the Apple profiles (helpcenter.profile_signing)
    assets: str = "assets/"  # the site's assets folder, relative to this page

    def value(self, key: str) -> Markup:
        """One setting inline, e.g. `imap.host` -> the host as code with its copy button.
        The key must be one `value_keys` lists."""
        provider, support = self.settings["provider"], self.settings["support"]
        if key == "provider":
            return self._value("text", key, provider["name"])
        if key == "webmail":
            return self._value("link", key, provider["webmail_name"], href=provider["webmail_url"])
        if key == "support-email":
            return self._value("link", key, support["email"], href=f"mailto:{support['email']}")
        if key == "support-chat":
            return self._value("link", key, self.labels["support_chat"], href=support["chat_url"])
        if key == "username":
            return self.username("sentence")
        if key == "example-address":
            return self._value("code", key, self.labels["example_address"], example=True)
        server_key, _, field_name = key.partition(".")
        server = self.settings["servers"][server_key]
        recommended = server["ports"][0]
        if field_name == "host":
            return self._value("code", key, server["host"])
        if field_name == "port":
            return self._value("code", key, recommended["port"]) + self.unencrypted_note(
                server, recommended
            )
        if field_name == "security":
            text = self._value("text", key, self.labels[f"security.{recommended['security']}"])
            return text + self.unencrypted_note(server, recommended)
        if field_name == "authentication":
            return self._value(
                "text", key, self.labels[f"authentication.{server['authentication']}"]
            )
        if len(server["ports"]) == 1:
            return self._value("code", key, recommended["port"]) + self.unencrypted_note(
                server, recommended
            )
        return escape(self.labels["port_separator"]).join(
            self.labels.html(
                "port_with_security",
                port=self._value("code", f"{key}[{index}]", entry["port"]),
                security=self.labels[f"security.{entry['security']}"],
            )
            + self.unencrypted_note(server, entry)
            for index, entry in enumerate(server["ports"])
        )

    def username(self, form: str) -> Markup:
        """What to type as the username: `cell` for a table, `sentence` inside running text."""
        example = self.value("example-address")
        return self.labels.html(f"username.{self.settings['username']}.{form}", example=example)

    def unencrypted_note(self, server: dict[str, Any], entry: dict[str, Any]) -> Markup:
        """After a port without encryption: the password then travels unencrypted, and which port
        to use instead. Nothing after an encrypted port."""
        if entry["security"] in ENCRYPTED:
            return Markup("")
        better = encrypted_port(server)
        if better is None:
            note = self.labels.html("security.unencrypted_only")
        else:
            note = self.labels.html(
                "security.unencrypted",
                port=better["port"],
                security=self.labels[f"security.{better['security']}"],
            )
        return Markup(" ") + Markup(
            self.templates.get_template("settings/unencrypted.html").render(note=note)
        )

    def table(self, server_key: str) -> str:
        """One server's settings as a Markdown table, in the labels' language."""
        template = self.templates.get_template("settings/table.md")
        table = template.render(
            server_key=server_key, labels=self.labels, value=self.value, username=self.username
        ).strip("\n")
        return self.settings_block(table)

    def settings_block(self, table: str) -> str:
        """The table in a block of its own class, which styles it on a phone (links.css) with
        plain class selectors: `table:has(.mail-value)` cost every page style time (issue 28)."""
        return f'<div class="mail-table" markdown>\n\n{table}\n\n</div>'

    def mailbox(self, topic: str) -> str:
        """What a reader must know about the mailbox's password, as Markdown list items, each
        chosen by a fact under `mailbox:` in the data file (MAILBOX_TOPICS)."""
        facts = self.settings["mailbox"]
        context = {"webmail": self.value("webmail"), "provider": self.settings["provider"]["name"]}
        keys = [
            "mailbox.check",
            "mailbox.change",
            f"mailbox.app_passwords.{facts['app_passwords']}",
            f"mailbox.reset.{facts['password_reset_by']}",
            f"mailbox.two_factor.{facts['two_factor']}",
        ]
        items = [self.label(key, **{name: context[name] for name in LABELS[key]}) for key in keys]
        return "\n".join(f"- {item}" for item in items)

    def problem(self, problem: str) -> str:
        """On the problems hub: the reader's words for a problem, the error texts apps show for it
        (data/problems.yml, in this language, under their app) and a link to the section of every
        guide that has one for it (found by its heading id, helpcenter.problems)."""
        assert self.problems is not None, "the problem markers need the site's problems"
        words = self.problems.words[problem].get(self.locale, [])
        rows = [self.label("problems.words", words=", ".join(words))] if words else []
        errors = [e for e in self.problems.errors if e["problem"] == problem and self.locale in e]
        if errors:
            rows += ["", self.label("problems.screen"), ""]
            rows += [
                f'- {self.text(error["app"])}: "{self.text(error[self.locale])}"'
                f" ([{self.label('problems.steps', app=error['app'])}]({error['guide']}))"
                for error in errors
            ]
        rows = self.search_weighted(rows)
        guides = self.problems.sections[problem]
        if guides:
            titles = self.problems.titles[self.locale]
            links = " · ".join(f"[{titles[stem]}](guides/{stem}.md#{problem})" for stem in guides)
            rows += ["", f"{self.label('problems.guides')} {links}"]
        return "\n".join(rows)

    def search_weighted(self, rows: list[str]) -> list[str]:
        """A problem's reader words and error texts weigh most in search (Pagefind's weight), so
        a reader typing them lands on the problem's section."""
        if not rows:
            return rows
        return [f'<div markdown data-pagefind-weight="{SEARCH_WEIGHT}">', "", *rows, "", "</div>"]

    def text(self, text: str) -> str:
        """Data text put into the page's Markdown: escaped for HTML."""
        return str(escape(text))

    def label(self, key: str, **parts: object) -> str:
        """A label with its parts, for the page's Markdown: escaped for HTML."""
        return self.labels.html(key, **parts)

    def profile_signature(self) -> str:
        """What the device says about the Apple profile's signature, as this build makes it: a
        profile is signed only when a certificate is configured (DEPLOY.md)."""
        if self.profile_signed:
            return self.label("profile.signed", provider=self.settings["provider"]["name"])
        return self.label("profile.unsigned")

    def support(self) -> str:
        """The support paragraph that ends every guide."""
        sentence = self.labels.html(
            "support", email=self.value("support-email"), chat=self.value("support-chat")
        )
        return self.templates.get_template("settings/support.html").render(sentence=sentence)

    def download(self, name: str) -> Markup:
        """A download button for a file hooks/setup_files.py writes, e.g. the Apple profile."""
        template = self.templates.get_template("settings/download.html")
        return Markup(
            template.render(
                name=name,
                href=self.downloads[name],
                text=self.labels[DOWNLOADS[name]],
                content_type=PROFILE_CONTENT_TYPE,
            )
        )

    def address_form(self) -> str:
        """The reader's address field (overrides/partials/reader/address.html), put in the page
        by the headings extension after the first example address."""
        return self.templates.get_template("reader/address.html").render(labels=self.labels)

    def thunderbird_qr(self) -> Markup:
        """The form and the code Thunderbird for Android scans: the servers from the data file,
        the address added in the reader's browser (overrides/partials/reader/thunderbird-qr.html)."""
        template = self.templates.get_template("reader/thunderbird-qr.html")
        return Markup(
            template.render(
                servers=qr_servers(self.settings),
                labels=self.labels,
                script=self.assets + "javascripts/thunderbird-qr.js",
            )
        )

    def _value(
        self, kind: str, key: str, text: object, href: str = "", example: bool = False
    ) -> Markup:
        copyable = kind == "code" and key.partition(".")[2].partition("[")[0] in COPYABLE_FIELDS
        return Markup(
            self.templates.get_template("settings/value.html").render(
                kind=kind,
                key=key,
                text=text,
                href=href,
                example=example,
                copy_label=self.labels.html("links.copy_value", value=text) if copyable else "",
                copied=self.labels["links.copied"],
            )
        )
