"""MkDocs hook: links a support agent can paste into a chat, that land in the reader's language,
on the right section, today and after the next rename.

From data/links.yml and the pages as they are built, it writes the short links (`/go/KEY/`,
`/go/KEY/LOCALE/`), a redirect page for every renamed page in every language, the link catalog
`links.json` and one 404 page per language; it puts a copy-link button in every linkable heading
and gives the language switcher the same page in every language. static-i18n builds the other
languages from inside the default language's `on_post_build`: each language's pages are recorded
on the site context, and the site-wide files are written after the last language.
The code is in hooks/helpcenter/shortlinks.py (the data file) and linkpages.py (the pages).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import context, linkpages, preview_state
from helpcenter.shortlinks import PageRecord, check_anchors, check_pages, raise_links


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """In the default language's build, check every short link and redirect against the pages."""
    site = context.of(config)
    if site.building_default:
        # Neutral paths: a one-language preview of another language (`make serve LANGUAGE=en`)
        # has only that language's files (`index.en.md`), and links.yml names `index.md`.
        in_nav = [neutral_docs_path(page.file.src_uri, site.locales) for page in nav.pages]
        pages = {
            neutral_docs_path(f.src_uri, site.locales): _url_path(f.url)
            for f in files.documentation_pages()
        }
        site.page_urls = {path: pages[path] for path in in_nav + sorted(pages) if path in pages}
        raise_links(check_pages(site.links, site.page_urls))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The copy-link buttons and the old ids of renamed headings, for Markdown to put around the
    page's headings as it renders it (helpcenter/headings.py)."""
    site = context.of(config)
    language = site.current
    before, first = linkpages.old_ids(
        neutral_docs_path(page.file.src_uri, site.locales),
        site.links.redirects,
        lambda target: linkpages.href(target, language, site),
        site.templates.get_template("links/old-id.html"),
    )
    extras = site.headings
    if extras is not None:
        extras.button = linkpages.heading_button(
            urljoin(site.site_url, page.url), site.labels_for(language), site
        )
        extras.before.update(before)
        extras.first += first
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Record the page's sections, for the short links, links.json and the agents' console."""
    site = context.of(config)
    language = site.current
    docs_path = neutral_docs_path(page.file.src_uri, site.locales)
    servers = site.servers.get((language.locale, page.file.src_uri), {})
    site.pages[language.locale][docs_path] = PageRecord(
        path=_url_path(page.url)[len(language.prefix) :],
        # The front matter title, not the short menu label mkdocs.yml `nav:` gives the page.
        title=str(page.meta.get("title") or page.title or ""),
        sections=linkpages.outline(page.toc, servers),
        translated=getattr(page.file, "locale", language.locale) == language.locale,
    )
    return html


def on_page_context(
    context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The language switcher's links: this page in every language."""
    site = context.of(config)
    alternates = getattr(page.file, "alternates", {})
    context_["links_switcher"] = [
        {
            "lang": lang.locale,
            "name": lang.name,
            "link": alternates[lang.locale].url
            if lang.locale in alternates
            else site.root + lang.prefix,
            "current": lang == site.current,
        }
        for lang in site.languages
    ]
    return context_


def on_template_context(
    context_: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """The 404 page: its words, its language's overview, and every language's 404 page."""
    if template_name == linkpages.NOT_FOUND_PAGE:
        site = context.of(config)
        labels = site.labels_for()
        context_["links_switcher"] = [
            {
                "lang": lang.locale,
                "name": lang.name,
                "link": site.root + lang.prefix,
                "current": lang == site.current,
            }
            for lang in site.languages
        ]
        context_["links_not_found"] = {
            "title": labels["links.not_found.title"],
            "text": labels["links.not_found.text"],
            "search": labels["links.not_found.search"],
            "overview": labels["links.not_found.overview"],
            "home": site.root + site.current.prefix,
            "pages": {
                site.root + lang.prefix: site.root + lang.prefix + linkpages.NOT_FOUND_PAGE
                for lang in site.languages
            },
        }
    return context_


def on_post_build(config: MkDocsConfig) -> None:
    """Keep this language's 404 page; after the last language, write the site-wide files."""
    site = context.of(config)
    not_found = Path(config.site_dir) / linkpages.NOT_FOUND_PAGE
    if not_found.exists():
        site.not_found_html[site.current.locale] = not_found.read_text(encoding="utf-8")
    if not site.building_last:
        return
    raise_links(check_anchors(site.links, linkpages.heading_ids(site)))
    state = preview_state.of(config)
    linkpages.write_site_files(
        Path(config.site_dir),
        site,
        use_directory_urls=config.use_directory_urls,
        # `make serve`'s fast preview, and no page's record changed: the last build's files stay.
        from_records=state is None or not state.records_unchanged(site.pages),
    )


def neutral_docs_path(src_uri: str, locales: list[str]) -> str:
    """`guides/iphone.LOCALE.md` -> `guides/iphone.md`: the page, whatever its file's language."""
    for locale in locales:
        if src_uri.endswith(f".{locale}.md"):
            return src_uri[: -len(f".{locale}.md")] + ".md"
    return src_uri


def _url_path(url: str) -> str:
    return "" if url in ("", "./", ".") else url
