"""The one place the checks import the build's own code (the installed package helpcenter),
so the checks use the build's languages, marker
pattern, marker registry and data validation. The rest of tools/checks/ imports only the names below."""

from __future__ import annotations

from helpcenter import marker_checks as _checks
from helpcenter import markers as _registry
from helpcenter.app_versions import load_app_versions, outdated, unknown_app
from helpcenter.datafiles import DataError
from helpcenter.languages import Language, configured_languages
from helpcenter.problems import check_guides, load_problems
from helpcenter.search_synonyms import load as load_synonyms
from helpcenter.shortlinks import load_links

MARKER = _registry.MARKER
FENCE = _registry.FENCE
MARKERS_HELP = "(see CONTRIBUTING.md, Markers)"

__all__ = [
    "load_synonyms",
    "DataError",
    "load_app_versions",
    "outdated",
    "unknown_app",
    "check_guides",
    "load_problems",
    "FENCE",
    "MARKER",
    "Language",
    "configured_languages",
    "load_links",
    "marker_error",
    "marker_kinds",
]


def marker_kinds() -> list[str]:
    """The marker kinds the build knows (`table`, `value`...): its registry."""
    return list(_registry.KINDS)


def marker_error(line: str, where: tuple[str, int], settings: dict) -> str | None:
    """What is wrong with the markers of one line (`where`: its page under docs/ and its line
    number), as one message, or None: the build's own message (helpcenter.markers)."""
    page_path, number = where
    problems = _checks.check_markdown(line, settings, page_path, number)
    return problems[0] if problems else None
