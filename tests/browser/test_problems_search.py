"""A reader who searches their own words for a problem, or the error text on their screen, finds
the fix among the first three results, in their language (data/problems.yml, the problems hub)."""

from __future__ import annotations

import json

import pytest
from searchbox import open_overview, search

from helpcenter.problems import load_problems
from sitebuild import PROJECT_DIR

pytestmark = pytest.mark.browser

# The words issue 24 names, per language, and the problem whose fix they must find.
READER_WORDS = {
    "sv": {
        "kan inte skicka": "sending-fails",
        "skickat syns inte": "folders",
        "inkorgen full": "mailbox-full",
        "glömt lösenordet": "wrong-password",
        "applösenord": "wrong-password",
    },
    "en": {
        "can't send": "sending-fails",
        "sent folder empty": "folders",
        "mailbox full": "mailbox-full",
    },
}


def first_results(found: list[str], count: int = 3) -> list[str]:
    """The links of the first `count` results: a page and the section shown under it."""
    pages: list[str] = []
    for link in found:
        page = link.split("#")[0]
        if page not in pages:
            pages.append(page)
    return [link for link in found if link.split("#")[0] in pages[:count]]


def fix_found(found: list[str], problem: str, guide: str | None) -> bool:
    """The hub's section for the problem, or the guide section the error leads to, is shown in
    one of the first three results."""
    wanted = {f"problems/#{problem}"} | ({f"{guide}#{problem}"} if guide else set())
    return any(link.endswith(w) for w in wanted for link in first_results(found))


@pytest.mark.parametrize("which", [0, 1], ids=["default-language", "second-language"])
def test_reader_words_and_error_texts_find_the_fix_in_the_first_three(
    new_page, site_url, languages, which
):
    language = languages[which]
    locale = language["locale"]
    problems = load_problems(PROJECT_DIR / "docs", [locale])
    searches: list[tuple[str, str, str | None]] = [
        (words, problem, None) for words, problem in READER_WORDS.get(locale, {}).items()
    ]
    for error in problems.errors:
        if locale in error:
            stem = error["guide"].removeprefix("guides/").split(".md#")[0]
            searches.append((error[locale], error["problem"], f"guides/{stem}/"))
    assert searches, f"nothing to search in {locale}"
    page = open_overview(new_page, site_url, language)
    missed = {}
    for words, problem, guide in searches:
        found = search(page, words)
        if not fix_found(found, problem, guide):
            missed[words] = {"expected": problem, "first results": found[:5]}
    assert not missed, json.dumps(missed, ensure_ascii=False, indent=1)
