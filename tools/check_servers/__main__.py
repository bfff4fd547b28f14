"""`python -m tools.check_servers`: see tools/check_servers/__init__.py."""

import sys

from tools.check_servers.cli import main

sys.exit(main())
