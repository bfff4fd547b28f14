"""The data files' loaders under their old names, for tools and tests written before
hooks/helpcenter/ (tools/check_servers.py, the checks). New code imports helpcenter directly;
the hooks read the data from the site context instead (ARCHITECTURE.md)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from helpcenter.datafiles import PROJECT_DIR, DataError, display_path, dotted, load_yaml
from helpcenter.labels import LABELS, LABELS_FILE, Labels, load_labels, validate_labels
from helpcenter.languages import building_locale
from helpcenter.languages import site_languages as _site_languages
from helpcenter.mailsettings import (
    SERVER_KEYS,
    SETTINGS_FILE,
    SETTINGS_SCHEMA_FILE,
    load_settings,
    validate_settings,
)

LABEL_KEYS = tuple(LABELS)

__all__ = [
    "LABELS_FILE",
    "Labels",
    "LABEL_KEYS",
    "PROJECT_DIR",
    "SERVER_KEYS",
    "SETTINGS_FILE",
    "SETTINGS_SCHEMA_FILE",
    "DataError",
    "building_language",
    "display_path",
    "dotted",
    "load_labels",
    "load_settings",
    "load_yaml",
    "site_languages",
    "validate_labels",
    "validate_settings",
]


def building_language(config: MkDocsConfig) -> str:
    """The language this build is for: static-i18n builds one language after the other."""
    return building_locale(config)


def site_languages(config: MkDocsConfig) -> list[str]:
    """The site's locales from mkdocs.yml, the default language first."""
    return [language.locale for language in _site_languages(config)]
