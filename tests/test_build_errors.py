"""A bad data file or a bad marker stops `mkdocs build` with one clean message (no traceback),
and `make build` leaves the last good site where it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import PROJECT_DIR, copy_project


def edit_file(relative: str, old: str, new: str):
    def edit(project: Path):
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}; update the test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def test_a_bad_port_stops_the_build_with_the_files_line_and_no_traceback(build_copy):
    build = build_copy(edit_file("data/mail-settings.yml", "port: 465", "port: 70000"))
    assert build.returncode != 0
    assert "data/mail-settings.yml:" in build.output
    assert "servers.smtp.ports[0].port: expected an integer 1-65535, got 70000" in build.output
    assert "Traceback" not in build.output


def test_a_missing_label_stops_the_build(build_copy):
    build = build_copy(edit_file("data/labels.yml", "    host: Server (host name)\n", ""))
    assert build.returncode != 0
    assert "data/labels.yml:" in build.output and ".table.host: missing label" in build.output
    assert "Traceback" not in build.output


def test_an_unknown_marker_stops_the_build_with_the_page_and_line(build_copy, languages):
    page = f"docs/index.{languages[1]['locale']}.md"  # a translation: the message names its file
    build = build_copy(
        edit_file(page, "<!-- settings:table smtp -->", "<!-- settings:tabel smtp -->")
    )
    assert build.returncode != 0
    line = (build.project / page).read_text(encoding="utf-8").split("\n").index(
        "<!-- settings:tabel smtp -->"
    ) + 1
    assert f"{page}:{line}: unknown marker kind 'tabel'" in build.output
    assert "Traceback" not in build.output


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "tools").mkdir()
    for name in ("__init__.py", "build_site.py"):
        (project / "tools" / name).write_text(
            (PROJECT_DIR / "tools" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    shutil.copytree(
        PROJECT_DIR / "tools" / "kit",
        project / "tools" / "kit",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    settings = project / "data" / "mail-settings.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("port: 993", "port: abc", 1), encoding="utf-8"
    )

    failed = subprocess.run(
        [sys.executable, "-m", "tools.build_site"], cwd=project, capture_output=True, text=True
    )
    assert failed.returncode != 0
    assert "expected an integer 1-65535, got 'abc'" in failed.stdout + failed.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-build-")] == []

    settings.write_text(
        settings.read_text(encoding="utf-8").replace("port: abc", "port: 993", 1), encoding="utf-8"
    )
    rebuilt = subprocess.run(
        [sys.executable, "-m", "tools.build_site"], cwd=project, capture_output=True, text=True
    )
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert "last good site" not in (site / "index.html").read_text(encoding="utf-8")
