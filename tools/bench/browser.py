"""What a reader's browser downloads and waits for, measured in real Chromium over a local
static server: a page view, and searches typed into the search box (whatever the engine)."""

from __future__ import annotations

import contextlib
import gzip
from dataclasses import dataclass, field
from pathlib import Path

from tools.kit.browser import chromium_found, launch_chromium
from tools.kit.serve import serve

QUERY_BOX = "input[data-md-component=search-query]"
RESULT = ".md-search-result__item"
# CPU slowed down as a mid-range phone is (Chromium's CPU throttling, as Lighthouse does).
CPU_SLOWDOWN = 4


@dataclass
class Download:
    raw: int = 0
    gzip: int = 0
    urls: list[str] = field(default_factory=list)

    def add(self, url: str, body: bytes) -> None:
        self.raw += len(body)
        self.gzip += len(gzip.compress(body, 6))
        self.urls.append(url)


def chromium_installed() -> bool:
    return chromium_found()


@contextlib.contextmanager
def static_site(site: Path):
    """The built site on a free port of 127.0.0.1; yields its base URL."""
    with serve(site) as base:
        yield base


@contextlib.contextmanager
def recording_page(base: str, viewport=(390, 844)):
    """A Chromium page that records every response body: yields (page, bodies, order)."""
    from playwright.sync_api import sync_playwright

    bodies: dict[str, bytes] = {}
    order: list[str] = []

    def record(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            body = b""
        if response.url not in bodies:
            order.append(response.url)
        bodies[response.url] = body

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(
            service_workers="block", viewport={"width": viewport[0], "height": viewport[1]}
        )
        context.on("response", record)
        try:
            yield context.new_page(), bodies, order
        finally:
            browser.close()


def downloaded(bodies: dict[str, bytes], urls: list[str]) -> Download:
    total = Download()
    for url in urls:
        total.add(url, bodies[url])
    return total


def type_query(page, words: str) -> float:
    """Type a query as a reader does; milliseconds (page clock) from the last keystroke to the
    first result, or to Material's "no results"."""
    box = page.locator(QUERY_BOX)
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => !document.querySelector('{RESULT}')")
    box.press_sequentially(words[:-1])
    page.evaluate(
        "() => { window.__lastKey = 0; document.addEventListener('keyup', "
        "() => { window.__lastKey = performance.now() }, {once: true}) }"
    )
    box.press(words[-1])
    return page.evaluate(
        """([result]) => new Promise(resolve => {
            const none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"]
            const meta = () => document.querySelector(".md-search-result__meta").textContent.trim()
            const done = () => document.querySelector(result) || meta() === none
            const check = () => done() ? resolve(performance.now() - window.__lastKey) : requestAnimationFrame(check)
            check()
        })""",
        [RESULT],
    )


def result_links(page) -> list[str]:
    """Every result link shown (pages and sections), as path#section from the site root."""
    return page.locator(f"{RESULT} > a").evaluate_all(
        "links => links.map(a => a.pathname.slice(1) + a.hash)"
    )


def page_view_downloads(site: Path, url_path: str, query: str) -> tuple[Download, Download] | None:
    """What opening a page downloads, then what a first search downloads on top. None without Chromium."""
    if not chromium_installed():
        return None
    with (
        static_site(site) as base,
        recording_page(base, viewport=(1280, 900)) as (page, bodies, order),
    ):
        page.goto(base + url_path, wait_until="networkidle")
        page.wait_for_timeout(500)
        seen = len(order)
        page.keyboard.press("/")  # Material's keyboard shortcut opens search
        type_query(page, query)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        return downloaded(bodies, order[:seen]), downloaded(bodies, order[seen:])
