"""MkDocs hook: the "last updated" date under each page, in the page's language (issue 6).

git is asked once per build, not once per page (helpcenter/dates.py); the date goes where
Material's partials/source-file.html reads it, `page.meta["git_revision_date_localized"]`,
the name the date plugin this replaces used. A page without history (new, uncommitted, a copy
without .git, no git) shows the build's date, and a shallow clone the oldest date it has: the
build says so once, at INFO, never as a warning, which `strict: true` would make a failure.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpcenter import context, dates

log = logging.getLogger("mkdocs.hooks.page_dates")
TEMPLATE = "page-date.html"  # overrides/partials/


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The first language of a build asks git; static-i18n's other languages share its answer."""
    site = context.of(config)
    if site.page_dates is None:
        site.page_dates = dates.build_dates(Path(config.docs_dir))
        for note in site.page_dates.notes:
            log.info(note)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The date in the language of the page's file (a fallback page keeps its own language)."""
    site = context.of(config)
    build = site.page_dates
    assert build is not None, "on_config sets it"
    source = page.file.abs_src_path and dates.docs_path(page.file.abs_src_path, config.docs_dir)
    day = build.days.get(source) if source else None
    if day is None:
        day = build.today
        if not build.undated_said:
            build.undated_said = True
            log.info(dates.NO_HISTORY)
    locale = getattr(page.file, "locale", None) or site.current.locale
    shown = build.shown.get((day, locale))
    if shown is None:
        template = site.templates.get_template(TEMPLATE)
        shown = template.render(iso=day.isoformat(), text=dates.date_text(day, locale))
        build.shown[(day, locale)] = shown
    page.meta["git_revision_date_localized"] = shown
    return markdown
