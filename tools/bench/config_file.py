"""mkdocs.yml as data for the bench: read, changed, written back with its tags (!ENV,
!!python/name:) kept as they are. The languages a project builds, with their URL prefixes, are
read as the build reads them (`site_languages`, helpcenter.languages)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from helpcenter.languages import Language, project_languages


class BenchError(Exception):
    """Something the bench cannot measure; the message says what and where."""


@dataclass
class Tagged:
    """A YAML value with a tag the bench does not interpret, written back unchanged."""

    tag: str
    value: object
    kind: str


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node), "scalar")
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True), "sequence")
    return Tagged(node.tag, loader.construct_mapping(node, deep=True), "mapping")


def _represent_tagged(dumper, data: Tagged):
    represent = {"scalar": dumper.represent_scalar, "sequence": dumper.represent_sequence}
    return represent.get(data.kind, dumper.represent_mapping)(data.tag, data.value)


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(Tagged, _represent_tagged)


def site_languages(project: Path) -> tuple[Language, ...]:
    """The languages the project builds, the default one first, with static-i18n's prefixes."""
    return project_languages(project / "mkdocs.yml")


# Its own loader, not MkDocs' load_config: the bench edits the raw entries and writes the file
# back, so !ENV and other tags must stay tags (load_config resolves and validates them).
def read_config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def write_config(project: Path, config: dict) -> None:
    text = yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False, width=1000)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def i18n_languages(config: dict) -> list[dict]:
    """The i18n plugin's raw language entries, the default one first, to generate pages and
    change them (to read the languages, `site_languages`)."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            return sorted(languages, key=lambda language: not language.get("default", False))
    raise BenchError("mkdocs.yml: plugins: no i18n plugin; the bench builds the languages it lists")


def nav_pages(nav) -> list[str]:
    """Every page file in the nav, in order."""
    found = []
    for item in nav if isinstance(nav, list) else [nav]:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def nav_section_of(nav: list, src: str, title: str = "") -> tuple[str, list] | None:
    """(title, nav list) of the section that holds a page: generated categories go next to
    their source page (a page at the top of the nav: title "")."""
    for item in nav:
        name, value = next(iter(item.items())) if isinstance(item, dict) else ("", item)
        if value == src:
            return title, nav
        if isinstance(value, list):
            found = nav_section_of(value, src, name)
            if found is not None:
                return found
    return None
