"""Search as a reader uses it, in Chromium: each language searches its own pages, inflected
words find their pages, nothing is downloaded for search before the reader types, and the
keyboard alone is enough (README, "Search")."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

QUERY = "input[data-md-component=search-query]"
RESULT = ".md-search-result__item"

# What a reader types and pages it must find (paths within the language). Swedish is the
# default language (README), English the second. The words are inflected forms the pages
# mostly use in another form: "kontot" (the account) for "konto", "servern" for "server".
DEFAULT_LANGUAGE_SEARCHES = {
    "inställningarna": ["", "guides/iphone/"],
    "kontot": ["guides/iphone/", "guides/android/", "guides/thunderbird/", "guides/new-outlook/"],
    "servern": ["guides/iphone/", "guides/outlook/"],
    "lösenordet": ["guides/iphone/", "guides/android/"],
    "utgående": ["", "guides/iphone/"],
    # Forms no page uses at all: the genitive and the plural definite.
    "kontots": ["guides/iphone/"],
    "lösenordets": ["guides/iphone/"],
    "inställningarnas": [""],
    "serverna": [""],
}
SECOND_LANGUAGE_SEARCHES = {
    "passwords": ["guides/iphone/", "guides/android/"],
    "accounts": ["guides/iphone/", "guides/new-outlook/"],
    "settings": ["", "guides/iphone/"],
}


def search(page, words: str) -> list[str]:
    """Type a query as a reader does; every result page's path from the site root, best first."""
    query = page.locator(QUERY)
    query.fill("")
    query.press("End")  # Material searches on keyup
    page.wait_for_function(f"() => !document.querySelector('{RESULT}')")
    query.fill(words)
    query.press("End")
    page.wait_for_function(
        """([result]) => {
            const none = JSON.parse(document.getElementById("__config").textContent)
                .translations["search.result.none"]
            const meta = document.querySelector(".md-search-result__meta").textContent.trim()
            return document.querySelector(result) || meta === none
        }""",
        arg=[RESULT],
    )
    items = page.locator(RESULT)
    while items.count() >= 10:  # Material shows ten results, then more as the reader scrolls
        shown = items.count()
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTop = el.scrollHeight")
        page.wait_for_timeout(100)
        if items.count() == shown:
            break
    hrefs = page.locator(f"{RESULT} > a:first-child").evaluate_all("links => links.map(a => a.href)")
    return [urlparse(href).path.lstrip("/") for href in hrefs]


def open_overview(new_page, site_url, language, requests=None):
    page = new_page()
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
    page.goto(site_url + language["prefix"])
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize(
    "which, searches",
    [(0, DEFAULT_LANGUAGE_SEARCHES), (1, SECOND_LANGUAGE_SEARCHES)],
    ids=["default-language", "second-language"],
)
def test_inflected_words_find_their_pages(new_page, site_url, languages, which, searches):
    language = languages[which]
    page = open_overview(new_page, site_url, language)
    missing = {}
    for words, expected in searches.items():
        found = search(page, words)
        lost = [path for path in expected if language["prefix"] + path not in found]
        if lost:
            missing[words] = {"not found": lost, "found": found}
    assert not missing, json.dumps(missing, ensure_ascii=False, indent=1)


def language_of(path: str, languages: list[dict]) -> str:
    """The locale a site path belongs to: the language with the longest prefix it starts with."""
    matching = [language for language in languages if path.startswith(language["prefix"])]
    return max(matching, key=lambda language: len(language["prefix"]))["locale"]


def test_a_page_searches_only_its_own_language(new_page, site_url, languages):
    for language in languages:
        page = open_overview(new_page, site_url, language)
        found = search(page, "IMAP SMTP")
        assert found, f"{language['locale']}: 'IMAP SMTP' finds nothing"
        foreign = [path for path in found if language_of(path, languages) != language["locale"]]
        assert foreign == [], f"a {language['locale']} page finds pages of another language"


def test_search_data_is_downloaded_when_the_reader_types_and_only_for_the_pages_language(new_page, site_url, languages):
    for language in languages:
        requests = []
        page = open_overview(new_page, site_url, language, requests)
        on_load = [url for url in requests if "/lunr/" in url or "search_docs" in url or "workers/search." in url]
        assert language["prefix"] + "search/search_index.json" in requests
        assert on_load == [], f"downloaded for search before the reader searched: {on_load}"

        search(page, "IMAP")
        documents = [url for url in requests if url.endswith("search_docs.json")]
        assert documents == [language["prefix"] + "search/search_docs.json"]
        assert any("workers/search." in url for url in requests), "Material's search worker was not loaded"


def test_the_worker_strips_each_languages_word_endings(new_page, site_url, languages, built_site):
    """The query rule in docs/assets/javascripts/workers/search-lazy.js, with each language's
    endings as the build wrote them (data/labels.yml, reader.search_endings)."""
    cases = {
        0: {"inställningarna": "inställning", "kontot": "konto", "lösenordet": "lösenord", "servern": "server",
            "kontots": "konto", "utgående": "utgående", "+kontot -appen": "+konto -app", "SMTP": "SMTP", "ny": "ny"},
        1: {"passwords": "password", "accounts": "account", "addresses": "address", "uses": "use", "is": "is"},
    }
    page = new_page()
    page.goto(site_url)
    page.add_script_tag(url=site_url + "assets/javascripts/workers/search-lazy.js")
    for which, expected in cases.items():
        language = languages[which]
        settings = json.loads((built_site / language["prefix"] / "search" / "search_index.json").read_text(encoding="utf-8"))
        endings = settings["config"]["endings"]
        got = {query: page.evaluate("([query, endings]) => stripEndings(query, endings)", [query, endings]) for query in expected}
        assert got == expected, language["locale"]


def test_search_works_with_the_keyboard_alone(new_page, site_url, languages):
    language = languages[0]
    page = open_overview(new_page, site_url, language)
    page.keyboard.press("/")  # Material's shortcut to the search field
    assert page.locator(QUERY).evaluate("field => field === document.activeElement")
    page.keyboard.type("kontot")
    page.wait_for_selector(RESULT)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.href")
    assert focused, "ArrowDown does not move to the first result"
    page.keyboard.press("Enter")
    page.wait_for_url(focused.split("#")[0] + "**")
    assert urlparse(page.url).path.lstrip("/").startswith(language["prefix"] + "guides/")


def test_on_a_phone_the_search_button_opens_search(new_page, site_url, languages):
    language = languages[0]
    page = new_page(viewport=(390, 844))
    page.goto(site_url + language["prefix"])
    page.locator("label.md-header__button[for=__search]").click()
    query = page.locator(QUERY)
    assert query.is_visible()
    query.press_sequentially("kontot")
    page.wait_for_selector(RESULT)
    assert page.locator(RESULT).first.is_visible()
