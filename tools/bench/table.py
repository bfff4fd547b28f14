"""The bench's table: one row per size, medians of the runs, and the legend."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from tools.bench.browser import Download
from tools.bench.builds import BuildSample

VARIANTS = ("a", "b", "c")
COLUMNS = (
    ("N", "generated articles per language; `site` is the real help center as it is"),
    ("pages", "pages per language"),
    ("a s", "wall seconds of the real build"),
    ("b s", "wall seconds with the markers pre-rendered and hooks/settings.py removed"),
    ("c s", "wall seconds with the default language only"),
    (
        "a cpu",
        "CPU seconds of the real build (the ratios use CPU seconds: wall time on a shared machine swings)",
    ),
    ("b cpu", "CPU seconds of b"),
    ("c cpu", "CPU seconds of c"),
    ("a/b", "what the settings hook costs, end to end (target <= 1.02)"),
    (
        "t/prev",
        "a cpu over a cpu at the size before (targets: 1000 over 100 <= 11, 10000 over 1000 <= 11)",
    ),
    ("a/c", "all languages over the default one alone (target <= 2.1)"),
    ("a MB", "peak memory (max RSS) of the real build (target at 10000: <= 2048)"),
    ("b MB", "same for b"),
    ("c MB", "same for c"),
    (
        "page KB",
        "HTML of one article, the middle one of the generated articles (site: of the real ones) (target <= 60)",
    ),
    ("max page KB", "HTML of the largest article"),
    ("view KB", "everything opening that article downloads before the reader searches, raw"),
    ("view KB gz", "same, gzip (target <= 150)"),
    ("search KB", "what the first search downloads on top, raw"),
    ("search KB gz", "same, gzip (target at 10000: <= 300)"),
    (
        "edit s",
        "seconds from saving a page to `mkdocs serve` (as `make serve` runs it: one language) "
        "serving it (target at 1000: <= 3)",
    ),
)


@dataclass
class Row:
    label: str
    pages: int
    variants: tuple[str, ...] = VARIANTS
    builds: dict[str, list[BuildSample]] = field(default_factory=lambda: {v: [] for v in VARIANTS})
    edits: list[float] = field(default_factory=list)
    page_bytes: int = 0
    max_page_bytes: int = 0
    downloads: tuple[Download, Download] | None = None

    def median(self, variant: str, what: str) -> float | None:
        samples = self.builds[variant]
        return statistics.median(getattr(sample, what) for sample in samples) if samples else None


def megabytes(value: float | None) -> float | None:
    return None if value is None else value / 2**20


def format_table(rows: list[Row]) -> str:
    sizes = [row for row in rows if row.label != "site"]
    before = {id(row): previous for previous, row in zip(sizes, sizes[1:], strict=False)}

    def cell(value, pattern="{:.1f}") -> str:
        return "-" if value is None else pattern.format(value)

    def ratio(top, bottom) -> str:
        return "-" if top is None or not bottom else f"{top / bottom:.2f}"

    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        a, b, c = (row.median(v, "cpu_seconds") for v in VARIANTS)
        kb = ["n/a"] * 4
        if row.downloads:
            view, search = row.downloads
            kb = [cell(x / 1024, "{:.0f}") for x in (view.raw, view.gzip, search.raw, search.gzip)]
        cells = [
            row.label,
            str(row.pages),
            *(cell(row.median(v, "seconds")) for v in VARIANTS),
            *(cell(row.median(v, "cpu_seconds")) for v in VARIANTS),
            ratio(a, b),
            ratio(a, before[id(row)].median("a", "cpu_seconds")) if id(row) in before else "-",
            ratio(a, c),
            *(cell(megabytes(row.median(v, "peak_bytes")), "{:.0f}") for v in VARIANTS),
            cell(row.page_bytes / 1024, "{:.0f}"),
            cell(row.max_page_bytes / 1024, "{:.0f}"),
            *kb,
            f"{statistics.median(row.edits):.2f}" if row.edits else "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def legend() -> str:
    return "\n".join(f"- {name}: {meaning}" for name, meaning in COLUMNS)
