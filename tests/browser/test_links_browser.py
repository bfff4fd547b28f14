"""Links for support chat, in real headless Chromium over the served site: a short link lands on
the reader's language and section, copy buttons put the right text on the clipboard, the
language switcher keeps page and section, and each language has its own 404 page."""

from __future__ import annotations

import pytest
from babel.core import get_global

from helpcenter import shortlinks
from helpcenter.datafiles import PROJECT_DIR
from helpcenter.labels import load_labels

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]


def browser_locale(locale: str) -> str:
    """The usual browser locale for a site language: its likeliest region (babel's CLDR data)."""
    likely = get_global("likely_subtags").get(locale, locale).split("_")
    return f"{likely[0]}-{likely[-1]}" if len(likely) > 1 else locale


def foreign_locale(languages: list[dict]) -> str:
    """A browser language the site does not have."""
    ours = {language["locale"].split("-")[0] for language in languages}
    return next(
        tag for tag in ("ja-JP", "fi-FI", "de-DE", "pl-PL") if tag.split("-")[0] not in ours
    )


@pytest.fixture(scope="module")
def labels(languages):
    return load_labels([language["locale"] for language in languages])


@pytest.fixture(scope="module")
def links_data(languages):
    return shortlinks.load_links(
        PROJECT_DIR / "data" / "links.yml", [language["locale"] for language in languages]
    )


def test_a_short_link_opens_the_readers_language_and_section(new_page, site_url, languages):
    for language in languages:
        page = new_page(locale=browser_locale(language["locale"]))
        page.goto(site_url + "go/smtp/")
        page.wait_for_url(site_url + language["prefix"] + "#smtp-settings")
        assert page.locator("html").get_attribute("lang") == language["locale"]
        assert page.locator("#smtp-settings").is_visible()
        assert (
            page.evaluate("document.getElementById('smtp-settings').getBoundingClientRect().top")
            < 300
        ), "scrolled to the section"

        page.goto(site_url + "go/iphone/#step-3")
        page.wait_for_url(site_url + language["prefix"] + "guides/iphone/#step-3")
        assert page.locator("html").get_attribute("lang") == language["locale"]


def test_a_browser_language_the_site_lacks_gets_the_fallback_language(
    new_page, site_url, languages, links_data
):
    fallback = next(
        language for language in languages if language["locale"] == links_data.fallback_language
    )
    page = new_page(locale=foreign_locale(languages))
    page.goto(site_url + "go/iphone/")
    page.wait_for_url(site_url + fallback["prefix"] + "guides/iphone/")


def test_a_language_fixed_short_link_ignores_the_browser_language(new_page, site_url, languages):
    for language in languages:
        other = next(lang for lang in languages if lang is not language)
        page = new_page(locale=browser_locale(other["locale"]))
        page.goto(site_url + f"go/iphone/{language['locale']}/#step-3")
        page.wait_for_url(site_url + language["prefix"] + "guides/iphone/#step-3")
        assert page.locator("html").get_attribute("lang") == language["locale"]


def test_without_javascript_a_short_link_opens_the_default_language(new_page, site_url, languages):
    page = new_page(locale=foreign_locale(languages), java_script_enabled=False)
    page.goto(site_url + "go/imap/")
    page.wait_for_url(site_url + languages[0]["prefix"] + "#imap-settings")
    assert page.locator("html").get_attribute("lang") == languages[0]["locale"]


def test_copy_link_puts_the_sections_address_on_the_clipboard(
    new_page, site_url, languages, labels, mkdocs_config
):
    for language in languages:
        page = new_page(locale=browser_locale(language["locale"]), permissions=CLIPBOARD)
        page.goto(site_url + language["prefix"] + "guides/iphone/")
        button = page.locator("#step-3 button.links-copy")
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == mkdocs_config["site_url"] + language["prefix"] + "guides/iphone/#step-3"
        assert button.get_attribute("aria-label") == labels[language["locale"]]["links.copied"]


def test_a_settings_value_copy_button_copies_the_value_and_is_big_enough_to_tap(
    new_page, site_url, languages, mail_settings
):
    for language in languages:
        page = new_page(
            locale=browser_locale(language["locale"]),
            viewport=(390, 844),
            permissions=CLIPBOARD,
            has_touch=True,
        )
        page.goto(site_url + language["prefix"] + "#smtp-settings")
        button = page.locator('table code[data-setting="smtp.host"] + button.links-copy').first
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        button.tap()
        assert (
            page.evaluate("navigator.clipboard.readText()")
            == mail_settings["servers"]["smtp"]["host"]
        )
        port = page.locator('table code[data-setting="pop3.ports[0]"] + button.links-copy').first
        port.tap()
        assert page.evaluate("navigator.clipboard.readText()") == str(
            mail_settings["servers"]["pop3"]["ports"][0]["port"]
        )


def test_the_language_switcher_keeps_page_and_section(new_page, site_url, languages):
    for language in languages:
        for other in languages:
            if other is language:
                continue
            page = new_page(locale=browser_locale(language["locale"]))
            failed = []
            page.on(
                "response",
                lambda response, failed=failed: (
                    response.status >= 400 and failed.append(response.url)
                ),
            )
            page.goto(site_url + language["prefix"] + "guides/iphone/#step-3")
            page.locator(".md-header__option .md-select").hover()
            page.locator(f"a.md-select__link[hreflang='{other['locale']}']").click()
            page.wait_for_url(site_url + other["prefix"] + "guides/iphone/#step-3")
            assert page.locator("html").get_attribute("lang") == other["locale"]
            page.wait_for_load_state("networkidle")
            assert failed == [], "no request fails on the way"


def test_each_language_gets_its_own_404_page_with_search_and_the_overview(
    new_page, site_url, languages, labels
):
    for language in languages:
        words = labels[language["locale"]]
        page = new_page(locale=browser_locale(language["locale"]))
        response = page.goto(site_url + language["prefix"] + "guides/no-such-page/")
        assert response.status == 404
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language["locale"]
        assert page.locator("h1").inner_text() == words["links.not_found.title"]
        assert (
            page.get_by_role("link", name=words["links.not_found.overview"]).get_attribute("href")
            == "/" + language["prefix"]
        )

        query = page.get_by_role("searchbox", name=words["links.not_found.search"])
        query.press_sequentially("imap")
        query.press("Enter")
        page.wait_for_url(f"{site_url}{language['prefix']}**")
        assert page.locator("html").get_attribute("lang") == language["locale"]
        assert page.locator("input[data-md-toggle=search]").is_checked(), (
            "the overview opens with the search"
        )
        assert page.locator("input[data-md-component=search-query]").input_value() == "imap"
