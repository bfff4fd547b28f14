"""MkDocs hook: keep the build quick and the pages small as the help center grows (issue 9).

- Material's templates are compiled once per `mkdocs build` or rebuild in `mkdocs serve`, not
  once per language: static-i18n builds every language with a fresh Jinja environment.
- Each page's HTML loses the blank lines and indentation the templates leave between tags
  (about 15 % of an article; more of the navigation). What a reader sees does not change:
  a run of whitespace renders as one space, and <pre>, <code>, <textarea>, <script> and
  <style> are left exactly as they are.
ARCHITECTURE.md, "Build performance", says why; PERFORMANCE.md has the figures (`make bench`).
"""

from __future__ import annotations

import re

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Elements that show their whitespace as it is: kept whole.
_KEPT = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
# A line break and the blank space after it (more line breaks, indentation).
_BLANK = re.compile(r"\n\s+")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each one against its source's checksum."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_templates = MemoryBytecodeCache()


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Every language's build shares the templates the first one compiled."""
    env.bytecode_cache = _templates
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return collapse_blank_space(output)


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def collapse_blank_space(html: str) -> str:
    """Each line break followed by more blank space becomes one line break, outside the
    elements that show whitespace as it is."""
    parts, start = [], 0
    for kept in _KEPT.finditer(html):
        parts += [_BLANK.sub("\n", html[start : kept.start()]), kept[0]]
        start = kept.end()
    parts.append(_BLANK.sub("\n", html[start:]))
    return "".join(parts)
