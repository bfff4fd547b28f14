"""IMAP, POP3 and SMTP clients on a socket this tool opened itself, so each step is timed and
named; one small class per protocol with the same six steps."""

from __future__ import annotations

import base64
import hmac
import imaplib
import poplib
import smtplib
import socket

from tools.check_servers.model import Account, Failed
from tools.check_servers.network import quote


class _Imap(imaplib.IMAP4):
    def __init__(self, sock: socket.socket, host: str):
        self._given = sock
        super().__init__(host, sock.getpeername()[1])

    def _create_socket(self, timeout):
        return self._given


class _Pop3(poplib.POP3):
    def __init__(self, sock: socket.socket, host: str):
        self._given = sock
        super().__init__(host, sock.getpeername()[1])

    def _create_socket(self, timeout):
        return self._given


class _Smtp(smtplib.SMTP):
    def __init__(self, sock: socket.socket, host: str):
        self._given = sock
        # EHLO with our address literal: no DNS lookup of our own name (smtplib would do one).
        address = sock.getsockname()[0]
        literal = f"[IPv6:{address}]" if ":" in address else f"[{address}]"
        super().__init__(
            local_hostname=literal, timeout=sock.gettimeout() or socket.getdefaulttimeout() or 60.0
        )
        self._host = host  # the name STARTTLS checks the certificate against
        code, message = self.connect(host, sock.getpeername()[1])
        self.welcome = f"{code} {message.decode(errors='replace')}".encode()
        if code != 220:
            raise Failed(f"expected '220', got {quote(self.welcome)}")

    def _get_socket(self, host, port, timeout):
        return self._given


class Imap:
    word = "IMAP"

    @staticmethod
    def greet(sock, host):
        return _Imap(sock, host)

    @staticmethod
    def offers_starttls(client) -> bool:
        return "STARTTLS" in client.capabilities

    @staticmethod
    def starttls(client, context):
        client.starttls(context)

    @staticmethod
    def mechanisms(client) -> tuple[set[str], str]:
        capabilities = client.capabilities
        offered = {c[5:] for c in capabilities if c.startswith("AUTH=")}
        seen = [c for c in capabilities if c.startswith("AUTH=") or c == "LOGINDISABLED"]
        if "LOGINDISABLED" not in capabilities:
            offered.add("LOGIN")
            seen.append("LOGIN command")
        return offered, " ".join(seen)

    @staticmethod
    def login(client, account, mechanism):
        if mechanism == "CRAM-MD5":
            client.login_cram_md5(account.user, account.password)
        elif mechanism == "PLAIN":
            client.authenticate("PLAIN", lambda _: f"\0{account.user}\0{account.password}".encode())
        else:
            client.login(account.user, account.password)

    @staticmethod
    def close(client):
        client.logout()  # LOGOUT, then closes the socket whatever the answer


class Pop3:
    word = "POP3"

    @staticmethod
    def greet(sock, host):
        return _Pop3(sock, host)

    @staticmethod
    def offers_starttls(client) -> bool:
        return "STLS" in client.capa()

    @staticmethod
    def starttls(client, context):
        client.stls(context)

    @staticmethod
    def mechanisms(client) -> tuple[set[str], str]:
        capabilities = client.capa()
        offered = {m.upper() for m in capabilities.get("SASL", [])}
        seen = ["SASL " + " ".join(capabilities["SASL"])] if "SASL" in capabilities else []
        if "USER" in capabilities:
            offered.add("USER")
            seen.append("USER")
        return offered, ", ".join(seen)

    @staticmethod
    def login(client, account, mechanism):
        # poplib only knows USER/PASS and APOP; its command helper also accepts the SASL
        # "+ challenge" lines, so the SASL exchanges are written out here (RFC 5034).
        if mechanism == "USER":
            client.user(account.user)
            client.pass_(account.password)
        elif mechanism == "CRAM-MD5":
            challenge = base64.b64decode(client._shortcmd("AUTH CRAM-MD5")[2:])
            client._shortcmd(_cram_md5_answer(account, challenge))
        elif mechanism == "LOGIN":
            client._shortcmd("AUTH LOGIN")
            client._shortcmd(_b64(account.user))
            client._shortcmd(_b64(account.password))
        else:
            client._shortcmd("AUTH PLAIN " + _b64(f"\0{account.user}\0{account.password}"))

    @staticmethod
    def close(client):
        try:
            client.quit()
        except PROTOCOL_ERRORS:
            client.close()


class Smtp:
    word = "SMTP"

    @staticmethod
    def greet(sock, host):
        return _Smtp(sock, host)

    @staticmethod
    def offers_starttls(client) -> bool:
        client.ehlo_or_helo_if_needed()
        return client.has_extn("starttls")

    @staticmethod
    def starttls(client, context):
        client.starttls(context=context)
        client.ehlo()

    @staticmethod
    def mechanisms(client) -> tuple[set[str], str]:
        client.ehlo_or_helo_if_needed()
        words = client.esmtp_features.get("auth", "").upper().split()
        return set(words), ("AUTH " + " ".join(words)) if words else ""

    @staticmethod
    def login(client, account, mechanism):
        client.user, client.password = account.user, account.password
        client.auth(mechanism, getattr(client, "auth_" + mechanism.lower().replace("-", "_")))

    @staticmethod
    def close(client):
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


PROTOCOLS = {"imap": Imap, "pop3": Pop3, "smtp": Smtp}
PROTOCOL_ERRORS = (
    OSError,
    imaplib.IMAP4.error,
    poplib.error_proto,
    smtplib.SMTPException,
    EOFError,
    ValueError,
)


def _cram_md5_answer(account: Account, challenge: bytes) -> str:
    digest = hmac.new(account.password.encode(), challenge, "md5").hexdigest()
    return _b64(f"{account.user} {digest}")


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()
