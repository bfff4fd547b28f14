"""A throwaway copy of everything a build reads, for tests that break it on purpose and for the
bench's generated help centers (one copy routine for both; tools never import tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.kit.build import PROJECT_DIR

# What a build reads. A copy of these is a complete, buildable project.
SITE_SOURCES = ("mkdocs.yml", "docs", "data", "hooks", "overrides")


def copy_project(destination: Path, source_dir: Path = PROJECT_DIR) -> Path:
    """Copy the build's sources from `source_dir` into `destination` and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = source_dir / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination
