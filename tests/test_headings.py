"""helpcenter/headings.py: what hooks ask for around a page's headings comes out where they
asked, exactly as their templates wrote it, in the HTML Python-Markdown renders."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from helpcenter.headings import HeadingExtras, with_extension

PAGE = "# Title {#title}\n\nIntro.\n\n## Step 1 {#step-1}\n\nText.\n\n## Step 2 {#step-2}\n"


def render(extras: HeadingExtras | None, text: str = PAGE) -> str:
    extensions = with_extension(["attr_list", "toc"], lambda: extras)
    return markdown.Markdown(
        extensions=extensions, extension_configs={"toc": {"permalink": True}}
    ).convert(text)


def test_each_heading_with_an_id_gets_its_button_after_the_permalink():
    html = render(
        HeadingExtras(button=lambda anchor, level: f'<button data-for="{anchor}-{level}"></button>')
    )
    soup = BeautifulSoup(html, "html.parser")
    for anchor, level in (("title", 1), ("step-1", 2), ("step-2", 2)):
        heading = soup.find(id=anchor)
        assert heading is not None
        assert [child.name for child in heading.find_all(recursive=False)] == ["a", "button"]
        assert heading.button["data-for"] == f"{anchor}-{level}"


def test_html_goes_before_and_after_its_heading_and_first_on_the_page_without_a_paragraph():
    extras = HeadingExtras(
        before={"step-1": ['<span id="old-1"></span>', '<span id="old-2"></span>']},
        after={"step-2": ['<figure class="code"><svg viewBox="0 0 8 8"></svg></figure>']},
        first=['<span id="moved" data-to="/b/"></span>'],
    )
    html = render(extras)
    assert html.startswith('<span id="moved" data-to="/b/"></span>')
    assert '<span id="old-1"></span><span id="old-2"></span><h2 id="step-1">' in html
    assert '</h2><figure class="code"><svg viewBox="0 0 8 8"></svg></figure>' in html
    assert "<p><span" not in html and "<p><figure" not in html


def test_a_page_no_hook_asked_for_is_rendered_as_markdown_alone_renders_it():
    alone = markdown.Markdown(
        extensions=["attr_list", "toc"], extension_configs={"toc": {"permalink": True}}
    ).convert(PAGE)
    assert render(None) == alone
    assert render(HeadingExtras(after={"no-such-id": ["<hr>"]})) == alone


EXAMPLE = "<code data-example-address>name@example.com</code>"
FORM = '<form class="reader-address"></form>'


def test_the_address_field_follows_the_first_block_that_shows_the_example_address():
    page = (
        "# Title {#title}\n\nNo address here.\n\n"
        f"- Username: {EXAMPLE}\n- Password\n\n"
        f"Again: {EXAMPLE}\n"
    )
    soup = BeautifulSoup(render(HeadingExtras(after_example=FORM), page), "html.parser")
    form = soup.find("form")
    assert form is not None and len(soup.find_all("form")) == 1
    assert form.find_previous_sibling().name == "ul"
    assert form.find_previous_sibling().find("code", attrs={"data-example-address": True})


def test_an_example_in_a_raw_html_block_counts_and_a_page_without_one_gets_no_field():
    page = f'Intro.\n\n<div class="mail-table">\n<p>{EXAMPLE}</p>\n</div>\n\nAfter.\n'
    soup = BeautifulSoup(render(HeadingExtras(after_example=FORM), page), "html.parser")
    form = soup.find("form")
    assert form is not None
    assert form.find_previous_sibling()["class"] == ["mail-table"]
    assert FORM not in render(HeadingExtras(after_example=FORM), PAGE)
