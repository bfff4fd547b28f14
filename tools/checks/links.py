"""Links, from the sources, without a build: what the pull request's link tests check, so that
`make check` fails where they would (issue 18).

- Every published address (data/published-links.txt) still leads somewhere: its page and
  heading id exist, or data/links.yml redirects them; its short link key still exists.
- Every page and heading id is in the published list (`python -m tools.published_links` adds them).
- Every link between pages, every `nav:` entry and every short link points at a page and
  heading id that exist. After a rename the message names the new path.

A rename is found from data/links.yml's redirects, from git (a `git mv`), or from a new page
that has the old page's heading ids.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from tools.checks.link_site import (
    LINKS,
    PUBLISHED,
    Site,
    addresses,
    doc_key,
    page_url,
    read_site,
    renamed_id,
    url_page,
)
from tools.checks.pages import (
    docs_dir,
    headings,
    internal_links,
    mkdocs_config,
    site_languages,
)
from tools.checks.yaml_advice import advice

ADD_PUBLISHED = ".venv/bin/python -m tools.published_links"
TARGET = re.compile(r"^(?P<page>[^#\s]+\.md)?(?:#(?P<anchor>[A-Za-z][\w-]*))?$")


# --------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------


def check_links(project: Path) -> list[str]:
    if advice(LINKS, (project / LINKS).read_text(encoding="utf-8-sig")):
        return []  # the data check says how to fix data/links.yml first
    site = read_site(project)
    return (
        published_problems(site)
        + unpublished_problems(site)
        + page_link_problems(site)
        + nav_problems(site)
        + overview_problems(site)
        + short_link_problems(site)
    )


def published_problems(site: Site) -> list[str]:
    """Published addresses that would no longer lead anywhere: one message per page or id."""
    problems, seen = [], set()
    redirects_line = site.link_lines.get("redirects", 1)
    for number, address in site.published:
        if address.startswith("/go/"):
            key = address.split("/")[2]
            if key not in site.short_links and key not in seen:
                seen.add(key)
                problems.append(
                    f"{LINKS}:{site.link_lines.get('short_links', 1)}: the short link /go/{key}/ was published "
                    f"({PUBLISHED}:{number}) and data/links.yml no longer has the key {key}; put it back under "
                    "short_links: (a published key stays; point it at the page or section's current name)"
                )
            continue
        path, _, anchor = address.partition("#")
        old = url_page(path)
        page = old if site.has(old) else site.redirects.get(old, old).split("#")[0]
        if not site.has(page) and old in site.redirects:
            continue  # the redirect's target is missing: the data check (the hook's links validation) names it
        if not site.has(page):
            if old in seen:
                continue
            seen.add(old)
            count = sum(
                1
                for _, a in site.published
                if not a.startswith("/go/") and url_page(a.split("#")[0]) == old
            )
            new = site.renamed.get(old)
            fix = (
                f"add the line `  {old}: {new}` under redirects:"
                if new
                else f"add a line `  {old}: NEW-NAME.md` under redirects: (its new name, or the page that replaces it)"
            )
            what = f"was renamed to docs/{new}" if new else "no longer exists"
            problems.append(
                f"{LINKS}:{redirects_line}: docs/{old} {what}, and its {count} published addresses ({path} ... in "
                f"{PUBLISHED}) would break; {fix}"
            )
            continue
        if (
            anchor
            and not site.has(page, anchor)
            and f"{old}#{anchor}" not in site.redirects
            and f"{page}#{anchor}" not in site.redirects
        ):
            if f"{page}#{anchor}" in seen:
                continue
            seen.add(f"{page}#{anchor}")
            new = f"{page}#{renamed_id(site, page, old, anchor, number)}"
            problems.append(
                f"{LINKS}:{redirects_line}: the heading id {{#{anchor}}} of docs/{page} was published ({address}, "
                f"{PUBLISHED}:{number}) and no longer exists; give the heading its id back, or add the line "
                f"`  {page}#{anchor}: {new}` under redirects:"
            )
    return problems


def unpublished_problems(site: Site) -> list[str]:
    """Pages and heading ids not in the published list yet: one message per page."""
    published = {address for _, address in site.published}
    problems = []
    default = site_languages(site.project)[0].locale
    for key, items in addresses(site).items():
        new = [address for address in items if address not in published]
        if new:
            name = site.files[key].get(default) or next(iter(site.files[key].values()))
            shown = ", ".join(new[:3]) + (f" and {len(new) - 3} more" if len(new) > 3 else "")
            problems.append(
                f"{name}:1: {len(new)} address(es) of this page are not in {PUBLISHED} yet ({shown}); add them with "
                f"`{ADD_PUBLISHED}` (it adds every new one) and commit the file"
            )
    return problems


def page_link_problems(site: Site) -> list[str]:
    """Links between pages: the page and the heading id exist; a renamed page's new path is named."""
    docs = docs_dir(site.project)
    problems = []
    for key, by_locale in sorted(site.files.items()):
        for locale, name in by_locale.items():
            text = (site.project / name).read_text(encoding="utf-8-sig")
            folder = posixpath.dirname(key)
            for number, target in internal_links(text):
                match = TARGET.match(target)
                if not match or (match["page"] is None and match["anchor"] is None):
                    continue
                linked = (
                    doc_key(posixpath.normpath(posixpath.join(folder, match["page"])), "")
                    if match["page"]
                    else key
                )
                if match["page"] and not (docs / linked).exists() and linked not in site.ids:
                    new = site.renamed.get(linked)
                    if new:
                        fixed = posixpath.relpath(new, folder or ".") + (
                            f"#{match['anchor']}" if match["anchor"] else ""
                        )
                        problems.append(
                            f"{name}:{number}: the link {target} points at docs/{linked}, which was renamed to "
                            f"docs/{new}; link {fixed} instead"
                        )
                    else:
                        problems.append(
                            f"{name}:{number}: the link {target} points at docs/{linked}, which does not exist; fix "
                            "the path (relative to this file)"
                        )
                    continue
                if (
                    match["anchor"]
                    and linked in site.ids
                    and match["anchor"]
                    not in site.ids[linked].get(locale, set.union(*site.ids[linked].values()))
                ):
                    known = ", ".join(sorted(set.union(*site.ids[linked].values())))
                    problems.append(
                        f"{name}:{number}: the link {target} points at #{match['anchor']}, which docs/{linked} does "
                        "not have; "
                        f"use one of its heading ids: {known}"
                    )
    return problems


def nav_problems(site: Site) -> list[str]:
    """nav: in mkdocs.yml lists pages that exist; a renamed one names its new path."""
    config_lines = (site.project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    problems = []
    for entry in _nav_entries(mkdocs_config(site.project).nav or []):
        if entry in site.ids or "://" in entry:
            continue
        number = next(
            (
                n
                for n, line in enumerate(config_lines, start=1)
                if re.search(rf"(?<![\w/.-]){re.escape(entry)}\s*$", line)
            ),
            1,
        )
        new = site.renamed.get(entry)
        fix = (
            f"which was renamed to docs/{new}; write {new} there instead"
            if new
            else "which does not exist; fix the path (from docs/), or add the page"
        )
        problems.append(f"mkdocs.yml:{number}: the navigation lists {entry}, {fix}")
    return problems


def overview_problems(site: Site) -> list[str]:
    """An overview that lists the guides by hand lists every guide of `nav:` (once the overview
    generates its list from `nav:`, template: overview.html, it has no such list to check)."""
    guides = [
        entry
        for entry in _nav_entries(mkdocs_config(site.project).nav or [])
        if entry.startswith("guides/")
    ]
    problems = []
    for name in site.files.get("index.md", {}).values():
        text = (site.project / name).read_text(encoding="utf-8-sig")
        listed = {
            target.split("#")[0]
            for _, target in internal_links(text)
            if target.startswith("guides/")
        }
        heading = next((h for h in headings(text) if h.id == "guides"), None)
        if not listed or heading is None:
            continue
        for guide in guides:
            if guide not in listed:
                problems.append(
                    f"{name}:{heading.line}: the overview's list of guides lacks {guide}, which nav: in mkdocs.yml "
                    f"lists; add a line `- [its title]({guide})` to the list"
                )
    return problems


def short_link_problems(site: Site) -> list[str]:
    """Short links point at pages that exist (a renamed page's key follows it)."""
    problems = []
    for key, target in site.short_links.items():
        page, _, anchor = target.partition("#")
        line = site.link_lines.get(f"short_links.{key}", 1)
        if site.has(page) and anchor and not site.has(page, anchor):
            published = next(
                (n for n, a in site.published if a == f"{page_url(page)}#{anchor}"), None
            )
            new_id = renamed_id(site, page, page, anchor, published) if published else "NEW-ID"
            problems.append(
                f"{LINKS}:{line}: the short link {key} points at #{anchor}, which docs/{page} no longer has; change "
                "the "
                f"line to `{key}: {page}#{new_id}` (the key stays)"
            )
            continue
        if site.has(page):
            continue
        new = site.renamed.get(page)
        fix = (
            f"which was renamed to docs/{new}; change the line to `{key}: {new}{'#' + anchor if anchor else ''}` "
            "(the key stays)"
            if new
            else "which does not exist; point it at the page's current name (the key stays)"
        )
        problems.append(f"{LINKS}:{line}: the short link {key} points at docs/{page}, {fix}")
    return problems


def _nav_entries(nav) -> list[str]:
    found = []
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += _nav_entries(value)
        elif isinstance(item, list):
            found += _nav_entries(item)
    return found
