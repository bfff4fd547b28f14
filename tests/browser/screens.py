"""Screens the browser tests look at the site on (issue 19): a phone, 390 x 844 CSS px at twice
the density with a touch screen (nothing hovers), and a computer, 1280 x 900 with a mouse."""

from __future__ import annotations

SIZES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


def guide_paths(site_pages: list[str]) -> list[str]:
    """The guides among the site's pages, in every language."""
    return [path for path in site_pages if "/guides/" in "/" + path]


def contexts(browser):
    """A fixture body: open(size, scheme, **options) opens a browser context at that screen
    size in the "light" or "dark" scheme; every one is closed after the test."""
    opened = []

    def open_context(size: str, scheme: str, **options):
        context = browser.new_context(color_scheme=scheme, **SIZES[size], **options)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()
