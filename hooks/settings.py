"""MkDocs hook: fill every settings marker in every page from data/mail-settings.yml.

Editors write markers such as `<!-- settings:table imap -->` or `<!-- settings:value smtp.port -->`
(CONTRIBUTING.md, "Markers"); this hook replaces them in the language the page's text is
written in, so a server fact is typed once, in the data file, and never drifts between pages or
languages. It also asks for the reader's address field after the page's first example address
(hooks/helpcenter/headings.py). The registry and the rendering are in hooks/helpcenter/markers.py
and values.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from helpcenter import context, downloads, markers
from helpcenter.values import Renderer


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the markers of one page, in the language its text is written in."""
    site = context.of(config)
    language = site.language(getattr(page.file, "locale", None) or site.current.locale)
    render = Renderer(
        settings=site.settings,
        labels=site.labels[language.locale],
        templates=site.templates,
        downloads={
            name: get_relative_url(path, page.url)
            for name, path in downloads.download_paths(language.prefix).items()
        },
        problems=site.problems,
        locale=language.locale,
        profile_signed=site.profile_signed,
        assets=get_relative_url("assets/", page.url),
    )
    if site.headings is not None:
        site.headings.after_example = render.address_form()
    return markers.fill_markers(
        markdown,
        render,
        page.file.src_uri,
        first_line=first_line(page),
        cache=site.rendered.setdefault(language.locale, {}),
        servers=site.servers.setdefault((site.current.locale, page.file.src_uri), {}),
        downloads=site.download_sections.setdefault((site.current.locale, page.file.src_uri), []),
    )


def first_line(page: Page) -> int:
    """The source line the page's Markdown starts on (after its front matter)."""
    if page.file.abs_src_path is None:
        return 1
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    markdown = page.markdown or ""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1
