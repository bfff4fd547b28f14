"""The Jinja environment for the hooks' own templates (overrides/partials/): markup stays out
of Python.

One environment per build, created with the site context in `on_config`: `mkdocs serve` loads
the config again on every rebuild, so an edited template is read again on the next reload. No
cache lives longer than the build (issue 14.5).
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def environment(partials_dir: Path) -> jinja2.Environment:
    """Autoescaped, and an undefined name fails loudly."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(partials_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )
