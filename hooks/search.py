"""MkDocs hook: search with Pagefind, one index per language, downloaded only as the reader types.

Why Pagefind (issue 15, PERFORMANCE.md has the measured comparison): the lunr index Material
builds holds every word of every page and the reader's browser downloads and indexes all of it
before the first result (7.7 MB at 1000 articles per language). Pagefind stems each language
with a real Snowball stemmer (Swedish included) and splits its index into fragments, so a query
fetches only the words and pages it needs.

What this hook does:
- marks each page's article `data-pagefind-body` (only the text is indexed, not the navigation),
  and leaves out the parts of an article that are not its text (buttons, heading links, dates);
- after the whole site exists, writes one Pagefind bundle per language, `<prefix>pagefind/`,
  from that language's pages only, with its stemmer, plus `synonyms.json` (data/search-synonyms.yml);
- writes each language's `<prefix>search/search_index.json` with settings only: Material's page
  script sends it to our worker (docs/assets/javascripts/workers/search-lazy.js), which loads
  Pagefind when the reader types and answers in Material's format, so the search box, results,
  highlighting and keyboard stay Material's.
README.md, "Performance", says why; PERFORMANCE.md has the measured comparison.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

import search_synonyms
from helpcenter import preview
from helpcenter.languages import (
    building_inside_i18n,
    building_locale,
    configured_languages,
    site_languages,
)

SEARCH_DIR = "search"
# What Material's page script fetches from `<language root>/search/` on every page view.
SETTINGS_FILE = "search_index.json"
BUNDLE_DIR = "pagefind"
SYNONYMS_FILE = "synonyms.json"
# Pagefind's own ready-made interfaces: ours is Material's, so they are not published.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

# Material's article element: the text of a page.
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
# Parts of the article that are not its text: edit button, heading links and copy buttons, dates.
NOT_TEXT = [".md-content__button", ".headerlink", ".links-copy", ".md-source-file"]


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env, config, files):
    """Tell main.html the URL prefix of the language being built: Material's "base"."""
    env.globals["language_prefix"] = language_prefixes(config)[building_locale(config)]
    return env


@event_priority(100)  # before Material's search plugin (0)
def _no_lunr_entry(context, page, config, nav):
    """Material's search plugin adds every page to a lunr index that nobody downloads any more
    (about 9 % of a build, measured with cProfile at 200 articles per language). It skips a
    page while its `enabled` option is off; the header shows the search box only when it is
    on, so it is switched back on (below) before the page's template is rendered."""
    _set_search_plugin(config, False)
    return context


@event_priority(-100)  # after Material's search plugin, before the template is rendered
def _search_box_shown(context, page, config, nav):
    _set_search_plugin(config, True)
    return context


on_page_context = CombinedEvent(_no_lunr_entry, _search_box_shown)


def on_post_page(output: str, page, config) -> str:
    """Mark what Pagefind indexes: the article (NOT_TEXT is left out of it)."""
    return mark_for_index(output)


# After static-i18n's (-100), which builds the other languages, and after hooks/csp.py (-1000),
# the last to rewrite pages: the preview's index, made in the background, reads finished pages.
@event_priority(-1100)
def on_post_build(config) -> None:
    """Once the whole site exists: one Pagefind bundle and one settings file per language."""
    if building_inside_i18n(config):
        return  # a language built from inside static-i18n; the other languages do not exist yet
    site = Path(config.site_dir)
    prefixes = language_prefixes(config)
    synonyms = search_synonyms.load([language.locale for language in configured_languages(config)])
    separator = word_separator(config)

    def write_search_files() -> None:
        for locale, prefix in prefixes.items():
            bundle = site / prefix / BUNDLE_DIR
            pages = language_pages(site, prefix, prefixes)
            write_bundle(pages, site / prefix, locale, bundle, synonyms.get(locale, {}))
            write_json(
                site / prefix / SEARCH_DIR / SETTINGS_FILE,
                {"config": language_settings(locale, prefix, separator), "docs": []},
            )

    state = preview.of(config)
    if state is not None and state.dirty:
        # `make serve` after a text edit: the page is served at once, its search a moment later.
        state.run_after_build(write_search_files, "The search index")
    else:
        write_search_files()


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def mark_for_index(html: str) -> str:
    return _ARTICLE.sub(r"\g<0> data-pagefind-body", html, count=1)


def language_prefixes(config) -> dict[str, str]:
    """{locale: URL prefix}, default language first: the default's prefix is ''."""
    return {language.locale: language.prefix for language in site_languages(config)}


def language_pages(site: Path, prefix: str, prefixes: dict[str, str]) -> list[Path]:
    """The language's pages that have text to index (redirects, short links and other
    languages' folders have none)."""
    others = [site / other for other in prefixes.values() if other and other != prefix]
    return [
        path
        for path in sorted((site / prefix).rglob("*.html"))
        if not any(path.is_relative_to(other) for other in others)
        and "data-pagefind-body" in path.read_text(encoding="utf-8")
    ]


def write_bundle(
    pages: list[Path],
    root: Path,
    locale: str,
    bundle: Path,
    synonyms: dict[str, list[str]] | None = None,
) -> None:
    """Index one language's pages with its stemmer (Pagefind falls back to whole words for a
    language it has no stemmer for) and write the bundle. Pagefind's command reads a folder: it
    gets one holding links to this language's pages only, as they sit under the language root,
    so result URLs are relative to that root, as Material's "location" is."""
    from pagefind_bin import get_executable  # the build needs it; the tests of helpers do not

    written = bundle.with_name(f"{bundle.name}.new")
    shutil.rmtree(written, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        for page in pages:
            target = Path(folder) / page.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, target)
            except OSError:  # another file system: a copy
                shutil.copyfile(page, target)
        command = [
            str(get_executable()),
            "--site",
            folder,
            "--output-path",
            str(written),
            "--force-language",
            locale,
            "--exclude-selectors",
            ", ".join(NOT_TEXT),
            "--silent",
        ]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(written, ignore_errors=True)
        raise PluginError(
            f"hooks/search.py: Pagefind could not index the {locale} pages: "
            f"{result.stderr.strip() or result.stdout.strip()}"
        )
    for name in UNUSED_BUNDLE_FILES:
        (written / name).unlink(missing_ok=True)
    write_json(written / SYNONYMS_FILE, synonyms or {})
    # Swapped in whole, so a search during a preview's re-index finds the old bundle or the new.
    old = bundle.with_name(f"{bundle.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    written.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


def bundle_pages(bundle: Path) -> dict[str, dict]:
    """{URL: Pagefind's record of the page (url, content, meta...)} of a written bundle: what
    the search of that language can find. Each fragment is gzip'd JSON behind a signature."""
    pages = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[record["url"]] = record
    return pages


def language_settings(locale: str, prefix: str, separator: str) -> dict:
    """What Material's page script sends our worker: the language and where its bundle is; and
    the word separator, which Material's page script uses to mark the searched words on the
    page a result opens (`search.highlight`)."""
    return {
        "lang": [locale],
        "separator": separator,
        "bundle": f"{prefix}{BUNDLE_DIR}/",
        "synonyms": f"{prefix}{BUNDLE_DIR}/{SYNONYMS_FILE}",
    }


def _set_search_plugin(config, enabled: bool) -> None:
    plugin = config.plugins.get("material/search")
    if plugin is not None:
        plugin.config.enabled = enabled


def word_separator(config) -> str:
    """The search plugin's `separator` from mkdocs.yml (Material's own default without it)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(getattr(plugin, "config", None), "separator", None) or r"[\s\-]+"


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
