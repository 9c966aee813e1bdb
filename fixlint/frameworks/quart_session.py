"""Quart-Session: server-side sessions for Quart (read from
kroketio/quart-session, quart_session/sessions.py).

Detected by a `quart_session` import, or `Session(app)` of it in the
application's code. Its ServerSideSession keeps a uuid4 `sid` in the
cookie and the record in Redis, Memcached or MongoDB under it.
`session.clear()` empties the record and keeps the id (the record is
deleted only when the session is saved empty, at the end of the request),
and the library has no call that gives a session a new id: its
`session.sid` is a plain attribute, under which the session interface
saves the record and which it sends as the cookie. A login must therefore
delete the old record and set a fresh `sid` itself. It reads Quart's own
`SESSION_COOKIE_*` keys.
"""

from .base import Advice, Framework, SessionBackend
from .flask import FLASK
from .quart import SESSION as QUART_SESSIONS

PACKAGE = "quart_session"
SESSION_EXTENSION = frozenset(("quart_session.Session",))

# The record lives on the server under the id in the cookie, and nothing in
# the library renews the id: only the app's own `session.sid = <new id>` does
# (the record is saved, and the cookie sent, under it at the end of the request).
SESSION_BACKEND = SessionBackend(
    key="quart_session",
    label="Quart-Session",
    regenerators=frozenset(("renew:sid",)),
    order="anywhere",
    regenerate_fix=("delete the old record and give the session a new id before binding it "
                    "(await app.session_interface.delete(key=app.session_interface.key_prefix + session.sid), "
                    "then session.sid = str(uuid.uuid4()))"),
    invalidate_fix="call session.clear()",
    server_side=True,
    note="session.clear() keeps the session id",
    session_methods=frozenset(("clear",)),
    renewed_by=frozenset(("sid",)),
)


def _semgrep_login(kit, framework):
    """SFX101's Semgrep twins under Quart-Session: a binding or a login
    helper's in a module that imports Quart-Session, unless the function
    gives the session a new id (`session.sid = ...`)."""
    session = min(QUART_SESSIONS, key=len)
    fix = f"{framework.backend.regenerate_fix}: under Quart-Session, session.clear() keeps the id ({framework.label})"
    return (kit.Backend(
        suffix="quart-session",
        session=session,
        regenerated=[{"pattern-not-inside": f"def $FN(...):\n  ...\n  {session}.sid = $NEW\n  ...\n"},
                     *kit.imports((PACKAGE,))],
        technology=("quart",),
        binding=f"Login binds $K to a server-side session without a new session id; {fix}",
        helper=f"Login calls $H(), which binds $HK to a server-side session, without a new session id; {fix}",
        record=f"Login writes $K, from the user record a credential check verified, into a server-side session "
               f"without a new session id; {fix}",
    ),)


QUART_SESSION = Framework(
    key="quart_session",
    label="Quart-Session",
    packages=(PACKAGE,),
    extends=FLASK,  # Flask's adapter serves Quart (quart.py)
    backend=SESSION_BACKEND,
    option="quart-session",
    extension_classes=SESSION_EXTENSION,
    project_marker="quart_session",  # ProjectFacts.markers: Session(app) in the application's code outside tests
    fixtures="quart",
    advice={
        "SFX101": Advice(
            docs=(("Quart-Session", "delete the old record and set a new session.sid (session.clear() keeps the id; "
                                    "the library has no regenerate call)"),),
        ),
    },
    semgrep_twins={"SFX101": _semgrep_login},
)
