"""Reading the built site the way the link tests do (tests/test_links_*.py import it by name,
like sitebuild): parsed pages, a reader following an address through short-link and redirect
pages, and the list of published addresses (data/published-links.txt)."""

# BeautifulSoup types every lookup as optional; a missing element fails the test with an
# AttributeError or TypeError, which is the assertion, so those two reports are off here.
# pyright: reportOptionalMemberAccess=false, reportOptionalSubscript=false

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from helpcenter.datafiles import PROJECT_DIR

PUBLISHED_FILE = PROJECT_DIR / "data" / "published-links.txt"
HEADINGS = "h2[id], h3[id], h4[id], h5[id], h6[id]"


@cache
def read(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def html_file(site: Path, path: str) -> Path:
    """`/guides/iphone/` -> site/guides/iphone/index.html."""
    path = path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def heading_text(heading) -> str:
    """A heading as a reader reads it, without Material's ¶ permalink."""
    words = [
        text
        for text in heading.find_all(string=True)
        if not text.find_parent("a", class_="headerlink")
    ]
    return " ".join("".join(words).split())


def built_pages(site: Path, languages: list[dict]) -> dict[str, dict[str, BeautifulSoup]]:
    """{locale: {path without the language prefix: page}} for every Material page built."""
    found = {language["locale"]: {} for language in languages}
    prefixes = {language["locale"]: language["prefix"] for language in languages}
    for file in sorted(site.rglob("index.html")):
        soup = read(file)
        if article(soup) is None:
            continue
        locale = soup.html["lang"]
        path = file.parent.relative_to(site).as_posix() + "/"
        path = "" if path == "./" else path
        found[locale][path[len(prefixes[locale]) :]] = soup
    return found


def land(site: Path, address: str, browser_locale: str) -> tuple[BeautifulSoup | None, str]:
    """Where a reader ends up: follows short-link and redirect pages (their JSON is what their
    script reads) and old ids of moved sections. Returns (page or None, why not)."""
    path, _, anchor = address.partition("#")
    for _ in range(5):
        file = html_file(site, path)
        if not file.exists():
            return None, f"no file {file.relative_to(site)}"
        soup = read(file)
        redirect = soup.find("script", id="links-redirect")
        if redirect is not None:
            data = json.loads(redirect.get_text())
            target = (
                data["moved"].get(anchor)
                or data["targets"].get(browser_locale)
                or data["targets"][data["fallback"]]
            )
            if anchor and anchor not in data["moved"]:
                target = target.split("#")[0] + "#" + anchor
            path, _, anchor = target.partition("#")
            continue
        element = soup.find(id=anchor) if anchor else soup
        if element is None:
            return None, f"{file.relative_to(site)} has no id {anchor!r}"
        if element is not soup and element.get("data-links-moved-to"):
            path, _, anchor = str(element["data-links-moved-to"]).partition("#")
            continue
        return soup, ""
    return None, "more than 5 redirects"


def published_addresses() -> list[str]:
    lines = PUBLISHED_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def localized(address: str, language: dict) -> str:
    """A published address under a language's prefix; short links have none."""
    return address if address.startswith("/go/") else "/" + language["prefix"] + address.lstrip("/")
