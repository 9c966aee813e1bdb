"""Fix what fixlint reports. By default print the fixes as a unified diff and
change nothing; with --write, apply them. Only safe fixes run unless
--unsafe-fixes is given (each rule's docs say which of its fixes are unsafe,
and why: `fixlint explain SFX302`)."""

from __future__ import annotations

import sys

from .. import runner, timelimit
from ..config import ConfigError
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
    from ..fix.fixer import fix_file
    from ..fix.files import tree_of

    if "-" in args.paths and (len(args.paths) > 1 or args.write):
        raise ConfigError("fix -: standard input is fixed on its own, to standard output (no other paths, no --write)")
    chosen = _shared.select(args)
    if chosen.stdin:
        return _fix_stdin(chosen, args)
    tree = tree_of(args.paths)  # --write never follows a symlink out of these folders
    checked = chosen.without_ignored(
        runner.check_paths(chosen.files, chosen.config, chosen.rules, args.jobs,
                           timeout=chosen.timeout, max_size=chosen.max_size, projects=chosen.projects))
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
            fixed = runner.guarded(lambda r=result: fix_file(r.path, chosen.config, chosen.rules_for(r.path),
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


def _fix_stdin(chosen, args):
    """`fixlint fix -`: the fixed source on stdout (the input unchanged when
    nothing applies, the name is excluded or it cannot be fixed); what is
    left, and errors, on stderr."""
    from ..fix import report
    from ..fix.fixer import FileFix, fix_text

    name, data, excluded = chosen.stdin
    out = report.Report(sys.stdout, sys.stderr, write=True, unsafe=args.unsafe_fixes)
    result = data
    if not excluded:
        try:
            text, encoding = runner.decode_source(data)
        except runner.SourceError as exc:
            out.error(name, runner.FileError(exc.line, exc.col, f"{exc.message}; not fixed"))
        else:
            with timelimit.alarm_handler():
                outcome = runner.guarded(lambda: fix_text(text, name, chosen.config, chosen.rules_for(name),
                                                          unsafe=args.unsafe_fixes), chosen.timeout)
            if isinstance(outcome, runner.FileError):
                out.error(name, outcome._replace(message=f"{outcome.message}; not fixed"))
            else:
                out.file(name, FileFix(text, outcome.text, outcome.applied, outcome.remaining, outcome.errors, True))
                result = outcome.text.encode(encoding)
    sys.stdout.flush()
    sys.stdout.buffer.write(result)
    sys.stdout.flush()
    out.summary()
    return out.exit_code()
