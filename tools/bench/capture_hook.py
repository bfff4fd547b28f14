"""Variant b's pages are what hooks/settings.py makes of them in a real build: the bench copies
this hook into a generated project, listed right after hooks/settings.py, for one build that is
not timed; it writes each page's Markdown back to its file (front matter kept)."""

from pathlib import Path


def on_page_markdown(markdown, page, config, files):
    path = Path(page.file.abs_src_path)
    source = path.read_text(encoding="utf-8-sig")
    front = source[: len(source) - len(page.markdown)] if source.endswith(page.markdown) else ""
    path.write_text(front + markdown, encoding="utf-8")
    return markdown
