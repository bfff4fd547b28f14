"""The mailbox's password facts live once, under `mailbox:` in data/mail-settings.yml: every
guide's wrong-password section shows them (<!-- settings:mailbox password -->) in its
language, no guide types them, and changing one fact changes every page in every language."""

from __future__ import annotations

from pathlib import Path

from helpcenter.labels import load_labels
from helpcenter.mailsettings import load_settings
from sitebuild import PROJECT_DIR
from sitelinks import built_pages

MARKER = "- <!-- settings:mailbox password -->"
# Each fact, the value it is changed to, and the label its text then comes from.
MUTATIONS = {
    "app_passwords": ("optional", "unavailable"),
    "password_reset_by": ("site_owner", "support"),
    "two_factor": ("webmail_only", "none"),
}
LABEL_GROUPS = {
    "app_passwords": "app_passwords",
    "password_reset_by": "reset",
    "two_factor": "two_factor",
}


def guides_with_the_marker() -> list[str]:
    """Guide paths without language suffix ('guides/iphone/') whose Markdown uses the marker."""
    found = {
        f"guides/{path.name.split('.')[0]}/"
        for path in (PROJECT_DIR / "docs" / "guides").glob("*.md")
        if MARKER in path.read_text(encoding="utf-8")
    }
    return sorted(found)


def opening(text: str) -> str:
    """A label's words up to its first placeholder or Markdown emphasis: what a page shows as is."""
    return text.split("{")[0].split("**")[0].strip()


def wrong_password_text(page) -> str:
    heading = page.find(id="wrong-password")
    assert heading is not None, "the page has no #wrong-password section"
    return " ".join(
        element.get_text(" ", strip=True)
        for element in heading.find_next_siblings()
        if element.name not in ("h2", "h3")
    )


def facts_shown(site: Path, languages: list[dict], facts: dict[str, str]) -> None:
    labels = load_labels([language["locale"] for language in languages])
    pages = built_pages(site, languages)
    guides = guides_with_the_marker()
    for language in languages:
        locale = language["locale"]
        for guide in guides:
            text = " ".join(wrong_password_text(pages[locale][guide]).split())
            for fact, value in facts.items():
                expected = opening(labels[locale][f"mailbox.{LABEL_GROUPS[fact]}.{value}"])
                assert expected in text, f"{locale} {guide}: {fact}={value} not shown: {expected!r}"


def test_every_guide_shows_the_password_facts_through_the_marker():
    guides = guides_with_the_marker()
    assert len(guides) >= 10, f"only {guides} use {MARKER}"
    for path in (PROJECT_DIR / "docs" / "guides").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "{#wrong-password}" in text:
            assert MARKER in text, (
                f"docs/guides/{path.name}: its wrong-password section lacks {MARKER}"
            )


def test_no_page_types_a_password_fact():
    """The old sentence 'you do not need an app password' was wrong for this mail system, and a
    fact typed into a page drifts: such words belong to the labels the marker shows."""
    typed = ["applösenord", "app password", "appspecifikt", "återställ", "reset your password"]
    for path in (PROJECT_DIR / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8").lower()
        for words in typed:
            assert words not in text, (
                f"{path.relative_to(PROJECT_DIR)} types {words!r}; use {MARKER}"
            )


def test_the_built_guides_show_todays_facts_in_every_language(built_site, languages):
    settings = load_settings()
    facts_shown(built_site, languages, {fact: settings["mailbox"][fact] for fact in MUTATIONS})


def test_changing_each_fact_in_the_data_changes_every_guide_in_every_language(
    build_copy, languages
):
    def mutate(project: Path) -> None:
        path = project / "data" / "mail-settings.yml"
        text = path.read_text(encoding="utf-8")
        for fact, (today, changed) in MUTATIONS.items():
            assert f"  {fact}: {today}\n" in text, (
                f"data/mail-settings.yml no longer says {fact}: {today}"
            )
            text = text.replace(f"  {fact}: {today}\n", f"  {fact}: {changed}\n")
        path.write_text(text, encoding="utf-8")

    build = build_copy(mutate)
    assert build.returncode == 0, build.output
    facts_shown(build.site, languages, {fact: changed for fact, (_, changed) in MUTATIONS.items()})
