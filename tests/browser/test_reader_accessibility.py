"""axe-core in Chromium finds nothing on the pages with issue 16's parts, in the states a reader
puts them in, light and dark, sv and en: the overview with its tiles and a suggested guide; a
guide with the address field empty, with an address shown, and with the invalid-address message;
a phone guide and the profile section with their QR codes; the settings card."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE = Axe()  # axe-playwright-python's bundled axe-core: no network
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def violations(page) -> list[str]:
    """axe's violations on the page once its transitions have ended, one line each."""
    page.wait_for_function(
        "() => document.getAnimations().every(animation => animation.playState !== 'running')"
    )
    found = page.evaluate(
        "axe.run({resultTypes: ['violations']}).then(result => result.violations)"
    )
    return [
        f"{item['id']} ({item['impact']}): {item['help']} at {[node['target'] for node in item['nodes']][:3]}"
        for item in found
    ]


def save(page, address: str) -> None:
    page.locator(".reader-address__input").fill(address)
    page.locator(".reader-address__save").click()
    page.wait_for_function(
        "() => document.querySelector('.reader-address__status').textContent !== ''"
    )


STATES = {
    "overview, iPhone suggested": ("", (390, 844), IPHONE, None),
    "overview, wide": ("", (1280, 900), None, None),
    "guide, empty field": ("guides/thunderbird/", (390, 844), None, None),
    "guide, own address": ("guides/iphone/", (1280, 900), None, "anna.svensson@example.org"),
    "guide, invalid address": ("guides/android/", (390, 844), None, "anna@"),
    "phone guide with a QR code": ("guides/gmail/", (1280, 900), None, None),
    "profile section with a QR code": ("guides/apple-mail/", (1280, 900), None, None),
    "settings card": ("card/", (1280, 900), None, None),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_new_parts(browser, site_url, languages, scheme):
    problems = []
    for language in languages:
        for state, (path, viewport, user_agent, address) in STATES.items():
            options = {"user_agent": user_agent} if user_agent else {}
            context = browser.new_context(
                color_scheme=scheme,
                viewport={"width": viewport[0], "height": viewport[1]},
                **options,
            )
            context.add_init_script(script=AXE.axe_script)
            page = context.new_page()
            page.goto(site_url + language["prefix"] + path)
            if address:
                save(page, address)
            problems += [
                f"{language['locale']} {state} ({scheme}): {line}" for line in violations(page)
            ]
            context.close()
    assert not problems, "\n".join(problems)
