"""`python -m tools.check_servers` against real servers on 127.0.0.1 (conftest.py here) that
match the published settings: every check passes, in the table and in the JSON, as an editor
reads them. Each case writes a data file that points the settings at the servers."""

from __future__ import annotations

import json

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
