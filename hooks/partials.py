"""The Jinja templates the hooks render, from overrides/partials/: markup stays out of Python."""

from __future__ import annotations

import functools

import jinja2

import mail_data

PARTIALS_DIR = mail_data.PROJECT_DIR / "overrides" / "partials"


@functools.lru_cache(maxsize=None)
def template(path: str) -> jinja2.Template:
    """`template("settings/table.md")`: autoescaped, and an undefined name fails loudly."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PARTIALS_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template(path)
