"""Style: Markdown lint (pymarkdownlnt, configured for Material in .pymarkdown.yml) and English
spelling (codespell, with the project's words in .codespell-words.txt)."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
from pathlib import Path

from pymarkdown.api import PyMarkdownApi, PyMarkdownApiException

from tools.checks.pages import docs_dir, find_pages, site_languages

LINT_CONFIG = ".pymarkdown.yml"
SPELLING_CONFIG = ".codespellrc"
# Files outside docs/ that editors read and change too.
PROJECT_MARKDOWN = ("README.md", "CONTRIBUTING.md")

# How to fix what each rule finds, in an editor's words (the rest: the rule's own description).
LINT_FIXES = {
    "md001": "go down one heading level at a time (## then ###)",
    "md003": "write headings with # marks (## Title), not underlines",
    "md004": "start list items with - (a dash)",
    "md005": "indent the items of one list the same way",
    "md009": "remove the spaces at the end of the line",
    "md010": "replace the tab with spaces (4 for a nested list or a tab's content)",
    "md012": "keep one empty line, not more",
    "md018": "put a space after the # marks of a heading",
    "md019": "put one space after the # marks of a heading",
    "md022": "put an empty line before and after the heading",
    "md023": "start the heading at the beginning of the line",
    "md024": "give the heading a text that differs from its neighbours",
    "md025": "keep one # heading (the page title); make the others ##",
    "md026": "remove the punctuation at the end of the heading",
    "md027": "put one space after > in a quote",
    "md029": "number the list 1. 2. 3. (or all 1.)",
    "md030": "put one space after the list marker",
    "md031": "put an empty line before and after the code block",
    "md032": "put an empty line before and after the list",
    "md033": "write Markdown instead of HTML (or a marker, see CONTRIBUTING.md, Markers)",
    "md034": "put the address in a link: [text](https://...) or <https://...>",
    "md037": "remove the spaces inside the *emphasis* marks",
    "md038": "remove the spaces inside the `code` marks",
    "md039": "remove the spaces inside the [link text]",
    "md040": "name the code block's language after the ``` (for example ```text)",
    "md041": "start the page (after the front matter) with a # heading",
    "md042": "give the link a target",
    "md045": "describe the image in its [alt text]",
    "md047": "end the file with one newline",
    "md049": "write *emphasis* with * like the rest of the page",
    "md050": "write **bold** with ** like the rest of the page",
}
LINT_FIX_DEFAULT = 'see CONTRIBUTING.md, "The checks"'
CODESPELL_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<word>\S+) ==> (?P<fixes>.+)$")


def check_lint(project: Path, paths: list[Path] | None = None) -> list[str]:
    """pymarkdownlnt with .pymarkdown.yml over docs/ and the editors' Markdown files (or `paths`)."""
    api = (
        PyMarkdownApi()
        .configuration_file_path(str(project / LINT_CONFIG))
        .enable_strict_configuration()
    )
    if paths is None:
        paths = [
            docs_dir(project),
            *(project / name for name in PROJECT_MARKDOWN if (project / name).is_file()),
        ]
    failures = []
    try:
        for path in paths:
            failures += api.scan_path(str(path), recurse_if_directory=True).scan_failures
    except PyMarkdownApiException as error:
        return [f"{LINT_CONFIG}:1: the Markdown linter could not run: {error}"]
    problems = []
    for failure in failures:
        name = Path(failure.scan_file).resolve().relative_to(project.resolve()).as_posix()
        detail = (failure.extra_error_information or "").strip()
        if detail and not detail.startswith("["):
            detail = f"[{detail}]"
        fix = LINT_FIXES.get(failure.rule_id.lower(), LINT_FIX_DEFAULT)
        problems.append(
            f"{name}:{failure.line_number}: {failure.rule_description}{' ' + detail if detail else ''} "
            f"({failure.rule_id} {failure.rule_name.split(',')[0]}); {fix}"
        )
    return problems


def spelling_config(project: Path) -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(project / SPELLING_CONFIG, encoding="utf-8")
    return config


def spelling_files(project: Path) -> list[Path]:
    """The pages in the spelling language (set in .codespellrc), and README.md."""
    locale = spelling_config(project).get("help-center", "locale")
    languages = site_languages(project)
    if locale not in {language.locale for language in languages}:
        raise ValueError(
            f"{SPELLING_CONFIG}: [help-center] locale = {locale} is not a language in mkdocs.yml; "
            f"use one of: {', '.join(language.locale for language in languages)}"
        )
    pages = [page.path for page in find_pages(project, languages) if page.locale == locale]
    readme = project / "README.md"
    return pages + ([readme] if readme.is_file() else [])


def check_spelling(project: Path) -> list[str]:
    """codespell over the spelling language's pages; it reads .codespellrc (and the word list)."""
    try:
        files = spelling_files(project)
    except (ValueError, configparser.Error) as error:
        return [
            str(error)
            if str(error).startswith(SPELLING_CONFIG)
            else f"{SPELLING_CONFIG}:1: {error}"
        ]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "codespell_lib",
            *(path.relative_to(project).as_posix() for path in files),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    words = spelling_config(project).get("codespell", "ignore-words", fallback=SPELLING_CONFIG)
    problems = []
    for line in result.stdout.splitlines():
        match = CODESPELL_LINE.match(line.strip())
        if match:
            fixes = match["fixes"].split(" | ")[0]
            suggestions = " or ".join(f'"{fix.strip()}"' for fix in fixes.split(",") if fix.strip())
            problems.append(
                f'{match["file"]}:{match["line"]}: "{match["word"]}" is misspelt; write {suggestions} '
                f"(if the word is right here, add it to {words})"
            )
    if result.returncode not in (0, 65) or (result.returncode and not problems):
        problems.append(
            f"{SPELLING_CONFIG}:1: codespell failed: {(result.stderr or result.stdout).strip()[-300:]}"
        )
    return problems
