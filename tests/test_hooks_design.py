"""The rules that keep hooks/ safe to change (ARCHITECTURE.md): hook files hold typed MkDocs
events and never import each other (MkDocs loads each as its own module, so an import by name
would be a second copy with its own state); nothing in them keeps state in module globals; no
file does so much that it grows past about 300 lines."""

from __future__ import annotations

import ast
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
