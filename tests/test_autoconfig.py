"""Thunderbird's autoconfig file, read from the built site as Thunderbird reads it: at both
addresses it tries, valid against the draft's RELAX NG schema, accepted by Thunderbird's own
parser's rules, holding exactly what data/mail-settings.yml says."""

from __future__ import annotations

import copy

import pytest
from lxml import etree  # pyright: ignore[reportAttributeAccessIssue]  (lxml has no type stubs)
from mkdocs.exceptions import PluginError

import setup_files
from setupfiles import (
    AUTOCONFIG_FILES,
    THUNDERBIRD_AUTHENTICATION,
    THUNDERBIRD_HOSTNAME,
    THUNDERBIRD_INCOMING_TYPES,
    THUNDERBIRD_SOCKET_TYPES,
    autoconfig,
    expected_servers,
    reference,
    servers_in_xml,
)

# --------------------------------------------------------------------------------------------
# Thunderbird autoconfig
# --------------------------------------------------------------------------------------------


def test_thunderbird_finds_the_same_file_at_both_addresses_it_tries(built_site):
    first, well_known = (built_site / path for path in AUTOCONFIG_FILES)
    assert first.read_bytes() == well_known.read_bytes()
    assert first.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), "UTF-8, no BOM"


def test_the_autoconfig_file_validates_against_the_relax_ng_schema(built_site):
    schema = etree.RelaxNG(etree.parse(str(reference("autoconfig/autoconfig.rng"))))
    document = etree.parse(str(built_site / AUTOCONFIG_FILES[0]))
    assert schema.validate(document), schema.error_log
    assert document.getroot().get("version") == "1.1"


def test_the_autoconfig_file_holds_every_value_from_the_data_file(built_site, mail_settings):
    root = autoconfig(built_site)
    provider = root.find("emailProvider")
    assert provider.get("id") == mail_settings["provider"]["domains"][0]
    assert [domain.text for domain in provider.findall("domain")] == mail_settings["provider"][
        "domains"
    ]
    assert provider.findtext("displayName") == mail_settings["provider"]["name"]
    assert servers_in_xml(root, "incomingServer") == expected_servers(
        mail_settings, ("imap", "pop3")
    )
    assert servers_in_xml(root, "outgoingServer") == expected_servers(mail_settings, ("smtp",))


def test_the_autoconfig_file_has_what_thunderbirds_parser_requires(built_site):
    root = autoconfig(built_site)
    assert root.tag == "clientConfig"
    provider = root.find("emailProvider")
    assert THUNDERBIRD_HOSTNAME.match(provider.get("id"))
    assert provider.findall("domain") and all(
        THUNDERBIRD_HOSTNAME.match(d.text) for d in provider.findall("domain")
    )
    incoming, outgoing = (
        servers_in_xml(root, "incomingServer"),
        servers_in_xml(root, "outgoingServer"),
    )
    assert incoming and outgoing
    assert incoming[0]["type"] == "imap", (
        "Thunderbird takes the first incoming server as the preferred one"
    )
    for server in incoming + outgoing:
        assert THUNDERBIRD_HOSTNAME.match(server["hostname"])
        assert 1 <= int(server["port"]) <= 65535
        assert server["socketType"] in THUNDERBIRD_SOCKET_TYPES
        assert server["authentication"] in THUNDERBIRD_AUTHENTICATION
        assert server["username"], "Thunderbird needs a username for password authentication"
    assert all(server["type"] in THUNDERBIRD_INCOMING_TYPES for server in incoming)
    assert all(server["type"] == "smtp" for server in outgoing)


def test_an_unencrypted_port_is_offered_only_when_a_server_has_no_encrypted_one(mail_settings):
    settings = copy.deepcopy(mail_settings)
    settings["servers"]["imap"]["ports"] = [
        {"port": 143, "security": "none"},
        {"port": 993, "security": "ssl"},
    ]
    settings["servers"]["pop3"]["ports"] = [{"port": 110, "security": "none"}]
    root = etree.fromstring(setup_files.render_autoconfig(settings))
    incoming = [
        (s["type"], s["port"], s["socketType"]) for s in servers_in_xml(root, "incomingServer")
    ]
    assert incoming == [("imap", "993", "SSL"), ("pop3", "110", "plain")]


@pytest.mark.parametrize(
    ("edit", "key", "value"),
    [
        (
            lambda s: s["servers"]["imap"]["ports"][0].update(security="tls"),
            "servers.imap.ports[0].security",
            "'tls'",
        ),
        (
            lambda s: s["servers"]["pop3"]["ports"].append({"port": 1995, "security": "tls"}),
            "servers.pop3.ports[2].security",
            "'tls'",
        ),
        (
            lambda s: s["servers"]["smtp"].update(authentication="oauth"),
            "servers.smtp.authentication",
            "'oauth'",
        ),
        (lambda s: s.update(username="local_part"), "username", "'local_part'"),
        (lambda s: s["provider"].update(name="N" * 61), "provider.name", "'" + "N" * 61 + "'"),
    ],
)
def test_a_value_the_autoconfig_format_cannot_express_fails_naming_the_key(
    mail_settings, edit, key, value
):
    settings = copy.deepcopy(mail_settings)
    edit(settings)
    with pytest.raises(PluginError) as caught:
        setup_files.render_autoconfig(settings)
    assert str(caught.value).startswith(
        f"data/mail-settings.yml: {key}: {value} cannot be written into mail/config-v1.1.xml; expected "
    )
