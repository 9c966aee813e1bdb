"""FastAPI JWT Auth (fastapi-jwt-auth, and its async fork async-fastapi-jwt-auth):
JSON Web Tokens for FastAPI, optionally kept in cookies (read from
fastapi_jwt_auth/auth_jwt.py, 0.5).

Handlers take an `AuthJWT` by dependency (`Authorize: AuthJWT = Depends()`);
`Authorize.set_access_cookies(token)` puts the signed token in the
`access_token_cookie` cookie (`authjwt_access_cookie_key`), and
`Authorize.unset_jwt_cookies()` deletes the access and refresh cookies. The
token is stateless: deleting the cookie ends nothing, and a copy of it
signs in until it expires, unless the app revokes it (a deny-list its
`@AuthJWT.token_in_denylist_loader` checks, holding the token's `jti`). A
logout that only unsets the cookies is SFX102 (RULES.md Revision 2).
"""

from .base import Advice, Framework
from .starlette import STARLETTE

_ACCESS, _REFRESH = "access_token_cookie", "refresh_token_cookie"  # authjwt_access_cookie_key, ..._refresh_cookie_key
PACKAGES = ("fastapi_jwt_auth", "async_fastapi_jwt_auth")

FASTAPI_JWT_AUTH = Framework(
    key="fastapi_jwt_auth",
    label="FastAPI JWT Auth",
    packages=PACKAGES,
    extends=STARLETTE,
    token_classes=frozenset(
        f"{package}.{module}AuthJWT" for package in PACKAGES for module in ("", "auth_jwt.")),
    cookie_unsetter_methods={
        "unset_jwt_cookies": (_ACCESS, _REFRESH),
        "unset_access_cookies": (_ACCESS,),
        "unset_refresh_cookies": (_REFRESH,),
    },
    token_revoke_fix="revoke the token at logout: add Authorize.get_raw_jwt()[\"jti\"] to the deny-list your @AuthJWT.token_in_denylist_loader checks",
    fixtures="fastapi",
    advice={
        "SFX102": Advice(docs=(("FastAPI JWT Auth", 'Authorize.unset_jwt_cookies() and revoke the token: add Authorize.get_raw_jwt()["jti"] '
                                                    "to the deny-list your @AuthJWT.token_in_denylist_loader checks"),)),
    },
)
