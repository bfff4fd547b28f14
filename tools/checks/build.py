"""The strict build (MkDocs' `validation:` in mkdocs.yml): a broken link or #anchor, a page missing
from the navigation or a bad marker fails it. Its warnings are turned into file:line messages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.checks.pages import docs_dir

LOG_LINE = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.*)$")
DOC_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains an? (?:[\w ]+ )?link '(?P<link>[^']+)', (?P<rest>.*)$"
)
ANCHOR = re.compile(r"the doc '(?P<target>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'")
NAV_OMITTED = re.compile(
    r"^The following pages exist in the docs directory, but are not included in the \"nav\""
)
NAV_MISSING = re.compile(
    r"^A reference to '(?P<target>[^']+)' is included in the 'nav' configuration, which is not found"
)


def check_build(project: Path) -> list[str]:
    """`mkdocs build --strict` into a temporary folder; each warning as an editor's message."""
    with tempfile.TemporaryDirectory(prefix="check-build-") as site:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
        )
    output = result.stdout + result.stderr
    problems = build_problems(output, project)
    if result.returncode != 0 and not problems:
        tail = " | ".join(line.strip() for line in output.strip().splitlines()[-3:])
        problems.append(f"mkdocs.yml:1: the strict build failed: {tail}")
    return problems


def build_problems(output: str, project: Path) -> list[str]:
    """MkDocs' warnings and errors, one message each, naming the file and line to change."""
    docs = docs_dir(project).relative_to(project).as_posix()
    problems, lines = [], output.splitlines()
    for index, line in enumerate(lines):
        match = LOG_LINE.match(line)
        if not match:
            continue
        message = match["message"].strip()
        link = DOC_LINK.match(message)
        if link:
            problems.append(_link_problem(link, docs, project))
        elif NAV_OMITTED.match(message):
            for item in lines[index + 1 :]:
                if not item.startswith("  - "):
                    break
                problems.append(
                    f"mkdocs.yml:{_line_in(project / 'mkdocs.yml', 'nav:')}: {docs}/{item[4:].strip()} is not in "
                    "the navigation; add it under nav: in mkdocs.yml (the default language's file)"
                )
        elif missing := NAV_MISSING.match(message):
            target = missing["target"]
            problems.append(
                f"mkdocs.yml:{_line_in(project / 'mkdocs.yml', target)}: the navigation lists {target}, which is not "
                f"in {docs}/; fix the path, or add the page"
            )
        elif message.startswith("Error reading page"):
            continue
        else:
            problems.append(
                message if re.match(r"^[\w./-]+:\d+: ", message) else f"mkdocs build: {message}"
            )
    return list(dict.fromkeys(problems))


def _link_problem(link: re.Match, docs: str, project: Path) -> str:
    page, target, rest = link["page"], link["link"], link["rest"]
    where = f"{docs}/{page}:{_line_in(project / docs / page, target)}"
    anchor = ANCHOR.search(rest)
    if anchor:
        return (
            f"{where}: the link {target} points at {anchor['anchor']}, which {docs}/{anchor['target']} does not "
            f"have; use one of the heading ids ({{#...}}) of {docs}/{anchor['target']}"
        )
    if "not found among documentation files" in rest:
        return f"{where}: the link {target} points at a page that does not exist; fix the path (relative to this file)"
    if "no such anchor on this page" in rest:
        return f"{where}: the link {target} points at a heading id this page does not have; use one of its {{#...}} ids"
    if "absolute link" in link[0]:
        return f"{where}: the link {target} is absolute; link the .md file with a relative path (../guides/iphone.md)"
    return f"{where}: the link {target}: {rest}"


def _line_in(path: Path, text: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if text in line:
                return number
    except OSError:
        pass
    return 1
