"""data/links.yml: short links (`/go/KEY/`) and renamed pages, checked against the pages built.

The file's shape is checked when it is loaded; whether its pages and heading ids exist is
checked once the pages are known (`check_pages` in the default language's `on_nav`,
`check_anchors` after the last language). Every message names data/links.yml:LINE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpcenter.datafiles import DataError, KeyPath, Lines, closest, display_path, dotted, load_yaml

KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TARGET = re.compile(r"(?P<page>[^#\s]+\.md)(?:#(?P<anchor>[A-Za-z][\w-]*))?")
Problem = tuple[int, str]


@dataclass(frozen=True)
class Target:
    """A page in docs/ and maybe a heading id, as written in data/links.yml: `index.md#smtp-settings`."""

    page: str
    anchor: str | None = None

    def __str__(self) -> str:
        return self.page + (f"#{self.anchor}" if self.anchor else "")


@dataclass
class Links:
    """data/links.yml, checked for shape; `lines` maps each key path to its line."""

    fallback_language: str
    short_links: dict[str, Target]
    redirects: dict[Target, Target]
    lines: Lines
    name: str

    def problem(self, path: KeyPath, message: str) -> Problem:
        """(line, message) for a key path such as ('short_links', 'iphone')."""
        line = self.lines.get(path, self.lines.get(path[:1], 1))
        return line, f"{self.name}:{line}: {dotted(path)}: {message}"


@dataclass
class Section:
    id: str
    title: str
    server: str | None = None  # "imap" when the section shows that server's settings table


@dataclass
class PageRecord:
    """What one language's build made of one page."""

    path: str  # below the language's prefix: "guides/iphone/"
    title: str
    sections: list[Section]
    translated: bool


def load_links(path: Path, locales: list[str], name: str | None = None) -> Links:
    """data/links.yml, checked for shape (whether its pages exist is checked against the build)."""
    data, lines = load_yaml(path, name)
    name = name or display_path(path)
    if not isinstance(data, dict):
        raise DataError(
            f"{name}: expected the keys fallback_language, short_links and redirects, got {type(data).__name__}"
        )
    links = Links("", {}, {}, lines, name)
    problems: list[Problem] = []
    allowed = ("fallback_language", "short_links", "redirects")
    for key in data:
        if key not in allowed:
            close = closest(key, allowed)
            hint = f"did you mean {close!r}?" if close else f"expected one of: {', '.join(allowed)}"
            problems.append(links.problem((key,), f"unknown key {key!r}; {hint}"))
    for key in allowed:
        if key not in data:
            problems.append((1, f"{name}:1: {key}: missing; add it (see the comments in the file)"))
    fallback = data.get("fallback_language")
    if "fallback_language" in data and fallback not in locales:
        problems.append(
            links.problem(
                ("fallback_language",),
                f"expected one of the site's languages ({', '.join(locales)}), got {fallback!r}",
            )
        )
    links.fallback_language = str(fallback)
    for key, value in _mapping(data, "short_links", links, problems).items():
        if not isinstance(key, str) or not KEY.fullmatch(key):
            problems.append(
                links.problem(
                    ("short_links", key),
                    f"a short link key is lowercase letters and digits joined by '-' (like new-outlook), got {key!r}",
                )
            )
        target = _target(value, ("short_links", key), links, problems)
        if target:
            links.short_links[str(key)] = target
    for old, new in _mapping(data, "redirects", links, problems).items():
        old_target = _target(old, ("redirects", old), links, problems)
        new_target = _target(new, ("redirects", old), links, problems)
        if old_target and new_target:
            if old_target == new_target:
                problems.append(
                    links.problem(("redirects", old), "redirects to itself; remove the line")
                )
            links.redirects[old_target] = new_target
    raise_links(problems)
    return links


def check_pages(links: Links, page_urls: dict[str, str]) -> list[Problem]:
    """Every short link and redirect points at a page that exists; every page has a short link."""
    problems: list[Problem] = []

    def missing(target: Target, path: KeyPath) -> None:
        close = closest(target.page, page_urls)
        hint = (
            f"did you mean {close!r}?" if close else "write it as from docs/, like guides/iphone.md"
        )
        problems.append(links.problem(path, f"no page docs/{target.page}; {hint}"))

    for key, target in links.short_links.items():
        if target.page not in page_urls:
            missing(target, ("short_links", key))
    redirected_pages = {old.page for old in links.redirects if old.anchor is None}
    for old, new in links.redirects.items():
        path = ("redirects", str(old))
        if old.anchor is None and old.page in page_urls:
            problems.append(
                links.problem(
                    path,
                    f"docs/{old.page} is a page; a redirect would hide it. Remove the redirect or move the page",
                )
            )
        if (
            old.anchor is not None
            and old.page not in page_urls
            and old.page not in redirected_pages
        ):
            problems.append(
                links.problem(
                    path,
                    f"docs/{old.page} is neither a page nor redirected; "
                    f"add a redirect for the page first ({old.page}: new-page.md)",
                )
            )
        if new.page not in page_urls:
            missing(new, path)
    with_key = {target.page for target in links.short_links.values() if target.anchor is None}
    for page in page_urls:
        if page not in with_key:
            key = (
                Path(page).stem
                if Path(page).stem != "index"
                else Path(page).parent.name or "overview"
            )
            problems.append(
                links.problem(
                    ("short_links",),
                    f"the page docs/{page} has no short link; add a line such as '{key}: {page}'",
                )
            )
    return problems


def check_anchors(links: Links, ids: dict[str, dict[str, set[str]]]) -> list[Problem]:
    """Heading ids that short links and redirects name exist in every language; old ids are gone."""
    problems: list[Problem] = []

    def check(target: Target, path: KeyPath) -> None:
        if target.anchor is None or target.page not in ids:
            return
        lacking = sorted(
            locale for locale, found in ids[target.page].items() if target.anchor not in found
        )
        if lacking:
            known = sorted(set.union(*ids[target.page].values()))
            close = closest(target.anchor, known)
            hint = f"did you mean {close!r}?" if close else f"the page's ids: {', '.join(known)}"
            problems.append(
                links.problem(
                    path,
                    f"docs/{target.page} has no heading {{#{target.anchor}}} in {', '.join(lacking)}; {hint}",
                )
            )

    for key, target in links.short_links.items():
        check(target, ("short_links", key))
    for old, new in links.redirects.items():
        check(new, ("redirects", str(old)))
        if (
            old.anchor
            and old.page in ids
            and any(old.anchor in found for found in ids[old.page].values())
        ):
            problems.append(
                links.problem(
                    ("redirects", str(old)),
                    f"docs/{old.page} still has a heading {{#{old.anchor}}}; remove the redirect or rename the heading",
                )
            )
    return problems


def page_keys(links: Links) -> dict[Target, list[str]]:
    """Each target's short link keys, in the order data/links.yml gives them."""
    keys: dict[Target, list[str]] = {}
    for key, target in links.short_links.items():
        keys.setdefault(target, []).append(key)
    return keys


def raise_links(problems: list[Problem]) -> None:
    if problems:
        raise DataError("\n".join(message for _, message in sorted(set(problems))))


def _mapping(
    data: dict[Any, Any], key: str, links: Links, problems: list[Problem]
) -> dict[Any, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(
            links.problem(
                (key,),
                f"expected a mapping (one 'key: target' per line), got {type(value).__name__}",
            )
        )
        return {}
    return value


def _target(value: object, path: KeyPath, links: Links, problems: list[Problem]) -> Target | None:
    match = TARGET.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        problems.append(
            links.problem(
                path,
                "expected a page in docs/ and maybe a heading id, "
                f"like guides/iphone.md or index.md#smtp-settings, got {value!r}",
            )
        )
        return None
    return Target(match["page"], match["anchor"])
