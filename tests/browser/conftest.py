"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, over the built site
served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like a static host would, quietly."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mobileconfig": "application/x-apple-aspen-config",
        ".json": "application/json",
        ".xml": "application/xml",
    }

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing address gets the site's root 404.html with status 404, as GitHub Pages does."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path):
    """A real HTTP server on 127.0.0.1 (a free port) serving `directory`; yields its base URL."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if IN_CI:
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run must install it (apt-get install chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests run in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
