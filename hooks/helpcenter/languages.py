"""The site's languages, as mkdocs-static-i18n configures them: the one place that reads them.

Each language's URL prefix comes from its `link` in mkdocs.yml (`/en/` -> `en/`, the default
language's `/` -> ``), as static-i18n builds it; nothing assumes `LOCALE/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    prefix: str  # where its pages are below the site root: "" for the default, else e.g. "en/"
    default: bool
    complete: bool = True  # False: `extra: {complete: false}` in its mkdocs.yml entry
    build: bool = True  # False: `build: false`, or another language than `make serve LANGUAGE=..`'s


def configured_languages(config: MkDocsConfig) -> tuple[Language, ...]:
    """Every language of static-i18n's config, the default one first, also those this build
    leaves out (`build` False): the checks read their pages' file names too."""
    i18n: Any = config.plugins.get("i18n")
    if i18n is None:
        return (Language(config.theme["language"], config.theme["language"], "", True),)
    found = [lang for lang in i18n.config.languages if lang.locale != "null"]
    found.sort(key=lambda lang: not lang.default)
    return tuple(
        Language(
            locale=lang.locale,
            name=lang.name or lang.locale,
            # The default language is built at the root, whatever its `link`: so is the one
            # language of `make serve LANGUAGE=en` (static-i18n's build_only_locale makes it
            # the default).
            prefix="" if lang.default or not lang.link.strip("/") else lang.link.strip("/") + "/",
            default=bool(lang.default),
            complete=(lang.get("extra") or {}).get("complete", True) is not False
            if hasattr(lang, "get")
            else True,
            build=bool(lang.build),
        )
        for lang in found
    )


def site_languages(config: MkDocsConfig) -> tuple[Language, ...]:
    """The languages static-i18n builds, the default one first (one language without i18n)."""
    return tuple(language for language in configured_languages(config) if language.build)


def project_languages(config_file: Path) -> tuple[Language, ...]:
    """The languages of a project's mkdocs.yml, read by MkDocs' own loader (for tools and tests)."""
    return site_languages(load_config(config_file=str(config_file)))


def default_locale(config_file: Path) -> str:
    """The default language's locale (`make serve` builds it when no LANGUAGE is given)."""
    return project_languages(config_file)[0].locale


def building_locale(config: MkDocsConfig) -> str:
    """The language this build is for: static-i18n builds one language after the other."""
    i18n: Any = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or site_languages(config)[0].locale


def building_inside_i18n(config: MkDocsConfig) -> bool:
    """True while static-i18n builds another language from inside the default one's build."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def is_fallback(file: File | object) -> bool:
    """Whether static-i18n built this file for a language it is not written in: a page that
    language lacks, shown in the default language (`locale` = the text's language,
    `locale_alternate_of` = the language it was built for)."""
    written_in = getattr(file, "locale", None)
    return written_in is not None and written_in != getattr(file, "locale_alternate_of", written_in)


if __name__ == "__main__":
    # `python -m helpcenter.languages [mkdocs.yml]` (hooks/ on sys.path): the default locale,
    # for the Makefile, read by the same loader as everything else.
    import sys

    print(default_locale(Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")))
