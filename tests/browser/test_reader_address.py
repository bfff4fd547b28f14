"""The reader's own address in Chromium (issue 16, part 1): typed once on a guide or the overview,
it shows in every place that shows the example address, after a reload and in the other language;
it never leaves the browser; a visible control forgets it; markup typed into the field stays text;
without JavaScript the field is not there and the page reads as before."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from helpcenter.labels import load_labels

pytestmark = pytest.mark.browser

ADDRESS = "anna.svensson@example.org"
EXAMPLES = "[data-example-address]"


@pytest.fixture(scope="module")
def labels(languages):
    return load_labels([language["locale"] for language in languages])


def other(languages, language):
    return next(entry for entry in languages if entry is not language)


def examples(page) -> list[str]:
    """What every example-address place on the page shows."""
    texts = page.locator(EXAMPLES).all_text_contents()
    assert texts, f"{page.url}: no [data-example-address] on the page"
    return texts


def type_address(page, address: str) -> None:
    page.locator(".reader-address__input").fill(address)
    page.locator(".reader-address__save").click()


def switch_language(page, locale: str) -> None:
    """Follow the header's language switcher to the same page in `locale`."""
    link = page.locator(f".md-header a[hreflang={locale}]").first
    page.goto(link.evaluate("link => link.href"))


@pytest.mark.parametrize("path", ["guides/iphone/", "", "card/"])
def test_the_address_shows_in_every_username_place_after_a_reload_and_in_the_other_language(
    new_page, site_url, languages, labels, path
):
    for language in languages:
        page = new_page()
        page.goto(site_url + language["prefix"] + path)
        example = labels[language["locale"]]["example_address"]
        assert set(examples(page)) == {example}
        type_address(page, ADDRESS)
        assert set(examples(page)) == {ADDRESS}
        status = page.locator(".reader-address__status")
        assert status.get_attribute("aria-live") == "polite"
        page.wait_for_function(
            "text => document.querySelector('.reader-address__status').textContent.includes(text)",
            arg=ADDRESS,
        )
        page.reload()
        assert set(examples(page)) == {ADDRESS}
        assert page.locator(".reader-address__input").input_value() == ADDRESS
        assert page.locator(".reader-address__forget").is_visible()
        second = other(languages, language)
        switch_language(page, second["locale"])
        assert page.evaluate("document.documentElement.lang") == second["locale"]
        assert set(examples(page)) == {ADDRESS}
        page.goto(site_url + second["prefix"])  # and the overview's tables, in that language
        usernames = page.locator(f"td:has({EXAMPLES})").all_text_contents()
        assert len(usernames) == 3 and all(ADDRESS in cell for cell in usernames), usernames


def test_forgetting_brings_back_the_example_everywhere(new_page, site_url, languages, labels):
    for language in languages:
        page = new_page()
        page.goto(site_url + language["prefix"] + "guides/android/")
        type_address(page, ADDRESS)
        assert set(examples(page)) == {ADDRESS}
        page.locator(".reader-address__forget").click()
        example = labels[language["locale"]]["example_address"]
        assert set(examples(page)) == {example}
        assert page.locator(".reader-address__input").input_value() == ""
        assert not page.locator(".reader-address__forget").is_visible()
        page.wait_for_function(
            "text => document.querySelector('.reader-address__status').textContent === text",
            arg=labels[language["locale"]]["reader.address.forgotten"],
        )
        assert ADDRESS not in page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
        page.goto(site_url + language["prefix"])
        assert set(examples(page)) == {example}


def test_the_address_is_never_in_a_request_nor_in_an_address_bar(new_page, site_url, languages):
    page = new_page()
    sent = []
    page.on(
        "request",
        lambda request: sent.append(
            " ".join([request.url, request.post_data or "", *request.all_headers().values()])
        ),
    )
    page.goto(site_url + "guides/iphone/")
    type_address(page, ADDRESS)
    page.keyboard.press("Enter")  # a submit with the keyboard sends nothing either
    page.reload()
    for language in languages:
        page.goto(site_url + language["prefix"])
        page.locator("a.reader-guides__tile").first.click()
        page.wait_for_load_state("networkidle")
        assert set(examples(page)) == {ADDRESS}
        assert ADDRESS not in page.url
    assert len(sent) > 10, "no requests were recorded"
    for form in (ADDRESS, quote(ADDRESS), quote(ADDRESS, safe="")):
        assert not [request for request in sent if form in request]


def test_an_invalid_address_gets_a_message_and_changes_nothing(
    new_page, site_url, languages, labels
):
    for language in languages:
        page = new_page()
        page.goto(site_url + language["prefix"] + "guides/gmail/")
        example = labels[language["locale"]]["example_address"]
        for typed in ("anna", "anna@", "<img src=x id=injected>@example.org"):
            type_address(page, typed)
            expected = labels[language["locale"]]["reader.address.invalid"].replace(
                "{example}", example
            )
            page.wait_for_function(
                "text => document.querySelector('.reader-address__status').textContent === text",
                arg=expected,
            )
            assert page.locator(".reader-address__input").get_attribute("aria-invalid") == "true"
            assert set(examples(page)) == {example}
            assert page.locator("#injected").count() == 0
        assert "@" not in page.evaluate("JSON.stringify(Object.assign({}, localStorage))")


def test_the_address_is_written_as_text_never_as_markup(new_page, site_url):
    page = new_page()
    page.goto(site_url + "guides/thunderbird/")
    # As HTML, "&amp" would become "&" (and "<" would open a tag); as text it stays as typed.
    typed = "a&ampb@example.org"
    type_address(page, typed)
    assert set(examples(page)) == {typed}
    page.reload()
    assert set(examples(page)) == {typed}
    assert page.locator(f"article {EXAMPLES} *").count() == 0


def test_without_javascript_no_field_shows_and_the_example_does(
    new_page, site_url, languages, labels
):
    for language in languages:
        page = new_page(java_script_enabled=False)
        page.goto(site_url + language["prefix"] + "guides/iphone/")
        assert page.locator(".reader-address").is_hidden()
        assert page.get_by_label(labels[language["locale"]]["reader.address.label"]).is_hidden()
        assert set(examples(page)) == {labels[language["locale"]]["example_address"]}


@pytest.mark.parametrize("path", ["guides/iphone/", "guides/thunderbird/", "", "card/"])
def test_the_field_comes_right_after_the_first_place_that_shows_the_example(
    new_page, site_url, path
):
    # In the page as built, before any script runs: nothing moves when reader.js sets it up.
    page = new_page(java_script_enabled=False)
    page.goto(site_url + path)
    found = page.evaluate(
        """() => {
            const form = document.querySelector('.reader-address');
            const previous = form.previousElementSibling;
            const all = document.querySelectorAll('article [data-example-address]');
            const mine = previous ? previous.querySelectorAll('[data-example-address]') : [];
            return [mine.length > 0 && mine[0] === all[0], mine.length, all.length];
        }"""
    )
    # Right after the block with the first example, not after a wrapper around every example.
    assert found[0] and found[1] < found[2], f"/{path}: {found}"
