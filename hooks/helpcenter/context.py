"""The site context: what every hook needs, loaded and validated once per build.

`start(config)` runs in `on_config` (hooks/site_context.py, the first hook): in the default
language's build it reads mkdocs.yml's languages, data/mail-settings.yml, data/labels.yml and
data/links.yml, makes the Jinja environment, and stores all of it on the config; static-i18n
then builds the other languages with the same config object, and `start` only switches the
language being built. `mkdocs serve` loads a new config for every rebuild, so nothing here
outlives one build (ARCHITECTURE.md, "Per-language build order").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from helpcenter import templates
from helpcenter.app_versions import App, load_app_versions
from helpcenter.datafiles import display_path
from helpcenter.dates import BuildDates
from helpcenter.headings import HeadingExtras
from helpcenter.labels import Labels, load_labels
from helpcenter.languages import (
    Language,
    building_inside_i18n,
    building_locale,
    configured_languages,
    site_languages,
)
from helpcenter.mailsettings import Settings, load_settings
from helpcenter.options import Options, guide_names, load_options
from helpcenter.problems import Problems, load_problems
from helpcenter.profile_signing import signing_files
from helpcenter.search_synonyms import load as load_synonyms
from helpcenter.shortlinks import Links, PageRecord, load_links

CONFIG_KEY = "helpcenter_context"


@dataclass
class SiteContext:
    """One site build: its languages, data and templates, and what the language builds record."""

    project_dir: Path
    languages: tuple[Language, ...]
    settings: Settings
    labels: dict[str, Labels]
    links: Links
    site_url: str  # ends with "/"
    templates: jinja2.Environment
    current: Language
    problems: Problems
    apps: dict[str, App]  # data/app-versions.yml: the versions readers have
    options: Options  # mkdocs.yml extra: and the environment (helpcenter/options.py)
    synonyms: dict[str, dict[str, list[str]]]  # data/search-synonyms.yml, per language
    profile_signed: bool  # a certificate is configured: the Apple profiles are signed
    # Recorded while the languages are built, read when the last one is done (hooks/links.py).
    page_urls: dict[str, str] = field(default_factory=dict)  # docs path -> URL path, nav order
    # locale -> docs path -> page
    pages: dict[str, dict[str, PageRecord]] = field(default_factory=dict)
    not_found_html: dict[str, str] = field(default_factory=dict)
    # Per language, each marker's output: a guide repeats the same few markers (issue 9).
    rendered: dict[str, dict[Any, str]] = field(default_factory=dict)
    # (locale, docs file) -> {section: server} for each section showing a settings table.
    servers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    # (locale, docs file) -> the sections that show a download button (hooks/qr_codes.py).
    download_sections: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # What hooks put around the headings of the page Markdown renders next (helpcenter/headings.py).
    headings: HeadingExtras | None = None
    # Each page's "last updated" date, asked of git by the first language (hooks/page_dates.py).
    page_dates: BuildDates | None = None
    # locale -> [(title, Markdown copy URL, description, URL path)] for llms.txt (hooks/agents.py).
    markdown_copies: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)

    @property
    def default(self) -> Language:
        return self.languages[0]

    @property
    def locales(self) -> list[str]:
        return [language.locale for language in self.languages]

    @property
    def root(self) -> str:
        """The site's path on its host: "/" for https://help.example.com/."""
        return urlsplit(self.site_url).path or "/"

    @property
    def building_default(self) -> bool:
        """The default language's build, the first: where site-wide files are written once."""
        return self.current == self.default

    @property
    def building_last(self) -> bool:
        """Every language has started building: in `on_post_build`, the site is complete
        (but for what static-i18n and the hooks after it do, at priority below -100)."""
        return set(self.pages) == set(self.locales)

    def language(self, locale: str) -> Language:
        return next(language for language in self.languages if language.locale == locale)

    def labels_for(self, language: Language | None = None) -> Labels:
        return self.labels[(language or self.current).locale]

    def data_file(self, name: str) -> Path:
        return self.project_dir / "data" / name


def start(config: MkDocsConfig) -> SiteContext:
    """The context for the language build that is starting: a new one for a new site build."""
    existing: SiteContext | None = config.get(CONFIG_KEY)
    context = existing if existing is not None and building_inside_i18n(config) else create(config)
    config[CONFIG_KEY] = context
    context.current = context.language(building_locale(config))
    context.pages.setdefault(context.current.locale, {})
    return context


def of(config: MkDocsConfig) -> SiteContext:
    """The context `start` made for this build."""
    context: SiteContext | None = config.get(CONFIG_KEY)
    if context is None:
        raise PluginError(
            "mkdocs.yml: hooks: hooks/site_context.py must be listed first; "
            "the other hooks read the site context it makes"
        )
    return context


def configured_locales(config: MkDocsConfig) -> list[str]:
    """Every language in mkdocs.yml, also those a one-language build leaves out."""
    return [language.locale for language in configured_languages(config)]


def create(config: MkDocsConfig) -> SiteContext:
    """Load and validate every data file once."""
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml: site_url: expected the site's public address (https://help.example.com/); "
            "short links, links.json and the copy buttons build absolute links from it"
        )
    project = Path(config.config_file_path).resolve().parent
    languages = site_languages(config)
    locales = [language.locale for language in languages]

    def name(path: Path) -> str:
        return display_path(path, project)

    settings_file, labels_file, links_file = (
        project / "data" / f for f in ("mail-settings.yml", "labels.yml", "links.yml")
    )
    return SiteContext(
        project_dir=project,
        languages=languages,
        settings=load_settings(settings_file, name(settings_file)),
        labels=load_labels(locales, labels_file, name(labels_file)),
        # `make serve LANGUAGE=..` builds one language (static-i18n's build_only_locale): the
        # fallback may be a language that build leaves out.
        links=load_links(links_file, configured_locales(config), name(links_file)),
        site_url=config.site_url if config.site_url.endswith("/") else config.site_url + "/",
        templates=templates.environment(project / "overrides" / "partials"),
        current=languages[0],
        profile_signed=signing_files() is not None,
        problems=load_problems(
            Path(config.docs_dir),
            locales,
            project / "data" / "problems.yml",
            name(project / "data" / "problems.yml"),
        ),
        options=load_options(
            config.extra, guide_names(Path(config.docs_dir)), Path(config.config_file_path)
        ),
        synonyms=load_synonyms(
            configured_locales(config), project / "data" / "search-synonyms.yml"
        ),
        apps=load_app_versions(
            locales,
            project / "data" / "app-versions.yml",
            name(project / "data" / "app-versions.yml"),
        ),
    )
