"""The automatic set-up files: Thunderbird's autoconfig file, one Apple profile per language and
settings.json, read from the built site like a mail client would, hold exactly what
data/mail-settings.yml says; they follow their upstream schemas; the same data gives the same
bytes; a changed data file reaches every one of them; a value a format cannot express stops the
build."""

from __future__ import annotations

import copy
import json
import os
import plistlib
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path, PurePosixPath

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree
from mkdocs.exceptions import PluginError

import mail_data
import setup_files
from sitebuild import PROJECT_DIR
from tools.kit.net import free_port

# The upstream schemas, copied byte for byte with their licences (tests/reference/SOURCES.md).
REFERENCE_DIR = PROJECT_DIR / "tests" / "reference"

AUTOCONFIG_FILES = ("mail/config-v1.1.xml", ".well-known/autoconfig/mail/config-v1.1.xml")
PROFILE = "profiles/email.mobileconfig"

# The words of each format for the data file's values (autoconfig draft; Apple's payload keys).
SOCKET_TYPES = {"ssl": "SSL", "starttls": "STARTTLS", "none": "plain"}
AUTOCONFIG_AUTHENTICATION = {"password": "password-cleartext", "encrypted_password": "password-encrypted"}
APPLE_AUTHENTICATION = {"password": "EmailAuthPassword", "encrypted_password": "EmailAuthCRAMMD5"}
ENCRYPTED = ("ssl", "starttls")

# What Thunderbird's readFromXML.sys.mjs accepts (see tests/reference/SOURCES.md).
THUNDERBIRD_HOSTNAME = re.compile(
    r"^(([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.?$", re.I
)
THUNDERBIRD_INCOMING_TYPES = ("pop3", "imap", "nntp", "exchange")
THUNDERBIRD_SOCKET_TYPES = ("plain", "SSL", "STARTTLS")
THUNDERBIRD_AUTHENTICATION = ("password-cleartext", "plain", "password-encrypted", "secure", "GSSAPI", "NTLM", "OAuth2")

# Property-list types of Apple's schema (apple/device-management docs/schema.md).
APPLE_TYPES = {"<string>": str, "<integer>": int, "<boolean>": bool, "<array>": list, "<dictionary>": dict, "<data>": bytes, "<real>": float}
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
    """The rule the README states: encrypted ports; unencrypted ones only if there is no other."""
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


def labels_for(languages: list[dict]) -> dict[str, dict[str, str]]:
    return mail_data.load_labels([language["locale"] for language in languages])


def generated_files(site: Path, languages: list[dict]) -> list[str]:
    return [*AUTOCONFIG_FILES, "settings.json", *(f"{language['prefix']}{PROFILE}" for language in languages)]


def edit_data(replacements: list[tuple[str, str]]):
    def edit(project: Path):
        path = project / "data" / "mail-settings.yml"
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} is not in the data file any more; update the test"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    return edit


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
    assert [domain.text for domain in provider.findall("domain")] == mail_settings["provider"]["domains"]
    assert provider.findtext("displayName") == mail_settings["provider"]["name"]
    assert servers_in_xml(root, "incomingServer") == expected_servers(mail_settings, ("imap", "pop3"))
    assert servers_in_xml(root, "outgoingServer") == expected_servers(mail_settings, ("smtp",))


def test_the_autoconfig_file_has_what_thunderbirds_parser_requires(built_site):
    root = autoconfig(built_site)
    assert root.tag == "clientConfig"
    provider = root.find("emailProvider")
    assert THUNDERBIRD_HOSTNAME.match(provider.get("id"))
    assert provider.findall("domain") and all(THUNDERBIRD_HOSTNAME.match(d.text) for d in provider.findall("domain"))
    incoming, outgoing = servers_in_xml(root, "incomingServer"), servers_in_xml(root, "outgoingServer")
    assert incoming and outgoing
    assert incoming[0]["type"] == "imap", "Thunderbird takes the first incoming server as the preferred one"
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
    settings["servers"]["imap"]["ports"] = [{"port": 143, "security": "none"}, {"port": 993, "security": "ssl"}]
    settings["servers"]["pop3"]["ports"] = [{"port": 110, "security": "none"}]
    root = etree.fromstring(setup_files.render_autoconfig(settings))
    incoming = [(s["type"], s["port"], s["socketType"]) for s in servers_in_xml(root, "incomingServer")]
    assert incoming == [("imap", "993", "SSL"), ("pop3", "110", "plain")]


@pytest.mark.parametrize(
    ("edit", "key", "value"),
    [
        (lambda s: s["servers"]["imap"]["ports"][0].update(security="tls"), "servers.imap.ports[0].security", "'tls'"),
        (lambda s: s["servers"]["pop3"]["ports"].append({"port": 1995, "security": "tls"}), "servers.pop3.ports[2].security", "'tls'"),
        (lambda s: s["servers"]["smtp"].update(authentication="oauth"), "servers.smtp.authentication", "'oauth'"),
        (lambda s: s.update(username="local_part"), "username", "'local_part'"),
        (lambda s: s["provider"].update(name="N" * 61), "provider.name", "'" + "N" * 61 + "'"),
    ],
)
def test_a_value_the_autoconfig_format_cannot_express_fails_naming_the_key(mail_settings, edit, key, value):
    settings = copy.deepcopy(mail_settings)
    edit(settings)
    with pytest.raises(PluginError) as caught:
        setup_files.render_autoconfig(settings)
    assert str(caught.value).startswith(f"data/mail-settings.yml: {key}: {value} cannot be written into mail/config-v1.1.xml; expected ")


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
    assert required <= set(dictionary), f"{where}: missing required keys {sorted(required - set(dictionary))}"
    assert set(dictionary) <= set(documented), f"{where}: undocumented keys {sorted(set(dictionary) - set(documented))}"
    for key, value in dictionary.items():
        entry = documented[key]
        expected_type = APPLE_TYPES[entry["type"]]
        assert isinstance(value, expected_type) and not (expected_type is int and isinstance(value, bool)), (
            f"{where}: {key} is {type(value).__name__}, Apple documents {entry['type']}"
        )
        if "rangelist" in entry:
            assert value in entry["rangelist"], f"{where}: {key}={value!r} not in {entry['rangelist']}"
        for system in ("iOS", "macOS"):
            assert entry.get("supportedOS", {}).get(system, {}).get("introduced") != "n/a", f"{where}: {key} not on {system}"


def test_each_language_has_a_profile_that_apple_documents_key_by_key(built_site, languages):
    top_level = apple_keys("TopLevel")
    payload_keys = {**apple_keys("CommonPayloadKeys"), **apple_keys("com.apple.mail.managed")}
    payload_type = yaml.safe_load(reference("apple/com.apple.mail.managed.yaml").read_text(encoding="utf-8"))["payload"]["payloadtype"]
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


def test_the_profile_holds_the_imap_and_smtp_servers_from_the_data_file(built_site, languages, mail_settings):
    for language in languages:
        account = profile(built_site, language)["PayloadContent"][0]
        assert account["EmailAccountType"] == "EmailTypeIMAP"
        for side, key in (("Incoming", "imap"), ("Outgoing", "smtp")):
            server = mail_settings["servers"][key]
            port = offered(server)[0]
            assert account[f"{side}MailServerHostName"] == server["host"]
            assert account[f"{side}MailServerPortNumber"] == port["port"]
            assert account[f"{side}MailServerUseSSL"] is (port["security"] in ENCRYPTED)
            assert account[f"{side}MailServerAuthentication"] == APPLE_AUTHENTICATION[server["authentication"]]
        assert account["OutgoingPasswordSameAsIncomingPassword"] is True


def test_the_profile_leaves_address_username_and_password_for_the_device_to_ask(built_site, languages):
    personal = {"EmailAddress", "EmailAccountName", "IncomingMailServerUsername", "OutgoingMailServerUsername", "IncomingPassword", "OutgoingPassword"}
    for language in languages:
        account = profile(built_site, language)["PayloadContent"][0]
        assert not personal & set(account), f"{language['locale']}: {sorted(personal & set(account))}"


def test_the_profile_speaks_the_language_of_its_guide(built_site, languages, mail_settings):
    labels = labels_for(languages)
    names = set()
    for language in languages:
        words = labels[language["locale"]]
        document = profile(built_site, language)
        account = document["PayloadContent"][0]
        name = words["profile.name"].format(provider=mail_settings["provider"]["name"])
        description = words["profile.description"].format(provider=mail_settings["provider"]["name"])
        assert document["PayloadDisplayName"] == account["PayloadDisplayName"] == account["EmailAccountDescription"] == name
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
    with pytest.raises(PluginError, match=r"^data/mail-settings\.yml: servers\.smtp\.ports\[0\]\.security: 'tls' cannot be written into the Apple profile"):
        setup_files.render_apple_profile(settings, labels, languages[0]["locale"])


def test_a_profile_label_with_an_unknown_placeholder_names_the_label(mail_settings, languages):
    locale = languages[0]["locale"]
    labels = dict(labels_for(languages)[locale], **{"profile.name": "{company} mail"})
    with pytest.raises(PluginError, match=rf"^data/labels\.yml: {locale}\.profile\.name: cannot fill in .* \{{provider\}}"):
        setup_files.render_apple_profile(mail_settings, labels, locale)


# --------------------------------------------------------------------------------------------
# settings.json, and all files together
# --------------------------------------------------------------------------------------------


def test_settings_json_is_the_data_file_for_tools(built_site, mail_settings):
    assert json.loads((built_site / "settings.json").read_text(encoding="utf-8")) == mail_settings


def test_two_builds_of_the_same_data_give_byte_identical_files(built_site, build_copy, languages):
    again = build_copy(lambda project: None)
    assert again.returncode == 0, again.output
    for path in generated_files(built_site, languages):
        assert (again.site / path).read_bytes() == (built_site / path).read_bytes(), path


def test_a_changed_data_file_reaches_every_generated_file_in_the_same_build(build_copy, mail_settings, languages):
    imap, smtp = mail_settings["servers"]["imap"], mail_settings["servers"]["smtp"]
    build = build_copy(edit_data([
        (f"host: {imap['host']}", "host: imap.changed.example.net"),
        (f"port: {smtp['ports'][0]['port']}", "port: 2465"),
        (f"name: {mail_settings['provider']['name']}", "name: Changed Mail"),
    ]))
    assert build.returncode == 0, build.output
    root = autoconfig(build.site)
    imap_hosts = [s["hostname"] for s in servers_in_xml(root, "incomingServer") if s["type"] == "imap"]
    assert imap_hosts and set(imap_hosts) == {"imap.changed.example.net"}
    assert servers_in_xml(root, "outgoingServer")[0]["port"] == "2465"
    assert root.find("emailProvider").findtext("displayName") == "Changed Mail"
    assert (build.site / AUTOCONFIG_FILES[1]).read_bytes() == (build.site / AUTOCONFIG_FILES[0]).read_bytes()
    for language in languages:
        document = profile(build.site, language)
        account = document["PayloadContent"][0]
        assert account["IncomingMailServerHostName"] == "imap.changed.example.net"
        assert account["OutgoingMailServerPortNumber"] == 2465
        assert document["PayloadOrganization"] == "Changed Mail"
    data = json.loads((build.site / "settings.json").read_text(encoding="utf-8"))
    assert data["servers"]["imap"]["host"] == "imap.changed.example.net"
    assert data["servers"]["smtp"]["ports"][0]["port"] == 2465


def test_an_unknown_security_mode_stops_the_build_before_any_file_is_written(build_copy):
    build = build_copy(edit_data([("security: ssl", "security: tls")]))
    assert build.returncode != 0
    assert "data/mail-settings.yml:" in build.output and "security: expected one of: ssl, starttls, none, got 'tls'" in build.output
    assert "Traceback" not in build.output
    assert not (build.site / AUTOCONFIG_FILES[0]).exists(), "never a silently wrong file"


# --------------------------------------------------------------------------------------------
# The download button, and `mkdocs serve`
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("guide", ["guides/iphone", "guides/apple-mail"])
def test_the_apple_guides_link_their_languages_profile(built_site, languages, guide):
    labels = labels_for(languages)
    for language in languages:
        page_dir = f"{language['prefix']}{guide}/"
        soup = BeautifulSoup((built_site / page_dir / "index.html").read_text(encoding="utf-8"), "lxml")
        buttons = soup.select('a.md-button[data-download="apple-profile"]')
        assert len(buttons) == 1, f"/{page_dir}: one download button"
        button = buttons[0]
        assert not button.has_attr("download"), "iOS would save the file instead of installing it"
        assert button["type"] == "application/x-apple-aspen-config"
        assert button.get_text(strip=True) == labels[language["locale"]]["profile.download"]
        target = os.path.normpath(PurePosixPath(page_dir, button["href"]).as_posix())
        assert target == f"{language['prefix']}{PROFILE}"
        assert (built_site / target).is_file()


def test_mkdocs_serve_serves_the_set_up_files_with_their_content_types(languages, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=PROJECT_DIR,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        def get(path: str):
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10)

        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, f"mkdocs serve stopped:\n{(tmp_path / 'serve.log').read_text()}"
            try:
                get("settings.json").close()
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not answer within 120 s"
                time.sleep(0.5)
        for path in AUTOCONFIG_FILES:
            with get(path) as response:
                assert response.headers.get_content_type() in ("application/xml", "text/xml"), path
        for language in languages:
            with get(f"{language['prefix']}{PROFILE}") as response:
                assert response.headers.get_content_type() == "application/x-apple-aspen-config"
                assert plistlib.loads(response.read())["PayloadType"] == "Configuration"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
