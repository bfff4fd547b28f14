"""Every page as clean Markdown for assistants and agents (issue 25): the markers filled by the
same `Renderer` in a plain-text mode, links made absolute, Material's syntax made plain; and
each language's `llms.txt` (the llmstxt.org layout) listing those copies."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from helpcenter.downloads import DOWNLOADS
from helpcenter.mailsettings import ENCRYPTED, encrypted_port
from helpcenter.values import Renderer

COPY_NAME = "index.md"
LLMS_TXT = "llms.txt"

LINK = re.compile(r"(!?\[[^\]]*\])\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)")
ATTRIBUTES = re.compile(r"\s*\{[:#.][^}]*\}\s*$")
BLOCK = re.compile(
    r'^(?P<indent>\s*)(?P<kind>!!!|\?\?\?\+?|===)\s*(?P<type>[\w-]*)\s*(?:"(?P<title>[^"]*)")?\s*$'
)
COMMENT = re.compile(r"<!--.*?-->", re.S)  # after the markers are filled: editors' notes


@dataclass(frozen=True)
class PlainRenderer(Renderer):
    """The Renderer's words and values as Markdown text: no HTML, no copy buttons."""

    def _value(
        self, kind: str, key: str, text: object, href: str = "", example: bool = False
    ) -> Markup:
        if kind == "code":
            return Markup(f"`{text}`")
        if kind == "link":
            return Markup(f"[{text}]({href})")
        return Markup(str(text))

    def settings_block(self, table: str) -> str:
        return table

    def search_weighted(self, rows: list[str]) -> list[str]:
        return rows

    def text(self, text: str) -> str:
        return text

    def label(self, key: str, **parts: object) -> str:
        return self.labels.text(key, **parts)

    def value(self, key: str) -> Markup:
        server_key, _, field_name = key.partition(".")
        servers = self.settings["servers"]
        if field_name != "ports" or server_key not in servers:
            return super().value(key)
        server = servers[server_key]
        return Markup(self.labels["port_separator"]).join(
            Markup(
                self.labels.text(
                    "port_with_security",
                    port=self._value("code", key, entry["port"]),
                    security=self.labels[f"security.{entry['security']}"],
                )
            )
            + self.unencrypted_note(server, entry)
            for entry in server["ports"]
        )

    def username(self, form: str) -> Markup:
        example = self.value("example-address")
        return Markup(
            self.labels.text(f"username.{self.settings['username']}.{form}", example=example)
        )

    def unencrypted_note(self, server: dict[str, Any], entry: dict[str, Any]) -> Markup:
        if entry["security"] in ENCRYPTED:
            return Markup("")
        better = encrypted_port(server)
        if better is None:
            return Markup(" " + self.labels.text("security.unencrypted_only"))
        note = self.labels.text(
            "security.unencrypted",
            port=better["port"],
            security=self.labels[f"security.{better['security']}"],
        )
        return Markup(" " + note)

    def support(self) -> str:
        return self.labels.text(
            "support", email=self.value("support-email"), chat=self.value("support-chat")
        )

    def download(self, name: str) -> Markup:
        return Markup(f"[{self.labels[DOWNLOADS[name]]}]({self.downloads[name]})")

    def thunderbird_qr(self) -> Markup:
        return Markup(self.labels.text("reader.setup_qr.plain"))


def clean_markdown(markdown: str, absolute: Callable[[str], str]) -> str:
    """A page's filled Markdown without Material's syntax: headings without `{#id}`, notes and
    tabs as plain paragraphs, comments gone, every link made absolute by `absolute(target)`."""
    out: list[str] = []
    strip = ""  # the indent of the block being unwrapped
    in_fence = False
    for line in COMMENT.sub("", markdown).split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if strip and line.strip() and not line.startswith(strip):
            strip = ""
        if strip and line.startswith(strip):
            line = line[len(strip) :]
        block = None if in_fence else BLOCK.match(line)
        if block:
            title = block["title"] or block["type"].capitalize()
            out.append(f"{block['indent']}**{title}**" if title else "")
            strip = block["indent"] + "    "
            continue
        if not in_fence:
            line = ATTRIBUTES.sub("", line)
            line = LINK.sub(lambda m: f"{m[1]}({absolute(m['target'])}{m['title'] or ''})", line)
        out.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text + "\n"


def absolute_link(
    target: str, src_uri: str, page_url: str, page_urls: dict[str, str], language_url: str
) -> str:
    """A Markdown link target written in docs/ (relative to the page's file) as an absolute URL
    in the page's language; external and mailto links stay as they are."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
        return target
    if target.startswith("#"):
        return page_url + target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    suffix = f"#{anchor}" if anchor else ""
    if resolved.endswith(".md"):
        neutral = re.sub(r"\.[a-z]{2}(?:[-_][A-Za-z]+)?\.md$", ".md", resolved)
        if neutral in page_urls:
            return language_url + page_urls[neutral] + suffix
    return language_url + resolved.lstrip("./") + suffix


def llms_txt(site_name: str, summary: str, pages: list[tuple[str, str, str]]) -> str:
    """llmstxt.org: an H1, a one-line summary as a quote, then the pages as a list of
    `[title](Markdown copy URL): description`."""
    lines = [f"# {site_name}", "", f"> {summary}", "", "## Pages", ""]
    lines += [f"- [{title}]({url}): {description}" for title, url, description in pages]
    return "\n".join(lines) + "\n"
