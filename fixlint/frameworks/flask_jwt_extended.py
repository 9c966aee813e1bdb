"""Flask-JWT-Extended: JSON Web Tokens for Flask, optionally kept in cookies
(read from flask_jwt_extended/utils.py and config.py, 4.6).

With `JWT_TOKEN_LOCATION = ["cookies"]`, `set_access_cookies(response,
token)` puts the signed token in the `access_token_cookie` cookie
(`JWT_ACCESS_COOKIE_NAME`), and `unset_jwt_cookies(response)` deletes the
access and refresh cookies (and their CSRF cookies). The token is
stateless: deleting the cookie ends nothing, and a copy of it signs in
until it expires, unless the app revokes it (a blocklist its
`token_in_blocklist_loader` checks, holding `get_jwt()["jti"]`). A logout
that only unsets the cookies is SFX102 (RULES.md Revision 2). The cookies
are shaped by the JWT_COOKIE_* keys, whose defaults are weak:
`JWT_COOKIE_SECURE` False, `JWT_COOKIE_SAMESITE` None (SFX302, SFX303).
"""

from .base import Advice, Framework, Setting
from .flask import FLASK

_ACCESS, _REFRESH = "access_token_cookie", "refresh_token_cookie"  # JWT_ACCESS_COOKIE_NAME, JWT_REFRESH_COOKIE_NAME
# Quart-JWT-Extended is its port to Quart: the same API, settings and defaults
# under another import name, read as this one's (engine.scope.modern_name).
PORT_PREFIXES = (("quart_jwt_extended.", "flask_jwt_extended."),)
_MODULES = ("flask_jwt_extended.", "flask_jwt_extended.utils.")

# set_access_cookies(response, token) and its siblings put a token in a cookie:
# a project that calls one keeps its sign-ins in cookies the JWT_COOKIE_*
# keys shape, whose defaults are weak (not Secure, no SameSite). The
# project's JWTManager(app) construction is where their absence is reported.
SET_COOKIES = frozenset(f"{module}{name}" for module in _MODULES
                        for name in ("set_access_cookies", "set_refresh_cookies"))
JWT_MANAGERS = frozenset(("flask_jwt_extended.JWTManager", "flask_jwt_extended.jwt_manager.JWTManager"))

FLASK_JWT_EXTENDED = Framework(
    key="flask_jwt_extended",
    label="Flask-JWT-Extended",
    packages=("flask_jwt_extended",),
    extends=FLASK,
    settings=(
        Setting("JWT_COOKIE_SECURE", "secure", "jwt", False),
        Setting("JWT_COOKIE_SAMESITE", "samesite", "jwt", None),
        Setting("JWT_ACCESS_COOKIE_NAME", "name", "jwt", _ACCESS),
        Setting("JWT_COOKIE_DOMAIN", "domain", "jwt", None),
        Setting("JWT_ACCESS_COOKIE_PATH", "path", "jwt", "/"),
        # The refresh token's cookie, shaped by the same JWT_COOKIE_* flags, with a name and path of its own.
        Setting("JWT_REFRESH_COOKIE_NAME", "name", "jwt_refresh", _REFRESH),
        Setting("JWT_REFRESH_COOKIE_PATH", "path", "jwt_refresh", "/"),
    ),
    session_users=SET_COOKIES,
    project_constructions=JWT_MANAGERS,
    project_flags=("secure", "samesite"),
    project_cookie="jwt",
    project_use="jwt_cookies",
    cookie_unsetters={
        **{f"flask_jwt_extended.{module}unset_jwt_cookies": (_ACCESS, _REFRESH) for module in ("", "utils.")},
        **{f"flask_jwt_extended.{module}unset_access_cookies": (_ACCESS,) for module in ("", "utils.")},
        **{f"flask_jwt_extended.{module}unset_refresh_cookies": (_REFRESH,) for module in ("", "utils.")},
    },
    token_revoke_fix="revoke the token at logout: add get_jwt()[\"jti\"] to the blocklist your @jwt.token_in_blocklist_loader checks",
    fixtures="flask",
    advice={
        "SFX302": Advice(docs=(("Flask-JWT-Extended", "JWT_COOKIE_SECURE = True where tokens live in cookies"),)),
        "SFX303": Advice(docs=(("Flask-JWT-Extended", 'JWT_COOKIE_SAMESITE = "Lax"'),)),
        "SFX102": Advice(docs=(("Flask-JWT-Extended", 'unset_jwt_cookies(response) and revoke the token: add get_jwt()["jti"] '
                                                      "to the blocklist your @jwt.token_in_blocklist_loader checks"),)),
    },
)
