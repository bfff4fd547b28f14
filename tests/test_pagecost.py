"""The page-cost bench (tools/bench/pagecost.py, issue 28) compares like with like: the plain
Material page carries the same text and settings as ours and none of our code, and its ratios
are taken run by run, so one slow moment of the machine does not read as our cost."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from tools.bench.__main__ import KEPT_SECTIONS, with_kept_sections
from tools.bench.pagecost import Measure, format_rows, in_turn, paired_ratios, ratio_cell
from tools.bench.plain_material import plain_project
from tools.bench.stylecost import PAGE, PARTS, write_copies
from tools.kit.build import PROJECT_DIR, strict_build


def sample(style_layout_ms: float, tbt_ms: float = 10, layout_shift: float = 0) -> Measure:
    return Measure(
        score=100,
        tbt_ms=tbt_ms,
        style_layout_ms=style_layout_ms,
        script_ms=100,
        kb=80,
        requests=10,
        layout_shift=layout_shift,
        long_tasks={},
    )


def test_ratios_are_taken_run_by_run_not_between_medians():
    # The machine was slow in the second run for both pages: run by run, ours costs 1.1x.
    ours, plain = [110, 220, 110], [100, 200, 100]
    assert paired_ratios(ours, plain) == [1.1, 1.1, 1.1]
    assert ratio_cell(paired_ratios(ours, plain)) == "1.10"


def test_ours_and_plain_take_turns_at_going_first():
    builds = ["ours", "plain"]
    assert [in_turn(builds, run)[0] for run in range(4)] == ["ours", "plain", "ours", "plain"]
    assert in_turn(["ours"], 1) == ["ours"]  # the console has no plain page


def test_a_ratio_shows_the_middle_half_of_the_runs_from_four_runs_on():
    assert ratio_cell([1.0, 1.2, 1.4, 1.6, 1.8]) == "1.40 (1.20-1.60)"
    assert ratio_cell([1.0, 1.2]) == "1.10"
    assert ratio_cell([]) == "-"


def test_the_table_gives_each_builds_medians_and_the_run_by_run_ratio():
    pages = {
        "overview": (
            [sample(130, layout_shift=0.05), sample(260), sample(125)],
            [sample(100), sample(200), sample(100)],
        ),
        "agents' console": ([sample(30), sample(31), sample(29)], []),
    }
    lines = format_rows(pages).splitlines()
    ours, plain, ratios, console = lines[2:]
    assert ours.startswith("| overview | ours | 100 | 10 | 130 | 100 | 0.000 |")
    assert plain.startswith("| overview | plain Material | 100 | 10 | 100 |")
    # Run by run 1.30, 1.30 and 1.25: the median is 1.30, not 130 / 100 by chance.
    assert ratios.startswith("| overview | ours / plain | - | 1.00 | 1.30 | 1.00 | - |")
    assert console.startswith("| agents' console | ours |")
    assert len(lines) == 6  # the console has no plain page and no ratio row


def test_the_plain_page_has_the_same_settings_and_none_of_our_code(tmp_path: Path, built_site):
    site = tmp_path / "plain-site"
    build = strict_build(plain_project(tmp_path), site, quiet=True)
    assert build.ok, build.output
    plain = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    ours = BeautifulSoup(
        (built_site / "en" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )

    def settings(page: BeautifulSoup) -> list[str]:
        return [cell.get_text(" ", strip=True) for cell in page.select("article td")]

    assert settings(plain) and settings(plain) == settings(ours)
    assert "<!--" not in str(plain.select_one("article"))  # no marker left unfilled
    ours_only = [
        'link[href$="reader.css"]',
        'script[src$="reader.js"]',
        ".reader-guides",
        ".links-copy--link",  # the headings' (the values' come with the settings tables)
        "form.reader-address",
    ]
    for selector in ours_only:
        assert ours.select(selector), f"the site's overview has no {selector}: update the test"
        assert not plain.select(selector), f"the plain page has {selector}"


def test_each_copy_of_the_overview_lacks_its_part_and_nothing_else(tmp_path: Path, built_site):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    copies = write_copies(site)
    assert len(copies) == len(PARTS) + 1
    whole = BeautifulSoup((site / copies["ours"]).read_text(encoding="utf-8"), "html.parser")
    for part, selectors in PARTS.items():
        copy = BeautifulSoup(
            (site / copies[f"ours without {part}"]).read_text(encoding="utf-8"), "html.parser"
        )
        for selector in selectors:
            assert whole.select(selector) and not copy.select(selector), (part, selector)
        assert copy.select_one("article h1") and copy.select("article table"), part
        assert (site / PAGE).parent == (site / copies[f"ours without {part}"]).parent


def test_make_bench_keeps_every_section_it_does_not_write_itself():
    """`make bench` writes PERFORMANCE.md anew: the page-cost table, its notes by hand and the
    part-by-part table must survive it, as PERFORMANCE.md has them now."""
    performance = (PROJECT_DIR / "PERFORMANCE.md").read_text(encoding="utf-8")
    rewritten = with_kept_sections(performance, "# Performance\n\nA new build table.\n")
    for start, end in KEPT_SECTIONS:
        assert start in performance and end in performance, f"PERFORMANCE.md has no {start}"
        section = performance[performance.index(start) : performance.index(end) + len(end)]
        assert section in rewritten
    assert rewritten.startswith("# Performance\n\nA new build table.\n")
