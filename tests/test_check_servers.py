"""`python -m tools.check_servers` against real servers on 127.0.0.1.

Dovecot serves IMAP and POP3 and aiosmtpd serves SMTP, with certificates from a test CA made
for this run (tests/mailservers.py). Each case writes a data file that points the published
settings at one kind of server and reads the tool's table and exit status, as an editor would.
"""

from __future__ import annotations

import json
import os
import re
import socket

import pytest

import mailservers
from serverchecks import (
    CHECKS,
    PASSWORD,
    USER,
    check_servers,
    dovecot_log_since,
    only,
    pointed_at,
    ports_of,
    published,
    write_data,
)
from tools.kit.net import free_port

# --------------------------------------------------------------------------------------------
# The test servers (tests/mailservers.py), started once for this module
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers():
    if mailservers.dovecot_binary() is None:
        message = (
            "dovecot is not installed (apt-get install dovecot-imapd dovecot-pop3d; .ci/run does)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with mailservers.running_mail_servers({USER: PASSWORD}) as running:
        yield running


# --------------------------------------------------------------------------------------------
# Everything works
# --------------------------------------------------------------------------------------------


def test_the_published_settings_pass_against_servers_that_match_them(tmp_path, servers):
    settings = pointed_at(servers, "good")
    log_before = servers.dovecots["good"].log()
    run = check_servers(write_data(tmp_path, settings), servers)
    log_of_run = dovecot_log_since(servers.dovecots["good"], log_before, connections=3)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "No failures" in run.stdout
    for server, port, security in ports_of(settings):
        results = run.results(server, port)
        assert results["login"] == "skip"
        assert "no test account" in run.detail(server, port, "login")
        if security == "none":
            assert results["certificate"] == "skip"
            assert {results[c] for c in CHECKS if c not in ("certificate", "login")} == {"pass"}
        else:
            assert {results[c] for c in CHECKS if c != "login"} == {"pass"}
            assert "valid for localhost" in run.detail(server, port, "certificate")
    # Every server and port the site publishes is in the table.
    assert {(s, p) for s, p, _ in ports_of(settings)} == {(s, p) for s, p, _ in run.rows}
    # Without a test account nobody tried to log in: Dovecot saw connections, no user.
    assert "rip=127.0.0.1" in log_of_run
    assert (
        "user=<>" in log_of_run and "Login:" not in log_of_run and "auth failed" not in log_of_run
    )


def test_the_greeting_is_each_protocols_own(tmp_path, servers):
    settings = pointed_at(servers, "good")
    run = check_servers(write_data(tmp_path, settings), servers)

    greetings = {
        server: run.detail(server, port, "greeting") for server, port, _ in ports_of(settings)
    }
    assert greetings["imap"].startswith("'* OK")
    assert greetings["smtp"].startswith("'220")
    assert greetings["pop3"].startswith("'+OK")


def test_a_test_account_logs_in_with_its_full_address_on_every_encrypted_port(tmp_path, servers):
    settings = pointed_at(servers, "good")
    run = check_servers(write_data(tmp_path, settings), servers, account=(USER, PASSWORD))

    assert run.returncode == 0, run.stdout
    for server, port, security in ports_of(settings):
        if security == "none":
            assert run.result(server, port, "login") == "skip"
            assert "without encryption" in run.detail(server, port, "login")
        else:
            assert run.result(server, port, "login") == "pass"
            assert f"{USER} logged in with normal password" in run.detail(server, port, "login")


def test_starttls_where_the_page_says_starttls(tmp_path, servers):
    settings = only(
        published(), imap=[(143, "starttls")], smtp=[(587, "starttls")], pop3=[(110, "starttls")]
    )
    settings = pointed_at(servers, "good", settings)
    run = check_servers(write_data(tmp_path, settings), servers, account=(USER, PASSWORD))

    assert run.returncode == 0, run.stdout
    for server, port, _ in ports_of(settings):
        assert set(run.results(server, port).values()) == {"pass"}
        assert run.detail(server, port, "security").startswith("STARTTLS")


def test_an_encrypted_password_works_where_the_server_offers_cram_md5(tmp_path, servers):
    settings = pointed_at(servers, "cram")
    for entry in settings["servers"].values():
        entry["authentication"] = "encrypted_password"
    run = check_servers(write_data(tmp_path, settings), servers, account=(USER, PASSWORD))

    assert run.returncode == 0, run.stdout
    for server, port, security in ports_of(settings):
        assert run.result(server, port, "authentication") == "pass"
        if security != "none":
            assert (
                run.detail(server, port, "login")
                == f"{USER} logged in with encrypted password (CRAM-MD5)"
            )


def test_json_output_has_the_same_results_as_the_table(tmp_path, servers):
    data = write_data(tmp_path, pointed_at(servers, "good"))
    table = check_servers(data, servers)
    as_json = check_servers(data, servers, "--json")

    report = json.loads(as_json.stdout)
    assert as_json.returncode == table.returncode == 0
    assert report["ok"] is True
    assert {(r["server"], r["port"], r["check"]): r["status"] for r in report["results"]} == {
        key: result.lower() for key, (result, _) in table.rows.items()
    }


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
