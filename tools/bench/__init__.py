"""Benchmark: how the build, the pages, search and `mkdocs serve` cope as the help center grows.

For each N it makes a help center of the real project (mkdocs.yml, hooks, overrides, data and
pages) plus N generated articles per language, copied from the real guides, in a temporary
folder, builds it in up to three variants and prints one Markdown table:

  a  the real build
  b  the same pages with the settings markers pre-rendered and hooks/settings.py removed
  c  one language only (every language but the default one set to `build: false`)

Usage: python -m tools.bench [--pages 100 500 1000] [--runs 3] [--variants a b c]
       [--search-baseline REV] [--write PERFORMANCE.md]     (or: make bench PAGES=... RUNS=...)
Every number is the median of the runs; each run builds the variants of one size side by side.
Modules: config_file (mkdocs.yml as data), generate (the help centers), builds (timed builds and
serve edits), browser (Chromium measurements), search_compare (two search engines side by side),
table (the table), report (PERFORMANCE.md).
"""
