"""Layout in Chromium: on a phone (390 x 844) no page is wider than the screen, tables scroll
inside their own box, text reads without zooming and copy buttons are big enough to tap; in
print, an article comes without the site around it and with its tables whole."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = (390, 844)

# Elements that reach past the right edge of the screen, outside any box that scrolls sideways.
SIDEWAYS = """() => {
    const width = document.documentElement.clientWidth
    const inScrollBox = element => {
        for (let parent = element.parentElement; parent; parent = parent.parentElement)
            if (["auto", "scroll"].includes(getComputedStyle(parent).overflowX)) return true
        return false
    }
    return [...document.querySelectorAll("body *")]
        .filter(element => {
            const box = element.getBoundingClientRect()
            const style = getComputedStyle(element)
            return box.width > 0 && box.right > width + 1 && style.visibility !== "hidden"
                && !element.closest("[hidden], .md-sidebar, .md-search, .md-select__inner") && !inScrollBox(element)
        })
        .map(element => element.tagName.toLowerCase() + (element.className ? "." + element.className : ""))
}"""

# Each table: fits its box, or its box scrolls sideways and stays on the screen.
TABLES = """() => [...document.querySelectorAll("article table")].map(table => {
    const box = table.closest(".md-typeset__scrollwrap") || table.parentElement
    return {
        fits: table.getBoundingClientRect().width <= box.clientWidth + 1,
        scrolls: ["auto", "scroll"].includes(getComputedStyle(box).overflowX),
        onScreen: box.getBoundingClientRect().right <= document.documentElement.clientWidth + 1,
        cell: parseFloat(getComputedStyle(table.querySelector("td, th")).fontSize),
    }
})"""


def test_on_a_phone_no_page_is_wider_than_the_screen_and_tables_scroll_inside_themselves(new_page, site_url, site_pages):
    page = new_page(viewport=PHONE)
    problems = []
    tables_seen = 0
    for path in site_pages:
        page.goto(site_url + path)
        wide = page.evaluate(SIDEWAYS)
        if wide:
            problems.append(f"/{path}: wider than the screen: {wide[:5]}")
        for index, table in enumerate(page.evaluate(TABLES)):
            tables_seen += 1
            if not table["onScreen"] or not (table["fits"] or table["scrolls"]):
                problems.append(f"/{path}: table {index + 1} {table}")
            if table["cell"] < 14:
                problems.append(f"/{path}: table {index + 1} text is {table['cell']}px")
    assert tables_seen, "no page has a table"
    assert problems == []


def test_on_a_phone_text_reads_without_zooming_and_copy_buttons_are_big_enough_to_tap(new_page, site_url, languages):
    for language in languages:
        page = new_page(viewport=PHONE)
        page.goto(site_url + language["prefix"])
        assert "width=device-width" in page.locator("meta[name=viewport]").get_attribute("content")
        body_text = page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
        assert body_text >= 16
        buttons = page.locator("article .links-copy")
        assert buttons.count() > 0, "the overview's settings have no copy buttons"
        small = [box for box in (buttons.nth(i).bounding_box() for i in range(buttons.count())) if box["width"] < 44 or box["height"] < 44]
        assert small == [], f"{language['locale']}: copy buttons under 44 x 44 px: {small[:3]}"


def test_an_article_prints_without_the_site_around_it_and_with_its_tables_whole(new_page, site_url, languages, tmp_path):
    for language in languages:
        page = new_page()
        page.goto(site_url + language["prefix"])  # the overview: the settings tables
        page.emulate_media(media="print")
        for part in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".md-skip"):
            shown = page.locator(part)
            assert shown.count() == 0 or not shown.first.is_visible(), f"{part} is printed"
        assert page.locator("article h1").is_visible()
        tables = page.locator("article table")
        assert tables.count() > 0
        breaks = tables.evaluate_all("tables => tables.map(table => getComputedStyle(table).breakInside)")
        assert set(breaks) == {"avoid"}, breaks
        pdf = tmp_path / f"{language['locale']}.pdf"
        page.pdf(path=pdf, format="A4")
        assert pdf.read_bytes().startswith(b"%PDF")
