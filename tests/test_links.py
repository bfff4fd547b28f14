"""Links for support chat, over the built site: section ids the same in every language, every
published address still working, short links, the link catalog links.json, copy buttons, the
language switcher and a 404 page per language; and the editor's messages for data/links.yml."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import mail_data
from helpcenter import linkpages, templates
from helpcenter import shortlinks as links
from helpcenter.datafiles import DataError

PUBLISHED_FILE = mail_data.PROJECT_DIR / "data" / "published-links.txt"
HEADINGS = "h2[id], h3[id], h4[id], h5[id], h6[id]"


# --------------------------------------------------------------------------------------------
# Reading the built site
# --------------------------------------------------------------------------------------------


@cache
def read(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def html_file(site: Path, path: str) -> Path:
    """`/guides/iphone/` -> site/guides/iphone/index.html."""
    path = path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def heading_text(heading) -> str:
    """A heading as a reader reads it, without Material's ¶ permalink."""
    words = [
        text
        for text in heading.find_all(string=True)
        if not text.find_parent("a", class_="headerlink")
    ]
    return " ".join("".join(words).split())


def built_pages(site: Path, languages: list[dict]) -> dict[str, dict[str, BeautifulSoup]]:
    """{locale: {path without the language prefix: page}} for every Material page built."""
    found = {language["locale"]: {} for language in languages}
    prefixes = {language["locale"]: language["prefix"] for language in languages}
    for file in sorted(site.rglob("index.html")):
        soup = read(file)
        if article(soup) is None:
            continue
        locale = soup.html["lang"]
        path = file.parent.relative_to(site).as_posix() + "/"
        path = "" if path == "./" else path
        found[locale][path[len(prefixes[locale]) :]] = soup
    return found


def land(site: Path, address: str, browser_locale: str) -> tuple[BeautifulSoup | None, str]:
    """Where a reader ends up: follows short-link and redirect pages (their JSON is what their
    script reads) and old ids of moved sections. Returns (page or None, why not)."""
    path, _, anchor = address.partition("#")
    for _ in range(5):
        file = html_file(site, path)
        if not file.exists():
            return None, f"no file {file.relative_to(site)}"
        soup = read(file)
        redirect = soup.find("script", id="links-redirect")
        if redirect is not None:
            data = json.loads(redirect.get_text())
            target = (
                data["moved"].get(anchor)
                or data["targets"].get(browser_locale)
                or data["targets"][data["fallback"]]
            )
            if anchor and anchor not in data["moved"]:
                target = target.split("#")[0] + "#" + anchor
            path, _, anchor = target.partition("#")
            continue
        element = soup.find(id=anchor) if anchor else soup
        if element is None:
            return None, f"{file.relative_to(site)} has no id {anchor!r}"
        if element is not soup and element.get("data-links-moved-to"):
            path, _, anchor = str(element["data-links-moved-to"]).partition("#")
            continue
        return soup, ""
    return None, "more than 5 redirects"


def published_addresses() -> list[str]:
    lines = PUBLISHED_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def localized(address: str, language: dict) -> str:
    """A published address under a language's prefix; short links have none."""
    return address if address.startswith("/go/") else "/" + language["prefix"] + address.lstrip("/")


@pytest.fixture(scope="session")
def pages(built_site, languages):
    return built_pages(built_site, languages)


@pytest.fixture(scope="session")
def catalog(built_site) -> dict:
    return json.loads((built_site / "links.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def public_url(mkdocs_config) -> str:
    """site_url from mkdocs.yml: the address agents paste, not the test server's."""
    return mkdocs_config["site_url"]


@pytest.fixture(scope="session")
def links_data(languages):
    return links.load_links(
        mail_data.PROJECT_DIR / "data" / "links.yml", [language["locale"] for language in languages]
    )


@pytest.fixture(scope="session")
def labels(languages):
    return mail_data.load_labels([language["locale"] for language in languages])


# --------------------------------------------------------------------------------------------
# Section ids and published addresses
# --------------------------------------------------------------------------------------------


def test_every_page_has_the_same_heading_ids_in_every_language(pages, languages):
    default = languages[0]["locale"]
    assert len(pages[default]) >= 3
    for language in languages[1:]:
        assert set(pages[language["locale"]]) == set(pages[default]), (
            "the same pages in every language"
        )
        for path, page in pages[default].items():
            expected = [h["id"] for h in article(page).select(HEADINGS)]
            found = [h["id"] for h in article(pages[language["locale"]][path]).select(HEADINGS)]
            assert found == expected, (
                f"/{path}: the headings' ids differ between {default} and {language['locale']}; give each "
                f"heading the same {{#id}} in both files"
            )


def test_every_published_address_still_leads_to_its_page_and_section(built_site, languages):
    addresses = published_addresses()
    assert (
        "/" in addresses
        and any("#" in a for a in addresses)
        and any(a.startswith("/go/") for a in addresses)
    )
    broken = []
    for address in addresses:
        for language in languages:
            page, why = land(built_site, localized(address, language), language["locale"])
            if page is None:
                broken.append(f"{localized(address, language)}: {why}")
    assert not broken, (
        "published addresses that no longer work (keep the heading id, or add a redirect in "
        "data/links.yml; see README.md, 'Links for support'):\n" + "\n".join(broken)
    )


def test_every_page_and_section_built_is_in_the_published_list(pages, languages):
    published = set(published_addresses())
    for path, page in pages[languages[0]["locale"]].items():
        for address in [f"/{path}"] + [
            f"/{path}#{h['id']}" for h in article(page).select(HEADINGS)
        ]:
            assert address in published, (
                f"{address} is new: run `python -m tools.published_links` after `make build`"
            )


# --------------------------------------------------------------------------------------------
# Short links
# --------------------------------------------------------------------------------------------


def short_link_targets(site: Path, key: str) -> dict:
    """What /go/KEY/ offers: {"targets": {locale: address}, "fallback": locale, "moved": {}}."""
    return json.loads(
        read(site / "go" / key / "index.html").find("script", id="links-redirect").get_text()
    )


def test_every_page_has_a_short_link(built_site, links_data, pages, languages):
    default = languages[0]
    reached = {
        short_link_targets(built_site, key)["targets"][default["locale"]]
        for key, target in links_data.short_links.items()
        if target.anchor is None
    }
    for path in pages[default["locale"]]:
        assert f"/{default['prefix']}{path}" in reached, (
            f"/{path} has no short link in data/links.yml"
        )


def test_each_short_link_offers_its_page_and_section_in_every_language(
    built_site, links_data, languages, pages
):
    assert links_data.fallback_language in [language["locale"] for language in languages]
    for key, target in links_data.short_links.items():
        go = read(built_site / "go" / key / "index.html")
        data = short_link_targets(built_site, key)
        assert data["fallback"] == links_data.fallback_language
        offered = {a["hreflang"]: a["href"] for a in go.select("a.links-target")}
        assert offered == data["targets"], (
            f"/go/{key}/: without JavaScript the same links as with it"
        )
        assert go.html["lang"] == languages[0]["locale"], (
            "the page's default is the default language"
        )
        for language in languages:
            page, why = land(built_site, f"/go/{key}/", language["locale"])
            assert page is not None, f"/go/{key}/ ({language['locale']}): {why}"
            assert page.html["lang"] == language["locale"]
            if target.anchor:
                assert data["targets"][language["locale"]].endswith(f"#{target.anchor}")
            fixed = read(built_site / "go" / key / language["locale"] / "index.html")
            assert json.loads(fixed.find("script", id="links-redirect").get_text())["targets"] == {
                language["locale"]: data["targets"][language["locale"]]
            }, f"/go/{key}/{language['locale']}/ always opens the {language['locale']} page"


def test_a_browser_language_the_site_lacks_gets_the_fallback_language(built_site, links_data):
    page, _ = land(built_site, "/go/iphone/#step-3", "xx")
    assert page.html["lang"] == links_data.fallback_language


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


@pytest.mark.parametrize("server", mail_data.SERVER_KEYS)
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
    assert values >= 2 * len(mail_data.SERVER_KEYS) * len(languages)


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


# --------------------------------------------------------------------------------------------
# Renaming, and the editor's mistakes
# --------------------------------------------------------------------------------------------


def test_a_renamed_page_and_heading_keep_every_published_address(build_copy, languages):
    def rename(project: Path):
        docs = project / "docs"
        for file in docs.rglob("*.md"):
            file.write_text(
                file.read_text(encoding="utf-8").replace("gmail.md", "gmail-app.md"),
                encoding="utf-8",
            )
        for file in (docs / "guides").glob("gmail.*md"):
            text = file.read_text(encoding="utf-8").replace("{#step-2}", "{#add-account}")
            (docs / "guides" / file.name.replace("gmail", "gmail-app")).write_text(
                text, encoding="utf-8"
            )
            file.unlink()
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("guides/gmail.md", "guides/gmail-app.md"),
            encoding="utf-8",
        )
        data = project / "data" / "links.yml"
        text = data.read_text(encoding="utf-8").replace(
            "gmail: guides/gmail.md", "gmail: guides/gmail-app.md"
        )
        assert "\nredirects:\n" in text
        text = text.replace(
            "\nredirects:\n",
            "\nredirects:\n  guides/gmail.md: guides/gmail-app.md\n"
            "  guides/gmail-app.md#step-2: guides/gmail-app.md#add-account\n"
            "  guides/gmail.md#step-3: guides/gmail-app.md#troubleshooting\n",
        )
        data.write_text(text, encoding="utf-8")

    build = build_copy(rename)
    assert build.returncode == 0, build.output
    for language in languages:
        old = read(build.site / language["prefix"] / "guides" / "gmail" / "index.html")
        assert old.select_one("a.links-target")["href"] == f"/{language['prefix']}guides/gmail-app/"
        page, why = land(
            build.site, f"/{language['prefix']}guides/gmail/#step-2", language["locale"]
        )
        assert page is not None and page.find(id="step-2").find_next("h2")["id"] == "add-account", (
            why
        )
        moved = json.loads(old.find("script", id="links-redirect").get_text())["moved"]
        assert moved == {"step-3": f"/{language['prefix']}guides/gmail-app/#troubleshooting"}
    for address in published_addresses():
        for language in languages:
            page, why = land(build.site, localized(address, language), language["locale"])
            assert page is not None, f"{localized(address, language)} after the rename: {why}"


def test_an_old_id_stays_before_its_renamed_heading_or_sends_the_reader_on():
    page = '<p>x</p><h2 id="new-id">New</h2><h2 id="other">Other</h2>'
    redirects = {
        links.Target("a.md", "old-id"): links.Target("a.md", "new-id"),
        links.Target("a.md", "gone"): links.Target("b.md", "there"),
        links.Target("b.md", "elsewhere"): links.Target("a.md", "other"),
    }
    template = templates.environment(mail_data.PROJECT_DIR / "overrides" / "partials").get_template(
        "links/old-id.html"
    )
    result = BeautifulSoup(
        linkpages.add_old_ids(page, "a.md", redirects, lambda target: f"/{target}", template),
        "lxml",
    )
    assert result.find(id="old-id").find_next("h2")["id"] == "new-id"
    assert result.find(id="gone")["data-links-moved-to"] == "/b.md#there"
    assert result.find(id="elsewhere") is None


def write_links(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "links.yml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


GOOD = """fallback_language: {fallback}
short_links:
  overview: index.md
  iphone: guides/iphone.md
  smtp: index.md#smtp-settings
redirects:
  guides/old.md: guides/iphone.md
"""
PAGES = {"index.md": "", "guides/iphone.md": "guides/iphone/"}


@pytest.fixture
def locales(languages) -> list[str]:
    return [language["locale"] for language in languages]


def good(locales: list[str]) -> str:
    return GOOD.format(fallback=locales[-1])


def test_a_good_links_file_loads(tmp_path, locales):
    data = links.load_links(write_links(tmp_path, good(locales)), locales)
    assert data.short_links["smtp"] == links.Target("index.md", "smtp-settings")
    assert data.fallback_language == locales[-1]
    assert links.check_pages(data, PAGES) == []


@pytest.mark.parametrize(
    "bad, fragment, message",
    [
        (
            "  iphone: guides/iphone.md",
            "  iPhone: guides/iphone.md",
            "short_links.iPhone: a short link key is lowercase letters and digits joined by '-'",
        ),
        (
            "  smtp: index.md#smtp-settings",
            "  smtp: index#smtp",
            "short_links.smtp: expected a page in docs/ and maybe a heading id, like guides/iphone.md",
        ),
        (
            "fallback_language: {fallback}",
            "fallback_language: xx",
            "fallback_language: expected one of the site's languages ({languages}), got 'xx'",
        ),
        ("redirects:", "redirect:", "redirect: unknown key 'redirect'; did you mean 'redirects'?"),
    ],
)
def test_a_malformed_links_file_gets_one_clear_line(tmp_path, locales, bad, fragment, message):
    text = GOOD.replace(bad, fragment).format(fallback=locales[-1])
    with pytest.raises(DataError) as error:
        links.load_links(write_links(tmp_path, text), locales)
    expected = message.format(languages=", ".join(locales))
    assert f"links.yml:{line_of(text, fragment)}: {expected}" in str(error.value)


@pytest.mark.parametrize(
    "bad, fragment, message",
    [
        (
            "  iphone: guides/iphone.md",
            "  iphone: guides/iphon.md",
            "short_links.iphone: no page docs/guides/iphon.md; did you mean 'guides/iphone.md'?",
        ),
        (
            "  guides/old.md: guides/iphone.md",
            "  index.md: guides/iphone.md",
            "redirects.index.md: docs/index.md is a page; a redirect would hide it",
        ),
        (
            "  overview: index.md\n",
            "",
            "short_links: the page docs/index.md has no short link; add a line such as 'overview: index.md'",
        ),
    ],
)
def test_a_link_to_a_page_that_does_not_exist_gets_one_clear_line(
    tmp_path, locales, bad, fragment, message
):
    text = good(locales).replace(bad, fragment)
    data = links.load_links(write_links(tmp_path, text), locales)
    problems = [problem for _, problem in links.check_pages(data, PAGES)]
    assert any(message in problem for problem in problems), problems


def test_a_short_link_to_a_heading_id_that_does_not_exist_stops_the_build(build_copy):
    def edit(project: Path):
        data = project / "data" / "links.yml"
        data.write_text(
            data.read_text(encoding="utf-8").replace(
                "index.md#smtp-settings", "index.md#smtp-setings"
            ),
            encoding="utf-8",
        )

    build = build_copy(edit)
    assert build.returncode != 0
    text = (build.project / "data" / "links.yml").read_text(encoding="utf-8")
    assert (
        f"data/links.yml:{line_of(text, 'smtp-setings')}: short_links.smtp: docs/index.md has no heading "
        "{#smtp-setings} in " in build.output
    )
    assert "did you mean 'smtp-settings'?" in build.output
    assert "Traceback" not in build.output
