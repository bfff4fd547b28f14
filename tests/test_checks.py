"""The editors' checks (`make check`, tools/checks/): the repository passes them all, and every
mistake an editor can make in a pull request fails its check with one message that names the
file and line and says what to change. Broken examples are made in throwaway copies."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mail_data
from editorcopy import editor_copy, run_checks
from helpcenter import markers
from sitebuild import PROJECT_DIR
from tools.checks import CHECKS
from tools.checks.build import check_build
from tools.checks.data import check_data, check_markers
from tools.checks.drift import check_drift
from tools.checks.frontmatter import check_frontmatter
from tools.checks.pages import site_languages
from tools.checks.parity import check_parity
from tools.checks.style import check_lint, check_spelling

LANGUAGES = site_languages(PROJECT_DIR)
DEFAULT, OTHER = LANGUAGES[0], LANGUAGES[1]
SETTINGS = mail_data.load_settings()
# The clean repository runs all of them; a clean copy runs the quick ones (not lint and build).
QUICK_CHECKS = [name for name in CHECKS if name not in ("lint", "build")]


def in_language(page: str, language) -> str:
    """docs/index.md -> the file of that page in `language` (docs/index.<locale>.md)."""
    return page if language.default else f"{page[: -len('.md')]}.{language.locale}.md"


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project, with the checks' own configuration."""
    return editor_copy(tmp_path / "project")


def replace(project: Path, relative: str, old: str, new: str) -> int:
    """Change the first `old` in a file; return the line it was on."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(project: Path, relative: str, text: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def append(project: Path, relative: str, text: str) -> int:
    """Add a paragraph at the end of a page; return its line."""
    path = project / relative
    before = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{before}\n\n{text}\n", encoding="utf-8")
    return before.count("\n") + 3


# --------------------------------------------------------------------------------------------
# The repository
# --------------------------------------------------------------------------------------------


def test_the_repository_passes_every_check():
    result = subprocess.run(
        [sys.executable, "-m", "tools.checks", "all"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"All {len(CHECKS)} checks passed ("), result.stdout


@pytest.mark.parametrize("name", QUICK_CHECKS)
def test_a_clean_copy_passes_each_check(project, name):
    """The baseline of every broken example below: the copy itself is clean."""
    assert CHECKS[name][0](project) == []


def test_a_broken_copy_fails_the_command_with_one_line_per_problem(project):
    (project / in_language("docs/articles/forwarding.md", OTHER)).unlink()
    result = run_checks(project, "parity", "frontmatter")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("docs/articles/forwarding.md:1: ")
    assert lines[-1].startswith("1 of 2 checks failed: parity (1).")
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unknown_check_name_says_which_exist():
    result = subprocess.run(
        [sys.executable, "-m", "tools.checks", "parity", "spelnig"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"unknown check spelnig; use one of: all, {', '.join(CHECKS)}"


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
# Drift
# --------------------------------------------------------------------------------------------


IMAP, SMTP = SETTINGS["servers"]["imap"], SETTINGS["servers"]["smtp"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            f"IMAP: {IMAP['host']}",
            f"the server name is typed by hand; type <!-- settings:value imap.host --> instead of {IMAP['host']}",
        ),
        (
            f"IMAP port {IMAP['ports'][0]['port']}",
            f"the port is typed by hand; type <!-- settings:value imap.port --> instead of {IMAP['ports'][0]['port']}",
        ),
        (
            "SMTP: STARTTLS",
            "the security mode is typed by hand; type <!-- settings:value smtp.security --> instead of STARTTLS",
        ),
        (
            f"Mail {SETTINGS['support']['email']}",
            "the support address is typed by hand; type <!-- settings:value support-email --> instead of "
            f"{SETTINGS['support']['email']}",
        ),
        (
            f"Login: {SETTINGS['provider']['webmail_url']}",
            "the webmail address is typed by hand; type <!-- settings:value webmail --> instead of "
            f"{SETTINGS['provider']['webmail_url']}",
        ),
        (
            "SMTP port 2525",
            "port 2525 is typed by hand, and data/mail-settings.yml has no such port; type a marker such as "
            "<!-- settings:value smtp.port -->, or add the port to data/mail-settings.yml",
        ),
    ],
)
def test_a_typed_server_fact_names_the_marker_to_use(project, typed, expected):
    line = append(project, "docs/index.md", typed)
    assert check_drift(project) == [f"docs/index.md:{line}: {expected}"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (
            "IMAP-servern heter imap.hostedemail.com.",
            "the server name imap.hostedemail.com is typed by hand, and data/mail-settings.yml has no such server; "
            "type <!-- settings:value imap.host -->; if the server changed, change it in data/mail-settings.yml",
        ),
        (
            "Incoming server: mail.old-provider.example.net",
            None,
        ),
        (
            "Incoming server: in.mailhost.se",
            "the server name in.mailhost.se is typed by hand, and data/mail-settings.yml has no such server; type "
            "<!-- settings:value imap.host --> (or smtp.host, pop3.host: the one this line is about); if the server "
            "changed, change it in data/mail-settings.yml",
        ),
        (
            "Outgoing mail goes through `smtp.gmail.com`.",
            "the server name smtp.gmail.com is typed by hand, and data/mail-settings.yml has no such server; type "
            "<!-- settings:value smtp.host -->; if the server changed, change it in data/mail-settings.yml",
        ),
        (
            "The SMTP server answers on 587 too.",
            "port 587 is typed by hand, and data/mail-settings.yml has no such port; type a marker such as "
            "<!-- settings:value smtp.port -->, or add the port to data/mail-settings.yml",
        ),
    ],
)
def test_any_server_name_or_port_is_drift_not_only_todays(project, typed, expected):
    """An old or wrong host (not in the data file) typed where a setting belongs is caught."""
    line = append(project, "docs/index.md", typed)
    assert check_drift(project) == ([f"docs/index.md:{line}: {expected}"] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        "Download it from [thunderbird.net](https://www.thunderbird.net/) and add your IMAP account.",
        "Gmail (gmail.com) fetches mail from other servers no more.",
        "Your address, such as name@yourdomain.com, works with IMAP on Windows 10 and iOS 26.",
        "Read the [vendor's steps](https://support.microsoft.com/en-us/office/imap-settings) for the SMTP server.",
        "Outlook 2016, 2019 and 2021 support IMAP.",
    ],
)
def test_other_host_names_and_numbers_in_prose_are_not_drift(project, text):
    append(project, "docs/index.md", text)
    assert check_drift(project) == []


def test_a_typed_host_in_a_template(project):
    template = project / "overrides" / "partials" / "typed.html"
    template.write_text(f"<p>{SMTP['host']}</p>\n", encoding="utf-8")
    assert check_drift(project) == [
        f"overrides/partials/typed.html:1: the server name is typed by hand ({SMTP['host']}); take it from "
        "data/mail-settings.yml (through a hook) instead of typing it in a template"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Port <!-- settings:value imap.port --> with <!-- settings:value imap.security -->.",
        "Steg 5: kontrollera porten i iOS 17 och Windows 10.",
        "Use SSL: on. Server Port: <!-- settings:value smtp.port -->",
    ],
)
def test_markers_and_other_numbers_are_not_drift(project, text):
    append(project, "docs/index.md", text)
    assert check_drift(project) == []


# --------------------------------------------------------------------------------------------
# Markers and data
# --------------------------------------------------------------------------------------------


def test_a_misspelt_marker_is_one_message_with_the_right_spelling(project):
    """Not repeated by parity (as a marker missing in the other language) nor by the build."""
    line = replace(
        project, "docs/index.md", "<!-- settings:table smtp -->", "<!-- settings:tabel smtp -->"
    )
    expected = (
        f"docs/index.md:{line}: unknown marker <!-- settings:tabel smtp -->; did you mean settings:table? (see "
        "CONTRIBUTING.md, Markers)"
    )
    assert check_markers(project) == [expected]
    assert check_parity(project) == []
    result = run_checks(project, "markers", "parity", "build")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [expected]


def test_a_bad_value_in_the_data_file(project):
    line = replace(
        project, "data/mail-settings.yml", f"port: {SMTP['ports'][0]['port']}", "port: 70000"
    )
    assert check_data(project) == [
        f"data/mail-settings.yml:{line}: servers.smtp.ports[0].port: expected an integer 1-65535, got 70000"
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
        "about the page, in the page's language"
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


# --------------------------------------------------------------------------------------------
# Style: Markdown lint and spelling
# --------------------------------------------------------------------------------------------


def test_trailing_spaces_are_lint(project):
    line = append(project, "docs/index.md", "A sentence that ends in spaces.   ")
    assert check_lint(project, [project / "docs/index.md"]) == [
        f"docs/index.md:{line}: Trailing spaces [Expected: 0 or 2; Actual: 3] (MD009 no-trailing-spaces); "
        "remove the spaces at the end of the line"
    ]


def test_a_misspelt_english_word(project):
    page = in_language("docs/index.md", OTHER)
    line = append(project, page, "You will recieve an email.")
    assert check_spelling(project) == [
        f'{page}:{line}: "recieve" is misspelt; write "receive" (if the word is right here, add it to '
        ".codespell-words.txt)"
    ]
    with (project / ".codespell-words.txt").open("a", encoding="utf-8") as words:
        words.write("recieve\n")
    assert check_spelling(project) == []


# --------------------------------------------------------------------------------------------
# Strict build
# --------------------------------------------------------------------------------------------


def test_a_broken_anchor_link(project):
    page = in_language("docs/index.md", OTHER)
    target = in_language("docs/articles/forwarding.md", OTHER)
    line = replace(project, page, "(articles/forwarding.md)", "(articles/forwarding.md#nowhere)")
    assert check_build(project) == [
        f"{page}:{line}: the link articles/forwarding.md#nowhere points at #nowhere, which {target} does not have; "
        f"use one of the heading ids ({{#...}}) of {target}"
    ]


# --------------------------------------------------------------------------------------------
# CONTRIBUTING.md tells the truth about markers
# --------------------------------------------------------------------------------------------


def hook_marker_kinds() -> set[str]:
    """The marker kinds the build knows: its marker registry."""
    return set(markers.KINDS)


def markers_section() -> str:
    """The "Markers" section of CONTRIBUTING.md (other sections quote misspelt ones on purpose)."""
    guide = (PROJECT_DIR / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return guide.split("\n## Markers\n", 1)[1].split("\n## ", 1)[0]


def test_contributing_documents_every_marker_kind_the_hook_knows():
    documented = set(re.findall(r"<!-- settings:([\w-]+)", markers_section()))
    assert documented == hook_marker_kinds()


def test_every_marker_example_in_contributing_is_one_the_build_knows():
    examples = sorted(set(re.findall(r"<!-- settings:[^>]*-->", markers_section())))
    assert len(examples) >= len(hook_marker_kinds())
    assert [
        problem
        for example in examples
        for problem in markers.check_markdown(example, SETTINGS, "page.md")
    ] == []


def test_contributing_documents_every_value_key_the_hook_knows():
    section = markers_section()
    expected = markers.value_keys(SETTINGS)
    assert [
        key for key in expected if not re.search(rf"(?<![\w.-]){re.escape(key)}(?![\w-])", section)
    ] == []


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
