"""dj-rest-auth: Django REST framework's login, logout and registration
views (read from dj_rest_auth/app_settings.py and jwt_auth.py, 7.2).

With `REST_AUTH = {"USE_JWT": True, "JWT_AUTH_COOKIE": "auth"}` in the
Django settings, its LoginView puts the access token (and, with
`JWT_AUTH_REFRESH_COOKIE`, the refresh token) in cookies it sets with
`secure=JWT_AUTH_SECURE`, `httponly=JWT_AUTH_HTTPONLY` and
`samesite=JWT_AUTH_SAMESITE`. Their defaults: Secure off (SFX302 where the
cookie is turned on without it), HttpOnly on, SameSite Lax. Without
`JWT_AUTH_COOKIE` (default None) the token travels in the response body
and no cookie is set. Before version 3 the same keys were top-level
settings (`JWT_AUTH_SECURE = False`), read as any setting.
"""

from .base import Advice, Framework, Setting, SettingsDict
from .django import DJANGO

DJ_REST_AUTH = Framework(
    key="dj_rest_auth",
    label="dj-rest-auth",
    packages=("dj_rest_auth",),
    extends=DJANGO,
    settings=(
        Setting("JWT_AUTH_SECURE", "secure", "jwt", False),
        Setting("JWT_AUTH_HTTPONLY", "httponly", "jwt", True),
        Setting("JWT_AUTH_SAMESITE", "samesite", "jwt", "Lax"),
        Setting("JWT_AUTH_COOKIE", "name", "jwt", None),
        Setting("JWT_AUTH_COOKIE_DOMAIN", "domain", "jwt", None),
    ),
    settings_dict=SettingsDict(name="REST_AUTH", switch=("USE_JWT", True),
                               cookies=("JWT_AUTH_COOKIE", "JWT_AUTH_REFRESH_COOKIE")),
    fixtures="django",
    advice={
        "SFX301": Advice(docs=(("dj-rest-auth", 'keep "JWT_AUTH_HTTPONLY": True (the default) in REST_AUTH'),)),
        "SFX302": Advice(docs=(("dj-rest-auth", '"JWT_AUTH_SECURE": True in REST_AUTH where tokens live in cookies'),)),
        "SFX303": Advice(docs=(("dj-rest-auth", 'keep "JWT_AUTH_SAMESITE": "Lax" (the default) or "Strict" in REST_AUTH'),)),
    },
)
