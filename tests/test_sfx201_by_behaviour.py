"""SFX201 by what a request value does, whatever it is called (issue 16):
it looks up the user a function then signs in without checking any
credential, or it is compared with a stored session id. The fixtures pin
one shape per framework; these tests pin what keeps it quiet."""

from __future__ import annotations

import pytest

from .helpers import lint, messages

SIGN_IN = """
    from flask import Flask, redirect, request, session
    from flask_login import login_user

    app = Flask(__name__)

    @app.post("/staff")
    def staff():
        key = request.form["k"]
        row = Staff.query.filter_by({column}=key).first()
        {check}
        {sign_in}
        return redirect("/")
"""


def sfx201(source):
    return [(line, code) for line, _, code in lint(source, codes={"SFX201"})]


@pytest.mark.parametrize("sign_in", ['session["user_id"] = row.id', "login_user(row)"])
def test_a_neutral_value_that_finds_the_user_signed_in_is_a_session_id(sign_in):
    source = SIGN_IN.format(column="staff_key", check="", sign_in=sign_in)
    assert sfx201(source) == [(8, "SFX201")]
    (message,) = [m for m in messages(source) if m.startswith("SFX201")]
    assert "'k' from the form body is used as a session id by the sign-in lookup filter_by(staff_key=...)" in message


def test_a_token_from_the_query_string_that_signs_the_request_in_is_told_to_stay_out_of_urls():
    # spug's middleware: a header, or failing that the query string; request.user signs the request in
    source = """
        from django.utils.deprecation import MiddlewareMixin

        class TokenMiddleware(MiddlewareMixin):
            def process_request(self, request):
                token = request.headers.get("x-token") or request.GET.get("x-token")
                user = User.objects.filter(access_token=token).first()
                if user:
                    request.user = user
    """
    assert sfx201(source) == [(5, "SFX201")]
    (message,) = [m for m in messages(source, filename="middleware.py") if m.startswith("SFX201")]
    assert message.startswith("SFX201 'x-token' from the query string is used as a session id by the sign-in lookup "
                              "filter(access_token=...); accept the token from a header or a cookie only, "
                              "never from the URL (Django)"), message
    # Not from the header alone
    assert sfx201(source.replace(' or request.GET.get("x-token")', "")) == []


@pytest.mark.parametrize("column", ["username", "email__iexact", "user_id", "nome_utente", "password"])
def test_a_lookup_by_an_identifier_or_a_password_column_is_no_sign_in_credential(column):
    assert sfx201(SIGN_IN.format(column=column, check="", sign_in='session["user_id"] = row.id')) == []


def test_a_credential_check_anywhere_in_the_function_makes_it_a_login_form():
    check = 'if not row.check_password(request.form["pw"]): return redirect("/")'
    assert sfx201(SIGN_IN.format(column="staff_key", check=check, sign_in='session["user_id"] = row.id')) == []


@pytest.mark.parametrize("sign_in", ['session["last_page"] = row.id', 'session["cart"] = [row.id]', "log(row)"])
def test_a_row_kept_in_the_session_under_a_key_naming_nobody_signs_nobody_in(sign_in):
    assert sfx201(SIGN_IN.format(column="cursor", check="", sign_in=sign_in)) == []


COMPARED = """
    from flask import Flask, abort, request, session

    app = Flask(__name__)

    @app.post("/pay")
    def pay():
        value = request.form["t"]
        record = Record.query.filter_by(id=session["rid"]).first()
        if value != {stored}:
            abort(403)
        return "ok"
"""


@pytest.mark.parametrize("stored", ["record.session_token", 'record["session_key"]', "record.sid"])
def test_a_value_compared_with_a_stored_session_id_is_one(stored):
    assert sfx201(COMPARED.format(stored=stored)) == [(7, "SFX201")]


@pytest.mark.parametrize("stored", ['session["csrf_token"]', "record.reset_token", "record.page_token",
                                    'request.form["t2"]'])
def test_a_value_compared_with_a_csrf_reset_or_page_token_is_not(stored):
    assert sfx201(COMPARED.format(stored=stored)) == []


NUMBERED = """
    from flask import Flask, jsonify
    {shadow}
    app = Flask(__name__)

    @app.get("/race/<session_id>")
    def race(session_id):
        return jsonify(laps=load_laps(int(session_id)))
"""


def test_a_route_value_turned_into_a_number_is_an_object_id_unless_int_is_the_module_s_own():
    assert sfx201(NUMBERED.format(shadow="")) == []
    shadowed = NUMBERED.format(shadow="from .coerce import coerce as int")
    assert sfx201(shadowed) == [(6, "SFX201")]  # def race(session_id)
    method = NUMBERED.format(shadow="from . import coerce").replace("int(session_id)", "coerce.int(session_id)")
    assert sfx201(method) == [(6, "SFX201")]  # a method named int is no cast


COOKIE_FROM_REQUEST = """
    import jwt
    from flask import Flask, make_response, request

    app = Flask(__name__)

    @app.post("/login")
    def login():
        value = request.form["{field}"]
        response = make_response("ok")
        response.set_cookie("auth_token", {value}, secure=True, httponly=True, samesite="Lax")
        return response
"""


@pytest.mark.parametrize("field, value, reported", [
    ("handle", "value", True),  # an opaque value the client brings: a session id it picks
    # A credential the login form submits (marimo's token login): posted by the user, planted by no link.
    ("token", 'f"t-{value}"', False),
    ("session_handle", 'f"t-{value}"', True),
    ("username", "value", False),  # the user's own name: an identity, not a plantable id
    ("user_email", "value.lower()", False),
    ("handle", 'jwt.encode({"sub": value}, "k")', False),  # a token the server mints from it
])
def test_a_request_value_set_as_an_auth_cookie_is_a_session_id_unless_it_names_the_user_or_is_minted(
        field, value, reported):
    source = COOKIE_FROM_REQUEST.format(field=field, value=value)
    assert sfx201(source) == ([(8, "SFX201")] if reported else [])


FORWARD = """
    import httpx
    from flask import Flask, request

    app = Flask(__name__)
    SESSIONS = {{}}

    @app.post("/proxy")
    def proxy():
        sid = request.args["session_id"]
        payload = {{"session_id": sid}}
        with httpx.Client() as client:
            {send}
        {also}
        return "ok"
"""


@pytest.mark.parametrize("send, also, reported", [
    ('client.post("http://svc/run", json=payload)', "", []),
    ('client.request("POST", "http://svc/run", data=payload)', "", []),
    ('httpx.get("http://svc/run", params=payload)', "", []),
    # Not a payload: the URL of a lookup, or no request at all.
    ('client.get(f"http://svc/sessions/{{sid}}")', "", [(9, "SFX201")]),
    ('client.headers.update(payload)', "", [(9, "SFX201")]),
    # Sent on, and the key of the application's own session store.
    ('client.post("http://svc/run", json=payload)', "SESSIONS.get(sid)", [(9, "SFX201")]),
])
def test_a_session_id_sent_on_in_an_outbound_request_s_body_or_query_is_that_service_s(send, also, reported):
    assert sfx201(FORWARD.format(send=send, also=also)) == reported
