"""The SFX102 fix: the first selective removal becomes the backend's full
invalidation, the handler's other removals go, comments stay — or no fix,
with the reason."""

from __future__ import annotations

import textwrap

from fixlint.config import Config
from fixlint.fix.fixer import NO_FIX, UNSAFE_FIX, fix_text
from fixlint.selection import select_rules

RULES = select_rules(select=["SFX102"])

FLASK_LOGOUT = """
from flask import Flask, flash, redirect, session

app = Flask(__name__)

@app.route("/logout")
def logout():
    {body}
    return redirect("/")
"""


def fix(source, filename="app.py", unsafe=True):
    return fix_text(textwrap.dedent(source).lstrip("\n"), filename, Config(), RULES, unsafe)


def flask(body, unsafe=True):
    source = FLASK_LOGOUT.replace("{body}", textwrap.dedent(body).strip().replace("\n", "\n    "))
    outcome = fix(source, unsafe=unsafe)
    return outcome.text.splitlines()[6:-1], outcome


def reasons(outcome):
    return [(f.line, note) for f, note in outcome.remaining]


def test_a_pop_becomes_clear_and_keeps_its_trailing_comment():
    body, outcome = flask('session.pop("user_id", None)  # forget the user')
    assert body == ["    session.clear()  # forget the user"]
    assert [p.title for p in outcome.applied] == ["replace with session.clear()"]


def test_without_unsafe_fixes_the_finding_is_left_with_the_unsafe_note():
    body, outcome = flask('del session["user_id"]', unsafe=False)
    assert body == ['    del session["user_id"]']
    assert reasons(outcome) == [(7, UNSAFE_FIX)]


def test_the_other_removals_go_and_their_comments_move_to_the_next_statement():
    body, _ = flask("""
        # End the login.
        del session["user_id"]
        # The roles go with it.
        session.pop("roles", None)  # admin flags too
        session["logged_in"] = False
        flash("Signed out.")
    """)
    assert body == [
        "    # End the login.",
        "    session.clear()",
        "    # The roles go with it.",
        "    # admin flags too",
        '    flash("Signed out.")',
    ]


def test_a_popped_value_that_is_used_keeps_its_statement_and_the_clear_follows():
    body, _ = flask("""
        user_id = session.pop("user_id", None)
        audit(user_id)
    """)
    assert body == ['    user_id = session.pop("user_id", None)', "    session.clear()", "    audit(user_id)"]


def test_a_removal_inside_a_larger_expression_has_no_fix():
    _, outcome = flask("""
        if session.pop("user_id", None):
            flash("Signed out.")
    """)
    assert reasons(outcome) == [(7, f"{NO_FIX}: the removal is part of a larger statement")]


def test_a_write_before_the_removal_declines():
    _, outcome = flask("""
        flash("Signed out.")
        session.pop("user_id", None)
    """)
    assert reasons(outcome) == [(8, f"{NO_FIX}: the handler writes to the session first; "
                                    "session.clear() there would drop that data")]


def test_a_read_after_the_removal_declines():
    _, outcome = flask("""
        session.pop("user_id", None)
        theme = session.get("theme")
    """)
    assert reasons(outcome) == [(7, f"{NO_FIX}: the handler reads 'theme' from the session afterwards; "
                                    "session.clear() would lose it")]


def test_a_later_removal_that_ends_its_block_declines():
    _, outcome = flask("""
        session.pop("user_id", None)
        if was_admin():
            session.pop("admin")
    """)
    assert reasons(outcome) == [(7, f"{NO_FIX}: a later removal ends its block; deleting it could empty "
                                    "the block or orphan its comments")]


def test_a_removal_in_a_helper_declines():
    outcome = fix("""
        from flask import Flask, redirect, session

        app = Flask(__name__)

        def forget():
            session.pop("user_id", None)

        @app.route("/logout")
        def logout():
            forget()
            return redirect("/")
    """)
    assert reasons(outcome) == [(10, f"{NO_FIX}: the removal is in forget(), which other code may call")]


def test_a_finding_at_the_def_has_no_fix():
    _, outcome = flask('log(session.get("user_id"))')
    assert reasons(outcome) == [(6, f"{NO_FIX}: the handler removes nothing that could be replaced; "
                                    "end the session where it fits")]


def test_django_gets_flush_on_the_views_own_session():
    outcome = fix("""
        from django.shortcuts import redirect

        class SignOut(View):
            def post(self, request):
                del self.request.session["member_id"]
                self.request.session.pop("email", None)
                return redirect("home")
    """, filename="views.py")
    assert outcome.text.splitlines()[4:6] == ["        self.request.session.flush()", '        return redirect("home")']


def test_starlette_and_starsessions_get_clear():
    for module in ("starlette.middleware.sessions", "starsessions"):
        outcome = fix(f"""
            from starlette.requests import Request
            from {module} import SessionMiddleware

            async def sign_out(req: Request):
                req.session.pop("user_id", None)
        """)
        assert outcome.text.splitlines()[-1] == "    req.session.clear()", module


def test_a_deleted_cookie_with_a_surviving_record_has_no_fix():
    outcome = fix("""
        from django.shortcuts import redirect

        def logout_view(request):
            response = redirect("/")
            response.delete_cookie("sessionid")
            return response
    """, filename="views.py")
    assert "which server-side record to delete is not visible" in reasons(outcome)[0][1]


def test_comments_inside_a_replaced_or_deleted_call_stay():
    body, _ = flask("""
        session.pop(
            "user_id",
            None,  # may be gone already
        )
        session.pop(
            "roles",  # admin flags
        )
        flash("Signed out.")
    """)
    assert body == [
        "    # may be gone already",
        "    session.clear()",
        "    # admin flags",
        '    flash("Signed out.")',
    ]
