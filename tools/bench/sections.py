"""A generated section of a Markdown file, between two marker comments: PERFORMANCE.md holds
several, each written by its own bench, and a bench rewrites only its own."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def replace(text: str, start: str, end: str, new: str) -> str:
    """The file with the section from `start` to `end` replaced by `new`, or `new` appended."""
    first, last = text.find(start), text.find(end)
    if first < 0 or last < first:
        return text.rstrip("\n") + "\n\n" + new + "\n"
    return text[:first] + new + text[last + len(end) :]


def kept(text: str, start: str, end: str) -> str | None:
    """The section as it is, to keep it when the rest of the file is rewritten."""
    first, last = text.find(start), text.find(end)
    return text[first : last + len(end)] if 0 <= first < last else None


def command(module: str, argv: list[str] | None) -> str:
    """How a bench was run, as its section names it: "python -m <module> <its arguments>"."""
    return f"python -m {module} " + shlex.join(argv if argv is not None else sys.argv[1:])


def write(path: Path, start: str, end: str, new: str) -> None:
    """Put `new` in place of the section in the file at `path` (appended if it has none)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace(text, start, end, new), encoding="utf-8")
