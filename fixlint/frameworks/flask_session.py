"""Flask-Session: server-side sessions for Flask.

Detected by a `flask_session` import, `Session(app)`, or `SESSION_TYPE` in
the config. Its `session.clear()` empties the record but keeps the session
id, so only `app.session_interface.regenerate(session)` regenerates.
It reads Flask's own `SESSION_COOKIE_*` keys.
"""

from .base import Advice, Framework, SessionBackend
from .flask import FLASK


SESSION_EXTENSION = frozenset(("flask_session.Session",))
CONFIG_MARKERS = frozenset(("SESSION_TYPE",))
REGENERATE_METHOD = "regenerate"  # app.session_interface.regenerate(session)
INTERFACE_ATTR = "session_interface"
# `app.config["SESSION_TYPE"] = ...` and friends: the config receivers.
CONFIG_METHODS = frozenset(("update", "from_mapping"))

# The record lives on the server under the id in the cookie: clear() empties
# it and keeps the id (a planted id stays valid); regenerate() moves the data
# to a new id, so it may come before or after the identity is written.
SESSION_BACKEND = SessionBackend(
    key="flask_session",
    label="Flask-Session",
    regenerators=frozenset(("regenerate:flask_session",)),
    order="anywhere",
    regenerate_fix="call app.session_interface.regenerate(session)",
    invalidate_fix="call session.clear()",
    server_side=True,
    note="session.clear() keeps the session id",
    regenerate_code="{app}.session_interface.regenerate({session})",
    invalidate_code="{session}.clear()",
    # Its ServerSideSession is a dict with an id: regenerate() belongs to
    # the session interface, not to the session.
    session_methods=frozenset(("clear",)),
)

# Receivers of `.session_interface.regenerate(session)` that `fixlint fix`
# may write: a module-level Flask application object, or the `current_app`
# proxy when the module imports it (never a Blueprint: it has no interface).
APPLICATION_CLASSES = frozenset(("flask.Flask", "flask.app.Flask"))
CURRENT_APP = frozenset(("flask.current_app", "flask.globals.current_app"))

# The session object's id: `session.sid`.
SESSION_ID_ATTRS = frozenset(("sid",))

def _semgrep_login(kit, framework):
    """SFX101's Semgrep twins under Flask-Session (written with the rules'
    helpers, `kit`): a binding or a login library's call in a module that
    imports Flask-Session, unless the session interface regenerates."""
    fix = (f"{framework.backend.regenerate_fix}: under Flask-Session, session.clear() keeps the id "
           f"({framework.label})")
    login_calls = kit.library_logins(framework.extends)
    attr, method = framework.interface_regenerate
    return (kit.Backend(
        suffix="flask-session",
        session="flask.session",
        regenerated=[*kit.anywhere_in_function(f"$APP.{attr}.{method}(...)"),
                     *kit.imports(sorted({q.rsplit(".", 1)[0] for q in framework.extension_classes}))],
        technology=("flask",),
        binding=f"Login binds $K to a server-side session without a new session id; {fix}",
        binding_extra=kit.after_any(*(f"{call}(...)" for call in login_calls)),
        login_user=f"Login calls login_user() on a server-side session without a new session id; {fix}",
        login_calls=login_calls,
    ),)


FLASK_SESSION = Framework(
    key="flask_session",
    label="Flask-Session",
    packages=("flask_session",),
    extends=FLASK,
    backend=SESSION_BACKEND,
    option="flask-session",
    serves_variants=False,  # Flask only: Quart's sessions are its own (ragflow sets SESSION_TYPE on a Quart app)
    config_markers=CONFIG_MARKERS,
    config_methods=CONFIG_METHODS,
    extension_classes=SESSION_EXTENSION,
    project_marker="flask_session",  # ProjectFacts.markers: Session(app) in the application's code outside tests
    regenerate_mechanism="regenerate:flask_session",
    interface_regenerate=(INTERFACE_ATTR, REGENERATE_METHOD),
    semgrep_session_ids=("flask.session.sid",),
    interface_owners=APPLICATION_CLASSES,
    interface_proxies=CURRENT_APP,
    fixtures="flask",
    advice={
        "SFX101": Advice(
            docs=(("Flask-Session", "app.session_interface.regenerate(session) (session.clear() keeps the id)"),),
        ),
    },
    semgrep_twins={"SFX101": _semgrep_login},
)
