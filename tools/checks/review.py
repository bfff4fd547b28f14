"""Sources and review date per guide (issue 13): every guide says what its steps rest on and
when they were last checked against it, so a reader can trust a step and an editor knows which
guide to check next. The shape is the team's contract (CONTRIBUTING.md, "Sources and review"):

    review:
      date: 2026-11-29            # last review of the steps against the sources
      apps: {ios: "26"}           # each app (data/app-versions.yml) and the version checked
      # or, for a guide about no one app: checked_against: email apps that support IMAP
    sources:                      # at least one
      - url: https://support.apple.com/...
        confirms: Add Account steps and field labels
        checked: 2026-11-29
    unconfirmed:                  # optional
      - label: "Krypteringsmetod"
        note: no Swedish source; the step names the field by its position

A guide without `review` or `sources`, or naming an app data/app-versions.yml does not list, fails
`make check`; a review older than REVIEW_DAYS is a warning (make check still passes) and
`make reviews` lists every guide by review age, flagging apps checked at an older version than
the one readers have now.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from tools.checks.frontmatter import read_meta
from tools.checks.hooks import DataError, load_app_versions, outdated, unknown_app
from tools.checks.pages import Page, Warn, find_pages, site_languages

REVIEW_DAYS = 180
GUIDES = "guides/"
HOW = 'see CONTRIBUTING.md, "Sources and review"'
REVIEW_EXAMPLE = 'review: {date: YYYY-MM-DD, apps: {ios: "26"}}'
SOURCE_EXAMPLE = "sources: [{url: https://..., confirms: what it confirms, checked: YYYY-MM-DD}]"


@dataclass(frozen=True)
class Review:
    """One guide's review, for the report."""

    page: Page
    date: datetime.date | None
    checked_against: str
    sources: int
    outdated: list[str]  # apps checked at an older version than readers have now


def app_versions(project: Path) -> dict | None:
    """data/app-versions.yml, or None when it is broken (the data check reports that)."""
    locales = [language.locale for language in site_languages(project)]
    try:
        return load_app_versions(
            locales, project / "data" / "app-versions.yml", "data/app-versions.yml"
        )
    except DataError:
        return None


def guides(project: Path) -> list[Page]:
    return [
        page for page in find_pages(project, site_languages(project)) if page.key.startswith(GUIDES)
    ]


def check_review(project: Path, today: datetime.date | None = None) -> list[str]:
    """Fails on a guide without review or sources; warns (Warn) on a review older than REVIEW_DAYS."""
    today = today or datetime.date.today()
    problems: list[str] = []
    apps = app_versions(project)
    for page in guides(project):
        meta, meta_problems = read_meta(page)
        if meta_problems:
            continue  # the frontmatter check reports those
        problems += review_problems(page, meta, today, apps)
    return problems


def review_problems(
    page: Page, meta: dict, today: datetime.date, apps: dict | None = None
) -> list[str]:
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
        problems += apps_problems(page, review, apps)
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


def apps_problems(page: Page, review: dict, known: dict | None) -> list[str]:
    """review.apps names apps data/app-versions.yml lists, each with the version checked; a
    guide about no one app says what it was checked against in words instead."""
    where, line = page.name, _line(page, "review")
    apps, words = review.get("apps"), review.get("checked_against")
    if apps is None:
        if isinstance(words, str) and words.strip():
            return []
        return [
            f"{where}:{line}: review.apps is missing; name each app the steps were checked against "
            'and its version, as data/app-versions.yml names the app (apps: {ios: "26"})'
        ]
    if not isinstance(apps, dict) or not apps:
        return [f'{where}:{line}: review.apps must map app ids to versions, e.g. {{ios: "26"}}']
    if known is None:
        return []  # data/app-versions.yml is broken: the data check says how
    return [
        f"{where}:{_line(page, str(app), 'review')}: {unknown_app(str(app), known)}"
        for app in apps
        if app not in known
    ]


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
    apps = app_versions(project) or {}
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
                _checked_against(review, apps),
                len(sources) if isinstance(sources, list) else 0,
                outdated(review["apps"], apps) if isinstance(review.get("apps"), dict) else [],
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


def _checked_against(review: dict, apps: dict) -> str:
    """'ios 26, ipados 26' for the report, or the guide's words."""
    if isinstance(review.get("apps"), dict):
        return ", ".join(f"{app} {version}" for app, version in review["apps"].items())
    return str(review.get("checked_against") or "")
