"""MkDocs hook: what a reader's browser, a search engine and a link preview get around the text.

Per page, the head tags (overrides/partials/seo.html): the page in every language as absolute
URLs with x-default, and Open Graph title and description. Per language, the footer's words
(overrides/partials/copyright.html). Once per site, robots.txt pointing at the one sitemap.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from helpcenter import context
from helpcenter.languages import building_inside_i18n, is_fallback

X_DEFAULT = "x-default"  # hreflang for "no better match": the default language's page
SITEMAP_FILE = "sitemap.xml"


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The footer's words in the language being built."""
    env.globals["reader"] = reader_labels(context.of(config).labels_for())
    return env


def on_page_context(
    context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Head tags for search engines and link previews."""
    site = context.of(config)
    home = page.url in ("", site.current.prefix)
    context_["head"] = page_head(page, config, languages=site.locales, home=home)
    return context_


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    """robots.txt, once, at the site root."""
    if building_inside_i18n(config):
        return
    template = context.of(config).templates.get_template("robots.txt.html")
    robots = template.render(sitemap_url=urljoin(config.site_url or "/", SITEMAP_FILE))
    write_file((robots + "\n").encode("utf-8"), str(Path(config.site_dir, "robots.txt")))


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def reader_labels(labels: dict[str, str]) -> dict[str, str]:
    """{'privacy': ..., 'made_with': ...} from one language's `reader.*` labels."""
    return {
        key.removeprefix("reader."): value
        for key, value in labels.items()
        if key.startswith("reader.")
    }


def page_head(page: Page, config: MkDocsConfig, languages: list[str], home: bool) -> dict[str, Any]:
    """What overrides/partials/seo.html writes for one page (`home`: a language's front page)."""
    meta = page.meta or {}
    # A page shown in the default language because its language lacks it (hooks/fallback_pages.py)
    # is no translation: its canonical URL is the default language's page, and it names no others.
    alternates = {} if is_fallback(page.file) else getattr(page.file, "alternates", {})
    return {
        "alternates": hreflang_alternates(alternates, config.site_url, languages),
        "type": "website" if home else "article",
        "title": meta.get("title") or page.title or config.site_name,
        "description": meta.get("description") or config.site_description or "",
        "url": page.canonical_url,
    }


def hreflang_alternates(
    alternates: Mapping[str, Any], site_url: str | None, languages: list[str]
) -> list[dict[str, str]]:
    """[{'hreflang', 'href'}]: the same page in every language (mkdocs.yml's order), then
    x-default, the default language's (the first).

    `alternates` is static-i18n's {locale: File} of the page. Absolute URLs, because search
    engines ignore relative ones; none without `site_url` or when the page has one language.
    A language that shows the page untranslated (a fallback) is left out: it is no translation.
    """
    found = [
        locale
        for locale in languages
        if locale in alternates and not is_fallback(alternates[locale])
    ]
    if not site_url or len(found) < 2:
        return []
    links = [
        {"hreflang": locale, "href": urljoin(site_url, alternates[locale].url)} for locale in found
    ]
    if found[0] == languages[0]:
        links.append({"hreflang": X_DEFAULT, "href": links[0]["href"]})
    return links
