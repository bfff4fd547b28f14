"""The one place the checks import the project's MkDocs hooks (hooks/ on sys.path, as MkDocs
and the tests see them), so the checks use the hooks' own marker pattern, renderers and data
validation. When the hooks change (a marker registry, say), only this file needs to follow."""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS_DIR) not in sys.path:
    sys.path.insert(0, str(HOOKS_DIR))

import links as links_hook  # noqa: E402
import mail_data  # noqa: E402
from helpcenter import markers  # noqa: E402

__all__ = [
    "links_hook",
    "mail_data",
    "marker_error",
    "marker_kinds",
    "settings_hook",
    "setup_files",
]

MARKERS_HELP = "(see CONTRIBUTING.md, Markers)"


def marker_kinds() -> list[str]:
    """The marker kinds the settings hook knows (`table`, `value`...): its registry when it has
    one, else the list its own error message gives."""
    registry = getattr(settings_hook, "MARKER_KINDS", None) or getattr(
        settings_hook, "MARKERS", None
    )
    if registry:
        return [str(kind).removeprefix("settings:") for kind in registry]
    probe = settings_hook.MARKER.search("<!-- settings:no-such-kind -->")
    try:
        if probe is not None:
            settings_hook.render_marker(probe, "", {}, {}, "")
    except settings_hook.PluginError as error:
        return re.findall(r"settings:([\w-]+)", str(error).split(";", 1)[-1])
    return []


def marker_error(
    line: str, settings: dict, labels: dict, page_path: str, number: int, downloads: dict
) -> str | None:
    """What is wrong with the markers of one line, as one message (None when they render). A
    misspelt kind gets a "did you mean"; other messages are the hook's own."""
    for match in settings_hook.MARKER.finditer(line):
        kinds = marker_kinds()
        if match["prefix"] == "settings" and match["kind"] not in kinds:
            close = difflib.get_close_matches(match["kind"], kinds, n=1, cutoff=0.5)
            hint = (
                f"did you mean settings:{close[0]}?"
                if close
                else f"use one of: {', '.join('settings:' + k for k in kinds)}"
            )
            return f"docs/{page_path}:{number}: unknown marker {match[0]}; {hint} {MARKERS_HELP}"
    try:
        settings_hook.fill_markers(
            line, settings, labels, page_path, first_line=number, downloads=downloads
        )
    except settings_hook.PluginError as error:
        return str(error)
    return None
