"""Signed Apple profiles: given a certificate and key (environment variables naming files), the
build signs each profile as CMS SignedData; `openssl cms -verify` accepts it against the CA that
issued the certificate, and the payload inside is the unsigned build's profile, byte for byte.
The CA is made in the test (tests/testca.py); nothing secret is in the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from helpcenter import profile_signing
from setupfiles import PROFILE
from sitebuild import copy_project
from testca import TestCA
from tools.kit.build import strict_build

OPENSSL = shutil.which("openssl")
UNSIGNED_NOTE = "Apple profiles are unsigned"


@pytest.fixture(scope="module")
def signer(tmp_path_factory) -> tuple[TestCA, Path, Path]:
    ca = TestCA(tmp_path_factory.mktemp("signing-ca"), name="Profile Signing Test CA")
    cert, key = ca.issue_signer("profile-signer", "Mail Help Center profiles")
    return ca, cert, key


def signed_build(tmp_path: Path, env: dict[str, str]):
    project = copy_project(tmp_path / "project")
    return strict_build(project, tmp_path / "site", env=env)


@pytest.fixture(scope="module")
def signed_site(signer, tmp_path_factory) -> Path:
    """The site built once with the test signing certificate and key."""
    _, cert, key = signer
    env = {"PROFILE_SIGNING_CERT": str(cert), "PROFILE_SIGNING_KEY": str(key)}
    build = signed_build(tmp_path_factory.mktemp("signed"), env)
    assert build.ok, build.output
    assert UNSIGNED_NOTE not in build.output
    return build.site


def openssl_verify(signed: Path, cafile: Path, out: Path) -> subprocess.CompletedProcess:
    assert OPENSSL, "openssl is not installed (Debian: apt-get install openssl)"
    command = [OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in", str(signed)]
    return subprocess.run(
        [*command, "-CAfile", str(cafile), "-out", str(out)], capture_output=True, text=True
    )


def test_a_signed_profile_verifies_against_its_ca_and_holds_the_unsigned_profile(
    built_site, signed_site, languages, signer, tmp_path
):
    ca, _, _ = signer
    for language in languages:
        path = f"{language['prefix']}{PROFILE}"
        signed = signed_site / path
        assert signed.read_bytes()[:1] == b"\x30", f"{path}: not DER (a CMS structure)"
        verified = openssl_verify(signed, ca.cafile, tmp_path / "payload")
        assert verified.returncode == 0, f"{path}: {verified.stderr}"
        assert (tmp_path / "payload").read_bytes() == (built_site / path).read_bytes(), path


def test_a_profile_signed_by_another_ca_does_not_verify(signed_site, languages, tmp_path):
    """The check above can fail: the same signature against a CA that did not issue it."""
    stranger = TestCA(tmp_path / "stranger", name="Someone Else's CA")
    signed = signed_site / f"{languages[0]['prefix']}{PROFILE}"
    assert openssl_verify(signed, stranger.cafile, tmp_path / "payload").returncode != 0


def test_without_a_certificate_the_profile_is_unsigned_and_the_build_says_so_once(
    tmp_path, languages
):
    build = signed_build(tmp_path, {"PROFILE_SIGNING_CERT": "", "PROFILE_SIGNING_KEY": ""})
    assert build.ok, build.output
    assert build.output.count(UNSIGNED_NOTE) == 1, build.output
    profile = (build.site / f"{languages[0]['prefix']}{PROFILE}").read_bytes()
    assert profile.startswith(b"<?xml"), "an unsigned profile is the property list itself"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("cert", "PROFILE_SIGNING_CERT is set but PROFILE_SIGNING_KEY is not"),
        ("wrong-key", "is not the key of PROFILE_SIGNING_CERT"),
        ("missing-file", "PROFILE_SIGNING_KEY=/nonexistent/key.pem: no such file"),
    ],
)
def test_half_a_signing_configuration_stops_the_build_naming_the_variable(
    signer, monkeypatch, given, message
):
    ca, cert, key = signer
    other_cert, _ = ca.issue_signer("other", "Someone else")
    env = {
        "cert": {"PROFILE_SIGNING_CERT": str(cert), "PROFILE_SIGNING_KEY": ""},
        "wrong-key": {"PROFILE_SIGNING_CERT": str(other_cert), "PROFILE_SIGNING_KEY": str(key)},
        "missing-file": {
            "PROFILE_SIGNING_CERT": str(cert),
            "PROFILE_SIGNING_KEY": "/nonexistent/key.pem",
        },
    }[given]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(PluginError, match=re.escape(message)):
        profile_signing.sign_profile(b"<?xml version='1.0'?><plist/>")
