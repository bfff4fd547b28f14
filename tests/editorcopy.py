"""A throwaway copy of the project for the editors' checks, to make one mistake in
(tests/test_checks_*.py and tests/test_check_*.py import it by name, like sitebuild)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import PROJECT_DIR, copy_project

# What the checks read besides what a build reads.
CHECK_FILES = (
    ".pymarkdown.yml",
    ".codespellrc",
    ".codespell-words.txt",
    "README.md",
    "CONTRIBUTING.md",
)
# The front matter of contract A (PLAN), added to a copied guide that lacks it, so that a test
# about another mistake starts from a clean copy while the guides are being sourced.
FIXTURE_REVIEW = (
    "review:\n"
    "  date: {date}\n"
    "  checked_against: Example Mail 1.0\n"
    "sources:\n"
    "  - url: https://example.com/help/add-account\n"
    "    confirms: the steps and the field labels\n"
    "    checked: {date}\n"
)


def editor_copy(destination: Path, review_date: str = "2026-11-29") -> Path:
    copy = copy_project(destination)
    for name in CHECK_FILES:
        shutil.copy2(PROJECT_DIR / name, copy / name)
    for guide in sorted((copy / "docs" / "guides").glob("*.md")):
        text = guide.read_text(encoding="utf-8")
        if not re.search(r"(?m)^sources:", text.split("\n---", 1)[0]):
            guide.write_text(
                text.replace(
                    "\n---\n", "\n" + FIXTURE_REVIEW.format(date=review_date) + "---\n", 1
                ),
                encoding="utf-8",
            )
    return copy


def replace(project: Path, relative: str, old: str, new: str) -> int:
    """Change the first `old` in a file; return the line it was on."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(project: Path, relative: str, text: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def append(project: Path, relative: str, text: str) -> int:
    """Add a paragraph at the end of a page; return its line."""
    path = project / relative
    before = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{before}\n\n{text}\n", encoding="utf-8")
    return before.count("\n") + 3


def in_language(page: str, language) -> str:
    """docs/index.md -> the file of that page in `language` (docs/index.<locale>.md)."""
    return page if language.default else f"{page[: -len('.md')]}.{language.locale}.md"


def run_checks(project: Path, *names: str) -> subprocess.CompletedProcess:
    """`python -m tools.checks NAMES` in the copy, as `make check` runs it, with the checks'
    own code copied in."""
    if not (project / "tools").exists():
        (project / "tools").mkdir()
        shutil.copy2(PROJECT_DIR / "tools" / "__init__.py", project / "tools")
        shutil.copytree(
            PROJECT_DIR / "tools" / "checks",
            project / "tools" / "checks",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    return subprocess.run(
        [sys.executable, "-m", "tools.checks", *names], cwd=project, capture_output=True, text=True
    )
