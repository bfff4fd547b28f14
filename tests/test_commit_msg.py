"""Every commit says what changed in at most 72 characters, then why (tools/commit_msg.py, the
pre-commit commit-msg hook), and pre-commit runs that check at the commit-msg stage."""

from __future__ import annotations

import subprocess
import sys

import yaml

from sitebuild import PROJECT_DIR
from tools.commit_msg import message_problems

GOOD = "Thunderbird QR code from the data file\n\nOnly the browser knows the address.\n"


def test_a_short_subject_with_a_body_passes():
    assert message_problems(GOOD) == []
    assert message_problems(GOOD + "# Please enter the commit message\n#\n") == []


def test_a_long_subject_fails_with_its_length():
    subject = "x" * 73
    assert message_problems(f"{subject}\n\nwhy\n") == [
        "the subject is 73 characters; keep it to 72 (say what changed; the why goes in the body)"
    ]


def test_a_message_without_a_body_fails():
    assert message_problems("Fix a typo\n") == [
        "after the subject, a blank line and then a body that says why"
    ]
    assert message_problems("Fix a typo\nbecause\n") != []


def test_the_command_exits_non_zero_on_a_bad_message(tmp_path):
    message = tmp_path / "COMMIT_EDITMSG"
    message.write_text("y" * 80 + "\n", encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "tools.commit_msg", str(message)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "80 characters" in bad.stderr
    message.write_text(GOOD, encoding="utf-8")
    good = subprocess.run([sys.executable, "-m", "tools.commit_msg", str(message)], cwd=PROJECT_DIR)
    assert good.returncode == 0


def test_pre_commit_runs_it_on_every_commit_message():
    config = yaml.safe_load((PROJECT_DIR / ".pre-commit-config.yaml").read_text())
    assert "commit-msg" in config["default_install_hook_types"]
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    [hook] = [hook for hook in hooks if hook["id"] == "commit-msg"]
    assert hook["stages"] == ["commit-msg"] and "tools.commit_msg" in hook["entry"]
