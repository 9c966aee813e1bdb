"""SFX101: behaviour the fixtures do not pin — configuration, helper cycles,
messages per backend, test code, the vocabulary."""

from __future__ import annotations

import ast
import textwrap

import pytest

from fixlint.analysis.lifecycle import LifecycleAnalysis
from fixlint.analysis.identity import is_identity_key
from fixlint.config import Config, ConfigError
from fixlint.engine.checker import check_tree
from fixlint.rules import get_rule

from .annotations import FIXTURES
from .helpers import lint, messages

FLASK_LOGIN_VIEW = """
    from flask import Flask, redirect, request, session

    app = Flask(__name__)

    @app.post("/portal/enter")
    def enter():
        user = find(request.form["email"])
        session["user_id"] = user.id
        return redirect("/")
"""


# What each message ends with: the severity its session backend earns.
HIGH = " [high: server-side session, a session id planted before login becomes signed in]"
MEDIUM = (" [medium: signed-cookie session, the planted cookie stays anonymous but data planted in the "
          "session before login carries over]")


def sfx101(source, filename="app.py", config=None):
    return lint(source, filename=filename, config=config, codes={"SFX101"})


def sfx101_messages(source, filename="app.py", config=None):
    return [m for m in messages(source, filename=filename, config=config) if m.startswith("SFX101")]


# -- handlers ----------------------------------------------------------------

def test_configured_login_names_mark_a_handler():
    assert sfx101(FLASK_LOGIN_VIEW) == []
    config = Config.from_mapping({"login-names": ["portal"]})
    assert sfx101(FLASK_LOGIN_VIEW, config=config) == [(8, 5, "SFX101")]


def test_login_words_match_class_names_route_paths_and_digits():
    source = """
        from flask import Flask, session
        from flask.views import MethodView

        app = Flask(__name__)

        class SignInView(MethodView):
            def post(self):
                session["uid"] = 1

        @app.post("/accounts/sign-in")
        def enter():
            session["uid"] = 1

        def verify_2fa():
            session["uid"] = 1

        def catalog_index():
            session["uid"] = 1
    """
    assert sfx101(source) == [(8, 9, "SFX101"), (12, 5, "SFX101"), (15, 5, "SFX101")]


def test_credential_verification_makes_a_login_handler():
    source = """
        import bcrypt
        from flask import session
        from passlib.context import CryptContext

        pwd_context = CryptContext(schemes=["bcrypt"])

        def exchange(form, user):
            if bcrypt.checkpw(form["pw"].encode(), user.hash):
                session["uid"] = user.id

        def upgrade(form, user):
            if pwd_context.verify(form["pw"], user.hash):
                session["uid"] = user.id

        def update_email(form, user):
            verify_csrf(form)
            session["email"] = form["email"]
    """
    assert sfx101(source) == [(9, 9, "SFX101"), (13, 9, "SFX101")]


def test_a_query_comparing_a_password_column_checks_credentials():
    source = """
        from flask import session
        from sqlalchemy import and_, select

        def gate(db, name, secret):
            row = Operator.query.filter(Operator.name == name, Operator.password == secret).first()
            if row:
                session["operator_id"] = row.id

        def gate_two(db, name, secret):
            row = db.scalar(select(Operator).where(and_(Operator.name == name, secret == Operator.senha)))
            if row:
                session["operator_id"] = row.id

        def directory(db, name):
            row = Operator.query.filter(Operator.name == name, Operator.team == "ops").first()
            if row:
                session["operator_id"] = row.id
    """
    assert sfx101(source) == [(7, 9, "SFX101"), (12, 9, "SFX101")]


def test_a_verifier_method_handed_to_a_call_checks_credentials_a_setting_does_not():
    # bk-user runs its plugin's check through a wrapper; CTFd's setup wizard
    # hands a setting named verify_emails to set_config (review 35b, CTFd).
    source = """
        from flask import session

        def dispatch(plugin, run):
            users = run(plugin.authenticate_credentials, request=None)
            session["allowed"] = [u.id for u in users]

        def setup(set_config, verify_emails, admin):
            set_config("verify_emails", verify_emails)
            session["setup_done"] = admin.id
    """
    assert sfx101(source) == [(5, 5, "SFX101")]


def test_logout_words_win_over_login_words():
    source = """
        from flask import session

        def logout_then_login_page():
            session["user_id"] = None
            session["uid"] = 2
    """
    assert sfx101(source) == []


# -- bindings ----------------------------------------------------------------

@pytest.mark.parametrize("key", ["user", "user_id", "uid", "member_id", "customer_id", "account", "email",
                                 "username", "_auth_user_id", "role", "is_admin", "logged_in",
                                 "authenticated", "mfa_passed", "currentUser", "oauth_token", "2fa_ok",
                                 "login", "login_user", "user_login", "login_id", "LOGIN_ID",
                                 "auth_mfa", "auth_mfa_ok", "auth_ticket", "otp_device_id", "login_device_id",
                                 "Authorization", "bearer"])
def test_identity_keys(key):
    assert is_identity_key(key)


@pytest.mark.parametrize("key", ["cart", "theme", "next", "django_language", "display_name", "oauth_state",
                                 "code_verifier", "pending_user_id", "login_attempts", "login_time",
                                 "csrf_token", "user_agent", "_flashes", "LoginNum", "LoginLock",
                                 "login_locked", "login_retry_cnt", "LoginTime", "login_retries",
                                 "ukey_login_error", "loginErrMsg", "auth_confirm_required", "auth_mfa_required",
                                 "auth_ticket_id", "auth_acl_id", "authTicketId", "auth_bind_otp_after_mfa",
                                 "auth_backend", "closed_account_user", "banned_user_id", "disabledUser",
                                 "authorization_code", "otp_code", "login_reason"])
def test_non_identity_keys(key):
    assert not is_identity_key(key)


def test_failed_sign_in_receiver_is_no_login():
    # Django's authenticate() sends user_login_failed when it refuses the
    # credentials: its receiver, named like a login, runs for no sign-in.
    source = """
        from django.contrib.auth.signals import user_login_failed
        from django.dispatch import receiver

        @receiver(user_login_failed)
        def on_login_failed(sender, credentials, request, **kwargs):
            request.session["attempted_username"] = credentials.get("username")

        def login_failed_too(sender, credentials, request, **kwargs):
            request.session["attempted_username"] = credentials.get("username")

        user_login_failed.connect(login_failed_too)
    """
    assert sfx101(source) == []


BACKEND = """
    from django.contrib.auth import backends
    from django.contrib.auth.backends import ModelBackend

    class Base(backends.BaseBackend):
        pass

    class {name}({base}):
        def authenticate(self, request, username=None, password=None):
            user = self.get_user(username)
            if user is None or not user.check_password(password):
                return None
            request.session["user_id"] = user.pk
            return user
"""


@pytest.mark.parametrize("base", ["ModelBackend", "backends.RemoteUserBackend", "Base"])
def test_authentication_backend_method_is_no_handler(base):
    # authenticate() calls it inside the view that signs the user in.
    assert sfx101(BACKEND.format(name="PasswordBackend", base=base)) == []


def test_class_deriving_from_no_backend_is_judged_by_its_names():
    assert sfx101(BACKEND.format(name="PasswordBackend", base="object")) == [(12, 9, "SFX101")]


def test_falsy_literal_is_not_a_binding():
    source = """
        from flask import session

        def login():
            session["user_id"] = None
            session["logged_in"] = False
    """
    assert sfx101(source) == []


def test_key_from_a_module_constant_is_resolved():
    source = """
        from flask import session

        USER_KEY = "user_id"

        def login(user):
            session[USER_KEY] = user.id
    """
    assert sfx101(source) == [(6, 5, "SFX101")]


def test_django_login_imported_inside_the_view_counts():
    source = """
        from django.shortcuts import redirect

        def login_view(request):
            from django.contrib.auth import authenticate, login
            user = authenticate(request, username="u", password="p")
            login(request, user)
            request.session["member_id"] = user.member.pk
            return redirect("/")
    """
    assert sfx101(source, filename="views.py") == []


def test_store_binding_under_an_id_of_unknown_origin_is_silent():
    source = """
        from fastapi import FastAPI, Request

        from .ids import session_id_for

        app = FastAPI()
        SESSIONS = {}

        @app.post("/login")
        async def login(request: Request):
            sid = session_id_for(request)
            SESSIONS[sid] = {"user_id": 1}
    """
    assert sfx101(source) == []


def test_store_binding_under_the_id_middleware_put_in_the_request_state_is_reported():
    # `request.state.session_id`: the id the request came with (a middleware read
    # it from the cookie, or made one up before sign-in), as `g.sid` in Flask.
    source = """
        from fastapi import FastAPI, Request

        app = FastAPI()
        SESSIONS = {}

        @app.post("/login")
        async def login(request: Request):
            sid = request.state.session_id
            SESSIONS[sid] = {"user_id": 1}
    """
    assert sfx101(source) == [(9, 5, "SFX101")]


# -- regeneration --------------------------------------------------------------

@pytest.mark.parametrize("regenerator", ["myapp.auth.rotate", "rotate"])
def test_configured_regenerators_count_anywhere(regenerator):
    source = """
        from flask import session
        from myapp.auth import rotate

        def login(user):
            session["user_id"] = user.id
            rotate()
    """
    assert sfx101(source) == [(5, 5, "SFX101")]
    config = Config.from_mapping({"regenerators": [regenerator]})
    assert sfx101(source, config=config) == []


def test_regeneration_named_call_to_unseen_code_is_trusted():
    source = """
        from flask import session
        from myapp.sessions import regenerate_session

        def login(user):
            regenerate_session()
            session["user_id"] = user.id
    """
    assert sfx101(source) == []


def test_session_backends_option_makes_clear_insufficient():
    source = """
        from flask import session

        def login(user):
            session.clear()
            session["user_id"] = user.id
    """
    assert sfx101(source) == []
    config = Config.from_mapping({"session-backends": ["flask-session"]})
    assert sfx101_messages(source, config=config) == [
        "SFX101 login binds 'user_id' to the session without regenerating it; session.clear() "
        "keeps the session id, so call app.session_interface.regenerate(session) (Flask-Session)" + HIGH
    ]


def test_flask_session_is_detected_from_a_config_class():
    source = """
        from flask import session

        class ProductionConfig:
            SESSION_TYPE = "redis"

        def login(user):
            session.clear()
            session["user_id"] = user.id
    """
    assert sfx101(source) == [(8, 5, "SFX101")]


def test_session_type_on_a_quart_app_marks_no_flask_session():
    # Flask-Session runs Flask's sessions only: a Quart app that sets
    # SESSION_TYPE keeps Quart's signed cookie, whose fix is session.clear().
    source = """
        from quart import Quart, session

        app = Quart(__name__)
        app.config["SESSION_TYPE"] = "redis"

        async def login(user):
            session["user_id"] = user.id
    """
    assert sfx101_messages(source) == [
        "SFX101 login binds 'user_id' to the session without regenerating it; call session.clear() first (Quart)"
        + MEDIUM
    ]
    flask = source.replace("quart import Quart", "flask import Flask").replace("Quart(", "Flask(").replace(
        "async def", "def")
    assert "(Flask-Session)" in sfx101_messages(flask)[0]


def test_unknown_session_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="session-backends: unknown value 'beaker'"):
        Config.from_mapping({"session-backends": ["beaker"]})


# -- helpers -------------------------------------------------------------------

def test_mutually_recursive_helpers_end_and_report_at_the_call():
    source = """
        from flask import session

        def ping(user, n):
            if n:
                pong(user, n - 1)

        def pong(user, n):
            ping(user, n)
            session["user_id"] = user.id

        def login(user):
            ping(user, 3)
    """
    assert sfx101_messages(source) == [
        "SFX101 login calls ping(), which binds 'user_id' to the session without regenerating it; "
        "call session.clear() first (Flask)" + MEDIUM
    ]
    assert sfx101(source) == [(12, 5, "SFX101")]


def test_a_call_to_an_import_a_later_def_replaces_is_a_call_of_that_def():
    # The body runs after the whole module has: `remember` is the def below,
    # not the import; a def of the name inside another function is not.
    source = """
        from flask import session
        from helpers import remember

        def login(user):
            remember(user)

        {prefix}def remember(user):
        {prefix}    session["user_id"] = user.id
    """
    assert sfx101(source.format(prefix="")) == [(5, 5, "SFX101")]
    nested = source.format(prefix="    ").replace("        login(", "        login(", 1)
    nested = nested.replace("\n            def remember", "\n        def outer():\n            def remember", 1)
    assert sfx101(nested) == []


def test_login_named_helper_is_judged_on_its_callers_path():
    source = """
        from flask import session

        def login_user_session(user):
            session["user_id"] = user.id

        def login(user):
            session.clear()
            login_user_session(user)
    """
    assert sfx101(source) == []


def test_mutually_recursive_login_handlers_keep_their_own_reports():
    source = """
        from flask import session

        def login_a(user):
            session["uid"] = user.id
            login_b(user)

        def login_b(user):
            login_a(user)
    """
    assert sfx101(source) == [(4, 5, "SFX101"), (8, 5, "SFX101")]


# -- messages ------------------------------------------------------------------

BACKENDS = {
    "Django": (
        "views.py",
        """
        def login_view(request):
            request.session["member_id"] = 1
        """,
        "import django\n",
        "SFX101 login binds 'member_id' to the session without regenerating it; call "
        "request.session.cycle_key() or log in with django.contrib.auth.login() (Django)" + HIGH,
    ),
    "Starlette": (
        "app.py",
        """
        async def login(request: Request):
            request.session["user_id"] = 1
        """,
        "from starlette.requests import Request\n",
        "SFX101 login binds 'user_id' to the session without regenerating it; call "
        "request.session.clear() first (Starlette)" + MEDIUM,
    ),
    "starsessions": (
        "app.py",
        """
        async def login(request: Request):
            request.session.clear()
            request.session["user_id"] = 1
        """,
        "import starsessions\nfrom starlette.requests import Request\n",
        "SFX101 login binds 'user_id' to the session without regenerating it; "
        "request.session.clear() keeps the session id, so call regenerate_session_id(request) (starsessions)" + HIGH,
    ),
    "Flask-Login": (
        "app.py",
        """
        def login(user):
            login_user(user)
        """,
        "from flask_login import login_user\n",
        "SFX101 login binds the user to the session with login_user() without regenerating it; "
        "call session.clear() before login_user() (Flask-Login)" + MEDIUM,
    ),
    "store": (
        "app.py",
        """
        SESSIONS = {}

        def login(request, user):
            SESSIONS[request.cookies["sid"]] = {"uid": user.id}
        """,
        "",
        "SFX101 login binds 'uid' to the store record of the session id the request's cookie "
        "brought; issue a new id with secrets.token_urlsafe(), store the record under it and send "
        "it as the cookie (hand-rolled session store)" + HIGH,
    ),
}


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_message_names_the_backend_specific_fix(backend):
    filename, body, header, expected = BACKENDS[backend]
    source = header + textwrap.dedent(body)
    assert sfx101_messages(source, filename=filename) == [expected]


# -- test code and cost ----------------------------------------------------------

@pytest.mark.parametrize("filename", ["tests/test_auth.py", "conftest.py", "auth_test.py"])
def test_test_modules_are_skipped(filename):
    assert sfx101(FLASK_LOGIN_VIEW.replace("enter", "login"), filename=filename) == []


def test_a_test_folder_module_is_skipped_by_default():
    source = textwrap.dedent(FLASK_LOGIN_VIEW.replace("enter", "login"))
    assert sfx101(source, filename="test/shop/app.py") == []


def test_with_include_tests_a_test_folder_module_is_skipped_only_when_it_drives_a_test_client():
    source = textwrap.dedent(FLASK_LOGIN_VIEW.replace("enter", "login"))
    config = Config(include_tests=True)
    assert sfx101(source, filename="test/shop/app.py", config=config) == [(8, 5, "SFX101")]
    with_client = source + "\nclient = app.test_client()\n"
    assert sfx101(with_client, filename="tests/fakeapp.py", config=config) == []


def test_test_functions_and_classes_are_skipped():
    source = """
        from flask import session

        def test_login():
            session["user_id"] = 1

        class TestLogin:
            def login(self):
                session["user_id"] = 1
    """
    assert sfx101(source) == []


def test_keywords_guard_skips_files_without_sessions_or_logins():
    assert not LifecycleAnalysis.wanted("import os\nprint(1)\n", Config())
    assert LifecycleAnalysis.wanted("from flask import session\n", Config())
    config = Config.from_mapping({"login-names": ["portal"]})
    assert LifecycleAnalysis.wanted("def portal(): pass\n", config)


def test_a_file_no_rule_can_judge_is_not_walked(monkeypatch):
    from fixlint.analysis.handlers import HandlerAnalysis

    visited = []
    monkeypatch.setattr(HandlerAnalysis, "visit_function", lambda self, node: visited.append(node))
    source = "def login():\n    return 1\n"
    rules = [get_rule("SFX101"), get_rule("SFX102")]
    result = check_tree(ast.parse(source), "app.py", Config(), rules, "def x():\n    return 1\n")
    assert result.findings == [] and visited == []


def test_a_credential_lookup_then_a_write_of_the_row_is_a_login_whatever_the_names():
    source = """
        from flask import Flask, request, session

        app = Flask(__name__)

        @app.post("/x")
        def proceed():
            cur = db.cursor()
            cur.execute("SELECT * FROM contas WHERE email = ? AND senha = ?", (request.form["e"], request.form["s"]))
            linha = cur.fetchone()
            if linha:
                session["quem"] = linha[0]
            return "ok"
    """
    assert messages(source) == [
        "SFX101 login binds 'quem', a value of the verified user record, to the session without regenerating "
        "it; call session.clear() first (Flask)" + MEDIUM]


def test_a_write_of_request_data_after_a_check_on_the_request_user_binds_nobody():
    source = """
        from django.shortcuts import redirect

        def change_theme(request):
            if request.user.check_password(request.POST["pw"]):
                request.session["quem"] = request.POST["theme"]
            return redirect("/")
    """
    assert lint(source, filename="views.py") == []


def test_a_write_of_the_record_without_a_credential_check_binds_nobody():
    source = """
        from flask import Flask, session

        app = Flask(__name__)

        @app.get("/x")
        def show():
            row = db.execute("SELECT * FROM items WHERE id = ?", (1,)).fetchone()
            session["quem"] = row[0]
            return "ok"
    """
    assert lint(source) == []


AIOHTTP_LOGIN = """
    from aiohttp_session import get_session
    {imports}

    async def login(request):
        session = await get_session(request)
        session["user_id"] = 1
"""


def test_aiohttp_session_severity_follows_the_storage_and_says_when_it_is_unsigned():
    def message(imports):
        found = sfx101_messages(AIOHTTP_LOGIN.format(imports=imports))
        assert len(found) == 1, found
        return found[0]

    assert message("from aiohttp_session.redis_storage import RedisStorage").endswith(HIGH)
    assert message("from aiohttp_session.cookie_storage import EncryptedCookieStorage").endswith(MEDIUM)
    unsigned = message("from aiohttp_session import SimpleCookieStorage")
    assert "[medium: unsigned cookie session (SimpleCookieStorage)" in unsigned
    assert "anyone can forge its data" in unsigned
    # A server-side storage beside a cookie one: the server-side one rules.
    both = "from aiohttp_session import SimpleCookieStorage\n    from aiohttp_session.redis_storage import RedisStorage"
    assert message(both).endswith(HIGH)


def test_each_aiohttp_app_of_a_project_runs_on_the_storage_its_own_main_sets_up(tmp_path):
    """Two demo apps linked into one application through a shared package
    (aiohttp-security's demo/): each handler module runs on the storage
    the module importing it sets up, not on the first storage anywhere; a
    module that sets one up itself runs on its own."""
    from .helpers import run_cli, write

    write(tmp_path, "pyproject.toml", "[project]\nname = 'demos'\n")
    write(tmp_path, "shared/__init__.py", "VERSION = 1\n")
    login = (
        "from aiohttp import web\n"
        "from aiohttp_session import get_session\n"
        "import shared\n\n\n"
        "async def login(request):\n"
        "    session = await get_session(request)\n"
        "    session['user_id'] = 1\n"
        "    return web.Response()\n"
    )
    for demo, storage in (("unsigned", "from aiohttp_session import SimpleCookieStorage, setup"),
                          ("signed", "from aiohttp_session import setup\n"
                                     "from aiohttp_session.cookie_storage import EncryptedCookieStorage")):
        write(tmp_path, f"{demo}/__init__.py", "")
        write(tmp_path, f"{demo}/handlers.py", login)
        write(tmp_path, f"{demo}/main.py", f"import shared\n{storage}\nfrom .handlers import login\n")
    write(tmp_path, "alone.py", "from aiohttp_session import SimpleCookieStorage\n" + login)
    result = run_cli("check", "--select", "SFX101", "--no-cache", ".", cwd=tmp_path)
    found = {line.split(":")[0]: line for line in result.stdout.splitlines() if "SFX101" in line}
    assert set(found) == {"unsigned/handlers.py", "signed/handlers.py", "alone.py"}, result.stdout
    assert "unsigned cookie session (SimpleCookieStorage)" in found["unsigned/handlers.py"]
    assert "unsigned cookie session (SimpleCookieStorage)" in found["alone.py"]
    assert found["signed/handlers.py"].endswith(MEDIUM)


def test_the_summary_records_the_imports_that_choose_a_backend():
    from fixlint.project import summary

    text = ("from aiohttp_session import SimpleCookieStorage, get_session\n"
            "import aiohttp_session.redis_storage\nfrom pyramid_beaker import session_factory_from_settings\n")
    assert sorted(summary.summarise(text)["backend_imports"]) == [
        "aiohttp_session.SimpleCookieStorage", "aiohttp_session.redis_storage", "pyramid_beaker"]
    assert summary.summarise("from aiohttp_session import get_session\n")["backend_imports"] == []
    # Pyramid's config.include() of a backend package sets it up as an import would.
    included = 'config.include("pyramid_redis_sessions")\nconfig.include(".views")\nconfig.include(name)\n'
    assert summary.summarise(included)["backend_imports"] == ["pyramid_redis_sessions"]


def test_the_summary_records_beakers_session_type_given_in_code():
    from fixlint.project import summary

    for text in ('settings.setdefault("session.type", "cookie")\n',
                 'settings["session.type"] = "cookie"\n',
                 'SESSION = {"session.type": "cookie", "session.key": "s"}\n'):
        assert summary.summarise(text)["backend_settings"] == ["session.type=cookie"], text
    assert summary.summarise('settings["session.type"] = "ext:redis"\n')["backend_settings"] == [
        "session.type=ext:redis"]
    assert summary.summarise('settings["session.type"] = os.environ["T"]\n')["backend_settings"] == [
        "session.type="]
    assert summary.summarise('settings.get("session.type")\n')["backend_settings"] == []


def test_beakers_session_type_cookie_in_the_projects_code_rates_the_login_medium():
    import json
    from pathlib import Path

    from .helpers import run_cli

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "pyramid"
    for app, level, ending in (("beaker_cookie_app", "warning", MEDIUM), ("beaker_file_app", "error", HIGH),
                               ("beaker_app", "error", HIGH), ("redis_app", "error", HIGH)):
        result = run_cli("check", "--select", "SFX101", "--no-cache", "--format", "sarif", app, cwd=fixtures)
        found = json.loads(result.stdout)["runs"][0]["results"]
        assert found, app
        for r in found:
            assert r["level"] == level and r["message"]["text"].endswith(ending), (app, r)
    cookie = run_cli("check", "--select", "SFX101", "--no-cache", "beaker_cookie_app", cwd=fixtures).stdout
    assert '(Pyramid with pyramid_beaker, session.type "cookie")' in cookie and "server-side" not in cookie


def test_another_value_given_for_session_type_keeps_beaker_server_side():
    from fixlint.frameworks import PYRAMID
    from fixlint.frameworks.pyramid import BEAKER_BACKEND, BEAKER_COOKIE_BACKEND, BEAKER_MODULE

    assert PYRAMID.backend_set_by(BEAKER_MODULE, BEAKER_BACKEND, {"session.type=cookie"}) is BEAKER_COOKIE_BACKEND
    for given in (set(), {"session.type=file"}, {"session.type=cookie", "session.type=memory"},
                  {"session.type=cookie", "session.type="}):
        assert PYRAMID.backend_set_by(BEAKER_MODULE, BEAKER_BACKEND, given) is BEAKER_BACKEND, given


def test_a_clear_in_a_branch_that_aborts_covers_no_binding_after_it():
    source = """
        from {package} import {app_class}, abort, request, session

        app = {app_class}(__name__)

        @app.post("/login")
        {defn} login():
            user = check(request.args["u"])
            if user is None:
                session.clear()
                abort(401)
            session["user_id"] = user
            return "ok"

        @app.post("/signin")
        {defn} signin():
            user = check(request.args["u"])
            if user is None:
                session.clear()
                log(user)
            session["user_id"] = user
            return "ok"
    """
    for package, app_class, defn in (("flask", "Flask", "def"), ("quart", "Quart", "async def")):
        found = sfx101(source.format(package=package, app_class=app_class, defn=defn))
        assert [line for line, _, _ in found] == [11], (package, found)


def test_django_login_on_one_branch_covers_the_whole_view():
    # RULES.md: never flag a view that uses login(), even when it sits in a
    # branch that returns and another path writes an identity; flush() on a
    # failed login's branch still covers only that branch.
    source = """
        from django.contrib.auth import authenticate, login
        from django.shortcuts import redirect, render

        def portal_login(request):
            user = authenticate(request, username="u", password="p")
            if user is not None:
                login(request, user)
                return redirect("/")
            request.session["guest_user_id"] = make_guest().pk
            return render(request, "login.html")

        def portal_signin(request):
            user = authenticate(request, username="u", password="p")
            if user is None:
                request.session.flush()
                return render(request, "login.html")
            request.session["user_id"] = user.pk
            return redirect("/")
    """
    assert sfx101(source, filename="views.py") == [(17, 5, "SFX101")]


def test_session_backends_names_the_adapters_storage_variants():
    source = AIOHTTP_LOGIN.format(imports="")
    assert sfx101_messages(source)[0].endswith(HIGH)  # no storage named: server-side
    config = Config.from_mapping({"session-backends": ["aiohttp-session-cookie"]})
    assert sfx101_messages(source, config=config)[0].endswith(MEDIUM)
    config = Config.from_mapping({"session-backends": ["aiohttp-session-simple-cookie"]})
    assert "unsigned cookie session" in sfx101_messages(source, config=config)[0]
    # A storage the module imports says more than the option.
    imported = AIOHTTP_LOGIN.format(imports="from aiohttp_session.redis_storage import RedisStorage")
    assert sfx101_messages(imported, config=config)[0].endswith(HIGH)


def test_every_session_backends_value_is_accepted_and_the_readme_lists_it():
    from pathlib import Path

    from fixlint.frameworks import SESSION_BACKEND_OPTIONS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert {"pyramid-beaker", "litestar-server-side", "aiohttp-session-cookie",
            "aiohttp-session-simple-cookie", "flask-session", "django-signed-cookies"} <= set(SESSION_BACKEND_OPTIONS)
    for name in SESSION_BACKEND_OPTIONS:
        assert Config.from_mapping({"session-backends": [name]}).session_backends == (name,)
        assert f"| `{name}` |" in readme


def test_a_same_module_helper_acts_on_the_framework_of_the_session_it_is_given():
    """fixtures/flask/two_frameworks.py: Flask and Starlette in one module.
    The helper's binding is Flask's where a Flask view passes Flask's
    session (Flask's advice; a Flask clear() before it covers it), and
    Starlette's where a Starlette endpoint passes request.session."""
    source = (FIXTURES / "flask" / "two_frameworks.py").read_text(encoding="utf-8")
    found = [m.split(" [")[0] for m in messages(source, filename="two_frameworks.py")
             if m.startswith(("SFX101", "SFX102"))]
    assert found == [
        "SFX101 login calls mark_admin(), which binds 'is_admin' to the session without regenerating it; "
        "call session.clear() first (Flask)",
        "SFX102 logout calls drop_admin(), which removes only 'is_admin' and leaves the session alive; "
        "call session.clear() (Flask)",
        "SFX101 login calls mark_admin(), which binds 'is_admin' to the session without regenerating it; "
        "call request.session.clear() first (Starlette)",
    ]


def test_an_aiohttp_session_a_project_middleware_keeps_on_the_request_runs_on_the_apps_storage(tmp_path):
    """`request.session = await get_session(request)` in the application's
    middleware (aiohttp_site): a view's `self.request.session` is
    aiohttp-session's, on the storage the app sets up (a signed cookie
    here: medium, and no server-side advice), as get_session's is."""
    from .helpers import run_cli, write

    write(tmp_path, "pyproject.toml", "[project]\nname = 'site'\n")
    write(tmp_path, "demo/__init__.py", "")
    write(tmp_path, "demo/app.py", (
        "from aiohttp import web\n"
        "from aiohttp_session import get_session, setup\n"
        "from aiohttp_session.cookie_storage import EncryptedCookieStorage\n"
        "from .views import Signup\n\n\n"
        "@web.middleware\n"
        "async def session_middleware(request, handler):\n"
        "    request.session = await get_session(request)\n"
        "    return await handler(request)\n\n\n"
        "def create_app(key):\n"
        "    app = web.Application(middlewares=[session_middleware])\n"
        "    setup(app, EncryptedCookieStorage(key, secure=True, samesite='Lax'))\n"
        "    app.router.add_view('/signup', Signup)\n"
        "    return app\n"))
    write(tmp_path, "demo/views.py", (
        "from aiohttp import web\n\n\n"
        "class Signup(web.View):\n"
        "    async def post(self):\n"
        "        data = await self.request.post()\n"
        "        self.request.session['user'] = data['username']\n"
        "        return web.HTTPFound('/')\n"))
    result = run_cli("check", "--select", "SFX101", "--no-cache", ".", cwd=tmp_path)
    found = [line for line in result.stdout.splitlines() if "SFX101" in line]
    assert len(found) == 1 and found[0].startswith("demo/views.py:7:"), result.stdout
    assert found[0].endswith(MEDIUM), found[0]
    assert "keep the session's identity" not in found[0]
