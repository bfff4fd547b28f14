"""hooks/performance.py: pages lose the blank space the templates leave between tags, and
the navigation, pruned for large help centers, still shows every page at the site's size."""

from __future__ import annotations

import re

import jinja2
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


def test_template_text_loses_blank_space_but_the_page_text_it_inserts_keeps_it():
    """The page's own text (where <pre> and <code> are) is a value, never template text."""
    env = jinja2.Environment(extensions=[performance.CollapseBlankSpace])
    template = env.from_string("<div>\n\n    <main>\n      {{ content }}\n    </main>\n</div>")
    content = "<pre><code>line 1\n\n    indented\n</code></pre>"
    assert template.render(content=content) == f"<div>\n<main>\n{content}\n</main>\n</div>"


def test_a_line_holding_only_a_silent_tag_goes_but_an_include_keeps_its_line_break():
    """An include writes text where it stands: the space between an icon and its words stays."""
    env = jinja2.Environment(
        extensions=[performance.CollapseBlankSpace],
        loader=jinja2.DictLoader({"icon.svg": "<svg></svg>"}),
    )
    silent = env.from_string("<p>A</p>\n  {% if shown %}\n  <p>B</p>\n  {% endif %}\n<p>C</p>")
    assert silent.render(shown=True) == "<p>A</p>\n<p>B</p>\n<p>C</p>"
    assert silent.render(shown=False) == "<p>A</p>\n<p>C</p>"
    button = env.from_string("<button>\n  {% include 'icon.svg' %}\n  {{ words }}\n</button>")
    assert button.render(words="Back to top") == "<button>\n<svg></svg>\nBack to top\n</button>"


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


def test_built_pages_carry_almost_no_blank_space_between_tags(built_site, languages):
    """Without the extension, the templates' blank lines and indentation are about 15 % of a
    page; what is left (a line break from an include, Markdown's own indentation) stays under 1 %."""
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
            blank = sum(len(run) - 1 for run in re.findall(r"\n\s+", outside))
            assert blank <= len(html) / 100, (
                f"{path}: {blank} bytes of blank space between tags in {len(html)}"
            )


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
