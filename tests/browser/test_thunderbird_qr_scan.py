"""One-scan set-up for Thunderbird for Android in Chromium (issue 27): on a computer the reader
types an address (and a name) on the guide, and the code drawn there decodes (zxing-cpp, from a
screenshot) to the app's "Export for Mobile" payload, version 1, field by field: the servers from
data/mail-settings.yml, the address as username and identity, no password. Without an address it
asks for one; on a phone and in print it is hidden and loads nothing; no request carries the
address; a changed SMTP port in the data file changes the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qrdecode import decode

from helpcenter.mailsettings import load_settings
from helpcenter.thunderbird_qr import qr_payload

GUIDE = "guides/thunderbird-android/"
ADDRESS = "anna.aberg@example.com"
NAME = "Anna Åberg"
ENCODER = "vendor/qrcode-generator/qrcode.mjs"


def scan(page, address: str = ADDRESS, name: str = NAME) -> list:
    """Type the address and name in the guide's form, show the code and read it as a phone would."""
    block = page.locator(".reader-setup-qr")
    block.locator("#setup-qr-address").fill(address)
    block.locator("#setup-qr-name").fill(name)
    block.locator("button[type=submit]").click()
    code = block.locator(".reader-setup-qr__code svg")
    code.wait_for(state="visible")
    texts = decode(page, code.screenshot())
    assert len(texts) == 1, f"one code, read {texts}"
    return json.loads(texts[0])


@pytest.mark.browser
def test_the_code_holds_the_servers_the_address_and_no_password(new_page, site_url, languages):
    settings = load_settings()
    host = settings["servers"]["imap"]["host"]
    for language in languages:
        page = new_page(viewport=(1280, 900))
        requests: list[str] = []
        page.on(
            "request",
            lambda request, seen=requests: seen.append(request.url + (request.post_data or "")),
        )
        page.goto(site_url + language["prefix"] + GUIDE)
        payload = scan(page)
        assert payload == qr_payload(settings, ADDRESS, NAME)
        version, sequence, incoming, groups = payload
        assert (version, sequence) == (1, [1, 1])
        assert incoming == [0, host, 993, 3, 1, ADDRESS], "IMAP, TLS, normal password"
        [[outgoing, identity]] = groups
        assert outgoing == [0, settings["servers"]["smtp"]["host"], 465, 3, 1, ADDRESS]
        assert identity == [ADDRESS, NAME]
        assert len(incoming) == 6 and len(outgoing) == 6, "no account name, no password"
        svg = page.locator(".reader-setup-qr__code svg")
        assert ADDRESS in svg.get_attribute("aria-label") and svg.get_attribute("role") == "img"
        assert ADDRESS in page.locator(".reader-setup-qr__code figcaption").inner_text()
        width = svg.bounding_box()["width"]
        assert width >= 240, f"the code is {width}px wide: too small to scan from a screen"
        assert any(url.endswith(ENCODER) for url in requests), "the pinned encoder drew it"
        for url in requests:
            assert "anna" not in url.lower() and "example.com" not in url, f"{url} carries it"


@pytest.mark.browser
def test_without_an_address_it_asks_for_one_and_draws_nothing(new_page, site_url, languages):
    for language in languages:
        page = new_page(viewport=(1280, 900))
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.goto(site_url + language["prefix"] + GUIDE)
        block = page.locator(".reader-setup-qr")
        assert block.is_visible()
        status = block.locator("[role=status]").inner_text()
        assert status and "@" not in status, f"asks for an address: {status!r}"
        assert block.locator(".reader-setup-qr__code").is_hidden()
        block.locator("#setup-qr-address").fill("not an address")
        block.locator("button[type=submit]").click()
        assert block.locator("#setup-qr-address").get_attribute("aria-invalid") == "true"
        assert block.locator(".reader-setup-qr__code").is_hidden()
        assert not any(url.endswith(ENCODER) for url in requests)


@pytest.mark.browser
def test_the_address_typed_for_the_steps_draws_the_code_too(new_page, site_url):
    """One address per reader: typed in the steps' field (reader.js), the code follows."""
    page = new_page(viewport=(1280, 900))
    page.goto(site_url + "en/" + GUIDE)
    page.locator(".reader-address__input").fill(ADDRESS)
    page.locator(".reader-address__save").click()
    page.locator(".reader-setup-qr__code svg").wait_for(state="visible")
    [text] = decode(page, page.locator(".reader-setup-qr__code svg").screenshot())
    assert json.loads(text)[2][5] == ADDRESS
    page.locator(".reader-address__forget").click()
    page.locator(".reader-setup-qr__code").wait_for(state="hidden")


@pytest.mark.browser
def test_hidden_on_a_phone_and_in_print(new_page, site_url):
    page = new_page(viewport=(390, 844))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(f"localStorage.setItem('email-help.address', '{ADDRESS}')")
    page.goto(site_url + GUIDE)
    page.wait_for_load_state("networkidle")
    assert page.locator(".reader-setup-qr").is_hidden()
    assert not any(url.endswith(ENCODER) for url in requests), "nothing drawn on a phone"
    desktop = new_page(viewport=(1280, 900))
    desktop.add_init_script(f"localStorage.setItem('email-help.address', '{ADDRESS}')")
    desktop.goto(site_url + GUIDE)
    desktop.locator(".reader-setup-qr__code svg").wait_for(state="visible")
    desktop.emulate_media(media="print")
    assert desktop.locator(".reader-setup-qr").is_hidden()


@pytest.mark.browser
def test_a_changed_smtp_port_in_the_data_changes_the_code(build_copy, serve_directory, new_page):
    def use_port_587(project: Path) -> None:
        path = project / "data" / "mail-settings.yml"
        text = path.read_text(encoding="utf-8")
        today = (
            "  smtp:\n    host: mail.b.hostedemail.com\n    authentication: password\n"
            "    ports:\n      - port: 465\n        security: ssl\n"
        )
        assert today in text, "data/mail-settings.yml's SMTP entry changed: update this test"
        path.write_text(
            text.replace(today, today.replace("465", "587").replace("ssl", "starttls")),
            encoding="utf-8",
        )

    build = build_copy(use_port_587)
    assert build.returncode == 0, build.output
    with serve_directory(build.site) as url:
        page = new_page(viewport=(1280, 900))
        page.goto(url + GUIDE)
        outgoing = scan(page)[3][0][0]
    assert outgoing[2:4] == [587, 2], f"SMTP port 587 with STARTTLS, got {outgoing}"
