"""The agents' console in Chromium (/agent/, issue 25): an agent's task takes one filter and one
copy, with the keyboard alone; the chosen language and the customer's address stay in the
browser and are never sent; axe finds nothing in light and dark; the page breaks no policy."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpcenter import console

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]
ADDRESS = "kund@exempelbolaget.se"
# "The Swedish (English) link to the fix for Outlook not sending": at most three words.
TASKS = {"sv": "outlook skicka", "en": "outlook send"}
# The problems hub's entry once it exists (the shared contract's id), else the Outlook guide's.
TARGETS = ("problems/#sending-fails", "guides/outlook/#sending-fails")
LISTEN = """document.addEventListener("securitypolicyviolation", event => window.__cspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${location.pathname}`))"""


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def open_console(browser, site_url, prefix, violations, **options):
    context = browser.new_context(permissions=CLIPBOARD, **options)
    context.expose_binding("__cspViolation", lambda source, text: violations.append(text))
    context.add_init_script(script=LISTEN)
    page = context.new_page()
    page.goto(site_url + prefix + console.CONSOLE_DIR + "/")
    return context, page


def expected_target(built_site) -> str:
    """The problem entry when the problems hub exists, else the Outlook guide's section."""
    catalog = json.loads((built_site / "links.json").read_text("utf-8"))
    keys = {(entry["page"], entry["anchor"]) for entry in catalog["entries"]}
    return TARGETS[0] if ("problems.md", "sending-fails") in keys else TARGETS[1]


@pytest.mark.parametrize("locale", ["sv", "en"])
def test_an_agent_copies_the_link_to_the_fix_for_outlook_not_sending_in_one_filter_and_one_copy(
    browser, site_url, built_site, languages, mkdocs_config, locale
):
    language = next(each for each in languages if each["locale"] == locale)
    base = mkdocs_config["site_url"]
    violations: list[str] = []
    requests: list[str] = []
    context, page = open_console(browser, site_url, language["prefix"], violations)
    page.on("request", lambda request: requests.append(request.url + (request.post_data or "")))
    page.select_option("[data-agent-language]", locale)
    page.fill("[data-agent-address]", ADDRESS)
    page.focus("[data-agent-filter]")
    # The task: one filter, one copy (Enter copies the first row's link).
    page.keyboard.type(TASKS[locale])
    page.keyboard.press("Enter")
    first = page.locator("[data-agent-results] li").first
    page.wait_for_selector("[data-agent-results] li [data-state=copied]")
    assert page.get_attribute("[data-agent-results]", "data-query") == TASKS[locale]
    link = clipboard(page)
    assert link.startswith(base + language["prefix"]), link
    assert link.removeprefix(base + language["prefix"]) in TARGETS, link
    assert link.endswith(expected_target(built_site)) or expected_target(built_site) == TARGETS[0]
    catalog = json.loads((built_site / "links.json").read_text("utf-8"))
    entry = next(e for e in catalog["entries"] if e["url"].get(locale) == link)
    # The same row's short link and snippet (the username filled with the typed address).
    first.locator("[data-kind=short]").click()
    page.wait_for_selector("[data-agent-results] li:first-child [data-kind=short][data-state]")
    assert clipboard(page) == entry["short_link"] and entry["short_link"].startswith(base + "go/")
    first.locator("[data-kind=snippet]").click()
    page.wait_for_selector("[data-agent-results] li:first-child [data-kind=snippet][data-state]")
    snippet = clipboard(page).split("\n")
    assert snippet[-1] == link and len(snippet) >= 2
    assert snippet[0] == first.locator(".agent__title").inner_text()
    assert snippet == entry["snippet"][locale].split("\n")
    assert not any(ADDRESS in url or "kund%40" in url for url in requests), requests
    assert violations == []
    context.close()


def test_a_settings_snippet_carries_the_customers_address_and_the_choices_are_remembered(
    browser, site_url, languages
):
    violations: list[str] = []
    context, page = open_console(browser, site_url, "", violations)
    assert page.evaluate("document.activeElement.id") == "agent-filter"
    english = languages[-1]["locale"]
    page.select_option("[data-agent-language]", english)
    page.fill("[data-agent-address]", ADDRESS)
    page.locator("[data-agent-filter]").press_sequentially("smtp")
    row = page.locator("[data-agent-results] li[data-key=smtp]")
    row.locator("[data-kind=snippet]").click()
    page.wait_for_selector("li[data-key=smtp] [data-kind=snippet][data-state]")
    snippet = clipboard(page)
    assert ADDRESS in snippet and "/en/#smtp-settings" in snippet, snippet
    page.reload()
    assert page.input_value("[data-agent-language]") == english
    assert page.input_value("[data-agent-address]") == ADDRESS
    page.click("[data-agent-forget]")
    page.reload()
    assert page.input_value("[data-agent-address]") == ""
    assert violations == []
    context.close()


def test_the_console_works_with_the_keyboard_alone(browser, site_url, mkdocs_config):
    violations: list[str] = []
    context, page = open_console(browser, site_url, "", violations)
    page.keyboard.type("iphone")
    page.locator("[data-agent-results] li").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.kind") == "link"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.kind") == "short"
    page.keyboard.press("Enter")
    assert clipboard(page).startswith(mkdocs_config["site_url"] + "go/iphone/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "agent-filter"
    assert violations == []
    context.close()


def test_axe_finds_nothing_on_the_console_in_light_and_dark(browser, site_url, languages):
    axe = Axe()
    problems = []
    for scheme in ("light", "dark"):
        for language in languages:
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            page.goto(site_url + language["prefix"] + console.CONSOLE_DIR + "/")
            page.locator("[data-agent-filter]").press_sequentially("imap")
            page.locator("[data-agent-results] li").first.wait_for()
            page.locator("[data-agent-results] li [data-kind=link]").first.click()
            result = axe.run(page)
            problems += [
                f"{language['locale']} {scheme}: {violation['id']} {violation['nodes'][0]['target']}"
                for violation in result.response["violations"]
            ]
            context.close()
    assert problems == []
