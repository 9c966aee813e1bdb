"""Shared test helpers: run fixlint's real entry points."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from fixlint import cli
from fixlint.analysis.base import GuardText
from fixlint.config import Config
from fixlint.engine.checker import check_tree
from fixlint.selection import select_rules

ROOT = Path(__file__).resolve().parent.parent


def _source(source):
    return textwrap.dedent(source).lstrip("\n")


def lint(source, filename="app.py", config=None, codes=None, rules=None):
    """(line, col 1-based, code) findings of the in-process checker, with the
    default rules (or `rules`); the first line of `source` is line 1."""
    source = _source(source)
    tree = ast.parse(source)
    result = check_tree(tree, filename, config or Config(), rules or select_rules(), GuardText(source))
    assert not result.errors, result.errors
    return [(f.line, f.col + 1, f.code) for f in result.findings if codes is None or f.code in codes]


def messages(source, filename="app.py", config=None, rules=None):
    source = _source(source)
    result = check_tree(ast.parse(source), filename, config or Config(), rules or select_rules(), GuardText(source))
    return [f"{f.code} {f.message}" for f in result.findings]


def run_cli(*args, cwd=None, env=None):
    """Run `python -m fixlint` for real."""
    # Colour variables of the calling shell must not leak into exact-output tests.
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "fixlint", *args],
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=300, env=full_env,
    )


def run_main(capsys, *args):
    """(exit status, stdout, stderr) of `fixlint.cli.main` run in-process, so
    that a test can patch fixlint (forked -j workers inherit the patch)."""
    try:
        status = cli.main(list(args))
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def run_flake8(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=300,
    )


def write(folder, name, source):
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return path
