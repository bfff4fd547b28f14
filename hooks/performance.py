"""MkDocs hook: keep the build quick and the pages small as the help center grows (issue 9).

- Material's templates are compiled once per `mkdocs build` or rebuild in `mkdocs serve`, not
  once per language: static-i18n builds every language with a fresh Jinja environment.
- The templates lose the blank lines and indentation they leave between tags when they are
  compiled, once (about 15 % of an article; more of the navigation), so no page's HTML is
  searched for them. What a reader sees does not change: a run of whitespace renders as one
  space, and a page's own text, where <pre> and <code> are, is a value the templates insert,
  never template text (no template of Material's or ours writes <pre> or <textarea>).
ARCHITECTURE.md, "Build performance", says why; PERFORMANCE.md has the figures (`make bench`).
"""

from __future__ import annotations

from collections.abc import Iterator

import jinja2
import jinja2.ext
from jinja2.lexer import Token, TokenStream
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


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


# Tags that write nothing themselves: a line holding only one of them can go. An include, a
# call or a block writes text where it stands, so the line break after it stays.
SILENT_TAGS = {"if", "elif", "else", "endif", "for", "endfor", "set", "endset", "import", "from"}
SILENT_TAGS |= {"macro", "endmacro", "with", "endwith", "extends"}


class CollapseBlankSpace(jinja2.ext.Extension):
    """Template text loses its blank lines and indentation as the template is compiled, and a
    line that holds only a silent tag goes with them (as Jinja's trim_blocks and lstrip_blocks
    would do, but for such lines only: a tag inside a line of text keeps its spaces)."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        line_start = True  # the template text so far ends with a line break
        tag_on_own_line = False
        previous = ""
        for token in stream:
            if token.type == "name" and previous == "block_begin":
                line_start = tag_on_own_line = line_start and token.value in SILENT_TAGS
            elif token.type == "data":
                value = collapse_blank_space(token.value)
                if tag_on_own_line and value.startswith("\n"):
                    value = value[1:]
                line_start = value.endswith("\n") or (not value and line_start)
                tag_on_own_line = False
                token = Token(token.lineno, "data", value)
            elif token.type == "variable_begin":
                line_start = tag_on_own_line = False
            previous = token.type
            yield token


_templates = MemoryBytecodeCache()


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Every language's build shares the templates the first one compiled, without blank space."""
    env.add_extension(CollapseBlankSpace)
    env.bytecode_cache = _templates
    return env


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def collapse_blank_space(text: str) -> str:
    """Each line break followed by more blank space (line breaks, indentation) becomes one."""
    lines = text.split("\n")
    kept = [lines[0]] + [line.lstrip() for line in lines[1:]]
    return "\n".join(line for index, line in enumerate(kept) if line or index in (0, len(kept) - 1))
