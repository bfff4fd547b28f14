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


def test_make_serve_serves_the_site_and_shows_an_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT_DIR / "Makefile", project / "Makefile")
    address = f"127.0.0.1:{free_port()}"
    environment = {key: value for key, value in os.environ.items() if key != "LANGUAGE"}
    process = subprocess.Popen(
        # -o: the project's venv is already installed; the copy only lacks its stamp's inputs.
        ["make", "--no-print-directory", "-o", f"{VENV}/.installed", "serve"]
        + [f"VENV={VENV}", f"SERVE_ADDR={address}"],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        page = f"http://{address}/guides/iphone/"
        served = wait_for(page, "<h1", process)
        if not served:
            os.killpg(process.pid, 9)
        assert served, f"make serve served nothing:\n{process.communicate()[0][-3000:]}"

        guide = project / "docs" / "guides" / "iphone.md"
        text = guide.read_text(encoding="utf-8")
        guide.write_text(text.replace("\n# ", "\n# EDITED-BY-THE-TEST ", 1), encoding="utf-8")
        shown = wait_for(page, "EDITED-BY-THE-TEST", process)
        if not shown:
            os.killpg(process.pid, 9)
        assert shown, f"the edit never showed:\n{process.communicate()[0][-3000:]}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


def test_the_fast_preview_rebuilds_one_page_and_never_shows_a_stale_one(tmp_path: Path) -> None:
    """`make serve` rebuilds only an edited page's text (hooks/preview.py); an edit to a data
    file, a template or a page's headings is a full rebuild, so every page shows it."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT_DIR / "Makefile", project / "Makefile")
    address = f"127.0.0.1:{free_port()}"
    environment = {key: value for key, value in os.environ.items() if key != "LANGUAGE"}
    log_path = tmp_path / "serve.log"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "-o", f"{VENV}/.installed", "serve"]
            + [f"VENV={VENV}", f"SERVE_ADDR={address}"],
            cwd=project,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def shows(path: str, text: str) -> None:
        if not wait_for(f"http://{address}/{path}", text, process):
            os.killpg(process.pid, 9)
            process.wait()
            raise AssertionError(
                f"{text!r} never showed at /{path}:\n{log_path.read_text()[-3000:]}"
            )

    def edit(path: str, old: str, new: str) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} lacks {old!r}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    try:
        shows("guides/iphone/", "<h1")
        index_before = fetch(f"http://{address}/pagefind/pagefind-entry.json")
        assert index_before and '"page_count"' in index_before
        # The text of a page: that page alone is rebuilt; its search index follows.
        edit("docs/guides/iphone.md", "\n# ", "\nPAGE-TEXT-EDIT\n\n# ")
        shows("guides/iphone/", "PAGE-TEXT-EDIT")
        assert "1 changed page(s) only" in log_path.read_text()
        shows("search/search_index.json", '"bundle"')
        deadline = time.monotonic() + WAIT_SECONDS
        while "The search index updated" not in log_path.read_text():
            assert time.monotonic() < deadline, log_path.read_text()[-3000:]
            time.sleep(0.5)
        index_after = fetch(f"http://{address}/pagefind/pagefind-entry.json")
        assert index_after and index_after != index_before, "the index has the old text"
        # What the partial rebuild did not rewrite is still there and whole.
        assert 'http-equiv="Content-Security-Policy"' in (
            fetch(f"http://{address}/guides/iphone/") or ""
        )
        assert "guides/iphone/" in (fetch(f"http://{address}/go/iphone/") or "")
        assert '"iphone"' in (fetch(f"http://{address}/links.json") or "")
        # A data file: every page (here another guide) shows it.
        edit("data/mail-settings.yml", "chat_url: https://", "chat_url: https://edited.")
        shows("guides/android/", "https://edited.")
        # A template of the hooks: the settings tables of every guide show it.
        edit(
            "overrides/partials/settings/table.md",
            '| {{ labels["table.setting"] }} |',
            '| {{ labels["table.setting"] }} TEMPLATE-EDIT |',
        )
        shows("guides/android/", "TEMPLATE-EDIT")
        # A theme template (Material's custom_dir).
        edit(
            "overrides/main.html",
            "{% block site_meta %}",
            '{% block site_meta %}<meta name="edit" content="THEME-EDIT">',
        )
        shows("guides/android/", "THEME-EDIT")
        # A new heading in a page: the other pages may show its headings, so all are rebuilt;
        # the edit before it is still there.
        edit("docs/guides/iphone.md", "PAGE-TEXT-EDIT", "PAGE-TEXT-EDIT\n\n## NEW-HEADING")
        shows("guides/iphone/", "NEW-HEADING")
        shows("guides/android/", "TEMPLATE-EDIT")
        assert "title, headings or front matter changed: full rebuild" in log_path.read_text()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


def test_make_serve_language_en_serves_every_page_in_english_at_the_root(tmp_path: Path) -> None:
    """`make serve LANGUAGE=en` (README): static-i18n then counts English as the default
    language, and would show guides/iphone.md's Swedish text for a page English has."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT_DIR / "Makefile", project / "Makefile")
    address = f"127.0.0.1:{free_port()}"
    environment = {key: value for key, value in os.environ.items() if key != "LANGUAGE"}
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-o", f"{VENV}/.installed", "serve"]
        + [f"VENV={VENV}", f"SERVE_ADDR={address}", "LANGUAGE=en"],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        served = wait_for(f"http://{address}/", 'lang="en"', process)
        if not served:
            os.killpg(process.pid, 9)
        assert served, f"make serve LANGUAGE=en served nothing:\n{process.communicate()[0][-3000:]}"
        for source in sorted((project / "docs").rglob("*.en.md")):
            relative = source.relative_to(project / "docs").as_posix().removesuffix(".en.md")
            path = "" if relative == "index" else relative + "/"
            title = yaml.safe_load(source.read_text(encoding="utf-8").split("---", 2)[1])["title"]
            page = fetch(f"http://{address}/{path}") or ""
            shown = re.search(r"<title>(.*?)</title>", page, re.S)
            assert shown and html.unescape(shown[1]).startswith(title), (
                f"/{path} is not the English page {relative}.en.md"
            )
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


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
