"""Flask-Session: server-side sessions for Flask.

Detected by a `flask_session` import, `Session(app)`, or `SESSION_TYPE` in
the config. Its `session.clear()` empties the record but keeps the session
id, so only `app.session_interface.regenerate(session)` regenerates.
It reads Flask's own `SESSION_COOKIE_*` keys.
"""

from .base import Framework

FLASK_SESSION = Framework(
    key="flask_session",
    label="Flask-Session",
    packages=("flask_session",),
)

SESSION_EXTENSION = frozenset(("flask_session.Session",))
CONFIG_MARKERS = frozenset(("SESSION_TYPE",))
REGENERATE_METHOD = "regenerate"  # app.session_interface.regenerate(session)
# The session object's id: `session.sid`.
SESSION_ID_ATTRS = frozenset(("sid",))
