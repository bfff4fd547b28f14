"""MkDocs hook: fill every settings marker in every page from data/mail-settings.yml.

Editors write markers such as `<!-- settings:table imap -->` or `<!-- settings:value smtp.port -->`
(see CONTRIBUTING.md); this hook replaces them in the page's language, so a server fact is
typed once, in the data file, and never drifts between pages or languages.
static-i18n runs every event once per language, so data is loaded in `on_config` each time.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import mail_data
import partials
import setup_files


# `<!-- prefix:kind argument -->`: an HTML comment that starts with `word:` (no space after the
# colon) is a marker. Any other HTML comment is left alone.
MARKER = re.compile(r"<!--\s*(?P<prefix>[A-Za-z][\w-]*):(?P<kind>[\w-]*)(?:\s+(?P<argument>[^\s]*?))?\s*-->")
FENCE = re.compile(r"^\s*(```|~~~)")

_settings: dict | None = None
_labels: dict[str, dict[str, str]] = {}
_default_language: str | None = None
# Per language, each marker's output in this build: a guide repeats the same few markers and
# a help center has hundreds of guides, so each is rendered once (issue 9, performance).
_rendered: dict[str, dict] = {}


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_config(config):
    """Load and validate the data files once per build (once per language with static-i18n)."""
    global _settings, _labels, _default_language, _rendered
    languages = mail_data.site_languages(config)
    _settings = mail_data.load_settings()
    _labels = mail_data.load_labels(languages)
    _default_language = languages[0]
    _rendered = {}
    return config


def on_page_markdown(markdown, page, config, files):
    """Replace the markers of one page, in the language its text is written in."""
    language = getattr(page.file, "locale", None) or config.theme["language"] or _default_language
    return fill_markers(
        markdown,
        settings=_settings,
        labels=_labels[language],
        page_path=page.file.src_uri,
        first_line=_first_line(page),
        downloads={
            name: get_relative_url(path, page.url)
            for name, path in setup_files.download_paths(language, _default_language).items()
        },
        cache=_rendered.setdefault(language, {}),
    )


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def fill_markers(
    markdown: str,
    settings: dict,
    labels: dict,
    page_path: str,
    first_line: int = 1,
    downloads: dict | None = None,
    cache: dict | None = None,
) -> str:
    """Replace every marker in a page's Markdown; fail with the page's file and line on a bad one.
    `downloads`: each generated file's URL relative to this page (for settings:download).
    `cache`: markers already rendered with the same settings and labels, reused and filled in."""
    lines = markdown.split("\n")
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or "<!--" not in line:
            continue
        where = f"docs/{page_path}:{first_line + index}"

        def replace(match, line=line, where=where):
            if cache is None or match["kind"] == "download":  # a download's URL depends on the page
                return render_marker(match, line, settings, labels, where, downloads)
            key = match[0] if match["kind"] == "value" else (match[0], line)  # a block keeps its indent
            if key not in cache:
                cache[key] = render_marker(match, line, settings, labels, where, downloads)
            return cache[key]

        lines[index] = MARKER.sub(replace, line)
    return "\n".join(lines)


def render_marker(match: re.Match, line: str, settings: dict, labels: dict, where: str, downloads: dict | None = None) -> str:
    """The HTML or Markdown for one marker."""
    prefix, kind, argument = match["prefix"], match["kind"], match["argument"] or ""
    if prefix != "settings":
        raise PluginError(
            f"{where}: unknown marker '{match[0]}': markers start with 'settings:', "
            f"for example <!-- settings:table imap --> (see CONTRIBUTING.md, Markers)"
        )
    if kind == "value":
        return render_value(argument, settings, labels, where)
    if kind == "download":
        return render_download(argument, downloads or {}, labels, where)
    if kind in ("table", "support"):
        if line.strip() != match[0]:
            raise PluginError(f"{where}: the marker '{match[0]}' must stand alone on its line")
        indent = line[: len(line) - len(line.lstrip())]
        if kind == "table":
            block = render_settings_table(argument, settings, labels, where)
        else:
            block = render_support(settings, labels)
        return "\n" + "\n".join(indent + row if row else row for row in block.split("\n")) + "\n"
    raise PluginError(
        f"{where}: unknown marker kind '{kind}' in '{match[0]}'; "
        f"use settings:table, settings:value, settings:support or settings:download (see CONTRIBUTING.md, Markers)"
    )


def render_settings_table(server_key: str, settings: dict, labels: dict, where: str = "") -> str:
    """One server's settings as a Markdown table, in the labels' language."""
    if server_key not in mail_data.SERVER_KEYS:
        raise PluginError(
            f"{where}: unknown server '{server_key}' in <!-- settings:table {server_key} -->; "
            f"expected one of: {', '.join(mail_data.SERVER_KEYS)}"
        )
    return partials.template("settings/table.md").render(
        server_key=server_key,
        labels=labels,
        value=lambda key: render_value(key, settings, labels, where),
    ).strip("\n")


def render_value(key: str, settings: dict, labels: dict, where: str = "") -> Markup:
    """One setting inline, e.g. `imap.host` -> <code>mail.example.com</code>."""
    template = partials.template("settings/value.html")
    provider, support = settings["provider"], settings["support"]
    if key == "provider":
        return Markup(template.render(kind="text", key=key, text=provider["name"]))
    if key == "webmail":
        return Markup(template.render(kind="link", key=key, text=provider["webmail_name"], href=provider["webmail_url"]))
    if key == "support-email":
        email = support["email"]
        return Markup(template.render(kind="link", key=key, text=email, href=f"mailto:{email}"))
    if key == "support-chat":
        return Markup(template.render(kind="link", key=key, text=labels["support_chat"], href=support["chat_url"]))
    if key == "username":
        example = template.render(kind="code", key="example-address", text=labels["example_address"])
        return fill_label(labels[f"username.{settings['username']}"], example=Markup(example))
    server_key, _, field = key.partition(".")
    server = settings["servers"].get(server_key)
    if server is None or field not in ("host", "port", "ports", "security", "authentication"):
        raise PluginError(
            f"{where}: unknown setting '{key}' in <!-- settings:value {key} -->; expected "
            f"SERVER.FIELD with SERVER one of {', '.join(mail_data.SERVER_KEYS)} and FIELD one of "
            "host, port, ports, security, authentication; or username, provider, webmail, "
            "support-email, support-chat (see CONTRIBUTING.md, Markers)"
        )
    recommended = server["ports"][0]
    if field == "host":
        return Markup(template.render(kind="code", key=key, text=server["host"]))
    if field == "port":
        return Markup(template.render(kind="code", key=key, text=recommended["port"]))
    if field == "security":
        return Markup(template.render(kind="text", key=key, text=labels[f"security.{recommended['security']}"]))
    if field == "authentication":
        return Markup(template.render(kind="text", key=key, text=labels[f"authentication.{server['authentication']}"]))
    if len(server["ports"]) == 1:
        return Markup(template.render(kind="code", key=key, text=recommended["port"]))
    return Markup(escape(labels["port_separator"])).join(
        fill_label(
            labels["port_with_security"],
            port=Markup(template.render(kind="code", key=f"{key}[{i}]", text=entry["port"])),
            security=labels[f"security.{entry['security']}"],
        )
        for i, entry in enumerate(server["ports"])
    )


def render_download(name: str, downloads: dict, labels: dict, where: str = "") -> Markup:
    """A download button for a file hooks/setup_files.py writes, e.g. the Apple profile."""
    if name not in setup_files.DOWNLOADS or name not in downloads:
        raise PluginError(
            f"{where}: unknown download '{name}' in <!-- settings:download {name} -->; "
            f"expected one of: {', '.join(setup_files.DOWNLOADS)} (see CONTRIBUTING.md, Markers)"
        )
    return Markup(
        partials.template("settings/download.html").render(
            name=name,
            href=downloads[name],
            text=labels[setup_files.DOWNLOADS[name]],
            content_type=setup_files.PROFILE_CONTENT_TYPE,
        )
    )


def render_support(settings: dict, labels: dict) -> str:
    """The support paragraph that ends every guide."""
    sentence = fill_label(
        labels["support"],
        email=render_value("support-email", settings, labels),
        chat=render_value("support-chat", settings, labels),
    )
    return partials.template("settings/support.html").render(sentence=sentence)


def fill_label(label: str, **parts) -> Markup:
    """Escape a label's text and put the (already safe) parts in its {placeholders}."""
    return Markup(escape(label)).format(**parts)




def _first_line(page) -> int:
    """The source line the page's Markdown starts on (after its front matter)."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    markdown = page.markdown or ""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1
