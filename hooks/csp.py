"""MkDocs hook: a Content Security Policy in every HTML page the build writes (issue 17).

A help center is linked from support chat and trusted; a policy stops an injected script or
a page framed into a form from running. Static hosts cannot all send headers, so the policy
is a `<meta http-equiv="Content-Security-Policy">`, the first thing after `<meta charset>`
(a meta policy covers only what comes after it). What a meta tag cannot say
(frame-ancestors, report-to) ships in the hosts' header files (SECURITY.md, DEPLOY.md).

Scripts: only files from the site, plus the SHA-256 hashes of exactly the inline scripts each
page carries, computed from the page's final HTML, so a changed script changes its hash and
an injected one is refused. Styles the same way: the site's files plus the hashes of inline
<style> elements (the short-link pages carry one). No page has inline event handlers or
style attributes (tests/browser/test_csp.py sees one as a violation); a policy without
'unsafe-inline' keeps it so.

Runs last: after every language's build (static-i18n builds the others from inside the
default language's on_post_build) and after every hook that writes pages, it rewrites every
.html file under site_dir. It imports no other hook file.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from helpcenter import preview_state

# The search engine's WebAssembly needs 'wasm-unsafe-eval' (Pagefind does; lunr does not).
# It allows compiling WebAssembly only, never eval() of text. Off until search needs it.
SEARCH_NEEDS_WASM = False

# An inline <script> with one of these types (or none) runs, so it needs a hash; a data block
# (type="application/json") never runs and needs none.
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_OLD_POLICY = re.compile(
    r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?', re.IGNORECASE
)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------


@event_priority(-1000)  # after static-i18n (-100) and every hook that writes pages (-200 at most)
def on_post_build(config: MkDocsConfig) -> None:
    """Every page of every language gets its policy, once, when the whole site is written."""
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # static-i18n is building another language; the outer build comes back here
    state = preview_state.of(config)
    for path in Path(config.site_dir).rglob("*.html"):
        if state is not None and state.dirty and not state.written_this_build(path):
            continue  # `make serve`'s fast preview: a page it did not rebuild has its policy
        html = path.read_text(encoding="utf-8")
        with_policy = add_policy(html)
        if with_policy != html:
            path.write_text(with_policy, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Helpers (tests call these directly)
# --------------------------------------------------------------------------------------------


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element's exact text: 'sha256-<base64>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of the page's inline scripts that run, in page order, without repeats."""
    hashes = []
    for attributes, body in _SCRIPT.findall(html):
        found = {
            name.lower(): (value or "").strip("\"'")
            for name, value in _ATTRIBUTE.findall(attributes)
        }
        if "src" in found or found.get("type", "").strip().lower() not in RUNNABLE_TYPES:
            continue
        hashes.append(sha256_source(body))
    return list(dict.fromkeys(hashes))


def inline_style_hashes(html: str) -> list[str]:
    """The hashes of the page's <style> elements, in page order, without repeats."""
    return list(dict.fromkeys(sha256_source(body) for body in _STYLE.findall(html)))


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
    """The page with its policy as the first tag after <meta charset> (else after <head>);
    a page without <head> (not a page) is returned as it is. Any earlier policy is replaced,
    so a second run (mkdocs serve) changes nothing."""
    html = _OLD_POLICY.sub("", html)
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if not anchor:
        return html
    content = policy(inline_script_hashes(html), inline_style_hashes(html))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return html[: anchor.end()] + "\n" + tag + html[anchor.end() :]
