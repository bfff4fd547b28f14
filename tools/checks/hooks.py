"""The project's MkDocs hooks, imported as MkDocs and the tests see them (hooks/ on sys.path),
so the checks use the hooks' own marker pattern, renderers and data validation."""

from __future__ import annotations

import sys
from pathlib import Path

HOOKS_DIR = Path(__file__).resolve().parents[2] / "hooks"
if str(HOOKS_DIR) not in sys.path:
    sys.path.insert(0, str(HOOKS_DIR))

import mail_data  # noqa: E402
import settings as settings_hook  # noqa: E402
import setup_files  # noqa: E402

__all__ = ["mail_data", "settings_hook", "setup_files"]
