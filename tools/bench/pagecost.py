"""What our own code costs a reader's phone, measured against Material's own cost (issue 28).

The same page Markdown is built twice: as the site builds it, and as a plain Material page: no
hooks, overrides, extra CSS or JavaScript, the markers filled in beforehand with the same
renderer, so the text and tables are the same. Material's own parts the site switches on (its
features, colour schemes, repository link, language selector; `font: false`) are in both: their
cost is Material's. Both are served with gzip on 127.0.0.1 and measured by the pinned Lighthouse
(mobile preset: a slowed-down CPU and network), the two interleaved, several runs, medians.
Absolute times differ two to three times between machines; the ratios, measured side by side in
one run, are what to read. `--site DIR` measures a site built already (an older commit's) instead.

    python -m tools.bench.pagecost [--runs 3] [--write PERFORMANCE.md] [--site DIR]   (make lighthouse installs
    Lighthouse; `make pagecost` runs this)
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpcenter import templates
from helpcenter.labels import load_labels
from helpcenter.languages import project_languages
from helpcenter.mailsettings import load_settings
from helpcenter.markers import fill_markers
from helpcenter.problems import load_problems
from helpcenter.values import Renderer
from tools.bench import sections
from tools.kit.build import PROJECT_DIR, strict_build
from tools.kit.serve import serve
from tools.lighthouse import LIGHTHOUSE, run_lighthouse

SECTION_START = "<!-- pagecost: written by `python -m tools.bench.pagecost`, not by hand -->"
SECTION_END = "<!-- /pagecost -->"
# The pages compared (English: the second language, as Lighthouse's reports elsewhere) and
# their Markdown. The agents' console has no Markdown: it is measured on the site alone.
PAGES = {
    "guide (iPhone)": ("en/guides/iphone/", "guides/iphone.en.md"),
    "overview": ("en/", "index.en.md"),
    "problems hub": ("en/problems/", "problems.en.md"),
    "agents' console": ("en/agent/", None),
}
GROUPS = {"styleLayout": "style & layout", "scriptEvaluation": "script"}


@dataclass
class Measure:
    score: float
    tbt_ms: float
    style_layout_ms: float
    script_ms: float
    kb: float
    requests: int
    long_tasks: dict[str, float]  # file -> ms of long tasks


def plain_project(workdir: Path) -> Path:
    """A plain Material project of the site's English pages, markers filled, same navigation."""
    config = yaml.safe_load(
        (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )
    project = workdir / "plain"
    docs = project / "docs"
    locale = "en"
    settings = load_settings()
    labels = load_labels(
        [language.locale for language in project_languages(PROJECT_DIR / "mkdocs.yml")]
    )
    render = Renderer(
        settings=settings,
        labels=labels[locale],
        templates=templates.environment(PROJECT_DIR / "overrides" / "partials"),
        downloads={"apple-profile": "email.mobileconfig"},
        problems=load_problems(PROJECT_DIR / "docs", list(labels)),
        locale=locale,
    )
    # Every page of the language, so the navigation is as long as the site's.
    for source in sorted((PROJECT_DIR / "docs").rglob(f"*.{locale}.md")):
        relative = source.relative_to(PROJECT_DIR / "docs").as_posix()
        markdown = source.read_text(encoding="utf-8")
        # Material's own template: the overview's (overrides/overview.html) is ours.
        markdown = re.sub(r"(?m)^template: .*\n", "", markdown, count=1)
        target = docs / relative.replace(f".{locale}.md", ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill_markers(markdown, render, relative), encoding="utf-8")
    plain = {
        "site_name": config["site_name"],
        "site_url": config["site_url"] + "en/",
        # Material's own options (features, colour schemes) as the site sets them: their cost
        # is Material's, and the comparison is of what our code adds.
        "theme": {
            "name": "material",
            "font": False,
            "language": locale,
            "features": config["theme"].get("features", []),
            "palette": config["theme"].get("palette", []),
        },
        # The header's repository link and language selector are Material's too.
        "repo_url": config.get("repo_url"),
        "edit_uri": config.get("edit_uri"),
        "extra": {"alternate": alternates()},
        "markdown_extensions": config["markdown_extensions"],
        "nav": config["nav"],
        "not_in_nav": config.get("not_in_nav", ""),
        "validation": {"links": {"not_found": "ignore", "anchors": "ignore"}},
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    return project


def alternates() -> list[dict[str, str]]:
    """Material's language selector as static-i18n gives it to the site: one link a language."""
    return [
        {"name": language.name, "link": "/" + language.prefix, "lang": language.locale}
        for language in project_languages(PROJECT_DIR / "mkdocs.yml")
    ]


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
        long_tasks={
            name: statistics.median(m.long_tasks.get(name, 0) for m in measures) for name in files
        },
    )


def ratio(ours: float, plain: float) -> str:
    return f"{ours / plain:.2f}" if plain else "-"


def format_rows(rows: list[tuple[str, Measure, Measure | None]]) -> str:
    lines = [
        "| page | build | score | TBT ms | style & layout ms | script ms | KB | requests | long tasks (ms, by file) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for page, ours, plain in rows:
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
                f"{m.script_ms:.0f} | {m.kb:.0f} | {m.requests} | {tasks} |"
            )
        if plain is not None:
            lines.append(
                f"| {page} | ours / plain | - | {ratio(ours.tbt_ms, plain.tbt_ms)} | "
                f"{ratio(ours.style_layout_ms, plain.style_layout_ms)} | {ratio(ours.script_ms, plain.script_ms)} | "
                f"{ratio(ours.kb, plain.kb)} | {ratio(ours.requests, plain.requests)} | |"
            )
    return "\n".join(lines)


def section(rows: list[tuple[str, Measure, Measure | None]], command: str, runs: int) -> str:
    return "\n".join(
        [
            SECTION_START,
            "## A page's cost: ours against plain Material",
            "",
            f"Measured by `{command}`: Lighthouse (mobile preset), the median of {runs} runs each, the",
            "site's page and the same Markdown as a plain Material page interleaved in one run on one",
            "machine. Read the ratios: targets on the guide and the overview are TBT at most 1.2x and",
            "style & layout at most 1.3x the plain page's, and no long task from our scripts.",
            "",
            format_rows(rows),
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
                    found[page][0].append(measure(run_lighthouse(ours_url + path)))
                    if source is not None:
                        plain_path = path.removeprefix("en/")
                        found[page][1].append(measure(run_lighthouse(plain_url + plain_path)))
                    print(f"run {run + 1}: {page}", file=sys.stderr, flush=True)
    rows = [
        (page, median(ours), median(plain) if plain else None)
        for page, (ours, plain) in found.items()
    ]
    print(format_rows(rows))
    if args.write:
        command = "python -m tools.bench.pagecost " + " ".join(
            argv if argv is not None else sys.argv[1:]
        )
        text = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        new = section(rows, command, args.runs)
        args.write.write_text(
            sections.replace(text, SECTION_START, SECTION_END, new), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
