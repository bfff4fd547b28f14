"""The one place the checks import the build's own code (hooks/helpcenter/, with hooks/ on
sys.path as MkDocs and the tests have it), so the checks use the build's languages, marker
pattern, marker registry and data validation. The rest of tools/checks/ imports only the names below."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS_DIR) not in sys.path:
    sys.path.insert(0, str(HOOKS_DIR))

import mail_data  # noqa: E402
from helpcenter import marker_checks as _checks  # noqa: E402
from helpcenter import markers as _registry  # noqa: E402
from helpcenter.languages import Language, configured_languages  # noqa: E402
from helpcenter.problems import check_guides, load_problems  # noqa: E402
from helpcenter.shortlinks import load_links  # noqa: E402

MARKER = _registry.MARKER
FENCE = _registry.FENCE
MARKERS_HELP = "(see CONTRIBUTING.md, Markers)"

__all__ = [
    "check_guides",
    "load_problems",
    "FENCE",
    "MARKER",
    "Language",
    "configured_languages",
    "load_links",
    "mail_data",
    "marker_error",
    "marker_kinds",
]


def marker_kinds() -> list[str]:
    """The marker kinds the build knows (`table`, `value`...): its registry."""
    return list(_registry.KINDS)


def marker_error(line: str, where: tuple[str, int], settings: dict) -> str | None:
    """What is wrong with the markers of one line (`where`: its page under docs/ and its line
    number), as one message, or None. A misspelt kind gets one "did you mean"; the other
    messages are the registry's own."""
    page_path, number = where
    kinds = marker_kinds()
    for match in MARKER.finditer(line):
        if match["prefix"] == "settings" and match["kind"] not in kinds:
            close = difflib.get_close_matches(match["kind"], kinds, n=1, cutoff=0.5)
            hint = (
                f"did you mean settings:{close[0]}?"
                if close
                else f"use one of: {', '.join('settings:' + kind for kind in kinds)}"
            )
            return f"docs/{page_path}:{number}: unknown marker {match[0]}; {hint} {MARKERS_HELP}"
    problems = _checks.check_markdown(line, settings, page_path, number)
    return problems[0] if problems else None
