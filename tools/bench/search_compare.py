"""Search side by side: the same built help center with two search engines (today's and a
baseline revision's), the same reader queries, in Chromium with the CPU slowed down 4x.

For each language: bytes the first query downloads and the first five queries download (gzip),
milliseconds from the last keystroke of the first query to its results, and relevance: how many
of the reader queries show the expected page or section among the first five results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools.bench.browser import (
    CPU_SLOWDOWN,
    downloaded,
    recording_page,
    result_links,
    static_site,
    type_query,
)

# Real reader queries per language (issue 15): inflected words, product names, error texts, and
# words the pages may not use (data/search-synonyms.yml). Each with what a useful result shows:
# a path fragment the page (or page#section) of one of the first five results contains.
QUERIES = {
    "sv": [
        ("kontot", "guides/"),
        ("lösenordet", "#wrong-password"),
        ("inställningarna", "guides/"),
        ("servern", "guides/"),
        ("serverns identitet inte kan verifieras", "#certificate-warning"),
        ("Thunderbird", "guides/thunderbird"),
        ("vidarebefordra", "articles/forwarding"),
        ("mejl", "guides/"),
        ("macbook", "guides/apple-mail"),
        ("lösen", "#wrong-password"),
    ],
    "en": [
        ("passwords", "#wrong-password"),
        ("accounts", "guides/"),
        ("settings", "guides/"),
        ("Cannot Verify Server Identity", "#certificate-warning"),
        ("Thunderbird", "guides/thunderbird"),
        ("forwarding", "articles/forwarding"),
        ("vanished", "#mail-vanished"),
        ("macbook", "guides/apple-mail"),
    ],
}
FIVE = 5
# The baseline (lunr) is built and measured up to this size: its reader downloads the whole
# index (7.6 MB raw at 1000 articles per language, growing with the pages), and its build at
# 10,000 would take over an hour on the bench machine.
BASELINE_UP_TO = 1000


@dataclass
class SearchRow:
    engine: str
    size: int
    locale: str
    first_kb_gz: float
    five_kb_gz: float
    first_ms: float
    found: int
    asked: int


def measure(engine: str, size: int, site: Path, prefix: str, locale: str) -> SearchRow:
    queries = QUERIES.get(locale, [])
    with static_site(site) as base, recording_page(base) as (page, bodies, order):
        page.context.new_cdp_session(page).send(
            "Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN}
        )
        page.goto(base + prefix, wait_until="networkidle")
        page.locator("label.md-header__button[for=__search]").click()
        seen = len(order)
        found, first_ms, after = 0, 0.0, []
        for number, (words, expected) in enumerate(queries):
            ms = type_query(page, words)
            page.wait_for_load_state("networkidle")
            if number == 0:
                first_ms, after = ms, [len(order)]
            if number == FIVE - 1:
                after.append(len(order))
            found += any(expected in link for link in result_links(page)[: 2 * FIVE])
    first = downloaded(bodies, order[seen : after[0]])
    five = downloaded(bodies, order[seen : after[-1]])
    return SearchRow(
        engine, size, locale, first.gzip / 1024, five.gzip / 1024, first_ms, found, len(queries)
    )


def format_rows(rows: list[SearchRow]) -> str:
    lines = [
        "| N | engine | language | first query KB gz | five queries KB gz | first results ms (4x slower CPU) "
        "| relevance (expected in top 5) |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.size} | {row.engine} | {row.locale} | {row.first_kb_gz:.0f} | {row.five_kb_gz:.0f} "
            f"| {row.first_ms:.0f} | {row.found}/{row.asked} |"
        )
    return "\n".join(lines)
