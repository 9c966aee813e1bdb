"""The project model: facts followed across a project's modules (RULES.md,
Revision 2, "The project is the unit"), the same through the CLI and through
flake8 one file at a time, and the flake8 plugin's on-disk cache."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixlint import project
from fixlint.project import cache, functions, model, summary

from .annotations import FIXTURES, ROOT
from .helpers import run_cli, write

MULTI_MODULE = [FIXTURES / "flask" / "factory_app", FIXTURES / "flask" / "hardened_app",
                FIXTURES / "flask" / "config_mapping_app", FIXTURES / "flask" / "config_mapping_hardened",
                FIXTURES / "flask" / "config_mapping_pkg", FIXTURES / "fastapi" / "starlette_routes",
                FIXTURES / "django" / "settings_chain", FIXTURES / "flask" / "helper_modules",
                FIXTURES / "django" / "helper_modules", FIXTURES / "fastapi" / "depends_modules",
                FIXTURES / "fastapi" / "constants_project", FIXTURES / "flask" / "constants_package",
                FIXTURES / "flask" / "response_class_app", FIXTURES / "flask" / "response_class_lax",
                FIXTURES / "flask" / "own_session_interface", FIXTURES / "flask" / "subclass_package",
                FIXTURES / "flask" / "interface_secure", FIXTURES / "flask" / "renewing_session",
                FIXTURES / "flask" / "timetable_app", FIXTURES / "flask" / "config_instance_app",
                FIXTURES / "flask" / "reexport_helpers", FIXTURES / "fastapi" / "sessao_modules",
                FIXTURES / "django" / "mongo_login", FIXTURES / "flask" / "library_example",
                FIXTURES / "fastapi" / "cookie_helper_app", FIXTURES / "flask" / "config_example_app",
                FIXTURES / "flask" / "config_named_app", FIXTURES / "django" / "deployed_settings",
                FIXTURES / "flask" / "hook_helpers", FIXTURES / "litestar" / "signed_cookie_app",
                FIXTURES / "fastapi" / "cookie_logout_modules", FIXTURES / "flask" / "model_lookup_login",
                FIXTURES / "flask" / "cookie_logout_modules", FIXTURES / "django" / "cookie_logout_modules",
                FIXTURES / "quart" / "ported_login", FIXTURES / "aiohttp" / "lifetime_settings",
                FIXTURES / "fastapi" / "lifetime_settings", FIXTURES / "flask" / "json_api_app",
                FIXTURES / "fastapi" / "mounted_agents", FIXTURES / "django" / "settings_dispatch",
                FIXTURES / "flask" / "reexported_session", FIXTURES / "django" / "url_routes",
                FIXTURES / "aiohttp" / "routed_controller", FIXTURES / "flask" / "factory_routes",
                FIXTURES / "flask" / "star_module_app", FIXTURES / "litestar" / "session_helpers",
                FIXTURES / "tornado" / "session_manager", FIXTURES / "flask" / "configurator_app",
                FIXTURES / "django" / "ninja_api", FIXTURES / "flask" / "constant_key_logout",
                FIXTURES / "flask" / "celery_worker", FIXTURES / "flask" / "login_manager_subclass",
                FIXTURES / "flask" / "runtime_config_app", FIXTURES / "flask" / "mfa_blueprint",
                FIXTURES / "sanic" / "server_sessions", FIXTURES / "django" / "deployed_base",
                FIXTURES / "fastapi" / "marker_constants", FIXTURES / "fastapi" / "guard_dependency",
                FIXTURES / "flask" / "session_type_unused", FIXTURES / "django" / "settings_star_app",
                FIXTURES / "flask" / "stray_app_helper", FIXTURES / "tornado" / "logout_module",
                FIXTURES / "django" / "settings_cookie_options", FIXTURES / "django" / "settings_cookie_override",
                FIXTURES / "flask" / "talisman_override", FIXTURES / "django" / "shadowed_settings",
                FIXTURES / "django" / "signals_settings", FIXTURES / "django" / "service_class_login",
                FIXTURES / "fastapi" / "cookie_dependency_app", FIXTURES / "django" / "rest_auth_cookies",
                FIXTURES / "django" / "rest_auth_override", FIXTURES / "django" / "rest_auth_walkthrough",
                FIXTURES / "django" / "split_settings_app", FIXTURES / "django" / "split_settings_secure",
                FIXTURES / "django" / "split_settings_optional", FIXTURES / "django" / "direct_settings_import",
                FIXTURES / "django" / "split_settings_stage",
                FIXTURES / "fastapi" / "russian_sessions", FIXTURES / "fastapi" / "hash_wrapper",
                FIXTURES / "sanic" / "forked_sessions", FIXTURES / "django" / "rest_auth_component",
                FIXTURES / "django" / "rest_auth_merge", FIXTURES / "flask" / "token_refresh_modules",
                FIXTURES / "fastapi" / "logout_controller", FIXTURES / "fastapi" / "cookie_name_constant",
                FIXTURES / "flask" / "unbound_class_helpers", FIXTURES / "flask" / "cookie_options_helper",
                FIXTURES / "flask" / "remember_duration_app", FIXTURES / "flask" / "module_level_config",
                FIXTURES / "flask" / "module_level_config_factory", FIXTURES / "flask" / "module_config_loaded",
                FIXTURES / "flask" / "factory_none_default", FIXTURES / "flask" / "development_config_only",
                FIXTURES / "django" / "path_token_helper",
                FIXTURES / "django" / "settings_environments", FIXTURES / "django" / "wsgi_named_base",
                FIXTURES / "tornado" / "bare_import_base", FIXTURES / "fastapi" / "token_reader",
                FIXTURES / "fastapi" / "request_holder", FIXTURES / "django" / "request_holder",
                FIXTURES / "flask" / "hashed_auth_cookie", FIXTURES / "tornado" / "session_library",
                FIXTURES / "django" / "settings_package_base", FIXTURES / "flask" / "class_views",
                FIXTURES / "django" / "settings_star_helpers", FIXTURES / "flask" / "imported_mapping_app",
                FIXTURES / "django" / "csrf_override_base"]


def _cli(*paths, cwd=ROOT):
    done = run_cli("check", "--format", "json", "--exit-zero", *map(str, paths), cwd=cwd)
    assert done.returncode == 0, done.stderr
    found = {}
    for f in json.loads(done.stdout)["findings"]:
        found.setdefault(str((Path(cwd) / f["path"]).resolve()), set()).add((f["line"], f["code"]))
    return found


def _flake8(path, *options, cwd=ROOT, env=None):
    done = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "SFX", *options, str(path)],
        cwd=cwd, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )
    assert done.returncode in (0, 1), done.stderr
    found = set()
    for line in done.stdout.splitlines():
        _, number, _, rest = line.split(":", 3)
        found.add((int(number), rest.split()[0]))
    return found, done.stderr


def test_cli_and_flake8_on_one_file_report_the_same_on_multi_module_fixtures():
    cli = _cli("--extend-select", "SFX305", *MULTI_MODULE)  # as flake8's --select SFX
    files = sorted(p for folder in MULTI_MODULE for p in folder.rglob("*.py"))
    assert len(files) >= 10
    reported = 0
    for path in files:
        flake8, stderr = _flake8(path)
        assert not stderr
        assert flake8 == cli.get(str(path.resolve()), set()), path
        reported += len(flake8)
    # factory_app: 6 (4 lines), settings_chain: 1; flask/helper_modules: 14 (4 through a session
    # parameter or a verified record passed to the helper, 4 through setdefault() and update()),
    # django/helper_modules: 3, fastapi/depends_modules: 4 (helpers and dependencies in other modules,
    # one in a module whose only function returns the session), fastapi/constants_project: 3 and
    # flask/constants_package: 1 (cookies named by constants of another module), and SFX305 on the
    # three credential cookies of those two; flask/response_class_app: 2 and response_class_lax: 2
    # (flags the app's response class sets), and SFX305 on their three auth_token cookies;
    # flask/own_session_interface: 2 (its regenerate() trusted from another module; clear() keeps its id);
    # flask/subclass_package: 4 (an app built from a Flask subclass another module defines);
    # flask/interface_secure: 1 (Secure answered by the project's session interface, SameSite not);
    # flask/renewing_session: 2 (a session method that raises no flag the interface reads renews nothing);
    # and logins known by a call of another module's helper that checks the password (a profile's
    # `verifies`): flask/helper_modules 2 (a password query, a key derivation function's verify()),
    # django/helper_modules 1, fastapi/depends_modules 1; and the class and static methods of a class the
    # caller names (SessionManager.log_user_in(...)), judged at the call: flask/helper_modules 4 (3 calls,
    # and an instance method judged in its own module), django/helper_modules 1, fastapi/depends_modules 1;
    # flask/helper_modules: a helper's string of a guessable part only (a mixed one with a CSPRNG part is strong);
    # flask/timetable_app: 1 (a path variable the nearest rules declare a string; the int one above is quiet);
    # the same weak and mixed helpers in django/helper_modules and fastapi/depends_modules: 1 each, and
    # fastapi/depends_modules: a login through a helper that checks the password with a key derivation function;
    # a helper returning the clock (time.time(), timezone.now(), time_ns imported under another name): 1 each in
    # flask/helper_modules, django/helper_modules and fastapi/depends_modules; flask/helper_modules: a helper
    # whose import of Flask's session continues over a backslash; flask/config_mapping_app: 5 (the class
    # loaded from a mapping of config.py's classes, `from_object(config[config_name])`: none sets a cookie
    # setting), config_mapping_hardened: none (its production class sets them all), config_mapping_pkg: 2
    # (the mapping imported relatively); a logout calling another module's helper in a module that spells
    # nothing but the logout: 1 each in flask/helper_modules, django/helper_modules, fastapi/depends_modules;
    # fastapi/starlette_routes: 2 (an endpoint that another module imports to register it is a handler, and one
    # a logout by the path that module gives it), and
    # SFX305 on its SessionMiddleware's cookie; flask/config_instance_app: none (its configuration comes from
    # a module the project does not have); helpers imported through a package's re-export: flask/reexport_helpers
    # 3, fastapi/sessao_modules 5 (2 of them imported from the helpers' own module, and SFX305 on its
    # SessionMiddleware's cookie); a login whose password query
    # (a pymongo filter document) and record are another module's helpers: flask/helper_modules 1,
    # django/mongo_login 1; flask/library_example 2 (the library it imports has a settings dataclass
    # and a class's from_file, neither of them the app's configuration); fastapi/cookie_helper_app 2 (a
    # helper module that imports no framework sets the cookie with the app's framework's defaults; and SFX305);
    # flask/config_example_app: none (`from_object("settings")` names a module no file of the project is,
    # the deployment's copy of settings.example.py); flask/config_named_app 2 (the module it names is read);
    # django/deployed_settings 1 (the deployed settings only a test and a local module star-import are no base);
    # flask/hook_helpers 2 (a login registered as a hook, which no module calls, judged at home; a helper the
    # sign-in view calls, judged at the call); logouts that call another module's helper deleting the
    # sign-in cookie, named by an environment default in a settings module: litestar/signed_cookie_app 2
    # (delete_cookie, set_cookie(..., max_age=0)), fastapi/cookie_logout_modules, flask/cookie_logout_modules and
    # django/cookie_logout_modules 1 each; flask/model_lookup_login 2 (hooks whose sign-in lookup is a model's class
    # method filtering on the password column, one inherited from the project's base class); SFX305 on the sign-in
    # cookies named by another module's environment default: litestar/signed_cookie_app, fastapi/cookie_logout_modules
    # and flask/cookie_logout_modules 1 each; quart/ported_login 2 (its port of Flask-Login's login_user(), and a
    # logout calling a helper that pops `_user_id` without being the port of logout_user(), which ends the session
    # where it is called); lifetimes given by numbers of the project's settings module: aiohttp/lifetime_settings 3
    # (the storage's max_age, two set_cookie lifetimes), fastapi/lifetime_settings 2 (SessionMiddleware,
    # set_cookie), flask/constants_package 1 (set_cookie's max_age from the package's constants.py);
    # fastapi/mounted_agents 1 (the cart router main.py mounts under /shop; its agent router, mounted
    # under /agents, serves an AI agent's sessions); django/settings_dispatch 4 (prod.py, under a
    # settings/__init__.py that only dispatches to it; a package adding a cookie setting of its own; a
    # package that only star-imports a shared base, and one that star-imports a package named like one);
    # flask/reexported_session 6 (Flask's session reached only through a project module that imports it: a
    # login and a logout by a star import, and by names, one of them renamed; SFX302 and SFX303 at the app);
    # views routed by another module's URL rules: django/url_routes 4 (two logouts and a sign-up by their
    # paths only; a class's capture the rule declares no number of, beside one it declares digits),
    # aiohttp/routed_controller 4 (a sign-up and two logouts by route.py's paths, through a star
    # import and a route table; the sign-up's and the login's static-method helpers judged at the calls, not in models.py),
    # flask/factory_routes 2 (a login and a logout by the paths of the factory's add_url_rule);
    # logouts calling another module's helper that removes only keys named for no identity
    # (`oidc_logintime`): flask/helper_modules and django/helper_modules 1 each; django/helper_modules 5
    # through helpers that work through other helpers of their module (3 logins, 2 logouts: chained_views.py);
    # flask/star_module_app 4 (the `flask` module a star import of a project module passes on);
    # litestar/session_helpers 2 (a login through another module's helper that binds with
    # request.set_session({...}), and SFX305 at the server-side config);
    # tornado/session_manager 5 (a module importing no Tornado sets the session cookie on a
    # `request_handler` parameter its project's handlers pass in: the three flags, and SFX305 twice);
    # flask/configurator_app 1 (SameSite only: the Secure flag comes from annotated attributes of the
    # classes another module's configurator picks by import string); django/ninja_api 1 (a logout
    # operation on a class's Ninja router, the class imported by the module mounting the router);
    # flask/constant_key_logout 4 (logouts through helpers removing a key a constant of the helper's
    # module, or of a module it imports, names; a login and a sign-up through a helper binding the key
    # a lower-case constant of its module names); flask/celery_worker 4 (the two apps that route, not
    # the worker's app context); flask/login_manager_subclass 3 (the remember-me cookie of the
    # project's LoginManager subclass, built under Flask-Login's name); flask/runtime_config_app 0
    # (its configuration module is the one the environment names through importlib);
    # flask/mfa_blueprint 2 (second-factor views add_url_rule() registers on blueprints with a
    # url_prefix, in the view's module and in another); sanic/server_sessions 7 (Session(app) in app.py:
    # SFX302/303/305; views.py's request.ctx.session, sanic-session set up in another module: 3 logins and a
    # logout); django/deployed_base 1 (a base.py manage.py deploys); fastapi/marker_constants 1 (the
    # same-module Query() constant; the Cookie() one imported from deps.py stays quiet);
    # fastapi/guard_dependency 2 (guards.py's *_required dependencies quiet; main.py's logout, and SFX305);
    # flask/session_type_unused 1 (SESSION_TYPE without Flask-Session: clear() before the binding counts);
    # django/settings_star_app 1 (models.py star-imports the settings for MEDIA_ROOT: the settings stand
    # alone); flask/stray_app_helper 2 (the served app only; the helpers' pasted apps stay quiet);
    # tornado/logout_module 3 (logouts in their own module deleting the login module's signed cookies, and SFX305);
    # django/settings_cookie_options 3 (a cookie's Secure flag and names read from the settings' literals: SFX302,
    # SFX305 twice), settings_cookie_override 0 (the deployment module overrides the base's literals);
    # flask/talisman_override 1 (the literal written after Flask-Talisman's init_app; the one before is overwritten);
    # django/shadowed_settings 1 (the package's production.py; the settings.py it shadows is never imported);
    # django/signals_settings 1 (prod.py built on settings that import django.db's signals);
    # django/service_class_login 1 (a service class's method binding the session the view passes);
    # fastapi/cookie_dependency_app 1 (a query parameter named for the cookie deps.py's Cookie() reads);
    # dj-rest-auth's REST_AUTH dict: django/rest_auth_cookies 3 (Secure missing, HttpOnly off, SFX305),
    # rest_auth_override 0 (the deployment module sets the base's entries again), rest_auth_walkthrough 3
    # (the top-level options the dict names, each once, and HttpOnly off in the dict); django-split-settings'
    # include(): split_settings_app 2 (line 1 of the including module, and a component's own weak value),
    # split_settings_secure 0 (a component sets it), split_settings_optional 0 (an optional file the
    # repository lacks), split_settings_stage 0 (a stage file named at run time); django/direct_settings_import 5 (options read through `from config import settings`
    # and names imported from it: SFX302 twice, SFX303, SFX305 twice); fastapi/russian_sessions 2 (a helper's
    # response parameter its callers give a RedirectResponse: SFX302 and SFX305; the logout's
    # `udalit_sessiyu()` deletes the session); fastapi/hash_wrapper 1 (a token hashed through the project's
    # md5() wrapper); sanic/forked_sessions 5 (sanic_sessions, the renamed fork: init_app(app) without an
    # interface, 3, a login and a logout); django/rest_auth_component 4 (REST_AUTH and a session option in
    # components of the settings package), rest_auth_merge 0 (`REST_AUTH = {**REST_AUTH, ...}` in the deployment);
    # flask/token_refresh_modules 1 (the sign-in helper; the helper renewing the token the session holds is quiet);
    # fastapi/logout_controller 3 (a logout routed by its path returns a controller that deletes the token cookie;
    # and two logouts returning a controller class's method, on an object built for the call and on the class);
    # fastapi/cookie_name_constant 1 (a logout calls a helper deleting the cookie a module constant names);
    # flask/unbound_class_helpers 2 (helpers in a class body without `self`, called on the class);
    # flask/cookie_options_helper 6 (`set_cookie(**cookie_params(user))`: the flags the returned dict lacks,
    # SFX302 and SFX303, SFX303 for a dict returned through a local, and for a helper of the same module;
    # SFX305 twice; a `dict(...)` returned and one spread inline, SFX301, SFX303 and SFX305 each; a returned
    # `samesite="None" if production else None`, SFX303 and SFX305: 14);
    # flask/remember_duration_app 0 (every remembering login_user() gives its duration: no SFX304 at LoginManager);
    # flask/module_level_config 2 (the cookie keys at the config module's top level, beside the class from_object
    # loads: never read), module_level_config_factory 1 (the same for Secure, under an app factory's default class),
    # module_config_loaded 0 (from_object of the module itself reads its top-level keys); flask/factory_none_default
    # 2 (`if config_class is None: from_object(Config)`: the project's class, which sets neither flag);
    # flask/development_config_only 0 (the app loads only `config["development"]`: a development app);
    # django/path_token_helper 1 (a URL path's token a helper of the module compares with the user's session_token);
    # django/settings_environments 1 (the settings package manage.py names; the environments package it
    # star-imports is a part of it, not judged again); django/wsgi_named_base 1 (the base wsgi.py deploys,
    # which the dev settings manage.py names star-import: named itself, it is no part of them);
    # tornado/bare_import_base 6 (handlers deriving another module's base, which imports Tornado as `import
    # tornado`: the captcha cookie's three flags, the base's sign-out deleting only its signed cookie, and
    # SFX305 on both cookies); fastapi/token_reader 2 (the sign-in after the password check, not the
    # already-signed-in branch behind another module's session read; SFX305); fastapi/request_holder 3
    # and django/request_holder 4 (methods of a class keeping the request, writing its session: at
    # their calls, in another module or the same one); flask/hashed_auth_cookie 11 (cookie helpers of
    # another module: a constant bound once though a keyword follows it in set_cookie, a constant named
    # for an auth cookie, a hash helper defined further down; SFX305 on both cookies);
    # tornado/session_library 0 (a session library's destroy() the application module imports);
    # django/settings_package_base 1 (staging.py; the package's __init__.py re-exporting base.py is
    # no deployment's settings); flask/class_views 3 (class-level views another module registers,
    # judged at home; a class's helper the other module calls, at the call); django/settings_star_helpers 1
    # (the settings standing alone, though code star-imports them for constants); flask/imported_mapping_app 2
    # (config.update() of a dict literal another module binds, its keys read there; a dict read at run time is not);
    # django/csrf_override_base 1 (production.py; the base's CSRF flag it sets again is not reported);
    # django/helper_modules 1 more (a helper returning another helper's guessable code, followed from the views);
    # fastapi/cookie_helper_app 3 more (a helper's flag parameters judged at its calls: the default, a literal
    # passed; SFX305 on the helper's own session cookie)
    assert reported == 292


# -- rules that follow the project ----------------------------------------

FACTORY = '''
from flask import Flask
{session_import}

def create_app():
    app = Flask(__name__)
    app.config.from_object("config.Config")
    {session_setup}
    from views import bp
    app.register_blueprint(bp)
    return app
'''
VIEWS = '''
from flask import Blueprint, session

bp = Blueprint("views", __name__)


@bp.route("/login", methods=["POST"])
def login():
    session.clear()
    session["user_id"] = 1
    return "ok"
'''


def _project(folder, session_setup=True, config="SESSION_COOKIE_SECURE = True\n"):
    """A small Flask project in `folder`, named so that it is no test folder
    (pytest's tmp_path names are: `test_...`)."""
    tmp_path = folder / "shop" if folder.name.startswith("test") else folder
    write(tmp_path, "pyproject.toml", "[project]\nname = 'shop'\n")
    write(tmp_path, "app.py", FACTORY.format(
        session_import="from flask_session import Session" if session_setup else "",
        session_setup="Session(app)" if session_setup else ""))
    write(tmp_path, "views.py", VIEWS)
    write(tmp_path, "config.py", "class Config:\n    " + config.replace("\n", "\n    ").rstrip() + "\n")
    return tmp_path


def test_flask_session_set_up_in_the_factory_makes_a_blueprint_clear_no_regeneration(tmp_path):
    root = _project(tmp_path)
    found = _cli(root, cwd=root)
    assert found[str(root / "views.py")] == {(9, "SFX101")}


def test_a_blueprint_clear_regenerates_without_flask_session_anywhere(tmp_path):
    root = _project(tmp_path, session_setup=False)
    found = _cli(root, cwd=root)
    assert str(root / "views.py") not in found


def test_flask_app_never_given_samesite_is_reported_at_the_flask_call(tmp_path):
    root = _project(tmp_path)
    found = _cli(root, cwd=root)
    assert found[str(root / "app.py")] == {(5, "SFX303")}  # Secure comes from config.Config


def test_a_project_folder_named_like_a_test_is_judged_alike_from_any_folder(tmp_path):
    # The root's own name (`web-test/`) says nothing of its modules: the
    # findings at Flask(...) are the same from inside it, from its parent,
    # and for flake8 handed the absolute path (as an editor does).
    for marker in ("pyproject.toml", None):
        root = tmp_path / ("web-test" if marker else "loose") / "flask-test"
        if marker:
            write(root, marker, "[project]\nname = 'shop'\n")
        write(root, "app.py", "from flask import Flask, session\napp = Flask(__name__)\n"
                              "@app.route('/')\ndef index():\n    return session.get('seen', '')\n")
        expected = {(2, "SFX302"), (2, "SFX303")}
        assert _cli(root, cwd=root)[str(root / "app.py")] == expected
        assert _cli(root, cwd=tmp_path)[str(root / "app.py")] == expected
        assert _flake8(root / "app.py", cwd=tmp_path)[0] == expected


def test_flask_app_given_both_settings_in_a_config_class_is_silent(tmp_path):
    config = "SESSION_COOKIE_SECURE = True\nSESSION_COOKIE_SAMESITE = 'Lax'\n"
    root = _project(tmp_path, config=config)
    found = _cli(root, cwd=root)
    assert str(root / "app.py") not in found


def test_two_unrelated_apps_under_one_root_do_not_share_facts(tmp_path):
    tmp_path = tmp_path / "shop"
    write(tmp_path, "setup.cfg", "")
    uses = "\n@app.route('/')\ndef index():\n    return session.get('seen', '')\n"
    write(tmp_path, "one.py", "from flask import Flask, session\napp = Flask(__name__)\n"
                              "app.config['SESSION_COOKIE_SECURE'] = True\n" + uses)
    write(tmp_path, "two.py", "from flask import Flask, session\napp = Flask(__name__)\n" + uses)
    found = _cli(tmp_path, cwd=tmp_path)
    assert found[str(tmp_path / "one.py")] == {(2, "SFX303")}
    assert found[str(tmp_path / "two.py")] == {(2, "SFX302"), (2, "SFX303")}


def test_django_production_settings_are_judged_with_the_base_they_star_import(tmp_path):
    write(tmp_path, "manage.py", "")
    write(tmp_path, "settings/base.py", "INSTALLED_APPS = ['django.contrib.sessions']\n")
    write(tmp_path, "settings/production.py", "from .base import *\nCSRF_COOKIE_SECURE = True\n")
    write(tmp_path, "settings/hardened.py", "from .production import *\nSESSION_COOKIE_SECURE = True\n")
    found = _cli(tmp_path, cwd=tmp_path)
    assert found == {str(tmp_path / "settings" / "production.py"): {(1, "SFX302")}}


def test_a_deployment_module_that_names_no_setting_of_its_own_is_judged(tmp_path):
    # `from .base import *` and DEBUG: the text names neither cookies nor
    # sessions, yet it is the module a deployment runs (wagtail's project
    # template's production.py); the CLI and flake8 on the one file agree.
    write(tmp_path, "manage.py", "")
    write(tmp_path, "settings/base.py", "INSTALLED_APPS = ['django.contrib.sessions']\n")
    write(tmp_path, "settings/production.py", "from .base import *\n\nDEBUG = False\n")
    found = _cli(tmp_path, cwd=tmp_path)
    assert found == {str(tmp_path / "settings" / "production.py"): {(1, "SFX302")}}
    flake8, stderr = _flake8(tmp_path / "settings" / "production.py", cwd=tmp_path)
    assert (flake8, stderr) == ({(1, "SFX302")}, "")
    # The same module read only while building the package is never served.
    (tmp_path / "settings" / "production.py").rename(tmp_path / "settings" / "_build_settings.py")
    assert _cli(tmp_path, cwd=tmp_path) == {}


def test_a_settings_package_that_only_dispatches_to_production_is_judged_there(tmp_path):
    # linkding: settings/__init__.py only does `try: from .dev import *` /
    # `except: from .prod import *`; prod.py, built on base.py, holds the finding.
    write(tmp_path, "manage.py", "")
    write(tmp_path, "proj/settings/base.py", "INSTALLED_APPS = ['django.contrib.sessions']\nROOT_URLCONF = 'u'\n")
    write(tmp_path, "proj/settings/dev.py", "from .base import *\nDEBUG = True\n")
    write(tmp_path, "proj/settings/prod.py", "from .base import *\nDEBUG = False\n")
    write(tmp_path, "proj/settings/__init__.py",
          '"""Dispatch."""\ntry:\n    from .dev import *\nexcept ImportError:\n    from .prod import *\n')
    prod = str(tmp_path / "proj" / "settings" / "prod.py")
    assert _cli(tmp_path, cwd=tmp_path) == {prod: {(1, "SFX302")}}
    # A setting of its own makes it a deployment module built on prod.py, judged as well.
    write(tmp_path, "proj/settings/__init__.py", "from .prod import *\nSESSION_COOKIE_SAMESITE = 'Lax'\n")
    init = str(tmp_path / "proj" / "settings" / "__init__.py")
    assert _cli(tmp_path, cwd=tmp_path) == {prod: {(1, "SFX302")}, init: {(1, "SFX302")}}
    # A package named like a shared base is one: its __init__.py gathers its modules, and the
    # dispatcher star-importing it is judged (django-sspanel's configs/default/).
    write(tmp_path, "proj/settings/__init__.py", "from .common import *\n")
    write(tmp_path, "proj/settings/common/__init__.py", "from .apps import *\n")
    write(tmp_path, "proj/settings/common/apps.py", "INSTALLED_APPS = ['django.contrib.sessions']\n")
    assert _cli(tmp_path, cwd=tmp_path) == {prod: {(1, "SFX302")}, init: {(1, "SFX302")}}
    # A dispatcher to development settings only is judged where it is (they are exempt).
    write(tmp_path, "proj/settings/__init__.py", "from .dev import *\n")
    (tmp_path / "proj" / "settings" / "prod.py").unlink()
    assert _cli(tmp_path, cwd=tmp_path) == {init: {(1, "SFX302")}}


@pytest.mark.parametrize("source, only", [
    ("from .prod import *\n", True),
    ('"Doc."\nimport os\nenv = os.environ.get("E")\nif env == "dev":\n    from .dev import *\n'
     "else:\n    from .prod import *\n", True),
    ("try:\n    from .dev import *\nexcept ImportError:\n    pass\n", True),
    ("import os\n", None),
    ("from .prod import *\nDEBUG = False\n", False),
    ("from .prod import *\nfrom .secure import SESSION_COOKIE_SECURE\n", False),
    ("from .prod import *\nload_dotenv()\n", False),
])
def test_a_module_of_star_imports_only(source, only):
    from fixlint.analysis.cookies import _only_star_imports

    assert _only_star_imports(ast.parse(source).body) is only


def test_a_shared_base_alone_is_silent_wherever_it_is_named(tmp_path):
    write(tmp_path, "manage.py", "")
    write(tmp_path, "shop/_base_settings.py", "INSTALLED_APPS = ['django.contrib.sessions']\n")
    write(tmp_path, "shop/settings.py", "from ._base_settings import *\nROOT_URLCONF = 'shop.urls'\n")
    found = _cli(tmp_path, cwd=tmp_path)
    assert found == {str(tmp_path / "shop" / "settings.py"): {(1, "SFX302")}}


def test_a_settings_module_only_test_and_dev_modules_build_on_is_no_base(tmp_path):
    # Tandoor: test_settings.py star-imports the deployed settings.py; a test
    # or development module extending it says nothing of production.
    write(tmp_path, "manage.py", "")
    write(tmp_path, "proj/settings.py", "INSTALLED_APPS = ['django.contrib.sessions']\nROOT_URLCONF = 'proj.urls'\n"
          "MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware']\n")
    write(tmp_path, "proj/test_settings.py", "from proj.settings import *\nDEBUG = True\n")
    write(tmp_path, "proj/settings_dev.py", "from .settings import *\nSESSION_COOKIE_SECURE = False\n")
    write(tmp_path, "tests/settings.py", "from proj.settings import *\n")
    found = _cli(tmp_path, cwd=tmp_path)
    assert found == {str(tmp_path / "proj" / "settings.py"): {(1, "SFX302")}}
    # A deployment module built on it makes it a base again.
    write(tmp_path, "proj/production.py", "from .settings import *\nSESSION_COOKIE_SECURE = True\n")
    assert _cli(tmp_path, cwd=tmp_path) == {}


def test_settings_that_cannot_run_alone_stay_a_base_for_a_dev_project(tmp_path):
    # Misago: a forum package's default settings (no ROOT_URLCONF) that its
    # dev project star-imports, as every deployment outside the repository does.
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "forum/settings.py", "INSTALLED_APPS = ['django.contrib.sessions']\nMIDDLEWARE = [SESSIONS]\n")
    write(tmp_path, "devproject/settings.py", "from forum.settings import *\nROOT_URLCONF = 'devproject.urls'\n")
    assert _cli(tmp_path, cwd=tmp_path) == {}
    write(tmp_path, "forum/settings.py", "INSTALLED_APPS = ['django.contrib.sessions']\nROOT_URLCONF = 'forum.urls'\n"
          "MIDDLEWARE = [SESSIONS]\n")
    assert _cli(tmp_path, cwd=tmp_path) == {str(tmp_path / "forum" / "settings.py"): {(1, "SFX302")}}


@pytest.mark.parametrize("middleware, reported", [
    ('["django.middleware.common.CommonMiddleware", "shop.auth.JWTMiddleware"]', False),
    ('["django.middleware.common.CommonMiddleware"]\nif FLAG:\n    MIDDLEWARE = ["x.Y"] + MIDDLEWARE', False),
    ('["django.middleware.common.CommonMiddleware"]\nMIDDLEWARE.insert(0, "shop.mw.SessionCookieMiddleware")', True),
    ('["django.contrib.sessions.middleware.SessionMiddleware"]', True),
    ('BASE_MIDDLEWARE + ["shop.auth.JWTMiddleware"]', True),  # computed: says nothing
])
def test_settings_running_no_session_middleware_need_no_session_cookie_flag(tmp_path, middleware, reported):
    # saleor: a GraphQL API on tokens, whose MIDDLEWARE runs no session middleware.
    write(tmp_path, "manage.py", "")
    write(tmp_path, "shop/settings.py", "FLAG = True\nBASE_MIDDLEWARE = []\nROOT_URLCONF = 'shop.urls'\n"
          f"MIDDLEWARE = {middleware}\n")
    expected = {str(tmp_path / "shop" / "settings.py"): {(1, "SFX302")}} if reported else {}
    assert _cli(tmp_path, cwd=tmp_path) == expected


def test_a_login_helper_no_module_calls_is_judged_at_home(tmp_path):
    # Hiddify's auth.py: the module is imported (`import auth`, a hook
    # registered with it) but nothing calls the login, which binds the session.
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "auth.py", "from flask import request, session\n"
          "from werkzeug.security import check_password_hash\n"
          "def guard(user):\n"
          "    if check_password_hash(user.pw, request.form['p']):\n"
          "        session['_admin_id'] = user.id\n")
    write(tmp_path, "main.py", "import auth\n")
    assert _cli(tmp_path, cwd=tmp_path) == {str(tmp_path / "auth.py"): {(5, "SFX101")}}
    write(tmp_path, "main.py", "from flask import Flask\nimport auth\napp = Flask(__name__)\n"
          "app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE='Lax')\n"
          "app.before_request(auth.guard)\n")
    assert _cli(tmp_path, cwd=tmp_path) == {str(tmp_path / "auth.py"): {(5, "SFX101")}}
    # A login view that calls it takes the finding, at the call, once.
    write(tmp_path, "main.py", "from flask import Flask\nfrom auth import guard as check\napp = Flask(__name__)\n"
          "app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE='Lax')\n"
          "@app.route('/login', methods=['POST'])\ndef login():\n    check(load())\n    return ''\n")
    assert _cli(tmp_path, cwd=tmp_path) == {str(tmp_path / "main.py"): {(7, "SFX101")}}


def test_the_summary_records_the_calls_of_what_a_module_imports():
    from fixlint.project import import_lines

    text = ("import os\nimport app.auth\nimport app.views as v\nfrom . import gate\nfrom m import guard as g, db\n"
            "from m import Users, helper\n"
            "g(1)\napp.auth.sign_in(u)\napp.other(u)\nv . index ()\nhook(gate.a)\ngate.b(x)\nos.getcwd()\n"
            "db.session.add(x)\nprint(helper)\n")
    assert import_lines.called(text) == ["app.auth.sign_in", "app.views.index", "db.session", "gate.b", "guard"]
    # A class's methods called through it, and an instance made (whose calls may be of any method);
    # a method passed (`view_func=Users.login`) is not called.
    classes = text + "Users.by_name(u)\nbp.add_url_rule('/login', view_func=Users.login)\n"
    assert import_lines.called(classes) == [
        "Users.by_name", "app.auth.sign_in", "app.views.index", "db.session", "gate.b", "guard"]
    assert "Users.*" in import_lines.called(classes + "Users().save()\n")
    # Not looked for, counted as called by the model: the standard library's names, a class itself.
    assert not import_lines.scanned(0, "os", "os") and not import_lines.scanned(0, "m", "Users")
    assert import_lines.scanned(1, "", "gate") and import_lines.scanned(0, "m", "helper")


JWT_APP = """from flask import Flask, jsonify
from flask_jwt_extended import JWTManager, create_access_token{extra_import}

app = Flask(__name__)
app.config["JWT_TOKEN_LOCATION"] = ["cookies"]
{config}
jwt = JWTManager(app)


@app.post("/login")
def login():
    response = jsonify({{"msg": "ok"}})
    {sign_in}
    return response
"""


@pytest.mark.parametrize("config, sign_in, expected", [
    # Tokens in cookies, no JWT_COOKIE_* key anywhere: the defaults (not Secure, no SameSite), at JWTManager(app).
    ("", "set_access_cookies(response, create_access_token(identity='u'))", {(7, "SFX302"), (7, "SFX303")}),
    # Set in a config module the app loads.
    ("app.config.from_object('config.Config')", "set_access_cookies(response, create_access_token(identity='u'))",
     set()),
    # Tokens only in the response body: no cookie to harden.
    ("", "response.json['token'] = create_access_token(identity='u')", set()),
])
def test_flask_jwt_extended_cookies_are_judged_across_the_project(tmp_path, config, sign_in, expected):
    write(tmp_path, "pyproject.toml", "")
    extra = ", set_access_cookies" if "set_access_cookies" in sign_in else ""
    # (in a folder of its own: the test's own folder is named like test code)
    write(tmp_path, "web/app.py", JWT_APP.format(extra_import=extra, config=config, sign_in=sign_in))
    if "config.Config" in config:
        write(tmp_path, "web/config.py", "class Config:\n    JWT_COOKIE_SECURE = True\n    JWT_COOKIE_SAMESITE = 'Lax'\n")
    found = _cli(tmp_path, cwd=tmp_path)
    assert found.get(str(tmp_path / "web" / "app.py"), set()) == expected


def test_the_summary_records_the_routers_a_module_mounts_from_other_modules():
    text = ("from fastapi import APIRouter, FastAPI\nfrom web import carts\nimport web.admin\n"
            "from .agents import router as agent_router\nfrom . import bots\n"
            "api = APIRouter()\nlocal = APIRouter()\n"
            "api.include_router(\n    agent_router,\n    prefix='/agents',  # (a comment)\n"
            "    dependencies=[Depends(check)],\n)\n"
            "api.include_router(carts.router, prefix=\"/shop\")\n"
            "app = FastAPI()\napp.include_router(web.admin.router, prefix='/admin')\n"
            "app.include_router(api, prefix='/api/')\napp.include_router(bots.router)\n"
            "app.include_router(local, prefix='/local')\n")
    assert summary.summarise(text)["mounts"] == [
        [1, "agents", "router", "/api/agents"], [0, "web.carts", "router", "/api/shop"],
        [0, "web.admin", "router", "/admin"]]
    assert "mounts" not in summary.summarise("from fastapi import FastAPI\napp = FastAPI()\n")


def test_a_router_another_module_mounts_under_an_agents_prefix_serves_agent_sessions(tmp_path):
    write(tmp_path, "pyproject.toml", "")
    handler = ("from fastapi import APIRouter\nrouter = APIRouter()\n"
               "@router.get('/sessions/{session_id}')\ndef load(session_id: str):\n    return session_id\n")
    write(tmp_path, "core/__init__.py", "")
    write(tmp_path, "core/agents.py", handler)
    write(tmp_path, "core/carts.py", handler)
    write(tmp_path, "core/main.py", "from fastapi import FastAPI\nfrom core import agents, carts\n"
          "from starlette.middleware.sessions import SessionMiddleware\n"
          "app = FastAPI()\napp.add_middleware(SessionMiddleware, secret_key='k', https_only=True)\n"
          "app.include_router(agents.router, prefix='/agents')\n"
          "app.include_router(carts.router, prefix='/carts')\n")
    assert _cli(tmp_path, cwd=tmp_path) == {str(tmp_path / "core" / "carts.py"): {(4, "SFX201")}}


def test_the_summary_records_class_bases():
    text = ("class Operator(BaseAccount):\n    pass\nclass Admin(models.Account, Mixin, metaclass=Meta):\n    pass\n"
            "class Plain:\n    pass\nclass Old(object):\n    pass\n    class Inner(Hidden):\n        pass\n")
    assert summary.class_bases(text) == {"Operator": ["BaseAccount"], "Admin": ["models.Account", "Mixin"]}


@pytest.mark.parametrize("base_import, base", [
    ("from .base import BaseAccount", "BaseAccount"),
    ("from . import base", "base.BaseAccount"),
    ("import panel.base", "panel.base.BaseAccount"),
])
def test_a_class_method_a_class_inherits_from_a_project_base_is_followed(tmp_path, base_import, base):
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "panel/__init__.py", "")
    write(tmp_path, "panel/base.py", "class BaseAccount:\n    @classmethod\n    def by_password(cls, name, password):\n"
          "        return cls.query.filter(cls.name == name, cls.password == password).first()\n")
    write(tmp_path, "panel/models.py", f"{base_import}\nclass Middle({base}):\n    pass\n"
          "class Auditor(Middle):\n    pass\n")
    write(tmp_path, "panel/gates.py", "from flask import request, session\nfrom .models import Auditor\n"
          "def gate():\n    a = Auditor.by_password(request.form['n'], request.form['p'])\n"
          "    if a:\n        session['auditor_id'] = a.id\n")
    found = _cli(tmp_path, cwd=tmp_path)
    assert found == {str(tmp_path / "panel" / "gates.py"): {(6, "SFX101")}}


def test_the_projects_own_session_middleware_setting_secure_is_followed_from_a_package_root(tmp_path):
    # No root marker: the checked folder is the top package itself (pretix/),
    # and MIDDLEWARE names its classes as `shop.middleware.X`.
    write(tmp_path, "shop/__init__.py", "")
    write(tmp_path, "shop/middleware.py",
          "from django.contrib.sessions.middleware import SessionMiddleware as Base\n"
          "class SecureSession(Base):\n"
          "    def process_response(self, request, response):\n"
          "        response.set_cookie('sessionid', request.session.session_key, httponly=True,\n"
          "                            samesite='Lax', secure=request.scheme == 'https')\n"
          "        return response\n")
    write(tmp_path, "shop/settings.py", "INSTALLED_APPS = ['shop']\nMIDDLEWARE = ['shop.middleware.SecureSession']\n")
    write(tmp_path, "shop/settings_plain.py", "INSTALLED_APPS = ['shop']\n"
          "MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware']\n")
    found = _cli(tmp_path / "shop", cwd=tmp_path)
    assert found == {str(tmp_path / "shop" / "settings_plain.py"): {(1, "SFX302")}}


def test_an_extension_that_builds_no_flask_app_leaves_the_remember_cookie_to_the_host(tmp_path):
    write(tmp_path, "pyproject.toml", "")
    extension = ("from flask_login import LoginManager, login_user\n"
                 "def init_app(app):\n    LoginManager(app)\n"
                 "def remember(user):\n    login_user(user, remember=True)\n")
    write(tmp_path, "ext/auth.py", extension)
    write(tmp_path, "app/main.py", "from flask import Flask\napp = Flask(__name__)\n"
          "app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE='Lax')\n" + extension)
    found = _cli(tmp_path, cwd=tmp_path)
    assert found == {str(tmp_path / "app" / "main.py"): {(6, "SFX302"), (6, "SFX303"), (6, "SFX304")}}


# -- the summaries -----------------------------------------------------------

def test_summary_reads_config_keys_in_every_readable_form():
    facts = summary.summarise(
        "from flask import Flask\n"
        "app = Flask(__name__)\n"
        "app.config['SESSION_COOKIE_SECURE'] = True\n"
        "app.config.update(SESSION_COOKIE_SAMESITE='Lax')\n"
        "app.config.from_mapping({'REMEMBER_COOKIE_SECURE': True})\n"
        "class Config:\n    PERMANENT_SESSION_LIFETIME = 3600\n"
    )
    assert set(facts["keys"]) == {"SESSION_COOKIE_SECURE", "SESSION_COOKIE_SAMESITE",
                                  "REMEMBER_COOKIE_SECURE", "PERMANENT_SESSION_LIFETIME"}
    assert facts["session_use"] is False and facts["unreadable"] is False


def test_summary_tells_a_class_attribute_key_from_the_others():
    facts = summary.summarise(
        "from dataclasses import dataclass\n"
        "@dataclass\nclass Settings:\n    SESSION_COOKIE_SECURE: bool = False\n"
        "    SESSION_COOKIE_SAMESITE: str = 'lax'\n"
        "CONFIG = {'SESSION_COOKIE_SAMESITE': 'Lax'}\n"
    )
    assert facts["keys"] == ["SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_SECURE"]
    assert facts["class_keys"] == ["SESSION_COOKIE_SECURE"]  # the other is given outside the class too
    assert facts["loads_objects"] is False and "plain_keys" not in facts
    assert summary.summarise("class Config:\n    SECRET = 1\napp.config.from_object(Config)\n")["loads_objects"]


def test_a_class_attribute_key_is_the_apps_only_when_the_app_loads_an_object(tmp_path):
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "app.py", "from flask import Flask, session\nimport toolkit\napp = Flask(__name__)\n")
    write(tmp_path, "toolkit.py", "class Settings:\n    SESSION_COOKIE_SECURE = True\n")
    built = project.build(str(tmp_path))
    assert "SESSION_COOKIE_SECURE" not in built.facts_for(str(tmp_path / "app.py")).keys
    (tmp_path / "app.py").write_text("from flask import Flask, session\nimport toolkit\napp = Flask(__name__)\n"
                                     "app.config.from_object(toolkit.Settings)\n")
    built = project.build(str(tmp_path))
    assert "SESSION_COOKIE_SECURE" in built.facts_for(str(tmp_path / "app.py")).keys


@pytest.mark.parametrize("receiver, unreadable", [
    ("app.config", True), ("config", True), ("CONFIG", True), ("_config", True),
    ("IslandGenerator", False), ("_Loader", False), ("cls", False),  # a class's alternative constructor
])
def test_summary_reads_from_file_on_a_class_as_no_configuration(receiver, unreadable):
    text = f"import flask\napp = flask.Flask(__name__)\n{receiver}.from_file('page.toml', load=toml.load)\n"
    assert summary.summarise(text)["unreadable"] is unreadable


@pytest.mark.parametrize("call", ["from_pyfile('app.cfg')", "from_envvar('SETTINGS')",
                                  "from_object(configs[env])", "from_prefixed_env()"])
def test_summary_marks_configuration_it_cannot_read(call):
    assert summary.summarise(f"import flask\napp = flask.Flask(__name__)\napp.config.{call}\n")["unreadable"]


@pytest.mark.parametrize("source, unreadable", [
    ("from config import config\napp.config.from_object(config[name])\n", False),      # Flask's tutorials
    ("from config import configs\napp.config.from_object(configs.get(name))\n", False),
    ("from .constantes import CONFIG as C\napp.config.from_object(C[name])\n", False),  # a relative import
    ("CONFIGS = {'prod': Production, 'dev': settings.Development}\napp.config.from_object(CONFIGS[env])\n", False),
    # import strings: each linked (object_links), read where a project module answers it
    ("CONFIGS = {'prod': 'settings.Production'}\napp.config.from_object(CONFIGS[env])\n", False),
    ("CONFIGS = {'prod': 'settings.Production'}\nambient = CONFIGS[env]\napp.config.from_object(ambient)\n", False),
    ("CONFIGS = load()\napp.config.from_object(CONFIGS[env])\n", True),
    ("def create_app(configs, name):\n    app.config.from_object(configs[name])\n", True),  # the caller's
    ("from config import config\ndef create_app(config=config):\n    app.config.from_object(config['x'])\n", True),
    ("app.config.from_object(os.environ['CONFIG'])\n", True),
    ("app.config.from_object(load(env))\n", True),
])
def test_summary_reads_one_of_a_mapping_of_classes_given_to_from_object(source, unreadable):
    facts = summary.summarise("import os\nfrom flask import Flask\napp = Flask(__name__)\n" + source)
    assert facts["unreadable"] is unreadable
    if "'settings.Production'" in source:
        assert facts["object_links"] == ["settings.Production"]


def test_import_strings_no_module_answers_are_configuration_fixlint_cannot_read(tmp_path):
    # The mapping's strings name a module the project lacks (a deployment's
    # own settings): the app is not reported for a setting it may give.
    write(tmp_path, "app.py", "import os\nfrom flask import Flask, session\napp = Flask(__name__)\n"
          "CONFIGS = {'prod': 'deploy_settings.Production'}\nambient = CONFIGS[os.getenv('ENV')]\n"
          "app.config.from_object(ambient)\n")
    write(tmp_path, "pyproject.toml", "")
    facts = project.build(str(tmp_path)).facts_for(str(tmp_path / "app.py"))
    assert facts.unreadable


def test_summary_follows_from_object_by_name_and_by_class():
    facts = summary.summarise("from flask import Flask\napp = Flask(__name__)\n"
                              "app.config.from_object('settings.Production')\napp.config.from_object(Config)\n")
    assert facts["links"] == ["settings.Production"] and not facts["unreadable"]


@pytest.mark.parametrize("signature, unreadable, links", [
    ("config", True, []),                        # the caller's object
    ("config=None", True, []),
    ("*, config", True, []),
    ("**config", True, []),
    ("config=Config", False, []),                # read as its default, as the app runs by default
    ("config=settings.Production", False, []),
    ("config='settings.Production'", False, ["settings.Production"]),
    ("other, config=Config", False, []),
])
def test_summary_reads_a_factory_parameter_given_to_from_object(signature, unreadable, links):
    facts = summary.summarise("from flask import Flask\n"
                              f"def create_app({signature}):\n"
                              "    app = Flask(__name__)\n"
                              "    app.config.from_object(config)\n"
                              "    return app\n")
    assert facts["unreadable"] is unreadable and facts["links"] == links


def test_summary_reads_a_module_name_given_to_from_object_in_a_function():
    facts = summary.summarise("from flask import Flask\nimport config\n"
                              "def create_app(name):\n"
                              "    app = Flask(name)\n"
                              "    app.config.from_object(config)\n")
    assert not facts["unreadable"]


def test_summary_knows_session_users_and_remember_me():
    assert summary.summarise("from flask import flash\nflash('saved')\n")["session_use"]
    assert summary.summarise("import flask_login\n")["session_use"]
    assert not summary.summarise("from flask import jsonify\n")["session_use"]
    assert summary.summarise("from flask_login import login_user\nlogin_user(u, remember=form.remember.data)\n")["remember"]
    assert not summary.summarise("from flask_login import login_user\nlogin_user(u, remember=False)\n")["remember"]


def test_import_scan_finds_indented_parenthesised_and_relative_imports():
    found = summary.scan_imports("import os, app.models as m\nfrom . import (views,\n  forms)\n"
                                 "def f():\n    from .base import *\n")
    assert found == [(0, "os", []), (0, "app.models", []), (1, "", ["views", "forms"]), (1, "base", ["*"])]


def test_import_scan_reads_a_parenthesised_list_past_its_comments():
    """chatbotcongvan-litestar's shared/secure_cookie.py: `from config import
    (SECRET_KEY,  # 32-64 bytes (hex)` then COOKIE_NAME on the next line; a
    bracket in a comment ended the list, and a comment hid the next name."""
    text = "from config import (\n    SECRET_KEY,  # 32-64 bytes (hex)\n    COOKIE_NAME,  # e.g. session\n)\n"
    assert summary.scan_imports(text) == [(0, "config", ["SECRET_KEY", "COOKIE_NAME"])]
    from fixlint.project import import_lines
    assert import_lines.bindings(text) == {"SECRET_KEY": "config.SECRET_KEY", "COOKIE_NAME": "config.COOKIE_NAME"}


def test_project_root_is_the_nearest_marked_folder(tmp_path):
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "pkg/sub/setup.py", "")
    write(tmp_path, "pkg/sub/mod.py", "")
    write(tmp_path, "pkg/other.py", "")
    assert project.find_root(tmp_path / "pkg" / "sub" / "mod.py") == str(tmp_path / "pkg" / "sub")
    assert project.find_root(tmp_path / "pkg" / "other.py") == str(tmp_path)


def test_a_setup_module_inside_a_package_marks_no_root(tmp_path):
    """bunkerweb's setup-wizard blueprint app/routes/setup.py: a module of
    the package, not a project's setup script. Taken as a marker, it cut
    the app at app/routes/, and the blueprints there lost the app's
    Flask-Session and remember-me facts."""
    write(tmp_path, ".git/HEAD", "")
    write(tmp_path, "ui/app/routes/__init__.py", "")
    write(tmp_path, "ui/app/routes/setup.py", "")
    write(tmp_path, "ui/app/routes/login.py", "")
    write(tmp_path, "tools/setup.py", "")
    write(tmp_path, "tools/build.py", "")
    write(tmp_path, "lib/__init__.py", "")
    write(tmp_path, "lib/setup.py", "")
    write(tmp_path, "lib/setup.cfg", "")
    assert project.find_root(tmp_path / "ui" / "app" / "routes" / "login.py") == str(tmp_path)
    assert project.find_root(tmp_path / "tools" / "build.py") == str(tmp_path / "tools")
    assert project.find_root(tmp_path / "lib" / "setup.py") == str(tmp_path / "lib")


def test_blueprints_beside_a_setup_module_keep_their_app(tmp_path):
    """End to end, in a tree with no marker above the app (bunkerweb's UI,
    review 35a): the remember-me login in app/routes/login.py belongs to
    main.py's LoginManager, and the blueprint runs under main.py's
    Flask-Session. With app/routes/setup.py taken as a root, the SFX304
    was missing and the SFX101 named the signed-cookie session's fix."""
    write(tmp_path, "main.py", """\
from flask import Flask
from flask_login import LoginManager
from flask_session import Session
from app.routes.login import bp
app = Flask(__name__)
app.config.update(SESSION_TYPE="redis", SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax",
                  REMEMBER_COOKIE_SECURE=True, REMEMBER_COOKIE_SAMESITE="Lax")
Session(app)
login_manager = LoginManager(app)
app.register_blueprint(bp)
""")
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/routes/__init__.py", "")
    write(tmp_path, "app/routes/setup.py", "from flask import Blueprint\nbp = Blueprint('setup', __name__)\n")
    write(tmp_path, "app/routes/login.py", """\
from flask import Blueprint, request
from flask_login import login_user
from app.models import find_user
bp = Blueprint("login", __name__)
@bp.route("/login", methods=["POST"])
def login():
    user = find_user(request.form["username"])
    if user.check_password(request.form["password"]):
        login_user(user, remember=True)
    return ""
""")
    write(tmp_path, "app/models.py", "def find_user(name):\n    return None\n")
    result = run_cli("check", "--no-cache", "--isolated", ".", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert any(line.startswith("main.py:9:") and "SFX304" in line for line in lines), result.stdout
    login = [line for line in lines if "login.py" in line and "SFX101" in line]
    assert len(login) == 1 and "regenerate(session)" in login[0] and "(Flask-Session)" in login[0], result.stdout


# -- the flake8 plugin's cache -------------------------------------------------

def _isolated_cache(tmp_path):
    return {"XDG_CACHE_HOME": str(tmp_path / "user-cache")}


def test_flake8_keeps_a_cache_and_a_changed_config_module_invalidates_it(tmp_path):
    root = _project(tmp_path / "shop")
    env = _isolated_cache(tmp_path)
    first, _ = _flake8(root / "app.py", cwd=root, env=env)
    assert first == {(5, "SFX303")}
    stored, _ = cache.load(str(root))
    assert set(stored) == {"app.py", "views.py", "config.py"}
    write(root, "config.py", "class Config:\n    SESSION_COOKIE_SECURE = True\n    SESSION_COOKIE_SAMESITE = 'Lax'\n")
    second, _ = _flake8(root / "app.py", cwd=root, env=env)
    assert second == set()


def test_flake8_reads_the_cache_instead_of_the_modules(tmp_path):
    root = _project(tmp_path / "shop")
    env = _isolated_cache(tmp_path)
    _flake8(root / "app.py", cwd=root, env=env)
    stored, links = cache.load(str(root))
    facts = json.loads(stored["config.py"][2])
    facts["keys"].append("SESSION_COOKIE_SAMESITE")  # what a stale entry would say
    stored["config.py"][2] = facts
    assert cache.save(str(root), stored, links=links)
    found, _ = _flake8(root / "app.py", cwd=root, env=env)
    assert found == set()


def test_the_model_read_from_its_cache_gives_every_module_the_facts_of_a_fresh_build(tmp_path, monkeypatch):
    """The fixtures as one project (many applications): read back from the
    cache, every module's facts are the ones a build without it gives, and
    asking for one module decodes only the summaries its application needs."""
    import shutil

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, root)
    write(root, "pyproject.toml", "[project]\nname = 'fixtures'\n")
    fresh = project.build(str(root))
    project.build(str(root), use_cache=True)  # writes the cache
    modules = sorted(fresh.summaries)
    one = project.build(str(root), use_cache=True)
    first = one.facts_for(modules[0])
    assert first == fresh.facts_for(modules[0])
    undecoded = [p for p in modules if isinstance(one.summaries._data[p], str)]
    assert len(undecoded) > len(modules) // 2
    warm = project.build(str(root), use_cache=True)
    # (application code, such as views star-importing helpers, builds no settings on what it imports)
    star_imported = {target for other in modules if not fresh._is_exempt_settings(other)
                     and not model._application_code(fresh.summaries[other])
                     for level, module, names in fresh.summaries[other]["imports"]
                     if "*" in names for target in fresh.resolve(other, level, module, []) if target != other}
    assert star_imported  # the Django settings chains
    for path in modules:
        facts = warm.facts_for(path)
        assert facts == fresh.facts_for(path), path
        assert facts.shared_base == (path in star_imported), path


def test_an_undecoded_summary_tells_an_empty_list_without_decoding():
    empty = json.dumps({"backend_imports": [], "note": '"backend_imports":[x]'}, separators=(",", ":"))
    full = json.dumps({"backend_imports": ["pyramid_beaker"], "note": '"backend_imports":[]'},
                      separators=(",", ":"))
    held = cache.Summaries({"a.py": empty, "b.py": full, "c.py": {"backend_imports": []}},
                           lambda facts: isinstance(facts, dict), lambda path: None)
    assert held.empty_list("a.py", "backend_imports")
    assert not held.empty_list("b.py", "backend_imports")  # the same text inside a string does not count
    assert not held.empty_list("c.py", "backend_imports")  # decoded: the caller reads it
    assert isinstance(held._data["a.py"], str) and isinstance(held._data["b.py"], str)


@pytest.mark.parametrize("garbage", ["{not json", "[]", '{"format": 1, "files": {"app.py": 7}}', ""])
def test_a_corrupt_cache_is_ignored_silently(tmp_path, garbage):
    root = _project(tmp_path / "shop")
    write(root, f"{cache.FOLDER}/{cache.NAME}", garbage)
    found, stderr = _flake8(root / "app.py", cwd=root, env=_isolated_cache(tmp_path))
    assert found == {(5, "SFX303")} and stderr == ""


def test_an_unwritable_cache_is_ignored_silently(tmp_path):
    root = _project(tmp_path / "shop")
    write(root, cache.FOLDER, "a file where the cache folder would go")
    write(tmp_path, "user-cache", "a file where the user cache folder would go")
    found, stderr = _flake8(root / "app.py", cwd=root, env=_isolated_cache(tmp_path))
    assert found == {(5, "SFX303")} and stderr == ""
    assert not (tmp_path / "user-cache").is_dir()


def test_flake8_without_the_cache_writes_none(tmp_path):
    root = _project(tmp_path / "shop")
    found, _ = _flake8(root / "app.py", "--fixlint-no-cache", cwd=root, env=_isolated_cache(tmp_path))
    assert found == {(5, "SFX303")}
    assert not (root / cache.FOLDER).exists() and not (tmp_path / "user-cache").exists()


def test_a_project_that_cannot_be_written_caches_in_the_user_folder(tmp_path, monkeypatch):
    root = _project(tmp_path / "shop")
    write(root, cache.FOLDER, "a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    built = project.build(str(root), use_cache=True)
    assert "flask_session" in built.facts_for(str(root / "app.py")).markers
    assert list((tmp_path / "user-cache" / "fixlint").glob("project-*.json"))


# -- the CLI's results cache ---------------------------------------------------

def _checked(tmp_path, monkeypatch, *args):
    """(exit status, stdout, the files fixlint analysed) of an in-process
    `fixlint check` in `tmp_path`."""
    from fixlint import cli, runner

    analysed = []
    real = runner.check_file

    def check_file(path, *rest, **kwargs):
        analysed.append(os.path.basename(path))
        return real(path, *rest, **kwargs)

    monkeypatch.setattr(runner, "check_file", check_file)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    status = cli.main(["check", "-j", "1", *args, "."])
    monkeypatch.undo()
    return status, sorted(analysed)


def test_a_second_check_of_an_unchanged_project_analyses_nothing(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path / "shop")
    first = _checked(root, monkeypatch)
    out_first = capsys.readouterr().out
    second = _checked(root, monkeypatch)
    assert first == (1, ["app.py", "config.py", "views.py"])
    assert second == (1, [])
    assert capsys.readouterr().out == out_first != ""


def test_a_changed_config_module_re_analyses_the_files_that_used_its_facts(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path / "shop")
    _checked(root, monkeypatch)
    write(root, "config.py", "class Config:\n    SESSION_COOKIE_SECURE = True\n    SESSION_COOKIE_SAMESITE = 'Lax'\n")
    status, analysed = _checked(root, monkeypatch)
    assert analysed == ["app.py", "config.py", "views.py"]  # the facts of their application changed
    assert "SFX303" not in capsys.readouterr().out.split("SFX101")[-1]


def test_a_module_added_to_another_application_re_analyses_only_itself(tmp_path, monkeypatch, capsys):
    """The project model changed (its quick keys no longer match) but the
    facts of the shop's files did not: they stay cached, and so does the
    new module after one run."""
    root = _project(tmp_path / "shop")
    _checked(root, monkeypatch)
    write(root, "tools/cli.py", "print('hello')\n")
    assert _checked(root, monkeypatch)[1] == ["cli.py"]
    assert _checked(root, monkeypatch)[1] == []


def test_results_follow_the_project_model_cache_even_when_the_modules_did_not_change(tmp_path, monkeypatch,
                                                                                      capsys):
    """A project model read from its cache (same size and mtime) whose
    summary of config.py now says SESSION_COOKIE_SAMESITE is set: the files
    of the application are judged with those facts, not taken from the
    results of the old model."""
    root = _project(tmp_path / "shop")
    assert _checked(root, monkeypatch)[0] == 1
    assert "SFX303" in capsys.readouterr().out
    stored, links = cache.load(str(root))
    facts = json.loads(stored["config.py"][2])
    facts["keys"].append("SESSION_COOKIE_SAMESITE")
    stored["config.py"][2] = facts
    assert cache.save(str(root), stored, links=links)
    assert _checked(root, monkeypatch)[1] == ["app.py", "config.py", "views.py"]
    assert "SFX303" not in capsys.readouterr().out


def test_results_kept_under_an_older_model_are_judged_by_their_facts(tmp_path, monkeypatch, capsys):
    """A run over config.py alone changes the model; app.py and views.py,
    whose entries were written under the old one, are analysed again by the
    next run over the project, since their facts changed."""
    from fixlint import cli

    root = _project(tmp_path / "shop")
    _checked(root, monkeypatch)
    write(root, "config.py", "class Config:\n    SESSION_COOKIE_SECURE = True\n    SESSION_COOKIE_SAMESITE = 'Lax'\n")
    monkeypatch.chdir(root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "user-cache"))
    cli.main(["check", "-j", "1", "config.py"])
    monkeypatch.undo()
    capsys.readouterr()
    assert _checked(root, monkeypatch)[1] == ["app.py", "views.py"]
    assert "SFX303" not in capsys.readouterr().out


def test_no_cache_analyses_everything_and_keeps_no_results(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path / "shop")
    _checked(root, monkeypatch, "--no-cache")
    assert _checked(root, monkeypatch, "--no-cache")[1] == ["app.py", "config.py", "views.py"]
    assert not (root / cache.FOLDER).exists()


def test_cache_false_in_pyproject_turns_the_caches_off(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path / "shop")
    write(root, "pyproject.toml", "[tool.fixlint]\ncache = false\n")
    _checked(root, monkeypatch)
    assert _checked(root, monkeypatch)[1] == ["app.py", "config.py", "views.py"]
    assert not (root / cache.FOLDER).exists()


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 1, "root": null, "files": []}', "\x00"])
def test_a_corrupt_results_cache_is_ignored_silently(tmp_path, monkeypatch, capsys, garbage):
    root = _project(tmp_path / "shop")
    _checked(root, monkeypatch)
    expected = capsys.readouterr()
    for name in ("results.json", "project.json"):
        (root / cache.FOLDER / name).write_text(garbage)
    assert _checked(root, monkeypatch) == (1, ["app.py", "config.py", "views.py"])
    assert capsys.readouterr() == expected


def test_files_with_no_project_root_are_cached_in_the_user_folder_only(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "scripts"
    write(folder, "app.py", "from flask import Flask, session\napp = Flask(__name__)\n"
                            "\n@app.get('/')\ndef index():\n    return session.get('seen', '')\n")
    assert project.find_root(folder / "app.py") is None
    assert _checked(folder, monkeypatch) == (1, ["app.py"])
    assert _checked(folder, monkeypatch) == (1, [])
    assert not (folder / cache.FOLDER).exists()
    assert list((folder / "user-cache" / "fixlint").glob("results-project-*.json"))


def test_virtual_environments_and_installed_packages_are_not_project_modules(tmp_path):
    root = tmp_path / "shop"
    write(root, "setup.py", "")
    write(root, "app.py", "import helpers\n")
    write(root, "helpers.py", "")
    write(root, "env/pyvenv.cfg", "home = /usr/bin\n")
    write(root, "env/lib/python3.11/site-packages/helpers.py", "")
    write(root, "vendor/site-packages/flask_session/__init__.py", "import flask_session\n")
    # An older virtualenv under any name: `bin/activate` (SistemaCentro's committed env/), `Scripts/activate`.
    write(root, "old_env/bin/activate", "")
    write(root, "old_env/lib/python2.7/os.py", "")
    write(root, "winenv/Scripts/activate", "")
    write(root, "winenv/Lib/helpers.py", "")
    write(root, "tools/bin/deploy.py", "")  # a bin/ folder with no activate script is the project's
    expected = ["app.py", "helpers.py", "setup.py", "tools/bin/deploy.py"]
    assert sorted(os.path.relpath(p, root) for p in project.modules_under(str(root))) == expected
    # The CLI's discovery leaves the same out; a folder named on the command line is still checked.
    from fixlint.runner import discover

    files, errors = discover([str(root)])
    assert sorted(os.path.relpath(p, root) for p in files) == expected and not errors
    assert discover([str(root / "old_env")])[0] == [str(root / "old_env" / "lib" / "python2.7" / "os.py")]


def test_a_project_folder_that_is_also_a_virtual_environment_is_checked(tmp_path):
    """Students run `python -m venv .` in the project's folder and commit
    `pyvenv.cfg` beside manage.py, or around the project's own folder (a
    Windows venv with `Scripts/`): the environment's folders are left out,
    the project's modules are not."""
    root = tmp_path / "repo"
    write(root, "server/pyvenv.cfg", "home = /usr/bin\n")
    write(root, "server/manage.py", "")
    write(root, "server/server/settings.py", "")
    write(root, "server/lib/python3.11/site-packages/django/__init__.py", "")
    write(root, "server/bin/activate", "")
    write(root, "server/bin/tool.py", "")
    write(root, "winenv/pyvenv.cfg", "home = C:\\Python311\n")
    write(root, "winenv/Scripts/activate", "")
    write(root, "winenv/Lib/site-packages/six.py", "")
    write(root, "winenv/it_tools/manage.py", "")
    # A bare environment, with what pip puts there (an editable checkout in src/), stays out.
    write(root, "env/pyvenv.cfg", "home = /usr/bin\n")
    write(root, "env/lib/python3.11/site-packages/flask/__init__.py", "")
    write(root, "env/src/somepkg/setup.py", "")
    expected = ["server/manage.py", "server/server/settings.py", "winenv/it_tools/manage.py"]
    assert sorted(os.path.relpath(p, root) for p in project.modules_under(str(root))) == expected
    from fixlint.runner import discover

    files, errors = discover([str(root)])
    assert sorted(os.path.relpath(p, root) for p in files) == expected and not errors


# -- functions other modules import (Revision 2, "Where cross-module findings go") --

def test_summary_profiles_helpers_dependencies_and_weak_generators():
    facts = summary.summarise(
        "import random\n"
        "from fastapi import Cookie, Request\n"
        "from flask import session\n"
        "def bind(user):\n    session.clear()\n    session['user_id'] = user.id\n"
        "def forget():\n    session.pop('user_id')\n"
        "def get_session(request: Request):\n    return request.session\n"
        "def sid_cookie(sid: str = Cookie()):\n    return sid\n"
        "def random_string():\n    return ''.join(random.choice('ab') for _ in range(8))\n"
        "def new_session_id():\n    return str(random.random())\n"
        "def unrelated(x):\n    return x + 1\n")
    assert facts["functions"] == {
        "bind": {"events": [["clear", "flask"], ["bind", "flask", "user_id"]]},
        "forget": {"events": [["remove", "flask", "user_id"]]},
        "get_session": {"returns": "session"},
        "sid_cookie": {"returns": "cookie"},
        "random_string": {"weak": "random.choice()"},
    }  # new_session_id is reported in its own module, never at its calls


@pytest.mark.parametrize("text, used", [
    ("from flask import Flask, flash, session\napp = Flask(__name__)\n", False),
    ("from flask import (\n    Flask,\n    session,\n)\napp = Flask(__name__)\n", False),
    ("from flask import Flask, session\napp = Flask(__name__)\nsession['a'] = 1\n", True),
    ("from flask import Flask, flash\ndef f():\n    flash('hi')\n", True),
    ("from flask import session as visit\nvisit['a'] = 1\n", True),
    ("from flask import session as visit\nvisit = None\n", True),  # a doubt keeps the use
    ("import flask\nflask.session['a'] = 1\n", True),
    # Word boundaries: another name holding `session` is not a use of it.
    ("from flask import Flask, session\napp = Flask(__name__)\nmysession = 1\nsession_id = 2\n", False),
    ("from flask import session as visit\nrevisit = 1\nvisits = 2\n", False),
    ("from flask import session as s\nx = s\n", True),
])
def test_flasks_session_is_used_only_where_an_imported_name_is_named_again(text, used):
    assert summary.summarise(text)["session_use"] is used


def _reexporting_project(tmp_path, views):
    """A Flask app whose views module gets Flask's session from `base.py`."""
    root = tmp_path / "panel"
    write(root, "pyproject.toml", "[project]\nname = 'panel'\n")
    write(root, "app/__init__.py", "from flask import Flask\napp = Flask(__name__)\nfrom . import views\n")
    write(root, "app/base.py", "from flask import redirect, request, session\n"
                               "from flask import session as web_session\nfrom . import app\n")
    write(root, "app/store.py", "from flask import session as flask_session\nsession = object()\n")
    write(root, "app/views.py", views)
    return root


LOGIN_LOGOUT = ("\n@app.route('/login', methods=['POST'])\ndef login():\n"
                "    if request.form['password'] == 'x':\n        session['logged_in'] = True\n"
                "    return redirect('/')\n"
                "\n@app.route('/logout')\ndef logout():\n    session.pop('logged_in', None)\n    return redirect('/')\n")


@pytest.mark.parametrize("imports", ["from .base import *\n", "from .base import app, redirect, request, session\n",
                                     "from app.base import app, redirect, request, web_session as session\n"])
def test_flasks_session_re_exported_by_a_project_module_is_flasks_session(tmp_path, imports):
    root = _reexporting_project(tmp_path, imports + LOGIN_LOGOUT)
    found = _cli(root, cwd=root)
    assert found[str(root / "app" / "views.py")] == {(6, "SFX101"), (11, "SFX102")}
    assert found[str(root / "app" / "__init__.py")] == {(2, "SFX302"), (2, "SFX303")}  # the app uses it
    for _ in range(2):  # the project model summarised, then read from its cache
        flake8, stderr = _flake8(root / "app" / "views.py", cwd=root)
        assert not stderr and flake8 == {(6, "SFX101"), (11, "SFX102")}
    assert (root / cache.FOLDER / cache.NAME).is_file()


def test_a_name_a_project_module_renames_or_defines_is_not_re_exported(tmp_path):
    root = _reexporting_project(tmp_path, "from .store import *\n" + LOGIN_LOGOUT)
    built = project.build(str(root))
    views, store = str(root / "app" / "views.py"), str(root / "app" / "store.py")
    assert built.bound_name(store, "session") is None  # its own, `flask_session` is Flask's
    assert built.bound_name(store, "flask_session") == "flask.session"
    facts = built.facts_for(views)
    assert facts.star_reexports == {".store": {"flask_session": "flask.session"}}
    assert str(root / "app" / "views.py") not in _cli(root, cwd=root)


def test_the_summary_records_renamed_imports_and_session_users_from_elsewhere():
    facts = summary.summarise("from flask import session as s, request\nfrom .base import *\nflash('x')\n")
    assert facts["renamed"] == [["flask", "session", "s"]] and facts["user_names"] == ["flash"]
    facts = summary.summarise("from flask import session\nfrom .base import session as s\nsession['a'] = 1\n")
    assert "renamed" not in facts and "user_names" not in facts  # `session` is Flask's own here


SETDEFAULT_HELPERS = (
    "from flask import session\n"
    "def add_flag(session, flag):\n    session.setdefault('flags', []).append(flag)\n"
    "def note_project(project):\n    session.setdefault('projects', []).append(project.id)\n"
    "def add_role():\n    session.setdefault('roles', []).append('admin')\n"
    "def add_theme():\n    session.setdefault('themes', []).append('dark')\n"
    "def add_uid():\n    session.setdefault('user_ids', []).append(1)\n"
    "def remember(user):\n    session.update(user_id=user.id, theme='dark')\n"
    "def remember_once(user):\n    session.setdefault('user_id', user.id)\n"
    "def reset():\n    session.update({'user_id': None, 'theme': 'light'})\n"
    "def visit(request, member):\n    request.session.setdefault('visited', []).append(member.pk)\n")


@pytest.mark.parametrize("from_text", [False, True], ids=["tree", "text"])
def test_helper_profiles_read_setdefault_and_update_as_the_handlers_module_does(from_text):
    """session.setdefault(k, []).append(v) is a carry like session[k].append(v);
    session.update(user_id=...) and session.setdefault("user_id", ...) bind
    (analysis/lifecycle.py reads them so in the handler's module)."""
    text = SETDEFAULT_HELPERS
    if from_text:
        found = functions.profiles_from_text(text, summary.scan_imports(text))
    else:
        found = functions.profiles(ast.parse(text))
    assert found == {
        "add_flag": {"events": [["carry", [0, "session"], "flags", [1, "flag"], "flags"]]},
        "note_project": {"events": [["carry", "flask", "projects", [0, "project"], "projects"]]},
        "add_uid": {"events": [["bind", "flask", "user_ids"]]},
        "remember": {"events": [["bind", "flask", "user_id"]]},
        "remember_once": {"events": [["bind", "flask", "user_id"]]},
        "add_role": {"events": [["bind", "flask", "roles"]]},
        "visit": {"events": [["carry", "request", "visited", [1, "member"], "visited"]]},
    }  # reset empties the id; request.session's framework is the importer's


COOKIE_HELPERS = (
    "import os\n"
    "from os import getenv\n"
    "from litestar.response import Response\n"
    "from config import COOKIE_NAME\n"
    "import settings\n"
    "def drop(resp: Response):\n    resp.delete_cookie('session', path='/')\n"
    "def drop_named(resp):\n    resp.delete_cookie(key=COOKIE_NAME)\n"
    "def drop_setting(resp):\n    resp.del_cookie(settings.AUTH_COOKIE)\n"
    "def drop_env(resp):\n    resp.delete_cookie(os.getenv('AUTH_COOKIE', 'auth'))\n"
    "def drop_local(resp):\n    name = getenv('AUTH_COOKIE', default='auth')\n    resp.delete_cookie(name)\n"
    "def expire(response):\n    response.set_cookie(COOKIE_NAME, '', max_age=0)\n"
    "def refresh(response):\n    response.set_cookie(COOKIE_NAME, 'x', max_age=3600)\n"
    "def drop_given(resp, name):\n    resp.delete_cookie(name)\n"
    "def drop_own():\n    resp = Response('')\n    resp.delete_cookie('session')\n    return resp\n"
    "def drop_kept():\n    resp = Response('')\n    resp.delete_cookie('session')\n    cache.put(resp)\n")


@pytest.mark.parametrize("from_text", [False, True], ids=["tree", "text"])
def test_helper_profiles_record_a_cookie_deleted_on_the_callers_response(from_text):
    """RULES.md Revision 2: a logout that only deletes the session cookie is
    SFX102, at the call of a helper in another module that deletes it.
    The name is read where the helper's module can tell it; a name it
    imports or defines is left for the model (cookie_names_in)."""
    text = COOKIE_HELPERS
    found = (functions.profiles_from_text(text, summary.scan_imports(text)) if from_text
             else functions.profiles(ast.parse(text)))
    assert found == {
        "drop": {"events": [["delete_cookie", "session"]]},
        "drop_named": {"events": [["delete_cookie", None, "config.COOKIE_NAME"]]},
        "drop_setting": {"events": [["delete_cookie", None, "settings.AUTH_COOKIE"]]},
        "drop_env": {"events": [["delete_cookie", "auth"]]},
        "drop_local": {"events": [["delete_cookie", "auth"]]},
        "expire": {"events": [["delete_cookie", None, "config.COOKIE_NAME"]]},
        # a response it builds and returns: a controller a logout route returns (`return drop_own()`)
        "drop_own": {"events": [["delete_cookie", "session"]]},
    }  # refresh sets a live cookie; drop_given's name is the caller's; drop_kept's response is never returned


OPTION_HELPERS = (
    "def cookie_params(user):\n    return {'key': 'token', 'value': make(user), 'httponly': True, 'max_age': 60}\n"
    "def named(user):\n    params = {'key': 'token', 'samesite': 'Lax'}\n    return params\n"
    "def changed(user):\n    params = {'key': 'token', 'samesite': 'Lax'}\n    params['secure'] = True\n"
    "    return params\n"
    "def no_flag():\n    return {'key': 'token', 'secure': True}\n"
    "def two_returns(flag):\n    if flag:\n        return {'httponly': True}\n    return {'httponly': False}\n")


@pytest.mark.parametrize("from_text", [False, True], ids=["tree", "text"])
def test_helper_profiles_record_the_cookie_options_a_function_returns(from_text):
    """`set_cookie(**cookie_params(user))`: the dict a function returns
    (its one return, a literal or a local bound once to one) naming a
    cookie flag; a value that is no literal is kept as unknown ([])."""
    text = OPTION_HELPERS
    found = (functions.profiles_from_text(text, summary.scan_imports(text)) if from_text
             else functions.profiles(ast.parse(text)))
    assert found == {
        "cookie_params": {"options": {"key": ["token"], "value": [], "httponly": [True], "max_age": [60]}},
        "named": {"options": {"key": ["token"], "samesite": ["Lax"]}},
    }  # changed writes its dict after binding it; no_flag names no HttpOnly/SameSite; two_returns returns twice


def test_a_module_without_a_cookie_deletion_is_not_parsed_for_one():
    text = "from litestar.response import Response\ndef put(resp):\n    resp.set_cookie('session', 'x', max_age=60)\n"
    assert functions.profiles_from_text(text, summary.scan_imports(text)) == {}


def test_a_cookie_deleting_helper_gets_its_name_from_the_modules_it_imports(tmp_path):
    root = tmp_path / "shop"
    write(root, "setup.cfg", "")
    write(root, "config.py", "import os\nCOOKIE_NAME: str = os.getenv('COOKIE_NAME', 'session')\n")
    write(root, "shared/__init__.py", "")
    write(root, "shared/consts.py", "OTHER = 'auth_token'\n")
    write(root, "shared/cookies.py", "from config import (\n    COOKIE_NAME,  # the sign-in (signed uid)\n)\n"
                                     "from .consts import OTHER\nLOCAL = 'sid'\n"
                                     "def drop(resp):\n    resp.delete_cookie(COOKIE_NAME)\n"
                                     "def drop_other(resp):\n    resp.delete_cookie(OTHER)\n"
                                     "def drop_local(resp):\n    resp.delete_cookie(LOCAL)\n"
                                     "def drop_unknown(resp):\n    resp.delete_cookie(UNKNOWN)\n")
    write(root, "views.py", "from shared.cookies import drop, drop_other, drop_local, drop_unknown\n")
    built = project.build(str(root), use_cache=False)
    helpers = built.facts_for(str(root / "views.py")).helpers
    assert {name: profile["events"] for name, profile in helpers.items()} == {
        # (the value, then the name as written: `AUTH_COOKIE` says what a cookie is, whatever its value)
        "shared.cookies.drop": [["delete_cookie", "session", "config.COOKIE_NAME"]],
        "shared.cookies.drop_other": [["delete_cookie", "auth_token", "OTHER"]],
        "shared.cookies.drop_local": [["delete_cookie", "sid", "LOCAL"]],
        "shared.cookies.drop_unknown": [],
    }


def test_a_helper_edited_in_another_module_changes_the_finding_at_the_call(tmp_path):
    tmp_path = tmp_path / "shop"
    write(tmp_path, "setup.cfg", "")
    write(tmp_path, "helpers.py", "from flask import session\n\ndef remember(user):\n    session['user_id'] = user\n")
    write(tmp_path, "views.py", "from flask import Flask, request\nfrom helpers import remember\n"
                                "app = Flask(__name__)\napp.config.update(SESSION_COOKIE_SECURE=True, "
                                "SESSION_COOKIE_SAMESITE='Lax')\n\n@app.post('/login')\ndef login():\n"
                                "    remember(request.form['name'])\n    return 'ok'\n")
    assert _cli(tmp_path, cwd=tmp_path) == {str(tmp_path / "views.py"): {(8, "SFX101")}}
    write(tmp_path, "helpers.py", "from flask import session\n\ndef remember(user):\n"
                                  "    session.clear()\n    session['user_id'] = user\n")
    assert _cli(tmp_path, cwd=tmp_path) == {}


def test_project_facts_are_asked_only_for_files_that_are_analysed(tmp_path, monkeypatch, capsys):
    from fixlint.project import Projects

    root = _project(tmp_path / "shop")
    write(root, "maths.py", "def add(a, b):\n    return a + b\n")  # no analysis wants this text
    write(root, "tests/test_views.py", VIEWS)  # test code: not checked by default
    asked = []
    real = Projects.facts_for

    def facts_for(self, path):
        asked.append(os.path.basename(path))
        return real(self, path)

    monkeypatch.setattr(Projects, "facts_for", facts_for)
    status, analysed = _checked(root, monkeypatch, "--no-cache")
    assert status == 1
    assert sorted(set(asked)) == ["app.py", "config.py", "views.py"]
    assert analysed == ["app.py", "config.py", "maths.py", "test_views.py", "views.py"]


def test_a_check_reads_each_file_once_and_finds_what_reading_twice_found(tmp_path, monkeypatch, capsys):
    """The project model hands the texts it reads to the check (runner.Sources),
    and the trees of the modules its summary parsed (config.py: a
    configuration key; views.py, checked, whose login may have a profile:
    functions.ModuleTree): no file is read or parsed twice, and the findings
    are those of a check that reads every file itself (one without the
    model's texts)."""
    from fixlint import runner

    root = _project(tmp_path / "shop")
    write(root, "maths.py", "def add(a, b):\n    return a + b\n")  # no analysis wants this text
    write(root, "tests/test_views.py", VIEWS)  # test code: not checked by default
    write(root, "remember.py", "REMEMBER_COOKIE_SECURE = True\n\nfrom flask import make_response\n\n\n"
                               "def page(token):\n    response = make_response('ok')\n"
                               "    response.set_cookie('auth_token', token)\n    return response\n")
    write(root, "page.py", "from flask import make_response\n\n\ndef page(token):\n"
                           "    response = make_response('ok')\n    response.set_cookie('auth_token', token)\n"
                           "    return response\n")  # nothing the summary parses: the check does
    reads, parsed = [], []
    real_read, real_parse = runner.read_bytes, runner.parse_source

    def read_bytes(path, *rest):
        reads.append(os.path.relpath(path, root))
        return real_read(path, *rest)

    def parse_source(text, path):
        parsed.append(os.path.basename(path))
        return real_parse(text, path)

    monkeypatch.setattr(runner, "read_bytes", read_bytes)
    monkeypatch.setattr(runner, "parse_source", parse_source)
    status, analysed = _checked(root, monkeypatch, "--no-cache")
    once = capsys.readouterr().out
    assert status == 1 and "views.py" in once and "remember.py:8:" in once and "page.py:6:" in once
    assert sorted(reads) == ["app.py", "config.py", "maths.py", "page.py", "remember.py",
                             os.path.join("tests", "test_views.py"), "views.py"]
    assert summary.summarise((root / "remember.py").read_text())["keys"] == ["REMEMBER_COOKIE_SECURE"]
    assert parsed == ["page.py"]
    monkeypatch.setattr(runner.Sources, "take", lambda self, path: None)  # every file read again by the check
    assert _checked(root, monkeypatch, "--no-cache")[0] == 1
    assert capsys.readouterr().out == once


def test_the_model_keeps_texts_and_trees_only_for_checks_that_take_them(monkeypatch):
    """runner.Sources is made only for a check in this process or in forked
    workers: spawned ones read their files again, and the trees the model
    parsed for them would be held for nothing."""
    from fixlint import runner

    monkeypatch.setattr(runner, "_start_method", lambda: "spawn")
    assert runner.uses_sources(1, 100) and runner.uses_sources(4, 7)  # checked in this process
    assert not runner.uses_sources(4, 8)
    monkeypatch.setattr(runner, "_start_method", lambda: "fork")
    assert runner.uses_sources(4, 8)


def test_a_file_over_max_file_size_is_reported_though_the_model_read_it(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path / "shop")
    status, _ = _checked(root, monkeypatch, "--no-cache", "--max-file-size", "100")
    out, err = capsys.readouterr()
    assert status == 2
    assert "views.py:1:1: error: skipped:" in err and "more than max-file-size (100 bytes)" in err


def test_the_flake8_plugin_builds_project_facts_only_for_files_it_analyses(tmp_path, monkeypatch):
    import ast

    from fixlint import project
    from fixlint.plugin import Plugin

    root = _project(tmp_path / "shop")
    write(root, "maths.py", "def add(a, b):\n    return a + b\n")
    asked = []
    real = project.for_file

    def for_file(path, *args, **kwargs):
        asked.append(os.path.basename(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(project, "for_file", for_file)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    found = {}
    for name in ("maths.py", "views.py"):
        source = (root / name).read_text()
        found[name] = [m.split()[0] for _, _, m, _ in Plugin(ast.parse(source), str(root / name),
                                                              source.splitlines(True)).run()]
    assert asked == ["views.py"]
    assert found == {"maths.py": [], "views.py": ["SFX101"]}


def test_results_cache_text_of_project_facts_is_the_same_with_the_memo_and_tells_facts_apart():
    from fixlint.project.model import ProjectFacts
    from fixlint.project.results import _canonical

    shared = frozenset({"flask", "flask_session", "aiohttp_security.SessionIdentityPolicy"})
    first = ProjectFacts(frozenset({"SESSION_COOKIE_SECURE"}), False, 3, uses=frozenset({"session_use", "remember"}),
                         helpers={"auth.log_in": ("binds",)}, imported=shared)
    memo = {}
    texts = [_canonical(first, memo), _canonical(first, memo), _canonical(first)]
    assert texts[0] == texts[1] == texts[2]
    assert id(shared) in memo  # the application-wide set was sorted once and kept
    other = first._replace(imported=frozenset(shared | {"pyramid_beaker"}))
    assert _canonical(other, memo) != texts[0]  # another set, another key
    assert _canonical(first._replace(shared_base=True), memo) != texts[0]


@pytest.mark.parametrize("text, classes", [
    ("from flask import Flask\nclass PortalFlask(Flask):\n    pass\n", {"PortalFlask": "flask.Flask"}),
    ("from flask import Flask\nclass Portal(Base, Flask):\n    pass\n", {"Portal": "flask.Flask"}),
    # `subclass` and `myclass` hold "class" but define nothing.
    ("from flask import Flask\nsubclass Portal(Flask)\nmyclass Other(Flask)\napp = Flask(__name__)\n", {}),
])
def test_app_classes_are_the_classes_a_module_derives_from_an_application(text, classes):
    assert summary.summarise(text)["app_classes"] == classes


def test_a_helpers_own_session_methods_are_kept_beside_what_it_binds():
    facts = summary.summarise(
        "from flask import session\n"
        "def login_user(user):\n    session.set_session_user(user)\n    session.get('next')\n"
        "    session['login_identity'] = user.identity_id\n"
        "def touch():\n    session.mark_seen()\n")
    # get() is any mapping's; touch() only calls a session method: nothing its callers can judge.
    assert facts["functions"] == {"login_user": {"events": [["own", "flask", "set_session_user"],
                                                            ["bind", "flask", "login_identity"]]}}


def test_a_login_on_the_applications_own_server_side_interface_is_told_so():
    """CTFd's and Indico's own interfaces keep each session under the id its
    cookie carries: a login is high severity, and clear() is not the fix."""
    folder = FIXTURES / "flask" / "own_session_interface"
    done = run_cli("check", "--format", "json", "--exit-zero", str(folder), cwd=ROOT)
    findings = [f for f in json.loads(done.stdout)["findings"] if f["code"] == "SFX101"]
    assert len(findings) == 2
    for finding in findings:
        assert "session.clear() keeps the session id" in finding["message"]
        assert "the application's own session interface" in finding["message"]
        assert finding["message"].endswith("a session id planted before login becomes signed in]")
        assert "call session.clear() first" not in finding["message"]
        # sessions.py's session class defines regenerate(): the advice names it.
        assert "call session.regenerate() before binding" in finding["message"]


@pytest.mark.parametrize("methods, named", [
    (frozenset(), None),
    (frozenset({"invalidate", "destroy"}), None),  # they end a session, give none a new id
    (frozenset({"regenerate", "invalidate"}), "call session.regenerate() before binding"),
    (frozenset({"flush", "set_session_user"}), "call session.flush() or session.set_session_user() before binding"),
])
def test_the_interface_backends_advice_names_the_applications_own_methods(methods, named):
    from fixlint.frameworks import flask
    from fixlint.frameworks.base import with_own_regeneration

    backend = with_own_regeneration(flask.INTERFACE_BACKEND, methods)
    if named is None:
        assert backend is flask.INTERFACE_BACKEND
    else:
        assert backend.regenerate_fix.startswith(named)
        assert backend.server_side and backend.label == flask.INTERFACE_BACKEND.label


@pytest.mark.parametrize("apps, label, samesite", [
    ({"main.py": "from fastapi import FastAPI\nfrom util import put\napp = FastAPI()\n"}, "(FastAPI)", False),
    ({"main.py": "from flask import Flask\nfrom util import put\napp = Flask(__name__)\n"}, "(Flask)", True),
    # two frameworks in one application: neither decides, Werkzeug's and Django's defaults do
    ({"main.py": "from flask import Flask\nfrom util import put\napp = Flask(__name__)\n",
      "api.py": "from fastapi import FastAPI\nfrom util import put\napi = FastAPI()\n"}, "(Flask/Django)", True),
])
def test_a_helper_module_sets_cookies_with_its_applications_framework(tmp_path, apps, label, samesite):
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "util.py", "def put(response, token):\n    response.set_cookie('auth_token', token, httponly=True)\n")
    for name, source in apps.items():
        write(tmp_path, name, source)
    done = run_cli("check", "--select", "SFX302,SFX303", "--exit-zero", str(tmp_path / "util.py"), cwd=tmp_path)
    lines = [line for line in done.stdout.splitlines() if "util.py" in line]
    assert any("SFX302" in line and line.endswith(label) for line in lines), done.stdout
    assert any("SFX303" in line for line in lines) is samesite, done.stdout


# -- routes registered in another module --------------------------------------

def test_the_summary_records_the_routes_a_module_registers_for_other_modules():
    text = ("from django.urls import path, re_path as rp\nfrom . import views\nfrom .auth import leave\n"
            "from accounts import views as account_views\n"
            "def local_view(request):\n    pass\n"
            "urlpatterns = [\n    path('logout/', views.bye, name='bye'),\n    rp(r'^keluar/$', leave),\n"
            "    path('login/', account_views.SignIn.as_view()),\n    path('here/', local_view),\n"
            "    path('api/', include('api.urls')),\n]\n")
    assert summary.summarise(text)["routes"] == [
        [1, "views", "bye", "django", "logout/", [], False, None],
        [1, "auth", "leave", "django", "^keluar/$", [], False, None],
        [0, "accounts.views", "SignIn", "django", "login/", [], False, None]]
    flask = ("from flask import Flask\nfrom app import auth\napp = Flask(__name__)\n"
             "app.add_url_rule('/sign-in', view_func=auth.sign_in, methods=['POST'])\n")
    assert summary.summarise(flask)["routes"] == [[0, "app.auth", "sign_in", "flask", "/sign-in", ["POST"], False, None]]
    # a star import: each star-imported module may define the name; one defined here is the module's own
    star = ("from controller import *\n\ndef index(request):\n    pass\n\ndef setup(app):\n"
            "    app.router.add_post(path='/registration/', handler=do_registration)\n"
            "    app.router.add_get('/', index)\n")
    assert summary.summarise(star)["routes"] == [[0, "controller", "do_registration", "aiohttp", "/registration/", [],
                                                  False, None]]
    table = ("from aiohttp import web\nfrom . import views\nimport handlers as h\ndef setup(app):\n"
             "    app.add_routes([web.get('/', views.index), web.route('POST', '/login', h.enter),\n"
             "                    web.view('/signup', views.SignUp)])\n")
    assert summary.summarise(table)["routes"] == [
        [1, "views", "index", "aiohttp", "/", [], False, None],
        [0, "handlers", "enter", "aiohttp", "/login", ["POST"], False, None],
        [1, "views", "SignUp", "aiohttp", "/signup", [], False, None]]
    # a method several frameworks have, in a module importing none: told by the call's shape
    shapes = ("import views\ndef setup(app):\n    app.router.add_route('*', '/logout', views.Bye)\n"
              "    app.add_route('/sign-out', views.sign_out)\n")
    assert [entry[:4] for entry in summary.summarise(shapes)["routes"]] == [
        [0, "views", "Bye", "aiohttp"], [0, "views", "sign_out", "starlette"]]
    assert "routes" not in summary.summarise("from django.urls import path\nurlpatterns = [path('', index)]\n")


def test_a_view_routed_by_another_module_is_judged_by_its_path(tmp_path):
    write(tmp_path, "manage.py", "")
    write(tmp_path, "web/__init__.py", "")
    write(tmp_path, "web/urls.py", "from django.urls import path\nfrom . import views\nfrom .views import Leave\n"
          "urlpatterns = [path('logout/', views.bye), path('keluar/', Leave.as_view()),\n"
          "               path('dashboard/', views.dashboard)]\n")
    write(tmp_path, "web/views.py", """
        from django.shortcuts import redirect
        from django.views import View


        def bye(request):
            response = redirect("/")
            response.delete_cookie("sessionid")
            return response


        def dashboard(request):
            response = redirect("/")
            response.delete_cookie("sessionid")
            return response


        class Leave(View):
            def post(self, request):
                request.session.pop("member_id", None)
                return redirect("/")

            @property
            def end_session_url(self):
                return self.request.session["id_token"]
    """)
    found = _cli(tmp_path, cwd=tmp_path)
    # bye by its path, Leave.post by its class's; not the dashboard, nor the class's property
    assert found == {str(tmp_path / "web" / "views.py"): {(7, "SFX102"), (19, "SFX102")}}


def test_an_app_run_from_inside_its_package_imports_its_subpackages_as_top_level(tmp_path):
    # endurain: backend/pyproject.toml, backend/app/__init__.py, and `import core.config` in backend/app/main.py
    write(tmp_path, "backend/pyproject.toml", "")
    write(tmp_path, "backend/app/__init__.py", "")
    write(tmp_path, "backend/app/core/__init__.py", "")
    write(tmp_path, "backend/app/core/config.py", "NAME = 'x'\n")
    main = write(tmp_path, "backend/app/main.py", "import core.config as core_config\nfrom core import config\n")
    model = project.Projects([str(p) for p in tmp_path.rglob("*.py")])._projects[0]
    config = str(tmp_path / "backend" / "app" / "core" / "config.py")
    assert model.resolve(str(main), 0, "core.config", ()) == [config]
    assert model.resolve(str(main), 0, "core", ["config"])[-1] == config


def test_a_session_id_parameter_of_an_application_without_a_web_session_is_not_one(tmp_path):
    write(tmp_path, "pyproject.toml", "")
    write(tmp_path, "api/__init__.py", "")
    write(tmp_path, "api/runs.py", "from fastapi import APIRouter, Query\nrouter = APIRouter()\n"
          "@router.get('/runs')\ndef runs(session_id: str = Query(...)):\n    return session_id\n")
    main = "from fastapi import FastAPI\nfrom api import runs\napp = FastAPI()\napp.include_router(runs.router)\n"
    write(tmp_path, "api/main.py", main)
    assert _cli(tmp_path, cwd=tmp_path) == {}
    runs = {str(tmp_path / "api" / "runs.py"): {(4, "SFX201")}}
    # a session middleware the application sets up, or a cookie one of its modules reads
    write(tmp_path, "api/main.py", main + "from starlette.middleware.sessions import SessionMiddleware\n"
          "app.add_middleware(SessionMiddleware, secret_key='k', https_only=True)\n")
    assert _cli(tmp_path, cwd=tmp_path) == runs
    write(tmp_path, "api/main.py", main + "from fastapi import Request\n@app.get('/who')\n"
          "def who(request: Request):\n    return request.cookies.get('member')\n")
    assert _cli(tmp_path, cwd=tmp_path) == runs


def test_a_helper_profile_reads_a_session_a_getter_loaded_and_every_key_it_removes():
    text = ("from aiohttp_session import get_session, new_session\n"
            "async def sign_up(data, request):\n    session = await get_session(request)\n"
            "    session['auth_token'] = data['token']\n"
            "async def rotated(data, request):\n    session = await new_session(request)\n"
            "    session['auth_token'] = data['token']\n"
            "from flask import session as flask_session\n"
            "def forget_sign_in():\n    del flask_session['oidc_logintime']\n"
            "    flask_session.pop('oidc_cached_userdata', None)\n    flask_session.pop(KEY, None)\n")
    found = functions.profiles(ast.parse(text))
    assert found["sign_up"] == {"events": [["bind", "aiohttp_session", "auth_token"]]}
    assert found["rotated"] == {"events": [["call", "aiohttp_session.new_session"], ["bind", "aiohttp_session", "auth_token"]]}
    # `KEY`: a name, read in the helper's module by the model (model._cookie_names_read)
    assert found["forget_sign_in"] == {"events": [["remove", "flask", "oidc_logintime"],
                                                  ["remove", "flask", "oidc_cached_userdata"],
                                                  ["remove", "flask", None, "KEY"]]}
    assert functions.profiles_from_text(text, summary.scan_imports(text)) == found


def test_a_regular_expressions_group_of_digits_declares_a_number():
    text = ("from django.urls import re_path\nurlpatterns = [\n"
            "    re_path(r'^s/(?P<sid>[0-9]+)/(?P<n>\\d+)/(?P<key>[^/]+)/$', view),\n"
            "    re_path(r'^t/(?P<sid>[a-z]+)/$', other),\n]\n")
    facts = summary.summarise(text)
    assert facts["int_path_params"] == ["n", "sid"]
    assert facts["other_path_params"] == ["key", "sid"]  # `sid` is a number in one rule only


def test_the_summary_keeps_the_cookie_options_a_settings_module_gives_as_literals():
    """settings_values.scan: literals of COOKIE-named options and of a
    settings dict's COOKIE entries; any other module-level binding of such
    a name, or of a dict a deployment module changes, is unknown; the
    framework's own settings are the settings rules'."""
    from fixlint.project import settings_values

    text = (
        "import os\n"
        "SESSION_COOKIE_SECURE = False\n"
        "AUTH_COOKIE_SECURE = False\n"
        "COOKIE_NAME = 'refresh_token'\n"
        "JWT_COOKIE_HTTPONLY = os.environ.get('H') == '1'\n"
        "DEBUG = False\n"
        "SIMPLE_JWT = {\n"
        "    'ACCESS_TOKEN_LIFETIME': timedelta(minutes=5),\n"
        "    'AUTH_COOKIE': 'access_token',\n"
        "    'AUTH_COOKIE_SECURE': False,\n"
        "    'AUTH_COOKIE_DOMAIN': os.environ.get('D'),\n"
        "}\n"
        "OPTIONS = dict(COOKIE_AGE=60, OTHER=1)\n"
    )
    assert settings_values.scan(text) == {
        "AUTH_COOKIE_SECURE": False, "COOKIE_NAME": "refresh_token", "JWT_COOKIE_HTTPONLY": "?",
        "SIMPLE_JWT": {"AUTH_COOKIE": "access_token", "AUTH_COOKIE_SECURE": False, "AUTH_COOKIE_DOMAIN": "?"},
        "OPTIONS": {"COOKIE_AGE": 60}}
    overriding = "from .base import *\nSIMPLE_JWT['AUTH_COOKIE_SECURE'] = True\nAUTH_COOKIE_SECURE = env('S')\n"
    assert settings_values.scan(overriding) == {"SIMPLE_JWT": "?", "AUTH_COOKIE_SECURE": "?"}
    assert settings_values.scan("DEBUG = False\nX = {'A': 1}\n") == {}


def test_a_cookie_option_read_from_the_settings_is_judged_as_the_settings_give_it(tmp_path):
    """`secure=settings.SIMPLE_JWT["AUTH_COOKIE_SECURE"]` with a literal
    False in the settings is SFX302 at the call, and the message quotes
    what the code reads; a deployment module overriding it, or a value
    the settings compute, is trusted."""
    write(tmp_path, "manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n")
    write(tmp_path, "site/__init__.py", "")
    write(tmp_path, "site/settings.py", (
        "INSTALLED_APPS = ['accounts']\nMIDDLEWARE = []\nROOT_URLCONF = 'site.urls'\nSESSION_COOKIE_SECURE = True\n"
        "SIMPLE_JWT = {\n    'AUTH_COOKIE': 'access_token',\n    'AUTH_COOKIE_SECURE': False,\n}\n"))
    write(tmp_path, "accounts/__init__.py", "")
    write(tmp_path, "accounts/views.py", (
        "from django.conf import settings\nfrom django.http import HttpResponse\n\n\n"
        "def login(request):\n"
        "    response = HttpResponse()\n"
        "    response.set_cookie(settings.SIMPLE_JWT['AUTH_COOKIE'], 't', httponly=True, samesite='Lax',\n"
        "                        secure=settings.SIMPLE_JWT['AUTH_COOKIE_SECURE'])\n"
        "    return response\n"))
    found = _cli("--select", "SFX302", str(tmp_path))
    views = str((tmp_path / "accounts/views.py").resolve())
    assert found.get(views) == {(7, "SFX302")}, found
    result = run_cli("check", "--select", "SFX302", "--no-cache", ".", cwd=tmp_path)
    assert ("cookie 'access_token' is set with secure=settings.SIMPLE_JWT['AUTH_COOKIE_SECURE'], which is False"
            in result.stdout), result.stdout
    write(tmp_path, "site/production.py", "from .settings import *\nSIMPLE_JWT['AUTH_COOKIE_SECURE'] = True\n")
    assert views not in _cli("--select", "SFX302", str(tmp_path))


def test_a_component_of_the_settings_package_is_django_configuration():
    """`settings/components/rest.py`, which the settings package star-imports,
    names no framework and sets keys Flask reads too: the project model
    finds it a part of the Django settings, and the message says so."""
    found = _cli(FIXTURES / "django" / "rest_auth_component")
    rest = str((FIXTURES / "django" / "rest_auth_component" / "proj" / "settings" / "components" / "rest.py").resolve())
    done = run_cli("check", "--exit-zero", rest, cwd=ROOT)
    assert "SFX303 SESSION_COOKIE_SAMESITE = None" in done.stdout and done.stdout.rstrip().endswith("(Django)"), done.stdout
    assert found.get(rest)
