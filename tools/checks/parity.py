"""Translation parity: every page exists in every complete language, and each translation (in a
partial language too) has the same heading ids, settings markers, internal links and numbered
steps as the page in the default language (the languages come from mkdocs.yml; which must be
complete: `is_complete()` in tools/checks/pages.py).

Numbered steps are ordered list items ("1. Open Settings"), counted per section (the part under
one heading id), so a step missing from a translation is reported in the section it is missing
from. `{#step-N}` headings are compared with the other heading ids.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from tools.checks.pages import (
    Page,
    find_pages,
    headings,
    internal_links,
    is_complete,
    markers,
    ordered_items,
    site_languages,
    translation_name,
)
from tools.checks.structure import structure_problems


def check_parity(project: Path) -> list[str]:
    languages = site_languages(project)
    default, others = languages[0], [language for language in languages[1:] if language.build]
    versions: dict[str, dict[str, Page]] = defaultdict(dict)
    for page in find_pages(project, languages):
        versions[page.key][page.locale] = page
    problems = structure_problems(project)
    invalid = pages_with_invalid_markers(project)
    for key, by_locale in sorted(versions.items()):
        for page in by_locale.values():
            problems += headings_without_id(
                page, [other for other in by_locale.values() if other is not page]
            )
        source = by_locale.get(default.locale)
        if source is None:
            expected = translation_name(key, default, project)
            for page in by_locale.values():
                problems.append(
                    f"{page.name}:1: {page.name} is a translation of {expected}, which does not exist; "
                    f"add the {default.name} page {expected}, or rename this file to match its page"
                )
            continue
        for language in others:
            translation = by_locale.get(language.locale)
            if translation is None and not is_complete(language):
                continue  # a partial language shows the default language's page, with a banner
            if translation is None:
                expected = translation_name(key, language, project)
                problems.append(
                    f"{source.name}:1: {source.name} has no {language.name} version {expected}; "
                    f"add it (copy {source.name} to {expected} and translate it)"
                )
                continue
            problems += compare(
                source, translation, skip_markers=bool({source.name, translation.name} & invalid)
            )
    return problems


def headings_without_id(page: Page, translations: list[Page]) -> list[str]:
    """A section heading without an explicit id gets a slug of its text, which differs per language.
    The message names the id it must have: the id of the same heading in another language, or
    one made from its text (step-N for a step)."""
    own = [heading for heading in headings(page.text) if heading.level > 1]
    problems = []
    for index, heading in enumerate(own):
        if heading.id is not None:
            continue
        wanted = _id_elsewhere(own, index, translations) or suggested_id(heading.text)
        problems.append(
            f'{page.name}:{heading.line}: the heading "{heading.text}" has no id; end it with {{#{wanted}}} '
            "(the same id in every language), so links to it work in every language"
        )
    return problems


def _id_elsewhere(own: list, index: int, translations: list[Page]) -> str | None:
    """The id the same heading has in another language: the one at the same place among
    headings of the same level, when both pages have as many headings."""
    for other in translations:
        theirs = [heading for heading in headings(other.text) if heading.level > 1]
        if len(theirs) == len(own) and theirs[index].id and theirs[index].level == own[index].level:
            return theirs[index].id
    return None


def suggested_id(text: str) -> str:
    """`Steg 2: Fyll i servrarna` -> step-2; otherwise the heading's words, lower case, with -."""
    step = re.match(r"(?i)^(?:steg|step|schritt|vaihe)\s+(\d+)\b", text)
    if step:
        return f"step-{step[1]}"
    words = re.findall(r"[a-z0-9]+", text.lower().translate(str.maketrans("åäöéü", "aaoeu")))
    return "-".join(words[:5]) or "section"


def pages_with_invalid_markers(project: Path) -> set[str]:
    """Pages with a marker the markers check reports: their markers are not compared, so the
    misspelt marker is one message (the markers check's), not a mirror line per language."""
    from tools.checks.data import marker_problems

    return {page_name for page_name, _ in marker_problems(project)}


def compare(source: Page, translation: Page, skip_markers: bool = False) -> list[str]:
    """What differs between a page and one translation of it. A page with a heading without an
    id has its headings and steps compared only once every heading has its id (that check's
    message comes first; comparing before would repeat the same mistake in other words)."""
    source_text, translation_text = source.text, translation.text
    ids_complete = all(
        h.id for h in headings(source_text) + headings(translation_text) if h.level > 1
    )
    problems = []
    if ids_complete:
        problems += _compare_items(
            "heading",
            [(h.line, f"{{#{h.id}}}") for h in headings(source_text) if h.id],
            [(h.line, f"{{#{h.id}}}") for h in headings(translation_text) if h.id],
            source,
            translation,
        )
    if not skip_markers:
        problems += _compare_items(
            "marker", markers(source_text), markers(translation_text), source, translation
        )
    problems += _compare_items(
        "link to",
        internal_links(source_text),
        internal_links(translation_text),
        source,
        translation,
    )
    if ids_complete:
        problems += _compare_steps(source, translation, source_text, translation_text)
    return problems


def _compare_items(
    what: str, source_items, translation_items, source: Page, translation: Page
) -> list[str]:
    """Compare two lists of (line, item) as multisets; one message per item that differs."""
    source_counts = Counter(item for _, item in source_items)
    translation_counts = Counter(item for _, item in translation_items)
    source_lines = {item: line for line, item in reversed(source_items)}
    translation_lines = {item: line for line, item in reversed(translation_items)}
    problems = []
    for item in list(dict.fromkeys([*source_counts, *translation_counts])):
        in_source, in_translation = source_counts[item], translation_counts[item]
        if in_source == in_translation:
            continue
        if not in_translation:
            problems.append(
                f"{source.name}:{source_lines[item]}: {translation.name} has no {what} {item}, which "
                f"{source.name} has; add it to {translation.name} too, or remove it from every language"
            )
        elif not in_source:
            problems.append(
                f"{translation.name}:{translation_lines[item]}: {source.name} has no {what} {item}, which "
                f"{translation.name} has; add it to {source.name} too, or remove it from every language"
            )
        else:
            problems.append(
                f"{translation.name}:{translation_lines[item]}: {translation.name} has the {what} {item} "
                f"{in_translation} times, {source.name} {in_source} times; use it the same number of times "
                "in every language"
            )
    return problems


def _compare_steps(
    source: Page, translation: Page, source_text: str, translation_text: str
) -> list[str]:
    source_steps, translation_steps = (
        _steps_by_section(source_text),
        _steps_by_section(translation_text),
    )
    problems = []
    for section in source_steps.keys() & translation_steps.keys():
        (source_line, in_source), (translation_line, in_translation) = (
            source_steps[section],
            translation_steps[section],
        )
        if in_source != in_translation:
            where = f"under {{#{section}}}" if section else "before the first heading with an id"
            problems.append(
                f"{translation.name}:{translation_line}: {translation.name} has {in_translation} numbered steps "
                f"{where}, {source.name} has {in_source} (line {source_line}); number the same steps in "
                "every language"
            )
    source_total = sum(count for _, count in source_steps.values())
    translation_total = sum(count for _, count in translation_steps.values())
    if not problems and source_total != translation_total:
        problems.append(
            f"{translation.name}:1: {translation.name} has {translation_total} numbered steps, {source.name} "
            f"has {source_total}; number the same steps in every language"
        )
    return sorted(problems, key=lambda problem: int(problem.split(":")[1]))


def _steps_by_section(text: str) -> dict[str | None, tuple[int, int]]:
    """Numbered steps per section: {heading id: (line of the section's first step, count)}."""
    starts = [(h.line, h.id) for h in headings(text) if h.id]
    steps: dict[str | None, tuple[int, int]] = {}
    for line in ordered_items(text):
        section = next((heading_id for start, heading_id in reversed(starts) if start < line), None)
        first, count = steps.get(section, (line, 0))
        steps[section] = (first, count + 1)
    return steps
