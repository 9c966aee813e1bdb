"""Tornado: what fixlint knows about it (read from tornado/web.py, 6.x).

A Tornado handler is its own response and its own request reader:
`self.set_cookie(...)`, `self.set_signed_cookie(...)` (`set_secure_cookie`
before 6.3) and `self.get_argument(...)` inside a `RequestHandler`
subclass. `set_cookie(name, value, domain=None, expires=None, path="/",
expires_days=None, *, max_age=None, httponly=False, secure=False,
samesite=None)`: no Secure, no HttpOnly, no SameSite unless asked for.
`set_signed_cookie(name, value, expires_days=30, version=None, **kwargs)`
passes its keywords on to `set_cookie`: the same defaults, 30 days of life.

Tornado has no session: a signed cookie holding the user (`cookie_secret`
signs it) is its login. `get_current_user()` is the hook a handler
overrides to read it ("Override to determine the current user from, e.g.,
a cookie"; `prepare()` may set `self.current_user` instead), and
`clear_cookie(name, **kwargs)` / `clear_all_cookies(**kwargs)` delete it.
SFX101: a login that issues the signed cookie writes a new value, which
replaces whatever cookie of that name the browser held (a planted one
included): there is no session id to fixate, and it is not reported.
SFX102: a logout handler of a module that issues or reads such a cookie
and never deletes it (no `clear_cookie` of that name, no
`clear_all_cookies`) leaves the login in the browser until the cookie
expires (30 days by default). Deleting it does not revoke a copy: the
signed value stays valid until then; only a server-side check can revoke it,
so a logout that only deletes it is SFX102 too (RULES.md Revision 2), unless
it calls something named for revoking on the server. `RequestHandler`'s
own `clear()` (resets the response) and `flush()` (sends the output) are not
such calls.
Hand-rolled stores keep their own adapter.

Not read: the `xsrf_cookie_kwargs` application setting (the `_xsrf`
cookie's flags; a CSRF token, not a session) and `cookie_secret` itself.
"""

from .base import Advice, Framework, Requests, Routing, SessionBackend

_DAY = 86400

# `self` in a method of a subclass of one of these is the handler: its
# cookie setters answer the response, its `get_argument`s read the request.
HANDLER_CLASSES = frozenset(
    ("tornado.web.RequestHandler", "tornado.websocket.WebSocketHandler", "tornado.web.StaticFileHandler")
)
# A base class of the project's own (`class LoginHandler(BaseHandler)`,
# `BaseHandler` imported from another module) counts in a file that imports
# Tornado when its name ends like one.
HANDLER_NAME_SUFFIXES = ("Handler",)

# The setters' positional parameters after `self`.
SET_COOKIE_PARAMS = ("key", "value", "domain", "expires", "path", "expires_days")
SET_SIGNED_COOKIE_PARAMS = ("key", "value", "expires_days", "version")
COOKIE_SETTERS = {
    "set_cookie": SET_COOKIE_PARAMS,
    "set_signed_cookie": SET_SIGNED_COOKIE_PARAMS,
    "set_secure_cookie": SET_SIGNED_COOKIE_PARAMS,  # the name before Tornado 6.3
}
# Lifetime keywords and the seconds one unit of each is worth.
COOKIE_LIFETIMES = {"max_age": 1, "expires_days": _DAY}

# `self.request.<attr>` (an HTTPServerRequest) and `self.<method>("name")`.
REQUEST_SOURCES = {
    "arguments": "query string or form body", "query_arguments": "query string",
    "body_arguments": "form body", "cookies": "cookie", "headers": "header",
}
READER_METHODS = {
    "get_argument": "query string or form body", "get_arguments": "query string or form body",
    "get_query_argument": "query string", "get_query_arguments": "query string",
    "get_body_argument": "form body", "get_body_arguments": "form body",
    "get_cookie": "cookie", "get_signed_cookie": "cookie", "get_secure_cookie": "cookie",
}

# The signed user cookie is Tornado's whole session: a new value at each
# login, gone with clear_cookie(); there is no server-side record and no
# session object whose methods could regenerate it.
SESSION_BACKEND = SessionBackend(
    key="tornado",
    label="Tornado",
    regenerators=frozenset(),
    order="before",
    regenerate_fix="issue a new signed cookie with self.set_signed_cookie() at login",
    invalidate_fix="call self.clear_cookie() on the signed user cookie",
    server_side=False,
)

TORNADO = Framework(
    key="tornado",
    label="Tornado",
    packages=("tornado",),
    handler_classes=HANDLER_CLASSES,
    handler_session_attributes=frozenset(("session",)),
    handler_name_suffixes=HANDLER_NAME_SUFFIXES,
    identity_cookie_setters=frozenset(("set_signed_cookie", "set_secure_cookie")),
    identity_cookie_readers=frozenset(("get_signed_cookie", "get_secure_cookie")),
    current_user_methods=frozenset(("get_current_user", "prepare")),
    cookie_clearers=frozenset(("clear_cookie",)),
    cookie_clear_all=frozenset(("clear_all_cookies",)),
    identity_cookie_clear="self.clear_cookie({name})",
    identity_cookie_revoke=(
        "revoke the token on the server at logout (a deny-list that get_current_user() checks, or sign-ins "
        "kept in a server-side record and deleted)"
    ),
    handler_methods=frozenset(("clear", "clear_header", "flush", "finish", "on_finish")),
    cookie_setters=COOKIE_SETTERS,
    cookie_lifetimes=COOKIE_LIFETIMES,
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    # Handlers are classes listed in `Application([(r"/login", LoginHandler)])`:
    # no decorators, and their methods' extra parameters are regex groups.
    routing=Routing(app_classes=frozenset(("tornado.web.Application",))),
    backend=SESSION_BACKEND,
    requests=Requests(
        sources=REQUEST_SOURCES,
        reader_methods=READER_METHODS,
        raw_bodies=frozenset(("body",)),
        self_request=True,
    ),
    url_builder_methods=frozenset(("reverse_url",)),
    fixtures="tornado",
    advice={
        "SFX201": Advice(
            fix="read it with self.get_signed_cookie()",
            docs=(("Tornado", 'self.get_signed_cookie("session") instead of self.get_argument("session_id")'),),
        ),
        "SFX202": Advice(
            fix="keep it in a cookie and redirect to a URL without it",
            docs=(("Tornado", 'self.redirect(self.reverse_url("home")) without the session id'),),
        ),
        "SFX204": Advice(docs=(("Tornado", "secrets.token_urlsafe(32), or self.set_signed_cookie() with a random cookie_secret"),)),
        "SFX301": Advice(docs=(("Tornado", 'self.set_signed_cookie("user", value, httponly=True, secure=True, samesite="Lax")'),)),
        "SFX302": Advice(docs=(("Tornado", "self.set_cookie(..., secure=True) / self.set_signed_cookie(..., secure=True)"),)),
        "SFX303": Advice(docs=(("Tornado", 'self.set_cookie(..., samesite="Lax") (Tornado sets no SameSite by default)'),)),
        "SFX304": Advice(docs=(("Tornado", "self.set_signed_cookie(..., expires_days=7); the default is 30 days"),)),
        "SFX305": Advice(docs=(("Tornado", 'self.set_signed_cookie("__Host-user", value, secure=True, path="/") without domain'),)),
    },
)
