"""SessionIdAnalysis's guard (analysis/session_id_guard.py): the texts it
must let in — one per construct that can give SFX201-SFX204 a fact, with a
finding where one file can show it — and texts that hold the old guard's
words (`sess`, `sid`, `token`) but nothing a fact needs."""

from __future__ import annotations

import pytest

from fixlint.analysis.base import GuardText
from fixlint.analysis.session_id_facts import SessionIdAnalysis
from fixlint.config import Config
from fixlint.engine.checker import plan
from fixlint.selection import select_rules

from .helpers import _source, lint


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
