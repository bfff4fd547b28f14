"""`make serve`, the README's first command, as an editor runs it: it serves the site and an
edit to a page shows on the next request after the rebuild. Runs the Makefile's own recipe in
a copy of the project, so the real docs are never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from sitebuild import PROJECT_DIR, copy_project
from tools.kit.net import free_port

VENV = PROJECT_DIR / ".venv"
WAIT_SECONDS = 240


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, process: subprocess.Popen[str]) -> bool:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        body = fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(1)
    return False


def test_make_serve_serves_the_site_and_shows_an_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy2(PROJECT_DIR / "Makefile", project / "Makefile")
    address = f"127.0.0.1:{free_port()}"
    environment = {key: value for key, value in os.environ.items() if key != "LANGUAGE"}
    process = subprocess.Popen(
        # -o: the project's venv is already installed; the copy only lacks its stamp's inputs.
        ["make", "--no-print-directory", "-o", f"{VENV}/.installed", "serve"]
        + [f"VENV={VENV}", f"SERVE_ADDR={address}"],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        page = f"http://{address}/guides/iphone/"
        served = wait_for(page, "<h1", process)
        if not served:
            process.kill()
        assert served, f"make serve served nothing:\n{process.communicate()[0][-3000:]}"

        guide = project / "docs" / "guides" / "iphone.md"
        text = guide.read_text(encoding="utf-8")
        guide.write_text(text.replace("\n# ", "\n# EDITED-BY-THE-TEST ", 1), encoding="utf-8")
        shown = wait_for(page, "EDITED-BY-THE-TEST", process)
        if not shown:
            process.kill()
        assert shown, f"the edit never showed:\n{process.communicate()[0][-3000:]}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)
