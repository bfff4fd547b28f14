"""What the checks read: the site's languages (from mkdocs.yml) and its pages, split into the
parts the checks compare (front matter, headings, links, markers, numbered steps).

Small pure helpers over text, so every check reads Markdown the same way.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

# The settings hook's own marker pattern, so the checks see exactly the markers the build sees;
# the build's own languages.
from tools.checks.hooks import FENCE, MARKER, Language, configured_languages

HEADING = re.compile(r"^\s*(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
ATTRIBUTES = re.compile(r"\s*\{\s*(?P<attributes>[^{}]*)\}\s*$")
HEADING_ID = re.compile(r"(?:^|\s)#(?P<id>[A-Za-z][\w-]*)")
# [text](target "title") and ![alt](target); [label]: target (a reference definition).
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]+)>?")
CODE_SPAN = re.compile(r"(`+).+?\1")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# "1. Open Settings" (also inside tabs and admonitions, which are indented).
ORDERED_ITEM = re.compile(r"^\s*\d{1,3}[.)]\s+\S")


class Warn(str):
    """A problem that is reported but does not fail `make check` (a review getting old)."""


# --------------------------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------------------------


def mkdocs_config(project: Path) -> MkDocsConfig:
    """mkdocs.yml as the build loads it: MkDocs' own loader (its !ENV tags, its defaults).
    Loaded again only when the file changes (the checks ask for it once per page); read only."""
    path = project / "mkdocs.yml"
    stat = path.stat()
    return _load(str(path), stat.st_mtime_ns, stat.st_size, os.environ.get("HELP_LANGUAGE"))


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int, size: int, help_language: str | None) -> MkDocsConfig:
    return load_config(config_file=path)


def site_languages(project: Path) -> list[Language]:
    """The languages of plugins > i18n > languages in mkdocs.yml, the default one first, with
    their URL prefixes, as the build reads them (helpcenter.languages); also a language the
    site does not build (`build: false`), whose pages' file names still say their language."""
    return list(configured_languages(mkdocs_config(project)))


def is_complete(language: Language) -> bool:
    """Whether every page must exist in this language: the one place that decides.

    Every language the site builds is complete unless its entry under plugins > i18n >
    languages in mkdocs.yml says `extra: {complete: false}` (only `false` makes it partial, so
    a typo errs on the strict side). The default language is always complete. A partial
    language may lack pages (the site shows them in the default language, with a banner);
    the pages it has are checked like any other translation (LANGUAGES.md)."""
    return language.build and (language.default or language.complete)


def docs_dir(project: Path) -> Path:
    """The pages' folder (MkDocs makes it absolute; here it is below `project` as given)."""
    config = mkdocs_config(project)
    return project / os.path.relpath(config.docs_dir, Path(config.config_file_path).parent)


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    path: Path  # the file
    name: str  # as editors see it: docs/guides/iphone.<locale>.md
    key: str  # the page in every language: guides/iphone.md
    locale: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8-sig")


def find_pages(project: Path, languages: list[Language]) -> list[Page]:
    """Every Markdown page under docs/, with its language from the file name's suffix."""
    docs = docs_dir(project)
    default = languages[0].locale
    locales = {language.locale for language in languages}
    pages = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        stem, _, suffix = relative[: -len(".md")].rpartition(".")
        if stem and "/" not in suffix and suffix in locales:
            key, locale = f"{stem}.md", suffix
        else:
            key, locale = relative, default
        pages.append(Page(path, path.relative_to(project).as_posix(), key, locale))
    return pages


def translation_name(page_key: str, language: Language, project: Path) -> str:
    """Where the page's file in this language is: guides/iphone.md -> docs/guides/iphone.<locale>.md."""
    docs = docs_dir(project).relative_to(project).as_posix()
    if language.default:
        return f"{docs}/{page_key}"
    return f"{docs}/{page_key[: -len('.md')]}.{language.locale}.md"


# --------------------------------------------------------------------------------------------
# Markdown, read the way the checks need it
# --------------------------------------------------------------------------------------------


def front_matter(text: str) -> tuple[list[str] | None, int]:
    """The front matter's lines (None if the page has none) and the index of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return lines[1:index], index + 1
    return None, 0


def body_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the page's Markdown: front matter and fenced code left out."""
    _, start = front_matter(text)
    found, in_fence = [], False
    for index, line in enumerate(text.split("\n")[start:], start=start + 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            found.append((index, line))
    return found


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str
    id: str | None


def headings(text: str) -> list[Heading]:
    found = []
    for number, line in body_lines(text):
        match = HEADING.match(line)
        if not match:
            continue
        title, heading_id = match["text"], None
        attributes = ATTRIBUTES.search(title)
        if attributes:
            title = title[: attributes.start()]
            id_match = HEADING_ID.search(attributes["attributes"])
            heading_id = id_match["id"] if id_match else None
        found.append(Heading(number, len(match["hashes"]), title.strip(), heading_id))
    return found


def internal_links(text: str) -> list[tuple[int, str]]:
    """(line, target) of every link to a page or anchor of this site (no scheme, no //host)."""
    found = []
    for number, line in body_lines(text):
        line = CODE_SPAN.sub("", line)
        targets = [match["target"] for match in INLINE_LINK.finditer(line)]
        reference = REFERENCE_LINK.match(line)
        if reference:
            targets.append(reference["target"])
        for target in targets:
            if target and not SCHEME.match(target) and not target.startswith("//"):
                found.append((number, target.removeprefix("./")))
    return found


def markers(text: str) -> list[tuple[int, str]]:
    """(line, normalized marker) for every marker, e.g. `<!-- settings:value imap.host -->`."""
    found = []
    for number, line in body_lines(text):
        for match in MARKER.finditer(line):
            argument = f" {match['argument']}" if match["argument"] else ""
            found.append((number, f"<!-- {match['prefix']}:{match['kind']}{argument} -->"))
    return found


def ordered_items(text: str) -> list[int]:
    """Lines of numbered steps: ordered list items ("1. Open Settings")."""
    return [number for number, line in body_lines(text) if ORDERED_ITEM.match(line)]
