"""What a reader with a phone in one hand sees first (issue 19): the overview's first screen
offers the apps to choose from, and every guide's step 1 starts within one and a half screens,
in every language, light and dark; nothing moves while a page loads (issue 28)."""

from __future__ import annotations

import pytest
from screens import SIZES, contexts, guide_paths

pytestmark = pytest.mark.browser

PHONE_HEIGHT = SIZES["phone"]["viewport"]["height"]
GUIDES_ON_FIRST_SCREEN = 5
STEP_ONE_WITHIN_SCREENS = 1.5
# Browsers that get a guide suggested on the overview (reader.js), so its badge is part of the load.
SUGGESTED_ON = {
    "phone": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "desktop": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
}
# Every layout shift the page has had, and whether it moved anything in the page's content.
RECORD_SHIFTS = """window.pageShifts = [];
new PerformanceObserver(list => {
    for (const shift of list.getEntries()) {
        const nodes = shift.sources.map(source => source.node).filter(Boolean);
        window.pageShifts.push({
            value: shift.value,
            inContent: nodes.some(node => node.closest?.(".md-content")),
            moved: nodes.map(node => node.className || node.nodeName),
        });
    }
}).observe({ type: "layout-shift", buffered: true });"""
# Material's header moves a little when its deferred script shows the search button (Material's
# own CSS hides it under "no-js"): on a plain Material page too, and well under the 0.1 that
# counts as a good page.
HEADER_SHIFT_AT_MOST = 0.005
SHIFTS_AFTER_SETUP = """() => new Promise(done => requestAnimationFrame(() =>
    requestAnimationFrame(() => done(window.pageShifts))))"""

# Links to guides whose whole box lies on the first screen.
GUIDE_LINKS_ON_FIRST_SCREEN = """height => new Set([...document.querySelectorAll("article a[href]")]
    .filter(link => {
        const box = link.getBoundingClientRect()
        return box.height > 0 && box.top >= 0 && box.bottom <= height
            && new URL(link.href).pathname.includes("/guides/")
    })
    .map(link => new URL(link.href).pathname)).size"""


@pytest.fixture
def open_context(browser):
    yield from contexts(browser)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_overviews_first_phone_screen_links_at_least_five_guides(
    open_context, site_url, languages, scheme, javascript
):
    page = open_context("phone", scheme, java_script_enabled=javascript).new_page()
    for language in languages:
        page.goto(site_url + language["prefix"])
        page.wait_for_selector("article h1")
        linked = page.evaluate(GUIDE_LINKS_ON_FIRST_SCREEN, PHONE_HEIGHT)
        assert linked >= GUIDES_ON_FIRST_SCREEN, (
            f"/{language['prefix']} ({scheme}): {linked} guides on the first phone screen, "
            f"expected at least {GUIDES_ON_FIRST_SCREEN}"
        )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_guides_step_one_starts_within_one_and_a_half_phone_screens(
    open_context, site_url, site_pages, scheme
):
    page = open_context("phone", scheme).new_page()
    guides = guide_paths(site_pages)
    assert guides, "no guides in the sitemap"
    late = []
    for path in guides:
        page.goto(site_url + path)
        step = page.locator("article [id='step-1']")
        assert step.count() == 1, f"/{path}: no heading with id step-1"
        top = page.evaluate(
            "element => element.getBoundingClientRect().top + window.scrollY",
            step.element_handle(),
        )
        screens = top / PHONE_HEIGHT
        if screens > STEP_ONE_WITHIN_SCREENS:
            late.append(f"/{path}: step 1 starts {screens:.2f} phone screens down")
    assert not late, "\n".join(late)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_nothing_moves_while_a_page_loads(open_context, site_url, site_pages, languages, size):
    """A finger about to tap a tile or a step must not see it jump: nothing in the page's
    content moves while the overview, the problems hub and every guide load, with the device
    suggestion and every script of ours and Material's (issue 28: the suggestion pushed the
    tiles down, and a copy button appearing after Material's script pushed a heading onto a
    second line)."""
    context = open_context(size, "light", user_agent=SUGGESTED_ON[size])
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    paths = [
        language["prefix"] + path for language in languages for path in ("", "problems/")
    ] + guide_paths(site_pages)
    moved = []
    for path in paths:
        page.goto(site_url + path)
        page.locator("html[data-reader-ready]").wait_for(state="attached")
        shifts = page.evaluate(SHIFTS_AFTER_SETUP)
        in_content = [shift for shift in shifts if shift["inContent"]]
        if in_content or sum(shift["value"] for shift in shifts) > HEADER_SHIFT_AT_MOST:
            moved.append(f"/{path}: {shifts}")
    assert len(paths) > 2 * len(languages)
    assert not moved, "\n".join(moved)
