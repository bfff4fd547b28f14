"""YAML mistakes in the data files become one line of advice at the line to change (issue 18),
in every data file, and nothing else repeats them (the links, markers and drift checks and the
build wait until the file reads)."""

from __future__ import annotations

import pytest

from editorcopy import editor_copy, line_of, replace, run_checks
from sitebuild import PROJECT_DIR
from tools.checks.data import check_data
from tools.checks.yaml_advice import advice


@pytest.fixture
def project(tmp_path):
    return editor_copy(tmp_path / "project")


def test_links_yml_ships_a_commented_example_not_an_empty_mapping():
    text = (PROJECT_DIR / "data/links.yml").read_text(encoding="utf-8")
    assert "{}" not in text.split("redirects:", 1)[1]
    assert "\nredirects:\n  # guides/gmail.md: guides/gmail-app.md\n" in text


def test_a_redirect_below_an_empty_mapping_says_how_to_write_it(project):
    """The old file's `redirects: {}` with a redirect added below it, as an editor would."""
    replace(project, "data/links.yml", "\nredirects:\n", "\nredirects: {}\n")
    path = project / "data/links.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  guides/gmail.md: guides/gmail-app.md\n",
        encoding="utf-8",
    )
    empty = line_of(project, "data/links.yml", "redirects: {}")
    added = line_of(project, "data/links.yml", "  guides/gmail.md: guides/gmail-app.md")
    expected = (
        f"data/links.yml:{added}: `redirects: {{}}` on line {empty} says redirects is empty, so this line cannot be "
        "part of it; to add to redirects, replace `redirects: {}` with `redirects:` and indent each entry "
        "by two spaces below it"
    )
    assert check_data(project) == [expected]
    result = run_checks(project, "data", "links", "markers", "drift", "build")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [expected]


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "data/labels.yml",
            "    setting: Inställning",
            "\tsetting: Inställning",
            "the line starts with a tab; YAML needs spaces: replace the tab with two spaces per level",
        ),
        (
            "data/mail-settings.yml",
            "  name: Strikingly",
            '  name: "Strikingly',
            "a quote opened on this line is never closed; end the text with the same quote (\" or ')",
        ),
        (
            "data/mail-settings.yml",
            "  name: Strikingly",
            "  name: Strikingly: the company",
            'the value contains ": "; put it in quotes: key: "text: more text"',
        ),
        (
            "data/links.yml",
            "  iphone: guides/iphone.md",
            "  iphone guides/iphone.md",
            "`iphone guides/iphone.md` is not `key: value`; put a colon and a space after the key, or remove the line",
        ),
    ],
)
def test_a_syntax_error_in_any_data_file_is_advice_at_its_line(project, file, old, new, message):
    line = replace(project, file, old, new)
    assert check_data(project) == [f"{file}:{line}: {message}"]


def test_a_new_data_file_is_read_too(project):
    (project / "data/search-synonyms.yml").write_text(
        "sv:\n  mejl: e-post\n   mobil: telefon\n", encoding="utf-8"
    )
    assert check_data(project) == [
        "data/search-synonyms.yml:3: this line is indented more than the line above, which has a value already; "
        "indent each level by two spaces, like the lines around it"
    ]


def test_valid_yaml_has_no_advice():
    assert advice("x.yml", "a:\n  b: 1\n") is None


def test_a_yaml_mistake_in_mkdocs_yml_is_one_message_not_one_per_check(project):
    """Every check reads mkdocs.yml; a mistake there is said once, before any check runs."""
    line = (
        replace(project, "mkdocs.yml", "\nnav:\n", "\nnav:\n\t- index.md\n") + 2
    )  # the line after nav:
    result = run_checks(project, "all")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"mkdocs.yml:{line}: the line starts with a tab; YAML needs spaces: replace the tab with two "
        "spaces per level"
    ]
