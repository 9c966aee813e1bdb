"""The project model's cheap scans (needles.py, the import tests of
summary._from_imports, the project-module names of Project._lookup) give
the facts the plain tests give: fewer scans, never another answer."""

from __future__ import annotations

import ast
import itertools
import re

import pytest

from fixlint import project
from fixlint.analysis.base import GuardText
from fixlint.project import cookie_reads, functions, needles, session_stores, summary

from .helpers import write

NEEDLE_SETS = {
    "summary.PARSE_MARKERS": summary._PARSE_NEEDLES,
    "session_stores._READ_TEXTS": session_stores._READ_NEEDLES,
    "cookie_reads (cookie)": cookie_reads._COOKIE_WORD,
}


@pytest.mark.parametrize("name", sorted(NEEDLE_SETS))
def test_every_needle_holds_the_anchor_it_is_grouped_under(name):
    needle_set = NEEDLE_SETS[name]
    grouped = [needle for _, members, _ in needle_set.groups for needle in members]
    assert sorted(grouped) == sorted(needle_set.needles)
    for anchor, members, gates in needle_set.groups:
        for needle in members:
            assert not anchor or any(part in needle for part in anchor), (anchor, needle)
            assert all(gate in needle.lower() for gate in gates), (gates, needle)
    assert any(anchor for anchor, _, _ in needle_set.groups), "no anchor shares a scan"


def _texts(needle_set):
    """Each needle alone, with a letter changed, in the other case, cut
    short; each anchor alone; pairs of them, in one module's text."""
    pieces = set()
    for needle in needle_set.needles:
        pieces.update((needle, needle.swapcase(), needle[:-1], needle[1:], needle[:1] + "x" + needle[2:]))
    for anchor, _, gates in needle_set.groups:
        pieces.update(anchor)
        pieces.update(gates)
    pieces = sorted(pieces)
    yield ""
    yield "import os\n\nx = 1\n"
    for piece in pieces:
        yield f"x = 1\n{piece}\ny = 2\n"
    for a, b in itertools.combinations(pieces[:40], 2):
        yield f"{a} {b}"


@pytest.mark.parametrize("name", sorted(NEEDLE_SETS))
def test_a_needle_set_finds_what_plain_substring_tests_find(name):
    needle_set = NEEDLE_SETS[name]
    texts = list(_texts(needle_set))
    assert len(texts) > 30
    for text in texts:
        expected = any(needle in text for needle in needle_set.needles)
        assert needle_set.found_in(text) is expected, text
        # one probe shared by every set, as summarise shares it; with the
        # guards' lower-cased text too, as the CLI's summaries have it
        for probe in (needles.Probe(text), needles.Probe(text, GuardText(text))):
            for other in NEEDLE_SETS.values():
                assert other.found_in(text, probe) is any(n in text for n in other.needles), (text, other.needles)
            assert needle_set.found_in(text, probe) is expected, text


# Every needle the summary's scanners ask a Probe, some holding an anchor
# (`.session`, `def get_cookie_`, `Passw`), some not.
PROBED = sorted({*functions._TEXT_NEEDLES, *session_stores._READ_TEXTS, *summary.PARSE_MARKERS,
                 "ookie", "OOKIE", "def get_cookie_", "def set_cookie", "SessionInterface", "cookies", "session"})


def test_a_probe_finds_what_plain_substring_tests_find():
    held = [needle for needle in PROBED if needles._held_anchors(needle)]
    assert len(held) > 10, "the anchors rule out no needle"
    pieces = set()
    for needle in PROBED:
        pieces.update((needle, needle.swapcase(), needle[:-1], needle[1:], needle[:1] + "x" + needle[2:]))
    pieces.update(needles._PARTS)
    pieces.update(needles.GATES)
    pieces.update(gate.upper() for gate in needles.GATES)
    texts = ["", "import os\n"] + [f"x = 1\n{piece}\n" for piece in sorted(pieces)]
    texts += [f"{a} {b}" for a, b in itertools.combinations(sorted(pieces)[:60], 2)]
    gated = [needle for needle in PROBED if needles._gates(needle)]
    assert len(gated) > 10, "the gates rule out no needle"
    for text in texts:
        for probe in (needles.Probe(text), needles.Probe(text, GuardText(text))):
            for needle in (*PROBED, *reversed(PROBED)):  # asked again: the answer kept
                assert probe.has(needle) is (needle in text), (text, needle)


def test_a_summary_sharing_the_guards_lower_cased_text_is_the_summary_without_it():
    """needles.GATES: the CLI hands summarise each checked module's
    GuardText, after its guards looked at it; the summary is the same."""
    from fixlint.config import Config
    from fixlint.rules import all_rules
    from fixlint.runner import _prepare

    texts = [path.read_text(encoding="utf-8") for path in _fixture_modules()]
    texts += ["from flask import session\nSESSION_COOKIE_SECURE = False\nsession['uid'] = 1\n",
              "def Login(pwd):\n    Sess['x'] = pwd\n", "rookie = 'Bookie'\n"]
    rules = all_rules()
    gated = 0
    for text in texts:
        guard = GuardText(text)
        _prepare(text, Config(), rules, guard=guard)
        assert summary.summarise(text, lowered=guard) == summary.summarise(text), text[:80]
        gated += not all(guard.has(gate) for gate in needles.GATES)
    assert len(texts) > 50 and gated > 10


def test_the_cookie_read_pattern_finds_what_one_with_leading_word_boundaries_finds():
    plain = re.compile(r"(?:\.(?:%s)\b|\b(?:%s)\s*\()" % ("|".join(session_stores._READ_ATTRIBUTES),
                                                       "|".join(session_stores._READ_METHODS)))
    texts = [path.read_text(encoding="utf-8") for path in _fixture_modules()]
    texts += ["x.get_cookie('a')", "xget_cookie('a')", "_get_cookie (", "self.get_signed_cookie(\n'a')",
              "(get_secure_cookie('a'))", "request.COOKIES['a']", "request.cookiesx", "get_cookie"]
    found = 0
    for text in texts:
        spans = [match.span() for match in plain.finditer(text)]
        assert [match.span() for match in session_stores._READ_RE.finditer(text)] == spans, text
        found += len(spans)
    assert found > 50


IMPORT_FACTS = [
    # (text, session_use, builds_app, backend_imports, flask_session)
    ("import flask\nflask.session['x'] = 1\n", True, False, [], False),
    ("import flask\n", False, False, [], False),
    ("from flask import session\nsession['a'] = 1\n", True, False, [], False),
    ("from flask import session\n", False, False, [], False),
    ("from flask import flash as say\nsay('hi')\n", True, False, [], False),
    ("from flask_login import current_user\n", True, False, [], False),
    ("import flask\napp = flask.Flask(__name__)\n", False, True, [], False),
    ("import flask.app\napp = flask.app.Flask(__name__)\n", False, True, [], False),
    ("from flask import Flask\napp = Flask(__name__)\n", False, True, [], False),
    ("from flask.app import Flask\napp = Flask(__name__)\n", False, True, [], False),
    ("from flask import Blueprint\napp = Flask(__name__)\n", False, False, [], False),
    ("from os import path\napp = Flask(__name__)\n", False, False, [], False),
    ("import quart\napp = quart.Quart(__name__)\n", False, True, ["quart"], False),
    ("from aiohttp_session import cookie_storage, setup\n", False, False, ["aiohttp_session.cookie_storage"], False),
    ("import aiohttp_session.cookie_storage\n", False, False, ["aiohttp_session.cookie_storage"], False),
    ("from aiohttp_session.cookie_storage import EncryptedCookieStorage\n", False, False,
     ["aiohttp_session.cookie_storage"], False),
    ("from pyramid_beaker import session_factory_from_settings\n", False, False, ["pyramid_beaker"], False),
    ("import pyramid_beakerx\n", False, False, [], False),
    ("from flask_session import Session\n", True, False, [], True),
]


@pytest.mark.parametrize(("text", "session_use", "builds_app", "backends", "flask_session"), IMPORT_FACTS)
def test_import_facts_are_read_from_the_modules_that_can_give_them(text, session_use, builds_app, backends,
                                                                   flask_session):
    facts = summary.summarise(text)
    assert (facts["session_use"], facts["builds_app"], facts["backend_imports"], facts["flask_session"]) == (
        session_use, builds_app, backends, flask_session)


@pytest.mark.parametrize(("text", "expected"), [
    # `login` in a comment lets the functions be read; `return request.session` marks one
    ("import flask\n\ndef current(request):\n    # after login\n    return request.session\n",
     {"current": {"returns": "session"}}),
    # ...and alone, as functions.profiles(tree) reads it: a dependency module
    # holding only `return request.session` (the text path once skipped it)
    ("def current(request):\n    return request.session\n", {"current": {"returns": "session"}}),
    ("from fastapi import Request\n\ndef get_store(request: Request):\n    return request.session\n",
     {"get_store": {"returns": "session"}}),
    ("def current(request):\n    return request.sessions\n", {}),
    ("import random\n\ndef token():\n    return str(random.random())\n", {"token": {"weak": "random.random()"}}),
    ("def bind(session, user):\n    regenerate_session_id(session)\n    session['user_id'] = user.id\n",
     {"bind": {"events": [["bind", [0, "session"], "user_id"]]}}),
    ("from flask import session\nimport random\n\ndef log_in(user):\n    session['user_id'] = user.id\n\n"
     "def pick():\n    return random.choice('ab')\n",
     {"log_in": {"events": [["bind", "flask", "user_id"]]}, "pick": {"weak": "random.choice()"}}),
])
def test_function_profiles_from_text_with_and_without_the_modules_probe(text, expected):
    imports = summary.scan_imports(text)
    assert functions.profiles_from_text(text, imports) == expected
    assert functions.profiles_from_text(text, imports, probe=needles.Probe(text)) == expected
    assert summary.summarise(text)["functions"] == expected
    assert functions.profiles(ast.parse(text)) == expected  # the same as from the tree


MODULE_TREE_TEXTS = [
    # decorators stand above the text of a function: a call in one is no event of it
    "from flask import session\n\n@app.route('/login')\n@keep(session.clear())\ndef login(user):\n"
    "    session['user_id'] = user.id\n\n\nasync def out():\n    session.clear()\n",
    # a column-0 line in a string cuts the text of `login` short (it does not parse alone: no profile);
    # a `def` line inside a module-level string is no function of the tree; a stray bracket: no tree
    "from flask import session\ndef login(user):\n    session['user_id'] = user.id\n    note = '''\n"
    "text at column 0\n'''\n    return note\nDOC = \"\"\"\ndef fake(session):\n    session.clear()\n\"\"\"\n"
    "def logout():\n    session.pop('user_id')\n    # a comment\n)\n",
    # the same without the stray bracket: the module parses
    "from flask import session\ndef login(user):\n    session['user_id'] = user.id\n    note = '''\n"
    "text at column 0\n'''\n    return note\nDOC = \"\"\"\ndef fake(session):\n    session.clear()\n\"\"\"\n"
    "def logout():\n    session.pop('user_id')\n    # a comment\n",
    # brackets closed at column 0, a class's classmethod, no line break at the end
    "import random\nfrom flask import session\ndef token(\n    n,\n):\n    return random.choice(\n        'ab'\n"
    ")\nclass Sessions:\n    @classmethod\n    def bind(cls, user):\n        session['user_id'] = user.id\n"
    "def drop(resp):\n    resp.delete_cookie('session')",
]


@pytest.mark.parametrize("text", MODULE_TREE_TEXTS)
def test_function_profiles_read_from_the_module_tree_are_those_of_each_function_parsed_alone(text):
    """A check that parses the module anyway gives the summary its tree
    (functions.ModuleTree): each function is read from it as parsing its
    text alone reads it, and the tree goes on to the check."""
    imports = summary.scan_imports(text)
    alone = functions.profiles_from_text(text, imports)
    trees = []
    module = functions.ModuleTree(text, summary._parse, trees.append)
    assert functions.profiles_from_text(text, imports, module=module) == alone
    assert summary.summarise(text, parsed=trees.append, whole=True)["functions"] == summary.summarise(text)[
        "functions"] == alone
    assert len(trees) == (0 if summary._parse(text) is None else 2)
    assert alone  # every text holds a function with a profile


def test_imports_link_modules_by_file_and_package_name_and_no_other(tmp_path):
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "auth/__init__.py", "def log_in(session, user):\n    session['user_id'] = user.id\n")
    write(tmp_path, "json.py", "VALUE = 1\n")  # a project module named like a stdlib one
    write(tmp_path, "app.py", "import os\nfrom typing import Any\nimport auth\nimport json\n")
    write(tmp_path, "views.py", "from auth import log_in\n")
    write(tmp_path, "pkg/__init__.py", "")
    write(tmp_path, "pkg/tools.py", "import os\nimport typing\nfrom collections import OrderedDict\n")
    write(tmp_path, "pkg/handlers.py", "from . import tools\n")
    built = project.build(str(tmp_path))
    app, views = str(tmp_path / "app.py"), str(tmp_path / "views.py")
    tools, handlers = str(tmp_path / "pkg" / "tools.py"), str(tmp_path / "pkg" / "handlers.py")
    assert built.resolve(app, 0, "auth", []) == [str(tmp_path / "auth" / "__init__.py")]
    assert built.resolve(app, 0, "json", []) == [str(tmp_path / "json.py")]
    assert built.resolve(app, 0, "os", []) == []
    assert built.resolve(app, 0, "typing", ["Any"]) == []
    assert built.resolve(handlers, 1, "", ["tools"]) == [str(tmp_path / "pkg" / "__init__.py"), tools]
    assert built.facts_for(app).modules == 4  # app, auth, json and views (through auth)
    assert built.facts_for(tools).modules == 3  # tools, pkg/__init__ and handlers: `from . import tools`
    assert "auth.log_in" in built.facts_for(app).helpers
    assert "log_in" not in built.facts_for(app).helpers
    assert set(built.facts_for(views).helpers) == {"auth.log_in"}


# -- function profiles: a text scan gives what a parse gives -------------------

def _fixture_modules():
    from .annotations import FIXTURES

    return sorted(FIXTURES.rglob("*.py"))


def test_the_text_scan_profiles_every_fixture_module_as_its_tree_does():
    # A module the summary does not parse is profiled from its text, each
    # function parsed alone only when its text spells what a profile needs:
    # the answer must be the tree's (the CLI, flake8 on one file and the
    # language server summarise the same module either way).
    modules = _fixture_modules()
    assert len(modules) > 200
    differ = []
    for path in modules:
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        if summary.summarise(text)["functions"] != summary.summarise(text, tree)["functions"]:
            differ.append(str(path))
    assert differ == []


PROFILED_BY_TEXT = {
    "a clock read through its module": ("import time\n\ndef stamp():\n    return str(time.time())\n",
                                        {"stamp": {"weak": "time.time() (the clock)"}}),
    "the clock imported under another name": (
        "from datetime import datetime as dt\n\ndef stamp():\n    return str(dt.now())\n",
        {"stamp": {"weak": "datetime.now() (the clock)"}}),
    "random through a name imported from it": (
        "from random import choice\n\ndef pick():\n    return choice('abc')\n",
        {"pick": {"weak": "random.choice()"}}),
    "a session method an event records": (
        "from flask import session\n\ndef drop():\n    session.invalidate()\n",
        {"drop": {"events": [["method", "flask", "invalidate"]]}}),
    "a session imported over a continued line": (
        "from flask import current_app, \\\n    session\n\ndef keep(user):\n    session['user_id'] = user.id\n",
        {"keep": {"events": [["bind", "flask", "user_id"]]}}),
    "a session imported in parentheses under another name": (
        "from flask import (\n    request,\n    session as s,\n)\n\ndef keep(user):\n    s['user_id'] = user.id\n",
        {"keep": {"events": [["bind", "flask", "user_id"]]}}),
    "a name imported as another binds only the other": (
        "from django.contrib.auth import login as auth_login\n\ndef enter(request, user):\n"
        "    login(request, user)\n\ndef login(request, user):\n    pass\n",
        {}),
}


@pytest.mark.parametrize("name", sorted(PROFILED_BY_TEXT))
def test_a_function_is_profiled_from_text_as_from_its_tree(name):
    text, expected = PROFILED_BY_TEXT[name]
    assert functions.profiles(ast.parse(text)) == expected
    assert functions.profiles_from_text(text, summary.scan_imports(text)) == expected


@pytest.mark.parametrize("text, bound", [
    ("import os, x.y as z\n", {"os": "os", "z": "x.y"}),
    ("import a.b.c\n", {"a": "a"}),
    ("from m import (a,\n    b as c)\n", {"a": "m.a", "c": "m.b"}),
    ("from m import a, \\\n    b\n", {"a": "m.a", "b": "m.b"}),
    ("from . import views\nfrom .models import User\n", {}),
    ("def f():\n    from flask import session\n", {"session": "flask.session"}),
    ("from m import *\n", {}),
])
def test_import_bindings_are_those_the_interpreter_makes(text, bound):
    from fixlint.project import import_lines

    assert import_lines.bindings(text) == bound
    assert functions._aliases(ast.parse(text)) == {**bound, **({"*": "m.*"} if "*" in text else {})}


def test_the_model_parses_modules_whole_for_the_check_only_while_the_tree_budget_lasts(tmp_path, monkeypatch):
    """runner.Sources: the trees kept from the model's parse to each file's
    check hold memory; past TREE_BUDGET bytes of their source, the model
    parses functions alone again (and the check parses the module)."""
    from fixlint import runner
    from fixlint.config import Config
    from fixlint.rules import all_rules

    text = MODULE_TREE_TEXTS[0]
    paths = [str(tmp_path / f"views{i}.py") for i in range(3)]
    monkeypatch.setattr(runner, "TREE_BUDGET", 2 * len(text))
    sources = runner.Sources(paths, Config(), all_rules())
    given = [sources.keep(path, text, len(text)) for path in paths]
    assert [whole for _, whole, _ in given] == [True, True, True]  # nothing kept yet
    assert [guard.raw for _, _, guard in given] == [text] * 3  # the summary shares the guards' answers
    for parsed, _, _ in given[:2]:
        parsed(ast.parse(text))
    assert sources.keep(paths[2], text, len(text))[1] is False  # the budget is spent
    assert all(sources.take(path)[3] is not None for path in paths[:2])
