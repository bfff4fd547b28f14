"""The settings hook: markers become values and tables in the page's language; a bad marker
fails with the page's file and line; every value is HTML-escaped."""

from __future__ import annotations

import copy

import pytest
import yaml
from mkdocs.exceptions import PluginError

import mail_data
import settings as hook

SETTINGS = mail_data.load_settings()
LANGUAGES = list(yaml.safe_load(mail_data.LABELS_FILE.read_text(encoding="utf-8")))
LABELS = mail_data.load_labels(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_table_marker_becomes_a_table_with_every_setting(language):
    labels = LABELS[language]
    table = hook.fill_markers("<!-- settings:table imap -->", SETTINGS, labels, "page.md")
    imap = SETTINGS["servers"]["imap"]
    assert f"| {labels['table.host']} | <code class=\"mail-setting\" data-setting=\"imap.host\">{imap['host']}</code> |" in table
    assert f">{imap['ports'][0]['port']}</code>" in table
    assert labels[f"security.{imap['ports'][0]['security']}"] in table
    assert labels[f"authentication.{imap['authentication']}"] in table
    assert "<!--" not in table


def test_a_server_with_two_ports_lists_both_with_their_security():
    labels = LABELS[LANGUAGES[0]]
    ports = hook.render_value("pop3.ports", SETTINGS, labels)
    for entry in SETTINGS["servers"]["pop3"]["ports"]:
        assert f">{entry['port']}</code> ({labels['security.' + entry['security']]})" in ports
    assert labels["port_separator"] in ports


def test_value_markers_fill_in_inside_a_sentence():
    labels = LABELS[LANGUAGES[0]]
    text = hook.fill_markers("Server: <!-- settings:value smtp.host -->, port <!-- settings:value smtp.port -->.", SETTINGS, labels, "p.md")
    smtp = SETTINGS["servers"]["smtp"]
    assert text == (
        f'Server: <code class="mail-setting" data-setting="smtp.host">{smtp["host"]}</code>, '
        f'port <code class="mail-setting" data-setting="smtp.port">{smtp["ports"][0]["port"]}</code>.'
    )


def test_a_table_inside_a_content_tab_keeps_its_indentation():
    text = hook.fill_markers('=== "Tab"\n\n    <!-- settings:table smtp -->\n', SETTINGS, LABELS[LANGUAGES[0]], "p.md")
    table_lines = [line for line in text.splitlines() if "|" in line]
    assert len(table_lines) >= 8 and all(line.startswith("    | ") for line in table_lines)


def test_markers_in_code_blocks_are_left_as_written():
    text = "```\n<!-- settings:table imap -->\n```"
    assert hook.fill_markers(text, SETTINGS, LABELS[LANGUAGES[0]], "p.md") == text


def test_ordinary_comments_are_left_alone():
    text = "<!-- Note: keep this short -->\n<!-- TODO check -->"
    assert hook.fill_markers(text, SETTINGS, LABELS[LANGUAGES[0]], "p.md") == text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_download_marker_becomes_a_button_to_the_file_in_the_pages_language(language):
    labels = LABELS[language]
    text = hook.fill_markers(
        "<!-- settings:download apple-profile -->", SETTINGS, labels, "guides/iphone.md",
        downloads={"apple-profile": "../../profiles/email.mobileconfig"},
    )
    assert text == (
        '<a class="md-button md-button--primary mail-download" data-download="apple-profile" '
        f'href="../../profiles/email.mobileconfig" type="application/x-apple-aspen-config">{labels["profile.download"]}</a>'
    )


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("<!-- settings:tabel imap -->", "unknown marker kind 'tabel'"),
        ("<!-- setings:table imap -->", "unknown marker '<!-- setings:table imap -->': markers start with 'settings:'"),
        ("<!-- settings:table imapp -->", "unknown server 'imapp'"),
        ("<!-- settings:value imap.hots -->", "unknown setting 'imap.hots'"),
        ("<!-- settings:value ftp.host -->", "unknown setting 'ftp.host'"),
        ("Text <!-- settings:table imap -->", "must stand alone on its line"),
        ("<!-- settings:download android-profile -->", "unknown download 'android-profile' in <!-- settings:download android-profile -->; expected one of: apple-profile"),
    ],
)
def test_a_bad_marker_names_the_page_file_and_line(marker, expected):
    with pytest.raises(PluginError) as caught:
        hook.fill_markers(f"# Title\n\n{marker}\n", SETTINGS, LABELS[LANGUAGES[0]], "guides/iphone.md", first_line=5)
    assert str(caught.value).startswith("docs/guides/iphone.md:7: ")
    assert expected in str(caught.value)


def test_data_is_html_escaped_when_rendered():
    settings = copy.deepcopy(SETTINGS)
    settings["provider"]["name"] = 'Mail & "Co"'
    labels = dict(LABELS[LANGUAGES[0]])
    labels["support"] = "<b>Help</b> {email} {chat}"
    labels["table.host"] = "<i>Host</i>"
    assert hook.render_value("provider", settings, labels) == (
        '<span class="mail-setting" data-setting="provider">Mail &amp; &#34;Co&#34;</span>'
    )
    assert "&lt;b&gt;Help&lt;/b&gt;" in hook.render_support(settings, labels)
    assert "&lt;i&gt;Host&lt;/i&gt;" in hook.render_settings_table("imap", settings, labels)
