"""QR codes from the computer to the phone in Chromium (issue 16, part 2): on a wide screen each
phone guide shows a code that decodes (zxing-cpp, from a screenshot of the code as Chromium
draws it) to the page's own absolute address in the same language, and the profile's download
section a code to that section; at phone width and in print the codes are hidden; their words
stay out of the search index."""

from __future__ import annotations

import pytest
from qrdecode import decode

# Page -> the part of it the code opens ("" = the page itself). mkdocs.yml extra.qr_guides and
# every page with a download button (hooks/qr_codes.py).
CODES = {
    "guides/android/": "",
    "guides/gmail/": "",
    "guides/outlook-mobile/": "",
    "guides/iphone/": "#profile",
    "guides/apple-mail/": "#profile",
}
# Thunderbird for Android is a phone guide, but its one code is the set-up code the app scans
# (<!-- settings:thunderbird-qr -->): a second code that opens the page would be scanned by mistake.
NO_CODE = ("", "guides/thunderbird/", "guides/new-outlook/", "guides/thunderbird-android/", "card/")


@pytest.fixture(scope="module")
def public_url(mkdocs_config) -> str:
    return mkdocs_config["site_url"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_code_opens_its_page_in_the_same_language(
    new_page, site_url, languages, public_url, scheme
):
    for language in languages:
        page = new_page(viewport=(1280, 900), color_scheme=scheme)
        for path, section in CODES.items():
            page.goto(site_url + language["prefix"] + path)
            expected = public_url + language["prefix"] + path + section
            codes = page.locator("figure.reader-qr")
            assert codes.count() == 1, f"{path}: one code a page"
            assert codes.first.is_visible()
            assert decode(page, codes.first.locator("svg").screenshot()) == [expected]
            assert codes.first.locator(".reader-qr__url").inner_text() == expected
            assert expected in codes.first.locator("svg").get_attribute("aria-label")
            assert codes.first.locator("svg").get_attribute("role") == "img"


@pytest.mark.browser
def test_the_other_pages_have_no_code(new_page, site_url, languages):
    page = new_page(viewport=(1280, 900))
    for language in languages:
        for path in NO_CODE:
            page.goto(site_url + language["prefix"] + path)
            assert page.locator("figure.reader-qr, .reader-qr__code").count() == 0, path


@pytest.mark.browser
def test_the_codes_are_hidden_on_a_phone_and_in_print(new_page, site_url, languages):
    for language in languages:
        phone = new_page(viewport=(390, 844), device_scale_factor=2, is_mobile=True, has_touch=True)
        desktop = new_page(viewport=(1280, 900))
        for path in CODES:
            phone.goto(site_url + language["prefix"] + path)
            assert phone.locator("figure.reader-qr").count() == 1
            assert phone.locator("figure.reader-qr").is_hidden(), f"{path} at 390 px"
            desktop.goto(site_url + language["prefix"] + path)
            assert desktop.locator("figure.reader-qr").is_visible()
            desktop.emulate_media(media="print")
            assert desktop.locator("figure.reader-qr").is_hidden(), f"{path} in print"
            desktop.emulate_media(media="screen")


def test_the_codes_words_stay_out_of_the_search_index(built_site, languages):
    """The figure carries data-pagefind-ignore: Pagefind's index of each language (its fragments,
    gzip JSON) has the profile's download button but none of the codes' words."""
    import gzip

    from helpcenter.labels import load_labels

    labels = load_labels([language["locale"] for language in languages])
    for language in languages:
        words = labels[language["locale"]]
        fragments = list((built_site / language["prefix"] / "pagefind").rglob("*.pf_fragment"))
        assert fragments, f"no Pagefind index for {language['locale']}"
        indexed = b"".join(gzip.decompress(path.read_bytes()) for path in fragments).decode()
        assert words["profile.download"] in indexed, "the guides' own words are indexed"
        for key in ("reader.qr.page", "reader.qr.profile"):
            assert words[key][:25] not in indexed, key


def test_a_phone_guides_code_comes_right_under_the_line_under_its_title(built_site, languages):
    """A guide with a download section has its code there, after the section's heading."""
    from bs4 import BeautifulSoup

    for language in languages:
        for path, section in CODES.items():
            html = (built_site / language["prefix"] / path / "index.html").read_text("utf-8")
            figure = BeautifulSoup(html, "lxml").select_one("figure.reader-qr")
            assert figure is not None, path
            before = figure.find_previous_sibling()
            if section:
                assert before.name == "h2" and before["id"] == section[1:], path
            else:
                assert before.name == "p" and "frame-checked" in before["class"], path
                assert before.find_previous_sibling().name == "h1", path
