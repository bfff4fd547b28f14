"""A build says "has no git logs" once, not once per page (issue 18, item 6): about 30 lines a
build for new pages, a copy without .git, or Debian's git 2.39."""

from __future__ import annotations

import logging

import page_dates


def record(message: str) -> logging.LogRecord:
    return logging.LogRecord(
        page_dates.NO_GIT_LOGS_LOGGER, logging.INFO, __file__, 1, message, (), None
    )


def test_no_git_logs_is_said_once_per_run(monkeypatch):
    monkeypatch.setattr(page_dates.OnceNoGitLogs, "shown", False)
    once = page_dates.OnceNoGitLogs()
    pages = [
        record(f"'/site/docs/page-{n}.md' has no git logs, using current timestamp")
        for n in range(30)
    ]
    shown = [item for item in pages if once.filter(item)]
    assert [item.getMessage() for item in shown] == [
        'some pages have no git history (new, uncommitted, or no .git here): their "last updated" date is '
        "the build date (said once per build)"
    ]
    assert once.filter(record("another message of the plugin"))


def test_the_filter_is_installed_on_the_plugins_logger():
    page_dates.on_startup(command="build", dirty=False)
    logger = logging.getLogger(page_dates.NO_GIT_LOGS_LOGGER)
    assert sum(isinstance(f, page_dates.OnceNoGitLogs) for f in logger.filters) == 1
    page_dates.on_startup(command="build", dirty=False)
    assert sum(isinstance(f, page_dates.OnceNoGitLogs) for f in logger.filters) == 1
