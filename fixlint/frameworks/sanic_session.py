"""sanic-session: server-side sessions for Sanic (read from
ahopkins/sanic-session, sanic_session/__init__.py, base.py and the
interfaces, 0.8).

Detected by a `sanic_session` import (or one of its renamed fork,
`sanic_sessions` 0.9, the same API and defaults), or `Session(app)` of it
in the application's code; `session = Session()` then
`session.init_app(app, interface=...)` sets it up as `Session(app, ...)`
does. `Session(app, interface=None)` installs a request
middleware that opens `request.ctx.session` (`request["session"]` before
0.6) and a response middleware that saves it. The interface
(`InMemorySessionInterface()` when none is given; `RedisSessionInterface`,
`AIORedisSessionInterface`, `MemcacheSessionInterface`,
`MongoDBSessionInterface` take their store's client first) sets the
session cookie with its keyword arguments: `cookie_name="session"`,
`httponly=True`, `secure=False` (no Secure flag), `samesite=None` (no
SameSite attribute), `expiry=2592000` (30 days), `domain=None`.

`open()` keeps the id the cookie brings, even one it never issued (an
unknown id opens an empty session under it), and the library has no call
that gives a session a new id: `session.sid` is a plain attribute under
which `save()` stores the record and which it sends as the cookie when it
differs from the request's. `clear()` empties the session, and `save()`
deletes an empty session's record and its cookie: a logout. A login must
set a fresh `sid` itself (and delete the record under the old one).
"""

from .base import Advice, Framework, Middleware, SessionBackend
from .sanic import SANIC

# sanic_sessions (0.9) is the library's renamed fork: the same API and defaults under a new import name.
PACKAGES = ("sanic_session", "sanic_sessions")
SESSION_EXTENSION = frozenset(f"{package}.Session" for package in PACKAGES)

_OPTIONS = {
    "secure": "secure", "httponly": "httponly", "samesite": "samesite", "lifetime": "expiry",
    "name": "cookie_name", "domain": "domain",
}
_DEFAULTS = {
    "secure": False, "httponly": True, "samesite": None, "lifetime": 2592000, "name": "session", "domain": None,
}
# Every interface's keyword arguments, in order, after its store's client.
_PARAMS = ("domain", "expiry", "httponly", "cookie_name", "prefix", "sessioncookie", "samesite", "session_name",
           "secure")
_MODULES = {
    "InMemorySessionInterface": "memory", "RedisSessionInterface": "redis",
    "AIORedisSessionInterface": "aioredis", "MemcacheSessionInterface": "memcache",
    "MongoDBSessionInterface": "mongodb",
}


def _qualnames(names):
    return frozenset(q for name in names for package in PACKAGES
                     for q in (f"{package}.{name}", f"{package}.{_MODULES[name]}.{name}"))


# The in-memory interface takes no client: its keyword arguments come first.
MEMORY_INTERFACE = Middleware(
    qualnames=_qualnames(("InMemorySessionInterface",)),
    label="sanic-session",
    params=_PARAMS,
    options=_OPTIONS,
    defaults=_DEFAULTS,
    constructed=True,
    leading=0,
)
STORE_INTERFACES = Middleware(
    qualnames=_qualnames(n for n in _MODULES if n != "InMemorySessionInterface"),
    label="sanic-session",
    params=_PARAMS,
    options=_OPTIONS,
    defaults=_DEFAULTS,
    constructed=True,
)
# `Session(app)` with no interface runs on an InMemorySessionInterface()
# with every default; given one, the interface's construction is judged.
SESSION = Middleware(
    qualnames=SESSION_EXTENSION,
    params=("interface",),
    options=_OPTIONS,
    defaults=_DEFAULTS,
    subject="sanic-session's session cookie",
    call="Session",
    # (the message's closing label says where the option goes: Session() takes none)
    label="sanic-session: to the interface, Session(app, interface=InMemorySessionInterface(...))",
    replaced_by=("interface",),
    init_method="init_app",
)

# The record lives on the server under the id in the cookie, and nothing in
# the library renews the id: only the app's own `session.sid = <new id>` does.
SESSION_BACKEND = SessionBackend(
    key="sanic_session",
    label="sanic-session",
    regenerators=frozenset(("renew:sid",)),
    order="anywhere",
    regenerate_fix=("give the session a new id before binding it and delete the old record "
                    "(request.ctx.session.sid = uuid.uuid4().hex)"),
    invalidate_fix="call request.ctx.session.clear() (sanic-session deletes an empty session's record and cookie)",
    server_side=True,
    note="sanic-session keeps the id the cookie brings, even one it never issued",
    session_methods=frozenset(("clear",)),
    renewed_by=frozenset(("sid",)),
)


SANIC_SESSION = Framework(
    key="sanic_session",
    label="sanic-session",
    packages=PACKAGES,
    extends=SANIC,
    backend=SESSION_BACKEND,
    option="sanic-session",
    extension_classes=SESSION_EXTENSION,
    project_marker="sanic_session",  # ProjectFacts.markers: Session(app) in the application's code outside tests
    middleware=(SESSION, MEMORY_INTERFACE, STORE_INTERFACES),
    state_sessions=frozenset(("session",)),  # `request.ctx.session`
    session_cookie="session",
    fixtures="sanic",
    advice={
        "SFX101": Advice(docs=(("sanic-session", "set a new request.ctx.session.sid before writing the user "
                                                 "(the library has no regenerate call, and keeps the id a cookie "
                                                 "brings)"),)),
        "SFX102": Advice(docs=(("sanic-session", "request.ctx.session.clear() (the empty session's record and "
                                                 "cookie are deleted)"),)),
        "SFX301": Advice(docs=(("sanic-session", "leave the interface's httponly at its default (True)"),)),
        "SFX302": Advice(docs=(("sanic-session", "Session(app, interface=InMemorySessionInterface(secure=True)) "
                                                 "(the default sets no Secure)"),)),
        "SFX303": Advice(docs=(("sanic-session", 'InMemorySessionInterface(samesite="Lax") (the default sets no '
                                                 "SameSite)"),)),
        "SFX304": Advice(docs=(("sanic-session", "InMemorySessionInterface(expiry=60 * 60 * 24 * 7)"),)),
    },
)
