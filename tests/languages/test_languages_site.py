"""Adding a language is configuration plus translations (issue 10; LANGUAGES.md): the
built site with a third language, read like a reader, a search engine and a support agent's tools
would.

A third language from tests/fixtures/language (German, partial: a few pages; not shipped) is added
to a copy of the project the way CONTRIBUTING.md says, and the copy is built once per session
(`third_language_site` in conftest.py; tests/thirdlanguage.py names its pages)."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
import plistlib
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config

import search
from helpcenter.labels import Labels, load_labels
from sitebuild import PROJECT_DIR
from thirdlanguage import (
    ENTRY,
    FIXTURE_PAGES,
    LOCALE,
    PREFIX,
    TRANSLATED,
    page_key,
    url_path,
)
from tools.checks.pages import is_complete, site_languages

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def html(site: Path, path: str) -> BeautifulSoup:
    name = path if path.endswith(".html") else f"{path}index.html"
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "lxml")


def heading(page: BeautifulSoup) -> str:
    """The page's h1 as a reader sees it (without the permalink and copy button)."""
    h1 = page.select_one("article h1")
    for extra in h1.select("a.headerlink, button"):
        extra.decompose()
    return h1.get_text(strip=True)


@pytest.fixture(scope="module")
def site(third_language_site) -> Path:
    return third_language_site.site


@pytest.fixture(scope="module")
def labels(project, languages) -> dict[str, Labels]:
    return load_labels([language.locale for language in languages], project / "data" / "labels.yml")


@pytest.fixture(scope="module")
def site_url(project) -> str:
    return load_config(config_file=str(project / "mkdocs.yml")).site_url or ""


# --------------------------------------------------------------------------------------------
# The build and the pages
# --------------------------------------------------------------------------------------------


def test_the_fixture_is_a_partial_third_language_and_the_shipped_languages_stay_complete(languages):
    assert LOCALE not in {language.locale for language in site_languages(PROJECT_DIR)}, (
        "the fixture is not shipped"
    )
    assert [language.locale for language in languages][-1] == LOCALE
    assert TRANSLATED and "" in TRANSLATED, (
        "the fixture translates the overview and a few more pages"
    )
    assert {language.locale: is_complete(language) for language in languages} == {
        **{language.locale: True for language in site_languages(PROJECT_DIR)},
        LOCALE: False,
    }


def test_the_site_with_a_third_language_builds_strictly_without_a_warning(third_language_site):
    assert third_language_site.returncode == 0
    assert not re.findall(r"^(WARNING|ERROR)\b.*$", third_language_site.output, re.M)


def test_the_language_has_every_page_under_its_own_prefix(site, all_pages, untranslated):
    for path in all_pages:
        page = html(site, PREFIX + path)
        assert page.html["lang"] == LOCALE, path
    assert len(untranslated) >= 2, "the fixture leaves pages untranslated"
    assert (
        html(site, PREFIX).select_one(".md-header__topic").get_text(strip=True)
        == ENTRY["site_name"]
    )


def test_a_translated_page_shows_its_translation_without_a_banner(site):
    for translation in FIXTURE_PAGES:
        page = html(site, PREFIX + url_path(page_key(translation)))
        assert heading(page) == front_matter(translation)["title"]
        assert page.select(".translation-fallback") == [], translation.name


def test_an_untranslated_page_is_the_default_languages_text_under_a_banner_in_the_readers_language(
    site, languages, labels, untranslated
):
    default = languages[0]
    sentence = labels[LOCALE]["languages.not_translated"].replace("{language}", default.name)
    for path in untranslated:
        page = html(site, PREFIX + path)
        banner = page.select(".translation-fallback")
        assert len(banner) == 1, path
        assert banner[0].get_text(strip=True) == sentence
        assert banner[0]["lang"] == LOCALE and banner[0]["role"] == "note"
        text = banner[0].find_next_sibling("div")
        assert text["lang"] == default.locale, "the text below is marked as the default language"
        assert heading(page) == heading(html(site, path)), path
        assert html(site, path).select(".translation-fallback") == [], (
            "the default language's page has none"
        )


def test_no_page_of_a_complete_language_has_a_banner(built_site, site_pages):
    for path in site_pages:
        assert html(built_site, path).select(".translation-fallback") == [], path


# --------------------------------------------------------------------------------------------
# Search engines, search, links
# --------------------------------------------------------------------------------------------


def test_search_engines_are_told_only_about_real_translations(
    site, site_url, languages, all_pages, untranslated
):
    default = languages[0]
    for path in untranslated:
        head = html(site, PREFIX + path).head
        assert [link["href"] for link in head.select("link[rel=canonical]")] == [site_url + path], (
            "canonical: the page whose text it shows"
        )
        assert head.select("link[rel=alternate][hreflang]") == [], (
            f"a fallback page names no translations: {path}"
        )
        assert head.select_one("meta[property='og:url']")["content"] == site_url + path
        original = {
            str(link["hreflang"])
            for link in html(site, path).head.select("link[rel=alternate][hreflang]")
        }
        assert LOCALE not in original and default.locale in original, path
    for path in TRANSLATED:
        for language in languages:
            alternates = {
                link["hreflang"]: link["href"]
                for link in html(site, language.prefix + path).head.select(
                    "link[rel=alternate][hreflang]"
                )
            }
            assert alternates[LOCALE] == site_url + PREFIX + path, (language.locale, path)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(url for url in listed if url.startswith(site_url + PREFIX)) == sorted(
        site_url + PREFIX + path for path in TRANSLATED
    )
    assert len(listed) == len(all_pages) * (len(languages) - 1) + len(TRANSLATED)
    named = set(re.findall(rf'hreflang="{LOCALE}" href="([^"]+)"', sitemap))
    assert named == {site_url + PREFIX + path for path in TRANSLATED}


def test_its_search_index_holds_its_own_pages_and_no_other_languages(
    site, labels, all_pages, languages
):
    settings = json.loads(
        (site / PREFIX / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    assert settings["docs"] == [] and settings["config"]["lang"] == [LOCALE]
    assert settings["config"]["bundle"] == f"{PREFIX}pagefind/"
    index = search.bundle_pages(site / PREFIX / "pagefind")
    # Its own pages, untranslated ones too: the reader's navigation lists them (README, "Languages").
    assert {url.lstrip("/") for url in index} == set(all_pages)
    overview_title = heading(html(site, PREFIX))
    assert index["/"]["meta"]["title"] == overview_title
    for language in languages:
        if language.locale == LOCALE:
            continue
        other = search.bundle_pages(site / language.prefix / "pagefind")
        assert overview_title not in json.dumps(other, ensure_ascii=False), (
            f"the {language.locale} index holds no {LOCALE} text"
        )
        assert not [url for url in other if url.startswith(f"/{PREFIX}")]


def test_its_404_page_is_in_its_language_and_the_root_404_sends_its_readers_there(site, labels):
    page = html(site, f"{PREFIX}404.html")
    assert page.html["lang"] == LOCALE
    assert (
        page.select_one("article h1").get_text(strip=True)
        == labels[LOCALE]["links.not_found.title"]
    )
    assert page.select_one("form[role=search]")["action"] == f"/{PREFIX}"
    root = json.loads(html(site, "404.html").select_one("#links-not-found").get_text())
    assert root["pages"][f"/{PREFIX}"] == f"/{PREFIX}404.html"


def test_links_json_lists_it_with_a_translated_flag_per_entry(site, site_url, languages, all_pages):
    catalog = json.loads((site / "links.json").read_text(encoding="utf-8"))
    assert {
        "locale": LOCALE,
        "name": ENTRY["name"],
        "default": False,
        "url": site_url + PREFIX,
    } in catalog["languages"]
    for entry in catalog["entries"]:
        path = url_path(entry["page"])
        assert entry["translated"][LOCALE] is (path in TRANSLATED), entry["key"]
        assert all(
            entry["translated"][language.locale]
            for language in languages
            if language.locale != LOCALE
        )
        assert entry["url"][LOCALE] == site_url + PREFIX + path + (
            f"#{entry['anchor']}" if entry["anchor"] else ""
        )
        assert entry["short_links"][LOCALE].endswith(
            f"/{LOCALE}/" + (f"#{entry['anchor']}" if "#" in entry["key"] else "")
        )
    assert {url_path(entry["page"]) for entry in catalog["entries"]} == set(all_pages)


def test_a_short_link_picks_it_where_it_has_the_page_and_else_the_next_language(
    site, project, languages
):
    links = yaml.safe_load((project / "data" / "links.yml").read_text(encoding="utf-8"))
    for key, target in links["short_links"].items():
        page, _, anchor = target.partition("#")
        path, href = url_path(page), f"/{PREFIX}{url_path(page)}" + (f"#{anchor}" if anchor else "")
        data = json.loads(html(site, f"go/{key}/").select_one("#links-redirect").get_text())
        assert (LOCALE in data["targets"]) is (path in TRANSLATED), key
        if path in TRANSLATED:
            assert data["targets"][LOCALE] == href
        assert data["fallback"] in data["targets"]
        fixed = json.loads(
            html(site, f"go/{key}/{LOCALE}/").select_one("#links-redirect").get_text()
        )
        assert fixed["targets"] == {LOCALE: href}, "an agent who picks the language gets it"
    assert {language.locale for language in languages} <= set(
        json.loads(html(site, "go/overview/").select_one("#links-redirect").get_text())["targets"]
    )


def test_its_apple_profile_speaks_its_language(site, labels, mail_settings):
    profile = plistlib.loads((site / PREFIX / "profiles" / "email.mobileconfig").read_bytes())
    provider = mail_settings["provider"]["name"]
    assert profile["PayloadDisplayName"] == labels[LOCALE]["profile.name"].replace(
        "{provider}", provider
    )
    assert profile["PayloadDescription"] == labels[LOCALE]["profile.description"].replace(
        "{provider}", provider
    )
    assert (
        profile["PayloadContent"][0]["IncomingMailServerHostName"]
        == mail_settings["servers"]["imap"]["host"]
    )


def test_its_settings_tables_use_its_labels(site, labels, mail_settings):
    words = labels[LOCALE]
    tables = html(site, PREFIX).select("article table")
    assert len(tables) == 3
    for table in tables:
        assert [cell.get_text(strip=True) for cell in table.select("thead th")] == [
            words["table.setting"],
            words["table.value"],
        ]
        rows = [row.select_one("td").get_text(strip=True) for row in table.select("tbody tr")]
        assert (
            words["table.host"] in rows
            and words["table.security"] in rows
            and words["table.authentication"] in rows
        )
    text = tables[0].get_text(" ", strip=True)
    assert mail_settings["servers"]["imap"]["host"] in text
    assert words[f"authentication.{mail_settings['servers']['imap']['authentication']}"] in text
