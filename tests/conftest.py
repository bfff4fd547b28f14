"""Shared fixtures: the site is built once per test session; broken copies are built on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from helpcenter.languages import project_languages
from sitebuild import PROJECT_DIR, Build, add_language, copy_project, run_build
from sitelinks import built_pages

# Pages a search shard holds in `sharded_search_site`: several shards of the small real site.
SHARDED_SEARCH_PAGES = 5


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once for the whole test session."""
    site = tmp_path_factory.mktemp("site")
    build = run_build(PROJECT_DIR, site)
    assert build.returncode == 0, f"the site does not build:\n{build.output}"
    return site


@pytest.fixture(scope="session")
def sharded_search_site(tmp_path_factory) -> Path:
    """The real site, built once per session with each language's search index in shards of
    SHARDED_SEARCH_PAGES pages (hooks/helpcenter/pagefind_bundle.py), as a help center of
    thousands of pages has them (tests/test_search_shards.py and its *_browser.py)."""
    from helpcenter.options import SHARD_PAGES_ENV

    site = tmp_path_factory.mktemp("sharded-search-site")
    build = run_build(PROJECT_DIR, site, env={SHARD_PAGES_ENV: str(SHARDED_SEARCH_PAGES)})
    assert build.returncode == 0, f"the site with search in shards does not build:\n{build.output}"
    return site


@pytest.fixture(scope="session")
def third_language_site(tmp_path_factory) -> Build:
    """A copy of the project with a third, partial language from tests/fixtures/language (not
    shipped), added as CONTRIBUTING.md says and built once per session (tests/test_languages_*.py)."""
    root = tmp_path_factory.mktemp("third-language")
    project = copy_project(root / "project")
    add_language(project)
    build = run_build(project, root / "site")
    assert build.returncode == 0, f"the site with a third language does not build:\n{build.output}"
    return build


@pytest.fixture(scope="session")
def pages(built_site, languages) -> dict:
    """The built site's pages, parsed once: {locale: {path without the language prefix: page}}
    (tests/test_links_*.py)."""
    return built_pages(built_site, languages)


@pytest.fixture
def build_copy(tmp_path):
    """Build a copy of the project after `edit(project_dir)` has changed it."""

    def build(edit) -> Build:
        project = copy_project(tmp_path / "project")
        edit(project)
        return run_build(project, tmp_path / "site")

    return build


@pytest.fixture(scope="session")
def mkdocs_config() -> MkDocsConfig:
    """mkdocs.yml as MkDocs itself loads it (its !ENV tags kept)."""
    return load_config(config_file=str(PROJECT_DIR / "mkdocs.yml"))


@pytest.fixture(scope="session")
def languages() -> list[dict]:
    """The site's languages, the default one first, with static-i18n's URL prefixes
    (helpcenter.languages, as the build has them): [{'locale', 'name', 'default', 'prefix'}]."""
    return [
        {
            "locale": language.locale,
            "name": language.name,
            "default": language.default,
            "prefix": language.prefix,
        }
        for language in project_languages(PROJECT_DIR / "mkdocs.yml")
    ]


@pytest.fixture(scope="session")
def site_pages(built_site, mkdocs_config) -> list[str]:
    """Every page of the built site in every language, as its path from the site root ('',
    'en/guides/iphone/'): the pages sitemap.xml lists."""
    from xml.etree import ElementTree

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sitemap = ElementTree.parse(built_site / "sitemap.xml")
    pages = [
        (loc.text or "").removeprefix(mkdocs_config["site_url"])
        for loc in sitemap.iter(f"{namespace}loc")
    ]
    assert pages, "sitemap.xml lists no pages"
    return pages


@pytest.fixture(scope="session")
def mail_settings() -> dict:
    from helpcenter.mailsettings import load_settings

    return load_settings()
