"""Pyramid (and WebOb, its request and response): what fixlint knows about it.

Facts from Pyramid 2.x (`pyramid/session.py`, `pyramid/authentication.py`,
`pyramid/security.py`) and WebOb 1.8 (`webob/response.py`):

- `SignedCookieSessionFactory(secret, cookie_name="session", max_age=None,
  path="/", domain=None, secure=False, httponly=False, samesite="Lax",
  set_on_exception=True, timeout=1200, ...)` keeps the whole session in a
  signed cookie: no Secure and no HttpOnly unless asked, SameSite Lax.
  `BaseCookieSessionFactory(serializer, ...)` takes the same cookie options.
- The session's `invalidate()` is `self.clear()`: the next response carries a
  new cookie value, so `request.session.invalidate()` *before* the identity
  is written is regeneration, and on logout it is invalidation (Pyramid's
  ISession has no `regenerate()`, `cycle_key()`, `flush()` or `destroy()`).
- `remember(request, userid)` asks the security policy for headers: with
  `AuthTktCookieHelper` a fresh signed ticket (nothing to fixate), with
  `SessionAuthenticationHelper` `request.session["auth.userid"] = userid`
  without invalidating. Which policy runs is configuration fixlint does not
  see, so a call of `remember()` is not judged as a binding; an identity
  written into `request.session` in a login view is, and so is one written
  by the project's own policy in its `remember(self, request, userid)`
  method (a login hook), or removed alone in its `forget()`. `forget(request)` expires the
  ticket cookie in the browser (or, with the session helper, deletes that one key):
  it is not session invalidation. A copy of the ticket still signs in until
  it times out (never, without a `timeout`), so a logout that only calls it
  is a cookie-only logout, SFX102 as in every framework (RULES.md Revision 2),
  unless the logout invalidates the session too.
- `AuthTktAuthenticationPolicy(secret, callback=None, cookie_name="auth_tkt",
  secure=False, ..., max_age=None, path="/", http_only=False, ...,
  samesite="Lax")` and `AuthTktCookieHelper(secret, cookie_name="auth_tkt",
  secure=False, ..., max_age=None, http_only=False, path="/", ...,
  samesite="Lax")`: the auth ticket cookie, no Secure and no HttpOnly by
  default.
- WebOb's `Response.set_cookie(name, value="", max_age=None, path="/",
  domain=None, secure=False, httponly=False, comment=None, expires=None,
  overwrite=False, samesite=None)`: no Secure, no HttpOnly, no SameSite; its
  positional order differs from Werkzeug's and Django's (no `expires` third).
- Views: `@view_config(route_name=...)` functions and methods,
  `config.add_view(view, route_name=...)`; a view takes `request` (or
  `context, request`), a class-based view keeps `self.request`. Client
  values: `request.params`, `request.GET`, `request.POST`,
  `request.matchdict`, `request.json_body`.
"""

from dataclasses import replace

from .base import Advice, Framework, Middleware, Requests, Routing, SessionBackend

# WebOb's positional parameters of `set_cookie` after `self` (the cookie's
# name is `name` there; fixlint calls it `key` everywhere).
SET_COOKIE_PARAMS = (
    "key", "value", "max_age", "path", "domain", "secure", "httponly", "comment", "expires",
    "overwrite", "samesite",
)

FORGET = "pyramid.security.forget"
AUTH_TICKET_COOKIE = "auth_tkt"

_SESSION_FACTORY_OPTIONS = {
    "secure": "secure", "httponly": "httponly", "samesite": "samesite", "lifetime": "max_age",
    "name": "cookie_name", "domain": "domain", "path": "path",
}
_SESSION_FACTORY_DEFAULTS = {
    "secure": False, "httponly": False, "samesite": "Lax", "lifetime": None, "name": "session",
    "domain": None, "path": "/",
}
# Positional parameters after the first (the secret, or BaseCookieSessionFactory's serializer).
_SESSION_FACTORY_PARAMS = ("cookie_name", "max_age", "path", "domain", "secure", "httponly", "samesite")

SESSION_FACTORY = Middleware(
    qualnames=frozenset(
        ("pyramid.session.SignedCookieSessionFactory", "pyramid.session.BaseCookieSessionFactory")
    ),
    label="Pyramid",
    params=_SESSION_FACTORY_PARAMS,
    options=_SESSION_FACTORY_OPTIONS,
    defaults=_SESSION_FACTORY_DEFAULTS,
    subject="the session factory's session cookie",
    call="SignedCookieSessionFactory",
)

# Pyramid 1.x's `UnencryptedCookieSessionFactoryConfig(secret, timeout=1200,
# cookie_name="session", cookie_max_age=None, cookie_path="/",
# cookie_domain=None, cookie_secure=False, cookie_httponly=False, ...)`
# (deprecated in 1.5, removed in 2.0, still in older apps): no Secure and no
# HttpOnly unless asked; it has no SameSite option.
LEGACY_SESSION_FACTORY = Middleware(
    qualnames=frozenset(("pyramid.session.UnencryptedCookieSessionFactoryConfig",)),
    label="Pyramid",
    params=("timeout", "cookie_name", "cookie_max_age", "cookie_path", "cookie_domain", "cookie_secure",
            "cookie_httponly"),
    options={
        "secure": "cookie_secure", "httponly": "cookie_httponly", "lifetime": "cookie_max_age",
        "name": "cookie_name", "domain": "cookie_domain", "path": "cookie_path",
    },
    defaults={"secure": False, "httponly": False, "lifetime": None, "name": "session", "domain": None, "path": "/"},
    subject="the session factory's session cookie",
    call="UnencryptedCookieSessionFactoryConfig",
)

_AUTH_TKT_OPTIONS = {
    "secure": "secure", "httponly": "http_only", "samesite": "samesite", "lifetime": "max_age",
    "name": "cookie_name", "domain": "domain", "path": "path",
}
_AUTH_TKT_DEFAULTS = {
    "secure": False, "httponly": False, "samesite": "Lax", "lifetime": None, "name": "auth_tkt",
    "domain": None, "path": "/",
}
AUTH_TKT_POLICY = Middleware(
    qualnames=frozenset(
        ("pyramid.authentication.AuthTktAuthenticationPolicy",)
    ),
    label="Pyramid",
    params=(
        "callback", "cookie_name", "secure", "include_ip", "timeout", "reissue_time", "max_age",
        "path", "http_only",
    ),
    options=_AUTH_TKT_OPTIONS,
    defaults=_AUTH_TKT_DEFAULTS,
    subject="the auth ticket cookie",
    call="AuthTktAuthenticationPolicy",
)
AUTH_TKT_HELPER = Middleware(
    qualnames=frozenset(("pyramid.authentication.AuthTktCookieHelper",)),
    label="Pyramid",
    params=(
        "cookie_name", "secure", "include_ip", "timeout", "reissue_time", "max_age", "http_only",
        "path",
    ),
    options=_AUTH_TKT_OPTIONS,
    defaults=_AUTH_TKT_DEFAULTS,
    subject="the auth ticket cookie",
    call="AuthTktCookieHelper",
)
# `remember(request, userid, max_age=...)`: the policy's cookie helper sets
# the auth ticket with that Max-Age (AuthTktCookieHelper.remember), whatever
# the policy was built with; only its lifetime is given here.
REMEMBER = Middleware(
    qualnames=frozenset(("pyramid.security.remember",)),
    label="Pyramid",
    params=(),
    options={"lifetime": "max_age"},
    defaults={"lifetime": None},
    subject="the auth ticket cookie",
    call="remember",
    leading=2,  # request, userid
)

# -- session lifecycle (SFX101/SFX102) -------------------------------------
# invalidate() clears the signed-cookie session (as clear() does): before the
# identity is written it is regeneration, on logout invalidation.
# pyramid_beaker's sessions (Beaker's) also have delete(), which removes the
# record and expires the cookie: trusted as invalidation, as the factory is
# configuration fixlint may not see.
REGENERATE_METHODS = frozenset(("invalidate",))
INVALIDATE_METHODS = frozenset(("invalidate", "delete"))
SESSION_BACKEND = SessionBackend(
    key="pyramid",
    label="Pyramid",
    regenerators=frozenset(("clear:pyramid", "cycle:pyramid")),
    order="before",
    regenerate_fix="call request.session.invalidate() first",
    invalidate_fix="call request.session.invalidate()",
    server_side=False,
    regenerate_code="{session}.invalidate()",
    invalidate_code="{session}.invalidate()",
    # ISession: invalidate() and the dict's clear(); nothing else of the kind.
    session_methods=frozenset(("invalidate", "clear", "delete")),
)

# pyramid_beaker (pyramid_beaker/__init__.py: `session_factory_from_settings`,
# `BeakerSessionFactoryConfig`, and `config.include("pyramid_beaker")`) runs
# Beaker's sessions. Beaker's `Session` (beaker/session.py) keeps the data in
# a server-side container (memory or files unless `session.type` says
# otherwise, and only `type = "cookie"` makes it a cookie) under the id its
# cookie carries; its `invalidate()` clears the data and creates a new id, so
# invalidate() before the identity is written is still the regeneration,
# and a planted id that is never invalidated becomes a signed-in session. The
# type usually lives in the .ini settings fixlint does not read: a module
# whose application imports pyramid_beaker is rated server-side, unless the
# project's own code gives `session.type` the literal "cookie" (and no other
# value): `settings["session.type"] = "cookie"`, `settings.setdefault(...)`,
# `{"session.type": "cookie"}`. Then Beaker's CookieSession keeps the whole
# session in the cookie, signed with `validate_key` (HMAC; encrypted too with
# `encrypt_key`); its invalidate() also clears the data and draws a new id.
BEAKER_MODULE = "pyramid_beaker"
BEAKER_BACKEND = replace(
    SESSION_BACKEND,
    key="pyramid_beaker",
    label="Pyramid with pyramid_beaker",
    regenerate_fix="call request.session.invalidate() first (Beaker gives the session a new id)",
    server_side=True,
)
BEAKER_TYPE_SETTING = "session.type"
BEAKER_COOKIE_BACKEND = replace(
    BEAKER_BACKEND,
    key="pyramid_beaker_cookie",
    label='Pyramid with pyramid_beaker, session.type "cookie"',
    server_side=False,
)

# pyramid_redis_sessions and its fork pyramid_session_redis (usually set up
# with `config.include("pyramid_redis_sessions")`, which the project model
# reads as an import of it) keep the session in Redis under the id the cookie
# carries: a planted id that is never invalidated becomes a signed-in
# session; invalidate() drops the record, and the next write draws a new id.
REDIS_MODULES = ("pyramid_redis_sessions", "pyramid_session_redis")
REDIS_BACKEND = replace(
    SESSION_BACKEND,
    key="pyramid_redis",
    label="Pyramid with pyramid_redis_sessions",
    regenerate_fix="call request.session.invalidate() first (the Redis record is dropped and the next write draws a new id)",
    server_side=True,
)

# -- requests, responses, views ----------------------------------------------
REQUEST_SOURCES = {
    "params": "query string or form body", "GET": "query string", "POST": "form body",
    "matchdict": "URL path", "json_body": "JSON body", "json": "JSON body",
    "cookies": "cookie", "headers": "header",
}
RAW_BODIES = frozenset(("body", "text"))
REQUEST_TYPES = frozenset(
    ("pyramid.request.Request", "webob.Request", "webob.request.Request", "webob.request.BaseRequest")
)
_HTTP_EXCEPTIONS = (
    "HTTPFound", "HTTPSeeOther", "HTTPTemporaryRedirect", "HTTPMovedPermanently",
    "HTTPPermanentRedirect", "HTTPOk", "HTTPForbidden", "HTTPNotFound", "HTTPBadRequest",
    "HTTPUnauthorized",
)
RESPONSE_CLASSES = frozenset(
    ["pyramid.response.Response", "webob.Response", "webob.response.Response"]
    + [f"pyramid.httpexceptions.{name}" for name in _HTTP_EXCEPTIONS]
)
REDIRECTS = frozenset(
    f"pyramid.httpexceptions.{name}"
    for name in ("HTTPFound", "HTTPSeeOther", "HTTPTemporaryRedirect", "HTTPMovedPermanently",
                 "HTTPPermanentRedirect")
)
# `request.route_url("home", _query={"sid": ...})` and friends.
URL_BUILDER_METHODS = frozenset(
    ("route_url", "route_path", "resource_url", "resource_path", "current_route_url",
     "current_route_path", "static_url")
)
VIEW_DECORATORS = frozenset(("pyramid.view.view_config",))

# -- Semgrep twins (SFX101, SFX102) -------------------------------------------
# Written with the rules' helpers (`kit`: fixlint/rules/_lifecycle_semgrep.py):
# SignedCookieSessionFactory's session, and a twin per server-side variant
# (pyramid_beaker), rated by the file's imports.
REQUEST_SESSION = "$REQ.session"


def _semgrep_login(kit, framework):
    request = REQUEST_SESSION
    server_side = [(m, b) for m, b in framework.backend_variants if b.server_side]
    return (
        kit.Backend(
            suffix="pyramid",
            session=request,
            regenerated=[*kit.after_any(f"{request}.invalidate()", f"{request}.clear()"),
                         *kit.imports(framework.semgrep_imports()),
                         *kit.not_importing([module for module, _ in server_side])],
            technology=("pyramid",),
            severity="medium",  # SignedCookieSessionFactory: a signed-cookie session
            binding="Login writes $K into request.session without invalidating it first: data planted in the "
                    "session before login carries into the signed-in one; call request.session.invalidate() "
                    "before the write (Pyramid)",
        ),
        *(kit.Backend(
            suffix=backend.key.replace("_", "-"),
            session=request,
            regenerated=[*kit.after_any(f"{request}.invalidate()"), *kit.imports(modules)],
            technology=("pyramid",),
            binding=f"Login writes $K into a server-side session without a new session id: the planted id "
                    f"becomes signed in; {backend.regenerate_fix} ({backend.label})",
        ) for backend, modules in _by_backend(server_side)),
    )


def _by_backend(variants):
    """[(backend, its modules)] of (module, backend) pairs, in order."""
    found = {}
    for module, backend in variants:
        found.setdefault(backend, []).append(module)
    return [(backend, tuple(modules)) for backend, modules in found.items()]


def _semgrep_logout(kit, framework):
    request = REQUEST_SESSION
    return (kit.Rule(
        suffix="pyramid",
        message="Logout removes only $K from request.session: the session stays valid; call "
                "request.session.invalidate() (Pyramid)",
        match={"patterns": [
            *kit.removals(request), *kit.in_logout_handler(), *kit.invalidations(request, True),
            *kit.imports(framework.semgrep_imports()),
        ]},
        technology=("pyramid",),
    ),)


def _semgrep_session_id(kit, framework):
    """SFX201's twin (written with the rule's kit): a read by a session-id
    name from every client-sent container of WebOb's request but cookies
    and headers (params, GET, POST, matchdict...)."""
    sources = tuple(
        f"$REQ.{attr}" for attr, where in framework.requests.sources.items() if where not in ("cookie", "header")
    )
    return (kit.Rule(
        suffix="pyramid",
        message=f"Session id read from request.params/GET/POST/matchdict: it leaks in links and logs, and lets "
                f"an attacker fix the victim's session; {kit.FIX} (request.cookies) (Pyramid)",
        match={"patterns": [
            {"pattern-either": [kit.named_reads(sources), kit.flows_to_store(sources)]},
            *kit.NOT_NUMBERS, *kit.imports(framework.semgrep_imports()),
        ]},
        technology=("pyramid",),
    ),)


PYRAMID = Framework(
    key="pyramid",
    label="Pyramid",
    packages=("pyramid", "webob"),
    semgrep_packages=("pyramid",),
    response_factories=RESPONSE_CLASSES,
    response_types=RESPONSE_CLASSES,
    response_attributes=frozenset(("response",)),  # `request.response.set_cookie(...)`
    set_cookie_params=SET_COOKIE_PARAMS,
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    middleware=(SESSION_FACTORY, LEGACY_SESSION_FACTORY, AUTH_TKT_POLICY, AUTH_TKT_HELPER, REMEMBER),
    routing=Routing(
        view_decorators=VIEW_DECORATORS,
        path_keywords=("route_name",),
        view_methods=frozenset(("__call__",)),
    ),
    requests=Requests(
        parameter=True,
        types=REQUEST_TYPES,
        sources=REQUEST_SOURCES,
        raw_bodies=RAW_BODIES,
        self_request=True,
    ),
    backend=SESSION_BACKEND,
    backend_variants=((BEAKER_MODULE, BEAKER_BACKEND), *((module, REDIS_BACKEND) for module in REDIS_MODULES)),
    backend_settings=((BEAKER_MODULE, BEAKER_TYPE_SETTING, "cookie", BEAKER_COOKIE_BACKEND),),
    # `config.include("pkg.auth")` runs that module's includeme(config).
    includes=frozenset(("include",)),
    session_label="request.session",
    session_cookie="session",
    session_regenerate_methods=REGENERATE_METHODS,
    session_invalidate_methods=INVALIDATE_METHODS,
    regenerate_mechanism="cycle:pyramid",
    # ISecurityPolicy / IAuthenticationPolicy: remember() and forget() run at
    # sign-in and sign-out, called by pyramid.security.remember()/forget().
    login_hooks=frozenset(("remember",)),
    logout_hooks=frozenset(("forget",)),
    hook_setups=("set_security_policy(", "set_authentication_policy(", "security_policy=", "authentication_policy="),
    # `forget(request)`: the headers that expire the auth ticket cookie (AuthTkt's default name).
    cookie_unsetters={FORGET: (AUTH_TICKET_COOKIE,)},
    token_revoke_fix=("end the sign-in on the server at logout: keep it in the session (SessionAuthenticationHelper) "
                      "and call request.session.invalidate(), or have the policy's callback check a per-user token "
                      "the logout changes (an auth ticket stays valid until it times out)"),
    url_builder_methods=URL_BUILDER_METHODS,
    redirects=REDIRECTS,
    fixtures="pyramid",
    advice={
        "SFX101": Advice(docs=(("Pyramid", "request.session.invalidate() before writing the user into the session, then remember(request, userid)"),)),
        "SFX102": Advice(docs=(("Pyramid", "request.session.invalidate() with forget(request)"),)),
        "SFX201": Advice(
            fix="read it from request.cookies, or use request.session",
            docs=(("Pyramid", 'request.cookies.get("session"), or request.session with a session factory; never request.params/GET/POST/matchdict'),),
        ),
        "SFX202": Advice(
            fix="keep it in the session cookie and pass route_url()/HTTPFound a non-secret reference",
            docs=(("Pyramid", 'HTTPFound(location=request.route_url("home")) without the session id'),),
        ),
        "SFX203": Advice(
            fix="use request.session with a session factory, or when the id is unknown issue a new one with "
                "secrets.token_urlsafe(32) and set it as the cookie",
            docs=(("Pyramid", "if sid not in SESSIONS: sid = secrets.token_urlsafe(32) before creating the record"),),
        ),
        "SFX204": Advice(docs=(("Pyramid", "secrets.token_urlsafe(32)"),)),
        "SFX301": Advice(docs=(("Pyramid", "response.set_cookie(..., httponly=True); SignedCookieSessionFactory(..., httponly=True); AuthTktAuthenticationPolicy(..., http_only=True)"),)),
        "SFX302": Advice(docs=(("Pyramid", "response.set_cookie(..., secure=True); SignedCookieSessionFactory(..., secure=True); AuthTktAuthenticationPolicy(..., secure=True)"),)),
        "SFX303": Advice(docs=(("Pyramid", 'response.set_cookie(..., samesite="Lax"); keep the factories\' samesite="Lax" (never None)'),)),
        "SFX304": Advice(docs=(("Pyramid", "SignedCookieSessionFactory(..., max_age=60 * 60 * 24 * 7); set_cookie(..., max_age=...) within the limit"),)),
        "SFX305": Advice(docs=(("Pyramid", 'SignedCookieSessionFactory(..., cookie_name="__Host-session", secure=True) and no domain'),)),
    },
    semgrep_twins={"SFX101": _semgrep_login, "SFX102": _semgrep_logout, "SFX201": _semgrep_session_id},
)
