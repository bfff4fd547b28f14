"""MkDocs hook: links a support agent can paste into a chat, that land in the reader's language,
on the right section, today and after the next rename.

From data/links.yml and the pages as they are built, it writes the short links (`/go/KEY/`,
`/go/KEY/LOCALE/`), a redirect page for every renamed page in every language, the link catalog
`links.json` and one 404 page per language; it puts a copy button next to every linkable heading
and every host and port, and gives the language switcher the same page in every language.
static-i18n runs every event once per language and builds the other languages from inside the
default language's `on_post_build`: pages are recorded as each language is built, and the
site-wide files are written by the `on_post_build` of the last language built.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import mail_data
import partials
from mail_data import DataError, dotted

LINKS_FILE = mail_data.PROJECT_DIR / "data" / "links.yml"
CATALOG_PATH = "links.json"
NOT_FOUND_PAGE = "404.html"
SHORT_LINK_DIR = "go"
CATALOG_FORMAT = 1

KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TARGET = re.compile(r"(?P<page>[^#\s]+\.md)(?:#(?P<anchor>[A-Za-z][\w-]*))?")
HEADING = re.compile(r'(<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>)(?P<inner>.*?)(</h(?P=level)>)', re.S)
# The host and port values hooks/settings.py renders from overrides/partials/settings/value.html.
COPYABLE_VALUE = re.compile(
    r'<code class="mail-setting" data-setting="(?:%s)\.(?:host|port|ports(?:\[\d+\])?)">(?P<text>[^<]*)</code>'
    % "|".join(mail_data.SERVER_KEYS)
)


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    prefix: str  # where its pages are below the site root: "" for the default, else "LOCALE/"
    default: bool


@dataclass(frozen=True)
class Target:
    """A page in docs/ and maybe a heading id, as written in data/links.yml: `index.md#smtp-settings`."""

    page: str
    anchor: str | None = None

    def __str__(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


@dataclass
class Links:
    """data/links.yml, checked for shape; `lines` maps each key path to its line."""

    fallback_language: str
    short_links: dict[str, Target]
    redirects: dict[Target, Target]
    lines: dict[tuple, int]
    name: str

    def problem(self, path: tuple, message: str) -> tuple[int, str]:
        """(line, message) for a key path such as ('short_links', 'iphone')."""
        line = self.lines.get(path, self.lines.get(path[:1], 1))
        return line, f"{self.name}:{line}: {dotted(path)}: {message}"


@dataclass
class Section:
    id: str
    title: str
    server: str | None = None  # "imap" when the section shows that server's settings table


@dataclass
class PageRecord:
    """What one language's build made of one page."""

    path: str  # below the language's prefix: "guides/iphone/"
    title: str
    sections: list[Section]
    translated: bool


@dataclass
class _Build:
    """Everything the hook gathers from the first language's on_config to the last on_post_build."""

    languages: list[Language]
    links: Links
    settings: dict
    labels: dict[str, dict[str, str]]
    site_url: str
    page_urls: dict[str, str] = field(default_factory=dict)  # docs path -> URL path, nav order
    pages: dict[str, dict[str, PageRecord]] = field(default_factory=dict)  # locale -> docs path -> page
    not_found_html: dict[str, str] = field(default_factory=dict)
    current: str = ""


_build: _Build | None = None


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_config(config):
    """Load and check data/links.yml when the first language starts building."""
    global _build
    languages = site_languages(config)
    language = mail_data.building_language(config)
    if _build is None or language == languages[0].locale:
        if not config.site_url:
            raise PluginError(
                "mkdocs.yml: site_url: expected the site's public address (https://help.example.com/); "
                "short links, links.json and the copy buttons build absolute links from it"
            )
        locales = [lang.locale for lang in languages]
        _build = _Build(
            languages=languages,
            links=load_links(LINKS_FILE, locales),
            settings=mail_data.load_settings(),
            labels=mail_data.load_labels(locales),
            site_url=config.site_url if config.site_url.endswith("/") else config.site_url + "/",
        )
    _build.current = language
    _build.pages.setdefault(language, {})
    return config


def on_nav(nav, config, files):
    """In the default language's build, check every short link and redirect against the pages."""
    if _build.current == _build.languages[0].locale:
        in_nav = [page.file.src_uri for page in nav.pages]
        pages = {f.src_uri: _url_path(f.url) for f in files.documentation_pages()}
        _build.page_urls = {path: pages[path] for path in in_nav + sorted(pages) if path in pages}
        _raise(check_pages(_build.links, _build.page_urls))
    return nav


def on_page_content(html_text, page, config, files):
    """Record the page's sections; add the copy buttons and the old ids of renamed headings."""
    language = _language(_build.current)
    docs_path = neutral_docs_path(page.file.src_uri, [lang.locale for lang in _build.languages])
    labels = _build.labels[language.locale]
    # The front matter title, not the short menu label mkdocs.yml `nav:` gives the page.
    title, sections = outline(html_text, page.meta.get("title") or page.title)
    _build.pages[language.locale][docs_path] = PageRecord(
        path=_url_path(page.url)[len(language.prefix):],
        title=title,
        sections=sections,
        translated=getattr(page.file, "locale", language.locale) == language.locale,
    )
    html_text = add_copy_buttons(html_text, urljoin(_build.site_url, page.url), labels)
    return add_old_ids(html_text, docs_path, _build.links.redirects, lambda target: _href(target, language))


def on_page_context(context, page, config, nav):
    """The language switcher's links: this page in every language."""
    alternates = getattr(page.file, "alternates", {})
    context["links_switcher"] = [
        {
            "lang": lang.locale,
            "name": lang.name,
            "link": alternates[lang.locale].url if lang.locale in alternates else _root() + lang.prefix,
            "current": lang.locale == _build.current,
        }
        for lang in _build.languages
    ]
    return context


def on_template_context(context, template_name, config):
    """The 404 page: its words, its language's overview, and every language's 404 page."""
    if template_name == NOT_FOUND_PAGE:
        language = _language(_build.current)
        labels = _build.labels[language.locale]
        context["links_switcher"] = [
            {"lang": lang.locale, "name": lang.name, "link": _root() + lang.prefix, "current": lang == language}
            for lang in _build.languages
        ]
        context["links_not_found"] = {
            "title": labels["links.not_found.title"],
            "text": labels["links.not_found.text"],
            "search": labels["links.not_found.search"],
            "overview": labels["links.not_found.overview"],
            "home": _root() + language.prefix,
            "pages": {_root() + lang.prefix: _root() + lang.prefix + NOT_FOUND_PAGE for lang in _build.languages},
        }
    return context


def on_post_build(config):
    """Keep this language's 404 page; after the last language, write the site-wide files."""
    site = Path(config.site_dir)
    language = _language(_build.current)
    not_found = site / NOT_FOUND_PAGE
    if not_found.exists():
        _build.not_found_html[language.locale] = not_found.read_text(encoding="utf-8")
    if set(_build.pages) != {lang.locale for lang in _build.languages}:
        return
    _raise(check_anchors(_build.links, heading_ids(_build)))
    write_site_files(site, _build, use_directory_urls=config.use_directory_urls)


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def site_languages(config) -> list[Language]:
    """The site's languages from mkdocs.yml (plugins > i18n), the default one first."""
    order = mail_data.site_languages(config)
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [Language(order[0], order[0], "", True)]
    found = {lang.locale: lang for lang in i18n.config.languages}
    return [
        Language(locale, found[locale].name, found[locale].link.lstrip("/"), bool(found[locale].default))
        for locale in order
    ]


def neutral_docs_path(src_uri: str, locales: list[str]) -> str:
    """`guides/iphone.LOCALE.md` -> `guides/iphone.md`: the page, whatever its file's language."""
    for locale in locales:
        if src_uri.endswith(f".{locale}.md"):
            return src_uri[: -len(f".{locale}.md")] + ".md"
    return src_uri


def load_links(path: Path, locales: list[str]) -> Links:
    """data/links.yml, checked for shape (whether its pages exist is checked against the build)."""
    data, lines = mail_data.load_yaml(path)
    name = mail_data.display_path(path)
    if not isinstance(data, dict):
        raise DataError(f"{name}: expected the keys fallback_language, short_links and redirects, got {type(data).__name__}")
    links = Links("", {}, {}, lines, name)
    problems = []
    allowed = ("fallback_language", "short_links", "redirects")
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
            problems.append(links.problem((key,), f"unknown key {key!r}; {hint}"))
    for key in allowed:
        if key not in data:
            problems.append((1, f"{name}:1: {key}: missing; add it (see the comments in the file)"))
    fallback = data.get("fallback_language")
    if "fallback_language" in data and fallback not in locales:
        problems.append(links.problem(("fallback_language",), f"expected one of the site's languages ({', '.join(locales)}), got {fallback!r}"))
    links.fallback_language = fallback
    for key, value in _mapping(data, "short_links", links, problems).items():
        if not isinstance(key, str) or not KEY.fullmatch(key):
            problems.append(links.problem(("short_links", key), f"a short link key is lowercase letters and digits joined by '-' (like new-outlook), got {key!r}"))
        target = _target(value, ("short_links", key), links, problems)
        if target:
            links.short_links[str(key)] = target
    for old, new in _mapping(data, "redirects", links, problems).items():
        old_target = _target(old, ("redirects", old), links, problems)
        new_target = _target(new, ("redirects", old), links, problems)
        if old_target and new_target:
            if old_target == new_target:
                problems.append(links.problem(("redirects", old), "redirects to itself; remove the line"))
            links.redirects[old_target] = new_target
    _raise(problems)
    return links


def check_pages(links: Links, page_urls: dict[str, str]) -> list[tuple[int, str]]:
    """Every short link and redirect points at a page that exists; every page has a short link."""
    problems = []

    def missing(target: Target, path: tuple):
        close = difflib.get_close_matches(target.page, page_urls, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "write it as from docs/, like guides/iphone.md"
        problems.append(links.problem(path, f"no page docs/{target.page}; {hint}"))

    for key, target in links.short_links.items():
        if target.page not in page_urls:
            missing(target, ("short_links", key))
    redirected_pages = {old.page for old in links.redirects if old.anchor is None}
    for old, new in links.redirects.items():
        path = ("redirects", str(old))
        if old.anchor is None and old.page in page_urls:
            problems.append(links.problem(path, f"docs/{old.page} is a page; a redirect would hide it. Remove the redirect or move the page"))
        if old.anchor is not None and old.page not in page_urls and old.page not in redirected_pages:
            problems.append(links.problem(path, f"docs/{old.page} is neither a page nor redirected; add a redirect for the page first ({old.page}: new-page.md)"))
        if new.page not in page_urls:
            missing(new, path)
    with_key = {target.page for target in links.short_links.values() if target.anchor is None}
    for page in page_urls:
        if page not in with_key:
            key = Path(page).stem if Path(page).stem != "index" else Path(page).parent.name or "overview"
            problems.append(links.problem(("short_links",), f"the page docs/{page} has no short link; add a line such as '{key}: {page}'"))
    return problems


def check_anchors(links: Links, ids: dict[str, dict[str, set[str]]]) -> list[tuple[int, str]]:
    """Heading ids that short links and redirects name exist in every language; old ids are gone."""
    problems = []

    def check(target: Target, path: tuple):
        if target.anchor is None or target.page not in ids:
            return
        lacking = sorted(locale for locale, found in ids[target.page].items() if target.anchor not in found)
        if lacking:
            known = sorted(set.union(*ids[target.page].values()))
            close = difflib.get_close_matches(target.anchor, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the page's ids: {', '.join(known)}"
            problems.append(links.problem(path, f"docs/{target.page} has no heading {{#{target.anchor}}} in {', '.join(lacking)}; {hint}"))

    for key, target in links.short_links.items():
        check(target, ("short_links", key))
    for old, new in links.redirects.items():
        check(new, ("redirects", str(old)))
        if old.anchor and old.page in ids and any(old.anchor in found for found in ids[old.page].values()):
            problems.append(links.problem(("redirects", str(old)), f"docs/{old.page} still has a heading {{#{old.anchor}}}; remove the redirect or rename the heading"))
    return problems


class _Outline(HTMLParser):
    """The h1 text and the h2-h6 headings with an id, and which server's settings table each shows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.h1 = ""
        self.sections: list[Section] = []
        self._heading: list | None = None  # [level, id, text parts]
        self._in_headerlink = False
        self._tables = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and attrs.get("id"):
            self._heading = [int(tag[1]), attrs["id"], []]
        elif tag == "a" and self._heading and "headerlink" in (attrs.get("class") or "").split():
            self._in_headerlink = True
        elif tag == "table":
            self._tables += 1
        setting = attrs.get("data-setting") or ""
        server, _, key = setting.partition(".")
        if self._tables and key == "host" and server in mail_data.SERVER_KEYS and self.sections and not self.sections[-1].server:
            self.sections[-1].server = server

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_headerlink = False
        elif tag == "table":
            self._tables -= 1
        elif self._heading and tag == f"h{self._heading[0]}":
            level, id_, parts = self._heading
            text = " ".join("".join(parts).split())
            if level == 1:
                self.h1 = text
            else:
                self.sections.append(Section(id_, text))
            self._heading = None

    def handle_data(self, data):
        if self._heading and not self._in_headerlink:
            self._heading[2].append(data)


def outline(html_text: str, page_title: str | None = None) -> tuple[str, list[Section]]:
    """A page's title (front matter first) and its linkable sections, in order."""
    parser = _Outline()
    parser.feed(html_text)
    parser.close()
    return page_title or parser.h1, parser.sections


def add_copy_buttons(html_text: str, page_url: str, labels: dict) -> str:
    """A copy-link button in every heading with an id, a copy button after every host and port."""

    def heading(match: re.Match) -> str:
        url = page_url if match["level"] == "1" else f"{page_url}#{match['id']}"
        button = partials.template("links/copy.html").render(kind="link", text=url, label=labels["links.copy_link"], copied=labels["links.copied"])
        return f"{match[1]}{match['inner']}{button}{match[5]}"

    def value(match: re.Match) -> str:
        text = html.unescape(match["text"])
        label = escape(labels["links.copy_value"]).format(value=text)
        button = partials.template("links/copy.html").render(kind="value", text=text, label=label, copied=labels["links.copied"])
        return match[0] + button

    return COPYABLE_VALUE.sub(value, HEADING.sub(heading, html_text))


def add_old_ids(html_text: str, docs_path: str, redirects: dict[Target, Target], href) -> str:
    """Old heading ids of this page still work: an empty element with the old id, before the
    renamed heading, or one that sends the reader on (links.js) when the section moved away."""
    for old, new in redirects.items():
        if old.page != docs_path or old.anchor is None:
            continue
        if new.page == docs_path and new.anchor:
            alias = partials.template("links/old-id.html").render(id=old.anchor, moved_to=None)
            html_text = re.sub(rf'(?=<h[1-6] id="{re.escape(new.anchor)}")', lambda _: alias, html_text, count=1)
        else:
            html_text = partials.template("links/old-id.html").render(id=old.anchor, moved_to=href(new)) + html_text
    return html_text


def heading_ids(build: _Build) -> dict[str, dict[str, set[str]]]:
    """{docs path: {locale: the ids of its headings}} for every page built."""
    return {
        path: {locale: {s.id for s in pages[path].sections} for locale, pages in build.pages.items() if path in pages}
        for path in build.page_urls
    }


def page_keys(links: Links) -> dict[Target, list[str]]:
    """Each target's short link keys, in the order data/links.yml gives them."""
    keys: dict[Target, list[str]] = {}
    for key, target in links.short_links.items():
        keys.setdefault(target, []).append(key)
    return keys


def settings_lines(server: str, settings: dict, labels: dict) -> list[str]:
    """What a customer types for one server, as plain text lines, from the data file."""
    data = settings["servers"][server]
    port = data["ports"][0]
    username = labels[f"username.{settings['username']}"].replace("{example}", labels["example_address"])
    return [
        f"{labels['table.host']}: {data['host']}",
        f"{labels['table.port']}: {port['port']}",
        f"{labels['table.security']}: {labels['security.' + port['security']]}",
        f"{labels['table.username']}: {username}",
    ]


def catalog(build: _Build) -> dict:
    """links.json: every page and every linkable section, in every language (see README.md)."""
    keys = page_keys(build.links)
    entries = []
    for docs_path in build.page_urls:
        sections = build.pages[build.languages[0].locale][docs_path].sections
        for target in [Target(docs_path)] + [Target(docs_path, section.id) for section in sections]:
            entries.append(catalog_entry(target, keys.get(target, []), keys[Target(docs_path)][0], build))
    return {
        "format": CATALOG_FORMAT,
        "site_url": build.site_url,
        "languages": [
            {"locale": lang.locale, "name": lang.name, "default": lang.default, "url": build.site_url + lang.prefix}
            for lang in build.languages
        ],
        "fallback_language": build.links.fallback_language,
        "entries": entries,
    }


def catalog_entry(target: Target, declared: list[str], page_key: str, build: _Build) -> dict:
    """One page or section: its own short link if data/links.yml declares one, else the page's
    short link with the #section; its title, address and a snippet to paste, per language."""
    suffix = f"#{target.anchor}" if target.anchor and not declared else ""
    short = f"{build.site_url}{SHORT_LINK_DIR}/{declared[0] if declared else page_key}/"
    entry = {
        "key": declared[0] if declared else f"{page_key}{suffix}",
        "page": target.page,
        "anchor": target.anchor,
        "short_link": short + suffix,
        "short_links": {lang.locale: f"{short}{lang.locale}/{suffix}" for lang in build.languages},
        "title": {},
        "url": {},
        "snippet": {},
        "translated": {},
    }
    for lang in build.languages:
        record = build.pages[lang.locale].get(target.page)
        section = next((s for s in record.sections if s.id == target.anchor), None) if record else None
        if record is None or (target.anchor and section is None):
            continue  # the ids test names what is missing
        url = build.site_url + lang.prefix + record.path + (f"#{target.anchor}" if target.anchor else "")
        title = section.title if section else record.title
        lines = [f"{record.title}: {title}" if section else title]
        if section and section.server:
            lines += settings_lines(section.server, build.settings, build.labels[lang.locale])
        entry["title"][lang.locale] = title
        entry["url"][lang.locale] = url
        entry["snippet"][lang.locale] = "\n".join(lines + [url])
        entry["translated"][lang.locale] = record.translated
    return entry


def write_site_files(site: Path, build: _Build, use_directory_urls: bool = True) -> None:
    """Short links, redirect pages, links.json and the 404 pages, once every language is built."""
    for key, target in build.links.short_links.items():
        choices = [_choice(target, lang, build) for lang in build.languages]
        # The reader's language only if it has the page translated; else the next one they read.
        translated = [choice for choice in choices if choice["translated"]]
        _write(site / SHORT_LINK_DIR / key / "index.html", _redirect_page(translated, build))
        for choice in choices:
            _write(site / SHORT_LINK_DIR / key / choice["locale"] / "index.html", _redirect_page([choice], build))
    moved_ids = {}
    for old, new in build.links.redirects.items():
        if old.anchor:
            moved_ids.setdefault(old.page, {})[old.anchor] = new
    for old, new in build.links.redirects.items():
        if old.anchor:
            continue
        old_file = File(old.page, "", "", use_directory_urls)
        for lang in build.languages:
            choice = _choice(new, lang, build)
            moved = {anchor: _href(target, lang) for anchor, target in moved_ids.get(old.page, {}).items()}
            words = build.labels[lang.locale]
            _write(site / (lang.prefix + old_file.dest_uri), _redirect_page([choice], build, moved=moved, sentence=words["links.moved"]))
    _write(site / CATALOG_PATH, json.dumps(catalog(build), ensure_ascii=False, indent=2) + "\n")
    for lang in build.languages:  # the root 404.html becomes the default language's again
        if lang.locale in build.not_found_html:
            _write(site / (lang.prefix + NOT_FOUND_PAGE), build.not_found_html[lang.locale])


# --------------------------------------------------------------------------------------------
# Small parts
# --------------------------------------------------------------------------------------------


def _mapping(data: dict, key: str, links: Links, problems: list) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(links.problem((key,), f"expected a mapping (one 'key: target' per line), got {type(value).__name__}"))
        return {}
    return value


def _target(value, path: tuple, links: Links, problems: list) -> Target | None:
    match = TARGET.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        problems.append(links.problem(path, f"expected a page in docs/ and maybe a heading id, like guides/iphone.md or index.md#smtp-settings, got {value!r}"))
        return None
    return Target(match["page"], match["anchor"])


def _raise(problems: list[tuple[int, str]]) -> None:
    if problems:
        raise DataError("\n".join(message for _, message in sorted(set(problems))))


def _url_path(url: str) -> str:
    return "" if url in ("", "./", ".") else url


def _root() -> str:
    """The site's path on its host: "/" for https://help.example.com/."""
    return urlsplit(_build.site_url).path or "/"


def _language(locale: str) -> Language:
    return next(lang for lang in _build.languages if lang.locale == locale)


def _href(target: Target, lang: Language) -> str:
    """A target's address in one language, from the site root: /PREFIX/guides/iphone/#step-3."""
    record = _build.pages.get(lang.locale, {}).get(target.page)
    path = record.path if record else _build.page_urls.get(target.page, "")
    return _root() + lang.prefix + path + (f"#{target.anchor}" if target.anchor else "")


def _choice(target: Target, lang: Language, build: _Build) -> dict:
    """One language's way to a target: its title there, its address from the root, its URL, and
    whether that language has it translated (else it shows the default language's text)."""
    own = build.pages[lang.locale].get(target.page)
    record = own or build.pages[build.languages[0].locale][target.page]
    section = next((s for s in record.sections if s.id == target.anchor), None)
    title = f"{record.title}: {section.title}" if section else record.title
    href = _href(target, lang)
    return {
        "locale": lang.locale,
        "name": lang.name,
        "title": title,
        "href": href,
        "url": urljoin(build.site_url, href),
        "translated": own is not None and own.translated,
    }


def _redirect_page(choices: list[dict], build: _Build, moved: dict | None = None, sentence: str | None = None) -> str:
    """A plain page that sends the reader on: to the one choice, or to the browser's language
    (the first choice, the default language's, is the canonical address and the no-script one)."""
    default = choices[0]
    targets = {choice["locale"]: choice["href"] for choice in choices}
    return partials.template("links/redirect.html").render(
        lang=default["locale"],
        title=default["title"],
        canonical=default["url"],
        choices=choices,
        targets=targets,
        fallback=build.links.fallback_language if build.links.fallback_language in targets else default["locale"],
        default_href=default["href"],
        moved=moved or {},
        sentence=sentence,
    )




def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
