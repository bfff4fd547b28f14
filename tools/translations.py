"""What is left to translate: per language, the pages translated, missing and out of date.

    python -m tools.translations                  (make translations)
    python -m tools.translations --project DIR    another checkout

A translation is out of date when its page in the default language changed in a commit that the
translation's last commit does not include (from git history; uncommitted edits do not count).
The report lists those commits and the `git diff` that shows what changed. A change that needs no
translation (a typo fixed in the default language) is marked with a trailer in its commit message,
one line per translation, without touching the translation:

    Translation-current: docs/guides/iphone.en.md

(or in an empty commit later: `git commit --allow-empty -m "..." --trailer "Translation-current: ..."`).
That commit then counts as the translation's last commit (CONTRIBUTING.md, "Translate a page").
Without history (no .git, git not installed, a shallow clone) the report still lists what is
translated and missing, and says that it could not compare. It is a report: it exits 0 (2 only
when mkdocs.yml cannot be read). A complete language that lacks a page fails `make check`
(parity) instead. LANGUAGES.md explains complete and partial languages.
"""

from __future__ import annotations

import argparse
import posixpath
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from tools.checks.pages import Language, find_pages, is_complete, site_languages, translation_name

PROJECT_DIR = Path(__file__).resolve().parents[1]
# The commit trailer that marks a translation current without changing it.
TRAILER = "Translation-current"


@dataclass
class History:
    """The last commit of each file (from git), or why there is none to compare."""

    root: Path = Path(".")
    last: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # path from root -> (commit, date)
    problem: str | None = None

    def changed_since(self, source: str, translation: str) -> list[tuple[str, str, str]]:
        """The commits (short hash, date, subject) that changed `source` and that the translation's
        last commit does not include, the newest first."""
        since = self.last[translation][0]
        log = _git(self.root, "log", "--format=%h%x00%cs%x00%s", f"{since}..HEAD", "--", source)
        commits = [line.split("\0", 2) for line in log.splitlines() if line.strip()]
        return [(commit, date, subject) for commit, date, subject in commits]


@dataclass
class Status:
    language: Language
    translated: list[str] = field(default_factory=list)  # the translation files
    missing: list[tuple[str, str]] = field(
        default_factory=list
    )  # (translation file, page to translate)
    out_of_date: list[tuple[str, str, str, list]] = field(
        default_factory=list
    )  # (file, source, its last commit, commits since)
    not_compared: list[str] = field(default_factory=list)  # translation files with no commit yet


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.translations", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "--project", type=Path, default=PROJECT_DIR, help="the project folder (default: this one)"
    )
    project = parser.parse_args(argv).project.resolve()
    try:
        languages = site_languages(project)
    except (OSError, ValueError, MkDocsException) as error:
        print(f"{project / 'mkdocs.yml'}: cannot read the languages: {error}", file=sys.stderr)
        return 2
    history = read_history(project)
    statuses = translation_status(project, languages, history)
    print("\n".join(report(project, languages, statuses, history)))
    return 0


def translation_status(project: Path, languages: list[Language], history: History) -> list[Status]:
    """Each built language but the default: which pages it has, lacks, and has out of date."""
    default = languages[0]
    versions = {(page.key, page.locale) for page in find_pages(project, languages)}
    sources = sorted(key for key, locale in versions if locale == default.locale)
    statuses = []
    for language in [language for language in languages[1:] if language.build]:
        status = Status(language)
        for key in sources:
            source = translation_name(key, default, project)
            translation = translation_name(key, language, project)
            if (key, language.locale) not in versions:
                status.missing.append((translation, source))
                continue
            status.translated.append(translation)
            if history.problem:
                continue
            source_path, translation_path = (
                _from_root(project / name, history) for name in (source, translation)
            )
            if translation_path not in history.last or source_path not in history.last:
                status.not_compared.append(translation)
            elif commits := history.changed_since(source_path, translation_path):
                status.out_of_date.append(
                    (translation, source, history.last[translation_path][0][:7], commits)
                )
        statuses.append(status)
    return statuses


def report(
    project: Path, languages: list[Language], statuses: list[Status], history: History
) -> list[str]:
    default = languages[0]
    total = len(
        {page.key for page in find_pages(project, languages) if page.locale == default.locale}
    )
    lines = [
        f"Translations of the {total} pages in {default.name} ({default.locale}, the default language)",
        "",
    ]
    rows = [("language", "must be complete", "translated", "missing", "out of date")]
    for status in statuses:
        rows.append(
            (
                f"{status.language.name} ({status.language.locale})",
                "yes" if is_complete(status.language) else "no (partial)",
                f"{len(status.translated)} of {total}",
                str(len(status.missing)),
                "?" if history.problem else str(len(status.out_of_date)),
            )
        )
    lines += _table(rows)
    if history.problem:
        lines += ["", f"Out of date: not compared. {history.problem}"]
    for status in statuses:
        name = f"{status.language.name} ({status.language.locale})"
        if status.missing:
            shown = (
                f"a reader sees the {default.name} page with a banner until it is translated"
                if not is_complete(status.language)
                else "this language must be complete: make check fails until they exist"
            )
            lines += ["", f"{name}: {len(status.missing)} missing; {shown}"]
            lines += [
                f"  {translation}  (translate {source})" for translation, source in status.missing
            ]
        if status.out_of_date:
            lines += [
                "",
                f"{name}: {len(status.out_of_date)} out of date; the {default.name} page changed after the translation",
            ]
            for translation, source, since, commits in status.out_of_date:
                shown = "; ".join(
                    f"{commit} {date} {subject}" for commit, date, subject in commits[:3]
                )
                more = f"; and {len(commits) - 3} more" if len(commits) > 3 else ""
                lines += [
                    f"  {translation}: {source} changed in {len(commits)} commit(s) since the translation's last "
                    "commit "
                    f"{since}: {shown}{more}",
                    f"    what changed: git diff {since} HEAD -- {source}",
                    f'    nothing to translate? commit with the trailer "Translation-current: {translation}"',
                ]
        if status.not_compared:
            lines += ["", f"{name}: {len(status.not_compared)} not compared; not committed yet"]
            lines += [f"  {translation}" for translation in status.not_compared]
    done = [s for s in statuses if not s.missing and not s.out_of_date and not s.not_compared]
    if done and not history.problem:
        lines += ["", f"Up to date: {', '.join(s.language.name for s in done)}."]
    return lines


# --------------------------------------------------------------------------------------------
# Git history
# --------------------------------------------------------------------------------------------


def read_history(project: Path) -> History:
    """The last commit of every file under docs/, or the reason dates cannot be compared."""
    try:
        root = _git(project, "rev-parse", "--show-toplevel").strip()
    except FileNotFoundError:
        return History(
            problem="git is not installed, so the dates of the pages could not be compared."
        )
    except subprocess.CalledProcessError:
        return History(
            problem=(
                "There is no git history here (not a git repository), so the dates of the pages could not be "
                "compared."
            )
        )
    if _git(project, "rev-parse", "--is-shallow-repository").strip() == "true":
        return History(
            problem="This is a shallow clone: its history is cut off, so the dates of the pages could not be "
            "compared. Fetch the whole history first (git fetch --unshallow)."
        )
    history = History(root=Path(root))
    try:
        log = _git(
            history.root,
            "log",
            f"--format=%x00%H %cs %(trailers:key={TRAILER},valueonly,separator=%x01)",
            "--name-only",
        )
    except subprocess.CalledProcessError:
        return History(
            problem="The repository has no commits yet, so the dates of the pages could not be compared."
        )
    commit = date = ""
    prefix = _from_root(project, history) if project.resolve() != history.root.resolve() else ""
    for line in log.split("\n"):
        if line.startswith("\0"):
            commit, date, *trailers = line[1:].split(" ", 2)
            for value in "".join(trailers).split("\1"):
                if value.strip():  # a path from the project (docs/...), as the report prints it
                    history.last.setdefault(posixpath.join(prefix, value.strip()), (commit, date))
        elif line.strip():
            history.last.setdefault(line.strip(), (commit, date))
    return history


def _from_root(path: Path, history: History) -> str:
    return path.resolve().relative_to(history.root.resolve()).as_posix()


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    ).stdout


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


if __name__ == "__main__":
    sys.exit(main())
