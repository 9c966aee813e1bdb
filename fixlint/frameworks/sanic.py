"""Sanic (read from sanic/cookies/response.py, sanic/response/, sanic/app.py
and sanic/request/, 24.x).

`response.add_cookie(key, value, *, path="/", domain=None, secure=True,
max_age=None, expires=None, httponly=False, samesite="Lax",
partitioned=False, comment=None, host_prefix=False, secure_prefix=False)`:
Secure and SameSite=Lax unless turned off, HttpOnly only when asked
(SFX301 on a credential cookie that does not pass `httponly=True`);
`host_prefix=True` names the cookie `__Host-<key>` (and Sanic refuses it
without Secure, with a domain or another path), `secure_prefix=True`
`__Secure-<key>`. `response.delete_cookie(key)` deletes one; the
response's jar has both methods too (`response.cookies.add_cookie(...)`). The
dictionary form of older releases (`response.cookies[key] = value`, then
its attributes set one by one: `response.cookies[key]["httponly"] = True`)
sets no flag it is not given (23.x keeps it so, with secure=False and no
SameSite): read as a morsel, as Django's `response.cookies[key]` is.

A handler is a function taking the request first, registered with the
app's or a blueprint's decorators (`@app.post("/login")`,
`@bp.route("/login", methods=["POST"])`). `request.args` holds the query
string, `request.form` the form body, `request.json` the JSON body,
`request.cookies` the cookies. Responses come from `sanic.response`'s
factories (`json`, `text`, `html`, `redirect`, `empty`, ...), also
re-exported by the `sanic` package.

Sanic has no session of its own: the cookie rules and SFX201 apply; the
session rules have nothing of Sanic's to judge.
"""

from .base import Advice, Framework, Requests, Routing, sessionless_backend

_FACTORIES = ("json", "text", "html", "raw", "redirect", "empty", "file", "file_stream", "HTTPResponse",
              "JSONResponse", "ResponseStream")
RESPONSES = frozenset(f"{module}.{name}" for module in ("sanic", "sanic.response") for name in _FACTORIES)
REQUESTS = frozenset(("sanic.Request", "sanic.request.Request"))
APP_CLASSES = frozenset(("sanic.Sanic", "sanic.app.Sanic", "sanic.Blueprint", "sanic.blueprints.Blueprint"))
ROUTE_DECORATORS = frozenset(("route", "get", "post", "put", "patch", "delete", "head", "options"))

# `add_cookie`'s positional parameters after `self` (the rest are keywords only).
COOKIE_SETTERS = {"add_cookie": ("key", "value")}
# Keywords that prefix the cookie's name when true.
NAME_PREFIXES = {"host_prefix": "__Host-", "secure_prefix": "__Secure-"}

REQUEST_SOURCES = {
    "args": "query string", "query_args": "query string", "form": "form body", "json": "JSON body",
    "cookies": "cookie", "headers": "header",
}

SESSION_BACKEND = sessionless_backend("sanic", "Sanic", "response.delete_cookie")

SANIC = Framework(
    key="sanic",
    label="Sanic",
    packages=("sanic",),
    response_factories=RESPONSES,
    response_types=RESPONSES,
    cookie_setters=COOKIE_SETTERS,
    cookie_defaults={"secure": True, "httponly": False, "samesite": "Lax"},
    cookie_name_prefixes=NAME_PREFIXES,
    cookie_jar_attribute="cookies",  # `response.cookies.add_cookie(...)` (sanic-security's way)
    routing=Routing(
        app_classes=APP_CLASSES,
        route_decorators=ROUTE_DECORATORS,
        register_methods=frozenset(("add_route",)),
        register_target=("handler", 0),
        path_keywords=("uri",),
        prefix_keywords=("url_prefix",),
        app_names=frozenset(("app", "bp", "blueprint")),
        method_list_decorators=frozenset(("route",)),
    ),
    requests=Requests(
        state_attributes=frozenset(("ctx",)),
        types=REQUESTS,
        sources=REQUEST_SOURCES,
        parameter=True,
    ),
    backend=SESSION_BACKEND,
    cookie_deleters=frozenset(("delete_cookie",)),
    fixtures="sanic",
    advice={
        "SFX201": Advice(
            fix="read it from request.cookies",
            docs=(("Sanic", 'request.cookies.get("session") instead of request.args.get("session_id")'),),
        ),
        "SFX301": Advice(docs=(("Sanic", 'response.add_cookie("sid", value, httponly=True) (Sanic\'s default is '
                                          "no HttpOnly)"),)),
        "SFX302": Advice(docs=(("Sanic", "leave secure at its default (True); never pass secure=False"),)),
        "SFX303": Advice(docs=(("Sanic", 'leave samesite at its default ("Lax"); never pass samesite=None '
                                          'or "None"'),)),
        "SFX304": Advice(docs=(("Sanic", "response.add_cookie(..., max_age=60 * 60 * 24 * 7)"),)),
    },
)
