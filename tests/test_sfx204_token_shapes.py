"""SFX204 on what a token generator returns and on flag cookies (session
32's jumpserver and amadeuslms reviews): of `return token, date_expired`
only the token is judged; a generator named for a token returns a token,
not a session id; a cookie compared with a literal flag ("1") is a
hard-coded token only under a credential's name or where the comparison
decides access."""

from __future__ import annotations

import pytest

from .helpers import lint, messages

GENERATOR = """
    import random

    from django.utils import timezone
    from tokenkit import random_string

    def create_bearer_token(age=3600):
        token = {token}
        date_expired = timezone.now() + timezone.timedelta(seconds=age)
        return {returned}
"""


def _generator(token="random_string(36)", returned="token, date_expired"):
    source = GENERATOR.format(token=token, returned=returned)
    return [line for line, _, code in lint(source, filename="models.py", codes={"SFX204"})]


@pytest.mark.parametrize("returned", [
    "token, date_expired",
    "date_expired, token",
    "(token, date_expired)",
    "[token, date_expired]",
    "{'token': token, 'expires': date_expired}['token'], date_expired",
])
def test_the_expiry_returned_beside_an_unknown_token_is_not_judged(returned):
    assert _generator(returned=returned) == []


@pytest.mark.parametrize("returned", ["token, date_expired", "date_expired, token", "token"])
def test_a_weak_token_returned_beside_its_expiry_is_reported_at_the_token(returned):
    # line 7: `token = str(random.random())`
    assert _generator(token="str(random.random())", returned=returned) == [7]


def test_the_first_element_is_the_token_when_no_element_is_named_for_one():
    assert _generator(token="1", returned="str(random.random()), date_expired") == [9]
    assert _generator(token="1", returned="timezone.now(), 3600") == [9]  # position: the first is the token


@pytest.mark.parametrize("name, kind", [
    ("createToken", "token"),
    ("make_token", "token"),
    ("new_session_id", "session id"),
    ("generate_sid", "session id"),
    ("make_remember_token", "remember-me token"),
    ("new_auth_token", "auth token"),
])
def test_a_generator_s_value_is_named_for_what_its_name_says(name, kind):
    source = f"""
        import random

        def {name}():
            return str(random.random())
    """
    (text,) = [m for m in messages(source) if m.startswith("SFX204")]
    assert text.startswith(f"SFX204 {kind} returned by {name}() comes from random.random()"), text


FLAG = """
    from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect

    {helper}

    def page(request):
        response = HttpResponse("page")
        {check}
        return response

    def set_it(request):
        response = HttpResponse("ok")
        response.set_cookie({name!r}, {value!r}, secure=True, httponly=True, samesite="Lax")
        return response
"""


def _flag(check, name="gm_mode", value="1", helper=""):
    source = FLAG.format(check=check.replace("\n", "\n        "), name=name, value=value,
                         helper=helper.replace("\n", "\n    "))
    return [code for _, _, code in lint(source, filename="views.py", codes={"SFX204"})]


@pytest.mark.parametrize("value", ["1", "true", "yes", "on"])
def test_a_flag_compared_to_decide_what_to_send_is_no_token(value):
    check = (f"if request.COOKIES.get('gm_mode') != {value!r}:\n"
             f"    response.set_cookie('gm_mode', {value!r}, secure=True, httponly=True, samesite='Lax')")
    assert _flag(check, value=value) == []


@pytest.mark.parametrize("check", [
    "if request.COOKIES.get('gm_mode') != '1':\n    return HttpResponseForbidden()",
    "if request.COOKIES.get('gm_mode') != '1':\n    raise PermissionError('members only')",
    "if request.path.startswith('/m') and request.COOKIES.get('gm_mode') != '1':\n"
    "    response = HttpResponseRedirect('/join')",
])
def test_a_flag_that_decides_access_is_a_hard_coded_token(check):
    assert _flag(check) == ["SFX204"]


def test_a_flag_returned_by_a_signed_in_predicate_is_a_hard_coded_token():
    helper = "def is_logged_in(request):\n    return request.COOKIES.get('gm_mode') == '1'"
    assert _flag("pass", helper=helper) == ["SFX204"]
    neutral = "def wants_banner(request):\n    return request.COOKIES.get('gm_mode') == '1'"
    assert _flag("pass", helper=neutral) == []


def test_a_flag_under_a_credential_s_name_is_a_hard_coded_token_wherever_it_is_compared():
    check = "if request.COOKIES.get('auth_token') != '1':\n    response['X-Mode'] = 'unset'"
    assert _flag(check, name="auth_token") == ["SFX204"]


def test_a_secret_looking_constant_needs_no_guard():
    check = "if request.COOKIES.get('gm_mode') != 'open-sesame':\n    response['X-Mode'] = 'no'"
    assert _flag(check, value="open-sesame") == ["SFX204"]
