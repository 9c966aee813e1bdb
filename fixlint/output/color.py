"""When to colour: `--color auto|always|never`, NO_COLOR and FORCE_COLOR.

`auto` colours only a terminal. NO_COLOR (any non-empty value, see
no-color.org) turns colour off and FORCE_COLOR (non-empty) turns it on even
when piped; NO_COLOR wins when both are set. An explicit `--color always`
or `never` beats both, as no-color.org asks of command-line flags.
"""

from __future__ import annotations

import os

MODES = ("auto", "always", "never")

BOLD = "\033[1m"
RED = "\033[31m"
CYAN = "\033[36m"
RESET = "\033[m"


def use_color(mode, stream, environ=None):
    environ = os.environ if environ is None else environ
    if mode == "always":
        return True
    if mode == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and environ.get("TERM") != "dumb"
