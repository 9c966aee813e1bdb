"""Beaker, the WSGI session middleware (read from Beaker 1.13:
`beaker/middleware.py`, `beaker/session.py`).

- `app = SessionMiddleware(wsgi_app, config)` puts the request's session
  in the WSGI environ under "beaker.session"; handlers of any WSGI
  framework read it there (Bottle's `request.environ["beaker.session"]`,
  `.get("beaker.session")`, a plain WSGI callable's `environ[...]`).
  Bottle's documentation sends its users to it: Bottle has no session.
- The session is kept on the server under the `beaker.session.id` cookie
  (`session.type` memory, file, dbm, database, memcached...), unless
  `session.type` is "cookie" (the whole session, signed and encrypted, in
  the cookie).
- `session.regenerate_id()` gives the data a new id; `session.invalidate()`
  drops the data and starts a new id; `session.delete()` removes the
  record and expires the cookie. A login must do one of the first two; a
  logout one of the last two.
- The options dict (`config`, second argument) gives the cookie's flags:
  `session.secure` (default False), `session.httponly` (default False),
  `session.samesite` (default "Lax"), `session.key` (its name,
  "beaker.session.id"), `session.cookie_domain`, `session.cookie_path`
  ("/"); `session.cookie_expires` (True by default: a browser-session
  cookie) is left out.
"""

from .base import Advice, ConfigDict, Framework, SessionBackend

# The WSGI environ key the middleware hands the session over under.
ENVIRON_KEY = "beaker.session"

SESSION_BACKEND = SessionBackend(
    key="beaker",
    label="Beaker",
    regenerators=frozenset(("cycle:beaker",)),
    order="anywhere",
    regenerate_fix="call regenerate_id() (or invalidate()) on the Beaker session",
    invalidate_fix="call delete() (or invalidate()) on the Beaker session",
    server_side=True,
    regenerate_code="{session}.regenerate_id()",
    invalidate_code="{session}.delete()",
)

SESSION_OPTIONS = ConfigDict(
    switch="",
    calls=frozenset(("beaker.middleware.SessionMiddleware",)),
    argument=1,
    keyword="config",
    options={"secure": "session.secure", "httponly": "session.httponly", "samesite": "session.samesite",
             "name": "session.key", "domain": "session.cookie_domain", "path": "session.cookie_path"},
    defaults={"secure": False, "httponly": False, "samesite": "Lax", "name": "beaker.session.id", "domain": None,
              "path": "/"},
    label="Beaker",
    subject="Beaker's session cookie",
)

BEAKER = Framework(
    key="beaker",
    label="Beaker",
    packages=("beaker",),
    environ_sessions=frozenset((ENVIRON_KEY,)),
    session_label='request.environ["beaker.session"]',
    session_cookie="beaker.session.id",
    session_regenerate_methods=frozenset(("regenerate_id", "invalidate")),
    session_invalidate_methods=frozenset(("delete", "invalidate")),
    backend=SESSION_BACKEND,
    config_dicts=(SESSION_OPTIONS,),
    fixtures="beaker",
    advice={
        "SFX101": Advice(docs=(("Beaker", "session.regenerate_id() (or invalidate()) when the user signs in"),)),
        "SFX102": Advice(docs=(("Beaker", "session.delete() (or invalidate()) when the user signs out"),)),
        "SFX301": Advice(docs=(("Beaker", 'SessionMiddleware(app, {..., "session.httponly": True})'),)),
        "SFX302": Advice(docs=(("Beaker", 'SessionMiddleware(app, {..., "session.secure": True})'),)),
    },
)
