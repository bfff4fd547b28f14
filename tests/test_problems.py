"""The reader who is stuck: one problems hub per language, one id per problem everywhere (hub
section, guide troubleshooting section, short link, links.json), and editors' mistakes with the
ids caught by `make check` with file and line (data/problems.yml, helpcenter.problems)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpcenter.problems import check_guides, load_problems, troubleshooting_ids
from sitebuild import PROJECT_DIR
from sitelinks import article, built_pages

DOCS = PROJECT_DIR / "docs"
PROBLEM_IDS = list(load_problems(DOCS, ["sv", "en"]).words)


def test_the_problems_are_the_ten_the_whole_site_uses():
    assert PROBLEM_IDS == [
        "sending-fails", "wrong-password", "certificate-warning", "folders", "mailbox-full",
        "mail-vanished", "account-type", "one-device", "ports-blocked", "locked-out",
    ]  # fmt: skip


def test_the_hub_has_every_problem_and_links_every_guide_section_for_it(built_site, languages):
    pages = built_pages(built_site, languages)
    guides = troubleshooting_ids(DOCS)
    for language in languages:
        hub = article(pages[language["locale"]]["problems/"])
        for problem in PROBLEM_IDS:
            section = hub.find(id=problem)
            assert section is not None and section.name == "h2", f"{language['locale']}: #{problem}"
            having = sorted(stem for stem, ids in guides.items() if problem in ids)
            linked = sorted(
                {
                    str(a["href"]).split("/")[-2]
                    for a in hub.select(f'a[href$="/#{problem}"]')
                    if "/guides/" in a["href"]
                }
            )
            assert linked == having, f"{language['locale']} #{problem}: hub links {linked}"


def test_the_overview_and_every_guide_lead_to_the_hub(built_site, languages):
    pages = built_pages(built_site, languages)
    for language in languages:
        locale = language["locale"]
        overview = article(pages[locale][""])
        first = overview.find("p")
        assert first is not None and first.select_one('a[href$="problems/"]'), locale
        for path, page in pages[locale].items():
            if path.startswith("guides/"):
                heading = article(page).find(id="troubleshooting")
                following = heading.find_next_sibling("p")
                assert following.select_one('a[href$="problems/"]'), f"{locale} {path}"


def test_every_problem_has_a_short_link_and_a_links_json_entry(built_site, languages):
    catalog = json.loads((built_site / "links.json").read_text(encoding="utf-8"))
    anchors = {(entry["page"], entry["anchor"]) for entry in catalog["entries"]}
    for problem in PROBLEM_IDS:
        assert (built_site / "go" / problem / "index.html").exists(), f"/go/{problem}/"
        assert ("problems.md", problem) in anchors, f"links.json lacks problems.md#{problem}"


def test_the_hub_quotes_each_error_text_in_its_language_with_its_fix(built_site, languages):
    problems = load_problems(DOCS, [language["locale"] for language in languages])
    pages = built_pages(built_site, languages)
    for language in languages:
        locale = language["locale"]
        text = " ".join(article(pages[locale]["problems/"]).get_text(" ").split())
        for error in problems.errors:
            if locale in error:
                assert f'"{error[locale]}"' in text, f"{locale}: {error[locale]!r}"


def test_make_check_names_the_file_and_line_of_an_unknown_troubleshooting_id(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    guide = docs / "guides" / "iphone.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("{#mail-vanished}", "{#mail-gone}"),
        encoding="utf-8",
    )
    line = (
        guide.read_text(encoding="utf-8")
        .split("\n")
        .index(
            next(x for x in guide.read_text(encoding="utf-8").split("\n") if "{#mail-gone}" in x)
        )
        + 1
    )
    found = check_guides(docs, PROBLEM_IDS)
    assert found and found[0].startswith(f"docs/guides/iphone.md:{line}: "), found
    assert "'{#mail-gone}' is no problem in data/problems.yml" in found[0]
    assert check_guides(DOCS, PROBLEM_IDS) == []


def test_an_error_text_pointing_at_a_missing_guide_section_fails(tmp_path: Path):
    data = tmp_path / "problems.yml"
    data.write_text(
        (PROJECT_DIR / "data" / "problems.yml")
        .read_text(encoding="utf-8")
        .replace("guides/thunderbird.md#certificate-warning", "guides/thunderbird.md#certificate"),
        encoding="utf-8",
    )
    try:
        load_problems(DOCS, ["sv", "en"], data, "data/problems.yml")
    except Exception as error:  # DataError, a PluginError: the build stops with this line
        assert "data/problems.yml:" in str(error) and "guides/thunderbird.md#certificate" in str(
            error
        )
    else:
        raise AssertionError("an error text pointing at no guide section was accepted")
