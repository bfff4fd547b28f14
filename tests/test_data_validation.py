"""An editor's mistake in data/mail-settings.yml or data/labels.yml gets one clear message:
the file, the line and key, what was expected. Each bad input of the foundation issue is here."""

from __future__ import annotations

import re

import pytest
import yaml

from helpcenter.datafiles import DataError
from helpcenter.labels import LABELS, LABELS_FILE, load_labels
from helpcenter.mailsettings import SERVER_KEYS, SETTINGS_FILE, load_settings

GOOD_SETTINGS = SETTINGS_FILE.read_text(encoding="utf-8")
GOOD_LABELS = LABELS_FILE.read_text(encoding="utf-8")


def settings_error(tmp_path, text: str | bytes) -> str:
    path = tmp_path / "mail-settings.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(DataError) as caught:
        load_settings(path)
    return str(caught.value)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"{old!r} is not in the data file any more; update the test"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_real_data_files_are_valid():
    settings = load_settings()
    assert set(settings["servers"]) == set(SERVER_KEYS)
    labels = load_labels(list(yaml.safe_load(GOOD_LABELS)))
    assert all(set(LABELS) <= set(found) for found in labels.values())


@pytest.mark.parametrize("bad_port", ["abc", "0", "65536", "99999", "9.5", "-1"])
def test_a_port_outside_1_to_65535_is_rejected(tmp_path, bad_port):
    text = replace_once(GOOD_SETTINGS, "port: 993", f"port: {bad_port}")
    message = settings_error(tmp_path, text)
    line = line_of(text, f"port: {bad_port}")
    assert (
        f"mail-settings.yml:{line}: servers.imap.ports[0].port: expected an integer 1-65535, got"
        in message
    )


def test_a_quoted_number_is_not_a_port(tmp_path):
    message = settings_error(tmp_path, replace_once(GOOD_SETTINGS, "port: 465", "port: '465'"))
    assert "servers.smtp.ports[0].port: expected an integer 1-65535, got '465'" in message


def test_an_unknown_security_mode_is_rejected(tmp_path):
    message = settings_error(
        tmp_path, replace_once(GOOD_SETTINGS, "security: ssl", "security: tls13")
    )
    assert (
        "servers.imap.ports[0].security: expected one of: ssl, starttls, none, got 'tls13'"
        in message
    )


def test_yaml_booleans_are_explained(tmp_path):
    message = settings_error(
        tmp_path, replace_once(GOOD_SETTINGS, "security: none", "security: off")
    )
    assert "expected one of: ssl, starttls, none, got False" in message
    assert "put the word in quotes" in message


def test_an_unknown_authentication_is_rejected(tmp_path):
    message = settings_error(
        tmp_path,
        replace_once(GOOD_SETTINGS, "authentication: password", "authentication: autodetect"),
    )
    assert (
        "servers.imap.authentication: expected one of: password, encrypted_password, got 'autodetect'"
        in message
    )


@pytest.mark.parametrize(
    "bad_host",
    [
        "mail..example.com",
        "-mail.example.com",
        "mail_example.com",
        "'mail.example.com/x'",
        "'<b>mail.example.com</b>'",
        "'mail.example.com\"><script>alert(1)</script>'",
        "'a b.example.com'",
    ],
)
def test_a_host_that_is_not_a_dns_name_is_rejected(tmp_path, bad_host):
    text = replace_once(GOOD_SETTINGS, "host: mail.b.hostedemail.com", f"host: {bad_host}")
    message = settings_error(tmp_path, text)
    assert (
        f"mail-settings.yml:{line_of(text, bad_host)}: servers.imap.host: expected a DNS host name"
        in message
    )


def test_a_missing_required_key_is_named(tmp_path):
    text = GOOD_SETTINGS.replace("    host: mail.b.hostedemail.com\n", "", 1)
    message = settings_error(tmp_path, text)
    assert "servers.imap: missing required key 'host'; add it" in message


def test_a_misspelt_key_is_named_with_a_suggestion(tmp_path):
    text = replace_once(
        GOOD_SETTINGS, "    host: mail.b.hostedemail.com", "    hots: mail.b.hostedemail.com"
    )
    message = settings_error(tmp_path, text)
    assert (
        f"mail-settings.yml:{line_of(text, 'hots:')}: servers.imap.hots: unknown key 'hots'; did you mean 'host'?"
        in message
    )


def test_a_duplicate_key_is_rejected_not_silently_overwritten(tmp_path):
    text = replace_once(
        GOOD_SETTINGS,
        "    host: mail.b.hostedemail.com\n",
        "    host: mail.b.hostedemail.com\n    host: other.example.com\n",
    )
    message = settings_error(tmp_path, text)
    first = line_of(text, "host: mail.b.hostedemail.com")
    assert (
        f"mail-settings.yml:{first + 1}: YAML syntax error: "
        f"duplicate key 'host' (first given on line {first}); keep only one" in message
    )


def test_a_yaml_syntax_error_names_the_line(tmp_path):
    text = replace_once(
        GOOD_SETTINGS, "    authentication: password\n", "    authentication: [password\n"
    )
    message = settings_error(tmp_path, text)
    assert re.search(r"mail-settings\.yml:\d+: YAML syntax error: ", message)


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n"])
def test_an_empty_file_is_rejected(tmp_path, content):
    assert "mail-settings.yml: the file is empty" in settings_error(tmp_path, content)


def test_a_missing_file_is_rejected(tmp_path):
    with pytest.raises(DataError, match=r"mail-settings\.yml: file not found"):
        load_settings(tmp_path / "mail-settings.yml")


def test_a_file_that_is_not_utf8_is_rejected(tmp_path):
    text = GOOD_SETTINGS.encode("utf-8") + "# Malmö\n".encode("latin-1")
    message = settings_error(tmp_path, text)
    assert re.search(
        r"mail-settings\.yml:\d+: not UTF-8 text \(byte 0xf6\); save the file as UTF-8", message
    )


def test_a_port_listed_twice_is_rejected(tmp_path):
    text = replace_once(GOOD_SETTINGS, "port: 110", "port: 995")
    assert "servers.pop3.ports[1].port: port 995 is listed twice" in settings_error(tmp_path, text)


def test_all_problems_are_listed_in_line_order(tmp_path):
    text = replace_once(GOOD_SETTINGS, "port: 993", "port: abc")
    text = replace_once(text, "port: 465", "port: 0")
    message = settings_error(tmp_path, text)
    assert message.index("servers.imap") < message.index("servers.smtp")


def labels_error(tmp_path, text: str, languages: list[str]) -> str:
    path = tmp_path / "labels.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_labels(languages, path)
    return str(caught.value)


def test_a_label_missing_in_one_language_is_named(tmp_path):
    languages = list(yaml.safe_load(GOOD_LABELS))
    last = languages[-1]
    data = yaml.safe_load(GOOD_LABELS)
    del data[last]["table"]["host"]
    message = labels_error(tmp_path, yaml.safe_dump(data, allow_unicode=True), languages)
    assert "labels.yml:" in message
    assert f"{last}.table.host: missing label in language '{last}'" in message


def test_a_language_without_labels_is_named(tmp_path):
    message = labels_error(tmp_path, GOOD_LABELS, [*yaml.safe_load(GOOD_LABELS), "fi"])
    assert "fi: language 'fi' has no labels; add a fi: section" in message


def test_a_misspelt_label_is_named(tmp_path):
    languages = list(yaml.safe_load(GOOD_LABELS))
    text = GOOD_LABELS.replace("    authentication:", "    authentcation:", 1)
    message = labels_error(tmp_path, text, languages)
    assert "unknown label; did you mean 'table.authentication'?" in message


# --------------------------------------------------------------------------------------------
# Labels are typed: each key declares its {placeholders} (hooks/helpcenter/labels.py, LABELS)
# --------------------------------------------------------------------------------------------

LANGUAGES = list(yaml.safe_load(GOOD_LABELS))
SUPPORT_EN = '  support: "Write to us at {email} or {chat}.'


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{email} or {chat}",
            "{emial} or {chat}",
            "en.support: unknown placeholder {emial}; did you mean {email}?",
        ),
        (
            "{email} or {chat}",
            "{email} or us",
            "en.support: missing placeholder {chat}; the text must contain it (this label takes: {email}, {chat})",
        ),
        (
            "{email} or {chat}",
            "{email} or {chat} {port}",
            "en.support: unknown placeholder {port}; this label takes: {email}, {chat}",
        ),
        ("{email} or {chat}", "{email} or {chat", "en.support: a lone '{' or '}'"),
    ],
)
def test_a_wrong_placeholder_fails_with_the_labels_line(tmp_path, old, new, expected):
    line = line_of(GOOD_LABELS, SUPPORT_EN)
    text = replace_once(GOOD_LABELS, SUPPORT_EN, SUPPORT_EN.replace(old, new))
    message = labels_error(tmp_path, text, LANGUAGES)
    assert f"labels.yml:{line}: {expected}" in message


def test_a_placeholder_in_a_label_that_takes_none_is_named(tmp_path):
    text = replace_once(
        GOOD_LABELS, "  support_chat: chatta med oss", "  support_chat: chatta med {provider}"
    )
    line = line_of(text, "  support_chat: chatta med {provider}")
    assert (
        f"labels.yml:{line}: sv.support_chat: unknown placeholder {{provider}}; this label takes: none"
        in labels_error(tmp_path, text, LANGUAGES)
    )


def test_every_declared_placeholder_is_in_the_real_labels():
    from helpcenter.labels import LABELS, placeholders

    for language, found in load_labels(LANGUAGES).items():
        for key, wanted in LABELS.items():
            assert set(placeholders(found[key])) == set(wanted), f"{language}.{key}"


def test_a_hook_filling_a_label_with_other_parts_is_a_programming_error():
    labels = load_labels(LANGUAGES)[LANGUAGES[0]]
    with pytest.raises(TypeError, match="label 'support' takes"):
        labels.html("support", email="a")
