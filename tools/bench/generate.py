"""Generated help centers: a copy of the real project plus N articles per language, copied from
the real guides, organised the way a large help center is (Zendesk's categories, sections and
articles): categories of CATEGORY_SIZE articles, in groups of GROUP_SIZE categories under the
real page's nav section."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools.bench.config_file import (
    BenchError,
    i18n_languages,
    nav_pages,
    nav_section_of,
    read_config,
    write_config,
)
from tools.kit.project import copy_project

SETTINGS_HOOK = "hooks/settings.py"
CAPTURE_HOOK = "hooks/bench_capture.py"
# Nobody reads a flat list of 1000 articles: generated ones go in categories of this many.
CATEGORY_SIZE = 50
# Nor a list of 200 categories: the navigation of an open section links to each of them from
# every page, which made each page's HTML (and the build) grow with the whole site.
GROUP_SIZE = 20


@dataclass
class Source:
    """A real article: its default-language file, and the text of every language's version."""

    src: str
    texts: dict[str, str]

    def title(self, locale: str) -> str:
        return front_matter_title(self.texts[locale], self.src)


def localized(src: str, locale: str, default: bool) -> str:
    """guides/iphone.md -> guides/iphone.en.md for a non-default language (suffix structure)."""
    return src if default else f"{src[:-3]}.{locale}.md"


def front_matter_title(text: str, where: str) -> str:
    match = re.match(r"---\n(.*?\n)---\n", text, re.S)
    meta = yaml.safe_load(match[1]) if match else None
    if not isinstance(meta, dict) or not meta.get("title"):
        raise BenchError(
            f"docs/{where}: no title in the front matter; the bench copies real articles with one"
        )
    return str(meta["title"])


def real_sources(project: Path, config: dict, languages: list[dict]) -> list[Source]:
    """The real articles to multiply: every page in a section of the nav (not the top-level pages,
    the home page and the problems hub), in every language."""
    sources = []
    for src in nav_pages(config.get("nav", [])):
        section = nav_section_of(config["nav"], src)
        if section is None or not section[0]:
            continue
        texts = {}
        for language in languages:
            path = (
                project
                / "docs"
                / localized(src, language["locale"], language.get("default", False))
            )
            if not path.exists():
                raise BenchError(
                    f"docs/{path.relative_to(project / 'docs')}: missing; every article exists in every language"
                )
            texts[language["locale"]] = path.read_text(encoding="utf-8")
        sources.append(Source(src, texts))
    if not sources:
        raise BenchError("mkdocs.yml: nav: no article besides the home page to copy")
    return sources


def generated_src(source: Source, number: int) -> str:
    return f"{source.src[:-3]}-{number:04d}.md"


def generated_text(text: str, title: str, number: int, see_also: list[tuple[str, str]]) -> str:
    """A copy of a real article: numbered title, same headings, markers and links, plus links
    to its neighbours, inserted before the closing support section (same ids in every language)."""
    quoted = json.dumps(f"{title} ({number})", ensure_ascii=False)  # a JSON string is a YAML string
    text = re.sub(r"^title:.*$", lambda m: f"title: {quoted}", text, count=1, flags=re.M)
    text = re.sub(r"^# (.*)$", lambda m: f"# {m[1]} ({number})", text, count=1, flags=re.M)
    links = "\n".join(f"- [{link_title}]({href})" for link_title, href in see_also) + "\n\n"
    support = re.search(r"^## .*\{#support\}", text, re.M)
    if support:
        return text[: support.start()] + links + text[support.start() :]
    return text.rstrip("\n") + "\n\n" + links


def add_articles(
    project: Path,
    config: dict,
    count: int,
    category_size: int = CATEGORY_SIZE,
    group_size: int = GROUP_SIZE,
) -> list[str]:
    """Write `count` generated articles in every language and put them in the nav; return their src paths."""
    languages = i18n_languages(config)
    sources = real_sources(project, config, languages)
    # Article i copies sources[(i // category_size) % len(sources)]: one category = copies of one guide.
    plan = [(sources[(i // category_size) % len(sources)], i + 1) for i in range(count)]
    srcs = [generated_src(source, number) for source, number in plan]
    for index, (source, number) in enumerate(plan):
        neighbours = [
            plan[(index - 1) % count],
            plan[(index + 1) % count],
            plan[(index * 7 + 3) % count],
        ]
        folder = posixpath.dirname(srcs[index])
        for language in languages:
            locale, default = language["locale"], language.get("default", False)

            def href(target_src, anchor="", folder=folder):
                return posixpath.relpath(target_src, folder or ".") + anchor

            see_also = [
                (
                    f"{s.title(locale)} ({n})",
                    href(
                        generated_src(s, n), "#support" if "{#support}" in s.texts[locale] else ""
                    ),
                )
                for s, n in neighbours
            ]
            see_also.append((source.title(locale), href(source.src)))
            text = generated_text(source.texts[locale], source.title(locale), number, see_also)
            (project / "docs" / localized(srcs[index], locale, default)).write_text(
                text, encoding="utf-8"
            )
    add_short_links(project, srcs)
    add_to_nav(config, languages, plan, srcs, category_size, group_size)
    return srcs


def add_to_nav(
    config: dict,
    languages: list[dict],
    plan: list[tuple[Source, int]],
    srcs: list[str],
    category_size: int,
    group_size: int,
) -> None:
    """Each category goes in the nav section of the page it copies, in groups of `group_size`
    categories; every name is translated (nav_translations)."""
    nav = config["nav"]
    # id(section) -> (its title, the section, its categories)
    categories: dict[int, tuple[str, list, list[dict]]] = {}
    for start in range(0, len(srcs), category_size):
        source = plan[start][0]
        names = {
            language["locale"]: f"{source.title(language['locale'])} · {start // category_size + 1}"
            for language in languages
        }
        translate(languages, names)
        found = nav_section_of(nav, source.src)
        if found is None:
            raise BenchError(
                f"mkdocs.yml: nav: {source.src} is not in a section the bench can add to"
            )
        default_name = names[languages[0]["locale"]]
        title, section = found
        categories.setdefault(id(section), (title, section, []))[2].append(
            {default_name: srcs[start : start + category_size]}
        )
    for title, section, its_categories in categories.values():
        # The section's own name in each language (nav_translations; the default's is the nav's).
        local = {
            lang["locale"]: lang.get("nav_translations", {}).get(title, title) for lang in languages
        }
        for first in range(0, len(its_categories), group_size):
            names = {
                locale: f"{name} · {first // group_size + 1}" for locale, name in local.items()
            }
            translate(languages, names)
            section.append(
                {names[languages[0]["locale"]]: its_categories[first : first + group_size]}
            )


def translate(languages: list[dict], names: dict[str, str]) -> None:
    """The default language's name is the nav's; the others' go in their nav_translations."""
    default_name = names[languages[0]["locale"]]
    for language in languages[1:]:
        language.setdefault("nav_translations", {})[default_name] = names[language["locale"]]


def add_short_links(project: Path, srcs: list[str]) -> None:
    """hooks/links.py wants a short link for every page (data/links.yml, short_links)."""
    path = project / "data" / "links.yml"
    links = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    if not isinstance(links, dict) or not isinstance(links.get("short_links"), dict):
        return
    for src in srcs:
        links["short_links"][posixpath.basename(src)[:-3]] = src
    path.write_text(
        yaml.safe_dump(links, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )


def prerender_markers(project: Path, config: dict, build) -> None:
    """Variant b: fill every page's settings markers ahead (with the hook itself, in a build
    that is not timed), then drop the hook."""
    hooks = list(config.get("hooks", []))
    if SETTINGS_HOOK not in hooks:
        raise BenchError(f"mkdocs.yml: hooks: {SETTINGS_HOOK} is not listed; variant b removes it")
    shutil.copyfile(Path(__file__).with_name("capture_hook.py"), project / CAPTURE_HOOK)
    hooks.insert(hooks.index(SETTINGS_HOOK) + 1, CAPTURE_HOOK)
    write_config(project, {**config, "hooks": hooks})
    site = project.parent / f"{project.name}-prerender-site"
    build(project, site)
    shutil.rmtree(site)
    (project / CAPTURE_HOOK).unlink()
    config["hooks"] = [hook for hook in hooks if hook not in (SETTINGS_HOOK, CAPTURE_HOOK)]


def one_language(project: Path, config: dict) -> None:
    """Variant c: only the default language is built (and data/links.yml falls back to it)."""
    languages = i18n_languages(config)
    for language in languages[1:]:
        language["build"] = False
    path = project / "data" / "links.yml"
    links = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    if isinstance(links, dict) and links.get("fallback_language") not in (
        None,
        languages[0]["locale"],
    ):
        links["fallback_language"] = languages[0]["locale"]
        path.write_text(
            yaml.safe_dump(links, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
        )


def make_project(
    destination: Path, articles: int, variant: str, build=None
) -> tuple[Path, list[str]]:
    """A buildable copy of the project with `articles` generated articles per language.
    Variant b needs `build(project, site)` for its untimed pre-rendering build."""
    project = copy_project(destination)
    config = read_config(project)
    generated = add_articles(project, config, articles) if articles else []
    if variant == "b":
        prerender_markers(project, config, build)
    if variant == "c":
        one_language(project, config)
    write_config(project, config)
    commit_all(project)
    return project, generated


def commit_all(project: Path) -> None:
    """Make the copy a git repository with one commit, as a checkout is: plugins that read
    git history (last-updated dates) then do the work they do on the real site."""
    git = [
        "git",
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@localhost",
        "-c",
        "commit.gpgsign=false",
    ]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(git + command, cwd=project, check=True, capture_output=True)
