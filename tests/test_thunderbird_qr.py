"""The set-up code for Thunderbird for Android (issue 27) follows the app's "Export for Mobile"
format, version 1 (tests/reference/thunderbird-android/qr-code-format.md), with the servers from
data/mail-settings.yml and no password; the page hands its script exactly those servers; the
encoder that draws it is the pinned, unedited file. The browser side is
tests/browser/test_thunderbird_qr_scan.py."""

from __future__ import annotations

import copy
import hashlib
import json
import re

from lxml import html

from helpcenter.labels import load_labels
from helpcenter.mailsettings import load_settings
from helpcenter.templates import environment
from helpcenter.thunderbird_qr import (
    AUTHENTICATION,
    PROTOCOLS,
    SECURITY,
    qr_payload,
    qr_servers,
)
from helpcenter.values import Renderer
from sitebuild import PROJECT_DIR

FORMAT = PROJECT_DIR / "tests" / "reference" / "thunderbird-android" / "qr-code-format.md"
VENDOR = PROJECT_DIR / "docs" / "assets" / "javascripts" / "vendor" / "qrcode-generator"


def format_codes(heading: str) -> dict[str, int]:
    """The codes the format document lists under `### heading`: {'Tls': 3, ...}."""
    text = FORMAT.read_text(encoding="utf-8")
    section = text.split(f"### `{heading}`", 1)[1].split("\n### ", 1)[0]
    return {name: int(code) for code, name in re.findall(r"- (\d+) \(`(\w+)`", section)}


def test_todays_payload_is_the_one_the_issue_and_the_format_describe():
    host = load_settings()["servers"]["imap"]["host"]
    assert qr_payload(load_settings(), "anna@example.com", "Anna") == [
        1,
        [1, 1],
        [0, host, 993, 3, 1, "anna@example.com"],
        [[[0, host, 465, 3, 1, "anna@example.com"], ["anna@example.com", "Anna"]]],
    ]


def test_the_codes_are_the_format_documents():
    assert format_codes("IncomingProtocol") == {"IMAP": 0, "POP3": 1}
    assert PROTOCOLS["imap"] == 0 and PROTOCOLS["pop3"] == 1
    assert format_codes("OutgoingProtocol") == {"SMTP": PROTOCOLS["smtp"]}
    security = format_codes("ConnectionSecurity")
    assert {
        "none": security["Plain"],
        "starttls": security["AlwaysStartTls"],
        "ssl": security["Tls"],
    } == SECURITY
    authentication = format_codes("AuthenticationType")
    assert {
        "password": authentication["PasswordCleartext"],
        "encrypted_password": authentication["PasswordEncrypted"],
    } == AUTHENTICATION


def test_no_password_and_no_account_name_are_written():
    """The format's IncomingServer may end after the username (AccountName and Password are
    optional), the OutgoingServer likewise: nothing after the username, so no password."""
    incoming, groups = qr_payload(load_settings(), "a@example.com")[2:]
    assert len(incoming) == 6 and incoming[-1] == "a@example.com"
    assert len(groups[0][0]) == 6 and groups[0][0][-1] == "a@example.com"


def test_a_changed_server_in_the_data_changes_the_code():
    settings = copy.deepcopy(load_settings())
    settings["servers"]["smtp"]["host"] = "smtp.changed.example"
    settings["servers"]["smtp"]["ports"] = [{"port": 587, "security": "starttls"}]
    assert qr_servers(settings)["outgoing"] == [0, "smtp.changed.example", 587, 2, 1]
    assert qr_servers(settings)["incoming"] == qr_servers(load_settings())["incoming"]


def test_the_page_hands_its_script_the_servers_and_the_words():
    settings = load_settings()
    labels = load_labels(["sv", "en"])
    for locale in ("sv", "en"):
        render = Renderer(
            settings=settings,
            labels=labels[locale],
            templates=environment(PROJECT_DIR / "overrides" / "partials"),
            assets="../../assets/",
        )
        fragment = html.fragment_fromstring(str(render.thunderbird_qr()), create_parent=True)
        block = fragment.find_class("reader-setup-qr")[0]
        assert json.loads(block.get("data-servers")) == qr_servers(settings)
        assert block.get("hidden") is not None, "hidden until the script runs"
        assert block.get("data-missing") == labels[locale]["reader.setup_qr.missing"]
        assert all(field.get("name") is None for field in block.iter("input")), "never sent"
        script = fragment.find(".//script")
        assert script.get("type") == "module"
        assert script.get("src") == "../../assets/javascripts/thunderbird-qr.js"


def test_the_encoder_is_the_pinned_file_unedited():
    source = (VENDOR / "SOURCE.txt").read_text(encoding="utf-8")
    recorded = re.search(r"sha256 of qrcode.mjs: ([0-9a-f]{64})", source)
    assert recorded, "SOURCE.txt records the file's sha256"
    actual = hashlib.sha256((VENDOR / "qrcode.mjs").read_bytes()).hexdigest()
    assert actual == recorded[1], "qrcode.mjs differs from the pinned release (SOURCE.txt)"
    assert "qrcode-generator 2.0.4" in source and "MIT" in (VENDOR / "LICENSE.txt").read_text()
