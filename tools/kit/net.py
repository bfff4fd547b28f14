"""Ports for servers started by tests and tools: always on 127.0.0.1, never a fixed number
(several builds, tests and helpers share one machine)."""

from __future__ import annotations

import socket

HOST = "127.0.0.1"


def free_port(host: str = HOST) -> int:
    """A TCP port on `host` that nothing listens on right now. Another process could take it
    before the caller binds it; servers that can bind port 0 themselves should do that instead."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]
