"""Prove every server setting in data/mail-settings.yml against the real servers.

For each server and port the help center publishes: the name resolves, the port accepts a
connection, the security is what the pages say, the certificate is valid for the host name and
not about to expire, the server greets with its protocol, and it offers the authentication the
pages tell readers to choose. A FAIL means a reader who follows the pages would fail there.

    python -m tools.check_servers [--data FILE] [--cafile FILE] [--json] [--timeout S]

No password is ever sent unless a test account is given in the environment:
CHECK_SERVERS_USER (the account's full email address, as the pages tell readers to type it)
and CHECK_SERVERS_PASSWORD. Then each encrypted port also checks that the account logs in.
Exit status: 0 all good (warnings allowed), 1 a check failed, 2 the data or options are wrong.

Modules: model (what is checked and what was found), protocols (IMAP, POP3 and SMTP clients
on a socket of our own), network (each network step, bounded by the timeout), port (every
check of one port), cli (the data file, the table and the command line).
"""
