"""Shared fixtures: the site is built once per test session; broken copies are built on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once for the whole test session."""
    site = tmp_path_factory.mktemp("site")
    build = run_build(PROJECT_DIR, site)
    assert build.returncode == 0, f"the site does not build:\n{build.output}"
    return site


@pytest.fixture
def build_copy(tmp_path):
    """Build a copy of the project after `edit(project_dir)` has changed it."""

    def build(edit) -> Build:
        project = copy_project(tmp_path / "project")
        edit(project)
        return run_build(project, tmp_path / "site")

    return build


@pytest.fixture(scope="session")
def mkdocs_config() -> dict:
    """mkdocs.yml as data (its !!python tags, if any, are not needed here)."""
    return yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


@pytest.fixture(scope="session")
def languages(mkdocs_config) -> list[dict]:
    """The site's languages from mkdocs.yml, the default one first: [{'locale', 'prefix'}]."""
    plugins = mkdocs_config["plugins"]
    i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
    found = []
    for language in i18n["languages"]:
        default = language.get("default") == "true"
        found.append({"locale": language["locale"], "default": default, "prefix": "" if default else language["locale"] + "/"})
    return sorted(found, key=lambda language: not language["default"])


@pytest.fixture(scope="session")
def mail_settings() -> dict:
    import mail_data

    return mail_data.load_settings()
