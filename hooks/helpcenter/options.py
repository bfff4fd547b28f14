"""The help center's own options, validated once in `on_config`: mkdocs.yml's `extra:` keys and
the environment variables a build reads. Languages are static-i18n's (helpcenter.languages).

A typo here used to do nothing at all (a QR code silently missing); now it stops the build with
`mkdocs.yml:LINE: extra.qr_guides: ...`, like a mistake in a data file.

    extra.qr_guides       guides (file names in docs/guides/) whose title gets a QR code that
                          opens them on the phone (hooks/qr_codes.py)
    extra.guide_devices   guide -> the devices the overview suggests it for (reader.js)
    HELP_SEARCH_SHARD_PAGES  pages per search index shard for one build (default 2500; the
                          tests set 5); read here, used by hooks/search.py
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpcenter.datafiles import DataError, closest

DEVICES = ("ios", "ipados", "android", "macos", "windows")
SHARD_PAGES = 2500
SHARD_PAGES_ENV = "HELP_SEARCH_SHARD_PAGES"


@dataclass(frozen=True)
class Options:
    """The validated options, with their defaults."""

    qr_guides: tuple[str, ...] = ()
    guide_devices: Mapping[str, tuple[str, ...]] | None = None
    search_shard_pages: int = SHARD_PAGES


def load_options(
    extra: Mapping[str, Any],
    guides: set[str],
    config_file: Path,
    environ: Mapping[str, str] = os.environ,
) -> Options:
    """The options from mkdocs.yml's `extra:` and the environment; one DataError names every
    mistake with its line in mkdocs.yml."""
    text = config_file.read_text(encoding="utf-8") if config_file.exists() else ""
    problems: list[str] = []

    def problem(key: str, message: str) -> None:
        problems.append(
            f"{config_file.name}:{_line(text, key.rsplit('.', 1)[-1])}: {key}: {message}"
        )

    qr_guides = extra.get("qr_guides") or []
    if not isinstance(qr_guides, list):
        problem(
            "extra.qr_guides", f"expected a list of guide names, e.g. [iphone], got {qr_guides!r}"
        )
        qr_guides = []
    for name in qr_guides:
        if name not in guides:
            problem("extra.qr_guides", _unknown_guide(name, guides))
    devices = extra.get("guide_devices") or {}
    if not isinstance(devices, dict):
        problem("extra.guide_devices", "expected guide: [devices], e.g. iphone: [ios, ipados]")
        devices = {}
    for guide, platforms in devices.items():
        if guide not in guides:
            problem("extra.guide_devices", _unknown_guide(guide, guides))
        wrong = (
            [p for p in platforms or [] if p not in DEVICES]
            if isinstance(platforms, list)
            else [platforms]
        )
        if wrong:
            problem(
                f"extra.guide_devices.{guide}",
                f"unknown device(s) {', '.join(map(str, wrong))}; use a list of {', '.join(DEVICES)}",
            )
    shard_pages = SHARD_PAGES
    value = environ.get(SHARD_PAGES_ENV, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            problems.append(f"{SHARD_PAGES_ENV}={value!r}: expected a whole number of pages >= 1")
        else:
            shard_pages = int(value)
    if problems:
        raise DataError("\n".join(problems))
    return Options(
        qr_guides=tuple(qr_guides),
        guide_devices={guide: tuple(platforms) for guide, platforms in devices.items()},
        search_shard_pages=shard_pages,
    )


def guide_names(docs_dir: Path) -> set[str]:
    """The guides an option may name: the file names in docs/guides/, without language suffix."""
    return {path.name.split(".")[0] for path in (docs_dir / "guides").glob("*.md")}


def _unknown_guide(name: object, guides: set[str]) -> str:
    close = closest(name, sorted(guides))
    hint = f"did you mean {close}? " if close else ""
    return f"no guide docs/guides/{name}.md; {hint}use one of: {', '.join(sorted(guides))}"


def _line(text: str, key: str) -> int:
    """The line of `key:` in mkdocs.yml, else 1."""
    match = re.search(rf"(?m)^\s*{re.escape(key)}:", text)
    return text[: match.start()].count("\n") + 1 if match else 1
