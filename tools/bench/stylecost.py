"""What the overview's style and layout cost, part by part (issue 28): the page as loaded, its style
worked out again and its layout done again many times in Chromium, against the plain Material
page (tools/bench/plain_material.py) and against copies of ours with one part taken out.

Lighthouse's "style & layout" (tools/bench/pagecost.py) counts one page load, and the same build
reads up to 0.15 apart from series to series on a 2-core machine: too coarse to tell what one part
of the page costs. Here each sample is the mean of 40 full passes over a page already loaded, on
a phone-sized screen as Lighthouse's mobile preset has it; rounds interleave every page. A style
pass is forced by a new rule for every element (a constructed stylesheet, which the pages' CSP
allows), a layout pass by a one-pixel change of the page's width.

    python -m tools.bench.stylecost [--rounds 7] [--write PERFORMANCE.md]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from tools.bench import sections
from tools.bench.plain_material import plain_project
from tools.kit.browser import launch_chromium
from tools.kit.build import PROJECT_DIR, strict_build
from tools.kit.serve import serve

SECTION_START = "<!-- stylecost: written by `python -m tools.bench.stylecost`, not by hand -->"
SECTION_END = "<!-- /stylecost -->"
PAGE = "en/index.html"
PASSES = 40
# Each copy of the overview: what is taken out of it (CSS selectors of the elements removed).
PARTS = {
    "our four stylesheets": [
        'link[rel=stylesheet][href*="assets/stylesheets/"]:not([href*=".min."])'
    ],
    "the copy-link buttons in the headings": [".links-copy--link"],
    "the app tiles": [".reader-guides"],
    "the address field": ["form.reader-address"],
}
# Lighthouse's mobile preset: the screen, its density and its user agent.
PHONE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
}
PASSES_SCRIPT = """passes => {
    const sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [sheet];
    const last = document.body.lastElementChild;
    document.body.offsetHeight;
    let style = 0, layout = 0;
    for (let pass = 0; pass < passes; pass++) {
        let start = performance.now();
        sheet.replaceSync(`* { --stylecost-${pass}: 1 }`);
        getComputedStyle(last).color;
        style += performance.now() - start;
        start = performance.now();
        document.documentElement.style.width = (pass % 2 ? 411 : 412) + "px";
        document.body.offsetHeight;
        layout += performance.now() - start;
    }
    return [style / passes, layout / passes, document.getElementsByTagName("*").length];
}"""


def without(html: str, selectors: list[str]) -> str:
    """The page's HTML with every element the selectors match taken out (written out again by
    the same parser even when nothing is taken out, so every copy is serialised alike)."""
    document = BeautifulSoup(html, "lxml")
    for selector in selectors:
        found = document.select(selector)
        if not found:
            raise SystemExit(f"{PAGE}: nothing matches {selector!r}: update PARTS")
        for element in found:
            element.decompose()
    return str(document)


def write_copies(site: Path) -> dict[str, str]:
    """The overview as parsed and written again, and each copy with a part taken out, beside it
    (so its links work): its label -> its path."""
    html = (site / PAGE).read_text(encoding="utf-8")
    paths = {}
    for number, (label, selectors) in enumerate({"ours": [], **PARTS}.items()):
        path = PAGE.replace("index.html", f"stylecost-{number}.html")
        (site / path).write_text(without(html, selectors), encoding="utf-8")
        paths[label if not selectors else f"ours without {label}"] = path
    return paths


def measure(urls: dict[str, str], rounds: int) -> dict[str, list[tuple[float, float, int]]]:
    """(style ms, layout ms, elements) per page and round; rounds interleave the pages."""
    found: dict[str, list[tuple[float, float, int]]] = {label: [] for label in urls}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for _ in range(rounds):
            for label, url in urls.items():
                context = browser.new_context(**PHONE)
                page = context.new_page()
                page.goto(url, wait_until="load")
                page.wait_for_timeout(500)
                style, layout, elements = page.evaluate(PASSES_SCRIPT, PASSES)
                found[label].append((style, layout, elements))
                context.close()
        browser.close()
    return found


def format_rows(found: dict[str, list[tuple[float, float, int]]], plain: str) -> str:
    """Medians per page, and each as a ratio to the plain Material page's."""
    plain_style = statistics.median(sample[0] for sample in found[plain])
    plain_layout = statistics.median(sample[1] for sample in found[plain])
    lines = [
        "| page | elements | style pass ms | / plain | layout pass ms | / plain |",
        "|---|---|---|---|---|---|",
    ]
    for label, samples in found.items():
        style = statistics.median(sample[0] for sample in samples)
        layout = statistics.median(sample[1] for sample in samples)
        lines.append(
            f"| {label} | {samples[0][2]} | {style:.2f} | {style / plain_style:.2f} | "
            f"{layout:.2f} | {layout / plain_layout:.2f} |"
        )
    return "\n".join(lines)


def section(table: str, command: str, rounds: int) -> str:
    return "\n".join(
        [
            SECTION_START,
            "### The overview's style and layout, part by part",
            "",
            f"Measured by `{command}`: the English overview loaded in Chromium on Lighthouse's phone",
            f"screen, its style worked out again and its layout done again {PASSES} times, the mean",
            f"pass; the median of {rounds} rounds that interleave every page. The copies are the",
            "built overview with one part taken out. Read the ratios to the plain Material page:",
            "what the part costs is the difference between ours and the copy without it.",
            "",
            table,
            SECTION_END,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--write", type=Path, metavar="FILE", help="e.g. PERFORMANCE.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-stylecost-") as temporary:
        workdir = Path(temporary)
        ours_site, plain_site = workdir / "ours", workdir / "plain-site"
        for project, site in ((plain_project(workdir), plain_site), (PROJECT_DIR, ours_site)):
            build = strict_build(project, site, quiet=True)
            if not build.ok:
                print(build.output, file=sys.stderr)
                return 1
        copies = write_copies(ours_site)
        with serve(ours_site) as ours_url, serve(plain_site) as plain_url:
            urls = {"plain Material": plain_url}
            urls |= {label: ours_url + path for label, path in copies.items()}
            found = measure(urls, args.rounds)
    table = format_rows(found, "plain Material")
    print(table)
    if args.write:
        command = sections.command("tools.bench.stylecost", argv)
        sections.write(args.write, SECTION_START, SECTION_END, section(table, command, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
