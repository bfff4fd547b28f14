"""Network steps, each bounded by the timeout, and errors from any layer as one readable line."""

from __future__ import annotations

import datetime
import smtplib
import socket
import ssl
import threading

from tools.check_servers.model import WARN_DAYS, Failed, Options


def resolve(host: str, port: int, timeout: float) -> list[tuple]:
    """getaddrinfo has no timeout of its own, so it runs in a thread we stop waiting for."""
    answer: dict = {}

    def look_up():
        try:
            answer["addresses"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            answer["error"] = error

    worker = threading.Thread(target=look_up, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise Failed(f"{host} does not resolve: no answer within {timeout:g} s")
    if "error" in answer:
        raise Failed(f"{host} does not resolve: {describe(answer['error'], timeout)}")
    unique = []
    for family, _, _, _, address in answer["addresses"]:
        if (family, address) not in unique:
            unique.append((family, address))
    return unique


def connect(address: tuple, timeout: float) -> socket.socket:
    family, sockaddr = address
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(sockaddr)
    except OSError:
        sock.close()
        raise
    return sock


def connect_any(addresses: list[tuple], timeout: float) -> tuple[socket.socket, tuple]:
    """The first address that accepts, like a mail program would; every refusal otherwise."""
    refusals = []
    for address in addresses:
        try:
            return connect(address, timeout), address
        except OSError as error:
            refusals.append(f"{show(address)}: {describe(error, timeout)}")
    raise Failed("nothing accepted the connection (" + "; ".join(refusals) + ")")


def show(address: tuple) -> str:
    host, port = address[1][:2]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def describe(error: BaseException, timeout: float) -> str:
    """One line an editor can read, whatever layer the error came from."""
    if is_timeout(error):
        return f"no answer within {timeout:g} s"
    if isinstance(error, ssl.SSLCertVerificationError):
        return error.verify_message or str(error)
    if isinstance(error, ssl.SSLError):
        return error.reason or str(error)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {plain_text(error.smtp_error)}"
    if isinstance(error, (smtplib.SMTPServerDisconnected, EOFError)):
        return "the server closed the connection"
    if isinstance(error, socket.gaierror):
        return error.strerror or str(error)
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    if error.args:
        return plain_text(error.args[0])
    return type(error).__name__


def is_timeout(error: BaseException) -> bool:
    """Timed out, also when a library re-raised the timeout as its own error (smtplib does)."""
    return any(
        isinstance(e, (socket.timeout, TimeoutError))
        for e in (error, error.__context__, error.__cause__)
    )


def plain_text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode(errors="replace")
    value = str(value)
    if value.startswith(("b'", 'b"')) and value.endswith(("'", '"')):
        value = value[2:-1]
    return value.strip()


def quote(greeting: bytes | str, limit: int = 70) -> str:
    text = plain_text(greeting).splitlines()[0] if plain_text(greeting) else ""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def first_line(address: tuple, timeout: float) -> bytes:
    """What a server says first in plain text (b'' if nothing within the timeout)."""
    try:
        with connect(address, timeout) as sock:
            return sock.recv(256).split(b"\r\n")[0]
    except OSError:
        return b""


def speaks_tls(address: tuple, host: str, options: Options) -> bool:
    """Whether the port completes a TLS handshake from the first byte."""
    try:
        with (
            connect(address, options.timeout) as sock,
            options.unverified.wrap_socket(sock, server_hostname=host),
        ):
            return True
    except (OSError, ssl.SSLError):
        return False


def certificate_result(cert: dict, host: str, now: datetime.datetime) -> tuple[str, str]:
    """Pass, or warn when fewer than WARN_DAYS days are left (the handshake proved the rest)."""
    expires = datetime.datetime.fromtimestamp(
        ssl.cert_time_to_seconds(cert["notAfter"]), datetime.UTC
    )
    days = (expires - now).days
    issuer = dict(pair[0] for pair in cert.get("issuer", ()))
    issued_by = issuer.get("organizationName") or issuer.get("commonName") or "unknown issuer"
    when = f"expires {expires:%Y-%m-%d}"
    if days < WARN_DAYS:
        return (
            "warn",
            f"valid for {host} but {when}, in {days} days (warns under {WARN_DAYS}): renew it",
        )
    return "pass", f"valid for {host}, issued by {issued_by}, {when} ({days} days)"
