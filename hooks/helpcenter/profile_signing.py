"""Sign the Apple configuration profiles, so iOS and macOS show the provider as verified
instead of a red "Not Verified" to the reader who installs one.

Not a hook: hooks/setup_files.py calls `sign_profile` on each profile it writes. The
certificate and its key come from files named in environment variables, never from the
repository (DEPLOY.md, "Signed Apple profiles", says how to get one and keep it as a CI secret):

    PROFILE_SIGNING_CERT   the signing certificate (PEM)
    PROFILE_SIGNING_KEY    its private key (PEM, PKCS#8 or traditional)
    PROFILE_SIGNING_CHAIN  optional: the intermediate certificates (PEM, one file), sent along
                           so the device can build the chain to a root it trusts
    PROFILE_SIGNING_KEY_PASSWORD  optional: the key's password, if it has one

The signature is CMS SignedData (PKCS #7), DER, with the profile embedded and not detached, as
Apple Configurator and `security cms -S` make it; the payload inside is byte for byte the
unsigned profile. Without the variables the profiles stay unsigned, as before, and the build
says so once (at INFO, so --strict is unaffected). Half a configuration (a certificate without
a key, a file that is missing or does not match) fails the build: publishing unsigned profiles
by accident would be worse than no build.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

CERT_VARIABLE = "PROFILE_SIGNING_CERT"
KEY_VARIABLE = "PROFILE_SIGNING_KEY"
CHAIN_VARIABLE = "PROFILE_SIGNING_CHAIN"
PASSWORD_VARIABLE = "PROFILE_SIGNING_KEY_PASSWORD"

log = logging.getLogger("mkdocs.hooks.profile_signing")


@dataclass(frozen=True)
class SigningFiles:
    """Where the certificate, key and optional chain are (paths from the environment)."""

    cert: Path
    key: Path
    chain: Path | None
    password: bytes | None


def signing_files(environ: Mapping[str, str] = os.environ) -> SigningFiles | None:
    """The files named by the environment, or None when no signing is configured."""
    cert, key = environ.get(CERT_VARIABLE, ""), environ.get(KEY_VARIABLE, "")
    if not cert and not key:
        return None
    if not cert or not key:
        given, missing = (CERT_VARIABLE, KEY_VARIABLE) if cert else (KEY_VARIABLE, CERT_VARIABLE)
        raise PluginError(
            f"{given} is set but {missing} is not: set both to sign the Apple profiles, "
            "or neither to publish them unsigned (DEPLOY.md, Signed Apple profiles)"
        )
    chain = environ.get(CHAIN_VARIABLE) or None
    password = environ.get(PASSWORD_VARIABLE)
    files = SigningFiles(
        Path(cert),
        Path(key),
        Path(chain) if chain else None,
        password.encode() if password else None,
    )
    for variable, path in (
        (CERT_VARIABLE, files.cert),
        (KEY_VARIABLE, files.key),
        (CHAIN_VARIABLE, files.chain),
    ):
        if path is not None and not path.is_file():
            raise PluginError(f"{variable}={path}: no such file; give the path of a PEM file")
    return files


def sign_profile(profile: bytes, *, announce: bool = True) -> bytes:
    """The profile signed with the configured certificate, or unchanged when none is configured
    (then, if `announce`, one INFO line says so: the caller announces once per build)."""
    files = signing_files()
    if files is None:
        if announce:
            log.info(
                "Apple profiles are unsigned (iOS shows them as Not Verified): set %s and %s "
                "to sign them (DEPLOY.md, Signed Apple profiles)",
                CERT_VARIABLE,
                KEY_VARIABLE,
            )
        return profile
    return sign(profile, files)


def sign(profile: bytes, files: SigningFiles) -> bytes:
    """CMS SignedData over `profile`, DER, content embedded, binary (no MIME line endings)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    try:
        cert = x509.load_pem_x509_certificate(files.cert.read_bytes())
    except ValueError as error:
        raise PluginError(
            f"{CERT_VARIABLE}={files.cert}: not a PEM certificate ({error})"
        ) from None
    try:
        key = serialization.load_pem_private_key(files.key.read_bytes(), password=files.password)
    except (ValueError, TypeError) as error:
        raise PluginError(
            f"{KEY_VARIABLE}={files.key}: cannot read the private key ({error}); "
            f"a key with a password needs {PASSWORD_VARIABLE}"
        ) from None
    if key.public_key() != cert.public_key():
        raise PluginError(
            f"{KEY_VARIABLE}={files.key} is not the key of {CERT_VARIABLE}={files.cert}; "
            "give the certificate's own key"
        )
    chain = x509.load_pem_x509_certificates(files.chain.read_bytes()) if files.chain else []
    builder = pkcs7.PKCS7SignatureBuilder().set_data(profile)
    builder = builder.add_signer(cert, key, hashes.SHA256())  # pyright: ignore[reportArgumentType]
    for extra in chain:
        builder = builder.add_certificate(extra)
    return builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
