"""MkDocs hook: what a customer finds around the text (issue 19, items 7 and 10; contract A).

- `frame` (every template): where to reach support and webmail, from data/mail-settings.yml,
  in the header and footer, and the guides the 404 page offers, in the language being built.
- `checked_against` (each guide): the line under the title that says which app versions the
  steps were last checked against and when, from the guide's front matter
  (`review: {apps, date}`, the apps' names from data/app-versions.yml, or a free
  `checked_against` for a guide about no one app), e.g. "Kontrollerad mot iOS 26, november 2026".
  A reader on an older or newer app knows at once whether the screens will match.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpcenter import context
from helpcenter.app_versions import App, checked_against

# How many guides the 404 page offers (the first ones of the navigation's guide section).
POPULAR_GUIDES = 5
# The navigation section whose pages are the guides: the one under the guides/ folder.
GUIDES_FOLDER = "guides/"


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Support and webmail, and the frame's words, in the language being built."""
    site = context.of(config)
    env.globals["frame"] = frame_words(site.settings, site.labels_for())
    return env


def on_page_context(
    context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """The guide's checked-against line, in the language being built."""
    site = context.of(config)
    label = site.labels_for()["review.checked_against"]
    context_["checked_against"] = checked_against_line(
        page.meta or {}, label, site.current.locale, site.apps
    )
    return context_


def on_template_context(
    context_: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    """The 404 page (a template, not a page) lists the first guides of the navigation."""
    if template_name == "404.html" and context_.get("nav"):
        context_["popular_guides"] = guide_pages(context_["nav"])[:POPULAR_GUIDES]
    return context_


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def frame_words(settings: dict[str, Any], labels: dict[str, str]) -> dict[str, str]:
    """Support e-mail, chat and webmail addresses with their link texts for the templates."""
    provider, support = settings["provider"], settings["support"]
    return {
        "support_email": support["email"],
        "chat_url": support["chat_url"],
        "webmail_url": provider["webmail_url"],
        "webmail_name": provider["webmail_name"],
        "contact": labels["frame.contact"],
        "chat": labels["frame.chat"],
        "webmail": labels["frame.webmail"].format(webmail=provider["webmail_name"]),
        "language": labels["frame.language"],
        "search_placeholder": labels["frame.search_placeholder"],
        "popular": labels["frame.popular"],
    }


def checked_against_line(
    meta: Mapping[str, Any], label: str, locale: str, apps: Mapping[str, App]
) -> str:
    """'Kontrollerad mot iOS 26, november 2026' from `review`, or '' without one. The month
    is named in the page's language (babel, CLDR), standalone form, with the year."""
    review = meta.get("review")
    if not isinstance(review, dict) or not review.get("date"):
        return ""
    if isinstance(review.get("apps"), dict):
        versions = checked_against(review["apps"], apps, locale)
    elif review.get("checked_against"):
        versions = review["checked_against"]
    else:
        return ""
    date = review["date"]
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    month = format_date(date, "LLLL y", locale=locale)
    return label.format(versions=versions, month=month)


def guide_pages(nav: Navigation) -> list[Page]:
    """The navigation's guide pages in menu order."""
    found = []
    for page in nav.pages:
        if page.file.src_uri.startswith(GUIDES_FOLDER):
            found.append(page)
    return found
