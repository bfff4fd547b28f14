"""The editors' checks as one command (`make check`, tools/checks/): the repository passes them
all, a clean copy passes each one, and a broken copy fails the command with one line per problem.
Also the checks that run other tools (Markdown lint, spelling, the strict build): each mistake
fails with one message that names the file and line and says what to change. Broken examples are
made in throwaway copies (tests/editorcopy.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editorcopy import append, editor_copy, in_language, replace, run_checks
from sitebuild import PROJECT_DIR
from tools.checks import CHECKS
from tools.checks.build import check_build
from tools.checks.pages import site_languages
from tools.checks.style import check_lint, check_spelling

OTHER = site_languages(PROJECT_DIR)[1]
# The clean repository runs all of them; a clean copy runs the quick ones (not lint and build).
QUICK_CHECKS = [name for name in CHECKS if name not in ("lint", "build")]


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project, with the checks' own configuration."""
    return editor_copy(tmp_path / "project")


# --------------------------------------------------------------------------------------------
# The repository
# --------------------------------------------------------------------------------------------


def test_the_repository_passes_every_check():
    result = subprocess.run(
        [sys.executable, "-m", "tools.checks", "all"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"All {len(CHECKS)} checks passed ("), result.stdout


@pytest.mark.parametrize("name", QUICK_CHECKS)
def test_a_clean_copy_passes_each_check(project, name):
    """The baseline of every broken example below: the copy itself is clean."""
    assert CHECKS[name][0](project) == []


def test_a_broken_copy_fails_the_command_with_one_line_per_problem(project):
    (project / in_language("docs/articles/forwarding.md", OTHER)).unlink()
    result = run_checks(project, "parity", "frontmatter")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("docs/articles/forwarding.md:1: ")
    assert lines[-1].startswith("1 of 2 checks failed: parity (1).")
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unknown_check_name_says_which_exist():
    result = subprocess.run(
        [sys.executable, "-m", "tools.checks", "parity", "spelnig"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"unknown check spelnig; use one of: all, {', '.join(CHECKS)}"


# --------------------------------------------------------------------------------------------
# Style: Markdown lint and spelling
# --------------------------------------------------------------------------------------------


def test_trailing_spaces_are_lint(project):
    line = append(project, "docs/index.md", "A sentence that ends in spaces.   ")
    assert check_lint(project, [project / "docs/index.md"]) == [
        f"docs/index.md:{line}: Trailing spaces [Expected: 0 or 2; Actual: 3] (MD009 no-trailing-spaces); "
        "remove the spaces at the end of the line"
    ]


def test_a_misspelt_english_word(project):
    page = in_language("docs/index.md", OTHER)
    line = append(project, page, "You will recieve an email.")
    assert check_spelling(project) == [
        f'{page}:{line}: "recieve" is misspelt; write "receive" (if the word is right here, add it to '
        ".codespell-words.txt)"
    ]
    with (project / ".codespell-words.txt").open("a", encoding="utf-8") as words:
        words.write("recieve\n")
    assert check_spelling(project) == []


# --------------------------------------------------------------------------------------------
# Strict build
# --------------------------------------------------------------------------------------------


def test_a_broken_anchor_link(project):
    page = in_language("docs/index.md", OTHER)
    target = in_language("docs/articles/forwarding.md", OTHER)
    line = replace(project, page, "(articles/forwarding.md)", "(articles/forwarding.md#nowhere)")
    assert check_build(project) == [
        f"{page}:{line}: the link articles/forwarding.md#nowhere points at #nowhere, which {target} does not have; "
        f"use one of the heading ids ({{#...}}) of {target}"
    ]
