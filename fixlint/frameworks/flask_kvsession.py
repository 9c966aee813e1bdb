"""Flask-KVSession: server-side sessions for Flask in a key-value store.

Detected by a `flask_kvsession` import (`KVSessionExtension(store, app)`)
or the `session-backends` option. Unlike Flask's and Flask-Session's, its
session object has `regenerate()` (the data moves to a new id, so before or
after the binding) and `destroy()` (the record is deleted); `clear()`
empties the record and keeps its id.
"""

from .base import SessionBackend

PACKAGES = ("flask_kvsession",)
OPTION = "flask-kvsession"  # its name in the `session-backends` option

SESSION_BACKEND = SessionBackend(
    key="flask_kvsession",
    label="Flask-KVSession",
    regenerators=frozenset(("method:regenerate",)),
    order="anywhere",
    regenerate_fix="call session.regenerate()",
    invalidate_fix="call session.destroy()",
    server_side=True,
    note="session.clear() keeps the session id",
    regenerate_code="{session}.regenerate()",
    invalidate_code="{session}.destroy()",
    session_methods=frozenset(("regenerate", "destroy", "clear")),
)
