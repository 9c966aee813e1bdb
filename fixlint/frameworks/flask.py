"""Flask and Werkzeug: what fixlint knows about them.

Flask's default session is a signed cookie: `session.clear()` empties it and
the next response carries a new cookie value, which is Flask's regeneration.
Werkzeug's `set_cookie` defaults to no Secure, no HttpOnly and no SameSite.
"""

from dataclasses import replace

from . import quart
from .base import Advice, Requests, Routing, Framework, SessionBackend, Setting

_DAY = 86400


# Objects whose decorators register routes, and the decorator methods.
APP_CLASSES = frozenset(
    ("flask.Flask", "flask.app.Flask", "flask.Blueprint", "flask.blueprints.Blueprint")
) | quart.APP_CLASSES
ROUTE_DECORATORS = frozenset(("route", "get", "post", "put", "patch", "delete"))
ADD_URL_RULE = "add_url_rule"  # app.add_url_rule("/login", view_func=login)
# Conventional names of an app or blueprint, in a file that imports Flask.
APP_NAMES = frozenset(("app", "application", "bp", "blueprint", "router", "api", "auth", "views"))

# -- session lifecycle (SFX101/SFX102) -------------------------------------
# Calls that write Flask's session behind the scenes (`_flashes`): data a
# session.clear() inserted after them would drop.
SESSION_WRITERS = frozenset(("flask.flash", "flask.helpers.flash")) | quart.FLASH

# The signed-cookie session has no server-side record: clear() empties it and
# the next response carries a fresh cookie value, so clear() *before* the
# identity is written is regeneration, and clear() on logout is invalidation.
SESSION_BACKEND = SessionBackend(
    key="flask",
    label="Flask",
    regenerators=frozenset(("clear:flask", "regenerate:flask_session")),
    order="before",
    regenerate_fix="call session.clear() first",
    invalidate_fix="call session.clear()",
    server_side=False,
    regenerate_code="{session}.clear()",
    invalidate_code="{session}.clear()",
    # A signed-cookie dict: clear() is all it has. Its regenerate() is
    # Flask-Session's interface method, configured in another module maybe.
    session_methods=frozenset(("clear",)),
    instead_fix=(
        "call session.clear() before binding (default session) or "
        "app.session_interface.regenerate(session) (Flask-Session)"
    ),
)

# Quart's session is the same signed cookie (quart/sessions.py,
# SecureCookieSessionInterface): the same lifecycle, under Quart's name.
QUART_BACKEND = replace(
    SESSION_BACKEND,
    key="quart",
    label=quart.LABEL,
    regenerators=frozenset(("clear:flask",)),  # no Flask-Session under Quart
    instead_fix="",
)

# -- request values (SFX201-SFX203) ------------------------------------------
# `request.<attr>`: containers of client-sent values, and where each comes from.
REQUEST_SOURCES = {
    "args": "query string", "form": "form body", "values": "query string or form body",
    "json": "JSON body", "view_args": "URL path", "files": "form body",
    "cookies": "cookie", "headers": "header",
}
# `request.<method>()` returning such a container.
REQUEST_SOURCE_METHODS = {"get_json": "JSON body"}
# Raw bodies that `json.loads(...)` turns into a JSON container.
RAW_BODIES = frozenset(("data", "get_data"))
# Building URLs and redirecting.
URL_BUILDERS = frozenset(("flask.url_for", "flask.helpers.url_for")) | quart.URL_BUILDERS
REDIRECTS = frozenset(("flask.redirect", "flask.helpers.redirect", "werkzeug.utils.redirect")) | quart.REDIRECTS
# abort() raises the HTTPException for its status code and never returns.
ABORTS = frozenset(("flask.abort", "flask.helpers.abort", "werkzeug.exceptions.abort")) | quart.ABORTS

# -- the project's Flask app (RULES.md Revision 2) -----------------------------
# What gives an app its session cookie: Flask's session, flash(), or an
# extension that stores in it (Flask-Login, Flask-WTF's CSRF, Flask-Session).
SESSION_USERS = frozenset(
    ("flask.session", "flask.globals.session", "flask.flash", "flask.helpers.flash")
) | quart.SESSION | quart.FLASH
SESSION_USER_PACKAGES = frozenset(("flask_login", "flask_wtf", "flask_session", "flask_security"))
# Configuration loaders whose keys fixlint cannot read; from_object() of a
# string or a class name is read, of anything computed is not.
UNREADABLE_CONFIG_LOADERS = frozenset(("from_pyfile", "from_envvar", "from_prefixed_env", "from_file"))
OBJECT_CONFIG_LOADER = "from_object"
# The application constructions the project-wide findings are reported at.
APPLICATIONS = frozenset(("flask.Flask", "flask.app.Flask")) | quart.APPLICATIONS

FLASK = Framework(
    key="flask",
    label="Flask",
    packages=("flask", "werkzeug", quart.PACKAGE),
    https_only=frozenset(("SESSION_COOKIE_SECURE",)),
    config_attribute="config",
    config_update_methods=frozenset(("update", "from_mapping")),
    tuple_responses=True,
    abort_calls=ABORTS,
    session_objects=frozenset(("flask.session", "flask.globals.session")) | quart.SESSION,
    response_factories=frozenset(
        (
            "flask.make_response", "flask.helpers.make_response", "flask.redirect",
            "flask.helpers.redirect", "flask.jsonify", "flask.json.jsonify", "flask.Response",
            "flask.wrappers.Response", "flask.send_file", "flask.send_from_directory",
            "flask.helpers.send_file", "flask.current_app.make_response",
            "flask.current_app.response_class", "werkzeug.Response",
            "werkzeug.wrappers.Response", "werkzeug.wrappers.response.Response",
            "werkzeug.utils.redirect",
        )
    ) | quart.RESPONSE_FACTORIES,
    response_types=frozenset(
        (
            "flask.Response", "flask.wrappers.Response", "werkzeug.Response",
            "werkzeug.wrappers.Response", "werkzeug.wrappers.response.Response",
        )
    ) | quart.RESPONSE_TYPES,
    response_methods=frozenset(("make_response", "response_class")),
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    settings=(
        Setting("SESSION_COOKIE_SECURE", "secure", "session", False),
        Setting("SESSION_COOKIE_HTTPONLY", "httponly", "session", True),
        Setting("SESSION_COOKIE_SAMESITE", "samesite", "session", None),
        Setting("PERMANENT_SESSION_LIFETIME", "lifetime", "session", 31 * _DAY),
        Setting("SESSION_COOKIE_NAME", "name", "session", "session"),
        Setting("SESSION_COOKIE_DOMAIN", "domain", "session", None),
        Setting("SESSION_COOKIE_PATH", "path", "session", None),
    ),
    routing=Routing(
        app_classes=APP_CLASSES,
        route_decorators=ROUTE_DECORATORS,
        register_methods=frozenset((ADD_URL_RULE,)),
        register_target=("view_func", 2),
        path_keywords=("rule",),
        prefix_keywords=("url_prefix",),  # Blueprint("auth", __name__, url_prefix="/auth")
        app_names=APP_NAMES,
        captures="route",
        method_list_decorators=frozenset(("route",)),
        view_factories=frozenset(("as_view",)),  # flask.views.View.as_view(name)
    ),
    requests=Requests(
        objects=frozenset(("flask.request", "flask.globals.request")) | quart.REQUEST,
        sources=REQUEST_SOURCES,
        source_methods=REQUEST_SOURCE_METHODS,
        raw_bodies=RAW_BODIES,
    ),
    backend=SESSION_BACKEND,
    backend_variants=((quart.PACKAGE, QUART_BACKEND),),
    label_variants=((quart.PACKAGE, quart.LABEL),),
    session_label="session",
    session_cookie="session",
    session_id_attrs=frozenset(("sid",)),  # under Flask-Session: `session.sid`
    session_writers=SESSION_WRITERS,
    fixtures="flask",
    url_builders=URL_BUILDERS,
    redirects=REDIRECTS,
    project_constructions=APPLICATIONS,
    project_flags=("secure", "samesite"),
    project_cookie="session",
    session_users=SESSION_USERS,
    session_user_packages=SESSION_USER_PACKAGES,
    unreadable_config_loaders=UNREADABLE_CONFIG_LOADERS,
    object_config_loader=OBJECT_CONFIG_LOADER,
    project_use="session_use",
    advice={
        "SFX101": Advice(docs=(("Flask", "session.clear() before writing the user into the session"),
                               (quart.LABEL, "session.clear() before writing the user into quart.session (Flask's "
                                             "signed-cookie session under Quart's name)"))),
        "SFX102": Advice(docs=(("Flask", "session.clear() (and logout_user() with Flask-Login)"),
                               (quart.LABEL, "session.clear() (Quart-Auth: logout_user())"))),
        "SFX201": Advice(
            fix="read the session id from request.cookies",
            docs=(("Flask", 'request.cookies.get(app.config["SESSION_COOKIE_NAME"]), or use flask.session'),),
        ),
        "SFX202": Advice(
            fix="keep it in the session cookie and pass url_for()/redirect() a non-secret reference",
            docs=(("Flask", 'url_for("dashboard") — the session travels in its cookie; never url_for(..., sid=session.sid)'),),
        ),
        "SFX203": Advice(
            fix="use flask.session (or Flask-Session), or when the id is unknown issue a new one with "
                "secrets.token_urlsafe(32) and set it as the cookie",
            label_fix={quart.LABEL: "use quart.session, or when the id is unknown issue a new one with "
                                    "secrets.token_urlsafe(32) and set it as the cookie"},
            docs=(("Flask", 'if sid not in SESSIONS: sid = secrets.token_urlsafe(32); SESSIONS[sid] = {}; '
                             'resp.set_cookie("sid", sid, ...)'),),
        ),
        "SFX204": Advice(docs=(("Flask", "secrets.token_urlsafe(32)"),)),
        "SFX301": Advice(docs=(("Flask", 'resp.set_cookie("sid", value, httponly=True, secure=True, samesite="Lax"); keep SESSION_COOKIE_HTTPONLY = True'),)),
        "SFX302": Advice(docs=(("Flask", 'resp.set_cookie(..., secure=True); app.config["SESSION_COOKIE_SECURE"] = True'),)),
        "SFX303": Advice(docs=(("Flask", 'resp.set_cookie(..., samesite="Lax"); app.config["SESSION_COOKIE_SAMESITE"] = "Lax"'),)),
        "SFX304": Advice(docs=(("Flask", 'app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=7); set_cookie(..., max_age=...) within the limit'),)),
        "SFX305": Advice(docs=(("Flask", 'app.config["SESSION_COOKIE_NAME"] = "__Host-session" with SESSION_COOKIE_SECURE = True and no SESSION_COOKIE_DOMAIN'),)),
    },
)
