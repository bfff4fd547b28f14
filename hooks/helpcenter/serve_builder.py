"""The one place that reads MkDocs' private `serve` internals (hooks/preview.py uses it).

`mkdocs serve` hands plugins its builder, a closure over its own config loader (`get_config`,
which re-reads mkdocs.yml with the command line's options) and the server's URL (`serve_url`).
MkDocs has no public way to ask a dirty build of either, so the preview reads them from the
closure's cells. Written against WRITTEN_FOR; tests/test_serve_builder.py fails, naming both
versions, when another MkDocs is installed, and `parts` returns None (full rebuilds, as without
the fast preview) whenever the builder is not the one it knows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, cast

from mkdocs.config.defaults import MkDocsConfig

# The MkDocs whose mkdocs/commands/serve.py `builder` this reads: check it before raising this.
WRITTEN_FOR = "1.6.1"


class ServeParts(NamedTuple):
    get_config: Callable[[], MkDocsConfig]  # a fresh config, as the serve command loads it
    serve_url: str  # the server's URL, which the build writes into every page


def parts(builder: Callable[..., None]) -> ServeParts | None:
    """`builder`'s config loader and URL; None if it is not MkDocs 1.6's serve builder, or if
    `mkdocs serve --clean` built the site as `mkdocs build` does (no URL, no dirty builds)."""
    code, cells = getattr(builder, "__code__", None), getattr(builder, "__closure__", None)
    if code is None or cells is None:
        return None
    names: dict[str, Any] = dict(
        zip(code.co_freevars, (cell.cell_contents for cell in cells), strict=True)
    )
    get_config, serve_url = names.get("get_config"), names.get("serve_url")
    if not callable(get_config) or not isinstance(serve_url, str) or names.get("is_clean"):
        return None
    return ServeParts(cast("Callable[[], MkDocsConfig]", get_config), serve_url)
