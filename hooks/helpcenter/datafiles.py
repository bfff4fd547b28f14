"""Reading the YAML data files strictly, with the line of every key, for editors' messages.

Every problem becomes one `DataError` naming the file and line, what was expected and how to
fix it (CONTRIBUTING.md): an editor reads it in a terminal or a CI log, never a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

PROJECT_DIR = Path(__file__).resolve().parents[2]

KeyPath = tuple[Any, ...]
Lines = dict[KeyPath, int]


class DataError(PluginError):
    """A mistake in a data file, worded for the editor who made it."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects a key given twice (PyYAML would silently keep the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first given on line {seen[key]}); keep only one",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice an editor most likely meant by `word`, or None: the one "did you mean" of the
    build and the checks, so both word the same mistake the same way."""
    found = difflib.get_close_matches(str(word), list(choices), n=1)
    return found[0] if found else None


def display_path(path: Path | str, project: Path = PROJECT_DIR) -> str:
    """The path as an editor sees it: relative to the project when it is inside it."""
    try:
        return Path(path).resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_yaml(path: Path, name: str | None = None) -> tuple[Any, Lines]:
    """Read a YAML file strictly; return the data and the line of every key and list item."""
    name = name or display_path(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError(f"{name}: file not found; it must exist (see CONTRIBUTING.md)") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"{name}:{line}: not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise DataError(f"{name}: the file is empty; expected the settings (see CONTRIBUTING.md)")
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{name}:{mark.line + 1}" if mark else name
        raise DataError(
            f"{where}: YAML syntax error: {error.problem or error.context or 'not valid YAML'}"
        ) from None
    except yaml.YAMLError as error:
        raise DataError(f"{name}: YAML syntax error: {error}") from None
    finally:
        loader.dispose()
    return data, key_lines(node)


def key_lines(node: yaml.Node | None, path: KeyPath = ()) -> Lines:
    """{key path: line} for every mapping key and list item below `node`."""
    lines = {path: node.start_mark.line + 1} if node is not None else {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            lines.update(key_lines(value_node, child))
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(key_lines(item, (*path, index)))
    return lines


def dotted(path: KeyPath) -> str:
    """`('servers', 'imap', 'ports', 0, 'port')` -> `servers.imap.ports[0].port`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "(top level)"


def describe(value: object) -> str:
    """A value as the editor's message names it (YAML's surprises explained)."""
    if isinstance(value, bool):
        return (
            f"{value} (YAML reads unquoted yes/no/on/off/true/false as a true/false value; "
            "put the word in quotes if you meant text)"
        )
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def raise_problems(name: str, problems: list[tuple[int, str, str]]) -> None:
    """One DataError for every (line, key, message), sorted by line: all mistakes at once."""
    if problems:
        raise DataError(
            "\n".join(
                f"{name}:{line}: {key}: {message}" for line, key, message in sorted(set(problems))
            )
        )
