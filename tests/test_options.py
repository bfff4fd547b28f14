"""The help center's own options (mkdocs.yml `extra:` and the environment) are validated once:
a typo stops the build with mkdocs.yml's line and the fix, instead of silently doing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from editorcopy import line_of, replace
from helpcenter.datafiles import DataError
from helpcenter.options import SHARD_PAGES, guide_names, load_options
from sitebuild import PROJECT_DIR

CONFIG = PROJECT_DIR / "mkdocs.yml"


def test_todays_options_are_valid_and_name_real_guides():
    extra = load_config(str(CONFIG))["extra"]
    options = load_options(extra, guide_names(PROJECT_DIR / "docs"), CONFIG, environ={})
    assert set(options.qr_guides) <= guide_names(PROJECT_DIR / "docs") and options.qr_guides
    assert options.search_shard_pages == SHARD_PAGES
    assert (
        load_options(
            extra, guide_names(PROJECT_DIR / "docs"), CONFIG, {"HELP_SEARCH_SHARD_PAGES": "5"}
        ).search_shard_pages
        == 5
    )


def test_a_misspelt_guide_names_the_line_and_the_guide_meant(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    replace(tmp_path, "mkdocs.yml", "qr_guides: [iphone,", "qr_guides: [iphon,")
    extra = dict(load_config(str(CONFIG))["extra"])
    extra["qr_guides"] = ["iphon", *extra["qr_guides"][1:]]
    with pytest.raises(DataError) as error:
        load_options(extra, guide_names(PROJECT_DIR / "docs"), config, environ={})
    line = line_of(tmp_path, "mkdocs.yml", "qr_guides:")
    assert str(error.value).startswith(
        f"mkdocs.yml:{line}: extra.qr_guides: no guide docs/guides/iphon.md; did you mean iphone?"
    )


def test_an_unknown_device_and_a_bad_shard_size_are_both_named():
    guides = {"iphone"}
    with pytest.raises(DataError) as error:
        load_options(
            {"guide_devices": {"iphone": ["iOS"]}},
            guides,
            Path("/nonexistent/mkdocs.yml"),
            {"HELP_SEARCH_SHARD_PAGES": "lots"},
        )
    lines = str(error.value).splitlines()
    assert lines[0].startswith("mkdocs.yml:1: extra.guide_devices.iphone: unknown device(s) iOS")
    assert lines[1] == "HELP_SEARCH_SHARD_PAGES='lots': expected a whole number of pages >= 1"


def test_the_build_stops_on_a_bad_option(build_copy):
    def misspell(project: Path) -> None:
        replace(project, "mkdocs.yml", "qr_guides: [iphone,", "qr_guides: [iphon,")

    build = build_copy(misspell)
    assert build.returncode != 0
    assert "mkdocs.yml:" in build.output and "did you mean iphone?" in build.output
