"""The mail servers the server-check tests run `python -m tools.check_servers` against: Dovecot
(IMAP, POP3) and aiosmtpd (SMTP) on 127.0.0.1, with certificates from a test CA made for this
run (tests/mailservers.py). Started once for the folder's tests."""

from __future__ import annotations

import os

import pytest

import mailservers
from serverchecks import PASSWORD, USER


@pytest.fixture(scope="session")
def servers():
    if mailservers.dovecot_binary() is None:
        message = (
            "dovecot is not installed (apt-get install dovecot-imapd dovecot-pop3d; .ci/run does)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with mailservers.running_mail_servers({USER: PASSWORD}) as running:
        yield running
