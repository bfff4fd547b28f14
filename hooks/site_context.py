"""MkDocs hook: the site context every other hook reads (hooks/helpcenter/context.py).

Listed first under `hooks:` in mkdocs.yml, and its `on_config` runs before any other hook's:
it loads and validates the languages and data files once per build and stores them on the
config; static-i18n's later language builds only switch the language (ARCHITECTURE.md). It also
adds the Markdown extension that puts what other hooks ask for around each page's headings, and
gives each page an empty list of them first (hooks/helpcenter/headings.py).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpcenter import context, headings


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The context for this language's build, and the headings extension bound to it."""
    site = context.start(config)
    config.markdown_extensions = headings.with_extension(
        config.markdown_extensions, lambda: site.headings
    )
    return config


@event_priority(100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Nothing around this page's headings yet: hooks/links.py and qr_codes.py add theirs."""
    context.of(config).headings = headings.HeadingExtras()
    return markdown
