"""Every check of one published port, in the order of CHECKS: a failure stops the checks that
depend on it, and says why they were not run."""

from __future__ import annotations

import contextlib
import ssl

from tools.check_servers.model import (
    AUTHENTICATION_WORDS,
    CHECKS,
    GREETINGS,
    MECHANISMS,
    PASSWORD_VARIABLE,
    SECURITY_WORDS,
    USER_VARIABLE,
    Failed,
    Options,
    PortReport,
    Result,
    Silent,
    Stop,
    Target,
    utc_now,
)
from tools.check_servers.network import (
    certificate_result,
    connect,
    connect_any,
    describe,
    first_line,
    is_timeout,
    quote,
    resolve,
    show,
    speaks_tls,
)
from tools.check_servers.protocols import PROTOCOL_ERRORS, PROTOCOLS


def check_port(target: Target, options: Options) -> list[Result]:
    report = PortReport(target)
    try:
        _check(report, target, options)
    except Stop as stop:
        report.skip_rest(str(stop))
    except Exception as error:  # never a traceback for an editor: name the step that broke
        step = next((check for check in CHECKS if check not in report.found), CHECKS[-1])
        report.record(
            step, "fail", f"unexpected {type(error).__name__}: {describe(error, options.timeout)}"
        )
        report.skip_rest(f"not checked: {step} broke")
    return report.results()


def _step(report: PortReport, check: str, action, stop_reason: str):
    """Run one check; record a pass with its detail, or a failure and stop this port."""
    try:
        value, detail = action()
    except Failed as failure:
        report.record(check, "fail", str(failure))
        raise Stop(stop_reason) from None
    report.record(check, "pass", detail)
    return value


def _check(report: PortReport, target: Target, options: Options) -> None:
    timeout, host = options.timeout, target.host
    protocol = PROTOCOLS[target.server]
    documented = SECURITY_WORDS[target.security]

    addresses = _step(
        report,
        "resolves",
        lambda: _resolved(host, target.port, timeout),
        "not checked: the name does not resolve",
    )
    sock, address = _step(
        report, "connects", lambda: _connected(addresses, timeout), "not checked: no connection"
    )

    if target.security == "ssl":
        client, trusted = _open_ssl(report, protocol, sock, address, target, options)
    elif target.security == "starttls":
        client, trusted = _open_starttls(report, protocol, sock, address, target, options)
    else:
        client, trusted = _open_plain(report, protocol, sock, address, target, options), False
        report.record("certificate", "skip", f"no TLS on this port ({documented}, as documented)")
    try:
        usable = _check_authentication(report, protocol, client, target, timeout)
        _check_login(report, protocol, client, target, options, trusted, usable)
    finally:
        _close_quietly(protocol, client)


def _close_quietly(protocol, client) -> None:
    with contextlib.suppress(*PROTOCOL_ERRORS):
        protocol.close(client)


def _resolved(host, port, timeout):
    addresses = resolve(host, port, timeout)
    return addresses, f"{host} -> " + ", ".join(dict.fromkeys(a[1][0] for a in addresses))


def _connected(addresses, timeout):
    sock, address = connect_any(addresses, timeout)
    return (sock, address), f"{show(address)} accepted the connection"


def _greet(report: PortReport, protocol, sock, target: Target, timeout: float):
    """Read the greeting; it must start with the protocol's word."""
    expected = GREETINGS[target.server]
    try:
        client = protocol.greet(sock, target.host)
    except Failed as failure:
        sock.close()
        report.record("greeting", "fail", str(failure))
        raise Stop("not checked: no proper greeting") from None
    except PROTOCOL_ERRORS as error:
        sock.close()
        if is_timeout(error):
            report.record("greeting", "fail", f"no greeting within {timeout:g} s")
            raise Silent("not checked: no greeting") from None
        report.record(
            "greeting", "fail", f"expected {protocol.word} {expected!r}: {describe(error, timeout)}"
        )
        raise Stop("not checked: no proper greeting") from None
    if not client.welcome.startswith(expected.encode()):
        report.record("greeting", "fail", f"expected {expected!r}, got {quote(client.welcome)}")
        protocol.close(client)
        raise Stop("not checked: no proper greeting")
    report.record("greeting", "pass", quote(client.welcome))
    return client


def _open_ssl(report, protocol, sock, address, target, options):
    """Implicit TLS: the handshake comes first. An untrusted certificate is a failure of its
    own; the remaining checks then go on over an unverified connection (never with a password)."""
    host, timeout = target.host, options.timeout
    trusted = True
    try:
        tls = options.verified.wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError as error:
        report.record("certificate", "fail", f"not valid: {describe(error, timeout)}")
        trusted = False
        try:
            tls = options.unverified.wrap_socket(connect(address, timeout), server_hostname=host)
        except (OSError, ssl.SSLError) as again:
            report.record("security", "pass", "SSL/TLS from the first byte, as documented")
            raise Stop(
                f"not checked: second connection failed ({describe(again, timeout)})"
            ) from None
    except (OSError, ssl.SSLError) as error:
        sock.close()
        report.record("security", "fail", _no_tls_detail(error, address, options))
        raise Stop("not checked: no TLS") from None
    report.record(
        "security", "pass", f"SSL/TLS from the first byte ({tls.version()}), as documented"
    )
    if trusted:
        report.record("certificate", *certificate_result(tls.getpeercert(), host, utc_now()))
    return _greet(report, protocol, tls, target, timeout), trusted


def _no_tls_detail(error, address, options) -> str:
    if is_timeout(error):
        return f"no TLS handshake within {options.timeout:g} s (the server sent nothing); the page says SSL/TLS"
    said = first_line(address, options.timeout)
    if said:
        return f"no TLS: the server talks plain text ({quote(said)}); the page says SSL/TLS"
    return f"no TLS handshake ({describe(error, options.timeout)}); the page says SSL/TLS"


def _open_starttls(report, protocol, sock, address, target, options):
    """Plain greeting, then STARTTLS (STLS in POP3) must be offered and must work."""
    host, timeout = target.host, options.timeout
    client = _open_plain_greeting(report, protocol, sock, address, target, options)
    if not _offers_starttls(protocol, client):
        report.record(
            "security", "fail", "the server does not offer STARTTLS; the page says STARTTLS"
        )
        protocol.close(client)
        raise Stop("not checked: no TLS")
    trusted = True
    try:
        protocol.starttls(client, options.verified)
    except ssl.SSLCertVerificationError as error:
        report.record("certificate", "fail", f"not valid: {describe(error, timeout)}")
        trusted = False
        _close_quietly(protocol, client)
        try:
            client = protocol.greet(connect(address, timeout), host)
            protocol.starttls(client, options.unverified)
        except (Failed, *PROTOCOL_ERRORS) as again:
            report.record("security", "pass", "STARTTLS offered and started, as documented")
            raise Stop(
                f"not checked: second connection failed ({describe(again, timeout)})"
            ) from None
    except PROTOCOL_ERRORS as error:
        report.record("security", "fail", f"STARTTLS failed: {describe(error, timeout)}")
        _close_quietly(protocol, client)
        raise Stop("not checked: no TLS") from None
    report.record("security", "pass", f"STARTTLS ({client.sock.version()}), as documented")
    if trusted:
        report.record(
            "certificate", *certificate_result(client.sock.getpeercert(), host, utc_now())
        )
    return client, trusted


def _open_plain(report, protocol, sock, address, target, options):
    client = _open_plain_greeting(report, protocol, sock, address, target, options)
    also = " (the server also offers STARTTLS)" if _offers_starttls(protocol, client) else ""
    report.record("security", "pass", f"no encryption, as documented{also}")
    return client


def _offers_starttls(protocol, client) -> bool:
    try:
        return protocol.offers_starttls(client)
    except PROTOCOL_ERRORS:  # e.g. a POP3 server without CAPA
        return False


def _open_plain_greeting(report, protocol, sock, address, target, options):
    """The greeting on a plain connection; silence may mean the port expects TLS first."""
    try:
        return _greet(report, protocol, sock, target, options.timeout)
    except Silent:
        if speaks_tls(address, target.host, options):
            documented = SECURITY_WORDS[target.security]
            report.record(
                "security",
                "fail",
                f"the port expects TLS from the first byte (SSL/TLS); the page says {documented}",
            )
            report.record("greeting", "skip", "not checked: the port expects TLS first")
            raise Stop("not checked: the security does not match") from None
        raise


def _check_authentication(report, protocol, client, target, timeout) -> list[str]:
    """Record whether the documented authentication is offered; return the mechanisms to use."""
    wanted = AUTHENTICATION_WORDS[target.authentication]
    try:
        offered, seen = protocol.mechanisms(client)
    except PROTOCOL_ERRORS as error:
        report.record(
            "authentication",
            "fail",
            f"could not ask what the server offers: {describe(error, timeout)}",
        )
        return []
    usable = [m for m in MECHANISMS[target.authentication] if m in offered]
    if usable:
        report.record("authentication", "pass", f"{wanted} offered ({seen})")
    else:
        names = " or ".join(m for m in MECHANISMS[target.authentication] if m != "USER")
        report.record(
            "authentication",
            "fail",
            f"{wanted} ({names}) not offered; the server offers: {seen or 'nothing'}",
        )
    return usable


def _check_login(report, protocol, client, target, options, trusted, usable) -> None:
    account = options.account
    if account is None:
        report.record(
            "login", "skip", f"no test account ({USER_VARIABLE} and {PASSWORD_VARIABLE} not set)"
        )
        return
    if target.security == "none":
        report.record("login", "skip", "password not sent over a connection without encryption")
        return
    if not trusted:
        report.record("login", "skip", "password not sent: the certificate is not valid")
        return
    mechanism = (usable or MECHANISMS[target.authentication])[0]
    wanted = AUTHENTICATION_WORDS[target.authentication]
    try:
        protocol.login(client, account, mechanism)
    except PROTOCOL_ERRORS as error:
        report.record(
            "login",
            "fail",
            f"{account.user} with {wanted} was refused: {describe(error, options.timeout)}",
        )
        return
    report.record("login", "pass", f"{account.user} logged in with {wanted} ({mechanism})")
