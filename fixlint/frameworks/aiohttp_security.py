"""aiohttp-security: identity policies for aiohttp.

Facts from aiohttp-security 0.5's source (`aiohttp_security/api.py`,
`session_identity.py`, `cookies_identity.py`, `jwt_identity.py`):
`await remember(request, response, identity)` and `await forget(request,
response)` hand the work to the identity policy `setup(app,
identity_policy, autz_policy)` installed. Under `SessionIdentityPolicy`
(`session_key="AIOHTTP_SECURITY"`), `remember()` does `session = await
get_session(request); session[session_key] = identity` on aiohttp-session's
session, and `forget()` pops that key: a login that binds the identity into
the session the visitor came with (SFX101 unless `await
new_session(request)` came first) and a logout. `CookiesIdentityPolicy` and
`JWTIdentityPolicy` never touch the session, so the calls are session events
only where the file, or its application, imports SessionIdentityPolicy.

`forget()` removes only the policy's key, as Flask-Login's `logout_user()`
removes only its own keys; fixlint counts it as the library's logout, as
RULES.md counts `logout_user()`.
"""

from .aiohttp_session import AIOHTTP_SESSION
from .base import Advice, Framework

_API = ("aiohttp_security", "aiohttp_security.api")
REMEMBER = frozenset(f"{module}.remember" for module in _API)
FORGET = frozenset(f"{module}.forget" for module in _API)
SESSION_IDENTITY_POLICY = (
    "aiohttp_security.SessionIdentityPolicy",
    "aiohttp_security.session_identity.SessionIdentityPolicy",
    "aiohttp_security.session_identity",
)

def _semgrep_login(kit, framework):
    """SFX101's Semgrep twin (written with the rules' helpers, `kit`):
    remember() in a login handler, where SessionIdentityPolicy is imported,
    with no new session before it."""
    news = [f"$NEW = await {new}(...)" for new in sorted(framework.extends.regenerate_calls)]
    return (kit.Rule(
        suffix="aiohttp-security",
        message=f"Login calls remember(), which stores the identity in the session the visitor came "
                f"with (SessionIdentityPolicy); {framework.advice['SFX101'].fix} ({framework.label})",
        match={"patterns": [
            {"pattern-either": [{"pattern": f"{call}(...)"} for call in sorted(framework.bind_calls)]},
            *kit.policy_imported(framework),
            *kit.in_login_handler(),
            *kit.after_any(*news, *(f"await {new}(...)" for new in sorted(framework.extends.regenerate_calls))),
        ]},
        technology=("aiohttp", "aiohttp_security"),
    ),)


AIOHTTP_SECURITY = Framework(
    key="aiohttp_security",
    label="aiohttp-security",
    packages=("aiohttp_security",),
    extends=AIOHTTP_SESSION,
    bind_calls=REMEMBER,
    logout_calls=FORGET,
    session_policy=SESSION_IDENTITY_POLICY,
    fixtures="aiohttp",
    advice={
        "SFX101": Advice(
            fix="call await new_session(request) before remember() (SessionIdentityPolicy stores the identity "
                "in the session the visitor came with)",
            docs=(("aiohttp-security", "await new_session(request) before await remember(request, response, "
                                       "identity) under SessionIdentityPolicy"),),
        ),
    },
    semgrep_twins={"SFX101": _semgrep_login},
)
