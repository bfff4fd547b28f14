"""MkDocs hook: search with Pagefind, one index per language, downloaded only as the reader types.

Why Pagefind (issue 15, PERFORMANCE.md has the measured comparison): the lunr index Material
builds holds every word of every page and the reader's browser downloads and indexes all of it
before the first result (7.7 MB at 1000 articles per language). Pagefind stems each language
with a real Snowball stemmer (Swedish included) and splits its index into fragments, so a query
fetches only the words and pages it needs.

What this hook does:
- indexes each page's article, which overrides/main.html marks `data-pagefind-body` (only the
  text, not the navigation), without the parts that are not its text (buttons, heading links,
  dates);
- after the whole site exists, writes one Pagefind bundle per language, `<prefix>pagefind/`,
  from that language's pages only, with its stemmer, plus `synonyms.json` (data/search-synonyms.yml);
  a language of more than 2,500 pages is indexed in shards, `<prefix>pagefind/<k>/`, to keep the
  indexer's memory down, and searched as one (helpcenter/pagefind_bundle.py; the environment
  variable HELP_SEARCH_SHARD_PAGES sets the shard size for one build, as the tests do);
- writes each language's `<prefix>search/search_index.json` with settings only: Material's page
  script sends it to our worker (docs/assets/javascripts/workers/search-lazy.js), which loads
  Pagefind when the reader types and answers in Material's format, so the search box, results,
  highlighting and keyboard stay Material's.
ARCHITECTURE.md, "Build performance", says why; PERFORMANCE.md has the measured comparison.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from helpcenter import context, preview_state
from helpcenter.languages import (
    building_inside_i18n,
    building_locale,
    site_languages,
)
from helpcenter.pagefind_bundle import SYNONYMS_FILE, vocabulary_ids, write_bundle, write_json
from helpcenter.pagefind_bundle import bundle_pages as bundle_pages  # the tests call it here

SEARCH_DIR = "search"
# What Material's page script fetches from `<language root>/search/` on every page view.
SETTINGS_FILE = "search_index.json"
BUNDLE_DIR = "pagefind"

# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Tell main.html the URL prefix of the language being built: Material's "base"."""
    env.globals["language_prefix"] = language_prefixes(config)[building_locale(config)]
    return env


@event_priority(100)  # before Material's search plugin (0)
def _no_lunr_entry(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    """Material's search plugin adds every page to a lunr index that nobody downloads any more
    (about 9 % of a build, measured with cProfile at 200 articles per language). It skips a
    page while its `enabled` option is off; the header shows the search box only when it is
    on, so it is switched back on (below) before the page's template is rendered."""
    _set_search_plugin(config, False)
    return context


@event_priority(-100)  # after Material's search plugin, before the template is rendered
def _search_box_shown(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    _set_search_plugin(config, True)
    return context


on_page_context = CombinedEvent(_no_lunr_entry, _search_box_shown)


# After static-i18n's (-100), which builds the other languages, and after hooks/csp.py (-1000),
# the last to rewrite pages: the preview's index, made in the background, reads finished pages.
@event_priority(-1100)
def on_post_build(config: MkDocsConfig) -> None:
    """Once the whole site exists: one Pagefind bundle and one settings file per language."""
    if building_inside_i18n(config):
        return  # a language built from inside static-i18n; the other languages do not exist yet
    site = Path(config.site_dir)
    prefixes = language_prefixes(config)
    synonyms = context.of(config).synonyms
    separator = word_separator(config)
    per_shard = context.of(config).options.search_shard_pages

    def write_search_files() -> None:
        for locale, prefix in prefixes.items():
            bundle = site / prefix / BUNDLE_DIR
            pages = language_pages(site, prefix, prefixes)
            shards = write_bundle(
                pages, site / prefix, locale, bundle, synonyms.get(locale, {}), per_shard
            )
            write_json(
                site / prefix / SEARCH_DIR / SETTINGS_FILE,
                {
                    "config": language_settings(
                        locale, prefix, separator, shards, vocabulary_ids(bundle)
                    ),
                    "docs": [],
                },
            )

    state = preview_state.of(config)
    if state is not None and state.dirty:
        # `make serve` after a text edit: the page is served at once, its search a moment later.
        state.run_after_build(write_search_files, "The search index")
    else:
        write_search_files()


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


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


def language_settings(
    locale: str, prefix: str, separator: str, shards: int = 1, skip: list[str] | None = None
) -> dict:
    """What Material's page script sends our worker: the language, where its bundle is, the
    bundle's other shards (helpcenter/pagefind_bundle.py), which the worker merges into shard 1,
    and the ids of their vocabulary pages, which it leaves out; and the word separator, which
    Material's page script uses to mark the searched words on the page a result opens
    (`search.highlight`)."""
    return {
        "lang": [locale],
        "separator": separator,
        "bundle": f"{prefix}{BUNDLE_DIR}/",
        "shards": [f"{prefix}{BUNDLE_DIR}/{number}/" for number in range(2, shards + 1)],
        "skip": skip or [],
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
