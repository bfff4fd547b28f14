"""`make bench` works: a small run (10 generated articles per language, one run) prints the
whole table and writes PERFORMANCE.md, and the generated help center is one an editor could
have written (every article in every language, in the nav, with a short link).
The full benchmark is not part of the tests, and no test asserts a timing or a ratio of
timings (the machine is shared); its numbers are in PERFORMANCE.md."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from sitebuild import PROJECT_DIR
from tools.bench import config_file, generate
from tools.bench import report as report_module
from tools.bench.builds import BuildSample
from tools.bench.table import COLUMNS, VARIANTS, Row, format_table
from tools.kit.browser import chromium_path
from tools.kit.project import copy_project

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return tmp_path_factory.mktemp("bench") / "PERFORMANCE.md"


@pytest.fixture(scope="module")
def readme(report):
    """A copy of README.md for the bench to write its performance section into."""
    copy = report.with_name("README.md")
    shutil.copy2(PROJECT_DIR / "README.md", copy)
    return copy


@pytest.fixture(scope="module")
def table(report, readme) -> dict[str, dict[str, str]]:
    """The bench's table for the real site and N=10, as {row label: {column: cell}}."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.bench",
            "--pages",
            "10",
            "--runs",
            "1",
            "--write",
            str(report),
            "--readme",
            str(readme),
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"the bench failed:\n{result.stdout}\n{result.stderr[-3000:]}"
    lines = [line for line in result.stdout.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == [name for name, _ in COLUMNS]
    rows = [
        dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        for line in lines[2:]
    ]
    return {row["N"]: row for row in rows}


def number(cell: str) -> float:
    return float(cell)


def test_the_table_has_the_real_site_and_each_size(table):
    assert list(table) == ["site", "10"]
    assert int(table["10"]["pages"]) == int(table["site"]["pages"]) + 10


def test_every_build_took_time_and_memory(table):
    for row in table.values():
        for variant in VARIANTS:
            assert number(row[f"{variant} s"]) > 0
            assert number(row[f"{variant} cpu"]) > 0
            assert 20 < number(row[f"{variant} MB"]) < 4000
        for ratio in ("a/b", "a/c"):
            assert number(row[ratio]) > 0
    assert table["site"]["t/prev"] == "-" and table["10"]["t/prev"] == "-", "no size before"


def test_growth_is_each_size_over_the_size_before():
    def row(label: str, cpu_seconds: float) -> Row:
        made = Row(label, 1)
        made.builds["a"].append(BuildSample(cpu_seconds * 2, cpu_seconds, 2**20))
        return made

    lines = format_table([row("site", 1), row("100", 4), row("1000", 36), row("10000", 720)])
    growth = [line.split("|")[10].strip() for line in lines.splitlines()[2:]]
    assert growth == ["-", "-", "9.00", "20.00"]


def test_the_report_is_written_from_the_same_run(table, report):
    text = report.read_text(encoding="utf-8")
    assert (
        text.startswith("# Performance\n")
        and "python -m tools.bench --pages 10 --runs 1 --write" in text
    )
    assert "| site |" in text and "| 10 |" in text


def test_the_readme_section_is_written_from_the_same_run_and_nothing_else_changes(table, readme):
    written, before = readme.read_text(encoding="utf-8"), (PROJECT_DIR / "README.md").read_text()
    start, end = written.index(report_module.README_START), written.index(report_module.README_END)
    section = written[start:end]
    assert "Measured by `python -m tools.bench --pages 10 --runs 1 --write" in section
    assert "| articles per language |" in section and "| 10 | " in section
    assert written[:start] == before[: before.index(report_module.README_START)]
    assert written[end:] == before[before.index(report_module.README_END) :]


def test_the_real_readme_shows_figures_a_bench_run_wrote():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme[
        readme.index(report_module.README_START) : readme.index(report_module.README_END)
    ]
    assert "Measured by `python -m tools.bench " in section, "run make bench (README.md)"
    assert "| 1000 | " in section and "| 10000 | " in section


def test_a_readme_without_the_markers_is_refused_before_the_bench_runs(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Help center\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--pages", "1", "--readme", str(readme)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "README.md: no performance section to write" in result.stderr
    assert "generating" not in result.stderr, "it stopped before building anything"


def test_page_sizes_are_measured(table):
    for row in table.values():
        assert 5 < number(row["page KB"]) <= number(row["max page KB"])


def test_what_a_page_view_downloads_is_measured_in_a_real_browser(table):
    if table["site"]["view KB"] == "n/a":
        assert not IN_CI, "Chromium must be installed in CI (.ci/run)"
        pytest.skip(f"Chromium not found at {chromium_path()}; measured in CI")
    for row in table.values():
        assert 0 < number(row["view KB gz"]) < number(row["view KB"])
        assert 0 < number(row["search KB gz"]) <= number(row["search KB"]), (
            "the first search downloads the index"
        )


def test_the_time_an_edit_takes_to_show_in_serve_is_measured(table):
    for row in table.values():
        assert number(row["edit s"]) > 0


def test_generated_articles_exist_in_every_language_with_a_short_link_and_in_the_nav(tmp_path):
    project, generated = generate.make_project(tmp_path / "project", 3, "a")
    config = config_file.read_config(project)
    languages = config_file.i18n_languages(config)
    assert len(generated) == 3
    assert set(generated) <= set(config_file.nav_pages(config["nav"]))
    short_links = yaml.safe_load((project / "data" / "links.yml").read_text(encoding="utf-8"))[
        "short_links"
    ]
    for src in generated:
        assert src in short_links.values()
        texts = [
            (
                project
                / "docs"
                / generate.localized(src, lang["locale"], lang.get("default", False))
            ).read_text(encoding="utf-8")
            for lang in languages
        ]
        assert all("<!-- settings:" in text for text in texts), (
            "generated articles carry the real markers"
        )
        ids = [sorted(re.findall(r"\{#([\w-]+)\}", text)) for text in texts]
        assert all(found == ids[0] and found for found in ids), (
            "the same heading ids in every language"
        )


def test_generated_categories_are_grouped_as_a_large_help_center_is(tmp_path):
    """Categories of a few articles, a few categories to a group, each name in every language:
    no section of the navigation lists every category of the site."""
    project = copy_project(tmp_path / "project")
    config = config_file.read_config(project)
    before = config_file.nav_pages(config["nav"])
    generated = generate.add_articles(project, config, 40, category_size=2, group_size=3)
    assert sorted(config_file.nav_pages(config["nav"])) == sorted(before + generated)
    groups = [
        item
        for section in config["nav"]
        if isinstance(section, dict) and isinstance(next(iter(section.values())), list)
        for item in next(iter(section.values()))
        if isinstance(next(iter(item.values())), list)
    ]
    categories = [category for group in groups for category in next(iter(group.values()))]
    assert len(categories) == 20 and len(groups) >= 20 // 3
    assert all(len(next(iter(group.values()))) <= 3 for group in groups)
    assert all(len(next(iter(category.values()))) <= 2 for category in categories)
    english = config_file.i18n_languages(config)[1]["nav_translations"]
    names = [next(iter(item)) for item in groups + categories]
    assert len(set(names)) == len(names), "every group and category has a name of its own"
    assert all(name in english and english[name] != name for name in names)


def test_the_one_language_variant_builds_only_the_default_language(tmp_path):
    project, _ = generate.make_project(tmp_path / "project", 1, "c")
    languages = config_file.i18n_languages(config_file.read_config(project))
    assert languages[0].get("default") and languages[0].get("build", True)
    assert all(lang["build"] is False for lang in languages[1:])


def test_a_generated_project_is_a_git_checkout_like_the_real_one(tmp_path):
    project, _ = generate.make_project(tmp_path / "project", 1, "a")
    log = subprocess.run(["git", "log", "--oneline"], cwd=project, capture_output=True, text=True)
    assert log.returncode == 0 and log.stdout.strip()
