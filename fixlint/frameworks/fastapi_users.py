"""FastAPI Users (fastapi-users): registration, login and logout for
FastAPI, whose `CookieTransport` carries the signed-in user's token in a
cookie (read from fastapi_users/authentication/transport/cookie.py, 14.0).

`CookieTransport(cookie_name="fastapiusersauth", cookie_max_age=None,
cookie_path="/", cookie_domain=None, cookie_secure=True,
cookie_httponly=True, cookie_samesite="lax")` builds the transport an
`AuthenticationBackend` sets the cookie with at login: its defaults are
safe, so only a literal weak option is a finding (RULES.md, "Values":
`cookie_secure=False`, `cookie_httponly=False`, `cookie_samesite="none"`, a
lifetime past the limit), reported at the construction like any session
middleware's.
"""

from .base import Advice, Framework, Middleware

_DAY = 24 * 60 * 60

COOKIE_TRANSPORT = Middleware(
    qualnames=frozenset((
        "fastapi_users.authentication.CookieTransport",
        "fastapi_users.authentication.transport.CookieTransport",
        "fastapi_users.authentication.transport.cookie.CookieTransport",
    )),
    label="FastAPI Users",
    params=("cookie_name", "cookie_max_age", "cookie_path", "cookie_domain", "cookie_secure", "cookie_httponly",
            "cookie_samesite"),
    options={
        "secure": "cookie_secure", "httponly": "cookie_httponly", "samesite": "cookie_samesite",
        "lifetime": "cookie_max_age", "name": "cookie_name", "domain": "cookie_domain", "path": "cookie_path",
    },
    defaults={
        "secure": True, "httponly": True, "samesite": "lax", "lifetime": None,
        "name": "fastapiusersauth", "domain": None, "path": "/",
    },
    constructed=True,
    cookie="auth cookie",
    leading=0,
)

FASTAPI_USERS = Framework(
    key="fastapi_users",
    label="FastAPI Users",
    packages=("fastapi_users",),
    middleware=(COOKIE_TRANSPORT,),
    fixtures="fastapi",
    advice={
        "SFX301": Advice(docs=(("FastAPI Users", "leave CookieTransport's cookie_httponly at its default (True)"),)),
        "SFX302": Advice(docs=(("FastAPI Users", "leave CookieTransport's cookie_secure at its default (True)"),)),
        "SFX303": Advice(docs=(("FastAPI Users", 'CookieTransport(cookie_samesite="lax") (the default)'),)),
        "SFX304": Advice(docs=(("FastAPI Users", "CookieTransport(cookie_max_age=60 * 60 * 24 * 7)"),)),
        "SFX305": Advice(docs=(("FastAPI Users", 'CookieTransport(cookie_name="__Host-auth")'),)),
    },
)
