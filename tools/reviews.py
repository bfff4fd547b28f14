"""Every guide by review age, the oldest first: when its steps were last checked against its
sources, against which app versions, how many sources it cites, and which of its apps readers
now have in a newer version than the one checked (data/app-versions.yml) (make reviews).

    python -m tools.reviews [--project DIR]

A report: exits 0. `make check` fails on a guide without sources or review and warns when a
review is older than 180 days (CONTRIBUTING.md, "Sources and review").
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from tools.checks.review import REVIEW_DAYS, reviews

PROJECT_DIR = Path(__file__).resolve().parents[1]


def report(project: Path, today: datetime.date) -> list[str]:
    rows = [("age (days)", "reviewed", "newer version out", "checked against", "sources", "guide")]
    due = behind = 0
    for review in reviews(project):
        age = (today - review.date).days if review.date else None
        due += age is None or age > REVIEW_DAYS
        behind += bool(review.outdated)
        rows.append(
            (
                "no review" if age is None else f"{age}{' (due)' if age > REVIEW_DAYS else ''}",
                str(review.date or "-"),
                "; ".join(review.outdated) or "-",
                review.checked_against or "-",
                str(review.sources),
                review.page.name,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.append("")
    lines.append(
        f"{len(rows) - 1} guides; {due} without a review or reviewed more than {REVIEW_DAYS} days ago; "
        f"{behind} checked against an older app version than readers have now (data/app-versions.yml). "
        "Review the oldest first: check each step against its sources, then update review and the sources' "
        'checked dates (CONTRIBUTING.md, "Sources and review").'
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.reviews", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "--project", type=Path, default=PROJECT_DIR, help="the project folder (default: this one)"
    )
    project = parser.parse_args(argv).project.resolve()
    print("\n".join(report(project, datetime.date.today())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
