"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, over the built site
served by a real HTTP server on 127.0.0.1 (both from tools/kit/)."""

from __future__ import annotations

import os

import pytest

from tools.kit.browser import chromium_found, chromium_path, launch_chromium
from tools.kit.serve import serve

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def serve_directory():
    """`with serve_directory(path) as url:` for a site other than the real one."""
    return serve


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL (ending in /) of a real HTTP server on 127.0.0.1 serving the built site."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session. Skips only outside CI when Chromium is missing."""
    if not chromium_found():
        where = chromium_path()
        if IN_CI:
            pytest.fail(
                f"Chromium not found at {where}; .ci/run must install it (make system-deps)"
            )
        pytest.skip(
            f"Chromium not found at {where} (apt-get install chromium); browser tests run in CI"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context: new_page(locale="sv-SE", viewport=(390, 844))."""
    contexts = []

    def open_page(locale: str = "en-US", viewport: tuple[int, int] = (1280, 900), **options):
        context = browser.new_context(
            locale=locale,
            viewport={"width": viewport[0], "height": viewport[1]},
            **options,
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
