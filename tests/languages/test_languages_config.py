"""Adding a language is configuration plus translations (issue 10; LANGUAGES.md): what
the build and the checks read from that configuration, and the mistakes an editor can make in it
(a missing label, a language not marked partial), each stopped with a clear message.

The third language from tests/fixtures/language (German, partial; not shipped) is added to a copy
of the project the way CONTRIBUTING.md says: the session's copy (`third_language_site` in
conftest.py) where nothing is broken, a copy per test where something is."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import re
from types import SimpleNamespace

import fallback_pages
from helpcenter.labels import load_labels
from sitebuild import add_language, copy_project, run_build
from thirdlanguage import ENTRY, LOCALE
from tools.checks.pages import is_complete, site_languages
from tools.checks.parity import check_parity

# --------------------------------------------------------------------------------------------
# Mistakes an editor can make
# --------------------------------------------------------------------------------------------


def test_a_missing_label_in_the_new_language_fails_the_build_with_a_clear_message(
    tmp_path, languages
):
    project = copy_project(tmp_path / "project")
    add_language(project)
    labels = project / "data" / "labels.yml"
    text = labels.read_text(encoding="utf-8")
    start = text.index(f"\n{LOCALE}:")
    host = re.compile(r"^    host: .*\n", re.M).search(text, start)
    labels.write_text(text[: host.start()] + text[host.end() :], encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    line = text[:start].count("\n") + 2  # the table: mapping is the first key of the language
    default_wording = load_labels([languages[0].locale])[languages[0].locale]["table.host"]
    assert (
        f"data/labels.yml:{line + 1}: {LOCALE}.table.host: missing label in language '{LOCALE}'; "
        f"add table.host under {LOCALE}: (in {languages[0].locale}: {default_wording!r})"
    ) in build.output
    assert "Traceback" not in build.output


def test_a_new_language_without_labels_fails_the_build_naming_it(tmp_path, languages):
    project = copy_project(tmp_path / "project")
    add_language(project)
    labels = project / "data" / "labels.yml"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(text[: text.index(f"\n{LOCALE}:") + 1], encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert (
        f"data/labels.yml:1: {LOCALE}: language '{LOCALE}' has no labels; add a {LOCALE}: section with every key "
        f"that the other languages have (copy the {languages[0].locale}: section and translate it)"
    ) in build.output
    assert "Traceback" not in build.output


def test_parity_lets_a_partial_language_lack_pages_but_checks_the_pages_it_has(tmp_path):
    project = copy_project(tmp_path / "project")
    add_language(project)
    assert check_parity(project) == []
    translation = next((project / "docs").rglob(f"*.{LOCALE}.md"))
    name = translation.relative_to(project).as_posix()
    text = translation.read_text(encoding="utf-8")
    heading = re.search(r"^## .* \{#(?P<id>[\w-]+)\}$", text, re.M)
    translation.write_text(
        text.replace(heading[0], heading[0].split(" {#")[0] + " {#renamed}"), encoding="utf-8"
    )
    problems = check_parity(project)
    assert any(
        problem.endswith(
            f"{name} has no heading {{#{heading['id']}}}, which {name.replace(f'.{LOCALE}.md', '.md')} has; "
            f"add it to {name} too, or remove it from every language"
        )
        for problem in problems
    ), problems


def test_a_language_that_is_not_marked_partial_must_be_complete(tmp_path, untranslated):
    project = copy_project(tmp_path / "project")
    add_language(project)
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"\n\s*extra:\n\s*complete: false", "", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    assert all(is_complete(language) for language in site_languages(project))
    problems = check_parity(project)
    assert len(problems) == len(untranslated)
    assert all(f"has no {ENTRY['name']} version" in problem for problem in problems)


# --------------------------------------------------------------------------------------------
# What the build reads
# --------------------------------------------------------------------------------------------


def test_is_fallback_tells_a_page_built_from_another_languages_file():
    own = SimpleNamespace(locale="xx", locale_alternate_of="xx")
    fallback = SimpleNamespace(locale="xx", locale_alternate_of="yy")
    assert fallback_pages.is_fallback(fallback) and not fallback_pages.is_fallback(own)
    assert not fallback_pages.is_fallback(SimpleNamespace(url="a/")), (
        "without static-i18n nothing is a fallback"
    )


def test_the_builds_language_reader_knows_the_new_language_its_prefix_and_that_it_is_partial(
    third_language_site,
):
    from helpcenter.languages import project_languages

    languages = project_languages(third_language_site.project / "mkdocs.yml")
    added = next(language for language in languages if language.locale == LOCALE)
    assert (added.prefix, added.default, added.complete) == (f"{LOCALE}/", False, False)
    assert languages[0].default and languages[0].prefix == ""
