"""The agents' console (/agent/, issue 25) on generated help centers: what it downloads (gzip)
from opening the console to its first matches, and the milliseconds from the last keystroke to
the first row, in Chromium with the CPU slowed down 4x. Targets: 300 KB and 1 s at 10,000
articles per language (links.json is 140 MB there; the console never loads it).

`python -m tools.bench.console --pages 1000 10000 --write PERFORMANCE.md` builds (or, with
--keep, reuses) the help centers and writes the section between SECTION_START and SECTION_END;
`python -m tools.bench --write` keeps that section when it rewrites the file."""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tools.bench import builds, sections
from tools.bench.browser import CPU_SLOWDOWN, downloaded, recording_page, static_site
from tools.bench.config_file import site_languages
from tools.bench.generate import make_project
from tools.kit.build import PROJECT_DIR

SECTION_START = "<!-- console: written by `python -m tools.bench.console`, not by hand -->"
SECTION_END = "<!-- /console -->"
# Per language: the agent's task (the fix for Outlook not sending) and a broad one-word query.
QUERIES = {"sv": ["outlook skicka", "inställningar"], "en": ["outlook send", "settings"]}
TARGET_KB_GZ, TARGET_MS = 300, 1000


@dataclass
class ConsoleRow:
    size: int
    locale: str
    query: str
    kb_gz: float
    ms: float
    rows: int


def measure(size: int, site: Path, prefix: str, locale: str, query: str) -> ConsoleRow:
    """Open the console, type the query, wait for its first row."""
    with static_site(site) as base, recording_page(base) as (page, bodies, order):
        page.context.new_cdp_session(page).send(
            "Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN}
        )
        page.goto(base + prefix + "agent/", wait_until="load")
        box = page.locator("[data-agent-filter]")
        box.press_sequentially(query[:-1])
        page.evaluate(
            "() => { window.__lastKey = 0; document.addEventListener('keyup', "
            "() => { window.__lastKey = performance.now() }, {once: true}) }"
        )
        box.press(query[-1])
        ms = page.evaluate(
            """() => new Promise(resolve => {
                const check = () => document.querySelector("[data-agent-results] li")
                    ? resolve(performance.now() - window.__lastKey) : requestAnimationFrame(check)
                check()
            })"""
        )
        shown = page.locator("[data-agent-results] li").count()
        before = downloaded(bodies, list(order))
    return ConsoleRow(size, locale, query, before.gzip / 1024, ms, shown)


def site_of(size: int, workdir: Path, say) -> Path:
    """The bench's help center of `size` articles per language, built once (reused with --keep)."""
    site = workdir / f"site-{size}-a"
    if not (site / "agent" / "index" / "index.json").exists():
        say(f"generating and building {size} articles per language")
        project, _ = make_project(workdir / f"n{size}-a", size, "a")
        sample = builds.timed_build(project, site)
        say(f"built {size} in {sample.seconds:.0f} s")
    return site


def format_rows(rows: list[ConsoleRow]) -> str:
    lines = [
        "| N | language | query | KB gz before first matches | first matches ms (4x slower CPU) | rows shown |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.size} | {r.locale} | {r.query} | {r.kb_gz:.0f} | {r.ms:.0f} | {r.rows} |"
        for r in rows
    ]
    return "\n".join(lines)


def section(rows: list[ConsoleRow], command: str) -> str:
    worst_kb = max(r.kb_gz for r in rows)
    worst_ms = max(r.ms for r in rows)
    return "\n".join(
        [
            SECTION_START,
            "## The agents' console",
            "",
            f"Measured by `{command}`: opening `/agent/` (or `/en/agent/`) and typing each query in",
            "Chromium with the CPU slowed down 4x; everything downloaded from opening the console to",
            "its first matches (HTML, CSS, script, index.json, posting files, row blocks), gzip.",
            f"Targets: at most {TARGET_KB_GZ} KB and {TARGET_MS} ms at 10,000 articles per language;",
            f"worst here {worst_kb:.0f} KB and {worst_ms:.0f} ms.",
            "",
            format_rows(rows),
            SECTION_END,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="The agents' console: bytes and time to first matches (tools/bench/console.py)"
    )
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--write", type=Path, metavar="FILE", help="e.g. PERFORMANCE.md")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-console-") as temporary:
        workdir = args.keep.resolve() if args.keep else Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        for size in sorted(set(args.pages)):
            site = site_of(size, workdir, say)
            for language in site_languages(PROJECT_DIR):
                for query in QUERIES.get(language.locale, []):
                    rows.append(measure(size, site, language.prefix, language.locale, query))
                    say(format_rows(rows[-1:]).splitlines()[-1])
    print(format_rows(rows))
    if args.write:
        command = sections.command("tools.bench.console", argv)
        sections.write(args.write, SECTION_START, SECTION_END, section(rows, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
