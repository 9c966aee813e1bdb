"""Quart-Auth: Quart's login library (read from quart_auth/extension.py and
globals.py, 0.11).

`login_user(AuthUser(id), remember=False)` does not write into Quart's
session: after the request its extension sets its own cookie (named
`QUART_AUTH`) to a freshly signed token of the user's id, so there is no
session id an attacker could have planted — SFX101 has nothing to report
on it. `logout_user()` deletes that cookie; the token is stateless, so that
is all there is to end (SFX102 counts it as invalidation). Its cookie
defaults are safe: Secure, HttpOnly, SameSite Lax; with `remember=True`
it lives `QUART_AUTH_DURATION` (a year by default). A literal weak value in
its config keys or `QuartAuth(app, cookie_secure=False, ...)` is a finding.
"""

from .base import Advice, Framework, Middleware, Setting
from .flask import FLASK

_DAY = 86400

LOGOUT_USER = frozenset(("quart_auth.logout_user", "quart_auth.globals.logout_user"))

# QuartAuth(app, *, cookie_domain=..., cookie_secure=..., duration=...): its
# keywords override the QUART_AUTH_* config keys.
EXTENSION = Middleware(
    qualnames=frozenset(("quart_auth.QuartAuth", "quart_auth.extension.QuartAuth")),
    label="Quart-Auth",
    subject="QuartAuth's auth cookie",
    call="QuartAuth",
    params=(),  # all keyword-only after the app
    options={
        "secure": "cookie_secure", "httponly": "cookie_http_only", "samesite": "cookie_samesite",
        "lifetime": "duration", "name": "cookie_name", "domain": "cookie_domain", "path": "cookie_path",
    },
    # `duration` applies only to remember-me logins: no default lifetime here.
    defaults={"secure": True, "httponly": True, "samesite": "Lax", "name": "QUART_AUTH", "domain": None, "path": "/"},
)

QUART_AUTH = Framework(
    key="quart_auth",
    label="Quart-Auth",
    packages=("quart_auth",),
    extends=FLASK,
    logout_calls=LOGOUT_USER,
    middleware=(EXTENSION,),
    settings=(
        # Its own cookie, not Quart's session cookie: messages call it the auth cookie.
        Setting("QUART_AUTH_COOKIE_SECURE", "secure", "auth", True),
        Setting("QUART_AUTH_COOKIE_HTTP_ONLY", "httponly", "auth", True),
        Setting("QUART_AUTH_COOKIE_SAMESITE", "samesite", "auth", "Lax"),
        Setting("QUART_AUTH_DURATION", "lifetime", "auth", 365 * _DAY),
        Setting("QUART_AUTH_COOKIE_NAME", "name", "auth", "QUART_AUTH"),
        Setting("QUART_AUTH_COOKIE_DOMAIN", "domain", "auth", None),
        Setting("QUART_AUTH_COOKIE_PATH", "path", "auth", "/"),
    ),
    fixtures="quart",
    advice={
        "SFX102": Advice(docs=(("Quart/Quart-Auth", "logout_user() and session.clear()"),)),
        "SFX301": Advice(docs=(("Quart-Auth", "keep QUART_AUTH_COOKIE_HTTP_ONLY = True (the default)"),)),
        "SFX302": Advice(docs=(("Quart-Auth", "keep QUART_AUTH_COOKIE_SECURE = True (the default); never QuartAuth(app, cookie_secure=False)"),)),
        "SFX303": Advice(docs=(("Quart-Auth", 'keep QUART_AUTH_COOKIE_SAMESITE = "Lax" (the default) or "Strict"'),)),
        "SFX304": Advice(docs=(("Quart-Auth", "QUART_AUTH_DURATION = 60 * 60 * 24 * 14 when login_user(..., remember=True) is used"),)),
    },
)
