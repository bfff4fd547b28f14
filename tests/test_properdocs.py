"""Ready to leave MkDocs 1.6 (ARCHITECTURE.md, "After Material"): ProperDocs, its maintained fork
(requirements-properdocs.txt, installed in .venv-properdocs beside MkDocs by `make test`),
builds the real site, strictly, into the same files MkDocs builds, byte for byte, but for the
one tag that names the generator."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import PROJECT_DIR
from tools.kit.build import build_environment

PROPERDOCS = PROJECT_DIR / ".venv-properdocs" / "bin" / "properdocs"
IN_CI = os.environ.get("CI", "").lower() == "true"


def without_generator(html: str) -> str:
    """The page without `<meta name="generator">`, which names MkDocs or ProperDocs."""
    page = BeautifulSoup(html, "lxml")
    for meta in page.find_all("meta", attrs={"name": "generator"}):
        meta.decompose()
    return str(page)


def site_differences(one: Path, other: Path) -> list[str]:
    """Every file that is in one site only, or differs in more than the generator tag."""
    files = {path.relative_to(one) for path in one.rglob("*") if path.is_file()}
    others = {path.relative_to(other) for path in other.rglob("*") if path.is_file()}
    found = [f"{path}: only in {one if path in files else other}" for path in files ^ others]
    for path in sorted(files & others):
        a, b = (one / path).read_bytes(), (other / path).read_bytes()
        if a != b and (
            path.suffix != ".html" or without_generator(a.decode()) != without_generator(b.decode())
        ):
            found.append(f"{path}: differs")
    return sorted(found)


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory) -> Path:
    if not PROPERDOCS.exists():
        message = f"{PROPERDOCS} is missing: `make test` installs it (requirements-properdocs.txt)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path_factory.mktemp("properdocs-site")
    build = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "--site-dir", str(site)],
        cwd=PROJECT_DIR,
        env=build_environment(),
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, f"ProperDocs does not build the site:\n{build.stderr}"
    return site


def test_properdocs_builds_the_site_mkdocs_builds(built_site, properdocs_site):
    assert site_differences(built_site, properdocs_site) == []
    page = (properdocs_site / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs' in page, "the build above was ProperDocs'"


def test_the_comparison_sees_any_difference_but_the_generator(tmp_path):
    page = '<!doctype html>\n<html><head><meta name="generator" content="{}"></head><body>{}</body></html>\n'
    one, other = tmp_path / "one", tmp_path / "other"
    for site, generator in ((one, "mkdocs-1.6.1"), (other, "mkdocs-ProperDocs 1.6.7")):
        site.mkdir()
        (site / "index.html").write_text(page.format(generator, "Hej"))
        (site / "data.json").write_text("{}")
    assert site_differences(one, other) == []
    (other / "index.html").write_text(page.format("x", "Hej då"))
    (other / "extra.xml").write_text("<x/>")
    (one / "data.json").write_text("[]")
    assert site_differences(one, other) == [
        "data.json: differs",
        f"extra.xml: only in {other}",
        "index.html: differs",
    ]
