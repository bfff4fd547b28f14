"""A language's search index in shards (hooks/helpcenter/pagefind_bundle.py; README,
"Performance"): the pages are dealt round-robin, every page is in exactly one shard, and a shard
after the first holds only what Pagefind's `mergeIndex` fetches from it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import search
from helpcenter.pagefind_bundle import (
    NOT_IN_LATER_SHARDS,
    VOCABULARY_URL,
    deal_into_shards,
    language_words,
    shard_folders,
    shard_fragments,
    shard_pages,
)


def test_pages_are_dealt_round_robin_in_shards_of_at_most_the_size():
    pages = [Path(f"page-{number:02}.html") for number in range(7)]
    shards = deal_into_shards(list(reversed(pages)), 3)
    assert shards == [
        [pages[0], pages[3], pages[6]],
        [pages[1], pages[4]],
        [pages[2], pages[5]],
    ]


def test_a_language_of_up_to_one_shard_of_pages_is_one_shard():
    pages = [Path(f"page-{number}.html") for number in range(4)]
    assert deal_into_shards(pages, 4) == [pages]
    assert deal_into_shards(pages, 2500) == [pages]
    assert deal_into_shards([], 2500) == [[]]


def settings_of(site: Path, language: dict) -> dict:
    path = site / language["prefix"] / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))["config"]


def test_every_page_of_a_language_is_in_exactly_one_shard(sharded_search_site, languages):
    for language in languages:
        bundle = sharded_search_site / language["prefix"] / "pagefind"
        folders = shard_folders(bundle)
        assert len(folders) >= 2, f"{language['locale']}: one shard: {folders}"
        assert settings_of(sharded_search_site, language)["shards"] == [
            f"{language['prefix']}pagefind/{folder.name}/" for folder in folders[1:]
        ]
        urls = [url for folder in folders for url in shard_pages(folder)]
        assert len(urls) == len(set(urls)), f"{language['locale']}: a page in two shards"
        built = sharded_search_site / language["prefix"]
        assert set(urls) == set(search.bundle_pages(built / "pagefind")), language["locale"]


def test_the_shards_hold_the_pages_one_shard_holds(sharded_search_site, built_site, languages):
    for language in languages:
        one = search.bundle_pages(built_site / language["prefix"] / "pagefind")
        sharded = search.bundle_pages(sharded_search_site / language["prefix"] / "pagefind")
        assert sorted(sharded) == sorted(one), language["locale"]
        assert settings_of(built_site, language)["shards"] == []


def test_each_shard_holds_every_word_of_the_language_in_a_page_search_leaves_out(
    sharded_search_site, built_site, languages
):
    """Pagefind searches a word an index lacks as a shorter one (pagefind_bundle.py): every
    shard holds every word, on a page whose id the worker is told to skip."""
    for language in languages:
        bundle = sharded_search_site / language["prefix"] / "pagefind"
        words = {word for page in bundle_text(bundle) for word in bare_words(page)}
        skip = settings_of(sharded_search_site, language)["skip"]
        for folder in shard_folders(bundle):
            vocabulary = [
                (fragment.stem, record)
                for fragment, record in shard_fragments(folder)
                if record["url"] == VOCABULARY_URL
            ]
            assert len(vocabulary) == 1, f"{folder}: {len(vocabulary)} vocabulary pages"
            (page_id, record), *_ = vocabulary
            assert page_id in skip, (folder, skip)
            missing = words - set(bare_words(record["content"]))
            assert not missing, f"{folder}: {sorted(missing)[:10]}"
        assert settings_of(built_site, language)["skip"] == [], "one shard needs no vocabulary"


def bundle_text(bundle: Path) -> list[str]:
    return [page["content"] for page in search.bundle_pages(bundle).values()]


def bare_words(text: str) -> list[str]:
    """Words as Pagefind indexes them: lower case, without the punctuation around them
    (its text adds a full stop after each block: "(SMTP).")."""
    return re.findall(r"[^\W_]+", text.lower())


def test_the_words_of_a_language_are_those_of_its_indexed_text(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        "<html><body><nav>Meny</nav><article data-pagefind-body><h1>Vidarebefordra e-post</h1>"
        "<p>Logga in &amp; öppna <b>Inställ</b>ningar.</p></article></body></html>",
        encoding="utf-8",
    )
    words = set(language_words([page]))
    assert {"Vidarebefordra", "e-post", "Logga", "in", "&", "öppna", "Inställningar."} <= words
    assert "Meny" not in words
    page.write_text("<html><body><article><p>Ej indexerad</p></article></body></html>")
    assert language_words([page]) == [], "a page without the marker has no indexed words"


def test_later_shards_leave_out_what_the_first_serves_for_all(sharded_search_site, languages):
    for language in languages:
        first, *later = shard_folders(sharded_search_site / language["prefix"] / "pagefind")
        assert list(first.glob("wasm.*.pagefind")) and (first / "pagefind.js").exists()
        assert (first / "synonyms.json").exists()
        for shard in later:
            left = sorted(
                path.name for pattern in NOT_IN_LATER_SHARDS for path in shard.glob(pattern)
            )
            assert left == [], f"{shard}: {left}"
            assert (shard / "pagefind-entry.json").exists() and list(shard.glob("*.pf_meta"))


def test_a_new_bundle_replaces_every_shard_of_the_old_at_once(tmp_path):
    """`make serve`'s preview re-indexes while readers search: the new bundle, all its shards
    inside, is swapped in by one rename, and no shard of the old one is left behind."""
    root = tmp_path / "site"
    pages = []
    for name in ("a", "b", "c"):
        page = root / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<html lang="en"><body><article data-pagefind-body><h1>{name}</h1>'
            f"<p>Page {name} about mail.</p></article></body></html>",
            encoding="utf-8",
        )
        pages.append(page)
    bundle = root / "pagefind"
    assert search.write_bundle(pages, root, "en", bundle, per_shard=1) == 3
    assert [folder.name for folder in shard_folders(bundle)] == ["pagefind", "2", "3"]
    assert search.write_bundle(pages, root, "en", bundle, per_shard=2) == 2
    assert [folder.name for folder in shard_folders(bundle)] == ["pagefind", "2"]
    assert sorted(search.bundle_pages(bundle)) == ["/a/", "/b/", "/c/"]
    assert sorted(path.name for path in root.iterdir()) == ["a", "b", "c", "pagefind"]
