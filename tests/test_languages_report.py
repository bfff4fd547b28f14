"""`make translations` (tools/translations.py) with a partial third language: per language, what
is translated, missing and out of date, from git history made in the test; and what it says
without history or in a shallow clone.

The third language from tests/fixtures/language (German, partial; not shipped) is added to a
small copy of the project the way CONTRIBUTING.md says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import PROJECT_DIR, add_language, copy_project
from thirdlanguage import ENTRY, LOCALE
from tools.checks.pages import find_pages, site_languages


def small_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy with three pages: in the third language two translated (one is made out of date by
    `project_with_history`), one missing. Returns the project and {'stale', 'fresh', 'missing'}."""
    project = copy_project(tmp_path / "project")
    add_language(project)
    languages = site_languages(project)
    pages = find_pages(project, languages)
    translated = sorted({page.key for page in pages if page.locale == LOCALE})
    missing = next(
        page.key
        for page in pages
        if page.locale == languages[0].locale and page.key not in translated
    )
    stale, fresh = translated[:2]
    for page in pages:
        if page.key not in (stale, fresh, missing):
            page.path.unlink()
    return project, {"stale": stale, "fresh": fresh, "missing": missing}


def git(project: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-C", str(project), *args],
        check=True,
        capture_output=True,
        env=env,
    )


def translations_report(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.translations", "--project", str(project)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def project_with_history(tmp_path):
    """The small project in git: everything committed, then the default language's version of
    one translated page changed in a later commit."""
    project, pages = small_project(tmp_path)
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", ".")
    git(
        project,
        "commit",
        "--quiet",
        "-m",
        "Pages and translations",
        date="2026-01-05T10:00:00+00:00",
    )
    source = project / "docs" / pages["stale"]
    source.write_text(
        source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
    )
    git(
        project,
        "commit",
        "--quiet",
        "-am",
        "The default language's page changes",
        date="2026-02-10T10:00:00+00:00",
    )
    return project, pages


def test_the_report_lists_per_language_what_is_translated_missing_and_out_of_date(
    project_with_history,
):
    project, pages = project_with_history
    languages = site_languages(project)
    default = languages[0]
    result = translations_report(project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"Translations of the 3 pages in {default.name} ({default.locale}, the default language)"
    )
    rows = {line.split("  ")[0]: line.split() for line in lines[2 : 2 + len(languages)]}
    complete_row = rows[f"{languages[1].name} ({languages[1].locale})"]
    assert complete_row[-5:] == ["3", "of", "3", "0", "1"] and "yes" in complete_row, (
        "the same page changed"
    )
    partial_row = rows[f"{ENTRY['name']} ({LOCALE})"]
    assert partial_row[-5:] == ["2", "of", "3", "1", "1"] and "(partial)" in partial_row
    stem = lambda key: key[: -len(".md")]  # noqa: E731
    assert (
        f"  docs/{stem(pages['missing'])}.{LOCALE}.md  (translate docs/{pages['missing']})" in lines
    )
    stale = next(
        line for line in lines if line.startswith(f"  docs/{stem(pages['stale'])}.{LOCALE}.md: ")
    )
    assert (
        f"docs/{pages['stale']} changed in 1 commit(s)" in stale
        and "2026-02-10 The default language's page changes" in stale
    )
    assert not [line for line in lines if f"{stem(pages['fresh'])}.{LOCALE}.md" in line], (
        "an up-to-date page is not listed"
    )


def test_a_translation_committed_after_its_source_changed_is_up_to_date_again(project_with_history):
    project, pages = project_with_history
    translation = project / "docs" / pages["stale"].replace(".md", f".{LOCALE}.md")
    translation.write_text(
        translation.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8"
    )
    git(
        project, "commit", "--quiet", "-am", "Translation updated", date="2026-02-11T10:00:00+00:00"
    )
    lines = translations_report(project).stdout.splitlines()
    row = next(line for line in lines if line.startswith(f"{ENTRY['name']} ({LOCALE})"))
    assert row.split()[-2:] == ["1", "0"], "one missing, none out of date"


def test_the_report_works_without_history_and_says_it_could_not_compare(tmp_path):
    project, pages = small_project(tmp_path)
    result = translations_report(project)
    assert result.returncode == 0
    row = next(
        line
        for line in result.stdout.splitlines()
        if line.startswith(f"{ENTRY['name']} ({LOCALE})")
    )
    assert row.split()[-2:] == ["1", "?"]
    assert (
        "Out of date: not compared. There is no git history here (not a git repository), so the dates of the pages "
        "could not be compared."
    ) in result.stdout
    assert f"(translate docs/{pages['missing']})" in result.stdout


def test_the_report_in_a_shallow_clone_says_its_history_is_cut_off(project_with_history, tmp_path):
    project, _ = project_with_history
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{project}", str(clone)],
        check=True,
        capture_output=True,
    )
    result = translations_report(clone)
    assert result.returncode == 0
    assert (
        "This is a shallow clone: its history is cut off, so the dates of the pages could not be compared."
        in result.stdout
    )
