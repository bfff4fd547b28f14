"""PERFORMANCE.md (`--write`) and README.md's performance section (`--readme`), written from a
bench run, so the figures readers see are always a bench's output, never pasted by hand."""

from __future__ import annotations

import datetime
import os
import platform
from pathlib import Path

from tools.bench.config_file import BenchError
from tools.bench.search_compare import SearchRow, format_rows
from tools.bench.table import Row, format_table, legend

README_START = "<!-- performance: written by `make bench` (tools/bench/report.py), not by hand -->"
README_END = "<!-- /performance -->"
# The columns of the full table that README.md shows, with the names it gives them.
README_COLUMNS = {
    "N": "articles per language",
    "pages": "pages per language",
    "a s": "build s",
    "a cpu": "build CPU s",
    "t/prev": "CPU over the size before",
    "a MB": "peak MB",
    "page KB": "article KB",
    "view KB gz": "page view KB gz",
    "search KB gz": "first search KB gz",
    "edit s": "edit shown in `make serve` s",
}


def performance_md(rows: list[Row], search_rows: list[SearchRow], command: str, runs: int) -> str:
    parts = [
        "# Performance",
        "",
        f"Written by `{command}` on {datetime.date.today().isoformat()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}; do not edit by hand: run the bench again. "
        f"Median of {runs} run(s). The machine is shared, so compare ratios within one run.",
        "",
        "## Builds, pages and live preview",
        "",
        format_table(rows),
        "",
        legend(),
    ]
    if search_rows:
        parts += [
            "",
            "## Search side by side",
            "",
            "The same generated help center, the same reader queries typed into the search box in",
            "Chromium with the CPU slowed down 4x (tools/bench/search_compare.py lists the queries).",
            "",
            format_rows(search_rows),
        ]
    return "\n".join(parts) + "\n"


def readme_section(rows: list[Row], search_rows: list[SearchRow], command: str) -> str:
    """README.md's summary: the main columns of the table, and the search comparison."""
    lines = format_table(rows).splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    keep = [header.index(name) for name in README_COLUMNS]
    table = []
    for line in [lines[0], *lines[2:]]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table.append("| " + " | ".join(cells[i] for i in keep) + " |")
    table[0] = "| " + " | ".join(README_COLUMNS.values()) + " |"
    table.insert(1, "|" + "---|" * len(keep))
    parts = [
        f"Measured by `{command}` on {datetime.date.today().isoformat()}, {os.cpu_count()} "
        "CPU(s). The whole table, its legend and the targets are in PERFORMANCE.md.",
        "",
        *table,
    ]
    if search_rows:
        parts += [
            "",
            "Search, typed in Chromium with the CPU slowed down 4x:",
            "",
            format_rows(search_rows),
        ]
    return "\n".join(parts)


def replace_readme_section(readme: str, section: str) -> str:
    """README.md with the text between its performance markers replaced by `section`."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise BenchError(
            f"README.md: no performance section to write; it needs the line {README_START!r} "
            f"and, below it, {README_END!r}"
        )
    return f"{readme[: start + len(README_START)]}\n{section}\n{readme[end:]}"


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
