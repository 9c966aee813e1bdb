"""Starlette-Login: Flask-Login's model for Starlette and FastAPI.

Facts from Starlette-Login's source (`starlette_login/utils.py`):
`await login_user(request, user, remember=False)` writes the user's
identity (`_user_id`), a freshness flag and an identifier of the client into
`request.session`, the session the visitor came with, and never renews it:
a login that binds the user (SFX101 unless `request.session.clear()`, or
starsessions' `regenerate_session_id(request)`, came first).
`await logout_user(request)` pops those keys, as Flask-Login's
`logout_user()` pops its own; fixlint counts it as the library's logout, as
RULES.md counts `logout_user()`.
"""

from .base import Advice, Framework
from .starlette import STARLETTE

_MODULES = ("starlette_login", "starlette_login.utils")
LOGIN_USER = frozenset(f"{module}.login_user" for module in _MODULES)
LOGOUT_USER = frozenset(f"{module}.logout_user" for module in _MODULES)

STARLETTE_LOGIN = Framework(
    key="starlette_login",
    label="Starlette-Login",
    packages=("starlette_login",),
    extends=STARLETTE,
    bind_calls=LOGIN_USER,
    logout_calls=LOGOUT_USER,
    own_session_keys=frozenset(("_user_id",)),
    # logout_user() pops its config's SESSION_NAME_KEY, _FRESH and _ID (starlette_login/utils.py), as Flask-Login's.
    logout_session_keys=frozenset(("_user_id", "_fresh")),
    fixtures="fastapi",
    advice={
        "SFX101": Advice(
            fix="call request.session.clear() before login_user()",
            docs=(("Starlette-Login", "request.session.clear() before await login_user(request, user)"),),
        ),
    },
)
