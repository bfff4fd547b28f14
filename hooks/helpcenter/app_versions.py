"""data/app-versions.yml: the version of each app readers have today, with its source.

A guide's front matter names the apps its steps were checked against and at which version
(`review: {date, apps: {ios: "26"}}`). The line under its title is made from these names in the
page's language, and `make reviews` flags a guide checked against an older version than the one
readers have now, so a new iOS or Thunderbird shows up as work to do, not as a silent drift.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.lists import format_list

from helpcenter.datafiles import (
    PROJECT_DIR,
    DataError,
    closest,
    display_path,
    load_yaml,
    raise_problems,
)

APP_VERSIONS_FILE = PROJECT_DIR / "data" / "app-versions.yml"
FIELDS = {"name", "current", "source", "confirms", "checked"}


@dataclass(frozen=True)
class App:
    """One app: its name per language and the version readers have ("" for an app that readers
    do not know by version, such as the Gmail app)."""

    names: dict[str, str]
    current: str
    source: str
    checked: datetime.date


def load_app_versions(
    locales: list[str], path: Path = APP_VERSIONS_FILE, name: str | None = None
) -> dict[str, App]:
    """Every app, checked: a name in every language, the current version, an https source
    and the date it was checked."""
    name = name or display_path(path)
    data, lines = load_yaml(path, name)
    if not isinstance(data, dict) or set(data) != {"apps"} or not isinstance(data["apps"], dict):
        raise DataError(f"{name}:1: expected one key, apps:, with one entry per app")
    found: list[tuple[int, str, str]] = []
    apps: dict[str, App] = {}
    for app, entry in data["apps"].items():
        line, key = lines.get(("apps", app), 1), f"apps.{app}"
        if not isinstance(entry, dict) or set(entry) != FIELDS:
            found.append((line, key, f"expected exactly the keys {', '.join(sorted(FIELDS))}"))
            continue
        names = entry["name"]
        if isinstance(names, str) and names.strip():
            names = dict.fromkeys(locales, names)  # the same name in every language
        # Every language built needs a name (a build of one language builds only that one).
        if not isinstance(names, dict) or any(not names.get(locale) for locale in locales):
            found.append(
                (
                    line,
                    f"{key}.name",
                    "expected the app's name, one for every language or one per language: "
                    f"{', '.join(locales)}",
                )
            )
            continue
        if not str(entry["source"]).startswith("https://"):
            found.append((line, f"{key}.source", "expected the vendor's https:// page"))
        checked = entry["checked"]
        if isinstance(checked, str):
            with contextlib.suppress(ValueError):  # the message below names the mistake
                checked = datetime.date.fromisoformat(checked)
        if not isinstance(checked, datetime.date):
            found.append((line, f"{key}.checked", f"expected a date YYYY-MM-DD, got {checked!r}"))
            continue
        apps[app] = App(
            names={locale: str(text) for locale, text in names.items()},
            current=str(entry["current"] if entry["current"] is not None else ""),
            source=str(entry["source"]),
            checked=checked,
        )
    raise_problems(name, found)
    return apps


def unknown_app(app: str, apps: Mapping[str, App]) -> str:
    """The editor's message for an app id the data file does not list."""
    close = closest(app, list(apps))
    hint = f"did you mean {close}? " if close else ""
    return (
        f"unknown app {app!r} in review.apps; {hint}use one of data/app-versions.yml's: "
        f"{', '.join(apps)}"
    )


def checked_against(checked: Mapping[str, Any], apps: Mapping[str, App], locale: str) -> str:
    """'iOS 26 och iPadOS 26': each app's name in the page's language with the version its
    steps were checked against, joined as the language joins a list."""
    parts = []
    for app, version in checked.items():
        if app not in apps:
            raise DataError(unknown_app(app, apps))
        versions = version if isinstance(version, list) else [version or ""]
        shown = format_list([str(v) for v in versions], locale=locale) if versions[0] else ""
        parts.append(f"{apps[app].names[locale]} {shown}".strip())
    return format_list(parts, locale=locale)


def outdated(checked: Mapping[str, Any], apps: Mapping[str, App]) -> list[str]:
    """'ios: checked against 26, readers have 27' for each app the guide was checked against at
    another version than the one readers have now (of a list of versions, the first: the newest)."""
    found = []
    for app, version in checked.items():
        newest = str((version[0] if isinstance(version, list) else version) or "")
        if app in apps and apps[app].current and newest != apps[app].current:
            found.append(f"{app}: checked against {newest}, readers have {apps[app].current}")
    return found
