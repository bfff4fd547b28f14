"""Build the real project or a throwaway copy of it. Tests import these helpers directly
(`from sitebuild import copy_project`); `conftest` is not importable by name, there are two."""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.kit.build import PROJECT_DIR, BuildResult, strict_build
from tools.kit.project import copy_project as copy_project  # the tests import it from here

# The outcome of one `mkdocs build --strict` (project, site, returncode, output).
Build = BuildResult


def run_build(project: Path, site: Path, env: dict[str, str] | None = None) -> Build:
    """A strict build of `project` into `site`, its output captured (tools/kit/build.py), with
    `env` added to this process's environment."""
    return strict_build(project, site, env=env)


# A language that is not shipped, for tests/test_languages_*.py: German, partial (issue 10).
LANGUAGE_FIXTURE = PROJECT_DIR / "tests" / "fixtures" / "language"


def add_language(project: Path, fixture: Path = LANGUAGE_FIXTURE) -> dict:
    """Add a language to a project copy the way CONTRIBUTING.md ("Add a language") tells an
    editor to: its entry at the end of plugins > i18n > languages in mkdocs.yml
    (`fixture/language.yml`), its labels at the end of data/labels.yml (`fixture/labels.yml`),
    its names of the apps named per language in data/app-versions.yml (`fixture/app-names.yml`)
    and its pages (`fixture/docs/`). Returns the entry."""
    import yaml

    entry_text = (fixture / "language.yml").read_text(encoding="utf-8")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    start = next(index for index, line in enumerate(lines) if line.strip() == "languages:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    entry = [" " * (indent + 2) + line for line in entry_text.split("\n") if line.strip()]
    config.write_text("\n".join(lines[:end] + entry + lines[end:]), encoding="utf-8")
    labels = project / "data" / "labels.yml"
    labels.write_text(
        labels.read_text(encoding="utf-8") + (fixture / "labels.yml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    entry_data = yaml.safe_load(entry_text)[0]
    apps_file = project / "data" / "app-versions.yml"
    apps = yaml.safe_load(apps_file.read_text(encoding="utf-8"))
    names = yaml.safe_load((fixture / "app-names.yml").read_text(encoding="utf-8"))
    for app, entry in apps["apps"].items():
        if isinstance(entry["name"], dict):  # a name per language: the new one's from the fixture
            entry["name"][entry_data["locale"]] = names[app]
    apps_file.write_text(yaml.safe_dump(apps, allow_unicode=True), encoding="utf-8")
    shutil.copytree(fixture / "docs", project / "docs", dirs_exist_ok=True)
    return entry_data
