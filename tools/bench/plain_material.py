"""The site's pages as a plain Material site, for tools/bench/pagecost.py (issue 28): no hooks,
overrides, extra CSS or JavaScript, the markers filled in beforehand with the site's own renderer,
so the text and tables are the same and only what our code adds is missing."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from helpcenter import templates
from helpcenter.labels import load_labels
from helpcenter.languages import project_languages
from helpcenter.mailsettings import load_settings
from helpcenter.markers import fill_markers
from helpcenter.problems import load_problems
from helpcenter.values import Renderer
from tools.kit.build import PROJECT_DIR


def plain_project(workdir: Path) -> Path:
    """A plain Material project of the site's English pages, markers filled, same navigation."""
    config = yaml.safe_load(
        (PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )
    project = workdir / "plain"
    docs = project / "docs"
    locale = "en"
    settings = load_settings()
    labels = load_labels(
        [language.locale for language in project_languages(PROJECT_DIR / "mkdocs.yml")]
    )
    render = Renderer(
        settings=settings,
        labels=labels[locale],
        templates=templates.environment(PROJECT_DIR / "overrides" / "partials"),
        downloads={"apple-profile": "email.mobileconfig"},
        problems=load_problems(PROJECT_DIR / "docs", list(labels)),
        locale=locale,
    )
    # Every page of the language, so the navigation is as long as the site's.
    for source in sorted((PROJECT_DIR / "docs").rglob(f"*.{locale}.md")):
        relative = source.relative_to(PROJECT_DIR / "docs").as_posix()
        markdown = source.read_text(encoding="utf-8")
        # Material's own template: the overview's (overrides/overview.html) is ours.
        markdown = re.sub(r"(?m)^template: .*\n", "", markdown, count=1)
        target = docs / relative.replace(f".{locale}.md", ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill_markers(markdown, render, relative), encoding="utf-8")
    plain = {
        "site_name": config["site_name"],
        "site_url": config["site_url"] + "en/",
        # Material's own options (features, colour schemes) as the site sets them: their cost
        # is Material's, and the comparison is of what our code adds.
        "theme": {
            "name": "material",
            "font": False,
            "language": locale,
            "features": config["theme"].get("features", []),
            "palette": config["theme"].get("palette", []),
        },
        # The header's repository link and language selector are Material's too.
        "repo_url": config.get("repo_url"),
        "edit_uri": config.get("edit_uri"),
        "extra": {"alternate": alternates()},
        "markdown_extensions": config["markdown_extensions"],
        "nav": config["nav"],
        "not_in_nav": config.get("not_in_nav", ""),
        "validation": {"links": {"not_found": "ignore", "anchors": "ignore"}},
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    return project


def alternates() -> list[dict[str, str]]:
    """Material's language selector as static-i18n gives it to the site: one link a language."""
    return [
        {"name": language.name, "link": "/" + language.prefix, "lang": language.locale}
        for language in project_languages(PROJECT_DIR / "mkdocs.yml")
    ]
