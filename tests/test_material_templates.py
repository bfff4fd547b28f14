"""Where the site leans on Material's inner workings, a test names the Material it was written
for, so an upgrade is checked before it lands:
- overrides/main.html copies Material's container block to mark the article search indexes;
- docs/assets/javascripts/search-defer.js holds back Material's search start-up (its
  XMLHttpRequest for search/search_index.json and its `new Worker(config.search)`), and
  workers/search-lazy.js answers Material's worker messages (SETUP, READY, QUERY, RESULT)."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material

# Material's container block as overrides/main.html's copy was made from it (9.8.2).
WRITTEN_FOR = "9.8.2"
CONTAINER = """{% block container %}
<div class="md-content" data-md-component="content">
{% if "navigation.path" in features %}
{% include "partials/path.html" %}
{% endif %}
<article class="md-content__inner md-typeset">
{% block content %}
{% include "partials/content.html" %}
{% endblock %}
</article>
</div>
{% endblock %}"""


def material_block(name: str) -> str:
    """The block as Material's base.html writes it, one line per line, without indentation."""
    text = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    start = text.index(f"{{% block {name} %}}")
    lines, depth = [], 0
    for line in text[start:].splitlines():
        line = line.strip()
        lines.append(line)
        depth += len(re.findall(r"{%-?\s*block\b", line)) - len(
            re.findall(r"{%-?\s*endblock\b", line)
        )
        if depth == 0:
            return "\n".join(lines)
    raise AssertionError(f"Material's base.html: block {name} has no end")


def test_materials_container_block_is_the_one_main_html_copies():
    installed = version("mkdocs-material")
    assert material_block("container") == CONTAINER, (
        f"Material {installed} writes base.html's container block differently from {WRITTEN_FOR}, "
        "which overrides/main.html copies: bring its changes into the copy, then update "
        "CONTAINER and WRITTEN_FOR here"
    )


def test_the_search_scripts_were_written_for_the_installed_material():
    installed = version("mkdocs-material")
    assert installed == WRITTEN_FOR, (
        f"Material {installed} is installed; search-defer.js and workers/search-lazy.js were "
        f"written for {WRITTEN_FOR}: check in Material's bundle that the page still fetches "
        "search/search_index.json with XMLHttpRequest, starts `new Worker(config.search)` and "
        "sends the worker SETUP/QUERY messages as before (the Chromium search tests show it), "
        "then raise WRITTEN_FOR"
    )
