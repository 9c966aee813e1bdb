"""Shared by the robustness tests: run one source through every entry point
and every registered rule, and collect what went wrong inside fixlint; and
the mutation strategy that turns fixtures into framework-shaped fuzz.

Rules are found through the registry, never listed here, so a rule added
later is covered by every harness that uses this module.
"""

from __future__ import annotations

import ast
import io
import keyword
import os
import tempfile
import tokenize
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

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
    plugin with the tree (with and without the per-file keyword guard), the
    CLI's per-file check of a file on disk (read, decode, parse, check,
    noqa), and every analysis whether a rule reads it yet or not.
    `every_path=False`: one walk with every rule and analysis, for sources
    too big to check four times. A source that does not parse gives [] (the
    CLI reports it as a syntax error, not an internal error)."""
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
    errors += [f"cli: {message}" for message in cli_internal_errors(source, filename)]
    # Analyses no rule reads yet (shared models awaiting their rules) too.
    result = check_tree(tree, filename, Config(), [_EveryAnalysis()], None)
    errors += [f"analyses:{e.line}: {e.describe()}" for e in result.errors]
    return errors


_FOLDER = None


def cli_internal_errors(source, filename="app.py"):
    """The CLI's per-file check of `source` written to disk as UTF-8: the
    messages of its errors that are internal errors."""
    global _FOLDER
    if _FOLDER is None:
        _FOLDER = tempfile.TemporaryDirectory(prefix="fixlint-robustness-")
    path = os.path.join(_FOLDER.name, filename)
    with open(path, "wb") as f:
        f.write(source.encode("utf-8", errors="surrogatepass"))
    result = runner.check_file(path, Config(), all_rules())
    return [e.message for e in result.errors if runner.is_internal(e)]


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


# -- seeds: framework-shaped code the mutation strategy starts from --------

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


def tokens_of(source):
    """The atoms of `source`: names (not keywords), strings and numbers."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    return [t for t in tokens if t.type in _ATOMS and not keyword.iskeyword(t.string)]


_ATOMS = (tokenize.NAME, tokenize.STRING, tokenize.NUMBER)


@lru_cache(maxsize=None)
def vocabulary():
    """Token type -> the words worth putting in a token of that type: every
    name, string and number of the seeds, plus the analyses' keywords as
    names and strings (the words the guards and the rules look for)."""
    words = {kind: set() for kind in _ATOMS}
    for source in seed_sources():
        for token in tokens_of(source):
            words[token.type].add(token.string)
    for analysis in every_analysis():
        for word in (*analysis.keywords, *analysis.words, *analysis.names):
            words[tokenize.STRING].add(repr(word))
            if word.isidentifier() and not keyword.iskeyword(word):
                words[tokenize.NAME].add(word)
    words[tokenize.NUMBER].update(("-1", "10 ** 400", "1e308 * 10", "True", "None", "0.5", "2 ** 63"))
    return {kind: tuple(sorted(found)) for kind, found in words.items()}


def _line_starts(source):
    """Line number (1-based) -> offset of its first character, split as
    tokenize splits lines."""
    starts, total = [0, 0], 0
    for line in io.StringIO(source).readlines():
        total += len(line)
        starts.append(total)
    return starts


def _deep(word, depth, kind):
    return {
        "parens": "(" * depth + word + ")" * depth,
        "attribute": word + ".session" * depth,
        "call": word + "()" * depth,
        "subscript": word + "['sid']" * depth,
        "not": "(" + "not " * depth + word + ")",
        "sum": "(" + " + ".join([word] * depth) + ")",
    }[kind]


_EDITS = ("swap", "swap", "swap", "deep", "drop line", "double line", "graft line")


@lru_cache(maxsize=None)
def seed_lines():
    """Every one-line statement of the seeds, without its indentation: what
    a graft puts into another program."""
    found = set()
    for source in seed_sources():
        for line in source.splitlines():
            text = line.strip()
            if text and not text.startswith(("#", "@")) and not text.endswith((":", "(", "[", "{", ",", "\\")):
                found.add(text)
    return tuple(sorted(found))


_DEEP = ("parens", "attribute", "call", "subscript", "not", "sum")


@st.composite
def mutated_seeds(draw, max_edits=4):
    """A fixture or rule example with a few edits at its names, strings and
    numbers: one swapped for another the seeds use, nested deep, or its
    line dropped, doubled or followed by a statement from another seed. The
    edits keep most programs parseable while putting unexpected values into
    every slot the analyses read and known statements in unknown places."""
    source = draw(st.sampled_from(seed_sources()))
    tokens = tokens_of(source)
    if not tokens:
        return source
    starts = _line_starts(source)
    count = draw(st.integers(1, min(max_edits, len(tokens))))
    chosen = draw(st.lists(st.integers(0, len(tokens) - 1), min_size=count, max_size=count, unique=True))
    words = vocabulary()
    for index in sorted(chosen, reverse=True):  # from the end: earlier offsets stay valid
        token = tokens[index]
        begin = starts[token.start[0]] + token.start[1]
        end = starts[token.end[0]] + token.end[1]
        edit = draw(st.sampled_from(_EDITS))
        if edit.endswith("line"):
            begin, end = starts[token.start[0]], starts[token.end[0] + 1]
            line = source[begin:end]
            if edit == "graft line":  # another seed's statement, here, at this indentation
                indent = line[:len(line) - len(line.lstrip())]
                new = line + indent + draw(st.sampled_from(seed_lines())) + "\n"
            else:
                new = "" if edit == "drop line" else line * 2
        elif edit == "swap":
            new = draw(st.sampled_from(words[token.type]))
        else:
            new = _deep(token.string, draw(st.integers(2, 200)), draw(st.sampled_from(_DEEP)))
        source = source[:begin] + new + source[end:]
    return source
