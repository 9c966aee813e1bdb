"""Bottle (read from bottle.py, 0.13).

`BaseResponse.set_cookie(name, value, secret=None, digestmod=sha256,
**options)`: the options are `max_age`, `expires`, `domain`, `path`,
`secure`, `httponly`, `samesite` (and `partitioned`), each written to the
header only when given, so a cookie has no HttpOnly, no Secure and no
SameSite unless the call says so. With `secret=` the value is pickled and
signed (a cookie the client cannot forge, which it can still read);
`delete_cookie(key, **kwargs)` expires it. `response` and `request`
are module-level objects bound to the current request (`from bottle import
request, response`); `HTTPResponse(...)` is a response too, and
`redirect(url)` raises one.

Handlers are plain functions registered by the module-level decorators
(`@route("/login", method="POST")`, `@get`, `@post`, ...) or an app's
(`app = Bottle()`, `@app.post("/login")`); `<name>` placeholders of the
path are passed as keyword arguments. `request.query` holds the query
string, `request.forms` the form body, `request.params` both,
`request.json` a JSON body, `request.get_cookie(name, secret=None)` and
`request.cookies` the cookies.

Bottle has no session of its own (Beaker, a WSGI middleware, is the usual
one: frameworks/beaker.py): the cookie rules apply, and a logout that only deletes a credential
cookie (SFX102, RULES.md Revision 2). Student "twitter clone" apps set
their JWT or user cookie this way.
"""

from .base import Advice, Framework, Requests, Routing, sessionless_backend

APP_CLASSES = frozenset(("bottle.Bottle", "bottle.default_app"))
# The module-level route decorators (`from bottle import post`).
HANDLER_DECORATORS = frozenset(
    f"bottle.{name}" for name in ("route", "get", "post", "put", "delete", "patch")
)
RESPONSES = frozenset(("bottle.response", "bottle.HTTPResponse", "bottle.BaseResponse", "bottle.LocalResponse"))
REQUEST_OBJECTS = frozenset(("bottle.request",))

# `set_cookie`'s positional parameters after `self` (name, value, secret),
# under the names fixlint gives them; the flags are keyword-only options.
SET_COOKIE_PARAMS = ("key", "value", "secret")
COOKIE_KEYWORDS = {"name": "key"}
# Bottle 0.13 reads `same_site=` as `samesite=` (0.12 apps patch Morsel for it, bottle#982).
COOKIE_ALIASES = {"same_site": "samesite"}

REQUEST_SOURCES = {
    "query": "query string", "GET": "query string", "forms": "form body", "POST": "form body",
    "params": "query string or form body", "json": "JSON body",
    "cookies": "cookie", "headers": "header",
}
REQUEST_VALUE_METHODS = {"get_cookie": "cookie", "get_header": "header"}
REDIRECTS = frozenset(("bottle.redirect",))
ABORTS = frozenset(("bottle.abort", "bottle.redirect"))

# No session: nothing regenerates or ends one.
SESSION_BACKEND = sessionless_backend("bottle", "Bottle", "response.delete_cookie")

BOTTLE = Framework(
    key="bottle",
    label="Bottle",
    packages=("bottle",),
    response_factories=RESPONSES,
    response_types=RESPONSES,
    set_cookie_params=SET_COOKIE_PARAMS,
    cookie_keywords=COOKIE_KEYWORDS,
    cookie_aliases=COOKIE_ALIASES,
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    routing=Routing(
        app_classes=APP_CLASSES,
        route_decorators=frozenset(("route", "get", "post", "put", "delete", "patch")),
        decorator_functions=HANDLER_DECORATORS,
        method_list_decorators=frozenset(("route",)),
        path_keywords=("path",),
        app_names=frozenset(("app", "application", "bottle")),
        captures="route",
    ),
    requests=Requests(
        objects=REQUEST_OBJECTS,
        sources=REQUEST_SOURCES,
        value_methods=REQUEST_VALUE_METHODS,
    ),
    backend=SESSION_BACKEND,
    redirects=REDIRECTS,
    abort_calls=ABORTS,
    fixtures="bottle",
    advice={
        "SFX201": Advice(
            fix="read it from request.get_cookie()",
            docs=(("Bottle", 'request.get_cookie("session") instead of request.query.get("session_id")'),),
        ),
        "SFX301": Advice(docs=(("Bottle", "response.set_cookie(..., httponly=True) (Bottle sets no HttpOnly by "
                                          "default)"),)),
        "SFX302": Advice(docs=(("Bottle", "response.set_cookie(..., secure=True) (Bottle sets no Secure by "
                                          "default)"),)),
        "SFX303": Advice(docs=(("Bottle", 'response.set_cookie(..., samesite="Lax") (Bottle sets no SameSite by '
                                          'default)'),)),
        "SFX304": Advice(docs=(("Bottle", "response.set_cookie(..., max_age=60 * 60 * 24 * 7)"),)),
    },
)
