"""The SMTP server of the tests: aiosmtpd in its own process, one port per listener of a spec
file that tests/mailservers.py writes. Run as `python tests/smtpserver.py SPEC.json`; stops on
SIGTERM."""

from __future__ import annotations

import asyncio
import hmac
import json
import secrets
import signal
import ssl
import sys
from pathlib import Path

HOST = "127.0.0.1"


def serve_smtp(spec_file: str) -> None:
    """The SMTP server process: every listener of the spec on 127.0.0.1, until SIGTERM."""
    import warnings

    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

    warnings.simplefilter("ignore", DeprecationWarning)  # aiosmtpd warns about its own internals
    spec = json.loads(Path(spec_file).read_text())
    users = {user.encode(): password.encode() for user, password in spec["users"].items()}

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and users.get(auth_data.login) == auth_data.password
        )
        return AuthResult(success=ok, handled=False)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

        async def auth_CRAM__MD5(self, server, args):
            """CRAM-MD5 (RFC 2195): what mail programs call an 'encrypted password'."""
            challenge = f"<{secrets.token_hex(8)}@localhost>".encode()
            answer = await server.challenge_auth(challenge)
            if not isinstance(answer, bytes) or b" " not in answer:
                return AuthResult(success=False, handled=False)
            user, digest = answer.rsplit(b" ", 1)
            password = users.get(user)
            expected = password and hmac.new(password, challenge, "md5").hexdigest().encode()
            return AuthResult(
                success=bool(expected) and hmac.compare_digest(expected, digest), handled=False
            )

    def server_context(options) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options["cert"], options["key"])
        return context

    all_mechanisms = {"PLAIN", "LOGIN", "CRAM-MD5"}

    async def main():
        loop = asyncio.get_running_loop()
        for options in spec["listeners"].values():
            tls = options.get("tls", "implicit")
            excluded = sorted(all_mechanisms - set(options.get("mechanisms", ["PLAIN", "LOGIN"])))

            def factory(tls=tls, options=options, excluded=excluded):
                return SMTP(
                    Handler(),
                    hostname="localhost",
                    authenticator=authenticator,
                    auth_exclude_mechanism=excluded,
                    # aiosmtpd only knows about TLS it started itself (STARTTLS); on an
                    # implicit-TLS port every byte is encrypted, so AUTH may be offered.
                    auth_require_tls=tls != "implicit",
                    tls_context=server_context(options) if tls == "starttls" else None,
                    require_starttls=False,
                    timeout=30,
                )

            ssl_context = server_context(options) if tls == "implicit" else None
            await loop.create_server(factory, HOST, options["port"], ssl=ssl_context)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        print(
            "smtp: listening on", sorted(o["port"] for o in spec["listeners"].values()), flush=True
        )
        await stop.wait()

    asyncio.run(main())


if __name__ == "__main__":
    serve_smtp(sys.argv[1])
