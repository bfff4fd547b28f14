"""The site as the links check sees it, from the sources: every page's heading ids, the
published addresses, data/links.yml, and which published pages were renamed (from
data/links.yml's redirects, from git, or a new page that has the old page's heading ids).
Used by tools/checks/links.py and tools/published_links.py."""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tools.checks.pages import docs_dir, find_pages, headings, site_languages

PUBLISHED = "data/published-links.txt"
LINKS = "data/links.yml"


@dataclass
class Site:
    """What the link checks know about the project, read once."""

    project: Path
    ids: dict[str, dict[str, set[str]]]  # page key -> locale -> heading ids
    files: dict[str, dict[str, str]]  # page key -> locale -> file name (docs/...)
    published: list[tuple[int, str]]  # (line, address)
    short_links: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    link_lines: dict[str, int] = field(
        default_factory=dict
    )  # "short_links.KEY" / "redirects" -> line
    renamed: dict[str, str] = field(default_factory=dict)  # old page key -> new page key

    def has(self, key: str, anchor: str | None = None) -> bool:
        return key in self.ids and (
            anchor is None or any(anchor in ids for ids in self.ids[key].values())
        )


def read_site(project: Path) -> Site:
    languages = site_languages(project)
    ids: dict[str, dict[str, set[str]]] = {}
    files: dict[str, dict[str, str]] = {}
    for page in find_pages(project, languages):
        ids.setdefault(page.key, {})[page.locale] = {
            h.id for h in headings(page.text) if h.id and h.level > 1
        }
        files.setdefault(page.key, {})[page.locale] = page.name
    site = Site(project, ids, files, read_published(project / PUBLISHED))
    try:
        data = yaml.safe_load((project / LINKS).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}  # the data check reports it
    if isinstance(data, dict):
        site.short_links = (
            {str(k): str(v) for k, v in (data.get("short_links") or {}).items()}
            if isinstance(data.get("short_links"), dict)
            else {}
        )
        site.redirects = (
            {str(k): str(v) for k, v in (data.get("redirects") or {}).items()}
            if isinstance(data.get("redirects"), dict)
            else {}
        )
    for number, line in enumerate(
        (project / LINKS).read_text(encoding="utf-8").split("\n")
        if (project / LINKS).exists()
        else [],
        start=1,
    ):
        match = re.match(r"^(?P<indent>\s*)(?P<key>[^#:\s][^:]*):", line)
        if match and not match["indent"]:
            section = match["key"]
            site.link_lines.setdefault(section, number)
        elif match:
            site.link_lines.setdefault(f"{section}.{match['key'].strip()}", number)
    site.renamed = find_renames(site)
    return site


def read_published(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    return [
        (n, line.strip())
        for n, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def page_url(key: str) -> str:
    """guides/iphone.md -> /guides/iphone/; index.md -> /; guides/index.md -> /guides/."""
    path = key[: -len(".md")]
    path = path[: -len("index")] if path == "index" or path.endswith("/index") else path + "/"
    return "/" + path


def url_page(address: str) -> str:
    """/guides/iphone/ -> guides/iphone.md; / -> index.md."""
    path = address.strip("/")
    return f"{path}.md" if path else "index.md"


def addresses(site: Site) -> dict[str, list[str]]:
    """Every address the site publishes, per page key: the page, its heading ids, its short links."""
    default = site_languages(site.project)[0].locale
    keys_by_target: dict[str, list[str]] = {}
    for key, target in site.short_links.items():
        keys_by_target.setdefault(target, []).append(key)
    found = {}
    for key in sorted(site.ids):
        page = page_url(key)
        page_ids = [
            h.id
            for h in headings(
                (
                    site.project
                    / site.files[key].get(default, next(iter(site.files[key].values())))
                ).read_text(encoding="utf-8-sig")
            )
            if h.id and h.level > 1
        ]
        items = [page] + [f"/go/{k}/" for k in keys_by_target.get(key, [])]
        for heading_id in page_ids:
            items += [f"{page}#{heading_id}"] + [
                f"/go/{k}/" for k in keys_by_target.get(f"{key}#{heading_id}", [])
            ]
        found[key] = items
    return found


def find_renames(site: Site) -> dict[str, str]:
    """Old page key -> new page key, for published pages that are gone."""
    gone = sorted(
        {url_page(a.split("#")[0]) for _, a in site.published if not a.startswith("/go/")}
        - set(site.ids)
    )
    if not gone:
        return {}
    renamed = {
        old: new.split("#")[0]
        for old, new in site.redirects.items()
        if "#" not in old and new.split("#")[0] in site.ids
    }
    renamed.update(
        {
            old: new
            for old, new in git_renames(site.project).items()
            if old not in renamed and new in site.ids
        }
    )
    first = _first_lines(site)
    for old in gone:
        if old in renamed:
            continue
        old_ids = {
            a.split("#")[1]
            for _, a in site.published
            if "#" in a and url_page(a.split("#")[0]) == old
        }
        scored = []
        for new in site.ids:
            if first.get(new, 10**9) < _last_line(site, old):
                continue  # published before the old page: not its new name
            shared = len(old_ids & set.union(*site.ids[new].values())) / max(len(old_ids), 1)
            named = difflib.SequenceMatcher(None, Path(old).stem, Path(new).stem).ratio()
            if shared >= 0.5 and (named >= 0.6 or new not in first):
                scored.append((shared, named, new))
        scored.sort(reverse=True)
        if scored and (len(scored) == 1 or scored[1][:2] < scored[0][:2]):
            renamed[old] = scored[0][2]
    return {old: new for old, new in renamed.items() if old in gone}


def renamed_id(site: Site, page: str, old: str, anchor: str, number: int) -> str:
    """The id now at the place the published one had among the page's headings, if that id is
    new; else NEW-ID for the editor to fill in."""
    published = [
        a.split("#")[1]
        for _, a in site.published
        if "#" in a and url_page(a.split("#")[0]) in (old, page)
    ]
    earlier = {
        a.split("#")[1]
        for n, a in site.published
        if n < number and "#" in a and url_page(a.split("#")[0]) in (old, page)
    }
    default = site_languages(site.project)[0].locale
    name = site.files[page].get(default) or next(iter(site.files[page].values()))
    current = [
        h.id
        for h in headings((site.project / name).read_text(encoding="utf-8-sig"))
        if h.id and h.level > 1
    ]
    index = list(dict.fromkeys(published)).index(anchor)
    if index < len(current) and current[index] not in earlier:
        return current[index]
    return "NEW-ID"


def _first_lines(site: Site) -> dict[str, int]:
    """The line of data/published-links.txt where each page first appears."""
    first: dict[str, int] = {}
    for number, address in site.published:
        if not address.startswith("/go/"):
            first.setdefault(url_page(address.split("#")[0]), number)
    return first


def _last_line(site: Site, page: str) -> int:
    return max(
        (
            n
            for n, a in site.published
            if not a.startswith("/go/") and url_page(a.split("#")[0]) == page
        ),
        default=0,
    )


def git_renames(project: Path) -> dict[str, str]:
    """Renames under docs/ since the branch left main (or since the last commit), from git."""
    docs = docs_dir(project).relative_to(project).as_posix()
    found: dict[str, str] = {}
    for base in ("origin/main", "main", "HEAD"):
        try:
            merge_base = (
                _git(project, "merge-base", "HEAD", base).strip() if base != "HEAD" else "HEAD"
            )
            output = _git(
                project, "diff", "-M", "--name-status", "--diff-filter=R", merge_base, "--", docs
            )
        except (OSError, subprocess.CalledProcessError):
            continue
        for line in output.splitlines():
            parts = line.split("\t")
            if len(parts) == 3:
                old, new = (doc_key(part, docs) for part in parts[1:])
                found[old] = new
        return found
    return found


def doc_key(path: str, docs: str) -> str:
    key = path.removeprefix(f"{docs}/")
    return re.sub(r"\.[a-z]{2}(?:[-_][A-Za-z]+)?\.md$", ".md", key)


def _git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), *args], capture_output=True, text=True, check=True
    ).stdout
