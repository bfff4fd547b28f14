"""The settings card (issue 16, part 4): linked from the overview's settings section, it prints
from Chromium on exactly one A4 sheet in each language and colour scheme, black on white, with
the provider, every server, port and security, the username rule and the support contact, and no
navigation, header or footer. A host or port changed in the data file changes the card and every
table that shows the reader's address."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
import yaml
from bs4 import BeautifulSoup

from helpcenter.labels import load_labels
from helpcenter.mailsettings import SERVER_KEYS

A4_POINTS = (595, 842)  # 210 x 297 mm


@pytest.fixture(scope="module")
def labels(languages):
    return load_labels([language["locale"] for language in languages])


def printed(page) -> pypdf.PdfReader:
    """The page as Chromium prints it on A4 (the page's own @page rules apply)."""
    return pypdf.PdfReader(
        io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))
    )


@pytest.mark.browser
def test_the_overview_links_the_card_from_its_settings_section(new_page, site_url, languages):
    for language in languages:
        page = new_page()
        page.goto(site_url + language["prefix"])
        link = page.locator("#settings ~ p a[href$='card/']").first
        link.click()
        assert page.url == site_url + language["prefix"] + "card/"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_card_prints_on_one_a4_sheet_with_every_setting(
    new_page, site_url, languages, labels, mail_settings, mkdocs_config, scheme
):
    for language in languages:
        page = new_page(color_scheme=scheme)
        page.goto(site_url + language["prefix"] + "card/")
        pdf = printed(page)
        assert len(pdf.pages) == 1, f"{language['locale']} ({scheme}): {len(pdf.pages)} pages"
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4_POINTS
        text = " ".join(pdf.pages[0].extract_text().split())
        words = labels[language["locale"]]
        expected = [
            mail_settings["provider"]["name"],
            mail_settings["support"]["email"],
            words["username.email_address.cell"].split("{")[0].strip(),
        ]
        for server in SERVER_KEYS:
            expected += [words[f"protocol.{server}"], mail_settings["servers"][server]["host"]]
            for entry in mail_settings["servers"][server]["ports"]:
                expected += [str(entry["port"]), words[f"security.{entry['security']}"]]
        assert [word for word in expected if word not in text] == [], text
        # No header, navigation or footer: the site's name and the footer's line are not printed.
        site_name = mkdocs_config["site_name"] if language["default"] else "Email help"
        assert site_name not in text
        assert words["reader.privacy"][:20] not in text
        # Black on white, whatever the screen's scheme.
        page.emulate_media(media="print", color_scheme=scheme)
        page.wait_for_function(
            "() => document.getAnimations().every(animation => animation.playState !== 'running')"
        )
        colours = page.evaluate(
            """() => [...document.querySelectorAll(
                    '.reader-card h1, .reader-card p, .reader-card td, .reader-card code')]
                .map(element => [getComputedStyle(element).color, getComputedStyle(document.body).backgroundColor])"""
        )
        assert colours and set(map(tuple, colours)) == {("rgb(0, 0, 0)", "rgb(255, 255, 255)")}


def test_a_changed_host_and_port_change_the_card_and_every_table(build_copy, mail_settings):
    """Every server moves to a new host and every port changes, in the data file only."""
    old_hosts = {server["host"] for server in mail_settings["servers"].values()}
    new = {key: (f"{key}.changed.example", 40000 + index) for index, key in enumerate(SERVER_KEYS)}

    def edit(project: Path) -> None:
        path = project / "data" / "mail-settings.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, (host, port) in new.items():
            data["servers"][key]["host"] = host
            data["servers"][key]["ports"][0]["port"] = port
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    build = build_copy(edit)
    assert build.returncode == 0, build.output
    pages = sorted(build.site.rglob("*.html"))
    cards = [
        page for page in pages if page.parent.name == "card" and page.parent.parent.name != "go"
    ]
    assert len(cards) >= 2, "the card in every language"
    tables = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for table in soup.select("table:has([data-example-address])"):
            tables += 1
            shown = table.get_text(" ", strip=True)
            assert any(host in shown and str(port) in shown for host, port in new.values()), (
                f"{page}: {shown}"
            )
            assert not any(host in shown for host in old_hosts), f"{page}: an old host is left"
    for card in cards:
        shown = (
            BeautifulSoup(card.read_text(encoding="utf-8"), "lxml")
            .select_one(".reader-card")
            .get_text(" ", strip=True)
        )
        for host, port in new.values():
            assert host in shown and str(port) in shown, card
        assert not any(host in shown for host in old_hosts), card
    assert tables >= 2 * 3 * 2, "the overview's and the card's three tables, in both languages"
