"""Timed builds and `mkdocs serve` edits of a generated project, each in a fresh process."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tools.bench.config_file import BenchError, site_languages
from tools.kit.build import build_environment, strict_build_command
from tools.kit.net import free_port


@dataclass
class BuildSample:
    seconds: float
    cpu_seconds: float
    peak_bytes: int


def _env(**extra: str) -> dict[str, str]:
    return build_environment(extra)


def timed_build(project: Path, site: Path) -> BuildSample:
    """One strict build in a fresh process: wall time, CPU time and peak memory of that process
    (and of what it waited for, such as git and Pagefind)."""
    shutil.rmtree(site, ignore_errors=True)
    log_path = project.parent / f"{project.name}.log"
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            strict_build_command(site),
            cwd=project,
            env=_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(
            process.pid, 0
        )  # rusage of this child and its waited-for children
        seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        output = log_path.read_text(encoding="utf-8", errors="replace")
        raise BenchError(f"{project}: the build failed:\n{output[-3000:]}")
    return BuildSample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def page_url_path(src: str) -> str:
    """guides/iphone.md -> guides/iphone/ (directory URLs)."""
    stem = src[:-3]
    if stem.rsplit("/", 1)[-1] == "index":
        return stem[: -len("index")]
    return stem + "/"


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(condition, timeout: float, interval: float, what: str):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise BenchError(f"timed out after {timeout:.0f} s waiting for {what}")


def serve_edit_seconds(project: Path, src: str, timeout: float = 1800) -> float:
    """Start `mkdocs serve` as `make serve` does (the default language only, its fast preview,
    on a free port), edit one page, and time how long the served page takes to show the edit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page_url_path(src)}"
    path = project / "docs" / src
    original = path.read_text(encoding="utf-8")
    default = site_languages(project)[0].locale
    log_path = project.parent / f"{project.name}-serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--watch-theme",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            env=_env(HELP_LANGUAGE=default, HELP_FAST_PREVIEW="1"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(
            lambda: process.poll() is not None or _fetch(url),
            timeout,
            0.2,
            f"mkdocs serve to serve {url}",
        )
        if process.poll() is not None:
            raise BenchError(
                f"{project}: mkdocs serve stopped:\n{log_path.read_text(errors='replace')[-3000:]}"
            )
        time.sleep(1.0)  # let the watcher take its first look at the files
        token = f"bench-edit-{time.time_ns()}"
        edited = re.sub(r"^(# .*\n)", lambda m: f"{m[1]}\n{token}\n", original, count=1, flags=re.M)
        start = time.perf_counter()
        path.write_text(edited, encoding="utf-8")
        _wait_for(
            lambda: token in (_fetch(url) or ""),
            timeout,
            0.02,
            f"the edit of docs/{src} to show at {url}",
        )
        return time.perf_counter() - start
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        path.write_text(original, encoding="utf-8")
