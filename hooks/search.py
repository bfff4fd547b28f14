"""MkDocs hook: one search index per language, downloaded only when the reader searches.

static-i18n merges every language into one search/search_index.json at the very end of the build,
and Material's page script downloads that file on every page view. This hook splits it: each
language gets `<prefix>search/search_docs.json` (its own pages, in Material's index format) and a
small `<prefix>search/search_index.json` that holds only the settings. Our search worker
(docs/assets/javascripts/workers/search-lazy.js) loads the documents, lunr and Material's worker
when the reader types, and strips the language's word endings (data/labels.yml,
`reader.search_endings`) from the query. README, "Search", explains the design.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import mail_data

SEARCH_DIR = "search"
# What Material's page script fetches from `<language root>/search/` on every page view.
SETTINGS_FILE = "search_index.json"
# What our worker fetches when the reader searches.
DOCS_FILE = "search_docs.json"
# Material's own worker, which ours loads on demand (its file name carries a hash).
MATERIAL_WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env, config, files):
    """Tell main.html the URL prefix of the language being built: Material's "base"."""
    env.globals["language_prefix"] = language_prefixes(config)[mail_data.building_language(config)]
    return env


@event_priority(
    -200
)  # after static-i18n's (-100), which builds the other languages and merges the index
def on_post_build(config):
    """Once the whole site exists: replace the merged index with one index per language."""
    if building_inside_i18n(config):
        return  # a language built from inside static-i18n; the merged index is not written yet
    site = Path(config.site_dir)
    merged_file = site / SEARCH_DIR / SETTINGS_FILE
    if not merged_file.exists():
        return  # search is turned off
    merged = json.loads(merged_file.read_text(encoding="utf-8"))
    if "docs_url" in merged["config"]:
        return  # already split: the search plugin did not rewrite it in this build
    prefixes = language_prefixes(config)
    labels = mail_data.load_labels(list(prefixes))
    worker = material_worker(config)
    for locale, docs in split_by_language(merged["docs"], prefixes).items():
        prefix = prefixes[locale]
        settings = language_settings(merged["config"], locale, prefix, labels[locale], worker)
        write_json(site / prefix / SEARCH_DIR / DOCS_FILE, {"config": settings, "docs": docs})
        write_json(site / prefix / SEARCH_DIR / SETTINGS_FILE, {"config": settings, "docs": []})


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def language_prefixes(config) -> dict[str, str]:
    """{locale: URL prefix} from mkdocs.yml, default language first: the default's prefix is ''."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {config.theme["language"]: ""}
    languages = [lang for lang in i18n.config.languages if lang.build and lang.locale != "null"]
    languages.sort(key=lambda lang: not lang.default)
    return {
        lang.locale: lang.link.strip("/") + "/" if lang.link.strip("/") else ""
        for lang in languages
    }


def building_inside_i18n(config) -> bool:
    """True while static-i18n builds another language from inside the default one's build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def split_by_language(docs: list[dict], prefixes: dict[str, str]) -> dict[str, list[dict]]:
    """Sort index entries by the language prefix of their location, which is cut off: each
    language's index is read from its own root (`"base"` in main.html)."""
    by_language = {locale: [] for locale in prefixes}
    for doc in docs:
        locale = language_of(doc["location"], prefixes)
        by_language[locale].append({**doc, "location": doc["location"][len(prefixes[locale]) :]})
    return by_language


def language_of(location: str, prefixes: dict[str, str]) -> str:
    """The language a site path belongs to: the longest prefix it starts with."""
    matches = [locale for locale, prefix in prefixes.items() if location.startswith(prefix)]
    return max(matches, key=lambda locale: len(prefixes[locale]))


def language_settings(merged: dict, locale: str, prefix: str, labels: dict, worker: str) -> dict:
    """Material's search settings for one language, plus what our worker needs."""
    return {
        **merged,
        "lang": [locale],
        "endings": query_endings(labels["reader.search_endings"]),
        "docs_url": f"{prefix}{SEARCH_DIR}/{DOCS_FILE}",
        "worker": worker,
    }


def query_endings(text: str) -> list[str]:
    """'arna  en t' -> ['arna', 'en', 't']: the word endings the worker strips, longest first."""
    return sorted(set(text.lower().split()), key=lambda ending: (-len(ending), ending))


def material_worker(config) -> str:
    """Path (from the site root) of Material's search worker, found in the theme."""
    for theme_dir in config.theme.dirs:
        found = sorted(Path(theme_dir).glob(MATERIAL_WORKER_GLOB))
        if found:
            return found[-1].relative_to(theme_dir).as_posix()
    raise PluginError(
        f"hooks/search.py: Material's search worker ({MATERIAL_WORKER_GLOB}) is not in the theme; "
        "did the mkdocs-material version change? Update MATERIAL_WORKER_GLOB"
    )


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
