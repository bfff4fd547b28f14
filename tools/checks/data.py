"""The data files and the markers, checked with the settings hook's own code, without a build."""

from __future__ import annotations

from pathlib import Path

from tools.checks.hooks import mail_data, marker_error, setup_files
from tools.checks.pages import body_lines, docs_dir, find_pages, site_languages


def load_data(project: Path) -> tuple[dict, dict]:
    """The validated settings and labels of this project; raises mail_data.DataError."""
    locales = [language.locale for language in site_languages(project)]
    settings = mail_data.load_settings(project / "data" / "mail-settings.yml")
    labels = mail_data.load_labels(locales, project / "data" / "labels.yml")
    return settings, labels


def check_data(project: Path) -> list[str]:
    """data/mail-settings.yml and data/labels.yml are valid (the build's own validation)."""
    try:
        load_data(project)
    except mail_data.DataError as error:
        return [_relative(line, project) for line in str(error).splitlines()]
    return []


def check_markers(project: Path) -> list[str]:
    """Every marker in every page is one the build knows (its marker registry)."""
    try:
        load_data(project)
    except mail_data.DataError:
        return ["data/mail-settings.yml:1: the markers cannot be checked while the data files have errors; fix those first (python -m tools.checks data)"]
    return [message for _, message in marker_problems(project)]


def marker_problems(project: Path) -> list[tuple[str, str]]:
    """(page, message) for every marker the hook cannot render; none while the data has errors."""
    try:
        settings, labels = load_data(project)
    except mail_data.DataError:
        return []
    languages = site_languages(project)
    default = languages[0].locale
    docs = docs_dir(project)
    problems = []
    for page in find_pages(project, site_languages(project)):
        page_path = page.path.relative_to(docs).as_posix()
        for number, line in body_lines(page.text):
            if "<!--" not in line:
                continue
            message = marker_error(line, settings, labels[page.locale], page_path, number, downloads)
            if message:
                problems.append((page.name, _relative(message, project)))
    return problems


def _relative(message: str, project: Path) -> str:
    """Messages name files as editors see them, relative to the project."""
    return message.replace(f"{project.resolve()}/", "").replace(f"{project}/", "")
