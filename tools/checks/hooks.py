"""The one place the checks import the build's own code (hooks/ on sys.path, as MkDocs and the
tests have it), so the checks use the build's marker pattern, marker registry and data
validation. It works with the hooks' marker registry (hooks/helpcenter/, issue 14) and with the
older single-file hooks; the rest of tools/checks/ imports only the names below."""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS_DIR) not in sys.path:
    sys.path.insert(0, str(HOOKS_DIR))

import mail_data  # noqa: E402

try:  # the marker registry and the links loader of hooks/helpcenter/
    from helpcenter import markers as _registry  # type: ignore
    from helpcenter import shortlinks as _shortlinks  # type: ignore

    _load_links = _shortlinks.load_links
    _old_hook = None
except ImportError:  # the single-file hooks
    import links as _links_hook
    import settings as _old_hook
    import setup_files as _setup_files

    _registry = None
    _load_links = _links_hook.load_links

MARKER: re.Pattern[str] = (_registry or _old_hook).MARKER  # type: ignore[union-attr]
FENCE: re.Pattern[str] = (_registry or _old_hook).FENCE  # type: ignore[union-attr]
MARKERS_HELP = "(see CONTRIBUTING.md, Markers)"

__all__ = ["FENCE", "MARKER", "load_links", "mail_data", "marker_error", "marker_kinds"]


def load_links(path: Path, locales: list[str]) -> object:
    """data/links.yml, checked for shape by the build's own loader; raises mail_data.DataError."""
    return _load_links(path, locales)


def marker_kinds() -> list[str]:
    """The marker kinds the build knows (`table`, `value`...): its registry, or the list the
    older hook's error message gives."""
    if _registry is not None:
        return list(_registry.KINDS)
    probe = MARKER.search("<!-- settings:no-such-kind -->")
    try:
        if probe is not None:
            _old_hook.render_marker(probe, "", {}, {}, "")  # type: ignore[union-attr]
    except Exception as error:
        return re.findall(r"settings:([\w-]+)", str(error).split(";", 1)[-1])
    return []


def marker_error(
    line: str, where: tuple[str, int], settings: dict, labels: dict, locale: str, default: str
) -> str | None:
    """What is wrong with the markers of one line (`where`: its page under docs/ and its line
    number), as one message, or None. A misspelt kind gets one "did you mean"; the other
    messages are the build's own."""
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
    if _registry is not None:
        problems = _registry.check_markdown(line, settings, page_path, number)
        return problems[0] if problems else None
    downloads = _setup_files.download_paths(locale, default)
    try:
        _old_hook.fill_markers(  # type: ignore[union-attr]
            line, settings, labels[locale], page_path, first_line=number, downloads=downloads
        )
    except Exception as error:
        return str(error)
    return None
