"""The command line: read and validate the data file, check every port at once, print a table
(or JSON) and exit 0, 1 or 2."""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import ssl
import sys
from dataclasses import asdict
from pathlib import Path

from mkdocs.exceptions import PluginError

from helpcenter.datafiles import display_path
from helpcenter.mailsettings import SETTINGS_FILE, load_settings
from tools.check_servers.model import (
    DEFAULT_TIMEOUT,
    EXIT_MISMATCH,
    EXIT_OK,
    EXIT_USAGE,
    PASSWORD_VARIABLE,
    USER_VARIABLE,
    Account,
    Options,
    Result,
    Target,
)
from tools.check_servers.network import describe
from tools.check_servers.port import check_port


def targets(settings: dict) -> list[Target]:
    """Every published port, in the order of the data file."""
    return [
        Target(name, server["host"], entry["port"], entry["security"], server["authentication"])
        for name, server in settings["servers"].items()
        for entry in server["ports"]
    ]


def check_all(all_targets: list[Target], options: Options) -> list[Result]:
    """All ports at once (each bounded by the timeout), reported in the data file's order."""
    with concurrent.futures.ThreadPoolExecutor(
        max_workers=max(1, min(8, len(all_targets)))
    ) as pool:
        return [
            r
            for results in pool.map(lambda t: check_port(t, options), all_targets)
            for r in results
        ]


STATUS_WORDS = {"pass": "pass", "fail": "FAIL", "warn": "WARN", "skip": "skip"}


def format_table(results: list[Result]) -> str:
    header = ("SERVER", "HOST", "PORT", "CHECK", "RESULT", "DETAIL")
    rows = [
        (r.server, r.host, str(r.port), r.check, STATUS_WORDS[r.status], r.detail) for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]

    def line(row):
        return (
            "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True))
            + "  "
            + row[-1]
        )

    lines, previous = [line(header)], None
    for row in rows:
        if previous is not None and row[:3] != previous:
            lines.append("")
        lines.append(line(row))
        previous = row[:3]
    return "\n".join(lines)


def counts(results: list[Result]) -> dict[str, int]:
    return {status: sum(r.status == status for r in results) for status in STATUS_WORDS}


def summary(results: list[Result], data_name: str) -> str:
    n = counts(results)
    if n["fail"]:
        return (
            f"{n['fail']} failed, {n['warn']} warnings, {n['skip']} skipped of {len(results)} checks: "
            f"the servers do not work as {data_name} says. Fix the server or the data file."
        )
    warned = f", {n['warn']} warnings" if n["warn"] else ""
    return f"No failures ({n['pass']} passed{warned}, {n['skip']} skipped): every setting in {data_name} works."


def account_from_environment(settings: dict, data_name: str) -> Account | None:
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if not user and not password:
        return None
    if not user or not password:
        raise UsageError(
            f"set both {USER_VARIABLE} and {PASSWORD_VARIABLE} for a test account, or neither"
        )
    if settings["username"] == "email_address" and not re.fullmatch(
        r"[^@\s]+@[^@\s]+\.[^@\s]+", user
    ):
        raise UsageError(
            f"{USER_VARIABLE}: expected the test account's full email address, got {user!r} "
            f"({data_name} says username: email_address, so that is what readers type)"
        )
    return Account(user, password)


class UsageError(Exception):
    """Wrong options or environment; printed as one line, exit status 2."""


def ssl_contexts(cafile: str | None) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    verified = ssl.create_default_context()
    if cafile:
        try:
            verified.load_verify_locations(cafile)
        except (OSError, ssl.SSLError) as error:
            raise UsageError(
                f"--cafile {cafile}: cannot load it as PEM certificates ({describe(error, 0)})"
            ) from None
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    return verified, unverified


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="python -m tools.check_servers",
        description="Check every server setting the help center publishes against the real servers.",
        epilog=f"Test account (optional; without it no password is sent): {USER_VARIABLE} (full email "
        f"address) and {PASSWORD_VARIABLE}. Exit status: 0 all good, 1 a check failed, 2 bad data or options.",
    )
    parser.add_argument(
        "--data",
        default=str(SETTINGS_FILE),
        help="the settings file (default: data/mail-settings.yml)",
    )
    parser.add_argument(
        "--cafile", help="a PEM file of extra CA certificates to trust (besides the system's)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the results as JSON instead of a table"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds for each network step (default {DEFAULT_TIMEOUT:g})",
    )
    arguments = parser.parse_args(argv)
    if not arguments.timeout > 0:
        parser.error("--timeout must be more than 0 seconds")
    return arguments


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    data_path = Path(arguments.data)
    data_name = display_path(data_path)
    try:
        settings = load_settings(data_path)
        verified, unverified = ssl_contexts(arguments.cafile)
        account = account_from_environment(settings, data_name)
    except (PluginError, UsageError) as error:
        print(f"check_servers: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = Options(arguments.timeout, verified, unverified, account)
    all_targets = targets(settings)
    results = check_all(all_targets, options)
    failed = any(r.status == "fail" for r in results)
    if arguments.json:
        print(
            json.dumps(
                {
                    "data": data_name,
                    "ok": not failed,
                    "counts": counts(results),
                    "results": [asdict(r) for r in results],
                },
                indent=2,
            )
        )
    else:
        who = f"test account {account.user}" if account else "no test account"
        print(
            f"Checking {len(all_targets)} ports from {data_name} (timeout {arguments.timeout:g} s, {who})\n"
        )
        print(format_table(results))
        print()
        print(summary(results, data_name))
    return EXIT_MISMATCH if failed else EXIT_OK
