"""Where a file sets a cookie, and with which attributes.

Every way of shaping a cookie becomes a CookieSite with the same Flags, so
SFX301-SFX305 each judge one attribute whatever API expressed it:

- `set_cookie`/`set_signed_cookie` on a response (Werkzeug/Flask, Django,
  Starlette/FastAPI), with the framework's defaults for missing arguments;
- settings: Django settings modules, Flask config classes, `app.config[...]`,
  `app.config.update(...)`/`from_mapping(...)`, `settings.configure(...)`;
- Starlette's and starsessions' `SessionMiddleware`;
- `http.cookies` morsels and hand-written `Set-Cookie` header values;
- a Flask app (or Flask-Login's `LoginManager`) whose project never gives
  the cookie's settings at all (the project model's facts, reported at the
  construction).

A flag is `explicit` when the code states it; a missing flag carries the
framework default and counts only where the site says absence matters.
"""

from __future__ import annotations

import ast
import re

from .. import frameworks as fw
from ..engine import scope as sc
from ..engine.nodes import keyword_options, own_statements, parameter_defaults, returned_options, walk
from ..engine.scope import last_name
from ..engine.values import (
    UNKNOWN, past_http_date, duration_of, evaluate, expired_at_once, literal_string, seconds, sets_no_flag,
)
from ..frameworks import stdlib
from ..frameworks import vocabularies as vocab
from .base import UNKNOWN as NOT_KNOWN_YET, Analysis, dev_module, project_facts
from .kept_jars import OTHER as OTHER_VALUE, kept_jar

SET_COOKIE = "set_cookie"
SETTINGS = "settings"
MIDDLEWARE = "middleware"
MORSEL = "morsel"
HEADER = "header"
APP = "app"  # a Flask(...) / LoginManager(...) the project never configures

SESSION_EXPIRY = "session_expiry"  # `request.session.set_expiry(...)` (Django): the session's own lifetime
ALL_FLAGS = frozenset(("secure", "httponly", "samesite", "lifetime", "name", "domain", "path"))
_SET_COOKIE_METHODS = fw.COOKIE_SETTER_METHODS
_JAR_ATTRIBUTES = frozenset(f.cookie_jar_attribute for f in fw.FRAMEWORKS if f.cookie_jar_attribute)
# method -> the framework whose session sets its own lifetime with it (`set_expiry`)
_EXPIRY_METHODS = {m: f for f in fw.FRAMEWORKS for m in f.session_expiry_methods}
# Configuration objects by attribute (`app.config`), with their framework.
_CONFIG_ATTRIBUTES = {}
for _framework in fw.FRAMEWORKS:
    if _framework.config_attribute:
        _CONFIG_ATTRIBUTES.setdefault(_framework.config_attribute, _framework)
_CONFIG_METHODS = frozenset().union(*(f.config_update_methods for f in fw.FRAMEWORKS))
# Calls that sign in and may give the remember-me cookie its own lifetime
# (Flask-Login's `login_user(..., remember=True, duration=...)`) -> the framework.
_REMEMBERING_CALLS = {q: f for f in fw.FRAMEWORKS if f.remember_lifetime_argument for q in f.bind_calls}
# `app.permanent_session_lifetime = ...`: attribute -> (key, framework).
# The top-level packages of the frameworks whose configuration keys
# (fw.SETTING_NAMES) a module may set, and of the web frameworks that read
# none (a `SESSION_COOKIE_NAME` constant there is the module's own).
_SETTINGS_ROOTS = frozenset(p.partition(".")[0] for f in fw.FRAMEWORKS if f.settings for p in f.packages)
_KEYLESS_WEB_ROOTS = frozenset(p.partition(".")[0] for f in fw.WEB_FRAMEWORKS for p in f.packages) - _SETTINGS_ROOTS
_APP_CONFIG_ATTRIBUTES = {a: (k, f) for f in fw.FRAMEWORKS for a, k in f.app_config_attributes.items()}
_TUPLE_RESPONSE_PACKAGES = tuple(p for f in fw.FRAMEWORKS if f.tuple_responses for p in f.packages)
# Settings modules and middleware lists, from every framework that has them.
SETTINGS_MARKERS = frozenset().union(*(f.settings_markers for f in fw.FRAMEWORKS))
_STRING_MARKERS = frozenset().union(*(f.settings_string_markers for f in fw.FRAMEWORKS))
BASE_SETTINGS_STEMS = frozenset().union(*(f.base_settings_stems for f in fw.FRAMEWORKS))
SETTINGS_CONFIGURE = frozenset().union(*(f.settings_configure for f in fw.FRAMEWORKS))
_CONFIGURE_CALLS = {q: f for f in fw.FRAMEWORKS for q in f.settings_configure}
MIDDLEWARE_WRAPPERS = frozenset().union(*(f.middleware_wrappers for f in fw.FRAMEWORKS))
MIDDLEWARE_METHODS = frozenset().union(*(f.middleware_methods for f in fw.FRAMEWORKS))
# Frameworks whose settings modules must give some settings (Django's
# SESSION_COOKIE_SECURE), each with those Settings.
_REQUIRED_SETTINGS = tuple(
    (f, tuple(f.setting(name) for name in f.settings_required)) for f in fw.FRAMEWORKS if f.settings_required
)
# Cookie objects built from set_cookie's parameters (Litestar's `Cookie(...)`), and whose.
_COOKIE_CLASSES = {q: f for f in fw.FRAMEWORKS for q in f.cookie_classes}
# The first framework that names each project construction (`Flask(...)`,
# `LoginManager(...)`): each qualified call asks it.
_CONSTRUCTIONS = {}
for _framework in fw.FRAMEWORKS:
    for _qualname in _framework.project_constructions:
        _CONSTRUCTIONS.setdefault(_qualname, _framework)
_FRAME_DISPATCHERS = frozenset().union(*(f.frame_dispatchers for f in fw.FRAMEWORKS))
_INIT_METHODS = frozenset(m.init_method for f in fw.FRAMEWORKS for m in f.middleware if m.init_method)
# Libraries whose settings are one dict of the framework's settings (dj-rest-auth's REST_AUTH), by its name.
_SETTINGS_DICTS = {f.settings_dict.name: f for f in fw.FRAMEWORKS if f.settings_dict is not None}
# (`set_header`: Bottle's and Tornado's responses; `send_header`: http.server's handler; `append_header`: Falcon's.)
HEADER_METHODS = frozenset(("add", "append", "setdefault", "add_header", "__setitem__", "set", "set_header",
                             "send_header", "append_header"))


class Flag:
    """One cookie attribute as the code sets it (or leaves it)."""

    __slots__ = ("value", "known", "explicit", "node", "expr")

    def __init__(self, value=None, known=True, explicit=False, node=None):
        self.value = value  # the literal value (seconds for lifetime)
        self.known = known  # False: computed, trusted
        self.explicit = explicit  # stated in the code
        self.node = node  # where it is stated (reported)
        self.expr = node  # the expression giving the value (what a fix rewrites)

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<Flag {self.value!r} known={self.known} explicit={self.explicit}>"


class CookieSite:
    """A place that shapes a cookie."""

    def __init__(self, kind, node, label, name=None, sensitivity=fw.OTHER):
        self.kind = kind
        self.node = node  # where missing flags are reported
        # the function whose returned dict the call spreads (`"cookie_params()"`): where a flag goes
        self.options_from = None
        self.config_dict = False  # a MIDDLEWARE site switched on by a configuration dict's key (ConfigDict)
        self.config_call = False  # ... or by the dict a call is handed (ConfigDict.calls: Beaker's SessionMiddleware)
        self.label = label  # framework name for messages
        self.name = name  # literal cookie name, if known
        self.sensitivity = sensitivity
        self.flags = {}
        self.missing_counts = frozenset()  # flags whose absence is a finding
        self.method = None  # set_cookie / set_signed_cookie
        self.options_off = {}  # flag -> the application option that turned its default off (SET_COOKIE sites)
        self.settings = {}  # flag -> setting name (SETTINGS sites)
        self.variable = None  # the SimpleCookie variable (MORSEL sites)
        self.value = None  # the value expression (SET_COOKIE sites; the header text of HEADER sites)
        self.frozen = False  # a morsel already output
        self.deletion = False  # the cookie is cleared or expired at once: nothing to harden
        self.group = None  # SETTINGS sites: flag -> Flag across the container
        self.framework = None  # SET_COOKIE and APP sites: whose cookie it is
        self.development_line = None  # a required setting given only for development: the line
        # APP sites: setting -> the module giving it only as a bare name, which from_object(Config) never reads
        self.unloaded = {}
        # MIDDLEWARE sites whose call takes none of the options (sanic-session's `Session(app)`:
        # they belong to the interface it may be given, Middleware.replaced_by): no keyword to add.
        self.options_elsewhere = False

    def flag(self, name):
        return self.flags.get(name)

    def attribute(self, name):
        """A flag as the whole configuration says it: for settings, what any
        key of the same module, class or app config states."""
        flag = self.flags.get(name)
        if flag is None and self.group is not None:
            flag = self.group.get(name)
        return flag

    def subject(self):
        if self.kind == MIDDLEWARE:
            return self.middleware_subject
        if self.kind == HEADER:
            return f"Set-Cookie header for {self.name!r}" if self.name else "Set-Cookie header"
        if self.kind == SESSION_EXPIRY:
            return "the remember-me cookie" if self.sensitivity_detail == "remember" else "the session"
        if self.kind in (SETTINGS, APP):
            return {"csrf": "the CSRF cookie", "remember": "the remember-me cookie", "jwt": "the JWT cookie",
                    "jwt_refresh": "the JWT refresh cookie", "auth": "the auth cookie"}.get(
                self.sensitivity_detail, "the session cookie"
            )
        if self.name:
            if self.name_source:  # named by an environment read's default
                return f"cookie {self.name_source} (default {self.name!r})"
            return f"cookie {self.name!r}"
        # (named by an expression: "cookie key is set..." would read as the cookie's key)
        return f"cookie named by {self.name_source}" if self.name_source else "cookie"

    sensitivity_detail = "session"
    middleware_subject = "SessionMiddleware's session cookie"
    name_source = None  # the name expression's source, when not a literal (or a literal by default only)
    via = None  # the module's cookie helper a call sets the cookie through (cookie_helpers)
    lifetime_via = None  # the helper's parameter the call's lifetime comes from

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<CookieSite {self.kind} {self.name!r} line {getattr(self.node, 'lineno', 1)}>"


def _flag_from(expr, ctx):
    if expr is None:
        return None
    if expr.__class__ is ast.Constant:  # `secure=True`, most flags: evaluate's answer, without its budget
        return Flag(expr.value, known=True, explicit=True, node=expr)
    if expr.__class__ is ast.Name and _branch_chosen(expr, ctx):
        return Flag(None, known=False, explicit=True, node=expr)
    if expr.__class__ is ast.IfExp and sets_no_flag(expr.body) and sets_no_flag(expr.orelse):
        # `samesite="None" if PROD else None`: no branch sets the flag
        return Flag(expr.body.value, known=True, explicit=True, node=expr)
    value = evaluate(expr, ctx)
    if value is UNKNOWN:
        return Flag(None, known=False, explicit=True, node=expr)
    return Flag(value, known=True, explicit=True, node=expr)


def _branch_chosen(name, ctx):
    """A local the function assigns twice with different values, the last
    in an `if` or `else` (`if config.get("secure"): secure = "yes"` /
    `else: secure = None`, bigur-auth): which one holds depends on the
    configuration, as `secure = "yes" if ... else None` would."""
    binding = ctx.binding(name)
    if binding is None or binding.kind != sc.ASSIGN or binding.value is None:
        return False
    previous = binding.previous
    while previous is not None and previous.kind == sc.ASSIGN and previous.scope is binding.scope:
        if previous.value is not None and ast.dump(previous.value) != ast.dump(binding.value):
            return _in_branch(binding, ctx)
        previous = previous.previous
    return False


def _in_branch(binding, ctx):
    """Whether the assignment of `binding` sits in the body or `else` of
    an `if` of its function, or in an `except` of a `try` (which the
    deployment's modules decide)."""
    node = binding.node
    function = binding.scope.node
    if node is None or function is None or not isinstance(getattr(function, "body", None), list):
        return False
    for inner in own_statements(function.body):
        if inner.__class__ is ast.If and (_holds(inner.body, node) or _holds(inner.orelse, node)):
            return True
        if inner.__class__ is ast.Try and any(_holds(handler.body, node) for handler in inner.handlers):
            return True  # `try: import production; https = True` / `except ImportError: https = False`
    return False


def _holds(statements, node):
    return any(statement is node for statement in statements)


def _name_flag(expr, ctx, site):
    """The Flag of a cookie name given in settings or to a middleware:
    _flag_from's, or the default of an environment read (_default_name)."""
    flag = _flag_from(expr, ctx)
    if flag.known:
        return flag
    default = _default_name(expr, ctx, site)
    return flag if default is None else Flag(default, known=True, explicit=True, node=expr)


def _default_name(expr, ctx, site):
    """The default of an environment read that names a cookie
    (`os.getenv("SESSION_COOKIE", "sid")`, a constant set so here or in the
    project module it is imported from: env_default), the name a deployment
    that sets nothing runs on (RULES.md, Revision 2); else None. Such a
    name's source goes to `site.name_source` for the messages (an inline
    read shows its default already)."""
    default = env_default(ctx, expr)
    if default is not None and expr.__class__ is not ast.Call:
        site.name_source = _short_source(expr)
    return default


# `set_cookie` lifetime keywords, first found first, and the seconds one
# unit of each is worth (an adapter's `cookie_lifetimes` replaces them).
_EXPIRES = ("expires",)  # an expiry date, whatever an adapter counts as a lifetime


def _lifetime_flag(expr, ctx, unit=1):
    secs = duration_of(expr, ctx)
    if secs is not None and unit != 1 and expr.__class__ is not ast.Call:
        secs *= unit  # `expires_days=400`; a timedelta(...) already says its unit
    if secs is None:
        return Flag(None, known=False, explicit=True, node=expr)
    return Flag(secs, known=True, explicit=True, node=expr)


def _short_source(expr, limit=48):
    # Only what fits on one short line is worth showing; checking the span
    # first keeps ast.unparse (recursive) off huge or deeply nested trees.
    end = getattr(expr, "end_col_offset", None)
    if end is None or expr.end_lineno != expr.lineno or end - expr.col_offset > 4 * limit:
        return None
    try:
        text = ast.unparse(expr)
    except Exception:  # pragma: no cover - unparse of odd trees
        return None
    return text if len(text) <= limit else None


def _string_key(expr):
    if expr.__class__ is ast.Constant:
        if isinstance(expr.value, str):
            return expr.value
        if isinstance(expr.value, bytes):
            return expr.value.decode("latin-1")
    return None


# Methods that read a dict without changing it: `opts.get("secure")`.
_DICT_READS = frozenset(("get", "copy", "items", "keys", "values"))
# What a key the scope writes after the literal holds: not known here.
_WRITTEN = ast.Name(id="", ctx=ast.Load())


def spread_options(ctx, expr):
    """{option: value expression} that `**expr` spreads, when `expr` is a
    dict literal (`**{"secret": s}`) or names a dict its scope binds once,
    to a literal (`opts = {"httponly": True}`, `opts = dict(httponly=True)`),
    and changes only by writing or popping a constant key
    (`opts["secure"] = True`: the written value, unless the literal gives
    that key too or it is written twice; `kwargs.pop("hashalg")`: not known);
    None when the dict may hold anything else (a parameter, a call's
    result, passed to a function, updated, bound twice). Such a dict is as
    literal as the keywords written out (RULES.md "Values" trusts `**kwargs`
    of unknown content), and the keys it never gives take the defaults."""
    if expr.__class__ is ast.Dict:
        return _literal_options(ctx, expr)  # `**{"secret": s}`
    if expr.__class__ is ast.Call:
        if not expr.args and _builtin_dict(ctx, expr.func):
            return _literal_options(ctx, expr)  # `**dict(max_age=3600, secure=True)`
        return _returned_options(ctx, expr)  # `**cookie_params(user)`
    binding = ctx.binding(expr)
    if binding is None or binding.kind != sc.ASSIGN or binding.previous is not None or binding.value is None:
        return None
    options = _literal_options(ctx, binding.value)
    if options is None:
        return None
    name = expr.id
    uses = accounted = 0
    written = {}
    for node in walk(binding.scope.node):
        cls = node.__class__
        if cls is ast.Name:
            uses += node.id == name
        elif cls is ast.Assign or cls is ast.AnnAssign:
            for target in (node.targets if cls is ast.Assign else (node.target,)):
                if target.__class__ is ast.Name and target.id == name:
                    accounted += 1
                elif (target.__class__ is ast.Subscript and target.value.__class__ is ast.Name
                      and target.value.id == name):
                    key = _string_key(target.slice)
                    if key is None:
                        return None
                    written[key] = _WRITTEN if key in written else node.value
                    accounted += 1
        elif cls is ast.Subscript and node.value.__class__ is ast.Name and node.value.id == name:
            if node.ctx.__class__ is ast.Load:
                accounted += 1
            elif node.ctx.__class__ is ast.Del:
                return None
            # a write: counted with its assignment (an augmented one stays unaccounted)
        elif cls is ast.keyword and node.arg is None and node.value.__class__ is ast.Name and node.value.id == name:
            accounted += 1  # spread into a call: copied, not changed
        elif (cls is ast.Call and node.func.__class__ is ast.Attribute and node.func.value.__class__ is ast.Name
              and node.func.value.id == name):
            if node.func.attr in _DICT_READS:
                accounted += 1
            elif node.func.attr == "pop" and node.args and _string_key(node.args[0]) is not None:
                written[_string_key(node.args[0])] = _WRITTEN  # `kwargs.pop("hashalg")`, maybe
                accounted += 1
    if uses != accounted:
        return None
    for key, item in written.items():
        options[key] = _WRITTEN if key in options else item
    return options


def _returned_options(ctx, call):
    """{option: value expression} of the dict a project function returns
    (`def cookie_params(user): return {"key": "x-access-tokens", "value":
    make_token(user), "httponly": True}`), spread into a call as
    `**cookie_params(user)`: a function of the module whose one return is
    a dict literal with constant keys, or another module's (its profile's
    `options`). A literal value is kept (at its place in the module, or at
    the call for another module's); any other is not known here (_WRITTEN).
    None when the callee is neither."""
    func = call.func
    if func.__class__ is ast.Name:
        binding = ctx.binding(func)
        if binding is not None and binding.kind == sc.FUNCTION:
            return _options_returned_by(binding.value)
    qualname = ctx.qualname(func)
    project = ctx.project
    profile = project.helpers.get(qualname) if qualname and project is not None and project.helpers else None
    options = profile.get("options") if profile else None
    if not options:
        return None
    # (each value as the profile keeps it: [the literal], or [] for one that is none)
    return {option: _elsewhere(value[0], call) if value else _WRITTEN for option, value in options.items()}


def _elsewhere(value, call):
    """A literal another module's function returns, as a node at the call
    that spreads it: `elsewhere` tells the fixes it is not in this file."""
    node = ast.copy_location(ast.Constant(value=value), call)
    node.elsewhere = True
    return node


def _options_returned_by(function):
    """The options of the dict literal a function of the module returns,
    when that is its one `return` (see _returned_options; nodes.returned_options)."""
    returned = returned_options(function)
    if returned is None:
        return None
    return {name: value if value.__class__ is ast.Constant else _WRITTEN for name, value in returned.items()}


def _literal_options(ctx, value):
    """{key: value expression} of a dict literal with constant keys or a
    call of the builtin `dict` with keywords only; None otherwise."""
    options = {}
    if value.__class__ is ast.Dict:
        for key, item in zip(value.keys, value.values):
            name = _string_key(key) if key is not None else None
            if name is None:
                return None  # `{**base, ...}`, a computed key
            options[name] = item
    elif value.__class__ is ast.Call and not value.args and _builtin_dict(ctx, value.func):
        return keyword_options(value)
    else:
        return None
    return options


def _builtin_dict(ctx, func):
    """The builtin `dict` (not a local function or class of that name)."""
    return func.__class__ is ast.Name and func.id == "dict" and ctx.binding(func) is None


def set_cookie_site(ctx, node, func):
    """The CookieSite of a `set_cookie`/`set_signed_cookie` call on a
    response, or None when the receiver is not a response. Shared with the
    session-id analysis, which reads `site.value` and `site.sensitivity`
    while the walk is at the same call: the last call's site is kept (one
    CookieSite for both; neither changes it there)."""
    last = ctx.kept.get(set_cookie_site)
    if last is not None and last[0] is node:
        return last[1]
    site = _set_cookie_site(ctx, node, func)
    ctx.kept[set_cookie_site] = (node, site)
    if site is not None and ctx.function is not None:
        cookie_helpers.note_template(ctx, site, func)  # a helper given the response: its calls are sites
    return site


def _registrations(routing):
    """The methods of an app, blueprint or router that register a route,
    a view or a blueprint on it (`route`, `add_url_rule`, `register_blueprint`)."""
    return routing.route_decorators | routing.register_methods | routing.mount_methods


def _runs_main(stmt):
    """`if __name__ == "__main__":` (or a misspelt `"main"`)."""
    test = stmt.test
    return (test.__class__ is ast.Compare and test.left.__class__ is ast.Name and test.left.id == "__name__"
            and len(test.comparators) == 1 and test.comparators[0].__class__ is ast.Constant
            and isinstance(test.comparators[0].value, str))


def _runs(stmt, name):
    """`app.run(...)` as a statement."""
    value = stmt.value if stmt.__class__ is ast.Expr else None
    return (value.__class__ is ast.Call and value.func.__class__ is ast.Attribute and value.func.attr == "run"
            and value.func.value.__class__ is ast.Name and value.func.value.id == name)


def _set_cookie_site(ctx, node, func):
    receiver = func.value
    framework = fw.response_framework(ctx, receiver)
    if framework is None and receiver.__class__ is ast.Attribute and receiver.attr in _JAR_ATTRIBUTES:
        owner = fw.response_framework(ctx, receiver.value)  # `response.cookies.add_cookie(...)` (Sanic)
        if owner is not None and owner.cookie_jar_attribute == receiver.attr and func.attr in owner.cookie_setters:
            framework = owner
    if framework is None:
        return None
    return cookie_call_site(ctx, node, framework, func.attr, fw.cookie_setter_params(framework, func.attr))


def cookie_call_site(ctx, node, framework, method, params):
    """The CookieSite of a call that sets a cookie with set_cookie's
    parameters and `framework`'s defaults: `set_cookie(...)` on a response,
    or a cookie object the framework builds from them (Litestar's
    `Cookie(...)`)."""
    given = dict(zip(params, node.args))
    splat = any(a.__class__ is ast.Starred for a in node.args)
    options_from = None  # `set_cookie(**cookie_params(user))`: "cookie_params()"
    for keyword in node.keywords:
        if keyword.arg is not None:
            given[framework.cookie_flag(keyword.arg)] = keyword.value
            continue
        spread = spread_options(ctx, keyword.value)
        if spread is None:
            splat = True
        else:
            for option, value in spread.items():
                given[framework.cookie_flag(option)] = value
            if keyword.value.__class__ is ast.Call and not _builtin_dict(ctx, keyword.value.func):
                options_from = f"{last_name(keyword.value.func) or 'the function'}()"
    key = given.get("key")
    name = literal_string(key, ctx) if key is not None else None
    if name is None and key is not None:
        name = class_constant(ctx, key)
    if name is not None and framework.cookie_name_prefixes:  # Sanic's `host_prefix=True`: `__Host-<key>`
        for keyword, prefix in framework.cookie_name_prefixes.items():
            if keyword in given and evaluate(given[keyword], ctx) is True:
                name = prefix + name
                break
    site = CookieSite(SET_COOKIE, node, framework.label_in(ctx), name)
    site.framework = framework
    if name is None and key is not None:
        # `set_cookie(TOKEN_COOKIE, ...)` with TOKEN_COOKIE = os.getenv("TOKEN_COOKIE", "access_token")
        site.name = name = _default_name(key, ctx, site)
        if name is None:
            site.name_source = _short_source(key)
    site.method = method
    site.options_from = options_from
    if framework.cookie_keywords:  # the framework's spelling of a flag's keyword (Falcon's `http_only`)
        site.settings = {flag: keyword for keyword, flag in framework.cookie_keywords.items()}
    site.value = given.get("value")
    site.sensitivity = cookie_sensitivity(ctx, name, site.value, key, node)
    defaults = framework.cookie_defaults
    for flag in ("secure", "httponly", "samesite"):
        if flag in given:
            site.flags[flag] = _flag_from(given[flag], ctx)
        elif splat:
            site.flags[flag] = Flag(None, known=False)
        elif flag in framework.cookie_default_options and _default_off(ctx, framework.cookie_default_options[flag]):
            site.flags[flag] = Flag(False)  # `app.resp_options.secure_cookies_by_default = False` in the project
            site.options_off[flag] = framework.cookie_default_options[flag]
        else:
            site.flags[flag] = Flag(defaults.get(flag))
    for flag in ("domain", "path"):
        if flag in given:
            site.flags[flag] = _flag_from(given[flag], ctx)
        else:
            site.flags[flag] = Flag("/" if flag == "path" else None, known=not splat)
    lifetimes = fw.cookie_lifetimes(framework)
    option = next((o for o in lifetimes if given.get(o) is not None), None)
    if option is not None:
        site.flags["lifetime"] = _lifetime_flag(given[option], ctx, lifetimes[option])
    site.flags["name"] = Flag(name, known=name is not None, explicit=True, node=key)
    site.missing_counts = ALL_FLAGS
    site.deletion = not splat and _deletes(given, ctx, lifetimes)
    return site


def _default_off(ctx, option):
    """Whether a module of the project sets the application option
    `option` (Framework.cookie_default_options) to a literal False."""
    project = ctx.project
    return project is not None and option in getattr(project, "cookie_defaults_off", ())


def _forced_flags(ctx, framework):
    """The flags the project's response class sets on every cookie of
    `framework` (or of the framework it extends: Flask-Login's remember-me
    cookie is a Flask response's), or none."""
    project = ctx.project
    forced = getattr(project, "forced_flags", None) if project is not None else None
    if not forced or not (framework.response_class_attribute
                          or (framework.extends is not None and framework.extends.response_class_attribute)):
        return ()
    return forced


def _deletes(given, ctx, lifetimes):
    """A `set_cookie` that deletes the cookie: an empty value (`""`, `None`,
    or none given: every framework defaults to "") or an expiry that has
    already passed (`max_age=0`, `expires=0`, `expires_days=0`, a past
    date) in one of `lifetimes` or `expires`."""
    value = given.get("value")
    if value is None or evaluate(value, ctx) in (None, "", b""):
        return True
    return any(
        given.get(option) is not None and expired_at_once(given[option], ctx)
        for option in (*lifetimes, *_EXPIRES)
    )


def cookie_kind(ctx, name):
    """fw.classify_cookie(name, ctx.config), kept per file (ctx.kept): the
    same cookie name is classified by the cookie, session-id and lifecycle
    analyses in turn, and the answer rests on the name and the file's
    configuration alone."""
    kept = ctx.kept.get(cookie_kind)
    if kept is None:
        kept = ctx.kept[cookie_kind] = {}
    kind = kept.get(name)
    if kind is None:
        kind = kept[name] = fw.classify_cookie(name, ctx.config)
    return kind


# A language code written out (`"zh_CN"`, `"en"`, `"pt-BR"`): the value of a preference cookie.
_LANGUAGE_CODE = re.compile(r"[a-z]{2}(?:[_-][A-Za-z]{2})?")


def cookie_sensitivity(ctx, name, value, name_expr=None, call=None):
    """SESSION, CSRF, PREFERENCE or OTHER for a cookie's name and value.
    A literal yes/no value (`"true"`, `True`) is the same for every visitor:
    a flag for the frontend, never a credential, whatever the name says.
    `call`: the call that sets it, when its name may be a loop's (_loop_names)."""
    if value is not None and _is_flag_value(value):
        return fw.PREFERENCE
    if name is not None:
        kind = cookie_kind(ctx, name)
        if kind != fw.OTHER:
            return kind
        if name_expr is not None and constant_names_credential(name_expr):
            return fw.SESSION  # `auth_cookie_name = "wi_park_scraper"`: the app's own name for its sign-in cookie
        if value is not None and _is_number_flag(value) and vocab.PRINCIPAL_WORDS.isdisjoint(fw.words(name)):
            return fw.PREFERENCE  # `set_cookie("gm_ssl", "1")`: a name saying nothing, a 1/0 switch for the UI
        if (value is not None and value.__class__ is ast.Constant and isinstance(value.value, str)
                and _LANGUAGE_CODE.fullmatch(value.value) and vocab.PRINCIPAL_WORDS.isdisjoint(fw.words(name))):
            return fw.PREFERENCE  # `set_cookie("ulocale", "zh_CN")` (TorCMS): a language, whatever the name
    elif name_expr is not None:
        if _names_csrf_cookie(name_expr):
            return fw.CSRF  # `config.access_csrf_cookie_name`: a double-submit token
        if names_session_setting(name_expr):
            return fw.SESSION
        named = expr_name(name_expr) or _literal_text(name_expr)
        if named and fw.is_non_sensitive_name(named, ctx.config):
            return fw.PREFERENCE  # Django's `settings.LANGUAGE_COOKIE_NAME`, a `THEME_COOKIE` constant, f"flash_{kind}"
        if call is not None and name_expr.__class__ is ast.Name:
            names = _loop_names(ctx, name_expr, call)
            if names and all(fw.is_non_sensitive_name(n, ctx.config) for n in names):
                return fw.PREFERENCE  # each name the loop can give is a preference's
            if names and any(cookie_kind(ctx, n) == fw.SESSION for n in names):
                return fw.SESSION  # `if name == "session_id":`, even in a module named for preferences
    if value is not None and fw.is_token_value(ctx, value):
        return fw.SESSION
    if name is None and name_expr is not None and _in_preference_code(ctx):
        return fw.PREFERENCE
    return fw.OTHER


def _loop_names(ctx, name_expr, call):
    """The names a cookie named by a variable can have: the strings of the
    literal list a loop binding it runs over (`for name in ["theme",
    "font_size"]`, or a name bound to one), kept to those of a literal
    list an `if name in USE_COOKIE:` around the call tests it against
    (openNAMU's skin settings, whose loop runs over a computed mapping), or
    to the string an `if name == "dark_theme":` tests it equal to (a
    preference endpoint taking the cookie's name from the request:
    DataDungeon100); None when none says."""
    names = loop_strings(ctx, name_expr)
    function = ctx.function
    if function is None:
        return names
    line = call.lineno
    for node in walk(function.node):
        if (node.__class__ is ast.If and node.body[0].lineno <= line <= (node.body[-1].end_lineno or line)
                and node.test.__class__ is ast.Compare and len(node.test.ops) == 1
                and node.test.ops[0].__class__ in (ast.In, ast.Eq) and node.test.left.__class__ is ast.Name
                and node.test.left.id == name_expr.id):
            compared = node.test.comparators[0]
            if node.test.ops[0].__class__ is ast.Eq:
                allowed = [compared.value] if compared.__class__ is ast.Constant and isinstance(
                    compared.value, str) else None
            else:
                allowed = _literal_strings(ctx, compared)
            if allowed is not None:
                names = allowed if names is None else [n for n in names if n in allowed]
    return names


def loop_strings(ctx, name):
    """The strings a loop variable runs over (`for name in ["theme",
    "font_size"]:`, or over a name bound to such a list); else None."""
    binding = ctx.binding(name)
    loop = binding.node if binding is not None else None
    if loop.__class__ in (ast.For, ast.AsyncFor) and loop.target.__class__ is ast.Name:
        return _literal_strings(ctx, loop.iter)
    return None


def _literal_strings(ctx, expr):
    """The strings of a literal list, tuple or set of strings, also through
    a name bound to one; else None."""
    expr = ctx.value_of(expr)
    if expr.__class__ not in (ast.List, ast.Tuple, ast.Set) or not expr.elts:
        return None
    found = []
    for element in expr.elts:
        if element.__class__ is not ast.Constant or not isinstance(element.value, str):
            return None
        found.append(element.value)
    return found


def _in_preference_code(ctx):
    """Whether the module, or the class around the code, is named for
    preferences (`preferences.py`, `class UserPreferences`): a cookie whose
    name is computed there (searxng's `Setting.save(self, name, resp)`, set
    for each of the user's settings) is one of them, unless its value is a
    token (above)."""
    config = ctx.config
    if fw.is_non_sensitive_name(ctx.path.stem, config):
        return True
    info = ctx.function
    while info is not None:
        if info.class_node is not None and fw.is_non_sensitive_name(info.class_node.name, config):
            return True
        info = info.parent
    return False


def _is_flag_value(expr):
    if expr.__class__ is not ast.Constant:
        return False
    if isinstance(expr.value, bool):
        return True
    return isinstance(expr.value, str) and fw.is_flag_text(expr.value)


def _is_number_flag(expr):
    """A literal 1 or 0 (also as a string): a switch, the same for every
    visitor. Only under a name that says nothing: `session_hint=1` stays a
    session cookie, and `admin=1` a privilege the server may trust."""
    return expr.__class__ is ast.Constant and expr.value.__class__ in (int, str) and str(expr.value) in vocab.SWITCH_VALUES


def class_constant(ctx, expr):
    """`self.cookie_name` inside a method, when the enclosing class body says
    `cookie_name = "..."` and nothing in the class assigns the attribute
    again: the literal string; or when the class's `__init__` alone assigns
    it, from a parameter whose default names the cookie
    (`def __init__(self, cookie_name=DEFAULT_COOKIE_NAME)`, then
    `self.cookie_name = cookie_name`: piccolo_api's CSRF middleware), the
    default's string. Else None."""
    if not (expr.__class__ is ast.Attribute and expr.value.__class__ is ast.Name
            and expr.value.id in ("self", "cls")):
        return None
    scope = ctx.scope
    while scope is not None and scope.kind != sc.CLASS_SCOPE:
        scope = scope.parent
    if scope is None:
        return None
    binding = scope.bindings.get(expr.attr)
    if binding is None:
        return _init_default(ctx, scope.node, expr.attr)
    if binding.kind != sc.ASSIGN or binding.value is None:
        return None
    value = binding.value
    if value.__class__ is not ast.Constant or not isinstance(value.value, str):
        return None
    for node in walk(scope.node):
        if node.__class__ is ast.Attribute and node.attr == expr.attr and node.ctx.__class__ is not ast.Load:
            return None
    return value.value


def _init_default(ctx, class_node, attr):
    """The string default of the `__init__` parameter that `self.<attr> =
    <parameter>` in `__init__` stores, when that is the only assignment of
    the attribute anywhere in the class; else None."""
    stores = [node for node in walk(class_node) if node.__class__ is ast.Attribute and node.attr == attr
              and node.ctx.__class__ is not ast.Load]
    if len(stores) != 1 or stores[0].value.__class__ is not ast.Name or stores[0].value.id != "self":
        return None
    init = next((stmt for stmt in class_node.body
                 if stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef) and stmt.name == "__init__"), None)
    if init is None:
        return None
    for stmt in init.body:
        if (stmt.__class__ is ast.Assign and len(stmt.targets) == 1 and stmt.targets[0] is stores[0]
                and stmt.value.__class__ is ast.Name):
            for arg, default in parameter_defaults(init).items():
                if arg.arg == stmt.value.id:
                    return literal_string(default, ctx) if default is not None else None
    return None


def _names_csrf_cookie(expr):
    """A computed cookie name whose own name says CSRF:
    `config.access_csrf_cookie_name`, `settings.CSRF_COOKIE_NAME`."""
    lowered = expr_name(expr).lower()
    return "csrf" in lowered or "xsrf" in lowered


def expr_name(expr):
    """The name a computed cookie name is held under: `settings.X`'s `X`, a
    variable's, a config key's; "" when none."""
    if expr.__class__ is ast.Attribute:
        return expr.attr
    if expr.__class__ is ast.Name:
        return expr.id
    if expr.__class__ is ast.Subscript:
        return _string_key(expr.slice) or ""
    return ""


def _literal_text(expr):
    """The literal parts of an f-string name, each placeholder a word
    break (`f"mensagem_{tipo}"` -> "mensagem_ "); "" for anything else."""
    if expr.__class__ is not ast.JoinedStr:
        return ""
    return " ".join(part for part in _fragments(expr, None, 0) if isinstance(part, str)).strip()


def computed_cookie_name(ctx, expr):
    """The source of a computed cookie name whose words name a credential
    cookie (frigate's `auth_config.cookie_name`, `settings.JWT_AUTH_COOKIE`):
    a name or attribute chain, or a subscript by a string, whose last part
    (expr_name) names a cookie (`..._cookie`, `..._cookie_name`,
    `..._cookie_key`, Simple JWT's `AUTH_COOKIE_REFRESH`) and is a session or auth cookie (cookie_kind) by
    itself or, when it says nothing (`cookie_name`), with what it hangs on
    (`auth_config`) — else None."""
    words = _chain_words(expr)
    if words is None:
        return None
    name = expr_name(expr)
    last = fw.words(name)
    if not (last[-1:] == ["cookie"] or last[-2:] in (["cookie", "name"], ["cookie", "key"], ["cookie", "refresh"])):
        return None  # `auth_config.cookie_domain` names no cookie
    kind = cookie_kind(ctx, name)  # `language_cookie_name` is a preference wherever it hangs
    if kind == fw.OTHER:
        kind = cookie_kind(ctx, "_".join(words))
    return ast.unparse(expr) if kind == fw.SESSION else None


def env_default(ctx, expr):
    """The string default of an environment read that names a cookie:
    `os.getenv("COOKIE_NAME", "session")` (stdlib.ENV_READERS) written
    there, assigned to the name given, or set so in the project module the
    name is imported from (ProjectFacts.env_defaults); else None. RULES.md,
    Revision 2: cookie names come from the project's configuration modules;
    a deployment that sets nothing runs on the default."""
    cls = expr.__class__
    if cls is ast.Name:
        value = ctx.value_of(expr)
        if value is expr:
            return _imported_env_default(ctx, expr)
        expr = value
    elif cls is ast.Attribute:
        return _imported_env_default(ctx, expr)
    if expr.__class__ is not ast.Call or ctx.qualname(expr.func) not in stdlib.ENV_READERS:
        return None
    default = stdlib.env_default_argument(expr)
    return literal_string(default, ctx) if default is not None else None


def _imported_env_default(ctx, expr):
    defaults = getattr(ctx.project, "env_defaults", None) if ctx.project is not None else None
    if not defaults:
        return None
    qualname = ctx.qualname(expr)
    return defaults.get(qualname) if qualname is not None else None


def _chain_words(expr):
    """The words of every part of a name or attribute chain, subscripts by
    a string included (`app.config["AUTH_COOKIE"]`), root first; None for
    any other expression (a call)."""
    parts = []
    while True:
        cls = expr.__class__
        if cls is ast.Attribute:
            parts.append(expr.attr)
            expr = expr.value
        elif cls is ast.Subscript and expr.slice.__class__ is ast.Constant and isinstance(expr.slice.value, str):
            parts.append(expr.slice.value)
            expr = expr.value
        elif cls is ast.Name:
            parts.append(expr.id)
            return [word for part in reversed(parts) for word in fw.words(part)]
        else:
            return None


def constant_names_credential(expr):
    """A name or attribute naming a cookie by what it holds
    (names_credential_constant), whatever literal it holds."""
    if expr.__class__ is ast.Name:
        return names_credential_constant(expr.id)
    return expr.__class__ is ast.Attribute and names_credential_constant(expr.attr)


def names_credential_constant(named):
    """Whether a constant's name (its last part: `config.AUTH_COOKIE`) says
    the cookie it names holds a session or credential, a word of them
    before `cookie` (`auth_cookie_name`, `AUTH_COOKIE`, `USER_COOKIE`); not
    a CSRF cookie's (`CSRF_TOKEN_COOKIE`)."""
    lowered = named.rpartition(".")[2].lower()
    prefix, found, _ = lowered.partition("cookie")
    return bool(found) and "csrf" not in lowered and "xsrf" not in lowered and fw.names_session_word(prefix)


def names_session_setting(expr, words=fw.SESSION_COOKIE_WORDS):
    """`settings.SESSION_COOKIE_NAME`, `app.config["REMEMBER_COOKIE_NAME"]`:
    a setting that names a session or auth cookie (one of `words` before
    COOKIE_NAME) — not Django's `LANGUAGE_COOKIE_NAME` or `CSRF_COOKIE_NAME`."""
    if expr.__class__ is ast.Attribute:
        key = expr.attr
    elif expr.__class__ is ast.Subscript:
        key = _string_key(expr.slice)
    else:
        return False
    if key is None or "COOKIE_NAME" not in key:
        return False
    prefix = key.partition("COOKIE_NAME")[0]
    return fw.names_session_word(prefix.lower(), words)


# What a file must spell for CookieAnalysis to find a site (see
# CookieAnalysis.keywords): every setting fixlint knows that does not say
# "cookie" (PERMANENT_SESSION_LIFETIME, QUART_AUTH_DURATION), and the class
# name of every session middleware or storage that does not (a qualified
# name is resolved from the file's own imports, and `Cls` or `mod.Cls`
# writes the class's name whatever the import: SessionMiddleware,
# RedisStorage, AuthTktAuthenticationPolicy, QuartAuth).
_UNCOOKIED_SETTINGS = tuple(sorted(n.lower() for n in fw.SETTING_NAMES if "cookie" not in n.lower()))
_MIDDLEWARE_CLASSES = frozenset(q.rpartition(".")[2].lower() for q in fw.MIDDLEWARE_QUALNAMES)
# A class named by one word (sanic-session's `Session`) is looked for as a
# call, `session(`: the word alone is in most texts the guard is asked about.
_ONE_WORD_MIDDLEWARE = frozenset(q.rpartition(".")[2].lower() for q in fw.MIDDLEWARE_QUALNAMES
                                 if len(fw.words(q.rpartition(".")[2])) == 1)
_UNCOOKIED_MIDDLEWARE = tuple(sorted(n + "(" if n in _ONE_WORD_MIDDLEWARE else n
                                     for n in _MIDDLEWARE_CLASSES if "cookie" not in n))
# Session tools switched on by a configuration dict's key (Framework.config_dicts).
_CONFIG_DICTS = {spec.switch: spec for framework in fw.FRAMEWORKS for spec in framework.config_dicts if spec.switch}
# The calls a configuration dict is handed to (ConfigDict.calls), and its spec.
_CONFIG_DICT_CALLS = {call: spec for framework in fw.FRAMEWORKS for spec in framework.config_dicts
                      for call in spec.calls}
_CONFIG_OPTIONS = frozenset(option for spec in _CONFIG_DICTS.values() for option in spec.options.values())
_GLOBAL_CONFIG_UPDATES = frozenset(call for spec in _CONFIG_DICTS.values() for call in spec.global_updates)

# `Flask(`, `Quart(`, `LoginManager(`: a construction reported when its
# project never configures the cookie (Framework.project_constructions).
_CONSTRUCTION_WORDS = tuple(sorted({q.rpartition(".")[2].lower() + end for f in fw.FRAMEWORKS
                                     for q in f.project_constructions for end in "()"}))
# ... and `class Redash(Flask)` (the ")" words): a project subclass built
# in the same module under a name that does not spell the class's.


# `INSTALLED_APPS = [...]`, `ROOT_URLCONF: str = "urls"`, `X = MIDDLEWARE = [...]`, a line continued
# (visit_assign: a Name target of an assignment); a keyword argument or an
# attribute target passes too, which only lets a file in.
_MARKER_ASSIGNED = tuple((name.lower(), re.compile(r"%s(?<!\w%s)[\s\\]*(?::[^=\n]*)?=(?!=)" % (name, name)))
                         for name in sorted(SETTINGS_MARKERS))


def _assigns_marker(text):
    """Whether a file's text (a GuardText; a plain lower-cased str: the
    name spelled in any case) may assign a settings marker."""
    raw = getattr(text, "raw", None)
    return any(lowered in text and (raw is None or pattern.search(raw) is not None)
               for lowered, pattern in _MARKER_ASSIGNED)


def _chains_to_settings(text):
    """Whether the modules a file star-imports may give a settings marker
    (ProjectFacts.chain_keys, complete), or the project is not known yet."""
    project = project_facts(text)
    if project is NOT_KNOWN_YET:
        return True
    return project is not None and project.chain_complete and not SETTINGS_MARKERS.isdisjoint(project.chain_keys)


def _marks_settings(name, value):
    """Whether `NAME = value` at module level is the settings marker: a
    list setting (INSTALLED_APPS, MIDDLEWARE) given a list, a name or an
    expression, not a constant (`MIDDLEWARE = "middleware"`, a module's
    own label); a string setting (ROOT_URLCONF) given anything but a
    non-string constant."""
    if value.__class__ is not ast.Constant:
        return True
    return name in _STRING_MARKERS and isinstance(value.value, str)


def _names_no_session_middleware(tree, setting):
    """Whether the module's every write of its middleware list (`MIDDLEWARE
    = [...]`, `MIDDLEWARE = [...] + MIDDLEWARE`, `MIDDLEWARE += [...]`,
    `MIDDLEWARE.insert(0, "...")`, also under a module-level `if` or `try`)
    gives literal names only, there is one, and no name is a session
    middleware's (its class named with "session"): the settings run no
    session middleware, so Django sets no session cookie. Anything computed
    says nothing. Old Django's `MIDDLEWARE_CLASSES` is read as well (a
    project that never moved to `MIDDLEWARE`: stevekevin1005's blog)."""
    names = []
    settings = (setting, setting + "_CLASSES")
    for node in _module_statements(tree.body):
        cls = node.__class__
        if cls is ast.Assign or cls is ast.AnnAssign or cls is ast.AugAssign:
            targets = node.targets if cls is ast.Assign else [node.target]
            if any(t.__class__ is ast.Name and t.id in settings for t in targets):
                if not _literal_names(node.value, setting, names):
                    return False
        elif cls is ast.Expr and node.value.__class__ is ast.Call:
            func = node.value.func
            if func.__class__ is ast.Attribute and func.value.__class__ is ast.Name and func.value.id in settings:
                for arg in node.value.args:
                    if not (arg.__class__ is ast.Constant and isinstance(arg.value, int)
                            and not isinstance(arg.value, bool)) and not _literal_names(arg, setting, names):
                        return False
    return bool(names) and not any("session" in n.rpartition(".")[2].lower() for n in names)


def _dict_changes(body, name, assigned):
    """The statements of the module that change the settings dict `name`
    other than the assignment `assigned`: `NAME["KEY"] = ...`,
    `NAME.update(...)`, `NAME |= ...`, another `NAME = ...`."""
    for statement in body:
        for node in ast.walk(statement):
            cls = node.__class__
            if cls in (ast.Assign, ast.AugAssign, ast.AnnAssign) and node is not assigned:
                for target in (node.targets if cls is ast.Assign else [node.target]):
                    if target.__class__ is ast.Subscript:
                        target = target.value
                    if target.__class__ is ast.Name and target.id == name:
                        yield node
            elif (cls is ast.Call and node.func.__class__ is ast.Attribute and node.func.attr in ("update", "setdefault")
                  and node.func.value.__class__ is ast.Name and node.func.value.id == name):
                yield node


def _updates_globals(body):
    """Whether module-level code (in a `try`, an `if`, a loop) writes the
    module's names from somewhere else: `globals().update(import_module(
    SETTINGS_MODULE).__dict__)` (graphite-web's local settings), a star
    import fixlint cannot follow by another name; `setattr(sys.modules[
    __name__], key, value)` for each entry of a file read at run time
    (ToGather's secrets.json)."""
    for node in own_statements(body):
        if node.__class__ is ast.Expr:
            call = node.value
            if call.__class__ is not ast.Call:
                continue
            if (call.func.__class__ is ast.Attribute and call.func.attr == "update"
                    and call.func.value.__class__ is ast.Call and call.func.value.func.__class__ is ast.Name
                    and call.func.value.func.id in ("globals", "vars") and not call.func.value.args):
                return True
            if (call.func.__class__ is ast.Name and call.func.id == "setattr" and call.args
                    and _this_module(call.args[0])):
                return True
    return False


def _imports_application_code(body):
    """Whether the module's own import statements name a module only
    application code imports (Framework.application_modules: `from
    django.db import models`), as project.model._application_code reads a
    summary's."""
    for node in own_statements(body):
        if node.__class__ is ast.ImportFrom and not node.level and node.module:
            names = (node.module, *(f"{node.module}.{alias.name}" for alias in node.names))
        elif node.__class__ is ast.Import:
            names = tuple(alias.name for alias in node.names)
        else:
            continue
        if any(fw.application_module(name) for name in names):
            return True
    return False


def _code_only(body):
    """Whether a module's top level defines functions or classes and
    assigns no upper-case name (what settings are made of): code using
    the settings it star-imports (summary `code_only`)."""
    defines = False
    for node in body:
        cls = node.__class__
        if cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            defines = True
        elif cls in (ast.Assign, ast.AnnAssign):
            targets = node.targets if cls is ast.Assign else (node.target,)
            if any(t.__class__ is ast.Name and t.id[:1].isupper() and t.id.isupper() for t in targets):
                return False
    return defines


def _this_module(expr):
    """`sys.modules[__name__]`: the module itself."""
    return (expr.__class__ is ast.Subscript and expr.slice.__class__ is ast.Name and expr.slice.id == "__name__"
            and expr.value.__class__ is ast.Attribute and expr.value.attr == "modules")


def _only_star_imports(body):
    """Whether a module does nothing but star-import (`try: from .dev import
    *` / `except ImportError: from .prod import *`, also under an `if` on
    a lower-case name it sets, `env = os.environ.get(...)`): it gives no
    setting of its own. A docstring, `pass` and other imports of modules
    or of lower-case names may stand beside."""
    found = False
    for node in body:
        cls = node.__class__
        if cls is ast.ImportFrom:
            if any(alias.name == "*" for alias in node.names):
                found = True
            elif any((alias.asname or alias.name).isupper() for alias in node.names):
                return False  # `from .secure import SESSION_COOKIE_SECURE`: a setting of its own
        elif cls is ast.If:
            inner = _only_star_imports(node.body), _only_star_imports(node.orelse)
            if False in inner:
                return False
            found = found or True in inner
        elif cls is ast.Try:
            inner = [_only_star_imports(block) for block in (node.body, *(h.body for h in node.handlers),
                                                              node.orelse, node.finalbody)]
            if False in inner:
                return False
            found = found or True in inner
        elif cls is ast.Assign:
            if not all(t.__class__ is ast.Name and not t.id.isupper() for t in node.targets):
                return False
        elif not (cls is ast.Import or cls is ast.Pass or (cls is ast.Expr and node.value.__class__ is ast.Constant)):
            return False
    return found or None


def _binds_middleware(body, setting):
    """Whether module-level code binds the middleware list (`MIDDLEWARE`, or
    the `MIDDLEWARE_CLASSES` of old Django) by assignment or import. Without
    it Django runs no middleware (the default list is empty): no session or
    CSRF cookie, as in django-oscar's `oscar/__init__.py`, which only exports
    INSTALLED_APPS for projects to build on."""
    names = (setting, setting + "_CLASSES")  # not another framework's `MIDDLEWARES` (starlette-web)
    for node in _module_statements(body):
        cls = node.__class__
        if cls is ast.Assign or cls is ast.AnnAssign or cls is ast.AugAssign:
            targets = node.targets if cls is ast.Assign else [node.target]
            if any(t.__class__ is not ast.Name or t.id in names for t in targets):
                return True  # (a tuple or attribute target: not read, assumed to bind it)
        elif cls is ast.ImportFrom and any((a.asname or a.name) in names for a in node.names):
            return True
    return False


def _module_statements(body):
    """The module-level statements, those of its `if`/`try` blocks too."""
    for node in body:
        yield node
        if node.__class__ is ast.If:
            yield from _module_statements(node.body)
            yield from _module_statements(node.orelse)
        elif node.__class__ is ast.Try:
            for block in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                yield from _module_statements(block)


def _literal_names(value, setting, names):
    """Add to `names` the strings of a literal list, tuple or string, or of
    a `+` of them and the setting itself; False for anything else."""
    cls = value.__class__
    if cls is ast.Constant and isinstance(value.value, str):
        names.append(value.value)
        return True
    if cls is ast.List or cls is ast.Tuple:
        return all(_literal_names(e, setting, names) for e in value.elts)
    if cls is ast.BinOp and value.op.__class__ is ast.Add:
        return _literal_names(value.left, setting, names) and _literal_names(value.right, setting, names)
    return cls is ast.Name and value.id in (setting, setting + "_CLASSES")


class CookieAnalysis(Analysis):
    # What each kind of site needs written in the file (audited against
    # visit_call, visit_assign, _finish_settings_module, _finish_project):
    # set_cookie calls, Cookie(...) objects, morsels (SimpleCookie,
    # `response.cookies`) and Set-Cookie headers say "cookie"; a setting is
    # one of fw.SETTING_NAMES, written as a name, a key or a keyword (all
    # but two say "cookie": _UNCOOKIED_SETTINGS); a session's own lifetime
    # names its method (`set_expiry`: _EXPIRY_METHODS); a session middleware's
    # or storage's class is named (_UNCOOKIED_MIDDLEWARE, with the cookie
    # ones); a Django settings module is told by INSTALLED_APPS,
    # ROOT_URLCONF or the setting `MIDDLEWARE` itself (not every
    # `FooMiddleware` class, which most of Django mentions), and a
    # deployment's settings module may name none of these and only
    # star-import its base (`from .base import *`, DEBUG, ALLOWED_HOSTS);
    # a Flask or Quart app or LoginManager whose project never configures its cookie
    # is reported at its construction. Project facts only add to or take
    # from those sites (chain_keys, builds_app, session_use): none makes a
    # site in a file that spells none of them. "session_" alone (any
    # `session_id`, `db.session_factory`) is not enough.
    keywords = ("cookie", *_UNCOOKIED_SETTINGS, *_UNCOOKIED_MIDDLEWARE, *_CONSTRUCTION_WORDS, *sorted(_EXPIRY_METHODS),
                *sorted(_CONFIG_DICTS))

    @classmethod
    def wanted(cls, text, config):
        """The keywords, else what makes a settings module (Django's): a
        marker assigned (`INSTALLED_APPS = [...]`: most of Django reads
        `settings.INSTALLED_APPS`, which marks nothing), or a star import
        of a chain whose modules give a marker (`from .base import *`, or
        django-split-settings' `include("components/common.py")`)."""
        if super().wanted(text, config):
            return True
        if text is None:
            return True
        return _assigns_marker(text) or (
            ("import *" in text or any(root in text for root in fw.SETTINGS_INCLUDE_ROOTS)) and _chains_to_settings(text))

    def __init__(self, ctx, analyses):
        super().__init__(ctx, analyses)
        self.sites = []
        self._cookie_helpers = cookie_helpers.helpers(ctx)  # cookie helpers the file may call
        self._groups = {}  # (container key, cookie) -> {flag: Flag}
        self._module_settings = set()  # setting names assigned at module level
        self._development_settings = {}  # setting names assigned only in a development `if`: the first line
        self._library_settings = []  # (site, library): a session library's module-level key, judged at finish()
        self._includes = False  # the module runs settings files in its namespace (_star_imports)
        self._settings_dicts = []  # (library, value, assignment): a library's settings dict, judged at finish()
        self._module_markers = set()
        self._if_bodies = []  # (first, last line, test) of every `if` body
        self._dev_tests = {}  # an `if` test -> whether it says DEBUG, dev, testing...
        self._jars = {}  # id(binding of a SimpleCookie) -> {name: site}
        self._self_morsels = {}  # (id(SelfJar), name) -> its morsels' sites
        self._self_flags = {}  # (id(SelfJar), name) -> [(flag key, value, node)] set on it
        self._config_dicts = []  # (dict, switch key, ConfigDict): a session tool switched on, judged at finish()
        self._top_statements = None  # ids of the module's top-level statements (_top_level)
        self._top_settings = {}  # setting name -> the site of its last top-level assignment
        self._config_options = {}  # a ConfigDict option key -> the value the process-wide configuration gives it
        self._constructions = []  # (Flask(...) / LoginManager(...) call, its framework)
        self._frames = set()  # ids of the constructions that are dispatcher frames (_frame)

    def subscribe(self, walker):
        walker.on(ast.Call, self.visit_call)
        walker.on(ast.Assign, self.visit_assign)
        walker.on(ast.AnnAssign, self.visit_assign)
        walker.on(ast.If, self.visit_if)
        walker.on(ast.Tuple, self.visit_tuple)
        walker.on(ast.Return, self.visit_return)
        walker.on(ast.Dict, self.visit_dict)

    # -- calls --------------------------------------------------------
    def visit_call(self, node):
        func = node.func
        if func.__class__ is ast.Attribute:
            attr = func.attr
            if attr in _SET_COOKIE_METHODS:
                self._set_cookie(node, func)
                return
            if attr in _CONFIG_METHODS and self._is_config(func.value):
                if node.args and self.ctx.qualname(func) in _GLOBAL_CONFIG_UPDATES:
                    self._global_config(node)  # `cherrypy.config.update({...})`, no Flask app's config
                else:
                    self._config_call(node, func.value)
                return
            if attr == "update":
                morsel = func.value if func.value.__class__ is ast.Subscript else self._morsel_alias(func.value)
                if morsel is not None:  # jar["sid"].update({"secure": True})
                    for key, value, _ in self._mapping_pairs(node):
                        self._morsel_flag(morsel, ast.Constant(key), value, node)
                    return
            if attr in MIDDLEWARE_METHODS and node.args:
                self._middleware(node, node.args[0], node.args[1:], node.keywords)
                return
            if attr in _INIT_METHODS and node.args:
                built = self.ctx.value_of(func.value)  # `session = Session()`; `session.init_app(app, ...)`
                if built.__class__ is ast.Call:
                    middleware = fw.middleware_for(self.ctx.qualname(built.func))
                    if middleware is not None and middleware.init_method == attr:
                        self._middleware(node, built.func, node.args[1:], node.keywords)
                        return
            if attr in _EXPIRY_METHODS and len(node.args) == 1:
                self._session_expiry(node, func, _EXPIRY_METHODS[attr])
                return
            if node.keywords:
                self._response_headers(node)
            if attr in stdlib.OUTPUT_METHODS:
                self._morsel_output(func.value)
            if attr in HEADER_METHODS and len(node.args) == 2:
                header = _string_key(node.args[0])
                if header is not None and header.lower() == "set-cookie":
                    self._header(node.args[1])
                    return
        if func.__class__ is ast.Subscript:  # `OAuth2PasswordBearerAuth[User](...)`: a generic class built
            generic = self.ctx.qualname(func.value)
            middleware = fw.middleware_for(generic) if generic is not None else None
            if middleware is not None:
                self._middleware(node, func.value, node.args[middleware.leading:], node.keywords)
                return
            if generic is None and func.value.__class__ is ast.Name:  # `AppJWTAuth[User](...)`, the module's subclass
                base = fw.local_base(self.ctx, func.value, fw.MIDDLEWARE_QUALNAMES, same_init=True)
                if base is not None:
                    self._middleware(node, func.value, node.args[fw.middleware_for(base).leading:], node.keywords)
                    return
        qualname = self.ctx.qualname(func)
        if qualname is None:
            framework = self._constructed(func, None)
            if framework is not None:
                self._constructions.append((node, framework))
            elif func.__class__ is ast.Name:  # `class RedirectingCookieTransport(CookieTransport)`, built with the base's options
                base = fw.local_base(self.ctx, func, fw.MIDDLEWARE_QUALNAMES, same_init=True)
                if base is not None:
                    self._middleware(node, func, node.args[fw.middleware_for(base).leading:], node.keywords)
                else:
                    self._helper_call(node)  # set_cookie(resp, "sid", value, 365), a helper of the module
            return
        if node.keywords:
            self._response_headers(node)
        if qualname in _FRAME_DISPATCHERS and node.args:
            self._frames.add(id(node.args[0]))  # `DispatcherMiddleware(Flask("FRAME"), {...})`
        if qualname in _CONFIG_DICT_CALLS:
            self._config_call_dict(node, _CONFIG_DICT_CALLS[qualname])
        elif qualname in MIDDLEWARE_WRAPPERS and node.args:
            self._middleware(node, node.args[0], node.args[1:], node.keywords)
        elif fw.middleware_for(qualname) is not None:
            # `SessionMiddleware(app, ...)`: the first argument is the app (Middleware.leading).
            middleware = fw.middleware_for(qualname)
            if middleware.init_method and not node.args and not node.keywords:
                return  # `Session()`: its init_app(app, ...) installs it, judged there
            self._middleware(node, func, node.args[middleware.leading:], node.keywords)
        elif qualname in _COOKIE_CLASSES:
            site = cookie_call_site(self.ctx, node, _COOKIE_CLASSES[qualname], last_name(func), fw.SET_COOKIE_PARAMS)
            if not site.deletion:
                self.sites.append(site)
        elif qualname in fw.SETTINGS_INCLUDES:
            self._includes = True  # `include("components/common.py")`: the files run here (the summary's star imports)
        elif qualname in SETTINGS_CONFIGURE:
            self._keyword_settings(node, ("settings.configure", self.ctx.scope), _CONFIGURE_CALLS[qualname].label)
        elif qualname in _REMEMBERING_CALLS:
            self._remember_duration(node, _REMEMBERING_CALLS[qualname], last_name(func))
        else:
            framework = self._constructed(func, qualname)
            if framework is not None:
                self._constructions.append((node, framework))
            else:
                self._helper_call(node)  # a helper of another module

    def _constructed(self, func, qualname):
        """The framework whose project construction (`Flask(...)`,
        `LoginManager(...)`) a call of `func` (`qualname`: its qualified
        name, or None) builds: the class itself, the module's own subclass
        (`class PortalFlask(Flask)`), or one imported from another project
        module (ProjectFacts.app_classes); None otherwise."""
        if qualname is None:
            base = fw.local_base(self.ctx, func, _CONSTRUCTIONS) if func.__class__ is ast.Name else None
            return _CONSTRUCTIONS.get(base)
        if qualname in _CONSTRUCTIONS:
            return _CONSTRUCTIONS[qualname]
        derived = fw.project_derived(self.ctx)
        return _CONSTRUCTIONS.get(derived.get(qualname)) if derived else None

    # -- set_cookie ---------------------------------------------------
    def _set_cookie(self, node, func):
        site = set_cookie_site(self.ctx, node, func)
        if site is None:
            self._helper_call(node)  # `utils.set_cookie(resp, "sid", value)`: a project helper, no response
            return
        if site is not None and not site.deletion and not self._in_dev_block(node, self.ctx.function):
            # (a cookie set in the body of `if DEBUG:` / `if ENV == "development":` is development
            # configuration, as a setting there is: arclytics' plain-HTTP branch)
            self.sites.append(site)
            jar = self.ctx.binding(func.value) if func.value.__class__ is ast.Name else None
            if jar is not None and site.name is not None:
                # Django: `response.cookies[name]["samesite"] = ...` after set_cookie
                self._jars.setdefault(id(jar), {})[site.name] = site

    def _helper_call(self, node):
        """A call of a cookie helper of the project (cookie_helpers.py): a
        site of its own, unless in a development branch."""
        if not self._cookie_helpers.active:
            return  # (most files: no helper to call)
        site = cookie_helpers.helper_cookie_site(self.ctx, node)
        if site is not None and not self._in_dev_block(node, self.ctx.function):
            self.sites.append(site)

    def _sensitivity(self, name, value, name_expr=None):
        return cookie_sensitivity(self.ctx, name, value, name_expr)

    # -- a session's own lifetime -------------------------------------
    def _session_expiry(self, node, func, framework):
        """`request.session.set_expiry(60 * 60 * 24 * 365)` in a module of
        the framework whose sessions have the method: a session setting
        whose lifetime is the argument (a number of seconds, a timedelta,
        or a datetime: a date in the future). `set_expiry(0)` (until the
        browser closes) and `set_expiry(None)` (the configured age) set
        no long lifetime."""
        receiver = func.value
        if fw.session_object(self.ctx, receiver) is not framework:  # `request.session`, `self.request.session`
            return
        site = CookieSite(SESSION_EXPIRY, node, framework.label_in(self.ctx), sensitivity=fw.SESSION)
        site.method = f"{_short_source(receiver) or 'session'}.{func.attr}"
        site.flags["lifetime"] = _lifetime_flag(node.args[0], self.ctx)
        site.missing_counts = ALL_FLAGS
        self.sites.append(site)

    def _remember_duration(self, node, framework, called):
        """`login_user(user, remember=True, duration=timedelta(days=90))`:
        the remember-me cookie's own lifetime, the call's (SFX304), in place
        of the lifetime setting's default (summary `_login_user`)."""
        remembers, duration = framework.remember_arguments(node)
        if not remembers or duration is None:
            return  # no remember-me cookie, or the lifetime setting's (judged at LoginManager())
        site = CookieSite(SESSION_EXPIRY, node, framework.label_in(self.ctx), sensitivity=fw.SESSION)
        site.method = called
        site.sensitivity_detail = "remember"
        site.lifetime_via = f"{framework.remember_lifetime_argument}="
        site.flags["lifetime"] = _lifetime_flag(duration, self.ctx)
        site.missing_counts = ALL_FLAGS
        self.sites.append(site)

    # -- middleware ---------------------------------------------------
    def _middleware(self, node, cls_expr, args, keywords):
        ctx = self.ctx
        qualname = ctx.qualname(cls_expr)
        if qualname is None and cls_expr.__class__ is ast.Name:
            # the module's own subclass that keeps the base's `__init__`:
            # `app.add_middleware(LoggedSessionMiddleware, https_only=False)`
            qualname = fw.local_base(ctx, cls_expr, fw.MIDDLEWARE_QUALNAMES, same_init=True)
        middleware = fw.middleware_for(qualname)
        if middleware is None or qualname in middleware.test_only:
            return  # a test-only storage (SimpleCookieStorage) is test configuration
        given = dict(zip(middleware.params, args))
        splat = any(a.__class__ is ast.Starred for a in args)
        for keyword in keywords:
            if keyword.arg is not None:
                given[keyword.arg] = keyword.value
                continue
            spread = spread_options(ctx, keyword.value)
            if spread is None:
                splat = True
            else:
                given.update(spread)
        if any(option in given for option in middleware.replaced_by):
            return  # `Session(app, interface=...)`: the interface's construction sets the cookie
        site = CookieSite(MIDDLEWARE, node, middleware.label, sensitivity=fw.CSRF if middleware.csrf else fw.SESSION)
        site.middleware_subject = middleware.subject
        site.method = middleware.call
        if middleware.constructed:  # the class names the cookie: `RedisStorage()`
            site.method = last_name(cls_expr)
            site.middleware_subject = f"{site.method}'s {middleware.cookie}"
        site.options_elsewhere = bool(middleware.replaced_by)
        self._option_site(site, middleware.options, middleware.defaults, given, splat, middleware.fixed)

    def _option_site(self, site, options, defaults, given, splat, fixed=(), lifetime_unit=1):
        """Fill a MIDDLEWARE site's flags from the options `given` (option ->
        value expression; `splat`: more may be given unseen), each flag
        `options` maps to an option, else its default (and `fixed` flags
        always their default), and add it. `lifetime_unit`: the seconds one
        unit of the lifetime option is worth."""
        ctx = self.ctx
        site.settings = dict(options)
        for flag, option in options.items():
            if option in given:
                if flag == "lifetime":
                    site.flags[flag] = _lifetime_flag(given[option], ctx, lifetime_unit)
                elif flag == "name":
                    site.flags[flag] = _name_flag(given[option], ctx, site)
                else:
                    site.flags[flag] = _flag_from(given[option], ctx)
            elif splat:
                site.flags[flag] = Flag(None, known=False)
            else:
                site.flags[flag] = Flag(defaults.get(flag))
        for flag in fixed:
            site.flags[flag] = Flag(defaults[flag])
        name_flag = site.flags.get("name")
        if name_flag is not None and name_flag.known:
            site.name = name_flag.value if isinstance(name_flag.value, str) else None
        site.missing_counts = ALL_FLAGS
        self.sites.append(site)

    def visit_dict(self, node):
        """A configuration dict that switches a session tool on (CherryPy's
        `"tools.sessions.on": True`): its cookie, flagged by the dict's
        other keys, reported at the switch."""
        for key, value in zip(node.keys, node.values):
            if key.__class__ is ast.Constant and key.value.__class__ is str and key.value in _CONFIG_DICTS:
                on = _flag_from(value, self.ctx)
                if on.known and on.value and not self._in_dev_block(node):
                    # (a dict inside `if DEBUG:` / `if env == "development":` configures development)
                    self._config_dicts.append((node, key, _CONFIG_DICTS[key.value]))

    def _global_config(self, node):
        """`cherrypy.config.update({...})`: the process-wide configuration,
        whose options apply to every application's session tool
        (ConfigDict.global_updates)."""
        mapping = self.ctx.value_of(node.args[0])
        if mapping.__class__ is ast.Dict:
            for key, value in zip(mapping.keys, mapping.values):
                if key.__class__ is ast.Constant and key.value in _CONFIG_OPTIONS:
                    self._config_options.setdefault(key.value, value)

    def _config_call_dict(self, node, spec):
        """`SessionMiddleware(app, session_opts)` (Beaker): the options dict
        the call is handed, a literal or a name the module binds to one,
        judged at finish as a switched-on tool's dict is; reported at the
        call. A dict fixlint cannot read (imported, computed) is trusted."""
        given = node.args[spec.argument] if len(node.args) > spec.argument else next(
            (k.value for k in node.keywords if k.arg == spec.keyword), None)
        mapping = self.ctx.value_of(given) if given is not None else None
        if mapping.__class__ is ast.Dict and not self._in_dev_block(node):
            self._config_dicts.append((mapping, node, spec))

    def _config_dict(self, node, switch, spec):
        """The session cookie of a configuration dict's switch (judged at
        finish): an option the dict does not give may come from the
        module's process-wide configuration (`cherrypy.config.update({...})`
        beside the app's config)."""
        given = {}
        splat = False
        for key, value in zip(node.keys, node.values):
            if key is None:
                splat = True  # `{**base, ...}`
            elif key.__class__ is ast.Constant and key.value.__class__ is str:
                given[key.value] = value
        for option in spec.options.values():
            if option not in given and option in self._config_options:
                given[option] = self._config_options[option]
        site = CookieSite(MIDDLEWARE, switch, spec.label, sensitivity=fw.SESSION)
        site.middleware_subject = spec.subject
        site.method = spec.switch or last_name(switch.func)
        site.config_dict = True
        site.config_call = not spec.switch
        self._option_site(site, spec.options, spec.defaults, given, splat, lifetime_unit=spec.lifetime_unit)

    # -- settings -----------------------------------------------------
    def visit_if(self, node):
        # Only the body: the `else:` branch is the production path. Whether
        # the test says "development" is asked only of the few `if`s that
        # hold a setting (most files have none).
        last = getattr(node.body[-1], "end_lineno", None) or node.body[-1].lineno
        self._if_bodies.append((node.body[0].lineno, last, node.test))

    def _in_dev_block(self, node, function=None):
        """Whether `node` sits in the body of an `if` whose test names
        development; with `function` (the FunctionInfo around a cookie
        call), only an `if` inside that function counts: a module-level
        `if AUTH_MODULE == "local":` around a whole login route (yeti) says
        which feature runs, not that it is development."""
        line = node.lineno
        start = function.node.lineno if function is not None else 0
        for first, last, test in self._if_bodies:
            if first <= line <= last and first > start:
                dev = self._dev_tests.get(test)
                if dev is None:
                    dev = self._dev_tests[test] = fw.is_dev_condition(test)
                if dev:
                    return True
        return False

    def visit_assign(self, node):
        ctx = self.ctx
        targets = node.targets if node.__class__ is ast.Assign else [node.target]
        value = node.value
        if value is None:
            return
        for target in targets:
            cls = target.__class__
            if cls is ast.Attribute and target.attr == "wsgi_app":
                self._frame(target.value, value)
            elif cls is ast.Attribute and target.attr in _APP_CONFIG_ATTRIBUTES:
                key, framework = _APP_CONFIG_ATTRIBUTES[target.attr]
                if self._builds(target.value, framework) or ctx.qualname(target.value) in framework.app_proxies:
                    # KindleEar's `app.permanent_session_lifetime = ...`; `current_app.permanent_session_lifetime` in a view
                    self._setting(key, value, node, self._config_key(target), framework.label_in(self.ctx))
            if cls is ast.Name:
                name = target.id
                if ctx.at_module_level:
                    if name in SETTINGS_MARKERS and _marks_settings(name, value):
                        self._module_markers.add(name)
                    if name in fw.SETTING_NAMES and not self._constants_of_another_framework():
                        if not self._in_dev_block(node):
                            self._module_settings.add(name)
                        else:  # set for development only: never, in production
                            self._development_settings.setdefault(name, node.lineno)
                        self._setting(name, value, node, ("module",), None)
                    elif name in _SETTINGS_DICTS and not self._constants_of_another_framework():
                        self._settings_dicts.append((_SETTINGS_DICTS[name], value, node))  # judged at finish()
                elif ctx.in_class_body and name in fw.SETTING_NAMES:
                    class_node = ctx.scope.node
                    if not fw.is_dev_name(class_node.name) and not self._constants_of_another_framework() and not (
                            self._settings_model(class_node)):
                        self._setting(name, value, node, ("class", id(ctx.scope)), None)
            elif cls is ast.Subscript:
                self._subscript_assign(target, value, node)

    def _settings_dict(self, library, value, node):
        """`REST_AUTH = {"USE_JWT": True, "JWT_AUTH_COOKIE": "auth", ...}` at
        a settings module's top level: the cookie the library sets with
        the dict's options (SettingsDict), one SETTINGS site at the key
        naming it, its options' absence counting (their defaults apply).
        Left alone: a dict spreading another (`{**BASE, ...}`), one that
        turns no cookie on, development settings, and one the module
        changes outside development blocks or that the project's settings
        modules do not all give alike (a deployment module setting an
        entry again)."""
        ctx = self.ctx
        spec = library.settings_dict
        if value.__class__ is not ast.Dict or None in value.keys or dev_module(ctx) or self._in_dev_block(node):
            return
        entries = {}
        for key, item in zip(value.keys, value.values):
            name = _string_key(key)
            if name is not None:
                entries[name] = (key, item)
        switch, on = spec.switch
        given = entries.get(switch)
        if given is None or evaluate(given[1], ctx) is not on:
            return
        cookies = [c for c in spec.cookies if c in entries and isinstance(literal_string(entries[c][1], ctx), str)]
        if not cookies or any(not self._in_dev_block(change) for change in _dict_changes(ctx.tree.body, spec.name, node)):
            return
        project = ctx.project
        owner = library.extends.settings_object if library.extends is not None else ""
        if project is not None and owner and f"{owner}.{spec.name}" not in getattr(project, "settings_values", {}):
            return  # the settings modules disagree on it, or one changes it: not followed
        site = CookieSite(SETTINGS, entries[cookies[0]][0], library.label, sensitivity=fw.SESSION)
        # what the library's settings call its cookie (dj-rest-auth's "jwt": "the JWT cookie" in messages)
        site.sensitivity_detail = next(s.cookie for s in library.settings if s.flag == "name")
        missing = set()
        for setting in library.settings:
            option = f'{spec.name}["{setting.name}"]'
            if setting.name in entries:
                key, item = entries[setting.name]
                if item.__class__ is ast.Name and item.id == setting.name:
                    # `"JWT_AUTH_SECURE": JWT_AUTH_SECURE`: the top-level key, judged where it is assigned
                    flag = Flag(None, known=False, explicit=True)
                else:
                    flag = _name_flag(item, ctx, site) if setting.flag == "name" else _flag_from(item, ctx)
                flag.node = key
            else:
                flag = Flag(setting.default, known=True, explicit=False)
                missing.add(setting.flag)
            site.flags[setting.flag] = flag
            site.settings[setting.flag] = option
        name = site.flags.get("name")
        if name is None or not name.explicit:  # only the refresh cookie is named
            key, item = entries[cookies[0]]
            name = site.flags["name"] = Flag(literal_string(item, ctx), known=True, explicit=True, node=key)
            site.settings["name"] = f'{spec.name}["{cookies[0]}"]'
        if name.known and isinstance(name.value, str):
            site.name = name.value
        site.missing_counts = frozenset(missing)
        site.group = site.flags
        self._library_settings.append((site, library))
        self.sites.append(site)

    def _library_unused(self, library):
        """Whether a session library's key (Flask-JWT-Extended's
        `JWT_COOKIE_SECURE`) sits in the settings module of another
        framework (Django's, by its markers or imports) in an application
        that imports neither the library nor the framework it extends: the
        library reads nothing there, and the key is the project's own
        option, judged where a cookie is set with it. A configuration
        module of no known framework (a `config.py` alone) keeps the
        library's reading."""
        ctx = self.ctx
        packages = (*library.packages, *library.extends.packages)
        if ctx.imports(*packages) or any(ctx.project_imports(p) for p in packages):
            return False
        label = self._module_label()
        return any(f.label == label for f in (*fw.SETTINGS_MODULE_FRAMEWORKS, *fw.CONFIG_FRAMEWORKS)
                   if f is not library.extends and f.label != library.extends.label)

    def _constants_of_another_framework(self):
        """The module imports a web framework that reads no configuration
        keys (Tornado, FastAPI...) and none that does (Django, Flask and
        its extensions): a `SESSION_COOKIE_NAME = ...` there is the
        module's own constant (JupyterHub's Tornado handlers), judged where
        a cookie is set with it, not a framework's setting. So is one in a
        module that imports no web framework, in a project that imports only
        such frameworks (litestar-auth's `@dataclass AppSettings` with
        `CSRF_COOKIE_SECURE = False`, handed to Litestar's CSRFConfig)."""
        ctx = self.ctx
        if ctx.imports_root(_SETTINGS_ROOTS):
            return False
        if ctx.imports_root(_KEYLESS_WEB_ROOTS):
            return True
        return (ctx.project is not None and any(ctx.project_imports(root) for root in _KEYLESS_WEB_ROOTS)
                and not any(ctx.project_imports(root) for root in _SETTINGS_ROOTS))

    def _settings_model(self, class_node):
        """A class built on a settings-model base (pydantic's `BaseSettings`,
        `BaseModel`): its fields are the application's own options, handed
        to whatever cookie they configure (`cookie_https_only=
        settings.SESSION_COOKIE_SECURE`), not a framework's configuration."""
        return any(self.ctx.qualname(base) in fw.SETTINGS_MODEL_BASES for base in class_node.bases)

    def _subscript_assign(self, target, value, node):
        key = _string_key(target.slice)
        if key is None:
            inner = target.value
            if inner.__class__ is ast.Subscript:
                self._morsel_flag(inner, target.slice, value, node)
            return
        container = target.value
        if key in fw.SETTING_NAMES and self._is_config(container):
            self._setting(key, value, node, self._config_key(container), self._config_label(container))
        elif key.lower() == "set-cookie":
            self._header(value)
        elif container.__class__ is ast.Subscript:
            self._morsel_flag(container, target.slice, value, node)
        elif self._morsel_alias(container) is not None:  # m = jar["sid"]; m["secure"] = True
            self._morsel_flag(self._morsel_alias(container), target.slice, value, node)
        elif self._looped_jar(container, "values") is not None:  # for m in jar.values(): m["secure"] = True
            self._every_morsel_flag(self._looped_jar(container, "values"), key, value, node)
        else:
            self._morsel_create(container, key, node)

    def _is_config(self, expr):
        """`app.config`, `current_app.config`, `self.app.config`."""
        return expr.__class__ is ast.Attribute and expr.attr in _CONFIG_ATTRIBUTES

    def _config_label(self, config_expr):
        return _CONFIG_ATTRIBUTES[config_expr.attr].label_in(self.ctx)

    def _config_key(self, config_expr):
        owner = config_expr.value
        binding = self.ctx.binding(owner)
        return ("config", id(binding) if binding is not None else ast.dump(owner))

    def _config_call(self, node, config_expr):
        self._keyword_settings(node, self._config_key(config_expr), self._config_label(config_expr))

    def _keyword_settings(self, node, group_key, label):
        for name, value, where in self._mapping_pairs(node):
            if name in fw.SETTING_NAMES:
                self._setting(name, value, where, group_key, label)

    def _mapping_pairs(self, node, depth=0):
        """(key, value, where) a call's keywords and mapping arguments give:
        `update(KEY=v)`, `update({"KEY": v})`, `update(dict(KEY=v))`, or a
        name bound to one of those."""
        pairs = []
        for keyword in node.keywords:
            if keyword.arg is not None:
                pairs.append((keyword.arg, keyword.value, keyword.value))
        for arg in node.args:
            arg = self.ctx.value_of(arg)
            if arg.__class__ is ast.Dict:
                for key, value in zip(arg.keys, arg.values):
                    name = _string_key(key) if key is not None else None
                    if name is not None:
                        pairs.append((name, value, key))
            elif arg.__class__ is ast.Call and depth < 2 and _builtin_dict(self.ctx, arg.func):
                pairs += self._mapping_pairs(arg, depth + 1)
        return pairs


    def _setting(self, name, value, node, group_key, label):
        """Record one configuration key in its group's site."""
        ctx = self.ctx
        if group_key[0] == "module" and (dev_module(ctx) or (
                ctx.project is not None and name in ctx.project.overridden_keys)):
            return  # development settings; a shared base's value every deployment module sets again
        if self._in_dev_block(node):
            return
        forced = getattr(ctx.project, "forced_keys", None) if ctx.project is not None else None
        if forced and name in forced and (forced[name] is None or node.lineno < forced[name]):
            return  # an extension given the app writes it afterwards (Flask-Talisman's init_app)
        choices = fw.settings_frameworks(name)
        framework, setting = choices[0]
        library = None
        if len(choices) == 1 and framework.extends is not None:
            label = framework.label  # a library's own key: REMEMBER_COOKIE_* (Flask-Login), QUART_AUTH_*
            library = framework
        elif label is None and len(choices) == 1:
            label = framework.label  # a key only one framework reads
        site = CookieSite(SETTINGS, node, label, sensitivity=fw.SESSION)
        site.sensitivity_detail = setting.cookie
        if setting.cookie == "csrf":
            site.sensitivity = fw.CSRF
        if setting.flag == "lifetime":
            flag = _lifetime_flag(value, ctx)
        elif setting.flag == "name":
            flag = _name_flag(value, ctx, site)
        else:
            flag = _flag_from(value, ctx)
        flag.node = node
        site.flags[setting.flag] = flag
        site.settings[setting.flag] = name
        if setting.flag == "name" and flag.known and isinstance(flag.value, str):
            site.name = flag.value
        # Settings of one container (module, class, app.config) and cookie
        # share what they say, for checks that combine keys (__Host-).
        site.group = self._groups.setdefault((group_key, setting.cookie), {})
        site.group[setting.flag] = flag
        if library is not None and group_key[0] == "module":
            self._library_settings.append((site, library))
        if group_key[0] == "module" and self._top_level(node):
            # A module-level setting given again further down (`SESSION_COOKIE_NAME = ...` twice):
            # only the last assignment is what the module sets, judged once.
            previous = self._top_settings.get(name)
            if previous is not None and previous in self.sites:
                self.sites.remove(previous)
            self._top_settings[name] = site
        self.sites.append(site)

    def _top_level(self, node):
        """Whether `node` is one of the module's own statements (not inside an `if`, `try` or def)."""
        if self._top_statements is None:
            self._top_statements = {id(statement) for statement in getattr(self.ctx.tree, "body", ())}
        return id(node) in self._top_statements

    def finish(self):
        for library, value, node in self._settings_dicts:
            self._settings_dict(library, value, node)
        for node, switch, spec in self._config_dicts:
            self._config_dict(node, switch, spec)
        dropped = {id(site) for site, library in self._library_settings if self._library_unused(library)}
        if dropped:
            self.sites[:] = [site for site in self.sites if id(site) not in dropped]
        self._finish_settings_module()
        self._finish_project()
        self._finish_response_class()
        for site in self.sites:
            if site.kind == SETTINGS and site.label is None:
                site.label = self._module_label()

    def _module_label(self):
        """Whose configuration a module is, for keys several frameworks read:
        a settings-module framework's (Django's) when its markers or imports
        say so, a config-object framework's (Flask's) when its imports do,
        else the only one of them that reads one of the module's keys, else
        the settings-module framework's when the module's name holds one of
        its words (`settings.py`) or the project model finds it a part of
        the settings, else the config-object framework's."""
        ctx = self.ctx
        for framework in fw.SETTINGS_MODULE_FRAMEWORKS:
            if not framework.settings_markers.isdisjoint(self._module_markers) or ctx.imports(*framework.packages):
                return framework.label
        for framework in fw.CONFIG_FRAMEWORKS:
            if ctx.imports(*framework.packages):
                return framework.label_in(ctx)
        candidates = (*fw.SETTINGS_MODULE_FRAMEWORKS, *fw.CONFIG_FRAMEWORKS)
        for name in self._module_settings:
            owners = {f.extends or f for f, _ in fw.settings_frameworks(name)}
            if len(owners) == 1 and owners <= set(candidates):
                return next(iter(owners)).label
        names = fw.words(ctx.path.stem) + fw.words(ctx.path.parent.name)
        for framework in fw.SETTINGS_MODULE_FRAMEWORKS:
            if not framework.settings_module_words.isdisjoint(names):
                return framework.label
        if fw.SETTINGS_MODULE_FRAMEWORKS and getattr(ctx.project, "in_settings", False):
            # a part of the settings (`settings/components/rest.py`, which settings/__init__.py star-imports)
            return fw.SETTINGS_MODULE_FRAMEWORKS[0].label
        return fw.CONFIG_FRAMEWORKS[0].label

    def _star_imports(self):
        """Whether the module star-imports, or runs settings files in its
        namespace as star imports would (django-split-settings' include())."""
        return bool(self.ctx.star_imports) or self._includes

    def _finish_settings_module(self):
        """A settings module (Django's) that stands alone, or with what it
        star-imports from the project (production.py -> base.py), must give
        its framework's `settings_required` (SESSION_COOKIE_SECURE); each
        missing one is reported at line 1. A star import fixlint cannot
        follow leaves the module alone; so does being a base that stands
        alone and another project module star-imports, loading a module into
        its globals (`globals().update(...)`), and, for the session cookie's
        Secure flag, a middleware list naming the project's own session
        middleware that sets Secure."""
        ctx = self.ctx
        project = ctx.project
        chained = (self._star_imports() and project is not None and project.chain_complete
                   and not _imports_application_code(ctx.tree.body)  # (models.py star-importing the settings)
                   and not _code_only(ctx.tree.body))  # (fmt.py star-importing them for a constant)
        # A package's __init__.py goes by the package's name (`defaults/`, split over modules).
        name = ctx.path.parent.name if ctx.path.stem == "__init__" else ctx.path.stem
        for framework, settings in _REQUIRED_SETTINGS:
            markers = framework.settings_markers
            is_settings = not markers.isdisjoint(self._module_markers) or (
                chained and not markers.isdisjoint(project.chain_keys))
            if not is_settings or dev_module(ctx) or (name in framework.base_settings_stems and not (
                    project is not None and project.deployed_settings and not project.shared_base)):
                continue  # (a base is judged where the project deploys it alone: manage.py names it)
            if project is not None and project.shared_base and not self._star_imports():
                continue  # a base others star-import, alone: judged in the modules built on it
            if project is not None and (project.star_imports_judged or project.base_reexport) and (
                    _only_star_imports(ctx.tree.body)):
                # a dispatcher (settings/__init__.py): judged in the deployment module it imports;
                # or the package's base re-exported, judged in the deployment modules beside it
                continue
            if project is not None and project.settings_part:
                continue  # a part of the settings module the deployment names: judged there
            if _updates_globals(ctx.tree.body):
                continue  # settings loaded from a module named at run time: read as a star import fixlint cannot follow
            if project is not None and project.shadowed:
                continue  # a `settings/` package beside it is what Python imports
            if framework.middleware_setting and not self._star_imports() and not _binds_middleware(
                    ctx.tree.body, framework.middleware_setting):
                continue  # no middleware runs: no cookie to configure
            for setting in settings:
                if self._required_missing(setting, chained, framework):
                    self._required_site(framework, setting)

    def _required_missing(self, setting, chained, framework):
        ctx = self.ctx
        project = ctx.project
        name = setting.name
        if name in self._module_settings:
            return False
        if self._star_imports() and not (chained and name not in project.chain_keys):
            return False
        if setting.cookie == "session" and not self._star_imports() and framework.middleware_setting and (
                _names_no_session_middleware(ctx.tree, framework.middleware_setting)):
            return False  # no session middleware, no session cookie (an API on tokens: saleor)
        if setting.flag == "secure" and setting.cookie == "session" and (
                project is not None and project.session_secured_by_code):
            return False  # the project's own session middleware sets Secure
        return True

    def _required_site(self, framework, setting):
        site = CookieSite(SETTINGS, self.ctx.tree, framework.label,
                          sensitivity=fw.CSRF if setting.cookie == "csrf" else fw.SESSION)
        site.sensitivity_detail = setting.cookie
        site.flags[setting.flag] = Flag(setting.default, known=True, explicit=False)
        site.settings[setting.flag] = setting.name
        site.group = self._groups.setdefault((("module",), setting.cookie), {})
        site.missing_counts = frozenset((setting.flag,))
        site.development_line = self._development_settings.get(setting.name)
        self.sites.append(site)

    def _builds(self, owner, framework):
        """Whether `owner` holds an application `framework` builds here
        (`app = Flask(__name__)`, the project's own subclass)."""
        built = self.ctx.value_of(owner)
        return built.__class__ is ast.Call and self._constructed(built.func, self.ctx.qualname(built.func)) is framework

    def _frame(self, app, value):
        """`app.wsgi_app = DispatcherMiddleware(other, {...})` with `other`
        not `app`'s own wsgi_app: `app` serves only the mounted apps, a
        frame (frame_dispatchers)."""
        if (value.__class__ is not ast.Call or not value.args
                or self.ctx.qualname(value.func) not in _FRAME_DISPATCHERS):
            return
        first = value.args[0]
        if first.__class__ is ast.Attribute and first.attr == "wsgi_app":
            return  # `DispatcherMiddleware(app.wsgi_app, {...})`: the app still serves its views
        built = self.ctx.value_of(app)
        if built.__class__ is ast.Call:
            self._frames.add(id(built))

    def _finish_project(self):
        """A Flask app whose project never gives SESSION_COOKIE_SECURE or
        SESSION_COOKIE_SAMESITE in any readable form keeps Flask's weak
        default; so does Flask-Login's remember-me cookie where
        `login_user(..., remember=...)` is called. Silent without project
        facts, with configuration fixlint cannot read, and in development
        or test modules, and in a project that builds no Flask app (an
        extension such as Flask-Security creating the LoginManager for a host
        app, whose configuration decides the remember-me cookie)."""
        project = self.ctx.project
        if project is None or project.unreadable or dev_module(self.ctx) or project.development_app:
            return
        if not project.builds_app:
            return  # an extension's LoginManager(): the host app's configuration decides
        worker = self.ctx.imports(*fw.TASK_QUEUE_PACKAGES)
        app_uses = getattr(project, "app_uses", None)
        for node, framework in self._constructions:
            # an application's own modules say whether it uses the session (ProjectFacts.app_uses);
            # a LoginManager's remember-me cookie is the whole application's
            uses = app_uses if app_uses is not None and framework.routing is not None else project.uses
            if framework.project_use in uses and id(node) not in self._frames:
                if worker and framework.routing is not None and not self._routes_here(framework):
                    continue  # a task queue's app context (tianmingbo's tasks.py): it serves no request
                if framework.routing is not None and self._stray_app(node, framework):
                    continue
                site = self._app_site(node, framework, framework.project_flags, project.keys,
                                      framework.project_cookie)
                if site is not None:
                    site.unloaded = {setting: module for setting, module in project.unloaded_keys.items()
                                     if setting in site.settings.values()}

    def _stray_app(self, node, framework):
        """Whether the application built at `node` is a stray copy in a
        blueprint's module (`app = Flask(__name__)` pasted above `bp =
        Blueprint(...)`, BusTicketSales): bound to a module-level name the
        module only configures (`app.secret_key = ...`) or runs as a script
        (`app.run()`), while its routes go on another object. It serves
        nothing; the app that does is judged where it is built. Read
        statement by statement: the first use of a served app (`@app.route`
        above a view) ends the search."""
        tree = self.ctx.tree
        name = next((t.id for stmt in tree.body if stmt.__class__ is ast.Assign and stmt.value is node
                     for t in stmt.targets if t.__class__ is ast.Name), None)
        if name is None:
            return False
        for stmt in tree.body:
            if stmt.__class__ is ast.Assign and stmt.value is node:
                continue
            if stmt.__class__ in (ast.Assign, ast.AugAssign, ast.AnnAssign):
                parts = [stmt.value] if stmt.value is not None else []  # its configuration: the value only
            elif stmt.__class__ is ast.If and _runs_main(stmt):
                parts = [n for n in stmt.body if not _runs(n, name)]
            elif _runs(stmt, name):
                parts = []
            else:
                parts = [stmt]
            if any(n.__class__ is ast.Name and n.id == name for part in parts for n in walk(part)):
                return False  # used: `@app.route`, `app.register_blueprint(bp)`, `return app`
        methods = _registrations(framework.routing)
        if any(n.__class__ is ast.Attribute and n.attr in methods and n.value.__class__ is ast.Name
               and n.value.id != name for n in walk(tree)):
            return True
        # Nothing here uses it, and no module of the project imports it (Integrador's seller.py, whose
        # `app = Flask(__name__)` main.py shadows with its own after `from seller import *`).
        project = self.ctx.project
        if project is None or not project.builds_app:
            return False
        importers = getattr(project, "app_importers", None)
        return importers is not None and not (name in importers or "*" in importers or "." in importers)

    def _routes_here(self, framework):
        """Whether the module registers a route, a blueprint or a view on
        anything, or runs a server (`app.run()`): read for a module that
        builds an application beside a task queue."""
        methods = _registrations(framework.routing) | {"run"}
        return any(node.__class__ is ast.Attribute and node.attr in methods and not (
            node.value.__class__ is ast.Name and node.value.id in ("self", "cls"))  # a task's own `self.run()`
            for node in walk(self.ctx.tree))

    def _finish_response_class(self):
        """A flag the application's own response class sets on every cookie
        (ProjectFacts.forced_flags) is set, by code, wherever a cookie of
        its framework leaves it out: computed, so trusted (RULES.md)."""
        for site in self.sites:
            if site.kind != SET_COOKIE or site.framework is None:
                continue
            for flag in _forced_flags(self.ctx, site.framework):
                found = site.flags.get(flag)
                if found is not None and not found.explicit:
                    site.flags[flag] = Flag(None, known=False)

    def _app_site(self, node, framework, flags, given, detail):
        site = CookieSite(APP, node, framework.label_in(self.ctx), sensitivity=fw.SESSION)
        site.sensitivity_detail = detail
        site.framework = framework
        forced = _forced_flags(self.ctx, framework)
        if detail == "session" and framework.session_interface_attribute:  # the app's own session cookie
            forced = (*forced, *getattr(self.ctx.project, "session_cookie_flags", ()))
        for setting in framework.settings:
            if setting.flag in flags and setting.name not in given and setting.flag not in forced:
                site.flags[setting.flag] = Flag(setting.default, known=True, explicit=False)
                site.settings[setting.flag] = setting.name
        site.missing_counts = frozenset(site.flags)
        if site.flags:
            self.sites.append(site)
            return site
        return None

    # -- http.cookies morsels -----------------------------------------

    def _morsel_alias(self, expr):
        """`jar["sid"]` when `expr` is a name bound to it (`m = jar["sid"]`)."""
        if expr.__class__ is not ast.Name:
            return None
        value = self.ctx.value_of(expr)
        if value.__class__ is ast.Subscript and _string_key(value.slice) is not None:
            if cookie_jar(self.ctx, value.value) is not None:
                return value
        return None

    def _morsel_create(self, container, name, node):
        value = getattr(node, "value", None)
        if value.__class__ is ast.Constant and value.value in ("", None):
            return  # `jar["!"] = ""`: an empty morsel, a marker or a deletion, carrying nothing
        jar = cookie_jar(self.ctx, container)
        if jar is None or (jar.__class__ is SelfJar and (id(jar), name) in self._self_morsels):
            return  # a kept jar's morsel made again in another branch or method: judged once, at the first
        if jar.__class__ is tuple:  # cherrypy.response.cookie["sid"] = ...
            site = CookieSite(MORSEL, node, jar[1].label_in(self.ctx), name)
            site.variable = jar[0]
        elif jar.__class__ is SelfJar:  # self.cookie["sid"] = ...
            site = CookieSite(MORSEL, node, "http.cookies", name)
            site.variable = jar.variable
        elif container.__class__ is ast.Attribute:  # response.cookies["sid"] = ...
            framework = fw.response_framework(self.ctx, container.value)
            site = CookieSite(MORSEL, node, framework.label_in(self.ctx), name)
            site.variable = f"{container.value.id}.cookies"
        else:
            site = CookieSite(MORSEL, node, "http.cookies", name)
            site.variable = container.id
        site.sensitivity = self._sensitivity(name, node.value if hasattr(node, "value") else None)
        for flag in ("secure", "httponly", "samesite"):
            site.flags[flag] = Flag(False if flag != "samesite" else None)
        site.flags["name"] = Flag(name, explicit=True, node=node)
        site.flags["path"] = Flag("/")
        site.flags["domain"] = Flag(None)
        site.missing_counts = ALL_FLAGS
        self._jars.setdefault(id(jar), {})[name] = site
        self.sites.append(site)
        if jar.__class__ is SelfJar:
            self._self_morsels.setdefault((id(jar), name), []).append(site)
            for key in (None, name):
                for attr, value, flag_node in self._self_flags.get((id(jar), key), ()):
                    self._set_morsel_flag(site, attr, value, flag_node)

    def _looped_jar(self, expr, method):
        """The jar whose morsels (`method` "values") or names ("keys")
        the loop variable `expr` runs over (`for morsel in
        self.cookie.values():`, `for name in jar:`), or None."""
        if expr.__class__ is not ast.Name:
            return None
        binding = self.ctx.binding(expr)
        loop = binding.node if binding is not None and binding.kind == sc.OTHER else None
        if loop.__class__ is not ast.For or loop.target.__class__ is not ast.Name:
            return None
        over = loop.iter
        if over.__class__ is ast.Call and over.func.__class__ is ast.Attribute and not over.args:
            if over.func.attr != method:
                return None
            over = over.func.value
        elif method != "keys":
            return None
        return cookie_jar(self.ctx, over)

    def _every_morsel_flag(self, jar, attr, value, node):
        """A flag set on each morsel of `jar` in a loop: for every morsel
        made, before or after (a kept jar), or before (a local one)."""
        if jar.__class__ is SelfJar:
            self._self_flags.setdefault((id(jar), None), []).append((attr, value, node))
            sites = [site for (jar_id, _), made in self._self_morsels.items() if jar_id == id(jar) for site in made]
        else:
            sites = [site for site in self._jars.get(id(jar), {}).values() if not site.frozen]
        for site in sites:
            self._set_morsel_flag(site, attr, value, node)

    def _morsel_flag(self, morsel_expr, attr_expr, value, node):
        """`cookie["sid"]["secure"] = True`."""
        attr = _string_key(attr_expr)
        name = _string_key(morsel_expr.slice)
        if attr is not None and name is None and self._looped_jar(morsel_expr.slice, "keys") is not None:
            jar = cookie_jar(self.ctx, morsel_expr.value)  # for name in jar: jar[name]["secure"] = True
            if jar is not None and jar is self._looped_jar(morsel_expr.slice, "keys"):
                self._every_morsel_flag(jar, attr, value, node)
            return
        if attr is None or name is None:
            return
        jar = cookie_jar(self.ctx, morsel_expr.value)
        if jar is None:
            return
        if jar.__class__ is SelfJar:  # set in any method: for every morsel of the name, made before or after
            self._self_flags.setdefault((id(jar), name), []).append((attr, value, node))
            for site in self._self_morsels.get((id(jar), name), ()):
                self._set_morsel_flag(site, attr, value, node)
            return
        site = self._jars.get(id(jar), {}).get(name)
        if site is not None and not site.frozen:
            self._set_morsel_flag(site, attr, value, node)

    def _set_morsel_flag(self, site, attr, value, node):
        flag = stdlib.MORSEL_FLAGS.get(attr.lower())
        if flag is None:
            return
        if flag == "lifetime":
            site.flags[flag] = _lifetime_flag(value, self.ctx)
        elif flag == "expires":
            return
        else:
            site.flags[flag] = _flag_from(value, self.ctx)
        site.flags[flag].node = node

    def _morsel_output(self, expr):
        if expr.__class__ is ast.Subscript:
            expr = expr.value
        jar = cookie_jar(self.ctx, expr) if expr.__class__ is ast.Name else None
        if jar is not None:
            for site in self._jars.get(id(jar), {}).values():
                site.frozen = True

    # -- Set-Cookie headers -------------------------------------------
    def _response_headers(self, node):
        """`Response(..., headers={"Set-Cookie": ...})`, the dict written
        there or bound to a name passed there: a Set-Cookie header that
        reaches a response, reported at the response's construction. A
        headers dict passed anywhere else (`requests.get(headers=...)`) is
        not a response's."""
        headers = next((k.value for k in node.keywords if k.arg == "headers"), None)
        if headers is None:
            return
        mapping = self.ctx.value_of(headers)
        if mapping.__class__ is not ast.Dict or fw.response_framework(self.ctx, node) is None:
            return
        for key, value in zip(mapping.keys, mapping.values):
            header = _string_key(key) if key is not None else None
            if header is not None and header.lower() == "set-cookie":
                self._header(value, at=node)

    def visit_tuple(self, node):
        if len(node.elts) == 2 and node.elts[0].__class__ is ast.Constant:
            header = _string_key(node.elts[0])
            if header is not None and header.lower() == "set-cookie":
                self._header(node.elts[1])

    def visit_return(self, node):
        """A Flask view's `return body, status, {"Set-Cookie": ...}`: Flask
        builds the response from the tuple, headers last."""
        value = node.value
        if value.__class__ is not ast.Tuple or not 2 <= len(value.elts) <= 3:
            return
        if self.ctx.function is None or not self.ctx.imports(*_TUPLE_RESPONSE_PACKAGES):
            return
        mapping = self.ctx.value_of(value.elts[-1])
        if mapping.__class__ is not ast.Dict:
            return
        for key, header_value in zip(mapping.keys, mapping.values):
            header = _string_key(key) if key is not None else None
            if header is not None and header.lower() == "set-cookie":
                self._header(header_value, at=node)

    def _header(self, value, at=None):
        """A Set-Cookie header value, reported at `at` (else at the value)."""
        template = _template(value, self.ctx)
        if template is None:
            return  # computed: trusted
        first, _, rest = template.partition(";")
        attrs = [a.strip() for a in rest.split(";")] if rest else []
        name, eq, cookie_value = first.strip().partition("=")
        if not eq and _HOLE not in first:
            return  # no `name=value`: no cookie (vcr's `("set-cookie", "REDACTED")` header filter)
        name = name.strip() if eq and _HOLE not in name else None
        site = CookieSite(HEADER, value if at is None else at, "Set-Cookie header", name)
        site.value = value
        site.sensitivity = self._sensitivity(name, None) if name else fw.OTHER
        if name is None and _HOLE not in cookie_value:
            site.sensitivity = fw.OTHER
        if _HOLE not in cookie_value and fw.is_flag_text(cookie_value):
            site.sensitivity = fw.PREFERENCE  # `<token>=done`: the same for every visitor, as in set_cookie
        # (a computed attribute may be any, `; {flags}`; a computed value of a named one is that one's:
        # `Max-Age={}`, for a cookie the template names: one named by an expression may be a preference's)
        attrs_known = not any(_HOLE in (a.partition("=")[0] if name is not None else a) for a in attrs)
        found = {}
        for attr in attrs:
            key, _, val = attr.partition("=")
            found[key.strip().lower()] = val.strip()
        for flag in ("secure", "httponly"):
            if flag in found:
                site.flags[flag] = Flag(True, explicit=True, node=value)
            else:
                site.flags[flag] = Flag(False, known=attrs_known)
        if "samesite" in found:
            site.flags["samesite"] = Flag(found["samesite"], explicit=True, node=value)
        else:
            site.flags["samesite"] = Flag(None, known=attrs_known)
        if _HOLE not in cookie_value and not cookie_value.strip() and name is not None:
            return  # `sid=; Path=/`: a deletion
        if found.get("max-age", "").strip().lstrip("-").isdigit() and int(found["max-age"]) <= 0:
            return  # Max-Age=0: a deletion
        if "expires" in found and _HOLE not in found["expires"] and past_http_date(found["expires"]):
            return  # Expires in the past: a deletion
        if "max-age" in found and found["max-age"].isdigit():
            site.flags["lifetime"] = Flag(float(found["max-age"]), explicit=True, node=value)
        site.flags["domain"] = Flag(found.get("domain"), known=attrs_known, explicit="domain" in found)
        site.flags["path"] = Flag(found.get("path"), known=attrs_known, explicit="path" in found)
        site.flags["name"] = Flag(name, known=name is not None, explicit=True, node=value)
        site.missing_counts = ALL_FLAGS
        self.sites.append(site)


_HOLE = "\x00"


def _template(expr, ctx, depth=0):
    """The literal text of a header value with computed parts as _HOLE, or
    None when no part of it is literal."""
    parts = _fragments(expr, ctx, depth)
    if parts is None or not any(isinstance(p, str) for p in parts):
        return None
    return "".join(p if isinstance(p, str) else _HOLE for p in parts)


def _format_text(expr, ctx):
    """The literal text a format string is written as, in place or in a
    local bound to it once (`fmt = "auth={}; Path=/"`, then
    `fmt.format(token)`); else None."""
    text = literal_string(expr)
    if text is None and expr.__class__ is ast.Name:
        value = ctx.value_of(expr)
        if value is not expr:
            text = literal_string(value)
    return text


def _fragments(expr, ctx, depth):
    """The parts of a text `expr` builds, in order: each literal part's
    text, and for each computed part the expression it comes from (None
    when the code does not say which: a placeholder beyond a format's
    arguments)."""
    if depth > 20:
        return [expr]
    cls = expr.__class__
    if cls is ast.Constant:
        if isinstance(expr.value, str):
            return [expr.value]
        if isinstance(expr.value, bytes):
            return [expr.value.decode("latin-1")]
        return [expr]
    if cls is ast.JoinedStr:
        return [part.value for part in expr.values]  # a Constant's text, a FormattedValue's expression
    if cls is ast.BinOp and expr.op.__class__ is ast.Add:
        return _fragments(expr.left, ctx, depth + 1) + _fragments(expr.right, ctx, depth + 1)
    if cls is ast.BinOp and expr.op.__class__ is ast.Mod:
        text = _format_text(expr.left, ctx)
        if text is not None:
            values = expr.right.elts if expr.right.__class__ is ast.Tuple else [expr.right]
            return _split_placeholders(text, "%", values)
        return [expr]
    if cls is ast.Call and expr.func.__class__ is ast.Attribute and expr.func.attr == "format":
        text = _format_text(expr.func.value, ctx)
        if text is not None:
            return _split_placeholders(text, "{", expr.args)
        return [expr]
    if cls is ast.Name and ctx is not None:
        value = ctx.value_of(expr)
        if value is not expr:
            return _fragments(value, ctx, depth + 1)
    return [expr]


def _split_placeholders(text, style, values):
    """The literal chunks of a format text and, between them, the values
    given for its placeholders in order (None past the last)."""
    pattern = r"%[-#0 +]*\d*(?:\.\d+)?[sdirfx]" if style == "%" else r"\{[^{}]*\}"
    out = []
    for i, chunk in enumerate(re.split(pattern, text)):
        if i:
            out.append(values[i - 1] if i - 1 < len(values) else None)
        out.append(chunk)
    return out


# The end of a Set-Cookie header's literal text before its value: `token=`;
# as a raw response's line writes it: `Set-Cookie: token=`.
_HEADER_NAME = re.compile(r"^\s*([!#$%&'*+\-.^_`|~\w]+)=$")
_RAW_HEADER_NAME = re.compile(r"^\s*set-cookie:\s*([!#$%&'*+\-.^_`|~\w]+)=$", re.IGNORECASE)


def header_cookie_value(expr, ctx, raw=False):
    """(cookie name, value expression) of a Set-Cookie header value written
    as the name's literal and the value (`"token=" + str(n)`,
    `f"sid={sid}; Path=/"`, `"sid=%s" % sid`, `"sid={}".format(sid)`), or
    None. `raw`: the literal starts with `Set-Cookie:` itself."""
    parts = _fragments(expr, ctx, 0)
    if len(parts) < 2 or not isinstance(parts[0], str) or parts[1] is None or isinstance(parts[1], str):
        return None
    found = (_RAW_HEADER_NAME if raw else _HEADER_NAME).match(parts[0])
    return (found.group(1), parts[1]) if found is not None else None


def site_seconds(flag):
    return seconds(flag.value) if flag is not None and flag.known else None


# The frameworks' module-level cookie jars (Framework.cookie_jars), each
# by its qualified name and its framework: one jar a module's morsels share.
_NAMED_JARS = {qualname: (qualname, framework) for framework in fw.FRAMEWORKS for qualname in framework.cookie_jars}
_NAMED_JAR_ATTRIBUTES = frozenset(qualname.rpartition(".")[2] for qualname in _NAMED_JARS)


def cookie_jar(ctx, expr):
    """The cookie jar `expr` is, as a binding, or None: a Name holding a
    SimpleCookie, or a response's `cookies` (Django's `response.cookies`,
    whose morsels set_cookie creates)."""
    if expr.__class__ is ast.Attribute and expr.attr == "cookies":
        owner = expr.value
        if owner.__class__ is ast.Name and fw.response_framework(ctx, owner) is not None:
            return ctx.binding(owner)
        return None
    if expr.__class__ is ast.Attribute and expr.value.__class__ is ast.Name and expr.value.id == "self":
        return _self_jar(ctx, expr.attr)
    if expr.__class__ is ast.Attribute and expr.attr in _NAMED_JAR_ATTRIBUTES:
        return _NAMED_JARS.get(ctx.qualname(expr))  # CherryPy's `cherrypy.response.cookie`
    if expr.__class__ is not ast.Name:
        return None
    binding = ctx.binding(expr)
    if binding is None or binding.kind != sc.ASSIGN:
        return None
    value = binding.value
    if value.__class__ is ast.Call and ctx.qualname(value.func) in stdlib.SIMPLE_COOKIE:
        return binding
    if value.__class__ is ast.Attribute and value.attr in _NAMED_JAR_ATTRIBUTES:
        return _NAMED_JARS.get(ctx.qualname(value))  # `cookie = cherrypy.response.cookie` (girder)
    return None


class SelfJar:
    """A SimpleCookie a request handler keeps in an attribute, every method
    of its class assigning it one (`def load_cookie(self): self.cookie =
    SimpleCookie(self.headers["Cookie"])`), filled and output in other
    methods (`self.cookie["sessionId"] = sid`; `def send_cookie(self): for
    morsel in self.cookie.values(): self.send_header("Set-Cookie",
    morsel.OutputString())`): the jar of a common http.server course
    template. Methods run in no order the file tells, so flags set in any
    method count for every morsel of the name."""

    __slots__ = ("variable",)

    def __init__(self, variable):
        self.variable = variable


def _self_jar(ctx, attr):
    """The SelfJar `self.<attr>` is in the class being walked, or None:
    every method assigning it assigns a SimpleCookie (kept_jars)."""
    kinds = kept_jar(ctx, attr)
    if not kinds or OTHER_VALUE in kinds:
        return None
    key = (_self_jar, ctx.enclosing_class(), attr)
    found = ctx.kept.get(key)
    if found is None:
        found = ctx.kept[key] = SelfJar(f"self.{attr}")
    return found


from . import cookie_helpers  # noqa: E402 - it builds on this module's sites
