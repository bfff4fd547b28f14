"""MkDocs hook: the "last updated" date (git-revision-date-localized) never fails the build.

In a shallow clone on a CI service the plugin warns that dates may be wrong, and with
`strict: true` any warning fails the build. A site with approximate dates beats no site, so
that warning is logged at INFO instead (the deploy workflow fetches the full history anyway).
A tarball without git history is handled by the plugin's own options in mkdocs.yml.

Real dates on Debian 12 (git 2.39) need `enable_git_follow: true` in mkdocs.yml: the plugin
asks `git log -n 1 --diff-filter=r -- FILE` (every change but a pure rename), and git 2.39
selects no commit at all for a filter of only lowercase (excluding) letters when no diff is
computed; --follow computes one. Without it every page silently shows the build's date
(tests/test_edit_and_dates.py builds a back-dated repository to catch that).
"""

from __future__ import annotations

import logging
from typing import Literal

# The plugin's CI module logs its shallow-clone warnings here.
SHALLOW_CLONE_LOGGER = "mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.ci"
# How the filter recognises itself on the logger, also after MkDocs has loaded this file anew
# (a new module, so a new class that isinstance() would not match).
MARKER = "page_dates.info-not-warning"
# Its util module logs "'<file>' has no git logs, using current timestamp" once per page.
NO_GIT_LOGS_LOGGER = "mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.util"
ONCE_MARKER = "page_dates.once-no-git-logs"


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Once per MkDocs run: add the filter to the plugin's logger, which outlives the hooks."""
    logger = logging.getLogger(SHALLOW_CLONE_LOGGER)
    if not any(getattr(f, "marker", None) == MARKER for f in logger.filters):
        logger.addFilter(InfoNotWarning())
    logger = logging.getLogger(NO_GIT_LOGS_LOGGER)
    if not any(getattr(f, "marker", None) == ONCE_MARKER for f in logger.filters):
        logger.addFilter(OnceNoGitLogs())


class OnceNoGitLogs(logging.Filter):
    """ "has no git logs" once per run, not once per page (about 30 lines a build, issue 18): new
    pages, a copy without .git and Debian's git 2.39 all give it for every page alike."""

    marker = ONCE_MARKER
    shown = False

    def filter(self, record: logging.LogRecord) -> bool:
        if "has no git logs" not in record.getMessage():
            return True
        if OnceNoGitLogs.shown:
            return False
        OnceNoGitLogs.shown = True
        record.msg, record.args = (
            'some pages have no git history (new, uncommitted, or no .git here): their "last updated" date is '
            "the build date (said once per build)",
            (),
        )
        return True


class InfoNotWarning(logging.Filter):
    """Keep the record, one level lower: seen in the log, not counted by --strict."""

    marker = MARKER

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True
