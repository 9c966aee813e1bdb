"""Starlette and FastAPI.

`Response.set_cookie` defaults to `samesite="lax"` (so a missing SameSite is
fine; only an explicit None/"none" is weak) and to no Secure, no HttpOnly.
Starlette's cookie-based `SessionMiddleware` always sets HttpOnly, defaults
to SameSite Lax, a 14-day max_age and *no* Secure flag (`https_only=False`).
"""

from . import hand_rolled as stores
from .base import Advice, Requests, Routing, Framework, Middleware, SessionBackend

_DAY = 86400

_RESPONSES = (
    "Response", "JSONResponse", "HTMLResponse", "PlainTextResponse", "RedirectResponse",
    "StreamingResponse", "FileResponse", "ORJSONResponse", "UJSONResponse",
)

SESSION_MIDDLEWARE = Middleware(
    qualnames=frozenset(("starlette.middleware.sessions.SessionMiddleware",)),
    label="Starlette",
    params=("secret_key", "session_cookie", "max_age", "path", "same_site", "https_only", "domain"),
    options={
        "secure": "https_only", "samesite": "same_site", "lifetime": "max_age",
        "name": "session_cookie", "domain": "domain", "path": "path",
    },
    defaults={
        "secure": False, "samesite": "lax", "lifetime": 14 * _DAY, "name": "session",
        "domain": None, "path": "/", "httponly": True,
    },
    fixed=frozenset(("httponly",)),
    semgrep_shared=True,
)


MIDDLEWARE_WRAPPERS = frozenset(
    ("starlette.middleware.Middleware", "fastapi.middleware.Middleware")
)
# `app.add_middleware(SessionMiddleware, https_only=True)` (starsessions' too).
MIDDLEWARE_METHODS = frozenset(("add_middleware",))

APP_CLASSES = frozenset(
    ("fastapi.FastAPI", "fastapi.applications.FastAPI", "fastapi.APIRouter",
     "fastapi.routing.APIRouter", "starlette.applications.Starlette", "starlette.routing.Router")
)
ROUTE_DECORATORS = frozenset(
    ("route", "get", "post", "put", "patch", "delete", "head", "options", "api_route",
     "websocket", "websocket_route", "trace")
)
ROUTE_CLASSES = frozenset(
    ("starlette.routing.Route", "starlette.routing.WebSocketRoute", "fastapi.routing.APIRoute",
     "fastapi.routing.APIWebSocketRoute")
)
APP_NAMES = frozenset(("app", "application", "bp", "blueprint", "router", "api", "auth", "views"))
ADD_ROUTE_METHODS = frozenset(("add_api_route", "add_route", "add_websocket_route", "add_api_websocket_route"))
REQUEST_TYPES = frozenset(
    ("fastapi.Request", "starlette.requests.Request", "fastapi.requests.Request",
     "fastapi.WebSocket", "starlette.websockets.WebSocket", "starlette.requests.HTTPConnection")
)
# FastAPI parameter functions and where each takes its value from.
PARAM_SOURCES = {
    "Query": "query", "Path": "path", "Body": "body", "Form": "form", "File": "form",
    "Cookie": "cookie", "Header": "header", "Depends": "depends", "Security": "depends",
}
PARAM_MODULES = ("fastapi", "fastapi.params", "fastapi.param_functions")

# -- session lifecycle (SFX101/SFX102) -------------------------------------
# SessionMiddleware keeps the whole session in a signed cookie: clear()
# before the identity is written yields a new cookie value.
SESSION_BACKEND = SessionBackend(
    key="starlette",
    label="Starlette",
    regenerators=frozenset(("clear:starlette",)),
    order="before",
    regenerate_fix="call request.session.clear() first",
    invalidate_fix="call request.session.clear()",
    server_side=False,
    regenerate_code="{session}.clear()",
    invalidate_code="{session}.clear()",
    session_methods=frozenset(("clear",)),  # request.session is a plain dict
)

# -- request values (SFX201-SFX203) ------------------------------------------
REQUEST_SOURCES = {
    "query_params": "query string", "path_params": "URL path",
    "cookies": "cookie", "headers": "header",
}
# `await request.form()` / `await request.json()`.
REQUEST_SOURCE_METHODS = {"form": "form body", "json": "JSON body"}
RAW_BODIES = frozenset(("body",))
# Parameter names of a connection in a plain Starlette endpoint.
CONNECTION_NAMES = frozenset(("websocket", "ws", "conn", "connection"))
URL_BUILDER_METHODS = frozenset(("url_for", "include_query_params", "replace_query_params"))
REDIRECTS = frozenset(
    ("starlette.responses.RedirectResponse", "fastapi.responses.RedirectResponse")
)


def _both(text):
    """The same rule-page line under the FastAPI and the Starlette heading."""
    return (("FastAPI", text), ("Starlette", text))


# -- Semgrep twins (SFX101, SFX102) -------------------------------------------
# Written with the rules' helpers (`kit`: fixlint/rules/_lifecycle_semgrep.py).
# SessionMiddleware's signed-cookie `request.session`; starsessions replaces
# it (its adapter's own twin), so these leave its modules alone. The
# request-session twins judge Django's, Starlette's and starsessions'
# `request.session` together (`semgrep_request_session`).
REQUEST_SESSION = "$REQ.session"


def _semgrep_login(kit, framework):
    request = REQUEST_SESSION
    starsessions = kit.fw.STARSESSIONS.semgrep_imports()
    together = kit.request_session_frameworks()
    return (kit.Backend(
        suffix="starlette",
        session=request,
        regenerated=[*kit.after_any(f"{request}.clear()"), *kit.imports(framework.semgrep_imports()),
                     *kit.not_importing(starsessions)],
        technology=("fastapi", "starlette"),
        severity="medium",  # a signed-cookie session
        binding="Login writes $K into request.session without clearing it first: in Starlette's "
                "signed-cookie session, data planted in the session before login carries into the "
                "signed-in one; call request.session.clear() before the write (Starlette/FastAPI)",
        record="Login writes $K, from the user record a credential check verified, into request.session "
               "without clearing it first; call request.session.clear() before the write (Starlette/FastAPI)",
        extra=(
            kit.Rule(
                suffix="request-session-lookalike",
                message=f"Login writes $K into request.session after calling request.session.$LOOK(), "
                        f"{kit.LOOKALIKE_WHY}; call request.session.cycle_key() (Django), request.session.clear() "
                        f"before the write (Starlette/FastAPI) or regenerate_session_id(request) (starsessions)",
                match={"patterns": [
                    *kit.bindings(request), *kit.in_login_handler(methods=False),
                    *kit.lookalike_call(request, kit.request_lookalikes()),
                    # Their login and regeneration calls, Django's cycle_key() and flush().
                    *kit.anywhere_in_function(*(f"{q}(...)" for f in together for q in sorted(f.regenerate_calls)),
                                              "$R.session.cycle_key()", "$R.session.flush()"),
                    *kit.after_any(f"{request}.clear()"),
                    *kit.imports(kit.request_session_modules()),
                ]},
                technology=("django", "fastapi", "starlette"),
            ),
            kit.Rule(
                suffix="starlette-restored",
                message="Login writes $K into request.session after clearing it and putting its old contents "
                        "back: whatever was planted before login is still there; carry only named values "
                        "across the clear (Starlette/FastAPI)",
                match={"patterns": [
                    *kit.bindings(request), *kit.in_login_handler(), *kit.restored(request),
                    *kit.imports(framework.semgrep_imports()), *kit.not_importing(starsessions),
                ]},
                technology=("fastapi", "starlette"),
                severity="medium",
            ),
        ),
    ),)


def _semgrep_logout(kit, framework):
    """A logout that only deletes the session cookie while a server-side
    record survives: Django, Flask-Session and starsessions, or a module of
    this framework's with a dict store and no signed-cookie middleware."""
    server_side = (*kit.fw.DJANGO.semgrep_imports(), *kit.fw.FLASK_SESSION.semgrep_imports(),
                   *kit.fw.STARSESSIONS.semgrep_imports())
    middleware = sorted({q.rsplit(".", 1)[0] for m in framework.middleware for q in m.qualnames})
    return (kit.Rule(
        suffix="cookie-only",
        message="Logout deletes the session cookie but the server-side session record survives: "
                "whoever copied the id stays logged in; end the session on the server "
                "(logout()/flush() in Django, session.clear(), regenerate or delete the record)",
        match={"patterns": [
            {"pattern-either": [
                {"patterns": [
                    {"pattern": "$RESP.delete_cookie($NAME, ...)"},
                    *kit.imports(server_side),
                ]},
                {"patterns": [
                    {"pattern": "$RESP.delete_cookie($NAME, ...)"},
                    *kit.imports(framework.semgrep_imports()),
                    *kit.not_importing(middleware),
                    {"pattern-inside": "$STORE = {}\n...\n"},
                ]},
            ]},
            kit.regex("$NAME", kit.SESSION_COOKIE),
            *kit.in_logout_handler(),
            *kit.invalidations("flask.session"), *kit.invalidations(REQUEST_SESSION),
            *kit.anywhere_in_function("$STORE.pop(...)", "del $STORE[$SID]", "$CACHE.delete(...)",
                                      *_sql_deletions()),
        ]},
    ),)


def _sql_deletions():
    """A session table's rows deleted with SQL (`cursor.execute("DELETE FROM
    sessions WHERE ...", ...)`, `conn.execute(text("..."), ...)`): the
    record's deletion, as the lifecycle analysis reads it (hand_rolled.py)."""
    sql = f'"=~/(?i)^{stores.SESSION_ROWS_DELETED}/"'
    return [f"$DB.{method}({statement}, ...)" for method in sorted(stores.SQL_RUN_METHODS)
            for statement in (sql, f"$TEXT({sql})")]


# SFX201: where a Starlette/FastAPI handler reads request parameters.
PARAMETER_SOURCES = ("$REQ.query_params", "$REQ.path_params", "await $REQ.form()", "await $REQ.json()")


def _fastapi_params(kit, framework, calls):
    """A FastAPI route parameter named like a session id: declared with
    Query()/Path()/Body()/Form() (`calls`, also inside Annotated[...]), or
    plain (a query or path parameter)."""
    declared = []
    for call in calls:
        declared += [f"def $F(..., $P: $T = {call}(...), ...):\n  ...\n",
                     f"def $F(..., $P: $A[$T, {call}(...)], ...):\n  ...\n",
                     f"def $F(..., $P = {call}(...), ...):\n  ...\n"]
    plain = [f"@$APP.$ROUTE({path})\ndef $F(..., $P: $T{default}, ...):\n  ...\n"
             for path in ("$PATH, ...", "..., path=$PATH, ...") for default in ("", " = None")]
    return {"patterns": [
        {"pattern-either": [
            *({"pattern": d} for d in declared),
            {"patterns": [
                {"pattern-either": [{"pattern": p} for p in plain]},
                {"pattern-not": "def $F(..., $P: $T = $DECLARED(...), ...):\n  ...\n"},
                kit.regex("$ROUTE", kit.route_re(framework)),
                kit.regex("$APP", kit.NOT_OTHER_RE),
                kit.regex("$PATH", kit.NOT_OTHER_RE),
                kit.regex("$T", r"^(str|Optional\[str\]|typing\.Optional\[str\]|str \| None)$"),
            ]},
        ]},
        kit.regex("$P", kit.SID_NAME_RE),
        *kit.primary_key_lookups(),
        *kit.imports(_fastapi(framework)),
        {"focus-metavariable": "$P"},
    ]}


def _fastapi(framework):
    return tuple(package for package, _ in framework.label_variants)


def _semgrep_session_id(kit, framework):
    """SFX201's twins (written with the rule's kit): query/path params or
    the body read by a session-id name, and a FastAPI route parameter so
    named (declared with Query(), Path(), Body(), Form(), or plain)."""
    sources = PARAMETER_SOURCES
    fastapi = _fastapi(framework)
    calls = sorted(f"{fastapi[0]}.{name}" for name, kind in framework.requests.param_sources.items()
                   if kind in ("query", "path", "body", "form"))
    return (
        kit.Rule(
            suffix="starlette",
            message=f"Session id read from query/path params or the request body; {kit.FIX} "
                    f"(request.cookies) (Starlette/FastAPI)",
            match={"patterns": [
                {"pattern-either": [kit.named_reads(sources), kit.flows_to_store(sources),
                                    kit.signs_in(REQUEST_SESSION, sources),
                                    kit.compared_with_stored(sources)]},
                *kit.NOT_NUMBERS, *kit.imports(framework.semgrep_imports()),
            ]},
            technology=("fastapi", "starlette"),
        ),
        kit.Rule(
            suffix="fastapi-param",
            message="FastAPI parameter $P takes a session id from the query string, path or body; declare it "
                    "with Cookie() instead (FastAPI)",
            match={"pattern-either": [
                _fastapi_params(kit, framework, calls),
                {"patterns": [kit.signs_in(REQUEST_SESSION, parameters=calls), *kit.imports(fastapi)]},
            ]},
            technology=("fastapi",),
        ),
    )


# `authenticate()` of Starlette's AuthenticationMiddleware backends, and of
# sqladmin's (Starlette) admin backend, runs on every request to find who is
# signed in; sqladmin's `login()` is the sign-in (starlette/authentication.py,
# sqladmin/authentication.py).
REQUEST_AUTH_HOOKS = {
    base: frozenset(("authenticate",)) for base in (
        "starlette.authentication.AuthenticationBackend", "sqladmin.authentication.AuthenticationBackend",
        "sqladmin.AuthenticationBackend",
    )
}

STARLETTE = Framework(
    request_auth_hooks=REQUEST_AUTH_HOOKS,
    samesite_lax="lax",  # set_cookie(samesite: Literal["lax", "strict", "none"] | None = "lax")
    key="starlette",
    label="Starlette",
    packages=("starlette", "fastapi"),
    response_factories=frozenset(
        [f"starlette.responses.{name}" for name in _RESPONSES]
        + [f"fastapi.responses.{name}" for name in _RESPONSES]
        + ["fastapi.Response"]
    ),
    response_types=frozenset(
        [f"starlette.responses.{name}" for name in _RESPONSES]
        + [f"fastapi.responses.{name}" for name in _RESPONSES]
        + ["fastapi.Response"]
    ),
    response_methods=frozenset(("TemplateResponse",)),
    cookie_defaults={"secure": False, "httponly": False, "samesite": "lax"},
    middleware=(SESSION_MIDDLEWARE,),
    label_variants=(("fastapi", "FastAPI"),),
    routing=Routing(
        app_classes=APP_CLASSES,
        route_decorators=ROUTE_DECORATORS,
        register_methods=ADD_ROUTE_METHODS,
        register_target=("endpoint", 1),
        route_classes=ROUTE_CLASSES,
        path_keywords=("path",),
        prefix_keywords=("prefix",),  # fastapi.APIRouter(prefix="/auth")
        mount_methods=frozenset(("include_router",)),  # app.include_router(router, prefix="/agents")
        app_names=APP_NAMES,
        method_list_decorators=frozenset(("route", "api_route")),
        methodless_decorators=frozenset(("websocket", "websocket_route")),
    ),
    requests=Requests(
        state_attributes=frozenset(("state",)),
        parameter=True,
        types=REQUEST_TYPES,
        sources=REQUEST_SOURCES,
        source_methods=REQUEST_SOURCE_METHODS,
        raw_bodies=RAW_BODIES,
        connection_names=CONNECTION_NAMES,
        param_sources=PARAM_SOURCES,
        injected_types=frozenset(("Response", "BackgroundTasks")),
        param_alias_keywords=("alias", "validation_alias"),  # FastAPI's parameter functions, pydantic's Field
        param_modules=PARAM_MODULES,
    ),
    backend=SESSION_BACKEND,
    session_cookie="session",
    # `request.session` needs a session middleware: without one, a cookie the
    # app calls `session` is its own (a token it signs itself), not Starlette's.
    session_setup=("starlette.middleware.sessions", "starsessions"),
    fixtures="fastapi",
    url_builder_methods=URL_BUILDER_METHODS,
    middleware_wrappers=MIDDLEWARE_WRAPPERS,
    middleware_methods=MIDDLEWARE_METHODS,
    https_only=frozenset(("https_only",)),
    redirects=REDIRECTS,
    advice={
        "SFX101": Advice(docs=(("Starlette/FastAPI", "request.session.clear() before writing the user"),)),
        "SFX102": Advice(docs=(("Starlette/FastAPI", "request.session.clear()"),)),
        "SFX201": Advice(
            fix="read it from request.cookies",
            parameter_fix={"FastAPI": "declare it with Cookie()"},
            docs=(
                ("FastAPI", "session_id: Annotated[str | None, Cookie()] = None, or request.session with SessionMiddleware"),
                ("Starlette", 'request.cookies.get("session"), or request.session with SessionMiddleware'),
            ),
        ),
        "SFX202": Advice(
            fix="keep it in the session cookie and pass url_for()/RedirectResponse a non-secret reference",
            docs=_both('RedirectResponse(request.url_for("dashboard")) without the session id'),
        ),
        "SFX203": Advice(
            fix="use request.session with SessionMiddleware, or when the id is unknown issue a new one with "
                "secrets.token_urlsafe(32) and set it as the cookie",
            docs=_both("if sid not in SESSIONS: sid = secrets.token_urlsafe(32) before creating the record"),
        ),
        "SFX204": Advice(docs=_both("secrets.token_urlsafe(32)")),
        "SFX301": Advice(docs=(("Starlette/FastAPI", "response.set_cookie(..., httponly=True); SessionMiddleware already sets HttpOnly"),)),
        "SFX302": Advice(docs=(("Starlette/FastAPI", "response.set_cookie(..., secure=True); app.add_middleware(SessionMiddleware, secret_key=..., https_only=True)"),)),
        "SFX303": Advice(docs=(("Starlette/FastAPI", 'drop samesite=None (the default is "lax"); SessionMiddleware(same_site="lax")'),)),
        "SFX304": Advice(docs=(("Starlette/FastAPI", "SessionMiddleware(..., max_age=60 * 60 * 24 * 7)"),)),
        "SFX305": Advice(docs=(("Starlette/FastAPI", 'SessionMiddleware(..., session_cookie="__Host-session", https_only=True)'),)),
    },
    semgrep_twins={"SFX101": _semgrep_login, "SFX102": _semgrep_logout, "SFX201": _semgrep_session_id},
    semgrep_short_sid_names=True,
    semgrep_samesite_by_import=True,
    semgrep_request_session=True,
)
