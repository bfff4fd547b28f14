"""The supply chain stays pinned: every GitHub Action by a full commit SHA (its version in a
comment), every workflow with an explicit `permissions:`, every Python and npm package in the lock
files with its hashes and installed from them alone, and Dependabot watching all of them."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from sitebuild import PROJECT_DIR

WORKFLOWS = sorted((PROJECT_DIR / ".github" / "workflows").glob("*.yml"))
LOCK_FILES = (
    "requirements.txt",
    "requirements-test.txt",
    "requirements-tools.txt",
    "requirements-properdocs.txt",
)
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_commit_sha_with_its_version(workflow):
    uses = re.findall(r"^\s*(?:- )?uses: (.+)$", workflow.read_text(encoding="utf-8"), re.M)
    assert uses, f"{workflow.name}: no actions?"
    for action in uses:
        assert PINNED_ACTION.match(action.strip()), f"{workflow.name}: {action}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_workflow_says_which_permissions_it_needs(workflow):
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert "permissions" in document, f"{workflow.name}: no top-level permissions"
    write = [
        (job, scope)
        for job, body in document["jobs"].items()
        for scope, level in (
            {**(document["permissions"] or {}), **body.get("permissions", {})}
        ).items()
        if level == "write"
    ]
    allowed = {("check-servers", "issues"), ("deploy", "pages"), ("deploy", "id-token")}
    assert set(write) <= allowed, f"{workflow.name}: write access {write}"


@pytest.mark.parametrize("name", LOCK_FILES)
def test_every_locked_package_has_hashes(name):
    text = (PROJECT_DIR / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
    packages = [entry for entry in entries if re.match(r"^[A-Za-z0-9][\w.-]*==", entry)]
    assert packages, f"{name}: no pinned packages"
    for entry in packages:
        assert "--hash=sha256:" in entry, f"{name}: {entry.splitlines()[0]} has no hash"
    assert (PROJECT_DIR / name.replace(".txt", ".in")).is_file(), f"{name}: its .in file is missing"


def test_make_installs_with_require_hashes():
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install[^\n]*", makefile)
    assert installs and all("--require-hashes" in line for line in installs), installs


def test_dependabot_watches_python_npm_and_actions():
    config = yaml.safe_load(
        (PROJECT_DIR / ".github" / "dependabot.yml").read_text(encoding="utf-8")
    )
    ecosystems = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert ecosystems == {
        ("pip", "/"),
        ("npm", "/"),
        ("npm", "/tools/lighthouse"),
        ("github-actions", "/"),
    }
    assert (PROJECT_DIR / "tools" / "lighthouse" / "package-lock.json").is_file()


@pytest.mark.parametrize("folder", ["", "tools/lighthouse"], ids=["biome", "lighthouse"])
def test_every_npm_package_is_pinned_and_locked_with_its_hash(folder):
    manifest = json.loads((PROJECT_DIR / folder / "package.json").read_text(encoding="utf-8"))
    wanted = {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}
    assert wanted, f"{folder or '.'}/package.json: no dependencies"
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: {version!r} is not one version"
    lock = json.loads((PROJECT_DIR / folder / "package-lock.json").read_text(encoding="utf-8"))
    packages = {path: entry for path, entry in lock["packages"].items() if path}
    assert packages, f"{folder or '.'}/package-lock.json: no packages"
    for path, entry in packages.items():
        assert entry.get("integrity", "").startswith("sha512-"), f"{path} has no sha512 hash"


def test_make_installs_npm_packages_from_the_lock_only():
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"npm (?:ci|install)[^\n]*", makefile)
    assert installs and all(line.startswith("npm ci") for line in installs), installs
