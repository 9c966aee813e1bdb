"""aiohttp's web server (`aiohttp.web`).

Facts from aiohttp's source (3.x `web_response.py`, `web_request.py`):
`StreamResponse.set_cookie(name, value, *, expires=None, domain=None,
max_age=None, path="/", secure=None, httponly=None, version=None,
samesite=None)` sets no Secure, no HttpOnly and no SameSite unless asked;
HTTP exceptions (`web.HTTPFound`) are responses too. A handler receives the
request as its only parameter: `request.query` (query string),
`request.match_info` (URL path), `await request.post()` (form body),
`await request.json()`. aiohttp has no session of its own: sessions are
aiohttp-session's (frameworks/aiohttp_session.py), whose backend this
adapter names.
"""

from .base import Advice, Framework, Requests, Routing
from .aiohttp_session import SESSION_BACKEND

_MODULES = ("aiohttp.web", "aiohttp.web_response", "aiohttp.web_exceptions")
_RESPONSES = (
    "Response", "StreamResponse", "FileResponse", "json_response",
    "HTTPFound", "HTTPSeeOther", "HTTPTemporaryRedirect", "HTTPMovedPermanently",
    "HTTPPermanentRedirect", "HTTPOk", "HTTPNoContent",
)
RESPONSES = frozenset(f"{module}.{name}" for module in _MODULES for name in _RESPONSES)

APP_CLASSES = frozenset(
    ("aiohttp.web.Application", "aiohttp.web_app.Application", "aiohttp.web.RouteTableDef",
     "aiohttp.web_routedef.RouteTableDef", "aiohttp.web.UrlDispatcher")
)
# `@routes.post("/login")` on a RouteTableDef.
ROUTE_DECORATORS = frozenset(("get", "post", "put", "patch", "delete", "head", "route", "view"))
# `app.router.add_post("/login", login)`.
REGISTER_METHODS = frozenset(
    ("add_get", "add_post", "add_put", "add_patch", "add_delete", "add_head", "add_route", "add_view")
)
# `web.post("/login", login)` in `app.add_routes([...])`.
ROUTE_FUNCTIONS = frozenset(
    f"{module}.{name}" for module in ("aiohttp.web", "aiohttp.web_routedef")
    for name in ("get", "post", "put", "patch", "delete", "head", "route", "view")
)
APP_NAMES = frozenset(("app", "application", "routes", "router"))
REQUEST_TYPES = frozenset(
    ("aiohttp.web.Request", "aiohttp.web.BaseRequest", "aiohttp.web_request.Request",
     "aiohttp.web_request.BaseRequest")
)
REQUEST_SOURCES = {
    "query": "query string", "rel_url": "query string", "match_info": "URL path",
    "cookies": "cookie", "headers": "header",
}
REQUEST_SOURCE_METHODS = {"post": "form body", "json": "JSON body"}
REDIRECTS = frozenset(
    f"{module}.{name}" for module in _MODULES
    for name in ("HTTPFound", "HTTPSeeOther", "HTTPTemporaryRedirect", "HTTPMovedPermanently")
)

AIOHTTP = Framework(
    key="aiohttp",
    label="aiohttp",
    packages=("aiohttp",),
    response_factories=RESPONSES,
    response_types=RESPONSES,
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    routing=Routing(
        app_classes=APP_CLASSES,
        route_decorators=ROUTE_DECORATORS,
        register_methods=REGISTER_METHODS,
        register_target=("handler", 1),
        method_first=frozenset(("add_route", "route")),
        route_classes=ROUTE_FUNCTIONS,
        path_keywords=("path",),
        app_names=APP_NAMES,
        method_list_decorators=frozenset(("route",)),
    ),
    requests=Requests(
        server_modules=("aiohttp.web", "aiohttp.web_request", "aiohttp.web_app", "aiohttp.web_response"),
        types=REQUEST_TYPES,
        sources=REQUEST_SOURCES,
        source_methods=REQUEST_SOURCE_METHODS,
        parameter=True,
        # A class-based view's request (`class Logout(web.View)`: `self.request`).
        self_request_bases=frozenset(("aiohttp.web.View", "aiohttp.web_urldispatcher.View")),
    ),
    backend=SESSION_BACKEND,
    # aiohttp has no session of its own: aiohttp-session's runs once a module of the application imports it.
    session_setup=("aiohttp_session",),
    session_cookie="AIOHTTP_SESSION",
    cookie_deleters=frozenset(("del_cookie",)),  # StreamResponse.del_cookie(name, *, domain, path, ...)
    redirects=REDIRECTS,
    fixtures="aiohttp",
    advice={
        "SFX201": Advice(
            fix="read it from request.cookies",
            docs=(("aiohttp", 'request.cookies.get("AIOHTTP_SESSION"), or await get_session(request) with aiohttp-session'),),
        ),
        "SFX301": Advice(docs=(("aiohttp", 'response.set_cookie("sid", value, httponly=True, secure=True, samesite="Lax")'),)),
        "SFX302": Advice(docs=(("aiohttp", "response.set_cookie(..., secure=True) (aiohttp's default is no Secure)"),)),
        "SFX303": Advice(docs=(("aiohttp", 'response.set_cookie(..., samesite="Lax") (aiohttp sets no SameSite by default)'),)),
        "SFX304": Advice(docs=(("aiohttp", "response.set_cookie(..., max_age=60 * 60 * 24 * 7)"),)),
    },
)
