"""python -m tools.checks [all | CHECK ...]: see tools/checks/__init__.py."""

import sys

from tools.checks import main

sys.exit(main(sys.argv[1:]))
