"""One language's Pagefind bundle, written in shards (hooks/search.py calls it after the build).

Why shards: Pagefind's indexer holds a whole run in memory and grows faster than its pages
(measured on generated pages: 0.56 GB at 2,500 pages, 1.38 GB at 5,000, 2.96 GB at 10,000). So a
language with more than SHARD_PAGES pages is indexed in several runs, one after the other, and
the reader's browser searches them as one index with Pagefind's `mergeIndex`
(https://pagefind.app/docs/multisite/). A language of SHARD_PAGES pages or fewer is one shard,
exactly the bundle of a single run.

Layout, under the language's `pagefind/` folder, so that swapping a new bundle in stays one
rename (`make serve`'s preview re-indexes while readers search):

- shard 1 is the folder itself: `pagefind.js`, which the search worker imports, the WebAssembly,
  and `synonyms.json`;
- shard k >= 2 is `pagefind/<k>/`, with only what `mergeIndex` fetches: its entry, metadata,
  index and fragments. A merged index is searched with shard 1's WebAssembly and script, so
  their copies are left out (the WebAssembly alone is about 70 KB a language).

Every shard of a language in several also indexes a page of every word of the language (a
"vocabulary page", never shown): Pagefind searches a word no page of an index has as its longest
prefix that one has ("vidarebefordring" as "vid", https://github.com/Pagefind/pagefind/pull/315),
so without it a shard that lacks a word another shard has would add pages that only share its
first letters. The search worker leaves the vocabulary pages out by their ids (`skip`).

Pages are dealt round-robin over the sorted list (page i to shard i % k), not in blocks: each
shard then holds a like mix of sections, so its word statistics, and the scores Pagefind merges
across shards, are alike. HELP_SEARCH_SHARD_PAGES sets SHARD_PAGES for one build (helpcenter/options.py; the tests
use a few pages a shard to search several shards of the small real site).
"""

from __future__ import annotations

import gzip
import html
import json
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import lxml.html
from mkdocs.exceptions import PluginError

# At most SHARD_PAGES pages in one Pagefind run: about 0.6 GB of the indexer's memory.
from helpcenter.options import SHARD_PAGES

SYNONYMS_FILE = "synonyms.json"
# Pagefind's own ready-made interfaces: ours is Material's, so they are not published.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# What shard 1 serves for every shard: `mergeIndex` runs in shard 1's script and WebAssembly,
# and Pagefind starts its own web worker only in a page, never inside our search worker.
SHARED_BUNDLE_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")
NOT_IN_LATER_SHARDS = UNUSED_BUNDLE_FILES + SHARED_BUNDLE_FILES
# Where each shard of a language in several holds the language's words; no page has this path.
VOCABULARY_URL = "/_vocabulary/"
# Parts of the article that are not its text: edit button, heading links and copy buttons, dates.
NOT_TEXT = [".md-content__button", ".headerlink", ".links-copy", ".md-source-file"]


def deal_into_shards(pages: list[Path], per_shard: int) -> list[list[Path]]:
    """The sorted pages dealt round-robin into ceil(n / per_shard) shards (at least one)."""
    ordered = sorted(pages)
    count = max(1, math.ceil(len(ordered) / per_shard))
    return [ordered[first::count] for first in range(count)]


def shard_folder(bundle: Path, number: int) -> Path:
    """Shard 1 is the bundle folder itself; shard k >= 2 is `<bundle>/<k>/`."""
    return bundle if number == 1 else bundle / str(number)


def shard_folders(bundle: Path) -> list[Path]:
    """Every shard of a written bundle, shard 1 first."""
    extra = sorted(
        (int(path.name), path) for path in bundle.iterdir() if path.is_dir() and path.name.isdigit()
    )
    return [bundle, *(path for _, path in extra)]


def write_bundle(
    pages: list[Path],
    root: Path,
    locale: str,
    bundle: Path,
    synonyms: dict[str, list[str]] | None = None,
    per_shard: int = SHARD_PAGES,
) -> int:
    """Index one language's pages in shards of at most `per_shard` pages, one Pagefind run after
    the other (only one indexer in memory), into `<bundle>.new`, then swap it in whole, so a
    search during a preview's re-index finds the old bundle or the new, never half of each.
    Returns the number of shards."""
    written = bundle.with_name(f"{bundle.name}.new")
    shutil.rmtree(written, ignore_errors=True)
    shards = deal_into_shards(pages, per_shard)
    words = language_words(pages) if len(shards) > 1 else None
    try:
        for number, shard in enumerate(shards, start=1):
            folder = shard_folder(written, number)
            run_pagefind(shard, root, locale, folder, words)
            leave_out(folder, UNUSED_BUNDLE_FILES if number == 1 else NOT_IN_LATER_SHARDS)
    except PluginError:
        shutil.rmtree(written, ignore_errors=True)
        raise
    write_json(written / SYNONYMS_FILE, synonyms or {})
    swap_in(written, bundle)
    return len(shards)


def language_words(pages: list[Path]) -> list[str]:
    """Every word, as the pages write it, in the indexed text of the language's pages (their
    `data-pagefind-body` element); Pagefind splits and stems them as it does in the pages. Words
    are taken within each piece of text and across inline tags ("<b>In</b>ställningar"): more
    words than Pagefind sees, never fewer."""
    words: set[str] = set()
    for page in pages:
        pieces = indexed_text(page.read_text(encoding="utf-8"))
        words.update("".join(pieces).split())
        for piece in pieces:
            words.update(piece.split())
    return sorted(words)


def indexed_text(page: str) -> list[str]:
    """The pieces of text of a page's `data-pagefind-body` article. Only the article is parsed
    (a quarter of the time of the whole page at 10,000 pages): hooks/search.py marks the opening
    tag of Material's one article, and the article holds no other."""
    marker = page.find("data-pagefind-body")
    start = page.rfind("<", 0, marker) if marker >= 0 else -1
    end = page.find("</article>", start) if start >= 0 else -1
    if end < 0:
        return []
    return list(lxml.html.fragment_fromstring(page[start : end + len("</article>")]).itertext())


def vocabulary_page(words: list[str], locale: str) -> str:
    return (
        f'<!doctype html><html lang="{locale}"><head><title>-</title></head><body>'
        f"<main data-pagefind-body><p>{html.escape(' '.join(words))}</p></main></body></html>"
    )


def run_pagefind(
    pages: list[Path], root: Path, locale: str, output: Path, words: list[str] | None = None
) -> None:
    """Index pages with the language's stemmer (Pagefind falls back to whole words for a
    language it has no stemmer for), and the vocabulary page when words are given. Pagefind's
    command reads a folder: it gets one holding links to these pages only, as they sit under the
    language root, so result URLs are relative to that root, as Material's "location" is."""
    from pagefind_bin import get_executable  # the build needs it; the tests of helpers do not

    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        for page in pages:
            link_or_copy(page, Path(folder) / page.relative_to(root))
        if words is not None:
            vocabulary = Path(folder) / VOCABULARY_URL.strip("/") / "index.html"
            if vocabulary.exists():
                raise PluginError(f"hooks/search.py: a page has the path {VOCABULARY_URL}")
            vocabulary.parent.mkdir(parents=True)
            vocabulary.write_text(vocabulary_page(words, locale), encoding="utf-8")
        command = [
            str(get_executable()),
            "--site",
            folder,
            "--output-path",
            str(output),
            "--force-language",
            locale,
            "--exclude-selectors",
            ", ".join(NOT_TEXT),
            "--silent",
        ]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(
            f"hooks/search.py: Pagefind could not index the {locale} pages: "
            f"{result.stderr.strip() or result.stdout.strip()}"
        )


def link_or_copy(page: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(page, target)
    except OSError:  # another file system: a copy
        shutil.copyfile(page, target)


def leave_out(folder: Path, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        for path in folder.glob(pattern):
            path.unlink()


def swap_in(written: Path, bundle: Path) -> None:
    old = bundle.with_name(f"{bundle.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    written.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


def vocabulary_ids(bundle: Path) -> list[str]:
    """Pagefind's result ids of the shards' vocabulary pages (none for a single shard), which
    the search worker leaves out. An id is a hash of the page: the shards' pages share one."""
    return sorted(
        {
            fragment.stem
            for shard in shard_folders(bundle)
            for fragment, record in shard_fragments(shard)
            if record["url"] == VOCABULARY_URL
        }
    )


def bundle_pages(bundle: Path) -> dict[str, dict]:
    """{URL: Pagefind's record of the page (url, content, meta...)} of every shard of a written
    bundle: what the search of that language can find."""
    return {
        url: page for shard in shard_folders(bundle) for url, page in shard_pages(shard).items()
    }


def shard_pages(shard: Path) -> dict[str, dict]:
    """{URL: record} of the pages in one shard's folder (not its vocabulary page)."""
    return {
        record["url"]: record
        for _, record in shard_fragments(shard)
        if record["url"] != VOCABULARY_URL
    }


def shard_fragments(shard: Path) -> list[tuple[Path, dict]]:
    """(file, record) of every fragment of a shard. Each is gzip'd JSON behind a signature."""
    return [
        (fragment, json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")))
        for fragment in sorted((shard / "fragment").glob("*.pf_fragment"))
    ]


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
