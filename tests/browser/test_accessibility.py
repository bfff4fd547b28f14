"""Accessibility in Chromium: axe-core finds nothing on any page, in either colour scheme, nor in
the open search; a keyboard reader gets a skip link first and always sees where focus is."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from screens import SIZES

pytestmark = pytest.mark.browser

AXE = Axe()  # axe-playwright-python's bundled axe-core: no network


def axe_context(browser, **options):
    """A browser context whose every page has axe loaded."""
    context = browser.new_context(**options)
    context.add_init_script(script=AXE.axe_script)
    return context


def start_axe(page) -> None:
    """Start axe on the page once its transitions have ended (a half-faded text has too little
    contrast); do not wait for axe, so two pages are checked at once."""
    page.wait_for_function(
        "() => document.getAnimations().every(animation => animation.playState !== 'running')"
    )
    page.evaluate("window.__axeResult = axe.run({resultTypes: ['violations']})")


def axe_violations(page) -> list[str]:
    """One line per violation of the axe run start_axe started: rule, impact, where."""
    violations = page.evaluate("window.__axeResult.then(result => result.violations)")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in violations
    ]


def side_pages(languages) -> list[str]:
    """Pages outside the sitemap a reader still lands on: each language's 404 page (the host
    serves it for a missing address) and a short link."""
    return [language["prefix"] + "no-such-page/" for language in languages] + ["go/iphone/"]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_no_violation_on_any_page_in_the_light_or_dark_scheme(
    browser, site_url, site_pages, languages, size
):
    schemes = ("light", "dark")
    pages = {}
    # The reader's system setting picks the palette (mkdocs.yml, palette.media).
    for scheme in schemes:
        pages[scheme] = axe_context(browser, color_scheme=scheme, **SIZES[size]).new_page()
    problems = []
    try:
        for path in site_pages + side_pages(languages):
            for scheme in schemes:
                pages[scheme].goto(site_url + path)
                # A short link has gone on to its page.
                pages[scheme].wait_for_selector("article h1")
                start_axe(pages[scheme])
            for scheme in schemes:
                expected = "slate" if scheme == "dark" else "default"
                assert (
                    pages[scheme].locator("body").get_attribute("data-md-color-scheme") == expected
                )
                problems += [
                    f"/{path} ({scheme}, {size}): {line}" for line in axe_violations(pages[scheme])
                ]
    finally:
        for page in pages.values():
            page.context.close()
    assert not problems, "\n".join(problems)


def as_without_javascript(route) -> None:
    """What a browser without JavaScript gets: no script runs (files refused, inline scripts
    left out), <noscript> content shows. A short link's refresh is left out too, as a browser
    that does not follow refreshes shows it. axe itself still runs (an init script): axe
    cannot run in a page whose scripts are switched off."""
    if route.request.resource_type == "script":
        route.abort()
        return
    response = route.fetch()
    if route.request.resource_type != "document":
        route.fulfill(response=response)
        return
    body = re.sub(r"<script\b[^>]*>.*?</script\s*>", "", response.text(), flags=re.DOTALL)
    body = re.sub(r'<noscript><meta http-equiv="refresh"[^>]*></noscript>', "", body)
    route.fulfill(response=response, body=body.replace("<noscript>", "").replace("</noscript>", ""))


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_no_violation_on_short_link_and_404_pages_without_javascript(
    browser, site_url, built_site, languages, size
):
    """Without JavaScript a short link's page lists the page in each language, and the 404
    page offers its search and guides; both in the light and the dark scheme."""
    links = sorted(
        path.parent.relative_to(built_site).as_posix() + "/"
        for path in (built_site / "go").glob("*/index.html")
    )[:3]
    problems = []
    for scheme in ("light", "dark"):
        context = axe_context(browser, color_scheme=scheme, **SIZES[size])
        context.route("**/*", as_without_javascript)
        page = context.new_page()
        for path in links + [language["prefix"] + "no-such-page/" for language in languages]:
            page.goto(site_url + path)
            assert page.locator("main, article").count(), f"/{path}: nothing to check"
            assert page.evaluate("document.querySelector('.links-target, article h1') !== null")
            page.evaluate("window.__axeResult = axe.run({resultTypes: ['violations']})")
            problems += [
                f"/{path} ({scheme}, {size}, no JavaScript): {line}"
                for line in axe_violations(page)
            ]
        context.close()
    assert links, "the site has no short links"
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_in_the_open_search_nor_on_the_result_it_opens(
    browser, site_url, languages
):
    problems = []
    for scheme in ("light", "dark"):
        context = axe_context(browser, color_scheme=scheme)
        for language in languages:
            page = context.new_page()
            page.goto(site_url + language["prefix"])
            page.locator("input[data-md-component=search-query]").press_sequentially("IMAP")
            page.wait_for_selector(".md-search-result__item")
            start_axe(page)
            problems += [
                f"{language['locale']} search ({scheme}): {line}" for line in axe_violations(page)
            ]
            # A guide among the results (the overview may come first, and it is the page open),
            # which opens with the words highlighted.
            page.locator('.md-search-result__item > a[href*="guides/"]').first.click()
            page.wait_for_selector("article mark")
            start_axe(page)
            problems += [
                f"{language['locale']} {page.url} ({scheme}): {line}"
                for line in axe_violations(page)
            ]
        context.close()
    assert not problems, "\n".join(problems)


def focus_ring(page) -> dict:
    """How the focused element shows focus: its outline and box shadow."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement)
            return {tag: document.activeElement.outerHTML.slice(0, 80), outline: style.outlineStyle,
                    width: parseFloat(style.outlineWidth), shadow: style.boxShadow}
        }"""
    )


def test_the_first_tab_is_a_skip_link_to_the_article_and_focus_is_always_visible(
    new_page, site_url, languages
):
    for language in languages:
        page = new_page()
        page.goto(site_url + language["prefix"] + "guides/iphone/")
        page.keyboard.press("Tab")
        skip = page.locator(".md-skip")
        assert skip.evaluate("link => link === document.activeElement"), (
            "the first Tab does not reach the skip link"
        )
        assert skip.is_visible() and skip.bounding_box()["y"] >= 0
        target = skip.get_attribute("href")
        assert page.locator(f"article h1{target}").count() == 1, (
            f"skip link goes to {target}, not the article's heading"
        )

        invisible = []
        for _ in range(25):  # header, navigation, article: every stop shows a ring
            ring = focus_ring(page)
            if not (ring["outline"] != "none" and ring["width"] >= 2) and ring["shadow"] == "none":
                invisible.append(ring["tag"])
            page.keyboard.press("Tab")
        assert invisible == [], f"{language['locale']}: focus not visible on {invisible}"

        page.goto(site_url + language["prefix"] + "guides/iphone/")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == target
