"""What `check` and `fix` share: the file/rule selection options and how
they combine with `[tool.fixlint]`."""

from __future__ import annotations

import argparse
import sys
from typing import NamedTuple

from .. import flake8_settings, project, runner, settings, timelimit
from ..config import Config, ConfigError, parse_list
from ..selection import select_rules


MAX_JOBS = 512


class Buffer(NamedTuple):
    """Source read from standard input, named by --stdin-filename."""
    name: str
    data: bytes
    excluded: bool  # the name is excluded: check reports nothing, fix prints it back


class Selection(NamedTuple):
    config: Config
    rules: list
    files: list
    errors: list  # (path, FileError) from discovery
    timeout: float  # seconds one file may take
    max_size: int  # bytes a file may hold
    projects: object = None  # fixlint.project.Projects: built once per run
    no_cache: bool = False  # --no-cache, or `cache = false` in [tool.fixlint]
    layers: object = None  # layered_settings.Layers: where each setting came from
    stdin: "Buffer" = None  # read from standard input (`-`)
    sources: object = None  # runner.Sources: the texts the project model read, for the check

    def rules_for(self, path):
        """The rules for one file: per-file-ignores may drop some."""
        if self.layers is None or not self.layers.get("per-file-ignores"):
            return self.rules
        return self.layers.rules_for(path)

    def without_ignored(self, results):
        """`results` minus the findings per-file-ignores drops."""
        if self.layers is None or not self.layers.get("per-file-ignores"):
            return results
        out = []
        for result in results:
            codes = {rule.code for rule in self.rules_for(result.path)}
            out.append(result._replace(findings=[f for f in result.findings if f.code in codes]))
        return out


def _codes(value):
    return list(parse_list(value, "codes"))


def _argument(parse):
    def convert(value):
        try:
            return parse(value, "")
        except ConfigError as exc:
            raise argparse.ArgumentTypeError(str(exc).lstrip(": ")) from None
    return convert


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
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help="parallel worker processes (default: all cores)")
    parser.add_argument("--per-file-timeout", type=_argument(settings.parse_seconds), default=None,
                        metavar="SECONDS", help="skip (and report) a file whose analysis takes longer "
                                                f"(default: {timelimit.DEFAULT_SECONDS:g})")
    parser.add_argument("--max-file-size", type=_argument(settings.parse_size), default=None, metavar="BYTES",
                        help="skip (and report) a larger file without reading it: bytes, or with k, M "
                             f"(default: {runner.DEFAULT_MAX_FILE_SIZE // 1024 ** 2}M)")
    parser.add_argument("--include-tests", action="store_true", default=None,
                        help="check test code too (tests/ folders, test_*.py, conftest.py, ...)")
    parser.add_argument("--config", metavar="FILE",
                        help="read [tool.fixlint] from this pyproject.toml, or [flake8] from this "
                             "setup.cfg/tox.ini/.flake8 (default: the nearest of each)")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help="with '-' as a path: the file name of the source read from standard input "
                             "(configuration, excludes, per-file-ignores and test-code detection apply to it)")


def rules_for(run_settings, select=None, extend_select=None, ignore=None):
    """The rules `[tool.fixlint]`'s run settings name, with `select` and
    `ignore` (when not None) replacing its own and `extend_select` added:
    how command-line flags and an editor's settings combine with the file."""
    return select_rules(
        select=select if select is not None else run_settings.get("select"),
        extend_select=(run_settings.get("extend-select") or []) + list(extend_select or []),
        ignore=ignore if ignore is not None else run_settings.get("ignore", []),
    )


def select(args, keep_sources=False):
    """The configuration, rules and files the options and settings name.
    `keep_sources`: keep the texts the project model reads for the check
    (runner.Sources)."""
    from ..layered_settings import gather

    layers = gather(args)
    if args.jobs is not None and not 0 < args.jobs <= MAX_JOBS:
        raise ConfigError(f"--jobs: expected a positive number up to {MAX_JOBS}, got {args.jobs}")
    if "" in args.paths:
        raise ConfigError("PATH: an empty path names no file (use . for the current folder)")
    rules = layers.rules()
    warning = layers.nothing_selected()
    if warning:
        print(warning, file=sys.stderr)
    flake8_excludes = (layers.get("flake8-exclude") or []) + (layers.get("flake8-extend-exclude") or [])
    skip = (lambda path: flake8_settings.matches(path, flake8_excludes)) if flake8_excludes else None
    paths = [path for path in args.paths if path != "-"]
    stdin = None
    if len(paths) < len(args.paths):
        name = args.stdin_filename or "stdin"
        stdin = Buffer(name, sys.stdin.buffer.read(), runner.excluded_name(name, layers.get("exclude", []), skip))
    elif args.stdin_filename:
        raise ConfigError("--stdin-filename names the source read from standard input: pass '-' as the path")
    files, errors = runner.discover(paths, layers.get("exclude", []), use_gitignore=not args.no_gitignore,
                                    skip=skip)
    timeout = layers.get("per-file-timeout") or timelimit.DEFAULT_SECONDS
    max_size = layers.get("max-file-size") or runner.DEFAULT_MAX_FILE_SIZE
    no_cache = getattr(args, "no_cache", False) or layers.get("cache") is False
    sources = (runner.Sources(files, layers.config, rules, max_size)
               if keep_sources and files and runner.uses_sources(args.jobs, len(files)) else None)
    projects = project.for_files(files, use_cache=not no_cache, sink=sources and sources.keep) if files else None
    if sources is not None and projects is not None:
        sources.routed_modules = projects.routed_modules
    return Selection(layers.config, rules, files, errors, timeout, max_size, projects, no_cache, layers, stdin,
                     sources)


def check_stdin(chosen):
    """The FileResult of the buffer read from standard input."""
    name, data, excluded = chosen.stdin
    if excluded:
        return runner.FileResult(name, [], [])
    with timelimit.alarm_handler():
        result = runner.guarded(lambda: runner.check_data(name, data, chosen.config, chosen.rules), chosen.timeout)
    return runner.FileResult(name, [], [result]) if isinstance(result, runner.FileError) else result
