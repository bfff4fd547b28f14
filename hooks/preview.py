"""MkDocs hook: `make serve`'s fast live preview (hooks/helpcenter/preview_state.py says when a rebuild
may skip the unchanged pages). Only with HELP_FAST_PREVIEW=1, which only the Makefile's serve
recipe sets, and only when one language is served: `make build` and the tests' builds never
see it. The state lives on each build's config and in the serve process's builder, never in
this module.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpcenter import context, serve_builder
from helpcenter.preview_state import (
    CONFIG_KEY,
    ENV_VAR,
    PreviewState,
    Snapshot,
    changed_pages,
    dirty_notice_dropped,
    page_shape,
)

log = logging.getLogger("mkdocs.hooks.preview")


def _state(config: MkDocsConfig) -> PreviewState | None:
    return config.get(CONFIG_KEY)


def _one_language(config: MkDocsConfig) -> bool:
    i18n: Any = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n.config, "build_only_locale", None))


@event_priority(50)  # after hooks/site_context.py (100), which makes the site context
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = _state(config)
    if state is None:
        if os.environ.get(ENV_VAR) != "1" or not _one_language(config):
            return config
        # `mkdocs serve`'s first build: record what it is made from.
        project = Path(config.config_file_path).resolve().parent
        roots = [Path(config.config_file_path).resolve(), project / "hooks"]
        roots += [Path(path).resolve() for path in config.watch]
        if config.theme.custom_dir:
            roots.append(Path(config.theme.custom_dir).resolve())
        state = PreviewState(Path(config.docs_dir).resolve(), tuple(dict.fromkeys(roots)))
        state.begin(state.snapshot(), None)
        config[CONFIG_KEY] = state
    elif state.dirty:
        # The pages MkDocs skips keep what the last build recorded of them (hooks/links.py).
        site = context.of(config)
        site.pages[site.current.locale] = dict(state.records)
    return config


@event_priority(-1000)  # after static-i18n has chosen the language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A dirty build rebuilds the pages whose text changed, whatever their files' times say."""
    state = _state(config)
    if state is not None and state.dirty_pages is not None:
        rebuilt = set()
        for file in files.documentation_pages():
            source = str(Path(file.abs_src_path).resolve()) if file.abs_src_path else None
            if source in state.dirty_pages:
                Path(file.abs_dest_path).unlink(missing_ok=True)
                rebuilt.add(source)
        # A page of a language not being served (iphone.en.md while Swedish is) is not built.
        state.dirty_pages = rebuilt
    return files


@event_priority(-1000)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _state(config)
    if state is not None and page.file.abs_src_path:
        state.shapes[str(Path(page.file.abs_src_path).resolve())] = page_shape(
            page.title, page.toc, dict(page.meta)
        )
    return html


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    """The first build succeeded: from now on, rebuild through the preview's builder."""
    state = _state(config)
    found = serve_builder.parts(builder)
    if state is None or found is None:
        return server
    get_config, serve_url = found
    state.succeeded(context.of(config).pages[context.of(config).current.locale])
    server.builder = PreviewBuilder(state, get_config, serve_url)
    return server


class PreviewBuilder:
    """Builds as `mkdocs serve` does, dirty when only pages' text changed."""

    def __init__(
        self, state: PreviewState, get_config: Callable[[], MkDocsConfig], serve_url: str
    ) -> None:
        self.state, self.get_config, self.serve_url = state, get_config, serve_url

    def __call__(self) -> None:
        now = self.state.snapshot()
        changed = changed_pages(self.state.built_from, now)
        if changed is not None:
            log.info(f"Building documentation: {len(changed)} changed page(s) only")
            self._build(now, changed)
            if self.state.shapes_kept():
                return
            log.info("A changed page's title, headings or front matter changed: full rebuild")
        log.info("Building documentation...")
        self._build(self.state.snapshot(), None)

    def _build(self, snapshot: Snapshot, dirty_pages: set[str] | None) -> None:
        self.state.wait_for_background()  # the last dirty build's search index
        config = self.get_config()
        config.site_url = self.serve_url
        config[CONFIG_KEY] = self.state
        self.state.begin(snapshot, dirty_pages)
        with dirty_notice_dropped():
            build(config, serve_url=self.serve_url, dirty=dirty_pages is not None)
        site = context.of(config)
        self.state.succeeded(site.pages[site.current.locale])
