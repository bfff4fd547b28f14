"""Every page links to its own source file ("Edit this page") and shows when it was last
updated, in its own language; without git history (a tarball, a shallow clone in CI) the site
still builds, with the build's date.

The expected dates come from git directly (`git log -1 --format=%at -- FILE`), not from the
hook's own query (hooks/helpcenter/dates.py), and throwaway repositories with back-dated commits
prove that a page shows its last change's date and not the build's, renames followed, on
whatever git the machine has (Debian 12: git 2.39), with git asked once per build.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from helpcenter import dates
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
    """The author date (UTC, as the page shows it) of the last commit that touched the file,
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
    date = page_html(site, page).select_one(".md-source-file .page-date time")
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
    # Once per build, not once per page (issue 18, item 6), and at INFO.
    assert build.output.count(dates.NO_HISTORY) == 1, build.output
    assert f"INFO    -  {dates.NO_HISTORY}" in build.output
    today = datetime.datetime.now(datetime.UTC).date()
    for language in LANGUAGES:
        page = next(
            page for page in find_pages(project, LANGUAGES) if page.locale == language.locale
        )
        assert shown_date(tmp_path / "site", page) == format_date(
            today, format="long", locale=language.locale
        )


def test_a_shallow_clone_on_a_ci_service_still_builds(dated_project, tmp_path):
    """A shallow clone has only the last commit: its date stands for every page, and the build
    says so once, at INFO (strict mode would fail on a warning)."""
    project, _ = dated_project
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", project.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    result = strict_build(clone, tmp_path / "site", env={"GITHUB_ACTIONS": "true"})
    assert result.ok, result.output
    assert result.output.count(dates.SHALLOW) == 1, result.output
    assert f"INFO    -  {dates.SHALLOW}" in result.output
    for page in find_pages(clone, LANGUAGES):
        expected = format_date(datetime.date(2021, 3, 2), format="long", locale=page.locale)
        assert shown_date(tmp_path / "site", page) == expected, page.name


def test_git_is_asked_once_per_build_not_per_page_or_language(dated_project, tmp_path):
    """Both languages and every page from one `git log`; a rebuild at the same commit (`make
    serve`) asks git nothing more. In this process, as serve builds."""
    project, _ = dated_project
    dates.HISTORY.key = None
    runs = dates.HISTORY.runs
    for rebuild in range(2):
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
        assert dates.HISTORY.runs == runs + 1, f"build {rebuild + 1}"
    iphone = next(page for page in find_pages(project, LANGUAGES) if page.key == "guides/iphone.md")
    expected = format_date(datetime.date(2021, 3, 2), format="long", locale=iphone.locale)
    assert shown_date(tmp_path / "site", iphone) == expected


# --------------------------------------------------------------------------------------------
# The history, file by file (hooks/helpcenter/dates.py), on a small repository
# --------------------------------------------------------------------------------------------

LINES = "".join(
    f"line {number} of a page long enough for git to see renames\n" for number in range(40)
)
ODD_NAME = 'space ä "quoted"\ttab.md'


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """docs/ in a repository of its own, one change a year. 2020: every file added (late on
    June 1 in UTC-2, so June 2 in UTC); 2021: a.md edited, b.md renamed (only), c.md renamed and
    edited; 2022: a new, different b.md; then new.md added but not committed."""
    repo = tmp_path_factory.mktemp("history")
    docs = repo / "docs"
    (docs / "sub").mkdir(parents=True)
    for name in ("a.md", "b.md", "c.md", "sub/d.md", ODD_NAME):
        (docs / name).write_text(f"{name}\n{LINES}", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "2020", date="2020-06-01T23:30:00-02:00")
    (docs / "a.md").write_text("edited\n" + LINES, encoding="utf-8")
    git(repo, "mv", "docs/b.md", "docs/b2.md")
    git(repo, "mv", "docs/c.md", "docs/c2.md")
    (docs / "c2.md").write_text("c.md\n" + LINES + "one more line\n", encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "2021", date="2021-06-01T12:00:00Z")
    (docs / "b.md").write_text("another page\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "2022", date="2022-06-01T12:00:00Z")
    (docs / "new.md").write_text("not committed\n", encoding="utf-8")
    git(repo, "add", "docs/new.md")
    return repo


def changes_in(repo: Path) -> dict[str, datetime.date]:
    changes = dates.last_changes(repo, "docs")
    assert changes is not None, "git log failed"
    return changes


def test_an_edited_file_has_its_last_edits_date(history):
    changes = changes_in(history)
    assert changes["a.md"] == datetime.date(2021, 6, 1)
    assert changes["a.md"] == last_commit_date(history / "docs" / "a.md", cwd=history)
    assert changes["sub/d.md"] == datetime.date(2020, 6, 2), "in UTC, not in the author's time zone"
    assert changes[ODD_NAME] == datetime.date(2020, 6, 2), "a name git would quote"


def test_a_pure_rename_keeps_the_date_of_the_last_content_change(history):
    changes = changes_in(history)
    assert changes["b2.md"] == datetime.date(2020, 6, 2)
    assert changes["b.md"] == datetime.date(2022, 6, 1), (
        "a new file under the old name is not b2.md"
    )


def test_a_rename_with_edits_has_the_renames_date(history):
    changes = changes_in(history)
    assert changes["c2.md"] == datetime.date(2021, 6, 1)
    assert "c.md" not in changes


def test_a_file_never_committed_has_no_date_and_shows_the_build_date(history):
    assert "new.md" not in changes_in(history)
    today = datetime.datetime.now(datetime.UTC).date()
    assert last_commit_date(history / "docs" / "new.md", cwd=history) == today


def test_the_history_is_asked_again_only_after_a_new_commit(history):
    dates.HISTORY.key = None
    runs = dates.HISTORY.runs
    first = dates.build_dates(history / "docs")
    again = dates.build_dates(history / "docs")
    assert dates.HISTORY.runs == runs + 1
    assert first.days == again.days and first.notes == [] and not first.undated_said
    (history / "docs" / "e.md").write_text("e\n", encoding="utf-8")
    git(history, "add", "docs/e.md")
    git(history, "commit", "-q", "-m", "2023", "--", "docs/e.md", date="2023-06-01T12:00:00Z")
    assert dates.build_dates(history / "docs").days["e.md"] == datetime.date(2023, 6, 1)
    assert dates.HISTORY.runs == runs + 2


def test_no_git_repository_gives_no_dates_and_no_error(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    assert dates.find_repository(docs) is None
    assert dates.build_dates(docs).days == {}


def test_without_git_every_page_has_the_build_date_said_once(history, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git to be found
    build = dates.build_dates(history / "docs")
    assert (build.days, build.notes) == ({}, [dates.NO_GIT])
    assert build.undated_said, "NO_GIT already says it: not NO_HISTORY as well"


def test_the_date_is_in_the_pages_language():
    day = datetime.date(2021, 3, 2)
    assert dates.date_text(day, "sv") == "2 mars 2021"
    assert dates.date_text(day, "en") == "March 2, 2021"
