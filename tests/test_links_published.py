"""Published addresses keep working, over the built site: section ids are the same in every
language, every address in data/published-links.txt still leads to its page and section (through
short links, redirects and old ids), every page and section built is in that list, and renaming a
page or a heading with a redirect in data/links.yml keeps them all."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from helpcenter import linkpages, templates
from helpcenter import shortlinks as links
from helpcenter.datafiles import PROJECT_DIR
from helpcenter.headings import HeadingExtras, with_extension
from sitelinks import HEADINGS, article, land, localized, published_addresses, read

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
# Renaming a page or a heading
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
        # The nav line, and the guide's name in extra.qr_guides (the build checks that list too).
        text = config.read_text(encoding="utf-8").replace("guides/gmail.md", "guides/gmail-app.md")
        assert ", gmail," in text, "mkdocs.yml extra.qr_guides changed: update this test"
        config.write_text(text.replace(", gmail,", ", gmail-app,"), encoding="utf-8")
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
    page = "x\n\n## New {#new-id}\n\n## Other {#other}\n"
    redirects = {
        links.Target("a.md", "old-id"): links.Target("a.md", "new-id"),
        links.Target("a.md", "gone"): links.Target("b.md", "there"),
        links.Target("b.md", "elsewhere"): links.Target("a.md", "other"),
    }
    template = templates.environment(PROJECT_DIR / "overrides" / "partials").get_template(
        "links/old-id.html"
    )
    before, first = linkpages.old_ids("a.md", redirects, lambda target: f"/{target}", template)
    extras = HeadingExtras(before=before, first=first)
    html = markdown.Markdown(
        extensions=with_extension(["attr_list", "toc"], lambda: extras)
    ).convert(page)
    result = BeautifulSoup(html, "lxml")
    assert result.find(id="old-id").find_next("h2")["id"] == "new-id"
    assert result.find(id="gone")["data-links-moved-to"] == "/b.md#there"
    assert result.find(id="elsewhere") is None
