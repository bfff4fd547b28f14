"""The QR code Thunderbird for Android scans to set up an account (issue 27): its servers, from
data/mail-settings.yml, in the app's "Export for Mobile" format, version 1
(thunderbird/thunderbird-android, feature/migration/qrcode/qr-code-format.md; a copy with its
licence is in tests/reference/thunderbird-android/).

The build knows the servers; only the reader's browser knows the address. So the page carries
the servers (`qr_servers`) and docs/assets/javascripts/thunderbird-qr.js adds the address and
name and draws the code. `qr_payload` is the whole payload, as the script builds it: the tests
compare a decoded code with it. No password is ever part of it: the reader types that on the phone.
"""

from __future__ import annotations

from typing import Any

from helpcenter.mailsettings import Settings, encrypted_port

FORMAT_VERSION = 1
# The format's codes (qr-code-format.md: IncomingProtocol, OutgoingProtocol, ConnectionSecurity,
# AuthenticationType), by the data file's words.
PROTOCOLS = {"imap": 0, "pop3": 1, "smtp": 0}
SECURITY = {"none": 0, "starttls": 2, "ssl": 3}
AUTHENTICATION = {"password": 1, "encrypted_password": 2}


def qr_server(settings: Settings, server_key: str) -> list[Any]:
    """One server as the format writes it, without the username: [protocol, host, port,
    security, authentication]. The port is the recommended encrypted one, as in every table."""
    server = settings["servers"][server_key]
    port = encrypted_port(server) or server["ports"][0]
    return [
        PROTOCOLS[server_key],
        server["host"],
        port["port"],
        SECURITY[port["security"]],
        AUTHENTICATION[server["authentication"]],
    ]


def qr_servers(settings: Settings) -> dict[str, list[Any]]:
    """The incoming (IMAP) and outgoing (SMTP) servers the page hands to its script."""
    return {"incoming": qr_server(settings, "imap"), "outgoing": qr_server(settings, "smtp")}


def qr_payload(settings: Settings, address: str, name: str = "") -> list[Any]:
    """The whole payload for one account: format version, sequence 1 of 1, the IMAP server with
    the address as username, then one outgoing group (SMTP server, identity). No account name
    (the reader uses the address) and no password."""
    servers = qr_servers(settings)
    return [
        FORMAT_VERSION,
        [1, 1],
        [*servers["incoming"], address],
        [[[*servers["outgoing"], address], [address, name]]],
    ]
