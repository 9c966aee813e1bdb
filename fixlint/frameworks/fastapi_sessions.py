"""fastapi-sessions: server-side sessions for FastAPI, whose `SessionCookie`
frontend sets a signed session id cookie with the options of a
`CookieParameters` object (read from
fastapi_sessions/frontends/implementations/cookie.py, 0.3).

`CookieParameters(max_age=14 * 24 * 60 * 60, path="/", domain=None,
secure=False, httponly=True, samesite="lax")` is a pydantic model, built
with keywords, and `SessionCookie.attach_to_response()` passes it whole to
`set_cookie`: left at its defaults the session cookie travels over plain
HTTP (SFX302), reported at the construction like any session config's. The
cookie's name is SessionCookie's `cookie_name` (SESSION_COOKIE: SFX305).
"""

from .base import Advice, Framework, Middleware

COOKIE_PARAMETERS = Middleware(
    qualnames=frozenset((
        "fastapi_sessions.frontends.implementations.CookieParameters",
        "fastapi_sessions.frontends.implementations.cookie.CookieParameters",
    )),
    label="fastapi-sessions",
    params=(),  # a pydantic model: keywords only
    options={
        "secure": "secure", "httponly": "httponly", "samesite": "samesite", "lifetime": "max_age",
        "domain": "domain", "path": "path",
    },
    defaults={
        "secure": False, "httponly": True, "samesite": "lax", "lifetime": 14 * 24 * 60 * 60,
        "domain": None, "path": "/",
    },
    constructed=True,
    leading=0,
)

# `SessionCookie(*, cookie_name, identifier, auto_error, secret_key,
# cookie_params=CookieParameters(), scheme_name=None)`: the frontend names
# the session cookie (SFX305); its other attributes are the
# CookieParameters' above, judged where those are built.
SESSION_COOKIE = Middleware(
    qualnames=frozenset((
        "fastapi_sessions.frontends.implementations.SessionCookie",
        "fastapi_sessions.frontends.implementations.cookie.SessionCookie",
    )),
    label="fastapi-sessions",
    params=(),  # keywords only
    options={"name": "cookie_name"},
    defaults={},
    constructed=True,
    leading=0,
)

FASTAPI_SESSIONS = Framework(
    key="fastapi_sessions",
    label="fastapi-sessions",
    packages=("fastapi_sessions",),
    middleware=(COOKIE_PARAMETERS, SESSION_COOKIE),
    fixtures="fastapi",
    advice={
        "SFX301": Advice(docs=(("fastapi-sessions", "leave CookieParameters' httponly at its default (True)"),)),
        "SFX302": Advice(docs=(("fastapi-sessions", "CookieParameters(secure=True): the default is False"),)),
        "SFX303": Advice(docs=(("fastapi-sessions", 'CookieParameters(samesite="lax") (the default)'),)),
        "SFX304": Advice(docs=(("fastapi-sessions", "CookieParameters(max_age=60 * 60 * 24 * 7)"),)),
    },
)
