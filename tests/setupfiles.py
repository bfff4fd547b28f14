"""What the tests of the set-up files share: where the upstream schemas are, the words each
format uses for the data file's values, and readers of the generated files."""

from __future__ import annotations

import plistlib
import re
from pathlib import Path

import pytest
from lxml import etree  # pyright: ignore[reportAttributeAccessIssue]  (lxml has no type stubs)

from helpcenter.labels import load_labels
from sitebuild import PROJECT_DIR

# The upstream schemas, copied byte for byte with their licences (tests/reference/SOURCES.md).
REFERENCE_DIR = PROJECT_DIR / "tests" / "reference"

AUTOCONFIG_FILES = ("mail/config-v1.1.xml", ".well-known/autoconfig/mail/config-v1.1.xml")
PROFILE = "profiles/email.mobileconfig"

# The words of each format for the data file's values (autoconfig draft; Apple's payload keys).
SOCKET_TYPES = {"ssl": "SSL", "starttls": "STARTTLS", "none": "plain"}
AUTOCONFIG_AUTHENTICATION = {
    "password": "password-cleartext",
    "encrypted_password": "password-encrypted",
}
APPLE_AUTHENTICATION = {"password": "EmailAuthPassword", "encrypted_password": "EmailAuthCRAMMD5"}
ENCRYPTED = ("ssl", "starttls")

# What Thunderbird's readFromXML.sys.mjs accepts (see tests/reference/SOURCES.md).
THUNDERBIRD_HOSTNAME = re.compile(
    r"^(([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.?$",
    re.I,
)
THUNDERBIRD_INCOMING_TYPES = ("pop3", "imap", "nntp", "exchange")
THUNDERBIRD_SOCKET_TYPES = ("plain", "SSL", "STARTTLS")
THUNDERBIRD_AUTHENTICATION = (
    "password-cleartext",
    "plain",
    "password-encrypted",
    "secure",
    "GSSAPI",
    "NTLM",
    "OAuth2",
)

# Property-list types of Apple's schema (apple/device-management docs/schema.md).
APPLE_TYPES = {
    "<string>": str,
    "<integer>": int,
    "<boolean>": bool,
    "<array>": list,
    "<dictionary>": dict,
    "<data>": bytes,
    "<real>": float,
}
UUID = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def reference(relative: str) -> Path:
    path = REFERENCE_DIR / relative
    if not path.exists():
        pytest.fail(
            f"{path} is missing: the upstream schemas live in tests/reference/ "
            "(SOURCES.md there says where each one came from)."
        )
    return path


def autoconfig(site: Path) -> etree._Element:
    return etree.parse(str(site / AUTOCONFIG_FILES[0])).getroot()


def profile(site: Path, language: dict) -> dict:
    return plistlib.loads((site / f"{language['prefix']}{PROFILE}").read_bytes())


def offered(server: dict) -> list[dict]:
    """The rule of hooks/setup_files.py: encrypted ports; unencrypted ones only if there is no other."""
    return [entry for entry in server["ports"] if entry["security"] in ENCRYPTED] or server["ports"]


def servers_in_xml(root: etree._Element, element: str) -> list[dict]:
    return [
        {
            "type": section.get("type"),
            "hostname": section.findtext("hostname"),
            "port": section.findtext("port"),
            "socketType": section.findtext("socketType"),
            "authentication": section.findtext("authentication"),
            "username": section.findtext("username"),
        }
        for section in root.iter(element)
    ]


def expected_servers(settings: dict, keys: tuple[str, ...]) -> list[dict]:
    return [
        {
            "type": key,
            "hostname": settings["servers"][key]["host"],
            "port": str(entry["port"]),
            "socketType": SOCKET_TYPES[entry["security"]],
            "authentication": AUTOCONFIG_AUTHENTICATION[settings["servers"][key]["authentication"]],
            "username": "%EMAILADDRESS%",
        }
        for key in keys
        for entry in offered(settings["servers"][key])
    ]


def labels_for(languages: list[dict]) -> dict:
    return load_labels([language["locale"] for language in languages])


def generated_files(site: Path, languages: list[dict]) -> list[str]:
    return [
        *AUTOCONFIG_FILES,
        "settings.json",
        *(f"{language['prefix']}{PROFILE}" for language in languages),
    ]


def edit_data(replacements: list[tuple[str, str]]):
    def edit(project: Path):
        path = project / "data" / "mail-settings.yml"
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} is not in the data file any more; update the test"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    return edit
