"""What hooks/links.py makes of the built pages: each page's outline, the copy-link buttons in
headings, old heading ids, and, once every language is built, the short-link and redirect
pages, links.json and the 404 pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import write_file

from helpcenter.context import SiteContext
from helpcenter.labels import Labels
from helpcenter.languages import Language
from helpcenter.mailsettings import Settings
from helpcenter.shortlinks import Section, Target, page_keys

CATALOG_PATH = "links.json"
NOT_FOUND_PAGE = "404.html"
SHORT_LINK_DIR = "go"
CATALOG_FORMAT = 1


def outline(toc: TableOfContents, servers: dict[str, str]) -> list[Section]:
    """A page's linkable sections (h2-h6, in order) from MkDocs' own table of contents, each with
    the server whose settings table it shows (recorded when the markers were filled)."""
    sections: list[Section] = []

    def walk(items: list[AnchorLink]) -> None:
        for item in items:
            if item.level > 1:
                sections.append(
                    Section(item.id, item.title, servers.get(item.id) or servers.get(item.title))
                )
            walk(item.children)

    walk(list(toc))
    return sections


def heading_button(page_url: str, labels: Labels, site: SiteContext) -> Callable[[str, int], str]:
    """The copy-link button of a heading with an id: the page's link for its title (h1), the
    section's link for any other (helpcenter/headings.py puts it in the heading)."""
    template = site.templates.get_template("links/copy.html")

    def button(anchor: str, level: int) -> str:
        url = page_url if level == 1 else f"{page_url}#{anchor}"
        return template.render(
            kind="link", text=url, label=labels["links.copy_link"], copied=labels["links.copied"]
        )

    return button


def old_ids(
    docs_path: str,
    redirects: dict[Target, Target],
    href: Callable[[Target], str],
    template: jinja2.Template,
) -> tuple[dict[str, list[str]], list[str]]:
    """Old heading ids of this page still work: an empty element with the old id (old-id.html),
    before the renamed heading ({new id: [elements]}), or first on the page, one that sends the
    reader on (links.js) when the section moved away (to `href(new target)`)."""
    before: dict[str, list[str]] = {}
    first: list[str] = []
    for old, new in redirects.items():
        if old.page != docs_path or old.anchor is None:
            continue
        if new.page == docs_path and new.anchor:
            before.setdefault(new.anchor, []).append(template.render(id=old.anchor, moved_to=None))
        else:
            first.insert(0, template.render(id=old.anchor, moved_to=href(new)))
    return before, first


def heading_ids(site: SiteContext) -> dict[str, dict[str, set[str]]]:
    """{docs path: {locale: the ids of its headings}} for every page built."""
    return {
        path: {
            locale: {s.id for s in pages[path].sections}
            for locale, pages in site.pages.items()
            if path in pages
        }
        for path in site.page_urls
    }


def settings_lines(server: str, settings: Settings, labels: Labels) -> list[str]:
    """What a customer types for one server, as plain text lines, from the data file."""
    data = settings["servers"][server]
    port = data["ports"][0]
    username = labels.text(
        f"username.{settings['username']}.cell", example=labels["example_address"]
    )
    return [
        f"{labels['table.host']}: {data['host']}",
        f"{labels['table.port']}: {port['port']}",
        f"{labels['table.security']}: {labels['security.' + port['security']]}",
        f"{labels['table.username']}: {username}",
    ]


def catalog_head(site: SiteContext) -> dict[str, Any]:
    """links.json (README.md) without its entries: its format, the site and its languages."""
    return {
        "format": CATALOG_FORMAT,
        "site_url": site.site_url,
        "languages": [
            {
                "locale": lang.locale,
                "name": lang.name,
                "default": lang.default,
                "url": site.site_url + lang.prefix,
            }
            for lang in site.languages
        ],
        "fallback_language": site.links.fallback_language,
        "entries": [],
    }


def catalog_entries(site: SiteContext) -> Iterator[dict[str, Any]]:
    """links.json's entries: every page and every linkable section, in every language."""
    keys = page_keys(site.links)
    for docs_path in site.page_urls:
        sections = site.pages[site.default.locale][docs_path].sections
        for target in [Target(docs_path)] + [Target(docs_path, section.id) for section in sections]:
            yield catalog_entry(target, keys.get(target, []), keys[Target(docs_path)][0], site)


def write_catalog(path: Path, site: SiteContext) -> None:
    """links.json, one entry at a time: 140 MB at 10,000 articles per language, and made whole
    in memory first it was most of the build's peak. The text is json.dumps(indent=2)'s."""
    head = json.dumps(catalog_head(site), ensure_ascii=False, indent=2)
    before, after = head.rsplit('"entries": []', 1)  # the last key
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(before + '"entries": [')
        written = 0
        for entry in catalog_entries(site):
            text = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            out.write(("," if written else "") + "\n    " + text)
            written += 1
        out.write(("\n  ]" if written else "]") + after + "\n")


def catalog_entry(
    target: Target, declared: list[str], page_key: str, site: SiteContext
) -> dict[str, Any]:
    """One page or section: its own short link if data/links.yml declares one, else the page's
    short link with the #section; its title, address and a snippet to paste, per language."""
    suffix = f"#{target.anchor}" if target.anchor and not declared else ""
    short = f"{site.site_url}{SHORT_LINK_DIR}/{declared[0] if declared else page_key}/"
    entry: dict[str, Any] = {
        "key": declared[0] if declared else f"{page_key}{suffix}",
        "page": target.page,
        "anchor": target.anchor,
        "short_link": short + suffix,
        "short_links": {lang.locale: f"{short}{lang.locale}/{suffix}" for lang in site.languages},
        "title": {},
        "url": {},
        "snippet": {},
        "translated": {},
    }
    for lang in site.languages:
        record = site.pages[lang.locale].get(target.page)
        section = (
            next((s for s in record.sections if s.id == target.anchor), None) if record else None
        )
        if record is None or (target.anchor and section is None):
            continue  # the ids test names what is missing
        url = (
            site.site_url
            + lang.prefix
            + record.path
            + (f"#{target.anchor}" if target.anchor else "")
        )
        title = section.title if section else record.title
        lines = [f"{record.title}: {title}" if section else title]
        if section and section.server:
            lines += settings_lines(section.server, site.settings, site.labels[lang.locale])
        entry["title"][lang.locale] = title
        entry["url"][lang.locale] = url
        entry["snippet"][lang.locale] = "\n".join([*lines, url])
        entry["translated"][lang.locale] = record.translated
    return entry


def write_site_files(
    site_dir: Path, site: SiteContext, use_directory_urls: bool = True, from_records: bool = True
) -> None:
    """Short links, redirect pages, links.json and the 404 pages, once every language is built;
    without `from_records`, only the 404 pages (the others are the last build's, unchanged)."""
    if from_records:
        _write_from_records(site_dir, site, use_directory_urls)
    for lang in site.languages:  # the root 404.html becomes the default language's again
        if lang.locale in site.not_found_html:
            _write(site_dir / (lang.prefix + NOT_FOUND_PAGE), site.not_found_html[lang.locale])


def _write_from_records(site_dir: Path, site: SiteContext, use_directory_urls: bool) -> None:
    for key, target in site.links.short_links.items():
        choices = [choice(target, lang, site) for lang in site.languages]
        # The reader's language only if it has the page translated; else the next one they read.
        translated = [each for each in choices if each["translated"]]
        _write(site_dir / SHORT_LINK_DIR / key / "index.html", redirect_page(translated, site))
        for each in choices:
            _write(
                site_dir / SHORT_LINK_DIR / key / each["locale"] / "index.html",
                redirect_page([each], site),
            )
    moved_ids: dict[str, dict[str, Target]] = {}
    for old, new in site.links.redirects.items():
        if old.anchor:
            moved_ids.setdefault(old.page, {})[old.anchor] = new
    for old, new in site.links.redirects.items():
        if old.anchor:
            continue
        old_file = File(old.page, "", "", use_directory_urls)
        for lang in site.languages:
            moved = {
                anchor: href(target, lang, site)
                for anchor, target in moved_ids.get(old.page, {}).items()
            }
            sentence = site.labels[lang.locale]["links.moved"]
            page = redirect_page([choice(new, lang, site)], site, moved=moved, sentence=sentence)
            _write(site_dir / (lang.prefix + old_file.dest_uri), page)
    write_catalog(site_dir / CATALOG_PATH, site)


def href(target: Target, lang: Language, site: SiteContext) -> str:
    """A target's address in one language, from the site root: /PREFIX/guides/iphone/#step-3."""
    record = site.pages.get(lang.locale, {}).get(target.page)
    path = record.path if record else site.page_urls.get(target.page, "")
    return site.root + lang.prefix + path + (f"#{target.anchor}" if target.anchor else "")


def choice(target: Target, lang: Language, site: SiteContext) -> dict[str, Any]:
    """One language's way to a target: its title there, its address from the root, its URL, and
    whether that language has it translated (else it shows the default language's text)."""
    own = site.pages[lang.locale].get(target.page)
    record = own or site.pages[site.default.locale][target.page]
    section = next((s for s in record.sections if s.id == target.anchor), None)
    title = f"{record.title}: {section.title}" if section else record.title
    address = href(target, lang, site)
    return {
        "locale": lang.locale,
        "name": lang.name,
        "title": title,
        "href": address,
        "url": urljoin(site.site_url, address),
        "translated": own is not None and own.translated,
    }


def redirect_page(
    choices: list[dict[str, Any]],
    site: SiteContext,
    moved: dict[str, str] | None = None,
    sentence: str | None = None,
) -> str:
    """A plain page that sends the reader on: to the one choice, or to the browser's language
    (the first choice, the default language's, is the canonical address and the no-script one)."""
    default = choices[0]
    targets = {each["locale"]: each["href"] for each in choices}
    return site.templates.get_template("links/redirect.html").render(
        lang=default["locale"],
        title=default["title"],
        canonical=default["url"],
        choices=choices,
        targets=targets,
        fallback=site.links.fallback_language
        if site.links.fallback_language in targets
        else default["locale"],
        default_href=default["href"],
        moved=moved or {},
        sentence=sentence,
    )


def _write(path: Path, text: str) -> None:
    write_file(text.encode("utf-8"), str(path))
