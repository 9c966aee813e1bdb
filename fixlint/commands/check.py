"""Check files and folders for session-fixation and session-cookie weaknesses.

Exit status, as linters have it: 0 clean, 1 findings, 2 errors (a file that
could not be analysed, or a usage or configuration error). --exit-zero
turns findings and unanalysable files into 0; usage errors stay 2.
"""

from __future__ import annotations

import os
import sys

from .. import runner, settings
from ..config import Config, ConfigError, parse_list
from ..output import FORMATS, TEXT_ONLY, Options, renderer
from ..output.color import MODES, use_color
from ..selection import select_rules

HELP = "check Python files and folders"


def _codes(value):
    return list(parse_list(value, "codes"))


def add_arguments(parser):
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    parser.add_argument("--select", type=_codes, default=None, metavar="CODES",
                        help="comma-separated codes or prefixes to run instead of the defaults (SFX, SFX3)")
    parser.add_argument("--extend-select", type=_codes, default=None, metavar="CODES",
                        help="codes to run in addition (e.g. the opt-in SFX305)")
    parser.add_argument("--ignore", type=_codes, default=None, metavar="CODES",
                        help="codes or prefixes to skip")
    parser.add_argument("--exclude", action="append", default=[], metavar="PATTERNS",
                        help="gitignore-style patterns to skip, in addition to .venv, node_modules, build, .git, ...")
    parser.add_argument("--no-gitignore", action="store_true", help="do not read .gitignore files")
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
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="parallel worker processes (default: all cores)")
    parser.add_argument("--config", metavar="PYPROJECT",
                        help="read [tool.fixlint] from this file (default: nearest pyproject.toml)")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings or errors")


def run(args):
    config, run_settings = Config(), {}
    if not args.isolated:
        path = args.config or settings.find_pyproject(os.getcwd())
        if args.config and not os.path.isfile(args.config):
            raise ConfigError(f"--config: no such file: {args.config}")
        if path:
            config, run_settings = settings.load(path)
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(f"--jobs: expected a positive number, got {args.jobs}")
    if args.format != "text":
        for name in TEXT_ONLY:
            if getattr(args, name):
                raise ConfigError(f"--{name} applies to --format text only")
    rules = select_rules(
        select=args.select if args.select is not None else run_settings.get("select"),
        extend_select=(run_settings.get("extend-select") or []) + (args.extend_select or []),
        ignore=args.ignore if args.ignore is not None else run_settings.get("ignore", []),
    )
    exclude = list(run_settings.get("exclude", []))
    for value in args.exclude:
        exclude += list(parse_list(value, "--exclude"))
    files, discovery_errors = runner.discover(args.paths, exclude, use_gitignore=not args.no_gitignore)
    results = runner.check_paths(files, config, rules, args.jobs)
    for path, error in discovery_errors:
        results.append(runner.FileResult(path, [], [error]))
    results = sorted((r._replace(path=runner.display_path(r.path)) for r in results), key=lambda r: r.path)
    _report(args, results, rules)
    if args.exit_zero:
        return 0
    if any(r.errors for r in results):
        return 2
    if any(r.findings for r in results):
        return 1
    return 0


def _report(args, results, rules):
    if args.output_file:
        try:
            out = open(args.output_file, "w", encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"--output-file: cannot write {args.output_file}: {exc.strerror or exc}") from None
    else:
        out = sys.stdout
    options = Options(color=use_color(args.color, out), quiet=args.quiet, statistics=args.statistics)
    try:
        renderer(args.format)(results, rules, out, sys.stderr, options)
    finally:
        if out is not sys.stdout:
            out.close()
