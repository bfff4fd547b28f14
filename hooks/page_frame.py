"""MkDocs hook: what a customer finds around the text (issue 19, items 7 and 10; contract A).

- `frame` (every template): where to reach support and webmail, from data/mail-settings.yml,
  in the header and footer, and the guides the 404 page offers, in the language being built.
- `checked_against` (each guide): the line under the title that says which app versions the
  steps were last checked against and when, from the guide's front matter
  (`review: {checked_against, date}`), e.g. "Kontrollerad mot iOS 26.1, november 2026".
  A reader on an older or newer app knows at once whether the screens will match.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

import mail_data

# How many guides the 404 page offers (the first ones of the navigation's guide section).
POPULAR_GUIDES = 5
# The navigation section whose pages are the guides: the one under the guides/ folder.
GUIDES_FOLDER = "guides/"


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


def on_env(env, config: MkDocsConfig, files):
    """Support and webmail, and the frame's words, in the language being built."""
    locale = mail_data.building_language(config)
    labels = mail_data.load_labels(mail_data.site_languages(config))[locale]
    env.globals["frame"] = frame_words(mail_data.load_settings(), labels)
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """The guide's checked-against line; the guides a lost reader may want (404 page)."""
    locale = mail_data.building_language(config)
    labels = mail_data.load_labels(mail_data.site_languages(config))[locale]
    context["checked_against"] = checked_against_line(page.meta or {}, labels["review.checked_against"], locale)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page (a template, not a page) lists the first guides of the navigation."""
    if template_name == "404.html" and context.get("nav"):
        context["popular_guides"] = guide_pages(context["nav"])[:POPULAR_GUIDES]
    return context


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def frame_words(settings: dict, labels: dict[str, str]) -> dict[str, str]:
    """Support e-mail, chat and webmail addresses with their link texts for the templates."""
    provider, support = settings["provider"], settings["support"]
    return {
        "support_email": support["email"],
        "chat_url": support["chat_url"],
        "webmail_url": provider["webmail_url"],
        "webmail_name": provider["webmail_name"],
        "contact": labels["frame.contact"],
        "chat": labels["frame.chat"],
        "webmail": labels["frame.webmail"].replace("{webmail}", provider["webmail_name"]),
        "language": labels["frame.language"],
        "search_placeholder": labels["frame.search_placeholder"],
        "popular": labels["frame.popular"],
    }


def checked_against_line(meta: dict, label: str, locale: str) -> str:
    """'Kontrollerad mot iOS 26.1, november 2026' from `review`, or '' without one. The month
    is named in the page's language (babel, CLDR), standalone form, with the year."""
    review = meta.get("review")
    if not isinstance(review, dict) or not review.get("checked_against") or not review.get("date"):
        return ""
    date = review["date"]
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    month = format_date(date, "LLLL y", locale=locale)
    return label.replace("{versions}", str(review["checked_against"])).replace("{month}", month)


def guide_pages(nav) -> list:
    """The navigation's guide pages in menu order."""
    found = []
    for page in nav.pages:
        if page.file.src_uri.startswith(GUIDES_FOLDER):
            found.append(page)
    return found
