"""The Apple configuration profiles, one per language: every key as Apple's device-management
schema documents it, the servers from data/mail-settings.yml, the guide's language, and a value
the format cannot express stops the build naming the key."""

from __future__ import annotations

import copy

import pytest
import yaml
from mkdocs.exceptions import PluginError

import setup_files
from setupfiles import (
    APPLE_AUTHENTICATION,
    APPLE_TYPES,
    ENCRYPTED,
    UUID,
    labels_for,
    offered,
    profile,
    reference,
)

# --------------------------------------------------------------------------------------------
# Apple configuration profiles
# --------------------------------------------------------------------------------------------


def apple_keys(name: str) -> dict[str, dict]:
    document = yaml.safe_load(reference(f"apple/{name}.yaml").read_text(encoding="utf-8"))
    return {entry["key"]: entry for entry in document["payloadkeys"]}


def check_against_apple_schema(dictionary: dict, documented: dict[str, dict], where: str) -> None:
    """Required keys present; only documented keys; each value of its documented type and range;
    every key available on both iOS and macOS (the profile is for iPhone, iPad and Mac)."""
    required = {key for key, entry in documented.items() if entry.get("presence") == "required"}
    assert required <= set(dictionary), (
        f"{where}: missing required keys {sorted(required - set(dictionary))}"
    )
    assert set(dictionary) <= set(documented), (
        f"{where}: undocumented keys {sorted(set(dictionary) - set(documented))}"
    )
    for key, value in dictionary.items():
        entry = documented[key]
        expected_type = APPLE_TYPES[entry["type"]]
        assert isinstance(value, expected_type) and not (
            expected_type is int and isinstance(value, bool)
        ), f"{where}: {key} is {type(value).__name__}, Apple documents {entry['type']}"
        if "rangelist" in entry:
            assert value in entry["rangelist"], (
                f"{where}: {key}={value!r} not in {entry['rangelist']}"
            )
        for system in ("iOS", "macOS"):
            assert entry.get("supportedOS", {}).get(system, {}).get("introduced") != "n/a", (
                f"{where}: {key} not on {system}"
            )


def test_each_language_has_a_profile_that_apple_documents_key_by_key(built_site, languages):
    top_level = apple_keys("TopLevel")
    payload_keys = {**apple_keys("CommonPayloadKeys"), **apple_keys("com.apple.mail.managed")}
    payload_type = yaml.safe_load(
        reference("apple/com.apple.mail.managed.yaml").read_text(encoding="utf-8")
    )["payload"]["payloadtype"]
    for language in languages:
        document = profile(built_site, language)
        check_against_apple_schema(document, top_level, f"{language['locale']} profile")
        assert len(document["PayloadContent"]) == 1, "one com.apple.mail.managed payload"
        account = document["PayloadContent"][0]
        check_against_apple_schema(account, payload_keys, f"{language['locale']} mail payload")
        assert account["PayloadType"] == payload_type
        assert UUID.match(document["PayloadUUID"]) and UUID.match(account["PayloadUUID"])
        assert document["PayloadUUID"] != account["PayloadUUID"]
        assert account["PayloadIdentifier"].startswith(document["PayloadIdentifier"] + ".")


def test_the_profile_holds_the_imap_and_smtp_servers_from_the_data_file(
    built_site, languages, mail_settings
):
    for language in languages:
        account = profile(built_site, language)["PayloadContent"][0]
        assert account["EmailAccountType"] == "EmailTypeIMAP"
        for side, key in (("Incoming", "imap"), ("Outgoing", "smtp")):
            server = mail_settings["servers"][key]
            port = offered(server)[0]
            assert account[f"{side}MailServerHostName"] == server["host"]
            assert account[f"{side}MailServerPortNumber"] == port["port"]
            assert account[f"{side}MailServerUseSSL"] is (port["security"] in ENCRYPTED)
            assert (
                account[f"{side}MailServerAuthentication"]
                == APPLE_AUTHENTICATION[server["authentication"]]
            )
        assert account["OutgoingPasswordSameAsIncomingPassword"] is True


def test_the_profile_leaves_address_username_and_password_for_the_device_to_ask(
    built_site, languages
):
    personal = {
        "EmailAddress",
        "EmailAccountName",
        "IncomingMailServerUsername",
        "OutgoingMailServerUsername",
        "IncomingPassword",
        "OutgoingPassword",
    }
    for language in languages:
        account = profile(built_site, language)["PayloadContent"][0]
        assert not personal & set(account), (
            f"{language['locale']}: {sorted(personal & set(account))}"
        )


def test_the_profile_speaks_the_language_of_its_guide(built_site, languages, mail_settings):
    labels = labels_for(languages)
    names = set()
    for language in languages:
        words = labels[language["locale"]]
        document = profile(built_site, language)
        account = document["PayloadContent"][0]
        name = words["profile.name"].format(provider=mail_settings["provider"]["name"])
        description = words["profile.description"].format(
            provider=mail_settings["provider"]["name"]
        )
        assert (
            document["PayloadDisplayName"]
            == account["PayloadDisplayName"]
            == account["EmailAccountDescription"]
            == name
        )
        assert document["PayloadDescription"] == account["PayloadDescription"] == description
        assert document["PayloadOrganization"] == mail_settings["provider"]["name"]
        names.add(name)
    assert len(names) == len(languages), "each language names the profile in its own words"


def test_every_language_installs_as_the_same_profile_and_account(built_site, languages):
    """Same identifiers: installing the other language's profile replaces it, no second account."""
    documents = [profile(built_site, language) for language in languages]
    assert len({d["PayloadIdentifier"] for d in documents}) == 1
    assert len({d["PayloadContent"][0]["PayloadIdentifier"] for d in documents}) == 1
    assert len({d["PayloadContent"][0]["PayloadUUID"] for d in documents}) == 1


def test_a_security_mode_apple_cannot_express_fails_naming_the_key(mail_settings, languages):
    settings = copy.deepcopy(mail_settings)
    settings["servers"]["smtp"]["ports"][0]["security"] = "tls"
    labels = labels_for(languages)[languages[0]["locale"]]
    with pytest.raises(
        PluginError,
        match=r"^data/mail-settings\.yml: servers\.smtp\.ports\[0\]\.security: 'tls' "
        r"cannot be written into the Apple profile",
    ):
        setup_files.render_apple_profile(settings, labels, languages[0]["locale"])


def test_a_profile_label_with_an_unknown_placeholder_names_the_label(mail_settings, languages):
    locale = languages[0]["locale"]
    labels = dict(labels_for(languages)[locale], **{"profile.name": "{company} mail"})
    with pytest.raises(
        PluginError,
        match=rf"^data/labels\.yml: {locale}\.profile\.name: cannot fill in .* \{{provider\}}",
    ):
        setup_files.render_apple_profile(mail_settings, labels, locale)


# --------------------------------------------------------------------------------------------
# settings.json, and all files together
# --------------------------------------------------------------------------------------------
