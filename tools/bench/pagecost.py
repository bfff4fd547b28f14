"""What our own code costs a reader's phone, measured against Material's own cost (issue 28).

The same page Markdown is built twice: as the site builds it, and as a plain Material page: no
hooks, overrides, extra CSS or JavaScript, the markers filled in beforehand with the same
renderer, so the text and tables are the same. Material's own parts the site switches on (its
features, colour schemes, repository link, language selector; `font: false`) are in both: their
cost is Material's. Both are served with gzip on 127.0.0.1 and measured by the pinned Lighthouse
(mobile preset: a slowed-down CPU and network), the two interleaved, several runs, medians.
Absolute times differ two to three times between machines; the ratios, measured side by side in
one run, are what to read: each run's ours / plain, so that the machine's slow and quick moments
fall on both pages alike, the median of those and their middle half. `--site DIR` measures a
site built already (an older commit's) instead.

    python -m tools.bench.pagecost [--runs 3] [--write PERFORMANCE.md] [--site DIR]   (make lighthouse installs
    Lighthouse; `make pagecost` runs this)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tools.bench import sections
from tools.bench.plain_material import plain_project
from tools.kit.build import PROJECT_DIR, strict_build
from tools.kit.serve import serve
from tools.lighthouse import LIGHTHOUSE, run_lighthouse

SECTION_START = "<!-- pagecost: written by `python -m tools.bench.pagecost`, not by hand -->"
SECTION_END = "<!-- /pagecost -->"
# What an editor wrote about the table (how to read it, tables of older commits): no bench writes
# it, and `make bench`, which writes PERFORMANCE.md anew, keeps it.
NOTES_START = "<!-- pagecost notes: written by hand; the benches keep them -->"
NOTES_END = "<!-- /pagecost notes -->"
# The pages compared (English: the second language, as Lighthouse's reports elsewhere) and
# their Markdown. The agents' console has no Markdown: it is measured on the site alone.
PAGES = {
    "guide (iPhone)": ("en/guides/iphone/", "guides/iphone.en.md"),
    "overview": ("en/", "index.en.md"),
    "problems hub": ("en/problems/", "problems.en.md"),
    "agents' console": ("en/agent/", None),
}
T = TypeVar("T")
GROUPS = {"styleLayout": "style & layout", "scriptEvaluation": "script"}


@dataclass
class Measure:
    score: float
    tbt_ms: float
    style_layout_ms: float
    script_ms: float
    kb: float
    requests: int
    layout_shift: float  # Lighthouse's cumulative layout shift
    long_tasks: dict[str, float]  # file -> ms of long tasks


def measure(report: dict) -> Measure:
    audits = report["audits"]
    groups = {
        item["group"]: item["duration"]
        for item in audits["mainthread-work-breakdown"]["details"]["items"]
    }
    long_tasks: dict[str, float] = {}
    for task in audits.get("long-tasks", {}).get("details", {}).get("items", []):
        name = str(task.get("url", "")).rsplit("/", 1)[-1] or "(page)"
        long_tasks[name] = long_tasks.get(name, 0) + task.get("duration", 0)
    return Measure(
        score=report["categories"]["performance"]["score"] * 100,
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        style_layout_ms=groups.get("styleLayout", 0),
        script_ms=groups.get("scriptEvaluation", 0),
        kb=audits["total-byte-weight"]["numericValue"] / 1024,
        requests=len(audits["network-requests"]["details"]["items"]),
        layout_shift=audits["cumulative-layout-shift"]["numericValue"],
        long_tasks=long_tasks,
    )


def median(measures: list[Measure]) -> Measure:
    files = {name for m in measures for name in m.long_tasks}
    return Measure(
        score=statistics.median(m.score for m in measures),
        tbt_ms=statistics.median(m.tbt_ms for m in measures),
        style_layout_ms=statistics.median(m.style_layout_ms for m in measures),
        script_ms=statistics.median(m.script_ms for m in measures),
        kb=statistics.median(m.kb for m in measures),
        requests=round(statistics.median(m.requests for m in measures)),
        layout_shift=statistics.median(m.layout_shift for m in measures),
        long_tasks={
            name: statistics.median(m.long_tasks.get(name, 0) for m in measures) for name in files
        },
    )


def ratio(ours: float, plain: float) -> str:
    return f"{ours / plain:.2f}" if plain else "-"


def in_turn(builds: list[T], run: int) -> list[T]:
    """The builds in the order of this run: every other run the other one goes first. Measured,
    the first of two Lighthouse runs in a row read 5 to 8 % higher style and layout, whichever
    page it was; always measuring ours first made it look 15 % dearer than it is."""
    return builds if run % 2 == 0 else builds[::-1]


def paired_ratios(ours: Sequence[float], plain: Sequence[float]) -> list[float]:
    """Each run's ours / plain: the two pages of a run share the machine's slow or quick moment."""
    return [mine / theirs for mine, theirs in zip(ours, plain, strict=True) if theirs]


def ratio_cell(ratios: Sequence[float]) -> str:
    """The runs' median ratio and, from four runs on, their middle half: "1.19 (1.12-1.25)"."""
    if not ratios:
        return "-"
    if len(ratios) < 4:
        return f"{statistics.median(ratios):.2f}"
    low, middle, high = statistics.quantiles(ratios, n=4, method="inclusive")
    return f"{middle:.2f} ({low:.2f}-{high:.2f})"


def format_rows(pages: dict[str, tuple[list[Measure], list[Measure]]]) -> str:
    """Each page's medians, ours and plain Material's, then their ratios run by run."""
    lines = [
        "| page | build | score | TBT ms | style & layout ms | script ms | layout shift | KB "
        "| requests | long tasks (ms, by file) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page, (ours_runs, plain_runs) in pages.items():
        ours = median(ours_runs)
        plain = median(plain_runs) if plain_runs else None
        for build, m in (("ours", ours), ("plain Material", plain)):
            if m is None:
                continue
            tasks = (
                ", ".join(
                    f"{name} {ms:.0f}"
                    for name, ms in sorted(m.long_tasks.items(), key=lambda t: -t[1])
                    if ms
                )
                or "none"
            )
            lines.append(
                f"| {page} | {build} | {m.score:.0f} | {m.tbt_ms:.0f} | {m.style_layout_ms:.0f} | "
                f"{m.script_ms:.0f} | {m.layout_shift:.3f} | {m.kb:.0f} | {m.requests} | {tasks} |"
            )
        if plain is not None:
            run_by_run = {
                field: ratio_cell(
                    paired_ratios(
                        [getattr(m, field) for m in ours_runs],
                        [getattr(m, field) for m in plain_runs],
                    )
                )
                for field in ("tbt_ms", "style_layout_ms", "script_ms")
            }
            lines.append(
                f"| {page} | ours / plain | - | {run_by_run['tbt_ms']} | "
                f"{run_by_run['style_layout_ms']} | {run_by_run['script_ms']} | - | "
                f"{ratio(ours.kb, plain.kb)} | {ratio(ours.requests, plain.requests)} | |"
            )
    return "\n".join(lines)


def section(pages: dict[str, tuple[list[Measure], list[Measure]]], command: str, runs: int) -> str:
    return "\n".join(
        [
            SECTION_START,
            "## A page's cost: ours against plain Material",
            "",
            f"Measured by `{command}`: Lighthouse (mobile preset), {runs} runs each, the site's page",
            "and the same Markdown as a plain Material page interleaved in one run on one machine.",
            "Each build's row gives its medians. The ratio row divides each run's two pages, ours by",
            "plain, and gives the median of those ratios with their middle half in brackets: the",
            "same build reads differently from run to run, and the brackets show by how much.",
            "Targets on the guide and the overview: TBT at most 1.2x and style & layout at most",
            "1.3x the plain page's, and no long task from our scripts. Layout shift: plain",
            "Material's header moves a little as its script starts; nothing else should.",
            "",
            format_rows(pages),
            SECTION_END,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, metavar="FILE", help="e.g. PERFORMANCE.md")
    parser.add_argument(
        "--project", type=Path, default=PROJECT_DIR, help="the site to measure (default: this one)"
    )
    parser.add_argument(
        "--site",
        type=Path,
        help="a site built already, measured instead of building --project (an older commit's)",
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make lighthouse` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-pagecost-") as temporary:
        workdir = Path(temporary)
        ours_site, plain_site = workdir / "ours", workdir / "plain-site"
        builds = [(plain_project(workdir), plain_site)]
        if args.site is None:
            builds.append((args.project, ours_site))
        else:
            ours_site = args.site
        for project, site in builds:
            build = strict_build(project, site, quiet=True)
            if not build.ok:
                print(build.output, file=sys.stderr)
                return 1
        found: dict[str, tuple[list[Measure], list[Measure]]] = {page: ([], []) for page in PAGES}
        with serve(ours_site, gzip=True) as ours_url, serve(plain_site, gzip=True) as plain_url:
            for run in range(args.runs):
                for page, (path, source) in PAGES.items():
                    builds = [(0, ours_url + path)]
                    if source is not None:
                        builds.append((1, plain_url + path.removeprefix("en/")))
                    for side, url in in_turn(builds, run):
                        found[page][side].append(measure(run_lighthouse(url)))
                    print(f"run {run + 1}: {page}", file=sys.stderr, flush=True)
    print(format_rows(found))
    if args.write:
        command = sections.command("tools.bench.pagecost", argv)
        sections.write(args.write, SECTION_START, SECTION_END, section(found, command, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
