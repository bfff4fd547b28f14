"""Build the real project or a throwaway copy of it. Tests import these helpers directly
(`from sitebuild import copy_project`); `conftest` is not importable by name, there are two."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


PROJECT_DIR = Path(__file__).resolve().parent.parent
# What a build reads. A copy of these is a complete, buildable project.
SITE_SOURCES = ("mkdocs.yml", "docs", "data", "hooks", "overrides")


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict`."""

    project: Path
    site: Path
    returncode: int
    output: str


def run_build(project: Path, site: Path) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def copy_project(destination: Path) -> Path:
    """A throwaway copy of everything the build reads, to break on purpose."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination
