"""Add the addresses of new pages, heading ids and short links to data/published-links.txt.

    .venv/bin/python -m tools.published_links [--project DIR]

No build needed: the addresses come from the pages' heading ids and data/links.yml, the same
way `make check` (the links check) finds them, and that check says when to run this.
The list only grows: an address that was published must keep working
(tests/test_links_published.py checks every line against the build, in every language). Never
delete a line; a renamed page or heading id gets a redirect in data/links.yml (CONTRIBUTING.md,
"Rename a page or a section").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.checks.link_site import PUBLISHED, addresses, read_site

PROJECT_DIR = Path(__file__).resolve().parent.parent
PUBLISHED_FILE = PROJECT_DIR / PUBLISHED


def read_published(path: Path = PUBLISHED_FILE) -> list[str]:
    """The published addresses, without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def add_new(project: Path) -> list[str]:
    """Append the addresses not published yet; return them."""
    path = project / PUBLISHED
    known = set(read_published(path))
    new = [
        address
        for items in addresses(read_site(project)).values()
        for address in items
        if address not in known
    ]
    new = list(dict.fromkeys(new))
    if new:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text
            + ("" if text.endswith("\n") else "\n")
            + "".join(f"{address}\n" for address in new),
            encoding="utf-8",
        )
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.published_links", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "--project", type=Path, default=PROJECT_DIR, help="the project folder (default: this one)"
    )
    project = parser.parse_args(argv).project.resolve()
    new = add_new(project)
    if not new:
        print(f"{PUBLISHED}: every address is in it already; nothing to add")
        return 0
    print(
        f"{PUBLISHED}: {len(new)} new address(es) added; commit the file with your pages"
        + "".join(f"\n  {a}" for a in new)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
