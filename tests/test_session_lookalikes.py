"""Regenerations that do not regenerate (SFX101, SFX102): session methods a
backend lacks (`session.regenerate()` on Flask), and clear() undone by
putting the old session back. The fixtures pin the common shapes; these
tests pin messages per backend, trust, configuration and the fixes' limits."""

from __future__ import annotations

import textwrap

import pytest

from fixlint.config import Config
from fixlint.fix.engine import fix_text
from fixlint.frameworks import django, flask, flask_kvsession, flask_session, starlette, starsessions
from fixlint.frameworks.base import SESSION_LIFECYCLE_METHODS
from fixlint.selection import select_rules

from .annotations import FIXTURES
from .helpers import lint, messages

LIFECYCLE = {"SFX101", "SFX102"}

FLASK = """
    from flask import Flask, redirect, request, session
    {imports}
    app = Flask(__name__)

    @app.post("/login")
    def login():
        user = find(request.form["u"])
        {call}
        session["user_id"] = user.id
        return redirect("/")
"""

STARLETTE = """
    from fastapi import FastAPI, Request
    {imports}
    app = FastAPI()

    @app.post("/login")
    async def login(request: Request):
        user = await find(request)
        {call}
        request.session["user_id"] = user.id
        return {{}}
"""

DJANGO = """
    from django.shortcuts import redirect

    def login_view(request):
        user = find(request.POST["u"])
        {call}
        request.session["user_id"] = user.pk
        return redirect("/")
"""


def source(template, call, imports=""):
    return textwrap.dedent(template).format(call=call, imports=imports)


def sfx101_messages(text, config=None):
    return [m for m in messages(text, config=config) if m.startswith("SFX101")]


@pytest.mark.parametrize(
    "template, imports, call, says",
    [
        (FLASK, "", "session.regenerate()",
         "Flask's session has no regenerate(): call session.clear() before binding (default session) "
         "or app.session_interface.regenerate(session) (Flask-Session)"),
        (FLASK, "from flask_session import Session", "session.regenerate()",
         "Flask-Session's session has no regenerate(): call app.session_interface.regenerate(session) "
         "(Flask-Session)"),
        (FLASK, "", "session.invalidate()", "Flask's session has no invalidate(): call session.clear()"),
        (FLASK, "", "session.cycle_key()", "Flask's session has no cycle_key(): call session.clear()"),
        (DJANGO, "", "request.session.regenerate()",
         "Django's session has no regenerate(): call request.session.cycle_key()"),
        (STARLETTE, "from starlette.middleware.sessions import SessionMiddleware",
         "request.session.regenerate()",
         "Starlette's session has no regenerate(): call request.session.clear() first (Starlette)"),
        (STARLETTE, "from starsessions import SessionMiddleware", "request.session.regenerate()",
         "starsessions' session has no regenerate(): call regenerate_session_id(request) (starsessions)"),
    ],
    ids=["flask", "flask-session", "flask-invalidate", "flask-django-api", "django", "starlette", "starsessions"],
)
def test_a_method_the_backend_lacks_is_no_regeneration_and_the_message_names_the_real_call(
        template, imports, call, says):
    found = sfx101_messages(source(template, call, imports))
    assert len(found) == 1 and says in found[0], found


def test_the_real_calls_stay_silent():
    assert sfx101_messages(source(FLASK, "session.clear()")) == []
    assert sfx101_messages(source(DJANGO, "request.session.cycle_key()")) == []
    assert sfx101_messages(source(STARLETTE, "request.session.clear()")) == []


def test_flask_kvsession_has_regenerate_by_import_or_by_configuration():
    text = source(FLASK, "session.regenerate()")
    assert len(sfx101_messages(text)) == 1
    assert sfx101_messages(source(FLASK, "session.regenerate()", "import flask_kvsession")) == []
    config = Config.from_mapping({"session-backends": ["flask-kvsession"]})
    assert sfx101_messages(text, config=config) == []


def test_a_session_class_of_the_module_that_defines_the_method_is_trusted():
    own = "class AppSession(SecureCookieSession):\n    def regenerate(self):\n        self.clear()\n"
    text = source(FLASK, "session.regenerate()") + "\n" + own
    assert sfx101_messages(text) == []


def test_a_class_that_is_no_session_class_does_not_lend_its_method():
    other = "class Thumbnail:\n    def regenerate(self):\n        pass\n"
    text = source(FLASK, "session.regenerate()") + "\n" + other
    assert len(sfx101_messages(text)) == 1


@pytest.mark.parametrize("snapshot", [
    "dict(session)", "session.copy()", "{**session}", "dict(session.items())", "copy.deepcopy(session)",
    "{k: v for k, v in session.items()}",
])
def test_every_whole_session_snapshot_written_back_undoes_the_clear(snapshot):
    call = f"old = {snapshot}; session.clear(); session.update(old)"
    assert len(sfx101_messages(source(FLASK, call, "import copy"))) == 1


def test_a_function_of_the_module_named_dict_makes_no_snapshot():
    call = "old = dict(session); session.clear(); session.update(old)"
    own = "def dict(mapping):\n    return {}\n"
    text = source(FLASK, call).replace("app = Flask(__name__)", own + "\napp = Flask(__name__)")
    assert sfx101_messages(text) == []


def test_one_value_read_before_the_clear_is_no_snapshot():
    call = 'prefs = session.get("prefs"); session.clear(); session.update(prefs)'
    assert sfx101_messages(source(FLASK, call)) == []


def test_putting_the_old_session_back_names_the_line_that_does_it():
    call = "old = dict(session)\n    session.clear()\n    session.update(old)"
    found = sfx101_messages(source(FLASK, call))
    assert len(found) == 1 and "puts the old session back after clearing it (line 10)" in found[0], found


def test_logout_that_also_logs_out_for_real_is_not_reported_at_the_lookalike():
    text = """
        from flask import Flask, redirect, session
        from flask_login import logout_user

        app = Flask(__name__)

        @app.route("/logout")
        def logout():
            try:
                session.invalidate()
            except AttributeError:
                pass
            logout_user()
            return redirect("/")
    """
    assert lint(text, codes=LIFECYCLE) == []


def test_logout_calling_a_lookalike_in_a_helper_is_reported_at_the_call_in_the_handler():
    text = """
        from flask import Flask, redirect, session

        app = Flask(__name__)

        def end_session():
            session.invalidate()

        @app.route("/logout")
        def logout():
            end_session()
            return redirect("/")
    """
    assert lint(text, codes=LIFECYCLE) == [(10, 5, "SFX102")]
    assert "calls end_session(), which calls session.invalidate()" in messages(text)[0]


def test_every_backend_lists_only_lifecycle_methods():
    backends = (flask.SESSION_BACKEND, flask_session.SESSION_BACKEND, flask_kvsession.SESSION_BACKEND,
                django.SESSION_BACKEND, starlette.SESSION_BACKEND, starsessions.SESSION_BACKEND)
    for backend in backends:
        assert backend.session_methods, backend.key
        assert backend.session_methods <= SESSION_LIFECYCLE_METHODS | {"clear"}, backend.key


# -- fixes --------------------------------------------------------------------

RULES = select_rules(select=["SFX101", "SFX102"])


def fixed(text):
    return fix_text(textwrap.dedent(text).lstrip("\n"), "app.py", Config(), RULES, True)


def notes(outcome):
    return [note for _, note in outcome.remaining]


def test_fix_declines_a_clearing_lookalike_after_the_binding():
    outcome = fixed(source(FLASK, "pass").replace(
        '    session["user_id"] = user.id\n', '    session["user_id"] = user.id\n    session.regenerate()\n'))
    assert outcome.applied == []
    assert notes(outcome) == ["no fix: the regenerate() call comes after the binding; clearing there would drop it"]


def test_fix_declines_a_lookalike_in_a_helper():
    text = """
        from flask import Flask, redirect, request, session

        app = Flask(__name__)

        def fresh():
            session.regenerate()

        @app.post("/login")
        def login():
            fresh()
            session["user_id"] = 1
            return redirect("/")
    """
    outcome = fixed(text)
    assert outcome.applied == []
    assert notes(outcome) == ["no fix: the regenerate() call is in fresh(), which other code may call"]


def test_fix_declines_clear_and_restore():
    outcome = fixed(source(FLASK, "old = dict(session); session.clear(); session.update(old)"))
    assert outcome.applied == []
    assert notes(outcome)[0].startswith("no fix: the handler puts the old session back")


LOOKALIKE_PAIRS = sorted(FIXTURES.rglob("*lookalikes*.fixed.py"))


@pytest.mark.parametrize("pair", LOOKALIKE_PAIRS, ids=[p.name for p in LOOKALIKE_PAIRS])
def test_each_fixed_lookalike_fixture_rechecks_clean(pair):
    assert len(LOOKALIKE_PAIRS) >= 4
    assert lint(pair.read_text(encoding="utf-8"), filename=pair.name, codes=LIFECYCLE) == []
