"""Short links for support chat, over the built site: every page has one, and /go/KEY/ offers
its page and section in every language (the reader's, or the fallback language); and the
editor's messages for data/links.yml, one clear line each."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcenter import shortlinks as links
from helpcenter.datafiles import PROJECT_DIR, DataError
from sitelinks import land, read


@pytest.fixture(scope="session")
def links_data(languages):
    return links.load_links(
        PROJECT_DIR / "data" / "links.yml", [language["locale"] for language in languages]
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
# The editor's mistakes in data/links.yml
# --------------------------------------------------------------------------------------------


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
