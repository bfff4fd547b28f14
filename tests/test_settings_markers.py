"""The markers: each becomes its value or table in the page's language, written once with its
copy button; a bad marker fails with the page's file and line and says what was meant; the
marker registry is the one CONTRIBUTING.md shows; every value is HTML-escaped."""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import pytest
import yaml
from mkdocs.exceptions import PluginError

from helpcenter import marker_checks, markers, templates
from helpcenter.datafiles import PROJECT_DIR
from helpcenter.labels import LABELS_FILE, Labels, load_labels
from helpcenter.mailsettings import load_settings
from helpcenter.problems import load_problems
from helpcenter.values import Renderer

SETTINGS = load_settings()
LANGUAGES = list(yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8")))
LABELS = load_labels(LANGUAGES)
TEMPLATES = templates.environment(PROJECT_DIR / "overrides" / "partials")
PROBLEMS = load_problems(PROJECT_DIR / "docs", LANGUAGES)


def renderer(
    language: str = LANGUAGES[0],
    settings: dict | None = None,
    labels: Labels | None = None,
    downloads: dict[str, str] | None = None,
) -> Renderer:
    return Renderer(
        settings or SETTINGS,
        labels or LABELS[language],
        TEMPLATES,
        downloads or {},
        problems=PROBLEMS,
        locale=language,
    )


def fill(markdown: str, render: Renderer | None = None, page: str = "p.md", **options) -> str:
    return markers.fill_markers(markdown, render or renderer(), page, **options)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_table_marker_becomes_a_table_with_every_setting(language):
    labels = LABELS[language]
    table = fill("<!-- settings:table imap -->", renderer(language))
    imap = SETTINGS["servers"]["imap"]
    assert (
        f'| {labels["table.host"]} | <span class="mail-value">'
        f'<code class="mail-setting" data-setting="imap.host">{imap["host"]}</code>' in table
    )
    assert f">{imap['ports'][0]['port']}</code>" in table
    assert labels[f"security.{imap['ports'][0]['security']}"] in table
    assert labels[f"authentication.{imap['authentication']}"] in table
    assert "<!--" not in table


def test_a_host_or_port_is_one_unit_with_its_copy_button():
    value = renderer().value("smtp.host")
    host = SETTINGS["servers"]["smtp"]["host"]
    assert re.fullmatch(
        rf'<span class="mail-value"><code class="mail-setting" data-setting="smtp.host">{re.escape(host)}</code>'
        r'<button class="links-copy links-copy--value" type="button" '
        rf'data-clipboard-text="{re.escape(host)}"[^>]*></button></span>',
        value,
    )


def test_words_are_not_copyable_values():
    assert "links-copy" not in renderer().value("imap.security") + renderer().value(
        "provider"
    ) + renderer().value("username")


def test_a_server_with_two_ports_lists_both_with_their_security():
    labels = LABELS[LANGUAGES[0]]
    ports = renderer().value("pop3.ports")
    for entry in SETTINGS["servers"]["pop3"]["ports"]:
        assert f">{entry['port']}</code><button" in ports
        assert f"</span> ({labels['security.' + entry['security']]})" in ports
    assert labels["port_separator"] in ports


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_port_without_encryption_says_the_password_travels_unencrypted_and_which_port_to_use(
    language,
):
    settings = copy.deepcopy(SETTINGS)
    settings["servers"]["imap"]["ports"] = [
        {"port": 143, "security": "none"},
        {"port": 993, "security": "ssl"},
    ]
    render = renderer(language, settings)
    warning = str(
        LABELS[language].html(
            "security.unencrypted", port=993, security=LABELS[language]["security.ssl"]
        )
    )
    for key in ("imap.port", "imap.ports", "imap.security"):
        assert warning in render.value(key), key
    assert warning in render.table("imap")
    assert "mail-unencrypted" not in render.value("smtp.ports") + render.table("smtp")


def test_a_server_with_only_an_unencrypted_port_still_warns():
    settings = copy.deepcopy(SETTINGS)
    settings["servers"]["pop3"]["ports"] = [{"port": 110, "security": "none"}]
    labels = LABELS[LANGUAGES[0]]
    assert labels["security.unencrypted_only"] in renderer(settings=settings).value("pop3.port")


def test_value_markers_fill_in_inside_a_sentence():
    text = fill(
        "Server: <!-- settings:value smtp.host -->, security <!-- settings:value smtp.security -->."
    )
    smtp = SETTINGS["servers"]["smtp"]
    assert text.startswith(
        'Server: <span class="mail-value"><code class="mail-setting" data-setting="smtp.host">'
    )
    assert text.endswith(
        '</span>, security <span class="mail-setting" data-setting="smtp.security">'
        f"{LABELS[LANGUAGES[0]]['security.' + smtp['ports'][0]['security']]}</span>."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_username_reads_as_part_of_a_sentence_and_stands_alone_in_a_table(language):
    labels = LABELS[language]
    sentence = fill("Username: <!-- settings:value username -->.", renderer(language))
    example = (
        '<code class="mail-setting" data-setting="example-address" data-example-address>'
        f"{labels['example_address']}</code>"
    )
    assert (
        sentence
        == "Username: " + labels["username.email_address.sentence"].format(example=example) + "."
    )
    assert "| " + labels["username.email_address.cell"].format(example=example) + " |" in fill(
        "<!-- settings:table imap -->", renderer(language)
    )


def test_every_example_address_carries_data_example_address():
    text = fill("<!-- settings:table imap -->\n\n<!-- settings:value username -->")
    assert text.count('data-setting="example-address"') == text.count("data-example-address") == 2


def test_a_table_inside_a_content_tab_keeps_its_indentation():
    text = fill('=== "Tab"\n\n    <!-- settings:table smtp -->\n')
    table_lines = [line for line in text.splitlines() if "|" in line]
    assert len(table_lines) >= 8 and all(line.startswith("    | ") for line in table_lines)


def test_the_section_that_shows_a_table_is_recorded_with_its_server():
    servers: dict[str, str] = {}
    fill(
        "## Settings {#settings}\n\n### Incoming {#imap-settings}\n\n<!-- settings:table imap -->\n\n"
        "## Outgoing\n\n<!-- settings:table smtp -->",
        servers=servers,
    )
    assert servers == {"imap-settings": "imap", "Outgoing": "smtp"}


def test_markers_in_code_blocks_are_left_as_written():
    text = "```\n<!-- settings:table imap -->\n```"
    assert fill(text) == text


def test_ordinary_comments_are_left_alone():
    text = "<!-- Note: keep this short -->\n<!-- TODO check -->"
    assert fill(text) == text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_download_marker_becomes_a_button_to_the_file_in_the_pages_language(language):
    labels = LABELS[language]
    text = fill(
        "<!-- settings:download apple-profile -->",
        renderer(language, downloads={"apple-profile": "../../profiles/email.mobileconfig"}),
        "guides/iphone.md",
    )
    assert text == (
        '<a class="md-button md-button--primary mail-download" data-download="apple-profile" '
        'href="../../profiles/email.mobileconfig" type="application/x-apple-aspen-config">'
        f"{labels['profile.download']}</a>"
    )


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        (
            "<!-- settings:tabel imap -->",
            "unknown marker kind 'tabel' in '<!-- settings:tabel imap -->'; did you mean settings:table?",
        ),
        (
            "<!-- setings:table imap -->",
            "unknown marker '<!-- setings:table imap -->': markers start with 'settings:'",
        ),
        (
            "<!-- settings:table imapp -->",
            "unknown server 'imapp' in <!-- settings:table imapp -->; did you mean <!-- settings:table imap -->?",
        ),
        (
            "<!-- settings:value imap.hots -->",
            "unknown setting 'imap.hots' in <!-- settings:value imap.hots -->; "
            "did you mean <!-- settings:value imap.host -->?",
        ),
        ("<!-- settings:value ftp.host -->", "unknown setting 'ftp.host'"),
        ("Text <!-- settings:table imap -->", "must stand alone on its line"),
        ("Text <!-- settings:download apple-profile -->", "must stand alone on its line"),
        (
            "<!-- settings:download android-profile -->",
            "unknown download 'android-profile' in <!-- settings:download android-profile -->; ",
        ),
    ],
)
def test_a_bad_marker_names_the_page_file_and_line_and_what_was_meant(marker, expected):
    with pytest.raises(PluginError) as caught:
        fill(f"# Title\n\n{marker}\n", page="guides/iphone.md", first_line=5)
    assert str(caught.value).startswith("docs/guides/iphone.md:7: ")
    assert expected in str(caught.value)
    assert (
        "expected one of" in str(caught.value)
        or "alone" in str(caught.value)
        or "did you mean settings:" in str(caught.value)
        or "start with" in str(caught.value)
    )


def test_every_registered_argument_renders():
    render = renderer(downloads={"apple-profile": "profile"})
    for kind in markers.KINDS.values():
        for argument in kind.arguments(SETTINGS):
            marker = kind.example(argument)
            assert "<!--" not in fill(marker, render), marker


def test_contributing_shows_the_marker_registry():
    """CONTRIBUTING.md's marker table is the registry's (marker_checks.contributing_table()); after
    adding or renaming a marker, paste the new table there."""
    contributing = (PROJECT_DIR / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert marker_checks.contributing_table() in contributing, marker_checks.contributing_table()


def test_data_is_html_escaped_when_rendered():
    settings = copy.deepcopy(SETTINGS)
    settings["provider"]["name"] = 'Mail & "Co"'
    labels = Labels(LABELS[LANGUAGES[0]])
    labels["support"] = "<b>Help</b> {email} {chat}"
    labels["table.host"] = "<i>Host</i>"
    render = renderer(settings=settings, labels=labels)
    assert (
        render.value("provider")
        == '<span class="mail-setting" data-setting="provider">Mail &amp; &#34;Co&#34;</span>'
    )
    assert "&lt;b&gt;Help&lt;/b&gt;" in render.support()
    assert "&lt;i&gt;Host&lt;/i&gt;" in render.table("imap")


def test_the_example_address_alone_lets_a_sentence_say_the_rest():
    text = fill(
        "Användarnamnet är hela e-postadressen, till exempel <!-- settings:value example-address -->."
    )
    example = LABELS[LANGUAGES[0]]["example_address"]
    assert text.endswith(
        f'<code class="mail-setting" data-setting="example-address" data-example-address>{example}</code>.'
    )


def test_the_profile_sentence_follows_whether_the_build_signs_the_profile():
    """iPhone and Mac guides say what the device shows: unsigned unless a certificate is
    configured (helpcenter.profile_signing), then signed by the provider."""
    marker = "<!-- settings:profile-signature -->"
    labels = LABELS[LANGUAGES[0]]
    unsigned = fill(marker, replace(renderer(), profile_signed=False))
    signed = fill(marker, replace(renderer(), profile_signed=True))
    assert str(labels.html("profile.unsigned")) in unsigned
    expected = str(labels.html("profile.signed", provider=SETTINGS["provider"]["name"]))
    assert expected in signed and str(labels.html("profile.unsigned")) not in signed
