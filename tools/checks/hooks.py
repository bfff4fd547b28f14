"""The build's own code (hooks/helpcenter/, with hooks/ on sys.path as MkDocs and the tests
have it), so the checks use the build's marker registry and data validation."""

from __future__ import annotations

import sys
from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS_DIR) not in sys.path:
    sys.path.insert(0, str(HOOKS_DIR))

import mail_data  # noqa: E402
from helpcenter import markers  # noqa: E402

__all__ = ["mail_data", "markers"]
