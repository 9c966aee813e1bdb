"""The SFX101 fix: the backend's regeneration inserted before the binding,
with the names the handler uses — or no fix, with the reason, when the
insertion could lose data, miss a branch, or need a name fixlint cannot
know."""

from __future__ import annotations

import textwrap

from fixlint.config import Config
from fixlint.fix.fixer import NO_FIX, UNSAFE_FIX, fix_text
from fixlint.selection import select_rules

RULES = select_rules(select=["SFX101"])
COMMENT = "# New session at login, so a planted session id is worthless (SFX101)"


def fix(source, filename="app.py", unsafe=True):
    source = textwrap.dedent(source).lstrip("\n")
    return fix_text(source, filename, Config(), RULES, unsafe)


def inserted(outcome, source):
    """The lines the fix added, in order."""
    before = textwrap.dedent(source).lstrip("\n").splitlines()
    after = outcome.text.splitlines()
    for line in before:
        after.remove(line)
    return after


def reasons(outcome):
    return [(f.line, note) for f, note in outcome.remaining]


FLASK_LOGIN = """
from flask import Flask, flash, redirect, request, session

app = Flask(__name__)

@app.post("/login")
def login():
    user = find_user(request.form["u"])
    {body}
    return redirect("/")
"""


def flask(body, **kwargs):
    source = FLASK_LOGIN.replace("{body}", textwrap.dedent(body).strip().replace("\n", "\n    "))
    return source, fix(source, **kwargs)


def test_flask_clear_goes_right_before_the_binding_at_its_indentation():
    source, outcome = flask("""
        if user and user.check_password(request.form["p"]):
            session["user_id"] = user.id
    """)
    assert outcome.text.splitlines()[8:11] == [
        f"        {COMMENT}", "        session.clear()", '        session["user_id"] = user.id',
    ]
    assert [p.title for p in outcome.applied] == ["insert session.clear()"]
    assert reasons(outcome) == []


def test_without_unsafe_fixes_the_finding_is_left_with_the_unsafe_note():
    source, outcome = flask('session["user_id"] = user.id', unsafe=False)
    assert outcome.text == textwrap.dedent(source).lstrip("\n")
    assert reasons(outcome) == [(8, UNSAFE_FIX)]


def test_a_write_before_the_binding_gets_the_clear_above_it():
    # Clearing between the two would drop `permanent`: the clear goes first.
    source, outcome = flask("""
        session.permanent = True
        session["user_id"] = user.id
    """)
    assert outcome.text.splitlines()[7:10] == [
        f"    {COMMENT}", "    session.clear()", "    session.permanent = True"]
    assert reasons(outcome) == []


def test_a_write_in_an_earlier_branch_gets_the_clear_above_the_branch():
    source, outcome = flask("""
        if remember:
            session.permanent = True
        session["user_id"] = user.id
    """)
    assert outcome.text.splitlines()[7:10] == [f"    {COMMENT}", "    session.clear()", "    if remember:"]


def test_a_flash_before_the_binding_gets_the_clear_above_it_but_not_above_a_branch_that_returns():
    source, outcome = flask("""
        flash("welcome back")
        session["user_id"] = user.id
    """)
    assert outcome.text.splitlines()[7:10] == [f"    {COMMENT}", "    session.clear()", '    flash("welcome back")']
    source, outcome = flask("""
        if user is None:
            flash("unknown user")
            return redirect("/login")
        session["user_id"] = user.id
    """)
    assert inserted(outcome, source) == [f"    {COMMENT}", "    session.clear()"]
    assert outcome.text.splitlines()[10:12] == [f"    {COMMENT}", "    session.clear()"]  # after the return
    source, outcome = flask("""
        try:
            flash("trying the cache")
            return cached_login()
        except LookupError:
            session["user_id"] = user.id
    """)
    # An exception may get from the flash to the binding: clear before both.
    assert outcome.text.splitlines()[7:10] == [f"    {COMMENT}", "    session.clear()", "    try:"]


def test_a_write_before_the_binding_still_declines_when_a_later_read_needs_old_data():
    _, outcome = flask("""
        session.permanent = True
        session["user_id"] = user.id
        target = session.get("next")
    """)
    assert outcome.applied == []
    assert reasons(outcome) == [(9, f"{NO_FIX}: the handler reads 'next' from the session afterwards; "
                                    "clearing the session would lose it")]


def test_reading_a_key_after_the_binding_declines_unless_the_handler_wrote_it():
    _, outcome = flask("""
        session["user_id"] = user.id
        target = session.get("next")
    """)
    assert reasons(outcome) == [(8, f"{NO_FIX}: the handler reads 'next' from the session afterwards; "
                                    "clearing the session would lose it")]
    source, outcome = flask("""
        session["user_id"] = user.id
        session["roles"] = user.roles
        log(session["user_id"], session.get("roles"))
    """)
    assert inserted(outcome, source) == [f"    {COMMENT}", "    session.clear()"]


def test_a_read_inside_the_binding_statement_runs_after_the_clear():
    _, outcome = flask('session["user_id"] = session.pop("pending_user_id")')
    assert "reads 'pending_user_id'" in reasons(outcome)[0][1]


def test_bindings_on_two_branches_decline():
    _, outcome = flask("""
        if request.form.get("remember"):
            session["user_id"] = user.id
        else:
            session["user_id"] = user.id
    """)
    assert reasons(outcome) == [(9, f"{NO_FIX}: the handler binds the identity on another branch too; "
                                    "one call would not cover both")]


def test_a_binding_in_a_compound_header_gets_the_call_before_the_statement():
    source = """
        from flask import redirect, session
        from flask_login import login_user

        def login(user):
            if not login_user(user):
                return redirect("/login")
            return redirect("/")
    """
    outcome = fix(source)
    assert outcome.text.splitlines()[4:7] == [f"    {COMMENT}", "    session.clear()", "    if not login_user(user):"]


def test_a_binding_in_an_elif_condition_has_no_fix():
    _, outcome = flask("""
        if user is None:
            return redirect("/login")
        elif session.update(user_id=user.id):
            pass
    """)
    assert reasons(outcome) == [(10, f"{NO_FIX}: the statement is an `elif` condition")]


def test_a_binding_that_shares_its_line_declines():
    _, outcome = flask('user_id = user.id; session["user_id"] = user_id')
    assert reasons(outcome)[0][1] == f"{NO_FIX}: the statement shares its line with another statement"


def test_login_user_uses_the_alias_of_flasks_session_when_session_is_taken():
    source = """
        from flask import session as web_session
        from flask_login import login_user
        from .db import session

        def login(user):
            session.add(user)
            login_user(user)
    """
    outcome = fix(source)
    assert inserted(outcome, source) == [f"    {COMMENT}", "    web_session.clear()"]


def test_login_user_declines_when_session_names_something_else_and_flask_s_is_not_imported():
    outcome = fix("""
        from flask_login import login_user
        from .db import session

        def login(user):
            session.add(user)
            login_user(user)
    """)
    assert "`session` names something else" in reasons(outcome)[0][1]


def test_flask_session_regenerates_through_the_module_application_object():
    source = """
        from flask import Flask, session
        from flask_session import Session

        web = Flask(__name__)
        Session(web)

        @web.post("/login")
        def login():
            session["user_id"] = 1
    """
    outcome = fix(source)
    assert inserted(outcome, source) == [f"    {COMMENT}", "    web.session_interface.regenerate(session)"]


def test_flask_session_with_only_a_blueprint_and_no_current_app_has_no_fix():
    outcome = fix("""
        from flask import Blueprint, session
        from flask_session import Session

        bp = Blueprint("auth", __name__)

        @bp.post("/login")
        def login():
            session["user_id"] = 1
    """)
    assert reasons(outcome) == [(8, f"{NO_FIX}: the Flask application object is not named in this module "
                                    "(no app = Flask(...), no current_app import)")]


def test_starsessions_imports_regenerate_session_id_when_the_name_is_free():
    source = """
        from starlette.requests import Request
        from starsessions import SessionMiddleware

        async def sign_in(req: Request):
            req.session["user_id"] = 1
    """
    outcome = fix(source)
    assert outcome.text.splitlines()[1] == "from starsessions import SessionMiddleware, regenerate_session_id"
    assert outcome.text.splitlines()[4:6] == [f"    {COMMENT}", "    regenerate_session_id(req)"]


def test_starsessions_uses_an_existing_alias_and_declines_a_taken_name():
    source = """
        from starlette.requests import Request
        from starsessions import SessionMiddleware
        from starsessions import regenerate_session_id as new_id

        async def sign_in(request: Request):
            request.session["user_id"] = 1
    """
    assert inserted(fix(source), source) == [f"    {COMMENT}", "    new_id(request)"]
    outcome = fix("""
        from starlette.requests import Request
        from starsessions import SessionMiddleware
        from .ids import regenerate_session_id

        async def sign_in(request: Request):
            request.session["user_id"] = 1
    """)
    assert "`regenerate_session_id` names something else" in reasons(outcome)[0][1]


DJANGO_HELPER = """
from django.shortcuts import redirect

def remember(request, member):
    request.session["member_id"] = member.pk

def member_login(req):
    member = check_member(req.POST["email"], req.POST["password"])
    {call}
    return redirect("home")
"""


def test_a_helper_s_session_parameter_becomes_the_argument_the_handler_passes():
    for call in ("remember(req, member)", "remember(member=member, request=req)"):
        source = DJANGO_HELPER.replace("{call}", call)
        outcome = fix(source, filename="views.py")
        assert inserted(outcome, source) == [f"    {COMMENT}", "    req.session.cycle_key()"], call


def test_a_helper_reached_with_an_expression_or_unpacked_arguments_has_no_fix():
    outcome = fix(DJANGO_HELPER.replace("{call}", "remember(make_request(), member)"), filename="views.py")
    assert "does not pass remember() its session by name" in reasons(outcome)[0][1]
    outcome = fix(DJANGO_HELPER.replace("{call}", "remember(*args)"), filename="views.py")
    assert "unpacks its arguments" in reasons(outcome)[0][1]


def test_a_method_helper_keeps_self():
    source = """
        from django.views.generic import FormView

        class MemberLogin(FormView):
            def bind(self, member):
                self.request.session["member_id"] = member.pk

            def form_valid(self, form):
                self.bind(form.member)
                return super().form_valid(form)
    """
    outcome = fix(source, filename="views.py")
    assert inserted(outcome, source) == [f"        {COMMENT}", "        self.request.session.cycle_key()"]


def test_a_hand_rolled_store_has_no_fix():
    outcome = fix("""
        from fastapi import Cookie, FastAPI

        SESSIONS = {}
        app = FastAPI()

        @app.post("/login")
        def login(sid: str = Cookie(None)):
            SESSIONS[sid]["user_id"] = 1
    """)
    assert reasons(outcome) == [(8, f"{NO_FIX}: a hand-rolled store needs a new id, the record moved under it "
                                    "and the cookie reset")]


def test_the_comment_names_the_event_and_never_calls_a_second_factor_check_a_login():
    source = """
        import pyotp
        from flask import Flask, request, session

        app = Flask(__name__)

        @app.post("/mfa")
        def verify_mfa():
            if pyotp.TOTP(session["secret"]).verify(request.form["code"]):
                session["mfa_passed"] = True
            return "ok"

        @app.post("/registrasi")
        def registrasi():
            session["pengguna"] = create(request.form)
            return "ok"
    """
    outcome = fix(source)
    lines = inserted(outcome, source)
    assert lines[0] == "    # New session at sign-up, so a planted session id is worthless (SFX101)"
    # A second-factor check on Flask's session: clear() would drop the first step's sign-in (no fix).
    assert reasons(outcome) == [(9, f"{NO_FIX}: {SECOND_FACTOR_REASON}")]


def test_a_totp_settings_page_that_keeps_a_flash_flag_gets_no_fix():
    source = """
        import pyotp
        from flask import Flask, request, session

        app = Flask(__name__)

        @app.post("/settings/totp")
        def enable_totp():
            if pyotp.TOTP(request.form["secret"]).verify(request.form["code"]):
                session["enabled_totp"] = True
            return "ok"
    """
    outcome = fix(source)
    assert inserted(outcome, source) == [] and reasons(outcome) == []


STARLETTE_LOGIN = """
    from starlette.requests import Request
    from starlette_login.utils import login_user

    async def login(request):
        user = await authenticate(request)
        await login_user({request}, user)
"""


def test_a_starlette_login_call_clears_the_session_of_the_request_it_is_given():
    source = STARLETTE_LOGIN.format(request="request")
    outcome = fix(source)
    # Starlette's session, not Flask's: no `from flask import session` (a library's
    # login call without a session argument is Flask-Login's only when it extends Flask).
    assert inserted(outcome, source) == [f"    {COMMENT}", "    request.session.clear()"]
    assert "flask" not in outcome.text


def test_a_starlette_login_call_given_no_request_by_name_has_no_fix():
    outcome = fix(STARLETTE_LOGIN.format(request="get_request()"))
    assert [note for _, note in reasons(outcome)][0].startswith(NO_FIX)
    assert "flask" not in outcome.text


def test_a_starlette_login_call_in_a_module_of_no_starlette_import_has_no_fix():
    source = STARLETTE_LOGIN.format(request="request").replace("from starlette.requests import Request", "")
    outcome = fix(source)
    assert [note for _, note in reasons(outcome)][0].startswith(NO_FIX)
    assert outcome.text == textwrap.dedent(source).lstrip("\n")


SECOND_FACTOR_REASON = ("a second-factor check: the session holds what the earlier step stored (the user it "
                        "signed in), which clearing drops; read it before the clear and write it back after, by hand")
SECOND_FACTOR = """
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import RedirectResponse
from starlette.routing import Route

from .security import totp_for


async def verify_second_factor(request):
    form = await request.form()
    if not totp_for(request.user).verify(form["code"]):
        return RedirectResponse("/mfa", status_code=303)
    request.session["mfa_done"] = True
    return RedirectResponse("/", status_code=303)


app = Starlette(routes=[Route("/mfa", verify_second_factor, methods=["POST"])],
                middleware=[Middleware(SessionMiddleware, secret_key="s", https_only=True)])
"""


def test_a_second_factor_step_on_a_clearing_session_has_no_fix_and_says_to_carry_the_sign_in():
    # The password step already bound the user in this session: clear() alone would sign the user out.
    outcome = fix(SECOND_FACTOR)
    assert outcome.text == textwrap.dedent(SECOND_FACTOR).lstrip("\n")
    assert reasons(outcome) == [(14, f"{NO_FIX}: {SECOND_FACTOR_REASON}")]
    [finding] = [f for f, _ in outcome.remaining]
    assert finding.message.startswith(
        "second-factor check binds 'mfa_done' to the session without regenerating it; call "
        "request.session.clear() first, carrying over what the earlier step stored and this one still needs "
        "(the user it signed in): read it before, write it back after (Starlette)")


def test_a_second_factor_step_on_a_regenerating_backend_keeps_the_plain_fix():
    # starsessions moves the data to the new id: regenerating keeps the first step's sign-in.
    source = SECOND_FACTOR.replace(
        "from starlette.middleware.sessions import SessionMiddleware\n",
        "from starsessions import SessionMiddleware\n")
    outcome = fix(source)
    assert "    # New session at second-factor check, so a planted session id is worthless (SFX101)\n" \
           "    regenerate_session_id(request)\n" \
           "    request.session[\"mfa_done\"] = True\n" in outcome.text
    assert not reasons(outcome)
