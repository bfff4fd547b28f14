"""Words readers type that the pages do not use, per language: data/search-synonyms.yml.

Search expands a query with them in the reader's browser (the worker reads the language's
`synonyms.json` when the reader types), so "mejl" finds the pages about "e-post" without any
hidden words on the pages. Reviewed like labels: one section per language, each word a reader
types followed by the words the pages use. A language without a section has no synonyms.
"""

from __future__ import annotations

from pathlib import Path

from helpcenter.datafiles import PROJECT_DIR, DataError, display_path, load_yaml

SYNONYMS_FILE = PROJECT_DIR / "data" / "search-synonyms.yml"


def load(languages: list[str], path: Path = SYNONYMS_FILE) -> dict[str, dict[str, list[str]]]:
    """{locale: {reader's word: [words the pages use]}}, lower case, checked."""
    data, lines = load_yaml(path)
    return validate(data, lines, display_path(path), languages)


def validate(
    data, lines: dict[tuple, int], name: str, languages: list[str]
) -> dict[str, dict[str, list[str]]]:
    """Every section is a site language; every entry a single word with one or more words or
    phrases the pages use. Every problem is reported, each with its line."""
    if not isinstance(data, dict):
        raise DataError(
            f"{name}:1: expected one section per language ({', '.join(languages)}), each `word: [words the pages use]`"
        )
    problems, found = [], {}
    for language, entries in data.items():
        where = lines.get((language,), 1)
        if language not in languages:
            problems.append(
                f"{name}:{where}: {language}: not a language of the site ({', '.join(languages)}); "
                "fix the code or remove the section"
            )
            continue
        if not isinstance(entries, dict):
            problems.append(
                f"{name}:{where}: {language}: expected `word: [words the pages use]` lines under it"
            )
            continue
        found[language] = {}
        for word, targets in entries.items():
            line = lines.get((language, word), where)
            targets = [targets] if isinstance(targets, str) else targets
            if not isinstance(word, str) or not word.strip() or len(word.split()) != 1:
                problems.append(
                    f"{name}:{line}: {language}.{word}: a reader's word is one word; "
                    "write each word of a phrase on its own line"
                )
            elif (
                not isinstance(targets, list)
                or not targets
                or not all(isinstance(t, str) and t.strip() for t in targets)
            ):
                problems.append(
                    f"{name}:{line}: {language}.{word}: expected the words the pages use, e.g. `{word}: [e-post]`"
                )
            else:
                found[language][word.strip().lower()] = [t.strip().lower() for t in targets]
    if problems:
        raise DataError("\n".join(problems))
    return found
