"""Sources and review date per guide (issue 13): every guide says what its steps rest on and
when they were last checked against it, so a reader can trust a step and an editor knows which
guide to check next. The shape is the team's contract (CONTRIBUTING.md, "Sources and review"):

    review:
      date: 2026-11-29            # last review of the steps against the sources
      checked_against: iOS 26.1   # app versions, as readers name them
    sources:                      # at least one
      - url: https://support.apple.com/...
        confirms: Add Account steps and field labels
        checked: 2026-11-29
    unconfirmed:                  # optional
      - label: "Krypteringsmetod"
        note: no Swedish source; the step names the field by its position

A guide without `review` or `sources` fails `make check`; a review older than REVIEW_DAYS is a
warning (make check still passes) and `make reviews` lists every guide by review age.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from tools.checks.frontmatter import read_meta
from tools.checks.pages import Page, Warn, find_pages, site_languages

REVIEW_DAYS = 180
GUIDES = "guides/"
HOW = 'see CONTRIBUTING.md, "Sources and review"'
REVIEW_EXAMPLE = "review: {date: YYYY-MM-DD, checked_against: the app versions}"
SOURCE_EXAMPLE = "sources: [{url: https://..., confirms: what it confirms, checked: YYYY-MM-DD}]"


@dataclass(frozen=True)
class Review:
    """One guide's review, for the report."""

    page: Page
    date: datetime.date | None
    checked_against: str
    sources: int


def guides(project: Path) -> list[Page]:
    return [
        page for page in find_pages(project, site_languages(project)) if page.key.startswith(GUIDES)
    ]


def check_review(project: Path, today: datetime.date | None = None) -> list[str]:
    """Fails on a guide without review or sources; warns (Warn) on a review older than REVIEW_DAYS."""
    today = today or datetime.date.today()
    problems: list[str] = []
    for page in guides(project):
        meta, meta_problems = read_meta(page)
        if meta_problems:
            continue  # the frontmatter check reports those
        problems += review_problems(page, meta, today)
    return problems


def review_problems(page: Page, meta: dict, today: datetime.date) -> list[str]:
    where = page.name
    problems = []
    review = meta.get("review")
    if not isinstance(review, dict) and not meta.get("sources"):
        return [
            f"{where}:1: the guide has no review and no sources; add {REVIEW_EXAMPLE} and {SOURCE_EXAMPLE} "
            f"to its front matter: what its steps rest on and the day you checked them ({HOW})"
        ]
    if not isinstance(review, dict):
        problems.append(
            f"{where}:{_line(page, 'review')}: the guide has no review; add {REVIEW_EXAMPLE} to its front "
            f"matter, the day you checked its steps against its sources ({HOW})"
        )
    else:
        date = review.get("date")
        if not isinstance(date, datetime.date):
            problems.append(
                f"{where}:{_line(page, 'date', 'review')}: review.date must be a date like 2026-11-29, got "
                f"{date!r}; write the day you last checked the steps against the sources"
            )
        elif date > today:
            problems.append(
                f"{where}:{_line(page, 'date', 'review')}: review.date {date} is in the future; write the day of the "
                "review"
            )
        elif (today - date).days > REVIEW_DAYS:
            problems.append(
                Warn(
                    f"{where}:{_line(page, 'date', 'review')}: the review is {(today - date).days} days old "
                    "(review.date "
                    f"{date}, more than {REVIEW_DAYS}); check the steps against the sources again and set review.date "
                    "to that day (a warning: make check still passes)"
                )
            )
        checked_against = review.get("checked_against")
        if not isinstance(checked_against, str) or not checked_against.strip():
            problems.append(
                f"{where}:{_line(page, 'review')}: review.checked_against is missing; name the app versions the "
                "steps were checked against, as readers name them (checked_against: iOS 26.1)"
            )
    problems += source_problems(page, meta.get("sources"))
    for index, item in enumerate(meta.get("unconfirmed") or []):
        if (
            not isinstance(item, dict)
            or not str(item.get("label") or "").strip()
            or not str(item.get("note") or "").strip()
        ):
            problems.append(
                f'{where}:{_line(page, "unconfirmed")}: unconfirmed[{index}] needs a label and a note (label: "the '
                'label as the app shows it", note: why no source confirms it and how the wording avoids it)'
            )
    return problems


def source_problems(page: Page, sources) -> list[str]:
    where = page.name
    if not isinstance(sources, list) or not sources:
        return [
            f"{where}:{_line(page, 'sources')}: the guide has no sources; add {SOURCE_EXAMPLE} to its front "
            f"matter, one entry for each vendor page or localisation file its steps rest on ({HOW})"
        ]
    problems = []
    for index, source in enumerate(sources):
        line = _line(page, "url", "sources", index)
        if not isinstance(source, dict):
            problems.append(
                f"{where}:{line}: sources[{index}] must be url, confirms and checked; use {SOURCE_EXAMPLE}"
            )
            continue
        url, confirms, checked = source.get("url"), source.get("confirms"), source.get("checked")
        if not isinstance(url, str) or not re.match(r"https://\S+$", url):
            problems.append(
                f"{where}:{line}: sources[{index}].url must be an https:// address, got {url!r}; link the vendor's "
                "own page"
            )
        if not isinstance(confirms, str) or not confirms.strip():
            problems.append(
                f"{where}:{line}: sources[{index}].confirms is missing; say which steps, labels or facts the source "
                "confirms"
            )
        if not isinstance(checked, datetime.date):
            problems.append(
                f"{where}:{line}: sources[{index}].checked must be a date like 2026-11-29, got {checked!r}; write "
                "the day you read the source"
            )
    return problems


def reviews(project: Path) -> list[Review]:
    """Every guide's review, the oldest (or missing) first."""
    found = []
    for page in guides(project):
        meta, _ = read_meta(page)
        review = meta.get("review")
        review = review if isinstance(review, dict) else {}
        date = review.get("date")
        sources = meta.get("sources")
        found.append(
            Review(
                page,
                date if isinstance(date, datetime.date) else None,
                str(review.get("checked_against") or ""),
                len(sources) if isinstance(sources, list) else 0,
            )
        )
    return sorted(found, key=lambda r: (r.date or datetime.date.min, r.page.name))


def _line(page: Page, key: str, parent: str | None = None, index: int = 0) -> int:
    """The front-matter line of `key` (under `parent`, its index-th occurrence there), else 1."""
    lines = page.text.split("\n")
    start = 0
    if parent is not None:
        start = next((n for n, line in enumerate(lines) if line.startswith(f"{parent}:")), None)
        if start is None:
            return 1
    seen = 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if number > 1 and line.rstrip() == "---":
            break
        if re.match(rf"^\s*(?:- )?{re.escape(key)}:", line):
            if seen == index:
                return number
            seen += 1
    return start + 1 if parent is not None else 1
