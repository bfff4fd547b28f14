"""data/mail-settings.yml: the one source of every server fact, checked against its schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from helpcenter.datafiles import (
    PROJECT_DIR,
    DataError,
    Lines,
    closest,
    describe,
    display_path,
    dotted,
    load_yaml,
    raise_problems,
)

SETTINGS_FILE = PROJECT_DIR / "data" / "mail-settings.yml"
SETTINGS_SCHEMA_FILE = PROJECT_DIR / "data" / "mail-settings.schema.json"

SERVER_KEYS = ("imap", "smtp", "pop3")
SERVER_FIELDS = ("host", "port", "ports", "security", "authentication")
ENCRYPTED = ("ssl", "starttls")

Settings = dict[str, Any]


def load_settings(path: Path = SETTINGS_FILE, name: str | None = None) -> Settings:
    """The validated contents of data/mail-settings.yml."""
    data, lines = load_yaml(path, name)
    return validate_settings(data, lines, name or display_path(path))


def validate_settings(data: object, lines: Lines, name: str) -> Settings:
    """Check the settings against data/mail-settings.schema.json; raise one DataError for all."""
    schema = json.loads(SETTINGS_SCHEMA_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise DataError(
            f"{name}: expected a mapping of keys (provider, support, ...), got {describe(data)}"
        )
    problems = []
    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        path, message = _schema_message(error)
        problems.append((lines.get(path, lines.get(path[:-1], 1)), dotted(path), message))
    for server in SERVER_KEYS:
        entries = data.get("servers", {}).get(server, {}).get("ports", [])
        ports = [entry.get("port") for entry in entries if isinstance(entry, dict)]
        for index, port in enumerate(ports):
            if port in ports[:index]:
                path = ("servers", server, "ports", index, "port")
                problems.append(
                    (lines.get(path, 1), dotted(path), f"port {port} is listed twice; keep one")
                )
    raise_problems(name, problems)
    return data


def encrypted_port(server: dict[str, Any]) -> dict[str, Any] | None:
    """The port to use instead of an unencrypted one: the server's first encrypted port."""
    return next((entry for entry in server["ports"] if entry["security"] in ENCRYPTED), None)


def _schema_message(error: jsonschema.ValidationError) -> tuple[tuple[Any, ...], str]:
    """Turn one jsonschema error into (path, editor's message)."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return path, f"missing required key {missing!r}; add it (see CONTRIBUTING.md)"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))  # type: ignore[union-attr]
        key = sorted(set(error.instance) - set(allowed))[0]
        close = closest(key, allowed)
        hint = f"did you mean {close!r}?" if close else f"expected one of: {', '.join(allowed)}"
        return (*path, key), f"unknown key {key!r}; {hint}"
    expected = error.schema.get("description") if isinstance(error.schema, dict) else None
    if expected:
        return path, f"expected {expected}, got {describe(error.instance)}"
    return path, error.message
