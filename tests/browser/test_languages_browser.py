"""A third, partial language in real headless Chromium (issue 10): a short link opens a page in
it when it has the page translated and else the next language the reader reads, and an
untranslated page shows the banner above the default language's text. The site is the
`third_language_site` copy (tests/conftest.py, tests/fixtures/language), served on 127.0.0.1."""

from __future__ import annotations

import pytest
import yaml
from test_links_browser import browser_locale

from sitebuild import LANGUAGE_FIXTURE
from tools.checks.pages import site_languages

pytestmark = pytest.mark.browser

LOCALE = yaml.safe_load((LANGUAGE_FIXTURE / "language.yml").read_text(encoding="utf-8"))[0][
    "locale"
]


@pytest.fixture(scope="module")
def third_language_url(third_language_site, serve_directory):
    """Base URL of a real HTTP server on 127.0.0.1 serving the site with the third language."""
    with serve_directory(third_language_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def short_links(third_language_site) -> dict:
    return yaml.safe_load(
        (third_language_site.project / "data" / "links.yml").read_text(encoding="utf-8")
    )


def translated(target: str) -> bool:
    page = target.split("#")[0][: -len(".md")]
    return (LANGUAGE_FIXTURE / "docs" / f"{page}.{LOCALE}.md").exists()


def page_path(target: str) -> str:
    page = target.split("#")[0][: -len(".md")]
    return "" if page == "index" else page + "/"


def test_a_short_link_opens_a_translated_page_in_the_readers_new_language(
    new_page, third_language_url, short_links
):
    key, target = next(
        (key, target)
        for key, target in short_links["short_links"].items()
        if translated(target) and "#" not in target
    )
    page = new_page(locale=browser_locale(LOCALE))
    page.goto(f"{third_language_url}go/{key}/")
    page.wait_for_url(f"{third_language_url}{LOCALE}/{page_path(target)}")
    assert page.locator("html").get_attribute("lang") == LOCALE
    assert page.locator(".translation-fallback").count() == 0


def test_a_short_link_to_a_page_it_lacks_opens_the_fallback_language_with_its_translation(
    new_page, third_language_url, short_links, third_language_site
):
    key, target = next(
        (key, target)
        for key, target in short_links["short_links"].items()
        if not translated(target) and "#" not in target
    )
    fallback = short_links["fallback_language"]
    default = site_languages(third_language_site.project)[0].locale
    page = new_page(locale=browser_locale(LOCALE))
    page.goto(f"{third_language_url}go/{key}/")
    page.wait_for_url(
        third_language_url + ("" if fallback == default else f"{fallback}/") + page_path(target)
    )
    assert page.locator("html").get_attribute("lang") == fallback
    assert page.locator(".translation-fallback").count() == 0

    page.goto(f"{third_language_url}go/{key}/{LOCALE}/")  # the agent chose the language
    page.wait_for_url(f"{third_language_url}{LOCALE}/{page_path(target)}")
    banner = page.locator(".translation-fallback")
    assert banner.is_visible()
    assert page.evaluate(
        "document.querySelector('.translation-fallback').getBoundingClientRect().bottom"
    ) <= page.evaluate("document.querySelector('article h1').getBoundingClientRect().top"), (
        "the banner is above the page's title"
    )


def search(page, words: str) -> list[str]:
    """Type a query as a reader does; the result pages' paths from the site root."""
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    query.press_sequentially(words)
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.locator(".md-search-result__item > a:first-child").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    return [href.lstrip("/") for href in hrefs]


def test_its_search_finds_its_translations_and_its_untranslated_pages_and_nothing_else(
    new_page, third_language_url
):
    searches = {
        "Adresse anlegen": "articles/custom-address/",  # words of a translated page's title
        "Thunderbird": "guides/thunderbird/",  # an untranslated page, in the default language's text
    }
    for words, expected in searches.items():
        page = new_page(locale=browser_locale(LOCALE))
        page.goto(f"{third_language_url}{LOCALE}/")
        found = search(page, words)
        assert f"{LOCALE}/{expected}" in found, (words, found)
        assert all(path.startswith(f"{LOCALE}/") for path in found), found


def test_axe_finds_no_violation_on_its_translated_and_untranslated_pages(
    browser, third_language_url, short_links
):
    from test_accessibility import axe_context, axe_violations, start_axe

    untranslated = short_links["short_links"]["forwarding"]
    assert not translated(untranslated), "the fixture leaves this page untranslated"
    context = axe_context(browser, locale=browser_locale(LOCALE))
    problems = []
    try:
        for path in ("", page_path(untranslated)):
            page = context.new_page()
            page.goto(f"{third_language_url}{LOCALE}/{path}")
            start_axe(page)
            problems += [f"/{LOCALE}/{path}: {line}" for line in axe_violations(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
