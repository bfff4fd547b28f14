"""Search as a reader uses it, in Chromium, with Pagefind behind Material's search box: each
language searches its own pages, inflected words, error texts, product names and the words
readers use (data/search-synonyms.yml) find their pages, nothing is downloaded for search before
the reader types, one result per page, and the keyboard alone is enough (README, "Search")."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest
from searchbox import QUERY, RESULT, open_overview, search

pytestmark = pytest.mark.browser


# What a reader types and pages it must find among the first twenty (paths within the language;
# "#id" alone: that section of any page). Swedish is the
# default language (README), English the second. The words are inflected forms the pages
# mostly use in another form: "kontot" (the account) for "konto", "servern" for "server".
DEFAULT_LANGUAGE_SEARCHES = {
    "inställningarna": ["", "guides/iphone/"],
    "kontot": ["guides/iphone/", "guides/android/", "guides/thunderbird/", "guides/new-outlook/"],
    "servern": ["guides/iphone/", "guides/outlook/"],
    # Every guide speaks of the password; the hub's section for it must be among the pages.
    "lösenordet": ["problems/#wrong-password", "guides/android/"],
    "utgående": ["", "guides/iphone/"],
    # Forms no page uses at all: the genitive and the plural definite.
    "kontots": ["guides/iphone/"],
    "lösenordets": ["problems/#wrong-password"],
    "inställningarnas": [""],
    "serverna": ["guides/iphone/"],
    # An error text quoted in a troubleshooting section finds that section (issue 13).
    "serverns identitet inte kan verifieras": ["guides/iphone/#certificate-warning"],
    # Product names.
    "Thunderbird": ["guides/thunderbird/"],
    "Gmail": ["guides/gmail/"],
    # Words readers use that the pages may not (data/search-synonyms.yml).
    "macbook": ["guides/apple-mail/"],
    "lösen": ["guides/iphone/"],
    "vidarebefordring": ["articles/forwarding/"],
}
SECOND_LANGUAGE_SEARCHES = {
    "passwords": ["guides/iphone/", "guides/android/"],
    "accounts": ["guides/iphone/", "guides/new-outlook/"],
    "settings": ["", "guides/iphone/"],
    "Cannot Verify Server Identity": ["guides/iphone/#certificate-warning"],
    "Thunderbird": ["guides/thunderbird/"],
    "vanished": ["#mail-vanished"],  # the section, in whichever guides come first
    "macbook": ["guides/apple-mail/"],
}


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
        pages = {path.split("#")[0] for path in found}
        sections = {"#" + path.split("#")[1] for path in found if "#" in path}
        lost = [
            path
            for path in expected
            if path not in sections
            and language["prefix"] + path not in (found if "#" in path else pages)
        ]
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
        foreign = [
            path
            for path in found
            if language_of(path.split("#")[0], languages) != language["locale"]
        ]
        assert foreign == [], f"a {language['locale']} page finds pages of another language"


def test_search_data_is_downloaded_when_the_reader_types_and_only_for_the_pages_language(
    new_page, site_url, languages
):
    for language in languages:
        requests = []
        page = open_overview(new_page, site_url, language, requests)
        on_load = [url for url in requests if is_search_data(url)]
        assert on_load == [], f"downloaded for search before the reader searched: {on_load}"

        search(page, "IMAP")
        assert language["prefix"] + "search/search_index.json" in requests, "settings at use"
        fetched = [url for url in requests if "pagefind" in url]
        assert language["prefix"] + "pagefind/pagefind.js" in fetched, "Pagefind was not loaded"
        longer = [
            other["prefix"] for other in languages if len(other["prefix"]) > len(language["prefix"])
        ]
        elsewhere = [
            url
            for url in fetched
            if not url.startswith(language["prefix"] + "pagefind/")
            or any(url.startswith(prefix) for prefix in longer)
        ]
        assert elsewhere == [], (
            f"{language['locale']}: search data of another language: {elsewhere}"
        )


def is_search_data(url: str) -> bool:
    """A request made for search: Material's settings file, the worker, Pagefind's files."""
    return any(
        part in url for part in ("search/search_index.json", "workers/", "pagefind", "/lunr/")
    )


def test_before_the_reader_touches_anything_a_page_loads_only_itself(new_page, site_url, languages):
    """The page, its CSS, its scripts and the favicon; nothing for search (issue 28)."""
    for language in languages:
        for path in ("", "guides/iphone/"):
            page = new_page()
            requests: list[str] = []
            page.on("request", lambda request, seen=requests: seen.append(request.url))
            page.goto(site_url + language["prefix"] + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            others = [
                url.removeprefix(site_url)
                for url in requests
                if url != site_url + language["prefix"] + path
                and not url.endswith((".css", ".js"))
                and not url.endswith("favicon.png")
            ]
            assert others == [], f"{language['prefix']}{path}: requested before interaction"
            assert not [url for url in requests if is_search_data(url)]


def test_each_page_is_one_result_and_five_fit_a_phone_screen(new_page, site_url, languages):
    """Issue 19, item 8: "lösenord" is in the same troubleshooting section of every guide; each
    guide is one result (its title first), and the short excerpts let five results show at once."""
    for language, words in zip(languages, ["lösenord", "password"], strict=True):
        page = new_page(viewport=(390, 844))
        page.goto(site_url + language["prefix"])
        page.locator("label.md-header__button[for=__search]").click()
        page.locator(QUERY).press_sequentially(words)
        page.wait_for_selector(RESULT)
        pages = page.locator(f"{RESULT} > a:first-child").evaluate_all(
            "links => links.map(a => a.pathname)"
        )
        assert len(pages) >= 5, f"{words}: {pages}"
        assert len(pages) == len(set(pages)), f"{words}: a page shows more than once: {pages}"
        shown = page.locator(RESULT).evaluate_all(
            "items => items.filter(item => item.getBoundingClientRect().bottom <= innerHeight).length"
        )
        assert shown >= 5, f"{language['locale']}: only {shown} results fit on a 390x844 screen"


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
    opened = urlparse(page.url).path.lstrip("/")
    assert opened != language["prefix"], "Enter did not leave the overview for the result"
    assert opened.startswith((language["prefix"] + "guides/", language["prefix"] + "problems/"))


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


def test_a_language_without_a_stemmer_still_finds_whole_words(new_page, tmp_path, serve_directory):
    """A language Snowball has no stemmer for (Polish): hooks/search.py's bundle for it finds
    a page by the words it uses, and nothing by a word it does not use."""
    import search as search_hook

    site = tmp_path / "site"
    (site / "konto").mkdir(parents=True)
    article = (
        '<html lang="pl"><body><article class="md-content__inner md-typeset" data-pagefind-body>'
        "<h1>Konto pocztowe</h1><p>Ustaw hasło do skrzynki.</p></article></body></html>"
    )
    (site / "konto" / "index.html").write_text(article, encoding="utf-8")
    search_hook.write_bundle([site / "konto" / "index.html"], site, "pl", site / "pagefind")
    (site / "index.html").write_text('<html lang="pl"><body>start</body></html>', encoding="utf-8")
    with serve_directory(site) as base:
        page = new_page()
        page.goto(base)
        found = page.evaluate(
            """async (words) => {
        const pagefind = await import("/pagefind/pagefind.js")
        const answers = []
        for (const word of words) {
            const search = await pagefind.search(word)
            answers.push(await Promise.all(search.results.map(result => result.data().then(data => data.url))))
        }
        return answers
        }""",
            ["hasło", "skrzynki", "serwer"],
        )
    assert found == [["/konto/"], ["/konto/"], []]
