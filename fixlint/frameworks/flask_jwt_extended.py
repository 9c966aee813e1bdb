"""Flask-JWT-Extended: JSON Web Tokens for Flask, optionally kept in cookies
(read from flask_jwt_extended/utils.py and config.py, 4.6).

With `JWT_TOKEN_LOCATION = ["cookies"]`, `set_access_cookies(response,
token)` puts the signed token in the `access_token_cookie` cookie
(`JWT_ACCESS_COOKIE_NAME`), and `unset_jwt_cookies(response)` deletes the
access and refresh cookies (and their CSRF cookies). The token is
stateless: deleting the cookie ends nothing, and a copy of it signs in
until it expires, unless the app revokes it (a blocklist its
`token_in_blocklist_loader` checks, holding `get_jwt()["jti"]`). A logout
that only unsets the cookies is SFX102 (RULES.md Revision 2).
"""

from .base import Advice, Framework
from .flask import FLASK

_ACCESS, _REFRESH = "access_token_cookie", "refresh_token_cookie"  # JWT_ACCESS_COOKIE_NAME, JWT_REFRESH_COOKIE_NAME

FLASK_JWT_EXTENDED = Framework(
    key="flask_jwt_extended",
    label="Flask-JWT-Extended",
    packages=("flask_jwt_extended",),
    extends=FLASK,
    cookie_unsetters={
        **{f"flask_jwt_extended.{module}unset_jwt_cookies": (_ACCESS, _REFRESH) for module in ("", "utils.")},
        **{f"flask_jwt_extended.{module}unset_access_cookies": (_ACCESS,) for module in ("", "utils.")},
        **{f"flask_jwt_extended.{module}unset_refresh_cookies": (_REFRESH,) for module in ("", "utils.")},
    },
    token_revoke_fix="revoke the token at logout: add get_jwt()[\"jti\"] to the blocklist your @jwt.token_in_blocklist_loader checks",
    fixtures="flask",
    advice={
        "SFX102": Advice(docs=(("Flask-JWT-Extended", 'unset_jwt_cookies(response) and revoke the token: add get_jwt()["jti"] '
                                                      "to the blocklist your @jwt.token_in_blocklist_loader checks"),)),
    },
)
