"""Litestar.

Facts from Litestar 2.25's source:
- `Response.set_cookie(key, value=None, max_age=None, expires=None,
  path="/", domain=None, secure=False, httponly=False, samesite="lax")`:
  no Secure, no HttpOnly, SameSite Lax unless asked. The `Cookie(...)`
  data structure (`response_cookies=[Cookie(...)]`, `Response(...,
  cookies=[...])`) defaults to `secure=None`, `httponly=None`,
  `samesite="lax"`.
- Session middleware configs: `CookieBackendConfig` (client side, the data
  in an encrypted cookie) and `ServerSideSessionConfig` (the data in a store
  under a random id) both default to `key="session"`, `max_age` 14 days,
  `path="/"`, `domain=None`, `secure=False`, `httponly=True`,
  `samesite="lax"`.
- Route handlers are module-level decorators (`@post("/login")`) or
  methods of a `Controller`; a handler's `request: Request` carries
  `query_params`, `path_params`, `cookies`, `headers`, `await
  request.form()`, `await request.json()`.
- Sessions: `request.session` (a dict), `request.set_session(...)`,
  `request.clear_session()` (litestar/connection/base.py: sets the scope's
  session to Empty and forgets the connection's session id).
  - Under `CookieBackendConfig` the session is the cookie:
    `clear_session()` before the user is written gives the response a
    fresh cookie (regeneration), and at logout ends the session.
  - Under `ServerSideSessionConfig` (litestar/middleware/session/
    server_side.py, 2.x and 3.0): `store_in_message()` deletes the record
    and sends a "null" cookie when the session is Empty, but otherwise
    saves it under `get_session_id()`, which returns the id the request's
    cookie carries before anything else. So `clear_session()` followed by
    `set_session({...})` in the same request stores the user under the id
    the visitor came with: invalidation at logout, never regeneration at
    login, and Litestar has no call that issues a new id. A module that
    imports `litestar.middleware.session.server_side` (or whose
    application does) runs on SERVER_SIDE_BACKEND.
"""

from .base import Advice, Framework, Middleware, Requests, Routing, SessionBackend

_DAY = 86400

_RESPONSES = ("Response", "Redirect", "Template", "File", "Stream", "ServerSentEvent")
RESPONSES = frozenset(
    [f"litestar.{name}" for name in ("Response",)]
    + [f"litestar.response.{name}" for name in _RESPONSES]
    + ["litestar.response.base.Response", "litestar.response.redirect.Redirect",
       "litestar.response.template.Template"]
)
COOKIES = frozenset(("litestar.datastructures.Cookie", "litestar.datastructures.cookie.Cookie"))

SESSION_CONFIGS = Middleware(
    qualnames=frozenset(
        ("litestar.middleware.session.client_side.CookieBackendConfig",
         "litestar.middleware.session.server_side.ServerSideSessionConfig",
         "litestar.middleware.session.cookie_backend.CookieBackendConfig")
    ),
    label="Litestar",
    params=(),  # dataclasses, configured by keyword
    options={
        "secure": "secure", "httponly": "httponly", "samesite": "samesite", "lifetime": "max_age",
        "name": "key", "domain": "domain", "path": "path",
    },
    defaults={
        "secure": False, "httponly": True, "samesite": "lax", "lifetime": 14 * _DAY,
        "name": "session", "domain": None, "path": "/",
    },
    constructed=True,
)

# litestar.config.csrf.CSRFConfig (2.x): the double-submit token's cookie,
# `cookie_secure=False` by default (no Secure flag), `cookie_samesite="lax"`,
# `cookie_httponly=False` (the page sends the token back: no finding),
# named "csrftoken".
CSRF_CONFIG = Middleware(
    qualnames=frozenset(("litestar.config.csrf.CSRFConfig",)),
    label="Litestar",
    params=(),  # a dataclass, configured by keyword (`secret` first)
    options={
        "secure": "cookie_secure", "httponly": "cookie_httponly", "samesite": "cookie_samesite",
        "name": "cookie_name", "domain": "cookie_domain", "path": "cookie_path",
    },
    defaults={"secure": False, "httponly": False, "samesite": "lax", "name": "csrftoken", "domain": None, "path": "/"},
    constructed=True,
    cookie="CSRF cookie",
    csrf=True,
)

# litestar.security.jwt's configs that carry the token in a cookie (auth.py:
# JWTCookieAuth, OAuth2PasswordBearerAuth): their login() sets the cookie
# `key` ("token") with httponly always, `secure` (None: no Secure flag),
# `samesite` ("lax"), path "/", no domain, for `default_token_expiration`
# (a day); litestar-fullstack builds one with no `secure`.
JWT_COOKIE_AUTH = Middleware(
    qualnames=frozenset(
        f"{module}.{name}" for module in ("litestar.security.jwt", "litestar.security.jwt.auth")
        for name in ("JWTCookieAuth", "OAuth2PasswordBearerAuth")
    ),
    label="Litestar",
    params=(),  # dataclasses, configured by keyword
    options={
        "secure": "secure", "samesite": "samesite", "lifetime": "default_token_expiration",
        "name": "key", "domain": "domain", "path": "path",
    },
    defaults={
        "secure": None, "httponly": True, "samesite": "lax", "lifetime": _DAY,
        "name": "token", "domain": None, "path": "/",
    },
    fixed=frozenset(("httponly",)),
    constructed=True,
    cookie="token cookie",
    leading=0,
)

APP_CLASSES = frozenset(("litestar.Litestar", "litestar.app.Litestar", "litestar.Router", "litestar.router.Router"))
HANDLER_DECORATORS = frozenset(
    f"{module}.{name}" for module in ("litestar", "litestar.handlers")
    for name in ("get", "post", "put", "patch", "delete", "head", "route", "websocket")
)
REQUEST_TYPES = frozenset(
    ("litestar.Request", "litestar.connection.Request", "litestar.connection.request.Request",
     "litestar.connection.ASGIConnection")
)
REQUEST_SOURCES = {
    "query_params": "query string", "path_params": "URL path",
    "cookies": "cookie", "headers": "header",
}
REQUEST_SOURCE_METHODS = {"form": "form body", "json": "JSON body"}
REDIRECTS = frozenset(("litestar.response.Redirect", "litestar.response.redirect.Redirect"))

# The cookie backend keeps the whole session in the cookie: clearing it
# before the user is written gives the next response a new cookie.
SESSION_BACKEND = SessionBackend(
    key="litestar",
    label="Litestar",
    regenerators=frozenset(("clear:litestar",)),
    order="before",
    regenerate_fix="call request.clear_session() first (cookie backend)",
    invalidate_fix="call request.clear_session()",
    server_side=False,
    session_methods=frozenset(("clear",)),
)

# ServerSideSessionConfig: the record lives in a store under the cookie's
# id, which clear_session() does not change within the request; a response
# that ends the session sends a "null" cookie, and the next request starts
# a session under a fresh id (get_session_id -> generate_session_id).
SERVER_SIDE_MODULE = "litestar.middleware.session.server_side"
SERVER_SIDE_BACKEND = SessionBackend(
    key="litestar_server_side",
    label="Litestar",
    regenerators=frozenset(),  # nothing gives the session a new id within the request
    order="before",
    regenerate_fix=("end the old session with request.clear_session() and bind the user on a later request "
                    "(the next request gets a fresh id), or issue the id yourself in a ServerSideSessionBackend "
                    "subclass"),
    invalidate_fix="call request.clear_session()",
    server_side=True,
    note="ServerSideSessionConfig keeps the request cookie's session id across request.clear_session()",
    session_methods=frozenset(("clear",)),
)

# -- Semgrep twins (SFX101, SFX102) -------------------------------------------
# Written with the rules' helpers (`kit`: fixlint/rules/_lifecycle_semgrep.py):
# the request's own session calls (`request.clear_session()`,
# `request.set_session({...})`); CookieBackendConfig's session, and a twin
# per server-side variant (ServerSideSessionConfig), by the file's imports.
def _request_calls(framework, what):
    return sorted(m for m, kind in framework.request_session_calls.items() if kind == what)


def _writes(kit, framework, request):
    """Identity writes: into `request.session`, or a whole session set with
    `request.set_session({..., "user_id": ...})`."""
    session = f"{request}.session"
    return [{"pattern-either": [
        {"patterns": [
            {"pattern-either": [
                {"patterns": [{"pattern": f"{session}[$K] = $V"}, kit.regex("$V", kit.SOME_VALUE_RE)]},
                {"pattern": f"{session}.update({{..., $K: $V, ...}})"},
                # Semgrep's `{..., $K: $V}` skips a dict that starts with `**old`.
                *[{"pattern": f"{request}.{write}({{{start}$K: $V, ...}})"}
                  for write in _request_calls(framework, "write") for start in ("..., ", "**$OLD, ..., ")],
            ]},
            kit.regex("$K", kit.IDENTITY_KEY_RE),
        ]},
    ]}]


def _semgrep_login(kit, framework):
    backend = framework.backend
    clears = [f"$REQ.{clear}()" for clear in _request_calls(framework, "clear")]
    server_side = [(m, b) for m, b in framework.backend_variants if b.server_side]
    return (
        kit.Backend(
            suffix="litestar",
            session="$REQ.session",
            bindings=_writes(kit, framework, "$REQ"),
            regenerated=[*kit.after_any(*clears), *kit.imports(framework.semgrep_imports()),
                         *kit.not_importing([module for module, _ in server_side])],
            technology=("litestar",),
            severity="medium",  # CookieBackendConfig: the session is the cookie
            binding=f"Login writes $K into the session without clearing it first: under Litestar's "
                    f"CookieBackendConfig, data planted in the session before login carries into the "
                    f"signed-in one; {backend.regenerate_fix} ({backend.label})",
        ),
        *(kit.Backend(
            suffix="litestar-server-side",
            session="$REQ.session",
            bindings=_writes(kit, framework, "$REQ"),
            # Nothing regenerates: clear_session() keeps the request cookie's id.
            regenerated=kit.imports((module,)),
            technology=("litestar",),
            binding=f"Login writes $K into a server-side session under the id the visitor came with; "
                    f"{variant.note}, so {variant.regenerate_fix} ({variant.label})",
        ) for module, variant in server_side),
    )


def _semgrep_logout(kit, framework):
    backend = framework.backend
    request = "$REQ.session"
    return (kit.Rule(
        suffix="litestar",
        message=f"Logout removes only $K from request.session: the session stays valid; "
                f"{backend.invalidate_fix} ({backend.label})",
        match={"patterns": [
            *kit.removals(request), *kit.in_logout_handler(), *kit.invalidations(request, True),
            *kit.anywhere_in_function(*(f"$REQ.{clear}()" for clear in _request_calls(framework, "clear"))),
            *kit.imports(framework.semgrep_imports()),
        ]},
        technology=("litestar",),
    ),)


LITESTAR = Framework(
    samesite_lax="lax",  # Cookie/set_cookie/session configs: samesite: Literal["lax", "strict", "none"]
    key="litestar",
    label="Litestar",
    packages=("litestar",),
    response_factories=RESPONSES,
    response_types=RESPONSES,
    cookie_classes=COOKIES,
    cookie_defaults={"secure": False, "httponly": False, "samesite": "lax"},
    middleware=(SESSION_CONFIGS, JWT_COOKIE_AUTH, CSRF_CONFIG),
    routing=Routing(
        app_classes=APP_CLASSES,
        decorator_functions=HANDLER_DECORATORS,
        path_keywords=("path",),
        methodless_decorators=frozenset(("route", "websocket")),
    ),
    requests=Requests(
        state_attributes=frozenset(("state",)),
        types=REQUEST_TYPES,
        sources=REQUEST_SOURCES,
        source_methods=REQUEST_SOURCE_METHODS,
    ),
    backend=SESSION_BACKEND,
    backend_variants=((SERVER_SIDE_MODULE, SERVER_SIDE_BACKEND),),
    request_session_calls={"clear_session": "clear", "set_session": "write"},
    session_label="request.session",
    session_cookie="session",
    session_setup=("litestar.middleware.session",),  # CookieBackendConfig, ServerSideSessionConfig
    redirects=REDIRECTS,
    fixtures="litestar",
    advice={
        "SFX101": Advice(docs=(("Litestar", "request.clear_session() before request.set_session({...}) with CookieBackendConfig; "
                                            "ServerSideSessionConfig keeps the request cookie's id across clear_session(): "
                                            "end the old session and bind the user on a later request, or issue the id "
                                            "yourself in a ServerSideSessionBackend subclass"),)),
        "SFX102": Advice(docs=(("Litestar", "request.clear_session()"),)),
        "SFX201": Advice(
            fix="read it from request.cookies",
            docs=(("Litestar", 'request.cookies.get("session"), or request.session with a session middleware config'),),
        ),
        "SFX301": Advice(docs=(("Litestar", "response.set_cookie(..., httponly=True) or Cookie(..., httponly=True); keep the session config's httponly=True"),)),
        "SFX302": Advice(docs=(("Litestar", "response.set_cookie(..., secure=True); CookieBackendConfig(secret=..., secure=True) (the default is False)"),)),
        "SFX303": Advice(docs=(("Litestar", 'drop samesite="none" (the default is "lax")'),)),
        "SFX304": Advice(docs=(("Litestar", "CookieBackendConfig(..., max_age=60 * 60 * 24 * 7); set_cookie(..., max_age=...) within the limit"),)),
    },
    semgrep_twins={"SFX101": _semgrep_login, "SFX102": _semgrep_logout},
)
