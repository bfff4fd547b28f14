"""The one strict build: `mkdocs build --strict` as a subprocess, so each build starts with
fresh hook modules and a fresh config, exactly as `make build` and CI run it.

    from tools.kit.build import strict_build
    result = strict_build(project_dir, site_dir)          # output captured
    if not result.ok: print(result.output)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


@dataclass
class BuildResult:
    """What one strict build did: its exit code and, when captured, stdout and stderr joined."""

    project: Path
    site: Path
    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def strict_build_command(site: Path, *, quiet: bool = False) -> list[str]:
    """The command line, for callers that need to run it their own way (e.g. under a timer)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return [*command, "--quiet"] if quiet else command


def build_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment, without MkDocs' banner about MkDocs 2, plus `extra`."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def strict_build(
    project: Path = PROJECT_DIR,
    site: Path | None = None,
    *,
    capture: bool = True,
    quiet: bool = False,
    env: Mapping[str, str] | None = None,
) -> BuildResult:
    """Build `project` strictly into `site` (default: project/site). With capture=False the
    build's log goes to this process's terminal and `output` is empty."""
    site = site if site is not None else project / "site"
    result = subprocess.run(
        strict_build_command(site, quiet=quiet),
        cwd=project,
        env=build_environment(env),
        capture_output=capture,
        text=True,
    )
    output = (result.stdout or "") + (result.stderr or "") if capture else ""
    return BuildResult(project, site, result.returncode, output)
