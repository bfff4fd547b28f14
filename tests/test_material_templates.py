"""overrides/main.html copies Material's container block to mark the article search indexes.
Upgrading Material must not drop a change of its own in that block silently: this test fails when
the installed Material writes the block differently from the one copied, naming both versions."""

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
