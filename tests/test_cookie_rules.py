"""Behaviour of the cookie rules (SFX301-SFX305) that the fixtures do not pin."""

from __future__ import annotations

import pytest

from fixlint.config import Config

from .helpers import lint, messages


def test_messages_name_the_framework_fix():
    found = messages("""
        from fastapi import FastAPI
        from starsessions import SessionMiddleware
        app = FastAPI()
        app.add_middleware(SessionMiddleware, store=None, cookie_https_only=False)
    """)
    assert found == [
        "SFX302 cookie_https_only=False lets SessionMiddleware's session cookie travel over plain "
        "HTTP; pass cookie_https_only=True (starsessions)"
    ]
    found = messages("""
        from django.http import HttpResponse
        def view(request):
            response = HttpResponse()
            response.set_cookie("sid", "v", secure=True, httponly=True)
            return response
    """)
    assert found == [
        "SFX303 cookie 'sid' is set without SameSite; pass samesite=\"Lax\" to set_cookie() (Django)"
    ]


def test_cookie_of_a_foreign_framework_is_left_alone():
    # A framework fixlint has no adapter for: its defaults are not ours to judge.
    assert lint("""
        import masonite
        def handler():
            response = masonite.response
            response.set_cookie("sid", "v")
    """) == []


def test_cherrypy_cookie_morsels_and_session_tool_are_judged_with_its_defaults():
    """CherryPy's `cherrypy.response.cookie` is a SimpleCookie whose morsels
    carry no flag they are not given; its session tool, switched on by a
    configuration dict, sets no Secure and no HttpOnly unless the dict (or
    the process-wide `cherrypy.config.update`) says so, and has no SameSite
    option."""
    source = """
        import cherrypy
        cherrypy.config.update({"tools.sessions.secure": True})
        def handler():
            cherrypy.response.cookie["sid"] = "v"
            cherrypy.response.cookie["sid"]["httponly"] = True
        CONF = {"/": {"tools.sessions.on": True}}
    """
    assert messages(source) == [
        "SFX302 cookie 'sid' is output without Secure; "
        "set cherrypy.response.cookie['sid'][\"secure\"] = True before output (CherryPy)",
        "SFX303 cookie 'sid' is output without SameSite; "
        "set cherrypy.response.cookie['sid'][\"samesite\"] = \"Lax\" before output (CherryPy)",
        'SFX301 the tools.sessions session cookie is set without HttpOnly; add "tools.sessions.httponly": '
        'True to the dict that sets "tools.sessions.on" (CherryPy)',
    ]


def test_bottle_cookies_are_judged_with_its_defaults():
    """Bottle writes no flag it is not given; its module-level `response`
    and an HTTPResponse are responses."""
    source = """
        import bottle
        from bottle import response
        def handler():
            response.set_cookie("sid", "v", httponly=True, secure=True)
            bottle.HTTPResponse("ok").set_cookie("sid", "v", samesite="Lax", secure=True)
    """
    assert messages(source) == [
        "SFX303 cookie 'sid' is set without SameSite; pass samesite=\"Lax\" to set_cookie() (Bottle)",
        "SFX301 cookie 'sid' is set without HttpOnly; pass httponly=True to set_cookie() (Bottle)",
    ]


def test_falcon_cookies_are_judged_with_its_own_defaults_and_keywords():
    """Falcon's set_cookie is Secure and HttpOnly unless told otherwise, sets
    no SameSite, and spells the keywords http_only= and same_site=: the
    messages say them so."""
    source = """
        import falcon
        class Resource:
            def on_get(self, req, resp):
                resp.set_cookie("sid", "v")
                resp.set_cookie("sid", "v", same_site="Lax", http_only=False)
    """
    assert messages(source) == [
        'SFX303 cookie \'sid\' is set without SameSite; pass same_site="Lax" to set_cookie() (Falcon)',
        "SFX301 cookie 'sid' is set with http_only=False; pass http_only=True to set_cookie() (Falcon)",
    ]


def test_response_helper_without_imports_uses_werkzeug_and_django_defaults():
    assert lint("""
        def set_session_cookie(response, sid):
            response.set_cookie("sid", sid, secure=True, httponly=True)
    """) == [(2, 5, "SFX303")]


def test_configured_non_sensitive_and_session_cookie_names():
    source = """
        from flask import make_response
        def view():
            resp = make_response()
            resp.set_cookie("ab_bucket", "b", max_age=60 * 60 * 24 * 90)
            return resp
    """
    assert lint(source, codes={"SFX304"}) == []  # not a session by name
    config = Config.from_mapping({"session-cookie-names": ["ab_bucket"]})
    assert lint(source, config=config, codes={"SFX304"}) == [(4, 5, "SFX304")]
    config = Config.from_mapping({"non-sensitive-cookies": ["ab_bucket"]})
    assert lint(source, config=config) == []


def test_max_session_lifetime_is_configurable():
    source = """
        SESSION_COOKIE_AGE = 60 * 60 * 24 * 20
    """
    assert lint(source, filename="settings.py") == []
    config = Config.from_mapping({"max-session-lifetime": "14d"})
    assert lint(source, filename="settings.py", config=config) == [(1, 1, "SFX304")]


def test_token_valued_cookie_is_a_session_cookie_whatever_its_name():
    assert lint("""
        import secrets
        from flask import make_response
        def view():
            resp = make_response()
            resp.set_cookie("x", secrets.token_urlsafe(), secure=True, httponly=True,
                            samesite="Lax", max_age=60 * 60 * 24 * 365)
            return resp
    """) == [(5, 5, "SFX304")]


def test_middleware_positional_arguments_follow_each_signature():
    assert lint("""
        from starlette.middleware import Middleware
        from starlette.middleware.sessions import SessionMiddleware
        # secret_key, session_cookie, max_age, path, same_site, https_only
        m = Middleware(SessionMiddleware, "k", "session", 3600, "/", "lax", True)
    """) == []


def test_settings_with_same_key_in_both_frameworks_take_the_files_framework():
    found = messages("""
        SESSION_COOKIE_SECURE = False
        PERMANENT_SESSION_LIFETIME = 3600
    """, filename="config.py")
    assert found == [
        "SFX302 SESSION_COOKIE_SECURE = False lets the session cookie travel over plain HTTP; "
        "set SESSION_COOKIE_SECURE = True (Flask)"
    ]


def test_standalone_settings_only_when_settings_module_stands_alone():
    standalone = """
        INSTALLED_APPS = []
        MIDDLEWARE = []
    """
    assert lint(standalone, filename="mysite/settings.py") == [(1, 1, "SFX302")]
    assert lint(standalone, filename="mysite/settings/base.py") == []
    assert lint(standalone, filename="mysite/settings/local.py") == []
    import textwrap

    standalone = textwrap.dedent(standalone)
    assert lint("from .base import *\n" + standalone, filename="mysite/settings/prod.py") == []
    assert lint(standalone + "SESSION_COOKIE_SECURE = env.bool('SECURE')\n", filename="settings.py") == []


def test_debug_conditions_exempt_only_their_block():
    assert lint("""
        DEBUG = False
        if DEBUG:
            SESSION_COOKIE_SECURE = False
        else:
            SESSION_COOKIE_HTTPONLY = False
    """, filename="settings.py") == [(5, 5, "SFX301")]


def test_host_prefix_cookie_rules_apply_to_settings_groups():
    source = """
        SESSION_COOKIE_NAME = "__Host-sessionid"
        SESSION_COOKIE_DOMAIN = ".example.com"
    """
    from fixlint.rules import all_rules

    assert lint(source, filename="settings.py", rules=all_rules()) == [(1, 1, "SFX305")]
    found = messages(source, filename="settings.py", rules=all_rules())
    assert "sets domain '.example.com', so browsers reject it" in found[0]


@pytest.mark.parametrize("name, kind", [
    ("polar_last_login_method", "preference"),  # how the user signed in: a hint for the login page
    ("login_redirect", "preference"),
    ("last_login_at", "preference"),
    ("last_login_token", "session"),  # a credential word wins
    ("auth_redirect", "session"),
    ("remember_method", "session"),
    ("login", "session"),
    ("user_sid", "session"),
])
def test_a_cookie_recording_something_about_a_login_is_no_credential(name, kind):
    from fixlint import frameworks as fw
    from fixlint.config import Config

    assert fw.classify_cookie(name, Config()) == {"preference": fw.PREFERENCE, "session": fw.SESSION}[kind]
