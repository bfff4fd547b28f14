"""The translation parity and front matter checks (`make check`, tools/checks/parity.py and
frontmatter.py): every page has the same pages, heading ids, markers, links and numbered steps in
every language, ends with the support section, and has a translated title and description. Each
mistake an editor can make fails with one message that names the file and line and says what to
change. Broken examples are made in throwaway copies (tests/editorcopy.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from editorcopy import editor_copy, in_language, line_of, replace
from sitebuild import PROJECT_DIR
from tools.checks.frontmatter import check_frontmatter
from tools.checks.pages import site_languages
from tools.checks.parity import check_parity

LANGUAGES = site_languages(PROJECT_DIR)
DEFAULT, OTHER = LANGUAGES[0], LANGUAGES[1]


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project, with the checks' own configuration."""
    return editor_copy(tmp_path / "project")


# --------------------------------------------------------------------------------------------
# Translation parity
# --------------------------------------------------------------------------------------------


def test_a_page_missing_in_one_language(project):
    missing = in_language("docs/guides/iphone.md", OTHER)
    (project / missing).unlink()
    assert check_parity(project) == [
        f"docs/guides/iphone.md:1: docs/guides/iphone.md has no {OTHER.name} version {missing}; "
        f"add it (copy docs/guides/iphone.md to {missing} and translate it)"
    ]


def test_a_translation_without_its_page(project):
    orphan = in_language("docs/articles/new-page.md", OTHER)
    shutil.copy2(project / in_language("docs/articles/forwarding.md", OTHER), project / orphan)
    assert check_parity(project) == [
        f"{orphan}:1: {orphan} is a translation of docs/articles/new-page.md, which does not exist; "
        f"add the {DEFAULT.name} page docs/articles/new-page.md, or rename this file to match its page"
    ]


def test_a_heading_id_missing_in_one_language(project):
    translation = in_language("docs/index.md", OTHER)
    heading = line_of(project, translation, "{#what-is-smtp}")
    replace(
        project,
        translation,
        (project / translation).read_text(encoding="utf-8").split("\n")[heading - 1] + "\n",
        "",
    )
    source_line = line_of(project, "docs/index.md", "{#what-is-smtp}")
    assert check_parity(project) == [
        f"docs/index.md:{source_line}: {translation} has no heading {{#what-is-smtp}}, which docs/index.md has; "
        f"add it to {translation} too, or remove it from every language"
    ]


def test_a_heading_without_an_id_asks_for_the_id_it_has_in_the_other_language(project):
    line = replace(project, "docs/index.md", " {#what-is-smtp}", "")
    assert check_parity(project) == [
        f'docs/index.md:{line}: the heading "{_heading_text(project, "docs/index.md", line)}" has no id; end it with '
        "{#what-is-smtp} (the same id in every language), so links to it work in every language"
    ]


def test_a_step_heading_without_an_id_asks_for_its_step_id_and_nothing_else(project):
    """No step-count line: the steps are compared once every heading has its id."""
    page = "docs/guides/iphone.md"
    line = replace(project, page, " {#step-2}", "")
    assert check_parity(project) == [
        f'{page}:{line}: the heading "{_heading_text(project, page, line)}" has no id; end it with '
        "{#step-2} (the same id in every language), so links to it work in every language"
    ]


def test_a_new_page_without_ids_gets_ids_made_from_its_headings(project):
    """Neither language has the id yet: a step gets step-N, another heading its words."""
    for language in LANGUAGES:
        (project / in_language("docs/articles/new.md", language)).write_text(
            "---\ntitle: New\ndescription: New.\n---\n\n# New\n\n## Step 3: Open Settings\n\n"
            "## Når du er klar\n\n## Help {#support}\n\n<!-- settings:support -->\n",
            encoding="utf-8",
        )
    assert [
        problem for problem in check_parity(project) if problem.startswith("docs/articles/new.md")
    ] == [
        'docs/articles/new.md:8: the heading "Step 3: Open Settings" has no id; end it with {#step-3} (the same id '
        "in every language), so links to it work in every language",
        'docs/articles/new.md:10: the heading "Når du er klar" has no id; end it with {#nar-du-er-klar} (the same id '
        "in every language), so links to it work in every language",
    ]


def _heading_text(project, relative, line):
    return (
        (project / relative).read_text(encoding="utf-8").split("\n")[line - 1].lstrip("#").strip()
    )


def test_a_marker_missing_in_one_language(project):
    translation = in_language("docs/index.md", OTHER)
    replace(project, translation, "<!-- settings:table smtp -->", "")
    line = line_of(project, "docs/index.md", "<!-- settings:table smtp -->")
    assert check_parity(project) == [
        f"docs/index.md:{line}: {translation} has no marker <!-- settings:table smtp -->, which docs/index.md has; "
        f"add it to {translation} too, or remove it from every language"
    ]


def test_a_link_missing_in_one_language(project):
    translation = in_language("docs/index.md", OTHER)
    path = project / translation
    path.write_text(
        re.sub(r"\[([^\]]*)\]\(articles/forwarding\.md\)", r"\1", path.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    line = line_of(project, "docs/index.md", "(articles/forwarding.md)")
    assert check_parity(project) == [
        f"docs/index.md:{line}: {translation} has no link to articles/forwarding.md, which docs/index.md has; "
        f"add it to {translation} too, or remove it from every language"
    ]


def test_a_numbered_step_missing_in_one_language(project):
    """An extra step in the default language's page: its translation now lacks one."""
    translation = in_language("docs/index.md", OTHER)
    lines = (project / "docs/index.md").read_text(encoding="utf-8").split("\n")
    section = next(i for i, line in enumerate(lines) if "{#how-to-set-up}" in line)
    steps = [i for i, line in enumerate(lines) if i > section and re.match(r"\d+\. ", line)]
    lines.insert(steps[-1], f"{len(steps) + 1}. An extra step.")
    (project / "docs/index.md").write_text("\n".join(lines), encoding="utf-8")
    translated_first = line_of(project, translation, "1. ")
    assert check_parity(project) == [
        f"{translation}:{translated_first}: {translation} has {len(steps)} numbered steps under {{#how-to-set-up}}, "
        f"docs/index.md has {len(steps) + 1} (line {steps[0] + 1}); number the same steps in every language"
    ]


# --------------------------------------------------------------------------------------------
# The parts every page has (what the built-site tests expect)
# --------------------------------------------------------------------------------------------


def test_a_page_without_the_support_section_in_any_language(project):
    page = "docs/articles/forwarding.md"
    for name in (page, in_language(page, OTHER)):
        path = project / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("<!-- settings:support -->", ""),
            encoding="utf-8",
        )
    last = len((project / page).read_text(encoding="utf-8").rstrip("\n").split("\n"))
    assert check_parity(project) == [
        f"{page}:{last}: the page does not end with the support section; add `## Behöver du hjälp? {{#support}}` "
        "(in English `## Need help? {#support}`) and <!-- settings:support --> on its own line below it, in every "
        'language (CONTRIBUTING.md, "Add a page")'
    ]


def test_the_support_marker_missing_in_one_language_is_the_parity_message_only(project):
    translation = in_language("docs/articles/forwarding.md", OTHER)
    replace(project, translation, "<!-- settings:support -->", "")
    problems = check_parity(project)
    assert len(problems) == 1 and "has no marker <!-- settings:support -->" in problems[0]


def test_the_overview_without_a_servers_table(project):
    for name in ("docs/index.md", in_language("docs/index.md", OTHER)):
        replace(project, name, "<!-- settings:table smtp -->", "")
    heading = line_of(project, "docs/index.md", "{#smtp-settings}")
    assert check_parity(project) == [
        f"docs/index.md:{heading}: the section {{#smtp-settings}} has no settings table; add "
        "<!-- settings:table smtp --> on its own line below the heading, in every language"
    ]


# --------------------------------------------------------------------------------------------
# Front matter
# --------------------------------------------------------------------------------------------


def test_a_missing_description(project):
    page = project / "docs/guides/iphone.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"(?m)^description:.*\n", "", text, count=1), encoding="utf-8")
    assert check_frontmatter(project) == [
        "docs/guides/iphone.md:1: the front matter has no description; add description: one or two sentences "
        "about the page (search engines and llms.txt show it), in the page's language"
    ]


def test_a_description_too_long(project):
    line = line_of(project, "docs/index.md", "description:")
    long = "x" * 161
    replace(
        project,
        "docs/index.md",
        (project / "docs/index.md").read_text(encoding="utf-8").split("\n")[line - 1],
        f"description: {long}",
    )
    assert check_frontmatter(project) == [
        f"docs/index.md:{line}: the description is 161 characters long; shorten it to at most 160 (search engines "
        "cut longer ones)"
    ]


def test_a_description_left_untranslated(project):
    source = (project / "docs/index.md").read_text(encoding="utf-8").split("\n")
    description = next(line for line in source if line.startswith("description:"))
    translation = in_language("docs/index.md", OTHER)
    line = line_of(project, translation, "description:")
    replace(
        project,
        translation,
        (project / translation).read_text(encoding="utf-8").split("\n")[line - 1],
        description,
    )
    assert check_frontmatter(project) == [
        f"{translation}:{line}: the description is the same as in docs/index.md; write it in {OTHER.name}"
    ]


def test_a_page_without_front_matter(project):
    page = project / "docs/articles/forwarding.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.split("---\n", 2)[2].lstrip("\n"), encoding="utf-8")
    assert check_frontmatter(project) == [
        "docs/articles/forwarding.md:1: the page has no front matter; start it with "
        "---\\ntitle: ...\\ndescription: ...\\n--- (title and description in the page's language)"
    ]
