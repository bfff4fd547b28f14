"""The rules that keep hooks/ safe to change (ARCHITECTURE.md): hook files hold typed MkDocs
events and never import each other (MkDocs loads each as its own module, so an import by name
would be a second copy with its own state); nothing in them keeps state in module globals or
changes a module-level object, but the documented exceptions; no regular expression reads HTML;
no file does so much that it grows past about 300 lines. Each rule is a function over source
text, and a test plants a violation to show it is found."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import load_config

from helpcenter.languages import project_languages
from sitebuild import PROJECT_DIR

HOOKS_DIR = PROJECT_DIR / "hooks"


def hook_files() -> list[Path]:
    """The hook files mkdocs.yml lists, in order, as MkDocs' own loader reads them."""
    return [PROJECT_DIR / name for name in load_config(str(PROJECT_DIR / "mkdocs.yml"))["hooks"]]


def events(tree: ast.Module) -> list[ast.FunctionDef]:
    return [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")
    ]


def test_the_site_context_hook_comes_first():
    assert hook_files()[0] == HOOKS_DIR / "site_context.py"


def test_no_hook_file_imports_another_hook_file():
    names = {path.stem for path in hook_files()}
    found = []
    for path in hook_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            imported = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported = [node.module]
            found += [
                f"{path.name} imports {name}" for name in imported if name.split(".")[0] in names
            ]
    assert found == []


def test_every_hook_event_has_type_hints():
    missing = []
    for path in hook_files():
        for function in events(ast.parse(path.read_text(encoding="utf-8"))):
            arguments = function.args.args + function.args.kwonlyargs
            if function.returns is None or any(
                argument.annotation is None for argument in arguments
            ):
                missing.append(f"{path.name}: {function.name}")
    assert missing == []


def test_no_hook_keeps_state_in_a_module_global():
    found = [
        f"{path.relative_to(PROJECT_DIR)}: global {', '.join(node.names)}"
        for path in sorted(HOOKS_DIR.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Global)
    ]
    assert found == []


def test_every_module_is_in_the_architecture_module_map():
    """A newcomer finds each file's job in ARCHITECTURE.md; a new module goes into its map."""
    architecture = (PROJECT_DIR / "ARCHITECTURE.md").read_text(encoding="utf-8")
    map_section = architecture.split("## Module map", 1)[1].split("\n## ", 1)[0]
    missing = [
        path.relative_to(PROJECT_DIR).as_posix()
        for path in sorted(HOOKS_DIR.rglob("*.py"))
        if f"`{path.relative_to(PROJECT_DIR).as_posix()}`" not in map_section
        and f"`{path.relative_to(HOOKS_DIR).as_posix()}`" not in map_section
    ]
    assert missing == [], f"add these to ARCHITECTURE.md's module map: {missing}"


def test_no_file_in_hooks_is_over_300_lines():
    long = {
        str(path.relative_to(PROJECT_DIR)): count
        for path in sorted(HOOKS_DIR.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert long == {}


def test_the_languages_and_their_url_prefixes_come_from_static_i18n():
    """Tools and tests read the languages through the build's own reader, not by hand."""
    languages = project_languages(PROJECT_DIR / "mkdocs.yml")
    assert [(lang.locale, lang.prefix, lang.default) for lang in languages] == [
        ("sv", "", True),
        ("en", "en/", False),
    ]


def problems_in_hooks(rule: Callable[[str, str], list[str]]) -> list[str]:
    """What a rule over source text finds in every module under hooks/."""
    return [
        problem
        for path in sorted(HOOKS_DIR.rglob("*.py"))
        for problem in rule(
            path.read_text(encoding="utf-8"), path.relative_to(PROJECT_DIR).as_posix()
        )
    ]


# Module-level objects that are state, each with its reason in ARCHITECTURE.md ("Why").
DOCUMENTED_STATE = {
    ("hooks/helpcenter/dates.py", "HISTORY"),
    ("hooks/performance.py", "_templates"),
}
MUTATING_METHODS = {"append", "extend", "insert", "update", "setdefault", "add", "pop", "clear"}
MUTATING_METHODS |= {"remove", "discard", "popitem"}


def module_state(source: str, path: str) -> list[str]:
    """What a module keeps between builds: a module-level name that is not a constant (UPPER_CASE),
    a logger, a type alias or a hook event, and any module-level object a function changes."""
    tree = ast.parse(source)
    names: set[str] = set()
    found = []
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            if not isinstance(target, ast.Name):
                continue
            name = target.id
            names.add(name)
            alias = name[:1].isupper() and isinstance(node.value, ast.Subscript | ast.Name)
            constant = name.lstrip("_").isupper() or name in ("__all__", "log")
            if not (constant or alias or name.startswith("on_")):
                found.append(f"{path}: module-level {name}")
    for node in ast.walk(tree):
        changed = None
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Subscript | ast.Attribute):
                    changed = target.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATING_METHODS
        ):
            changed = node.func.value
        if isinstance(changed, ast.Name) and changed.id in names:
            found.append(f"{path}: a function changes module-level {changed.id}")
    return [
        problem
        for problem in dict.fromkeys(found)
        if not any(
            problem.startswith(f"{p}:") and problem.endswith(f" {n}") for p, n in DOCUMENTED_STATE
        )
    ]


def test_no_module_in_hooks_keeps_state_but_the_documented_exceptions():
    assert problems_in_hooks(module_state) == []
    why = (PROJECT_DIR / "ARCHITECTURE.md").read_text(encoding="utf-8").split("## Why", 1)[1]
    assert all(f"{Path(path).stem}.{name}" in why for path, name in DOCUMENTED_STATE)


def test_the_module_state_rule_finds_a_cache_and_a_constant_changed_at_run_time():
    planted = (
        "CACHE = {}\nseen = set()\n\ndef on_page(page):\n    CACHE[page] = 1\n    seen.add(page)\n"
    )
    assert module_state(planted, "hooks/planted.py") == [
        "hooks/planted.py: module-level seen",
        "hooks/planted.py: a function changes module-level CACHE",
        "hooks/planted.py: a function changes module-level seen",
    ]


HTML_TAG = re.compile(r"<[A-Za-z/(\[]")  # `<a`, `</h2`, `<(pre|code)`, `<[hH]`; not `<!--`
GROUP_SYNTAX = re.compile(r"\(\?P?<[=!]?(\w+>)?")  # `(?P<name>`, `(?<=`, `(?<!`: not tags
REGEX_FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split"}
REGEX_FUNCTIONS |= {"findall", "finditer"}


def html_regexes(source: str, path: str) -> list[str]:
    """Regular expressions that match HTML tags: a page's HTML is read by a parser (lxml), or
    changed where it is made (a template, the Markdown tree), never searched with a pattern."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in REGEX_FUNCTIONS
            and node.args
        ):
            continue
        pattern = node.args[0]
        parts = pattern.values if isinstance(pattern, ast.JoinedStr) else [pattern]
        text = "".join(
            part.value
            for part in parts
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        if HTML_TAG.search(GROUP_SYNTAX.sub("", text)):
            found.append(f"{path}:{node.lineno}: re.{node.func.attr}({text!r})")
    return found


def test_no_regular_expression_in_hooks_reads_html():
    assert problems_in_hooks(html_regexes) == []


def test_the_html_regex_rule_finds_tags_and_leaves_markdown_comments_alone():
    planted = (
        'HEADING = re.compile(r"<h([1-6])\\\\b[^>]*>")\n'
        "def heading(html, anchor):\n"
        "    return re.search(f'<h[1-6] id=\"{anchor}\"', html)\n"
        'MARKER = re.compile(r"<!--\\\\s*settings:(?P<kind>\\\\w+)\\\\s*-->")\n'
    )
    assert [problem.split(": ")[0] for problem in html_regexes(planted, "hooks/planted.py")] == [
        "hooks/planted.py:1",
        "hooks/planted.py:3",
    ]
