"""For support agents and AI assistants (hooks/agents.py, issue 25): every page has a Markdown copy
with the settings its HTML page shows and no marker left, served over HTTP as Markdown; each
language's llms.txt lists every page of that language; the agents' console is noindex and in no
sitemap, search index or reader page's links, and its index holds every links.json entry."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from lxml import html as lxml_html

from helpcenter import console, plaintext
from tools.kit.serve import serve


def copy_path(page: str) -> str:
    """'en/guides/iphone/' -> 'en/guides/iphone/index.md'."""
    return page + plaintext.COPY_NAME


def agent_files(site: Path) -> list[str]:
    """Every file of the agents' console and the assistants' copies, from the site root."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file()
        and (
            path.name in (plaintext.COPY_NAME, plaintext.LLMS_TXT)
            or console.CONSOLE_DIR in path.relative_to(site).parts[:2]
        )
    )


def test_every_markdown_copy_over_http_has_the_values_its_page_shows_and_no_marker(
    built_site, site_pages, mkdocs_config
):
    problems, checked = [], 0
    with serve(built_site) as url:
        for page in site_pages:
            page_html = lxml_html.fromstring((built_site / page / "index.html").read_bytes())
            shown = {
                " ".join(element.text_content().split())
                for element in page_html.xpath(
                    "//article//*[contains(concat(' ', @class, ' '), ' mail-setting ')]"
                )
            }
            with urllib.request.urlopen(url + copy_path(page)) as response:
                content_type = response.headers["Content-Type"]
                text = response.read().decode("utf-8")
            if content_type != "text/markdown; charset=utf-8":
                problems.append(f"{page}: served as {content_type}")
            if "<!--" in text:
                problems.append(f"{page}: a marker or comment is left")
            problems += [f"{page}: {value!r} missing" for value in shown if value not in text]
            problems += [
                f"{page}: a relative link {link['target']}"
                for link in plaintext.LINK.finditer(text)
                if not link["target"].startswith(("https://", "http://", "mailto:"))
            ]
            checked += len(shown)
            if "md-header" in text or "<nav" in text:
                problems.append(f"{page}: site chrome")
    assert problems == []
    assert len(site_pages) > 20 and checked > 100


def test_markdown_copies_have_absolute_links_in_their_own_language(built_site, mkdocs_config):
    site_url = mkdocs_config["site_url"]
    text = (built_site / "en" / "guides" / "outlook" / plaintext.COPY_NAME).read_text("utf-8")
    assert f"]({site_url}en/guides/new-outlook/)" in text
    assert "{#" not in text and "!!!" not in text and "===" not in text
    swedish = (built_site / "guides" / "outlook" / plaintext.COPY_NAME).read_text("utf-8")
    assert f"]({site_url}guides/new-outlook/)" in swedish


def test_llms_txt_lists_every_page_of_its_language_with_its_copy_and_description(
    built_site, site_pages, languages, mkdocs_config
):
    site_url = mkdocs_config["site_url"]
    others = [language["prefix"] for language in languages if language["prefix"]]
    for language in languages:
        prefix = language["prefix"]
        text = (built_site / prefix / plaintext.LLMS_TXT).read_text("utf-8")
        head, _, pages = text.partition("\n## Pages\n\n")
        assert head.startswith("# ") and "\n> " in head
        listed = [line for line in pages.splitlines() if line.startswith("- [")]
        own = [
            page
            for page in site_pages
            if page.startswith(prefix)
            and (prefix or not any(page.startswith(other) for other in others))
        ]
        assert sorted(line.split("](")[1].split(")")[0] for line in listed) == sorted(
            site_url + copy_path(page) for page in own
        )
        assert all(line.split("): ", 1)[1].strip() for line in listed), listed


def test_the_console_is_noindex_and_in_no_sitemap_search_index_or_reader_page(
    built_site, languages
):
    for language in languages:
        page = built_site / language["prefix"] / console.CONSOLE_DIR / "index.html"
        tree = lxml_html.fromstring(page.read_bytes())
        assert tree.xpath("//meta[@name='robots']")[0].get("content").startswith("noindex")
        assert not tree.xpath("//*[@data-pagefind-body]")
    assert "/agent/" not in (built_site / "sitemap.xml").read_text("utf-8")
    for index in built_site.rglob("pagefind*/**/*"):
        if index.is_file():
            assert b"/agent/" not in index.read_bytes(), index
    linking = [
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("*.html")
        if console.CONSOLE_DIR not in path.relative_to(built_site).parts
        and any(
            "/agent/" in (link.get("href") or "")
            for link in lxml_html.fromstring(path.read_bytes()).iter("a", "link")
        )
    ]
    assert linking == []


def test_the_console_index_holds_every_links_json_entry_with_its_snippet(built_site):
    catalog = json.loads((built_site / "links.json").read_text("utf-8"))
    folder = built_site / console.INDEX_DIR
    head = json.loads((folder / "index.json").read_text("utf-8"))
    site_url = head["site_url"]
    rows = []
    for block in range(0, head["rows"], head["block"]):
        rows += json.loads((folder / f"r{block // head['block']}.json").read_text("utf-8"))
    assert len(rows) == len(catalog["entries"])
    locales = [language["locale"] for language in head["languages"]]
    for entry, (key, short, server, headings, paths) in zip(catalog["entries"], rows, strict=True):
        assert (key, site_url + short) == (entry["key"], entry["short_link"])
        for index, locale in enumerate(locales):
            lines = [headings[index], *(head["settings"][locale][server] if server else [])]
            assert "\n".join([*lines, site_url + paths[index]]) == entry["snippet"][locale]
    # Every row is found under the prefix of each of its words.
    postings = {
        prefix: json.loads((folder / f"p{number}.json").read_text("utf-8"))
        for prefix, (number, _) in head["prefixes"].items()
    }
    numbers = {prefix: set(_sums(gaps)) for prefix, gaps in postings.items()}
    for number, row in enumerate(rows):
        for word in console.row_words(row):
            assert number in numbers[word[: console.PREFIX_LENGTH]], (row[0], word)


def _sums(gaps: list[int]) -> list[int]:
    total, out = 0, []
    for gap in gaps:
        total += gap
        out.append(total)
    return out


def test_two_builds_give_byte_identical_copies_llms_txt_and_console(built_site, build_copy):
    again = build_copy(lambda project: None)
    assert again.returncode == 0, again.output
    files = agent_files(built_site)
    assert files == agent_files(again.site)
    assert any(name.endswith("llms.txt") for name in files)
    for name in files:
        assert (again.site / name).read_bytes() == (built_site / name).read_bytes(), name
