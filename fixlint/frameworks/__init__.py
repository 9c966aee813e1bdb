"""Framework knowledge, as data: one module per framework or session library.

This package's own module holds the vocabulary the frameworks share (which
cookie names mark a session, which names a response goes by) and the small
predicates built on it, so rules ask questions ("is this a response, and
whose?") instead of testing strings.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

from ..engine.nodes import parameter_defaults
from .base import SET_COOKIE_PARAMS, Advice, Framework, Middleware, Setting
from .django import DJANGO
from .flask import FLASK, LEGACY_IMPORT_PREFIXES as _FLASK_LEGACY_PREFIXES
from .flask_kvsession import FLASK_KVSESSION
from .flask_login import FLASK_LOGIN
from .flask_session import FLASK_SESSION
from .quart_session import QUART_SESSION
from .pyramid import PYRAMID
from .starlette import STARLETTE
from .starsessions import STARSESSIONS
from .starlette_login import STARLETTE_LOGIN
from .litestar import LITESTAR
from .aiohttp import AIOHTTP
from .aiohttp_session import AIOHTTP_SESSION
from .aiohttp_security import AIOHTTP_SECURITY
from . import auth, stdlib, vocabularies
from .stdlib import PYTHON
from .hand_rolled import HAND_ROLLED
from .tornado import TORNADO
from .quart_auth import QUART_AUTH
from .falcon import FALCON
from .flask_jwt_extended import FLASK_JWT_EXTENDED, PORT_PREFIXES as _JWT_PORT_PREFIXES
from .dj_rest_auth import DJ_REST_AUTH
from .fastapi_jwt_auth import FASTAPI_JWT_AUTH
from .fastapi_users import FASTAPI_USERS
from .fastapi_sessions import FASTAPI_SESSIONS
from .sanic import SANIC
from .sanic_session import SANIC_SESSION
from .bottle import BOTTLE
from .cherrypy import CHERRYPY
from .beaker import BEAKER

# The registry: every framework, session library and session backend
# fixlint knows, one adapter value each (see base.Framework). Analyses and
# rules loop over it; adding a framework is adding its module and a line here.
# The order is the order of the rule pages' "How to fix" lines.
FRAMEWORKS = (
    FLASK, FLASK_LOGIN, FLASK_SESSION, FLASK_KVSESSION, QUART_SESSION, QUART_AUTH, DJANGO, STARLETTE, STARSESSIONS,
    STARLETTE_LOGIN, PYRAMID,
    TORNADO, LITESTAR, AIOHTTP, AIOHTTP_SESSION, AIOHTTP_SECURITY, FALCON, SANIC, SANIC_SESSION, FLASK_JWT_EXTENDED, FASTAPI_JWT_AUTH,
    DJ_REST_AUTH, FASTAPI_USERS, FASTAPI_SESSIONS, BOTTLE, CHERRYPY, BEAKER,
    HAND_ROLLED, PYTHON,
)
# The import roots of every framework and library the registry knows.
PACKAGE_ROOTS = frozenset(p.partition(".")[0] for f in FRAMEWORKS for p in f.packages)
# Each adapter by its key: what the project model's summaries (JSON) name a
# framework by (a helper's `["bind", "flask", "user_id"]`, a route's framework).
BY_KEY = {f.key: f for f in FRAMEWORKS}
# Frameworks that own `set_cookie` on responses, in the order a file's
# imports are consulted when the receiver alone does not say.
WEB_FRAMEWORKS = (STARLETTE, FLASK, DJANGO, PYRAMID, TORNADO, LITESTAR, AIOHTTP, FALCON, SANIC, BOTTLE, CHERRYPY)
# Frameworks whose handlers receive requests, in the same order.
REQUEST_FRAMEWORKS = tuple(f for f in WEB_FRAMEWORKS if f.requests is not None)
ROUTING_FRAMEWORKS = tuple(f for f in WEB_FRAMEWORKS if f.routing is not None)
# Whose configuration a module of bare keys is, for a key several frameworks
# read (SESSION_COOKIE_SECURE): a framework whose settings modules have
# markers (Django's INSTALLED_APPS), or one whose keys live on the
# application's config object (Flask's `app.config`), the fallback.
SETTINGS_MODULE_FRAMEWORKS = tuple(f for f in FRAMEWORKS if f.settings_markers)
CONFIG_FRAMEWORKS = tuple(f for f in FRAMEWORKS if f.config_attribute)
# Sessions that are importable proxies (Flask's and Quart's `session`), and
# the import a fix adds for one: the session a library's login call
# (Flask-Login's `login_user()`) writes when the handler names none.
SESSION_PROXIES = frozenset().union(*(f.session_objects for f in FRAMEWORKS))
SESSION_PROXY_IMPORT = next((f.session_import for f in FRAMEWORKS if f.session_import), None)
# What a backend's `{app}.session_interface...` regeneration is called on
# (Flask-Session's): a module-level application object of one of these
# classes, or one of these proxies (`current_app`).
INTERFACE_OWNERS = frozenset().union(*(f.interface_owners for f in FRAMEWORKS))
INTERFACE_PROXIES = frozenset().union(*(f.interface_proxies for f in FRAMEWORKS))


def _qualnames_named(value, found, depth=0):
    """Every dotted name (`flask.session`) the registry's data holds,
    through its collections and nested adapter values, into `found`."""
    if depth > 6:
        return
    if isinstance(value, str):
        if "." in value and value.replace(".", "").replace("_", "").isalnum() and not value[0].isupper():
            found.add(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _qualnames_named(key, found, depth + 1)
            _qualnames_named(item, found, depth + 1)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            _qualnames_named(item, found, depth + 1)
    elif hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        for name in value.__dataclass_fields__:
            _qualnames_named(getattr(value, name), found, depth + 1)


def _star_exports():
    """{module: {name: qualified name}} of the public names the registry
    knows in each module (`flask` -> {"session": "flask.session", "Flask":
    "flask.Flask", ...}): what `from flask import *` binds, for the names
    fixlint asks about (engine.context reads it where a name has no
    binding in a file with a star import)."""
    found = set()
    for framework in FRAMEWORKS:
        _qualnames_named(framework, found)
    # Only the frameworks' and libraries' own packages: `session.clear` in advice text names no module.
    roots = {package.partition(".")[0] for framework in FRAMEWORKS for package in framework.packages}
    exports = {}
    for qualname in found:
        module, _, name = qualname.rpartition(".")
        if name and not name.startswith("_") and module.partition(".")[0] in roots:
            exports.setdefault(module, {})[name] = qualname
    return exports


@lru_cache(maxsize=1)
def star_exports():
    """_star_exports(), built the first time a file with a star import asks."""
    return _star_exports()


def backend_option(backend):
    """The `session-backends` name of a backend variant."""
    return backend.key.replace("_", "-")


def _session_backend_options():
    """The `session-backends` option's values, from the adapters: name ->
    (Framework, SessionBackend, what marks it in a module). A session
    library's `option` (Flask-Session), a framework's `cookie_option`
    (Django's signed_cookies engine), and each backend variant a module's
    imports choose (`pyramid_beaker`, aiohttp-session's storages), named by
    its key with dashes, when it changes where the session lives or what
    SFX101 says of it (Quart's variant only relabels Flask's session)."""
    options = {}
    for framework in FRAMEWORKS:
        if framework.option and framework.backend is not None:
            options[framework.option] = (framework, framework.backend, f"imports {framework.packages[0]}")
        if framework.cookie_option and framework.cookie_backend is not None:
            options[framework.cookie_option] = (framework, framework.cookie_backend, f"{framework.engine_setting} "
                                                f"names {framework.cookie_engine}")
        for module, backend in framework.backend_variants:
            if backend.server_side == framework.backend.server_side and not backend.consequence:
                continue
            name = backend_option(backend)
            marks = options[name][2] + f", {module}" if name in options else f"imports {module}"
            options[name] = (framework, backend, marks)
    return dict(sorted(options.items()))


SESSION_BACKEND_OPTIONS = _session_backend_options()


# Web frameworks outside fixlint's scope whose cookie defaults may differ:
# their `set_cookie` is left alone.
FOREIGN_WEB_PACKAGES = (
    "hug", "masonite", "responder", "twisted",
)

# Legacy import paths of the frameworks' packages, and the import paths of
# their ports under another name, as (old prefix, new prefix).
LEGACY_IMPORT_PREFIXES = _FLASK_LEGACY_PREFIXES + _JWT_PORT_PREFIXES

# Task queues whose workers build a web application only for its context
# (`app = Flask(__name__)` beside `Celery(...)` in tasks.py, to send mail):
# such an app serves no request unless its module routes on it.
TASK_QUEUE_PACKAGES = ("celery", "rq", "dramatiq", "huey", "arq")

__all__ = [
    "AIOHTTP", "AIOHTTP_SECURITY", "AIOHTTP_SESSION", "BEAKER", "BOTTLE", "CHERRYPY", "DJANGO", "FALCON", "FLASK", "FLASK_KVSESSION", "FLASK_LOGIN", "FLASK_SESSION", "FRAMEWORKS", "QUART_SESSION", "STARLETTE_LOGIN",
    "HAND_ROLLED", "LITESTAR", "PYRAMID", "PYTHON", "QUART_AUTH", "REQUEST_FRAMEWORKS", "ROUTING_FRAMEWORKS",
    "SESSION_BACKEND_OPTIONS", "STARLETTE", "STARSESSIONS", "TORNADO", "WEB_FRAMEWORKS",
    "Advice", "Framework", "Middleware", "SET_COOKIE_PARAMS", "Setting", "advice", "rule_fixes",
]


def advice(framework, code, default="", label=None, parameter=False):
    """The fix a message names for rule `code` under `framework` (None: the
    file names no framework); `parameter` for a value declared as a handler
    parameter, in a file that calls the framework `label`."""
    found = framework.advice.get(code) if framework is not None else None
    if found is None:
        return default
    if parameter and label in found.parameter_fix:
        return found.parameter_fix[label]
    if label in found.label_fix:
        return found.label_fix[label]
    return found.fix or default


def rule_fixes(code):
    """A rule page's "How to fix" table: heading -> text, in registry order."""
    return {heading: text for f in FRAMEWORKS if code in f.advice for heading, text in f.advice[code].docs}

# -- cookies ---------------------------------------------------------------

SESSION = "session"
CSRF = "csrf"
PREFERENCE = "preference"
OTHER = "other"

# Substrings of a cookie name (lower-cased) that mark a session or credential.
SESSION_COOKIE_WORDS = (
    "sess", "sid", "auth", "token", "jwt", "remember", "login", "user", "uid",
    "credential", "sso", "oauth", "bearer",
)
# Whole cookie names that are a token pair's halves (Simple JWT's and many
# hand-made JWT apps' `access` and `refresh` cookies), whatever the words say.
TOKEN_COOKIE_NAMES = frozenset(("access", "refresh"))
# Those of them that also end common words (`goodsids` is a list of product
# ids, `aside`, `fluid`, `guid`): they count only at a word's start
# (`sid`, `connect.sid`, `__Host-sid`, `uid_token`).
_WORD_START_SESSION_WORDS = frozenset(("sid", "uid"))


def session_words_pattern(names=SESSION_COOKIE_WORDS):
    """A regex (for lower-cased text, and for Semgrep inside `(?i:...)`)
    that finds one of `names`, the _WORD_START_SESSION_WORDS at a word's
    start only."""
    return "|".join(("(?<![a-z])" if name in _WORD_START_SESSION_WORDS else "") + re.escape(name) for name in names)


@lru_cache(maxsize=None)
def _session_words_re(names):
    return re.compile(session_words_pattern(names))


def names_session_word(lowered, names=SESSION_COOKIE_WORDS):
    """Whether lower-cased `lowered` holds one of `names` (a session or
    credential word, see session_words_pattern)."""
    return _session_words_re(names).search(lowered) is not None
# Calls whose result is a session id or credential.
TOKEN_GENERATORS = frozenset(
    (
        "secrets.token_urlsafe", "secrets.token_hex", "secrets.token_bytes",
        "uuid.uuid4", "os.urandom", "jwt.encode", "jose.jwt.encode",
        "flask_jwt_extended.create_access_token", "flask_jwt_extended.create_refresh_token",
        "django.contrib.auth.tokens.default_token_generator.make_token",
        # Simple JWT's tokens for a user (`str(RefreshToken.for_user(user))` is the JWT).
        "rest_framework_simplejwt.tokens.RefreshToken.for_user",
        "rest_framework_simplejwt.tokens.AccessToken.for_user",
        "rest_framework_simplejwt.tokens.SlidingToken.for_user",
    )
)
_STRONG_CALLS = stdlib.STRONG_CALLS | TOKEN_GENERATORS


def is_strong_source(qualname):
    """Whether a call of `qualname` makes a cryptographically strong value:
    `secrets.*`, os.urandom, uuid4, get_random_string, random.SystemRandom,
    the token generators above (the session-id analysis and the project's
    helper profiles ask the same)."""
    return (qualname.startswith(stdlib.STRONG_PREFIXES) or qualname in _STRONG_CALLS
            or qualname in stdlib.STRONG_RANDOM_CLASSES)


RESPONSE_NAMES = frozenset(("resp", "response"))
_RESPONSE_TAILS = [[name] for name in sorted(RESPONSE_NAMES)]  # a name's last word, as words() lists it
# Literal cookie values that only say yes or no (or that something is done):
# the same for every visitor, so no credential (`set_cookie("is_user_authorized",
# "true")` is a UI hint the frontend reads; `Set-Cookie: <download token>=done`
# tells a download tracker the file is ready; the token travels elsewhere).
FLAG_COOKIE_VALUES = vocabularies.FLAG_WORDS


def is_flag_text(text):
    """A literal cookie value that is one of FLAG_COOKIE_VALUES."""
    return text.strip().lower() in FLAG_COOKIE_VALUES


def classify_cookie(name, config):
    """SESSION, CSRF, PREFERENCE or OTHER for a literal cookie name."""
    lowered = name.lower()
    if lowered in config.lowered("csrf_cookies") or "csrf" in lowered or "xsrf" in lowered:
        return CSRF
    if lowered in config.lowered("session_cookie_names"):
        return SESSION
    if is_non_sensitive_name(name, config):
        return PREFERENCE
    if lowered in TOKEN_COOKIE_NAMES:
        return SESSION
    if names_session_word(lowered) or not vocabularies.COOKIE_WORDS.isdisjoint(words(name)) or (
            _glued_phrase(lowered)):
        return PREFERENCE if _records_about_login(name) else SESSION
    return OTHER


def _glued_phrase(lowered):
    """Whether a cookie name holds another language's token phrase, its
    separators left out (`lembrar_me`, `ingat-saya`: vocabularies.COOKIE_PHRASES)."""
    glued = lowered.replace("_", "").replace("-", "")
    return any(phrase in glued for phrase in vocabularies.COOKIE_PHRASES)


# Words of a cookie name that say it records something about a login, not
# the login itself: how or when the user signed in, where to go next
# (polar's `polar_last_login_method`, `login_redirect`, `last_login_at`).
LOGIN_RECORD_WORDS = frozenset(
    ("last", "method", "methods", "hint", "redirect", "next", "url", "uri", "at", "time", "timestamp", "date",
     "attempt", "attempts", "count")
)


def _records_about_login(name):
    """A cookie named for a login word and one of LOGIN_RECORD_WORDS, and
    for no credential (`last_login_token` is a token)."""
    found = words(name)
    return (not any(word in CREDENTIAL_WORDS for word in found)
            and any(word in LOGIN_RECORD_WORDS for word in found))


# Calls that write data out as text: their result is the data, not a token.
DATA_SERIALIZERS = frozenset(("json.dumps",))


# What a variable holding a session id or token is named for (`session_key`,
# `user_sid`, `access_token`; not `goodsids`, see session_words_pattern).
TOKEN_VARIABLE_WORDS = ("token", "session", "sid", "jwt")


def is_token_value(ctx, expr):
    """True when a cookie value comes from a session-id/token generator or a
    variable named like one."""
    value = ctx.value_of(expr)
    if (value.__class__ is ast.Call and value.func.__class__ is ast.Name and value.func.id == "str"
            and len(value.args) == 1 and not value.keywords and ctx.binding(value.func) is None):
        # `str(token)`, `str(RefreshToken.for_user(user))`: the token as text (Simple JWT's tokens)
        return is_token_value(ctx, value.args[0])
    if value.__class__ is ast.Call:
        func = value.func
        qualname = ctx.qualname(func)
        if qualname in TOKEN_GENERATORS:
            return True
        if func.__class__ is ast.Attribute and func.attr in ("hex", "decode") and value.func.value.__class__ is ast.Call:
            return ctx.qualname(value.func.value.func) in TOKEN_GENERATORS
        if qualname in DATA_SERIALIZERS:
            return False  # `token = json.dumps(order)` (starlette-shop's cart): data, whatever its name
    if value.__class__ is ast.Attribute and value.value.__class__ is ast.Call:
        return ctx.qualname(value.value.func) in TOKEN_GENERATORS  # uuid4().hex
    if _token_keyed(value):
        return True
    names = []
    if expr.__class__ is ast.Name:
        names.append(expr.id)
    elif expr.__class__ is ast.Attribute:
        names.append(expr.attr)
    return any(names_session_word(name.lower(), TOKEN_VARIABLE_WORDS) for name in names)


# Keys a token pair is handed out under (Simple JWT's serializers and
# responses: `serializer.validated_data["access"]`, `response.data["refresh"]`;
# an OAuth token response's `access_token`, `id_token`).
TOKEN_KEYS = frozenset(("access", "refresh", "access_token", "refresh_token", "id_token", "token", "jwt",
                        "auth_token"))
_KEYED_READS = frozenset(("get", "pop"))


def _token_keyed(value):
    """A read of a mapping under one of TOKEN_KEYS: `data["access"]`,
    `validated_data.pop("access")` (SeamsStrange's cookie refresh view)."""
    if value.__class__ is ast.Subscript:
        key = value.slice
    elif (value.__class__ is ast.Call and value.func.__class__ is ast.Attribute and value.func.attr in _KEYED_READS
          and value.args):
        key = value.args[0]
    else:
        return False
    return key.__class__ is ast.Constant and isinstance(key.value, str) and key.value.lower() in TOKEN_KEYS


# Whole words that mark a credential whatever else a name says: `theme_token`
# is a token, not a preference.
CREDENTIAL_WORDS = frozenset(
    ("session", "sess", "sid", "sessionid", "token", "jwt", "auth", "bearer", "credential",
     "credentials", "remember", "password", "secret", "apikey")
)


def is_non_sensitive_name(name, config):
    """A cookie name or session key holding a non-sensitive name's words
    (`theme`, `dark-mode`, `user_prefs`, `x-expected-format`): the one
    vocabulary of the `non-sensitive-names` option. Its words win over a
    weaker session word in the same name (`sidebar`, `user_theme`), not
    over a credential word (`theme_token`)."""
    known = config.answers("non_sensitive_name")
    found = known.get(name)
    if found is None:
        found = known[name] = _non_sensitive(name, config)
    return found


def _non_sensitive(name, config):
    if name.lower() in config.lowered("non_sensitive_names"):
        return True
    found = words(name)
    if not found or any(word in CREDENTIAL_WORDS for word in found):
        return False
    by_first = _phrases(config.non_sensitive_names)
    found = tuple(found)
    for i, word in enumerate(found):
        for phrase in by_first.get(word, ()):
            if found[i:i + len(phrase)] == phrase:
                return True
    return False


@lru_cache(maxsize=16)
def _phrases(names):
    """{first word: the phrases of `names` (word tuples) it starts}."""
    by_first = {}
    for name in names:
        phrase = tuple(words(name))
        if phrase:
            by_first.setdefault(phrase[0], []).append(phrase)
    return by_first


# -- responses -------------------------------------------------------------

def file_web_framework(ctx):
    """The web framework a file's imports name, or None: the one whose own
    package it imports first (`litestar`), then one it reaches through a
    package it shares (`werkzeug.security`'s password hashing is imported
    by apps of every framework; a Litestar module importing it is no
    Flask module)."""
    for framework in WEB_FRAMEWORKS:
        if ctx.imports(framework.packages[0]):
            return _server_of(ctx, framework, WEB_FRAMEWORKS)
    for framework in WEB_FRAMEWORKS:
        if ctx.imports(*framework.packages[1:]):
            return framework
    return None


def response_class_framework(qualname):
    """The framework whose response class or factory a qualified name is
    (`fastapi.responses.JSONResponse`, `flask.make_response`), or None."""
    return _framework_of_class(qualname)


def _framework_of_class(qualname):
    return _RESPONSE_CLASSES.get(qualname) if qualname is not None else None


# Each response class or factory's qualified name -> its framework, the
# first of WEB_FRAMEWORKS that names it.
_RESPONSE_CLASSES = {}
for _framework in reversed(WEB_FRAMEWORKS):
    for _name in (*_framework.response_factories, *_framework.response_types):
        _RESPONSE_CLASSES[_name] = _framework
del _framework, _name


_MAX_ANNOTATION_PARTS = 64  # `A | B | ...` thousands deep must not recurse or crawl


def _annotation_framework(ctx, annotation):
    """The framework of a response type named in an annotation:
    `Response`, `Optional[Response]`, `Response | None`."""
    pending = [annotation]
    for _ in range(_MAX_ANNOTATION_PARTS):
        if not pending:
            return None
        node = pending.pop()
        if node.__class__ is ast.Subscript:  # Optional[Response]
            pending.append(node.slice)
        elif node.__class__ is ast.BinOp:  # Response | None
            pending += (node.right, node.left)
        elif node is not None:
            framework = _framework_of_class(ctx.qualname(node))
            if framework is not None:
                return framework
    return None


_NOT_A_RESPONSE = object()


def response_framework(ctx, receiver):
    """The framework whose response `receiver` is, or None when it is not a
    response (test clients, `requests` sessions...). `self` in a request
    handler class (Tornado's) is its framework's response. A response whose
    framework cannot be told falls back to the file's imports; a file that
    imports only a foreign web framework is left alone."""
    found = _response_origin(ctx, receiver)
    if found is _NOT_A_RESPONSE:
        return handler_framework(ctx, receiver)
    if found is None:
        return None
    if found is True:
        framework = file_web_framework(ctx)
        if framework is None and ctx.imports(*FOREIGN_WEB_PACKAGES):
            return None
        return framework or project_web_framework(ctx) or FLASK_LIKE
    return found


def project_web_framework(ctx):
    """The web framework of the file's application, for a module that
    imports none (a cookie helper in `util/` taking an untyped
    `response`): the one web framework its modules import
    (ProjectFacts.imported), or None when they import none or several."""
    if ctx.project is None:
        return None
    found = [f for f in WEB_FRAMEWORKS if any(ctx.project_imports(package) for package in f.packages)]
    return found[0] if len(found) == 1 else None


# Frameworks whose handler objects are the response and read the request.
HANDLER_FRAMEWORKS = tuple(f for f in WEB_FRAMEWORKS if f.handler_classes)
_MAX_BASES = 16  # local base classes followed, however the hierarchy loops


def handler_framework(ctx, expr):
    """The framework whose request handler `expr` is: `self` in a method of
    a class derived from one of its `handler_classes` (through the file's
    own classes, a project base named like a handler in a file that
    imports the framework, or a base imported from a project module that
    derives it: ProjectFacts.app_classes), or a parameter named for one
    (handler_parameter), or a helper's attribute holding such a parameter
    (handler_attribute) — or None."""
    if not HANDLER_FRAMEWORKS:
        return None
    if expr.__class__ is ast.Attribute:
        return handler_attribute(ctx, expr)
    if expr.__class__ is not ast.Name:
        return None
    if expr.id != "self":
        return handler_parameter(ctx, expr)
    scope = ctx.scope
    while scope is not None and scope.kind != "class":
        scope = scope.parent
    if scope is None:
        return None
    for framework in HANDLER_FRAMEWORKS:
        if ctx.imports(*framework.packages) and _derives(ctx, scope.node, framework):
            return framework
    derived = project_derived(ctx)
    if derived:  # SickChill's `from .index import BaseHandler`, in a module that never imports Tornado
        for _, qualname, local in _bases(ctx, scope.node):
            handler = None if local else derived.get(qualname)
            framework = next((f for f in HANDLER_FRAMEWORKS if handler in f.handler_classes), None)
            if framework is not None:
                return framework
    return None


def handler_parameter(ctx, expr):
    """The framework of a request handler passed in as a parameter named for
    one (`request_handler`, `handler`: a session manager's
    `def save(self, request_handler, session)` that a handler calls with
    `self`), unannotated or annotated with the framework's handler class,
    in a module or project that imports the framework — or None."""
    binding = ctx.binding(expr)
    if binding is None or binding.kind != "param" or "handler" not in words(expr.id):
        return None
    return _handler_framework_for(ctx, binding.value)


def _handler_framework_for(ctx, annotation):
    """The handler framework a parameter annotated `annotation` (or None)
    belongs to, in a module or project importing the framework."""
    qualname = ctx.qualname(annotation) if annotation is not None else None
    for framework in HANDLER_FRAMEWORKS:
        if annotation is not None and qualname not in framework.handler_classes:
            continue
        if ctx.imports(*framework.packages) or any(ctx.project_imports(p) for p in framework.packages):
            return framework
    return None


def handler_attribute(ctx, expr):
    """The framework of a request handler a helper object keeps (a session
    class's `self.handler`, `self._request_handler`: `def __init__(self,
    handler): self.handler = handler`, as Tornado session tutorials write
    it): `self.<attr>` named for a handler, in a class one of whose
    methods assigns it a parameter handler_parameter takes for one — or
    None."""
    if not (expr.value.__class__ is ast.Name and expr.value.id == "self" and "handler" in words(expr.attr)):
        return None
    cls = ctx.enclosing_class()
    if cls is None:
        return None
    key = (handler_attribute, cls, expr.attr)
    kept = ctx.kept
    if key not in kept:
        kept[key] = _stored_handler(ctx, cls, expr.attr)
    return kept[key]


def _stored_handler(ctx, cls, attr):
    """handler_attribute's answer for `self.<attr>` in the class `cls`,
    worked out once per file (ctx.kept)."""
    for method in cls.body:
        if method.__class__ is not ast.FunctionDef and method.__class__ is not ast.AsyncFunctionDef:
            continue
        for statement in method.body:
            if (statement.__class__ is ast.Assign and len(statement.targets) == 1
                    and statement.targets[0].__class__ is ast.Attribute and statement.targets[0].attr == attr
                    and statement.value.__class__ is ast.Name):
                framework = _parameter_handler(ctx, method, statement.value.id)
                if framework is not None:
                    return framework
    return None


def _parameter_handler(ctx, function, name):
    """handler_parameter's answer for the parameter `name` of `function`
    (read where the assignment is, not where the attribute is used)."""
    for arg in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs):
        if arg.arg == name and "handler" in words(name):
            return _handler_framework_for(ctx, arg.annotation)
    return None


def project_derived(ctx):
    """ProjectFacts.app_classes: the project's classes the module imports,
    by qualified name, and the framework class each derives from."""
    project = ctx.project
    return getattr(project, "app_classes", None) if project is not None else None


def _derives(ctx, cls, framework):
    for base, qualname, local in _bases(ctx, cls):
        if qualname in framework.handler_classes:
            return True
        if local:
            continue
        name = base.attr if base.__class__ is ast.Attribute else getattr(base, "id", "")
        if name.endswith(framework.handler_name_suffixes):
            return True
    return False


def _bases(ctx, cls):
    """(base expression, its qualified name, whether the module defines it)
    for each base of the ClassDef `cls` and, through the module's own
    classes, theirs: up to _MAX_BASES, however the hierarchy loops."""
    pending = list(cls.bases)
    for _ in range(_MAX_BASES):
        if not pending:
            return
        base = pending.pop()
        binding = ctx.binding(base)
        local = binding is not None and binding.kind == "class" and binding.value.__class__ is ast.ClassDef
        yield base, ctx.qualname(base), local
        if local:
            pending.extend(binding.value.bases)


def local_base(ctx, expr, qualnames, same_init=False):
    """The first of `qualnames` that the class a Name refers to derives
    from, when the module defines that class (`class PortalFlask(Flask)`:
    `PortalFlask(__name__)` builds a flask.Flask), following the module's
    own classes up to _MAX_BASES bases; None otherwise. With `same_init`,
    also None when one of the module's classes on the way defines
    `__init__`: its arguments may no longer mean the base's."""
    binding = ctx.binding(expr)
    if binding is None or binding.kind != "class" or binding.value.__class__ is not ast.ClassDef:
        return None
    if same_init and _defines_init(binding.value):
        return None
    for base, qualname, local in _bases(ctx, binding.value):
        if qualname in qualnames:
            return qualname
        if same_init and local and _defines_init(ctx.binding(base).value):
            return None
    return None


def _defines_init(cls):
    return any(node.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef) and node.name == "__init__"
               for node in cls.body)


# Werkzeug's and Django's defaults agree: used when a response's framework
# cannot be told from the file.
FLASK_LIKE = Framework(
    key="generic",
    label="Flask/Django",
    packages=(),
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    # A setter a response's adapter does not list is read as Django's
    # (`set_signed_cookie(key, value, salt)` on a project's own response).
    cookie_setters=DJANGO.cookie_setters,
)


def cookie_lifetimes(framework):
    """{keyword: seconds per unit} of the arguments that give a cookie's
    lifetime in `framework`'s cookie setters (Tornado's `expires_days`), by
    default set_cookie's `max_age` and `expires`."""
    return framework.cookie_lifetimes or _DEFAULT_LIFETIMES


_DEFAULT_LIFETIMES = {"max_age": 1, "expires": 1}


def cookie_setter_params(framework, method):
    """The positional parameters after `self` of `framework`'s cookie
    setter `method` (set_cookie, set_signed_cookie, ...)."""
    params = framework.cookie_setters.get(method) or FLASK_LIKE.cookie_setters.get(method)
    return params or framework.set_cookie_params


# Methods of a response that set a cookie, in every framework.
COOKIE_SETTER_METHODS = frozenset(("set_cookie",)).union(*(f.cookie_setters for f in FRAMEWORKS))
# Methods that set or delete the cookie their first argument names, in every
# framework (`set_cookie`, Tornado's `set_secure_cookie` and `clear_cookie`,
# aiohttp's `del_cookie`, Falcon's `unset_cookie`).
COOKIE_WRITER_METHODS = COOKIE_SETTER_METHODS.union(
    *(f.cookie_deleters | f.cookie_clearers | f.identity_cookie_setters for f in FRAMEWORKS)
)


def names_revocation(name):
    """A callee's name that says it ends something on the server
    (`revoke_token`, `sessions.delete`, `logout`: auth.REVOKE_WORDS),
    other than the cookie calls (`delete_cookie` ends nothing there)."""
    return bool(name) and name not in COOKIE_WRITER_METHODS and not auth.REVOKE_WORDS.isdisjoint(words(name))


# The generic request calls of HTTP clients that take the method as text.
_REQUEST_CALLS = frozenset(("request", "arequest", "Request", "open"))


def is_class_name(name):
    """A CapWords name (`LogoutController`, not `LOGOUT`, `logout` or
    `Logout_user`): a class, whose call builds an object and ends nothing."""
    return name[:1].isupper() and not name.isupper() and "_" not in name


def ends_on_server(call, name):
    """A call (`name`: its callee's last name) that ends something on the
    server by its name (names_revocation) or by the HTTP method it sends
    (sends_delete)."""
    return names_revocation(name) or sends_delete(call)


def sends_delete(call):
    """An HTTP request whose method is DELETE, given as text to a client's
    generic call (`requests.request("DELETE", url, ...)`, `httpx.request`,
    `session.request(method="delete", ...)`, urllib's `Request(url,
    method="DELETE")`): as `requests.delete(...)`, named for ending
    something on the server (names_revocation)."""
    func = call.func
    name = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
    if name not in _REQUEST_CALLS:
        return False
    given = [k.value for k in call.keywords if k.arg == "method"]
    if name != "Request" and call.args:
        given.append(call.args[0])
    return any(v.__class__ is ast.Constant and isinstance(v.value, str) and v.value.strip().upper() == "DELETE"
               for v in given)


def _response_origin(ctx, receiver):
    """A Framework, True (a response of unknown framework), or
    _NOT_A_RESPONSE."""
    cls = receiver.__class__
    if cls is ast.Call:
        func = receiver.func
        framework = _framework_of_class(ctx.qualname(func))
        if framework is not None:
            return framework
        if func.__class__ is ast.Attribute:
            for framework in WEB_FRAMEWORKS:
                if func.attr in framework.response_methods:
                    return framework
        return _NOT_A_RESPONSE
    if cls in (ast.Attribute, ast.Name):  # a module's response object (`bottle.response`, imported or not)
        framework = _framework_of_class(ctx.qualname(receiver))
        if framework is not None:
            return framework
    if cls is ast.Attribute:  # `request.response`
        for framework in WEB_FRAMEWORKS:
            if receiver.attr in framework.response_attributes and request_object(ctx, receiver.value) is framework:
                return framework
        return _NOT_A_RESPONSE
    if cls is ast.Name:
        binding = ctx.binding(receiver)
        if binding is not None:
            if binding.kind == "param":
                framework = _annotation_framework(ctx, binding.value)
                if framework is None and receiver.id not in RESPONSE_NAMES and receiver.id not in ("self", "cls"):
                    framework = _passed_response(ctx, binding)  # `def set_session(otvet, ...)`: what its calls pass
                if framework is None and receiver.id == "self":
                    framework = _response_subclass(ctx)
                if framework is not None:
                    return framework
            elif binding.kind == "assign" and binding.value is not None:
                value = ctx.value_of(receiver)
                if value.__class__ is ast.Call:
                    found = _response_origin(ctx, value)
                    if found is not _NOT_A_RESPONSE:
                        return found
                elif value.__class__ in _DATA_LITERALS:
                    return _NOT_A_RESPONSE  # `response = {"message": "ok"}`: a dict, whatever its name
        if receiver.id in RESPONSE_NAMES:
            return True
        if binding is not None and binding.kind == "param" and words(receiver.id)[-1:] in _RESPONSE_TAILS:
            return True  # `def refresh_cookie(request, json_response)`: what its callers pass, named so
        return _NOT_A_RESPONSE
    return _NOT_A_RESPONSE


def _response_subclass(ctx):
    """The framework of the response class the method being walked is
    defined in derives from (`class LoginResponse(JsonResponse)`, whose
    `__init__` calls `self.set_cookie(...)`), or None."""
    info = ctx.function
    class_node = info.class_node if info is not None else None
    if class_node is None:
        return None
    for base in class_node.bases:
        framework = _framework_of_class(ctx.qualname(base))
        if framework is not None:
            return framework
    return None


# Literals a name called `response` may hold that are data, never a response.
_DATA_LITERALS = frozenset((ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Constant, ast.JoinedStr, ast.DictComp,
                            ast.ListComp))


def _passed_response(ctx, binding):
    """The framework of the responses the module's calls of a function
    pass for its parameter (`def set_session(res, login)`, called as
    `set_session(RedirectResponse("/"), login)` or with a name the caller
    bound to one): every such argument the module gives is a response
    construction, and at least one is. None otherwise (an unannotated
    parameter named `res`, `otvet`, says nothing by itself)."""
    values = _given_for(ctx, binding, _passed_response, _passed_arguments)
    if not values:
        return None
    found = {_framework_of_class(ctx.qualname(v.func)) if v is not None else None for v in values}
    if len(found) == 1 and None not in found:
        return found.pop()
    return None


_MAX_PASSED_CALLS = 2000  # calls of the module's functions read for _passed_response


def _given_for(ctx, binding, table_key, build):
    """What the module's calls of the function whose parameter `binding` is
    give for that parameter, by position or keyword, from the file's table
    `build(ctx.tree)` ({function name: [(position or keyword, value)]},
    kept under `table_key`); None when the parameter is no function's or
    no call is known."""
    function = getattr(binding.scope, "node", None)
    if function is None or function.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
        return None
    table = ctx.kept.get(table_key)
    if table is None:
        table = ctx.kept[table_key] = build(ctx.tree)
    given = table.get(function.name)
    if not given:
        return None
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    name = binding.name
    return [value for key, value in given
            if key == name or (key.__class__ is int and key < len(params) and params[key] == name)]


def _passed_arguments(tree):
    """{function name: [(position or keyword, the call building the value,
    or None)]} for the module's calls of a plain name: an argument that is
    a call, or a name the calling function binds to a call."""
    table = {}
    count = 0
    scopes = [tree] + [n for n in ast.walk(tree) if n.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)]
    for scope in scopes:
        body = scope.body
        assigned = {}
        calls = []
        for node in _own_nodes(body):
            cls = node.__class__
            if cls is ast.Assign and len(node.targets) == 1 and node.targets[0].__class__ is ast.Name:
                assigned[node.targets[0].id] = node.value if node.value.__class__ is ast.Call else None
            elif cls is ast.Call and node.func.__class__ is ast.Name:
                calls.append(node)
        for call in calls:
            count += 1
            if count > _MAX_PASSED_CALLS:
                return table
            entries = table.setdefault(call.func.id, [])
            for key, arg in (*enumerate(call.args), *((k.arg, k.value) for k in call.keywords if k.arg)):
                if arg.__class__ is ast.Starred:
                    break
                value = arg if arg.__class__ is ast.Call else assigned.get(arg.id) if arg.__class__ is ast.Name else None
                entries.append((key, value))
    return table


_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _own_nodes(body):
    """The nodes of a scope's statements, not those of the functions and
    classes nested in it (each its own scope)."""
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if node.__class__ in _NESTED_SCOPES:
            continue
        stack.extend(ast.iter_child_nodes(node))


# -- development configuration ---------------------------------------------

# "build": configuration read only while building the package, never served
# (pretix's `_build_settings.py`, "settings that we need at wheel require time").
# `devproject`, `testproject`: the project a reusable Django app ships beside
# its package to develop and test it with (Misago's devproject/), one word.
# `ci`: the settings a continuous-integration run uses (wger's settings/ci.py).
DEV_WORDS = frozenset(("build", "dev", "devel", "develop", "development", "local", "test", "tests", "testing",
                       "devproject", "testproject", "ci", "pytest",
                       # a project that runs an app to work on it (Shuup's shuup_workbench/); an
                       # example app is still an app people copy (fixtures/flask/library_example)
                       "workbench", "sandbox",
                       # "development" and "test" in the languages apps are written in
                       # (`DesenvolvimentoConfig`, `ConfigDesarrollo`, `settings_entwicklung.py`)
                       "desenvolvimento", "desarrollo", "developpement", "entwicklung", "sviluppo",
                       "pengembangan", "gelistirme", "razrabotka", "rozwoj", "vyvoj",
                       "teste", "testes", "prueba", "pruebas"))
# Folders that hold a project's settings modules: the folder above says
# whose they are (`shuup_workbench/settings/base_settings.py`).
SETTINGS_FOLDERS = frozenset(("settings", "config", "conf"))
_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(name):
    """`DevelopmentConfig` -> ['development', 'config']; `settings_test` ->
    ['settings', 'test']. A new list each call: callers may extend it."""
    if name.__class__ is str:
        return list(_split_words(name))
    return [w.lower() for w in _WORDS.findall(name)]


@lru_cache(maxsize=8192)
def _split_words(name):
    # The same names come back for every call, function and parameter of a
    # file (and of the next one): split each once.
    return tuple(w.lower() for w in _WORDS.findall(name))


@lru_cache(maxsize=4096)
def unglued(words):
    """The tuple `words` with each sign-in or sign-out word glued to a verb
    or a role split off (`("execlogin",)` -> `("exec", "login")`:
    vocabularies.GLUED_TERMS, GLUE_PREFIXES); the same tuple when none is
    (most names: the same names come back for every file)."""
    if not any(word.endswith(_GLUED_TERMS) for word in words):
        return words
    out = None
    for i, word in enumerate(words):
        parts = unglue(word)
        if parts is not None:
            if out is None:
                out = list(words[:i])
            out.extend(parts)
        elif out is not None:
            out.append(word)
    return words if out is None else tuple(out)


_GLUED_TERMS = vocabularies.GLUED_TERMS
# (glued part)(sign-in or sign-out word), lower case: `dologin`. The lifecycle
# guard scans texts with it too (lifecycle_guard._GLUED).
GLUED_PATTERN = ("(" + "|".join(sorted(vocabularies.GLUE_PREFIXES, key=len, reverse=True)) + ")("
                 + "|".join(_GLUED_TERMS) + ")")
_GLUED_WORD = re.compile(GLUED_PATTERN)


def unglue(word):
    """(glued part, sign-in or sign-out word) of a word that glues one
    (`dologin` -> ("do", "login")), else None."""
    if not word.endswith(_GLUED_TERMS):
        return None
    found = _GLUED_WORD.fullmatch(word)
    return found.groups() if found is not None else None


def word_set(text):
    """The distinct words `words()` finds in a long text (many names and
    strings at once, each pair parted by a character that is no letter or
    digit), not kept in words()'s cache."""
    return {w.lower() for w in set(_WORDS.findall(text))}


def is_dev_name(name):
    return any(w in DEV_WORDS for w in words(name))


# -- test code ---------------------------------------------------------------
# One vocabulary for every analysis: test modules by name (test_*.py,
# *_test(s).py, conftest.py), test folders, test functions and classes.
TEST_FOLDERS = frozenset(("test", "tests", "testing"))
TEST_FILES = frozenset(("conftest", "tests"))
TEST_FILE_PREFIXES = ("test_",)
TEST_FILE_SUFFIXES = ("_test", "_tests")
TEST_NAME_PREFIXES = ("test_", "Test")


def is_test_module(path):
    """A module named as a test: test_*.py, *_test.py, conftest.py."""
    stem = path.stem
    return stem in TEST_FILES or stem.startswith(TEST_FILE_PREFIXES) or stem.endswith(TEST_FILE_SUFFIXES)


def in_test_folder(path):
    """A module somewhere under tests/, test/ or testing/."""
    return any(folder.lower() in TEST_FOLDERS for folder in path.parent.parts)


def is_test_code(path):
    """Test code, skipped unless `include-tests`: a test module by name or
    any module under a test folder."""
    return is_test_module(path) or in_test_folder(path)


def is_test_name(name):
    """`test_login`, `testLogin`, `test`, `TestLogin`: test functions and classes."""
    if name.startswith(TEST_NAME_PREFIXES) or name == "test":
        return True
    return name.startswith("test") and name[4:5].isupper()


# Settings-model bases (pydantic): a class built on one holds the
# application's own options, not a framework's configuration keys.
SETTINGS_MODEL_BASES = frozenset((
    "pydantic.BaseSettings", "pydantic.BaseModel", "pydantic.main.BaseModel",
    "pydantic_settings.BaseSettings", "pydantic_settings.main.BaseSettings",
))


def is_dev_module(path):
    """Settings modules named for development or testing: settings/dev.py,
    local_settings.py, settings_test.py, tests/settings.py,
    tests/projects/regular/settings.py, and those of a settings folder in
    a project so named (shuup_workbench/settings/base_settings.py)."""
    parts = [path.stem]
    if path.parent.name:
        parts.append(path.parent.name)
        if path.parent.name in SETTINGS_FOLDERS and path.parent.parent.name:
            parts.append(path.parent.parent.name)
    if any(is_dev_name(part) for part in parts):
        return True
    return in_test_folder(path)


# What a condition of development configuration spells (`if DEBUG:`, `if ENV
# == "dev":`, `if DOMAIN == "localhost":`, bookwyrm's settings: serving on
# this machine is development too): regexes for a text anywhere, and for a
# whole word. The cookie rules' Semgrep twins read the same.
DEV_CONDITION_FLAGS = ("debug", "testing")  # Semgrep's twins match these as names (`DEBUG`, `app.debug`)
DEV_CONDITION_HOSTS = ("localhost", r"127\.0\.0\.1")
DEV_CONDITION_WORDS = ("dev", "devel", "development", "local", "tests?", "ci")
_DEV_CONDITION = re.compile(
    r"%s|(?<![a-z])(?:%s)(?![a-z])" % ("|".join(DEV_CONDITION_FLAGS + DEV_CONDITION_HOSTS),
                                       "|".join(DEV_CONDITION_WORDS)), re.IGNORECASE
)


def is_dev_condition(test):
    """`if DEBUG:`, `if app.debug:`, `if settings.TESTING:`, `if ENV == "dev"`,
    `if DOMAIN == "localhost"`. A test that says the opposite (`if not
    DEBUG:`, `if ENV != "dev"`, `if DEBUG is False`: Manage2Soar's
    production branch) names production, and an `and`/`or` names
    development when one of its parts does."""
    cls = test.__class__
    if cls is ast.UnaryOp and test.op.__class__ is ast.Not:
        return False
    if cls is ast.BoolOp:
        return any(is_dev_condition(value) for value in test.values)
    if cls is ast.Compare and (
            any(op.__class__ in (ast.NotEq, ast.IsNot, ast.NotIn) for op in test.ops)
            or any(side.__class__ is ast.Constant and side.value is not True and side.value in (False, None, 0)
                   and not isinstance(side.value, str) for side in (test.left, *test.comparators))):
        return False
    constant = False  # a string naming development (`"test"`, `"localhost"`)
    for node in ast.walk(test):
        if node.__class__ is ast.Name and _DEV_CONDITION.search(node.id):
            return True
        if node.__class__ is ast.Attribute and _DEV_CONDITION.search(node.attr):
            return True
        if node.__class__ is ast.Constant and isinstance(node.value, str) and _DEV_CONDITION.search(node.value):
            if node.value.lower() not in _ACCOUNT_LIKE:
                return True  # `"localhost_development"`, `"development"`
            constant = True
    # A bare `"test"` names development when compared with the deployment's environment,
    # mode or host (`ENV == "test"`, `os.getenv("MODE") == "test"`), not with what a user
    # typed (`u == "test" and p == "test"`: a demo account's sign-in is the application's own).
    return constant and (cls is not ast.Compare or any(
        not _DEPLOYMENT_WORDS.isdisjoint(_operand_words(side)) for side in (test.left, *test.comparators)))


# Development words that are also an account's name (`test`/`test` demo logins).
_ACCOUNT_LIKE = frozenset(("test", "tests", "testing", "dev", "local"))
# What names the deployment a string constant is compared with.
_DEPLOYMENT_WORDS = frozenset((
    "env", "environ", "environment", "getenv", "mode", "stage", "config", "settings", "setting", "debug",
    "host", "hostname", "domain", "server", "deploy", "deployment", "profile", "target", "runtime", "platform",
    "flavor", "flavour", "tier", "argv", "testing", "development", "app", "application", "site",
))


def _operand_words(expr):
    """The words of the names, attributes and string keys or arguments an
    operand spells (`os.environ.get("FLASK_ENV")`: os, environ, get, flask, env)."""
    found = []
    for node in ast.walk(expr):
        if node.__class__ is ast.Name:
            found += words(node.id)
        elif node.__class__ is ast.Attribute:
            found += words(node.attr)
        elif node.__class__ is ast.Constant and isinstance(node.value, str) and node is not expr:
            found += words(node.value)
    return found


def settings_frameworks(name):
    """Frameworks that read a configuration key, with the Setting each has."""
    return [(f, f.setting(name)) for f in FRAMEWORKS if f.setting(name) is not None]


_APPLICATION_MODULES = tuple(m for f in FRAMEWORKS for m in f.application_modules)


def application_module(name):
    """Whether the dotted `name` is, or is in, a module only application
    code imports (Framework.application_modules: `django.db.models`), never
    a settings module."""
    return name.startswith(_APPLICATION_MODULES) and any(
        name == m or name.startswith(m + ".") for m in _APPLICATION_MODULES)


SETTING_NAMES = frozenset(s.name for f in FRAMEWORKS for s in f.settings)
# Calls that run settings files in the module's namespace (django-split-settings'
# `include()`, Framework.settings_includes), and the packages they come from
# (`split_settings`): a text naming none makes none.
SETTINGS_INCLUDES = frozenset().union(*(f.settings_includes for f in FRAMEWORKS))
SETTINGS_INCLUDE_ROOTS = tuple(sorted({q.partition(".")[0] for q in SETTINGS_INCLUDES}))
# Settings naming a framework's own session cookie (SESSION_COOKIE_NAME): the
# name configured there is a session-id name too.
SESSION_NAME_SETTINGS = frozenset(
    s.name for f in FRAMEWORKS if f.extends is None for s in f.settings if s.flag == "name" and s.cookie == "session"
)
# Cookies a framework or library reads by default, whatever the project's
# code says (Flask's `session`, Django's `sessionid`, Flask-Login's
# `remember_token`, Pyramid's `auth_tkt`): a project that sets one sets a
# cookie that is read (project/cookie_reads.py).
LIBRARY_COOKIE_NAMES = frozenset(
    {f.session_cookie for f in FRAMEWORKS if f.session_cookie}
    | {s.default for f in FRAMEWORKS for s in f.settings if s.flag == "name" and isinstance(s.default, str)}
    | {m.defaults["name"] for f in FRAMEWORKS for m in f.middleware if isinstance(m.defaults.get("name"), str)}
)
COOKIE_FRAGMENT = "*"  # ends the literal part of an f-string among the names read: `access-token-*`


def cookie_is_read(name, read_names):
    """Whether the cookie `name` is read: by a library by default, or by the
    project's code (`read_names`, ProjectFacts.cookies_read), where a
    fragment (`access-token-*`, from `f"access-token-{app_id}"`) reads every
    name holding it."""
    if name in LIBRARY_COOKIE_NAMES or name in read_names:
        return True
    return any(n.endswith(COOKIE_FRAGMENT) and n[:-1] in name for n in read_names)


# The Secure flag's keywords (`secure=`, Starlette's `https_only=`, Falcon's
# spelling, Quart-Auth's `cookie_secure=`) and settings (SESSION_COOKIE_SECURE,
# REMEMBER_COOKIE_SECURE...), and those whose literal True means the app is
# served over HTTPS only, from every adapter.
SECURE_KEYWORDS = frozenset({"secure"}).union(
    {m.options["secure"] for f in FRAMEWORKS for m in f.middleware if "secure" in m.options},
    {k for f in FRAMEWORKS for k, flag in f.cookie_keywords.items() if flag == "secure"},
)
SECURE_SETTINGS = frozenset(s.name for f in FRAMEWORKS for s in f.settings if s.flag == "secure")
HTTPS_ONLY_NAMES = frozenset().union(*(f.https_only for f in FRAMEWORKS))

# Each session middleware class -> its Middleware (the first framework naming it wins).
_MIDDLEWARE = {}
for _framework in FRAMEWORKS:
    for _middleware in _framework.middleware:
        for _qualname in _middleware.qualnames:
            _MIDDLEWARE.setdefault(_qualname, _middleware)


# Every session middleware's (and cookie storage's) qualified name.
MIDDLEWARE_QUALNAMES = frozenset(_MIDDLEWARE)


def middleware_for(qualname):
    """The Middleware of a session middleware class's qualified name, or None."""
    return _MIDDLEWARE.get(qualname)


__all__ += [
    "COOKIE_SETTER_METHODS", "COOKIE_WRITER_METHODS", "CSRF", "DEV_WORDS", "FLASK_LIKE", "cookie_setter_params", "OTHER", "PREFERENCE", "RESPONSE_NAMES", "SESSION",
    "HTTPS_ONLY_NAMES", "SECURE_KEYWORDS", "SECURE_SETTINGS", "SESSION_NAME_SETTINGS", "SETTING_NAMES", "SETTINGS_MODEL_BASES", "TOKEN_GENERATORS", "classify_cookie", "file_web_framework", "is_non_sensitive_name",
    "application_module", "is_dev_condition", "is_dev_module", "is_dev_name", "is_token_value", "middleware_for",
    "response_framework", "settings_frameworks", "words",
]


# -- sessions and requests -------------------------------------------------

REQUEST_NAMES = frozenset(("request", "req"))
# Module-level per-request namespaces (`flask.g`), from the adapters.
REQUEST_GLOBALS = frozenset().union(*(f.requests.globals for f in REQUEST_FRAMEWORKS))


def request_object(ctx, expr):
    """The framework whose request `expr` is — Flask for `flask.request`
    (however imported), Django or Starlette for a handler's `request`
    parameter or `self.request` — or None."""
    qualname = ctx.qualname(expr)
    if qualname is not None:
        for framework in REQUEST_FRAMEWORKS:
            if qualname in framework.requests.objects:
                return framework
        return None
    if expr.__class__ is ast.Attribute:
        if expr.attr == "request" and expr.value.__class__ is ast.Name and expr.value.id == "self":
            for framework in REQUEST_FRAMEWORKS:
                if framework.requests.self_request and ctx.imports(*framework.packages):
                    return framework
            for framework in _SELF_REQUEST_BASES:
                # (a base imported from another project module needs no import of the framework here)
                if ((ctx.imports(*framework.packages) or project_derived(ctx))
                        and _in_class_based_on(ctx, framework.requests.self_request_bases)):
                    return framework
        return None
    if expr.__class__ is not ast.Name:
        return None
    binding = ctx.binding(expr)
    if binding is not None and binding.kind == "assign":
        # `request = self.request`, `req = request`: the request under another name
        value = ctx.value_of(expr)
        return request_object(ctx, value) if value.__class__ in _ALIASED and value is not expr else None
    if binding is None or binding.kind != "param":
        return None
    annotation = binding.value
    if annotation is not None:
        annotated = ctx.qualname(annotation)
        for framework in REQUEST_FRAMEWORKS:
            if annotated in framework.requests.types:
                return framework
        for framework in REQUEST_FRAMEWORKS:
            prefixes = framework.requests.type_prefixes
            if prefixes and (annotated or "").startswith(prefixes):
                return framework
    if expr.id not in REQUEST_NAMES and annotation is None:
        return None
    # A parameter named `request`: the framework the file imports (Django
    # first: its views take the request as a plain parameter).
    for framework in PARAMETER_REQUESTS:
        if ctx.imports(*framework.packages):
            return _server_of(ctx, framework, PARAMETER_REQUESTS)
    return _passed_request(ctx, binding)


def _passed_request(ctx, binding):
    """The framework whose module-global request the module's calls of a
    function pass for its parameter `request` (Bottle's `load_session(request)`
    given `from bottle import request`): every such call passes it, and at
    least one does. None otherwise."""
    found = set(_given_for(ctx, binding, _passed_request, _request_arguments) or ())
    if len(found) == 1 and None not in found:
        return found.pop()
    return None


def _request_arguments(tree):
    """{function name: [(position or keyword, the Framework whose global
    request the argument is, or None)]} for the module's calls of a plain
    name, from the names its top-level imports bind to a framework's
    request object (`from bottle import request`)."""
    globals_ = {}
    for statement in tree.body:
        if statement.__class__ is ast.ImportFrom and statement.module and not statement.level:
            for alias in statement.names:
                qualname = f"{statement.module}.{alias.name}"
                framework = next((f for f in REQUEST_FRAMEWORKS if qualname in f.requests.objects), None)
                if framework is not None:
                    globals_[alias.asname or alias.name] = framework
    if not globals_:
        return {}
    table = {}
    for count, node in enumerate(n for n in ast.walk(tree) if n.__class__ is ast.Call and n.func.__class__ is ast.Name):
        if count >= _MAX_PASSED_CALLS:
            break
        entries = table.setdefault(node.func.id, [])
        for position, arg in enumerate(node.args):
            entries.append((position, globals_.get(arg.id) if arg.__class__ is ast.Name else None))
        for keyword in node.keywords:
            if keyword.arg is not None:
                value = keyword.value
                entries.append((keyword.arg, globals_.get(value.id) if value.__class__ is ast.Name else None))
    return table


def _server_of(ctx, framework, frameworks):
    """`framework`, whose package the file imports, unless the file imports
    only its HTTP client (Requests.server_modules: `import aiohttp` for
    `aiohttp.ClientSession`) and another of `frameworks` too (a Sanic app
    calling an API): then that one."""
    server = framework.requests.server_modules if framework.requests is not None else ()
    if not server or ctx.imports(*server):
        return framework
    other = next((f for f in frameworks if f is not framework and ctx.imports(*f.packages)), None)
    return other or framework


_ALIASED = (ast.Name, ast.Attribute)  # what a name given the request holds (request_object)
# Frameworks whose handlers take the request as a parameter, in the order a
# file's imports are consulted (registry order: Django before Starlette).
PARAMETER_REQUESTS = tuple(f for f in FRAMEWORKS if f.requests is not None and f.requests.parameter)


# A URL rule's variable, `<int:session_id>` or `<session_id>` (Flask,
# Django), also as a regular expression's group name (`(?P<sid>...)`); and
# after such a name, a pattern of digits (`(?P<sid>[0-9]+)`, `(?P<sid>\d+)`).
_PATH_VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
_DIGITS = re.compile(r"(?:\[0-9\]|\\d)[+*]\)")


def path_variables(text):
    """[(converter, name)] of the URL path variables a text declares, in
    order: `<int:sid>` gives ("int", "sid"), `<sid>` ("", "sid"), and a
    regular expression's group of digits (`(?P<sid>[0-9]+)`) declares a
    number too: ("int", "sid")."""
    found = _PATH_VARIABLE.findall(text)  # one scan: every module of a project is asked
    if found and "(?P<" in text:
        found = [("int" if not m.group(1) and text.endswith("(?P", 0, m.start()) and _DIGITS.match(text, m.end())
                  else m.group(1), m.group(2)) for m in _PATH_VARIABLE.finditer(text)]
    return found


def session_set_up(ctx, framework, imported=None):
    """Whether `framework`'s own session can run in the file's application:
    it needs no set-up (Flask's, Django's), or the file or a module of its
    application imports one (Framework.session_setup: Starlette's
    SessionMiddleware, starsessions, Litestar's session middleware
    configs). Assumed without a project model: a file alone cannot tell.
    `imported(module)`: what else the caller knows the file imports."""
    setup = framework.session_setup
    if not setup or ctx.project is None:
        return True
    return any(ctx.imports(module) or (imported is not None and imported(module)) or ctx.project_imports(module)
               for module in setup)


_SELF_REQUEST_BASES = tuple(f for f in REQUEST_FRAMEWORKS if f.requests.self_request_bases)


def _in_class_based_on(ctx, bases):
    """Whether the code being walked is in a method of a class one of whose
    bases is one of `bases` (qualified names), or a project class imported
    from another module derived from one (ProjectFacts.app_classes)."""
    info = ctx.function
    while info is not None and info.class_node is None:
        info = info.parent
    if info is None:
        return False
    if any(ctx.qualname(base) in bases for base in info.class_node.bases):
        return True
    derived = project_derived(ctx)
    return bool(derived) and any(derived.get(ctx.qualname(base)) in bases for base in info.class_node.bases)


def session_object(ctx, expr):
    """The framework whose session `expr` is: Flask for `flask.session`
    (however imported; a SQLAlchemy `session` is not), Django or Starlette
    for `request.session` / `self.request.session` — or None."""
    qualname = ctx.qualname(expr)
    if qualname is not None:
        for framework in FRAMEWORKS:
            if qualname in framework.session_objects:
                return framework
        return None
    if expr.__class__ is ast.Attribute and expr.attr == "session":
        framework = request_object(ctx, expr.value)
        if framework is not None and not framework.requests.objects:
            return framework  # `request.session`; Flask's session is its own proxy
    if expr.__class__ is ast.Attribute and expr.attr in _STATE_SESSIONS:
        framework = _state_session(ctx, expr)
        if framework is not None:
            return framework  # sanic-session's `request.ctx.session`
    if expr.__class__ is ast.Attribute and expr.attr in _HANDLER_SESSION_ATTRIBUTES and (
            expr.value.__class__ is ast.Name and expr.value.id == "self"):
        framework = handler_framework(ctx, expr.value)
        if framework is not None and expr.attr in framework.handler_session_attributes:
            return HAND_ROLLED  # a Tornado handler's `self.session`: the application's own store
    if _ENVIRON_SESSIONS and expr.__class__ in (ast.Subscript, ast.Call):
        framework = environ_session(expr)
        if framework is not None:
            return framework  # `request.environ["beaker.session"]`
    if expr.__class__ is ast.Name:
        framework = _session_getter(ctx, expr)
        if framework is not None:  # `session = await get_session(request)`
            return framework
        value = ctx.value_of(expr)
        if _ENVIRON_SESSIONS and value.__class__ in (ast.Subscript, ast.Call):
            framework = environ_session(value)
            if framework is not None:
                return framework  # `session = request.environ.get("beaker.session")`
        if value.__class__ is ast.Attribute and value.attr == "session":
            framework = request_object(ctx, value.value)
            if framework is not None and not framework.requests.objects:
                return framework  # `session = request.session` (WorkQ's Pyramid login)
        if value.__class__ is ast.Attribute and value.attr in _STATE_SESSIONS:
            framework = _state_session(ctx, value)
            if framework is not None:
                return framework  # `session = request.ctx.session`
        for framework in _DECLARING:  # `session = Depends(get_session)`
            if ctx.imports(*framework.requests.param_modules) and _depends_on_session(ctx, expr, framework):
                return framework
    return None


_HANDLER_SESSION_ATTRIBUTES = frozenset().union(*(f.handler_session_attributes for f in FRAMEWORKS))
# The WSGI environ keys a session middleware puts its session under, and whose.
_ENVIRON_SESSIONS = {key: f for f in FRAMEWORKS for key in f.environ_sessions}
_ENVIRON_NAMES = frozenset(("environ",))


def environ_session(expr):
    """The framework whose session `expr` reads from the WSGI environ:
    `request.environ["beaker.session"]`, `environ.get("beaker.session")`
    (a subscript, or get() with the key first), the environ being an
    attribute or a name called `environ`."""
    if expr.__class__ is ast.Subscript:
        container, key = expr.value, expr.slice
    elif (expr.func.__class__ is ast.Attribute and expr.func.attr == "get" and expr.args
          and not expr.keywords):
        container, key = expr.func.value, expr.args[0]
    else:
        return None
    if not (key.__class__ is ast.Constant and key.value.__class__ is str):
        return None
    if container.__class__ is ast.Attribute:
        named = container.attr
    elif container.__class__ is ast.Name:
        named = container.id
    else:
        return None
    return _ENVIRON_SESSIONS.get(key.value) if named in _ENVIRON_NAMES else None
# Libraries whose session a request's state namespace holds (Framework.state_sessions).
_STATE_SESSION_LIBRARIES = tuple(f for f in FRAMEWORKS if f.state_sessions)
_STATE_SESSIONS = frozenset().union(*(f.state_sessions for f in _STATE_SESSION_LIBRARIES))


def _state_session(ctx, expr):
    """The framework whose session `request.<state>.<attr>` is, when a
    library keeps it there (sanic-session's `request.ctx.session`) and the
    file's application uses that library: imported here, set up in a module
    of the project (its `project_marker`), or named by the
    `session-backends` option. A namespace the application fills itself is
    no library's session."""
    state = expr.value
    if state.__class__ is not ast.Attribute:
        return None
    for library in _STATE_SESSION_LIBRARIES:
        base = library.extends
        if (expr.attr in library.state_sessions and state.attr in base.requests.state_attributes
                and request_object(ctx, state.value) is base and library_in_use(ctx, library)):
            return base
    return None


def library_in_use(ctx, library):
    """Whether the file's application runs on the session library:
    imported here, set up in a module of the project, or named by the
    `session-backends` option."""
    project = ctx.project
    return bool(ctx.imports(*library.packages) or library.option in ctx.config.session_backends or (
        library.project_marker and project is not None and library.project_marker in project.markers))


# The calls that load a session a local then holds (aiohttp-session's
# `get_session`), and whose session it is.
SESSION_GETTERS = {q: f for f in FRAMEWORKS for q in f.session_getters}


def _session_getter(ctx, expr):
    """The framework whose session getter (awaited or not) a name holds."""
    if not SESSION_GETTERS:
        return None
    value = ctx.value_of(expr)
    if value.__class__ is ast.Await:
        value = value.value
    if value.__class__ is not ast.Call:
        return None
    return SESSION_GETTERS.get(ctx.qualname(value.func))


# Frameworks whose handlers declare parameters (FastAPI's `Depends()`).
_DECLARING = tuple(f for f in REQUEST_FRAMEWORKS if f.requests.param_sources)
# The parameter marker (by its last name) whose dependency may hand a
# handler the session (`session = Depends(get_session)`).
SESSION_DEPENDENCY_MARKER = "Depends"


def dependency_call(ctx, function, arg, extras=()):
    """The `Depends(provider)` that declares the parameter `arg` of
    `function`: its default, or one of `extras` (the metadata of its
    `Annotated[...]` annotation, when the caller reads those), or None."""
    for marker in (parameter_defaults(function).get(arg), *extras):
        if (marker.__class__ is ast.Call and marker.args
                and (ctx.qualname(marker.func) or "").rpartition(".")[2] == SESSION_DEPENDENCY_MARKER):
            return marker
    return None


def _depends_on_session(ctx, expr, framework):
    """`session = Depends(get_session)` where the same module's
    `get_session(request)` returns `request.session`."""
    binding = ctx.binding(expr)
    if binding is None or binding.kind != "param" or binding.scope is None:
        return False
    function = binding.scope.node
    if function.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
        return False
    default = dependency_call(ctx, function, binding.node)
    if default is None:
        return False
    if project_dependency(ctx, default.args[0]) == "session":
        return True  # `Depends(get_session)` from deps.py, which returns request.session
    if default.args[0].__class__ is not ast.Name:
        return False
    provider = ctx.binding(default.args[0])
    if provider is None or provider.kind != "function":
        return False
    return any(
        stmt.__class__ is ast.Return and stmt.value.__class__ is ast.Attribute and stmt.value.attr == "session"
        and stmt.value.value.__class__ is ast.Name
        and _is_request_param(provider.value, stmt.value.value.id, framework)
        for stmt in provider.value.body
    )


def project_dependency(ctx, provider):
    """What a dependency another module of the project defines returns (the
    project model's profile): "session" for `request.session`, or where a
    FastAPI-declared parameter it returns comes from ("query", "cookie",
    ...); None when unknown or defined in this module."""
    project = ctx.project
    if project is None or not project.helpers:
        return None
    binding = ctx.binding(provider) if provider.__class__ is ast.Name else None
    if binding is not None and binding.kind != "import":
        return None
    qualname = ctx.qualname(provider)
    profile = project.helpers.get(qualname) if qualname else None
    return profile.get("returns") if profile else None


def _is_request_param(function, name, framework):
    for arg in function.args.posonlyargs + function.args.args + function.args.kwonlyargs:
        if arg.arg == name:
            annotation = arg.annotation
            named = annotation.id if annotation.__class__ is ast.Name else getattr(annotation, "attr", None)
            return name in REQUEST_NAMES or named in {q.rpartition(".")[2] for q in framework.requests.types}
    return False


__all__ += ["REQUEST_NAMES", "SESSION_DEPENDENCY_MARKER", "environ_session", "project_dependency", "request_object",
            "session_object"]
