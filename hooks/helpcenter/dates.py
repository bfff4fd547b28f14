"""Each page's "last updated" date, from ONE `git log` over the docs folder per build.

A page's date is the author date (UTC) of the newest commit that changed its file's content: a
pure rename (R100) is no change, and the history goes on under the old name; a rename with edits
is a change. The plugin this replaces (mkdocs-git-revision-date-localized) ran one `git log` per
page, slower as the folder grew: about 300 CPU s at 10,000 pages per language.

git's answer depends only on the commit, so it is kept in this module (`HISTORY`) by repository,
HEAD and docs folder: static-i18n's other languages and `make serve`'s rebuilds reuse it, and a
new commit is a new HEAD, so the next build asks git again.
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.dates import format_date

# The build says each of these once, at INFO: strict mode counts warnings as failures, and a site
# with approximate dates beats no site.
NO_HISTORY = (
    'some pages have no git history (new, uncommitted, or no .git here): their "last updated" '
    "date is the build date (said once per build)"
)
NO_GIT = 'git is not installed: every "last updated" date is the build date'
SHALLOW = (
    'a shallow git clone: "last updated" dates may be approximate (a page unchanged since the '
    "oldest commit here shows that commit's date); fetch the whole history for exact dates"
)


@dataclass
class History:
    """git's answer for one commit, kept across builds in this process."""

    key: tuple[str, str, str, bool] | None = None  # repository, HEAD, docs folder, shallow
    days: dict[str, datetime.date] = field(default_factory=dict)
    runs: int = 0  # how many times `git log` ran in this process (tests count them)


HISTORY = History()


@dataclass
class BuildDates:
    """One site build's dates, shared by its languages (on the site context)."""

    days: dict[str, datetime.date]  # docs-relative path ("guides/iphone.md") -> date
    today: datetime.date
    notes: list[str]  # said once, when the build starts
    undated_said: bool = False  # NO_HISTORY, once, at the first page without a date
    # (date, locale) -> the HTML a page shows: a site has few distinct dates.
    shown: dict[tuple[datetime.date, str], str] = field(default_factory=dict)


def build_dates(docs_dir: Path) -> BuildDates:
    """The dates for this build: from HISTORY when HEAD has not moved, else one `git log`."""
    today = datetime.datetime.now(datetime.UTC).date()
    try:
        repository = find_repository(docs_dir)
    except FileNotFoundError:
        return BuildDates({}, today, [NO_GIT], undated_said=True)
    if repository is None:
        return BuildDates({}, today, [])
    root, head, shallow = repository
    docs = docs_dir.resolve().relative_to(root).as_posix()
    key = (str(root), head, docs, shallow)
    if HISTORY.key != key:
        HISTORY.runs += 1
        days = last_changes(root, docs)
        if days is None:  # git failed: no dates this time, and nothing kept for the next build
            return BuildDates({}, today, [])
        HISTORY.days, HISTORY.key = days, key
    return BuildDates(HISTORY.days, today, [SHALLOW] if shallow else [])


def find_repository(docs_dir: Path) -> tuple[Path, str, bool] | None:
    """(top folder, HEAD commit, shallow?) of the repository holding docs_dir, or None (no .git,
    no commit yet, or docs_dir outside it). FileNotFoundError: no git at all."""
    result = subprocess.run(
        [
            "git",
            "-C",
            str(docs_dir),
            "rev-parse",
            "--show-toplevel",
            "HEAD",
            "--is-shallow-repository",
        ],
        capture_output=True,
        text=True,
    )
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) != 3:
        return None
    root = Path(lines[0]).resolve()
    if not docs_dir.resolve().is_relative_to(root):
        return None
    return root, lines[1], lines[2] == "true"


def last_changes(root: Path, docs: str) -> dict[str, datetime.date] | None:
    """For each file in the folder `docs` (relative to root) at HEAD, by its path relative to
    that folder: the UTC author date of the newest commit that changed its content. None if
    git fails."""
    command = ["git", "-C", str(root), "log", "-M", "-z", "--name-status", "--format=%x00%at"]
    result = subprocess.run(
        [*command, "--no-color", "--", docs],
        capture_output=True,
        encoding="utf-8",
        errors="surrogateescape",
    )
    if result.returncode != 0:
        return None
    prefix = "" if docs == "." else docs + "/"
    return {
        path.removeprefix(prefix): day
        for path, day in newest_changes(log_entries(result.stdout)).items()
    }


def log_entries(output: str) -> Iterator[tuple[int, str, list[str]]]:
    """(author time, status, paths) for each file of each commit in the output of
    `git log -z --name-status --format=%x00%at`, newest first. A rename's status is R and
    its similarity ("R100"), its paths old and new."""
    tokens = output.split("\0")
    index, stamp = 0, 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        if not token:  # each commit starts with "\0<author time>\0"
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if following.isdigit():
                stamp, index = int(following), index + 2
            else:
                index += 1
            continue
        count = 2 if token[0] in "RC" else 1
        yield stamp, token, tokens[index + 1 : index + 1 + count]
        index += 1 + count


def newest_changes(entries: Iterator[tuple[int, str, list[str]]]) -> dict[str, datetime.date]:
    """Walk the history newest first. `name` maps a path in an older commit to the file it is at
    HEAD (None: a file deleted later, or another file that had the same name)."""
    name: dict[str, str | None] = {}
    days: dict[str, datetime.date] = {}
    for stamp, status, paths in entries:
        current = name.get(paths[-1], paths[-1])
        changed = status != "R100" and status[0] != "D"
        if changed and current is not None and current not in days:
            days[current] = datetime.datetime.fromtimestamp(stamp, datetime.UTC).date()
        if status[0] in "ADRC":
            name[paths[-1]] = None  # before this commit, this path was not this file
        if status[0] == "R":
            name[paths[0]] = current
    return days


def docs_path(source: str, docs_dir: str) -> str | None:
    """A page file's path as `last_changes` names it, relative to docs/ with slashes; None for
    a file from elsewhere (a generated page)."""
    path = Path(source)
    return path.relative_to(docs_dir).as_posix() if path.is_relative_to(docs_dir) else None


def date_text(day: datetime.date, locale: str) -> str:
    """'2 mars 2021' in the page's language (babel's long format, as the plugin showed it)."""
    return format_date(day, format="long", locale=locale.replace("-", "_"))
