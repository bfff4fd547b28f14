"""A clone anywhere, with nothing beside it, passes `make test`: no test, tool, hook, Makefile
rule or CI script reads a folder outside the repository (the workspace's ../shared notes and
reference files, the tool library, repository mirrors). What the tests need from upstream is
copied into tests/reference/ with its licence and source (tests/reference/SOURCES.md)."""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild import PROJECT_DIR

# A path that climbs out of the repository to a neighbour, or names the workspace itself.
OUTSIDE = re.compile(
    r"\.\./(?:\.\./)*(?:shared|\.library|\.mirror)\b|/work/(?:shared|\.library|\.mirror)\b"
)
SCANNED = ("tests", "tools", "hooks", ".ci", "Makefile", "pyproject.toml", "mkdocs.yml")
SKIPPED_DIRS = {"node_modules", "__pycache__", ".venv"}
THIS_FILE = Path(__file__).resolve()


def outside_paths(text: str, where: str) -> list[str]:
    """Each line of `text` that names a folder outside the repository, as `where:line: text`."""
    return [
        f"{where}:{number}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), 1)
        if OUTSIDE.search(line)
    ]


def scanned_files() -> list[Path]:
    files = []
    for name in SCANNED:
        path = PROJECT_DIR / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        files += [
            found
            for found in candidates
            if found.is_file()
            and found.resolve() != THIS_FILE
            and not SKIPPED_DIRS & set(found.relative_to(PROJECT_DIR).parts)
        ]
    return files


def test_no_test_tool_hook_or_ci_script_reads_a_folder_beside_the_repository():
    found = []
    for path in scanned_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and other binary files name no paths
        found += outside_paths(text, path.relative_to(PROJECT_DIR).as_posix())
    assert found == [], (
        "copy what is needed into tests/reference/ (with SOURCES.md):\n" + "\n".join(found)
    )


def test_the_rule_finds_a_neighbour_folder_and_leaves_site_relative_links_alone():
    planted = 'SCHEMA = PROJECT_DIR / "../shared/reference/autoconfig.xsd"\n'
    assert outside_paths(planted, "tests/x.py") == [
        'tests/x.py:1: SCHEMA = PROJECT_DIR / "../shared/reference/autoconfig.xsd"'
    ]
    assert outside_paths("cp -r ../../.library/env .\n", "Makefile") != []
    assert outside_paths('open("/work/shared/FIELD-NOTES.md")\n', "tools/x.py") != []
    assert outside_paths('href="../../assets/javascripts/x.js"\n', "tests/y.py") == []
    assert outside_paths("a page shared by both languages\n", "hooks/z.py") == []


def test_every_reference_file_is_listed_with_its_source_and_licence():
    reference = PROJECT_DIR / "tests" / "reference"
    rows = {
        line.split("|")[1].strip(): line
        for line in (reference / "SOURCES.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith("| file ")
    }
    files = sorted(
        path.relative_to(reference).as_posix()
        for path in reference.rglob("*")
        if path.is_file() and path.name != "SOURCES.md"
    )
    assert files, "tests/reference/ holds the upstream files the tests read"
    assert sorted(rows) == files, "each file in tests/reference/ has one row in SOURCES.md"
