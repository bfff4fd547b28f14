"""What a reader sees on the overview, in every language: the IMAP, SMTP and POP3 tables with
the values from data/mail-settings.yml; and what an editor sees when the data changes."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import search as search_hook
from helpcenter.labels import load_labels
from helpcenter.mailsettings import SERVER_KEYS


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml")


def settings_table(soup: BeautifulSoup, anchor: str) -> dict[str, str]:
    heading = soup.find(id=anchor)
    assert heading is not None, f"no heading #{anchor}"
    table = heading.find_next("table")
    return {
        row.find_all("td")[0].get_text(strip=True): row.find_all("td")[1].get_text(" ", strip=True)
        for row in table.find_all("tr")
        if row.find_all("td")
    }


def test_every_language_has_its_overview(built_site, languages):
    titles = set()
    for language in languages:
        soup = page(built_site, f"{language['prefix']}index.html")
        assert soup.html["lang"] == language["locale"]
        titles.add(soup.find("h1").get_text(strip=True))
    assert len(titles) == len(languages), "each language has its own title, not a copy of another's"


@pytest.mark.parametrize("server", SERVER_KEYS)
def test_the_overview_shows_each_servers_table_from_the_data_file(
    built_site, languages, mail_settings, server
):
    labels = load_labels([language["locale"] for language in languages])
    expected = mail_settings["servers"][server]
    for language in languages:
        words = labels[language["locale"]]
        table = settings_table(
            page(built_site, f"{language['prefix']}index.html"), f"{server}-settings"
        )
        assert table[words["table.type"]] == words[f"protocol.{server}"]
        assert table[words["table.host"]] == expected["host"]
        for entry in expected["ports"]:
            assert str(entry["port"]) in table[words["table.port"]]
        assert (
            table[words["table.security"]] == words[f"security.{expected['ports'][0]['security']}"]
        )
        assert (
            table[words["table.authentication"]]
            == words[f"authentication.{expected['authentication']}"]
        )
        assert words["example_address"] in table[words["table.username"]]


def test_the_overview_ends_with_the_support_contact(built_site, languages, mail_settings):
    for language in languages:
        support = page(built_site, f"{language['prefix']}index.html").select_one("p.mail-support")
        assert support.find("a", href=f"mailto:{mail_settings['support']['email']}")
        assert support.find("a", href=mail_settings["support"]["chat_url"])


def test_no_marker_is_left_on_any_page(built_site):
    pages = list(built_site.rglob("*.html"))
    assert pages
    for html in pages:
        assert "<!-- settings:" not in html.read_text(encoding="utf-8"), html


def test_a_changed_data_file_changes_every_page_and_the_search_index(build_copy, mail_settings):
    old_host = mail_settings["servers"]["imap"]["host"]
    new_hosts = {
        "imap": "imap.changed-example.net",
        "smtp": "smtp.changed-example.net",
        "pop3": "pop.changed-example.net",
    }

    def edit(project: Path):
        data = project / "data" / "mail-settings.yml"
        text = data.read_text(encoding="utf-8")
        for server, host in new_hosts.items():
            old = mail_settings["servers"][server]["host"]
            text = text.replace(
                f"  {server}:\n    host: {old}", f"  {server}:\n    host: {host}", 1
            )
        text = text.replace("port: 993", "port: 1993", 1)
        data.write_text(text, encoding="utf-8")

    build = build_copy(edit)
    assert build.returncode == 0, build.output
    files = [f for f in build.site.rglob("*") if f.suffix in (".html", ".json", ".xml", ".txt")]
    showing_imap = 0
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert old_host not in text, f"{file.relative_to(build.site)} still shows {old_host}"
        if 'data-setting="imap.host"' in text:
            showing_imap += 1
            assert new_hosts["imap"] in text
    assert showing_imap >= 2, "the overview in every language shows the IMAP host"
    # Each language's search index (hooks/search.py; README, "Search").
    search = "".join(
        page["content"]
        for bundle in build.site.rglob("pagefind-entry.json")
        for page in search_hook.bundle_pages(bundle.parent).values()
    )
    assert new_hosts["smtp"] in search and "1993" in search
