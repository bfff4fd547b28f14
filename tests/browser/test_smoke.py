"""The browser tests' own set-up works: Chromium opens the served overview."""

import pytest


@pytest.mark.browser
def test_chromium_opens_the_overview_in_every_language(new_page, site_url, languages):
    for language in languages:
        page = new_page()
        response = page.goto(site_url + language["prefix"])
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language["locale"]
        assert page.locator("table").count() >= 3
