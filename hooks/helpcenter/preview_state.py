"""The fast live preview of `make serve` (HELP_FAST_PREVIEW=1, set only by the Makefile's serve
recipe; hooks/preview.py): after an edit that only changes the text of pages, MkDocs rebuilds
those pages alone (its dirty build) instead of the whole language.

Correctness first: a rebuild is dirty only when nothing but the text of existing pages changed
since the last successful build (every other file under the watched folders, mkdocs.yml
included, and every page, is compared by a digest of its bytes, so an edit that keeps a file's
size and lands within one tick of the file system's clock is still seen; and the git commit,
which the "last updated" dates come from), and when the
rebuilt pages still have the title, headings and front matter the other pages were built with
(otherwise a full rebuild follows at once). Anything else is a full rebuild, as before.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpcenter.shortlinks import PageRecord

CONFIG_KEY = "helpcenter_preview"
ENV_VAR = "HELP_FAST_PREVIEW"
# What MkDocs logs at WARNING for every dirty build; strict mode would count it as a failure.
DIRTY_NOTICE = "A 'dirty' build is being performed"

log = logging.getLogger("mkdocs.hooks.preview")


@dataclass(frozen=True)
class Snapshot:
    """What a build is made from: a digest of each page's text and of every other file, and
    the git commit (the pages' "last updated" dates come from git history). Digests, not sizes
    and times: an edit that keeps the size within one clock tick leaves both unchanged."""

    pages: dict[str, str]  # absolute path of a .md file under docs/ -> sha256 of its bytes
    others: dict[str, str]  # absolute path of any other watched file -> sha256 of its bytes
    head: str = ""


def take_snapshot(docs_dir: Path, other_roots: Iterable[Path]) -> Snapshot:
    pages: dict[str, str] = {}
    others: dict[str, str] = {}
    for path in _files(docs_dir):
        (pages if path.suffix == ".md" else others)[str(path)] = _digest(path)
    for root in other_roots:
        for path in _files(root):
            others[str(path)] = _digest(path)
    return Snapshot(pages, others, _git_head(docs_dir))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _git_head(folder: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return result.stdout.strip()


def _files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
    elif root.is_dir():
        yield from (path for path in sorted(root.rglob("*")) if path.is_file())
    # a root that does not exist (yet) has no files; creating one changes `others`


def changed_pages(before: Snapshot | None, now: Snapshot) -> set[str] | None:
    """The pages whose text changed, or None when only a full rebuild is correct: no earlier
    successful build, a file other than a page's text changed, or a page was added or removed."""
    if (
        before is None
        or before.others != now.others
        or before.head != now.head
        or before.pages.keys() != now.pages.keys()
    ):
        return None
    return {path for path, digest in now.pages.items() if before.pages[path] != digest}


def page_shape(title: Any, toc: Iterable[Any], meta: dict[str, Any]) -> tuple[Any, ...]:
    """What other pages may show of a page: its title, its headings, its front matter."""

    def headings(items: Iterable[Any]) -> Iterator[tuple[str, str, int]]:
        for item in items:
            yield (item.id, item.title, item.level)
            yield from headings(item.children)

    return (str(title or ""), tuple(headings(toc)), repr(sorted(meta.items(), key=str)))


@dataclass
class PreviewState:
    """Kept by the serve process from one build to the next (on each build's config, under
    CONFIG_KEY): what the last successful build was made from and recorded."""

    docs_dir: Path
    other_roots: tuple[Path, ...]
    built_from: Snapshot | None = None  # None: the last build failed, or none has finished
    records: dict[str, PageRecord] = field(default_factory=dict)  # docs path -> page (links)
    shapes: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # abs src path -> shape
    # The build under way: its snapshot, and the pages it rebuilds (None: all of them).
    building_from: Snapshot | None = None
    dirty_pages: set[str] | None = None
    shapes_before: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    started_ns: int = 0
    # Work a dirty build leaves to run after it, while the preview already serves its pages:
    # the search index (hooks/search.py). The next build waits for it.
    background: threading.Thread | None = None

    @property
    def dirty(self) -> bool:
        return self.dirty_pages is not None

    def run_after_build(self, task: Callable[[], None], what: str) -> None:
        """Run `task` in the background: MkDocs serves no page until its build returns, and
        re-indexing the whole language for search is most of a dirty build (PERFORMANCE.md)."""
        self.wait_for_background()

        def run() -> None:
            started = time.perf_counter()
            try:
                task()
            except Exception as error:  # the preview goes on; the log says why
                log.error(f"{what} failed: {error}")
            else:
                log.info(f"{what} updated in {time.perf_counter() - started:.1f} s")

        self.background = threading.Thread(target=run, name=what, daemon=True)
        self.background.start()

    def wait_for_background(self) -> None:
        if self.background is not None:
            self.background.join()
            self.background = None

    def snapshot(self) -> Snapshot:
        return take_snapshot(self.docs_dir, self.other_roots)

    def begin(self, snapshot: Snapshot, dirty_pages: set[str] | None) -> None:
        self.building_from, self.dirty_pages = snapshot, dirty_pages
        self.shapes_before = dict(self.shapes)
        self.started_ns = time.time_ns()
        self.built_from = None  # until this build succeeds

    def succeeded(self, records: dict[str, PageRecord]) -> None:
        self.built_from, self.records = self.building_from, dict(records)

    def written_this_build(self, path: Path) -> bool:
        """In a dirty build: whether the file may have been written by it (two seconds of
        margin for coarse file times; a file from before is left as the last build wrote it)."""
        return path.stat().st_mtime_ns >= self.started_ns - 2_000_000_000

    def records_unchanged(self, pages: dict[str, dict[str, PageRecord]]) -> bool:
        """In a dirty build: every page as the last build recorded it (one language), so the
        files made from the records alone (short links, redirects, links.json) are unchanged."""
        return self.dirty and len(pages) == 1 and next(iter(pages.values())) == self.records

    def shapes_kept(self) -> bool:
        """After a dirty build: every rebuilt page looks the same to the other pages."""
        return all(
            path in self.shapes and self.shapes_before.get(path) == self.shapes[path]
            for path in self.dirty_pages or ()
        )


def of(config: Any) -> PreviewState | None:
    """The preview's state on a build's config: None outside `make serve`'s fast preview."""
    return config.get(CONFIG_KEY)


class _DropDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


@contextmanager
def dirty_notice_dropped() -> Iterator[None]:
    """Drop MkDocs' one warning about a dirty build (and nothing else) while it builds."""
    logger = logging.getLogger("mkdocs.commands.build")
    dropper = _DropDirtyNotice()
    logger.addFilter(dropper)
    try:
        yield
    finally:
        logger.removeFilter(dropper)
