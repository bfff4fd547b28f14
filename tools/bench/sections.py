"""A generated section of a Markdown file, between two marker comments: PERFORMANCE.md holds
several, each written by its own bench, and a bench rewrites only its own."""

from __future__ import annotations


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
