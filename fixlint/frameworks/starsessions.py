"""starsessions: server-side sessions for Starlette/FastAPI.

Its `SessionMiddleware` shares a class name with Starlette's but not its
defaults: Secure on (`cookie_https_only=True`), SameSite Lax, HttpOnly
always, lifetime 0 (a browser-session cookie). `request.session.clear()`
keeps the session id; only `regenerate_session_id(request)` regenerates.
"""

from dataclasses import replace

from .base import Advice, Framework, Middleware, SessionBackend
from .starlette import SESSION_BACKEND as STARLETTE_BACKEND, STARLETTE

SESSION_MIDDLEWARE = Middleware(
    qualnames=frozenset(
        ("starsessions.SessionMiddleware", "starsessions.middleware.SessionMiddleware")
    ),
    label="starsessions",
    params=(
        "store", "lifetime", "rolling", "cookie_name", "cookie_same_site",
        "cookie_https_only", "cookie_domain", "cookie_path",
    ),
    options={
        "secure": "cookie_https_only", "samesite": "cookie_same_site", "lifetime": "lifetime",
        "name": "cookie_name", "domain": "cookie_domain", "path": "cookie_path",
    },
    defaults={
        "secure": True, "samesite": "lax", "lifetime": 0, "name": "session",
        "domain": None, "path": "/", "httponly": True,
    },
    fixed=frozenset(("httponly",)),
    semgrep_shared=True,
)


REGENERATE = frozenset(
    ("starsessions.regenerate_session_id", "starsessions.session.regenerate_session_id")
)

# The record lives in the store under the cookie's id: clear() keeps the id;
# regenerate_session_id() issues a new one for the same data, before or after
# the identity is written.
SESSION_BACKEND = SessionBackend(
    key="starsessions",
    label="starsessions",
    regenerators=frozenset(("regenerate:starsessions",)),
    order="anywhere",
    regenerate_fix="call regenerate_session_id(request)",
    invalidate_fix="call request.session.clear()",
    server_side=True,
    note="request.session.clear() keeps the session id",
    regenerate_code="{function}({request})",
    invalidate_code="{session}.clear()",
    function_import=("starsessions", "regenerate_session_id"),
    # request.session is a plain dict; regeneration is a function of the request.
    session_methods=frozenset(("clear",)),
)

# `CookieStore` (`CookieBackend` before 2.0) keeps the data in the cookie:
# its session id *is* the signed data (`write()` returns the signed value),
# so a planted cookie stays the attacker's anonymous copy and clear() before
# the binding gives a new cookie value, as under Starlette's own middleware.
# A module whose application imports it runs on COOKIE_BACKEND.
COOKIE_BACKEND = replace(
    STARLETTE_BACKEND,
    key="starsessions_cookie",
    label="starsessions (CookieStore)",
)
BACKEND_VARIANTS = tuple((module, COOKIE_BACKEND) for module in (
    "starsessions.CookieStore", "starsessions.stores.cookie", "starsessions.CookieBackend",
    "starsessions.backends.cookie",
))

# What regenerate_session_id() does, written out (canadalogin's OIDC callback):
# `get_session_handler(request).session_id = generate_session_id()` gives the
# session a new id, as the handler's regenerate_id() does.
SESSION_HANDLERS = frozenset(
    ("starsessions.get_session_handler", "starsessions.session.get_session_handler")
)

GET_SESSION_ID = frozenset(
    ("starsessions.get_session_id", "starsessions.session.get_session_id")
)

def _semgrep_login(kit, framework):
    """SFX101's Semgrep twin under starsessions (written with the rules'
    helpers, `kit`): only regenerate_session_id() gives a new id."""
    return (kit.Backend(
        suffix="starsessions",
        session="$REQ.session",
        # (not in a file importing CookieStore: a signed-cookie session, judged as Starlette's)
        regenerated=[*kit.anywhere_in_function(*(f"{q}(...)" for q in sorted(framework.regenerate_calls))),
                     *kit.imports(framework.semgrep_imports()),
                     *kit.not_importing([module for module, _ in framework.backend_variants
                                         if not module.rpartition(".")[2][:1].isupper()]),
                     *({"pattern-not-inside": f"from {module} import {name}\n...\n"}
                       for module, _, name in (m.rpartition(".") for m, _ in framework.backend_variants)
                       if name[:1].isupper())],
        technology=("fastapi", "starlette"),
        binding="Login writes $K into a starsessions session without a new session id "
                "(request.session.clear() keeps the id); call regenerate_session_id(request) (starsessions)",
    ),)


STARSESSIONS = Framework(
    samesite_lax="lax",  # SessionMiddleware(cookie_same_site="lax"), lower case like Starlette's
    key="starsessions",
    label="starsessions",
    packages=("starsessions",),
    project_marker="starsessions",  # ProjectFacts.markers: imported by the application's code outside tests
    middleware=(SESSION_MIDDLEWARE,),
    https_only=frozenset(("cookie_https_only",)),
    extends=STARLETTE,
    backend=SESSION_BACKEND,
    backend_variants=BACKEND_VARIANTS,
    option="starsessions",
    regenerate_calls=REGENERATE,
    regenerate_mechanism="regenerate:starsessions",
    session_handlers=SESSION_HANDLERS,
    session_id_calls={qualname: "get_session_id(request)" for qualname in GET_SESSION_ID},
    fixtures="fastapi",
    advice={
        "SFX101": Advice(docs=(("starsessions", "regenerate_session_id(request) (request.session.clear() keeps the id)"),)),
        "SFX102": Advice(docs=(("starsessions", "request.session.clear()"),)),
        "SFX302": Advice(docs=(("starsessions", "leave cookie_https_only at its default (True)"),)),
        "SFX303": Advice(docs=(("starsessions", 'cookie_same_site="lax" (the default)'),)),
        "SFX304": Advice(docs=(("starsessions", "SessionMiddleware(..., lifetime=timedelta(days=7))"),)),
        "SFX305": Advice(docs=(("starsessions", 'SessionMiddleware(..., cookie_name="__Host-session")'),)),
    },
    semgrep_twins={"SFX101": _semgrep_login},
    semgrep_request_session=True,
    semgrep_trusted_regenerate=True,
)
