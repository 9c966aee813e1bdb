"""SessionIdAnalysis's guard (analysis/session_id_guard.py): the texts it
must let in — one per construct that can give SFX201-SFX204 a fact, with a
finding where one file can show it — and texts that hold the old guard's
words (`sess`, `sid`, `token`) but nothing a fact needs."""

from __future__ import annotations

import pytest

from fixlint.analysis import session_id_guard as guard
from fixlint.analysis.base import UNKNOWN, GuardText
from fixlint.analysis.session_id_facts import SessionIdAnalysis
from fixlint.config import Config
from fixlint.engine.checker import plan
from fixlint.frameworks import session_id_words as sid
from fixlint.project import ProjectFacts
from fixlint.selection import select_rules

from .helpers import _source, lint, run_flake8, run_main, write


def _wanted(text, config=None):
    return SessionIdAnalysis.wanted(GuardText(text), config or Config())


# (source, rule, line): each is let in by one anchor only, and reported.
REPORTED = {
    "a short name read in a web module": ("""
        from flask import Flask, request

        app = Flask(__name__)
        SIDS = {}

        @app.get("/cart")
        def cart():
            return SIDS.get(request.args.get("sid"))
        """, "SFX201", 8),
    "a token name outside web code": ("""
        import random

        def issue(user):
            user.auth_token = str(random.random())
        """, "SFX204", 4),
    "a generator's name": ("""
        import random

        def newToken():
            return str(random.getrandbits(64))
        """, "SFX204", 4),
    "a store named for session ids": ("""
        import time

        sid_cache = {}

        def remember(user):
            sid_cache[str(time.time())] = user
        """, "SFX204", 6),
    "a cache key's literal text": ("""
        import random

        def open_record(cache, data):
            cache.set(f"sess:{random.random()}", data)
        """, "SFX204", 4),
    "a session credential in a web module's session": ("""
        import random
        from django.http import HttpResponse

        def remember(request):
            request.session["api_key"] = str(random.random())
            return HttpResponse("ok")
        """, "SFX204", 5),
    "a sign-in lookup by a request value": ("""
        from flask import Flask, request
        from flask_login import login_user
        from .models import User

        app = Flask(__name__)

        @app.get("/magic")
        def magic():
            user = User.query.filter_by(magic_token=request.args["t"]).first()
            login_user(user)
            return "ok"
        """, "SFX201", 9),
}


@pytest.mark.parametrize("name", sorted(REPORTED))
def test_a_construct_that_gives_a_fact_is_planned_and_reported(name):
    source, code, line = REPORTED[name]
    assert _wanted(_source(source)), name
    assert [found[0] for found in lint(source, codes={code})] == [line], name


@pytest.mark.parametrize("text", [
    "from fastapi import Depends\n\ndef me(store=Depends(current_store)):\n    store['token'] = make()\n",
    "x = request.cookies.get('user')\n",
    "SessionStore(session_key=key)\n",
    "from starsessions import get_session_id\n",
    "resp = 'SESSION_COOKIE_NAME'\n",
    "SESSIONS = {}\n",
    "userSessionToken = 1\n",
    "PHPSESSID = 1\n",
    "headers['Bearer-Token'] = value\n",
    "from flask import session\n",
    "from django.shortcuts import render\n\ndef view(request):\n    return render(request.session)\n",
    # the attribute with blanks or a line continuation after the dot
    "from django.shortcuts import render\n\ndef view(request):\n    return render(request. session)\n",
    "from starlette.responses import Response\n\ndef view(request):\n    return request.\\\n        session\n",
    "def new_sid(): ...\n",
    # a route registered by method needs no import of its framework
    "def cart(sid):\n    return sid\n\napp.add_url_rule('/cart/<sid>', view_func=cart)\n",
])
def test_other_anchors_are_planned(text):
    # Another module's dependency may return the session (the project
    # model knows, the text does not): `Depends` with its framework is enough.
    assert _wanted(text), text


@pytest.mark.parametrize("text", [
    # `sess` as a substring, `session` of a database
    "def assess(claim):\n    return possess(claim)\n",
    "from sqlalchemy.orm import Session\n\ndef save(session: Session, row):\n    session.add(row)\n",
    # `sid` outside web code: a station, a subject
    "def load(sid):\n    return STATIONS[sid]\n",
    # `token` of a tokenizer, of a CSRF check, of an API client
    "def lex(stream):\n    token = next(stream)\n    return token\n",
    "from flask import request\n\ndef check(expected):\n    return request.form['csrf_token'] == expected\n",
    "def headers(token):\n    return {'Authorization': token}\n",
    "def token_count(tokens): ...\n",
    # a request framework's import and `session` but no `.session` attribute
    # (Django's and Starlette's request.session): a database's, a websocket's
    "from django.db import connection\n\ndef setup():\n    connection.cursor().execute('ALTER SESSION SET x')\n",
    "from starlette.routing import websocket_session\n\nroute = websocket_session(handler)\n",
])
def test_text_that_cannot_hold_a_fact_is_not_planned(text):
    assert not _wanted(text), text
    assert SessionIdAnalysis not in plan(select_rules(("SFX201", "SFX202", "SFX203", "SFX204")), Config(),
                                         GuardText(text))


def test_a_configured_name_is_enough():
    config = Config(session_id_names=("ticket",))
    assert _wanted("def lex(stream):\n    ticket = next(stream)\n", config)
    assert not _wanted("def lex(stream):\n    ticket = next(stream)\n")


def test_a_lower_cased_text_keeps_the_words_alone():
    # Without the text as written the identifiers' words are unknown.
    assert SessionIdAnalysis.wanted("def assess(claim): ...", Config())


# -- SFX204's own anchors need a weak value (session_id_guard module docstring) --

_SFX20X = select_rules(("SFX201", "SFX202", "SFX203", "SFX204"))


def _facts(helpers):
    return ProjectFacts(keys=frozenset(), unreadable=False, modules=2, helpers=helpers)


def _planned(text, project):
    return SessionIdAnalysis in plan(_SFX20X, Config(), GuardText(text), project)


# A token name or a generator's name, and a weak source: each is reported
# with no project model at all (lint() passes none), so each must be planned.
WEAK_SOURCES = {
    "random": ("import random\n\ndef issue(user):\n    user.auth_token = str(random.random())\n", 4),
    "from random import": ("from random import choice\n\n"
                           "def newToken():\n    return ''.join(choice('ab') for _ in range(9))\n", 4),
    "numpy": ("import numpy as np\n\ndef issue(user):\n    user.access_token = str(np.random.default_rng().integers(9))\n", 4),
    "time.time": ("import time\n\ndef issue(user):\n    user.auth_token = str(time.time())\n", 4),
    "datetime.now": ("from datetime import datetime\n\n"
                     "def issue(user):\n    user.refresh_token = datetime.now().isoformat()\n", 4),
    "timezone.now": ("from django.utils import timezone\n\n"
                     "def issue(user):\n    user.login_token = str(timezone.now())\n", 4),
    "uuid1": ("import uuid\n\ndef issue(user):\n    user.auth_token = str(uuid.uuid1())\n", 4),
    "getpid": ("import os\n\ndef make_token():\n    return str(os.getpid())\n", 4),
    "a hash of the user": ("import hashlib\n\n"
                           "def issue(user):\n    user.auth_token = hashlib.md5(user.email.encode()).hexdigest()\n", 4),
    "itertools.count": ("import itertools\n\nIDS = itertools.count()\n\n"
                        "def issue(user):\n    user.auth_token = str(next(IDS))\n", 6),
    "a counter": ("N = 0\n\ndef make_token():\n    global N\n    N += 1\n    return str(N)\n", 6),
    "a same-module helper": ("import random\n\ndef pick():\n    return random.random()\n\n"
                             "def issue(user):\n    user.auth_token = str(pick())\n", 7),
    # Python reads identifiers in NFKC: the fullwidth name is the random module.
    "fullwidth": ("import \uff52\uff41\uff4e\uff44\uff4f\uff4d\n\n"
                  "def issue(user):\n    user.auth_token = str(\uff52\uff41\uff4e\uff44\uff4f\uff4d.\uff52\uff41\uff4e\uff44\uff4f\uff4d())\n", 4),
}


@pytest.mark.parametrize("name", sorted(WEAK_SOURCES))
def test_a_token_or_generator_name_with_a_weak_source_is_planned_and_reported(name):
    source, line = WEAK_SOURCES[name]
    assert guard._anchor(GuardText(source), source) == (guard._WEAK,), name  # no other anchor lets it in
    assert _planned(source, None), name
    assert [found[0] for found in lint(source, codes={"SFX204"})] == [line], name


NO_WEAK_SOURCE = [
    "def issue(user, make):\n    user.auth_token = make()\n",
    "def new_sid():\n    return uuid.uuid4().hex\n",
    "import secrets\n\ndef make_token():\n    return secrets.token_urlsafe(32)\n",
    # the names of a weak call, but not all of them, or not as whole words
    "from datetime import timedelta\n\ndef issue(user):\n    user.auth_token = sign(user, timedelta(days=1))\n",
    "import uuid\n\ndef issue(user):\n    user.auth_token = str(uuid.uuid4())\n",
    "def issue(user, runtime):\n    user.access_token = runtime.randomize()\n",
    # `+=` of no number is no counter
    "def make_token(parts):\n    token = ''\n    for p in parts:\n        token += p\n    return token\n",
]


@pytest.mark.parametrize("text", NO_WEAK_SOURCE)
def test_a_token_or_generator_name_without_a_weak_value_is_not_planned(text):
    assert guard._anchor(GuardText(text), text) == (guard._WEAK,), text
    assert not _planned(text, None), text
    # A project helper that returns a weak value may be imported under any name: the facts decide.
    assert not _planned(text, _facts({"utils.make": {"returns": "session"}})), text
    assert _planned(text, _facts({"utils.random_string": {"weak": "random.choice()"}})), text


@pytest.mark.parametrize("text", NO_WEAK_SOURCE[:2])
def test_unknown_project_facts_let_the_file_in_and_say_so(text):
    text = GuardText(text)
    assert text.project is UNKNOWN and not text.awaits_project
    assert SessionIdAnalysis in plan(_SFX20X, Config(), text)
    assert text.awaits_project
    # Planned again once the model is known (runner.check_file): the answer moves.
    assert SessionIdAnalysis not in plan(_SFX20X, Config(), text, None)
    assert not text.awaits_project


def test_a_file_with_a_weak_source_never_waits_for_the_project():
    text = GuardText(WEAK_SOURCES["random"][0])
    assert SessionIdAnalysis in plan(_SFX20X, Config(), text)
    assert not text.awaits_project


def test_token_names_without_sess_are_no_session_id_names():
    # What makes them SFX204's alone: SFX201-SFX203 read session-id names
    # (and the session-cookie settings), every one of which spells `sess`.
    assert all("sess" in name for name in sid.SESSION_ID_NAMES - sid.AMBIGUOUS_NAMES)
    assert all("sess" in sid.normal(name) for name in guard.fw.SESSION_NAME_SETTINGS)
    assert {last for last, _ in guard._REVERSED_NAMES} <= {n.split("_")[-1] for n in sid.SESSION_TOKEN_NAMES}


def test_every_weak_qualified_name_is_required_by_name():
    # Each weak qualified name of the data has all the names of one of the guard's sets.
    from fixlint.frameworks import stdlib

    sets = [{word for word, _ in names} for names in guard._WEAK_NAMES]
    for qualname in [*stdlib.WEAK_CALLS, *stdlib.WEAK_RANDOM_CLASSES, *stdlib.COUNTERS, *stdlib.HASHES,
                     "random.choice", "numpy.random.rand"]:
        assert any(s <= set(qualname.lower().split(".")) for s in sets), qualname


@pytest.mark.parametrize("hostile", [
    "+=#" * 100_000, "+=" + " (" * 100_000 + "x", "x.auth_token = 1\n" + "+= (" * 50_000,
    "def make_token():\n    return '" + "datetime " * 50_000 + "'\n",
    "refresh_token\n" + "now_" * 100_000,
])
def test_the_weak_tests_read_hostile_text_in_linear_time(hostile):
    # No timed assert: a quadratic scan of these would not end in any test run.
    assert SessionIdAnalysis.wanted(GuardText(hostile), Config()) in (True, False)


def _weak_helper_project(tmp_path, helper):
    write(tmp_path, "setup.py", "")
    write(tmp_path, "utils.py", helper)
    # No cookie, no session word, no weak source: only the helper's profile makes a finding.
    write(tmp_path, "accounts.py", """
        from utils import random_string


        def issue(user):
            user.auth_token = random_string()
        """)
    return tmp_path


WEAK_HELPER = "import random\n\n\ndef random_string():\n    return ''.join(random.choice('ab') for _ in range(8))\n"
STRONG_HELPER = "import secrets\n\n\ndef random_string():\n    return secrets.token_urlsafe(8)\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cli_plans_a_file_again_once_the_project_model_knows_its_weak_helper(tmp_path, capsys, jobs):
    root = _weak_helper_project(tmp_path, WEAK_HELPER)
    # -j 2 with two files checks in one process; more files fork the workers.
    for n in range(4):
        write(root, f"other{n}.py", "x = 1\n")
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", jobs, "--select", "SFX204", str(root))
    assert "accounts.py:5:" in out and "SFX204" in out, out
    assert "random_string(), a project helper" in out


def test_the_cli_skips_a_token_name_whose_helpers_are_strong(tmp_path, capsys, parsed):
    root = _weak_helper_project(tmp_path, STRONG_HELPER)
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX204", str(root))
    assert "SFX204" not in out and "accounts.py" not in parsed, (out, parsed)
    write(root, "utils.py", WEAK_HELPER)
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX204", str(root))
    assert "accounts.py" in parsed and "accounts.py:5:" in out, (out, parsed)


def test_flake8_reports_a_weak_project_helper_behind_a_token_name(tmp_path):
    root = _weak_helper_project(tmp_path, WEAK_HELPER)
    done = run_flake8("--isolated", "--select", "SFX", "accounts.py", cwd=root)
    assert "accounts.py:5:" in done.stdout and "SFX204" in done.stdout, done.stdout + done.stderr


# -- `Depends` counts only with a project dependency that returns something --

DEPENDS_ONLY = ("from fastapi import Depends, FastAPI\nfrom .deps import get_store\n\napp = FastAPI()\n\n"
                "@app.post('/remember')\ndef keep(token_store=Depends(get_store)):\n    return token_store\n")


def test_depends_needs_an_imported_helper_that_returns_the_session_or_a_request_value():
    assert guard._anchor(GuardText(DEPENDS_ONLY), DEPENDS_ONLY) == (guard._RETURNS,)
    assert not _planned(DEPENDS_ONLY, None)
    assert not _planned(DEPENDS_ONLY, _facts({".deps.make": {"weak": "random.random()"}}))
    assert _planned(DEPENDS_ONLY, _facts({".deps.get_store": {"returns": "session"}}))
    assert _planned(DEPENDS_ONLY, _facts({".deps.read_sid": {"returns": "cookie"}}))
    text = GuardText(DEPENDS_ONLY)
    assert SessionIdAnalysis in plan(_SFX20X, Config(), text) and text.awaits_project


def test_a_token_name_and_depends_take_either_helper():
    text = "import fastapi\nfrom deps import current\n\ndef me(user=fastapi.Depends(current)):\n    user.auth_token = 1\n"
    assert guard._anchor(GuardText(text), text) == (guard._WEAK, guard._RETURNS)
    assert not _planned(text, _facts({}))
    assert _planned(text, _facts({"deps.current": {"returns": "query"}}))
    assert _planned(text, _facts({"deps.pick": {"weak": "random.random()"}}))


STORE_DEPENDENCY = """
    from fastapi import Query, Request


    def get_store(request: Request):
        return {store}


    def ref(value: str = Query()):  # routes.py imports only get_store
        return value
    """
REMEMBER_ROUTE = """
    import random

    from fastapi import Depends, FastAPI

    from deps import get_store

    app = FastAPI()


    @app.post("/remember")
    def keep(token_store=Depends(get_store)):
        token_store["api_key"] = str(random.random())
        return {}
    """


def test_the_cli_plans_a_route_whose_session_comes_from_another_modules_dependency(tmp_path, capsys, parsed):
    write(tmp_path, "setup.py", "")
    write(tmp_path, "routes.py", REMEMBER_ROUTE)
    write(tmp_path, "deps.py", STORE_DEPENDENCY.format(store="request.session"))
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX204", str(tmp_path))
    assert "routes.py:12:" in out and "API key" in out, out
    write(tmp_path, "deps.py", STORE_DEPENDENCY.format(store="{}"))
    parsed.clear()
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX204", str(tmp_path))
    assert "SFX204" not in out and "routes.py" not in parsed, (out, parsed)


def test_a_same_module_session_dependency_needs_no_project_fact():
    # Its `return request.session` spells a session object, with the framework's import.
    source = """
        import random

        from fastapi import Depends, FastAPI, Request

        app = FastAPI()


        def get_store(request: Request):
            return request.session


        @app.post("/keep")
        def keep(token_store=Depends(get_store)):
            token_store["api_key"] = str(random.random())
            return {}
        """
    assert guard._anchor(GuardText(_source(source)), _source(source)) is True
    assert _planned(_source(source), None)
    assert [found[0] for found in lint(source, codes={"SFX204"})] == [14]
