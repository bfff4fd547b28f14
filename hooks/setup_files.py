"""MkDocs hook: write the automatic set-up files from data/mail-settings.yml.

Thunderbird's autoconfig file, an Apple configuration profile per language and settings.json are
made from the same validated data as the pages' tables, in the same build, so a mail client can
never be told something the pages do not say. The files are written straight into the built
site in `on_post_build`, which also gets the hidden `.well-known` folder past MkDocs.
static-i18n runs every event once per language: the site-wide files are written in the default
language's build, each language's profile in that language's build.
"""

from __future__ import annotations

import json
import mimetypes
import plistlib
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import write_file

from helpcenter import context, profile_signing
from helpcenter.datafiles import dotted
from helpcenter.downloads import (
    DOWNLOADS,
    PROFILE_CONTENT_TYPE,
    PROFILE_PATH,
    download_paths,
    profile_path,
)
from helpcenter.mailsettings import ENCRYPTED

__all__ = ["DOWNLOADS", "PROFILE_CONTENT_TYPE", "download_paths", "profile_path"]
SETTINGS_NAME = "data/mail-settings.yml"
LABELS_NAME = "data/labels.yml"

# Where Thunderbird looks (FetchConfig.sys.mjs): on autoconfig.<domain> and on <domain> itself.
AUTOCONFIG_PATHS = ("mail/config-v1.1.xml", ".well-known/autoconfig/mail/config-v1.1.xml")
SETTINGS_JSON_PATH = "settings.json"
INCOMING, OUTGOING = ("imap", "pop3"), ("smtp",)

AUTOCONFIG_SOCKET_TYPES = {"ssl": "SSL", "starttls": "STARTTLS", "none": "plain"}
AUTOCONFIG_AUTHENTICATION = {
    "password": "password-cleartext",
    "encrypted_password": "password-encrypted",
}
AUTOCONFIG_USERNAMES = {"email_address": "%EMAILADDRESS%"}
# The draft spec: displayName "MUST be no longer than 60 characters".
AUTOCONFIG_MAX_DISPLAY_NAME = 60

# Apple's "Use SSL" means TLS, direct or by STARTTLS (as Apple's own mail settings pages use it).
APPLE_USE_SSL = {"ssl": True, "starttls": True, "none": False}
APPLE_AUTHENTICATION = {"password": "EmailAuthPassword", "encrypted_password": "EmailAuthCRAMMD5"}


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_post_build(config: MkDocsConfig) -> None:
    """Write the site-wide files once (default language) and this language's profile."""
    site = context.of(config)
    language = site.current
    site_dir = Path(config.site_dir)
    if site.building_default:
        autoconfig = render_autoconfig(site.settings)
        for path in AUTOCONFIG_PATHS:
            _write(site_dir / path, autoconfig)
        _write(site_dir / SETTINGS_JSON_PATH, render_settings_json(site.settings))
    profile = render_apple_profile(site.settings, site.labels[language.locale], language.locale)
    # Signed when PROFILE_SIGNING_CERT and _KEY are set; "unsigned" is said once, by the default language.
    profile = profile_signing.sign_profile(profile, announce=site.building_default)
    _write(site_dir / profile_path(language.prefix), profile)


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` guesses content types from file names; teach it the profile's."""
    if command == "serve":
        mimetypes.add_type(PROFILE_CONTENT_TYPE, Path(PROFILE_PATH).suffix)


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def offered_ports(
    server: dict, key: str, security_words: dict, file: str
) -> list[tuple[dict, Any]]:
    """The ports a set-up file offers, each with the format's word for its security: the
    encrypted ones in the data's order; unencrypted ones only when the server has no encrypted
    port (then they are the truth). A security mode the format has no word for fails the build."""
    ports = [
        (
            entry,
            _mapped(
                security_words,
                entry["security"],
                ("servers", key, "ports", index, "security"),
                file,
            ),
        )
        for index, entry in enumerate(server["ports"])
    ]
    encrypted = [(entry, word) for entry, word in ports if entry["security"] in ENCRYPTED]
    return encrypted or ports


def render_autoconfig(settings: dict) -> bytes:
    """Thunderbird's clientConfig 1.1 file: every value from the data, nothing typed here."""
    provider = settings["provider"]
    file = AUTOCONFIG_PATHS[0]
    root = ET.Element("clientConfig", version="1.1")
    email_provider = ET.SubElement(root, "emailProvider", id=provider["domains"][0])
    for domain in provider["domains"]:
        ET.SubElement(email_provider, "domain").text = domain
    if len(provider["name"]) > AUTOCONFIG_MAX_DISPLAY_NAME:
        raise _unmappable(
            ("provider", "name"),
            provider["name"],
            file,
            f"a name of at most {AUTOCONFIG_MAX_DISPLAY_NAME} characters (it is {len(provider['name'])}); shorten it",
        )
    ET.SubElement(email_provider, "displayName").text = provider["name"]
    username = _mapped(AUTOCONFIG_USERNAMES, settings["username"], ("username",), file)
    for element, server_keys in (("incomingServer", INCOMING), ("outgoingServer", OUTGOING)):
        for key in server_keys:
            server = settings["servers"][key]
            authentication = _mapped(
                AUTOCONFIG_AUTHENTICATION,
                server["authentication"],
                ("servers", key, "authentication"),
                file,
            )
            for entry, socket_type in offered_ports(server, key, AUTOCONFIG_SOCKET_TYPES, file):
                section = ET.SubElement(email_provider, element, type=key)
                ET.SubElement(section, "hostname").text = server["host"]
                ET.SubElement(section, "port").text = str(entry["port"])
                ET.SubElement(section, "socketType").text = socket_type
                ET.SubElement(section, "authentication").text = authentication
                ET.SubElement(section, "username").text = username
    ET.indent(root)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(root, encoding="unicode").encode("utf-8")
        + b"\n"
    )


def render_apple_profile(settings: dict, labels: dict, language: str) -> bytes:
    """An unsigned configuration profile with one com.apple.mail.managed payload (IMAP + SMTP).
    No address, username or password: the device asks for them at install.
    UUIDs are uuid5 over the profile's identifier, so the same data gives the same bytes."""
    provider = settings["provider"]
    identifier = profile_identifier(settings)
    name = _label(labels, "profile.name", language, provider=provider["name"])
    description = _label(labels, "profile.description", language, provider=provider["name"])
    account = {
        "PayloadType": "com.apple.mail.managed",
        "PayloadVersion": 1,
        # The same identifier and UUID in every language and every version of the data: the
        # device updates the installed account in place instead of adding a second one.
        "PayloadIdentifier": f"{identifier}.account",
        "PayloadUUID": _uuid(f"{identifier}.account"),
        "PayloadDisplayName": name,
        "PayloadDescription": description,
        "EmailAccountDescription": name,
        "EmailAccountType": "EmailTypeIMAP",
        **_apple_server(settings, "imap", "Incoming"),
        **_apple_server(settings, "smtp", "Outgoing"),
        "OutgoingPasswordSameAsIncomingPassword": True,
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": identifier,
        "PayloadUUID": _uuid(f"{identifier}/{language}"),
        "PayloadDisplayName": name,
        "PayloadDescription": description,
        "PayloadOrganization": provider["name"],
        "PayloadContent": [account],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)


def render_settings_json(settings: dict) -> bytes:
    """The validated data file as JSON (its shape is data/mail-settings.schema.json)."""
    return (json.dumps(settings, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def profile_identifier(settings: dict) -> str:
    """Reverse-DNS name of the profile, from the provider's first mail domain: com.example.email."""
    return ".".join(reversed(settings["provider"]["domains"][0].lower().split("."))) + ".email"


# --------------------------------------------------------------------------------------------
# Small parts
# --------------------------------------------------------------------------------------------


def _apple_server(settings: dict, key: str, side: str) -> dict:
    """One side (Incoming or Outgoing) of the mail payload: the first port offered."""
    server = settings["servers"][key]
    file = f"the Apple profile ({PROFILE_PATH})"
    entry, use_ssl = offered_ports(server, key, APPLE_USE_SSL, file)[0]
    return {
        f"{side}MailServerHostName": server["host"],
        f"{side}MailServerPortNumber": entry["port"],
        f"{side}MailServerUseSSL": use_ssl,
        f"{side}MailServerAuthentication": _mapped(
            APPLE_AUTHENTICATION, server["authentication"], ("servers", key, "authentication"), file
        ),
    }


def _mapped(mapping: dict, value, path: tuple, file: str) -> Any:
    """The format's word for a data value; a value the format cannot express fails the build."""
    if value not in mapping:
        raise _unmappable(path, value, file, f"one of: {', '.join(mapping)}")
    return mapping[value]


def _unmappable(path: tuple, value, file: str, expected: str) -> PluginError:
    return PluginError(
        f"{SETTINGS_NAME}: {dotted(path)}: "
        f"{value!r} cannot be written into {file}; expected {expected}"
    )


def _label(labels: dict, key: str, language: str, **values) -> str:
    text = labels[key]
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise PluginError(
            f"{LABELS_NAME}: {language}.{key}: cannot fill in "
            f"{text!r} ({error!r}); the placeholders it may use are: "
            f"{', '.join('{' + name + '}' for name in values)}"
        ) from None


def _uuid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, name)).upper()


def _write(path: Path, content: bytes) -> None:
    write_file(content, str(path))
