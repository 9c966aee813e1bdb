"""Flask and Werkzeug: what fixlint knows about them.

Flask's default session is a signed cookie: `session.clear()` empties it and
the next response carries a new cookie value, which is Flask's regeneration.
Werkzeug's `set_cookie` defaults to no Secure, no HttpOnly and no SameSite.
"""

from dataclasses import replace

from . import quart
from .base import Advice, ConfigCall, Requests, Routing, Framework, SessionBackend, Setting

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

# The application's own session interface (`app.session_interface =
# CachingSessionInterface()`) keeping each session on the server under an
# id its cookie carries: a planted id becomes signed in, and clear() empties
# the record but keeps its id. Only a method of the project's session class
# that gives the session a new id regenerates (trusted: RULES.md Revision 2).
INTERFACE_BACKEND = SessionBackend(
    key="flask_interface",
    label="Flask, the application's own session interface",
    regenerators=frozenset(),
    order="before",
    regenerate_fix=("give the session a new id before binding: a method of the application's session class "
                    "that drops the old record and takes a new id, which its interface saves"),
    invalidate_fix="call session.clear()",
    server_side=True,
    note="session.clear() keeps the session id",
    session_methods=frozenset(("clear",)),
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
SESSION_NEUTRAL_IMPORTS = frozenset(
    f"flask_login.{module}{name}" for module in ("", "mixins.") for name in ("UserMixin", "AnonymousUserMixin"))
# Configuration loaders whose keys fixlint cannot read; from_object() of a
# string or a class name is read, of anything computed is not.
# (`from_json`: Flask 2.0's, removed in 2.3, still in older apps.)
UNREADABLE_CONFIG_LOADERS = frozenset(("from_pyfile", "from_envvar", "from_prefixed_env", "from_file", "from_json"))
OBJECT_CONFIG_LOADER = "from_object"
MAPPING_CONFIG_LOADERS = frozenset(("update", "from_mapping"))
# The application constructions the project-wide findings are reported at.
APPLICATIONS = frozenset(("flask.Flask", "flask.app.Flask")) | quart.APPLICATIONS

# -- Semgrep twins (SFX101, SFX102) -------------------------------------------
# Written with the rules' helpers (`kit`: fixlint/rules/_lifecycle_semgrep.py);
# Flask's cookie session, and Quart's (the same session under Quart's names).
# A twin that must leave Flask-Session's or Flask-KVSession's modules alone
# reads their adapters through `kit.fw`.
FLASK_SESSION_OBJECT = "flask.session"
QUART_SESSION_OBJECT = min(quart.SESSION, key=len)  # quart.session


def _flask_session_modules(kit):
    return sorted({q.rsplit(".", 1)[0] for q in kit.fw.FLASK_SESSION.extension_classes})


def _lookalikes(kit, framework):
    """Session methods advice names that neither Flask's nor Flask-Session's
    session object has (Flask-KVSession's modules are left out)."""
    return kit.SESSION_LIFECYCLE_METHODS - framework.backend.session_methods - (
        kit.fw.FLASK_SESSION.backend.session_methods)


def _semgrep_login(kit, framework):
    flask = FLASK_SESSION_OBJECT
    login_user_calls = [f"{call}(...)" for call in kit.library_logins(framework)]
    flask_fix = f"{framework.backend.regenerate_fix} ({framework.label})"
    quart_session = QUART_SESSION_OBJECT
    quart_fix = f"{framework.backend.regenerate_fix} ({quart.LABEL})"
    not_flask_session = kit.not_importing(_flask_session_modules(kit))
    return (
        kit.Backend(
            suffix="",
            stem="flask",
            session=flask,
            regenerated=[*kit.after_any(f"{flask}.clear()"), *not_flask_session],
            technology=("flask",),
            severity="medium",  # a signed-cookie session
            binding=f"Login binds $K to the session without regenerating it: in Flask's signed-cookie session "
                    f"the attacker's copy stays anonymous, but data planted in the session before login carries "
                    f"into the signed-in one; {flask_fix}",
            binding_extra=kit.after_any(*login_user_calls),
            login_user=f"Login calls login_user() without regenerating the session: in Flask's signed-cookie "
                       f"session, data planted in the session before login carries into the signed-in one; "
                       f"{flask_fix}",
            login_calls=kit.library_logins(framework),
            helper=f"Login calls $H(), which binds $HK to the session, without regenerating it first; {flask_fix}",
            helper_unless=(f"{flask}.clear()",),
            helper_extra=kit.after_any(f"{flask}[{kit.IDENTITY_KEY}] = $EARLIER", *login_user_calls),
            record=f"Login writes $K, from the user record a credential check verified, into the session "
                   f"without regenerating it; {flask_fix}",
            extra=(
                kit.Rule(
                    suffix="flask-lookalike",
                    message=f"Login binds $K to the session after calling session.$LOOK(), {kit.LOOKALIKE_WHY}; "
                            f"{framework.backend.instead_fix}",
                    match={"patterns": [
                        *kit.bindings(flask), *kit.in_login_handler(methods=False),
                        *kit.lookalike_call(flask, _lookalikes(kit, framework)),
                        *kit.after_any(f"{flask}.clear()", *login_user_calls),
                        *kit.not_importing(list(kit.fw.FLASK_KVSESSION.packages)),
                    ]},
                    technology=("flask",),
                ),
                kit.Rule(
                    suffix="flask-restored",
                    message="Login binds $K to the session after clearing it and putting its old contents back: "
                            "whatever was planted before login is still there; carry only named values across the "
                            "clear (Flask)",
                    match={"patterns": [*kit.bindings(flask), *kit.in_login_handler(), *kit.restored(flask),
                                        *not_flask_session]},
                    technology=("flask",),
                    severity="medium",
                ),
            ),
        ),
        kit.Backend(
            suffix="quart",
            session=quart_session,
            regenerated=[*kit.after_any(f"{quart_session}.clear()"), *kit.imports((quart.PACKAGE,)),
                         *kit.not_importing(list(kit.fw.QUART_SESSION.packages))],
            technology=("quart",),
            severity="medium",  # Flask's signed-cookie session
            binding=f"Login binds $K to the session without regenerating it: in Quart's signed-cookie session "
                    f"the attacker's copy stays anonymous, but data planted in the session before login carries "
                    f"into the signed-in one; {quart_fix}",
            helper=f"Login calls $H(), which binds $HK to the session, without regenerating it first; {quart_fix}",
            helper_unless=(f"{quart_session}.clear()",),
            helper_extra=kit.after_any(f"{quart_session}[{kit.IDENTITY_KEY}] = $EARLIER"),
            record=f"Login writes $K, from the user record a credential check verified, into the session "
                   f"without regenerating it; {quart_fix}",
        ),
    )


def _semgrep_logout(kit, framework):
    flask = FLASK_SESSION_OBJECT
    request = "$REQ.session"
    quart_session = QUART_SESSION_OBJECT
    request_modules = kit.request_session_modules()
    return (
        kit.Rule(
            message="Logout removes only $K from the session: every other key stays in a live session; "
                    "call session.clear() (Flask) or logout_user() (Flask-Login)",
            match={"patterns": [*kit.removals(flask), *kit.in_logout_handler(), *kit.invalidations(flask, True)]},
            technology=("flask",),
        ),
        kit.Rule(
            suffix="quart",
            message=f"Logout removes only $K from the session: every other key stays in a live session; "
                    f"{framework.backend.invalidate_fix} ({quart.LABEL})",
            match={"patterns": [*kit.removals(quart_session), *kit.in_logout_handler(),
                                *kit.invalidations(quart_session, True), *kit.imports((quart.PACKAGE,))]},
            technology=("quart",),
        ),
        kit.Rule(
            suffix="lookalike",
            message="Logout calls $S.$LOOK(), which the session does not have: it raises AttributeError (or "
                    "does nothing when caught) and the session stays alive; call session.clear() (Flask), "
                    "request.session.flush() (Django) or request.session.clear() (Starlette/FastAPI)",
            match={"patterns": [
                {"pattern-either": [
                    {"patterns": [{"pattern": "$S.$LOOK()"}, {"metavariable-pattern": {
                        "metavariable": "$S", "pattern": flask}},
                        kit.regex("$LOOK", rf"^({kit.words(sorted(_lookalikes(kit, framework)))})$"),
                        *kit.not_importing(list(kit.fw.FLASK_KVSESSION.packages))]},
                    {"patterns": [{"pattern": "$S.$LOOK()"}, {"metavariable-pattern": {
                        "metavariable": "$S", "pattern": request}},
                        kit.regex("$LOOK", rf"^({kit.words(sorted(kit.request_lookalikes()))})$"),
                        *kit.imports(request_modules)]},
                ]},
                *kit.own_session_method(),
                *kit.in_logout_handler(),
                *kit.invalidations(flask, methods=False), *kit.invalidations(request, methods=False),
            ]},
            technology=("django", "fastapi", "flask", "starlette"),
        ),
        kit.Rule(
            suffix="kept",
            message="Logout handler $F reads the identity from the session (or cycles its key) but never ends "
                    "the session; call session.clear(), logout_user() or Django's logout(request)",
            match={"patterns": [
                {"pattern": "def $F(...):\n  ...\n"},
                {"pattern-either": [
                    {"pattern": f"def $F(...):\n  ...\n  <... {flask}.get({kit.IDENTITY_KEY}, ...) ...>\n  ...\n"},
                    {"pattern": "def $F(...):\n  ...\n  <... $R.session.cycle_key() ...>\n  ...\n"},
                ]},
                kit.regex("$F", kit.FUNCTION_WORD.format(kit.LOGOUT)),
                *kit.not_a_called_helper(),
                # Not when something is removed: that is reported where it happens.
                *[{"pattern-not": f"def $F(...):\n  ...\n  <... {call} ...>\n  ...\n"}
                  for call in (f"{flask}.clear()", "$R.session.flush()", f"{flask}.pop({kit.IDENTITY_KEY}, ...)",
                               f"$R.session.pop({kit.IDENTITY_KEY}, ...)",
                               *(f"{q}(...)" for q in kit.TRUSTED_LOGOUTS))],
                *[{"pattern-not": f"def $F(...):\n  ...\n  del {session}[{kit.IDENTITY_KEY}]\n  ...\n"}
                  for session in (flask, "$R.session")],
                {"focus-metavariable": "$F"},
            ]},
            technology=("flask", "django"),
        ),
    )


def _semgrep_session_id(kit, framework):
    """SFX201's twins (written with the rule's kit): a request parameter
    read by a session-id name through Flask's request proxy (and Quart's),
    and a route's URL path parameter so named."""
    requests = sorted(q for q in framework.requests.objects if q.count(".") == 1)
    sources = tuple(
        f"{r}.{a}" for r in requests for a in ("args", "form", "values", "json", "view_args", "data")
    ) + tuple(f"{r}.{m}(...)" for r in requests for m in ("get_json", "get_data"))
    path_params = {"patterns": [
        {"pattern": "@$APP.$ROUTE($PATH, ...)\ndef $F(..., $P, ...):\n  ...\n"},
        # The route decorators the FastAPI twin matches: a superset of Flask's and Quart's.
        kit.regex("$ROUTE", kit.route_re(kit.fw.STARLETTE)),
        kit.regex("$PATH", rf"""^[rub]?["'].*<(?:(?:string|path):)?(?i:{kit.SID_WORDS})>"""),
        kit.regex("$APP", kit.NOT_OTHER_RE),
        kit.regex("$PATH", kit.NOT_OTHER_RE),
        kit.regex("$P", kit.SID_NAME_RE),
        *kit.primary_key_lookups(),
        *kit.imports(framework.semgrep_imports()),
        {"focus-metavariable": "$P"},
    ]}
    return (
        kit.Rule(
            message=f"Session id read from a request parameter (query string, form or JSON body, URL path): "
                    f"it leaks in links and logs, and lets an attacker fix the victim's session; {kit.FIX} (Flask)",
            match={"patterns": [{"pattern-either": [kit.named_reads(sources), kit.flows_to_store(sources),
                                                    kit.signs_in(FLASK_SESSION_OBJECT, sources),
                                                    kit.compared_with_stored(sources)]},
                                *kit.NOT_NUMBERS]},
            technology=("flask",),
        ),
        kit.Rule(
            suffix="flask-path",
            message=f"Session id taken from the URL path parameter $P; {kit.FIX} (Flask)",
            match=path_params,
            technology=("flask",),
        ),
    )


# Flask-Talisman writes the session cookie's flags into the app's config:
# `SESSION_COOKIE_SAMESITE` (its default "Lax") and `SESSION_COOKIE_HTTPONLY`
# when the app is given, `SESSION_COOKIE_SECURE = True` on every request
# outside debug mode.
CONFIG_CALLS = (
    ConfigCall("flask_talisman.Talisman", (
        ("SESSION_COOKIE_SECURE", "session_cookie_secure", (False, None, 0)),
        ("SESSION_COOKIE_SAMESITE", "session_cookie_samesite", (None,)),
        ("SESSION_COOKIE_HTTPONLY", "session_cookie_http_only", (False, None, 0)),
    )),
)


FLASK = Framework(
    key="flask",
    label="Flask",
    packages=("flask", "werkzeug", quart.PACKAGE),
    https_only=frozenset(("SESSION_COOKIE_SECURE",)),
    config_attribute="config",
    app_config_attributes={"permanent_session_lifetime": "PERMANENT_SESSION_LIFETIME"},
    app_proxies=frozenset(("flask.current_app", "flask.globals.current_app", f"{quart.PACKAGE}.current_app")),
    # (pattern, reported at the value): the cookie rules' Semgrep twins.
    semgrep_config_forms=(
        ("$APP.config[$KEY] = $V", False),
        ("$APP.config.$METHOD(..., $KEY=$V, ...)", True),
        ("$APP.config.$METHOD({..., $KEY: $V, ...}, ...)", True),
        ("$APP.config.$METHOD(dict(..., $KEY=$V, ...), ...)", True),
    ),
    config_update_methods=frozenset(("update", "from_mapping")),
    tuple_responses=True,
    abort_calls=ABORTS,
    session_objects=frozenset(("flask.session", "flask.globals.session")) | quart.SESSION,
    session_import=("flask", "session"),
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
    response_class_attribute="response_class",
    session_interface_attribute="session_interface",
    session_interface_base="SessionInterface",
    interface_backend=INTERFACE_BACKEND,
    session_cookie_getters={"get_cookie_secure": "secure", "get_cookie_samesite": "samesite",
                            "get_cookie_httponly": "httponly"},
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    # A Set-Cookie header value built with set_cookie's parameters and defaults
    # (isso's `headers.add("Set-Cookie", dump_cookie("admin-session", ...))`).
    cookie_classes=frozenset(("werkzeug.http.dump_cookie", "werkzeug.sansio.http.dump_cookie")),
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
        mount_methods=frozenset(("register_blueprint",)),  # app.register_blueprint(bp, url_prefix="/auth")
        app_names=APP_NAMES,
        captures="route",
        rule_texts=("route(", "_rule"),
        method_list_decorators=frozenset(("route",)),
        view_factories=frozenset(("as_view",)),  # flask.views.View.as_view(name)
        # flask.views.MethodView's HTTP methods and View.dispatch_request.
        capture_methods=frozenset(
            ("get", "post", "put", "patch", "delete", "head", "options", "dispatch_request")
        ),
    ),
    requests=Requests(
        objects=frozenset(("flask.request", "flask.globals.request")) | quart.REQUEST,
        globals=frozenset(("flask.g", "flask.globals.g")) | quart.GLOBALS,
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
    frame_dispatchers=frozenset(("werkzeug.middleware.dispatcher.DispatcherMiddleware",
                                 "werkzeug.wsgi.DispatcherMiddleware")),
    project_flags=("secure", "samesite"),
    project_cookie="session",
    session_users=SESSION_USERS,
    session_user_packages=SESSION_USER_PACKAGES,
    session_neutral_imports=SESSION_NEUTRAL_IMPORTS,
    unreadable_config_loaders=UNREADABLE_CONFIG_LOADERS,
    mapping_config_loaders=MAPPING_CONFIG_LOADERS,
    config_calls=CONFIG_CALLS,
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
    semgrep_twins={"SFX101": _semgrep_login, "SFX102": _semgrep_logout, "SFX201": _semgrep_session_id},
    semgrep_short_sid_names=True,
)

# Flask before 1.0 imported its extensions through `flask.ext` (`from
# flask.ext.login import login_user` is `flask_login.login_user`;
# minemeld-core's `import flask.ext.login`): (legacy prefix, today's).
LEGACY_IMPORT_PREFIXES = (("flask.ext.", "flask_"),)
