"""Sources and review date per guide (issue 13): `make check` fails on a guide without them,
warns on an old review, and `make reviews` lists every guide by review age."""

from __future__ import annotations

import datetime
import re

import pytest

from editorcopy import editor_copy, line_of, replace, run_checks
from tools.checks.pages import Warn
from tools.checks.review import check_review
from tools.reviews import report

# The day the checks run on in these tests: on or after the newest review date in docs/.
TODAY = datetime.date(2026, 12, 5)


def found(pattern: str, text: str) -> re.Match:
    match = re.search(pattern, text)
    assert match, f"{pattern} is not in the page; update the test"
    return match


@pytest.fixture
def project(tmp_path):
    return editor_copy(tmp_path / "project")


def test_a_sourced_guide_passes(project):
    assert check_review(project, TODAY) == []


def test_a_guide_without_sources_fails(project):
    page = project / "docs/guides/gmail.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"(?m)^sources:\n(?:  .*\n)+", "", text, count=1), encoding="utf-8")
    assert check_review(project, TODAY) == [
        "docs/guides/gmail.en.md:1: the guide has no sources; add sources: [{url: https://..., confirms: what it "
        "confirms, checked: YYYY-MM-DD}] to its front matter, one entry for each vendor page or localisation file "
        'its steps rest on (see CONTRIBUTING.md, "Sources and review")'
    ]


def test_a_guide_without_review_or_sources_is_one_message(project):
    page = project / "docs/guides/iphone.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"(?m)^(review|sources):\n(?:  .*\n)+", "", text), encoding="utf-8")
    assert check_review(project, TODAY) == [
        "docs/guides/iphone.md:1: the guide has no review and no sources; add review: {date: YYYY-MM-DD, "
        'apps: {ios: "26"}} and sources: [{url: https://..., confirms: what it confirms, checked: '
        "YYYY-MM-DD}] to its front matter: what its steps rest on and the day you checked them (see CONTRIBUTING.md, "
        '"Sources and review")'
    ]


def test_a_source_that_is_not_https(project):
    text = (project / "docs/guides/android.md").read_text(encoding="utf-8")
    url = found(r"(?m)^  - url: (\S+)", text)[1]
    line = replace(
        project, "docs/guides/android.md", f"url: {url}", "url: www.samsung.com/se/support"
    )
    assert check_review(project, TODAY) == [
        f"docs/guides/android.md:{line}: sources[0].url must be an https:// address, got 'www.samsung.com/se/support'; "
        "link the vendor's own page"
    ]


def test_an_old_review_warns_and_does_not_fail(tmp_path):
    project = editor_copy(tmp_path / "project", review_date="2026-11-29")
    page = "docs/guides/thunderbird.md"
    text = (project / page).read_text(encoding="utf-8")
    old = found(r"(?m)^  date: (\S+)", text)
    line = replace(project, page, old[0], "  date: 2026-05-01")
    problems = check_review(project, TODAY)
    assert problems == [
        f"{page}:{line}: the review is {(TODAY - datetime.date(2026, 5, 1)).days} days old "
        "(review.date 2026-05-01, more than 180); check the steps against "
        "the sources again and set review.date to that day (a warning: make check still passes)"
    ]
    assert isinstance(problems[0], Warn)


def test_the_command_passes_with_a_warning(project):
    replace(
        project,
        "docs/guides/outlook.md",
        found(r"(?m)^  date: \S+", (project / "docs/guides/outlook.md").read_text())[0],
        "  date: 2020-01-01",
    )
    result = run_checks(project, "sources")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("docs/guides/outlook.md:")
    assert lines[1].startswith("All 1 checks passed (sources)") and lines[1].endswith(
        "with 1 warning(s) above"
    )


def test_the_report_lists_every_guide_oldest_first(project):
    replace(
        project,
        "docs/guides/gmail.md",
        found(r"(?m)^  date: \S+", (project / "docs/guides/gmail.md").read_text())[0],
        "  date: 2026-01-01",
    )
    lines = report(project, TODAY)
    guides = sorted(
        p.relative_to(project).as_posix() for p in (project / "docs/guides").glob("*.md")
    )
    rows = lines[1 : 1 + len(guides)]
    assert sorted(row.split()[-1] for row in rows) == guides
    days = (TODAY - datetime.date(2026, 1, 1)).days
    assert rows[0].startswith(f"{days} (due)") and rows[0].endswith("docs/guides/gmail.md")
    assert lines[-1].startswith(
        f"{len(guides)} guides; 1 without a review or reviewed more than 180 days ago;"
    )
    assert line_of(project, "docs/guides/gmail.md", "date: 2026-01-01") > 1
