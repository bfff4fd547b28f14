"""What search engines, link previews and the search box get from the built site: head tags
(canonical, absolute hreflang with x-default, description, Open Graph), one sitemap with every
language, robots.txt, one search index per language, and the footer's privacy line."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import yaml
from bs4 import BeautifulSoup

import page_head
import search
from helpcenter.datafiles import PROJECT_DIR
from helpcenter.labels import load_labels


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def front_matter(language: dict, path: str) -> dict:
    """The front matter of the source file of a page path in a language (suffix structure)."""
    stem = path.rstrip("/") or "index"
    name = f"{stem}.md" if language["default"] else f"{stem}.{language['locale']}.md"
    text = (PROJECT_DIR / "docs" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


def split_language(path: str, languages: list[dict]) -> tuple[dict, str]:
    """'<prefix>guides/iphone/' -> (the language with that prefix, 'guides/iphone/')."""
    language = max(
        (lang for lang in languages if path.startswith(lang["prefix"])),
        key=lambda lang: len(lang["prefix"]),
    )
    return language, path[len(language["prefix"]) :]


def test_every_page_has_its_canonical_url_and_absolute_hreflang_alternates_with_x_default(
    built_site, site_pages, languages, mkdocs_config
):
    site_url = mkdocs_config["site_url"]
    for path in site_pages:
        _, in_language = split_language(path, languages)
        head = page(built_site, path).head
        assert [link["href"] for link in head.select("link[rel=canonical]")] == [site_url + path]
        alternates = {
            link["hreflang"]: link["href"] for link in head.select("link[rel=alternate][hreflang]")
        }
        expected = {
            language["locale"]: site_url + language["prefix"] + in_language
            for language in languages
        }
        expected["x-default"] = expected[languages[0]["locale"]]
        assert alternates == expected, path


def test_every_page_describes_itself_for_search_engines_and_link_previews(
    built_site, site_pages, languages
):
    for path in site_pages:
        language, in_language = split_language(path, languages)
        meta = front_matter(language, in_language)
        head = page(built_site, path).head
        content = {
            tag.get("name") or tag.get("property"): tag["content"]
            for tag in head.select("meta[content]")
        }
        assert content["description"] == meta["description"], path
        assert content["og:description"] == meta["description"], path
        assert content["og:title"] == meta["title"], path
        assert content["og:url"] == head.select_one("link[rel=canonical]")["href"]
        assert content["og:type"] == ("website" if in_language == "" else "article")


def test_one_sitemap_lists_every_page_in_every_language_with_absolute_urls(
    built_site, site_pages, languages, mkdocs_config
):
    sources = [p.relative_to(PROJECT_DIR / "docs") for p in (PROJECT_DIR / "docs").rglob("*.md")]
    in_default = {
        re.sub(r"(^|/)index$", r"\1", str(p.with_suffix(""))).rstrip("/") + "/"
        for p in sources
        if len(p.suffixes) == 1
    }
    in_default = {"" if path == "/" else path for path in in_default}
    expected = {language["prefix"] + path for language in languages for path in in_default}
    assert set(site_pages) == expected
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == len(expected)
    assert all(
        href.startswith(mkdocs_config["site_url"])
        for href in re.findall(r'href="([^"]+)"', sitemap)
    )
    assert not list(built_site.glob("*/sitemap.xml")), "one sitemap, at the site root"


def test_robots_txt_allows_everything_and_names_the_sitemap(built_site, mkdocs_config):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert not [line for line in robots if line.startswith("Disallow:") and line != "Disallow:"]
    assert f"Sitemap: {mkdocs_config['site_url']}sitemap.xml" in robots


def test_each_language_has_its_own_search_index_and_a_page_view_fetches_only_its_settings(
    built_site, languages, site_pages
):
    for language in languages:
        settings = json.loads(
            (built_site / language["prefix"] / "search" / "search_index.json").read_text(
                encoding="utf-8"
            )
        )
        assert settings["docs"] == [], "the file every page view fetches holds no documents"
        assert settings["config"]["lang"] == [language["locale"]]
        assert settings["config"]["bundle"] == f"{language['prefix']}pagefind/"
        bundle = built_site / settings["config"]["bundle"]
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language["locale"]]
        pages = {url.lstrip("/") for url in search.bundle_pages(bundle)}
        own = {
            path[len(language["prefix"]) :]
            for path in site_pages
            if split_language(path, languages)[0] is language
        }
        assert pages == own, language["locale"]


def test_the_footer_says_in_each_language_what_the_site_does_with_a_visit(
    built_site, languages, site_pages
):
    labels = load_labels([language["locale"] for language in languages])
    for path in site_pages:
        language, _ = split_language(path, languages)
        footer = page(built_site, path).select_one(".md-copyright__privacy")
        assert (
            footer is not None
            and footer.get_text(strip=True) == labels[language["locale"]]["reader.privacy"]
        ), path


# Helpers of hooks/page_head.py


def test_only_the_article_of_each_page_is_marked_for_the_index(built_site, site_pages):
    """Search indexes the article, never the navigation, header or footer (overrides/main.html)."""
    for path in site_pages:
        marked = page(built_site, path).select("[data-pagefind-body]")
        assert [element.name for element in marked] == ["article"], path
        assert "md-content__inner" in marked[0]["class"], path


def test_hreflang_alternates_are_absolute_and_end_with_x_default():
    files = {"yy": SimpleNamespace(url="yy/guides/a/"), "xx": SimpleNamespace(url="guides/a/")}
    assert page_head.hreflang_alternates(files, "https://help.example.org/", ["xx", "yy"]) == [
        {"hreflang": "xx", "href": "https://help.example.org/guides/a/"},
        {"hreflang": "yy", "href": "https://help.example.org/yy/guides/a/"},
        {"hreflang": "x-default", "href": "https://help.example.org/guides/a/"},
    ]
    assert page_head.hreflang_alternates(files, None, ["xx", "yy"]) == [], (
        "no site_url: no absolute URLs to give"
    )
    assert (
        page_head.hreflang_alternates(
            {"xx": files["xx"]}, "https://help.example.org/", ["xx", "yy"]
        )
        == []
    )
