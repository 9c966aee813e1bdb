"""SFX204 for a hard-coded token (issue 17): a constant set as a cookie and
compared with a read of that cookie is the same credential for every
visitor. The fixtures pin one shape per framework (aiohttp, Flask); these
tests pin what keeps it quiet."""

from __future__ import annotations

import pytest

from .helpers import lint, messages

APP = """
    from flask import Flask, abort, make_response, request

    app = Flask(__name__)
    {constants}

    @app.before_request
    def guard():
        if {compare}:
            abort(403)

    @app.post("/login")
    def login():
        resp = make_response("ok")
        resp.set_cookie({name}, {value}, secure=True, httponly=True, samesite="Lax"{extra})
        return resp
"""


def sfx204(constants="TOKEN = 'open-sesame'", compare='request.cookies.get("gate") != TOKEN',
           name='"gate"', value="TOKEN", extra=""):
    source = APP.format(constants=constants.replace("\n", "\n    "), compare=compare, name=name, value=value,
                        extra=extra)
    set_line = next(n for n, text in enumerate(source.lstrip("\n").splitlines(), 1) if "set_cookie" in text)
    return [(line - set_line, code) for line, _, code in lint(source, codes={"SFX204"})]


@pytest.mark.parametrize("kwargs", [
    {},
    {"compare": 'request.cookies["gate"] == TOKEN'},
    {"compare": 'TOKEN != request.cookies.get("gate")'},
    {"compare": 'request.cookies.get("gate") is not TOKEN'},
    {"compare": 'request.cookies.get("gate") not in (TOKEN, "x")'},
    {"constants": "TOKEN = 0", "compare": 'int(request.cookies.get("gate", 0)) != TOKEN'},
    {"constants": "TOKEN = 0", "compare": 'request.cookies.get("gate") != str(TOKEN)'},
    {"constants": "GATE = 'gate'", "name": "GATE", "compare": 'request.cookies.get(GATE) != "open-sesame"',
     "value": '"open-sesame"'},
])
def test_a_constant_set_and_compared_is_reported(kwargs):
    assert sfx204(**kwargs) == [(0, "SFX204")]


@pytest.mark.parametrize("kwargs", [
    # never compared with the cookie
    {"compare": "False"},
    # compared with another value
    {"compare": 'request.cookies.get("gate") != "other"'},
    # another cookie compared
    {"compare": 'request.cookies.get("door") != TOKEN'},
    # bound twice: no constant
    {"constants": "TOKEN = 'a'\nTOKEN = 'b'"},
    {"constants": "TOKEN = 'a'\ndef rotate():\n    global TOKEN\n    TOKEN = 'c'"},
    # not a literal
    {"constants": "import secrets\nTOKEN = secrets.token_urlsafe(32)"},
    # a preference or CSRF cookie
    {"name": '"theme"', "compare": 'request.cookies.get("theme") != TOKEN'},
    {"name": '"csrf_token"', "compare": 'request.cookies.get("csrf_token") != TOKEN'},
    # deletions
    {"value": '""', "compare": 'request.cookies.get("gate") != ""'},
    {"extra": ", max_age=0"},
    {"extra": ', expires="Thu, 01 Jan 1970 00:00:00 GMT"'},
])
def test_near_misses_stay_silent(kwargs):
    assert sfx204(**kwargs) == []


def test_test_code_is_exempt():
    source = APP.format(constants="TOKEN = 'x'", compare='request.cookies.get("gate") != TOKEN',
                        name='"gate"', value="TOKEN", extra="")
    assert lint(source, filename="tests/test_app.py", codes={"SFX204"}) == []


def test_message_says_same_for_every_visitor_and_gives_the_fix():
    source = APP.format(constants="TOKEN = 'x'", compare='request.cookies.get("gate") != TOKEN',
                        name='"gate"', value="TOKEN", extra="")
    (text,) = [m for m in messages(source) if m.startswith("SFX204")]
    assert "the constant TOKEN" in text
    assert "same value for every visitor" in text
    assert "secrets.token_urlsafe(32) kept server-side" in text
    assert "Flask session" in text


@pytest.mark.parametrize("attribute, kind", [("auth_token", "auth token"), ("remember_token", "remember-me token"),
                                             ("session_id", "session id")])
def test_a_weak_value_assigned_to_an_attribute_is_named_for_what_the_attribute_holds(attribute, kind):
    # DjanGoat's `user.auth_token = hashlib.md5(...)`: an auth token, not a session id (RULES.md Revision 2)
    source = f"""
        import random

        from flask import Flask

        app = Flask(__name__)

        def issue(user):
            user.{attribute} = str(random.random())
    """
    found = [m for m in messages(source) if m.startswith("SFX204")]
    assert found and found[0].startswith(f"SFX204 {kind} assigned to .{attribute} comes from random.random()"), found
