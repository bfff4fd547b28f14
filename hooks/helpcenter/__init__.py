"""The help center's build code: everything the hook files in hooks/ do, as plain Python.

MkDocs loads each file listed under `hooks:` in mkdocs.yml as a module of its own, and keeps it
for the life of the process (also across `mkdocs serve` rebuilds). Those files therefore hold
only thin event functions; this package holds the code, is imported the ordinary way (once, by
name), and keeps no state of its own: a build's state lives on the `SiteContext` that
`context.start` creates in `on_config` (ARCHITECTURE.md, "Module map").
"""
