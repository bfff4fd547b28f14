"""MkDocs hook: for support agents and AI assistants (issue 25; LINKS.md, "The agents' console").

Next to every built page, a Markdown copy (`guides/iphone/index.md`) with every marker filled by
the same renderer in its plain-text mode (helpcenter/plaintext.py), absolute links and no site
chrome; per language an `llms.txt` listing them; after the last language, the agents' console
(`/agent/`, `/en/agent/`) and its index, from links.json's entries (helpcenter/console.py). The
console is written outside MkDocs' pages: it is in no sitemap, navigation or search index.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file
from mkdocs.utils.meta import get_data

from helpcenter import console, context, downloads, markers, plaintext, preview_state


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Write the page's Markdown copy next to its HTML; remember it for llms.txt."""
    site = context.of(config)
    language = site.language(getattr(page.file, "locale", None) or site.current.locale)
    language_url = site.site_url + site.current.prefix
    page_url = urljoin(site.site_url, page.url)
    render = plaintext.PlainRenderer(
        settings=site.settings,
        labels=site.labels[language.locale],
        templates=site.templates,
        downloads={
            name: site.site_url + path.lstrip("/")
            for name, path in downloads.download_paths(site.current.prefix).items()
        },
        problems=site.problems,
        locale=language.locale,
        profile_signed=site.profile_signed,
    )
    markdown, _ = get_data(page.file.content_string)
    filled = markers.fill_markers(markdown, render, page.file.src_uri)
    text = plaintext.clean_markdown(
        filled,
        lambda target: plaintext.absolute_link(
            target, page.file.src_uri, page_url, site.page_urls, language_url
        ),
    )
    destination = Path(page.file.abs_dest_path).with_name(plaintext.COPY_NAME)
    write_file(text.encode("utf-8"), str(destination))
    site.markdown_copies.setdefault(site.current.locale, []).append(
        (
            str(page.meta.get("title") or page.title or ""),
            page_url + plaintext.COPY_NAME,
            str(page.meta.get("description") or "").strip(),
            page.url[len(site.current.prefix) :],
        )
    )
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """This language's llms.txt; after the last language, the console."""
    site = context.of(config)
    state = preview_state.of(config)
    if state is not None and state.dirty:
        return  # `make serve`'s fast preview rebuilt some pages: the last build's files stay
    site_dir = Path(config.site_dir)
    order = {path: number for number, path in enumerate(site.page_urls.values())}
    copies = sorted(
        site.markdown_copies.get(site.current.locale, []),
        key=lambda copy: (order.get(copy[3], len(order)), copy[1]),
    )
    text = plaintext.llms_txt(
        config.site_name, config.site_description or "", [copy[:3] for copy in copies]
    )
    write_file(text.encode("utf-8"), str(site_dir / site.current.prefix / plaintext.LLMS_TXT))
    if site.building_last:
        console.write_console(site_dir, site)
