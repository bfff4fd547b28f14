"""Add the addresses of new pages, sections and short links to data/published-links.txt.

The list only grows: an address that was published must keep working (tests/test_links.py
checks every line against the build, in every language). Run it after adding pages or heading
ids, on a built site: `make build && python -m tools.published_links [SITE_DIR]`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PUBLISHED_FILE = PROJECT_DIR / "data" / "published-links.txt"


def addresses(catalog: dict) -> list[str]:
    """Every page, section and short link in links.json, as paths below the site root, without
    a language prefix: `/guides/iphone/#step-3`, `/go/iphone/`."""
    site_url = catalog["site_url"]
    default = next(lang["locale"] for lang in catalog["languages"] if lang["default"])
    found = []
    for entry in catalog["entries"]:
        found.append("/" + entry["url"][default][len(site_url):])
        if "#" not in entry["key"]:
            found.append("/" + entry["short_link"][len(site_url):])
    return found


def read_published(path: Path = PUBLISHED_FILE) -> list[str]:
    """The published addresses, without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    catalog_file = site / "links.json"
    if not catalog_file.exists():
        print(f"{catalog_file}: not found; build the site first (make build)", file=sys.stderr)
        return 1
    known = set(read_published())
    new = [address for address in addresses(json.loads(catalog_file.read_text(encoding="utf-8"))) if address not in known]
    if new:
        with PUBLISHED_FILE.open("a", encoding="utf-8") as file:
            file.write("".join(f"{address}\n" for address in new))
    print(f"{PUBLISHED_FILE.relative_to(PROJECT_DIR)}: {len(new)} new address(es) added" + "".join(f"\n  {a}" for a in new))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
