"""The commit-msg check (pre-commit, stage commit-msg): history is documentation, so every commit
says what changed in a subject of at most 72 characters, then, after a blank line, why.

    python -m tools.commit_msg .git/COMMIT_EDITMSG
"""

from __future__ import annotations

import sys
from pathlib import Path

SUBJECT_MAX = 72


def message_problems(message: str) -> list[str]:
    """What is wrong with a commit message, for the person who wrote it; [] when it is fine.
    Git's comment lines (#) and a merge's generated subject are allowed as git writes them."""
    lines = [line for line in message.splitlines() if not line.startswith("#")]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or not lines[0].strip():
        return ["the message is empty: write a subject line that says what changed"]
    subject = lines[0]
    if subject.startswith(("Merge ", "Revert ", "fixup! ", "squash! ")):
        return []
    problems = []
    if len(subject) > SUBJECT_MAX:
        problems.append(
            f"the subject is {len(subject)} characters; keep it to {SUBJECT_MAX} "
            "(say what changed; the why goes in the body)"
        )
    if len(lines) < 3 or lines[1].strip():
        problems.append("after the subject, a blank line and then a body that says why")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.commit_msg MESSAGE_FILE", file=sys.stderr)
        return 2
    problems = message_problems(Path(args[0]).read_text(encoding="utf-8"))
    for problem in problems:
        print(f"commit message: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
