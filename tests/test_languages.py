"""Adding a language is configuration plus translations (issue 10; README, "Languages").

A third language from tests/fixtures/language (German, partial: a few pages; not shipped) is added
to a copy of the project the way CONTRIBUTING.md says, and the copy is built once per session
(`third_language_site` in conftest.py). The tests read that site like a reader, a search engine
and a support agent's tools would. The report `make translations` runs on a copy with git history
made in the test."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
import os
import plistlib
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup

import fallback_pages
import mail_data
import search
from sitebuild import LANGUAGE_FIXTURE, PROJECT_DIR, add_language, copy_project, run_build
from tools.checks.pages import find_pages, is_complete, site_languages
from tools.checks.parity import check_parity

ENTRY = yaml.safe_load((LANGUAGE_FIXTURE / "language.yml").read_text(encoding="utf-8"))[0]
LOCALE = ENTRY["locale"]
PREFIX = f"{LOCALE}/"
FIXTURE_PAGES = sorted((LANGUAGE_FIXTURE / "docs").rglob(f"*.{LOCALE}.md"))


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def url_path(page_key: str) -> str:
    """'guides/iphone.md' -> 'guides/iphone/'; 'index.md' -> ''."""
    stem = page_key[: -len(".md")]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def page_key(translation: Path) -> str:
    """tests/fixtures/language/docs/guides/iphone.LOCALE.md -> 'guides/iphone.md'."""
    return (
        translation.relative_to(LANGUAGE_FIXTURE / "docs")
        .as_posix()
        .replace(f".{LOCALE}.md", ".md")
    )


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def html(site: Path, path: str) -> BeautifulSoup:
    name = path if path.endswith(".html") else f"{path}index.html"
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "lxml")


def heading(page: BeautifulSoup) -> str:
    """The page's h1 as a reader sees it (without the permalink and copy button)."""
    h1 = page.select_one("article h1")
    for extra in h1.select("a.headerlink, button"):
        extra.decompose()
    return h1.get_text(strip=True)


# The pages the fixture translates, as paths within a language ("" is the overview).
TRANSLATED = sorted(url_path(page_key(path)) for path in FIXTURE_PAGES)


@pytest.fixture(scope="module")
def site(third_language_site) -> Path:
    return third_language_site.site


@pytest.fixture(scope="module")
def project(third_language_site) -> Path:
    return third_language_site.project


@pytest.fixture(scope="module")
def languages(project):
    return site_languages(project)


@pytest.fixture(scope="module")
def labels(project, languages) -> dict[str, mail_data.Labels]:
    return mail_data.load_labels(
        [language.locale for language in languages], project / "data" / "labels.yml"
    )


@pytest.fixture(scope="module")
def all_pages(project, languages) -> list[str]:
    """Every page of the site, as its path within a language, in the default language's files."""
    return sorted(
        url_path(page.key)
        for page in find_pages(project, languages)
        if page.locale == languages[0].locale
    )


@pytest.fixture(scope="module")
def untranslated(all_pages) -> list[str]:
    return [path for path in all_pages if path not in TRANSLATED]


@pytest.fixture(scope="module")
def site_url(project) -> str:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[
        "site_url"
    ]


# --------------------------------------------------------------------------------------------
# The build and the pages
# --------------------------------------------------------------------------------------------


def test_the_fixture_is_a_partial_third_language_and_the_shipped_languages_stay_complete(languages):
    assert LOCALE not in {language.locale for language in site_languages(PROJECT_DIR)}, (
        "the fixture is not shipped"
    )
    assert [language.locale for language in languages][-1] == LOCALE
    assert TRANSLATED and "" in TRANSLATED, (
        "the fixture translates the overview and a few more pages"
    )
    assert {language.locale: is_complete(language) for language in languages} == {
        **{language.locale: True for language in site_languages(PROJECT_DIR)},
        LOCALE: False,
    }


def test_the_site_with_a_third_language_builds_strictly_without_a_warning(third_language_site):
    assert third_language_site.returncode == 0
    assert not re.findall(r"^(WARNING|ERROR)\b.*$", third_language_site.output, re.M)


def test_the_language_has_every_page_under_its_own_prefix(site, all_pages, untranslated):
    for path in all_pages:
        page = html(site, PREFIX + path)
        assert page.html["lang"] == LOCALE, path
    assert len(untranslated) >= 2, "the fixture leaves pages untranslated"
    assert (
        html(site, PREFIX).select_one(".md-header__topic").get_text(strip=True)
        == ENTRY["site_name"]
    )


def test_a_translated_page_shows_its_translation_without_a_banner(site):
    for translation in FIXTURE_PAGES:
        page = html(site, PREFIX + url_path(page_key(translation)))
        assert heading(page) == front_matter(translation)["title"]
        assert page.select(".translation-fallback") == [], translation.name


def test_an_untranslated_page_is_the_default_languages_text_under_a_banner_in_the_readers_language(
    site, languages, labels, untranslated
):
    default = languages[0]
    sentence = labels[LOCALE]["languages.not_translated"].replace("{language}", default.name)
    for path in untranslated:
        page = html(site, PREFIX + path)
        banner = page.select(".translation-fallback")
        assert len(banner) == 1, path
        assert banner[0].get_text(strip=True) == sentence
        assert banner[0]["lang"] == LOCALE and banner[0]["role"] == "note"
        text = banner[0].find_next_sibling("div")
        assert text["lang"] == default.locale, "the text below is marked as the default language"
        assert heading(page) == heading(html(site, path)), path
        assert html(site, path).select(".translation-fallback") == [], (
            "the default language's page has none"
        )


def test_no_page_of_a_complete_language_has_a_banner(built_site, site_pages):
    for path in site_pages:
        assert html(built_site, path).select(".translation-fallback") == [], path


# --------------------------------------------------------------------------------------------
# Search engines, search, links
# --------------------------------------------------------------------------------------------


def test_search_engines_are_told_only_about_real_translations(
    site, site_url, languages, all_pages, untranslated
):
    default = languages[0]
    for path in untranslated:
        head = html(site, PREFIX + path).head
        assert [link["href"] for link in head.select("link[rel=canonical]")] == [site_url + path], (
            "canonical: the page whose text it shows"
        )
        assert head.select("link[rel=alternate][hreflang]") == [], (
            f"a fallback page names no translations: {path}"
        )
        assert head.select_one("meta[property='og:url']")["content"] == site_url + path
        original = {
            str(link["hreflang"])
            for link in html(site, path).head.select("link[rel=alternate][hreflang]")
        }
        assert LOCALE not in original and default.locale in original, path
    for path in TRANSLATED:
        for language in languages:
            prefix = "" if language.default else f"{language.locale}/"
            alternates = {
                link["hreflang"]: link["href"]
                for link in html(site, prefix + path).head.select("link[rel=alternate][hreflang]")
            }
            assert alternates[LOCALE] == site_url + PREFIX + path, (language.locale, path)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(url for url in listed if url.startswith(site_url + PREFIX)) == sorted(
        site_url + PREFIX + path for path in TRANSLATED
    )
    assert len(listed) == len(all_pages) * (len(languages) - 1) + len(TRANSLATED)
    named = set(re.findall(rf'hreflang="{LOCALE}" href="([^"]+)"', sitemap))
    assert named == {site_url + PREFIX + path for path in TRANSLATED}


def test_its_search_index_holds_its_own_pages_and_no_other_languages(
    site, labels, all_pages, languages
):
    settings = json.loads(
        (site / PREFIX / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    assert settings["docs"] == [] and settings["config"]["lang"] == [LOCALE]
    assert settings["config"]["bundle"] == f"{PREFIX}pagefind/"
    index = search.bundle_pages(site / PREFIX / "pagefind")
    # Its own pages, untranslated ones too: the reader's navigation lists them (README, "Languages").
    assert {url.lstrip("/") for url in index} == set(all_pages)
    overview_title = heading(html(site, PREFIX))
    assert index["/"]["meta"]["title"] == overview_title
    for language in languages:
        if language.locale == LOCALE:
            continue
        other = search.bundle_pages(
            site / ("" if language.default else f"{language.locale}/") / "pagefind"
        )
        assert overview_title not in json.dumps(other, ensure_ascii=False), (
            f"the {language.locale} index holds no {LOCALE} text"
        )
        assert not [url for url in other if url.startswith(f"/{PREFIX}")]


def test_its_404_page_is_in_its_language_and_the_root_404_sends_its_readers_there(site, labels):
    page = html(site, f"{PREFIX}404.html")
    assert page.html["lang"] == LOCALE
    assert (
        page.select_one("article h1").get_text(strip=True)
        == labels[LOCALE]["links.not_found.title"]
    )
    assert page.select_one("form[role=search]")["action"] == f"/{PREFIX}"
    root = json.loads(html(site, "404.html").select_one("#links-not-found").get_text())
    assert root["pages"][f"/{PREFIX}"] == f"/{PREFIX}404.html"


def test_links_json_lists_it_with_a_translated_flag_per_entry(site, site_url, languages, all_pages):
    catalog = json.loads((site / "links.json").read_text(encoding="utf-8"))
    assert {
        "locale": LOCALE,
        "name": ENTRY["name"],
        "default": False,
        "url": site_url + PREFIX,
    } in catalog["languages"]
    for entry in catalog["entries"]:
        path = url_path(entry["page"])
        assert entry["translated"][LOCALE] is (path in TRANSLATED), entry["key"]
        assert all(
            entry["translated"][language.locale]
            for language in languages
            if language.locale != LOCALE
        )
        assert entry["url"][LOCALE] == site_url + PREFIX + path + (
            f"#{entry['anchor']}" if entry["anchor"] else ""
        )
        assert entry["short_links"][LOCALE].endswith(
            f"/{LOCALE}/" + (f"#{entry['anchor']}" if "#" in entry["key"] else "")
        )
    assert {url_path(entry["page"]) for entry in catalog["entries"]} == set(all_pages)


def test_a_short_link_picks_it_where_it_has_the_page_and_else_the_next_language(
    site, project, languages
):
    links = yaml.safe_load((project / "data" / "links.yml").read_text(encoding="utf-8"))
    for key, target in links["short_links"].items():
        page, _, anchor = target.partition("#")
        path, href = url_path(page), f"/{PREFIX}{url_path(page)}" + (f"#{anchor}" if anchor else "")
        data = json.loads(html(site, f"go/{key}/").select_one("#links-redirect").get_text())
        assert (LOCALE in data["targets"]) is (path in TRANSLATED), key
        if path in TRANSLATED:
            assert data["targets"][LOCALE] == href
        assert data["fallback"] in data["targets"]
        fixed = json.loads(
            html(site, f"go/{key}/{LOCALE}/").select_one("#links-redirect").get_text()
        )
        assert fixed["targets"] == {LOCALE: href}, "an agent who picks the language gets it"
    assert {language.locale for language in languages} <= set(
        json.loads(html(site, "go/overview/").select_one("#links-redirect").get_text())["targets"]
    )


def test_its_apple_profile_speaks_its_language(site, labels, mail_settings):
    profile = plistlib.loads((site / PREFIX / "profiles" / "email.mobileconfig").read_bytes())
    provider = mail_settings["provider"]["name"]
    assert profile["PayloadDisplayName"] == labels[LOCALE]["profile.name"].replace(
        "{provider}", provider
    )
    assert profile["PayloadDescription"] == labels[LOCALE]["profile.description"].replace(
        "{provider}", provider
    )
    assert (
        profile["PayloadContent"][0]["IncomingMailServerHostName"]
        == mail_settings["servers"]["imap"]["host"]
    )


def test_its_settings_tables_use_its_labels(site, labels, mail_settings):
    words = labels[LOCALE]
    tables = html(site, PREFIX).select("article table")
    assert len(tables) == 3
    for table in tables:
        assert [cell.get_text(strip=True) for cell in table.select("thead th")] == [
            words["table.setting"],
            words["table.value"],
        ]
        rows = [row.select_one("td").get_text(strip=True) for row in table.select("tbody tr")]
        assert (
            words["table.host"] in rows
            and words["table.security"] in rows
            and words["table.authentication"] in rows
        )
    text = tables[0].get_text(" ", strip=True)
    assert mail_settings["servers"]["imap"]["host"] in text
    assert words[f"authentication.{mail_settings['servers']['imap']['authentication']}"] in text


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
    default_wording = mail_data.load_labels([languages[0].locale])[languages[0].locale][
        "table.host"
    ]
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


def test_is_fallback_tells_a_page_built_from_another_languages_file():
    own = SimpleNamespace(locale="xx", locale_alternate_of="xx")
    fallback = SimpleNamespace(locale="xx", locale_alternate_of="yy")
    assert fallback_pages.is_fallback(fallback) and not fallback_pages.is_fallback(own)
    assert not fallback_pages.is_fallback(SimpleNamespace(url="a/")), (
        "without static-i18n nothing is a fallback"
    )


# --------------------------------------------------------------------------------------------
# make translations
# --------------------------------------------------------------------------------------------


def small_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy with three pages: in the third language two translated (one is made out of date by
    `project_with_history`), one missing. Returns the project and {'stale', 'fresh', 'missing'}."""
    project = copy_project(tmp_path / "project")
    add_language(project)
    languages = site_languages(project)
    pages = find_pages(project, languages)
    translated = sorted({page.key for page in pages if page.locale == LOCALE})
    missing = next(
        page.key
        for page in pages
        if page.locale == languages[0].locale and page.key not in translated
    )
    stale, fresh = translated[:2]
    for page in pages:
        if page.key not in (stale, fresh, missing):
            page.path.unlink()
    return project, {"stale": stale, "fresh": fresh, "missing": missing}


def git(project: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-C", str(project), *args],
        check=True,
        capture_output=True,
        env=env,
    )


def translations_report(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.translations", "--project", str(project)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def project_with_history(tmp_path):
    """The small project in git: everything committed, then the default language's version of
    one translated page changed in a later commit."""
    project, pages = small_project(tmp_path)
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", ".")
    git(
        project,
        "commit",
        "--quiet",
        "-m",
        "Pages and translations",
        date="2026-01-05T10:00:00+00:00",
    )
    source = project / "docs" / pages["stale"]
    source.write_text(
        source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
    )
    git(
        project,
        "commit",
        "--quiet",
        "-am",
        "The default language's page changes",
        date="2026-02-10T10:00:00+00:00",
    )
    return project, pages


def test_the_report_lists_per_language_what_is_translated_missing_and_out_of_date(
    project_with_history,
):
    project, pages = project_with_history
    languages = site_languages(project)
    default = languages[0]
    result = translations_report(project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"Translations of the 3 pages in {default.name} ({default.locale}, the default language)"
    )
    rows = {line.split("  ")[0]: line.split() for line in lines[2 : 2 + len(languages)]}
    complete_row = rows[f"{languages[1].name} ({languages[1].locale})"]
    assert complete_row[-5:] == ["3", "of", "3", "0", "1"] and "yes" in complete_row, (
        "the same page changed"
    )
    partial_row = rows[f"{ENTRY['name']} ({LOCALE})"]
    assert partial_row[-5:] == ["2", "of", "3", "1", "1"] and "(partial)" in partial_row
    stem = lambda key: key[: -len(".md")]  # noqa: E731
    assert (
        f"  docs/{stem(pages['missing'])}.{LOCALE}.md  (translate docs/{pages['missing']})" in lines
    )
    stale = next(
        line for line in lines if line.startswith(f"  docs/{stem(pages['stale'])}.{LOCALE}.md: ")
    )
    assert (
        f"docs/{pages['stale']} changed in 1 commit(s)" in stale
        and "2026-02-10 The default language's page changes" in stale
    )
    assert not [line for line in lines if f"{stem(pages['fresh'])}.{LOCALE}.md" in line], (
        "an up-to-date page is not listed"
    )


def test_a_translation_committed_after_its_source_changed_is_up_to_date_again(project_with_history):
    project, pages = project_with_history
    translation = project / "docs" / pages["stale"].replace(".md", f".{LOCALE}.md")
    translation.write_text(
        translation.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8"
    )
    git(
        project, "commit", "--quiet", "-am", "Translation updated", date="2026-02-11T10:00:00+00:00"
    )
    lines = translations_report(project).stdout.splitlines()
    row = next(line for line in lines if line.startswith(f"{ENTRY['name']} ({LOCALE})"))
    assert row.split()[-2:] == ["1", "0"], "one missing, none out of date"


def test_the_report_works_without_history_and_says_it_could_not_compare(tmp_path):
    project, pages = small_project(tmp_path)
    result = translations_report(project)
    assert result.returncode == 0
    row = next(
        line
        for line in result.stdout.splitlines()
        if line.startswith(f"{ENTRY['name']} ({LOCALE})")
    )
    assert row.split()[-2:] == ["1", "?"]
    assert (
        "Out of date: not compared. There is no git history here (not a git repository), so the dates of the pages "
        "could not be compared."
    ) in result.stdout
    assert f"(translate docs/{pages['missing']})" in result.stdout


def test_the_report_in_a_shallow_clone_says_its_history_is_cut_off(project_with_history, tmp_path):
    project, _ = project_with_history
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{project}", str(clone)],
        check=True,
        capture_output=True,
    )
    result = translations_report(clone)
    assert result.returncode == 0
    assert (
        "This is a shallow clone: its history is cut off, so the dates of the pages could not be compared."
        in result.stdout
    )


def test_the_builds_language_reader_knows_the_new_language_its_prefix_and_that_it_is_partial(
    third_language_site,
):
    from helpcenter.languages import project_languages

    languages = project_languages(third_language_site.project / "mkdocs.yml")
    added = next(language for language in languages if language.locale == LOCALE)
    assert (added.prefix, added.default, added.complete) == (f"{LOCALE}/", False, False)
    assert languages[0].default and languages[0].prefix == ""
