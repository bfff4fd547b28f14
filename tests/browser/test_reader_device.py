"""The right guide first, in Chromium (issue 16, part 3; the app tiles of issues 18 and 19): the
overview's tiles are the navigation's guides, and each device signal (the user agent, or
User-Agent Client Hints where the browser sends them) suggests its guide with a badge on its tile,
in the page's language; nothing is hidden, reordered or moved (issue 28), and an unknown device
or no JavaScript changes nothing."""

from __future__ import annotations

import pytest

from helpcenter.labels import load_labels

pytestmark = pytest.mark.browser

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) "
    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
ANDROID = (
    "Mozilla/5.0 (Linux; Android 15; Pixel 9) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"
)
WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

# user agent -> (the guide suggested, the label of its badge); mkdocs.yml extra.guide_devices.
USER_AGENTS = {
    "iphone": (IPHONE, "iphone", "reader.device.ios"),
    "ipad": (IPAD, "iphone", "reader.device.ipados"),
    "android": (ANDROID, "android", "reader.device.android"),
    "mac": (MAC, "apple-mail", "reader.device.macos"),
    "windows": (WINDOWS, "new-outlook", "reader.device.windows"),
}


@pytest.fixture(scope="module")
def labels(languages):
    return load_labels([language["locale"] for language in languages])


@pytest.fixture(scope="module")
def nav_guides(mkdocs_config) -> list[str]:
    """The guides of mkdocs.yml's navigation, in its order, by file name."""
    found = []
    for entry in mkdocs_config["nav"]:
        for children in entry.values() if isinstance(entry, dict) else []:
            for child in children if isinstance(children, list) else []:
                path = child if isinstance(child, str) else next(iter(child.values()))
                if path.startswith("guides/"):
                    found.append(path.removeprefix("guides/").removesuffix(".md"))
    assert found, "no guides in mkdocs.yml nav"
    return found


def tiles(page) -> list[str]:
    return page.locator("a.reader-guides__tile").evaluate_all(
        "tiles => tiles.map(tile => tile.dataset.guide)"
    )


def suggestion(page, javascript: bool = True) -> tuple[str, str] | None:
    """(the badge's words, the guide of its tile) or None, once reader.js has set the page up."""
    if javascript:
        page.locator("html[data-reader-ready]").wait_for(state="attached")
    found = page.locator(".reader-guides__list .reader-guides__badge")
    if found.count() == 0:
        return None
    assert found.count() == 1
    tile = page.locator("a.reader-guides__tile", has=page.locator(".reader-guides__badge"))
    assert "reader-guides__tile--suggested" in (tile.get_attribute("class") or "")
    return found.inner_text(), tile.get_attribute("data-guide")


def tile_boxes(page) -> list[dict]:
    return page.locator("a.reader-guides__tile").evaluate_all(
        "tiles => tiles.map(tile => tile.getBoundingClientRect().toJSON())"
    )


def test_the_tiles_are_the_navigations_guides_in_its_order_and_work_without_javascript(
    new_page, site_url, languages, nav_guides
):
    for language in languages:
        page = new_page(java_script_enabled=False, viewport=(390, 844))
        page.goto(site_url + language["prefix"])
        assert tiles(page) == nav_guides
        for tile in page.locator("a.reader-guides__tile").all():
            assert tile.is_visible() and tile.bounding_box()["height"] >= 44
        assert suggestion(page, javascript=False) is None
        page.locator('a.reader-guides__tile[data-guide="thunderbird"]').click()
        assert page.url.endswith(language["prefix"] + "guides/thunderbird/")


@pytest.mark.parametrize("device", USER_AGENTS)
def test_each_user_agent_suggests_its_guide_and_changes_nothing_else(
    new_page, site_url, languages, labels, nav_guides, device
):
    user_agent, guide, label = USER_AGENTS[device]
    for language in languages:
        page = new_page(user_agent=user_agent)
        page.goto(site_url + language["prefix"])
        assert suggestion(page) == (labels[language["locale"]][label], guide)
        badge = page.locator(".reader-guides__list .reader-guides__badge")
        assert badge.is_visible()
        assert page.get_by_role("link", name=labels[language["locale"]][label]).count() == 1
        assert tiles(page) == nav_guides  # nothing hidden or reordered
        assert all(tile.is_visible() for tile in page.locator("a.reader-guides__tile").all())


def test_the_badge_moves_no_tile_and_covers_no_tile_name(new_page, site_url, languages):
    """A finger about to tap a tile must not see it move (issue 28: the sentence the suggestion
    was before pushed every tile down); the badge on the border hides no tile's name."""
    for language in languages:
        for width in (320, 390, 1280):
            without = new_page(user_agent=LINUX, viewport=(width, 844))
            without.goto(site_url + language["prefix"])
            assert suggestion(without) is None
            page = new_page(user_agent=WINDOWS, viewport=(width, 844))
            page.goto(site_url + language["prefix"])
            assert suggestion(page) is not None
            assert tile_boxes(page) == tile_boxes(without), (language["prefix"], width)
            badge = page.locator(".reader-guides__list .reader-guides__badge").bounding_box()
            name = page.locator("a.reader-guides__tile--suggested").evaluate(
                "tile => { const range = document.createRange(); range.selectNodeContents("
                "tile.firstChild); return range.getBoundingClientRect().toJSON(); }"
            )
            assert badge and badge["y"] + badge["height"] <= name["y"], (language["prefix"], width)


def test_an_unknown_device_sees_no_suggestion(new_page, site_url, languages, nav_guides):
    for language in languages:
        page = new_page(user_agent=LINUX)
        page.goto(site_url + language["prefix"])
        assert suggestion(page) is None
        assert page.locator(".reader-guides__tile--suggested").count() == 0
        assert tiles(page) == nav_guides


@pytest.mark.parametrize(
    ("platform", "guide"),
    [("Android", "android"), ("Windows", "new-outlook"), ("macOS", "apple-mail"), ("Linux", None)],
)
def test_client_hints_win_over_the_user_agent(browser, site_url, languages, platform, guide):
    """Chromium sends client hints; set through DevTools, they name a platform the (Linux)
    user agent does not."""
    for language in languages:
        context = browser.new_context()
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send(
            "Emulation.setUserAgentOverride",
            {
                "userAgent": LINUX,
                "userAgentMetadata": {
                    "platform": platform,
                    "platformVersion": "15",
                    "architecture": "",
                    "model": "",
                    "mobile": platform == "Android",
                    "brands": [{"brand": "Chromium", "version": "131"}],
                },
            },
        )
        page.goto(site_url + language["prefix"])
        assert page.evaluate("navigator.userAgentData.platform") == platform
        found = suggestion(page)
        assert (found[1] if found else None) == guide
        context.close()


def test_the_suggestion_asks_nothing_of_the_network(new_page, site_url):
    requests = {}
    for user_agent in (LINUX, IPHONE):
        page = new_page(user_agent=user_agent)
        seen = requests.setdefault(user_agent, [])
        page.on("request", lambda request, seen=seen: seen.append(request.url))
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
    # The same addresses (a busy Chromium may ask for one stylesheet twice).
    assert requests[IPHONE] and set(requests[IPHONE]) == set(requests[LINUX])
