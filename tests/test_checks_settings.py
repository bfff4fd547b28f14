"""The checks that keep mail settings in one place (`make check`, tools/checks/drift.py and
data.py): a server name, port or address typed by hand where a marker belongs, a misspelt marker,
a bad value in data/mail-settings.yml; and CONTRIBUTING.md documents every marker the build
knows. Each mistake fails with one message that names the file and line and says what to change.
Broken examples are made in throwaway copies (tests/editorcopy.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editorcopy import append, editor_copy, replace, run_checks
from helpcenter import marker_checks, markers, values
from helpcenter.mailsettings import load_settings
from sitebuild import PROJECT_DIR
from tools.checks.data import check_data, check_markers
from tools.checks.drift import check_drift
from tools.checks.parity import check_parity

SETTINGS = load_settings()


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project, with the checks' own configuration."""
    return editor_copy(tmp_path / "project")


# --------------------------------------------------------------------------------------------
# Drift
# --------------------------------------------------------------------------------------------


IMAP, SMTP = SETTINGS["servers"]["imap"], SETTINGS["servers"]["smtp"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            f"IMAP: {IMAP['host']}",
            f"the server name is typed by hand; type <!-- settings:value imap.host --> instead of {IMAP['host']}",
        ),
        (
            f"IMAP port {IMAP['ports'][0]['port']}",
            f"the port is typed by hand; type <!-- settings:value imap.port --> instead of {IMAP['ports'][0]['port']}",
        ),
        (
            "SMTP: STARTTLS",
            "the security mode is typed by hand; type <!-- settings:value smtp.security --> instead of STARTTLS",
        ),
        (
            f"Mail {SETTINGS['support']['email']}",
            "the support address is typed by hand; type <!-- settings:value support-email --> instead of "
            f"{SETTINGS['support']['email']}",
        ),
        (
            f"Login: {SETTINGS['provider']['webmail_url']}",
            "the webmail address is typed by hand; type <!-- settings:value webmail --> instead of "
            f"{SETTINGS['provider']['webmail_url']}",
        ),
        (
            "SMTP port 2525",
            "port 2525 is typed by hand, and data/mail-settings.yml has no such port; type a marker such as "
            "<!-- settings:value smtp.port -->, or add the port to data/mail-settings.yml",
        ),
    ],
)
def test_a_typed_server_fact_names_the_marker_to_use(project, typed, expected):
    line = append(project, "docs/index.md", typed)
    assert check_drift(project) == [f"docs/index.md:{line}: {expected}"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "IMAP-servern heter imap.hostedemail.com.",
            "the server name imap.hostedemail.com is typed by hand, and data/mail-settings.yml has no such server; "
            "type <!-- settings:value imap.host -->; if the server changed, change it in data/mail-settings.yml",
        ),
        (
            "Incoming server: mail.old-provider.example.net",
            None,
        ),
        (
            "Incoming server: in.mailhost.se",
            "the server name in.mailhost.se is typed by hand, and data/mail-settings.yml has no such server; type "
            "<!-- settings:value imap.host --> (or smtp.host, pop3.host: the one this line is about); if the server "
            "changed, change it in data/mail-settings.yml",
        ),
        (
            "Outgoing mail goes through `smtp.gmail.com`.",
            "the server name smtp.gmail.com is typed by hand, and data/mail-settings.yml has no such server; type "
            "<!-- settings:value smtp.host -->; if the server changed, change it in data/mail-settings.yml",
        ),
        (
            "The SMTP server answers on 587 too.",
            "port 587 is typed by hand, and data/mail-settings.yml has no such port; type a marker such as "
            "<!-- settings:value smtp.port -->, or add the port to data/mail-settings.yml",
        ),
    ],
)
def test_any_server_name_or_port_is_drift_not_only_todays(project, typed, expected):
    """An old or wrong host (not in the data file) typed where a setting belongs is caught."""
    line = append(project, "docs/index.md", typed)
    assert check_drift(project) == ([f"docs/index.md:{line}: {expected}"] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        "Download it from [thunderbird.net](https://www.thunderbird.net/) and add your IMAP account.",
        "Gmail (gmail.com) fetches mail from other servers no more.",
        "Your address, such as name@yourdomain.com, works with IMAP on Windows 10 and iOS 26.",
        "Read the [vendor's steps](https://support.microsoft.com/en-us/office/imap-settings) for the SMTP server.",
        "Outlook 2016, 2019 and 2021 support IMAP.",
    ],
)
def test_other_host_names_and_numbers_in_prose_are_not_drift(project, text):
    append(project, "docs/index.md", text)
    assert check_drift(project) == []


def test_a_typed_host_in_a_template(project):
    template = project / "overrides" / "partials" / "typed.html"
    template.write_text(f"<p>{SMTP['host']}</p>\n", encoding="utf-8")
    assert check_drift(project) == [
        f"overrides/partials/typed.html:1: the server name is typed by hand ({SMTP['host']}); take it from "
        "data/mail-settings.yml (through a hook) instead of typing it in a template"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Port <!-- settings:value imap.port --> with <!-- settings:value imap.security -->.",
        "Steg 5: kontrollera porten i iOS 17 och Windows 10.",
        "Use SSL: on. Server Port: <!-- settings:value smtp.port -->",
    ],
)
def test_markers_and_other_numbers_are_not_drift(project, text):
    append(project, "docs/index.md", text)
    assert check_drift(project) == []


# --------------------------------------------------------------------------------------------
# Markers and data
# --------------------------------------------------------------------------------------------


def test_a_misspelt_marker_is_one_message_with_the_right_spelling(project):
    """Not repeated by parity (as a marker missing in the other language) nor by the build."""
    line = replace(
        project, "docs/index.md", "<!-- settings:table smtp -->", "<!-- settings:tabel smtp -->"
    )
    expected = (
        f"docs/index.md:{line}: unknown marker kind 'tabel' in '<!-- settings:tabel smtp -->'; did you "
        "mean settings:table? (see CONTRIBUTING.md, Markers)"
    )
    assert check_markers(project) == [expected]
    assert check_parity(project) == []
    result = run_checks(project, "markers", "parity", "build")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [expected]


def test_a_bad_value_in_the_data_file(project):
    line = replace(
        project, "data/mail-settings.yml", f"port: {SMTP['ports'][0]['port']}", "port: 70000"
    )
    assert check_data(project) == [
        f"data/mail-settings.yml:{line}: servers.smtp.ports[0].port: expected an integer 1-65535, got 70000"
    ]


# --------------------------------------------------------------------------------------------
# CONTRIBUTING.md tells the truth about markers
# --------------------------------------------------------------------------------------------


def hook_marker_kinds() -> set[str]:
    """The marker kinds the build knows: its marker registry."""
    return set(markers.KINDS)


def markers_section() -> str:
    """The "Markers" section of CONTRIBUTING.md (other sections quote misspelt ones on purpose)."""
    guide = (PROJECT_DIR / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return guide.split("\n## Markers\n", 1)[1].split("\n## ", 1)[0]


def test_contributing_documents_every_marker_kind_the_hook_knows():
    documented = set(re.findall(r"<!-- settings:([\w-]+)", markers_section()))
    assert documented == hook_marker_kinds()


def test_every_marker_example_in_contributing_is_one_the_build_knows():
    examples = sorted(set(re.findall(r"(?:- )?<!-- settings:[^>]*-->", markers_section())))
    assert len(examples) >= len(hook_marker_kinds())
    assert [
        problem
        for example in examples
        for problem in marker_checks.check_markdown(example, SETTINGS, "page.md")
    ] == []


def test_contributing_documents_every_value_key_the_hook_knows():
    section = markers_section()
    expected = values.value_keys(SETTINGS)
    assert [
        key for key in expected if not re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w-])", section)
    ] == []
