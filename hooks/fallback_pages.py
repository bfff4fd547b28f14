"""MkDocs hook: a page that a language has not translated yet says so, in the reader's language.

static-i18n (`fallback_to_default: true`) builds such a page from the default language's file at
the language's own address (`/<locale>/guides/iphone/`). This hook puts a banner over it
(overrides/partials/translation-fallback.html, words from data/labels.yml
`languages.not_translated`, the default language's name from mkdocs.yml) and points its
canonical URL at the default language's page, which is the text it shows. hooks/reader.py
leaves it out of the hreflang links and overrides/sitemap.xml out of the sitemap: search engines
are never told it is a translation. README, "Languages", explains the whole design.
"""

from __future__ import annotations

from urllib.parse import urljoin

import mail_data

_labels: dict[str, dict[str, str]] = {}
_names: dict[str, str] = {}
_default_language: str | None = None


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_config(config):
    """The labels (validated: a language without the banner's words fails the build) and names."""
    global _labels, _names, _default_language
    locales = mail_data.site_languages(config)
    _labels = mail_data.load_labels(locales)
    _names = language_names(config)
    _default_language = locales[0]
    return config


def on_page_markdown(markdown, page, config, files):
    """A fallback page's canonical URL is the default language's page, whose text it shows."""
    if is_fallback(page.file) and config.site_url:
        page.canonical_url = urljoin(config.site_url, default_url(page.file, _default_language))
    return markdown


def on_page_context(context, page, config, nav):
    """The banner's words for a fallback page (overrides/main.html shows them); None otherwise."""
    context["translation_fallback"] = None
    if is_fallback(page.file):
        reader_locale = page.file.locale_alternate_of
        context["translation_fallback"] = banner(_labels[reader_locale], reader_locale, page.file.locale, _names)
    return context


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def is_fallback(file) -> bool:
    """Whether static-i18n built this file for a language it is not written in: a page that
    language lacks, shown in the default language (`locale` = the text's language,
    `locale_alternate_of` = the language it was built for)."""
    written_in = getattr(file, "locale", None)
    return written_in is not None and written_in != getattr(file, "locale_alternate_of", written_in)


def default_url(file, default_language: str) -> str:
    """The default language's address of a page (from the site root, no leading slash)."""
    alternates = getattr(file, "alternates", {}) or {}
    original = alternates.get(default_language)
    return original.url if original is not None and not is_fallback(original) else file.url


def banner(labels: dict[str, str], reader_locale: str, text_locale: str, names: dict[str, str]) -> dict:
    """What overrides/partials/translation-fallback.html needs: the sentence in the reader's
    language, that language, and the language the page's text is in."""
    return {
        "text": labels["languages.not_translated"].replace("{language}", names.get(text_locale, text_locale)),
        "locale": reader_locale,
        "text_locale": text_locale,
    }


def language_names(config) -> dict[str, str]:
    """{locale: name} as mkdocs.yml names them (plugins > i18n > languages > name)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {}
    return {lang.locale: lang.name for lang in i18n.config.languages}
