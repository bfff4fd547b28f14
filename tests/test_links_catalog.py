"""What a support agent copies and where a reader lands, over the built site: the link catalog
links.json (every page and section in every language, with a snippet to paste), copy buttons on
every heading and setting, the language switcher and a 404 page per language."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
import re

import pytest

from helpcenter.labels import load_labels
from helpcenter.mailsettings import SERVER_KEYS
from sitelinks import HEADINGS, article, heading_text, land, read


@pytest.fixture(scope="session")
def catalog(built_site) -> dict:
    return json.loads((built_site / "links.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def public_url(mkdocs_config) -> str:
    """site_url from mkdocs.yml: the address agents paste, not the test server's."""
    return mkdocs_config["site_url"]


@pytest.fixture(scope="session")
def labels(languages):
    return load_labels([language["locale"] for language in languages])


# --------------------------------------------------------------------------------------------
# The link catalog
# --------------------------------------------------------------------------------------------


def test_the_link_catalog_lists_every_page_and_section_in_every_language(
    catalog, pages, languages, public_url
):
    assert catalog["site_url"] == public_url
    assert [language["locale"] for language in catalog["languages"]] == [
        language["locale"] for language in languages
    ]
    entries = {(entry["page"], entry["anchor"]): entry for entry in catalog["entries"]}
    assert len(entries) == len(catalog["entries"]), "one entry per page and section"
    locales = {language["locale"] for language in languages}
    for entry in catalog["entries"]:
        assert set(entry) == {
            "key",
            "page",
            "anchor",
            "short_link",
            "short_links",
            "title",
            "url",
            "snippet",
            "translated",
        }
        for per_language in ("short_links", "title", "url", "snippet", "translated"):
            assert set(entry[per_language]) == locales, (
                f"{entry['key']}: {per_language} in every language"
            )
    for language in languages:
        listed = {entry["url"][language["locale"]] for entry in catalog["entries"]}
        for path, page in pages[language["locale"]].items():
            url = f"{public_url}{language['prefix']}{path}"
            assert url in listed, f"links.json lacks {url}"
            for heading in article(page).select(HEADINGS):
                assert f"{url}#{heading['id']}" in listed, f"links.json lacks {url}#{heading['id']}"


def test_every_catalog_entry_resolves_and_can_be_pasted(catalog, built_site, languages, public_url):
    for entry in catalog["entries"]:
        assert entry["key"] and entry["short_link"].startswith(f"{public_url}go/")
        for language in languages:
            locale = language["locale"]
            title, url, snippet = (
                entry["title"][locale],
                entry["url"][locale],
                entry["snippet"][locale],
            )
            page, why = land(built_site, "/" + url[len(public_url) :], locale)
            assert page is not None, f"{entry['key']} ({locale}): {why}"
            assert page.html["lang"] == locale
            if entry["anchor"]:
                assert heading_text(page.find(id=entry["anchor"])) == title
            else:
                assert page.title.string.startswith(title), "the page's title from its front matter"
            first, *_, last = snippet.splitlines()
            assert title in first and last == url, "a title line first, the address last"
            short, why = land(built_site, "/" + entry["short_link"][len(public_url) :], locale)
            assert short is page, f"{entry['short_link']}: {why}"
            fixed, why = land(
                built_site, "/" + entry["short_links"][locale][len(public_url) :], "xx"
            )
            assert fixed is page, f"{entry['short_links'][locale]}: {why}"


@pytest.mark.parametrize("server", SERVER_KEYS)
def test_settings_snippets_carry_the_values_from_the_data_file(
    catalog, mail_settings, labels, languages, server
):
    entry = next(entry for entry in catalog["entries"] if entry["anchor"] == f"{server}-settings")
    expected = mail_settings["servers"][server]
    for language in languages:
        words = labels[language["locale"]]
        snippet = entry["snippet"][language["locale"]]
        assert f"{words['table.host']}: {expected['host']}" in snippet
        assert f"{words['table.port']}: {expected['ports'][0]['port']}" in snippet
        assert (
            f"{words['table.security']}: {words['security.' + expected['ports'][0]['security']]}"
            in snippet
        )
        assert words["example_address"] in snippet


# --------------------------------------------------------------------------------------------
# Copy buttons and the language switcher
# --------------------------------------------------------------------------------------------


def test_every_heading_has_a_copy_link_button_with_its_absolute_address(
    pages, languages, labels, public_url
):
    for language in languages:
        words = labels[language["locale"]]
        for path, page in pages[language["locale"]].items():
            url = f"{public_url}{language['prefix']}{path}"
            for heading in article(page).select("h1[id], " + HEADINGS):
                button = heading.select_one("button.links-copy")
                assert button is not None, f"{url}: heading #{heading['id']} has no copy button"
                expected = url if heading.name == "h1" else f"{url}#{heading['id']}"
                assert button["data-clipboard-text"] == expected
                assert button["aria-label"] == words["links.copy_link"]
                assert button["data-copied"] == words["links.copied"]
                assert heading.select_one("a.headerlink")["href"] == f"#{heading['id']}", (
                    "Material's permalink stays"
                )


def test_every_host_and_port_is_one_unit_with_its_copy_button(pages, languages):
    """The value and its button share one element that does not wrap (links.css, .mail-value)."""
    values = 0
    for language in languages:
        for page in pages[language["locale"]].values():
            for code in article(page).select("code.mail-setting"):
                if not re.fullmatch(r"\w+\.(host|port|ports(\[\d+\])?)", str(code["data-setting"])):
                    continue
                button = code.find_next_sibling()
                assert button is not None and button.name == "button", (
                    f"{code['data-setting']} has no copy button"
                )
                assert (
                    code.parent.name == "span"
                    and code.parent["class"] == ["mail-value"]
                    and button.parent is code.parent
                )
                assert button["data-clipboard-text"] == code.get_text()
                values += 1
    assert values >= 2 * len(SERVER_KEYS) * len(languages)


def test_the_language_switcher_links_to_the_same_page_in_every_language(
    pages, languages, built_site
):
    for language in languages:
        for path, page in pages[language["locale"]].items():
            switcher = page.select("a.md-select__link[hreflang]")
            assert [a["hreflang"] for a in switcher] == [other["locale"] for other in languages]
            page_dir = built_site / language["prefix"] / path
            for link, other in zip(switcher, languages, strict=True):
                target = (page_dir / link["href"]).resolve()
                assert target == (built_site / other["prefix"] / path).resolve(), (
                    f"/{language['prefix']}{path} -> {link['href']}"
                )
                assert link["target"] == "_self", "Material's sitemap lookup stays off the link"


# --------------------------------------------------------------------------------------------
# 404 pages
# --------------------------------------------------------------------------------------------


def test_each_language_has_its_own_404_page(built_site, languages, labels):
    for language in languages:
        words = labels[language["locale"]]
        page = read(built_site / language["prefix"] / "404.html")
        assert page.html["lang"] == language["locale"]
        assert page.find("h1").get_text(strip=True) == words["links.not_found.title"]
        home = "/" + language["prefix"]
        search = page.select_one("form[role=search]")
        assert search["action"] == home and search.select_one("input[name=q]")
        assert page.find("a", string=words["links.not_found.overview"])["href"] == home
    root = read(built_site / "404.html")
    assert root.html["lang"] == languages[0]["locale"], (
        "the root 404.html is the default language's"
    )
    others = json.loads(root.find("script", id="links-not-found").get_text())["pages"]
    assert others == {
        f"/{language['prefix']}": f"/{language['prefix']}404.html" for language in languages
    }
