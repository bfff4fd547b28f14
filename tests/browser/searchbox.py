"""The search box as a reader uses it, for the browser tests of search (test_search.py,
test_search_shards_browser.py, test_problems_search.py): open a language's overview, type a
query, read every result Material shows."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

QUERY = "input[data-md-component=search-query]"
RESULT = ".md-search-result__item"


def search(page, words: str) -> list[str]:
    """Type a query as a reader does; every result page's path from the site root, best first."""
    query = page.locator(QUERY)
    query.fill("")
    query.press("End")  # Material searches on keyup
    # The last query's results, or its "no matching documents", are gone: the empty query's
    # answer has come, and cannot arrive after the words below and stand for theirs.
    page.wait_for_function(
        """([result]) => {
            const none = JSON.parse(document.getElementById("__config").textContent)
                .translations["search.result.none"]
            const meta = document.querySelector(".md-search-result__meta").textContent.trim()
            return !document.querySelector(result) && meta !== none
        }""",
        arg=[RESULT],
    )
    query.fill(words)
    query.press("End")
    page.wait_for_function(
        """([result]) => {
            const none = JSON.parse(document.getElementById("__config").textContent)
                .translations["search.result.none"]
            const meta = document.querySelector(".md-search-result__meta").textContent.trim()
            return document.querySelector(result) || meta === none
        }""",
        arg=[RESULT],
    )
    items = page.locator(RESULT)
    total = matching_documents(page)
    while items.count() < total:  # Material shows ten, then four more each time the reader
        shown = items.count()  # scrolls to the bottom again: scroll up first, then down
        page.locator(".md-search__scrollwrap").evaluate(
            """async el => {
                const frame = () => new Promise(requestAnimationFrame)
                for (const top of [0, el.scrollHeight - el.clientHeight]) {
                    if (el.scrollTop === top) continue
                    const scrolled = new Promise(done => el.addEventListener("scroll", done, {once: true}))
                    el.scrollTop = top
                    await scrolled
                    await frame(); await frame()  // Material reads the scroll once a frame
                }
            }"""
        )
        page.wait_for_function(
            "([result, shown]) => document.querySelectorAll(result).length > shown",
            arg=[RESULT, shown],
        )
    return result_links(page)


def matching_documents(page) -> int:
    """How many results Material says it found ("17 matching documents"), in any language."""
    meta = page.locator(".md-search-result__meta").text_content() or ""
    translations = json.loads(page.locator("#__config").text_content() or "{}")["translations"]
    if meta.strip() == translations["search.result.none"]:
        return 0
    if meta.strip() == translations["search.result.one"]:
        return 1
    return int(re.search(r"\d+", meta).group())  # type: ignore[union-attr]


def result_links(page) -> list[str]:
    """Every link the results show (a page, then the section shown under it), path#section."""
    hrefs = page.locator(f"{RESULT} > a").evaluate_all("links => links.map(a => a.href)")
    return [
        urlparse(href).path.lstrip("/")
        + (f"#{urlparse(href).fragment}" if urlparse(href).fragment else "")
        for href in hrefs
    ]


def open_overview(new_page, site_url, language, requests=None):
    page = new_page()
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
    page.goto(site_url + language["prefix"])
    page.wait_for_load_state("networkidle")
    return page
