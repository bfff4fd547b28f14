"""YAML syntax errors as an editor's advice, at the line to change.

PyYAML says "expected <block end>, but found '<block mapping start>'"; an editor needs "the line
above says `redirects: {}` (empty); to add a redirect, write `redirects:` and indent each entry
by two spaces". `advice(name, text)` reads a data file and returns that one line, or None when
the file is valid YAML. Pure: the checks use it for every data file; the hooks may too.
"""

from __future__ import annotations

import re

import yaml

INDENT_HELP = "indent each level by two spaces, like the lines around it"


def advice(name: str, text: str, loader: type = yaml.SafeLoader) -> str | None:
    """`name:line: what is wrong; how to fix it` for the first syntax error, or None. `loader`:
    one that accepts the file's own tags (mkdocs.yml's !ENV)."""
    try:
        yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return _explain(name, text.split("\n"), error, mark.line if mark else 0)
    except yaml.YAMLError as error:
        return (
            f"{name}:1: not valid YAML ({error}); compare the file with its comments and examples"
        )
    return None


def _explain(name: str, lines: list[str], error: yaml.MarkedYAMLError, index: int) -> str:
    problem = error.problem or ""
    line = lines[index] if index < len(lines) else ""
    previous = _previous_content(lines, index)
    if "\t" in line or "'\\t'" in problem:
        return (
            f"{name}:{index + 1}: the line starts with a tab; YAML needs spaces: replace the tab with two spaces per "
            "level"
        )
    if previous is not None:
        above = lines[previous].split("#")[0].rstrip()
        empty = re.match(r"^(\s*)([^\s:#][^:]*):\s*(\{\}|\[\])$", above)
        if empty and _indent(line) > _indent(above):
            key, kind = empty[2].strip(), empty[3]
            entry = "entry" if kind == "{}" else "item (- ...)"
            return (
                f"{name}:{index + 1}: `{key}: {kind}` on line {previous + 1} says {key} is empty, so this line "
                "cannot be "
                f"part of it; to add to {key}, replace `{key}: {kind}` with `{key}:` and indent each {entry} by two "
                "spaces "
                "below it"
            )
    unclosed = _unclosed_quote(lines, index)
    if unclosed is not None:
        return (
            f"{name}:{unclosed + 1}: a quote opened on this line is never closed; end the text with the "
            "same quote (\" or ')"
        )
    if "scanning a quoted scalar" in (error.context or ""):
        start = error.context_mark.line + 1 if error.context_mark else index + 1
        return (
            f'{name}:{start}: a quote opened on this line is never closed; end the text with the same quote (" or '
            "')"
        )
    before = lines[previous].split("#")[0].strip() if previous is not None else ""
    if (
        problem.startswith(("mapping values are not allowed", "could not find expected ':'"))
        and previous is not None
        and before
        and ":" not in before
        and not before.startswith("- ")
    ):
        return (
            f"{name}:{previous + 1}: `{before}` is not `key: value`; put a colon and a space after the key, or remove "
            "the line"
        )
    if problem.startswith("mapping values are not allowed"):
        if (
            previous is not None
            and _indent(line) > _indent(lines[previous])
            and not lines[previous].rstrip().endswith(":")
        ):
            return (
                f"{name}:{index + 1}: this line is indented more than the line above, which has a value already; "
                f"{INDENT_HELP}"
            )
        if line.count(": ") > 1 or re.search(r":\s+[^\"'].*:\s", line):
            return f'{name}:{index + 1}: the value contains ": "; put it in quotes: key: "text: more text"'
        return f"{name}:{index + 1}: a line above is not `key: value` (a missing colon?); {INDENT_HELP}"
    if problem.startswith("could not find expected ':'"):
        return f"{name}:{index + 1}: a line here is not `key: value`; add the colon after the key, or quote the text"
    if "expected <block end>" in problem:
        if line.lstrip().startswith("- ") or (
            previous is not None and lines[previous].lstrip().startswith("- ")
        ):
            return f"{name}:{index + 1}: a list (- ...) and keys are mixed at the same indentation; {INDENT_HELP}"
        return f"{name}:{index + 1}: this line is indented differently from the lines of its section; {INDENT_HELP}"
    if (
        "found duplicate anchor" in problem
        or "found undefined alias" in problem
        or problem.startswith("found character '*'")
        or problem.startswith("found character '&'")
    ):
        return f'{name}:{index + 1}: text that starts with * or & must be in quotes: key: "*text"'
    return (
        f"{name}:{index + 1}: not valid YAML ({problem or error.context}); compare the line with its neighbours and "
        "the file's comments"
    )


def _unclosed_quote(lines: list[str], index: int) -> int | None:
    """The first line up to `index` whose value starts with a quote that the line does not close
    (a quoted value may go on over lines, and then the parser stops far below)."""
    for number, line in enumerate(lines[: index + 1]):
        value = re.match(r"^\s*(?:- )?(?:[^\s:#\"'][^:#]*:\s+)?(?P<quote>[\"'])(?P<rest>.*)$", line)
        if value and not line.lstrip().startswith("#"):
            quote = value["quote"]
            rest = value["rest"].replace("\\" + quote, "")
            if quote not in rest:
                return number
    return None


def _previous_content(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above that has content (not blank, not a comment)."""
    for number in range(index - 1, -1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return number
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
