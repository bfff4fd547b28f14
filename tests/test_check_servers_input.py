"""`python -m tools.check_servers` given wrong input: one clear line, exit status 2, nothing
sent. No server is needed, so these run (and can fail) where Dovecot is missing; and the daily
workflow that runs the tool against the production servers."""

from __future__ import annotations

import re

import yaml

from serverchecks import (
    PASSWORD,
    PROJECT_DIR,
    check_servers,
    published,
    write_data,
)


def test_a_test_user_that_is_not_a_full_email_address_is_refused(tmp_path):
    run = check_servers(
        write_data(tmp_path, published()), None, account=("reader", PASSWORD), cafile=False
    )

    assert run.returncode == 2
    assert (
        "CHECK_SERVERS_USER: expected the test account's full email address, got 'reader'"
        in run.stderr
    )
    assert "username: email_address" in run.stderr
    assert run.stdout == ""


def test_a_broken_data_file_is_named_without_a_traceback(tmp_path):
    settings = published()
    settings["servers"]["imap"]["ports"][0]["security"] = "tls13"
    run = check_servers(write_data(tmp_path, settings), None, cafile=False)

    assert run.returncode == 2
    assert "mail-settings.yml" in run.stderr
    assert (
        "servers.imap.ports[0].security: expected one of: ssl, starttls, none, got 'tls13'"
        in run.stderr
    )
    assert "Traceback" not in run.stderr


# --------------------------------------------------------------------------------------------
# The daily run in CI
# --------------------------------------------------------------------------------------------


def test_a_daily_workflow_checks_the_production_servers():
    workflow = yaml.safe_load(
        (PROJECT_DIR / ".github" / "workflows" / "check-servers.yml").read_text()
    )
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert re.fullmatch(r"\d+ \d+ \* \* \*", triggers["schedule"][0]["cron"])
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("make check-servers" in step for step in steps)
