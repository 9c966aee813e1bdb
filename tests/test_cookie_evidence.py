"""Project facts about cookies (RULES.md, Revision 2, "The project is the
unit"): which cookie names an application may read, and which containers it
looks up by a cookie's value; and how SFX201 uses them across modules."""

from __future__ import annotations

from fixlint.frameworks import cookie_is_read
from fixlint.frameworks import session_id_words as sid
from fixlint.project import cookie_reads, session_stores, summary

from .helpers import run_cli, write


def test_names_mentioned_beside_cookies_count_as_read_but_set_names_do_not():
    text = (
        'import os\n'
        'AUTH = os.environ.get("AUTH_COOKIE", "shop_sid")\n'
        'def view(request, response):\n'
        '    request.cookies.get(f"branch-sid-{request.host}")\n'
        '    response.set_cookie("edge-route-sid", "v")\n'
        '    response.delete_cookie(key="old_sid")\n'
    )
    names = cookie_reads.scan(text)
    assert cookie_is_read("shop_sid", names)
    assert cookie_is_read("branch-sid-north", names)
    assert not cookie_is_read("edge-route-sid", names)
    assert not cookie_is_read("old_sid", names)
    assert cookie_is_read("session", names)  # Flask's and Starlette's session cookie


def test_a_module_that_never_mentions_cookies_reads_none():
    assert cookie_reads.scan('SID = "sid"\n') == []


def test_containers_looked_up_by_a_cookie_value_one_step_deep():
    text = (
        "def factory(app):\n"
        "    def user(request):\n"
        "        token = request.cookies.get('t')\n"
        "        return app.tokens.get(token)\n"
        "    def beat(tab):\n"
        "        return app.session_data[tab]\n"
        "    return user, beat\n"
    )
    facts = summary.summarise(text)
    assert facts["reads_cookies"]
    assert facts["cookie_keyed"] == ["tokens"]
    assert sid.is_app_state_store("session_data", frozenset(facts["cookie_keyed"]))
    assert not sid.is_app_state_store("session_data", frozenset({"tokens", "SESSIONS"}))
    assert not sid.is_app_state_store("session_data", frozenset())
    assert not session_stores.may_read("x = 1\n")


def test_cookie_readers_come_from_the_adapters_request_sources():
    """Every adapter's cookie source is a read: Django's `request.COOKIES`,
    Tornado's `self.get_signed_cookie(...)`; a request attribute that is no
    cookie source (`request.args`) is not."""
    tornado = (
        "class Me(BaseHandler):\n"
        "    def get(self):\n"
        "        return SESSIONS.get(self.get_signed_cookie('sid'))\n"
    )
    django = "def me(request):\n    return STORE[request.COOKIES['sid']]\n"
    flask = "def me():\n    return STORE[request.args['sid']]\n"
    assert session_stores.cookie_keyed(tornado) == ["SESSIONS"]
    assert session_stores.cookie_keyed(django) == ["STORE"]
    assert not session_stores.may_read(flask) and session_stores.cookie_keyed(flask) == []


HANDLER = '''from fastapi import FastAPI, Request, Response

from .auth import current_user

app = FastAPI()


@app.post("/hint")
async def hint(request: Request, response: Response):
    body = await request.json()
    session_id = body.get("session_id")
    response.set_cookie("{name}", session_id, secure=True, httponly=True, samesite="lax")
    return {{}}
'''
AUTH = '''TOKENS = {{}}


def current_user(request):
    return TOKENS.get(request.cookies.get("{name}"))
'''


def _app(folder, read):
    root = folder / "app"
    write(root, "pyproject.toml", "[project]\nname = 'app'\n")
    write(root, "pkg/__init__.py", "")
    write(root, "pkg/views.py", HANDLER.format(name="edge_sid"))
    write(root, "pkg/auth.py", AUTH.format(name=read))
    return root


def test_a_cookie_another_module_reads_is_a_session_cookie(tmp_path):
    root = _app(tmp_path, read="edge_sid")
    result = run_cli("check", "--no-cache", str(root / "pkg" / "views.py"))
    assert "SFX201" in result.stdout


def test_a_cookie_no_module_reads_is_not_a_session_cookie(tmp_path):
    root = _app(tmp_path, read="auth_sid")
    result = run_cli("check", "--no-cache", str(root / "pkg" / "views.py"))
    assert "SFX201" not in result.stdout


def test_session_keys_filled_with_a_fresh_random_id():
    text = (
        'request.session["id"] = str(uuid.uuid4())\n'
        "session['sid'] = secrets.token_urlsafe(32)\n"
        'session["visit"] = uuid4().hex\n'
        'session["nonce"] = random.random()\n'  # not a strong source
        'db_session["row"] = uuid.uuid4()\n'  # not the web session
        'session["user_id"] = user.id\n'
    )
    assert session_stores.fresh_keys(text) == ["id", "sid", "visit"]
    assert summary.summarise(text)["fresh_keys"] == ["id", "sid", "visit"]
    assert "fresh_keys" not in summary.summarise('session["user_id"] = user.id\n')


def test_application_options_that_turn_a_cookie_default_off():
    from fixlint.project import response_classes

    on = "app = falcon.App()\napp.resp_options.secure_cookies_by_default = False  # plain HTTP\n"
    assert response_classes.defaults_off(on) == ["secure_cookies_by_default"]
    assert summary.summarise(on)["defaults_off"] == ["secure_cookies_by_default"]
    in_class = "class Api:\n    def __init__(self):\n        self.api.resp_options.secure_cookies_by_default = False\n"
    assert response_classes.defaults_off(in_class) == ["secure_cookies_by_default"]
    for quiet in (
        "if DEBUG:\n    app.resp_options.secure_cookies_by_default = False\n",
        "if DEBUG:\n    pass\nelse:\n    # local\n    app.resp_options.secure_cookies_by_default = False\n",
        "app.resp_options.secure_cookies_by_default = not DEBUG\n",
        "app.resp_options.secure_cookies_by_default = True\n",
    ):
        assert response_classes.defaults_off(quiet) == [], quiet
