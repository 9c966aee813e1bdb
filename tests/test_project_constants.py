"""Facts the project model reads from a module's text for other modules.

- String constants (project/constants.py): a module-level `NAME = "text"` is
  the value of NAME wherever the project imports it; a name bound twice, in
  a block or in a docstring is not.
- Numbers (project/constants.py): a module-level `NAME = 3600 * 24 * 365` is
  NAME's value where an importer gives a lifetime, never as a flag.
- Project classes (project/response_classes.py): the response class an app
  is given and the flags its set_cookie sets, the session interface and the
  cookie flags its getters answer, and session classes' lifecycle methods."""

from __future__ import annotations

import json

import pytest

from fixlint import project
from fixlint.project import constants, summary

from .helpers import run_cli, write

KEPT = [
    ('COOKIE = "sid"\n', {"COOKIE": "sid"}),
    ("COOKIE = 'sid'  # the session\n", {"COOKIE": "sid"}),
    ('COOKIE: Final = "sid"\nOTHER: str = "x"\n', {"COOKIE": "sid", "OTHER": "x"}),
    ('"""Doc."""\nimport os\n\nCOOKIE = "a\\tb"\nprint(COOKIE, os)\nx.COOKIE = 1\nMY_COOKIE = 2\n',
     {"COOKIE": "a\tb"}),
    ('COOKIE = "sid"\r\nNAME = "n"\r\n', {"COOKIE": "sid", "NAME": "n"}),
    # A keyword argument's value beside others is no unpacking into the name.
    ('COOKIE = "sid"\ndef f(r, v):\n    r.set_cookie(key=COOKIE, value=v)\n', {"COOKIE": "sid"}),
    # A positional argument of a call with keywords after it: the call's `=`, no unpacking.
    ('COOKIE = "sid"\ndef f(r, v):\n    r.set_cookie(COOKIE, v, httponly=True)\n', {"COOKIE": "sid"}),
    ('COOKIE = "sid"\ndef f(r, v):\n    r.set_cookie(str(COOKIE), f(v), httponly=True)\n', {"COOKIE": "sid"}),
]
DROPPED = [
    'COOKIE = "a"\nCOOKIE = "b"\n',  # bound twice
    'COOKIE = "a"\nCOOKIE += "b"\n',
    'COOKIE = "a"\ndef f():\n    global COOKIE\n    COOKIE = "b"\n',
    'COOKIE = "a"\nfor COOKIE in names:\n    pass\n',
    'COOKIE = "a"\na, COOKIE = 1, 2\n',
    'COOKIE = "a"\nCOOKIE, b = 1, 2\n',
    'COOKIE = "a"\n(a, COOKIE) = 1, 2\n',
    'COOKIE = "a"\nif debug:\n    COOKIE = "b"\n',
    'COOKIE = "a"\nfrom other import X, COOKIE\n',
    'COOKIE = "a"\nimport cookies as COOKIE\n',
    'COOKIE = "a"\nwith open(p) as COOKIE:\n    pass\n',
    'COOKIE = "a"\ndel COOKIE\n',
    'COOKIE = "a"\nf(COOKIE=1)\n',  # a doubt counts as a binding
    'if debug:\n    COOKIE = "a"\n',  # not at the module level
    '"""Example:\n\nCOOKIE = "a"\n"""\n',  # a docstring's line
    'COOKIE = f"{PREFIX}sid"\n',
    'COOKIE = b"sid"\n',
    'COOKIE = "a" + "b"\n',
    'COOKIE = 3\nSECURE = False\n',  # only strings: `secure=not DEBUG` stays trusted
    'COOKIE = """sid"""\n',
]


@pytest.mark.parametrize("text,expected", KEPT)
def test_module_level_string_constants_are_kept(text, expected):
    assert constants.scan(text) == expected


@pytest.mark.parametrize("text", DROPPED)
def test_names_bound_again_or_not_plain_strings_are_not(text):
    assert "COOKIE" not in constants.scan(text)


@pytest.mark.parametrize("text, expected", [
    ('import os\nCOOKIE: str = os.getenv("COOKIE", "session")\n', {"COOKIE": "session"}),
    ("import os\nCOOKIE = os.environ.get('COOKIE', default='sid')  # the sign-in\n", {"COOKIE": "sid"}),
    ('from os import getenv\nCOOKIE = getenv("COOKIE", "session")\n', {"COOKIE": "session"}),
    ('import os.path\nCOOKIE = os.getenv("COOKIE", "session")\n', {"COOKIE": "session"}),
    # No `os` imported, or only names from it for an `os.` call.
    ('COOKIE = os.getenv("COOKIE", "session")\n', {}),
    ('from os import path\nCOOKIE = os.getenv("COOKIE", "session")\n', {}),
    # Not os's getenv, no default, a default that is no string, bound twice, indented.
    ('from env import getenv\nCOOKIE = getenv("COOKIE", "session")\n', {}),
    ('import os\nCOOKIE = os.getenv("COOKIE")\n', {}),
    ('import os\nCOOKIE = os.getenv("COOKIE", 3)\n', {}),
    ('import os\nCOOKIE = os.getenv("COOKIE", "a")\nCOOKIE = "b"\n', {}),
    ('import os\nif x:\n    COOKIE = os.getenv("COOKIE", "a")\n', {}),
])
def test_names_set_from_the_environment_keep_their_string_default(text, expected):
    assert constants.env_defaults(text, summary.scan_imports(text)) == expected
    assert "COOKIE" not in constants.scan(text) or expected == {}  # never a constant engine.values folds


def test_an_imported_environment_default_names_a_deleted_cookie(tmp_path):
    """RULES.md Revision 2: a logout that only deletes the session cookie is
    SFX102; the cookie named by `os.getenv("COOKIE_NAME", "session")` in
    config.py is `session` wherever the deployment sets nothing."""
    root = tmp_path / "shop"
    write(root, "setup.cfg", "")
    write(root, "config.py", 'import os\nCOOKIE_NAME = os.getenv("COOKIE_NAME", "session")\n')
    write(root, "views.py", "from litestar import get\nfrom litestar.response import Redirect\n"
                            "from config import COOKIE_NAME\n\n"
                            "@get('/logout')\ndef logout() -> Redirect:\n    resp = Redirect('/')\n"
                            "    resp.delete_cookie(COOKIE_NAME)\n    return resp\n")
    assert _facts(root, "views.py").env_defaults == {"config.COOKIE_NAME": "session"}
    assert _facts(root, "views.py").constants == {}
    done = run_cli("check", "--format", "json", "--exit-zero", str(root), cwd=root)
    found = [(f["line"], f["code"], f["message"]) for f in json.loads(done.stdout)["findings"]]
    assert [(line, code) for line, code, _ in found] == [(8, "SFX102")]
    assert "revoke the token on the server" in found[0][2]  # no Litestar session is set up: none to clear


def _facts(root, name):
    built = project.build(str(root), use_cache=False)
    return built.facts_for(str(root / name))


def test_imported_constants_by_the_names_the_importer_uses(tmp_path):
    root = tmp_path / "shop"
    write(root, "pyproject.toml", "[project]\nname = 'shop'\n")
    write(root, "app/__init__.py", "")
    write(root, "app/consts.py", 'COOKIE = "sid"\nTHEME = "theme"\nTWICE = "a"\nTWICE = "b"\n')
    write(root, "app/views.py", "from .consts import COOKIE, TWICE\nfrom . import consts\nimport app.consts\n")
    write(root, "app/other.py", "from app.consts import THEME as T\n")
    facts = _facts(root, "app/views.py")
    assert facts.constants == {".consts.COOKIE": "sid", ".consts.THEME": "theme",
                               "app.consts.COOKIE": "sid", "app.consts.THEME": "theme"}
    assert _facts(root, "app/other.py").constants == {"app.consts.THEME": "theme"}
    assert _facts(root, "app/consts.py").constants == {}


NUMBERS = [
    ("MAX_AGE = 3600 * 24 * 365\n", {"MAX_AGE": 31536000}),
    ("HOUR = 60 * 60\nDAY = 24 * HOUR  # a day\nWEEK: int = 7 * DAY\n", {"HOUR": 3600, "DAY": 86400, "WEEK": 604800}),
    ("RATE = 1.5\nNEG = -(60 * 60)\nCOUNT = 1_000\n", {"RATE": 1.5, "NEG": -3600, "COUNT": 1000}),
    ("MAX_AGE = 3600\r\nDAYS = 30\r\n", {"MAX_AGE": 3600, "DAYS": 30}),
    # Bound again, not at the module level, in a docstring, no number, not arithmetic, huge.
    ("MAX_AGE = 3600\nMAX_AGE = 60\n", {}),
    ("MAX_AGE = 3600\nMAX_AGE *= 24\n", {}),
    ("if debug:\n    MAX_AGE = 3600\n", {}),
    ('"""Example:\n\nMAX_AGE = 3600\n"""\n', {}),
    ("DEBUG = True\nMAX_AGE = UNKNOWN * 24\nVERSION = (1, 2)\nAGE = int(3600)\nLIMIT = cfg.days * 2\n", {}),
    ("MAX_AGE = 10 ** 10 ** 10\nINF = 1e999\n", {}),
]


@pytest.mark.parametrize("text,expected", NUMBERS)
def test_module_level_numbers_written_as_arithmetic_are_kept(text, expected):
    assert constants.numbers(text) == expected
    assert constants.scan(text) == {}  # never a string constant


def test_strings_and_numbers_come_from_one_pass_over_the_lines_in_either_order():
    """constants._assignments: one pass finds both kinds of lines; a name
    in capitals given a number is a number, any name given a string a
    string; `x = 1` and `Max = 2` are neither; what either scan keeps does
    not depend on which was asked first."""
    text = ('NAME = "sid"\nMAX_AGE = 60 * 60\nx = 1\nMax = 2\nlabel: str = \'a\'  # note\n'
            'LIMIT = "3"\nclass Config(\nFLAG=1\n):\n    pass\n')
    strings = {"NAME": "sid", "label": "a", "LIMIT": "3"}
    numbers = {"MAX_AGE": 3600, "FLAG": 1}
    assert (constants.scan(text), constants.numbers(text)) == (strings, numbers)
    again = "".join(text)  # another str object, as the next module's text would be
    assert (constants.numbers(again), constants.scan(again)) == (numbers, strings)


_LIFETIME_SETTINGS = "import os\n\nSECRET_KEY = os.environ['SECRET_KEY'].encode()\nMAX_AGE = 3600 * 24 * 365\nDEBUG = 1\n"
_LIFETIME_SERVER = """import aiohttp_session
from aiohttp import web
from aiohttp_session.cookie_storage import EncryptedCookieStorage

import settings
from settings import MAX_AGE, SECRET_KEY


def make_app():
    app = web.Application()
    aiohttp_session.setup(app, EncryptedCookieStorage(SECRET_KEY, max_age=MAX_AGE, secure=True, samesite="Lax"))
    aiohttp_session.setup(app, EncryptedCookieStorage(SECRET_KEY, secure=not settings.DEBUG, samesite="Lax"))
    return app
"""


def test_an_imported_number_is_a_lifetime_and_no_flag(tmp_path):
    """pychess-variants (session 33's m3): EncryptedCookieStorage's max_age is
    MAX_AGE = 3600 * 24 * 365 from the project's settings.py; RULES.md
    Revision 2 says to follow the project's own imports. `secure=not
    settings.DEBUG` with `DEBUG = 1` stays configuration, as with `True`."""
    root = tmp_path / "chess"
    write(root, "setup.cfg", "")
    write(root, "settings.py", _LIFETIME_SETTINGS)
    write(root, "server.py", _LIFETIME_SERVER)
    facts = _facts(root, "server.py")
    assert facts.numbers == {"settings.MAX_AGE": 31536000, "settings.DEBUG": 1}
    assert facts.constants == {}
    done = run_cli("check", "--format", "json", "--exit-zero", str(root), cwd=root)
    found = [(f["line"], f["code"], f["message"]) for f in json.loads(done.stdout)["findings"]]
    assert [(line, code) for line, code, _ in found] == [(11, "SFX304")]
    assert "lives 365 days" in found[0][2]


# -- response classes that harden every cookie (project/response_classes.py) --

from fixlint.project import response_classes  # noqa: E402

HARDENING = '''
import flask


class Hardened(flask.Response):
    def set_cookie(self, key, value="", *args, **kwargs):
        kwargs["samesite"] = "Lax"
        kwargs["secure"] = flask.request.scheme == "https"
        super().set_cookie(key, value, *args, **kwargs)


class Defaults(flask.Response):
    def set_cookie(self, key, value="", **kw):
        kw.setdefault("httponly", True)
        kw.update({"secure": None, "samesite": "Strict"})
        return super().set_cookie(key, value, **kw)


class Weakening(flask.Response):
    def set_cookie(self, key, value="", **kw):
        return super().set_cookie(key, value, secure=False, samesite=None, **kw)


class Plain(flask.Response):
    pass


class MyFlask(flask.Flask):
    response_class = Hardened


app = flask.Flask(__name__)
app.response_class = Defaults  # the second app of the module
'''


def test_response_classes_and_the_flags_their_set_cookie_sets():
    assert response_classes.assigned(HARDENING) == ["Defaults", "Hardened"]
    assert response_classes.flag_classes(HARDENING) == {
        "Hardened": ["samesite", "secure"], "Defaults": ["httponly", "samesite"]}


def test_a_response_class_from_another_module_hardens_the_whole_application(tmp_path):
    root = tmp_path / "shop"
    write(root, "pyproject.toml", "[project]\nname = 'shop'\n")
    write(root, "app/__init__.py", "")
    write(root, "app/wrappers.py", HARDENING.partition("class MyFlask")[0])  # classes, no assignment
    write(root, "app/main.py", "from flask import Flask\nfrom . import wrappers\n\n"
                               "app = Flask(__name__)\napp.response_class = wrappers.Hardened\n")
    write(root, "app/views.py", "from .main import app\n")
    assert _facts(root, "app/views.py").forced_flags == {"samesite", "secure"}
    write(root, "app/main.py", "from flask import Flask\nfrom .wrappers import Weakening\n\n"
                               "app = Flask(__name__)\napp.response_class = Weakening\n")
    assert _facts(root, "app/views.py").forced_flags == frozenset()


def test_session_methods_of_the_projects_own_session_classes():
    text = ("class CachedSession(CallbackDict, SessionMixin):\n    def regenerate(self):\n        pass\n\n"
            "    def touch(self):\n        pass\n\n\n"
            "class Cart:\n    def invalidate(self):\n        pass\n\n\n"
            "class Store(redis.SessionStore):\n    def flush(self):\n        pass\n")
    assert response_classes.session_methods(text) == ["flush", "regenerate"]
    assert response_classes.session_methods("class Cart:\n    def regenerate(self):\n        pass\n") == []


RENEWING = (
    "class PortalSession(CallbackDict, SessionMixin):\n"
    "    def __init__(self, initial=None):\n"
    "        def on_update(self):\n            self.modified = True\n"
    "        super().__init__(initial, on_update)\n\n"
    "    def set_session_user(self, user):\n        self['_user_id'] = user.id\n        self._refresh_sid = True\n\n"
    "    def show_menu(self):\n        self.refresh_menu = True\n\n"
    "    def touch(self):\n        self.modified = True\n\n\n"
    "class PortalSessionInterface(SessionInterface):\n"
    "    def save_session(self, app, session, response):\n"
    "        if session.modified and getattr(session, '_refresh_sid', False):\n"
    "            session.sid = self.generate_sid()\n"
)


@pytest.mark.parametrize("text, methods", [
    # set_session_user raises a flag the interface reads before it gives a new id; show_menu's flag is
    # read nowhere, touch's and the nested on_update's (`modified`) is no renewal by its name.
    (RENEWING, ["set_session_user"]),
    # No class gives the session a new id: no flag renews it.
    (RENEWING.replace("session.sid = self.generate_sid()", "pass"), []),
    # The flag read by another class than the one that gives the new id.
    (RENEWING.replace("getattr(session, '_refresh_sid', False)", "True") +
     "\n\nclass Audit:\n    def log(self, session):\n        return session._refresh_sid\n", []),
])
def test_session_methods_that_renew_the_id_by_another_name(text, methods):
    assert response_classes.session_methods(text) == methods


def test_a_set_cookie_override_with_a_signature_over_several_lines():
    text = ("class Hardened(Response):\n    def set_cookie(\n        self, key, value='', **kwargs\n"
            "    ) -> None:\n        # every cookie\n        kwargs['secure'] = True\n"
            "        super().set_cookie(key, value, **kwargs)\n\n    def other(self):\n"
            "        kwargs = {}\n        kwargs['samesite'] = 'Lax'\n")
    assert response_classes.flag_classes(text) == {"Hardened": ["secure"]}


def test_session_interfaces_and_the_cookie_flags_their_getters_answer():
    text = ("from flask import Flask\n\n\nclass Conf(SecureCookieSessionInterface):\n"
            "    def get_cookie_secure(self, app):\n        return request.is_secure\n\n"
            "    def get_cookie_samesite(self, app):\n        if app.debug:\n            return None\n"
            "        return 'Lax'\n\n    def get_cookie_httponly(self, app):\n        return False\n\n\n"
            "class ConfFlask(Flask):\n    session_interface = Conf()\n\n\napp.session_interface = other.Iface(app)\n")
    assert response_classes.interfaces(text) == ["Conf", "other.Iface"]
    # samesite: one of its answers is None, so not set on every path
    assert response_classes.getter_classes(text) == {"Conf": ["secure"]}


KEYED = (
    "from flask import request\nfrom flask.sessions import SessionInterface, SecureCookieSessionInterface\n\n\n"
    "class CachingSessionInterface(SessionInterface):\n"
    "    def open_session(self, app, request):\n"
    "        sid = request.cookies.get(app.session_cookie_name)\n"
    "        return CachedSession(cache.get(sid), sid=sid)\n\n\n"
    "class SignedInterface(SecureCookieSessionInterface):\n"
    "    def open_session(self, app, request):\n"
    "        return self.get_signing_serializer(app).loads(request.cookies.get('s'))\n\n\n"
    "class Generator:\n    def open_session(self, app, request):\n"
    "        sid = request.cookies.get('s')\n\n\n"
    "def create_interface(app):\n    return CachingSessionInterface()\n\n\n"
    "def other_factory(app):\n    return SignedInterface()\n"
)


def test_keyed_interfaces_keep_sessions_under_the_cookies_id():
    # The signed-cookie interface names no id; Generator is no session interface.
    assert response_classes.keyed_interfaces(KEYED) == ["CachingSessionInterface", "create_interface"]
    assert response_classes.keyed_interfaces(KEYED.replace("request.cookies", "request.headers")) == []


@pytest.mark.parametrize("assignment, keyed", [
    ("from .sessions import CachingSessionInterface\napp.session_interface = CachingSessionInterface()\n", True),
    ("from .sessions import create_interface\napp.session_interface = create_interface(app)\n", True),
    ("from . import sessions\napp.session_interface = sessions.CachingSessionInterface()\n", True),
    ("from .sessions import SignedInterface\napp.session_interface = SignedInterface()\n", False),
    ("from .sessions import CachingSessionInterface\n", False),  # imported, never installed
])
def test_an_application_whose_own_interface_is_keyed(tmp_path, assignment, keyed):
    root = tmp_path / "shop"
    write(root, "pyproject.toml", "[project]\nname = 'shop'\n")
    write(root, "app/__init__.py", "")
    write(root, "app/sessions.py", KEYED)
    write(root, "app/main.py", "from flask import Flask\n\napp = Flask(__name__)\n" + assignment)
    write(root, "app/views.py", "from .main import app\n")
    assert _facts(root, "app/views.py").keyed_interface is keyed
