"""SFX102: behaviour the fixtures do not pin — configuration, messages per
backend, which cookie deletions count, delegation."""

from __future__ import annotations

import pytest

from fixlint.config import Config

from .helpers import lint, messages


def sfx102(source, filename="app.py", config=None):
    return lint(source, filename=filename, config=config, codes={"SFX102"})


def sfx102_messages(source, filename="app.py", config=None):
    return [m for m in messages(source, filename=filename, config=config) if m.startswith("SFX102")]


def test_configured_logout_names_mark_a_handler():
    source = """
        from flask import session

        def leave():
            session.pop("user_id")
    """
    assert sfx102(source) == []
    config = Config.from_mapping({"logout-names": ["leave"]})
    assert sfx102(source, config=config) == [(4, 5, "SFX102")]


@pytest.mark.parametrize(
    ("filename", "header", "body", "expected"),
    [
        ("app.py", "from flask import session\n", 'def logout():\n    session.pop("user_id")\n',
         "SFX102 logout removes only 'user_id' and leaves the session alive; call session.clear() (Flask)"),
        ("views.py", "import django\n", 'def logout_view(request):\n    request.session["logged_in"] = False\n',
         "SFX102 logout sets 'logged_in' instead of ending the session; call "
         "django.contrib.auth.logout(request) or request.session.flush() (Django)"),
        ("app.py", "from starlette.requests import Request\n",
         'async def logout(request: Request):\n    del request.session["uid"]\n',
         "SFX102 logout removes only 'uid' and leaves the session alive; call request.session.clear() (Starlette)"),
        ("app.py", "from flask import session\n", 'def logout():\n    print(session.get("user_id"))\n',
         "SFX102 logout leaves the session alive; call session.clear() (Flask)"),
    ],
    ids=["flask", "django-flag", "starlette", "def"],
)
def test_message_names_the_backend_specific_fix(filename, header, body, expected):
    assert sfx102_messages(header + body, filename=filename) == [expected]


@pytest.mark.parametrize(
    "filename, source, expected",
    [
        ("views.py", """
            from django.http import HttpResponse

            def auth_lab_logout(request):
                response = HttpResponse("bye")
                response.delete_cookie("userid")
                return response
        """, "call django.contrib.auth.logout(request) or request.session.flush() (Django)"),
        ("app.py", """
            from flask import make_response, session

            def logout():
                response = make_response("bye")
                response.delete_cookie("auth_token")
                return response
        """, "(Flask-Session)"),
        ("app.py", """
            from fastapi import APIRouter, Request, Response

            router = APIRouter()

            @router.post("/login")
            def login(request: Request):
                request.session["theme"] = "dark"
                return {}

            @router.post("/logout")
            def logout(response: Response):
                response.delete_cookie("remember_user")
                return {}
        """, "(starsessions)"),
    ],
    ids=["django", "flask", "fastapi"],
)
def test_a_logout_that_only_deletes_a_cookie_of_the_app_s_own_says_its_value_stays_valid(filename, source, expected):
    # pygoat's auth lab: the login sets `userid` itself; deleting it at logout
    # revokes nothing, and no server-side session of it survives. (Such a
    # deletion is judged under a server-side backend: Django's, Flask-Session,
    # starsessions; under a signed cookie, only the session's own cookie is.)
    cookie = next(name for name in ("userid", "auth_token", "remember_user") if name in source)
    backend = {"views.py": None, "app.py": "starsessions" if "fastapi" in source else "flask-session"}[filename]
    config = Config.from_mapping({"session-backends": [backend]}) if backend else None
    [message] = sfx102_messages(source, filename=filename, config=config)
    assert message.startswith(f"SFX102 logout only deletes cookie {cookie!r}, whose value stays valid"), message
    assert "server-side session survives" not in message
    assert message.endswith(expected), message


def test_a_logout_that_only_deletes_a_signed_cookie_session_never_ends_it():
    # RULES.md Revision 2: SFX102 in every framework, the message saying
    # what really happens (nothing survives on a server, nothing is ended).
    source = """
        from flask import make_response, session

        def logout():
            response = make_response("bye")
            response.delete_cookie("session")
            return response
    """
    assert sfx102_messages(source) == [
        "SFX102 logout only deletes the session cookie and never ends the session; call session.clear() (Flask)"]
    config = Config.from_mapping({"session-backends": ["flask-session"]})
    assert sfx102(source, config=config) == [(5, 5, "SFX102")]
    assert "server-side session survives" in sfx102_messages(source, config=config)[0]


FRIGATE_LOGOUT = """
    from fastapi import APIRouter, Request
    from fastapi.responses import RedirectResponse

    router = APIRouter()

    @router.get("/logout")
    def logout(request: Request):
        auth_config = request.app.frigate_config.auth
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie({name})
        return response
"""


def test_a_logout_deleting_a_credential_cookie_by_a_computed_name_says_its_value_stays_valid():
    # frigate's logout: the JWT cookie's name comes from configuration. Its
    # words name a credential cookie, so the logout of an app with no
    # framework session only deletes the credential.
    [message] = sfx102_messages(FRIGATE_LOGOUT.format(name="auth_config.cookie_name"))
    assert message.startswith("SFX102 logout only deletes the cookie auth_config.cookie_name names, whose value "
                              "stays valid"), message
    assert "revoke the token on the server" in message


@pytest.mark.parametrize("name", [
    "auth_config.language_cookie_name",  # a preference
    "auth_config.cookie_domain",  # no cookie name at all
    "auth_config.session_id_cookie_name",  # a store's key: a record a deleted cookie leaves behind
    "get_cookie_name()",  # a call: nothing to read
])
def test_a_computed_name_that_names_no_credential_cookie_is_not_judged(name):
    assert sfx102(FRIGATE_LOGOUT.format(name=name)) == []


def test_a_computed_credential_cookie_under_a_session_backend_changes_nothing():
    # Under a session backend the partial-logout judgement stays with the
    # cookies fixlint can name (6a5de4c); a computed name adds no finding.
    source = FRIGATE_LOGOUT.format(name="auth_config.cookie_name").replace(
        "return response", "return response if request.session else None")
    assert sfx102(source, config=Config.from_mapping({"session-backends": ["starsessions"]})) == []


def test_deleting_an_auth_cookie_under_a_signed_cookie_session_is_not_a_partial_logout():
    source = """
        from fastapi import FastAPI, Request, Response

        app = FastAPI()

        @app.post("/logout")
        async def logout(request: Request, response: Response):
            response.delete_cookie("access_token")
            return {"ok": request.session.get("cart")}
    """
    assert sfx102(source) == []


def test_expiring_the_cookie_with_set_cookie_is_a_deletion():
    source = """
        from django.http import HttpResponse

        def logout_view(request):
            response = HttpResponse("bye")
            response.set_cookie("sessionid", "", max_age=0, secure=True, httponly=True, samesite="Lax")
            return response
    """
    assert sfx102(source, filename="views.py") == [(5, 5, "SFX102")]


def test_deleting_a_non_session_cookie_is_not_partial():
    source = """
        from django.http import HttpResponse

        def logout_view(request):
            response = HttpResponse("bye")
            response.delete_cookie("theme")
            return response
    """
    assert sfx102(source, filename="views.py") == []


def test_invalidation_named_call_to_unseen_code_is_trusted():
    source = """
        from flask import session
        from myapp.auth import invalidate_session

        def logout():
            session.pop("user_id")
            invalidate_session()
    """
    assert sfx102(source) == []


def test_invalidation_in_a_helper_counts():
    source = """
        from flask import session

        def logout():
            session.pop("user_id")
            forget()

        def forget():
            session.clear()
    """
    assert sfx102(source) == []


def test_logout_in_test_code_is_skipped():
    source = """
        from flask import session

        def test_logout():
            session.pop("user_id")
    """
    assert sfx102(source) == []
    assert sfx102(source.replace("test_logout", "logout"), filename="tests/test_views.py") == []


def test_logout_tidying_only_non_identity_keys_is_silent():
    source = """
        from flask import session
        from flask_jwt_extended import unset_jwt_cookies

        def logout(response):
            session.pop("next", None)
            unset_jwt_cookies(response)
    """
    assert sfx102(source) == []


def test_logout_reading_the_identity_without_removing_it_is_reported_at_the_def():
    source = """
        from flask import session

        def logout():
            if "user_id" in session:
                audit(session["user_id"])
    """
    assert sfx102(source) == [(3, 1, "SFX102")]


@pytest.mark.parametrize("sql, deletes", [
    ("DELETE FROM sessions WHERE session_token = ?", True),
    ('  delete from "user_sessions" where id = %s', True),
    ("DELETE FROM app.sessions", True),
    ("DELETE FROM [dbo].[Sessions] WHERE Id = @id", True),
    ("delete from django_session", True),
    ("DELETE FROM carts WHERE session_token = ?", False),
    ("SELECT * FROM sessions WHERE session_token = ?", False),
    ("UPDATE sessions SET user_id = NULL", False),
])
def test_an_sql_statement_deleting_a_session_tables_rows_is_recognised(sql, deletes):
    from fixlint.frameworks.hand_rolled import deletes_session_rows

    assert deletes_session_rows(sql) is deletes


LITESTAR_LOGOUT = (
    "from litestar import get\nfrom litestar.response import Redirect\n"
    "from werkzeug.security import check_password_hash\n\n"
    "@get('/auth/logout')\ndef logout() -> Redirect:\n    resp = Redirect('/')\n"
    "    resp.delete_cookie('session')\n    return resp\n"
)


@pytest.mark.parametrize(("setup", "advice"), [
    ("", "revoke the token on the server at logout"),
    ("from litestar.middleware.session.client_side import CookieBackendConfig\n", "call request.clear_session()"),
], ids=["no-session-middleware", "cookie-backend"])
def test_a_litestar_logout_is_advised_by_whether_the_app_has_a_session(tmp_path, setup, advice):
    """The cookie `session` is Litestar's session only when the application
    sets up a session middleware config; without one it is the app's own
    signed sign-in, and clear_session() would end nothing (Framework.
    session_setup). Importing werkzeug.security for password hashes does not
    make the module a Flask one."""
    import json

    from .helpers import run_cli, write

    root = tmp_path / "shop"
    write(root, "setup.cfg", "")
    write(root, "main.py", setup + "from litestar import Litestar\nfrom views import logout\n"
                                   "app = Litestar([logout])\n")
    write(root, "views.py", LITESTAR_LOGOUT)
    done = run_cli("check", "--format", "json", "--exit-zero", "--select", "SFX102", str(root), cwd=root)
    found = [(f["path"], f["line"], f["message"]) for f in json.loads(done.stdout)["findings"]]
    assert [(path, line) for path, line, _ in found] == [("views.py", 8)]
    assert advice in found[0][2] and found[0][2].endswith("(Litestar)")


_HELD_ID_LOGOUT = """
    from fastapi import FastAPI, Request

    app = FastAPI()
    RECORDS = {{}}

    @app.post("/logout")
    async def logout(request: Request):
        held = request.session.get({key!r})
        request.session.pop({key!r}, None)
        {deletion}
        return {{}}
"""


@pytest.mark.parametrize(
    ("key", "deletion", "reported"),
    [
        ("sessionId", 'RECORDS.pop(f"session:{held}", None)', False),
        ("sessionId", 'await cache.delete("session:" + held)', False),
        ("sid", "await store_client.delete_record(held)", False),
        ("sid", "del RECORDS[held]", False),
        ("sessionId", "print(held)", True),  # the record survives
        ("user_id", 'RECORDS.pop(f"profile:{held}", None)', True),  # a record keyed by the user is not the session
        ("sessionId", 'await cache.fetch_record(f"session:{held}")', True),  # a read, not a deletion
    ],
    ids=["dict-pop", "cache-delete", "own-delete-method", "del", "kept", "user-record", "read"],
)
def test_deleting_the_record_keyed_by_the_id_the_session_holds_ends_the_session(key, deletion, reported):
    # easy_mock (session 32): Starlette's session holds only a fresh `sessionId`; the
    # user lives in the record `session:<id>`, which the logout deletes.
    found = sfx102(_HELD_ID_LOGOUT.format(key=key, deletion=deletion))
    assert found == ([(9, 5, "SFX102")] if reported else [])


_TORNADO_LOGOUT = """
    import tornado.web

    class Account(tornado.web.RequestHandler):
        def get_current_user(self):
            return self.get_signed_cookie("member")

        def drop_member(self):
            self.clear_cookie("member")

    class LogoutHandler(Account):
        def post(self):
            {body}
            self.redirect("/")
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('self.clear_cookie("member")', [(12, 9, "SFX102")]),
        ("self.clear_all_cookies()", [(12, 9, "SFX102")]),
        ("self.drop_member()", [(12, 9, "SFX102")]),  # at the call of the method that deletes it
        ('self.clear(); self.flush(); self.clear_cookie("member")', [(12, 37, "SFX102")]),  # the handler's own methods
        ('self.clear_cookie("member"); self.application.tokens.revoke(self.current_user)', []),
        ('self.clear_all_cookies(); auth_client.logout(self.current_user)', []),
        ('SIGNED.pop(self.get_signed_cookie("member"), None); self.clear_cookie("member")', []),
        ("pass", [(11, 5, "SFX102")]),  # keeps the cookie: at the def, as before
    ],
    ids=["clear-cookie", "clear-all", "helper", "handler-methods", "revoke", "logout-call", "store", "kept"],
)
def test_a_tornado_logout_that_only_deletes_the_signed_cookie_is_reported(body, expected):
    # TorCMS (session 32): `__logout__` deletes every cookie; the signed `user` value stays valid.
    assert sfx102(_TORNADO_LOGOUT.format(body=body)) == expected


def test_a_tornado_logout_deleting_the_signed_cookie_says_to_revoke_it_on_the_server():
    source = _TORNADO_LOGOUT.format(body="self.drop_member()")
    assert sfx102_messages(source) == [
        "SFX102 logout calls drop_member(), which only deletes cookie 'member', whose value stays valid: the "
        "server ends nothing, so a copy of the cookie still signs in; revoke the token on the server at logout "
        "(a deny-list that get_current_user() checks, or sign-ins kept in a server-side record and deleted) (Tornado)"
    ]


_TORNADO_COMPUTED_LOGOUT = """
    import tornado.web
    from .settings import site

    class Account(tornado.web.RequestHandler):
        def get_current_user(self):
            return self.get_signed_cookie(site.MEMBER_COOKIE)

        def sign_in(self, member):
            self.set_signed_cookie(site.MEMBER_COOKIE, member, httponly=True, secure=True, samesite="Lax")

    class LogoutHandler(Account):
        def post(self, cookie=site.LAYOUT_COOKIE):
            {body}
            self.redirect("/")
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("self.clear_cookie(site.MEMBER_COOKIE)", [(13, 9, "SFX102")]),
        ("name = site.MEMBER_COOKIE; self.clear_cookie(name)", [(13, 36, "SFX102")]),  # through a local name
        ("self.clear_cookie(site.LAYOUT_COOKIE)", []),  # another expression: another cookie
        ("self.clear_cookie(cookie)", [(13, 9, "SFX102")]),  # a parameter: may be it, as before
        ("self.clear_cookie(site.MEMBER_COOKIE); site.tokens.revoke(self.current_user)", []),
        ("pass", [(12, 5, "SFX102")]),  # keeps the cookie: at the def
    ],
    ids=["same-expression", "local-name", "other-expression", "parameter", "revoke", "kept"],
)
def test_a_tornado_signed_cookie_named_by_an_expression_is_the_login_where_the_same_expression_is(body, expected):
    # Medusa (session 33's m2): `self.clear_cookie(app.SECURE_TOKEN)` is the whole logout, and
    # `app.SECURE_TOKEN` is the name set_secure_cookie/get_secure_cookie give the signed login cookie.
    assert sfx102(_TORNADO_COMPUTED_LOGOUT.format(body=body)) == expected


def test_a_tornado_signed_cookie_named_by_an_expression_is_quoted_as_written():
    deleted = sfx102_messages(_TORNADO_COMPUTED_LOGOUT.format(body="self.clear_cookie(site.MEMBER_COOKIE)"))
    kept = sfx102_messages(_TORNADO_COMPUTED_LOGOUT.format(body="pass"))
    assert [m[:70] for m in deleted] == ["SFX102 logout only deletes the cookie site.MEMBER_COOKIE names, whose va"[:70]]
    assert [m[:110] for m in kept] == [
        "SFX102 logout never deletes the signed user cookie named by site.MEMBER_COOKIE: the browser stays signed in "
        "until"[:110]]
    assert "self.clear_cookie(site.MEMBER_COOKIE)" in kept[0]


@pytest.mark.parametrize(("deleted", "expected"), [("MEMBER", [(13, 9, "SFX102")]), ("LAYOUT", [])])
def test_a_tornado_signed_cookie_named_by_a_module_name_bound_to_a_call(deleted, expected):
    source = f"""
        import tornado.web
        from .settings import cookie_name

        MEMBER = cookie_name("member")
        LAYOUT = cookie_name("layout")

        class Account(tornado.web.RequestHandler):
            def get_current_user(self):
                return self.get_signed_cookie(MEMBER)

        class LogoutHandler(Account):
            def post(self):
                self.clear_cookie({deleted})
    """
    assert sfx102(source) == expected


def test_a_tornado_logout_deleting_a_cookie_named_by_an_expression_still_counts_for_a_literal_login():
    # As before: the expression may hold the literal the module signs in with.
    source = _TORNADO_LOGOUT.format(body="self.clear_cookie(site.MEMBER_COOKIE)")
    assert sfx102(source) == [(12, 9, "SFX102")]


def test_a_tornado_logout_reading_a_signed_cookie_itself_names_it():
    # WuZiqi (session 31): the module's only sign of the login is the logout's own read.
    source = """
        import tornado.web

        class LogoutHandler(tornado.web.RequestHandler):
            def post(self):
                member = self.get_secure_cookie("memberId")
                print(member)
                self.clear_all_cookies()
    """
    assert [m[:60] for m in sfx102_messages(source)] == ["SFX102 logout only deletes cookie 'memberId', whose value st"]


_PORTED_LOGOUT = """
    from quart import Quart, session

    app = Quart(__name__)

    def {name}():
        if "_user_id" in session:
            session.pop("_user_id")
        session.pop("_fresh", None)
        session.pop("_id", None)
"""


@pytest.mark.parametrize(("name", "reported"), [("logout_user", False), ("forget_user", True)])
def test_a_project_s_port_of_flask_login_s_logout_user_is_that_call_in_another_module(tmp_path, name, reported):
    """ragflow's Quart app ports Flask-Login's logout_user() into its
    package's __init__.py and calls it from a view module: the port is the
    library's call (an invalidation) at the call, as a vendored copy is; a
    helper named otherwise that pops the same key is a partial logout."""
    import json
    import textwrap

    from .helpers import run_cli, write

    root = tmp_path / "shop"
    write(root, "setup.cfg", "")
    write(root, "api/__init__.py", textwrap.dedent(_PORTED_LOGOUT.format(name=name)))
    write(root, "api/views.py", f"from api import app, {name}\n\n"
                                f"@app.post('/auth/logout')\nasync def log_out():\n    {name}()\n    return {{}}\n")
    done = run_cli("check", "--format", "json", "--exit-zero", "--select", "SFX102", str(root), cwd=root)
    found = [(f["path"], f["line"]) for f in json.loads(done.stdout)["findings"]]
    assert found == ([("api/views.py", 5)] if reported else [])


def test_a_project_s_port_of_logout_user_is_that_call_in_its_own_module():
    source = _PORTED_LOGOUT.format(name="logout_user") + """
    @app.route("/logout")
    async def logout():
        logout_user()
        return {}
    """
    assert sfx102(source) == []


_ROUTED_WRAPPER = """
    from fastapi import APIRouter
    from fastapi.responses import JSONResponse

    router = APIRouter()

    def _drop(response):
        response.delete_cookie("access_token")

    @router.post("/auth/logout")
    async def {inner}():
        response = JSONResponse({{}})
        _drop(response)
        return response

    @router.post("/logout")
    async def legacy_logout():
        return await {inner}()
"""


def test_a_routed_logout_that_another_logout_calls_is_reported_on_its_own_path():
    """AstrBot: `/auth/logout` only deletes the JWT cookie, and a legacy
    `/logout` handler calls it: both handlers are reported, each once."""
    assert sfx102(_ROUTED_WRAPPER.format(inner="logout")) == [(12, 5, "SFX102"), (17, 18, "SFX102")]


def test_an_unrouted_logout_helper_is_judged_at_the_handler_that_calls_it():
    source = _ROUTED_WRAPPER.replace('    @router.post("/auth/logout")\n', "")
    assert sfx102(source.format(inner="do_logout")) == [(16, 18, "SFX102")]


JWT_LOGOUT = """
    from fastapi import Depends, FastAPI, Response
    from fastapi_jwt_auth import AuthJWT

    app = FastAPI()
    denylist = set()

    @app.{method}("/logout")
    def logout(response: Response, Authorize: {annotation} = Depends()):
        {revoke}
        Authorize.unset_jwt_cookies()
        return {{}}
"""


@pytest.mark.parametrize("method", ["post", "delete"])
def test_a_token_librarys_cookie_unsetter_alone_is_reported_whatever_the_route_method(method):
    # The decorator of a DELETE route ends nothing (it was read as a revoking `delete()` call).
    [message] = sfx102_messages(JWT_LOGOUT.format(method=method, annotation="AuthJWT", revoke="pass"))
    # (the call deletes both token cookies: the message names both)
    assert message.startswith("SFX102 logout calls Authorize.unset_jwt_cookies(), which only deletes cookies "
                              "'access_token_cookie' and 'refresh_token_cookie', whose values stay valid"), message
    assert message.endswith("@AuthJWT.token_in_denylist_loader checks (FastAPI JWT Auth)"), message
    plain = JWT_LOGOUT.format(method=method, annotation="AuthJWT", revoke="pass").replace(
        "Authorize.unset_jwt_cookies()", 'response.delete_cookie("access_token")')
    assert len(sfx102(plain)) == 1


@pytest.mark.parametrize("revoke", [
    'denylist.add(Authorize.get_raw_jwt()["jti"])',  # the token's id read at logout, and a store named for revoking
    "revoke_token(Authorize.get_raw_jwt())",
    "denylist.add(Authorize.get_jti(token))",
])
def test_a_token_revoked_at_logout_is_no_finding(revoke):
    assert sfx102(JWT_LOGOUT.format(method="post", annotation="AuthJWT", revoke=revoke)) == []


def test_an_unsetter_named_alike_on_another_type_is_no_token_library():
    assert sfx102(JWT_LOGOUT.format(method="post", annotation="dict", revoke="pass")) == []


@pytest.mark.parametrize("cookie, revoke", [("refreshToken", True), ("access_jwt", True), ("userid", False)])
def test_a_django_logout_deleting_a_token_cookie_is_told_to_revoke_it(cookie, revoke):
    source = f"""
        from django.http import JsonResponse

        def logout_view(request):
            response = JsonResponse({{}})
            response.delete_cookie("{cookie}")
            return response
    """
    [message] = sfx102_messages(source, filename="views.py")
    assert ("revoke the token on the server at logout (a deny-list), or keep the sign-in" in message) is revoke, message
    assert message.endswith("request.session.flush() (Django)"), message


def test_an_aiohttp_logout_without_aiohttp_session_is_advised_to_revoke_the_token(tmp_path):
    # aiohttp has no session of its own: deleting a JWT cookie the app minted leaves no server-side
    # session to invalidate, and the advice must not name aiohttp-session (sqlplot). With aiohttp-session
    # set up anywhere in the application, the deleted session cookie's record survives.
    from pathlib import Path

    from .helpers import run_cli, write

    source = (Path(__file__).resolve().parent.parent / "fixtures" / "aiohttp" / "jwt_cookie.py").read_text()
    for name, setup, expected in (("plain", "", "whose value stays valid"),
                                  ("stored", "from aiohttp_session import setup\n", "server-side session survives")):
        root = tmp_path / name
        write(root, "pyproject.toml", "[project]\nname = 'app'\n")
        write(root, "handlers.py", source)
        write(root, "main.py", setup + "from handlers import routes\n")
        done = run_cli("check", "--select", "SFX102", "--no-cache", ".", cwd=root)
        [line] = done.stdout.splitlines()
        assert expected in line and ("aiohttp-session" in line) == bool(setup), line
