"""The automatic set-up files: Thunderbird's autoconfig file, one Apple profile per language and
settings.json, read from the built site like a mail client would, hold exactly what
data/mail-settings.yml says; they follow their upstream schemas; the same data gives the same
bytes; a changed data file reaches every one of them; a value a format cannot express stops the
build."""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys
import time
import urllib.request
from pathlib import PurePosixPath

import pytest
from bs4 import BeautifulSoup

from setupfiles import (
    AUTOCONFIG_FILES,
    PROFILE,
    autoconfig,
    edit_data,
    generated_files,
    labels_for,
    profile,
    servers_in_xml,
)
from sitebuild import PROJECT_DIR
from tools.kit.net import free_port


def test_settings_json_is_the_data_file_for_tools(built_site, mail_settings):
    assert json.loads((built_site / "settings.json").read_text(encoding="utf-8")) == mail_settings


def test_two_builds_of_the_same_data_give_byte_identical_files(built_site, build_copy, languages):
    again = build_copy(lambda project: None)
    assert again.returncode == 0, again.output
    for path in generated_files(built_site, languages):
        assert (again.site / path).read_bytes() == (built_site / path).read_bytes(), path


def test_a_changed_data_file_reaches_every_generated_file_in_the_same_build(
    build_copy, mail_settings, languages
):
    imap, smtp = mail_settings["servers"]["imap"], mail_settings["servers"]["smtp"]
    build = build_copy(
        edit_data(
            [
                (f"host: {imap['host']}", "host: imap.changed.example.net"),
                (f"port: {smtp['ports'][0]['port']}", "port: 2465"),
                (f"name: {mail_settings['provider']['name']}", "name: Changed Mail"),
            ]
        )
    )
    assert build.returncode == 0, build.output
    root = autoconfig(build.site)
    imap_hosts = [
        s["hostname"] for s in servers_in_xml(root, "incomingServer") if s["type"] == "imap"
    ]
    assert imap_hosts and set(imap_hosts) == {"imap.changed.example.net"}
    assert servers_in_xml(root, "outgoingServer")[0]["port"] == "2465"
    assert root.find("emailProvider").findtext("displayName") == "Changed Mail"
    assert (build.site / AUTOCONFIG_FILES[1]).read_bytes() == (
        build.site / AUTOCONFIG_FILES[0]
    ).read_bytes()
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
    assert (
        "data/mail-settings.yml:" in build.output
        and "security: expected one of: ssl, starttls, none, got 'tls'" in build.output
    )
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
        soup = BeautifulSoup(
            (built_site / page_dir / "index.html").read_text(encoding="utf-8"), "lxml"
        )
        buttons = soup.select('a.md-button[data-download="apple-profile"]')
        assert len(buttons) == 1, f"/{page_dir}: one download button"
        button = buttons[0]
        assert not button.has_attr("download"), "iOS would save the file instead of installing it"
        assert button["type"] == "application/x-apple-aspen-config"
        assert button.get_text(strip=True) == labels[language["locale"]]["profile.download"]
        target = os.path.normpath(PurePosixPath(page_dir, str(button["href"])).as_posix())
        assert target == f"{language['prefix']}{PROFILE}"
        assert (built_site / target).is_file()


def test_mkdocs_serve_serves_the_set_up_files_with_their_content_types(languages, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--no-livereload",
        ],
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
            assert server.poll() is None, (
                f"mkdocs serve stopped:\n{(tmp_path / 'serve.log').read_text()}"
            )
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
