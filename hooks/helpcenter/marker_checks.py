"""What editors see of the marker registry without a build: every marker problem of a page
(`make check`, tools/checks) and CONTRIBUTING.md's marker table, both from `markers.KINDS`."""

from __future__ import annotations

from helpcenter.mailsettings import Settings
from helpcenter.markers import FENCE, KINDS, MARKER, find_problem


def check_markdown(
    markdown: str, settings: Settings, page_path: str, first_line: int = 1
) -> list[str]:
    """Every marker problem of a page, `docs/PAGE:LINE: ...`, without rendering (tools/checks)."""
    problems = []
    in_fence = False
    for index, line in enumerate(markdown.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or "<!--" not in line:
            continue
        for match in MARKER.finditer(line):
            problem = find_problem(match, line, settings)
            if problem:
                problems.append(f"docs/{page_path}:{first_line + index}: {problem}")
    return problems


def contributing_table() -> str:
    """CONTRIBUTING.md's marker table, from the registry."""
    rows = ["| marker | where | what the reader sees |", "|---|---|---|"]
    for kind in KINDS.values():
        where = "alone on its line" if kind.alone else "in a sentence"
        if kind.list_items:
            where = "as a list item of its own"
        for arguments, seen in kind.rows:
            first, *others = arguments.split(", ")
            shown = ", ".join([f"`{kind.example(first)}`", *(f"`{other}`" for other in others)])
            rows.append(f"| {shown} | {where} | {seen} |")
    return "\n".join(rows)
