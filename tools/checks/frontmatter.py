"""Page metadata: every page starts with front matter that has a title and a description, in the
page's own language. The title names the page in the browser tab and the navigation; the
description is what search engines and the link catalog show.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tools.checks.pages import Page, find_pages, front_matter, site_languages

MAX_DESCRIPTION = 160
EXAMPLE = "---\\ntitle: ...\\ndescription: ...\\n---"


def check_frontmatter(project: Path) -> list[str]:
    languages = site_languages(project)
    names = {language.locale: language.name for language in languages}
    pages = find_pages(project, languages)
    descriptions: dict[str, dict[str, tuple[Page, str]]] = {}
    problems = []
    for page in pages:
        meta, page_problems = read_meta(page)
        problems += page_problems
        description = meta.get("description")
        if isinstance(description, str) and description.strip():
            descriptions.setdefault(page.key, {})[page.locale] = (page, description.strip())
    default = languages[0].locale
    for by_locale in descriptions.values():
        if default not in by_locale:
            continue
        source, text = by_locale[default]
        for locale, (page, description) in by_locale.items():
            if locale != default and description == text:
                problems.append(
                    f"{page.name}:{_line_of(page, 'description')}: the description is the same as in "
                    f"{source.name}; write it in {names[locale]}"
                )
    return problems


def read_meta(page: Page) -> tuple[dict, list[str]]:
    """The page's front matter as data, and what is wrong with it."""
    text = page.text
    lines, _ = front_matter(text)
    if lines is None:
        return {}, [
            f"{page.name}:1: the page has no front matter; start it with {EXAMPLE} "
            "(title and description in the page's language)"
        ]
    try:
        meta = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or "not valid YAML"
        return {}, [
            f"{page.name}:{line}: the front matter is not valid YAML ({problem}); "
            'put text with a colon in quotes, e.g. description: "...: ..."'
        ]
    if not isinstance(meta, dict):
        return {}, [f"{page.name}:2: the front matter must be keys and values; use {EXAMPLE}"]
    problems = []
    for key, purpose in (
        ("title", "the page's title"),
        (
            "description",
            "one or two sentences about the page (search engines and llms.txt show it)",
        ),
    ):
        value = meta.get(key)
        if value is None:
            problems.append(
                f"{page.name}:1: the front matter has no {key}; add {key}: {purpose}, in the page's language"
            )
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                f"{page.name}:{_line_of(page, key)}: the {key} is empty or not text; write {purpose}, "
                "in the page's language"
            )
    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > MAX_DESCRIPTION:
        problems.append(
            f"{page.name}:{_line_of(page, 'description')}: the description is {len(description.strip())} characters "
            f"long; shorten it to at most {MAX_DESCRIPTION} (search engines cut longer ones)"
        )
    return meta, problems


def _line_of(page: Page, key: str) -> int:
    for number, line in enumerate(page.text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
