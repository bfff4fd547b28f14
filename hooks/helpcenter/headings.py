"""What the hooks put around a page's headings, added to the tree Python-Markdown builds, so no
hook searches the page's HTML for its headings.

The hooks fill the site context's `headings` for the page about to be rendered (`on_page_markdown`):
hooks/links.py a copy-link button in every heading with an id and the old ids of renamed
headings, hooks/qr_codes.py a QR code after the heading of each download section,
hooks/settings.py the reader's address field after the first block that shows the example
address (in the page from the start, so nothing moves when it is set up). The
treeprocessor reads it as Markdown renders that page. The HTML goes through Markdown's own store
of raw HTML, as HTML typed into a page does, so it comes out exactly as its template wrote it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# After the table of contents (5), which gives the headings their ids and permalinks.
PRIORITY = 4
# What overrides/partials/settings/value.html writes on every example address (reader.js puts
# the reader's own address there).
EXAMPLE_ADDRESS = "data-example-address"


@dataclass
class HeadingExtras:
    """One page's additions: HTML at the end of a heading, before it, after it, or first."""

    button: Callable[[str, int], str] | None = None  # (id, level) -> HTML inside the heading
    before: dict[str, list[str]] = field(default_factory=dict)  # id -> HTML before the heading
    after: dict[str, list[str]] = field(default_factory=dict)  # id -> HTML after the heading
    first: list[str] = field(default_factory=list)  # HTML before the page's first block
    after_example: str = ""  # HTML after the first block that shows the example address


class HeadingExtrasProcessor(Treeprocessor):
    """Runs after the table of contents, so every heading has its final id and permalink."""

    def __init__(self, md: Markdown, extras: Callable[[], HeadingExtras | None]):
        super().__init__(md)
        self.extras = extras

    def run(self, root: etree.Element) -> None:
        extras = self.extras()
        if extras is None:
            return
        for parent in list(root.iter()):
            for heading in [child for child in parent if child.tag in HEADINGS]:
                self._around(parent, heading, extras)
        root.text = "".join(map(self.md.htmlStash.store, extras.first)) + (root.text or "")
        block = self._first_example_block(root) if extras.after_example else None
        if block is not None:
            block.tail = self.md.htmlStash.store(extras.after_example) + (block.tail or "")

    def _first_example_block(self, root: etree.Element) -> etree.Element | None:
        """The first top-level block with an example address in it: the markers' HTML sits in
        Markdown's raw-HTML store, named in the text by placeholders."""
        stored = self.md.htmlStash.rawHtmlBlocks
        for block in root:
            texts = [block.text] + [
                text
                for child in block.iter()
                if child is not block
                for text in (child.text, child.tail)
            ]
            for text in filter(None, texts):
                for number in HTML_PLACEHOLDER_RE.findall(text):
                    if EXAMPLE_ADDRESS in str(stored[int(number)]):
                        return block
        return None

    def _around(self, parent: etree.Element, heading: etree.Element, extras: HeadingExtras) -> None:
        anchor = heading.get("id")
        if not anchor:
            return
        store = self.md.htmlStash.store
        if extras.button is not None:
            inside = store(extras.button(anchor, int(heading.tag[1])))
            last = heading[-1] if len(heading) else None
            if last is not None:
                last.tail = (last.tail or "") + inside
            else:
                heading.text = (heading.text or "") + inside
        after = "".join(map(store, extras.after.get(anchor, [])))
        heading.tail = after + (heading.tail or "")
        before = "".join(map(store, extras.before.get(anchor, [])))
        position = list(parent).index(heading)
        if position:
            previous = parent[position - 1]
            previous.tail = (previous.tail or "") + before
        else:
            parent.text = (parent.text or "") + before


class HeadingExtrasExtension(Extension):
    """Registered once per build by hooks/site_context.py, over the site context's `headings`."""

    def __init__(self, extras: Callable[[], HeadingExtras | None]):
        super().__init__()
        self.extras = extras

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            HeadingExtrasProcessor(md, self.extras), "helpcenter_headings", PRIORITY
        )


def with_extension(extensions: list, extras: Callable[[], HeadingExtras | None]) -> list:
    """The Markdown extensions with this one, bound to `extras`, in place of any earlier one."""
    kept = [found for found in extensions if not isinstance(found, HeadingExtrasExtension)]
    return [*kept, HeadingExtrasExtension(extras)]
