"""The cookie fixes (SFX301-SFX303): what each writes, when it is safe, and
what is left alone."""

from __future__ import annotations

import textwrap

from fixlint.config import Config
from fixlint.fix.fixer import NO_FIX, UNSAFE_FIX, fix_text
from fixlint.rules import all_rules
from fixlint.selection import select_rules

DEFAULT = select_rules()


# A module that already serves over HTTPS only, so that Secure fixes are
# safe (fixlint.fix.https); appended below the code, it moves no line.
HTTPS_ONLY = "\nSECURE_SSL_REDIRECT = True\n"


def fix(source, filename="app.py", unsafe=False, rules=DEFAULT, config=None, https=True):
    source = textwrap.dedent(source).lstrip("\n") + (HTTPS_ONLY if https else "")
    return fix_text(source, filename, config or Config(), rules, unsafe)


def left(outcome):
    return [(f.line, f.code, note) for f, note in outcome.remaining]


FLASK = """
from flask import make_response

def view():
    resp = make_response("ok")
    {line}
    return resp
"""


def flask(line, **kwargs):
    outcome = fix(FLASK.format(line=line), **kwargs)
    return outcome.text.splitlines()[4].strip(), outcome


def test_missing_flags_are_added_to_set_cookie():
    line, outcome = flask('resp.set_cookie("sid", "v")')
    assert line == 'resp.set_cookie("sid", "v", httponly=True, secure=True, samesite="Lax")'
    assert left(outcome) == []
    assert sorted(p.finding.code for p in outcome.applied) == ["SFX301", "SFX302", "SFX303"]


def test_falcon_gets_its_own_keyword_spelling():
    outcome = fix("""
        import falcon
        class Resource:
            def on_get(self, req, resp):
                resp.set_cookie("sid", "v")
    """)
    assert outcome.text.splitlines()[3].strip() == 'resp.set_cookie("sid", "v", same_site="Lax")'


def test_a_csrf_cookie_never_gets_httponly():
    line, _ = flask('resp.set_cookie("csrftoken", "v")')
    assert line == 'resp.set_cookie("csrftoken", "v", secure=True, samesite="Lax")'


def test_strict_samesite_is_never_downgraded():
    line, _ = flask('resp.set_cookie("sid", "v", samesite="Strict")')
    assert line == 'resp.set_cookie("sid", "v", samesite="Strict", httponly=True, secure=True)'


def test_explicit_weak_literals_are_replaced_in_place():
    line, outcome = flask('resp.set_cookie("sid", "v", secure=False, httponly=0, samesite="None")')
    assert line == 'resp.set_cookie("sid", "v", secure=True, httponly=True, samesite="Lax")'
    assert left(outcome) == []


def test_positional_flags_are_replaced_where_they_are():
    line, _ = flask('resp.set_cookie("sid", "v", 60, None, "/", None, False, True)')
    assert line == 'resp.set_cookie("sid", "v", 60, None, "/", None, True, True, samesite="Lax")'


def test_computed_values_are_left_for_a_human():
    line, outcome = flask('resp.set_cookie("sid", "v", secure=INSECURE, httponly=True, samesite="Lax")')
    assert line == 'resp.set_cookie("sid", "v", secure=INSECURE, httponly=True, samesite="Lax")'
    assert [note for *_, note in left(outcome)] == []  # a name is trusted, not reported
    line, outcome = flask('insecure = False; resp.set_cookie("sid", "v", secure=insecure, httponly=True, samesite="Lax")')
    assert left(outcome) == [(5, "SFX302", NO_FIX)]


def test_explicit_httponly_false_on_a_non_session_cookie_is_an_unsafe_fix():
    source = 'resp.set_cookie("cart_id", "c-42", secure=True, httponly=False, samesite="Lax")'
    line, outcome = flask(source)
    assert line == source
    assert left(outcome) == [(5, "SFX301", UNSAFE_FIX)]
    line, outcome = flask(source, unsafe=True)
    assert "httponly=True" in line and left(outcome) == []
    # On a session cookie the same False is simply a weakness: safe.
    line, _ = flask(source.replace("cart_id", "session"))
    assert "httponly=True" in line


def test_explicit_samesite_none_is_unsafe_only_off_session_cookies():
    line, outcome = flask('resp.set_cookie("widget", "w-1", secure=True, httponly=True, samesite=None)')
    assert "samesite=None" in line and left(outcome) == [(5, "SFX303", UNSAFE_FIX)]
    line, _ = flask('resp.set_cookie("sid", "1", secure=True, httponly=True, samesite=None)')
    assert 'samesite="Lax"' in line


def test_noqa_findings_are_not_fixed():
    line, outcome = flask('resp.set_cookie("sid", "v", httponly=True, samesite="Lax")  # noqa: SFX302')
    assert line == 'resp.set_cookie("sid", "v", httponly=True, samesite="Lax")  # noqa: SFX302'
    assert outcome.applied == [] and left(outcome) == []


def test_only_the_selected_rules_are_fixed():
    line, outcome = flask('resp.set_cookie("sid", "v")', rules=select_rules(select=["SFX302"]))
    assert line == 'resp.set_cookie("sid", "v", secure=True)'
    assert left(outcome) == []


def test_starlette_gets_lower_case_samesite_and_no_default_samesite():
    outcome = fix("""
        from fastapi import Response
        from starlette.middleware.sessions import SessionMiddleware

        app.add_middleware(SessionMiddleware, secret_key="k", same_site="none")

        def login(response: Response):
            response.set_cookie("sid", "v")
    """)
    lines = outcome.text.splitlines()
    assert lines[3] == 'app.add_middleware(SessionMiddleware, secret_key="k", same_site="lax", https_only=True)'
    assert lines[6] == '    response.set_cookie("sid", "v", httponly=True, secure=True)'


def test_starsessions_https_only_false_is_flipped():
    outcome = fix("""
        from starsessions import SessionMiddleware

        app.add_middleware(SessionMiddleware, store=s, cookie_https_only=False)
    """)
    assert outcome.text.splitlines()[2] == "app.add_middleware(SessionMiddleware, store=s, cookie_https_only=True)"


def test_flask_config_forms_are_fixed():
    outcome = fix("""
        from flask import Flask

        app = Flask(__name__)
        app.config["SESSION_COOKIE_SECURE"] = False
        app.config.update(SESSION_COOKIE_HTTPONLY=False, REMEMBER_COOKIE_SAMESITE=None)
        app.config.from_mapping({"REMEMBER_COOKIE_SECURE": False})

        class ProductionConfig:
            SESSION_COOKIE_SAMESITE = "None"
    """)
    assert outcome.text.splitlines()[3:9] == [
        'app.config["SESSION_COOKIE_SECURE"] = True',
        'app.config.update(SESSION_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax")',
        'app.config.from_mapping({"REMEMBER_COOKIE_SECURE": True})',
        "",
        "class ProductionConfig:",
        '    SESSION_COOKIE_SAMESITE = "Lax"',
    ]


def test_development_configuration_is_not_touched():
    source = """
        class DevelopmentConfig:
            SESSION_COOKIE_SECURE = False
    """
    assert fix(source).applied == []


SETTINGS = """
ROOT_URLCONF = "site.urls"
INSTALLED_APPS = []
MIDDLEWARE = [SESSIONS]
SESSION_COOKIE_HTTPONLY = True
DEBUG = False
"""


def test_standalone_settings_get_session_cookie_secure_only_as_an_unsafe_fix():
    outcome = fix(SETTINGS, filename="site/settings.py", https=False)
    assert outcome.text == SETTINGS.lstrip("\n")
    assert [(line, code, note.startswith(UNSAFE_FIX)) for line, code, note in left(outcome)] == [(1, "SFX302", True)]
    outcome = fix(SETTINGS, filename="site/settings.py", unsafe=True, https=False)
    assert outcome.text.splitlines() == [
        'ROOT_URLCONF = "site.urls"', "INSTALLED_APPS = []", "MIDDLEWARE = [SESSIONS]", "SESSION_COOKIE_HTTPONLY = True",
        "SESSION_COOKIE_SECURE = True", "DEBUG = False",
    ]
    assert left(outcome) == []


def test_standalone_settings_without_cookie_settings_get_it_at_the_end():
    source = 'ROOT_URLCONF = "site.urls"\nfrom .middleware import MIDDLEWARE\n'
    outcome = fix(source, filename="site/settings.py", unsafe=True, https=False)
    assert outcome.text == source + "SESSION_COOKIE_SECURE = True\n"


def test_settings_secure_only_in_development_get_it_before_that_branch():
    # Production never sets it (SFX302 at line 1); the development branch keeps its False.
    source = ('ROOT_URLCONF = "site.urls"\nMIDDLEWARE = [SESSIONS]\nSESSION_COOKIE_HTTPONLY = True\n'
              'if ENV == "dev":\n    SESSION_COOKIE_SECURE = False\nDEBUG = False\n')
    outcome = fix(source, filename="site/settings.py", https=False)
    [(line, code, note)] = left(outcome)
    assert (line, code) == (1, "SFX302")
    outcome = fix(source, filename="site/settings.py", unsafe=True, https=False)
    assert outcome.text.splitlines() == [
        'ROOT_URLCONF = "site.urls"', "MIDDLEWARE = [SESSIONS]", "SESSION_COOKIE_HTTPONLY = True",
        "SESSION_COOKIE_SECURE = True", 'if ENV == "dev":', "    SESSION_COOKIE_SECURE = False", "DEBUG = False",
    ]
    assert left(outcome) == []


def test_morsel_flags_are_set_right_after_the_morsel_is_created():
    outcome = fix("""
        from http.cookies import SimpleCookie

        def view():
            cookie = SimpleCookie()
            cookie["sid"] = "v"
            cookie["sid"]["secure"] = False
            return cookie.output()
    """)
    assert outcome.text.splitlines()[4:8] == [
        '    cookie["sid"] = "v"',
        '    cookie["sid"]["httponly"] = True',
        '    cookie["sid"]["samesite"] = "Lax"',
        '    cookie["sid"]["secure"] = True',
    ]


def test_header_values_built_by_concatenation_have_no_fix():
    outcome = fix("""
        def app(environ, start_response):
            start_response("200 OK", [("Set-Cookie", "sid=" + environ["SID"] + "; Path=/")])
    """)
    assert outcome.applied == []
    assert {note for *_, note in left(outcome)} == {NO_FIX}


def test_a_file_with_a_syntax_error_is_left_alone():
    outcome = fix("def broken(:\n    pass\n", https=False)
    assert outcome.text == "def broken(:\n    pass\n"
    assert len(outcome.errors) == 1 and "syntax error" in outcome.errors[0].message
    assert outcome.errors[0].message.endswith("; not fixed")


def test_every_fix_plan_matches_its_rules_declared_safety():
    from fixlint.rules.base import FIX_MIXED, FIX_SAFE, FIX_UNSAFE

    declared = {r.code: r.fix.safety for r in all_rules() if r.fix is not None}
    outcome = fix("""
        from flask import make_response

        def view():
            resp = make_response("ok")
            resp.set_cookie("widget", "w-1", httponly=False, samesite=None)
            return resp
    """, unsafe=True)
    for plan in outcome.applied:
        allowed = {FIX_SAFE: {"safe"}, FIX_UNSAFE: {"unsafe"}, FIX_MIXED: {"safe", "unsafe"}}
        assert plan.safety in allowed[declared[plan.finding.code]]


def test_a_rewrite_that_would_not_parse_is_not_kept(monkeypatch):
    from fixlint.fix import apply

    source = FLASK.format(line='resp.set_cookie("sid", "v")')
    monkeypatch.setattr(apply, "apply_plans", lambda text, plans: apply.Applied("def broken(:\n", plans, []))
    outcome = fix(source, https=False)
    assert outcome.text == textwrap.dedent(source).lstrip("\n")
    assert outcome.applied == []
    assert "fixes would not parse" in outcome.errors[0].message


def test_a_file_libcst_cannot_rewrite_is_reported_and_left_alone(monkeypatch):
    from fixlint.fix import apply

    def refuse(text, plans):
        raise RecursionError("maximum recursion depth exceeded")

    source = FLASK.format(line='resp.set_cookie("sid", "v")')
    monkeypatch.setattr(apply, "apply_plans", refuse)
    outcome = fix(source, https=False)
    assert outcome.text == textwrap.dedent(source).lstrip("\n")
    assert outcome.errors[0].message == "cannot rewrite: the code is nested too deeply for libcst; not fixed"


# -- Secure fixes: safe only when they reuse the module's HTTPS decision -------

def test_secure_fix_without_an_https_decision_is_unsafe_and_says_why():
    outcome = fix(FLASK.format(line='resp.set_cookie("sid", "v", httponly=True, samesite="Lax")'), https=False)
    assert outcome.applied == []
    ((line, code, note),) = left(outcome)
    assert (line, code) == (5, "SFX302")
    assert note.startswith(UNSAFE_FIX + ": a Secure cookie is not sent over plain HTTP")
    outcome = fix(FLASK.format(line='resp.set_cookie("sid", "v", httponly=True, samesite="Lax")'),
                  https=False, unsafe=True)
    assert 'secure=True' in outcome.text


def test_secure_fix_reuses_the_expression_another_secure_flag_is_given():
    outcome = fix("""
        from django.conf import settings

        def view(request):
            response = HttpResponse("ok")
            response.set_cookie("theme_sid", "v", secure=not settings.DEBUG, httponly=True, samesite="Lax")
            response.set_cookie("sid", "v", httponly=True, samesite="Lax")
            return response
    """, https=False)
    assert outcome.text.splitlines()[5].strip() == \
        'response.set_cookie("sid", "v", httponly=True, samesite="Lax", secure=not settings.DEBUG)'
    assert [p.safety for p in outcome.applied] == ["safe"]


def test_starlette_https_only_reuses_the_production_switch():
    outcome = fix("""
        from starlette.applications import Starlette
        from starlette.middleware.sessions import SessionMiddleware
        from app import settings

        app = Starlette(debug=not settings.PRODUCTION)
        app.add_middleware(SessionMiddleware, secret_key=settings.SECRET)
    """, https=False)
    assert outcome.text.splitlines()[5] == \
        "app.add_middleware(SessionMiddleware, secret_key=settings.SECRET, https_only=settings.PRODUCTION)"


def test_a_name_local_to_another_function_is_not_reused():
    outcome = fix("""
        from flask import make_response

        def other(request):
            production = request.host != "localhost"
            resp = make_response("ok")
            resp.set_cookie("a", "v", secure=production, httponly=True, samesite="Lax")
            return resp

        def view():
            resp = make_response("ok")
            resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
            return resp
    """, https=False)
    assert outcome.applied == []


def test_django_settings_get_session_cookie_secure_from_the_csrf_decision():
    outcome = fix("""
        ROOT_URLCONF = "site.urls"
        INSTALLED_APPS = []
        MIDDLEWARE = [SESSIONS, CSRF]
        DEBUG = env.bool("DEBUG")
        CSRF_COOKIE_SECURE = not DEBUG
    """, filename="site/settings.py", https=False)
    assert outcome.text.splitlines()[-1] == "SESSION_COOKIE_SECURE = not DEBUG"
    assert [p.safety for p in outcome.applied] == ["safe"]


def test_litestar_gets_lower_case_samesite_its_literal_type_allows():
    outcome = fix("""
        from litestar.middleware.session.client_side import CookieBackendConfig

        sessions = CookieBackendConfig(secret=b"0" * 16, secure=True, samesite="none")
    """)
    assert outcome.text.splitlines()[2] == 'sessions = CookieBackendConfig(secret=b"0" * 16, secure=True, samesite="lax")'


def test_frameworks_spelling_samesite_in_upper_case_keep_lax_capitalised():
    outcome = fix("""
        from aiohttp import web

        async def login(request):
            response = web.Response()
            response.set_cookie("sid", "v", httponly=True, secure=True, samesite="None")
            return response
    """)
    assert 'samesite="Lax"' in outcome.text.splitlines()[4]
