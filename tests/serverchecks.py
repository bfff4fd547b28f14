"""What the tests of `python -m tools.check_servers` share: data files that point the published
settings at the test servers, one run of the tool, and its table read back as data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
SETTINGS_FILE = PROJECT_DIR / "data" / "mail-settings.yml"
USER, PASSWORD = "reader@example.com", "correct horse battery"
CHECKS = ("resolves", "connects", "security", "certificate", "greeting", "authentication", "login")
TIMEOUT = 3  # seconds per network step; loopback answers in milliseconds
RUN_LIMIT = 60  # no run of the tool may take longer than this, whatever the servers do


def published() -> dict:
    return yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))


def write_data(tmp_path: Path, settings: dict) -> Path:
    path = tmp_path / "mail-settings.yml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def pointed_at(servers, name: str, settings: dict | None = None, host: str = "localhost") -> dict:
    """The published settings, every documented port moved to the test server `name`."""
    settings = settings or published()
    for server, entry in settings["servers"].items():
        entry["host"] = host
        for port in entry["ports"]:
            port["port"] = servers.port(name, server, port["security"])
    return settings


def only(settings: dict, **ports) -> dict:
    """Give the named servers exactly these (port, security) pairs; leave the others as they are."""
    for server, entry in settings["servers"].items():
        if server in ports:
            entry["ports"] = [
                {"port": port, "security": security} for port, security in ports[server]
            ]
    return settings


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def rows(self) -> dict[tuple[str, int, str], tuple[str, str]]:
        """The table as {(server, port, check): (RESULT, DETAIL)}."""
        found = {}
        for line in self.stdout.splitlines():
            cells = re.split(r"\s{2,}", line.strip(), maxsplit=5)
            if len(cells) >= 5 and cells[3] in CHECKS and cells[2].isdigit():
                found[(cells[0], int(cells[2]), cells[3])] = (
                    cells[4],
                    cells[5] if len(cells) > 5 else "",
                )
        return found

    def result(self, server: str, port: int, check: str) -> str:
        return self.rows[(server, port, check)][0]

    def detail(self, server: str, port: int, check: str) -> str:
        return self.rows[(server, port, check)][1]

    def results(self, server: str, port: int) -> dict[str, str]:
        return {check: self.result(server, port, check) for check in CHECKS}


def check_servers(
    data: Path,
    servers,
    *options: str,
    account: tuple[str, str] | None = None,
    timeout: float = TIMEOUT,
    cafile: bool = True,
) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHECK_SERVERS_")}
    if account:
        env["CHECK_SERVERS_USER"], env["CHECK_SERVERS_PASSWORD"] = account
    command = [
        sys.executable,
        "-m",
        "tools.check_servers",
        "--data",
        str(data),
        "--timeout",
        str(timeout),
    ]
    if cafile:
        command += ["--cafile", str(servers.ca.cafile)]
    done = subprocess.run(
        [*command, *options],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def dovecot_log_since(dovecot, before: str, connections: int) -> str:
    """What Dovecot logged after `before`, once it has logged the end of `connections` ones."""
    deadline = time.monotonic() + 5
    while True:
        new = dovecot.log()[len(before) :]
        if new.count("Disconnected") >= connections or time.monotonic() > deadline:
            return new
        time.sleep(0.05)


def ports_of(settings: dict) -> list[tuple[str, int, str]]:
    return [
        (server, port["port"], port["security"])
        for server, entry in settings["servers"].items()
        for port in entry["ports"]
    ]
