"""PERFORMANCE.md, written from a bench run (`--write`): README.md links to it, so the figures
readers see are always a bench's output, never pasted by hand."""

from __future__ import annotations

import datetime
import os
import platform
from pathlib import Path

from tools.bench.search_compare import SearchRow, format_rows
from tools.bench.table import Row, format_table, legend


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


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
