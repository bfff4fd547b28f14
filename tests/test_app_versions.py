"""The versions readers have (data/app-versions.yml, issue 24 item 6): every guide names the apps
its steps were checked against from that file, the line under its title is made from it in the
page's language, `make check` fails on an app the file does not list (file and line, with a
"did you mean"), and `make reviews` flags a guide checked against an older version than readers
have now."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml

from editorcopy import editor_copy, line_of, replace
from helpcenter.app_versions import checked_against, load_app_versions, outdated
from helpcenter.datafiles import DataError
from sitebuild import PROJECT_DIR
from tools.checks.data import check_data
from tools.checks.review import check_review
from tools.reviews import report

LOCALES = ["sv", "en"]
TODAY = datetime.date(2026, 12, 5)


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


@pytest.fixture
def project(tmp_path):
    return editor_copy(tmp_path / "project")


def test_every_app_has_a_name_in_every_language_a_version_and_a_source():
    apps = load_app_versions(LOCALES)
    assert {"ios", "ipados", "macos", "thunderbird-esr"} <= set(apps)
    for app in apps.values():
        assert set(app.names) == set(LOCALES) and all(app.names.values())
        assert app.source.startswith("https://") and app.checked <= TODAY


def test_every_versioned_guide_names_its_apps_from_the_data():
    apps = load_app_versions(LOCALES)
    named = 0
    for path in sorted((PROJECT_DIR / "docs" / "guides").glob("*.md")):
        review = front_matter(path)["review"]
        if "apps" in review:
            assert set(review["apps"]) <= set(apps), path.name
            named += 1
        else:
            assert review.get("checked_against"), f"{path.name}: neither apps nor words"
    assert named >= 14, "the guides about an app name it in review.apps"


def test_the_line_under_the_title_comes_from_the_data_in_the_pages_language():
    apps = load_app_versions(LOCALES)
    assert checked_against({"ios": "26", "ipados": "26"}, apps, "sv") == "iOS 26 och iPadOS 26"
    assert checked_against({"ios": "26", "ipados": "26"}, apps, "en") == "iOS 26 and iPadOS 26"
    assert checked_against({"macos": ["26", "15"]}, apps, "en") == "macOS 26 and 15"
    with pytest.raises(DataError, match="unknown app 'iso'.*did you mean ios"):
        checked_against({"iso": "26"}, apps, "sv")


def test_a_changed_name_in_the_data_changes_the_line(tmp_path):
    text = (PROJECT_DIR / "data" / "app-versions.yml").read_text(encoding="utf-8")
    assert "    name: iOS\n" in text, "data/app-versions.yml names iOS differently: update the test"
    changed = tmp_path / "app-versions.yml"
    changed.write_text(text.replace("    name: iOS\n", "    name: Apple iOS\n"), encoding="utf-8")
    apps = load_app_versions(LOCALES, changed)
    assert checked_against({"ios": "26"}, apps, "sv") == "Apple iOS 26"


def test_a_newer_version_out_flags_the_guide():
    apps = load_app_versions(LOCALES)
    current = apps["ios"].current
    assert outdated({"ios": current}, apps) == []
    assert outdated({"ios": "1"}, apps) == [f"ios: checked against 1, readers have {current}"]


def test_make_reviews_lists_the_guides_behind(project):
    path = "docs/guides/iphone.md"
    version = re.search(r"(?m)^    ios: \"?([\w.]+)\"?$", (project / path).read_text())
    assert version, f"{path} names no ios version: update the test"
    replace(project, path, version[0], '    ios: "1"')
    lines = report(project, TODAY)
    [row] = [line for line in lines if line.endswith(path)]
    assert "ios: checked against 1, readers have" in row
    behind = [line for line in lines[:-1] if "checked against" in line and "readers have" in line]
    assert f"{len(behind)} checked against an older app version than readers have now" in lines[-1]


def test_make_check_names_the_file_and_line_of_an_unknown_app(project):
    path = "docs/guides/iphone.en.md"
    replace(project, path, "    ios:", "    iso:")
    line = line_of(project, path, "    iso:")
    assert check_review(project, TODAY) == [
        f"{path}:{line}: unknown app 'iso' in review.apps; did you mean ios? use one of "
        f"data/app-versions.yml's: {', '.join(load_app_versions(LOCALES))}"
    ]


def test_make_check_names_the_line_of_a_broken_entry(project):
    replace(project, "data/app-versions.yml", "    source: https://", "    source: http://")
    problems = check_data(project)
    line = line_of(project, "data/app-versions.yml", "  ios:")
    assert (
        f"data/app-versions.yml:{line}: apps.ios.source: expected the vendor's https:// page"
        in (problems)
    )
