"""Session lifecycle events, per function, in source order (SFX101, SFX102).

While the walk goes, every function collects the events that decide whether
a login regenerates and a logout invalidates the session:

- BIND: an identity written into a session — an identity key
  (`session["user_id"] = ...`, `request.session["member_id"] = ...`,
  `session.update(user=...)`), `flask_login.login_user(...)`, or an
  identity stored into a hand-rolled store's record under the id the
  request's cookie brought (`SESSIONS[sid]["user_id"] = ...`). Writing a
  falsy literal (`session["user_id"] = None`) is not a binding.
- REGEN: a regeneration, tagged with its mechanism ("clear:flask",
  "cycle:django", "login:django", "regenerate:flask_session", "regenerate:starsessions",
  "configured", "named", "method:regenerate"); which tags count, and
  whether before the binding or anywhere, is each backend's data
  (`frameworks.*.SESSION_BACKEND`). A "method:<name>" tag is a session
  method advice names (`session.regenerate()`, `session.invalidate()`)
  that only some backends have: `missing()` says when this one lacks it.
- VERIFY: a credential check (`check_password_hash`, `authenticate`, ...).
- INVALIDATE: `session.clear()`, Django `logout()`/`flush()`,
  `logout_user()`, deleting a store record, and session methods named like
  it ("method:invalidate", judged like REGEN's).
- REMOVE: `pop`/`del` of an identity key; COOKIE_DELETE: deleting the session
  cookie (`delete_cookie("sessionid")`); TOUCH: any other session use
  (`key` says which key, when it names one; `access` whether it reads,
  writes, updates or deletes — `flask.flash()` and `session.permanent = ...`
  write Flask's session too). A snapshot of the whole session (`old =
  dict(session)`) is a read; writing one back (`session.update(old)`, a
  loop re-setting its keys) is a write whose `restores` is the snapshot.
- CALL: a call to a function of this module (or a method of the same
  class), followed by `lifecycle_paths`; DELEGATE: an unresolved call named
  like a logout or invalidation (code fixlint cannot see).

Session events keep the session expression they act on (`session`,
`request.session`) and the function they happen in, so `fixlint fix` can
write the regeneration or invalidation with the names the code already uses.

Cheap attribute and name tests come before any name resolution.
"""

from __future__ import annotations

import ast
import os
from functools import lru_cache
from pathlib import PurePath

from .. import frameworks as fw
from ..engine import scope as sc
from ..engine.nodes import keyed_read, kept, own_statements, statements, walk
from ..engine.scope import last_name
from ..engine.values import blanks_cookie, expired_at_once, literal_string
from ..frameworks import auth, hand_rolled as stores
from ..frameworks import session_id_words as sessionids
from ..frameworks.base import INVALIDATE_METHODS, SESSION_LIFECYCLE_METHODS, with_own_regeneration
from ..frameworks import vocabularies as vocab
from ..project.functions import ADDERS, REQUEST as REQUEST_KEY, plain_method_profile, renews_key
from . import lifecycle_guard as guard
from .base import Analysis
from .cookies import (computed_cookie_name, constant_names_credential, cookie_kind, env_default, expr_name,
                      loop_strings, names_credential_constant)
from .credentials import (VerifiedRecords, checks_credentials, checks_credentials_alone, compares_passwords,
                          is_verifier, project_verifier)
from .handlers import HandlerAnalysis, annotated_extras
from .identity_cookies import chain_root, computed_name
from .identity import binds_nobody, fresh_id, identity_in_value, is_identity_key, literal_key, names_something_else
from .origins import OriginAnalysis, is_cookie_read, key_parts

BIND = "bind"
REGEN = "regen"
VERIFY = "verify"
INVALIDATE = "invalidate"
REMOVE = "remove"
COOKIE_DELETE = "cookie_delete"
TOUCH = "touch"
CALL = "call"
DELEGATE = "delegate"

# How a TOUCH uses the session (Event.access).
READ = "read"
WRITE = "write"
UPDATE = "update"  # reads and writes: `session["visits"] += 1`
DELETE = "delete"  # `session.pop("next")`, `del session["cart"]`

# Event.mechanism of a BIND found by behaviour (a value of the verified user
# record written under a key of any name) and of a REMOVE that is a
# signed-out flag (`islogout = True`, `logged_in = False`).
RECORD = "record"
CREDENTIAL = "credential"  # a BIND of the credential a check was just given (`session["codename"] = passphrase`)
SIGNED_OUT = "signed_out"

# The framework whose storages choose the variant of a backend another framework runs on
# (aiohttp runs on aiohttp-session's: Framework.backend_variants), by the backend's key.
_VARIANT_OWNERS = {f.backend.key: f for f in fw.FRAMEWORKS if f.backend is not None and f.backend_variants}
# Session methods worth a look, by what they do.
_WRITE_METHODS = frozenset(("update", "setdefault"))
_REMOVE_METHODS = frozenset(("pop", "popitem"))
_READ_METHODS = frozenset(("get", "keys", "items", "values", "__contains__", "copy"))
_SESSION_METHODS = frozenset().union(
    _WRITE_METHODS, _REMOVE_METHODS, _READ_METHODS, ("clear",), SESSION_LIFECYCLE_METHODS,
    *(f.session_regenerate_methods | f.session_invalidate_methods for f in fw.FRAMEWORKS),
)
# Request methods that act on the whole session (Litestar's `request.clear_session()`).
_REQUEST_SESSION_CALLS = frozenset().union(*(f.request_session_calls for f in fw.FRAMEWORKS))
METHOD = "method:"  # the tag of a session method call that only some backends have
_STORE_METHODS = stores.WRITE_METHODS | stores.DELETE_METHODS | stores.READ_METHODS | stores.RECORD_UPDATE_METHODS


def _session_calls():
    """Qualified name -> (event kind, framework, mechanism) for every call a
    registered framework or library makes on the session: the lifecycle's
    view of the adapters' `regenerate_calls`, `logout_calls`, `bind_calls`
    and `session_writers`."""
    calls = {}
    for framework in fw.FRAMEWORKS:
        owner = framework.extends or framework  # the session the call acts on
        for qualname in framework.regenerate_calls:
            calls[qualname] = (REGEN, owner, framework.regenerate_mechanism)
        for qualname in framework.logout_calls:
            calls[qualname] = (INVALIDATE, owner, None)
        for qualname in framework.cookie_expire_calls:
            calls[qualname] = (COOKIE_DELETE, owner, None)
        for qualname in framework.bind_calls:
            calls[qualname] = (BIND, framework, None)  # the library's own event, for its message
        for qualname in framework.session_writers:
            calls[qualname] = (TOUCH, owner, None)
    return calls


_SESSION_CALLS = _session_calls()
# Calls returning the object holding a session's id -> the framework (Framework.session_handlers).
_SESSION_HANDLERS = {q: f for f in fw.FRAMEWORKS for q in f.session_handlers}
# A project's own copy of a library's logout call: the call's bare name ->
# (the session keys the library's call removes, all of which the copy
# removes too; the event the library's call stands for).
# Framework.logout_session_keys, else own_session_keys.
# Two libraries name their call alike (`logout_user`): the first registered stands for both
# (read in reverse, it is written last).
_LIBRARY_LOGOUTS = {call.rpartition(".")[2]: (f.logout_session_keys or f.own_session_keys, call)
                    for f in reversed(fw.FRAMEWORKS) if f.own_session_keys
                    for call in sorted(f.logout_calls, reverse=True)}


def library_logout(name, removed):
    """The qualified name of the library logout call a project function
    named `name` that removes the session keys `removed` is a copy of, or
    None: calibre-web vendors Flask-Login as `cps/cw_login`, ragflow ports
    its `logout_user()` to Quart — a function named like the library's call
    that removes every identity key the library's call removes (`_user_id`,
    `_fresh`), not only application keys (`user_id`) nor `_user_id` beside
    keys of its own (HiddifyPanel's `logout_user()`, its own logout). It is
    that library call wherever it is called (SFX102: an invalidation), and
    its body is no application's logout."""
    found = _LIBRARY_LOGOUTS.get(name)
    if found is None or not found[0] <= set(removed):
        return None
    return found[1]


def library_logout_event(qualname, framework):
    """The event a call of a copy of the library's logout call `qualname`
    is: the library call's own (an invalidation), on the session the copy
    acts on (`framework`: Quart's, for a port to Quart)."""
    kind, owner, mechanism = _SESSION_CALLS[qualname]
    return Event(kind, None, framework or owner, mechanism=mechanism)


# Library calls that reach the session only under a policy: qualname -> the policy's names.
_POLICIES = {q: f.session_policy for f in fw.FRAMEWORKS if f.session_policy
             for q in f.bind_calls | f.logout_calls | f.regenerate_calls}
# Bare or attribute callee names that may resolve to one of them.
_FRAMEWORK_CALLEES = frozenset(q.rpartition(".")[2] for q in _SESSION_CALLS)
# Session libraries' regeneration through the app (`app.session_interface.regenerate(...)`).
_INTERFACE_REGENERATE = {f.interface_regenerate: f for f in fw.FRAMEWORKS if f.interface_regenerate}
_LOGIN_VIEWS = {q: f for f in fw.FRAMEWORKS for q in f.login_views}
_LOGOUT_VIEWS = {q: f for f in fw.FRAMEWORKS for q in f.logout_views}
_SUPER_METHODS = frozenset().union(*(f.super_methods for f in fw.FRAMEWORKS))
_AUTH_SIGNALS = frozenset().union(*(f.auth_signals for f in fw.FRAMEWORKS))
_SIGNAL_RECEIVERS = frozenset().union(*(f.signal_receivers for f in fw.FRAMEWORKS))
_AUTH_BACKENDS = frozenset().union(*(f.auth_backends for f in fw.FRAMEWORKS))
_REQUEST_AUTH_HOOKS = {base: methods for f in fw.FRAMEWORKS for base, methods in f.request_auth_hooks.items()}
_REQUEST_AUTH_METHODS = frozenset().union(*_REQUEST_AUTH_HOOKS.values())
_BACKEND_PROTOCOLS = tuple((f.auth_backend_protocol, f.packages) for f in fw.FRAMEWORKS if f.auth_backend_protocol)
_CONFIG_MARKERS = frozenset().union(*(f.config_markers for f in fw.FRAMEWORKS))
# `SESSION_ENGINE = "...signed_cookies"`: the setting naming a framework's engine.
_ENGINE_SETTINGS = {f.engine_setting: f for f in fw.FRAMEWORKS if f.engine_setting}
_CONFIG_METHODS = frozenset().union(*(f.config_methods for f in fw.FRAMEWORKS))
_EXTENSION_CLASSES = frozenset().union(*(f.extension_classes for f in fw.FRAMEWORKS))
# Session attributes whose assignment renews the id on some backend (SessionBackend.renewed_by).
_RENEWING_ATTRIBUTES = frozenset().union(*(f.backend.renewed_by for f in fw.FRAMEWORKS if f.backend is not None))
_COOKIE_DELETERS = frozenset().union(*(f.cookie_deleters for f in fw.FRAMEWORKS))
_PENDING = "pending"
_UNKNOWN = object()  # backend() has not been asked about this framework yet
# A group of events on a helper's session parameter (`def mark_admin(sess):
# sess["is_admin"] = True`): they happen only on a path whose call passes
# the caller's session in that parameter (Event.param, Event.inner).
VIA_PARAM = "via_param"
# Default session cookie names, and the frameworks whose they are.
_DEFAULT_SESSION_COOKIES = {}
for _framework in fw.FRAMEWORKS:
    if _framework.session_cookie:
        _DEFAULT_SESSION_COOKIES.setdefault(_framework.session_cookie, set()).add(_framework)
_CONFIG_CALLS = _CONFIG_METHODS | {q.rpartition(".")[2] for q in _EXTENSION_CLASSES}
# Every method name a test of _attribute_call looks for, whatever the
# receiver; the receivers it looks at whatever the name are a call
# (`super().save()`) and `self`.
# A project's own method named for a deletion (`delete_set(key)`, `remove_session(key)`).
_DELETE_PREFIXES = tuple(sorted(stores.DELETE_METHODS))
# Session methods that read a key's value.
_SESSION_READS = frozenset(("get", "pop"))
# A token library's calls that only delete its token cookies (Framework.cookie_unsetters):
# qualified name -> the cookie names; and its methods on a typed instance -> (token classes, names).
_COOKIE_UNSETTERS = {q: (f, names) for f in fw.FRAMEWORKS for q, names in f.cookie_unsetters.items()}
_UNSETTER_METHODS = {m: (f, names) for f in fw.FRAMEWORKS for m, names in f.cookie_unsetter_methods.items()}
_UNSETTER_NAMES = frozenset(q.rpartition(".")[2] for q in _COOKIE_UNSETTERS)
_ATTRIBUTE_CALLS = frozenset().union(
    _SESSION_METHODS, _REQUEST_SESSION_CALLS, ADDERS, (key[1] for key in _INTERFACE_REGENERATE), _COOKIE_DELETERS,
    ("set_cookie",), _STORE_METHODS, stores.SQL_RUN_METHODS, _UNSETTER_METHODS,
)


class Event:
    __slots__ = ("kind", "node", "framework", "key", "mechanism", "callee", "name", "scope", "binding",
                 "access", "session", "function", "restores", "via", "params", "param", "inner", "passes", "library")

    def __init__(self, kind, node, framework=None, key=None, mechanism=None, callee=None, access=None,
                 session=None):
        self.kind = kind
        self.node = node  # where it happens (a statement or call)
        self.framework = framework  # the Framework (or session library, or fw.HAND_ROLLED) it runs on
        self.key = key  # the identity key or value named in messages
        self.mechanism = mechanism  # REGEN, INVALIDATE: which call did it
        self.callee = callee  # CALL: the FunctionDef
        self.access = access  # TOUCH: READ | WRITE | UPDATE | DELETE
        self.session = session  # the session expression acted on (`request.session`), if any
        self.function = None  # the FunctionDef it happens in
        self.name = None  # late-bound callee name (see LifecycleAnalysis.finish)
        self.scope = None
        self.binding = None
        self.restores = None  # TOUCH: the snapshot (`dict(session)`) this write puts back
        self.via = None  # the project helper (another module) whose call this event stands for
        # TOUCH write: (the function's parameters the written value comes
        # from, the key as a message shows it) — a binding when a login
        # passes a verified user record in those parameters (`carried`).
        self.params = None
        self.param = None  # VIA_PARAM: the session parameter; inner: its events
        self.inner = None
        # CALL: the sessions the call passes, ((position or keyword, None for
        # the caller's session or the caller's own session parameter, the
        # framework whose session it is), ...).
        self.passes = None
        self.library = None  # COOKIE_DELETE by a token library's call (`unset_jwt_cookies`): that library

    def __repr__(self):  # pragma: no cover - debugging aid
        extra = self.key or self.mechanism or getattr(self.callee, "name", "") or ""
        return f"<Event {self.kind} {self.framework or ''} {extra} line {self.node.lineno}>"


def _names_state(expr):
    """A value named or keyed `state` (`request.args.get("state")`,
    `request.args["state"]`, a local `state`): the OAuth state a callback
    is given back."""
    if expr.__class__ is ast.Name:
        return expr.id.lower() == "state"
    read = keyed_read(expr)
    return read is not None and read[1].__class__ is ast.Constant and read[1].value == "state"


def _holds_a_session(ctx, name):
    """A local bound to an attribute named like a session (`s = request.session`),
    or to the session a middleware put in the WSGI environ (`s =
    request.environ["beaker.session"]`)."""
    binding = ctx.binding(name)
    value = binding.value if binding is not None and binding.kind == sc.ASSIGN else None
    if value.__class__ is ast.Attribute:
        return "sess" in value.attr.lower()
    return value.__class__ in (ast.Subscript, ast.Call) and fw.environ_session(value) is not None


class LifecycleAnalysis(Analysis):
    keywords = guard.KEYWORDS
    requires = (HandlerAnalysis, OriginAnalysis)

    @classmethod
    def wanted(cls, text, config):
        """The keywords, and then a function that can be a login handler
        with a binding on its path, or a logout handler (lifecycle_guard):
        SFX101 and SFX102 judge nothing else. The binding's project fact is
        asked last: most logins spell theirs."""
        if text is None:
            return True
        if not (super().wanted(text, config) or guard.logout_named(text, config)):
            return False
        login = guard.login_possible(text, config)
        if login and guard.bind_spelled(text):
            return True
        # (bind_possible's spelled half has just answered no)
        return guard.logout_possible(text, config) or (login and guard.binding_helper_imported(text))

    def __init__(self, ctx, analyses):
        super().__init__(ctx, analyses)
        self.handlers = analyses[HandlerAnalysis]
        self.origins = analyses[OriginAnalysis]
        self.events = {}  # FunctionDef -> [Event], source order
        self.scopes = {}  # FunctionDef -> its Scope (for functions with events)
        self.functions = []  # FunctionDefs in source order
        self.flask_session_config = False  # SESSION_TYPE / Session(app) seen
        self.cookie_engines = set()  # frameworks whose cookie engine a setting names (SESSION_ENGINE)
        self.has_store = False  # a hand-rolled store keyed by session ids
        self._record_providers = {}  # FunctionDef -> origin of the key of the store record it returns
        # (holder, attribute) -> origin of the key of the store record a method or hook keeps there
        # (`self.session = STORE.getSession(sid)`, `g.session_data = ...`): _kept_record
        self._kept_records = {}
        # (FunctionDef, local name) -> origin of the key of the store record assigned to it, as its key
        # was when assigned (`sessionData = STORE.getSessionData(sessionId)`): _keep_record
        self._record_locals = {}
        self.test_client_seen = False  # app.test_client() / client.session_transaction()
        config = ctx.config
        self._regenerators = frozenset(config.regenerators)
        self._regenerator_names = frozenset(n.rpartition(".")[2] for n in config.regenerators)
        self._late = []  # events whose callee may be redefined later in the module
        self.paths = None  # HandlerPaths, filled by lifecycle_paths.paths_of()
        # Receivers of Django's user_logged_in/user_logged_out signals: they
        # run inside login()/logout(), after the key was cycled or before
        # the session is flushed, so they are never judged as handlers.
        self.signal_receivers = set()
        # Methods of the module's authentication backends (a ModelBackend
        # subclass's authenticate()): the framework calls them inside the
        # handler that signs the user in, so they are no handlers either.
        self.backend_methods = set()
        # Methods a framework calls on every request to find the user
        # (_REQUEST_AUTH_HOOKS): logins by what they do only (a second factor
        # checked there), never by their name.
        self.request_hooks = set()
        self._backend_classes = {}  # ClassDef -> derives from an authentication backend
        self._aliases = _session_aliases(ctx.tree)
        self.records = VerifiedRecords(ctx, is_verifier)
        # Methods the module's own session classes define (`def regenerate`
        # in `class RotatingSession(SecureCookieSession)`): trusted.
        self.project_methods = set()
        self._snapshots = set()  # value nodes of `old = dict(session)`
        self._token_cookies = {}  # cookie name -> the module sets it with a token's value (_set_with_token)
        self._method_profiles = {}  # FunctionDef of a method of a module class -> its profile (_own_class_method)
        self._plain_classes = None  # whether the module defines a class at its top level (_own_class_method)
        self._names = None  # `module.name` the file imports, when asked (_imported_names)
        self._defined = None  # names a def or class anywhere in the file binds, when asked (_defined_names)
        # backend()'s answers once the walk is over (finish): what they rest
        # on (the file's imports, its configuration facts, the project) is
        # final then, and every binding a rule judges asks again.
        self._backends = None
        self._param_sessions = {}  # id(Name) -> parameter: a helper's session parameter (`sess`)

    def subscribe(self, walker):
        walker.on(ast.FunctionDef, self.visit_function)
        walker.on(ast.AsyncFunctionDef, self.visit_function)
        walker.on(ast.Call, self.visit_call)
        walker.on(ast.Assign, self.visit_assign)
        walker.on(ast.AnnAssign, self.visit_assign)
        walker.on(ast.AugAssign, self.visit_augassign)
        walker.on(ast.Delete, self.visit_delete)
        walker.on(ast.Subscript, self.visit_subscript)
        walker.on(ast.Compare, self.visit_compare)
        walker.on(ast.ClassDef, self.visit_class)
        walker.on(ast.For, self.visit_for)
        walker.on(ast.Return, self.visit_return)

    # -- file-level facts -----------------------------------------------
    @property
    def uses_test_client(self):
        return self.test_client_seen or self.ctx.imports(*auth.TEST_CLIENT_MODULES)

    def uses(self, library):
        """Whether this file's sessions run on a session library (one that
        extends a framework): imported, named by the `session-backends`
        option, or marked by its configuration (`SESSION_TYPE`). The marks
        count only where the library runs the file's framework: not in a
        Quart module for Flask-Session (Framework.serves_variants)."""
        ctx = self.ctx
        if ctx.imports(*library.packages) or library.option in ctx.config.session_backends:
            return True
        if not library.serves_variants and library.extends.label_in(ctx) != library.extends.label:
            return False
        if ctx.project is not None and not any(ctx.project_imports(package) for package in library.packages):
            # `SESSION_TYPE = "redis"` in an application that never imports Flask-Session (a
            # tutorial's config kept after the extension was dropped): Flask ignores the key, and
            # the default signed-cookie session runs (Caua-miguel/flask_login, Tugasakhir).
            return False
        return bool((library.config_markers and self.flask_session_config) or self._project_uses(library))

    def _project_uses(self, library):
        """Whether the project model says the library is set up elsewhere in
        the project (Flask-Session's `Session(app)` in the app factory)."""
        project = self.ctx.project
        return bool(library.project_marker and project is not None and library.project_marker in project.markers)

    def backend(self, framework):
        """The SessionBackend an event of `framework` runs on in this file."""
        if framework is None:
            return None
        known = self._backends
        if known is None:  # the walk is not over: nothing kept
            return self._backend(framework)
        found = known.get(framework, _UNKNOWN)
        if found is _UNKNOWN:
            found = known[framework] = self._backend(framework)
        return found

    def _backend(self, framework):
        base = framework.extends or framework  # Flask-Login's session is Flask's
        for library in fw.FRAMEWORKS:
            if library.extends is base and library.backend is not None and self.uses(library):
                return self._variant(library) or library.backend
        project = self.ctx.project
        if base.interface_backend is not None and getattr(project, "keyed_interface", False):
            # The application's own server-side session interface, and its session class's methods.
            return with_own_regeneration(base.interface_backend, project.session_methods)
        if base.cookie_backend is not None and (
            base in self.cookie_engines or base.cookie_option in self.ctx.config.session_backends
        ):
            return base.cookie_backend  # Django's signed_cookies engine
        variant = self._variant(base)
        if variant is None and base.backend is not None and base.backend.key in _VARIANT_OWNERS:
            # aiohttp's session is aiohttp-session's (`request.session = await get_session(request)` in
            # a project middleware, aiohttp_site): on the storage the application sets up.
            variant = self._variant(_VARIANT_OWNERS[base.backend.key])
        if variant is not None:
            return variant
        for _, backend in base.backend_variants:  # named by the `session-backends` option
            if fw.backend_option(backend) in self.ctx.config.session_backends:
                return backend
        return base.backend

    def _variant(self, framework):
        """The backend variant of a framework or session library
        (Framework.backend_variants: aiohttp-session's storages, starsessions'
        CookieStore) that the file itself imports, else the one the project
        modules next to it import, else any of its application's; or None."""
        for imported in (self._imported_here, self._imported_nearby, self.ctx.project_imports):
            for module, backend in framework.backend_variants:
                if imported(module):  # unless the project's code sets it elsewhere (session.type "cookie")
                    project = self.ctx.project
                    return framework.backend_set_by(module, backend, project.backend_settings) if project else backend
        return None

    def _imported(self, module):
        """Whether this file, or the application it belongs to (the project
        model), imports `module` (a module or a name in one) or a submodule
        of it."""
        if self.ctx.imports(module) or module in self._imported_names():
            return True
        return self.ctx.project_imports(module)

    def _imported_here(self, module):
        return self.ctx.imports(module) or module in self._imported_names()

    def _imported_nearby(self, module):
        project = self.ctx.project
        return project is not None and module in project.nearby_backends

    def _imported_names(self):
        """`module.name` for every `from module import name` in the file."""
        if self._names is None:
            self._module_names()
        return self._names

    def _defined_names(self):
        """The names any `def` or `class` of the file binds, wherever it
        stands: the only names whose final binding (finish) can be a
        function or class (the walker binds those kinds for defs and
        classes alone)."""
        if self._defined is None:
            self._module_names()
        return self._defined

    def _module_names(self):
        defined, imported = set(), set()
        tree = self.ctx.tree
        for statement in (tree.body if tree.__class__ is ast.Module else (tree,)):
            names = kept(statement, "lifecycle names", _statement_names)
            defined.update(names[0])
            imported.update(names[1])
        self._defined, self._names = frozenset(defined), frozenset(imported)

    def server_side_backend(self):
        """The backend whose record outlives a deleted cookie, if any."""
        if self.has_store:
            return fw.HAND_ROLLED.backend
        for library in fw.FRAMEWORKS:
            backend = library.backend
            if library.extends is not None and backend is not None and backend.server_side and self.uses(library):
                return backend
        for framework in fw.FRAMEWORKS:
            backend = self.backend(framework) if framework.extends is None else None
            if (backend is not None and backend.server_side
                    and framework.packages and self.ctx.imports(*framework.packages)
                    and self.session_set_up(framework)):  # aiohttp without aiohttp-session has no session
                return backend
        return None

    def session_backend_in_use(self):
        """The backend of the framework session the file uses (reads,
        writes, clears), or, in a Flask or Starlette file that uses none, of
        the session whose default cookie (`session`) a handler deletes; else
        None. A logout that only deletes that cookie never ends the session,
        whatever the backend (RULES.md Revision 2)."""
        for events in self.events.values():
            for event in events:
                if event.framework is not None and event.framework is not fw.HAND_ROLLED:
                    return self.backend(event.framework)
        for events in self.events.values():
            for event in events:
                if event.kind == COOKIE_DELETE and event.key in _DEFAULT_SESSION_COOKIES:
                    framework = fw.file_web_framework(self.ctx)
                    if (framework is not None and framework in _DEFAULT_SESSION_COOKIES[event.key]
                            and self.session_set_up(framework)):
                        return self.backend(framework)
        return None

    def session_set_up(self, framework):
        """fw.session_set_up, with the names the file's imports bind
        anywhere in it (`from starlette.middleware import sessions`)."""
        return fw.session_set_up(self.ctx, framework, lambda module: module in self._imported_names())

    def own_cookie_by_default_name(self, name):
        """Whether the cookie `name` is the application's own although named
        like its framework's session cookie: the framework's session is not
        set up (a Litestar app that signs a user id into a cookie `session`
        itself), nor is the name configured as a session cookie."""
        framework = fw.file_web_framework(self.ctx)
        return (framework is not None and name == framework.session_cookie and not self.session_set_up(framework)
                and name.lower() not in self.ctx.config.lowered("session_cookie_names"))

    def is_session_cookie(self, name):
        """The framework session's own cookie: a default name (`session`,
        `sessionid`), a configured one, or SESSION_COOKIE_NAME (None)."""
        return (name is None or name in _DEFAULT_SESSION_COOKIES
                or name.lower() in self.ctx.config.lowered("session_cookie_names"))

    def missing(self, event):
        """The session method an event calls that its backend does not have
        (`regenerate` for `session.regenerate()` on Flask's session), or
        None. A method the module's own session class defines is had."""
        method = session_method(event)
        if method is None or self._has_project_method(method):
            return None
        if event.framework is fw.HAND_ROLLED and self._session_library():
            return None  # tornasess's `self.session.destroy()`: a library fixlint does not know has its methods
        backend = self.backend(event.framework)
        return None if backend is None or method in backend.session_methods else method

    def _session_library(self):
        """Whether the module imports, at its top level, a package named for
        sessions that no framework or library fixlint knows is (`from
        tornasess import SessionCacheFactory`) and the project does not
        hold: the session object may be that library's, whose methods
        fixlint cannot tell."""
        found = self.ctx.kept.get(_SESSION_LIBRARY)
        if found is None:
            roots = set()
            for node in self.ctx.tree.body:
                if node.__class__ is ast.Import:
                    roots.update(alias.name.partition(".")[0] for alias in node.names)
                elif node.__class__ is ast.ImportFrom and not node.level and node.module:
                    roots.add(node.module.partition(".")[0])
            project = self.ctx.project
            # (and the application's other modules': runapp.py builds the library's factory
            # that the handlers' base class takes its sessions from)
            roots.update(name.partition(".")[0] for name in getattr(project, "imported", ()))
            folder = os.path.dirname(os.path.abspath(self.ctx.path))
            top = getattr(project, "root", None)
            found = self.ctx.kept[_SESSION_LIBRARY] = any(
                "sess" in root.lower() and root not in fw.PACKAGE_ROOTS and not _beside(folder, root, top)
                for root in sorted(roots))
        return found

    def project_method(self, event):
        """Whether the event calls a session method the module's own session
        class defines (trusted, like a configured regenerator)."""
        method = session_method(event)
        return method is not None and self._has_project_method(method)

    def _has_project_method(self, method):
        """A session method the module's own session classes define, or
        those of another module of the application (ProjectFacts.session_methods)."""
        if method in self.project_methods:
            return True
        project = self.ctx.project
        return project is not None and method in getattr(project, "session_methods", ())

    # -- recording --------------------------------------------------------
    def _session(self, expr):
        """The framework whose session `expr` is, or None. A cheap pre-test
        comes first: the expression ends in a name holding 'sess'
        (`session`, `web_session`, `request.session`) or an alias of
        Flask's session."""
        if expr.__class__ is ast.Name:
            maybe = "sess" in expr.id.lower() or expr.id in self._aliases or _holds_a_session(self.ctx, expr)
        elif expr.__class__ is ast.Attribute:
            maybe = "sess" in expr.attr.lower()
        elif expr.__class__ is ast.Subscript or expr.__class__ is ast.Call:
            return fw.environ_session(expr)  # `request.environ["beaker.session"]`
        else:
            return None
        if not maybe:
            return None
        framework = fw.session_object(self.ctx, expr)
        if framework is None and expr.__class__ is ast.Name:
            framework = self._parameter_session(expr)
        return framework

    def _parameter_session(self, expr):
        """The file's web framework when `expr` is a parameter of the
        function being walked named like a session (`def mark_admin(sess)`):
        its events count only where a call passes the caller's session in
        it (lifecycle_paths._flatten). RULES.md: a same-module helper called
        from a login handler is part of that handler's path."""
        function = self.ctx.function
        if function is None:
            return None
        binding = self.ctx.lookup(expr.id)
        if binding is None or binding.kind != sc.PARAM or binding.scope is not function.scope:
            return None
        framework = fw.file_web_framework(self.ctx)
        if framework is not None:
            self._param_sessions[id(expr)] = expr.id
        return framework

    def visit_function(self, node):
        self.functions.append(node)
        self.events[node] = []
        for decorator in node.decorator_list:  # @receiver(user_logged_in)
            if (decorator.__class__ is ast.Call and decorator.args
                    and self.ctx.qualname(decorator.func) in _SIGNAL_RECEIVERS
                    and self.ctx.qualname(decorator.args[0]) in _AUTH_SIGNALS):
                self.signal_receivers.add(node)
        if _AUTH_BACKENDS and self.ctx.in_class_body and self._is_backend(self.ctx.scope.node):
            self.backend_methods.add(node)
        elif node.name in _REQUEST_AUTH_METHODS and self.ctx.in_class_body and (
                node.name in self._request_hook_methods(self.ctx.scope.node)):
            self.request_hooks.add(node)  # Starlette's AuthenticationBackend.authenticate(conn)

    def _request_hook_methods(self, class_node, depth=0):
        """The methods of `class_node` its framework calls on every request
        to find the user (_REQUEST_AUTH_HOOKS), through the module's own
        classes between too."""
        found = set()
        for base in class_node.bases:
            methods = _REQUEST_AUTH_HOOKS.get(self.ctx.qualname(base))
            if methods is not None:
                found |= methods
                continue
            binding = self.ctx.binding(base)
            if (binding is not None and binding.kind == sc.CLASS and binding.value is not class_node
                    and depth < 8):
                found |= self._request_hook_methods(binding.value, depth + 1)
        return found

    def _is_backend(self, class_node, depth=0):
        """A class deriving from an authentication backend the frameworks
        name, directly or through the module's own classes."""
        known = self._backend_classes.get(class_node)
        if known is not None:
            return known
        found = False
        for base in class_node.bases:
            if self.ctx.qualname(base) in _AUTH_BACKENDS:
                found = True
                break
            binding = self.ctx.binding(base)
            if (binding is not None and binding.kind == sc.CLASS and binding.value is not class_node and depth < 8
                    and self._is_backend(binding.value, depth + 1)):
                found = True
                break
        if not found and _BACKEND_PROTOCOLS:
            defined = {n.name for n in class_node.body if n.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)}
            found = any(protocol <= defined and self.ctx.imports(*packages) for protocol, packages in _BACKEND_PROTOCOLS)
        self._backend_classes[class_node] = found
        return found

    def _add(self, event):
        function = self.ctx.function
        if function is None:
            return None
        event.function = function.node
        if self._param_sessions and event.framework is not None:
            session = event.session
            if session is None and event.node.__class__ is ast.Call and event.node.func.__class__ is ast.Attribute:
                session = event.node.func.value
            param = self._param_sessions.get(id(session)) if session is not None else None
            if param is not None:
                group = Event(VIA_PARAM, event.node)
                group.param, group.inner, group.function = param, [event], function.node
                event, inner = group, event
                self.events.setdefault(function.node, []).append(group)
                self.scopes.setdefault(function.node, function.scope)
                return inner
        self.events.setdefault(function.node, []).append(event)
        self.scopes.setdefault(function.node, function.scope)
        return event

    def _passes(self, node):
        """What `node` (a call) passes of the caller's session: see Event.passes."""
        found = []
        for index, arg in enumerate(node.args):
            if arg.__class__ is ast.Starred:
                break
            framework = self._session(arg)
            if framework is not None:
                found.append((index, self._param_sessions.get(id(arg)), framework))
        for keyword in node.keywords:
            framework = self._session(keyword.value) if keyword.arg is not None else None
            if framework is not None:
                found.append((keyword.arg, self._param_sessions.get(id(keyword.value)), framework))
        return tuple(found) or None

    def sessions_passed(self, event, sessions):
        """The parameters of a same-module helper a CALL event passes the
        session in, each with the framework whose session it is: the
        caller's own session, or one of the caller's session parameters in
        `sessions` (what its caller passed the session in; {parameter:
        framework})."""
        passes = event.passes
        if not passes:
            return _NO_PARAMS
        callee = event.callee
        positional = [a.arg for a in (*callee.args.posonlyargs, *callee.args.args)]
        call = event.node
        if positional and positional[0] in ("self", "cls") and call.func.__class__ is ast.Attribute:
            positional = positional[1:]
        found = {}
        for where, param, framework in passes:
            if param is not None:
                if param not in sessions:
                    continue
                framework = sessions[param]
            if where.__class__ is int:
                if where < len(positional):
                    found[positional[where]] = framework
            else:
                found[where] = framework
        return found or _NO_PARAMS

    # -- calls --------------------------------------------------------------
    def visit_call(self, node):
        func = node.func
        cls = func.__class__
        if cls is ast.Attribute:
            name = func.attr
            if name in auth.TEST_CLIENT_METHODS:
                self.test_client_seen = True
            elif name == "connect" and node.args:
                self._signal_connect(node, func)
            if self._attribute_call(node, func):
                return
        elif cls is ast.Name:
            name = func.id
        else:
            return
        if name in _CONFIG_CALLS:
            self._flask_session_call(node, name)
        if self.ctx.function is not None:
            self._named_call(node, func, name)

    def _signal_connect(self, node, func):
        """`user_logged_in.connect(handler)`."""
        if self.ctx.qualname(func.value) not in _AUTH_SIGNALS:
            return
        binding = self.ctx.binding(node.args[0]) if node.args[0].__class__ is ast.Name else None
        if binding is not None and binding.kind == sc.FUNCTION:
            self.signal_receivers.add(binding.value)

    def _attribute_call(self, node, func):
        """Method calls on sessions, stores, responses. True when handled."""
        ctx = self.ctx
        attr = func.attr
        receiver = func.value
        own = False  # a method the project's own session class renews the id with (`set_session_user`)
        if attr == "pop" and node.args and self._request_cookies(receiver):
            self._cookie_deletion(node, node.args[0], REQUEST_COOKIES)  # `request.cookies.pop("token")`
            return True
        if attr in _ORM_ENDINGS and ctx.function is not None and self._ends_cookie_rows(node, receiver, attr):
            self._add(Event(INVALIDATE, node, fw.HAND_ROLLED))
            return True
        if (attr not in _ATTRIBUTE_CALLS and node.args and attr.lower().startswith(_DELETE_PREFIXES)
                and fw.words(attr)[0] in stores.DELETE_METHODS and self._session_held_id(node.args[0])):
            # `redis_service.delete_set(f"session:{sid}")`: a method of the project's own that deletes
            # the record keyed by the id the session holds.
            self._add(Event(INVALIDATE, node, fw.HAND_ROLLED))
            return True
        if attr not in _ATTRIBUTE_CALLS and receiver.__class__ is not ast.Call and (
                receiver.__class__ is not ast.Name or receiver.id != "self"):
            own = self._has_project_method(attr)
            if not own:
                return False  # no test below can pass (most method calls): a few set lookups, not eight tests
        framework = self._session(receiver) if own or attr in _SESSION_METHODS else None
        if framework is not None:
            self._session_method(node, framework, attr)
            return True
        if attr in _REQUEST_SESSION_CALLS and self._request_session_call(node, receiver, attr):
            return True
        if attr in ADDERS and node.args and ctx.function is not None and self._added(node, receiver):
            return True
        library = _INTERFACE_REGENERATE.get((receiver.attr, attr)) if receiver.__class__ is ast.Attribute else None
        if library is not None:  # app.session_interface.regenerate(session)
            self._add(Event(REGEN, node, library.extends or library, mechanism=library.regenerate_mechanism))
            return True
        if attr in _COOKIE_DELETERS and (node.args or node.keywords):
            # `delete_cookie("token")`, `delete_cookie(key="token")` (Werkzeug, Django,
            # Starlette), `del_cookie(name="token")` (aiohttp), `unset_cookie(name=...)` (Falcon)
            name_expr = node.args[0] if node.args else (_keyword(node, "key") or _keyword(node, "name"))
            if name_expr is not None:
                self._cookie_deletion(node, name_expr)
                return True
        if attr in _UNSETTER_METHODS and ctx.function is not None and self._unsets_token_cookies(node, receiver, attr):
            return True
        if attr == "set_cookie" and _expires_now(node, self.ctx):
            self._cookie_deletion(node, node.args[0] if node.args else _keyword(node, "key"))
            return True
        if attr in _STORE_METHODS and self._store_call(node, receiver, attr):
            return True
        if attr in stores.SQL_RUN_METHODS and node.args and _deletes_session_rows(node.args[0], ctx):
            # `cursor.execute("DELETE FROM sessions WHERE token = ?", (token,))`
            self._add(Event(INVALIDATE, node, fw.HAND_ROLLED))
            return True
        if receiver.__class__ is ast.Call and receiver.func.__class__ is ast.Name and receiver.func.id == "super":
            return self._super_call(node, attr)
        if receiver.__class__ is ast.Name and receiver.id == "self" and ctx.function is not None:
            method = self.ctx.own_method(attr)
            if method is not None:
                if node.args and checks_credentials(ctx, node):
                    # `self.wrap_plugin_error(plugin.authenticate_credentials, ...)`: runs the check it is handed
                    self._add(Event(VERIFY, node))
                    self.records.checked(node)
                event = self._add(Event(CALL, node, callee=method))
                if event is not None and (node.args or node.keywords):
                    event.passes = self._passes(node)
                return True
        return False

    def _session_method(self, node, framework, attr):
        session = node.func.value
        if attr == "clear":
            mechanism = f"clear:{framework.key}"
            self._add(Event(REGEN, node, framework, mechanism=mechanism, session=session))
            self._add(Event(INVALIDATE, node, framework, mechanism=mechanism, session=session))
        elif attr in framework.session_regenerate_methods | framework.session_invalidate_methods:
            if attr in framework.keyed_session_methods and _names_another_session(node, session):
                return  # `request.session.delete("user")`: the session stored under "user" is deleted
            if attr in framework.session_regenerate_methods:
                self._add(Event(REGEN, node, framework, mechanism=f"cycle:{framework.key}"))
            if attr in framework.session_invalidate_methods:
                self._add(Event(INVALIDATE, node, framework))
        elif attr in SESSION_LIFECYCLE_METHODS or self._has_project_method(attr):
            # `session.regenerate()`, `session.invalidate()`: whether the
            # backend has the method is judged once the file's backend is known.
            # A method the project's own session class renews the id with
            # (Indico's `session.set_session_user(user)`, response_classes.
            # session_methods) is trusted as one.
            mechanism = METHOD + attr
            self._add(Event(REGEN, node, framework, mechanism=mechanism, session=session))
            if attr in INVALIDATE_METHODS:
                self._add(Event(INVALIDATE, node, framework, mechanism=mechanism, session=session))
        elif attr in _WRITE_METHODS:
            restored = self._update_restores(node) if attr == "update" and self._snapshots else None
            key = _written_identity(node, self.ctx)
            if restored is not None:  # session.update(old), session.update(**old)
                event = self._add(Event(TOUCH, node, framework, access=WRITE, session=session))
                if event is not None:
                    event.restores = restored
            elif key is not None:
                self._add(Event(BIND, node, framework, key=key, session=session))
            else:
                written = literal_key(node.args[0], self.ctx) if attr == "setdefault" and node.args else None
                access = UPDATE if attr == "setdefault" else WRITE
                self._add(Event(TOUCH, node, framework, key=written, access=access, session=session))
        elif attr in _REMOVE_METHODS:
            key = _removed_key(node.args[0], self.ctx) if node.args else None
            kind = _removal(key, self.ctx.config)
            self._add(Event(kind, node, framework, key=key, access=DELETE, session=session))
        else:  # get, keys, ...: a read, of an identity key when it names one
            key = literal_key(node.args[0], self.ctx) if node.args else None
            self._add(Event(TOUCH, node, framework, key=key, access=READ, session=session))

    def _request_session_call(self, node, receiver, attr):
        """`request.clear_session()` (a clear) and `request.set_session({...})`
        (a write of the whole session), where the request's framework has them."""
        framework = fw.request_object(self.ctx, receiver)
        action = framework.request_session_calls.get(attr) if framework is not None else None
        if action == "clear":
            mechanism = f"clear:{framework.key}"
            self._add(Event(REGEN, node, framework, mechanism=mechanism))
            self._add(Event(INVALIDATE, node, framework, mechanism=mechanism))
        elif action == "write":
            key = _written_identity(node, self.ctx)
            if key is not None:
                self._add(Event(BIND, node, framework, key=key))
            else:
                self._add(Event(TOUCH, node, framework, access=WRITE))
        return action is not None

    def _super_call(self, node, attr):
        """`super().form_valid(form)` in a LoginView/LogoutView subclass."""
        function = self.ctx.function
        if function is None or function.class_node is None or attr not in _SUPER_METHODS:
            return False
        for base in function.class_node.bases:
            qualname = self.ctx.qualname(base)
            if qualname in _LOGIN_VIEWS:
                framework = _LOGIN_VIEWS[qualname]
                self._add(Event(REGEN, node, framework, mechanism=framework.regenerate_mechanism))
                return True
            if qualname in _LOGOUT_VIEWS:
                self._add(Event(INVALIDATE, node, _LOGOUT_VIEWS[qualname]))
                return True
        return False

    def _named_call(self, node, func, name):
        ctx = self.ctx
        if checks_credentials(ctx, node) or project_verifier(ctx, node):
            self._add(Event(VERIFY, node))
            self.records.checked(node)
        binding = ctx.binding(func) if func.__class__ is ast.Name else None
        if binding is not None and binding.kind == sc.FUNCTION:
            event = self._add(Event(CALL, node, callee=binding.value))
            if event is not None and (node.args or node.keywords):
                event.passes = self._passes(node)
            return
        if self._project_helper(node, func, binding):
            return
        if func.__class__ is ast.Attribute and self._own_class_method(node, func):
            return
        if binding is not None and binding.kind == sc.CLASS:
            return  # a local class named `login` is not Django's login()
        if name in _UNSETTER_NAMES:
            unset = _COOKIE_UNSETTERS.get(binding.qualname if binding is not None and binding.kind == sc.IMPORT
                                          else ctx.qualname(func))
            if unset is not None:  # flask-jwt-extended's `unset_jwt_cookies(response)`
                if name in unset[0].logout_hooks and name in getattr(ctx.project, "signout_hooks", ()):
                    return  # Pyramid's forget() runs the project's own policy's forget(), judged there
                self._token_cookies_unset(node, *unset, name)
                return
        event = self._framework_call(func, name, binding)
        late = func.__class__ is ast.Name and (binding is None or binding.scope.kind == sc.MODULE)
        if event is None:
            if not late:
                return
            if name not in self._defined_names():
                # No def or class of this name anywhere in the file: finish()
                # can only drop the pending event (see there). Only what
                # adding it would have left behind is kept.
                self.events.setdefault(ctx.function.node, [])
                self.scopes.setdefault(ctx.function.node, ctx.function.scope)
                return
            event = Event(_PENDING, node)  # maybe a function defined further down
        event.node = node
        if late:
            event.name, event.scope, event.binding = name, ctx.scope, binding
            self._late.append(event)
            if node.args or node.keywords:
                event.passes = self._passes(node)
        self._add(event)

    def _project_helper(self, node, func, binding):
        """A call to a function another module of the project defines that
        binds, removes or regenerates (the project model's profile of it):
        its events happen at the call (RULES.md, Revision 2, "Where
        cross-module findings go"). True when handled."""
        project = self.ctx.project
        if project is None or not project.helpers or (binding is not None and binding.kind != sc.IMPORT):
            return False
        qualname = self.ctx.qualname(func)
        if qualname is None and func.__class__ is ast.Attribute:
            qualname = self._instance_method(func)
        profile = project.helpers.get(qualname) if qualname else None
        if profile and profile.get("reads") and not profile.get("events"):
            # `token = get_access_token(request)`: the session's identity key read, at the call
            framework, key = self._profile_framework(profile["reads"][0]), profile["reads"][1]
            if framework is None:
                return False
            self._add(Event(TOUCH, node, framework, key=key, access=READ))
            return True
        if not profile or not profile.get("events"):
            return False
        return self._profile_events(node, qualname.rpartition(".")[2], profile)

    def _profile_framework(self, key):
        """The Framework a profile's framework key names; "request" (a
        helper naming no framework, given the request) is this file's."""
        return fw.BY_KEY.get(key) or (fw.file_web_framework(self.ctx) if key == REQUEST_KEY else None)

    def _own_class_method(self, node, func):
        """A call of a method of a plain class this module defines, on an
        instance (`SessionRepo(request).save_user(uid)`, `repo =
        SessionRepo(request); repo.save_user(uid)`, a parameter annotated
        with the class) whose method acts on the session of the request the
        instance keeps (`self.request.session["user_id"] = uid`) or on the
        module's session object: its events happen at the call, as a
        project helper's do (functions.plain_method_profile). True when
        handled."""
        if self._plain_classes is None:  # (most modules define none: a look at the top level, once)
            self._plain_classes = any(node.__class__ is ast.ClassDef for node in self.ctx.tree.body)
        class_node = self._instance_class(func) if self._plain_classes else None
        if class_node is None:
            return False
        method = next((m for m in class_node.body if m.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)
                       and m.name == func.attr), None)
        if method is None:
            return False
        profile = self._method_profiles.get(method)
        if profile is None:
            profile = self._method_profiles[method] = plain_method_profile(self.ctx.tree, class_node, method) or {}
        if not profile.get("events"):
            return False
        return self._profile_events(node, func.attr, profile)

    def _instance_class(self, func):
        """The ClassDef (of this module, at its top level) of the instance
        `func`'s method is called on, or None."""
        made = self._instance_maker(func)
        if made.__class__ is not ast.Name:
            return None
        binding = self.ctx.binding(made)
        if binding is None or binding.kind != sc.CLASS or binding.scope.kind != sc.MODULE:
            return None
        return binding.value

    def _parameter_class(self, name):
        """The class a parameter is annotated with (`repo: SessionRepo =
        Depends(get_repo)`, `Annotated[SessionRepo, Depends(...)]`), else None."""
        binding = self.ctx.binding(name)
        if binding is None or binding.kind != sc.PARAM or binding.value is None:
            return None
        annotation = binding.value
        if annotation.__class__ is ast.Subscript and annotation.slice.__class__ is ast.Tuple and annotation.slice.elts:
            annotation = annotation.slice.elts[0]
        return annotation if annotation.__class__ in (ast.Name, ast.Attribute) else None

    def _profile_events(self, node, helper, profile):
        """The events of a helper's profile (a function or method another
        module of the project defines, or a method of a class of this one),
        at its call `node`. True when handled."""
        # A helper named like a handler (CTFd's `login_user`) is judged here:
        # its own module leaves it to its callers (lifecycle_paths) when a
        # module like this one imports it (ProjectFacts.exported), unless it
        # is a view there, judged as one.
        config = self.ctx.config
        copied = self._library_logout_call(helper, profile["events"])
        if copied is not None:
            copied.node, copied.via = node, helper
            self._add(copied)
            return True
        if (profile.get("view") or profile.get("instance") or not _may_defer_to(self.ctx.path)) and (
                _named_like_handler(helper, config)):
            # Judged in its own module; what it regenerates still happens at this call (askbot's
            # `return finalize_generic_signin(request, user)`, whose auth.login() cycles the key).
            web = fw.file_web_framework(self.ctx)
            for entry in profile["events"]:
                if entry[0] in ("call", "clear", "method"):
                    for event in _helper_events(entry, config, web, self._has_project_method):
                        if event.kind in (REGEN, INVALIDATE):
                            event.node, event.via = node, helper
                            self._add(event)
            return False
        handled = False
        web = fw.file_web_framework(self.ctx)
        for entry in profile["events"]:
            kind = entry[0]
            if kind != "call" and entry[1].__class__ is list:
                # The helper's session is its parameter: the session this call passes, if any.
                argument = _argument(node, entry[1])
                framework = self._session(argument) if argument is not None else None
                if framework is None:
                    continue
                entry = [kind, framework, *entry[2:]]
            if kind == "delete_cookie":
                # `delete_secure_cookie(resp)`: the helper deletes the cookie on the caller's response.
                name = entry[1]
                events = (Event(COOKIE_DELETE, None, key=name),) if name.__class__ is str and (
                    self._deletes_credential(name) or (len(entry) > 2 and names_credential_constant(entry[2]))) else ()
            elif kind == "keyed" or kind == "carry":
                events = self._argument_events(node, entry)
            elif kind == "end_store" and len(entry) > 2 and not self._fresh_key(entry[2]):
                continue  # a record keyed by a session value that is not the session's id (`user_id`)
            else:
                events = _helper_events(entry, config, web, self._has_project_method)
                handled = handled or kind != "own"  # a method the project does not define: nothing happened
            for event in events:
                event.node, event.via = node, helper
                self._add(event)
                handled = True
        return handled

    def _instance_method(self, func):
        """`mapper.set_user2session` with `mapper = UserMapper(...)`, or
        `UserMapper(...).set_user2session`, UserMapper a class another module
        of the project defines: the method's qualified name (its profile is
        `Class.method`: functions._method_profiles), else None."""
        maker = self._instance_maker(func)
        made = self.ctx.qualname(maker) if maker is not None else None
        return f"{made}.{func.attr}" if made is not None else None

    def _instance_maker(self, func):
        """The class expression of the instance `func`'s method is called on:
        `UserMapper` of `UserMapper(...).m`, of `mapper = UserMapper(...);
        mapper.m`, of a parameter annotated `repo: UserMapper`; else None."""
        owner = func.value
        if owner.__class__ is ast.Name:
            annotation = self._parameter_class(owner)
            if annotation is not None:
                return annotation
            owner = self.ctx.value_of(owner)
        if owner.__class__ is ast.Await:
            owner = owner.value
        return owner.func if owner.__class__ is ast.Call else None

    def _library_logout_call(self, helper, entries):
        """The event a call of a project helper that copies a library's
        logout call (library_logout) is, or None."""
        removals = [entry for entry in entries if entry[0] == "remove"]
        qualname = library_logout(helper, {entry[2] for entry in removals}) if removals else None
        if qualname is None:
            return None
        acted = removals[0][1]  # a framework key, or the helper's session parameter
        framework = fw.BY_KEY.get(acted) if acted.__class__ is str else None
        return library_logout_event(qualname, framework or fw.file_web_framework(self.ctx))

    def _argument_events(self, node, entry):
        """What a project helper's write judged at the call does here
        (functions.py: "keyed", "carry"): a binding when the call passes an
        identity key name (`set_flag(session, "is_admin")`), or, for a
        write of the parameter's value, a verified user record."""
        config = self.ctx.config
        framework = entry[1] if entry[1].__class__ is not str else self._profile_framework(entry[1])
        if framework is None:
            return ()
        if entry[0] == "keyed":
            argument = _argument(node, entry[2])
            key = literal_key(argument, self.ctx) if argument is not None else None
            if key is None or not is_identity_key(key, config) or _says_what_else(key, config):
                return ()
            if entry[3]:
                return (Event(_removal(key, config), None, framework, key=key, access=DELETE),)
            return (Event(BIND, None, framework, key=key),)
        key, argument, shown = entry[2], _argument(node, entry[3]), entry[4]
        if argument is None or _says_what_else(key, config):
            return ()
        named = literal_key(argument, self.ctx)
        if named is not None and is_identity_key(named, config):
            return (Event(BIND, None, framework, key=named),)
        if self.records.holds_record(argument):
            return (Event(BIND, None, framework, key=shown, mechanism=RECORD),)
        if key is not None and is_identity_key(key, config):
            return (Event(BIND, None, framework, key=key),)
        return ()

    def _framework_call(self, func, name, binding):
        """A REGEN/BIND/INVALIDATE/DELEGATE event for a call to code outside
        this module, or None."""
        ctx = self.ctx
        qualname = None
        if binding is not None and binding.kind == sc.IMPORT:
            qualname = binding.qualname  # `login_user as flask_login_user`
            name = qualname.rpartition(".")[2]
        elif name in _FRAMEWORK_CALLEES or name in self._regenerator_names:
            qualname = ctx.qualname(func)
        if qualname is not None:
            found = _SESSION_CALLS.get(qualname)
            if found is not None and not self._reaches_session(qualname):
                found = None  # aiohttp-security's remember() under a cookie or JWT policy
            if found is not None:
                kind, framework, mechanism = found
                if kind == BIND:
                    return Event(BIND, None, framework, key=f"{qualname.rpartition('.')[2]}()")
                if kind == TOUCH:
                    return Event(TOUCH, None, framework, access=WRITE)
                if kind == COOKIE_DELETE:  # `cherrypy.lib.sessions.expire()`: the session cookie, in the browser
                    return Event(COOKIE_DELETE, None, framework, key=framework.session_cookie)
                return Event(kind, None, framework, mechanism=mechanism)
        if self._regenerators and (qualname in self._regenerators or name in self._regenerators):
            return Event(REGEN, None, mechanism="configured")
        if _REGENERATE_PHRASES.in_name(name):
            return Event(REGEN, None, mechanism="named")
        if _INVALIDATE_PHRASES.in_name(name) and not fw.is_class_name(name):
            return Event(DELEGATE, None)  # (`LogoutController()` builds an object: it ends nothing)
        return None

    def _reaches_session(self, qualname):
        """Whether a library call acts on the session here: always, unless
        its library names the policy that makes it (`session_policy`) and
        neither this file nor its application imports that policy."""
        policy = _POLICIES.get(qualname)
        return not policy or any(self._imported(name) for name in policy)

    def _flask_session_call(self, node, name):
        """`Session(app)` / `app.config.update(SESSION_TYPE=...)`."""
        if name in _CONFIG_METHODS and any(k.arg in _CONFIG_MARKERS for k in node.keywords):
            self.flask_session_config = True
        elif self.ctx.qualname(node.func) in _EXTENSION_CLASSES:
            self.flask_session_config = True

    # -- hand-rolled stores -------------------------------------------------
    def _store_call(self, node, receiver, attr):
        ctx = self.ctx
        if attr in stores.RECORD_UPDATE_METHODS:
            # SESSIONS[sid].update(user_id=...): a write into the record.
            record = self._store_record(receiver)
            if record is None:
                return False
            origin = self._store_origin(*record)
            if origin is None:
                return False
            key = _written_identity(node, ctx)
            self._store_write(node, origin, key)
            return True
        if not node.args:
            return False
        if attr in stores.DELETE_METHODS and (receiver.__class__ is ast.Subscript or (
                is_cookie_read(self._kept_record(receiver)))):
            # SESSIONS[sid].pop("user_id"), self.session.pop("user_id"): one field of the record.
            if receiver.__class__ is ast.Subscript and self._store_origin(receiver.value, receiver.slice) is None:
                return False
            key = literal_key(node.args[0], ctx)
            kind = _removal(key, self.ctx.config)
            self._add(Event(kind, node, fw.HAND_ROLLED, key=key))
            return True
        origin = self._store_origin(receiver, node.args[0])
        if origin is None:
            if attr in stores.DELETE_METHODS and self._session_held_id(node.args[0]):
                self._add(Event(INVALIDATE, node, fw.HAND_ROLLED))  # STORE.pop(f"session:{sid}")
                return True
            return False
        if attr in stores.DELETE_METHODS:
            self._add(Event(INVALIDATE, node, fw.HAND_ROLLED))
        elif attr in stores.WRITE_METHODS:
            self._store_write(node, origin, _store_value_identity(node, attr, ctx))
        return True

    def _ends_cookie_rows(self, node, receiver, attr):
        """Whether an ORM call deletes or deactivates the rows a lookup by the
        request cookie's value finds: the app's own session table, ended at
        logout (EasyTips: `Session.objects.filter(uuid=sid).delete()`,
        `.update(is_active=False)`, `row = ...get(uuid=sid)` then
        `row.delete()`, or `row.is_active = False` then `row.save()`)."""
        if attr in ("update", "aupdate", "values"):
            # `.update(is_active=False)`; SQLAlchemy's `update(Row).where(...).values(revoked=True)`
            if not any(k.arg is not None and _switched_off(k.value, k.arg) for k in node.keywords):
                return False
        elif node.args or (node.keywords and attr not in ("save", "asave")):  # save(update_fields=[...])
            return False
        saved = attr in ("save", "asave")
        if receiver.__class__ is ast.Name:
            rows = self.ctx.value_of(receiver)
        elif saved:
            return False
        else:
            rows = receiver
        if rows.__class__ is ast.Await:
            rows = rows.value
        if (rows.__class__ is ast.Attribute and rows.value.__class__ is ast.Name and attr in ("delete", "adelete")
                and rows.value.id in fw.REQUEST_NAMES and not _RECORD_SESSION_WORDS.isdisjoint(fw.words(rows.attr))):
            return True  # the session record a middleware of the project put on the request (`request.sessao`)
        # The lookup first: a `row.save()` in any view is common, a row the cookie found is not;
        # only then is the function read for the flag switched off.
        return self._looked_up_by_cookie(rows) and (not saved or self._switched_off_in_function(receiver.id))

    def _looked_up_by_cookie(self, rows):
        """Whether `rows` is an ORM lookup (a chain of calls: `Model.objects.filter(...)`,
        `update(Row).where(...)`) one of whose arguments is the request cookie's value."""
        while rows.__class__ is ast.Call:
            func = rows.func
            name = last_name(func)
            if (name in sessionids.ORM_METHODS or name == "where") and any(
                    is_cookie_read(self.origins.key_origin(value))
                    for value in _compared_values((*rows.args, *(k.value for k in rows.keywords)))):
                return True
            if func.__class__ is not ast.Attribute:
                return False
            rows = func.value
            while rows.__class__ is ast.Attribute:  # Model.objects.filter(...)
                rows = rows.value
        return False

    def _switched_off_in_function(self, name):
        """Whether the function sets a field of `name` off (`row.is_active = False`)."""
        function = self.ctx.function.node
        return any(n.__class__ is ast.Assign and any(
            t.__class__ is ast.Attribute and t.value.__class__ is ast.Name and t.value.id == name
            and _switched_off(n.value, t.attr) for t in n.targets)
            for n in walk(function))

    def _store_record(self, expr):
        """(store, key) when `expr` is a store's record: `SESSIONS[sid]`,
        `SESSIONS.setdefault(sid, {})`, `SESSIONS.get(sid)`, or a local
        name holding one (`record = SESSIONS.get(sid)`)."""
        if expr.__class__ is ast.Name:
            expr = self.ctx.value_of(expr)
        if expr.__class__ is ast.Await:
            expr = expr.value
        if expr.__class__ is ast.Subscript:
            return expr.value, expr.slice
        if (expr.__class__ is ast.Call and expr.args and expr.func.__class__ is ast.Attribute
                and (expr.func.attr in stores.RECORD_GETTERS or (len(expr.args) == 1 and stores.names_record_getter(expr.func.attr)))):
            if len(expr.args) == 2 and _session_model(expr.args[0]):
                return expr.args[0], expr.args[1]  # `await db.get(SessionRow, sid)`: the ORM's row by its key
            return expr.func.value, expr.args[0]
        return None

    def visit_return(self, node):
        """A function of the module that returns a store's record keyed by
        the request's cookie (`return STORE[request.cookies["session"]]`):
        a dependency a handler may be given the record by (_provided_record)."""
        value = node.value
        function = self.ctx.function
        if value is None or function is None or value.__class__ not in (ast.Subscript, ast.Call, ast.Name):
            return
        origin = self._cookie_record(value)
        if origin is not None:
            self._record_providers.setdefault(function.node, origin)

    def _cookie_record(self, expr):
        """The cookie read keying the store record `expr` is (`STORE[sid]`,
        `STORE.getSession(sid)`), directly or as the known id the store
        keeps (_known_id_kept); None for anything else."""
        record = self._store_record(expr)
        if record is None:
            return None
        origin = self._store_origin(*record)
        if not is_cookie_read(origin):
            origin = self._known_id_kept(*record)
        return origin if is_cookie_read(origin) else None

    def _known_id_kept(self, store, key):
        """The origin of the id a store record is kept under when the store
        knows it, and replaced only when it does not (`sid =
        request.cookies.get("session")`, then `if sid not in STORE: sid =
        new_id()`): a known id the cookie brings is kept, a planted one too."""
        if key.__class__ is not ast.Name:
            return None
        ctx = self.ctx
        binding = ctx.binding(key)
        earlier = binding.previous if binding is not None and binding.kind == sc.ASSIGN else None
        if earlier is None or earlier.kind != sc.ASSIGN or earlier.value is None:
            return None
        shown = ast.dump(store)
        for statement in own_statements(ctx.function.node.body):
            test = statement.test if statement.__class__ is ast.If and not statement.orelse else None
            if (test.__class__ is ast.Compare and len(test.ops) == 1 and test.ops[0].__class__ is ast.NotIn
                    and test.left.__class__ is ast.Name and test.left.id == key.id
                    and ast.dump(test.comparators[0]) == shown and any(s is binding.node for s in statement.body)):
                return self.origins.origin(earlier.value)
        return None

    def _provided_record(self, expr):
        """The origin of the key of the store record a handler's parameter
        is given by a dependency of this module defined above it (`data:
        dict = Depends(get_session)`, `Annotated[dict, Depends(get_session)]`,
        get_session returning `STORE[sid]` for the cookie's `sid`), or a
        local is assigned by a call of such a function (`data = load()`),
        or None."""
        if expr.__class__ is not ast.Name or not self._record_providers:
            return None
        ctx = self.ctx
        binding = ctx.binding(expr)
        if binding is not None and binding.kind == sc.ASSIGN and binding.value.__class__ is ast.Call and (
                binding.value.func.__class__ is ast.Name):
            # `data = load()`, load returning `SESSIONS.get(request.cookies.get("sid"))`
            called = ctx.binding(binding.value.func)
            return self._record_providers.get(called.value) if called is not None and (
                called.kind == sc.FUNCTION) else None
        if binding is None or binding.kind != sc.PARAM or binding.scope is None:
            return None
        function = binding.scope.node
        if function.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
            return None
        arg = binding.node
        declared = fw.dependency_call(ctx, function, arg, annotated_extras(arg.annotation))
        if declared is None or declared.args[0].__class__ is not ast.Name:
            return None
        provider = ctx.binding(declared.args[0])
        if provider is None or provider.kind != sc.FUNCTION:
            return None
        return self._record_providers.get(provider.value)

    def _store_origin(self, receiver, key):
        """The origin of a store access's key, or None when this is no
        session store (a session object, an id of unknown origin)."""
        if receiver.__class__ not in (ast.Name, ast.Attribute, ast.Subscript):
            return None
        if fw.session_object(self.ctx, receiver) is not None or self.origins.is_cookie_jar(receiver):
            return None
        origin = self.origins.key_origin(key)
        if origin is not None:
            self.has_store = True
        return origin

    def _session_held_id(self, key):
        """Whether a store key is built from the session id the framework's
        session holds (easy_mock: a Starlette session keeps only
        `sessionId`, a fresh token; the record `session:<id>` holds the
        user): a part of it is, or is assigned from, a read of the session
        under a key named like a session id (`request.session.get("sessionId")`,
        `session["sid"]`). Deleting that record ends the session, as deleting
        one keyed by the cookie does; a record keyed by the user
        (`f"profile:{session['user_id']}"`) is not the session."""
        ctx = self.ctx
        for part in key_parts(key):
            value = ctx.value_of(part) if part.__class__ is ast.Name else part
            if value.__class__ is ast.Await:
                value = value.value
            read = keyed_read(value, _SESSION_READS)
            if read is None:
                continue
            container, name = read
            if self._session(container) is None:
                continue
            held = literal_key(name, ctx)
            if held is not None and (sessionids.normal(held) in sessionids.session_id_names(ctx.config)
                                     or self._fresh_key(held)):
                return True
        return False

    def _fresh_key(self, key):
        """A session key the application fills with a fresh strong random
        id, in this module or another (ProjectFacts.fresh_keys: NiceGUI's
        `request.session["id"] = str(uuid.uuid4())`): its own session id,
        whatever the key is called."""
        project = self.ctx.project
        return project is not None and key in getattr(project, "fresh_keys", ())

    def _store_write(self, node, origin, key):
        if is_cookie_read(origin) and key is not None:
            self._add(Event(BIND, node, fw.HAND_ROLLED, key=key))

    # -- cookies ----------------------------------------------------------
    def _request_cookies(self, expr):
        """`request.cookies` (any framework's request): the cookies the
        browser sent, a copy the server holds; removing one sends nothing
        back."""
        return (expr.__class__ is ast.Attribute and expr.attr in _REQUEST_COOKIE_ATTRIBUTES
                and fw.request_object(self.ctx, expr.value) is not None)

    def _cookie_deletion(self, node, name_expr, mechanism=None):
        """A COOKIE_DELETE event of the credential cookie `name_expr` names;
        `mechanism` REQUEST_COOKIES: removed from the request's cookies only."""
        if name_expr is None or self.ctx.function is None:
            return
        name = literal_key(name_expr, self.ctx) or env_default(self.ctx, name_expr)
        if name is not None:
            if not self._deletes_credential(name) and not constant_names_credential(name_expr):
                return  # (`delete_cookie(AUTH_COOKIE)`: the app's sign-in cookie, whatever it is called)
        elif name_expr.__class__ is ast.Name and loop_strings(self.ctx, name_expr) is not None:
            # `for name in ["access_token", "refresh_token"]: resp.delete_cookie(name)`: each deleted
            for each in loop_strings(self.ctx, name_expr):
                if self._deletes_credential(each):
                    self._add(Event(COOKIE_DELETE, node, key=each, mechanism=mechanism))
            return
        elif not _names_session_cookie_setting(name_expr):
            # `AUTH_COOKIE = settings.SIMPLE_JWT["AUTH_COOKIE"]` above: named by what it is set to
            resolved = self.ctx.value_of(name_expr) if name_expr.__class__ is ast.Name else name_expr
            if resolved.__class__ not in (ast.Attribute, ast.Subscript):
                resolved = name_expr
            login_named = self._login_cookie_name(name_expr)
            named = computed_cookie_name(self.ctx, resolved) if login_named is None else None
            if login_named is not None:  # `current_app.config["COOKIE_NAME"]`, the login's own cookie
                self._add(Event(COOKIE_DELETE, node, key=login_named, mechanism=LOGIN_COOKIE))
            elif named is not None:  # `auth_config.cookie_name`: judged only where no session backend runs (SFX102)
                self._add(Event(COOKIE_DELETE, node, key=named, mechanism=COMPUTED_NAME))
            return
        self._add(Event(COOKIE_DELETE, node, key=name, mechanism=mechanism))

    def _login_cookie_name(self, name_expr):
        """The expression naming a deleted cookie, as written, when a login
        of the module (a function checking credentials, or named for login:
        _login_cookie_names) sets a cookie under the same expression to a
        credential's value: PyRecipe's
        `delete_cookie(current_app.config["COOKIE_NAME"])`, the cookie its
        login sets to `get_auth_cookie(user.id)`, whose name the
        configuration gives (TalkPython's courses). Else None: a name
        fixlint cannot tell may be any cookie's."""
        if cookie_kind(self.ctx, expr_name(name_expr)) in (fw.PREFERENCE, fw.CSRF):
            return None
        named = computed_name(name_expr, self.ctx)
        if named is not None:
            named = str(named)
        elif name_expr.__class__ is ast.Attribute or name_expr.__class__ is ast.Subscript:
            # `config = request.app["config"]` above, then `config.sessions.cookie`: spelled
            # through what the local holds, as the login's is (_login_cookie_names)
            root = chain_root(name_expr)
            binding = self.ctx.binding(root) if root is not None else None
            value = self.ctx.value_of(root) if binding is not None and binding.kind == sc.ASSIGN else None
            through = _spelled_through(value, name_expr, root)
            if through is None:
                return None
            found = self._login_names()
            return ast.unparse(name_expr) if through in found else None  # messages spell what the code does
        else:
            return None
        return named if named in self._login_names() else None

    def _login_names(self):
        found = self.ctx.kept.get(_login_cookie_names)
        if found is None:
            found = self.ctx.kept[_login_cookie_names] = _login_cookie_names(self.ctx)
        return found

    def _unsets_token_cookies(self, node, receiver, attr):
        """`Authorize.unset_jwt_cookies()` on a parameter typed as the token
        library's class (`Authorize: AuthJWT = Depends()`): a deletion of
        its token cookies, named by their defaults. True when handled."""
        library, names = _UNSETTER_METHODS[attr]
        binding = self.ctx.binding(receiver) if receiver.__class__ is ast.Name else None
        if binding is None or binding.kind != sc.PARAM or binding.value is None:
            return False
        if self.ctx.qualname(binding.value) not in library.token_classes:
            return False
        self._token_cookies_unset(node, library, names, f"{receiver.id}.{attr}")
        return True

    def _token_cookies_unset(self, node, library, names, call):
        """COOKIE_DELETE events, at `node`, of the cookies `names` that the
        token `library`'s call `call` deletes (the message names both)."""
        for name in names:
            event = self._add(Event(COOKIE_DELETE, node, key=name))
            if event is not None:
                event.via, event.library = call, library

    def _deletes_credential(self, name):
        """Whether deleting the cookie `name` may end a sign-in: a session
        or auth cookie by its name, or one the module sets with a token."""
        kind = fw.classify_cookie(name, self.ctx.config)
        return kind == fw.SESSION or (kind == fw.OTHER and self._set_with_token(name))

    def _set_with_token(self, name):
        """Whether the module sets the cookie `name` with a token's value
        (`set_cookie(key="visited", value=jwt_token)`): a credential
        cookie whatever its name says, as the cookie rules judge it
        (fw.is_token_value). Asked only of a deleted cookie whose name says
        nothing (a rare call): the module is scanned once per such name."""
        known = self._token_cookies.get(name)
        if known is None:
            known = self._token_cookies[name] = any(
                node.__class__ is ast.Call and node.func.__class__ is ast.Attribute
                and node.func.attr in fw.COOKIE_SETTER_METHODS and _sets_token(node, name, self.ctx)
                for node in walk(self.ctx.tree))
        return known

    # -- statements ---------------------------------------------------------
    def visit_assign(self, node):
        value = node.value
        if value is None:
            return
        targets = node.targets if node.__class__ is ast.Assign else (node.target,)
        if self.ctx.function is not None:
            self.records.assigned(targets, value)
        if self.ctx.function is not None and targets[0].__class__ is ast.Name:
            session = self._whole_session(value)
            if session is not None:  # old = dict(session): read now, maybe written back later
                self._snapshots.add(value)
                self._add(Event(TOUCH, value, self._session(session), access=READ, session=session))
        for target in targets:
            cls = target.__class__
            if cls is ast.Attribute and self.ctx.function is not None:
                self._keep_record(target, value)
            elif cls is ast.Name and self.ctx.function is not None and (
                    value.__class__ is ast.Call or value.__class__ is ast.Subscript):
                self._record_local(target, value)
            if cls is ast.Subscript:
                self._subscript_write(node, target, value)
            elif cls is ast.Attribute and self.ctx.function is not None and target.attr == "session_id" and (
                    self._session_handler(target.value) is not None):
                # `get_session_handler(request).session_id = generate_session_id()`: a new id
                framework = self._session_handler(target.value)
                self._add(Event(REGEN, node, framework, mechanism=framework.regenerate_mechanism))
            elif cls is ast.Attribute and self.ctx.function is not None:
                framework = self._session(target.value)  # session.permanent = True
                if framework is not None:
                    if target.attr in _RENEWING_ATTRIBUTES:
                        # `session.sid = str(uuid4())`: a new id where the backend saves under it (Quart-Session)
                        self._add(Event(REGEN, node, framework, mechanism=f"renew:{target.attr}"))
                    self._add(Event(TOUCH, node, framework, access=WRITE, session=target.value))
                elif target.value.__class__ is ast.Name and is_identity_key(target.attr, self.ctx.config):
                    self._record_attribute_write(node, target, value)
            elif cls is ast.Name and target.id in _CONFIG_MARKERS and self.ctx.function is None:
                self.flask_session_config = True  # SESSION_TYPE = "redis" in a config module or class
            elif cls is ast.Name and target.id in _ENGINE_SETTINGS and self.ctx.function is None:
                framework = _ENGINE_SETTINGS[target.id]
                if literal_key(value, self.ctx) == framework.cookie_engine:
                    self.cookie_engines.add(framework)

    def _kept_holder(self, expr):
        """(holder, attribute) for `self.<attr>` in a class's method (the
        holder: the class) or `g.<attr>` (a framework's per-request
        namespace: its qualified name); None for any other expression."""
        if expr.__class__ is not ast.Attribute or expr.value.__class__ is not ast.Name:
            return None
        if expr.value.id == "self":
            cls = self.ctx.enclosing_class()
            return (cls, expr.attr) if cls is not None else None
        qualname = self.ctx.qualname(expr.value)
        return (qualname, expr.attr) if qualname in fw.REQUEST_GLOBALS else None

    def _keep_record(self, target, value):
        """`self.session = STORE.getSession(sid)` (the http.server course
        template's load_session()), `g.session_data = store.get(sid)` (a
        before_request hook), with `sid` the request's cookie: the store
        record of the id the browser brought, kept where the handlers that
        sign in and out reach it (_kept_record). Read when the assignment is
        walked, in its own function."""
        holder = self._kept_holder(target)
        if holder is None:
            return
        for each in (value.body, value.orelse) if value.__class__ is ast.IfExp else (value,):
            origin = self._record_locals.get((self.ctx.function.node, each.id)) if each.__class__ is ast.Name else None
            origin = origin or self._cookie_record(each)
            if origin is not None:
                self._kept_records.setdefault(holder, origin)

    def _record_local(self, target, value):
        """`sessionData = STORE.getSessionData(sessionId)`, `data =
        SESSIONS[sid]` with the key the request's cookie: the record, kept
        for an attribute it is given later (`self.sessionData =
        sessionData`, after branches that may assign a new session's)."""
        if value.__class__ is ast.Subscript:
            holder = value.value
            name = holder.id if holder.__class__ is ast.Name else getattr(holder, "attr", None)
            if name is None or not sessionids.is_store_name(name):
                return
        origin = self._cookie_record(value)
        if origin is not None:
            self._record_locals.setdefault((self.ctx.function.node, target.id), origin)

    def _kept_record(self, expr):
        """The origin of the key of the store record `expr` (`self.session`,
        `g.session_data`) holds, as an earlier method or hook of the module
        kept it there (_keep_record), or None."""
        if not self._kept_records:
            return None
        holder = self._kept_holder(expr)
        return self._kept_records.get(holder) if holder is not None else None

    def _record_attribute_write(self, node, target, value):
        """`sess.user_id = user.id` on the row of a session table the
        request's cookie keys (`sess = await db.get(SessionRow,
        session_id)`, or the row a dependency of the module returns): the
        store record bound (or emptied), as `SESSIONS[sid]["user_id"] = ...`
        is."""
        record = self._store_record(target.value)
        if record is not None and not _session_model(record[0]):
            return  # a field of a dict store's record is written by subscript
        origin = self._store_origin(*record) if record is not None else self._provided_record(target.value)
        if is_cookie_read(origin):
            self._add(Event(REMOVE if binds_nobody(value) else BIND, node, fw.HAND_ROLLED, key=target.attr))

    def _session_handler(self, expr):
        """The framework whose session-id holder `expr` is (a call of one of
        its session_handlers, or a local name assigned one), or None."""
        if not _SESSION_HANDLERS:
            return None
        value = self.ctx.value_of(expr) if expr.__class__ is ast.Name else expr
        if value.__class__ is not ast.Call:
            return None
        return _SESSION_HANDLERS.get(self.ctx.qualname(value.func))

    def _subscript_write(self, node, target, value):
        ctx = self.ctx
        container = target.value
        key = literal_key(target.slice, ctx)
        if key in _CONFIG_MARKERS:
            self.flask_session_config = True  # app.config["SESSION_TYPE"] = "redis"
            return
        if ctx.function is None:
            return
        framework = self._session(container)
        if framework is not None:
            if _signed_out_flag(key, value):
                if _seeds_absent_key(ctx, node, key, container):
                    return  # a new session's default, not a sign-out
                self._add(Event(REMOVE, node, framework, key=key, mechanism=SIGNED_OUT, session=container))
            elif key is not None and is_identity_key(key, ctx.config) and not self._fresh_id(value):
                if renews_key(value, key, self._session, self._local_value):
                    # `session["token"] = api.auth(session.get("token")).content`: the same sign-in, renewed
                    self._add(Event(TOUCH, node, framework, key=key, access=WRITE, session=container))
                    return
                empty = binds_nobody(value)
                self._add(Event(REMOVE if empty else BIND, node, framework, key=key, session=container))
            else:
                self._value_write(node, framework, key, target.slice, value, container)
            return
        # SESSIONS[sid]["user_id"] = ...: a field of a store record, or of the record a
        # dependency of the module hands the handler (`data = Depends(get_record)`)
        record = self._store_record(container)
        origin = self._store_origin(*record) if record is not None else (
            self._provided_record(container) or self._kept_record(container))
        if record is not None and not is_cookie_read(origin) and ctx.function is not None:
            origin = self._known_id_kept(*record) or origin  # the cookie's id when the store knows it
        if is_cookie_read(origin) and key is not None and is_identity_key(key, ctx.config):
            self._add(Event(REMOVE if binds_nobody(value) else BIND, node, fw.HAND_ROLLED, key=key))
            return
        if record is not None:
            return
        origin = self._store_origin(container, target.slice)
        if origin is not None:
            self._store_write(node, origin, identity_in_value(value, ctx))

    def _local_value(self, name):
        """The value the local `name` was last assigned here, or None."""
        binding = self.ctx.lookup(name)
        if binding is None or binding.kind != sc.ASSIGN or binding.value is None:
            return None
        return binding.value

    def _fresh_id(self, value):
        """A value made afresh from a strong random source, from nothing the
        code holds (`str(uuid.uuid4())`, `secrets.token_hex(16)`): a new
        id, the same for no user, written under a key such as `id` (an
        app's own session id, whose records it keeps elsewhere: Ansible-
        Website's login page), not who is signed in."""
        return fresh_id(value, self.ctx.qualname)

    def _value_write(self, node, framework, key, key_expr, value, container):
        """A session write of `value` under a key of no identity name: a
        binding when the value comes from a verified user record, else a
        TOUCH that records the parameters the value comes from (a binding
        when a login passes a verified record in them: `carried`)."""
        other = _says_what_else(key, self.ctx.config)
        if not other and self.records.holds_record(value):
            shown = key if key is not None else _shown(key_expr)
            self._add(Event(BIND, node, framework, key=shown, mechanism=RECORD, session=container))
            return
        if not other and self.records.holds_credential(value):
            shown = key if key is not None else _shown(key_expr)
            self._add(Event(BIND, node, framework, key=shown, mechanism=CREDENTIAL, session=container))
            return
        event = self._add(Event(TOUCH, node, framework, key=key, access=WRITE, session=container))
        if not other and event is not None and not binds_nobody(value):
            params = self._param_sources(value, 0)
            if params:
                event.params = (params, key if key is not None else _shown(key_expr))

    def _added(self, node, receiver):
        """`session["projects"].append(p)`,
        `session.setdefault("projects", []).append(p)`: a write of `p` into
        the session under that key, as project helpers' profiles read it
        (functions.py `ADDERS`: container methods that add a value). True when handled."""
        if receiver.__class__ is ast.Subscript:
            container, key_expr = receiver.value, receiver.slice
        elif (receiver.__class__ is ast.Call and receiver.func.__class__ is ast.Attribute
              and receiver.func.attr == "setdefault" and receiver.args):
            container, key_expr = receiver.func.value, receiver.args[0]
        else:
            return False
        framework = self._session(container)
        if framework is None:
            return False
        key = literal_key(key_expr, self.ctx)
        value = node.args[-1]
        if key is not None and is_identity_key(key, self.ctx.config):
            self._add(Event(BIND, node, framework, key=key, session=container))
        else:
            self._value_write(node, framework, key, key_expr, value, container)
        return True

    def _param_sources(self, value, depth):
        """The parameters of the function being walked that `value` is taken
        from, directly or through its local assignments
        (`new = {project.id: project.name}`)."""
        function = self.ctx.function
        _, names = self.ctx.value_summary(value, _MAX_VALUE_NODES)
        found = set()
        for name in names:
            binding = self.ctx.lookup(name)
            if binding is None or binding.scope is not function.scope:
                continue
            if binding.kind == sc.PARAM:
                found.add(name)
            elif binding.kind == sc.ASSIGN and binding.value is not None and depth < _MAX_CHASE:
                found.update(self._param_sources(binding.value, depth + 1))
        return frozenset(found)

    def carried(self, event, marked):
        """The parameters of a same-module helper that a CALL event passes a
        verified user record in: an argument taken from a record the calling
        function verified, or from one of its own parameters in `marked`
        (what its caller passed a record in). RULES.md: a same-module helper
        called from a login handler is part of its path, and a session write
        of a value of the verified record is a binding whatever its key.
        The caller's records are the ones it ever holds (a name marked after
        the call counts too)."""
        call, callee = event.node, event.callee
        if call.__class__ is not ast.Call or not (call.args or call.keywords):
            return _NO_PARAMS
        records = self.records.held_by(event.function)
        if not records and not marked:
            return _NO_PARAMS
        positional = [a.arg for a in (*callee.args.posonlyargs, *callee.args.args)]
        found = set()
        for index, arg in enumerate(call.args):
            if arg.__class__ is ast.Starred or index >= len(positional):
                break
            if self._from_record(arg, records, marked):
                found.add(positional[index])
        for keyword in call.keywords:
            if keyword.arg is not None and self._from_record(keyword.value, records, marked):
                found.add(keyword.arg)
        return frozenset(found) if found else _NO_PARAMS

    def _from_record(self, value, records, marked):
        _, names = self.ctx.value_summary(value, _MAX_VALUE_NODES)
        return not records.isdisjoint(names) or not marked.isdisjoint(names)

    def visit_augassign(self, node):
        """`session["visits"] += 1`: reads and writes the key."""
        target = node.target
        if target.__class__ is not ast.Subscript or self.ctx.function is None:
            return
        container = target.value
        framework = self._session(container)
        if framework is not None:
            key = literal_key(target.slice, self.ctx)
            self._add(Event(TOUCH, node, framework, key=key, access=UPDATE, session=container))

    def visit_delete(self, node):
        ctx = self.ctx
        if ctx.function is None:
            return
        for target in node.targets:
            if target.__class__ is not ast.Subscript:
                continue
            container = target.value
            if self._request_cookies(container):  # `del request.cookies["token"]`: nothing reaches the browser
                self._cookie_deletion(node, target.slice, REQUEST_COOKIES)
                continue
            framework = self._session(container)
            if framework is not None:
                key = _removed_key(target.slice, ctx)
                kind = _removal(key, self.ctx.config)
                self._add(Event(kind, node, framework, key=key, access=DELETE, session=container))
            elif (container.__class__ is ast.Subscript and self._store_origin(container.value, container.slice)) or (
                    is_cookie_read(self._kept_record(container))):
                key = literal_key(target.slice, ctx)  # del SESSIONS[sid]["user_id"], del self.session["user_id"]
                kind = _removal(key, self.ctx.config)
                self._add(Event(kind, node, fw.HAND_ROLLED, key=key))
            elif (self._store_origin(container, target.slice) is not None or _names_session_id(target.slice)
                  or self._session_held_id(target.slice)) and not sessionids.names_other_store(container):
                self._add(Event(INVALIDATE, node, fw.HAND_ROLLED))

    def visit_subscript(self, node):
        """Reads: `session["user_id"]` (a TOUCH), `SESSIONS[sid]` (a store)."""
        if node.ctx.__class__ is not ast.Load or self.ctx.function is None:
            return
        container = node.value
        framework = self._session(container)
        if framework is not None:
            key = literal_key(node.slice, self.ctx)
            self._add(Event(TOUCH, node, framework, key=key, access=READ, session=container))
            return
        if container.__class__ is ast.Name and node.slice.__class__ in (ast.Name, ast.JoinedStr, ast.Call):
            self._store_origin(container, node.slice)

    def visit_compare(self, node):
        """`"user_id" in session`; a password compared by hand with a
        record's (`form_password != row["senha"]`): a credential check."""
        if self.ctx.function is None:
            return
        if compares_passwords(node, self.ctx.value_of) or self._checks_oauth_state(node):
            self._add(Event(VERIFY, node))
            self.records.compared(node)
        for comparator in node.comparators:
            framework = self._session(comparator)
            if framework is not None:
                key = literal_key(node.left, self.ctx)
                self._add(Event(TOUCH, node, framework, key=key, access=READ, session=comparator))

    def _checks_oauth_state(self, node):
        """An OAuth callback's state check: the `state` the session kept
        compared with the one the request brings back
        (`session.get("oauth_state") != request.args.get("state")`, dogbot's
        `/auth/redirect`): what follows is the provider's answer, a sign-in."""
        if len(node.comparators) != 1 or node.ops[0].__class__ not in (ast.Eq, ast.NotEq):
            return False
        left, right = node.left, node.comparators[0]
        return ((self._session_state(left) and _names_state(right))
                or (self._session_state(right) and _names_state(left)))

    def _session_state(self, expr):
        """`session["oauth_state"]`, `session.get("state")`, `session.pop("state")`."""
        read = keyed_read(expr, _SESSION_READS)
        if read is None:
            return False
        container, key = read
        return (key.__class__ is ast.Constant and isinstance(key.value, str) and "state" in key.value.lower()
                and self._session(container) is not None)

    # -- snapshots of the whole session ---------------------------------------
    def _whole_session(self, value):
        """The session `value` copies whole — `dict(session)`,
        `session.copy()`, `{**session}`, `dict(session.items())`,
        `list(session.items())`, `copy.deepcopy(session)`, `{k: v for k, v in
        session.items()}` — or None. One named value (`session.get("cart")`)
        is no snapshot."""
        cls = value.__class__
        copier = None
        if cls is ast.Call:
            func = value.func
            if func.__class__ is ast.Attribute and func.attr == "copy" and not value.args:
                candidate = func.value  # session.copy()
            elif len(value.args) == 1 and not value.keywords:
                candidate, copier = _whole(value.args[0]), func  # dict(session)
            else:
                return None
        elif cls is ast.Dict and len(value.keys) == 1 and value.keys[0] is None:
            candidate = value.values[0]  # {**session}
        elif cls is ast.DictComp and len(value.generators) == 1:
            candidate = _whole(value.generators[0].iter)
        else:
            return None
        # The session test first: it is cheap for the many calls that are no copy.
        if self._session(candidate) is None or (copier is not None and not _names_copier(self.ctx, copier)):
            return None
        return candidate

    def _update_restores(self, call):
        """The snapshot `session.update(old)` or `session.update(**old)`
        writes back, or None."""
        if len(call.args) == 1 and not call.keywords:
            return self._snapshot_of(call.args[0])
        if not call.args and len(call.keywords) == 1 and call.keywords[0].arg is None:
            return self._snapshot_of(call.keywords[0].value)
        return None

    def _snapshot_of(self, expr):
        """The snapshot value a name holds (`old` after `old =
        dict(session)`), or None."""
        if expr.__class__ is not ast.Name or not self._snapshots:
            return None
        binding = self.ctx.binding(expr)
        if binding is None or binding.kind != sc.ASSIGN or binding.value not in self._snapshots:
            return None
        return binding.value

    def visit_for(self, node):
        """`for key, value in old.items(): session[key] = value`: the loop
        writes a snapshot back, key by key."""
        if self.ctx.function is None or not self._snapshots:
            return
        restored = self._snapshot_of(_whole(node.iter))
        if restored is None:
            return
        loop_names = {n.id for n in ast.walk(node.target) if n.__class__ is ast.Name}
        for stmt in node.body:
            if stmt.__class__ is not ast.Assign:
                continue
            for target in stmt.targets:
                if (target.__class__ is ast.Subscript and target.slice.__class__ is ast.Name
                        and target.slice.id in loop_names):
                    framework = self._session(target.value)
                    if framework is not None:
                        event = self._add(Event(TOUCH, node, framework, access=WRITE, session=target.value))
                        if event is not None:
                            event.restores = restored
                        return

    # -- the module's own session classes -------------------------------------
    def visit_class(self, node):
        """A class named for sessions, or deriving from one
        (`class RotatingSession(SecureCookieSession)`), whose methods a
        session of this module may have: `def regenerate(self)`."""
        names = [node.name] + [sc.last_name(base) for base in node.bases]
        if not any(name and "session" in name.lower() for name in names):
            return
        for stmt in node.body:
            if stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef) and stmt.name in SESSION_LIFECYCLE_METHODS:
                self.project_methods.add(stmt.name)

    # -- after the walk -------------------------------------------------------
    def finish(self):
        """Settle calls by module-level names against what the module finally
        binds: a body runs after the whole module has, so `login(request,
        user)` calls a `def login` further down, not the import above it."""
        for event in self._late:
            final = sc.lookup(event.scope, event.name)
            if final is not event.binding and final is not None and final.kind == sc.FUNCTION:
                event.kind, event.callee = CALL, final.value
                event.framework = event.key = event.mechanism = None
            elif final is not event.binding and final is not None and final.kind == sc.CLASS:
                event.kind = _PENDING
        for events in self.events.values():
            events[:] = [e for e in events if e.kind != _PENDING]
        self._backends = {}


# -- helpers ----------------------------------------------------------------

# ORM calls that may end the rows of an app's own session table (_ends_cookie_rows).
_ORM_ENDINGS = frozenset(("delete", "adelete", "update", "aupdate", "save", "asave", "values"))
_ENDED_STATES = frozenset(("disabled", "revoked", "inactive", "expired", "closed", "ended", "invalidated"))


def _compared_values(values):
    """The values a lookup's arguments give, each side of a comparison
    (SQLAlchemy's `Row.id == sid`) as one."""
    for value in values:
        if value.__class__ is ast.Compare:
            yield value.left
            yield from value.comparators
        else:
            yield value


def _switched_off(value, name=None):
    """`False` (or `None`, `0`): a flag such as `is_active` set off; or,
    for a field named so (`revoked`, `is_blacklisted`), `True`."""
    if value.__class__ is ast.Attribute and value.attr.lower() in _ENDED_STATES:
        return True  # `status=SessionStatus.DISABLED`
    if value.__class__ is not ast.Constant:
        return False
    if isinstance(value.value, str):
        return value.value.lower() in _ENDED_STATES  # `status="revoked"`
    if value.value is True:
        return name is not None and not _ENDED_WORDS.isdisjoint(fw.words(name))
    return value.value in (False, None)


# A request attribute holding the app's own session record (lms-grupope2b's `request.sessao`).
_RECORD_SESSION_WORDS = frozenset(("session", "sessao", "sesion", "sessione", "sitzung", "sesi"))
_ENDED_WORDS = frozenset(("revoked", "blacklisted", "blocklisted", "invalidated", "expired", "ended", "closed"))


def _deletes_session_rows(statement, ctx):
    """Whether a statement run on a database (a string, or SQLAlchemy's
    `text(...)` of one) deletes rows of a session table."""
    if statement.__class__ is ast.Call and statement.args and last_name(statement.func) in stores.SQL_TEXT_WRAPPERS:
        statement = statement.args[0]
    sql = literal_string(statement, ctx)
    return sql is not None and stores.deletes_session_rows(sql)


def _may_defer_to(path):
    """Whether a helper's module leaves the helper to a caller in `path`:
    model.Project._exported counts no import from a package's __init__ (a
    re-export; test code is no caller either, and has no handlers here)."""
    return PurePath(path).name != "__init__.py"


def _named_like_handler(name, config):
    """Whether a function's name says login or logout (Flask-Security's
    `login_user`, a Django view `login(request)`)."""
    login, logout = handler_phrases(config.login_names, config.logout_names)
    return login.in_name(name) or logout.in_name(name) or tuple(fw.words(name)) in _EXACT_NAMES


# Whole names of a login or logout (`entrar`, `sair`, `exit_user`: vocabularies' `*_exact`).
_EXACT_NAMES = frozenset(tuple(fw.words(p)) for p in auth.LOGIN_EXACT + auth.LOGOUT_EXACT)


@lru_cache(maxsize=8)
def handler_phrases(login_names, logout_names):
    return PhraseSet(auth.LOGIN_WORDS + tuple(login_names)), PhraseSet(auth.LOGOUT_WORDS + tuple(logout_names))


def _argument(call, parameter):
    """The argument a call passes for a profile's parameter `[position, name]`, or None."""
    position, name = parameter
    if 0 <= position < len(call.args):
        if not any(a.__class__ is ast.Starred for a in call.args[:position + 1]):
            return call.args[position]
        return None
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


_SESSION_LIBRARY = "session library"  # ctx.kept's key for LifecycleAnalysis._session_library


def _beside(folder, name, root=None):
    """Whether a module or package `name` sits in `folder` or a folder above
    it, up to the project's `root` (the project's own `session.py`, not an
    installed library)."""
    while True:
        if os.path.exists(os.path.join(folder, name + ".py")) or os.path.isdir(os.path.join(folder, name)):
            return True
        parent = os.path.dirname(folder)
        if parent == folder or folder == root:
            return False
        folder = parent


def _helper_events(entry, config, web, project_method=lambda method: False):
    """The Events one entry of a project helper's profile stands for
    (fixlint.project.functions); nodes are set by the caller. `web`: the
    calling file's framework, for a helper module that names none;
    `project_method(name)`: whether the project's own session class
    defines the method (a regeneration, as in the caller's own code)."""
    kind = entry[0]
    if kind == "call":
        found = _SESSION_CALLS.get(entry[1])
        if found is None:
            return []
        event_kind, framework, mechanism = found
        if event_kind == BIND:
            return [Event(BIND, None, framework, key=f"{entry[1].rpartition('.')[2]}()")]
        if event_kind == COOKIE_DELETE:
            return [Event(COOKIE_DELETE, None, framework, key=framework.session_cookie)]
        return [Event(event_kind, None, framework, mechanism=mechanism, access=WRITE if event_kind == TOUCH else None)]
    framework = entry[1] if entry[1].__class__ is not str else (
        fw.BY_KEY.get(entry[1]) or (web if entry[1] == "request" else None))
    if framework is None:
        return []
    if kind == "bind":
        return [Event(BIND, None, framework, key=entry[2])]
    if kind == "end_store":  # the helper deleted the server's record of the session it was given
        return [Event(INVALIDATE, None, framework)]
    if kind == "remove":
        return [Event(_removal(entry[2], config), None, framework, key=entry[2], access=DELETE)]
    if kind == "clear":
        mechanism = f"clear:{framework.key}"
        return [Event(REGEN, None, framework, mechanism=mechanism), Event(INVALIDATE, None, framework, mechanism=mechanism)]
    if kind == "method" or kind == "own":
        events = []
        if entry[2] in framework.session_regenerate_methods:
            events.append(Event(REGEN, None, framework, mechanism=f"cycle:{framework.key}"))
        if entry[2] in framework.session_invalidate_methods:
            events.append(Event(INVALIDATE, None, framework))
        if not events and project_method(entry[2]):
            events.append(Event(REGEN, None, framework, mechanism=METHOD + entry[2]))
            if entry[2] in INVALIDATE_METHODS:
                events.append(Event(INVALIDATE, None, framework, mechanism=METHOD + entry[2]))
        return events
    return []


# Calls that copy a mapping or its items whole: `dict(session)`, `list(session.items())`.
_COPIERS = frozenset(("dict", "list", "tuple", "copy.copy", "copy.deepcopy"))
_WHOLE_VIEWS = frozenset(("items", "keys"))


def _names_copier(ctx, func):
    if func.__class__ is ast.Name and func.id in ("dict", "list", "tuple"):
        return ctx.binding(func) is None  # the builtin, not a local `dict`
    return ctx.qualname(func) in _COPIERS


def _whole(expr):
    """`session` for `session`, `session.items()`, `session.keys()`."""
    if (expr.__class__ is ast.Call and expr.func.__class__ is ast.Attribute
            and expr.func.attr in _WHOLE_VIEWS and not expr.args):
        return expr.func.value
    return expr


def session_method(event):
    """The session method a REGEN/INVALIDATE event calls
    (`session.regenerate()` gives "regenerate"), or None."""
    mechanism = event.mechanism
    if mechanism is None or not mechanism.startswith(METHOD):
        return None
    return mechanism[len(METHOD):]


def _login_cookie_names(ctx):
    """The cookie names, as written (a name or attribute chain on a name
    the function does not bind, subscripts by a string included:
    `current_app.config["COOKIE_NAME"]`), that the module's logins (a
    function checking credentials, by what it does) set to a value whose
    words name a credential (`get_auth_cookie(user.id)`, `token`). A
    login by its name too (PyRecipe's `login_post`, whose check is a
    use case's `uc.login_user(email=..., password=...)`)."""
    login = handler_phrases(ctx.config.login_names, ctx.config.logout_names)[0]
    found = set()
    for function in walk(ctx.tree):
        if function.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
            continue
        calls, assigned, local = [], {}, set()  # assigned: a local name -> the values the function gives it
        for node in walk(function):
            cls = node.__class__
            if cls is ast.Call:
                calls.append(node)
            elif cls is ast.arg or (cls is ast.Name and node.ctx.__class__ is ast.Store):
                local.add(node.arg if cls is ast.arg else node.id)
            elif cls is ast.Assign:
                for target in node.targets:
                    if target.__class__ is ast.Name:
                        assigned.setdefault(target.id, []).append(node.value)
        setters = [call for call in calls if call.func.__class__ is ast.Attribute
                   and call.func.attr in fw.COOKIE_SETTER_METHODS]
        if not setters or not (login.in_name(function.name) or any(
                checks_credentials_alone(call) or project_verifier(ctx, call) for call in calls)):
            continue
        for call in setters:
            named, value = _setter_arguments(call)
            root = chain_root(named) if named is not None else None
            if root is None or value is None:
                continue
            spelled = ast.unparse(named)
            if root.id in local:
                # `config = request.app["config"]`, then `name=config.sessions.cookie`: spelled
                # through what the local holds, as the logout's deletion is (_login_cookie_name)
                given = assigned.get(root.id, ())
                spelled = _spelled_through(given[0], named, root) if len(given) == 1 else None
                if spelled is None:
                    continue
            # `cookie = cookie_auth.get_auth_cookie(user.id, ...)`, then `value=cookie`
            values = [value, *assigned.get(value.id, ())] if value.__class__ is ast.Name else [value]
            if any(not fw.CREDENTIAL_WORDS.isdisjoint(fw.words(ast.unparse(v))) for v in values):
                found.add(spelled)
    return frozenset(found)


def _sets_token(call, name, ctx):
    """Whether the cookie setter `call` sets the cookie `name` to a token's
    value (`set_cookie("visited", token)`, `set_cookie(key=..., value=...)`)."""
    named, value = _setter_arguments(call)
    if named is None or (literal_key(named, ctx) != name and _default_name(named) != name):
        return False
    return value is not None and fw.is_token_value(ctx, value)


def _default_name(named):
    """The default of a cookie name read from a settings dict
    (`settings.SIMPLE_JWT.get("AUTH_COOKIE_REFRESH", "refresh")`): the
    name the cookie has unless the settings say otherwise, or None."""
    if (named.__class__ is ast.Call and named.func.__class__ is ast.Attribute and named.func.attr == "get"
            and len(named.args) == 2 and not named.keywords and named.args[1].__class__ is ast.Constant
            and isinstance(named.args[1].value, str)):
        return named.args[1].value
    return None


def _spelled_through(value, expr, root):
    """`expr` (`config.sessions.cookie`) spelled with its root local `root`
    replaced by the attribute chain or subscript the local holds
    (`request.app["config"].sessions.cookie`), so that two functions binding
    the same local alike spell it alike; None for any other value."""
    if value.__class__ is not ast.Attribute and value.__class__ is not ast.Subscript:
        return None
    return ast.unparse(value) + ast.unparse(expr)[len(root.id):]


def _setter_arguments(call):
    """(name, value) a cookie setter call gives, positionally or as
    `key=`/`value=` (aiohttp's `name=`); None for one it leaves out."""
    named = call.args[0] if call.args else (_keyword(call, "key") or _keyword(call, "name"))
    value = call.args[1] if len(call.args) > 1 else _keyword(call, "value")
    return named, value


def _keyword(call, name):
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _session_aliases(tree):
    """Names a module-level import gives a session proxy (Flask's: `from
    flask import session as s`): they pass the cheap pre-test too."""
    names = set()
    for stmt in getattr(tree, "body", ()):
        if stmt.__class__ is ast.ImportFrom and stmt.module and not stmt.level:
            for alias in stmt.names:
                if f"{stmt.module}.{alias.name}" in fw.SESSION_PROXIES and alias.asname:
                    names.add(alias.asname)
    return frozenset(names)


def _written_identity(call, ctx):
    """The identity key a `session.update(...)`/`setdefault(...)` call writes."""
    func = call.func
    if func.attr == "setdefault":
        key = literal_key(call.args[0], ctx) if call.args else None
        return key if key is not None and is_identity_key(key, ctx.config) else None
    for keyword in call.keywords:
        if keyword.arg is not None and is_identity_key(keyword.arg, ctx.config):
            if not binds_nobody(keyword.value):
                return keyword.arg
    for arg in call.args[:1]:
        if arg.__class__ is ast.Dict:
            for key, value in zip(arg.keys, arg.values):
                text = literal_key(key, ctx) if key is not None else None
                if text is not None and is_identity_key(text, ctx.config):
                    if not binds_nobody(value):
                        return text
    return None


def _store_value_identity(call, method, ctx):
    """The identity a `store.set(key, value)`-style call writes."""
    if method in ("hset", "hmset"):
        mapping = _keyword(call, "mapping")
        if mapping is None and method == "hmset" and len(call.args) > 1:
            mapping = call.args[1]
        if mapping is not None:
            return identity_in_value(mapping, ctx)
        field = literal_key(call.args[1], ctx) if len(call.args) > 1 else None
        return field if field is not None and is_identity_key(field, ctx.config) else None
    value = _keyword(call, "value")
    if value is None:
        index = 2 if method in ("setex", "psetex") else 1
        value = call.args[index] if len(call.args) > index else None
    return identity_in_value(value, ctx)


def _session_model(expr):
    """A class named for a web session's row (`SessionRow`, `AuthSession`,
    `UserSession`), not for a chat's or a terminal's."""
    name = last_name(expr) if expr.__class__ in (ast.Name, ast.Attribute) else None
    if name is None or not name[:1].isupper():
        return False
    parts = fw.words(name)
    return ("session" in parts or "sessions" in parts) and not sessionids.names_other_session(name)


def _expires_now(call, ctx):
    """`set_cookie("sid", "", max_age=0)` / `expires=0` / a past date, or
    an empty value (`set_cookie("refresh_token", "")`, `value=None`): a
    deletion (RULES.md, "Quiet where a reviewer would be")."""
    for keyword in call.keywords:
        if keyword.arg in ("max_age", "expires") and expired_at_once(keyword.value, ctx):
            return True
    return blanks_cookie(call)


# COOKIE_DELETE's mechanism for a cookie whose name fixlint cannot read
# but whose expression names a credential cookie (cookies.computed_cookie_name):
# its key is the expression as written.
COMPUTED_NAME = "computed name"
# COOKIE_DELETE's mechanism for a cookie named by an expression fixlint
# cannot read that a login of the module sets under the same expression to a
# credential (LifecycleAnalysis._login_cookie_name): its key is the expression.
LOGIN_COOKIE = "the login's cookie"
# COOKIE_DELETE's mechanism for a cookie removed from the request's cookies
# (`del request.cookies["token"]`, `request.cookies.pop("token")`): the
# server's copy of what the browser sent; the browser keeps the cookie.
REQUEST_COOKIES = "the request's cookies"
_REQUEST_COOKIE_ATTRIBUTES = frozenset(("cookies", "COOKIES"))


def _names_session_cookie_setting(expr):
    """`settings.SESSION_COOKIE_NAME`, `app.config["SESSION_COOKIE_NAME"]`,
    `app.session_cookie_name`."""
    if expr.__class__ is ast.Attribute:
        return expr.attr.upper() in fw.SESSION_NAME_SETTINGS
    if expr.__class__ is ast.Subscript and expr.slice.__class__ is ast.Constant:
        return expr.slice.value in fw.SESSION_NAME_SETTINGS
    return False


def _removal(key, config):
    """The kind of a pop/del of `key`: REMOVE for an identity key, else a
    TOUCH (a key that is none, or that the code does not name)."""
    return REMOVE if key is not None and is_identity_key(key, config) else TOUCH


def _removed_key(expr, ctx):
    """The key a pop/del removes: a literal, or, for a loop over literal
    keys (`for k in ("user_id", "role"): session.pop(k)`), the first
    identity key among them."""
    key = literal_key(expr, ctx)
    if key is not None or expr.__class__ is not ast.Name:
        return key
    binding = ctx.binding(expr)
    loop = binding.node if binding is not None and binding.kind == sc.OTHER else None
    if loop.__class__ not in (ast.For, ast.AsyncFor) or loop.iter.__class__ not in (ast.Tuple, ast.List, ast.Set):
        return None
    keys = [literal_key(e, ctx) for e in loop.iter.elts]
    return next((k for k in keys if k is not None and is_identity_key(k)), None)


def _compact(key):
    return "".join(c for c in key.lower() if c.isalnum())


def _signed_out_flag(key, value):
    """`session["islogout"] = True`, `session["logged_in"] = False`: a flag
    that says the user signed out."""
    if key is None or value.__class__ is not ast.Constant:
        return False
    compact = _compact(key)
    if binds_nobody(value):
        return compact in vocab.SIGNED_IN_FLAGS
    return compact in vocab.SIGNED_OUT_FLAGS


def _names_another_session(call, session):
    """A keyed session method's call given a key other than the session's
    own (`session.delete("user")`, not `session.delete()`,
    `session.delete(None)` or `session.delete(session.session_key)`)."""
    given = [*call.args, *(k.value for k in call.keywords)]
    if not given:
        return False
    key = given[0]
    if key.__class__ is ast.Constant and key.value is None:
        return False
    return not (key.__class__ is ast.Attribute and key.attr == "session_key"
                and ast.dump(key.value) == ast.dump(session))


def _seeds_absent_key(ctx, statement, key, session):
    """The write `statement` gives the key a value only where the session
    holds none yet (`if "logged_in" not in session: session["logged_in"] =
    False` in a `before_request` hook, `if session.get("islogout") is None`):
    a default for a new session, which signs no one out (a signed-in
    user's session holds the key). Asked only of a signed-out flag's write."""
    shown = ast.dump(session)
    for node in walk(ctx.function.node):
        if node.__class__ is ast.If and any(s is statement for s in node.body) and _tests_absent(
                ctx, node.test, key, shown):
            return True
        if node.__class__ is ast.Try and any(
                any(s is statement for s in h.body) and _catches_missing_key(ctx, h) for h in node.handlers):
            # `try: auth = session["authenticated"]` / `except KeyError: session["authenticated"] = False`
            if any(_reads_subscript(ctx, n, key, shown) for s in node.body for n in walk(s)):
                return True
    return False


_MISSING_KEY_ERRORS = frozenset(("KeyError", "LookupError", "Exception", "BaseException"))


def _catches_missing_key(ctx, handler):
    """An `except` that catches the KeyError of a missing key: bare, or
    naming KeyError (or a base of it), alone or in a tuple."""
    kind = handler.type
    if kind is None:
        return True
    names = kind.elts if kind.__class__ is ast.Tuple else (kind,)
    return any(last_name(name) in _MISSING_KEY_ERRORS for name in names)


def _reads_subscript(ctx, node, key, session):
    """`session[key]` read, the session as `session` (its ast.dump) says."""
    return (node.__class__ is ast.Subscript and node.ctx.__class__ is ast.Load
            and literal_key(node.slice, ctx) == key and ast.dump(node.value) == session)


def _tests_absent(ctx, test, key, session):
    """Whether `test` holds when the session (`session`: its ast.dump)
    has no value for `key`, and only then: `key not in session`,
    `not session.get(key)`, `session.get(key) is None`."""
    negated = test.__class__ is ast.UnaryOp and test.op.__class__ is ast.Not
    if negated:
        test = test.operand
        if _reads_key(ctx, test, key, session):
            return True  # `not session.get("logged_in")`
    if test.__class__ is not ast.Compare or len(test.ops) != 1:
        return False
    op, right = test.ops[0].__class__, test.comparators[0]
    if op is (ast.In if negated else ast.NotIn):
        return literal_key(test.left, ctx) == key and ast.dump(right) == session
    if not negated and op in (ast.Is, ast.Eq) and right.__class__ is ast.Constant and right.value is None:
        return _reads_key(ctx, test.left, key, session)
    return False


def _reads_key(ctx, expr, key, session):
    """`session.get(key)`, the session as `session` (its ast.dump) says."""
    if expr.__class__ is not ast.Call or len(expr.args) != 1 or expr.keywords:
        return False
    read = keyed_read(expr)
    return read is not None and literal_key(read[1], ctx) == key and ast.dump(read[0]) == session


def _says_what_else(key, config):
    """A key whose words say it holds something other than the identity:
    what identity.names_something_else names (pre-login state such as
    `pending_user_id` before the second factor, a flag such as
    `enabled_totp`, a record no one signs in as such as `auth_ticket_id`, a
    preference such as `theme`), or what a page shows (`display_name`,
    `nome`: a profile edit that re-checks the password and stores the new
    name binds nobody)."""
    if key is None:
        return False
    return names_something_else(key, config) or any(w in vocab.DISPLAY_WORDS for w in fw.words(key))


_NO_PARAMS = frozenset()
_MAX_VALUE_NODES = 200
_MAX_CHASE = 4



def as_record_binding(event):
    """The BIND a TOUCH write with `params` is when a login passes the
    verified user record in them (lifecycle_paths)."""
    bound = Event(BIND, event.node, event.framework, key=event.params[1], mechanism=RECORD, session=event.session)
    bound.function = event.function
    return bound


def _shown(expr, limit=40):
    """A computed key as the message shows it."""
    text = ast.unparse(expr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _names_session_id(expr):
    return expr.__class__ is ast.Name and expr.id.lower() in sessionids.SESSION_ID_NAMES


class PhraseSet:
    """Word sequences to look for in identifiers: `sign_in` matches
    `SignInView` and `/accounts/sign-in`. A substring test on the first word
    of each phrase comes first, so most names cost one scan; then only the
    phrases that start with one of the name's words are compared."""

    __slots__ = ("phrases", "firsts", "_by_first", "_names")

    def __init__(self, phrases):
        self.phrases = tuple(tuple(fw.words(p)) for p in phrases if fw.words(p))
        self.firsts = tuple({p[0] for p in self.phrases})
        self._by_first = {}
        for phrase in self.phrases:
            self._by_first.setdefault(phrase[0], []).append(phrase)
        self._names = {}  # name -> in_name(name): the same names recur

    def in_name(self, name):
        found = self._names.get(name)
        if found is None:
            lowered = name.lower()
            found = any(first in lowered for first in self.firsts) and self.in_words(fw.words(name))
            if len(self._names) < 8192:
                self._names[name] = found
        return found

    def in_words(self, words):
        words = fw.unglued(words if words.__class__ is tuple else tuple(words))  # `execlogin`: `exec login`
        by_first = self._by_first
        for i, word in enumerate(words):
            for phrase in by_first.get(word, ()):
                if words[i:i + len(phrase)] == phrase:
                    return True
        return False


_REGENERATE_PHRASES = PhraseSet(auth.REGENERATE_WORDS)
_INVALIDATE_PHRASES = PhraseSet(auth.INVALIDATE_WORDS)


__all__ = [
    "BIND", "CALL", "COMPUTED_NAME", "COOKIE_DELETE", "CREDENTIAL", "DELEGATE", "INVALIDATE", "LOGIN_COOKIE",
    "RECORD", "REGEN", "REMOVE", "SIGNED_OUT", "TOUCH",
    "VERIFY", "READ", "WRITE", "UPDATE", "DELETE", "Event", "LifecycleAnalysis", "PhraseSet",
    "METHOD", "library_logout", "library_logout_event", "session_method",
]


def _statement_names(statement):
    """(the names the defs and classes in a statement bind, the `module.name`
    of its absolute `from` imports), the statement's own included: each
    top-level statement's, kept on it (nodes.kept)."""
    defined, imported = set(), set()
    for node in statements(statement):
        cls = node.__class__
        if cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            defined.add(node.name)
        elif cls is ast.ImportFrom and not node.level and node.module:
            imported.update(f"{node.module}.{alias.name}" for alias in node.names)
    return frozenset(defined), frozenset(imported)
