"""MkDocs hook: a Content Security Policy in every HTML page the build writes (issue 17).

A help center is linked from support chat and trusted; a policy stops an injected script or
a page framed into a form from running. Static hosts cannot all send headers, so the policy
is a `<meta http-equiv="Content-Security-Policy">`, the first thing after `<meta charset>`
(a meta policy covers only what comes after it). The templates write that tag with PLACEHOLDER
(overrides/main.html, partials/links/redirect.html, partials/agent/console.html); this hook puts
the page's policy in its place. What a meta tag cannot say
(frame-ancestors, report-to) ships in the hosts' header files (SECURITY.md, DEPLOY.md).

Scripts: only files from the site, plus the SHA-256 hashes of exactly the inline scripts each
page carries, computed from the page's final HTML, so a changed script changes its hash and
an injected one is refused. Styles the same way: the site's files plus the hashes of inline
<style> elements (the short-link pages carry one). No page has inline event handlers or
style attributes (tests/browser/test_csp.py sees one as a violation); a policy without
'unsafe-inline' keeps it so.

A page MkDocs builds gets its policy in `on_post_page`, after every other hook has changed it, so
it is not read again. The pages other hooks write themselves (short links, redirects, 404 pages,
the agents' console) get theirs once the whole site exists: `on_post_build` fills every file that
still carries the placeholder. The hashes come from lxml's parse of the page, which reads a
script's text as a browser does. It imports no other hook file.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import lxml.html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from helpcenter import preview_state

# The search engine's WebAssembly needs 'wasm-unsafe-eval' (Pagefind does; lunr does not).
# It allows compiling WebAssembly only, never eval() of text. Off until search needs it.
SEARCH_NEEDS_WASM = False

# An inline <script> with one of these types (or none) runs, so it needs a hash; a data block
# (type="application/json") never runs and needs none.
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

# What the templates write where the policy goes, right after <meta charset>.
PLACEHOLDER = '<meta http-equiv="Content-Security-Policy" content="filled-in-by-hooks/csp.py">'


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


@event_priority(-1000)  # after every other hook that changes a page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page's policy, from its final HTML."""
    return add_policy(output)


@event_priority(-1000)  # after static-i18n (-100) and every hook that writes pages (-200 at most)
def on_post_build(config: MkDocsConfig) -> None:
    """The pages other hooks wrote get their policy, once, when the whole site is written."""
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # static-i18n is building another language; the outer build comes back here
    state = preview_state.of(config)
    for path in Path(config.site_dir).rglob("*.html"):
        if state is not None and state.dirty and not state.written_this_build(path):
            continue  # `make serve`'s fast preview: a page it did not rebuild has its policy
        html = path.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            path.write_text(add_policy(html), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element's exact text: 'sha256-<base64>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of the page's inline scripts that run, in page order, without repeats."""
    return inline_hashes(html)[0]


def inline_style_hashes(html: str) -> list[str]:
    """The hashes of the page's <style> elements, in page order, without repeats."""
    return inline_hashes(html)[1]


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """The hashes of the page's inline scripts that run and of its <style> elements, each in
    page order without repeats. A script with a src, or a data block, needs none."""
    scripts, styles = [], []
    for element in lxml.html.document_fromstring(html).iter("script", "style"):
        if element.tag == "style":
            styles.append(sha256_source(element.text or ""))
        elif element.get("src") is None and (
            (element.get("type") or "").strip().lower() in RUNNABLE_TYPES
        ):
            scripts.append(sha256_source(element.text or ""))
    return list(dict.fromkeys(scripts)), list(dict.fromkeys(styles))


def policy(script_hashes: list[str], style_hashes: list[str]) -> str:
    """The policy for a page with these inline scripts and styles."""
    scripts = ["'self'", *script_hashes] + (["'wasm-unsafe-eval'"] if SEARCH_NEEDS_WASM else [])
    directives = {
        "default-src": ["'self'"],
        "script-src": scripts,
        "style-src": ["'self'", *style_hashes],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def add_policy(html: str) -> str:
    """The page with its policy in the placeholder's place; a page without the placeholder (not
    a page, or one that has its policy) is returned as it is."""
    if PLACEHOLDER not in html:
        return html
    content = policy(*inline_hashes(html))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return html.replace(PLACEHOLDER, tag, 1)
