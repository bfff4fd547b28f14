"""data/problems.yml and the guides' troubleshooting sections: one id per problem everywhere.

A problem's id is the problems hub's section (docs/problems.md), a guide's troubleshooting
sub-section and its short link. The hub finds the guides that have a section for a problem by
their headings, so a new guide needs only the right ids; an id the data does not know, or an
error text that points at a section no guide has, fails the build and `make check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpcenter.datafiles import PROJECT_DIR, DataError, display_path, load_yaml, raise_problems

PROBLEMS_FILE = PROJECT_DIR / "data" / "problems.yml"
GUIDES = "guides"
HUB = "problems.md"
# Front matter is read as MkDocs reads it, with libyaml's loader where PyYAML has it: every
# guide's is read in on_config, and the pure-Python loader took 3.6 s at 1000 articles.
FRONT_MATTER_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
H2 = re.compile(r"^##\s+.*\{#(?P<id>[\w-]+)\}\s*$")
H3 = re.compile(r"^###\s+.*\{#(?P<id>[\w-]+)\}\s*$")
TROUBLESHOOTING = "troubleshooting"


@dataclass(frozen=True)
class Problems:
    """The problems' reader words and error texts, and which guides have a section for each."""

    words: dict[str, dict[str, list[str]]]  # id -> locale -> the reader's words
    errors: list[dict[str, Any]]  # app, problem, guide, source, and a text per locale
    sections: dict[str, list[str]] = field(default_factory=dict)  # id -> guide files (stems)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # locale -> stem -> title


def load_problems(
    docs_dir: Path, locales: list[str], path: Path = PROBLEMS_FILE, name: str | None = None
) -> Problems:
    """The validated problems, with the guides' sections found in `docs_dir`."""
    name = name or display_path(path)
    data, lines = load_yaml(path, name)
    if not isinstance(data, dict) or set(data) != {"problems", "errors"}:
        raise DataError(f"{name}:1: expected the two keys problems: and errors:")
    found: list[tuple[int, str, str]] = []
    words = data["problems"] or {}
    for problem, per_language in words.items():
        if not isinstance(per_language, dict) or not all(
            isinstance(w, list) and all(isinstance(x, str) for x in w)
            for w in per_language.values()
        ):
            found.append(
                (
                    lines.get(("problems", problem), 1),
                    f"problems.{problem}",
                    "expected, per language, a list of the reader's words",
                )
            )
    guides = troubleshooting_ids(docs_dir)
    for index, error in enumerate(data["errors"] or []):
        key, line = f"errors[{index}]", lines.get(("errors", index), 1)
        missing = {"app", "problem", "guide", "source"} - set(error)
        if missing:
            found.append((line, key, f"missing {', '.join(sorted(missing))}"))
            continue
        if error["problem"] not in words:
            found.append(
                (
                    line,
                    f"{key}.problem",
                    f"unknown problem {error['problem']!r}; use one of: {', '.join(words)}",
                )
            )
        stem, _, section = str(error["guide"]).removeprefix(f"{GUIDES}/").partition(".md#")
        if section not in guides.get(stem, {}):
            found.append(
                (
                    line,
                    f"{key}.guide",
                    f"{error['guide']!r} is no troubleshooting "
                    "section of a guide; write it like guides/iphone.md#sending-fails, with an id "
                    "under that guide's troubleshooting",
                )
            )
        if not set(error) - {"app", "problem", "guide", "source"}:
            found.append((line, key, 'give the text in at least one language (sv: "…")'))
    raise_problems(name, found)
    sections: dict[str, list[str]] = {problem: [] for problem in words}
    for stem, ids in sorted(guides.items()):
        for problem in ids:
            if problem in sections:
                sections[problem].append(stem)
    return Problems(words, list(data["errors"] or []), sections, guide_titles(docs_dir, locales))


def problem_ids(path: Path = PROBLEMS_FILE) -> list[str]:
    """The problem ids, for the marker registry's arguments (validated by load_problems)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("problems") or {}) if isinstance(data, dict) else []


def troubleshooting_sections(markdown: str) -> list[tuple[int, str]]:
    """(line, id) of each `### … {#id}` under `## … {#troubleshooting}`."""
    found, inside = [], False
    for number, line in enumerate(markdown.split("\n"), start=1):
        h2 = H2.match(line)
        if h2 or line.startswith("## "):
            inside = bool(h2) and h2["id"] == TROUBLESHOOTING
        elif inside and (h3 := H3.match(line)):
            found.append((number, h3["id"]))
    return found


def troubleshooting_ids(docs_dir: Path) -> dict[str, dict[str, int]]:
    """Per guide of the default language, by file name without .md: {id: line}."""
    return {
        path.stem: {id_: line for line, id_ in troubleshooting_sections(_read(path))}
        for path in sorted((docs_dir / GUIDES).glob("*.md"))
        if "." not in path.stem
    }


def check_guides(docs_dir: Path, known: list[str]) -> list[str]:
    """`docs/FILE:LINE: …` for each troubleshooting id, in any language, the data does not know,
    and for each problem the hub of a language has no section for."""
    found = []
    for path in sorted((docs_dir / GUIDES).glob("*.md")):
        for line, id_ in troubleshooting_sections(_read(path)):
            if id_ not in known:
                found.append(
                    f"docs/{GUIDES}/{path.name}:{line}: troubleshooting section '{{#{id_}}}' is no "
                    f"problem in data/problems.yml; use one of: {', '.join(known)} (or add the "
                    "problem there and to docs/problems.md)"
                )
    for hub in sorted(docs_dir.glob("problems*.md")):
        ids = {m["id"] for m in map(H2.match, _read(hub).split("\n")) if m}
        for problem in known:
            if problem not in ids:
                found.append(
                    f"docs/{hub.name}:1: no section '## … {{#{problem}}}' for this problem"
                )
    return found


def guide_titles(docs_dir: Path, locales: list[str]) -> dict[str, dict[str, str]]:
    """locale -> guide stem -> its front matter title, in that language where translated."""
    titles: dict[str, dict[str, str]] = {}
    for index, locale in enumerate(locales):
        for path in sorted((docs_dir / GUIDES).glob("*.md")):
            if "." in path.stem:
                continue
            translated = path.with_name(f"{path.stem}.{locale}.md")
            source = translated if index and translated.exists() else path
            titles.setdefault(locale, {})[path.stem] = _title(source)
    return titles


def _title(path: Path) -> str:
    text = _read(path)
    if text.startswith("---\n"):
        meta = yaml.load(text[4 : text.index("\n---", 4)], Loader=FRONT_MATTER_LOADER) or {}
        return str(meta.get("title", path.stem))
    return path.stem


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")
