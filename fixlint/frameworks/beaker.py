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
"""

from .base import Advice, Framework, SessionBackend

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
    fixtures="beaker",
    advice={
        "SFX101": Advice(docs=(("Beaker", "session.regenerate_id() (or invalidate()) when the user signs in"),)),
        "SFX102": Advice(docs=(("Beaker", "session.delete() (or invalidate()) when the user signs out"),)),
    },
)
