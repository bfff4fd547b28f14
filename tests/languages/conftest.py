"""The third language's project, as both language test files read it: the session's copy with
German added (`third_language_site` in tests/conftest.py; tests/thirdlanguage.py names its
pages). `languages` here is that copy's languages, not the shipped ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from thirdlanguage import TRANSLATED, default_pages
from tools.checks.pages import site_languages


@pytest.fixture(scope="module")
def project(third_language_site) -> Path:
    return third_language_site.project


@pytest.fixture(scope="module")
def languages(project):
    return site_languages(project)


@pytest.fixture(scope="module")
def all_pages(project, languages) -> list[str]:
    """Every page of the site, as its path within a language, in the default language's files."""
    return default_pages(project, languages)


@pytest.fixture(scope="module")
def untranslated(all_pages) -> list[str]:
    return [path for path in all_pages if path not in TRANSLATED]
