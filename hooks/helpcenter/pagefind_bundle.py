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

Pages are dealt round-robin over the sorted list (page i to shard i % k), not in blocks: each
shard then holds a like mix of sections, so its word statistics, and the scores Pagefind merges
across shards, are alike. HELP_SEARCH_SHARD_PAGES sets SHARD_PAGES for one build (the tests use
a few pages a shard to search several shards of the small real site).
"""

from __future__ import annotations

import gzip
import json
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

# At most this many pages in one Pagefind run: about 0.6 GB of the indexer's memory.
SHARD_PAGES = 2500
SHARD_PAGES_ENV = "HELP_SEARCH_SHARD_PAGES"
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
# Parts of the article that are not its text: edit button, heading links and copy buttons, dates.
NOT_TEXT = [".md-content__button", ".headerlink", ".links-copy", ".md-source-file"]


def pages_per_shard() -> int:
    """SHARD_PAGES, or HELP_SEARCH_SHARD_PAGES when a build sets it."""
    value = os.environ.get(SHARD_PAGES_ENV, "").strip()
    if not value:
        return SHARD_PAGES
    if not value.isdigit() or int(value) < 1:
        raise PluginError(f"{SHARD_PAGES_ENV}={value!r}: expected a whole number of pages >= 1")
    return int(value)


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
    try:
        for number, shard in enumerate(shards, start=1):
            folder = shard_folder(written, number)
            run_pagefind(shard, root, locale, folder)
            leave_out(folder, UNUSED_BUNDLE_FILES if number == 1 else NOT_IN_LATER_SHARDS)
    except PluginError:
        shutil.rmtree(written, ignore_errors=True)
        raise
    write_json(written / SYNONYMS_FILE, synonyms or {})
    swap_in(written, bundle)
    return len(shards)


def run_pagefind(pages: list[Path], root: Path, locale: str, output: Path) -> None:
    """Index pages with the language's stemmer (Pagefind falls back to whole words for a
    language it has no stemmer for). Pagefind's command reads a folder: it gets one holding
    links to these pages only, as they sit under the language root, so result URLs are relative
    to that root, as Material's "location" is."""
    from pagefind_bin import get_executable  # the build needs it; the tests of helpers do not

    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        for page in pages:
            link_or_copy(page, Path(folder) / page.relative_to(root))
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


def bundle_pages(bundle: Path) -> dict[str, dict]:
    """{URL: Pagefind's record of the page (url, content, meta...)} of every shard of a written
    bundle: what the search of that language can find."""
    return {
        url: page for shard in shard_folders(bundle) for url, page in shard_pages(shard).items()
    }


def shard_pages(shard: Path) -> dict[str, dict]:
    """{URL: record} of one shard's folder. Each fragment is gzip'd JSON behind a signature."""
    pages = {}
    for fragment in sorted((shard / "fragment").glob("*.pf_fragment")):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[record["url"]] = record
    return pages


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
