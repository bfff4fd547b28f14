"""hooks/performance.py: pages lose only the blank space the templates leave between tags, and
the navigation, pruned for large help centers, still shows every page at the site's size."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

import performance
from sitebuild import PROJECT_DIR


def test_blank_lines_and_indentation_between_tags_become_one_line_break():
    html = '<ul>\n    \n      <li class="md-nav__item">\n        <a href="x/">\n  Text\n  </a>\n    </li>\n</ul>'
    assert (
        performance.collapse_blank_space(html)
        == '<ul>\n<li class="md-nav__item">\n<a href="x/">\nText\n</a>\n</li>\n</ul>'
    )


@pytest.mark.parametrize("element", ["pre", "code", "textarea", "script", "style", "PRE"])
def test_whitespace_inside_elements_that_show_it_is_kept(element):
    kept = f'<{element} class="x">line 1\n\n    indented\n  </{element}>'
    html = f"<div>\n\n  {kept}\n\n  <p>after</p>\n</div>"
    assert performance.collapse_blank_space(html) == f"<div>\n{kept}\n<p>after</p>\n</div>"


def test_text_on_one_line_is_left_alone():
    html = "<p>Two  spaces\tand a tab stay: <b>bold</b> text</p>"
    assert performance.collapse_blank_space(html) == html


def nav_files(nav) -> list[str]:
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += nav_files(value) if isinstance(value, list) else [value]
    return found


def nav_urls() -> list[str]:
    """Every page of the navigation as a site path: '', 'guides/iphone/', ..."""
    config = load_config(config_file=str(PROJECT_DIR / "mkdocs.yml"))
    return [
        "" if src == "index.md" else src[: -len(".md")].removesuffix("/index") + "/"
        for src in nav_files(config.nav or [])
    ]


def test_built_pages_have_no_blank_lines_outside_preformatted_text(built_site, languages):
    for language in languages:
        for url in nav_urls():
            path = built_site / language["prefix"] / url / "index.html"
            html = path.read_text(encoding="utf-8")
            outside = re.sub(
                r"<(pre|code|textarea|script|style)\b.*?</\1\s*>",
                "<kept/>",
                html,
                flags=re.S | re.I,
            )
            assert not re.search(r"\n[ \t]*\n", outside), f"{path}: blank lines left between tags"


def test_every_page_links_every_page_of_the_navigation(built_site, languages):
    """navigation.prune folds only sub-sections, and the site's sections are all top-level: at
    this size every page still lists every page (a generated 1000-article site folds; make bench)."""
    urls = nav_urls()
    for language in languages:
        root = (built_site / language["prefix"]).resolve()
        for url in urls:
            path = root / url / "index.html"
            nav = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one(
                "nav.md-nav--primary"
            )
            assert nav is not None, f"{path}: no primary navigation"
            linked = {url}
            for link in nav.select("a.md-nav__link[href]"):
                target = (root / url / str(link["href"]).split("#")[0]).resolve()
                linked.add("" if target == root else target.relative_to(root).as_posix() + "/")
            assert set(urls) <= linked, (
                f"{path}: the navigation misses {sorted(set(urls) - linked)}"
            )
