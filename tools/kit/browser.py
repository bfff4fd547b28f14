"""Real headless Chromium: Debian's /usr/bin/chromium (or $CHROMIUM) driven by Playwright, with
the flags every test and tool uses, so no browser is downloaded and nothing calls home."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str:
    """Where Chromium is expected: $CHROMIUM, else Debian's /usr/bin/chromium."""
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def chromium_found() -> bool:
    path = chromium_path()
    return Path(path).exists() or shutil.which(path) is not None


def launch_chromium(playwright: Any, **options: Any) -> Any:
    """`playwright.chromium.launch` of the system Chromium with CHROMIUM_ARGS (plus `options`):

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
    """
    return playwright.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS, **options
    )
