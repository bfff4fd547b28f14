"""Privacy and errors in Chromium: a visit to any page, and a search, asks nothing of any host but
the site's own, and nothing it asks for is missing or fails; the console stays clean."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


class Recorder:
    """Every request a page makes, every failed or refused one, every console error."""

    def __init__(self, page, site_url: str):
        self.site_url = site_url
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "requestfailed",
            lambda request: self.problems.append(f"failed: {request.url} ({request.failure})"),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.problems.append(f"HTTP {response.status}: {response.url}")
            ),
        )
        page.on(
            "console",
            lambda message: (
                message.type in ("error", "warning")
                and self.problems.append(f"console {message.type}: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def elsewhere(self) -> list[str]:
        """Requests to anything but the site (data: URLs are in the page itself)."""
        return [url for url in self.requests if not url.startswith((self.site_url, "data:"))]


def test_no_page_asks_another_host_for_anything_and_nothing_fails(new_page, site_url, site_pages):
    page = new_page()
    recorder = Recorder(page, site_url)
    problems = []
    for path in site_pages:
        recorder.problems.clear()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        problems += [f"/{path}: {problem}" for problem in recorder.problems]
    assert len(recorder.requests) > len(site_pages), "no requests were recorded"
    assert recorder.elsewhere() == []
    assert problems == []


def test_a_search_asks_nothing_of_another_host_and_nothing_fails(new_page, site_url, languages):
    for language in languages:
        page = new_page(viewport=(390, 844))
        recorder = Recorder(page, site_url)
        page.goto(site_url + language["prefix"])
        page.locator("label.md-header__button[for=__search]").click()
        page.locator("input[data-md-component=search-query]").press_sequentially("IMAP")
        page.locator(".md-search-result__item > a").first.click()
        page.wait_for_load_state("networkidle")
        assert any(url.endswith("pagefind/pagefind.js") for url in recorder.requests), (
            "the search did not run"
        )
        assert recorder.elsewhere() == [], language["locale"]
        assert recorder.problems == [], language["locale"]
