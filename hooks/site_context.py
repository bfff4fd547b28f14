"""MkDocs hook: the site context every other hook reads (hooks/helpcenter/context.py).

Listed first under `hooks:` in mkdocs.yml, and its `on_config` runs before any other hook's:
it loads and validates the languages and data files once per build and stores them on the
config; static-i18n's later language builds only switch the language (ARCHITECTURE.md).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpcenter import context


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    context.start(config)
    return config
