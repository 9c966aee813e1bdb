"""Check files and folders for session-fixation and session-cookie weaknesses."""

from __future__ import annotations

import sys

from .. import runner
from ..output import FORMATS
from . import _shared

HELP = "check Python files and folders"


def add_arguments(parser):
    _shared.add_arguments(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings or errors")


def run(args):
    chosen = _shared.select(args)
    results = runner.check_paths(chosen.files, chosen.config, chosen.rules, args.jobs)
    for path, error in chosen.errors:
        results.append(runner.FileResult(path, [], [error]))
    results = sorted((r._replace(path=runner.display_path(r.path)) for r in results), key=lambda r: r.path)
    FORMATS[args.format](results, chosen.rules, sys.stdout, sys.stderr)
    if args.exit_zero:
        return 0
    if any(r.errors for r in results):
        return 2
    if any(r.findings for r in results):
        return 1
    return 0
