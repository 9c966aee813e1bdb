"""Shared by the robustness tests: run one source through every entry point
and every registered rule, and collect what went wrong inside fixlint.

Rules are found through the registry, never listed here, so a rule added
later is covered by every harness that uses this module.
"""

from __future__ import annotations

import ast
import io
import tokenize
from functools import lru_cache
from pathlib import Path

from fixlint import runner
from fixlint.analysis.base import Analysis
from fixlint.config import Config
from fixlint.engine.checker import check_tree
from fixlint.plugin import INTERNAL_ERROR, Plugin
from fixlint.rules import Rule, all_rules

ROOT = Path(__file__).resolve().parent.parent

# Framework headers put in front of generated programs, so that names in them
# resolve the way they would in a real app.
HEADERS = (
    "from flask import Flask, session, request, make_response, redirect, jsonify\n"
    "from flask_login import login_user, logout_user\n"
    "app = Flask(__name__)\n",
    "from django.contrib import auth\n"
    "from django.contrib.auth import login, logout, authenticate\n"
    "from django.http import HttpResponse, JsonResponse\n",
    "from fastapi import FastAPI, Request, Response, Cookie, Query\n"
    "from starlette.middleware.sessions import SessionMiddleware\n"
    "app = FastAPI()\n",
)


def internal_errors(source, filename="app.py", every_path=True, tree=None):
    """Every internal error fixlint reports for `source`, through the flake8
    plugin (with and without the per-file keyword guard) and the CLI's
    per-file path (decode, parse, check, noqa), plus every analysis whether
    a rule reads it yet or not. `every_path=False`: one walk with every rule
    and analysis, for sources too big to check four times. A source that does
    not parse gives [] (the CLI reports it as a syntax error, not an internal
    error)."""
    try:
        tree = tree or ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    if not every_path:
        result = check_tree(tree, filename, Config(), list(all_rules()) + [_EveryAnalysis()], None)
        return [f"check:{e.line}: {e.describe()}" for e in result.errors]
    lines = source.splitlines(keepends=True)
    errors = []
    for plugin_lines in (lines, None):  # None: no keyword guard, every analysis runs
        for line, col, message, _ in Plugin(tree, filename, plugin_lines).run():
            if message.startswith(INTERNAL_ERROR):
                errors.append(f"plugin:{line}: {message}")
    result = runner.check_text(filename, source, tree, Config(), all_rules())
    errors += [f"check:{e.line}: {e.message}" for e in result.errors]
    # Analyses no rule reads yet (shared models awaiting their rules) too.
    result = check_tree(tree, filename, Config(), [_EveryAnalysis()], None)
    errors += [f"analyses:{e.line}: {e.describe()}" for e in result.errors]
    return errors


@lru_cache(maxsize=None)
def every_analysis():
    """Every Analysis subclass in fixlint.analysis, used by a rule or not."""
    import importlib
    import pkgutil

    import fixlint.analysis as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    found, pending = [], list(Analysis.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith(package.__name__ + ".") and cls not in found:
            found.append(cls)
    return tuple(sorted(found, key=lambda a: (a.__module__, a.__name__)))


class _EveryAnalysis(Rule):
    """Not registered: a rule that reads every analysis and reports nothing."""

    code = "SFX999"

    @property
    def uses(self):
        return every_analysis()

    def check(self, ctx, facts):
        return ()


def check_errors_of_file(path):
    """The CLI path for a file on disk: FileErrors that are internal errors."""
    result = runner.check_file(str(path), Config(), all_rules())
    return [e.message for e in result.errors if "internal error" in e.message]


# -- seeds: framework-shaped code the mutation strategies start from -------

@lru_cache(maxsize=None)
def seed_sources():
    """Every fixture file and every rule example (valid and invalid)."""
    seeds = []
    for path in sorted((ROOT / "fixtures").rglob("*.py")):
        seeds.append(path.read_text(encoding="utf-8"))
    for rule in all_rules():
        for example in tuple(rule.valid) + tuple(rule.invalid):
            seeds.append(example.code)
    return tuple(seeds)


@lru_cache(maxsize=None)
def vocabulary():
    """Tokens worth inserting: every NAME, OP and STRING of the seeds, the
    analyses' keywords, and Python's keywords."""
    import keyword

    words = set(keyword.kwlist) | {"(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "*", "**", "|", "+",
                                   "%", "@", "->", ":=", "lambda", "await", "yield", "\n", "\n    "}
    for source in seed_sources():
        for token in tokens_of(source):
            if token.type in (tokenize.NAME, tokenize.OP, tokenize.STRING, tokenize.NUMBER):
                words.add(token.string)
    for analysis in every_analysis():
        words.update(analysis.keywords)
    return tuple(sorted(words))


def tokens_of(source):
    try:
        return [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
                if t.type not in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT)]
    except (tokenize.TokenError, SyntaxError):
        return []


def offsets(source):
    """Line number -> offset of its first character."""
    starts, total = [0, 0], 0
    for line in source.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts
