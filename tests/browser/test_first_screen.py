"""What a reader with a phone in one hand sees first (issue 19): the overview's first screen
offers the apps to choose from, and every guide's step 1 starts within one and a half screens,
in every language, light and dark."""

from __future__ import annotations

import pytest
from screens import SIZES, contexts, guide_paths

pytestmark = pytest.mark.browser

PHONE_HEIGHT = SIZES["phone"]["viewport"]["height"]
GUIDES_ON_FIRST_SCREEN = 5
STEP_ONE_WITHIN_SCREENS = 1.5

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
