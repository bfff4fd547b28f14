"""MkDocs hook: the "last updated" date (git-revision-date-localized) never fails the build.

In a shallow clone on a CI service the plugin warns that dates may be wrong, and with
`strict: true` any warning fails the build. A site with approximate dates beats no site, so
that warning is logged at INFO instead (the deploy workflow fetches the full history anyway).
A tarball without git history is handled by the plugin's own options in mkdocs.yml.
"""

from __future__ import annotations

import logging

# The plugin's CI module logs its shallow-clone warnings here.
SHALLOW_CLONE_LOGGER = "mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.ci"


def on_startup(command, dirty):
    logger = logging.getLogger(SHALLOW_CLONE_LOGGER)
    if not any(isinstance(f, InfoNotWarning) for f in logger.filters):
        logger.addFilter(InfoNotWarning())


class InfoNotWarning(logging.Filter):
    """Keep the record, one level lower: seen in the log, not counted by --strict."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True
