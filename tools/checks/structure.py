"""The parts every page must have, as the tests of the built site expect them (part of the parity
check): the overview shows each server's settings table under its heading (`{#imap-settings}`),
and every guide, article and the overview end with the support section and its marker.

A part missing from one language only is the parity check's message (the other language has
it); these messages are for a part that no language of the page has.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from helpcenter.datafiles import DataError
from helpcenter.mailsettings import load_settings
from tools.checks.pages import Page, find_pages, headings, markers, site_languages

SUPPORT = "<!-- settings:support -->"
OVERVIEW = "index.md"
HOW = 'CONTRIBUTING.md, "Add a page"'


def structure_problems(project: Path) -> list[str]:
    languages = site_languages(project)
    versions: dict[str, list[Page]] = defaultdict(list)
    for page in find_pages(project, languages):
        versions[page.key].append(page)
    default = languages[0].locale
    problems = []
    for key, pages in sorted(versions.items()):
        source = next((page for page in pages if page.locale == default), None)
        if source is None:
            continue  # parity says which page is missing
        if not any(SUPPORT in (marker for _, marker in markers(page.text)) for page in pages):
            last = len(source.text.rstrip("\n").split("\n"))
            problems.append(
                f"{source.name}:{last}: the page does not end with the support section; add "
                "`## Behöver du hjälp? {#support}` (in English `## Need help? {#support}`) and "
                f"{SUPPORT} on its own line below it, in every language ({HOW})"
            )
        if key == OVERVIEW:
            problems += _tables_missing(project, source, pages)
    return problems


def _tables_missing(project: Path, source: Page, pages: list[Page]) -> list[str]:
    """The overview's settings table of each server in the data file, under `{#SERVER-settings}`."""
    try:
        servers = load_settings(project / "data" / "mail-settings.yml")["servers"]
    except DataError:
        return []  # the data check reports it
    problems = []
    for server in servers:
        heading = next((h for h in headings(source.text) if h.id == f"{server}-settings"), None)
        if heading is None:
            continue  # a published heading id gone: the links check reports it
        wanted = f"<!-- settings:table {server} -->"
        if not any(wanted in _section_markers(page, f"{server}-settings") for page in pages):
            problems.append(
                f"{source.name}:{heading.line}: the section {{#{server}-settings}} has no settings table; add "
                f"{wanted} on its own line below the heading, in every language"
            )
    return problems


def _section_markers(page: Page, section: str) -> list[str]:
    """The markers between the heading with id `section` and the next heading."""
    text = page.text
    found = [h for h in headings(text) if h.level > 1]
    start = next((h.line for h in found if h.id == section), None)
    if start is None:
        return []
    end = next((h.line for h in found if h.line > start), 10**9)
    return [marker for line, marker in markers(text) if start < line < end]
