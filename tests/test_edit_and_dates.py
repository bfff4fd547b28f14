"""Every page links to its own source file ("Edit this page") and shows when it was last
updated, in its own language; without git history (a tarball, a shallow clone in CI) the site
still builds, with the build's date."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from sitebuild import PROJECT_DIR, copy_project, run_build
from tools.checks.pages import find_pages, read_mkdocs_config, site_languages

LANGUAGES = site_languages(PROJECT_DIR)
CONFIG = read_mkdocs_config(PROJECT_DIR)
PAGES = find_pages(PROJECT_DIR, LANGUAGES)


def page_html(site, page) -> BeautifulSoup:
    """The built HTML of a page: guides/iphone.md in language X -> [X/]guides/iphone/index.html."""
    language = next(language for language in LANGUAGES if language.locale == page.locale)
    prefix = "" if language.default else f"{language.locale}/"
    path = page.key[: -len(".md")]
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return BeautifulSoup((site / f"{prefix}{path}index.html").read_text(encoding="utf-8"), "lxml")


def last_commit_date(page) -> datetime.date:
    """What git says (as the plugin asks it), or today for a file with no commit yet."""
    stamp = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--diff-filter=r", "--ignore-all-space", "--ignore-blank-lines", "--", str(page.path)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    ).stdout.strip()
    moment = datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc) if stamp else datetime.datetime.now(datetime.timezone.utc)
    return moment.date()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_edit_this_page_opens_the_pages_own_source_file(built_site, page):
    edit = page_html(built_site, page).select_one('a[rel="edit"]')
    assert edit is not None, f"{page.name}: no 'Edit this page' link"
    docs_relative = page.path.relative_to(PROJECT_DIR / "docs").as_posix()
    assert edit["href"] == f"{CONFIG['repo_url'].rstrip('/')}/{CONFIG['edit_uri']}{docs_relative}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_last_updated_is_the_last_commit_in_the_pages_language(built_site, page):
    date = page_html(built_site, page).select_one(".md-source-file .git-revision-date-localized-plugin-date")
    assert date is not None, f"{page.name}: no 'last updated' date"
    assert date.get_text(strip=True) == format_date(last_commit_date(page), format="long", locale=page.locale)


def test_a_copy_without_git_history_builds_with_the_build_date(tmp_path):
    project = copy_project(tmp_path / "project")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    today = datetime.datetime.now(datetime.timezone.utc).date()
    for language in LANGUAGES:
        page = next(page for page in find_pages(project, LANGUAGES) if page.locale == language.locale)
        date = page_html(tmp_path / "site", page).select_one(".git-revision-date-localized-plugin-date")
        assert date.get_text(strip=True) == format_date(today, format="long", locale=language.locale)


def test_a_shallow_clone_on_a_ci_service_still_builds(tmp_path):
    """The date plugin warns about shallow clones on GitHub Actions; strict must not fail on it."""
    source = copy_project(tmp_path / "source")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@localhost"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "one"], ["commit", "-q", "--allow-empty", "-m", "two"]):
        subprocess.run([*git, *command], cwd=source, check=True, capture_output=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", source.as_uri(), str(clone)], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=clone,
        env={**os.environ, "GITHUB_ACTIONS": "true", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "shallow git fetch depth" in result.stdout + result.stderr
