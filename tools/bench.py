"""Benchmark: how the build, the pages and `mkdocs serve` cope as the help center grows.

For each N it makes a help center of the real project (mkdocs.yml, hooks, overrides, data and
pages) plus N generated articles per language, copied from the real guides, in a temporary
folder, builds it in three variants and prints one Markdown table:

  a  the real build
  b  the same pages with the settings markers pre-rendered and hooks/settings.py removed
  c  one language only (every language but the default one set to `build: false`)

Usage: python -m tools.bench [--pages 100 500 1000] [--runs 3]     (or: make bench PAGES=... RUNS=...)
Every number is the median of the runs; each run builds a, b and c of one size side by side.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import posixpath
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "tests"))

from sitebuild import copy_project  # noqa: E402  (one list of what a project copy holds)

VARIANTS = ("a", "b", "c")
SETTINGS_HOOK = "hooks/settings.py"
# Generated articles go into the nav in categories of this many, below the real sections:
# the way a help center with a thousand articles is organised (nobody reads a flat list of 1000).
CATEGORY_SIZE = 50
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SEARCH_QUERY = "imap"

COLUMNS = (
    ("N", "generated articles per language; `site` is the real help center as it is"),
    ("pages", "pages per language"),
    ("a s", "wall seconds of the real build"),
    ("b s", "wall seconds with the markers pre-rendered and hooks/settings.py removed"),
    ("c s", "wall seconds with the default language only"),
    ("a cpu", "CPU seconds of the real build (the ratios use CPU seconds: wall time on a shared machine swings)"),
    ("b cpu", "CPU seconds of b"),
    ("c cpu", "CPU seconds of c"),
    ("a/b", "what the settings hook costs, end to end (target <= 1.02)"),
    ("hook %", "share of a's CPU spent in hooks/settings.py's events, measured inside the build"),
    ("hooks %", "same for all of hooks/*.py"),
    ("t/t0", "a over a at the smallest N (target at 1000 over 100: <= 11)"),
    ("a/c", "all languages over the default one alone (target <= 2.1)"),
    ("a MB", "peak memory (max RSS) of the real build (target <= 400)"),
    ("b MB", "same for b"),
    ("c MB", "same for c"),
    ("page KB", "HTML of one article, the middle one of the generated articles (site: of the real ones) (target <= 60)"),
    ("max page KB", "HTML of the largest article"),
    ("view KB", "everything opening that article downloads before the reader searches, raw"),
    ("view KB gz", "same, gzip (target <= 150)"),
    ("search KB", "what the first search downloads on top, raw"),
    ("search KB gz", "same, gzip"),
    ("edit s", "seconds from saving a page to `mkdocs serve` (as `make serve` runs it) serving it, at the real size (target <= 2)"),
)


class BenchError(Exception):
    """Something the bench cannot measure; the message says what and where."""


# --------------------------------------------------------------------------------------------
# mkdocs.yml as data (keeping tags such as !ENV or !!python/name: as they are)
# --------------------------------------------------------------------------------------------


@dataclass
class Tagged:
    """A YAML value with a tag the bench does not interpret, written back unchanged."""

    tag: str
    value: object
    kind: str


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node), "scalar")
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True), "sequence")
    return Tagged(node.tag, loader.construct_mapping(node, deep=True), "mapping")


def _represent_tagged(dumper, data: Tagged):
    represent = {"scalar": dumper.represent_scalar, "sequence": dumper.represent_sequence}
    return represent.get(data.kind, dumper.represent_mapping)(data.tag, data.value)


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(Tagged, _represent_tagged)


def read_config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def write_config(project: Path, config: dict) -> None:
    text = yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False, width=1000)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def i18n_languages(config: dict) -> list[dict]:
    """The i18n plugin's language entries, the default one first."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            return sorted(languages, key=lambda language: not language.get("default", False))
    raise BenchError("mkdocs.yml: plugins: no i18n plugin; the bench builds the languages it lists")


# --------------------------------------------------------------------------------------------
# Generated help centers
# --------------------------------------------------------------------------------------------


@dataclass
class Source:
    """A real article: its default-language file, and the text of every language's version."""

    src: str
    texts: dict[str, str]

    def title(self, locale: str) -> str:
        return front_matter_title(self.texts[locale], self.src)


def localized(src: str, locale: str, default: bool) -> str:
    """guides/iphone.md -> guides/iphone.en.md for a non-default language (suffix structure)."""
    return src if default else f"{src[:-3]}.{locale}.md"


def nav_pages(nav) -> list[str]:
    """Every page file in the nav, in order."""
    found = []
    for item in nav if isinstance(nav, list) else [nav]:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def nav_section_of(nav: list, src: str) -> list | None:
    """The nav list that holds a page: generated categories go next to their source page."""
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if value == src:
            return nav
        if isinstance(value, list):
            found = nav_section_of(value, src)
            if found is not None:
                return found
    return None


def front_matter_title(text: str, where: str) -> str:
    match = re.match(r"---\n(.*?\n)---\n", text, re.S)
    meta = yaml.safe_load(match[1]) if match else None
    if not isinstance(meta, dict) or not meta.get("title"):
        raise BenchError(f"docs/{where}: no title in the front matter; the bench copies real articles with one")
    return str(meta["title"])


def real_sources(project: Path, config: dict, languages: list[dict]) -> list[Source]:
    """The real articles to multiply: every page in the nav except the home page, in every language."""
    sources = []
    for src in nav_pages(config.get("nav", [])):
        if posixpath.basename(src) == "index.md":
            continue
        texts = {}
        for language in languages:
            path = project / "docs" / localized(src, language["locale"], language.get("default", False))
            if not path.exists():
                raise BenchError(f"docs/{path.relative_to(project / 'docs')}: missing; every article exists in every language")
            texts[language["locale"]] = path.read_text(encoding="utf-8")
        sources.append(Source(src, texts))
    if not sources:
        raise BenchError("mkdocs.yml: nav: no article besides the home page to copy")
    return sources


def generated_src(source: Source, number: int) -> str:
    return f"{source.src[:-3]}-{number:04d}.md"


def generated_text(text: str, title: str, number: int, see_also: list[tuple[str, str]]) -> str:
    """A copy of a real article: numbered title, same headings, markers and links, plus links
    to its neighbours, inserted before the closing support section (same ids in every language)."""
    quoted = json.dumps(f"{title} ({number})", ensure_ascii=False)  # a JSON string is a YAML string
    text = re.sub(r"^title:.*$", lambda m: f"title: {quoted}", text, count=1, flags=re.M)
    text = re.sub(r"^# (.*)$", lambda m: f"# {m[1]} ({number})", text, count=1, flags=re.M)
    links = "\n".join(f"- [{link_title}]({href})" for link_title, href in see_also) + "\n\n"
    support = re.search(r"^## .*\{#support\}", text, re.M)
    if support:
        return text[: support.start()] + links + text[support.start():]
    return text.rstrip("\n") + "\n\n" + links


def add_articles(project: Path, config: dict, count: int) -> list[str]:
    """Write `count` generated articles in every language and put them in the nav; return their src paths."""
    languages = i18n_languages(config)
    sources = real_sources(project, config, languages)
    nav = config["nav"]
    # Article i copies sources[(i // CATEGORY_SIZE) % len(sources)]: one category = copies of one guide.
    plan = [(sources[(i // CATEGORY_SIZE) % len(sources)], i + 1) for i in range(count)]
    srcs = [generated_src(source, number) for source, number in plan]
    for index, (source, number) in enumerate(plan):
        neighbours = [plan[(index - 1) % count], plan[(index + 1) % count], plan[(index * 7 + 3) % count]]
        for language in languages:
            locale, default = language["locale"], language.get("default", False)
            folder = posixpath.dirname(srcs[index])

            def href(target_src, anchor=""):
                return posixpath.relpath(target_src, folder or ".") + anchor

            see_also = [(f"{s.title(locale)} ({n})", href(generated_src(s, n), "#support" if "{#support}" in s.texts[locale] else ""))
                        for s, n in neighbours]
            see_also.append((source.title(locale), href(source.src)))
            text = generated_text(source.texts[locale], source.title(locale), number, see_also)
            (project / "docs" / localized(srcs[index], locale, default)).write_text(text, encoding="utf-8")
    add_short_links(project, srcs)
    for start in range(0, count, CATEGORY_SIZE):
        source = plan[start][0]
        names = {language["locale"]: f"{source.title(language['locale'])} · {start // CATEGORY_SIZE + 1}" for language in languages}
        default_name = names[languages[0]["locale"]]
        section = nav_section_of(nav, source.src)
        section.append({default_name: srcs[start: start + CATEGORY_SIZE]})
        for language in languages[1:]:
            language.setdefault("nav_translations", {})[default_name] = names[language["locale"]]
    return srcs


# Variant b's pages are what hooks/settings.py makes of them in a real build: a bench-only hook
# listed right after it writes each page's Markdown back to its file (front matter kept).
CAPTURE_HOOK = "hooks/bench_capture.py"
CAPTURE_HOOK_SOURCE = """
from pathlib import Path

def on_page_markdown(markdown, page, config, files):
    path = Path(page.file.abs_src_path)
    source = path.read_text(encoding="utf-8-sig")
    front = source[: len(source) - len(page.markdown)] if source.endswith(page.markdown) else ""
    path.write_text(front + markdown, encoding="utf-8")
    return markdown
"""


def add_short_links(project: Path, srcs: list[str]) -> None:
    """hooks/links.py wants a short link for every page (data/links.yml, short_links)."""
    path = project / "data" / "links.yml"
    if not path.exists():
        return
    links = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(links, dict) or not isinstance(links.get("short_links"), dict):
        return
    for src in srcs:
        links["short_links"][posixpath.basename(src)[:-3]] = src
    path.write_text(yaml.safe_dump(links, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def prerender_markers(project: Path, config: dict) -> None:
    """Variant b: fill every page's settings markers ahead (with the hook itself, in a build
    that is not timed), then drop the hook."""
    hooks = list(config.get("hooks", []))
    if SETTINGS_HOOK not in hooks:
        raise BenchError(f"mkdocs.yml: hooks: {SETTINGS_HOOK} is not listed; variant b removes it")
    (project / CAPTURE_HOOK).write_text(CAPTURE_HOOK_SOURCE, encoding="utf-8")
    hooks.insert(hooks.index(SETTINGS_HOOK) + 1, CAPTURE_HOOK)
    write_config(project, {**config, "hooks": hooks})
    timed_build(project, project.parent / f"{project.name}-prerender-site")
    shutil.rmtree(project.parent / f"{project.name}-prerender-site")
    (project / CAPTURE_HOOK).unlink()
    config["hooks"] = [hook for hook in hooks if hook not in (SETTINGS_HOOK, CAPTURE_HOOK)]


def one_language(project: Path, config: dict) -> None:
    """Variant c: only the default language is built (and data/links.yml falls back to it)."""
    languages = i18n_languages(config)
    for language in languages[1:]:
        language["build"] = False
    path = project / "data" / "links.yml"
    links = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    if isinstance(links, dict) and links.get("fallback_language") not in (None, languages[0]["locale"]):
        links["fallback_language"] = languages[0]["locale"]
        path.write_text(yaml.safe_dump(links, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def make_project(destination: Path, articles: int, variant: str) -> tuple[Path, list[str]]:
    """A buildable copy of the project with `articles` generated articles per language."""
    project = copy_project(destination)
    config = read_config(project)
    generated = add_articles(project, config, articles) if articles else []
    if variant == "b":
        prerender_markers(project, config)
    if variant == "c":
        one_language(project, config)
    write_config(project, config)
    commit_all(project)
    return project, generated


def commit_all(project: Path) -> None:
    """Make the copy a git repository with one commit, as a checkout is: plugins that read
    git history (last-updated dates) then do the work they do on the real site."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(git + command, cwd=project, check=True, capture_output=True)


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


# The timed build runs MkDocs through this wrapper: it counts the CPU seconds spent in each
# plugin's and hook's event functions, so a hook's share of the build can be read exactly
# (end-to-end times on a shared 2-core machine swing by more than the 2 % being measured).
EVENT_TIMER = """
import atexit, json, os, sys, time
from mkdocs import plugins
from mkdocs.__main__ import cli

seconds = {}
register = plugins.PluginCollection._register_event

def timed_register(self, event_name, method, plugin_name=None):
    if isinstance(method, plugins.CombinedEvent):
        return register(self, event_name, method, plugin_name)
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            seconds[plugin_name] = seconds.get(plugin_name, 0.0) + time.process_time() - start
    timed.mkdocs_priority = getattr(method, "mkdocs_priority", 0)
    register(self, event_name, timed, plugin_name)

plugins.PluginCollection._register_event = timed_register
atexit.register(lambda: open(os.environ["BENCH_EVENT_SECONDS"], "w").write(json.dumps(seconds)))
sys.argv[0] = "mkdocs"
cli()
"""


@dataclass
class BuildSample:
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    event_seconds: dict[str, float]

    def share(self, plugin_prefix: str) -> float:
        """Fraction of the build's CPU spent in the events of plugins/hooks named plugin_prefix*."""
        spent = sum(value for name, value in self.event_seconds.items() if name and name.startswith(plugin_prefix))
        return spent / self.cpu_seconds


def timed_build(project: Path, site: Path) -> BuildSample:
    """One strict build in a fresh process: wall time, CPU time and peak memory of that
    process (and what it waited for), and the CPU seconds of every plugin's events."""
    shutil.rmtree(site, ignore_errors=True)
    log_path = project.parent / f"{project.name}.log"
    events_path = project.parent / f"{project.name}.events.json"
    events_path.unlink(missing_ok=True)
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", EVENT_TIMER, "build", "--strict", "--site-dir", str(site)],
            cwd=project, env={**_env(), "BENCH_EVENT_SECONDS": str(events_path)},
            stdout=log, stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)  # rusage of this child alone
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        output = log_path.read_text(encoding="utf-8", errors="replace")
        raise BenchError(f"{project}: the build failed (exit {process.returncode}):\n{output[-3000:]}")
    events = json.loads(events_path.read_text(encoding="utf-8")) if events_path.exists() else {}
    return BuildSample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, events)


def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def page_url_path(src: str) -> str:
    """guides/iphone.md -> guides/iphone/ (directory URLs)."""
    stem = src[:-3]
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
    return stem + "/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(condition, timeout: float, interval: float, what: str):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise BenchError(f"timed out after {timeout:.0f} s waiting for {what}")


def serve_edit_seconds(project: Path, src: str) -> float:
    """Start `mkdocs serve` as `make serve` does (on a free port), edit one page, and time
    how long the served page takes to show the edit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page_url_path(src)}"
    path = project / "docs" / src
    original = path.read_text(encoding="utf-8")
    log_path = project.parent / f"{project.name}-serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_for(lambda: process.poll() is not None or _fetch(url), 600, 0.2, f"mkdocs serve to serve {url}")
        if process.poll() is not None:
            raise BenchError(f"{project}: mkdocs serve stopped:\n{log_path.read_text(errors='replace')[-3000:]}")
        time.sleep(1.0)  # let the watcher take its first look at the files
        token = f"bench-edit-{time.time_ns()}"
        edited = re.sub(r"^(# .*\n)", lambda m: f"{m[1]}\n{token}\n", original, count=1, flags=re.M)
        start = time.perf_counter()
        path.write_text(edited, encoding="utf-8")
        _wait_for(lambda: token in (_fetch(url) or ""), 600, 0.02, f"the edit of docs/{src} to show at {url}")
        return time.perf_counter() - start
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        path.write_text(original, encoding="utf-8")


@dataclass
class Download:
    raw: int = 0
    gzip: int = 0
    urls: list[str] = field(default_factory=list)

    def add(self, url: str, body: bytes) -> None:
        self.raw += len(body)
        self.gzip += len(gzip.compress(body, 6))
        self.urls.append(url)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def page_view_downloads(site: Path, url_path: str) -> tuple[Download, Download] | None:
    """What a reader's browser downloads to show the page, then for a first search
    (real Chromium over a local static server). None when Chromium is not installed."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return None
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    bodies: dict[str, bytes] = {}
    order: list[str] = []

    def record(response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            body = b""
        if response.url not in bodies:
            order.append(response.url)
        bodies[response.url] = body

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(service_workers="block")
            context.on("response", record)
            page = context.new_page()
            page.goto(base + url_path, wait_until="networkidle")
            page.wait_for_timeout(500)
            seen = len(order)
            view = Download()
            for url in order[:seen]:
                view.add(url, bodies[url])
            page.keyboard.press("/")  # Material's keyboard shortcut opens search
            search_box = page.locator("input[data-md-component=search-query]")
            if search_box.count():
                search_box.first.click()
                search_box.first.press_sequentially(SEARCH_QUERY, delay=50)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            search = Download()
            for url in order[seen:]:
                search.add(url, bodies[url])
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return view, search


# --------------------------------------------------------------------------------------------
# The bench
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    pages: int
    builds: dict[str, list[BuildSample]] = field(default_factory=lambda: {v: [] for v in VARIANTS})
    edits: list[float] = field(default_factory=list)
    page_bytes: int = 0
    max_page_bytes: int = 0
    downloads: tuple[Download, Download] | None = None

    def seconds(self, variant: str) -> float:
        return statistics.median(sample.seconds for sample in self.builds[variant])

    def cpu(self, variant: str) -> float:
        return statistics.median(sample.cpu_seconds for sample in self.builds[variant])

    def megabytes(self, variant: str) -> float:
        return statistics.median(sample.peak_bytes for sample in self.builds[variant]) / 2**20

    def share(self, plugin_prefix: str) -> float:
        return statistics.median(sample.share(plugin_prefix) for sample in self.builds["a"])


def run_bench(sizes: list[int], runs: int, workdir: Path, say=print) -> list[Row]:
    """Measure the real site (size 'site') and each N; `runs` rounds, a/b/c side by side."""
    config = read_config(PROJECT_DIR)
    real_pages = len(nav_pages(config.get("nav", [])))
    plan = [("site", 0)] + [(str(n), n) for n in sizes]
    rows, projects = {}, {}
    for label, articles in plan:
        for variant in VARIANTS:
            say(f"generating {label} ({articles} articles per language), variant {variant}")
            projects[label, variant] = make_project(workdir / f"n{label}-{variant}", articles, variant)
        rows[label] = Row(label, real_pages + articles)
    edit_src = real_sources(PROJECT_DIR, config, i18n_languages(config))[0].src
    for run in range(1, runs + 1):
        for label, _ in plan:
            row = rows[label]
            for variant in VARIANTS:
                project, _ = projects[label, variant]
                sample = timed_build(project, workdir / f"site-{label}-{variant}")
                row.builds[variant].append(sample)
                say(f"run {run}/{runs}  {label:>5}  {variant}  {sample.seconds:6.1f} s  {sample.cpu_seconds:6.1f} cpu s  "
                    f"{sample.peak_bytes / 2**20:4.0f} MB  hooks: " + ", ".join(
                        f"{name} {100 * sample.share(name):.1f} %" for name in sorted(sample.event_seconds) if name.startswith("hooks/")))
            if label == "site":  # the target is at the real size; at N=1000 each try costs two full builds
                row.edits.append(serve_edit_seconds(projects[label, "a"][0], edit_src))
                say(f"run {run}/{runs}  {label:>5}  edit shows in serve after {row.edits[-1]:.2f} s")
    for label, _ in plan:
        row, (_, generated) = rows[label], projects[label, "a"]
        site = workdir / f"site-{label}-a"
        articles = generated or [s.src for s in real_sources(PROJECT_DIR, config, i18n_languages(config))]
        measured = articles[len(articles) // 2]
        row.page_bytes = (site / page_url_path(measured) / "index.html").stat().st_size
        row.max_page_bytes = max((site / page_url_path(src) / "index.html").stat().st_size for src in articles)
        row.downloads = page_view_downloads(site, page_url_path(measured))
    return [rows[label] for label, _ in plan]


def format_table(rows: list[Row]) -> str:
    base = next((row for row in rows if row.label != "site"), rows[0])

    def kb(value: int) -> str:
        return f"{value / 1024:.0f}"

    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        a, b, c = (row.cpu(v) for v in VARIANTS)
        view, search = row.downloads if row.downloads else (None, None)
        cells = [
            row.label, str(row.pages),
            *(f"{row.seconds(v):.1f}" for v in VARIANTS),
            *(f"{row.cpu(v):.1f}" for v in VARIANTS),
            f"{a / b:.2f}", f"{100 * row.share(SETTINGS_HOOK):.1f}", f"{100 * row.share('hooks/'):.1f}",
            "-" if row.label == "site" else f"{a / base.cpu('a'):.1f}", f"{a / c:.2f}",
            *(f"{row.megabytes(v):.0f}" for v in VARIANTS),
            kb(row.page_bytes), kb(row.max_page_bytes),
            *((kb(view.raw), kb(view.gzip), kb(search.raw), kb(search.gzip)) if view else ("n/a",) * 4),
            f"{statistics.median(row.edits):.2f}" if row.edits else "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def legend() -> str:
    return "\n".join(f"- {name}: {meaning}" for name, meaning in COLUMNS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 500, 1000], help="generated articles per language, one size per row")
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the table shows medians")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (generated projects, sites, logs)")
    args = parser.parse_args(argv)
    if args.runs < 1 or any(n < 1 for n in args.pages):
        parser.error("--pages and --runs take positive whole numbers")

    def say(message):
        print(message, file=sys.stderr, flush=True)

    try:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            rows = run_bench(sorted(set(args.pages)), args.runs, args.keep.resolve(), say)
        else:
            with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
                rows = run_bench(sorted(set(args.pages)), args.runs, Path(workdir), say)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    print(f"Median of {args.runs} run(s) on {os.cpu_count()} CPU(s).\n")
    print(format_table(rows))
    print("\n" + legend())
    return 0


if __name__ == "__main__":
    sys.exit(main())
