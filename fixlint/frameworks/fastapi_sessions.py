"""fastapi-sessions: server-side sessions for FastAPI, whose `SessionCookie`
frontend sets a signed session id cookie with the options of a
`CookieParameters` object (read from
fastapi_sessions/frontends/implementations/cookie.py, 0.3).

`CookieParameters(max_age=14 * 24 * 60 * 60, path="/", domain=None,
secure=False, httponly=True, samesite="lax")` is a pydantic model, built
with keywords, and `SessionCookie.attach_to_response()` passes it whole to
`set_cookie`: left at its defaults the session cookie travels over plain
HTTP (SFX302), reported at the construction like any session config's. The
cookie's name is SessionCookie's `cookie_name`, not an option here.
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

FASTAPI_SESSIONS = Framework(
    key="fastapi_sessions",
    label="fastapi-sessions",
    packages=("fastapi_sessions",),
    middleware=(COOKIE_PARAMETERS,),
    fixtures="fastapi",
    advice={
        "SFX301": Advice(docs=(("fastapi-sessions", "leave CookieParameters' httponly at its default (True)"),)),
        "SFX302": Advice(docs=(("fastapi-sessions", "CookieParameters(secure=True): the default is False"),)),
        "SFX303": Advice(docs=(("fastapi-sessions", 'CookieParameters(samesite="lax") (the default)'),)),
        "SFX304": Advice(docs=(("fastapi-sessions", "CookieParameters(max_age=60 * 60 * 24 * 7)"),)),
    },
)
