"""The editors' checks: everything a pull request can get wrong, caught before review.

    python -m tools.checks all            every check (make check)
    python -m tools.checks parity drift   some of them
    python -m tools.checks --list         what each one checks

Each check is a function `check_x(project) -> list of problems`, each problem one line
`file:line: what is wrong; how to fix it`. Problems exit 1; when all is well one line says so.
CONTRIBUTING.md, "The checks", explains every check and how to fix what it finds.
"""

from __future__ import annotations

import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import get_yaml_loader

from tools.checks.build import check_build
from tools.checks.data import check_data, check_markers
from tools.checks.drift import check_drift
from tools.checks.frontmatter import check_frontmatter
from tools.checks.links import check_links
from tools.checks.pages import Warn, mkdocs_config
from tools.checks.parity import check_parity
from tools.checks.review import REVIEW_DAYS, check_review
from tools.checks.style import check_lint, check_spelling
from tools.checks.yaml_advice import advice

PROJECT_DIR = Path(__file__).resolve().parents[2]

# In the order they run: the quick ones first, the build (a few seconds) last.
CHECKS = {
    "data": (
        check_data,
        "the data files are valid; every troubleshooting id is a problem in data/problems.yml",
    ),
    "markers": (check_markers, "every <!-- settings:... --> marker is one the settings hook knows"),
    "parity": (
        check_parity,
        "every page in every language, with the same heading ids, markers, links and steps",
    ),
    "drift": (
        check_drift,
        "no host, port, security mode or support address typed into docs/ or overrides/",
    ),
    "links": (
        check_links,
        "every published address still works, every page is published, links and nav point at pages that exist",
    ),
    "frontmatter": (
        check_frontmatter,
        "every page has a title and a description (at most 160 characters) in its language",
    ),
    "sources": (
        check_review,
        f"every guide lists its sources and review date (warns after {REVIEW_DAYS} days)",
    ),
    "lint": (check_lint, "Markdown lint (pymarkdownlnt, .pymarkdown.yml)"),
    "spelling": (
        check_spelling,
        "English spelling (codespell, .codespellrc and .codespell-words.txt)",
    ),
    "build": (check_build, "the strict build: links, #anchors, navigation"),
}


def _run(name: str) -> list[str]:
    """One check; a check that crashes is one line that says so, not a traceback."""
    try:
        return CHECKS[name][0](PROJECT_DIR)
    except Exception as error:
        return [
            f"tools/checks:1: the {name} check could not run ({type(error).__name__}: {error}); fix the "
            "problems above first, or report it with this line"
        ]


def without_repeats(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """One mistake, one message: the build reports what other checks report too (a misspelt
    marker stops it, a bad data file too), so a build message at a file and line that another
    check already named, or about a data file another check already named, is left out."""
    if found.get("data"):  # the other checks' "cannot be checked while the data file has errors"
        found = {
            name: [p for p in problems if name == "data" or "while the data file" not in p]
            for name, problems in found.items()
        }
    if "build" not in found:
        return found
    others = [
        problem for name, problems in found.items() if name != "build" for problem in problems
    ]
    places = {_place(problem) for problem in others}
    data_files = {
        _place(problem).split(":")[0]
        for problem in others
        if problem.startswith(("data/", "mkdocs.yml"))
    }
    found["build"] = [
        problem
        for problem in found["build"]
        if _place(problem) not in places and _place(problem).split(":")[0] not in data_files
    ]
    return found


def _place(problem: str) -> str:
    """`docs/index.md:83` of `docs/index.md:83: what; how`."""
    return ":".join(problem.split(":", 2)[:2])


def config_problem(project: Path) -> str | None:
    """mkdocs.yml's mistake as one line at its line (None when MkDocs loads it): a YAML mistake
    explained as editors' advice, else what MkDocs' own loader refuses."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # Parsed first with MkDocs' own YAML loader, only to say the line: load_config would stop
    # with PyYAML's message and no advice.
    syntax = advice("mkdocs.yml", text, get_yaml_loader())
    if syntax:
        return syntax
    refused: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: refused.append(record.getMessage())
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(handler)
    try:
        mkdocs_config(project)
    except MkDocsException as error:  # Abort is a SystemExit: caught here, not in a check
        return (
            f"mkdocs.yml:1: MkDocs cannot load it: {'; '.join(refused) or error}; fix that "
            "setting (`.venv/bin/mkdocs build` says the same)"
        )
    finally:
        logger.removeHandler(handler)
    return None


def main(argv: list[str]) -> int:
    if argv in (["--list"], ["-l"]):
        for name, (_, what) in CHECKS.items():
            print(f"{name:12} {what}")
        return 0
    names = list(CHECKS) if argv in ([], ["all"]) else argv
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        print(
            f"unknown check {', '.join(unknown)}; use one of: all, {', '.join(CHECKS)}",
            file=sys.stderr,
        )
        return 2
    config = config_problem(PROJECT_DIR)
    if config:  # every check reads mkdocs.yml: one message, not one per check
        print(config)
        return 1
    started = time.monotonic()
    # The build runs in its own process; the other checks run meanwhile (threads, same process).
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        results = {name: pool.submit(_run, name) for name in names}
        found = {name: results[name].result() for name in names}
    found = without_repeats(found)
    seconds = time.monotonic() - started
    failed, warned = [], 0
    for name, problems in found.items():
        for problem in problems:
            print(problem)
        errors = [problem for problem in problems if not isinstance(problem, Warn)]
        warned += len(problems) - len(errors)
        if errors:
            failed.append(f"{name} ({len(errors)})")
    if failed:
        print(
            f"{len(failed)} of {len(names)} checks failed: {', '.join(failed)}. Each line above names the file "
            'and line and says how to fix it; CONTRIBUTING.md, "The checks", explains each check.'
        )
        return 1
    warnings = f", with {warned} warning(s) above" if warned else ""
    print(f"All {len(names)} checks passed ({', '.join(names)}) in {seconds:.1f} s{warnings}")
    return 0
