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
built; reader.css hides the codes at phone widths and in print. The codes go into the finished
page (`on_post_page`), after search has read the page, so their words never become search results.
"""

from __future__ import annotations

import re

import jinja2
import segno
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from helpcenter import context

DOWNLOAD = re.compile(r'<a\b[^>]*\bdata-download="[^"]+"')
HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"([^\"]+)\"[^>]*>")
UNDER_TITLE = re.compile(r'\s*<p class="frame-checked">.*?</p>', re.S)


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the page's QR code(s) into its finished HTML, in the language being built."""
    site = context.of(config)
    return add_qr_codes(
        output,
        site.site_url + page.url,
        guide_name(page.url),
        list(site.options.qr_guides),
        site.labels_for(),
        site.templates,
    )


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def guide_name(url: str) -> str:
    """'en/guides/iphone/' -> 'iphone': the page's file name, the same in every language."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def add_qr_codes(
    html: str,
    page_url: str,
    name: str,
    qr_guides: list[str],
    labels: dict[str, str],
    templates: jinja2.Environment,
) -> str:
    """The download sections' codes, or else (on a phone guide) the code under the title."""
    sections = download_sections(html)
    for heading_end, anchor in reversed(sections):
        figure = qr_figure(f"{page_url}#{anchor}", labels["reader.qr.profile"], labels, templates)
        html = html[:heading_end] + figure + html[heading_end:]
    if not sections and name in qr_guides:
        title_end = html.find("</h1>")
        if title_end >= 0:
            title_end += len("</h1>")
            # The line under the title (overrides/partials/content.html) stays right under it.
            checked = UNDER_TITLE.match(html, title_end)
            title_end = checked.end() if checked else title_end
            html = (
                html[:title_end]
                + qr_figure(page_url, labels["reader.qr.page"], labels, templates)
                + html[title_end:]
            )
    return html


def download_sections(html: str) -> list[tuple[int, str]]:
    """[(where the heading ends, its id)] of the section around each download button, once each."""
    found: dict[str, int] = {}
    headings = list(HEADING.finditer(html))
    for button in DOWNLOAD.finditer(html):
        before = [heading for heading in headings if heading.start() < button.start()]
        if not before:
            continue
        heading = before[-1]
        end = html.find(f"</h{heading[1]}>", heading.end())
        if end >= 0:
            found.setdefault(heading[2], end + len(f"</h{heading[1]}>"))
    return sorted((end, anchor) for anchor, end in found.items())


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


def qr_figure(url: str, text: str, labels: dict[str, str], templates: jinja2.Environment) -> str:
    """overrides/partials/reader/qr.html for one code."""
    alt = labels["reader.qr.alt"].replace("{url}", url)
    return templates.get_template("reader/qr.html").render(svg=qr_svg(url, alt), text=text, url=url)
