"""Fix what fixlint reports. By default print the fixes as a unified diff and
change nothing; with --write, apply them. Only safe fixes run unless
--unsafe-fixes is given (each rule's docs say which of its fixes are unsafe,
and why: `fixlint explain SFX302`)."""

from __future__ import annotations

import sys

from .. import runner, timelimit
from . import _shared

HELP = "fix findings: print a diff, or apply it with --write"


def add_arguments(parser):
    _shared.add_arguments(parser)
    parser.add_argument("--write", action="store_true",
                        help="apply the fixes to the files (default: print them as a diff)")
    parser.add_argument("--unsafe-fixes", action="store_true",
                        help="also apply fixes that may change behaviour (see each rule's 'Fix safety')")


def run(args):
    try:
        import libcst  # noqa: F401
    except ImportError:
        print("fixlint: error: 'fixlint fix' needs libcst: pip install 'fixlint[fix]'", file=sys.stderr)
        return 2
    from ..fix import report
    from ..fix.engine import fix_file
    from ..fix.files import tree_of

    chosen = _shared.select(args)
    tree = tree_of(args.paths)  # --write never follows a symlink out of these folders
    checked = runner.check_paths(chosen.files, chosen.config, chosen.rules, args.jobs,
                                 timeout=chosen.timeout, max_size=chosen.max_size, projects=chosen.projects)
    out = report.Report(sys.stdout, sys.stderr, write=args.write, unsafe=args.unsafe_fixes)
    for path, error in chosen.errors:
        out.error(runner.display_path(path), error)
    with timelimit.alarm_handler():
        for result in sorted(checked, key=lambda r: runner.display_path(r.path)):
            path = runner.display_path(result.path)
            if not result.findings and not result.errors:
                continue
            if any(runner.not_finished(e) for e in result.errors):
                for error in result.errors:  # it would not finish the second time either
                    out.error(path, error)
                continue
            fixed = runner.guarded(lambda r=result: fix_file(r.path, chosen.config, chosen.rules,
                                                            unsafe=args.unsafe_fixes, write=args.write,
                                                            tree=tree, max_size=chosen.max_size,
                                                            project=_facts(chosen, r.path)),
                                   chosen.timeout)
            if isinstance(fixed, runner.FileError):
                out.error(path, fixed._replace(message=f"{fixed.message}; not fixed"))
            else:
                out.file(path, fixed)
    out.summary()
    return out.exit_code()


def _facts(chosen, path):
    return chosen.projects.facts_for(path) if chosen.projects is not None else None
