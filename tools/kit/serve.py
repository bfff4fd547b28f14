"""A real static HTTP server on 127.0.0.1 for a built site, behaving like the static hosts the
site is deployed to: the content types of deploy/ (a .mobileconfig as an Apple profile), a
missing address answered by the site's 404.html with status 404, and, when asked, gzip.

    with serve(site_dir) as url:        # url = "http://127.0.0.1:PORT/"
        ...
"""

from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
# The content types deploy/_headers and deploy/nginx.conf give (tests/test_deploy_headers.py).
CONTENT_TYPES = {
    ".mobileconfig": "application/x-apple-aspen-config",
    ".json": "application/json",
    ".xml": "application/xml",
    # A page's Markdown copy and llms.txt (hooks/agents.py), as deploy/ serves them.
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".md")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder quietly, with the hosts' content types and 404 page."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}
    use_gzip = False

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing address gets the site's root 404.html with status 404, as GitHub Pages does."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self):
        """Text files gzip-compressed when the browser asks and the server was made with gzip."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.use_gzip and accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip_module.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, *, gzip: bool = False) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a port the OS picks) in a thread; yields the base URL,
    ending in "/". The server stops when the `with` block ends."""
    handler_class = type("Handler", (StaticHandler,), {"use_gzip": gzip})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
