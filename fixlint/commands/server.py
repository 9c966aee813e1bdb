"""Run the language server on standard input and output (LSP), for editors:
findings as you type, quick fixes, fix-all, `# noqa` and rule docs as code
actions. Needs the extra: pip install 'fixlint[server]'."""

from __future__ import annotations

import sys

HELP = "run the language server (LSP over stdio) for editors"


def add_arguments(parser):
    # Editors' generic LSP clients often pass --stdio; stdio is the only transport.
    parser.add_argument("--stdio", action="store_true", help="talk LSP over standard input/output (the default)")


def run(args):
    try:
        import pygls  # noqa: F401
        import libcst  # noqa: F401
    except ImportError:
        print("fixlint: error: 'fixlint server' needs pygls and libcst: pip install 'fixlint[server]'",
              file=sys.stderr)
        return 2
    from ..server.app import serve

    return serve()
