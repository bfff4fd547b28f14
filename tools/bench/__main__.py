"""`python -m tools.bench`: see tools/bench/__init__.py."""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from tools.bench import builds, pagecost, report, search_compare, sections, stylecost
from tools.bench import console as console_bench
from tools.bench.browser import chromium_installed, page_view_downloads
from tools.bench.config_file import (
    BenchError,
    i18n_languages,
    nav_pages,
    read_config,
    site_languages,
)
from tools.bench.generate import make_project, real_sources
from tools.bench.table import VARIANTS, Row, format_table, legend
from tools.kit.build import PROJECT_DIR

SEARCH_QUERY = "imap"
# `mkdocs serve` is timed at the real size and at these sizes and below (each try is a full
# one-language build before the edit).
EDIT_UP_TO = 1000
# Variants b and c are side-by-side costs (the settings hook, one language); above this size
# only the real build (a) is timed, so that a run at 10,000 fits in the bench machine's hour.
VARIANTS_UP_TO = 1000


def run_bench(sizes: list[int], runs: int, variants: list[str], workdir: Path, say) -> list[Row]:
    """Measure the real site (size 'site') and each N; `runs` rounds, the variants side by side."""
    config = read_config(PROJECT_DIR)
    real_pages = len(nav_pages(config.get("nav", [])))
    plan = [("site", 0)] + [(str(n), n) for n in sizes]
    rows, projects = {}, {}
    sized = {
        label: [v for v in variants if v == "a" or articles <= VARIANTS_UP_TO]
        for label, articles in plan
    }
    for label, articles in plan:
        for variant in sized[label]:
            say(f"generating {label} ({articles} articles per language), variant {variant}")
            projects[label, variant] = make_project(
                workdir / f"n{label}-{variant}", articles, variant, builds.timed_build
            )
        rows[label] = Row(label, real_pages + articles)
    edit_src = real_sources(PROJECT_DIR, config, i18n_languages(config))[0].src
    for run in range(1, runs + 1):
        for label, articles in plan:
            row = rows[label]
            for variant in sized[label]:
                sample = builds.timed_build(
                    projects[label, variant][0], workdir / f"site-{label}-{variant}"
                )
                row.builds[variant].append(sample)
                say(
                    f"run {run}/{runs}  {label:>5}  {variant}  {sample.seconds:6.1f} s  "
                    f"{sample.cpu_seconds:6.1f} cpu s  {sample.peak_bytes / 2**20:4.0f} MB"
                )
            if "a" in variants and articles <= EDIT_UP_TO:
                row.edits.append(builds.serve_edit_seconds(projects[label, "a"][0], edit_src))
                say(
                    f"run {run}/{runs}  {label:>5}  edit shows in serve after {row.edits[-1]:.2f} s"
                )
    if "a" in variants:
        for label, _ in plan:
            measure_pages(rows[label], workdir / f"site-{label}-a", projects[label, "a"][1], config)
    return [rows[label] for label, _ in plan]


def measure_pages(row: Row, site: Path, generated: list[str], config: dict) -> None:
    articles = generated or [
        s.src for s in real_sources(PROJECT_DIR, config, i18n_languages(config))
    ]
    measured = articles[len(articles) // 2]
    row.page_bytes = (site / builds.page_url_path(measured) / "index.html").stat().st_size
    row.max_page_bytes = max(
        (site / builds.page_url_path(src) / "index.html").stat().st_size for src in articles
    )
    row.downloads = page_view_downloads(site, builds.page_url_path(measured), SEARCH_QUERY)


def compare_search(
    sizes: list[int], baseline: str | None, workdir: Path, say
) -> list[search_compare.SearchRow]:
    """Today's search on the generated help center of each size and, up to BASELINE_UP_TO, the
    baseline revision's on the same one."""
    if not chromium_installed():
        raise BenchError("measuring search needs Chromium")
    rows = []
    for size in sizes:
        sites = {"today": workdir / f"site-{size}-a"}
        if not sites["today"].exists():
            project, _ = make_project(workdir / f"n{size}-a", size, "a")
            builds.timed_build(project, sites["today"])
        if baseline and size <= search_compare.BASELINE_UP_TO:
            sites[baseline] = baseline_site(baseline, size, workdir, say)
        for engine, site in sites.items():
            for language in site_languages(PROJECT_DIR):
                rows.append(
                    search_compare.measure(engine, size, site, language.prefix, language.locale)
                )
                say(search_compare.format_rows(rows[-1:]).splitlines()[-1])
    return rows


def baseline_site(baseline: str, size: int, workdir: Path, say) -> Path:
    """The help center of `size` generated and built by the `baseline` revision's own code."""
    tree = workdir / "baseline-tree"
    if not tree.exists():
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", baseline],
            cwd=PROJECT_DIR,
            capture_output=True,
            check=True,
        ).stdout
        with tempfile.TemporaryFile() as file:
            file.write(archive)
            file.seek(0)
            with tarfile.open(fileobj=file) as archive_file:
                archive_file.extractall(tree)
    say(f"building the {baseline} help center of {size} articles per language for search")
    script = (
        "import sys\nfrom pathlib import Path\nsys.path[:0] = [sys.argv[1], sys.argv[1] + '/tests']\n"
        "try:\n from tools.bench.generate import make_project\n"
        "except ImportError:\n from tools.bench import make_project\n"
        "make_project(Path(sys.argv[2]), int(sys.argv[3]), 'a')"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(tree), str(workdir / f"baseline-{size}"), str(size)],
        check=True,
        cwd=tree,
    )
    site = workdir / f"baseline-site-{size}"
    builds.timed_build(workdir / f"baseline-{size}", site)
    return site


# The sections of PERFORMANCE.md that other benches write, or editors (pagecost's notes): kept,
# in this order, when this bench writes the file anew.
KEPT_SECTIONS = (
    (console_bench.SECTION_START, console_bench.SECTION_END),
    (pagecost.SECTION_START, pagecost.SECTION_END),
    (pagecost.NOTES_START, pagecost.NOTES_END),
    (stylecost.SECTION_START, stylecost.SECTION_END),
)


def with_kept_sections(old: str, new: str) -> str:
    """`new` with every section of KEPT_SECTIONS that `old` has, as `old` has it."""
    for start, end in KEPT_SECTIONS:
        kept = sections.kept(old, start, end)
        new = sections.replace(new, start, end, kept) if kept else new
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark of builds, pages, search and live preview (tools/bench/__init__.py)"
    )
    parser.add_argument(
        "--pages",
        type=int,
        nargs="+",
        default=[100, 500, 1000],
        help="generated articles per language, one size per row",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per size; the table shows medians"
    )
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=VARIANTS,
        default=list(VARIANTS),
        help=f"which builds to time (b and c up to {VARIANTS_UP_TO} articles per language)",
    )
    parser.add_argument(
        "--search-baseline",
        metavar="REV",
        help="also compare search with this git revision's (up to "
        f"{search_compare.BASELINE_UP_TO} articles per language)",
    )
    parser.add_argument(
        "--search-at",
        type=int,
        nargs="+",
        metavar="N",
        help="measure search on the help centers of these sizes (default with --search-baseline: "
        f"the largest size up to {search_compare.BASELINE_UP_TO})",
    )
    parser.add_argument(
        "--write", type=Path, metavar="FILE", help="also write the report, e.g. PERFORMANCE.md"
    )
    parser.add_argument(
        "--readme",
        type=Path,
        metavar="FILE",
        help="also write the summary into this file's performance section, e.g. README.md",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="work in this folder and keep it (generated projects, sites, logs)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or any(n < 1 for n in args.pages):
        parser.error("--pages and --runs take positive whole numbers")

    def say(message):
        print(message, file=sys.stderr, flush=True)

    if args.readme:  # before the long run, not after it
        try:
            report.replace_readme_section(args.readme.read_text(encoding="utf-8"), "")
        except (BenchError, OSError) as error:
            parser.error(str(error))
    sizes = sorted(set(args.pages))
    try:
        with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
            workdir = args.keep.resolve() if args.keep else Path(temporary)
            workdir.mkdir(parents=True, exist_ok=True)
            rows = run_bench(sizes, args.runs, args.variants, workdir, say)
            search_sizes = args.search_at or []
            if args.search_baseline and not search_sizes:
                limit = search_compare.BASELINE_UP_TO
                search_sizes = [max([n for n in sizes if n <= limit] or sizes[:1])]
            search_rows = []
            if search_sizes:
                search_rows = compare_search(
                    sorted(set(search_sizes)), args.search_baseline, workdir, say
                )
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    print(f"Median of {args.runs} run(s).\n\n{format_table(rows)}\n\n{legend()}")
    if search_rows:
        print("\n" + search_compare.format_rows(search_rows))
    command = "python -m tools.bench " + shlex.join(argv if argv is not None else sys.argv[1:])
    if args.write:
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        text = report.performance_md(rows, search_rows, command, args.runs)
        report.write(args.write, with_kept_sections(old, text))
    if args.readme:
        section = report.readme_section(rows, search_rows, command)
        try:
            text = report.replace_readme_section(args.readme.read_text(encoding="utf-8"), section)
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
        report.write(args.readme, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
