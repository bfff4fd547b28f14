"""The values a reader types, in Chromium (issue 19, items 1-2): on a phone (390 x 844 at 2x)
and a desktop, light and dark, in every language, each host and port and its copy button are
one unit (the button right of the value, on the same line, never over it) that is not cut off
by the edge of the screen (a settings table shows each row as label above value on a phone), and
every value is at least at body size (16 px) in the text's own colour."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = (390, 844)
DESKTOP = (1280, 900)
# Pages with values in tables, in lists, in running text and in tabs.
PAGES = ("", "guides/iphone/", "guides/other-clients/", "guides/thunderbird/", "guides/android/")

VALUES = """() => {
    const body = getComputedStyle(document.querySelector("article p")).color
    const units = [...document.querySelectorAll("article .mail-value")].filter(unit => unit.getClientRects().length)
    return units.map(unit => {
        const code = unit.querySelector("code").getBoundingClientRect()
        const button = unit.querySelector("button").getBoundingClientRect()
        const icon = getComputedStyle(unit.querySelector("button"), "::after")
        const iconLeft = button.left + (button.width - parseFloat(icon.width)) / 2
        const style = getComputedStyle(unit.querySelector("code"))
        return {
            key: unit.querySelector("code").dataset.setting,
            rects: unit.getClientRects().length,
            onScreen: unit.getBoundingClientRect().right <= document.documentElement.clientWidth,
            iconClear: iconLeft >= code.right - 0.5,
            sameLine: button.top + button.height / 2 > code.top && button.top + button.height / 2 < code.bottom,
            size: parseFloat(style.fontSize),
            fullColour: style.color === body,
        }
    })
}"""

ALL_VALUES = """() => [...document.querySelectorAll("article code.mail-setting")]
    .filter(code => code.getClientRects().length)
    .map(code => ({key: code.dataset.setting, size: parseFloat(getComputedStyle(code).fontSize)}))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_each_value_and_its_copy_button_are_one_unit_at_body_size(
    new_page, site_url, languages, viewport, scheme
):
    page = new_page(
        viewport=viewport, device_scale_factor=2 if viewport == PHONE else 1, color_scheme=scheme
    )
    problems, seen = [], 0
    for language in languages:
        for path in PAGES:
            address = f"{site_url}{language['prefix']}{path}"
            page.goto(address)
            for value in page.evaluate(VALUES):
                seen += 1
                if value["rects"] != 1 or not value["sameLine"]:
                    problems.append(f"{address}: {value['key']} is split from its copy button")
                if not value["iconClear"]:
                    problems.append(f"{address}: {value['key']}: the copy icon covers the value")
                if not value["onScreen"]:
                    problems.append(
                        f"{address}: {value['key']} and its button are cut off by the screen's edge"
                    )
                if not value["fullColour"]:
                    problems.append(f"{address}: {value['key']} is not in the text's colour")
            problems += [
                f"{address}: {v['key']} is {v['size']} px"
                for v in page.evaluate(ALL_VALUES)
                if v["size"] < 16
            ]
    assert seen >= 10 * len(languages)
    assert problems == []
