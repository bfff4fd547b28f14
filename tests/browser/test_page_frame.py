"""The frame around the text, for customers (issue 19, items 6, 7, 9, 10; contract A), in
Chromium: the edit link at the end of the page, support and webmail where customers look and no
repository link or generator credit, the language named in words, the phone menu opening on the
whole menu, the checked-against line under each guide's title, and the 404 page's guides."""

from __future__ import annotations

import pytest
from screens import contexts, guide_paths

pytestmark = pytest.mark.browser

PHONE = (390, 844)


@pytest.fixture
def context_for(browser):
    """context_for(size, scheme): a browser context on a phone or a computer (screens.py)."""
    yield from contexts(browser)


def test_the_edit_link_is_at_the_end_of_the_page_not_on_its_title(new_page, site_url, site_pages):
    page = new_page()
    for path in guide_paths(site_pages)[:3] + [path for path in site_pages if path in ("", "en/")]:
        page.goto(site_url + path)
        assert page.locator(".md-content__button").count() == 0, (
            f"/{path}: an edit pencil on the title"
        )
        edit = page.locator("article a[rel=edit]")
        assert edit.count() == 1 and edit.is_visible()
        assert edit.evaluate(
            "a => !!(a.compareDocumentPosition(document.querySelector('article h1'))"
            " & Node.DOCUMENT_POSITION_PRECEDING)"
        )
        assert page.locator("article .md-source-file").count() == 1, (
            f"/{path}: 'last updated' is gone"
        )


def test_header_footer_and_menu_offer_support_and_webmail_and_no_repository_or_generator(
    context_for, site_url, languages, mail_settings
):
    support = "mailto:" + mail_settings["support"]["email"]
    webmail = mail_settings["provider"]["webmail_url"]
    for size in ("phone", "desktop"):
        page = context_for(size, "light").new_page()
        for language in languages:
            page.goto(site_url + language["prefix"] + "guides/iphone/")
            assert (
                page.locator(".md-source, a[href*='github.com/example']:not([rel=edit])").count()
                == 0
            )
            assert "Material for MkDocs" not in page.locator("footer").inner_text()
            footer = page.locator(".md-footer-meta")
            for href in (support, webmail, mail_settings["support"]["chat_url"]):
                assert footer.locator(f"a[href='{href}']").is_visible(), (
                    f"{language['locale']} {size}: footer lacks {href}"
                )
            if size == "desktop":
                where = page.locator(".md-header")
            else:
                page.locator(".md-header label[for=__drawer]").click()
                where = page.locator(".md-nav--primary .md-nav__source")
            for href in (support, webmail):
                assert where.locator(f"a[href='{href}']").is_visible(), (
                    f"{language['locale']} {size}: {href} not where customers look"
                )


def test_the_language_switcher_names_the_current_language_in_words_and_marks_it(
    new_page, site_url, languages
):
    page = new_page()
    for language in languages:
        page.goto(site_url + language["prefix"] + "guides/iphone/")
        button = page.locator(".frame-language__button")
        assert button.inner_text().strip() == language["name"]
        button.click()
        current = page.locator(".md-select__link[aria-current=true]")
        assert (
            current.count() == 1
            and current.get_attribute("hreflang") == language["locale"]
            and current.is_visible()
        )


def test_on_a_phone_the_menu_opens_on_the_whole_menu_with_the_guides_in_view(
    context_for, site_url, languages
):
    for scheme in ("light", "dark"):
        page = context_for("phone", scheme).new_page()
        for language in languages:
            page.goto(site_url + language["prefix"] + "guides/android/")
            page.locator(".md-header label[for=__drawer]").click()
            page.wait_for_function(
                "() => document.getAnimations().every(animation => animation.playState !== 'running')"
            )
            menu = page.locator(".md-nav--primary > .md-nav__list")
            home = menu.locator(
                ":scope > .md-nav__item > a.md-nav__link:not(.md-nav__link--active)"
            ).first
            guides = menu.locator(
                ".md-nav__item--section > .md-nav > .md-nav__list > .md-nav__item"
                " > a.md-nav__link:not(.md-nav__link--active)"
            )
            assert home.is_visible() and home.bounding_box()["x"] >= 0, (
                f"{language['locale']}: the menu opens inside a section"
            )
            assert (
                guides.count() >= 5
                and guides.nth(1).is_visible()
                and guides.nth(1).bounding_box()["x"] >= 0
            )


def test_each_guide_says_under_its_title_what_its_steps_were_checked_against(
    new_page, site_url, site_pages, languages
):
    import datetime

    import yaml

    import page_frame
    from helpcenter.app_versions import load_app_versions
    from helpcenter.labels import load_labels
    from sitebuild import PROJECT_DIR

    labels = load_labels([language["locale"] for language in languages])
    apps = load_app_versions([language["locale"] for language in languages])
    page = new_page()
    checked = 0
    for language in languages:
        for source in sorted((PROJECT_DIR / "docs" / "guides").glob("*.md")):
            parts = source.name.split(".")
            if (len(parts) == 3) != (not language["default"]) or (
                len(parts) == 3 and parts[1] != language["locale"]
            ):
                continue
            meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
            if not meta.get("review"):
                continue
            expected = page_frame.checked_against_line(
                meta, labels[language["locale"]]["review.checked_against"], language["locale"], apps
            )
            page.goto(site_url + language["prefix"] + f"guides/{parts[0]}/")
            line = page.locator("article h1 + .frame-checked")
            assert line.inner_text() == expected, source.name
            checked += 1
    assert checked >= 2, "no guide has review fields in its front matter"
    assert (
        page_frame.checked_against_line(
            {"review": {"date": datetime.date(2026, 11, 29), "checked_against": "iOS 26.1"}},
            labels["sv"]["review.checked_against"],
            "sv",
            apps,
        )
        == "Kontrollerad mot iOS 26.1, november 2026"
    )
    ios = {"review": {"date": datetime.date(2026, 12, 5), "apps": {"ios": "26", "ipados": "26"}}}
    assert (
        page_frame.checked_against_line(ios, labels["sv"]["review.checked_against"], "sv", apps)
        == f"Kontrollerad mot {apps['ios'].names['sv']} 26 och {apps['ipados'].names['sv']} 26, "
        "december 2026"
    ), "the apps' names from data/app-versions.yml, joined as Swedish joins a list"


def test_the_404_page_offers_a_search_with_an_example_and_the_first_guides(
    new_page, site_url, languages
):
    page = new_page(viewport=PHONE)
    for language in languages:
        response = page.goto(site_url + language["prefix"] + "no-such-page/")
        assert response.status == 404
        page.wait_for_selector("article h1")
        assert page.locator(".links-not-found__query").get_attribute("placeholder")
        guides = page.locator(".frame-popular__list a")
        assert guides.count() >= 3
        for href in guides.evaluate_all("links => links.map(link => link.href)"):
            assert f"/{language['prefix']}guides/" in href
            assert page.request.get(href).status == 200
