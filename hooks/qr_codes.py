"""MkDocs hook: a QR code that hands a guide from the computer to the phone (issue 16, part 2).

Readers often read on a computer and set up the phone. Two kinds of code, generated at build
time as inline SVG (segno; nothing is loaded from anywhere when the page opens):

- the guides for phone apps (mkdocs.yml `extra: qr_guides`, by file name) get a code under the
  title that opens the same page, in the same language;
- every download button (`<!-- settings:download apple-profile -->`) gets a code beside its
  section that opens that section of the page, with the button (not the bare file, which a
  phone camera would only download). A page with a download code gets no title code: one code
  a page, and the download section is where a phone reader starts.

URLs are absolute, from `site_url` (the site context, hooks/helpcenter/context.py). The words
(overrides/partials/reader/qr.html) come from data/labels.yml `reader.qr.*` in the language being
built; reader.css hides the codes at phone widths and in print. A download section's code is put
after its heading as Markdown renders the page (helpcenter/headings.py); the title's code by
overrides/partials/content.html. Search ignores both (`data-pagefind-ignore`).
"""

from __future__ import annotations

from typing import Any

import jinja2
import segno
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import context
from helpcenter.labels import Labels

# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A code after the heading of each section with a download button (the markers recorded
    them, hooks/settings.py), for Markdown to put there (helpcenter/headings.py)."""
    site = context.of(config)
    labels = site.labels_for()
    extras = site.headings
    if extras is None:
        return markdown
    for anchor in download_sections(site.download_sections, site.current.locale, page):
        url = f"{site.site_url}{page.url}#{anchor}"
        figure = qr_figure(url, labels["reader.qr.profile"], labels, site.templates)
        extras.after.setdefault(anchor, []).append(figure)
    return markdown


def on_page_context(
    context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """A phone guide without a download section gets a code under its title
    (overrides/partials/content.html)."""
    site = context.of(config)
    name = guide_name(page.url)
    if name in site.options.qr_guides and not download_sections(
        site.download_sections, site.current.locale, page
    ):
        labels = site.labels_for()
        url = site.site_url + page.url
        context_["reader_title_qr"] = Markup(
            qr_figure(url, labels["reader.qr.page"], labels, site.templates)
        )
    return context_


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def guide_name(url: str) -> str:
    """'en/guides/iphone/' -> 'iphone': the page's file name, the same in every language."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def download_sections(
    recorded: dict[tuple[str, str], list[str]], locale: str, page: Page
) -> list[str]:
    """The ids of the page's sections with a download button, as the markers recorded them."""
    return recorded.get((locale, page.file.src_uri), [])


def qr_svg(url: str, label: str) -> Markup:
    """The code as inline SVG: black on white, a quiet zone of 4 modules, sized by CSS; named for
    screen readers by `label`."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1,
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="reader-qr__code",
        lineclass=None,
    )
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1))


def qr_figure(url: str, text: str, labels: Labels, templates: jinja2.Environment) -> str:
    """overrides/partials/reader/qr.html for one code."""
    alt = labels.text("reader.qr.alt", url=url)
    return templates.get_template("reader/qr.html").render(svg=qr_svg(url, alt), text=text, url=url)
