"""Facts about session ids for SFX201-SFX204, gathered in the one walk.

- param_reads (SFX201): client values read from the query string, a form or
  JSON body or the URL path that are session ids — by name (`sid`,
  `session_id`, configured names) or because the value reaches a
  session-loading API in the function (Django `SessionStore(session_key=)`,
  a session store lookup, `session.sid = ...`, `set_cookie` of the session
  cookie), directly or through a same-module helper, or because it looks up
  the user a function with no credential check then signs in
  (sign_in_lookups.py);
- url_leaks (SFX202): a session id put into a URL;
- client_ids (SFX203): a session record created under an id the request
  brought, when no record exists;
- weak_ids (SFX204): a session id or token from a guessable source, where
  the context says it is one.

Session stores are hand-rolled server-side stores: a receiver named like
`SESSIONS`/`session_store`, or a cache key whose text starts `session:`.
"""

from __future__ import annotations

import ast
import os
import re
from functools import lru_cache
from typing import NamedTuple

from .. import frameworks as fw
from ..engine import scope as sc
from ..engine.nodes import kept, walk
from ..engine.values import UNKNOWN, evaluate, literal_string
from ..frameworks import auth
from ..frameworks import session_id_words as sid
from ..frameworks import stdlib
from ..frameworks import vocabularies as vocab
from . import handlers as hd
from . import urls
from .base import Analysis, below_root, configured_keywords
from .cookie_helpers import helper_cookie_site, helpers
from .cookies import HEADER_METHODS, cookie_jar, header_cookie_value, cookie_kind, names_session_setting, set_cookie_site
from .identity import ids_a_record, literal_key
from .lifecycle import handler_phrases
from .origins import (COOKIE, FOREIGN, FORM, HEADER, JSON_BODY, NUMERIC, STRONG, Container, OriginAnalysis, Read,
                      SessionIdValue, Weak, self_increment)
from .session_id_guard import may_hold_facts
from .sign_in_lookups import SignInLookups

_SET_COOKIE = fw.COOKIE_SETTER_METHODS
_DEFAULTDICT = frozenset(("collections.defaultdict",))
_STORE_METHODS = sid.STORE_READS | sid.STORE_WRITES | sid.STORE_CREATES
_STATEMENTS = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr, ast.Return)
_SESSION_ID_ATTRS = frozenset().union(*(f.session_id_attrs for f in fw.FRAMEWORKS))
# A cookie named for the id of one of these records (onyx's
# `gmail_credential_id`: the connector credential an OAuth callback is for)
# carries a record's id, not a session's, whatever a request gives it.
_RECORD_OWNERS = frozenset(("credential", "credentials")) | auth.NOT_PRINCIPAL_RECORDS
# A URL's scheme, and those of the web (SFX202: a redirect elsewhere hands off to an app).
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_SCHEMES = frozenset(("http", "https"))
# The words of a cookie-name setting that make a request parameter keyed by
# it a session id (`SESSION_COOKIE_NAME`, `SID_COOKIE_NAME`).
_SESSION_WORDS = ("sess", "sid")
_SESSION_STORE_CLASSES = frozenset(f.session_store_class for f in fw.FRAMEWORKS if f.session_store_class)
_SESSION_MODEL_PREFIXES = tuple(m + "." for f in fw.FRAMEWORKS for m in sorted(f.session_models))
# What `_url_call` can act on: a URL function or redirect by its qualified
# name, or a method named like a URL builder (`request.url_for`) or
# `"...".format`; any other call it passes over.
_URL_QUALNAMES = urls.URL_FUNCTIONS | urls.REDIRECTS
_URL_ATTRS = frozenset().union(*(f.url_builder_methods for f in fw.FRAMEWORKS), ("format",))
# A name's normal form, split once per name (every keyword of every call asks).
_normal = lru_cache(maxsize=8192)(sid.normal)
# A session's own data read back: `session.get("code")`, through `str()`.
_SESSION_READS = frozenset(("get", "pop"))
_ENCODERS = frozenset(("str", "int", "bytes"))
_MAX_UNWRAP = 4


# The calls _object_lookup acts on: a primary-key lookup, or a number
# type called on the value (`int(sid)`).
_OBJECT_ID_CALLS = sid.ORM_METHODS | NUMERIC


class ParamRead(NamedTuple):
    read: Read
    sink: str  # the session-loading API it reaches, or "" when judged by name


class UrlLeak(NamedTuple):
    node: ast.AST  # the expression that builds the URL
    what: str  # "the session id session.sid", "the session cookie 'sid'", "session id 'sid'"
    how: str  # "url_for()", "the redirect() target", "an f-string"
    framework: object  # the Framework whose advice the message gives
    token: bool = False  # an auth token handed to the browser in a redirect's query (_token_query)


class ClientChosenId(NamedTuple):
    node: ast.AST  # the creating statement
    key: str  # what the request sent: "cookie 'sid'"
    store: str
    framework: object


class WeakId(NamedTuple):
    node: ast.AST  # the expression that produces the weak value
    source: str  # "random.choice()"
    context: str  # "assigned to 'sid'"
    framework: object
    kind: str = "session id"  # what the value is: "remember-me token", "auth token", "API key"
    constant: bool = False  # a hard-coded value: the same for every visitor
    compared: bool = True  # (a constant) compared with the cookie that carries it, not only made


class _ConstantCookie(NamedTuple):
    node: ast.AST  # the constant expression set as the cookie's value
    name: str  # the cookie's name
    value: str  # the constant, as the cookie carries it
    source: str  # "the constant LOGIN_VALUE", "the literal 'yes'"
    framework: object


_BODIES = frozenset((FORM, JSON_BODY))


def _names_credential(name):
    """A field named only with credential words, one of them naming the
    secret itself (`token`, `api_key`; not `auth` or `access` alone)."""
    words = set(fw.words(name))
    return bool(words) and words <= auth.CREDENTIAL_FIELD_WORDS and not words <= auth.CREDENTIAL_FIELD_QUALIFIERS


def _login_phrases(config):
    return handler_phrases(config.login_names, config.logout_names)[0]


# Words of a name holding the user's record (`user.id`, `usuario.id`), not a token's or a role's.
_USER_RECORD_WORDS = vocab.PRINCIPAL_WORDS - frozenset((
    "token", "jwt", "authorization", "bearer", "claims", "mfa", "otp", "totp", "auth", "authed", "authenticated",
    "authorized", "verified", "sudo", "login", "logged", "identity", "principal", "role", "roles", "privilege",
    "privileges", "permissions", "email", "uid", "userid", "username", "userinfo", "tenant", "logado",
    "autenticado", "logueado", "loggato", "autenticato", "correo"))
_ROW_IDS = frozenset(("id", "pk"))
# A credential cookie's words, misspellings of "remember" included (Strong's `remenber_user`).
_CREDENTIAL_COOKIE_WORDS = fw.CREDENTIAL_WORDS | frozenset(("remenber", "remeber", "rember"))


def _user_row_id(ctx, value):
    """The `user.id` (`user.pk`, `user["id"]`) a cookie value is, as it is
    or through `str()`, an f-string of it alone, or a local assigned one;
    None otherwise."""
    for _ in range(3):
        if value.__class__ is ast.Name:
            value = ctx.value_of(value)
        if value.__class__ is ast.Call and value.func.__class__ is ast.Name and value.func.id == "str" and len(
                value.args) == 1 and not value.keywords:
            value = value.args[0]
        elif value.__class__ is ast.JoinedStr and len(value.values) == 1 and (
                value.values[0].__class__ is ast.FormattedValue):
            value = value.values[0].value
        else:
            break
    if value.__class__ is ast.Attribute and value.attr in _ROW_IDS:
        owner = value.value
    elif value.__class__ is ast.Subscript and literal_string(value.slice) in _ROW_IDS:
        owner = value.value
    else:
        return None
    name = owner.id if owner.__class__ is ast.Name else (owner.attr if owner.__class__ is ast.Attribute else None)
    return value if name is not None and not _USER_RECORD_WORDS.isdisjoint(fw.words(name)) else None


class SessionIdAnalysis(Analysis):
    # Every fact needs a name that says "session id" in the source: an id
    # name (`sid`, `session_key`, `sessionId`), a token name, a store named
    # like `sessions` or a `session:` key, the session cookie or a cookie
    # read (`request.cookies`, `Cookie()`), `SessionStore`, `session.sid`.
    # Each of them spells one of these words, so a file without any of them
    # is not walked (OriginAnalysis's wider words only serve this analysis).
    # `sid` and `token` only ever count as words of a name (fw.words): the
    # `sid` of `consider` and `inside` would have the analysis walk most
    # files for nothing.
    keywords = ("sess", "cookie")
    words = ("sid", "token")
    requires = (hd.HandlerAnalysis, OriginAnalysis)
    needs_every_origin = True  # judges every read and assigned value: the tracer records them all

    @classmethod
    def wanted(cls, text, config):
        if text is None:
            return True
        # A configured name matches in normal form: `userKey` is the
        # configured `user_key`, though the text never spells "user_key".
        if any(word in text for word in configured_keywords(config)) or any(
            word in text
            for name in (*config.session_id_names, *config.session_cookie_names)
            for word in fw.words(name)
        ):
            return True
        # The words above first (the cheap test most files fail), then what
        # a fact needs spelled with them (session_id_guard).
        return super().wanted(text, config) and may_hold_facts(text)

    def __init__(self, ctx, analyses):
        super().__init__(ctx, analyses)
        self.origins = analyses[OriginAnalysis]
        self.handlers = analyses[hd.HandlerAnalysis]
        self._cookie_helpers = helpers(ctx)  # cookie helpers the file may call (cookie_helpers.py)
        self.id_names = sid.session_id_names(ctx.config)
        self._generators = (-1, None)  # (how many names, the frozen id_names): see _is_generator
        self.param_reads = []
        self.sign_ins = SignInLookups(ctx, self.origins)
        self.url_leaks = []
        self.client_ids = []
        self.weak_ids = []
        self._seen = set()  # (kind, node) already recorded
        self._inner = set()  # string-building nodes checked as part of an outer one
        self._statement = None
        self._pending = {}  # write node in an "if absent" branch -> store expression
        self._session_params = {}  # (FunctionDef, parameter) -> session sink it reaches
        self._foreign_params = set()  # (FunctionDef, parameter) passed to a provider API
        self._forwarded_reads = set()  # reads sent on in an outbound HTTP request's body or query
        self._other_session_reads = set()  # reads passed to a function named for another kind of session
        self._numeric_params = set()  # (FunctionDef, parameter) a number or another entity's key (_is_a_key)
        self._scope_words = {}  # scope -> the words naming it (_context_words)
        self._direct_keys = set()  # Reads used as such as a number or a key (_is_a_key)
        self._session_bindings = set()  # bindings whose value is used as a session key
        self._unconfirmed = []  # (UrlLeak, binding): a leak judged by a variable's name alone
        self._web = fw.file_web_framework(ctx) is not None
        # A module of chats, terminals or tracing (`assistant/api.py`,
        # `tracing.py`): its "sessions" are those things (sid.OTHER_SESSION_WORDS).
        self._other_module = _names_other_module(ctx.path, below_root(ctx)) or (
            ctx.imports_root(sid.TELEMETRY_ROOTS) and fw.file_web_framework(ctx) is None)
        self._other_handlers = {}  # FunctionDef -> its routes or routers name other sessions
        self._web_api_reads = set()  # reads that reach a web-session API, not a store
        self._web_params = set()  # (FunctionDef, parameter) that reach a web-session API
        self._client_keys = []  # (key callee, value): `{self._key(): requests.Session()}`
        self._client_factories = set()  # functions that return an HTTP/DB client session
        self._client_stores = set()  # receivers (as source) whose records are client sessions
        self._generated = []  # (WeakId, generator name): SFX204 by a generator's name, judged at the end
        self._other_keys = set()  # generators whose results key a store of another kind of session (`rooms`)
        self._test_file = fw.is_test_module(ctx.path) or fw.in_test_folder(ctx.path)
        # SFX204's hard-coded tokens: constants set as a cookie, and the
        # (cookie name, constant) pairs the code compares a cookie read with.
        self._constant_cookies = []
        # (cookie name, constant) -> whether a comparison guards access
        self._compared_constants = {}
        self._if = None  # the last `if` met: its test may hold the comparison
        self._module_stores = None  # name -> how often module-level code binds it
        self._id_keywords = {}  # keyword name -> _names_session_id(name): fixed per file
        self._sessionless = None  # _sessionless_application(), once per file

    def subscribe(self, walker):
        for statement in _STATEMENTS:
            walker.on(statement, self.visit_statement)
        walker.on(ast.Assign, self.visit_assign)
        walker.on(ast.AnnAssign, self.visit_assign)
        walker.on(ast.Return, self.visit_return)
        walker.on(ast.If, self.visit_if)
        walker.on(ast.Call, self.visit_call)
        walker.on(ast.Subscript, self.visit_subscript)
        walker.on(ast.Dict, self.visit_dict)
        walker.on(ast.JoinedStr, self.visit_string)
        walker.on(ast.BinOp, self.visit_string)
        walker.on(ast.Compare, self.visit_compare)

    # -- helpers ---------------------------------------------------------------
    def _once(self, kind, node):
        key = (kind, node)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _in_test(self):
        if self._test_file:
            return True
        info = self.ctx.function
        while info is not None:
            if fw.is_test_name(info.name) or (info.class_node is not None and fw.is_test_name(info.class_node.name)):
                return True
            info = info.parent
        return False

    def _is_id_name(self, name):
        return name is not None and _normal(name) in self.id_names

    def _names_session_id(self, name):
        """A name that makes its value a session id or token (SFX204). The
        short `sid`/`sess` mean other things outside web code (a subject or
        sample id), so they count only in files of a web framework."""
        normal = _normal(name)
        if normal in sid.AMBIGUOUS_NAMES and not self._web and not self._in_session_class():
            return False
        return normal in self.id_names or normal in sid.SESSION_TOKEN_NAMES

    def _class_container(self, expr):
        """An attribute of the class being walked, or of its instance
        (`Session.container`, `self.container`, `cls.store`), in a class
        named for a web session: the dict its sessions are kept in."""
        if expr.__class__ is not ast.Attribute or expr.value.__class__ is not ast.Name:
            return False
        info = self.ctx.function
        cls = info.class_node if info is not None else None
        return cls is not None and expr.value.id in ("self", "cls", cls.name) and self._in_session_class()

    def _returned(self, expr):
        """Whether the function being walked returns the name `expr` (a
        maker of ids: judged where its callers use the id)."""
        info = self.ctx.function
        if expr.__class__ is not ast.Name or info is None:
            return False
        return any(node.__class__ is ast.Return and node.value.__class__ is ast.Name and node.value.id == expr.id
                   for node in walk(info.node))

    def _module_dict(self, name):
        """Whether `name` is bound at the module's level to a dict display
        (`container = {}`)."""
        binding = self.ctx.binding(name)
        return (binding is not None and binding.kind == sc.ASSIGN and binding.scope.kind == sc.MODULE
                and binding.value.__class__ is ast.Dict)

    def _in_session_class(self):
        """Whether the walk is in a method of a class named for a web session
        (a raw WSGI app's `class Session` keeping `self.sid`), not for another
        kind (`ChatSession`)."""
        info = self.ctx.function
        cls = info.class_node if info is not None else None
        return (cls is not None and "session" in (w.lower() for w in fw.words(cls.name))
                and not sid.names_other_session(cls.name))

    def is_session_read(self, read):
        """A read whose key names a session id or the session cookie: by a
        setting, the session cookie's (`settings.SESSION_COOKIE_NAME`); an
        auth token's (bk-user's `settings.BK_TOKEN_COOKIE_NAME` read from
        the query by a token-checking API) is judged by where its value
        goes, as a `token` key is."""
        if read.key is not None:
            if self._is_id_name(read.key):
                return True
            return read.source == COOKIE and cookie_kind(self.ctx, read.key) == fw.SESSION
        if read.key_expr is None:
            return False
        return names_session_setting(read.key_expr, _SESSION_WORDS if read.source != COOKIE else fw.SESSION_COOKIE_WORDS)

    def _statement_of(self, node):
        statement = self._statement
        if statement is not None and statement.lineno <= node.lineno <= (statement.end_lineno or statement.lineno):
            return statement
        return node

    def _store_name(self, expr):
        """The name of a hand-rolled session store, or None."""
        name = expr.id if expr.__class__ is ast.Name else getattr(expr, "attr", None)
        if name is None or not sid.is_store_name(name) or (self._client_stores and _shape(expr) in self._client_stores):
            return None
        return None if fw.session_object(self.ctx, expr) is not None else name

    def _session_key_text(self, key):
        """`f"session:{sid}"`, `"sess_" + sid`."""
        if not urls.is_string_building(key):
            return False
        first = next(iter(urls.parts(key, set())), None)
        return isinstance(first, str) and sid.is_session_key_text(first)

    def _params_in(self, expr):
        """(FunctionDef, name) for parameters of plain functions in `expr`."""
        out = []
        for node in walk(expr):
            if node.__class__ is ast.Name:
                binding = self.ctx.binding(node)
                if binding is not None and binding.kind == sc.PARAM:
                    function = binding.scope.node
                    handler = self.handlers.handler(function)
                    if handler is not None and handler.kind == hd.FUNCTION:
                        out.append((function, node.id))
        return out

    def _names_other_handler(self, function):
        """A handler routed or registered under a path or router that names
        another kind of session (`/api/chat/...`, `assistant_router`)."""
        found = self._other_handlers.get(function)
        if found is None:
            handler = self.handlers.handler(function)
            names = [*handler.paths, *handler.routers] if handler is not None else []
            found = self._other_handlers[function] = any(map(sid.names_other_session, names))
        return found

    def _in_other_session(self):
        """The code being walked serves another kind of session: its module,
        or a handler it is in, is named for chats, terminals, tracing..."""
        if self._other_module:
            return True
        info = self.ctx.function
        while info is not None:
            if self._names_other_handler(info.node):
                return True
            info = info.parent
        return False

    def _read_in_other_session(self, read, other_functions):
        """`read` names another kind of session (`browsersteps_session_id`),
        or arrives in a module or in one of `other_functions` (handlers
        routed for one)."""
        if read.key is not None and sid.names_other_session(read.key):
            return True
        if read.key_expr is not None and names_session_setting(read.key_expr):
            # `request.POST[settings.SESSION_COOKIE_NAME]`: the web session's own cookie name, whatever
            # the module says (dss.api's `uploadify.py`, a Flash uploader's session workaround)
            return False
        if self._other_module:
            return True
        line = getattr(read.node, "lineno", None)
        return line is not None and any(
            function.lineno <= line <= (function.end_lineno or function.lineno) for function in other_functions
        )

    # -- statements --------------------------------------------------------------
    def visit_statement(self, node):
        self._statement = node

    def visit_assign(self, node):
        value = node.value
        if value is None:
            return
        targets = node.targets if node.__class__ is ast.Assign else [node.target]
        self.sign_ins.assigned(targets, value)
        for target in targets:
            self._client_records(target, value)
            cls = target.__class__
            if cls is ast.Name:
                self._assigned_name(target.id, value, node)
            elif cls is ast.Attribute:
                self._assigned_attribute(target, value)
                if target.attr == "user" and self._signs_request_in(target.value):
                    # `request.user = user` (an authentication middleware), Flask's
                    # `g.user = user`, Starlette's `request.state.user = user`: the
                    # request is signed in as the row, as a login() would
                    self.sign_ins.session_write(value, login=True)
            elif cls is ast.Subscript:
                self._assigned_item(target, value, node)

    def _client_records(self, target, value):
        """Note `S[key] = client` and `S = {key: client}` where a value is an
        HTTP or database client session (or a same-module function's result
        that may be one): `S` caches clients, and `key` is no session id."""
        if target.__class__ is ast.Subscript:
            pairs, store = [(target.slice, value)], target.value
            name = store.id if store.__class__ is ast.Name else store.attr if store.__class__ is ast.Attribute else None
            if name is not None and sid.names_other_session(name) and not self._class_container(store) and not (
                    store.__class__ is ast.Name and self._in_session_class()):
                # (a module dict a web `Session` class keeps its records in: `container[...]`, Tornado tutorials)
                # `rooms[code] = {...}`: a live quiz's or game's room code, no session id
                key = self.ctx.value_of(target.slice)
                if key.__class__ is ast.Call and _generator(key.func) is not None:
                    self._other_keys.add(_generator(key.func))
        elif value.__class__ is ast.Dict:
            pairs, store = [(k, v) for k, v in zip(value.keys, value.values) if k is not None], target
        else:
            return
        for key, record in pairs:
            record = self.ctx.value_of(record)
            if record.__class__ is not ast.Call:
                continue
            made = _CLIENT if self.ctx.qualname(record.func) in sid.CLIENT_SESSION_CLASSES else _callee(record.func)
            if made is _CLIENT:
                self._client_stores.add(_shape(store))
            key = self.ctx.value_of(key)
            self._client_keys.append((_callee(key.func) if key.__class__ is ast.Call else None, made))

    def _assigned_name(self, name, value, node):
        if name in fw.SESSION_NAME_SETTINGS:
            self._cookie_name(value)
        if self._names_session_id(name) and self_increment(name, value) is None:
            # (`session_id = session_id + 1`: the counter's step, judged where the counter is read)
            self._weak(value, f"assigned to {name!r}")

    def _signs_request_in(self, owner):
        """Whether `<owner>.user = ...` signs the request in: `owner` is the
        request (`request`, `self.request`), its state (`request.state`)
        or Flask's `g`."""
        if owner.__class__ is ast.Attribute and owner.attr == "state":
            return _names_request(owner.value)
        return _names_request(owner) or self.ctx.qualname(owner) in fw.REQUEST_GLOBALS

    def _cookie_name(self, value):
        """A configured session cookie name is a session-id name too."""
        text = literal_string(value, self.ctx)
        if text:
            self.id_names.add(sid.normal(text))

    def _assigned_attribute(self, target, value):
        attr = target.attr
        if self._names_session_id(attr):
            self._weak(value, f"assigned to .{attr}")
        if attr in _SESSION_ID_ATTRS:
            owner = fw.session_object(self.ctx, target.value)
            if owner is not None:
                self._use(value, f"session.{attr} = ...", web=True)

    def _assigned_item(self, target, value, node):
        key = literal_string(target.slice, self.ctx)
        if key is not None and cookie_jar(self.ctx, target.value) is not None:
            # `response.cookies["auth"] = TOKEN`, `jar["auth"] = TOKEN`
            if evaluate(value, self.ctx) not in (None, "", b""):
                self._constant_cookie(value, key, self._framework)
        if key in fw.SESSION_NAME_SETTINGS:
            self._cookie_name(value)
        if fw.session_object(self.ctx, target.value) is not None:
            self.sign_ins.session_write(value, literal_key(target.slice, self.ctx))
            # request.session[f"rememberMe{n}"] = str(random.random())
            text = key if key is not None else _key_text(target.slice)
            kind = sid.credential_kind(text) if text else None
            if kind is not None:
                self._weak(value, f"stored in the session as {text!r}", kind, web=True)
        store = self._store_name(target.value)
        if store is not None and not self._never_keyed_by_cookie(store):
            self._use(target.slice, f"{store}[...] = ...")
            self._weak(target.slice, f"used as a key of {store}")
        elif store is None and (self._class_container(target.value) or (
                target.value.__class__ is ast.Name and self._in_session_class() and self._module_dict(target.value)
                and not self._returned(target.slice))):
            # `Session.container[random_str] = {}` in a class named Session (a Tornado
            # tutorial's "自定义session"), or the module's dict it keeps them in: its keys are the session ids
            self._weak(target.slice, f"used as a key of {ast.unparse(target.value)}")
        if target in self._pending or self._default_written_back(target, value):
            self._creation(node, target.value, target.slice)

    def _default_written_back(self, target, value):
        """`record = store.get(key, {})`, then `store[key] = record`: the
        record a missing key's default stands for is stored under the key
        (created when the store had none, as `if key not in store: store[key]
        = {}` does)."""
        got = self.ctx.value_of(value) if value.__class__ is ast.Name else None
        if (got.__class__ is not ast.Call or got.func.__class__ is not ast.Attribute or got.func.attr != "get"
                or len(got.args) != 2 or got.args[1].__class__ not in (ast.Dict, ast.List)):
            return False
        return ast.dump(got.func.value) == ast.dump(target.value) and ast.dump(got.args[0]) == ast.dump(target.slice)

    def visit_return(self, node):
        info = self.ctx.function
        if node.value is None or info is None:
            return
        returned = self.ctx.value_of(node.value)
        if returned.__class__ is ast.Call and self.ctx.qualname(returned.func) in sid.CLIENT_SESSION_CLASSES:
            self._client_factories.add(info.name)
        if self._is_generator(info.name):
            kind = sid.generator_kind(info.name, self.id_names)
            for value in _returned_token(node.value, returned):
                self._weak(value, f"returned by {info.name}()", kind, generator=info.name)
                self._constant_generated(value, info, kind)

    def _constant_generated(self, value, info, kind):
        """A session-id generator named for making one (sid.names_a_maker)
        whose every return is one constant, or a hash or encoding of one
        (`return sha256("4bf9c7...".encode()).hexdigest()`): every session
        gets the same id."""
        if not sid.names_a_maker(info.name):
            return  # `session_key()` may return the key's fixed name; `new_session_id()` makes an id
        source = self._constant_source(value)
        if source is None or self._in_test() or not self._once("weak", value):
            return
        returns = [n for n in walk(info.node) if n.__class__ is ast.Return]
        if any(r.value is None or self._constant_source(r.value) is None for r in returns):
            return  # a constant on one path only (a fallback, a stub's placeholder)
        weak = WeakId(value, source, f"returned by {info.name}()", self._framework(), kind or "session id",
                      constant=True, compared=False)
        self._generated.append((weak, info.name))

    def _constant_source(self, expr, depth=0):
        """How a message names `expr` when it is the same at every call (a
        non-empty string literal, or a hash or encoding of one), else None."""
        expr = self.ctx.value_of(expr)
        if expr.__class__ is ast.Constant:
            text = expr.value
            if isinstance(text, bytes):
                text = text.decode("latin-1")
            if not isinstance(text, str) or not text.strip():
                return None
            return f"the literal {text if len(text) <= 12 else text[:12] + '...'!r}"
        if expr.__class__ is not ast.Call or depth >= 4:
            return None
        func = expr.func
        if func.__class__ is ast.Attribute and func.attr in _CONSTANT_KEEPING_METHODS:
            if func.attr in ("hexdigest", "digest") and expr.args:
                return None
            return self._constant_source(func.value, depth + 1)
        if self.ctx.qualname(func) in stdlib.HASHES and len(expr.args) == 1 and not expr.keywords:
            inner = self._constant_source(expr.args[0], depth + 1)
            return None if inner is None else (inner if inner.startswith("a hash of") else f"a hash of {inner}")
        return None

    def _is_generator(self, name):
        """sid.is_generator_name, asked at every return of a function: kept
        per name and set of id names, across files and checks: the
        language server asks again about every function at each edit (the
        set is kept once, _ID_NAME_SETS, so the answers' keys compare by
        identity)."""
        known = self._generators
        if known[0] != len(self.id_names):
            frozen = frozenset(self.id_names)
            if len(_ID_NAME_SETS) >= 64:  # a run's configurations are few: this never fills in practice
                _ID_NAME_SETS.clear()
            known = self._generators = (len(self.id_names), _ID_NAME_SETS.setdefault(frozen, frozen))
        return _generator_name(name, known[1])

    def visit_compare(self, node):
        """`request.cookies["remember"] == token`: a value checked against a
        cookie is the credential the cookie carries."""
        if len(node.ops) != 1:
            return
        left, right = node.left, node.comparators[0]
        self._compared_constant(node, node.ops[0].__class__, left, right)
        if node.ops[0].__class__ not in (ast.Eq, ast.NotEq):
            return
        for cookie, other in ((left, right), (right, left)):
            read = self.origins.origin(cookie)
            if read.__class__ is Read and read.source == COOKIE and read.key is not None:
                # Only a session or credential cookie: an A/B-test cookie
                # compared with a random bucket is no credential.
                if cookie_kind(self.ctx, read.key) == fw.SESSION:
                    self._weak(other, f"compared with cookie {read.key!r}", sid.credential_kind(read.key), web=True)
                return
        for value, stored in ((left, right), (right, left)):
            self._compared_with_stored_id(value, stored)
        for value, key in ((left, right), (right, left)):
            # `self.session.id != request.json["session_id"]` (Indico's conference
            # session): a value checked against an object's primary key is that key.
            if (key.__class__ is ast.Attribute and key.attr in sid.PRIMARY_KEY_ARGS
                    and self.ctx.qualname(key.value) not in fw.SESSION_PROXIES):  # not `flask.session.id`
                self._is_a_key(value, direct_only=True)

    def _compared_constant(self, node, op, left, right):
        """`int(request.cookies.get(NAME)) == VALUE`, `cookie in ("yes",)`:
        the server trusts a cookie that carries a constant. Kept with
        whether the comparison guards access (_guards_access): a flag value
        is a token only then, or under a credential's name."""
        if op in _IN:
            pairs = [(left, right.elts if right.__class__ in _SEQUENCES else [right])]
        elif op in _EQUAL:
            pairs = [(left, [right]), (right, [left])]
        else:
            return
        for cookie, others in pairs:
            read = self.origins.origin(cookie)
            if read.__class__ is not Read or read.source != COOKIE or read.key is None:
                continue
            for other in others:
                constant = self._constant(other)
                if constant is not None:
                    pair = (read.key, constant[0])
                    if not self._compared_constants.get(pair):
                        self._compared_constants[pair] = self._guards_access(node)

    def _guards_access(self, compare):
        """Whether a comparison decides access: the test of an `if` whose
        branches raise, return, abort or redirect (`if cookie != TOKEN:
        abort(403)`), or the result of a predicate named for the signed-in
        user (`return int(cookie) == LOGIN_VALUE` in `_logged_in()`). Not
        `if cookie != "1": set_cookie(name, "1")` (jumpserver's GM-SSL flag,
        set once for the frontend)."""
        where = (compare.lineno, compare.col_offset)
        test = self._if.test if self._if is not None else None
        if (test is not None and (test.lineno, test.col_offset) <= where
                <= (test.end_lineno, test.end_col_offset)):
            return _exits(self._if)
        statement = self._statement_of(compare)
        info = self.ctx.function
        return statement.__class__ is ast.Return and info is not None and sid.names_signed_in_check(info.name)

    def _constant_cookie(self, value, name, framework):
        """A cookie set to a constant: a hard-coded token if the code also
        compares a read of the cookie with it (judged at the end).
        `framework()` gives the finding's framework: asked only for a
        constant (most cookie values are not)."""
        if value is None or self._in_test():
            return
        kind = cookie_kind(self.ctx, name)
        if kind in (fw.PREFERENCE, fw.CSRF):
            return  # a theme or consent cookie; a double-submit token is no login
        constant = self._constant(value)
        if constant is not None:
            self._constant_cookies.append(_ConstantCookie(_unwrap_encoder(value), name, *constant, framework()))

    def _constant(self, expr):
        """(the value as a cookie carries it, its label) when `expr` is a
        literal, or a module-level name bound once to a literal and never
        rebound (`str()`/`int()` around it change nothing), else None."""
        expr = _unwrap_encoder(expr)
        if expr.__class__ is ast.Name:
            binding = self.ctx.binding(expr)
            if (binding is None or binding.kind != sc.ASSIGN or binding.scope.kind != sc.MODULE
                    or self._module_binds().get(expr.id) != 1):
                return None
            value = evaluate(binding.value)
        else:
            value = evaluate(expr)
        if value is UNKNOWN or value is None or value in ("", b"") or isinstance(value, float):
            return None
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        # The label only once the value is a constant: most cookie values
        # are not, and `_source` unparses the expression.
        if expr.__class__ is ast.Name:
            label = f"the constant {expr.id}"
        else:
            label = f"the literal {_source(expr)}"
        return str(value), label

    def _module_binds(self):
        """How often each module-level name is bound: by module-level code,
        or by a function that declares it `global` (counted twice)."""
        if self._module_stores is None:
            counts = self._module_stores = {}
            module = self.ctx.tree
            for node in walk(module):
                if node.__class__ is ast.Global:
                    for name in node.names:
                        counts[name] = counts.get(name, 0) + 2
            for node in _module_level(module):
                if node.__class__ is ast.Name and node.ctx.__class__ is not ast.Load:
                    counts[node.id] = counts.get(node.id, 0) + 1
                elif node.__class__ in (ast.Import, ast.ImportFrom):
                    for alias in node.names:
                        name = (alias.asname or alias.name).partition(".")[0]
                        counts[name] = counts.get(name, 0) + 1
                elif node.__class__ in _DEFINITIONS:
                    counts[node.name] = counts.get(node.name, 0) + 1
        return self._module_stores

    def _compared_with_stored_id(self, value, stored):
        """`request.form["t"] == user.session_token`: a request value checked
        against a stored session id is that session id, whatever the request
        calls it (a CSRF token checked against the session's copy is not)."""
        found = self.origins.origin(stored)
        if found.__class__ is Read or found is FOREIGN:
            return
        if found.__class__ is SessionIdValue:
            label = f"the comparison with {found.label}"
        else:
            name = _last_name(stored, self.ctx)
            if name is None or not self._is_id_name(name) or self._session_data(stored):
                return
            label = f"the comparison with the stored {name!r}"
        for read in self.origins.reads_in(value):
            if read.source not in (COOKIE, HEADER, None) and label not in read.uses:
                read.uses.append(label)
                # The web session's own id (`session.sid`) makes it a web session id anywhere.
                if found.__class__ is SessionIdValue:
                    self._web_api_reads.add(read)
        for param in self._params_in(value):
            # `def validate_user_session(id, token): return user.session_token == token`: what a
            # handler passes it is checked as the session id
            self._session_params.setdefault(param, f"{label} in {param[0].name}()")

    def _session_data(self, expr):
        """Whether a local holds a value the application keeps in its own
        session (`session_key = str(request.session.get("code"))`), read
        under a key that names no session id: the session's data (a
        confirmation code), not its id, whatever the local is called."""
        if expr.__class__ is not ast.Name:
            return False
        value = self.ctx.value_of(expr)
        for _ in range(_MAX_UNWRAP):  # str(...), int(...)
            if (value.__class__ is ast.Call and value.func.__class__ is ast.Name
                    and value.func.id in _ENCODERS and value.args):
                value = value.args[0]
            else:
                break
        if (value.__class__ is ast.Call and value.func.__class__ is ast.Attribute
                and value.func.attr in _SESSION_READS and value.args):
            session, key = value.func.value, value.args[0]
        elif value.__class__ is ast.Subscript:
            session, key = value.value, value.slice
        else:
            return False
        if fw.session_object(self.ctx, session) is None:
            return False
        name = literal_string(key, self.ctx)
        return name is not None and not self._is_id_name(name)

    def visit_dict(self, node):
        for key, value in zip(node.keys, node.values):
            name = literal_string(key) if key is not None else None
            # A dotted key is an attribute name of a trace span or log record
            # (OpenTelemetry's `{"session.id": ...}`), not where a session id is kept.
            if name and "." not in name and self._names_session_id(name):
                self._weak(value, f"stored under {name!r}")

    # -- calls -------------------------------------------------------------------
    def visit_call(self, node):
        func = node.func
        cls = func.__class__
        qualname = self.ctx.qualname(func)
        # The callee's last name, taken once: the steps only a few names or
        # qualified names concern are skipped, on the cheapest test, for the
        # other calls (nearly all), where they would find nothing.
        name = func.id if cls is ast.Name else (func.attr if cls is ast.Attribute else None)
        if name in _SESSION_STORE_CLASSES or (qualname is not None and qualname.startswith(_SESSION_MODEL_PREFIXES)):
            self._session_loader(node, func, qualname)
        self.sign_ins.call(node, func, qualname)
        if cls is ast.Attribute:
            if func.attr in _SET_COOKIE:
                self._cookie(node, func)
            elif func.attr in _STORE_METHODS and node.args:
                self._store_call(node, func)
            elif func.attr == "save":
                self._must_create(node, func)
            if node in self._pending:
                self._creation(node, func.value, node.args[0] if node.args else None)
            if len(node.args) == 2 and node.args[0].__class__ is ast.Constant and func.attr in HEADER_METHODS:
                self._header_cookie(node.args[0].value, node.args[1])
        if self._cookie_helpers.active and (cls is ast.Name or (cls is ast.Attribute and func.attr not in _SET_COOKIE)):
            site = helper_cookie_site(self.ctx, node)  # a cookie helper of the project: its arguments are the cookie's
            if site is not None:
                self._cookie_site(site, None)
        self._pass_along(node, func, qualname)
        if node.args:
            self._other_session_call(node, name)
            if name is not None:
                self._entity_call(node, name)
        if name in _OBJECT_ID_CALLS:
            self._object_lookup(node, func)
        elif name in _SQL_RUNS and len(node.args) >= 2:
            self._sql_row_keys(node)
        if (qualname is not None and qualname in _URL_QUALNAMES) or (cls is ast.Attribute and name in _URL_ATTRS):
            self._url_call(node, func, qualname)
        if node.keywords and name in sid.HTTP_REQUEST_METHODS:
            self._outbound_request(node, cls, qualname)
        if node.keywords:
            named = self._id_keywords
            for keyword in node.keywords:
                arg = keyword.arg
                if arg:
                    found = named.get(arg)
                    if found is None:
                        found = named[arg] = self._names_session_id(arg)
                    if found:
                        self._weak(keyword.value, f"passed as {arg}=")
                    elif arg.endswith("_id") and name not in sid.ORM_METHODS and _on_a_class(func):
                        # `Process.for_user(server_id=sid)`: a model's method, told whose id it is
                        # (not a log record's `correlation_id=`). (ORM methods: _object_lookup.)
                        self._is_a_key(keyword.value, direct_only=True)

    def _outbound_request(self, node, cls, qualname):
        """`client.post(url, json={"session_id": ...})`, `requests.get(url,
        params=...)`: the request values sent on in the body or query of a
        request to another service (sid.HTTP_REQUEST_METHODS) are that
        service's ids, as a payment provider's are, unless they reach a
        session-loading API or a session store here."""
        if qualname is not None:
            if qualname.partition(".")[0] not in sid.HTTP_CLIENT_PACKAGES:
                return
        elif cls is not ast.Attribute or not self.ctx.imports(*sid.HTTP_CLIENT_PACKAGES):
            return
        for keyword in node.keywords:
            if keyword.arg in sid.HTTP_PAYLOAD_KEYWORDS:
                value = self.ctx.value_of(keyword.value)  # `payload = {...}`, then `json=payload`
                self._forwarded_reads.update(self.origins.reads_in(value))

    def _other_session_call(self, node, name):
        """`close_terminal_session(sid)`, and a function handed to an executor
        with its arguments (`thread_pool_exec(sandbox_session_accessible,
        session_id, user_id)`): a function named for another kind of session
        (a chat, a sandbox, a terminal: sid.names_other_session) takes that
        session's id, not a web session's, as the store it indexes would say."""
        first = node.args[0]
        if name is not None and sid.names_other_session(name):
            given = node.args
        elif first.__class__ in (ast.Name, ast.Attribute) and len(node.args) > 1 and sid.names_other_session(
                first.id if first.__class__ is ast.Name else first.attr):
            given = node.args[1:]
        elif node.func.__class__ is ast.Attribute and self._names_other_receiver(node.func.value):
            given = node.args
        else:
            return
        for value in given:
            self._other_session_reads.update(self.origins.reads_in(value))

    def _names_other_receiver(self, receiver):
        """A method's receiver named for another kind of session, or made
        by a class named so (`CCSandboxClient(ws).reset_session(sid)`,
        `client = CCSandboxClient(ws)` then `client.reset_session(sid)`):
        its methods take that session's ids (nekro-agent)."""
        cls = receiver.__class__
        if cls is ast.Call:
            value = receiver
        else:
            name = sc.last_name(receiver)
            if name is None:
                return False
            if sid.names_other_session(name):
                return True
            value = self.ctx.value_of(receiver) if cls is ast.Name else None
            if value is receiver:  # a parameter typed so (Maeser's `session_handler: ChatSessionManager`)
                binding = self.ctx.binding(receiver)
                hint = binding.value if binding is not None and binding.kind == sc.PARAM else None
                if hint.__class__ is ast.Constant and isinstance(hint.value, str):
                    typed = hint.value.rpartition(".")[2]
                else:
                    typed = sc.last_name(hint) if hint is not None else None
                # (a type of sessions: `WebSocket`, a framework's connection, names none)
                return typed is not None and "session" in typed.lower() and sid.names_other_session(typed)
            if value.__class__ is not ast.Call:
                return False
        made = sc.last_name(value.func)
        return made is not None and sid.names_other_session(made)

    def _session_loader(self, node, func, qualname):
        """Django `SessionStore(session_key=...)` and session-model lookups."""
        name = func.id if func.__class__ is ast.Name else getattr(func, "attr", None)
        if name in _SESSION_STORE_CLASSES:
            given = node.args[:1] + [k.value for k in node.keywords if k.arg == "session_key"]
            for value in given:
                self._use(value, "SessionStore(session_key=...)", web=True)
        elif qualname is not None and qualname.startswith(_SESSION_MODEL_PREFIXES):
            for keyword in node.keywords:
                if keyword.arg in ("session_key", "pk"):
                    self._use(keyword.value, f"Session.objects.{func.attr}(session_key=...)", web=True)

    def _sql_row_keys(self, node):
        """`cur.execute("UPDATE active_sessions SET is_active = FALSE WHERE
        id = %s", (session_id,))`: a value compared with a row's primary key
        (`id`, `pk`) in the statement is that row's key (an admin's
        "terminate session" form naming the row), no session id."""
        sql = literal_string(node.args[0], self.ctx)
        params = node.args[1]
        if sql is None or params.__class__ not in _SEQUENCES:
            return
        if _SQL_NAMED.search(sql):
            return  # named placeholders (`%(name)s`, `:name`): not in the order of the parameters
        columns = []
        for mark in _SQL_MARK.finditer(sql):
            column = _SQL_COLUMN.search(sql[max(0, mark.start() - 80):mark.start()])
            columns.append(column.group(1).lower() if column is not None else None)
        if len(columns) != len(params.elts):
            return
        for column, value in zip(columns, params.elts):
            if column in sid.PRIMARY_KEY_ARGS:
                self._is_a_key(value)

    def _entity_call(self, node, name):
        """`stock_delete(sid)` in `StockResource.on_put` (mblog): a short,
        ambiguous id (`sid`: sid.AMBIGUOUS_NAMES) handed to a function named
        for the entity the handler's class, function or module is named for
        is that entity's id (a stock's), no session id."""
        info = self.ctx.function
        if info is None or not any(arg.__class__ is ast.Name for arg in node.args):
            return
        named = fw.words(name)
        # (the cheap tests on the callee's name first: the walk of the function is made once, for few calls)
        if _GENERIC_WORDS.issuperset(named) or self._context_words().isdisjoint(named) or (
                not kept(info.node, "ambiguous ids", _spells_ambiguous_id)):
            return
        for arg in node.args:
            if arg.__class__ is ast.Name:
                read = self.origins.origin(arg)
                if read.__class__ is Read and read.key is not None and _normal(read.key) in sid.AMBIGUOUS_NAMES:
                    self._is_a_key(arg, direct_only=True)

    def _context_words(self):
        """The words naming no generic thing in the names of the function
        being walked, its classes and the module (kept per scope)."""
        scope = self.ctx.scope
        found = self._scope_words.get(scope)
        if found is None:
            found = set(fw.words(os.path.splitext(os.path.basename(self.ctx.path))[0]))
            each = scope
            while each is not None:
                if each.node.__class__ in _DEFINITIONS:
                    found.update(fw.words(each.node.name))
                each = each.parent
            found = self._scope_words[scope] = frozenset(found - _GENERIC_WORDS)
        return found

    def _is_a_key(self, expr, direct_only=False):
        """`expr` holds a number or another entity's key: the reads in it are
        no session ids. When `expr` is itself a read or a parameter (`str()`
        or `int()` around it at most), its other reads in the function are
        not either (finish), nor are the reads a caller passes to
        that parameter (`filter_by(id=session_id)` in a helper the handler
        passes `data["session_id"]`); a value derived from one
        (`int(len(sid))`) says nothing of them. `direct_only`: only then."""
        value = _unwrap_encoder(expr)
        read = self.origins.origin(value)
        if read.__class__ is Read and (read.node is value or value.__class__ is ast.Name):
            read.numeric = True  # the read itself (`int(data["sid"])`), or a name for it
            self._direct_keys.add(read)
        elif value.__class__ is ast.Name:
            self._numeric_params.update(self._params_in(value))
        if not direct_only:
            for read in self.origins.reads_in(expr):
                read.numeric = True

    def _object_lookup(self, node, func):
        """`Model.objects.filter(id=session_id)`: the value is a row's primary
        key (an editing session, a chat session), not a web session id; and
        so is a value turned into a number (`int(session_id)`)."""
        name = func.id if func.__class__ is ast.Name else getattr(func, "attr", None)
        if (name in NUMERIC and func.__class__ is ast.Name and len(node.args) == 1
                and self.ctx.binding(func) is None):  # the builtin, not `coerce.int(x)` nor an own `int`
            # `int(session_id)`: a number, like `<int:sid>` (a race's or a
            # station's session), judged by flow only.
            self._is_a_key(node.args[0])
            return
        if name not in sid.ORM_METHODS:
            return
        # `filter_by(id=x)`, and a column naming another entity's id
        # (`filter_by(server_id=sid)`: pgAdmin's server, not a session).
        keys = [k.value for k in node.keywords if k.arg in sid.PRIMARY_KEY_ARGS or (
            k.arg is not None and k.arg.endswith("_id") and not self._names_session_id(k.arg))]
        if len(keys) < len(node.keywords) and _model_outside_sessions(_looked_up_model(func, node)):
            # a column named like a session id on a model that keeps no sessions
            # (`Freshman.objects.get(sid=sid)`: YPPF's student id), that model's own key
            keys.extend(k.value for k in node.keywords if k.arg is not None and self._names_session_id(k.arg))
        # SQLAlchemy: `.filter(ChatSession.id == x)`, `Model.query.get(x)`,
        # `db.query(Model).get(x)`, `db.get(Model, x)`.
        for arg in node.args:
            if (arg.__class__ is ast.Compare and len(arg.ops) == 1 and arg.ops[0].__class__ is ast.Eq
                    and arg.left.__class__ is ast.Attribute and arg.left.attr in sid.PRIMARY_KEY_ARGS):
                keys.append(arg.comparators[0])
        if name == "get" and func.__class__ is ast.Attribute and _names_model_query(func.value, node.args):
            keys.append(node.args[-1])
        elif name == sid.KEY_LOOKUP_OR_404 and func.__class__ is ast.Attribute and node.args:
            # Flask-SQLAlchemy's `Model.query.get_or_404(key)`, `db.get_or_404(Model, key)`,
            # a model's own `Session.get_or_404(key)` (Indico's conference sessions)
            two = len(node.args) == 2 and _names_model_query(func.value, node.args)
            keys.append(node.args[1] if two else node.args[0])
        for key in keys:
            self._is_a_key(key)

    def _use(self, expr, sink, web=False):
        """`expr` is used as a session id by `sink`; `web` when the sink is a
        web-session API (Django's session store, the session cookie,
        `session.sid`) rather than a hand-rolled store."""
        for read in self.origins.reads_in(expr):
            if sink not in read.uses:
                read.uses.append(sink)
            if web:
                self._web_api_reads.add(read)
        for param in self._params_in(expr):
            self._session_params.setdefault(param, f"{sink} in {param[0].name}()")
            if web:
                self._web_params.add(param)
        for node in walk(expr):
            if node.__class__ is ast.Name:
                binding = self.ctx.binding(node)
                if binding is not None:
                    self._session_bindings.add(binding)

    def _cookie(self, node, func):
        site = set_cookie_site(self.ctx, node, func)
        if site is not None:
            self._cookie_site(site, func)
            return
        site = helper_cookie_site(self.ctx, node)  # `utils.set_cookie(resp, "sid", value)`: a project helper
        if site is not None:
            self._cookie_site(site, None)

    def _cookie_site(self, site, func):
        """A cookie set at `site`, by a `set_cookie(...)` call whose callee is
        `func`, or (`func` None) through a cookie helper of the module."""
        if site.value is None:
            return
        named = site.name is not None and not ids_a_record(site.name, _RECORD_OWNERS) and (
            cookie_kind(self.ctx, site.name) == fw.SESSION or self._is_id_name(site.name)
        )
        key = site.flags["name"].node
        if named and (self._signed_identity(site, func) or self._not_client_picked(site.value)
                      or self._credential_presented(site.value)):
            named = False
        if named and self._never_read(site.name):
            for read in self.origins.reads_in(site.value):
                read.unread_cookie = True
        elif named or (site.name is None and key is not None and names_session_setting(key)):
            label = f"set_cookie({site.name!r})" if site.name else "set_cookie(session cookie)"
            self._use(site.value, label, web=True)
        if site.sensitivity == fw.SESSION:
            self._weak(site.value, f"set as cookie {site.name!r}" if site.name else "set as the session cookie",
                       web=True)
            self._record_id_cookie(site)
        if site.name is not None and not site.deletion:
            self._constant_cookie(site.value, site.name,
                                  lambda: self._framework(fw.response_framework(self.ctx, func.value)
                                                          if func is not None else site.framework))

    def _header_cookie(self, header, value, raw=False):
        """`send_header("Set-Cookie", "token=" + str(n))`: the value of a
        session cookie a hand-written header sets must be strong, as one
        set_cookie() sets (the header's flags: cookies.py). `raw`: the
        header's whole line, as a raw socket server writes it."""
        if not (isinstance(header, str) and header.lower() == "set-cookie"):
            return
        found = header_cookie_value(value, self.ctx, raw)
        if found is None:
            return
        name, cookie_value = found
        if cookie_kind(self.ctx, name) == fw.SESSION:
            self._weak(cookie_value, f"set as cookie {name!r}", web=True)

    def _record_id_cookie(self, site):
        """A credential cookie (`remember_user`, `auth_token`) whose value
        is the user's row id (`str(user.id)`, `user.pk`), unsigned: a
        database counter (the next user's id one more) or, made random, an
        identifier the app shows wherever it names the user, never a
        secret (RULES.md "SFX204 covers session-bound credentials": counters)."""
        if site.name is None or site.deletion or "signed" in (site.method or "") or "secure" in (site.method or ""):
            return
        if _CREDENTIAL_COOKIE_WORDS.isdisjoint(fw.words(site.name)) or self._in_test():
            return
        held = _user_row_id(self.ctx, site.value)
        if held is not None and self._once("weak", held):
            kind = sid.credential_kind(site.name) or "session id"
            label = (f"{ast.unparse(held)}, the user's database id (an identifier, no secret: a counter, or a "
                     f"value the app shows elsewhere)")
            self.weak_ids.append(WeakId(held, label, f"set as cookie {site.name!r}", self._framework(), kind))

    def _signed_identity(self, site, func):
        """A handler's signed login cookie holding the user's name or id
        (Tornado's `self.set_signed_cookie("user", self.get_argument("username"))`):
        an identity the server signs afresh, not a session id the client
        picks, when every request value in it is named like an identifier."""
        framework = fw.handler_framework(self.ctx, func.value) if func is not None else None
        if framework is None or site.method not in framework.identity_cookie_setters:
            return False
        reads = self.origins.reads_in(site.value)
        return bool(reads) and all(
            read.key and set(fw.words(read.key)) <= vocab.IDENTIFIER_COLUMN_WORDS for read in reads)

    def _not_client_picked(self, value):
        """A cookie value the client cannot pick, whatever request values
        go into it: a token the server mints from them (`jwt.encode({"sub":
        username}, key)`, a strong source), or the signed-in user's own name
        or address (`set_cookie("access_token", username)` after a password
        check: a forgeable identity, not a session id a link can plant;
        `Cookie()` is no fix for a login form's field)."""
        if self.origins.origin(value) is STRONG:
            return True
        names = [read.key for read in self.origins.reads_in(value)]
        names.extend(name for _, name in self._params_in(value))
        return bool(names) and all(name and _names_the_user(name) for name in names)

    def _credential_presented(self, value):
        """A login form's credential set as the cookie (marimo's token login:
        `post_login(token: Annotated[str, Form()])` then
        `set_cookie(key="token", value=token)`): every request value in it
        comes from a form or JSON body and is named as a credential (`token`,
        `api_key`, not a session id's name), in a handler named or routed for
        login. The user presents a credential; a body comes with the user's
        own submission, never with a link, so no link plants it (forcing one
        is login CSRF)."""
        reads = self.origins.reads_in(value)
        if not reads or any(read.source not in _BODIES or not read.key for read in reads):
            return False
        if not all(_names_credential(read.key) and not self._is_id_name(read.key) for read in reads):
            return False
        function = self.ctx.function
        handler = self.handlers.handler(function.node) if function is not None else None
        return handler is not None and _login_phrases(self.ctx.config).in_words(handler.words())

    def _never_read(self, name):
        """A cookie no code of the application reads (project/cookie_reads.py):
        mirroring a request value into it plants nothing the server trusts."""
        project = self.ctx.project
        config = self.ctx.config
        if project is None or not project.reads_cookies or name.lower() in config.lowered("session_cookie_names"):
            return False
        if sid.normal(name) in {sid.normal(n) for n in config.session_id_names}:
            return False
        return not fw.cookie_is_read(name, project.cookies_read)

    def _never_keyed_by_cookie(self, store):
        """A store no cookie keys, in an application that looks its sign-in
        up by a cookie elsewhere (project/session_stores.py): per-client
        state (gradio's per-tab `session_data`), not the web session's records."""
        project = self.ctx.project
        return store is not None and project is not None and sid.is_app_state_store(store, project.cookie_keyed)

    def _store_call(self, node, func):
        method = func.attr
        key = node.args[0]
        store = self._store_name(func.value)
        if store is None and not self._session_key_text(key):
            if method in sid.STORE_CREATES:
                self._creation(node, func.value, key)
            return
        label = f"{store or _source(func.value)}.{method}()"
        if method in sid.STORE_CREATES:
            self._creation(node, func.value, key)
        elif not self._never_keyed_by_cookie(store):
            self._use(key, label)
        if method in sid.STORE_WRITES or method in sid.STORE_CREATES:
            self._weak(key, f"used as a key of {store or _source(func.value)}")

    def _must_create(self, node, func):
        """Django `SessionStore(session_key=k).save(must_create=True)` creates
        the record under `k` itself."""
        if not any(k.arg == "must_create" and getattr(k.value, "value", None) is True for k in node.keywords):
            return
        store = self.ctx.value_of(func.value)
        if store.__class__ is ast.Call and _callee(store.func) in _SESSION_STORE_CLASSES:
            given = store.args[:1] + [k.value for k in store.keywords if k.arg == "session_key"]
            if given:
                self._creation(node, func.value, given[0], session=True)

    def _pass_along(self, node, func, qualname):
        """Values passed to a provider's API are the provider's; values passed
        to a same-module function are followed into it."""
        if not node.args and not node.keywords:
            return
        # A provider's API has a qualified name, which only an import of the
        # provider gives: in other files (nearly all) no call is traced.
        if self.ctx.imports_root(sid.FOREIGN_ROOTS) and self.origins.origin(node) is FOREIGN:
            for value in [*node.args, *(k.value for k in node.keywords)]:
                for read in self.origins.reads_in(value):
                    read.foreign = True
                self._foreign_params.update(self._params_in(value))
            return
        function, bound = None, 0
        if func.__class__ is ast.Name:
            binding = self.ctx.binding(func)
            if binding is not None and binding.kind == sc.FUNCTION:
                function = binding.value
        elif func.__class__ is ast.Attribute and func.value.__class__ is ast.Name and func.value.id == "self":
            function = self.ctx.own_method(func.attr)  # `self._session_updates(data["session_id"])`
            bound = 0 if function is None or _is_static(function) else 1
        if function is None:
            return
        names = [a.arg for a in function.args.posonlyargs + function.args.args][bound:]
        pairs = list(zip(names, node.args)) + [(k.arg, k.value) for k in node.keywords if k.arg]
        for name, value in pairs:
            for read in self.origins.reads_in(value):
                read.calls.append((function, name))

    # -- SFX202: URLs ------------------------------------------------------------
    def _url_call(self, node, func, qualname):
        if qualname in urls.URL_FUNCTIONS or urls.url_method(self.ctx, func):
            self._first_leak(node, urls.url_values(node, qualname), f"{_callee(func)}()")
            return
        if qualname in urls.REDIRECTS:
            target = urls.redirect_target(node)
            if target is not None:
                built = self.ctx.value_of(target)
                if urls.is_string_building(built) and not self._app_scheme(built):
                    self._string_url(built, f"the {_callee(func)}() target", anywhere=True)
                    self._token_query(built, f"the {_callee(func)}() target")
            if qualname in urls.REVERSING_REDIRECTS:
                self._first_leak(node, node.args[1:] + [k.value for k in node.keywords], f"{_callee(func)}()")
            return
        if urls.is_string_building(node):
            self._string_url(node, "str.format()")

    def _app_scheme(self, built):
        """Whether a built redirect target starts with an application's own
        scheme, not the web's (`f"{scheme}://authentication-results?access-token={t}"`
        with `scheme = "apple-remotemanagement-user-login"`, zentral's MDM
        enrollment): the OS hands it to an app, and no page, Referer or
        server log sees it."""
        start = ""
        for part in urls.parts(built, set()):
            if part.__class__ is not str:
                part = evaluate(part, self.ctx)
                if not isinstance(part, str):
                    break
            start += part
            if ":" in start or "/" in start:
                break
        found = _SCHEME.match(start)
        return found is not None and found.group(1).lower() not in _WEB_SCHEMES

    def visit_string(self, node):
        if node.__class__ is ast.BinOp and not urls.is_string_building(node):
            return
        if _starts_set_cookie(node):  # a raw response's `"Set-Cookie: token=" + str(n) + "\r\n"` (IntTechp3)
            self._header_cookie("set-cookie", node, raw=True)
        self._string_url(node, "an f-string" if node.__class__ is ast.JoinedStr else "string building")

    def _string_url(self, node, how, anywhere=False):
        if node in self._inner and not anywhere:
            return
        self._first_leak(node, [hole for hole, in_url in urls.holes(node, self._inner, anywhere) if in_url], how)

    def _first_leak(self, node, values, how):
        """Record a leak for the first session id among `values`; one known
        from its origin wins over one judged by a variable's name."""
        named = None
        for value in values:
            what, binding = self.session_id(value)
            if what and binding is None:
                self._leak(node, what, how)
                return
            if what and named is None:
                named = (what, binding)
        if named is not None:
            self._leak(node, named[0], how, named[1])

    def _token_query(self, node, how):
        """A redirect target whose query string carries an auth token under
        its own name (`?access_token={data.access_token}`, the OAuth callback
        that hands the browser its token): the browser's history, the next
        page's Referer and the logs get it. Both the parameter and the value
        say "auth token" (sid.SESSION_TOKEN_NAMES): a chat's `session_id`
        is a resource, a `token` a reset or e-mail link's; a value the
        request brought is SFX201's, a provider's is no session's."""
        for key, hole in urls.query_holes(node, self._inner):
            if not sid.is_session_token_name(key):
                continue
            name = _value_name(self._unencoded(hole))
            if name is None or not sid.is_session_token_name(name):
                continue
            found = self.origins.origin(hole)
            if found.__class__ in (Read, Container) or found is FOREIGN:
                continue
            self._leak(node, f"the {sid.credential_kind(name) or 'auth token'} {name!r}", how, token=True)
            return

    def _unencoded(self, expr):
        """`expr` without the encoders around it (`quote(sid)`, `str(sid)`)."""
        while expr.__class__ is ast.Call and len(expr.args) == 1 and not expr.keywords:
            callee = self.ctx.qualname(expr.func) or getattr(expr.func, "id", None)
            if callee not in stdlib.ENCODERS:
                break
            expr = expr.args[0]
        return expr

    def session_id(self, expr):
        """(how a message names the session id `expr` holds, None) — or,
        for a variable named like a session id whose origin is unknown,
        (name, its binding): that one counts only if the function also uses
        the variable as a session key. (None, None) otherwise."""
        expr = self._unencoded(expr)
        found = self.origins.origin(expr)
        if found.__class__ is SessionIdValue:
            return f"the session id {found.label}", None
        if found.__class__ is Read:
            if found.source == COOKIE and self.is_session_read(found):
                return (f"the session cookie {found.key!r}" if found.key else "the session cookie"), None
            return None, None
        if found is FOREIGN or expr.__class__ is not ast.Name or not self._is_id_name(expr.id):
            return None, None
        binding = self.ctx.binding(expr)
        return (f"session id {expr.id!r}", binding) if binding is not None else (None, None)

    def _leak(self, node, what, how, binding=None, token=False):
        if self._in_test():
            return
        leak = UrlLeak(node, what, how, self._framework(), token)
        if binding is not None:
            self._unconfirmed.append((leak, binding))
        elif self._once("url", node):
            self.url_leaks.append(leak)

    # -- SFX203: records created under the client's id ---------------------------
    def visit_if(self, node):
        self._if = node
        found = _absence(self.ctx, node.test)
        if found is None:
            return
        store, key, absent = found
        if not self.origins.reads_in(key):
            return
        shape = ast.dump(store)
        for statement in node.body if absent else node.orelse:
            for inner in walk(statement):
                if inner.__class__ is ast.Assign:
                    for target in inner.targets:
                        if target.__class__ is ast.Subscript and ast.dump(target.value) == shape:
                            self._pending[target] = store
                elif inner.__class__ is ast.Call and inner.func.__class__ is ast.Attribute:
                    if inner.func.attr in sid.STORE_WRITES | sid.STORE_CREATES and ast.dump(inner.func.value) == shape:
                        self._pending[inner] = store

    def visit_subscript(self, node):
        if node.ctx.__class__ is ast.Store:
            return
        store = self._store_name(node.value)
        if store is not None and node.slice.__class__ is not ast.Slice and not self._never_keyed_by_cookie(store):
            self._use(node.slice, f"{store}[...]")  # a lookup by key, not `sessions[:limit]`
        if node.ctx.__class__ is ast.Load:
            value = self.ctx.value_of(node.value)
            if value.__class__ is ast.Call and self.ctx.qualname(value.func) in _DEFAULTDICT:
                self._creation(node, node.value, node.slice)

    def _creation(self, node, store, key, session=False):
        if key is None or self._in_test():
            return
        reads = self.origins.reads_in(key)
        if not reads:
            return
        if not (session or self._store_name(store) or self._session_key_text(key) or any(map(self.is_session_read, reads))):
            return
        read = reads[0]
        statement = self._statement_of(node)
        if not self._once("create", statement):
            return
        what = f"{read.source} {read.key!r}" if read.key else f"the {read.source}"
        self.client_ids.append(ClientChosenId(statement, what, _source(store), self._framework(read.framework)))

    # -- SFX204: weak ids --------------------------------------------------------
    def _weak(self, expr, context, kind=None, web=False, generator=None):
        """`web`: the value goes into the web session or its cookie, wherever
        the code is; `generator`: judged by the name of the function that
        returns it, which the end of the walk may clear (a client cache key)."""
        found = self.origins.origin(expr)
        if found.__class__ is not Weak or self._in_test():
            return
        if not web and self._in_other_session():
            return
        if self._once("weak", found.node):
            kind = kind or sid.credential_kind(_context_name(context)) or "session id"
            weak = WeakId(found.node, found.label, context, self._framework(), kind)
            if generator is None and found.node.__class__ is ast.Call:
                # `key = self._session_key()`: cleared at the end when that helper keys a client cache
                generator = _generator(found.node.func)
            if generator is None:
                self.weak_ids.append(weak)
            else:
                self._generated.append((weak, generator))

    # -- the end -----------------------------------------------------------------
    def finish(self):
        self._finish_weak()
        for leak, binding in self._unconfirmed:
            if binding in self._session_bindings and self._once("url", leak.node):
                self.url_leaks.append(leak)
        self.url_leaks.sort(key=lambda leak: (leak.node.lineno, leak.node.col_offset))
        foreign_module = self.ctx.imports_root(sid.FOREIGN_ROOTS)
        other_functions = [f for f in self.handlers.handlers if self._names_other_handler(f)]
        for reads, label in self.sign_ins.sign_ins():
            for read in reads:
                if label not in read.uses:
                    read.uses.append(label)
                # Signing a user in is what a web session is for, wherever the code is.
                self._web_api_reads.add(read)
        # A parameter one read of which a function turns into a number or
        # looks a row up by (`int(data["sid"]) > 0`, then `get_server(data["sid"])`:
        # pgAdmin's server id) is that number in its other reads there too.
        numeric = {(read.function, read.source, read.key) for read in self._direct_keys
                   if read.key is not None and read.function is not None}
        for read in self.origins.reads:
            if read.source in (COOKIE, HEADER) or read.source is None:
                continue
            if numeric and (read.function, read.source, read.key) in numeric:
                read.numeric = True
            web = read in self._web_api_reads or any(c in self._web_params for c in read.calls)
            if not web and (read in self._other_session_reads or self._read_in_other_session(read, other_functions)):
                continue
            uses = read.uses + [self._session_params[c] for c in read.calls if c in self._session_params]
            if uses:
                self.param_reads.append(ParamRead(read, uses[0]))
                continue
            if not self.is_session_read(read) or read.foreign or read.numeric or read.unread_cookie:
                continue
            if any(c in self._numeric_params for c in read.calls):
                continue
            if any(c in self._foreign_params for c in read.calls):
                continue
            if read in self._forwarded_reads:
                continue  # another service's id: sent on to it, used for nothing here
            # A module that talks to Stripe reads Stripe's `session_id`.
            if foreign_module and read.key is not None and sid.normal(read.key) == "session_id":
                continue
            if self._sessionless_application():
                continue  # a backtest run's or a captcha's `session_id`: no web session to fix
            self.param_reads.append(ParamRead(read, ""))

    def _sessionless_application(self):
        """Whether the file's application has no web session whose id a
        request parameter could carry: its framework's session needs a
        set-up (Framework.session_setup: Starlette's SessionMiddleware,
        starsessions) that neither the file nor any module of the
        application imports, and no module of it reads a cookie or names
        one (ProjectFacts). Its `session_id` parameters name something else
        (jesse's backtest runs, a captcha challenge), unless the value
        reaches a session store or a session-loading API (judged before).
        Unknown without a project model: a file alone cannot tell."""
        found = self._sessionless
        if found is None:
            ctx = self.ctx
            project = ctx.project
            framework = fw.file_web_framework(ctx)
            found = self._sessionless = bool(
                framework is not None and project is not None and not project.reads_cookies
                and not project.cookies_read and not fw.session_set_up(ctx, framework))
        return found

    def _finish_weak(self):
        """A generator whose results key a cache of client sessions
        (`self._sessions[self._session_key()] = requests.Session()`) makes
        cache keys, not session ids. A constant set as a cookie and compared
        with a read of that cookie is a hard-coded token."""
        for cookie in self._constant_cookies:
            guarded = self._compared_constants.get((cookie.name, cookie.value))
            if guarded is None:
                continue
            if (not guarded and sid.is_flag_token_value(cookie.value) and cookie_kind(self.ctx, cookie.name) != fw.SESSION
                    and sid.credential_kind(cookie.name) is None):
                continue  # `jms_gm_ssl == "1"` deciding what to send: a flag, not a credential
            if self._once("weak", cookie.node):
                kind = sid.credential_kind(cookie.name) or "auth token"
                self.weak_ids.append(WeakId(cookie.node, cookie.source, f"set as cookie {cookie.name!r}",
                                            cookie.framework, kind, constant=True))
        clients = {_CLIENT} | self._client_factories
        cache_keys = {key for key, made in self._client_keys if key is not None and made in clients}
        self.weak_ids += [weak for weak, generator in self._generated
                          if generator not in cache_keys and generator not in self._other_keys]
        self.weak_ids.sort(key=lambda weak: (weak.node.lineno, weak.node.col_offset))

    def _framework(self, framework=None):
        return finding_framework(self.ctx, framework)


def finding_framework(ctx, framework=None):
    """The Framework a finding's advice comes from: `framework` when the
    fact knows it, else the web framework the file imports, else Python."""
    if framework is None:
        framework = fw.file_web_framework(ctx)
    return framework or fw.PYTHON


_CLIENT = "client session"  # a record made by one of sid.CLIENT_SESSION_CLASSES
_IN = (ast.In, ast.NotIn)
_EQUAL = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)
_SEQUENCES = (ast.Tuple, ast.List, ast.Set)
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Database cursors' calls running one SQL statement with its parameters.
_SQL_RUNS = frozenset(("execute",))
# A SQL statement's positional placeholders, the column compared with one
# (`id = %s`), and named placeholders (`%(id)s`, `:id`).
_SQL_MARK = re.compile(r"%s|\?")
_SQL_COLUMN = re.compile(r"(\w+)\s*=\s*$")
_SQL_NAMED = re.compile(r"%\(\w+\)s|(?<![:\w]):[A-Za-z_]\w*")
def _starts_set_cookie(node):
    """Whether string building `node` starts with a literal `Set-Cookie:`."""
    while node.__class__ is ast.BinOp:
        node = node.left
    if node.__class__ is ast.JoinedStr and node.values:
        node = node.values[0]
    return node.__class__ is ast.Constant and isinstance(node.value, str) and node.value[:11].lower() == "set-cookie:"


def _names_the_user(name):
    """Whether a request value's name says it holds the user's own name or
    address (`username`, `inp_user`, `kullanici_adi`)."""
    held = set(fw.words(name)) - sid.FORM_FIELD_WORDS
    return bool(held) and held <= sid.USER_IDENTITY_WORDS


def _spells_ambiguous_id(function):
    """Whether `function` spells a short, ambiguous id as a string
    (`req.get_param("sid")`): _entity_call."""
    return any(node.__class__ is ast.Constant and node.value.__class__ is str and node.value.lower() in sid.AMBIGUOUS_NAMES
               for node in walk(function))


# Words of handler and helper names that name no entity (_entity_call).
_GENERIC_WORDS = frozenset((
    "on", "get", "post", "put", "patch", "delete", "del", "update", "create", "new", "add", "remove", "set", "save",
    "load", "find", "fetch", "list", "show", "edit", "handle", "handler", "resource", "view", "views", "api", "app",
    "index", "main", "do", "data", "info", "item", "items", "page", "by", "id", "ids", "user", "users", "session",
    "sessions", "sid", "sess", "auth", "login", "logout", "cookie", "cookies", "token", "request", "response",
    "controller", "ctrl", "route", "routes", "service", "services", "model", "models", "util", "utils", "helper",
    "helpers", "manager", "store", "record", "check", "validate", "current", "me", "base", "init", "the", "a",
))


def _on_a_class(func):
    """A method called on a class by its name (`Process.for_user`,
    `models.Server.lookup`): a model's query, by the usual spelling."""
    if func.__class__ is not ast.Attribute:
        return False
    receiver = func.value
    name = receiver.id if receiver.__class__ is ast.Name else getattr(receiver, "attr", "")
    return name[:1].isupper()


def _is_static(function):
    return any(d.__class__ is ast.Name and d.id == "staticmethod" for d in function.decorator_list)


def _unwrap_encoder(expr):
    """`str(VALUE)`, `int(VALUE)`: the value inside."""
    while (expr.__class__ is ast.Call and expr.func.__class__ is ast.Name and expr.func.id in _ENCODERS
           and len(expr.args) == 1 and not expr.keywords):
        expr = expr.args[0]
    return expr


def _module_level(module):
    """The nodes of module-level code: not the bodies of functions and
    classes (their definitions themselves are yielded)."""
    stack = [module]
    while stack:
        node = stack.pop()
        yield node
        if node.__class__ in _DEFINITIONS or node.__class__ is ast.Lambda:
            continue
        stack.extend(ast.iter_child_nodes(node))


def _names_other_module(path, below):
    """`assistant/api.py`, `routers/terminals.py`, `claude_code/tracing.py`:
    the module's own name or its package's names another kind of session;
    so does a folder above it below the project's root (`below`: the path
    below it), a Django app's folder holding packages (jumpserver's
    `terminal/api/session/command.py`). The root's own name is the
    checkout's, not a part of the application."""
    names = [path.parent.name] + ([path.stem] if path.stem != "__init__" else [])
    if not below.is_absolute():  # an absolute path: no root known, its folders say nothing
        names += below.parts[:-2]
    return any(map(sid.names_other_session, names))


def _absence(ctx, test, depth=0):
    """(store, key, absent) when `test` asks whether `key` is in `store`;
    `absent` says the true branch is the one where it is missing."""
    if depth > 6:
        return None
    cls = test.__class__
    if cls is ast.Compare and len(test.ops) == 1:
        op = test.ops[0].__class__
        if op in (ast.In, ast.NotIn):
            return test.comparators[0], test.left, op is ast.NotIn
        right = test.comparators[0]
        if op in (ast.Is, ast.IsNot, ast.Eq, ast.NotEq) and right.__class__ is ast.Constant and right.value is None:
            probe = _probe(ctx, test.left)
            if probe is not None:
                return probe[0], probe[1], op in (ast.Is, ast.Eq)
        return None
    if cls is ast.UnaryOp and test.op.__class__ is ast.Not:
        found = _absence(ctx, test.operand, depth + 1)
        if found is not None:
            return found[0], found[1], not found[2]
        return None
    if cls is ast.BoolOp:
        for value in test.values:
            found = _absence(ctx, value, depth + 1)
            if found is not None and found[2]:
                return found
        return None
    probe = _probe(ctx, test)
    return (probe[0], probe[1], False) if probe is not None else None


def _probe(ctx, expr):
    """(store, key) for `store.get(key)` / `store.exists(key)`, directly or
    through a name bound to it."""
    if expr.__class__ is ast.Await:
        expr = expr.value
    if expr.__class__ is ast.Name:
        expr = ctx.value_of(expr)
        if expr.__class__ is ast.Await:
            expr = expr.value
    if expr.__class__ is ast.Call and expr.func.__class__ is ast.Attribute and expr.args:
        if expr.func.attr in sid.STORE_PROBES:
            return expr.func.value, expr.args[0]
    return None


def _last_name(expr, ctx):
    """`user.session_token` -> 'session_token'; `row["sid"]` -> 'sid';
    `sid` -> 'sid'; else None."""
    cls = expr.__class__
    if cls is ast.Attribute:
        return expr.attr
    if cls is ast.Subscript:
        return literal_string(expr.slice, ctx)
    if cls is ast.Name:
        return expr.id
    return None


def _key_text(expr):
    """An f-string key's literal parts (`f"rememberMe{n}"` -> 'rememberMe{}')."""
    if expr.__class__ is not ast.JoinedStr:
        return None
    return "".join(v.value if v.__class__ is ast.Constant else "{}" for v in expr.values)


def _context_name(context):
    """The name a context quotes: "assigned to 'auth_token'" -> 'auth_token';
    or the attribute it names: "assigned to .auth_token" -> 'auth_token'
    (DjanGoat's `user.auth_token = ...`: an auth token, not a session id)."""
    _, quote, rest = context.partition("'")
    if quote:
        return rest.partition("'")[0]
    return context.rpartition(" .")[2] if " ." in context else ""


def _exits(branching):
    """Whether a branch of an `if` leaves the request: a `raise`, a
    `return`, or a call that aborts or redirects (`abort(403)`,
    `redirect("/login")`)."""
    for statement in (*branching.body, *branching.orelse):
        for node in walk(statement):
            cls = node.__class__
            if cls in (ast.Raise, ast.Return):
                return True
            if cls is ast.Call and sid.is_deny_call(_callee(node.func)):
                return True
    return False


# Methods whose result is as constant as their receiver: `"x".encode()`,
# `sha256(...).hexdigest()`.
_CONSTANT_KEEPING_METHODS = frozenset(("encode", "decode", "hexdigest", "digest", "upper", "lower", "strip"))


def _returned_token(value, returned):
    """What a generator returns as its token: the value, or of a tuple
    (`return token, date_expired`) the elements named like a token or an
    id, else the first one; never an element named for the token's
    expiry, which only says how long the token lasts (jumpserver's
    `create_bearer_token()` computes it from `timezone.now()`)."""
    if returned.__class__ not in (ast.Tuple, ast.List) or not returned.elts:
        return (value,)
    elements = [e for e in returned.elts if e.__class__ is not ast.Starred]
    named = [e for e in elements if sid.names_token_element(_value_name(e))]
    if named:
        return named
    first = elements[:1]
    return [e for e in first if not sid.names_expiry(_value_name(e))]


def _names_model_query(receiver, args):
    """`Model.query`, `db.query(Model)`, or `db.get(Model, key)`: an ORM
    lookup by primary key, not a session store's `get(sid)`."""
    if receiver.__class__ is ast.Attribute and receiver.attr == "query":
        return len(args) == 1
    if receiver.__class__ is ast.Call and _callee(receiver.func) == "query":
        return len(args) == 1
    return (len(args) == 2 and args[0].__class__ is ast.Name and args[0].id[:1].isupper()
            and not args[0].id.isupper())


def _looked_up_model(func, call):
    """The class an ORM lookup's chain starts from: `Freshman` of
    `Freshman.objects.select_for_update().get(...)`,
    `Freshman.query.filter_by(...)`, `db.query(Freshman).filter_by(...)`,
    `get_object_or_404(Freshman, ...)`; else None."""
    if func.__class__ is ast.Name:
        first = call.args[0] if call.args else None
        return first.id if first.__class__ is ast.Name and func.id in _MODEL_FIRST_LOOKUPS else None
    value = func.value if func.__class__ is ast.Attribute else None
    while value is not None:
        cls = value.__class__
        if cls is ast.Call:
            if _callee(value.func) == "query" and len(value.args) == 1 and value.args[0].__class__ is ast.Name:
                return value.args[0].id
            value = value.func.value if value.func.__class__ is ast.Attribute else None
        elif cls is ast.Attribute:
            if value.attr in _MANAGERS and value.value.__class__ is ast.Name:
                return value.value.id
            value = value.value
        else:
            return None
    return None


_MODEL_FIRST_LOOKUPS = frozenset(("get_object_or_404", "get_list_or_404"))
_MANAGERS = frozenset(("objects", "query"))


def _model_outside_sessions(model):
    """Whether a model class (CapWords) is named for no session
    (`Freshman`, not Django's `Session` nor a `UserSession`)."""
    return (model is not None and model[:1].isupper() and not model.isupper()
            and not any(word in sid.SESSION_WORDS for word in fw.words(model)))


def _value_name(expr):
    """The name a value goes by: `access_token`, `data.access_token`,
    `tokens["access_token"]`; None for anything else."""
    if expr.__class__ is ast.Subscript and expr.slice.__class__ is ast.Constant and isinstance(expr.slice.value, str):
        return expr.slice.value
    return sc.last_name(expr)


def _generator(func):
    """The name of a helper a call makes an id with, as weak ids are
    deferred by it: a function (`new_room_code()`) or the class's own
    method (`self._session_key()`); None for a method of a value
    (`h.hexdigest()`), which names no helper."""
    if func.__class__ is ast.Name:
        return func.id
    if func.__class__ is ast.Attribute and func.value.__class__ is ast.Name and func.value.id in ("self", "cls"):
        return func.attr
    return None


def _callee(func):
    if func.__class__ is ast.Name:
        return func.id
    if func.__class__ is ast.Attribute:
        return func.attr
    return "call"


def _source(expr, limit=40):
    try:
        text = ast.unparse(expr)
    except Exception:  # pragma: no cover - unparse of odd trees
        return "the store"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shape(expr):
    """`self._sessions` as written, whether stored to or loaded from."""
    try:
        return ast.unparse(expr)
    except Exception:  # pragma: no cover - unparse of odd trees
        return None


_ID_NAME_SETS = {}  # each frozen set of session-id names _is_generator met, kept once


@lru_cache(maxsize=4096)
def _generator_name(name, id_names):
    return sid.is_generator_name(name, id_names)


def _names_request(expr):
    """`request`, `req`, `self.request`: the request being handled."""
    if expr.__class__ is ast.Attribute and expr.attr == "request":
        expr = expr.value
    return expr.__class__ is ast.Name and expr.id in fw.REQUEST_NAMES

