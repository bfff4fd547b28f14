"""`make serve`, the README's first command, as an editor runs it: it serves the site and an
edit to a page shows on the next request after the rebuild. Runs the Makefile's own recipe in
a copy of the project, so the real docs are never touched."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import fallback_pages
from sitebuild import PROJECT_DIR, copy_project
from tools.kit.net import free_port

VENV = PROJECT_DIR / ".venv"
WAIT_SECONDS = 240


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, process: subprocess.Popen[str]) -> bool:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        body = fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(1)
    return False


@dataclass
class Served:
    """`make serve` running in a copy of the project, its output in `log_path`."""

    project: Path
    address: str
    process: subprocess.Popen[str]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def fetch(self, path: str) -> str:
        return fetch(f"http://{self.address}/{path}") or ""

    def shows(self, path: str, text: str) -> None:
        """Wait until /path holds `text`; fail with the end of make serve's output."""
        if not wait_for(f"http://{self.address}/{path}", text, self.process):
            os.killpg(self.process.pid, 9)
            self.process.wait()
            raise AssertionError(f"{text!r} never showed at /{path}:\n{self.log()[-3000:]}")

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} lacks {old!r}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextmanager
def make_serve(tmp_path: Path, *make_args: str) -> Iterator[Served]:
    """The Makefile's own serve recipe in a copy of the project, on a free port; stopped (its
    whole process group) at the end, passed or failed."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT_DIR / "Makefile", project / "Makefile")
    address = f"127.0.0.1:{free_port()}"
    environment = {key: value for key, value in os.environ.items() if key != "LANGUAGE"}
    log_path = tmp_path / "serve.log"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            # -o: the project's venv is already installed; the copy only lacks its stamp's inputs.
            ["make", "--no-print-directory", "-o", f"{VENV}/.installed", "serve"]
            + [f"VENV={VENV}", f"SERVE_ADDR={address}", *make_args],
            cwd=project,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    try:
        yield Served(project, address, process, log_path)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


def test_make_serve_serves_the_site_and_shows_an_edit(tmp_path: Path) -> None:
    with make_serve(tmp_path) as served:
        served.shows("guides/iphone/", "<h1")
        served.edit("docs/guides/iphone.md", "\n# ", "\n# EDITED-BY-THE-TEST ")
        served.shows("guides/iphone/", "EDITED-BY-THE-TEST")


def test_the_fast_preview_rebuilds_one_page_and_never_shows_a_stale_one(tmp_path: Path) -> None:
    """`make serve` rebuilds only an edited page's text (hooks/preview.py); an edit to a data
    file, a template or a page's headings is a full rebuild, so every page shows it."""
    with make_serve(tmp_path) as served:
        served.shows("guides/iphone/", "<h1")
        index_before = served.fetch("pagefind/pagefind-entry.json")
        assert '"page_count"' in index_before
        # The text of a page: that page alone is rebuilt; its search index follows.
        served.edit("docs/guides/iphone.md", "\n# ", "\nPAGE-TEXT-EDIT\n\n# ")
        served.shows("guides/iphone/", "PAGE-TEXT-EDIT")
        assert "1 changed page(s) only" in served.log()
        served.shows("search/search_index.json", '"bundle"')
        deadline = time.monotonic() + WAIT_SECONDS
        while "The search index updated" not in served.log():
            assert time.monotonic() < deadline, served.log()[-3000:]
            time.sleep(0.5)
        index_after = served.fetch("pagefind/pagefind-entry.json")
        assert index_after and index_after != index_before, "the index has the old text"
        # What the partial rebuild did not rewrite is still there and whole.
        assert 'http-equiv="Content-Security-Policy"' in served.fetch("guides/iphone/")
        assert "guides/iphone/" in served.fetch("go/iphone/")
        assert '"iphone"' in served.fetch("links.json")
        # A data file: every page (here another guide) shows it.
        served.edit("data/mail-settings.yml", "chat_url: https://", "chat_url: https://edited.")
        served.shows("guides/android/", "https://edited.")
        # A template of the hooks: the settings tables of every guide show it.
        served.edit(
            "overrides/partials/settings/table.md",
            '| {{ labels["table.setting"] }} |',
            '| {{ labels["table.setting"] }} TEMPLATE-EDIT |',
        )
        served.shows("guides/android/", "TEMPLATE-EDIT")
        # A theme template (Material's custom_dir).
        served.edit(
            "overrides/main.html",
            "{% block site_meta %}",
            '{% block site_meta %}<meta name="edit" content="THEME-EDIT">',
        )
        served.shows("guides/android/", "THEME-EDIT")
        # A new heading in a page: the other pages may show its headings, so all are rebuilt;
        # the edit before it is still there.
        served.edit("docs/guides/iphone.md", "PAGE-TEXT-EDIT", "PAGE-TEXT-EDIT\n\n## NEW-HEADING")
        served.shows("guides/iphone/", "NEW-HEADING")
        served.shows("guides/android/", "TEMPLATE-EDIT")
        assert "title, headings or front matter changed: full rebuild" in served.log()


def test_make_serve_language_en_serves_every_page_in_english_at_the_root(tmp_path: Path) -> None:
    """`make serve LANGUAGE=en` (README): static-i18n then counts English as the default
    language, and would show guides/iphone.md's Swedish text for a page English has."""
    with make_serve(tmp_path, "LANGUAGE=en") as served:
        served.shows("", 'lang="en"')
        docs = served.project / "docs"
        for source in sorted(docs.rglob("*.en.md")):
            relative = source.relative_to(docs).as_posix().removesuffix(".en.md")
            path = "" if relative == "index" else relative + "/"
            title = yaml.safe_load(source.read_text(encoding="utf-8").split("---", 2)[1])["title"]
            shown = re.search(r"<title>(.*?)</title>", served.fetch(path), re.S)
            assert shown and html.unescape(shown[1]).startswith(title), (
                f"/{path} is not the English page {relative}.en.md"
            )


@pytest.mark.parametrize(
    ("pages", "locale", "replaced"),
    [
        (["guides/iphone.md", "guides/iphone.en.md", "card.md"], "en", ["guides/iphone.md"]),
        (["index.md", "index.en.md", "index.de.md"], "de", ["index.md"]),
        (["guides/iphone.md", "guides/iphone.en.md"], "sv", []),
    ],
)
def test_one_language_build_drops_the_untranslated_file_only_where_a_translation_exists(
    pages: list[str], locale: str, replaced: list[str]
) -> None:
    assert fallback_pages.replaced_by_translation(pages, locale) == replaced
