"""Flask-Login: `login_user`/`logout_user` and the remember-me cookie.

The remember cookie lasts 365 days by default and is configured through
`REMEMBER_COOKIE_*` keys in the Flask config; its defaults are Secure off,
HttpOnly on, SameSite unset.
"""

from .base import Advice, Framework, Setting
from .flask import FLASK

_DAY = 86400


# Flask-Security(-Too) wraps both and, like Flask-Login, never regenerates.
LOGIN_USER = frozenset(
    ("flask_login.login_user", "flask_login.utils.login_user",
     "flask_security.login_user", "flask_security.utils.login_user")
)
LOGOUT_USER = frozenset(
    ("flask_login.logout_user", "flask_login.utils.logout_user",
     "flask_security.logout_user", "flask_security.utils.logout_user")
)

# login_user() writes `_user_id` into Flask's session and never regenerates
# it (the fix is its SFX101 advice); logout_user() removes the user (SFX102
# counts it as invalidation). `_user_id` is the key only Flask-Login (or a
# project's vendored copy of it, calibre-web's cps/cw_login) writes.
OWN_SESSION_KEYS = frozenset(("_user_id",))
# What logout_user() pops (flask_login/utils.py, 0.6: `_user_id`, `_fresh`,
# `_id`) that names who is signed in and how freshly: a copy of it pops
# both (`_id`, a hash of the client's address and agent, is no identity key,
# so fixlint records no removal of it).
LOGOUT_SESSION_KEYS = frozenset(("_user_id", "_fresh"))

# login_user(user, remember=True) sets the remember-me cookie; the project's
# LoginManager(...) construction is where its missing hardening is reported.
REMEMBER_ARGUMENT = "remember"
LOGIN_MANAGERS = frozenset(("flask_login.LoginManager", "flask_login.login_manager.LoginManager"))

FLASK_LOGIN = Framework(
    key="flask_login",
    label="Flask-Login",
    packages=("flask_login",),
    extends=FLASK,
    bind_calls=LOGIN_USER,
    bind_not_partial_in_logout=True,
    logout_calls=LOGOUT_USER,
    own_session_keys=OWN_SESSION_KEYS,
    logout_session_keys=LOGOUT_SESSION_KEYS,
    settings=(
        Setting("REMEMBER_COOKIE_SECURE", "secure", "remember", False),
        Setting("REMEMBER_COOKIE_HTTPONLY", "httponly", "remember", True),
        Setting("REMEMBER_COOKIE_SAMESITE", "samesite", "remember", None),
        Setting("REMEMBER_COOKIE_DURATION", "lifetime", "remember", 365 * _DAY),
        Setting("REMEMBER_COOKIE_NAME", "name", "remember", "remember_token"),
        Setting("REMEMBER_COOKIE_DOMAIN", "domain", "remember", None),
        Setting("REMEMBER_COOKIE_PATH", "path", "remember", "/"),
    ),
    fixtures="flask",
    project_constructions=LOGIN_MANAGERS,
    project_flags=("secure", "samesite", "lifetime"),
    project_cookie="remember",
    remember_argument=REMEMBER_ARGUMENT,
    remember_lifetime_argument="duration",
    project_use="remember",
    advice={
        "SFX101": Advice(
            fix="call session.clear() before login_user()",
            docs=(("Flask-Login", "session.clear() before login_user(user)"),),
        ),
        "SFX301": Advice(docs=(("Flask-Login", "keep REMEMBER_COOKIE_HTTPONLY = True (the default)"),)),
        "SFX302": Advice(docs=(("Flask-Login", "REMEMBER_COOKIE_SECURE = True"),)),
        "SFX303": Advice(docs=(("Flask-Login", 'REMEMBER_COOKIE_SAMESITE = "Lax"'),)),
        "SFX304": Advice(docs=(("Flask-Login", "REMEMBER_COOKIE_DURATION = timedelta(days=14)"),)),
    },
    semgrep_trusted_logout=True,  # logout_user() ends the session in every logout twin
)
