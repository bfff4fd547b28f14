"""`make translations` says what changed in an out-of-date translation (the commits and the
`git diff` to run), and a commit trailer marks a translation current without editing it
(issue 18, item 7). Made in a small git repository of a copy of the project."""

from __future__ import annotations

import os
import subprocess

import pytest

from editorcopy import editor_copy
from tools.translations import main

PAGE, TRANSLATION = "docs/articles/forwarding.md", "docs/articles/forwarding.en.md"


def git(project, *args: str, date: str = "2026-11-01T10:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-C", str(project), *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return result.stdout.strip()


@pytest.fixture
def project(tmp_path):
    """Everything committed, then a typo fixed in one page of the default language."""
    project = editor_copy(tmp_path / "project")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", ".")
    git(project, "commit", "--quiet", "-m", "Pages")
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nEn mening till.\n", encoding="utf-8")
    return project


def report(project, capsys) -> list[str]:
    assert main(["--project", str(project)]) == 0
    return capsys.readouterr().out.splitlines()


def test_an_out_of_date_translation_shows_its_commits_and_the_diff_to_run(project, capsys):
    git(
        project,
        "commit",
        "--quiet",
        "-am",
        "Fix a typo in the forwarding article",
        date="2026-11-29T10:00:00+00:00",
    )
    base, change = (
        git(project, "rev-parse", "--short=7", "HEAD~1"),
        git(project, "rev-parse", "--short", "HEAD"),
    )
    lines = report(project, capsys)
    at = lines.index(
        f"  {TRANSLATION}: {PAGE} changed in 1 commit(s) since the translation's last commit {base}: "
        f"{change} 2026-11-29 Fix a typo in the forwarding article"
    )
    assert lines[at + 1 : at + 3] == [
        f"    what changed: git diff {base} HEAD -- {PAGE}",
        f'    nothing to translate? commit with the trailer "Translation-current: {TRANSLATION}"',
    ]


def test_a_trailer_in_the_change_marks_the_translation_current(project, capsys):
    git(
        project,
        "commit",
        "--quiet",
        "-am",
        "Fix a typo",
        "--trailer",
        f"Translation-current: {TRANSLATION}",
    )
    lines = report(project, capsys)
    assert "Up to date: English." in lines
    assert not [line for line in lines if TRANSLATION in line]


def test_an_empty_commit_with_the_trailer_marks_it_current_later(project, capsys):
    git(project, "commit", "--quiet", "-am", "Fix a typo")
    assert any(line.startswith(f"  {TRANSLATION}: ") for line in report(project, capsys))
    git(
        project,
        "commit",
        "--quiet",
        "--allow-empty",
        "-m",
        "No translation needed",
        "--trailer",
        f"Translation-current: {TRANSLATION}",
    )
    assert "Up to date: English." in report(project, capsys)
