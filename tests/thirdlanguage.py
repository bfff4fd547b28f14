"""The third language of the language tests (tests/test_languages_*.py import it by name, like
sitebuild): German, partial, from tests/fixtures/language (not shipped), added to a copy of the
project by sitebuild.add_language the way CONTRIBUTING.md says."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitebuild import LANGUAGE_FIXTURE
from tools.checks.pages import find_pages

ENTRY = yaml.safe_load((LANGUAGE_FIXTURE / "language.yml").read_text(encoding="utf-8"))[0]
LOCALE = ENTRY["locale"]
PREFIX = f"{LOCALE}/"
FIXTURE_PAGES = sorted((LANGUAGE_FIXTURE / "docs").rglob(f"*.{LOCALE}.md"))


def url_path(page_key: str) -> str:
    """'guides/iphone.md' -> 'guides/iphone/'; 'index.md' -> ''."""
    stem = page_key[: -len(".md")]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def page_key(translation: Path) -> str:
    """tests/fixtures/language/docs/guides/iphone.LOCALE.md -> 'guides/iphone.md'."""
    return (
        translation.relative_to(LANGUAGE_FIXTURE / "docs")
        .as_posix()
        .replace(f".{LOCALE}.md", ".md")
    )


# The pages the fixture translates, as paths within a language ("" is the overview).
TRANSLATED = sorted(url_path(page_key(path)) for path in FIXTURE_PAGES)


def default_pages(project: Path, languages) -> list[str]:
    """Every page of the site, as its path within a language, in the default language's files."""
    return sorted(
        url_path(page.key)
        for page in find_pages(project, languages)
        if page.locale == languages[0].locale
    )
