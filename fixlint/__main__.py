import os
import sys

# `python -m fixlint` puts the current directory first on sys.path, so a
# project being checked that has its own `json.py` or `argparse.py` would be
# imported (and run) in place of the standard module. fixlint never imports
# what it checks: drop that entry before importing anything else.
#
# That protects only what is imported from here on. The interpreter and
# runpy import modules before this file runs (`warnings`, `functools`,
# `importlib.util`, the `fixlint` package itself), and a project's own file
# of that name has already run by then: nothing here can undo it. What this
# can do is refuse to go on as if nothing had happened. The console script
# (`fixlint`) and `python -P -m fixlint` do not put the folder on sys.path.
_FOLDER = None
if sys.path and sys.path[0] in ("", os.getcwd()) and not getattr(sys.flags, "safe_path", False):
    _FOLDER = os.path.abspath(sys.path.pop(0) or os.curdir)


def _imported_from(folder):
    """The files, other than fixlint's own, that modules were imported from
    because `folder` was first on sys.path (`folder/warnings.py`, a package
    `folder/types/`), not from a virtual environment that lies below it."""
    found = []
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        origin = getattr(module, "__file__", None)
        if not origin or top in ("fixlint", "__main__"):
            continue
        relative = os.path.relpath(os.path.abspath(origin), folder)
        if relative.startswith((top + ".", top + os.sep)):
            found.append(relative)
    return sorted(found)


_SHADOWS = _imported_from(_FOLDER) if _FOLDER is not None else []
if _SHADOWS:
    sys.stderr.write(
        f"fixlint: error: `python -m fixlint` ran {', '.join(_SHADOWS)} from the current "
        "folder before fixlint started (Python imports from there first); run the `fixlint` command "
        "or `python -P -m fixlint` instead\n")
    sys.exit(2)

from fixlint.cli import main  # noqa: E402 - after the sys.path fix above

sys.exit(main())
