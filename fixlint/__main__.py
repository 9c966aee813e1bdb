import os
import sys

# `python -m fixlint` puts the current directory first on sys.path, so a
# project being checked that has its own `json.py` or `argparse.py` would be
# imported (and run) in place of the standard module. fixlint never imports
# what it checks: drop that entry before importing anything else.
if sys.path and sys.path[0] in ("", os.getcwd()) and not getattr(sys.flags, "safe_path", False):
    del sys.path[0]

from fixlint.cli import main  # noqa: E402 - after the sys.path fix above

sys.exit(main())
