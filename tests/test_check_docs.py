"""CONTRIBUTING.md, the data files' comments, the checks' messages and the pull-request template
say the same thing for adding, renaming and translating a page (issue 18, item 4), and every
pointer to a CONTRIBUTING section names one that exists (item 6)."""

from __future__ import annotations

import re
import subprocess

import pytest

from sitebuild import PROJECT_DIR
from tools.checks import CHECKS
from tools.checks.links import ADD_PUBLISHED
from tools.translations import TRAILER

CONTRIBUTING = (PROJECT_DIR / "CONTRIBUTING.md").read_text(encoding="utf-8")
TEMPLATE = (PROJECT_DIR / ".github/pull_request_template.md").read_text(encoding="utf-8")
LINKS_YML = (PROJECT_DIR / "data/links.yml").read_text(encoding="utf-8")
PUBLISHED = (PROJECT_DIR / "data/published-links.txt").read_text(encoding="utf-8")
HEADINGS = {
    line.lstrip("#").strip() for line in CONTRIBUTING.split("\n") if re.match(r"#{2,3} ", line)
}
# Where editors are pointed at CONTRIBUTING.md.
POINTING = ["data", "tools", "hooks", "Makefile", "mkdocs.yml", ".github", "README.md"]


def section(title: str) -> str:
    return CONTRIBUTING.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def pointers() -> list[tuple[str, str]]:
    """(file, section) for every `CONTRIBUTING.md, "Section"` / `CONTRIBUTING.md ("Section")`."""
    found = []
    paths = [PROJECT_DIR / name for name in POINTING]
    files = [
        p
        for path in paths
        for p in ([path] if path.is_file() else sorted(path.rglob("*")))
        if p.is_file() and "__pycache__" not in p.parts
    ]
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(
            r'CONTRIBUTING\.md,? \(?"([^"]+)"|CONTRIBUTING\.md, ([A-Z]\w+)', text
        ):
            found.append((path.relative_to(PROJECT_DIR).as_posix(), match[1] or match[2]))
    return found


def test_every_pointer_names_a_section_that_exists():
    found = pointers()
    assert len(found) > 5
    assert [(name, title) for name, title in found if title not in HEADINGS] == []


def test_every_check_is_explained_and_counted():
    checks = section("The checks")
    assert [name for name in CHECKS if f"\n### {name}\n" not in checks] == []
    assert f"`All {len(CHECKS)} checks passed`" in checks


def test_adding_a_page_says_the_same_everywhere():
    add = section("Add a page")
    for text in (add, TEMPLATE, PUBLISHED.split("\n/", 1)[0]):
        assert "tools.published_links" in text
    assert ADD_PUBLISHED in add
    assert "the overview needs no edit" in " ".join(add.split()) and "no edit there" in " ".join(
        TEMPLATE.split()
    )


def test_renaming_says_the_same_everywhere():
    """One rule for short links on rename: the key stays, its target follows the new name."""
    rename = section("Rename a page or a section")
    comment = LINKS_YML.split("short_links:")[0]
    links_guide = (PROJECT_DIR / "LINKS.md").read_text(encoding="utf-8")
    for text in (rename, comment, TEMPLATE, links_guide):
        assert "the key stays" in " ".join(text.lower().split()), text[:80]
    assert "make build &&" not in links_guide, "tools.published_links needs no build"
    assert "(the key stays)" in (PROJECT_DIR / "tools/checks/links.py").read_text(encoding="utf-8")
    for text in (rename, LINKS_YML, TEMPLATE):
        assert "redirects:" in text


def test_translating_says_the_same_everywhere():
    translate = section("Translate a page")
    for text in (
        translate,
        TEMPLATE,
        (PROJECT_DIR / "tools/translations.py").read_text(encoding="utf-8"),
        (PROJECT_DIR / "LANGUAGES.md").read_text(encoding="utf-8"),
    ):
        assert f"{TRAILER}: docs/" in text


def test_the_markers_section_is_kept_for_the_marker_registry():
    assert "| `<!-- settings:table imap -->` |" in section("Markers")


@pytest.mark.parametrize("name", [".venv"])
def test_gitignore_ignores_a_venv_symlink(tmp_path, name):
    """`.venv/` matches only a folder; a `.venv` symlink to a shared environment must be ignored too."""
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text(
        (PROJECT_DIR / ".gitignore").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / name).symlink_to(tmp_path)
    result = subprocess.run(
        ["git", "-C", str(tmp_path), "check-ignore", name], capture_output=True, text=True
    )
    assert result.stdout.strip() == name


# --------------------------------------------------------------------------------------------
# The examples in CONTRIBUTING.md, "The checks", are what the checks say
# --------------------------------------------------------------------------------------------


def example(start: str) -> re.Pattern:
    """The example message in "The checks" whose text (after file:line:) starts with `start`, as
    a pattern: `...` stands for any text, a number for any number."""
    for match in re.finditer(r"`` (.+?) ``|`([^`]+)`", section("The checks")):
        text = match[1] or match[2]
        body = re.sub(r"^[\w./-]+:\d+: ", "", text)
        if body.startswith(start):
            pattern = re.sub(r"\d+", r"\\d+", re.escape(body.rstrip(".")))
            return re.compile(pattern.replace(re.escape("..."), ".*"))
    raise AssertionError(f"no example starting {start!r} in CONTRIBUTING.md, 'The checks'")


@pytest.fixture
def project(tmp_path):
    from editorcopy import editor_copy

    return editor_copy(tmp_path / "project")


def body(message: str) -> str:
    return re.sub(r"^[\w./-]+:\d+: ", "", message)


def test_the_marker_example_is_the_message(project):
    from editorcopy import replace
    from tools.checks.data import check_markers

    replace(
        project, "docs/index.md", "<!-- settings:table smtp -->", "<!-- settings:tabel smtp -->"
    )
    assert example("unknown marker").fullmatch(body(check_markers(project)[0]))


def test_the_heading_id_example_is_the_message(project):
    from editorcopy import replace
    from tools.checks.parity import check_parity

    replace(project, "docs/guides/iphone.md", " {#step-2}", "")
    assert example('the heading "').match(body(check_parity(project)[0]))


def test_the_drift_example_is_the_message(project):
    from tools.checks.drift import check_drift

    path = project / "docs/index.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nIMAP: imap.hostedemail.com\n", encoding="utf-8"
    )
    assert example("the server name").match(body(check_drift(project)[0]))


def test_the_yaml_example_is_the_message(project):
    from editorcopy import replace
    from tools.checks.data import check_data

    replace(project, "data/links.yml", "\nredirects:\n", "\nredirects: {}\n")
    path = project / "data/links.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  guides/gmail.md: guides/gmail-app.md\n",
        encoding="utf-8",
    )
    assert example("`redirects: {}`").fullmatch(body(check_data(project)[0]))


def test_the_rename_example_is_the_message(project):
    import shutil

    from tools.checks.links import check_links

    for name in ("gmail.md", "gmail.en.md"):
        shutil.move(
            project / "docs/guides" / name,
            project / "docs/guides" / name.replace("gmail", "gmail-app"),
        )
    assert example("docs/guides/gmail.md was renamed").fullmatch(body(check_links(project)[0]))


def test_pointers_to_the_readme_and_other_guides_lead_somewhere():
    """`README, "Section"` names a README heading; LINKS.md and the like exist (the editors' files)."""
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    sections = {line.lstrip("#").strip() for line in readme.split("\n") if line.startswith("#")}
    files = [
        PROJECT_DIR / "CONTRIBUTING.md",
        PROJECT_DIR / "data/links.yml",
        PROJECT_DIR / "data/published-links.txt",
        PROJECT_DIR / "mkdocs.yml",
        PROJECT_DIR / "Makefile",
    ]
    files += sorted((PROJECT_DIR / "tools").rglob("*.py"))
    files += sorted((PROJECT_DIR / "hooks").rglob("*.py"))
    broken = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        broken += [
            (path.name, title)
            for title in re.findall(r'README(?:\.md)?[,:] "([^"]+)"', text)
            if title not in sections
        ]
        broken += [
            (path.name, name)
            for name in re.findall(r"(?<![\w.-])([A-Z]+\.md)\b", text)
            if not (PROJECT_DIR / name).exists()
        ]
    assert broken == []
