"""The hosts' header files say the same thing: deploy/_headers (Netlify, Cloudflare Pages) and
deploy/nginx.conf give every response the same security headers, and each set-up file that
the built site holds (Apple profiles, Thunderbird's autoconfig file) the content type its
reader needs, the one the test server (tools/kit/serve.py) and `mkdocs serve` use too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import setup_files
from sitebuild import PROJECT_DIR
from tools.build_site import build_site
from tools.kit.serve import CONTENT_TYPES

HEADERS_FILE = PROJECT_DIR / "deploy" / "_headers"
NGINX_FILE = PROJECT_DIR / "deploy" / "nginx.conf"
REQUIRED = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Strict-Transport-Security": "max-age=",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "",
    "Permissions-Policy": "camera=()",
}


def headers_rules() -> list[tuple[str, dict[str, str]]]:
    """deploy/_headers as [(URL pattern, {header: value})], in the file's order."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in HEADERS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            assert rules, f"_headers: a header before any path: {line!r}"
            rules[-1][1][name.strip()] = value.strip()
    return rules


def matches(pattern: str, path: str) -> bool:
    """The hosts' rule: `:name` is one path segment, a trailing `*` is the rest of the path."""
    pattern_parts, path_parts = pattern.strip("/").split("/"), path.strip("/").split("/")
    for index, part in enumerate(pattern_parts):
        if part == "*" and index == len(pattern_parts) - 1:
            return len(path_parts) > index
        if index >= len(path_parts) or not (part.startswith(":") or part == path_parts[index]):
            return False
    return len(pattern_parts) == len(path_parts)


def headers_for(path: str) -> dict[str, str]:
    """What Netlify or Cloudflare Pages send for `path`: every matching rule, merged."""
    found: dict[str, str] = {}
    for pattern, headers in headers_rules():
        if matches(pattern, path):
            found.update(headers)
    return found


def nginx() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    """deploy/nginx.conf as ({header: value} of its add_header lines, [(location, type)])."""
    text = NGINX_FILE.read_text(encoding="utf-8")
    headers = dict(re.findall(r'^add_header ([\w-]+) "(.*)" always;$', text, re.M))
    locations = [
        (re.compile(regex), content_type + (f"; charset={charset}" if charset else ""))
        for regex, content_type, charset in re.findall(
            r"^location ~ (\S+) \{\n\s+types \{ \}\n\s+default_type ([\w/+.-]+);\n"
            r"(?:\s+charset ([\w-]+);\n\s+charset_types [\w/+.-]+;\n)?\}",
            text,
            re.M,
        )
    ]
    return headers, locations


def nginx_type(path: str) -> str | None:
    types = [content_type for regex, content_type in nginx()[1] if regex.search("/" + path)]
    assert len(types) <= 1, f"/{path}: more than one nginx location"
    return types[0] if types else None


def expected_type(path: str) -> str | None:
    """The type a set-up file needs; None for every other file of the site."""
    if path.endswith(setup_files.PROFILE_PATH):
        return setup_files.PROFILE_CONTENT_TYPE
    if path in setup_files.AUTOCONFIG_PATHS:
        return "application/xml"
    if path.endswith("index.md"):  # a page's Markdown copy (hooks/agents.py)
        return "text/markdown; charset=utf-8"
    if path.rsplit("/", 1)[-1] == "llms.txt":
        return "text/plain; charset=utf-8"
    return None


def test_every_response_gets_the_same_security_headers_from_both_files():
    everywhere = headers_for("/any/page/")
    nginx_headers, _ = nginx()
    assert everywhere == nginx_headers
    for name, value in REQUIRED.items():
        assert value in everywhere.get(name, "<missing>"), f"{name}: {everywhere.get(name)}"


def test_each_set_up_file_gets_its_content_type_and_nothing_else_does(built_site):
    files = sorted(
        p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()
    )
    set_up = [path for path in files if expected_type(path)]
    assert len(set_up) >= len(setup_files.AUTOCONFIG_PATHS) + 2, set_up  # + a profile per language
    for path in files:
        wanted = expected_type(path)
        assert headers_for("/" + path).get("Content-Type") == wanted, f"_headers: /{path}"
        assert nginx_type(path) == wanted, f"nginx.conf: /{path}"
        if wanted:
            assert CONTENT_TYPES[Path(path).suffix] == wanted, f"tools/kit/serve.py: /{path}"


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("/profiles/*", "/profiles/email.mobileconfig", True),
        ("/:lang/profiles/*", "/en/profiles/email.mobileconfig", True),
        ("/:lang/profiles/*", "/profiles/email.mobileconfig", False),
        ("/mail/config-v1.1.xml", "/mail/config-v1.1.xml", True),
        ("/mail/config-v1.1.xml", "/en/mail/config-v1.1.xml", False),
        ("/:a/:b/index.md", "/guides/iphone/index.md", True),
        ("/:a/:b/index.md", "/en/guides/iphone/index.md", False),
    ],
)
def test_the_pattern_reader_matches_as_the_hosts_do(pattern, path, expected):
    assert matches(pattern, path) is expected


def test_make_build_puts_the_headers_file_where_the_hosts_read_it(tmp_path):
    assert build_site(tmp_path / "site") == 0
    assert (tmp_path / "site" / "_headers").read_bytes() == HEADERS_FILE.read_bytes()
