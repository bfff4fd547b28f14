"""Every page links to its own source file ("Edit this page") and shows when it was last
updated, in its own language; without git history (a tarball, a shallow clone in CI) the site
still builds, with the build's date.

The expected dates come from git directly (`git log -1 --format=%at -- FILE`), not from the
plugin's own query, and a throwaway repository with back-dated commits proves that a page shows
its commit's date and not the build's, on whatever git the machine has (Debian 12: git 2.39).
"""

from __future__ import annotations

import datetime
import os
import subprocess

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from sitebuild import PROJECT_DIR, copy_project, run_build
from tools.checks.pages import find_pages, mkdocs_config, site_languages
from tools.kit.build import strict_build

LANGUAGES = site_languages(PROJECT_DIR)
CONFIG = mkdocs_config(PROJECT_DIR)
PAGES = find_pages(PROJECT_DIR, LANGUAGES)


def page_html(site, page) -> BeautifulSoup:
    """The built HTML of a page: guides/iphone.md -> its language's prefix + guides/iphone/index.html."""
    language = next(language for language in LANGUAGES if language.locale == page.locale)
    path = page.key[: -len(".md")]
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return BeautifulSoup(
        (site / f"{language.prefix}{path}index.html").read_text(encoding="utf-8"), "lxml"
    )


def last_commit_date(path, cwd=PROJECT_DIR) -> datetime.date:
    """The author date (UTC, as the plugin shows it) of the last commit that touched the file,
    asked of git in the plainest way; today for a file with no commit yet."""
    stamp = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", str(path)],
        cwd=cwd,
        capture_output=True,
        text=True,
    ).stdout.strip()
    now = datetime.datetime.now(datetime.UTC)
    return (datetime.datetime.fromtimestamp(int(stamp), datetime.UTC) if stamp else now).date()


def shown_date(site, page) -> str:
    date = page_html(site, page).select_one(
        ".md-source-file .git-revision-date-localized-plugin-date"
    )
    assert date is not None, f"{page.name}: no 'last updated' date"
    return date.get_text(strip=True)


def git(project, *args: str, date: str | None = None) -> None:
    """Run git in `project` as a test author; `date` back-dates the commit (ISO 8601, UTC)."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    command = [
        "git",
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@localhost",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([*command, *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def dated_project(tmp_path_factory):
    """A copy of the project in a git repository of its own: every file committed on
    2020-01-15, then one guide per language changed on 2021-03-02. Returns (project, changed)."""
    project = copy_project(tmp_path_factory.mktemp("dated") / "project")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "everything", date="2020-01-15T12:00:00Z")
    changed = [page for page in find_pages(project, LANGUAGES) if page.key == "guides/iphone.md"]
    assert len(changed) == len(LANGUAGES), "every language has the iPhone guide"
    for page in changed:
        page.path.write_text(page.path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(project, "commit", "-q", "-a", "-m", "a guide changed", date="2021-03-02T12:00:00Z")
    return project, changed


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_edit_this_page_opens_the_pages_own_source_file(built_site, page):
    edit = page_html(built_site, page).select_one('a[rel="edit"]')
    assert edit is not None, f"{page.name}: no 'Edit this page' link"
    docs_relative = page.path.relative_to(PROJECT_DIR / "docs").as_posix()
    assert edit["href"] == f"{CONFIG['repo_url'].rstrip('/')}/{CONFIG['edit_uri']}{docs_relative}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_last_updated_is_the_last_commit_in_the_pages_language(built_site, page):
    expected = format_date(last_commit_date(page.path), format="long", locale=page.locale)
    assert shown_date(built_site, page) == expected


def test_each_page_shows_its_own_commit_date_not_the_build_date(dated_project, tmp_path):
    project, changed = dated_project
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    pages = find_pages(project, LANGUAGES)
    for page in pages:
        day = datetime.date(2021, 3, 2) if page in changed else datetime.date(2020, 1, 15)
        assert last_commit_date(page.path, cwd=project) == day, "the oracle agrees with the history"
        assert shown_date(tmp_path / "site", page) == format_date(
            day, format="long", locale=page.locale
        ), page.name


def test_a_copy_without_git_history_builds_with_the_build_date(tmp_path):
    project = copy_project(tmp_path / "project")
    build = run_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    today = datetime.datetime.now(datetime.UTC).date()
    for language in LANGUAGES:
        page = next(
            page for page in find_pages(project, LANGUAGES) if page.locale == language.locale
        )
        assert shown_date(tmp_path / "site", page) == format_date(
            today, format="long", locale=language.locale
        )


def test_a_shallow_clone_on_a_ci_service_still_builds(dated_project, tmp_path):
    """The date plugin warns about shallow clones on GitHub Actions; strict must not fail on it."""
    project, _ = dated_project
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", project.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    result = strict_build(clone, tmp_path / "site", env={"GITHUB_ACTIONS": "true"})
    assert result.ok, result.output
    assert "shallow git fetch depth" in result.output
