"""Falcon (read from falcon/response.py and falcon/request.py, 4.x).

`Response.set_cookie(name, value, expires=None, max_age=None, domain=None,
path=None, secure=None, http_only=True, same_site=None, partitioned=False)`:
`secure=None` means `resp_options.secure_cookies_by_default`, which is True
("Direct the client to only return the cookie in subsequent requests if they
are made over HTTPS (default: True)"); HttpOnly is on unless `http_only=False`;
no SameSite attribute unless `same_site=` is given ("when this attribute is
not set on the cookie, the attribute will be treated as if it had been set
to 'None'"). Its keywords are spelled `http_only` and `same_site`.
`unset_cookie(name, ...)` deletes a cookie.

A resource is a plain class whose responders take the request and the
response, `on_post(self, req, resp)`, registered with `app.add_route(uri,
resource)`. `req.params` holds the query string (and a form body when
`auto_parse_form_urlencoded`), `req.cookies` the cookies, `req.get_media()`
the body.

Falcon has no session of its own: the cookie rules apply, the session rules
have nothing of Falcon's to judge. `app.resp_options.
secure_cookies_by_default = False` ("Set to False in development
environments"), written in a module of the project outside an `if`,
turns Secure off for every `set_cookie` without `secure=`
(cookie_default_options); without it, such a cookie counts as Secure.
"""

from .base import Advice, Framework, Requests, Routing, sessionless_backend

_MODULES = ("falcon", "falcon.asgi")
RESPONSES = frozenset(
    ("falcon.Response", "falcon.response.Response", "falcon.asgi.Response", "falcon.asgi.response.Response")
)
REQUESTS = frozenset(
    ("falcon.Request", "falcon.request.Request", "falcon.asgi.Request", "falcon.asgi.request.Request")
)
APP_CLASSES = frozenset(f"{module}.App" for module in _MODULES)

# `set_cookie`'s positional parameters after `self`, under the names fixlint
# gives the flags, and its keywords spelled otherwise (`http_only=`).
SET_COOKIE_PARAMS = ("key", "value", "expires", "max_age", "domain", "path", "secure", "httponly", "samesite")
COOKIE_KEYWORDS = {"name": "key", "http_only": "httponly", "same_site": "samesite"}

REQUEST_SOURCES = {
    "params": "query string or form body", "query_string": "query string",
    "cookies": "cookie", "headers": "header",
}
# `await req.get_media()` returns the parsed body; `req.get_param("sid")`
# reads one named value of the query string (or of a form body, with
# auto_parse_form_urlencoded). `req.get_cookie_values("sid")` gives a list:
# not read.
REQUEST_SOURCE_METHODS = {"get_media": "JSON body"}
REQUEST_VALUE_METHODS = {"get_param": "query string or form body"}

# No session: nothing regenerates or ends one.
SESSION_BACKEND = sessionless_backend("falcon", "Falcon", "resp.unset_cookie")

FALCON = Framework(
    key="falcon",
    label="Falcon",
    packages=("falcon",),
    response_factories=RESPONSES,
    response_types=RESPONSES,
    set_cookie_params=SET_COOKIE_PARAMS,
    cookie_keywords=COOKIE_KEYWORDS,
    cookie_defaults={"secure": True, "httponly": True, "samesite": None},
    cookie_default_options={"secure": "secure_cookies_by_default"},
    routing=Routing(
        app_classes=APP_CLASSES,
        register_methods=frozenset(("add_route",)),
        register_target=("resource", 1),
        path_keywords=("uri_template",),
        app_names=frozenset(("app", "application")),
        instance_targets=True,  # app.add_route("/login", LoginResource())
        suffix_keyword="suffix",  # app.add_route("/s/{sid}", res, suffix="item") -> on_get_item
        # `on_get(self, req, resp, session_id)` under "/s/{session_id}"
        captures="route",
        capture_methods=frozenset(
            f"on_{method}" for method in ("get", "post", "put", "patch", "delete", "head", "options")
        ),
    ),
    requests=Requests(
        state_attributes=frozenset(("context",)),
        types=REQUESTS,
        sources=REQUEST_SOURCES,
        source_methods=REQUEST_SOURCE_METHODS,
        value_methods=REQUEST_VALUE_METHODS,
        parameter=True,
    ),
    backend=SESSION_BACKEND,
    cookie_deleters=frozenset(("unset_cookie",)),  # Response.unset_cookie(name, samesite, domain, path)
    fixtures="falcon",
    advice={
        "SFX201": Advice(
            fix="read it from req.cookies",
            docs=(("Falcon", 'req.cookies.get("session") instead of req.params.get("session_id")'),),
        ),
        "SFX301": Advice(docs=(("Falcon", "leave http_only at its default (True); never pass http_only=False"),)),
        "SFX302": Advice(docs=(("Falcon", "leave secure at its default (True); never pass secure=False, "
                                                  "nor set app.resp_options.secure_cookies_by_default = False"),)),
        "SFX303": Advice(docs=(("Falcon", 'resp.set_cookie(..., same_site="Lax") (Falcon sets no SameSite by default)'),)),
        "SFX304": Advice(docs=(("Falcon", "resp.set_cookie(..., max_age=60 * 60 * 24 * 7)"),)),
    },
)
