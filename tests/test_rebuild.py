"""`make serve` reloads: MkDocs keeps the hook modules for the whole process and loads the
config again for every rebuild. An edit to a template of the hooks or to a data file shows on
the next rebuild, because the site context (and its one Jinja environment) is made anew from
each config (hooks/helpcenter/context.py), never kept in a module."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitebuild import PROJECT_DIR, copy_project


def rebuild(project: Path, site: Path) -> str:
    """What `mkdocs serve` does on a change: load the config again, build, in this process."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return (site / "index.html").read_text(encoding="utf-8") + (
        site / "en" / "index.html"
    ).read_text(encoding="utf-8")


def test_an_edited_settings_template_and_data_file_show_on_the_next_rebuild(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    before = rebuild(project, site)
    assert "Edited row" not in before

    table = project / "overrides" / "partials" / "settings" / "table.md"
    table.write_text(
        table.read_text(encoding="utf-8") + "| Edited row | {{ labels['table.port'] }} |\n",
        encoding="utf-8",
    )
    settings = project / "data" / "mail-settings.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "chat_url: https://", "chat_url: https://edited."
        ),
        encoding="utf-8",
    )
    after = rebuild(project, site)

    assert after.count("<td>Edited row</td>") >= 2 * 3, (
        "every settings table in both languages shows the edit"
    )
    assert "https://edited." in after


def test_serve_watches_the_data_files_and_the_hooks_templates():
    """`mkdocs serve` watches only docs/ and mkdocs.yml by itself (the theme only with
    --watch-theme): without these in mkdocs.yml's `watch:`, an edit would never reload."""
    config = load_config(config_file=str(PROJECT_DIR / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config.watch}
    assert {PROJECT_DIR / "data", PROJECT_DIR / "overrides"} <= watched
