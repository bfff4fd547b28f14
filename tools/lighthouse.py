"""Lighthouse scores of the built site: Performance, Accessibility, Best Practices and SEO for the
overview and a guide in every language, with Lighthouse's mobile preset (its default).

Builds the site (strict) into a temporary folder, serves it on 127.0.0.1 with gzip like a static
host, and runs the pinned Lighthouse from tools/lighthouse/ (`make lighthouse` installs it with
`npm ci`) in Debian's Chromium. Prints one row per page, then each audit that lost points.
Usage: python -m tools.lighthouse [PAGE ...]   (paths within a language; default: overview, iPhone guide)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from helpcenter.languages import project_languages
from tools.kit.browser import CHROMIUM_ARGS, chromium_path
from tools.kit.build import PROJECT_DIR, strict_build
from tools.kit.serve import serve

LIGHTHOUSE = (
    PROJECT_DIR / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
)
CHROME = os.environ.get("CHROME_PATH", chromium_path())
# Lighthouse needs Chrome's new headless mode; the other flags are the project's.
CHROME_FLAGS = " ".join(
    "--headless=new" if flag == "--headless" else flag for flag in CHROMIUM_ARGS
)
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best Practices",
    "seo": "SEO",
}
DEFAULT_PAGES = ("", "guides/iphone/")


def language_prefixes() -> list[str]:
    """Each language's URL prefix (static-i18n's `link`), the default language ('') first."""
    return [language.prefix for language in project_languages(PROJECT_DIR / "mkdocs.yml")]


def run_lighthouse(url: str) -> dict:
    """Lighthouse's JSON report for one URL."""
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def scores(report: dict) -> dict[str, int]:
    return {
        name: round(report["categories"][key]["score"] * 100) for key, name in CATEGORIES.items()
    }


def lost_points(report: dict) -> list[str]:
    """The audits that count towards a category and did not pass."""
    lost = []
    for key, name in CATEGORIES.items():
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(
                    f"{name}: {audit['title']} ({audit.get('displayValue') or audit['score']})"
                )
    return lost


def main(pages: list[str]) -> int:
    if not LIGHTHOUSE.exists():
        print(
            "Lighthouse is not installed: run `make lighthouse` (npm ci in tools/lighthouse/)",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        build = strict_build(PROJECT_DIR, site, capture=False, quiet=True)
        if not build.ok:
            return build.returncode
        rows, notes = [], []
        with serve(site, gzip=True) as base:
            for prefix in language_prefixes():
                for page in pages:
                    path = "/" + prefix + page
                    report = run_lighthouse(base + prefix + page)
                    rows.append((path, scores(report)))
                    notes += [f"{path}: {line}" for line in lost_points(report)]
    print(f"\n| page (mobile) | {' | '.join(CATEGORIES.values())} |")
    print(f"|---|{'---|' * len(CATEGORIES)}")
    for path, row in rows:
        print(f"| {path} | {' | '.join(str(row[name]) for name in CATEGORIES.values())} |")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or list(DEFAULT_PAGES)))
