"""The links check (`make check`) fails where the pull request's link tests (tests/test_links_*.py)
would: a page whose addresses are not published, a rename without a redirect; and after a
rename every message names the new path. Each mistake is made in a copy of the project."""

from __future__ import annotations

import re
import shutil

import pytest

from editorcopy import editor_copy, line_of, replace, run_checks
from sitebuild import PROJECT_DIR
from tools.checks.links import check_links
from tools.checks.pages import site_languages
from tools.published_links import add_new

LANGUAGES = site_languages(PROJECT_DIR)
PUBLISHED = "data/published-links.txt"


@pytest.fixture
def project(tmp_path):
    return editor_copy(tmp_path / "project")


def files_of(page: str) -> list[str]:
    """docs/guides/gmail.md -> it and its translations (docs/guides/gmail.en.md...)."""
    return [
        page if language.default else page.replace(".md", f".{language.locale}.md")
        for language in LANGUAGES
    ]


def move(project, old: str, new: str) -> None:
    """What `git mv` does to both languages' files."""
    for old_file, new_file in zip(files_of(old), files_of(new), strict=True):
        shutil.move(project / old_file, project / new_file)


def linking_lines(project, target: str) -> list[tuple[str, int, str]]:
    """(file, line, link) of every link to `target` (a docs/ path) in the pages."""
    found = []
    for path in sorted((project / "docs").rglob("*.md")):
        folder = path.parent.relative_to(project / "docs").as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            for link in re.findall(r"\]\(([^)#\s]+\.md)(#[\w-]+)?\)", line):
                resolved = (
                    re.sub(r"^\./", "", (folder + "/" + link[0]).lstrip("./"))
                    if folder != "."
                    else link[0]
                )
                if resolved.replace("guides/../", "").replace("articles/../", "") == target:
                    found.append((path.relative_to(project).as_posix(), number, link[0] + link[1]))
    return found


def gmail_addresses() -> int:
    """How many published addresses the Gmail guide has (its page and its heading ids)."""
    lines = (PROJECT_DIR / PUBLISHED).read_text(encoding="utf-8").split("\n")
    return sum(1 for line in lines if line.startswith("/guides/gmail/"))


def nav_line(project, page: str) -> int:
    """The line of mkdocs.yml's nav: that lists `page` (`- guides/x.md` or `- Label: guides/x.md`)."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    return next(
        n
        for n, line in enumerate(lines, start=1)
        if re.search(rf"[\s:]{re.escape(page)}\s*$", line)
    )


def test_the_repository_passes():
    assert check_links(PROJECT_DIR) == []


def test_a_new_page_not_published_is_one_message_and_the_tool_fixes_it(project):
    for name in files_of("docs/articles/webmail.md"):
        (project / name).write_text(
            "---\ntitle: Webmail\ndescription: Webmail.\n---\n\n# Webmail\n\n## Log in {#log-in}\n\n## Help "
            "{#support}\n",
            encoding="utf-8",
        )
    assert check_links(project) == [
        f"docs/articles/webmail.md:1: 3 address(es) of this page are not in {PUBLISHED} yet (/articles/webmail/, "
        "/articles/webmail/#log-in, /articles/webmail/#support); add them with `.venv/bin/python -m "
        "tools.published_links` "
        "(it adds every new one) and commit the file"
    ]
    assert add_new(project) == [
        "/articles/webmail/",
        "/articles/webmail/#log-in",
        "/articles/webmail/#support",
    ]
    assert check_links(project) == []


def test_a_renamed_page_without_a_redirect_is_one_message_naming_the_redirect(project):
    """Everything else done: nav, links, short link, published list. Only the redirect is missing."""
    move(project, "docs/guides/gmail.md", "docs/guides/gmail-app.md")
    for path in [
        project / "mkdocs.yml",
        project / "data/links.yml",
        *(project / "docs").rglob("*.md"),
    ]:
        path.write_text(
            path.read_text(encoding="utf-8").replace("guides/gmail.md", "guides/gmail-app.md"),
            encoding="utf-8",
        )
    # The guide's name in extra.qr_guides too (the build checks that list).
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(", gmail,", ", gmail-app,"), encoding="utf-8"
    )
    add_new(project)
    redirects = line_of(project, "data/links.yml", "redirects:")
    expected = (
        f"data/links.yml:{redirects}: docs/guides/gmail.md was renamed to docs/guides/gmail-app.md, and "
        f"its {gmail_addresses()} published addresses (/guides/gmail/ ... in {PUBLISHED}) would break; "
        "add the line `  guides/gmail.md: guides/gmail-app.md` under redirects:"
    )
    assert check_links(project) == [expected]
    # The build alone passes here (nothing links to the old name); the published-links test would not.
    result = run_checks(project, "links", "build")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [expected]


def test_a_rename_lists_every_place_to_change_in_one_run_with_the_new_path(project):
    move(project, "docs/guides/gmail.md", "docs/guides/gmail-app.md")
    add_new(project)
    expected = {
        f"data/links.yml:{line_of(project, 'data/links.yml', 'redirects:')}: docs/guides/gmail.md was renamed to "
        f"docs/guides/gmail-app.md, and its {gmail_addresses()} published addresses (/guides/gmail/ ... in "
        f"{PUBLISHED}) would break; add the line `  guides/gmail.md: guides/gmail-app.md` under redirects:",
        f"mkdocs.yml:{nav_line(project, 'guides/gmail.md')}: the navigation lists guides/gmail.md, which was "
        "renamed to docs/guides/gmail-app.md; write guides/gmail-app.md there instead",
        f"data/links.yml:{line_of(project, 'data/links.yml', 'gmail: guides/gmail.md')}: the short link gmail "
        "points at docs/guides/gmail.md, which was renamed to docs/guides/gmail-app.md; change the line to "
        "`gmail: guides/gmail-app.md` (the key stays)",
    }
    links = linking_lines(project, "guides/gmail.md")
    assert links, "no page links to the Gmail guide any more; pick another page for this test"
    for name, number, link in links:
        new = link.replace("gmail.md", "gmail-app.md")
        expected.add(
            f"{name}:{number}: the link {link} points at docs/guides/gmail.md, which was renamed to "
            f"docs/guides/gmail-app.md; link {new} instead"
        )
    problems = check_links(project)
    assert len(problems) == len(expected) and set(problems) == expected


def test_a_renamed_heading_id_without_a_redirect(project):
    page = "docs/articles/forwarding.md"
    for name in files_of(page):
        replace(project, name, "{#stop-forwarding}", "{#turn-off-forwarding}")
    replace(
        project,
        "data/links.yml",
        "articles/forwarding.md#stop-forwarding",
        "articles/forwarding.md#turn-off-forwarding",
    )
    add_new(project)
    published = line_of(project, PUBLISHED, "/articles/forwarding/#stop-forwarding")
    assert check_links(project) == [
        f"data/links.yml:{line_of(project, 'data/links.yml', 'redirects:')}: the heading id {{#stop-forwarding}} of "
        f"docs/articles/forwarding.md was published (/articles/forwarding/#stop-forwarding, {PUBLISHED}:{published}) "
        "and no "
        "longer exists; give the heading its id back, or add the line "
        "`  articles/forwarding.md#stop-forwarding: articles/forwarding.md#turn-off-forwarding` under redirects:"
    ]


def test_a_renamed_heading_id_names_the_section_short_link_to_change(project):
    """The rename rule for section short links: the key stays, its target follows the id."""
    for name in files_of("docs/articles/forwarding.md"):
        replace(project, name, "{#stop-forwarding}", "{#turn-off-forwarding}")
    replace(
        project,
        "data/links.yml",
        "\nredirects:\n",
        "\nredirects:\n  articles/forwarding.md#stop-forwarding: articles/forwarding.md#turn-off-forwarding\n",
    )
    add_new(project)
    assert check_links(project) == [
        f"data/links.yml:{line_of(project, 'data/links.yml', 'stop-forwarding: articles')}: the short link "
        "stop-forwarding "
        "points at #stop-forwarding, which docs/articles/forwarding.md no longer has; change the line to "
        "`stop-forwarding: articles/forwarding.md#turn-off-forwarding` (the key stays)"
    ]


def test_a_deleted_short_link_key(project):
    line = replace(
        project, "data/links.yml", "  stop-forwarding: articles/forwarding.md#stop-forwarding\n", ""
    )
    published = line_of(project, PUBLISHED, "/go/stop-forwarding/")
    assert check_links(project) == [
        f"data/links.yml:{line_of(project, 'data/links.yml', 'short_links:')}: the short link /go/stop-forwarding/ was "
        f"published ({PUBLISHED}:{published}) and data/links.yml no longer has the key stop-forwarding; put it back "
        "under short_links: (a published key stays; point it at the page or section's current name)"
    ]
    assert line > 1


def test_make_check_fails_where_the_link_tests_would(project):
    """The command exits 1 on a page whose addresses are not published
    (tests/test_links_published.py would fail)."""
    for name in files_of("docs/articles/webmail.md"):
        (project / name).write_text(
            "---\ntitle: W\ndescription: W.\n---\n\n# W\n", encoding="utf-8"
        )
    result = run_checks(project, "links")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        f"docs/articles/webmail.md:1: 1 address(es) of this page are not in {PUBLISHED}"
    )


def test_an_overview_that_lists_guides_by_hand_lists_every_guide_in_nav(project):
    """An overview with a hand-made list of guides (not generated from nav: by template:
    overview.html): a guide in nav: but missing from the list fails."""
    from tools.checks.links import _nav_entries
    from tools.checks.pages import mkdocs_config

    guides = [
        entry
        for entry in _nav_entries(mkdocs_config(project).nav or [])
        if entry.startswith("guides/")
    ]
    listed = "".join(f"- [{guide}]({guide})\n" for guide in guides if guide != "guides/gmail.md")
    (project / "docs/index.md").write_text(
        f"---\ntitle: O\ndescription: O.\n---\n\n# O\n\n## Guider {{#guides}}\n\n{listed}",
        encoding="utf-8",
    )
    assert [problem for problem in check_links(project) if "overview's list" in problem] == [
        "docs/index.md:8: the overview's list of guides lacks guides/gmail.md, which nav: in mkdocs.yml lists; add "
        "a line `- [its title](guides/gmail.md)` to the list"
    ]


def test_a_deleted_page_asks_for_a_redirect_to_its_replacement(project):
    for name in files_of("docs/guides/windows-mail-8.md"):
        (project / name).unlink()
    problems = [problem for problem in check_links(project) if problem.startswith("data/links.yml")]
    assert problems[0] == (
        f"data/links.yml:{line_of(project, 'data/links.yml', 'redirects:')}: docs/guides/windows-mail-8.md no longer "
        f"exists, and its {published_count('/guides/windows-mail-8/')} published addresses (/guides/windows-mail-8/ "
        f"... in {PUBLISHED}) would break; add a line `  guides/windows-mail-8.md: NEW-NAME.md` under redirects: "
        "(its new name, or the page that replaces it)"
    )


def published_count(prefix: str) -> int:
    lines = (PROJECT_DIR / PUBLISHED).read_text(encoding="utf-8").split("\n")
    return sum(1 for line in lines if line.startswith(prefix))
