"""Search in Chromium over a language's index in shards (hooks/helpcenter/pagefind_bundle.py): the
real site built with a few pages a shard finds the pages of every shard, shows the same results
as with one shard, downloads Pagefind's WebAssembly once and nothing before the reader types."""

from __future__ import annotations

import pytest
from searchbox import open_overview, search
from test_search import DEFAULT_LANGUAGE_SEARCHES, SECOND_LANGUAGE_SEARCHES

from helpcenter.pagefind_bundle import shard_folders, shard_pages

pytestmark = pytest.mark.browser

# Queries whose pages the round-robin deal puts in a later shard (checked below, not assumed).
LATER_SHARD_SEARCHES = {
    "sv": {
        "Thunderbird": "guides/thunderbird/",
        "Gmail": "guides/gmail/",
        "vidarebefordring": "articles/forwarding/",
    },
    "en": {
        "Thunderbird": "guides/thunderbird/",
        "Gmail": "guides/gmail/",
        "forwarding": "articles/forwarding/",
    },
}


@pytest.fixture(scope="module")
def sharded_url(sharded_search_site, serve_directory):
    with serve_directory(sharded_search_site) as url:
        yield url


def shard_of(site, language: dict, path: str) -> int:
    """The number of the shard (1 is the first) that holds a page of the language."""
    folders = shard_folders(site / language["prefix"] / "pagefind")
    return next(
        number
        for number, folder in enumerate(folders, start=1)
        if "/" + path in shard_pages(folder)
    )


def test_pages_in_later_shards_are_found(new_page, sharded_url, sharded_search_site, languages):
    for language in languages:
        page = open_overview(new_page, sharded_url, language)
        for words, path in LATER_SHARD_SEARCHES[language["locale"]].items():
            assert shard_of(sharded_search_site, language, path) >= 2, (language["locale"], path)
            found = {link.split("#")[0] for link in search(page, words)}
            assert language["prefix"] + path in found, (language["locale"], words, found)


@pytest.mark.parametrize(
    "which, searches",
    [(0, DEFAULT_LANGUAGE_SEARCHES), (1, SECOND_LANGUAGE_SEARCHES)],
    ids=["default-language", "second-language"],
)
def test_shards_show_the_results_one_index_shows(
    new_page, site_url, sharded_url, languages, which, searches
):
    """The same pages and the same section under each; each shard counts its own words, so
    results that score alike may come in another order."""
    language = languages[which]
    one, sharded = (open_overview(new_page, url, language) for url in (site_url, sharded_url))
    differ = {}
    for words in searches:
        expected, found = sorted(search(one, words)), sorted(search(sharded, words))
        if found != expected:
            differ[words] = {"one index": expected, "shards": found}
    assert differ == {}


def test_webassembly_is_downloaded_once_and_nothing_before_typing(new_page, sharded_url, languages):
    for language in languages:
        requests = []
        page = open_overview(new_page, sharded_url, language, requests)
        assert [url for url in requests if "pagefind" in url] == [], "downloaded before typing"
        search(page, "IMAP")
        search(page, "Thunderbird")
        fetched = [url.split("?")[0] for url in requests if "pagefind" in url]
        wasm = [url for url in fetched if url.endswith(".pagefind")]
        assert wasm == [f"{language['prefix']}pagefind/wasm.{language['locale']}.pagefind"]
        entries = sorted(url for url in fetched if url.endswith("pagefind-entry.json"))
        assert len(entries) >= 3, f"not every shard was merged: {entries}"
        assert len(set(fetched)) == len(fetched), f"fetched twice: {fetched}"
