"""When `make serve`'s fast preview may rebuild only the edited pages (hooks/helpcenter/preview_state.py):
only when nothing but pages' text changed. Everything else is a full rebuild."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from types import SimpleNamespace

from helpcenter.preview_state import (
    DIRTY_NOTICE,
    PreviewState,
    changed_pages,
    dirty_notice_dropped,
    page_shape,
    take_snapshot,
)


def project(tmp_path: Path) -> tuple[Path, list[Path]]:
    docs, data = tmp_path / "docs", tmp_path / "data"
    (docs / "guides").mkdir(parents=True)
    data.mkdir()
    (docs / "index.md").write_text("# Home\n")
    (docs / "guides" / "a.md").write_text("# A\n")
    (docs / "style.css").write_text("a {}\n")
    (data / "settings.yml").write_text("a: 1\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    return docs, [data, tmp_path / "mkdocs.yml"]


def test_only_a_page_text_edit_is_a_partial_rebuild(tmp_path):
    docs, others = project(tmp_path)
    before = take_snapshot(docs, others)
    assert changed_pages(None, before) is None, "no earlier build: full"
    assert changed_pages(before, take_snapshot(docs, others)) == set()

    (docs / "guides" / "a.md").write_text("# A\n\nMore.\n")
    assert changed_pages(before, take_snapshot(docs, others)) == {str(docs / "guides" / "a.md")}


def same_size_and_time(path: Path, text: str) -> None:
    """Rewrite a file keeping its size and its modification time: an edit within one tick of a
    coarse clock, which only its content shows."""
    stat = path.stat()
    path.write_text(text)
    assert path.stat().st_size == stat.st_size, "the edit keeps the size on purpose"
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_data_config_asset_and_page_set_changes_are_full_rebuilds(tmp_path):
    for change in (
        lambda docs: same_size_and_time(docs.parent / "data" / "settings.yml", "a: 2\n"),
        lambda docs: same_size_and_time(docs.parent / "mkdocs.yml", "site_name: y\n"),
        lambda docs: same_size_and_time(docs / "style.css", "b {}\n"),
        lambda docs: (docs / "new.md").write_text("# New\n"),
        lambda docs: (docs / "guides" / "a.md").unlink(),
        lambda docs: (docs.parent / "data" / "new.yml").write_text("b: 1\n"),
    ):
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        root.mkdir()
        docs, others = project(root)
        before = take_snapshot(docs, others)
        change(docs)
        assert changed_pages(before, take_snapshot(docs, others)) is None


def test_a_page_edit_that_keeps_size_and_time_is_seen(tmp_path):
    docs, others = project(tmp_path)
    before = take_snapshot(docs, others)
    same_size_and_time(docs / "guides" / "a.md", "# B\n")
    assert changed_pages(before, take_snapshot(docs, others)) == {str(docs / "guides" / "a.md")}


def test_a_page_shape_is_its_title_headings_and_front_matter():
    def heading(id_: str, title: str, level: int, children=()) -> SimpleNamespace:
        return SimpleNamespace(id=id_, title=title, level=level, children=list(children))

    toc = [heading("a", "A", 1, [heading("b", "B", 2)])]
    shape = page_shape("A", toc, {"title": "A"})
    assert shape == page_shape("A", toc, {"title": "A"})
    assert shape != page_shape("A", [heading("a", "A", 1)], {"title": "A"})
    assert shape != page_shape("A", toc, {"title": "A", "status": "new"})
    assert shape != page_shape("A2", toc, {"title": "A"})


def test_only_the_dirty_build_notice_is_dropped(caplog):
    logger = logging.getLogger("mkdocs.commands.build")
    with caplog.at_level(logging.WARNING, logger="mkdocs"), dirty_notice_dropped():
        logger.warning(DIRTY_NOTICE + ", this will likely lead to inaccurate navigation")
        logger.warning("Doc file 'a.md' contains a link to 'b.md', which is not found")
    assert [record.getMessage()[:8] for record in caplog.records] == ["Doc file"]
    logger.warning(DIRTY_NOTICE)
    assert len(caplog.records) == 2, "outside the preview's builds the notice is logged"


def test_the_search_index_is_made_after_the_build_and_the_next_build_waits_for_it(tmp_path):
    """A dirty build leaves the search index to a background task (hooks/search.py): the page
    is served before it ends, and the next build starts only after it."""
    state = PreviewState(tmp_path, ())
    release, done = threading.Event(), []

    def first() -> None:
        release.wait(10)
        done.append("first")

    state.run_after_build(first, "The search index")
    assert state.background is not None and state.background.is_alive(), "not waited for"
    release.set()
    state.run_after_build(lambda: done.append("second"), "The search index")  # waits first
    state.wait_for_background()
    assert done == ["first", "second"] and state.background is None


def test_a_failed_background_task_is_logged_and_the_preview_goes_on(tmp_path, caplog):
    def fail() -> None:
        raise RuntimeError("Pagefind could not index the sv pages")

    state = PreviewState(tmp_path, ())
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        state.run_after_build(fail, "The search index")
        state.wait_for_background()
        state.run_after_build(lambda: None, "The search index")
        state.wait_for_background()
    messages = [record.getMessage() for record in caplog.records]
    assert "The search index failed: Pagefind could not index the sv pages" in messages
    assert any(message.startswith("The search index updated in ") for message in messages)
