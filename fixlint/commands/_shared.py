"""What `check` and `fix` share: the file/rule selection options and how
they combine with `[tool.fixlint]`."""

from __future__ import annotations

import argparse
import os
from typing import NamedTuple

from .. import project, runner, settings, timelimit
from ..config import Config, ConfigError, parse_list
from ..selection import select_rules


MAX_JOBS = 512


class Selection(NamedTuple):
    config: Config
    rules: list
    files: list
    errors: list  # (path, FileError) from discovery
    timeout: float  # seconds one file may take
    max_size: int  # bytes a file may hold
    projects: object = None  # fixlint.project.Projects: built once per run
    no_cache: bool = False  # --no-cache, or `cache = false` in [tool.fixlint]


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
    parser.add_argument("--config", metavar="PYPROJECT",
                        help="read [tool.fixlint] from this file (default: nearest pyproject.toml)")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")


def rules_for(run_settings, select=None, extend_select=None, ignore=None):
    """The rules `[tool.fixlint]`'s run settings name, with `select` and
    `ignore` (when not None) replacing its own and `extend_select` added:
    how command-line flags and an editor's settings combine with the file."""
    return select_rules(
        select=select if select is not None else run_settings.get("select"),
        extend_select=(run_settings.get("extend-select") or []) + list(extend_select or []),
        ignore=ignore if ignore is not None else run_settings.get("ignore", []),
    )


def select(args):
    """The configuration, rules and files the options and settings name."""
    config, run_settings = Config(), {}
    if not args.isolated:
        path = args.config or settings.find_pyproject(os.getcwd())
        if args.config and not os.path.isfile(args.config):
            reason = "not a regular file" if os.path.exists(args.config) else "no such file"
            raise ConfigError(f"--config: {reason}: {args.config}")
        if path:
            config, run_settings = settings.load(path)
    if args.jobs is not None and not 0 < args.jobs <= MAX_JOBS:
        raise ConfigError(f"--jobs: expected a positive number up to {MAX_JOBS}, got {args.jobs}")
    if "" in args.paths:
        raise ConfigError("PATH: an empty path names no file (use . for the current folder)")
    rules = rules_for(run_settings, args.select, args.extend_select, args.ignore)
    exclude = list(run_settings.get("exclude", []))
    for value in args.exclude:
        exclude += settings.exclude_patterns(parse_list(value, "--exclude"), "--exclude")
    files, errors = runner.discover(args.paths, exclude, use_gitignore=not args.no_gitignore)
    timeout = args.per_file_timeout or run_settings.get("per-file-timeout") or timelimit.DEFAULT_SECONDS
    max_size = args.max_file_size or run_settings.get("max-file-size") or runner.DEFAULT_MAX_FILE_SIZE
    no_cache = getattr(args, "no_cache", False) or run_settings.get("cache") is False
    projects = project.for_files(files, use_cache=not no_cache) if files else None
    return Selection(config, rules, files, errors, timeout, max_size, projects, no_cache)
