"""`python -m tools.check_servers` against real servers on 127.0.0.1 (conftest.py here) that
disagree with the published settings, one way at a time: the table says FAIL for that check
and the exit status is 1 (a certificate close to its expiry: WARN, exit 0). Each case writes a
data file that points the settings at one kind of server."""

from __future__ import annotations

import re
import socket

from serverchecks import (
    CHECKS,
    PASSWORD,
    USER,
    check_servers,
    dovecot_log_since,
    only,
    pointed_at,
    ports_of,
    write_data,
)
from tools.kit.net import free_port

# --------------------------------------------------------------------------------------------
# Each way reality and the pages can disagree: FAIL in the table, exit status 1
# --------------------------------------------------------------------------------------------


def test_a_port_with_nothing_listening_fails_to_connect(tmp_path, servers):
    closed = free_port()
    settings = pointed_at(servers, "good")
    settings["servers"]["imap"]["ports"][0]["port"] = closed
    run = check_servers(write_data(tmp_path, settings), servers)

    assert run.returncode == 1
    assert run.result("imap", closed, "connects") == "FAIL"
    assert "Connection refused" in run.detail("imap", closed, "connects")
    assert {run.result("imap", closed, c) for c in CHECKS[2:]} == {"skip"}
    # The other servers are still checked, and pass.
    smtp_port = settings["servers"]["smtp"]["ports"][0]["port"]
    assert run.result("smtp", smtp_port, "authentication") == "pass"
    assert "1 failed" in run.stdout


def test_plain_text_where_the_page_says_ssl_fails_the_security_check(tmp_path, servers):
    settings = only(
        pointed_at(servers, "good"),
        imap=[(servers.port("good", "imap", "none"), "ssl")],
        smtp=[(servers.port("good", "smtp", "none"), "ssl")],
        pop3=[(servers.port("good", "pop3", "none"), "ssl")],
    )
    run = check_servers(write_data(tmp_path, settings), servers)

    assert run.returncode == 1
    for server, port, _ in ports_of(settings):
        assert run.result(server, port, "security") == "FAIL"
        assert "no TLS: the server talks plain text" in run.detail(server, port, "security")
        assert run.result(server, port, "login") == "skip"
    assert "'* OK" in run.detail(
        "imap", settings["servers"]["imap"]["ports"][0]["port"], "security"
    )


def test_tls_where_the_page_says_no_encryption_fails_the_security_check(tmp_path, servers):
    pop3s = servers.port("good", "pop3", "ssl")
    settings = only(pointed_at(servers, "good"), pop3=[(pop3s, "none")])
    run = check_servers(write_data(tmp_path, settings), servers, timeout=1)

    assert run.returncode == 1
    assert run.result("pop3", pop3s, "security") == "FAIL"
    assert "expects TLS from the first byte" in run.detail("pop3", pop3s, "security")


def test_a_certificate_for_another_host_fails_and_no_password_is_sent(tmp_path, servers):
    settings = pointed_at(servers, "wronghost")
    log_before = servers.dovecots["wronghost"].log()
    run = check_servers(write_data(tmp_path, settings), servers, account=(USER, PASSWORD))
    log_of_run = dovecot_log_since(servers.dovecots["wronghost"], log_before, connections=3)

    assert run.returncode == 1
    for server, port, security in ports_of(settings):
        if security == "none":
            continue
        assert run.result(server, port, "certificate") == "FAIL"
        assert "not valid for 'localhost'" in run.detail(server, port, "certificate")
        # The rest is still checked, over a connection that is not trusted, without a password.
        assert run.result(server, port, "greeting") == "pass"
        assert run.result(server, port, "authentication") == "pass"
        assert run.result(server, port, "login") == "skip"
        assert "certificate is not valid" in run.detail(server, port, "login")
    assert "rip=127.0.0.1" in log_of_run and USER not in log_of_run


def test_an_expired_certificate_fails(tmp_path, servers):
    settings = pointed_at(servers, "expired")
    run = check_servers(write_data(tmp_path, settings), servers)

    assert run.returncode == 1
    for server, port, security in ports_of(settings):
        if security != "none":
            assert run.result(server, port, "certificate") == "FAIL"
            assert "certificate has expired" in run.detail(server, port, "certificate")


def test_a_certificate_expiring_within_21_days_warns_but_passes(tmp_path, servers):
    settings = pointed_at(servers, "soon")
    run = check_servers(write_data(tmp_path, settings), servers)

    assert run.returncode == 0, run.stdout
    for server, port, security in ports_of(settings):
        if security != "none":
            assert run.result(server, port, "certificate") == "WARN"
            assert re.search(
                r"in (9|10) days \(warns under 21\): renew it",
                run.detail(server, port, "certificate"),
            )
    assert "warnings" in run.stdout


def test_a_certificate_from_an_unknown_ca_fails_without_the_extra_ca_file(tmp_path, servers):
    settings = pointed_at(servers, "good")
    run = check_servers(write_data(tmp_path, settings), servers, cafile=False)

    assert run.returncode == 1
    imap_port = settings["servers"]["imap"]["ports"][0]["port"]
    assert run.result("imap", imap_port, "certificate") == "FAIL"
    assert "unable to get local issuer certificate" in run.detail("imap", imap_port, "certificate")


def test_an_authentication_the_servers_do_not_offer_fails(tmp_path, servers):
    settings = pointed_at(servers, "good")  # these offer a normal password only
    for entry in settings["servers"].values():
        entry["authentication"] = "encrypted_password"
    run = check_servers(write_data(tmp_path, settings), servers)

    assert run.returncode == 1
    for server, port, _ in ports_of(settings):
        assert run.result(server, port, "authentication") == "FAIL"
        assert "encrypted password (CRAM-MD5) not offered" in run.detail(
            server, port, "authentication"
        )
    imap_port = settings["servers"]["imap"]["ports"][0]["port"]
    assert "AUTH=PLAIN" in run.detail("imap", imap_port, "authentication")


def test_an_smtp_server_without_auth_fails_the_authentication_check(tmp_path, servers):
    noauth = servers.port("noauth", "smtp", "ssl")
    settings = only(pointed_at(servers, "good"), smtp=[(noauth, "ssl")])
    run = check_servers(write_data(tmp_path, settings), servers)

    assert run.returncode == 1
    assert run.result("smtp", noauth, "authentication") == "FAIL"
    assert run.detail("smtp", noauth, "authentication").endswith("the server offers: nothing")


def test_a_wrong_password_fails_the_login(tmp_path, servers):
    settings = pointed_at(servers, "good")
    run = check_servers(write_data(tmp_path, settings), servers, account=(USER, "wrong password"))

    assert run.returncode == 1
    for server, port, security in ports_of(settings):
        if security != "none":
            assert run.result(server, port, "login") == "FAIL"
            assert f"{USER} with normal password was refused" in run.detail(server, port, "login")


def test_a_name_that_does_not_resolve_fails_within_the_timeout(tmp_path, servers):
    settings = pointed_at(servers, "good", host="no-such-host.invalid")
    run = check_servers(write_data(tmp_path, settings), servers, timeout=2)

    assert run.returncode == 1
    for server, port, _ in ports_of(settings):
        assert run.result(server, port, "resolves") == "FAIL"
        assert run.detail(server, port, "resolves").startswith(
            "no-such-host.invalid does not resolve"
        )
        assert {run.result(server, port, c) for c in CHECKS[1:]} == {"skip"}


def test_a_server_that_never_answers_fails_within_the_timeout(tmp_path, servers):
    with socket.socket() as silent:  # the kernel accepts connections; nobody ever speaks
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        settings = only(pointed_at(servers, "good"), imap=[(port, "ssl")], pop3=[(port, "none")])
        run = check_servers(write_data(tmp_path, settings), servers, timeout=1)

    assert run.returncode == 1
    assert run.result("imap", port, "security") == "FAIL"
    assert "no TLS handshake within 1 s" in run.detail("imap", port, "security")
    assert run.result("pop3", port, "greeting") == "FAIL"
    assert run.detail("pop3", port, "greeting") == "no greeting within 1 s"
