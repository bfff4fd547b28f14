"""The data files and the markers, checked with the settings hook's own code, without a build."""

from __future__ import annotations

from pathlib import Path

from helpcenter.datafiles import DataError
from helpcenter.labels import load_labels
from helpcenter.mailsettings import load_settings
from tools.checks.hooks import (
    check_guides,
    load_app_versions,
    load_links,
    load_problems,
    load_synonyms,
    marker_error,
)
from tools.checks.pages import body_lines, docs_dir, find_pages, site_languages
from tools.checks.yaml_advice import advice


def load_data(project: Path) -> tuple[dict, dict]:
    """The validated settings and labels of this project; raises DataError."""
    locales = [language.locale for language in site_languages(project)]
    settings = load_settings(project / "data" / "mail-settings.yml")
    labels = load_labels(locales, project / "data" / "labels.yml")
    return settings, labels


def check_data(project: Path) -> list[str]:
    """Every data file is valid YAML (else one line of advice at the line to change), and
    mail-settings.yml, labels.yml and links.yml pass the build's own validation."""
    problems, broken = [], set()
    for path in sorted((project / "data").glob("*.yml")):
        name = path.relative_to(project).as_posix()
        message = advice(name, path.read_text(encoding="utf-8-sig"))
        if message:
            problems.append(message)
            broken.add(path.name)
    if not broken & {"mail-settings.yml", "labels.yml"}:
        try:
            load_data(project)
        except DataError as error:
            problems += [_relative(line, project) for line in str(error).splitlines()]
    if "links.yml" not in broken and (project / "data" / "links.yml").exists():
        locales = [language.locale for language in site_languages(project)]
        try:
            load_links(project / "data" / "links.yml", locales)
        except DataError as error:
            problems += [_relative(line, project) for line in str(error).splitlines()]
    if "problems.yml" not in broken and (project / "data" / "problems.yml").exists():
        problems += check_problems(project)
    if "search-synonyms.yml" not in broken and (project / "data" / "search-synonyms.yml").exists():
        locales = [language.locale for language in site_languages(project)]
        try:
            load_synonyms(locales, project / "data" / "search-synonyms.yml")
        except DataError as error:
            problems += [_relative(line, project) for line in str(error).splitlines()]
    if "app-versions.yml" not in broken:
        locales = [language.locale for language in site_languages(project)]
        try:
            load_app_versions(
                locales, project / "data" / "app-versions.yml", "data/app-versions.yml"
            )
        except DataError as error:
            problems += str(error).splitlines()
    return problems


def check_problems(project: Path) -> list[str]:
    """data/problems.yml as the build validates it, and every guide's troubleshooting ids and the
    hub's sections against it (helpcenter.problems)."""
    locales = [language.locale for language in site_languages(project)]
    path = project / "data" / "problems.yml"
    try:
        found = load_problems(docs_dir(project), locales, path, "data/problems.yml")
    except DataError as error:
        return str(error).splitlines()
    return check_guides(docs_dir(project), list(found.words))


def check_markers(project: Path) -> list[str]:
    """Every marker in every page is one the build knows (its marker registry)."""
    try:
        load_data(project)
    except DataError:
        return [
            "data/mail-settings.yml:1: the markers cannot be checked while the data file has errors; fix those first "
            "(python -m tools.checks data)"
        ]
    return [message for _, message in marker_problems(project)]


def marker_problems(project: Path) -> list[tuple[str, str]]:
    """(page, message) for every marker the hook cannot render; none while the data has errors."""
    try:
        settings, _ = load_data(project)
    except DataError:
        return []
    languages = site_languages(project)
    docs = docs_dir(project)
    problems = []
    for page in find_pages(project, languages):
        page_path = page.path.relative_to(docs).as_posix()
        for number, line in body_lines(page.text):
            if "<!--" not in line:
                continue
            where = (page_path, number)
            message = marker_error(line, where, settings)
            if message:
                problems.append((page.name, _relative(message, project)))
    return problems


def _relative(message: str, project: Path) -> str:
    """Messages name files as editors see them, relative to the project."""
    return message.replace(f"{project.resolve()}/", "").replace(f"{project}/", "")
