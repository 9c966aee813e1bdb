"""Check files and folders for session-fixation and session-cookie weaknesses.

Exit status, as linters have it: 0 clean, 1 findings, 2 errors (a file that
could not be analysed, or a usage or configuration error). --exit-zero
turns findings and unanalysable files into 0; usage errors stay 2.
"""

from __future__ import annotations

import os
import sys

from .. import runner
from ..config import ConfigError
from ..engine import collector
from ..output import FORMATS, TEXT_ONLY, Options, renderer
from ..output.color import MODES, use_color
from ..output.escape import clip
from ..output.streams import LENIENT
from . import _shared

HELP = "check Python files and folders"


def add_arguments(parser):
    _shared.add_arguments(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="text (flake8-style, the default), json, sarif (GitHub code scanning) "
                             "or gitlab (GitLab SAST report)")
    parser.add_argument("--output-file", metavar="PATH",
                        help="write the report to PATH instead of standard output")
    parser.add_argument("-q", "--quiet", action="count", default=0,
                        help="text: -q prints only the names of files with findings, -qq nothing "
                             "(the exit status still tells)")
    parser.add_argument("--statistics", action="store_true",
                        help="text: after the findings, print how many each code had")
    parser.add_argument("--color", choices=MODES, default="auto",
                        help="colour the text report: auto (a terminal, unless NO_COLOR is set), always, never")
    parser.add_argument("--show-settings", action="store_true",
                        help="print every setting, its value and where it came from, then exit")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings or errors")
    parser.add_argument("--no-cache", action="store_true",
                        help="analyse every file again, ignoring and keeping no cache "
                             "(<project root>/.fixlint_cache/)")


def run(args):
    if args.format != "text":
        for name in TEXT_ONLY:
            if getattr(args, name):
                raise ConfigError(f"--{name} applies to --format text only")
    # What exists before the first file (modules, settings, the project
    # model, the texts it read and the trees it parsed for the check:
    # runner.Sources) is kept until its file is checked or to the end: the
    # run's collections skip it. Choosing the files builds the model with
    # no collection meanwhile, and freezes what it made before the next
    # one, which would traverse all of it.
    with collector.frozen() as freeze:
        with collector.paused():
            chosen = _shared.select(args, keep_sources=not args.show_settings)
            freeze()
        return _run(args, chosen)


def _run(args, chosen):
    if args.show_settings:
        from ..layered_settings import describe

        sys.stdout.write(describe(chosen.layers, chosen.rules))
        return 0
    if args.output_file:
        _refuse_checked_output(args.output_file, chosen.files)
    results = _check(args, chosen)
    if chosen.stdin:
        results.append(_shared.check_stdin(chosen))
    results = chosen.without_ignored(results)
    for path, error in chosen.errors:
        results.append(runner.FileResult(path, [], [error]))
    results = sorted((_for_display(r) for r in results), key=lambda r: r.path)
    _report(args, results, chosen.rules)
    summary = runner.error_summary(results)
    if summary:
        print(summary, file=sys.stderr)
    if args.exit_zero:
        return 0
    if any(r.errors for r in results):
        return 2
    if any(r.findings for r in results):
        return 1
    return 0


def _check(args, chosen):
    """FileResults of the chosen files: those unchanged since the last run
    (same content, project facts, configuration and fixlint) come from the
    results cache, the others are checked."""
    def check(files):
        return runner.check_paths(files, chosen.config, chosen.rules, args.jobs, timeout=chosen.timeout,
                                  max_size=chosen.max_size, projects=chosen.projects, sources=chosen.sources)

    if chosen.no_cache or chosen.projects is None:
        return check(chosen.files)
    from ..project.results import ResultsCache

    cache = ResultsCache(chosen.projects, chosen.config, chosen.rules)
    hits, misses, keys = cache.split(chosen.files)
    checked = check(misses) if misses else []
    cache.update(checked, keys)
    cache.save()
    order = {path: i for i, path in enumerate(chosen.files)}
    return sorted(hits + checked, key=lambda r: order.get(r.path, 0))


def _for_display(result):
    """The result with its path relative to the current directory and over-long
    names in its messages shortened, for every format. A file with nothing
    to show is only counted: left as it is."""
    if not result.findings and not result.errors:
        return result
    findings = [f._replace(message=clip(f.message)) for f in result.findings]
    return result._replace(path=runner.display_path(result.path), findings=findings)


def _refuse_checked_output(output, files):
    """A ConfigError when the report would overwrite a file being checked
    (`--output-file app.py app.py`, or another name of the same file)."""
    try:
        target = os.stat(output)
    except OSError:  # not there yet (or not reachable: opening it will say)
        return
    for path in files:
        try:
            if os.path.samestat(os.stat(path), target):
                raise ConfigError(f"--output-file: {output} is one of the files being checked; not overwriting it")
        except OSError:
            continue


def _report(args, results, rules):
    if args.output_file:
        try:
            out = open(args.output_file, "w", encoding="utf-8", errors=LENIENT)
        except OSError as exc:
            raise ConfigError(f"--output-file: cannot write {args.output_file}: {exc.strerror or exc}") from None
    else:
        out = sys.stdout
    options = Options(color=use_color(args.color, out), quiet=args.quiet, statistics=args.statistics)
    try:
        renderer(args.format)(results, rules, out, sys.stderr, options)
        if out is not sys.stdout:
            out.close()  # a full disk shows here
    except OSError as exc:
        if out is not sys.stdout:
            exc.filename = exc.filename or args.output_file
            _close_quietly(out)
        raise
    except BaseException:
        if out is not sys.stdout:
            _close_quietly(out)
        raise


def _close_quietly(out):
    try:
        out.close()
    except OSError:
        pass
