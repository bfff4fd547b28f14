"""A small toolkit shared by the tools (tools/*.py) and the tests (tests/**): each piece exists
once, so a fix to how the site is built, served or browsed reaches every caller.

- `tools.kit.build`: `strict_build(project, site)`, the one `mkdocs build --strict` subprocess.
- `tools.kit.net`: `free_port()`, a TCP port on 127.0.0.1 that nothing listens on.
- `tools.kit.serve`: `serve(directory)`, a real static HTTP server on 127.0.0.1, with the content
  types and 404 page a static host gives (and gzip, as `serve(directory, gzip=True)`).
- `tools.kit.browser`: `launch_chromium(playwright)`, Debian's headless Chromium with the
  project's flags (CHROMIUM_ARGS), and `chromium_path()`.

Tools import from here; tools never import from tests/. Tests import from here (tests/
sitebuild.py and the conftest files wrap it in fixtures).
"""
