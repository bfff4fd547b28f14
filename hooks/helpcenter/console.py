"""The agents' console (`/agent/`, `/en/agent/`; issue 25): its page in every language and its
index, made from the same entries as links.json (`linkpages.catalog_entries`), so every page,
section and problem with a links.json entry is found in the console with no extra wiring.

links.json is 140 MB at 10,000 articles per language, so the console never loads it. The index
is split so a query fetches only what it needs: `index.json` (the languages, the settings lines
of the snippets, and each word prefix's posting file), one posting file per two-letter word
prefix (the rows whose words start so, as gaps between row numbers), and the rows themselves in
blocks of ROWS_PER_BLOCK, in links.json's order (the navigation's: the real pages first).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.utils import write_file

from helpcenter.context import SiteContext
from helpcenter.linkpages import catalog_entries, settings_lines

CONSOLE_DIR = "agent"
INDEX_DIR = "agent/index"
INDEX_FORMAT = 1
ROWS_PER_BLOCK = 256
PREFIX_LENGTH = 2
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-case words, split at anything not a letter or digit (agent.js splits the same way)."""
    return WORD.findall(text.lower())


def row(entry: dict[str, Any], site: SiteContext) -> list[Any]:
    """One links.json entry as the console needs it: [key, short link path, the server whose
    settings its snippet lists, its snippet's first line per language, its path per language]."""
    locales = site.locales
    server = None
    first = site.default.locale
    snippet = entry["snippet"].get(first, "")
    if entry["anchor"]:
        record = site.pages[first][entry["page"]]
        section = next((s for s in record.sections if s.id == entry["anchor"]), None)
        server = section.server if section else None
    headings = [entry["snippet"].get(locale, snippet).split("\n", 1)[0] for locale in locales]
    paths = [entry["url"].get(locale, "").removeprefix(site.site_url) for locale in locales]
    return [entry["key"], entry["short_link"].removeprefix(site.site_url), server, headings, paths]


def row_words(each: list[Any]) -> set[str]:
    return set(words(" ".join([each[0], *each[3]])))


def build_index(rows: Iterable[list[Any]]) -> tuple[list[list[Any]], dict[str, list[int]]]:
    """The rows in order, and for every word prefix the numbers of the rows with such a word."""
    all_rows: list[list[Any]] = []
    postings: dict[str, list[int]] = {}
    for number, each in enumerate(rows):
        all_rows.append(each)
        for prefix in sorted({word[:PREFIX_LENGTH] for word in row_words(each)}):
            postings.setdefault(prefix, []).append(number)
    return all_rows, postings


def gaps(numbers: list[int]) -> list[int]:
    """Ascending row numbers as the first and then the differences: short JSON."""
    return [b - a for a, b in zip([0, *numbers], numbers, strict=False)]


def manifest(site: SiteContext, prefixes: dict[str, list[int]], rows: int) -> dict[str, Any]:
    """index.json: what agent.js needs before the first query."""
    servers = list(site.settings["servers"])
    return {
        "format": INDEX_FORMAT,
        "site_url": site.site_url,
        "languages": [
            {"locale": lang.locale, "name": lang.name, "prefix": lang.prefix}
            for lang in site.languages
        ],
        "example_address": {
            lang.locale: site.labels[lang.locale]["example_address"] for lang in site.languages
        },
        "settings": {
            lang.locale: {
                server: settings_lines(server, site.settings, site.labels[lang.locale])
                for server in servers
            }
            for lang in site.languages
        },
        "rows": rows,
        "block": ROWS_PER_BLOCK,
        # prefix -> [its posting file's number, how many rows]
        "prefixes": {
            prefix: [number, len(numbers)]
            for number, (prefix, numbers) in enumerate(sorted(prefixes.items()))
        },
    }


def write_console(site_dir: Path, site: SiteContext) -> None:
    """The index files and the console page of every language."""
    rows, postings = build_index(row(entry, site) for entry in catalog_entries(site))
    index = site_dir / INDEX_DIR
    head = manifest(site, postings, len(rows))
    _write_json(index / "index.json", head)
    for prefix, (number, _) in head["prefixes"].items():
        _write_json(index / f"p{number}.json", gaps(postings[prefix]))
    for block, start in enumerate(range(0, len(rows), ROWS_PER_BLOCK)):
        _write_json(index / f"r{block}.json", rows[start : start + ROWS_PER_BLOCK])
    template = site.templates.get_template("agent/console.html")
    for lang in site.languages:
        labels = site.labels[lang.locale]
        html = template.render(
            lang=lang.locale,
            labels=labels,
            root=site.root,
            index=site.root + INDEX_DIR + "/",
            languages=site.languages,
        )
        write_file(html.encode("utf-8"), str(site_dir / lang.prefix / CONSOLE_DIR / "index.html"))


def _write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    write_file(text.encode("utf-8"), str(path))
