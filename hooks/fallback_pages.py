"""MkDocs hook: a page that a language has not translated yet says so, in the reader's language.

static-i18n (`fallback_to_default: true`) builds such a page from the default language's file at
the language's own address (`/<locale>/guides/iphone/`). This hook puts a banner over it
(overrides/partials/translation-fallback.html, words from data/labels.yml
`languages.not_translated`, the default language's name from mkdocs.yml) and points its
canonical URL at the default language's page, which is the text it shows. hooks/page_head.py
leaves it out of the hreflang links and overrides/sitemap.xml out of the sitemap: search engines
are never told it is a translation. LANGUAGES.md explains the whole design.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import context
from helpcenter.labels import Labels
from helpcenter.languages import is_fallback

__all__ = ["banner", "default_url", "is_fallback", "replaced_by_translation"]


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


@event_priority(100)  # before static-i18n (0) chooses each page's file
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """`make serve LANGUAGE=en` (static-i18n's build_only_locale) makes English the default
    language, so static-i18n takes guides/iphone.md, the Swedish text, for English too and keeps
    whichever of it and iphone.en.md comes last. The untranslated file goes where a translation
    exists; a page English lacks still shows the default language's text."""
    i18n: Any = config.plugins.get("i18n")
    only = getattr(getattr(i18n, "config", None), "build_only_locale", None)
    if only:
        pages = [file.src_uri for file in files.documentation_pages()]
        for src_uri in replaced_by_translation(pages, only):
            file = files.get_file_from_path(src_uri)
            if file is not None:
                files.remove(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A fallback page's canonical URL is the default language's page, whose text it shows."""
    if is_fallback(page.file) and config.site_url:
        page.canonical_url = urljoin(
            config.site_url, default_url(page.file, context.of(config).default.locale)
        )
    return markdown


def on_page_context(
    context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The banner's words for a fallback page (overrides/main.html shows them); None otherwise."""
    context_["translation_fallback"] = None
    if is_fallback(page.file):
        site = context.of(config)
        file: Any = page.file  # with static-i18n's attributes
        reader_locale: str = file.locale_alternate_of
        names = {language.locale: language.name for language in site.languages}
        context_["translation_fallback"] = banner(
            site.labels[reader_locale], reader_locale, file.locale, names
        )
    return context_


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def replaced_by_translation(src_uris: list[str], locale: str) -> list[str]:
    """The pages without a language suffix that have a `.<locale>.md` translation:
    ["guides/iphone.md", "guides/iphone.en.md", "card.md"], "en" -> ["guides/iphone.md"]."""
    present = set(src_uris)
    suffix = f".{locale}.md"
    return [
        uri[: -len(suffix)] + ".md"
        for uri in src_uris
        if uri.endswith(suffix) and uri[: -len(suffix)] + ".md" in present
    ]


def default_url(file: File, default_language: str) -> str:
    """The default language's address of a page (from the site root, no leading slash)."""
    alternates = getattr(file, "alternates", {}) or {}
    original = alternates.get(default_language)
    return original.url if original is not None and not is_fallback(original) else file.url


def banner(
    labels: Labels, reader_locale: str, text_locale: str, names: dict[str, str]
) -> dict[str, str]:
    """What overrides/partials/translation-fallback.html needs: the sentence in the reader's
    language, that language, and the language the page's text is in."""
    return {
        "text": labels.text(
            "languages.not_translated", language=names.get(text_locale, text_locale)
        ),
        "locale": reader_locale,
        "text_locale": text_locale,
    }
