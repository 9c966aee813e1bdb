"""CookieAnalysis's and LifecycleAnalysis's per-file guards (issue 15: plan
fewer files): each construct that can give SFX301-SFX305 a cookie site, or
SFX101 a binding on a login's path, is still planned and reported, in one
file and across a project's modules; text that holds the old guards' words
(`session_`, `sessions`, a login with nothing it binds) is skipped."""

from __future__ import annotations

import os

import pytest

from fixlint.analysis.base import GuardText
from fixlint.analysis.cookies import CookieAnalysis
from fixlint.config import Config
from fixlint.engine.checker import plan
from fixlint.selection import select_rules

from .helpers import _source, lint, run_main, write


@pytest.fixture
def parsed(monkeypatch):
    """The base names of the files the CLI parses and judges, in order."""
    from fixlint import runner

    names = []
    judge = runner._parse_and_judge

    def recording(path, *args, **kwargs):
        names.append(os.path.basename(path))
        return judge(path, *args, **kwargs)

    monkeypatch.setattr(runner, "_parse_and_judge", recording)
    return names


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
