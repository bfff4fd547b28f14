"""The Content Security Policy in Chromium (hooks/csp.py, issue 17): every HTML file the build
writes carries it, and no page breaks it, while a reader searches, copies, switches language
and colour scheme, follows a short link or lands on the 404 page. A policy that misses one
inline script's hash is caught: the browser reports it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import csp

pytestmark = pytest.mark.browser

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

# Reports every violation to the test through a binding that survives navigations.
LISTEN = """document.addEventListener("securitypolicyviolation", event => window.__cspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${location.pathname}` +
    ` (${event.sourceFile || ""}:${event.lineNumber})`))"""


def html_files(site: Path) -> list[str]:
    """Every HTML file of the site as a path from its root: pages, 404 pages, short links."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def watched_context(browser, violations: list[str], **options):
    """A browser context that appends every CSP violation of every page it opens to `violations`."""
    context = browser.new_context(**options)
    context.expose_binding("__cspViolation", lambda source, text: violations.append(text))
    context.add_init_script(script=LISTEN)
    return context


def test_every_html_file_carries_a_policy_with_exactly_its_inline_scripts(built_site):
    files = html_files(built_site)
    assert "404.html" in files and any(name.startswith("go/") for name in files), files[:5]
    problems = []
    for name in files:
        html = (built_site / name).read_text(encoding="utf-8")
        policies = POLICY.findall(html)
        if len(policies) != 1:
            problems.append(
                f"{name}: {len(policies)} policies; the template that writes it needs "
                f"{csp.PLACEHOLDER} right after <meta charset> (hooks/csp.py)"
            )
            continue
        directives = dict(part.strip().split(" ", 1) for part in policies[0].split(";"))
        scripts = directives["script-src"].split()
        if (
            sorted(scripts) != sorted(["'self'", *csp.inline_script_hashes(html)])
            or "'unsafe-eval'" in scripts
        ):
            problems.append(f"{name}: script-src {scripts}")
        if directives.get("object-src") != "'none'" or directives.get("default-src") != "'self'":
            problems.append(f"{name}: {directives}")
        if html.index("Content-Security-Policy") > html.index("<script"):
            problems.append(f"{name}: the policy comes after a script, which then runs unchecked")
    assert problems == []


def test_no_page_breaks_the_policy_while_a_reader_uses_it(browser, built_site, site_url, languages):
    violations: list[str] = []
    for scheme in ("light", "dark"):
        context = watched_context(browser, violations, color_scheme=scheme)
        page = context.new_page()
        for name in html_files(built_site):
            page.goto(site_url + name.removesuffix("index.html"))
            page.wait_for_load_state("load")
        for language in languages:
            page.goto(site_url + language["prefix"] + "guides/iphone/")
            page.locator("input[data-md-component=search-query]").press_sequentially("IMAP")
            page.wait_for_selector(".md-search-result__item")
            page.keyboard.press("Escape")
            copy = page.locator("article .links-copy:not(.links-copy--link)").first
            copy.click()
            page.wait_for_selector("article .links-copy[data-state=copied]")
            # Material's copy button on code blocks.
            code_copy = page.locator("article .md-clipboard")
            if code_copy.count():
                code_copy.first.click()
            page.locator("label.md-header__button[for^=__palette]:visible").first.click()
            page.locator(".frame-language__button").click()
            page.locator("[data-links-switch]:not([aria-current])").first.click()
            page.wait_for_load_state("load")
            # The host serves the 404 page.
            page.goto(site_url + language["prefix"] + "no-such-page/")
            page.wait_for_selector("article h1")
            page.goto(site_url + "go/iphone/")  # a short link: a script picks the language
            page.wait_for_url(re.compile(r"/guides/iphone/$"))
        context.close()
    assert violations == []


def test_a_page_whose_policy_misses_one_script_hash_reports_a_violation(
    browser, built_site, serve_directory, tmp_path
):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page_file = site / "guides" / "iphone" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    dropped = csp.inline_script_hashes(html)[0]
    page_file.write_text(html.replace(" " + dropped, "", 1), encoding="utf-8")
    violations: list[str] = []
    with serve_directory(site) as url:
        context = watched_context(browser, violations)
        page = context.new_page()
        page.goto(url + "guides/iphone/")
        page.wait_for_load_state("load")
        page.wait_for_function("() => document.readyState === 'complete'")
        context.close()
    assert any(text.startswith("script-src") for text in violations), violations
