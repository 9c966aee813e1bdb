"""CookieAnalysis's and LifecycleAnalysis's per-file guards (issue 15: plan
fewer files): each construct that can give SFX301-SFX305 a cookie site, or
SFX101 a binding on a login's path, is still planned and reported, in one
file and across a project's modules; text that holds the old guards' words
(`session_`, `sessions`, a login with nothing it binds) is skipped."""

from __future__ import annotations

import pytest

from fixlint.analysis import lifecycle_guard
from fixlint.analysis.base import UNKNOWN, GuardText
from fixlint.analysis.cookies import CookieAnalysis
from fixlint.analysis.lifecycle import LifecycleAnalysis
from fixlint.config import Config
from fixlint.engine.checker import plan
from fixlint.project import ProjectFacts
from fixlint.selection import select_rules

from .helpers import _source, lint, run_flake8, run_main, write


# -- CookieAnalysis -------------------------------------------------------------

# (source, findings): each spells neither "cookie" nor the keywords of
# another kind of site, so that the one this kind needs must let it in.
COOKIE_SITES = {
    "a Flask setting without 'cookie'": ("""
        from datetime import timedelta

        class Config:
            PERMANENT_SESSION_LIFETIME = timedelta(days=365)
        """, [(4, 5, "SFX304")]),
    "Quart-Auth's duration setting": ("""
        class Config:
            QUART_AUTH_DURATION = 60 * 60 * 24 * 365
        """, [(2, 5, "SFX304")]),
    "Starlette's SessionMiddleware": ("""
        from starlette.applications import Starlette
        from starlette.middleware.sessions import SessionMiddleware as SM

        app = Starlette()
        app.add_middleware(SM, secret_key="k")
        """, [(5, 1, "SFX302")]),
    "an aiohttp-session storage": ("""
        from aiohttp import web
        from aiohttp_session import setup
        from aiohttp_session import redis_storage

        def make_app(redis):
            app = web.Application()
            setup(app, redis_storage.RedisStorage(redis))
            return app
        """, [(7, 16, "SFX302"), (7, 16, "SFX303")]),
    "Pyramid's auth ticket policy": ("""
        from pyramid.authentication import AuthTktAuthenticationPolicy

        def includeme(config):
            config.set_authentication_policy(AuthTktAuthenticationPolicy("s3cret"))
        """, [(4, 38, "SFX301"), (4, 38, "SFX302")]),
    "Litestar's server-side session config": ("""
        from litestar import Litestar
        from litestar.middleware.session.server_side import ServerSideSessionConfig

        config = ServerSideSessionConfig()
        app = Litestar(middleware=[config.middleware])
        """, [(4, 10, "SFX302")]),
    "a Django settings module told by INSTALLED_APPS": ("""
        from .base import MIDDLEWARE
        INSTALLED_APPS = ["django.contrib.sessions"]
        """, [(1, 1, "SFX302")]),
    "a set_cookie call": ("""
        def view(response):
            response.set_cookie("sid", "v", httponly=True, samesite="Lax")
        """, [(2, 5, "SFX302")]),
}


@pytest.mark.parametrize("name", sorted(COOKIE_SITES))
def test_every_kind_of_cookie_site_is_planned_and_reported(name):
    source, expected = COOKIE_SITES[name]
    assert CookieAnalysis.wanted(GuardText(_source(source)), Config())
    filename = "settings.py" if "INSTALLED_APPS" in source else "app.py"
    assert lint(source, filename=filename, codes={"SFX301", "SFX302", "SFX303", "SFX304"}) == expected


@pytest.mark.parametrize("text", [
    "session_id = request.args.get('session_id')\n",
    "engine = create_engine(url)\nsession_factory = sessionmaker(bind=engine)\n",
    "from sqlalchemy.orm import sessionmaker\nsessions = {}\n",
    "def close_sessions(pool):\n    pool.sessions.clear()\n",
])
def test_session_words_without_a_cookie_site_are_not_planned(text):
    # The old guard let each of these in ("session_", "sessions").
    assert not CookieAnalysis.wanted(GuardText(text), Config())
    assert CookieAnalysis not in plan(select_rules(), Config(), GuardText(text), None)


@pytest.mark.parametrize("text", [
    "from django.conf import settings\n\ndef apps():\n    return settings.INSTALLED_APPS\n",
    "def urls(settings):\n    if settings.ROOT_URLCONF == 'x':\n        return settings.MIDDLEWARE\n",
    "if 'django.contrib.sessions' in settings.INSTALLED_APPS:\n    pass\n",
])
def test_reading_a_settings_marker_does_not_make_a_settings_module(text):
    # Most of Django reads settings.INSTALLED_APPS; only a module assigning
    # a marker (visit_assign) is a settings module.
    assert not CookieAnalysis.wanted(GuardText(text), Config())


@pytest.mark.parametrize("text", [
    "INSTALLED_APPS = ['a']\n",
    "ROOT_URLCONF: str = 'mysite.urls'\n",
    "MIDDLEWARE = MIDDLEWARE_BASE = ['m']\n",
    "BASE = MIDDLEWARE = ['m']\n",
    "if DEBUG:\n    INSTALLED_APPS = INSTALLED_APPS + ['debug_toolbar']\n",
    "INSTALLED_APPS \\\n    = ['a']\n",
])
def test_assigning_a_settings_marker_is_planned(text):
    assert CookieAnalysis.wanted(GuardText(text), Config())
    assert CookieAnalysis.wanted(text.lower(), Config())  # no raw text: the looser substring test


def test_a_star_import_is_planned_only_when_the_chain_gives_a_marker():
    text = "from .base import *\n\nDEBUG = False\n"
    unknown = GuardText(text)
    assert CookieAnalysis.wanted(unknown, Config()) and unknown.awaits_project
    for facts, planned in (
            (_facts({})._replace(chain_keys=frozenset({"INSTALLED_APPS", "SECRET_KEY"})), True),
            (_facts({})._replace(chain_keys=frozenset({"SECRET_KEY"})), False),
            (_facts({})._replace(chain_keys=frozenset({"INSTALLED_APPS"}), chain_complete=False), False),
            (None, False)):
        guard = GuardText(text)
        guard.project = facts
        assert CookieAnalysis.wanted(guard, Config()) is planned, facts


def test_a_flask_app_configured_nowhere_in_its_project_is_reported_at_its_construction(tmp_path, capsys, parsed):
    # The app is built in one module, the session used in another; no module
    # gives SESSION_COOKIE_SECURE or _SAMESITE: reported at Flask(...) by the
    # project model. views.py spells no cookie site and is not judged for one.
    tmp_path = tmp_path / "shop"  # pytest's tmp_path names say `test_`: test code
    write(tmp_path, "pyproject.toml", "[project]\nname = 'shop'\n")
    write(tmp_path, "app.py", """
        from flask import Flask

        app = Flask(__name__)
        """)
    write(tmp_path, "views.py", """
        from flask import session

        from app import app


        @app.get("/cart")
        def cart():
            return str(session.get("items"))
        """)
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX302,SFX303", str(tmp_path))
    assert "app.py:3:7: SFX302" in out and "app.py:3:7: SFX303" in out, out
    assert "views.py" not in out


@pytest.mark.parametrize("framework, app", [("flask", "Flask"), ("quart", "Quart")])
def test_an_app_of_each_framework_is_planned_and_named_in_the_message(tmp_path, capsys, framework, app):
    # A Quart(...) app spells no "flask(": the guard's constructions come
    # from every adapter's project_constructions, and the message names the
    # app's own framework ("this Quart app", not "this Flask app").
    tmp_path = tmp_path / "shop"
    write(tmp_path, "pyproject.toml", "[project]\nname = 'shop'\n")
    write(tmp_path, "app.py", f"""
        from {framework} import {app}, session

        app = {app}(__name__)


        @app.route("/")
        async def index():
            session["seen"] = True
            return "ok"
        """)
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX302,SFX303", str(tmp_path))
    assert "app.py:3:7: SFX302" in out and "app.py:3:7: SFX303" in out, out
    assert f"for this {app} app" in out, out


def test_a_django_settings_module_built_on_another_is_judged_with_it(tmp_path, capsys):
    # production.py names no setting and no marker: its star import of the
    # base, which gives INSTALLED_APPS, makes it a settings module.
    write(tmp_path, "setup.py", "")
    write(tmp_path, "mysite/__init__.py", "")
    write(tmp_path, "mysite/settings/__init__.py", "")
    write(tmp_path, "mysite/settings/base.py", """
        INSTALLED_APPS = ["django.contrib.sessions"]
        """)
    write(tmp_path, "mysite/settings/production.py", """
        from .base import *

        DEBUG = False
        """)
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX302", str(tmp_path))
    # The base is judged in the module built on it (RULES.md: settings chains).
    assert "production.py:1:1: SFX302" in out and "base.py" not in out, out


# -- LifecycleAnalysis ------------------------------------------------------------

# (source, line of the SFX101 finding): logins whose binding is spelled
# without "sess" where one is possible.
BINDINGS = {
    "Flask-Login's login_user": ("""
        from flask import Flask, redirect, request
        from flask_login import login_user
        from .models import User

        app = Flask(__name__)

        @app.post("/login")
        def login():
            user = User.query.filter_by(name=request.form["name"]).first()
            if user and user.check_password(request.form["password"]):
                login_user(user)
            return redirect("/")
        """, 11),
    "a store record under the request cookie's id": ("""
        from flask import Flask, request

        app = Flask(__name__)
        STORE = {}

        @app.post("/login")
        def login():
            user = authenticate(request.form["name"], request.form["password"])
            STORE[request.cookies["sid"]]["user_id"] = user.id
            return "ok"
        """, 9),
    "a session write": ("""
        from flask import Flask, request, session

        app = Flask(__name__)

        @app.post("/login")
        def login():
            user = authenticate(request.form["name"], request.form["password"])
            session["user_id"] = user.id
            return "ok"
        """, 8),
}


@pytest.mark.parametrize("name", sorted(BINDINGS))
def test_a_login_that_binds_is_planned_and_reported(name):
    source, line = BINDINGS[name]
    text = GuardText(_source(source))
    assert LifecycleAnalysis.wanted(text, Config()) and not text.awaits_project
    assert [f[0] for f in lint(source, codes={"SFX101"})] == [line]


NO_BINDING = """
from flask import Flask, redirect, request

from .auth import authenticate

app = Flask(__name__)


@app.post("/login")
def login():
    user = authenticate(request.form["name"], request.form["password"])
    return redirect("/") if user else ("no", 401)
"""


def _facts(helpers):
    return ProjectFacts(keys=frozenset(), unreadable=False, modules=2, helpers=helpers)


def test_a_login_that_can_bind_nothing_is_not_planned():
    rules = select_rules()
    assert lifecycle_guard.login_possible(GuardText(NO_BINDING), Config())
    assert LifecycleAnalysis not in plan(rules, Config(), GuardText(NO_BINDING), None)
    # Helpers that do nothing to the session, or return nothing a binding needs.
    quiet = _facts({".auth.authenticate": {"weak": "random.random()"}})
    assert LifecycleAnalysis not in plan(rules, Config(), GuardText(NO_BINDING), quiet)


def test_a_login_calling_a_project_helper_that_binds_is_planned():
    rules = select_rules()
    binds = _facts({".auth.authenticate": {"events": [["bind", "flask", "user_id"]]}})
    assert LifecycleAnalysis in plan(rules, Config(), GuardText(NO_BINDING), binds)
    depends = _facts({".auth.authenticate": {"returns": "cookie"}})
    assert LifecycleAnalysis in plan(rules, Config(), GuardText(NO_BINDING), depends)


def test_unknown_project_facts_let_a_login_in_and_say_so():
    text = GuardText(NO_BINDING)
    assert text.project is UNKNOWN
    assert LifecycleAnalysis.wanted(text, Config()) and text.awaits_project
    spelled = GuardText(_source(BINDINGS["a session write"][0]))
    assert LifecycleAnalysis.wanted(spelled, Config()) and not spelled.awaits_project


def test_a_logout_is_planned_whatever_it_binds():
    source = ("from flask import Flask\nfrom flask_login import logout_user\n\napp = Flask(__name__)\n\n\n"
              "@app.post('/logout')\ndef logout():\n    logout_user()\n    return 'bye'\n")
    text = GuardText(source)
    assert not lifecycle_guard.bind_spelled(text)
    # A logout is enough: the project model is not waited for.
    assert LifecycleAnalysis.wanted(text, Config()) and not text.awaits_project


def _helper_login_project(tmp_path, helper):
    write(tmp_path, "setup.py", "")
    write(tmp_path, "helpers.py", helper)
    # No "sess", no cookie, no library binding call: only the helper's
    # profile makes the login bind.
    write(tmp_path, "views.py", """
        from flask import Flask, redirect, request

        from helpers import keep_user

        app = Flask(__name__)


        @app.post("/login")
        def login():
            user = authenticate(request.form["name"], request.form["password"])
            keep_user(user)
            return redirect("/")
        """)
    return tmp_path


BINDING_HELPER = "from flask import session\n\n\ndef keep_user(user):\n    session['user_id'] = user.id\n"
QUIET_HELPER = "import logging\n\n\ndef keep_user(user):\n    logging.info('login %s', user)\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cli_reports_a_login_through_another_modules_binding_helper(tmp_path, capsys, jobs):
    root = _helper_login_project(tmp_path, BINDING_HELPER)
    for n in range(4):  # -j 2 with more files forks the workers
        write(root, f"other{n}.py", "x = 1\n")
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", jobs, "--select", "SFX101", str(root))
    assert "views.py:11:5: SFX101" in out and "keep_user()" in out, out


def test_the_cli_skips_a_login_whose_helper_binds_nothing(tmp_path, capsys, parsed):
    root = _helper_login_project(tmp_path, QUIET_HELPER)
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX101", str(root))
    assert "SFX101" not in out and "views.py" not in parsed, (out, parsed)
    write(root, "helpers.py", BINDING_HELPER)
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX101", str(root))
    assert "views.py" in parsed and "views.py:11:5: SFX101" in out, (out, parsed)


def test_flake8_reports_a_login_through_another_modules_binding_helper(tmp_path):
    root = _helper_login_project(tmp_path, BINDING_HELPER)
    done = run_flake8("--isolated", "--select", "SFX", "views.py", cwd=root)
    assert "views.py:11:5: SFX101" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("source, reported", [
    ('MIDDLEWARE = "middleware"\nSET_COOKIE = "set_cookie"\n', False),  # a module's own labels (fixlint's cookies.py)
    ('INSTALLED_APPS = 3\n', False),
    ('MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n', True),
    ('ROOT_URLCONF = "site.urls"\n', True),
    ('INSTALLED_APPS = BASE_APPS + ["shop"]\n', True),
])
def test_a_settings_marker_needs_a_value_of_its_kind(source, reported):
    # Django's settings markers mark a settings module when they hold what
    # the setting holds: a list for INSTALLED_APPS/MIDDLEWARE, a string for
    # ROOT_URLCONF; a constant label of the same name marks nothing. (The
    # middleware list, imported, makes the module one that sets cookies.)
    found = lint("from .base import MIDDLEWARE\n" + source, filename="site/config.py", codes={"SFX302"})
    assert bool(found) == reported, found


def _portuguese_project(tmp_path):
    """A router with no English word for the session (nor login, nor
    cookie): its handlers call a services module that writes it."""
    write(tmp_path, "setup.py", "")
    write(tmp_path, "servicos.py", """
        def iniciar_sessao(request, usuario):
            request.session["usuario_id"] = usuario.id


        def encerrar_sessao(request):
            request.session.pop("usuario_id", None)
        """)
    write(tmp_path, "rotas.py", """
        from fastapi import APIRouter, Form, Request
        from passlib.hash import bcrypt

        from servicos import encerrar_sessao, iniciar_sessao

        router = APIRouter()
        USUARIOS = {}


        @router.post("/entrar")
        async def entrar(request: Request, email: str = Form(...), senha: str = Form(...)):
            usuario = USUARIOS.get(email)
            if usuario and bcrypt.verify(senha, usuario.senha_hash):
                iniciar_sessao(request, usuario)
            return {}


        @router.get("/sair")
        async def sair(request: Request):
            encerrar_sessao(request)
            return {}
        """)
    return tmp_path


def test_a_router_in_another_language_calling_session_helpers_is_planned_and_reported(tmp_path, capsys):
    root = _portuguese_project(tmp_path)
    assert "session" not in (root / "rotas.py").read_text().lower()
    status, out, _ = run_main(capsys, "check", "--no-cache", "-j", "1", "--select", "SFX101,SFX102", str(root))
    assert "rotas.py:14:9: SFX101" in out and "iniciar_sessao()" in out, out
    assert "rotas.py:20:5: SFX102" in out and "encerrar_sessao()" in out, out
    done = run_flake8("--isolated", "--select", "SFX", "rotas.py", cwd=root)
    assert "rotas.py:14:9: SFX101" in done.stdout and "rotas.py:20:5: SFX102" in done.stdout, done.stdout + done.stderr


REDASH_LIKE = """
from flask import Flask, session


class Redash(Flask):
    \"\"\"The application class, named for the product.\"\"\"


def create_app():
    app = Redash(__name__)

    @app.post("/login")
    def login():
        session.clear()
        session["user_id"] = 1
        return "ok"

    return app
"""


def test_an_app_built_from_a_subclass_named_otherwise_is_planned_and_reported(tmp_path, capsys):
    text = _source(REDASH_LIKE)
    assert "cookie" not in text.lower() and "flask(" not in text.lower()
    assert CookieAnalysis.wanted(GuardText(text), Config())
    root = tmp_path / "shop"  # pytest's own folder is named test_...: test code
    write(root, "setup.py", "")
    write(root, "app.py", REDASH_LIKE)
    status, out, _ = run_main(capsys, "check", "--no-cache", "--select", "SFX302,SFX303", str(root))
    assert "app.py:9:11: SFX302" in out and "app.py:9:11: SFX303" in out, out
