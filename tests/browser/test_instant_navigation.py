"""With Material's instant navigation (`navigation.instant`, off on this site today) a click swaps
the page's content without loading a page. The reader's scripts set each page up on Material's
`document$` (docs/assets/javascripts/reader.js, links.js, thunderbird-qr.js), so turning the
feature on must keep every reader feature working on pages reached that way: this builds the
site (the default language) with it on and clicks from page to page in Chromium."""

from __future__ import annotations

import re

import pytest
from test_reader_address import ADDRESS, examples, type_address
from test_reader_device import IPHONE

from sitebuild import copy_project, run_build

pytestmark = pytest.mark.browser

FEATURE_BEFORE = "    - navigation.top\n"
RECONFIGURE = "reconfigure_material: true"


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory, serve_directory, languages):
    """The site with the feature on, served at the address its site_url names: Material follows
    only links its sitemap lists, and matches them by scheme and host (not port) to site_url's."""
    root = tmp_path_factory.mktemp("instant-navigation")
    project = copy_project(root / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert FEATURE_BEFORE in text, "mkdocs.yml lists no navigation.top: update the test"
    assert RECONFIGURE in text, "mkdocs.yml has no reconfigure_material: update the test"
    text = text.replace(FEATURE_BEFORE, FEATURE_BEFORE + "    - navigation.instant\n", 1)
    # static-i18n refuses instant navigation beside its language switcher (a strict build's
    # warning): one language is built here, so it has nothing to switch.
    text = text.replace(RECONFIGURE, "reconfigure_material: false", 1)
    site = root / "site"
    site.mkdir()
    with serve_directory(site) as url:
        config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {url}", text), encoding="utf-8")
        build = run_build(project, site, env={"HELP_LANGUAGE": languages[0]["locale"]})
        assert build.returncode == 0, (
            f"the site with instant navigation does not build:\n{build.output}"
        )
        yield url


def wait_until_set_up(page, path: str) -> None:
    """The page at `path` is shown and reader.js has set it up (html[data-reader-ready])."""
    page.wait_for_function(
        "path => location.pathname === '/' + path && 'readerReady' in document.documentElement.dataset",
        arg=path,
    )


def click(page, link, path: str) -> None:
    """Click `link` as a reader does and wait for the page at `path` to be set up."""
    page.evaluate("delete document.documentElement.dataset.readerReady")
    link.click()
    wait_until_set_up(page, path)


def guide_link(page, name: str):
    return page.locator(f".md-sidebar--primary a[href$='/{name}/']").first


def test_the_readers_features_work_after_an_instant_page_change(new_page, instant_url):
    page = new_page(locale="sv-SE", user_agent=IPHONE)
    page.goto(instant_url + "guides/iphone/")
    wait_until_set_up(page, "guides/iphone/")
    type_address(page, ADDRESS)
    page.evaluate("window.sameDocument = true")  # gone if a page is loaded instead

    click(page, guide_link(page, "thunderbird"), "guides/thunderbird/")
    assert page.evaluate("window.sameDocument") is True, "the click loaded a page"
    assert set(examples(page)) == {ADDRESS}, "the address is not in the new page's steps"
    assert page.locator("article .reader-address").count() == 1
    assert page.locator("article .reader-address").is_visible()
    assert page.locator(".reader-address__input").input_value() == ADDRESS

    copy = page.locator("article .links-copy").first
    copy.click()
    assert copy.get_attribute("data-state") == "copied"

    click(page, guide_link(page, "thunderbird-android"), "guides/thunderbird-android/")
    assert page.evaluate("window.sameDocument") is True
    qr = page.locator(".reader-setup-qr")
    assert qr.count() == 1 and qr.get_attribute("data-set-up") == "", "the QR block is not set up"
    assert qr.locator(".reader-setup-qr__address").input_value() == ADDRESS

    click(page, page.locator(".md-header a.md-logo"), "")
    assert page.evaluate("window.sameDocument") is True
    suggested = page.locator(".reader-guides__tile--suggested")
    assert suggested.count() == 1 and suggested.get_attribute("data-guide") == "iphone"
