"""Load and validate the help center's data files: data/mail-settings.yml and data/labels.yml.

Pure helpers, shared by the MkDocs hooks, the tools and the tests. Every problem becomes one
`DataError` that names the file, the line and the key, says what was expected and how to fix it.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import jsonschema
import yaml
from mkdocs.exceptions import PluginError

PROJECT_DIR = Path(__file__).resolve().parent.parent
SETTINGS_FILE = PROJECT_DIR / "data" / "mail-settings.yml"
LABELS_FILE = PROJECT_DIR / "data" / "labels.yml"
SETTINGS_SCHEMA_FILE = PROJECT_DIR / "data" / "mail-settings.schema.json"

SERVER_KEYS = ("imap", "smtp", "pop3")

# Every label the hook and its templates use, per language. A language without one of these
# fails the build; a key not listed here is a typo and fails it too.
LABEL_KEYS = (
    "table.setting",
    "table.value",
    "table.type",
    "table.host",
    "table.port",
    "table.security",
    "table.authentication",
    "table.username",
    "table.password",
    "protocol.imap",
    "protocol.smtp",
    "protocol.pop3",
    "security.ssl",
    "security.starttls",
    "security.none",
    "port_with_security",
    "port_separator",
    "authentication.password",
    "authentication.encrypted_password",
    "username.email_address",
    "example_address",
    "password",
    "support",
    "support_chat",
    # hooks/setup_files.py: the Apple profile's names and the download button.
    "profile.name",
    "profile.description",
    "profile.download",
    # hooks/links.py: copy buttons, short-link and redirect pages, the 404 page.
    "links.copy_link",
    "links.copy_value",
    "links.copied",
    "links.moved",
    "links.not_found.title",
    "links.not_found.text",
    "links.not_found.search",
    "links.not_found.overview",
    # hooks/search.py and overrides/ (issue 7): the footer's privacy line and credit; the word
    # endings search strips from a query ("inställningarna" -> "inställning*").
    "reader.privacy",
    "reader.made_with",
    "reader.search_endings",
    # hooks/fallback_pages.py: the banner on a page a partial language has not translated yet;
    # "{language}" is the default language's name from mkdocs.yml.
    "languages.not_translated",
)


class DataError(PluginError):
    """A mistake in a data file, worded for the editor who made it."""


# --------------------------------------------------------------------------------------------
# YAML that refuses duplicate keys and remembers lines
# --------------------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects a key given twice (PyYAML would silently keep the last one)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
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


def display_path(path: Path) -> str:
    """The path as an editor sees it: relative to the project when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def load_yaml(path: Path) -> tuple[object, dict[tuple, int]]:
    """Read a YAML file strictly; return the data and the line of every key and list item."""
    name = display_path(path)
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
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise DataError(f"{name}: the file is empty; expected the settings (see CONTRIBUTING.md)")
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = error.problem or error.context or "not valid YAML"
        raise DataError(f"{where}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise DataError(f"{name}: YAML syntax error: {error}") from None
    finally:
        loader.dispose()
    return data, _key_lines(node)


def _key_lines(node, path=()) -> dict[tuple, int]:
    lines = {path: node.start_mark.line + 1} if node is not None else {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = path + (key_node.value,)
            lines.update(_key_lines(value_node, child))
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_key_lines(item, path + (index,)))
    return lines


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def dotted(path) -> str:
    """`('servers', 'imap', 'ports', 0, 'port')` -> `servers.imap.ports[0].port`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "(top level)"


def _describe(value) -> str:
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


def _schema_error_message(error: jsonschema.ValidationError) -> tuple[tuple, str]:
    """Turn one jsonschema error into (path, editor's message)."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return path, f"missing required key {missing!r}; add it (see CONTRIBUTING.md)"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        key = unknown[0]
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
        return path + (key,), f"unknown key {key!r}; {hint}"
    expected = error.schema.get("description")
    if expected:
        return path, f"expected {expected}, got {_describe(error.instance)}"
    return path, error.message


def validate_settings(data, lines: dict[tuple, int], name: str) -> dict:
    """Check the settings against data/mail-settings.schema.json; raise one DataError for all."""
    schema = json.loads(SETTINGS_SCHEMA_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise DataError(f"{name}: expected a mapping of keys (provider, support, ...), got {_describe(data)}")
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in validator.iter_errors(data):
        path, message = _schema_error_message(error)
        problems.append((lines.get(path, lines.get(path[:-1], 1)), dotted(path), message))
    for server in SERVER_KEYS:
        ports = [p.get("port") for p in data.get("servers", {}).get(server, {}).get("ports", []) if isinstance(p, dict)]
        for index, port in enumerate(ports):
            if port in ports[:index]:
                path = ("servers", server, "ports", index, "port")
                problems.append((lines.get(path, 1), dotted(path), f"port {port} is listed twice; keep one"))
    if problems:
        problems.sort()
        raise DataError("\n".join(f"{name}:{line}: {key}: {message}" for line, key, message in problems))
    return data


def validate_labels(data, lines: dict[tuple, int], name: str, languages: list[str]) -> dict:
    """Every language of the site has every label, as text; nothing unknown."""
    if not isinstance(data, dict):
        raise DataError(f"{name}: expected one mapping per language ({', '.join(languages)}), got {_describe(data)}")
    problems = []
    for language in languages:
        if language not in data:
            problems.append((1, language, f"language {language!r} has no labels; add a {language}: section with every key that the other languages have (copy the {languages[0]}: section and translate it)"))
            continue
        found = _flatten(data[language])
        for key in LABEL_KEYS:
            path = (language, *key.split("."))
            value = found.get(key)
            if value is None:
                where = lines.get(path[:-1], lines.get((language,), 1))
                problems.append((where, f"{language}.{key}", f"missing label in language {language!r}; add {key} under {language}:{_wording(data, languages[0], key)}"))
            elif not isinstance(value, str) or not value.strip():
                problems.append((lines.get(path, 1), f"{language}.{key}", f"expected non-empty text, got {_describe(value)}"))
        for key in sorted(set(found) - set(LABEL_KEYS)):
            close = difflib.get_close_matches(key, LABEL_KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            path = (language, *key.split("."))
            problems.append((lines.get(path, 1), f"{language}.{key}", f"unknown label{hint}"))
    if problems:
        problems.sort()
        raise DataError("\n".join(f"{name}:{line}: {key}: {message}" for line, key, message in problems))
    return {language: _flatten(data[language]) for language in languages}


def _wording(data: dict, language: str, key: str) -> str:
    """' (in {language}: '...')': the label in another language, for the translator."""
    value = _flatten(data.get(language)).get(key) if isinstance(data.get(language), dict) else None
    return f" (in {language}: {value!r})" if isinstance(value, str) else " (the other languages show the wording)"


def _flatten(mapping, prefix="") -> dict[str, object]:
    if not isinstance(mapping, dict):
        return {prefix.rstrip("."): mapping} if prefix else {}
    flat = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def load_settings(path: Path = SETTINGS_FILE) -> dict:
    """The validated contents of data/mail-settings.yml."""
    data, lines = load_yaml(path)
    return validate_settings(data, lines, display_path(path))


def load_labels(languages: list[str], path: Path = LABELS_FILE) -> dict[str, dict[str, str]]:
    """Labels per language, flattened to dotted keys (`table.host`), checked complete."""
    data, lines = load_yaml(path)
    return validate_labels(data, lines, display_path(path), languages)


def building_language(config) -> str:
    """The language this build is for: static-i18n builds one language after the other."""
    i18n = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    return getattr(i18n, "current_language", None) or site_languages(config)[0]


def site_languages(config) -> list[str]:
    """The site's languages from mkdocs.yml, the default language first."""
    i18n = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    if i18n is None:
        return [config.theme["language"]]
    languages = [lang for lang in i18n.config.languages if lang.build and lang.locale != "null"]
    languages.sort(key=lambda lang: not lang.default)
    return [lang.locale for lang in languages]
