"""Where a value came from, as far as one function's source says.

`origin(expr)` answers with one of:

- a Read: a value the client sent — a query, form, JSON-body, URL-path,
  cookie or header value (`request.args["sid"]`, `request.COOKIES[...]`, a
  FastAPI `Query()`/`Cookie()` parameter, a Flask `<sid>` route parameter);
- a Container: a mapping of such values (`request.args`, `await
  request.form()`, a FastAPI body model); reading a key from it is a Read;
- a SessionIdValue: the framework's own session id (`session.sid`,
  `request.session.session_key`, starsessions' `get_session_id(request)`);
- a Weak value (random.*, uuid1, the clock, a counter, a hash of guessable
  data), STRONG (secrets, os.urandom, uuid4), or FOREIGN (a payment or
  identity provider's API: its "session ids" are not ours);
- None: nothing known.

Values flow through assignments (`token = request.args["t"]`), encoders
(`str()`, `.strip()`, `.hex`), `or`/conditional expressions and string
building. Each assigned value's origin is recorded when the walk reaches the
assignment, so `sid = sid.strip()` sees the earlier `sid`. Every origin is
computed during the walk, at the point where the expression sits.
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from ..engine import scope as sc
from ..engine.nodes import kept, own_statements, parameter_defaults, walk
from ..engine.values import literal_string
from ..frameworks import session_id_words as sid
from ..frameworks import stdlib
from . import handlers as hd
from .base import Analysis
from .kept_jars import FROM_REQUEST, OTHER as NOT_A_JAR, cookie_header, kept_jar

QUERY = "query string"
PATH = "URL path"
JSON_BODY = "JSON body"
FORM = "form body"
COOKIE = "cookie"
HEADER = "header"

_PARAM_SOURCES = {"query": QUERY, "path": PATH, "body": JSON_BODY, "form": FORM,
                  "cookie": COOKIE, "header": HEADER}
# Pre-tests over every framework's request: attributes and methods that may
# hold client-sent values (raw bodies among them: read raw, they are nothing).
_REQUESTS = [f.requests for f in fw.REQUEST_FRAMEWORKS]
_RAW_BODIES = frozenset().union(*(r.raw_bodies for r in _REQUESTS))
_SOURCE_ATTRS = frozenset().union(*(r.sources for r in _REQUESTS), _RAW_BODIES)
_SOURCE_CALLS = frozenset().union(*(r.source_methods for r in _REQUESTS), _RAW_BODIES)
_READER_METHODS = frozenset().union(*(r.reader_methods for r in _REQUESTS))  # `self.get_argument("sid")`
_VALUE_METHODS = frozenset().union(*(r.value_methods for r in _REQUESTS))  # `req.get_param("sid")`
_SESSION_FRAMEWORKS = tuple(f for f in fw.FRAMEWORKS if f.session_id_attrs or f.session_store_class)
_SESSION_ID_CALLS = {q: (label, f.extends or f) for f in fw.FRAMEWORKS for q, label in f.session_id_calls.items()}
_READ_METHODS = frozenset(("get", "getlist", "getone", "get_all", "pop", "getfirst"))
_COPY_METHODS = frozenset(("to_dict", "dict", "copy"))
# Cookie jars, and the names a request goes by when no framework claims it.
_COOKIE_JARS = frozenset(a for r in _REQUESTS for a, source in r.sources.items() if source == COOKIE)
_REQUEST_NAMES = fw.REQUEST_NAMES | frozenset().union(*(r.connection_names for r in _REQUESTS))
_ID_ATTRS = frozenset().union(*(f.session_id_attrs for f in _SESSION_FRAMEWORKS))
# Per-request state middleware fills (Requests.state_attributes, Requests.globals).
_STATE_ATTRS = frozenset().union(*(r.state_attributes for r in _REQUESTS))
_GLOBALS = {name: f for f in fw.REQUEST_FRAMEWORKS for name in f.requests.globals}
_BUILTIN_ENCODERS = frozenset(("str", "bytes", "int", "hex", "repr", "format", "abs"))
_MAX_DEPTH = 24
# Number types: a value declared one (`sid: int`, `<int:sid>`, `type=int`)
# or turned into one (`int(sid)`) is an object id.
NUMERIC = frozenset(("int", "float"))
_DIGESTS = frozenset(("hexdigest", "digest", "finalize"))


class Read:
    """A value the client sent. `key` is the parameter, field or cookie
    name when the code states it."""

    __slots__ = ("node", "key", "source", "framework", "uses", "foreign", "calls", "key_expr", "numeric",
                 "dependency", "unread_cookie", "function")

    def __init__(self, node, key, source, framework, key_expr=None):
        self.node = node  # where it is read: a Call, Subscript, Attribute or arg
        self.key = key
        self.source = source  # QUERY, PATH, JSON_BODY, FORM, COOKIE, HEADER, ...
        self.framework = framework  # the Framework whose request it is
        self.key_expr = key_expr
        self.uses = []  # session-loading APIs the value reaches (labels)
        self.foreign = False  # passed to a payment/identity provider's API
        self.calls = []  # (FunctionDef, parameter name) of local helpers it is passed to
        self.numeric = False  # declared an int or float, or a primary-key lookup: an object id
        self.dependency = False  # a parameter of a FastAPI dependency, not of the route
        self.unread_cookie = False  # set as a cookie the project never reads: not its session id
        self.function = None  # the FunctionDef being walked where it was read, if any

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<Read {self.source} {self.key!r} line {getattr(self.node, 'lineno', 0)}>"


# The keys a request's Cookie header is read under: the header itself, and
# the WSGI/CGI environ's variable.
class Container:
    __slots__ = ("source", "framework", "node", "model")

    def __init__(self, source, framework, node, model=False):
        self.source = source
        self.framework = framework
        self.node = node
        self.model = model  # a FastAPI body model: its attributes are fields


class SessionIdValue:
    __slots__ = ("node", "label", "framework")

    def __init__(self, node, label, framework):
        self.node = node
        self.label = label  # how messages name it: "session.sid"
        self.framework = framework


class Weak:
    __slots__ = ("node", "label")

    def __init__(self, node, label):
        self.node = node  # the expression that produces the weak value
        self.label = label  # "random.choice()", "uuid.uuid1() (host address and clock)"


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):  # pragma: no cover - debugging aid
        return self.name


STRONG = _Marker("STRONG")
FOREIGN = _Marker("FOREIGN")
_COUNTER = _Marker("COUNTER")  # an itertools.count() object
_MISSING = object()


class OriginAnalysis(Analysis):
    """The one origin tracer: the session-id analysis (SFX201-SFX204) and
    the session lifecycle (hand-rolled stores' keys, SFX101/SFX102) ask it,
    and every answer is one of the outcomes above."""

    # No guard of its own: it serves the analyses that require it, whose
    # guards decide (the checker drops it where all of them are skipped).
    requires = (hd.HandlerAnalysis,)

    def __init__(self, ctx, analyses):
        super().__init__(ctx, analyses)
        self.handlers = analyses[hd.HandlerAnalysis]
        self.reads = []  # every Read, in the order first seen
        self._memo = {}  # expression node -> origin
        self._assigned = {}  # assigned value node -> origin (when known)
        self._eager = False
        self._hash_inputs = {}  # `h = md5()` value node -> arguments of `h.update(...)` so far
        self._returns = {}  # FunctionDef -> the weak value it returns (same-module helpers)
        self._macs = set()  # FunctionDefs that return a MAC object under a secret key (`build_hmac()`)
        self._hash_helpers = {}  # FunctionDef -> the hash it returns the digest of, of its first parameter, or None
        self._module_functions = None  # name -> module-level FunctionDef bound once (_later_function)
        self._increments = {}  # FunctionDef -> {global name: its `name += n`} (_global_increment)
        self._secret_ids = None  # session-id and token names: hashing one hashes a secret

    def subscribe(self, walker):
        # Eager, the walk records every read and every assigned value's
        # origin where it sits (what the session-id analysis judges). Lazy,
        # when only the lifecycle asks about a few store keys, nothing is
        # recorded and a name's origin is its assigned value's, traced when
        # asked: the same answers for those keys, without tracing every
        # assignment of every file that mentions a session.
        self._eager = any(getattr(a, "needs_every_origin", False) for a in self.analyses)
        if not self._eager:
            return
        walker.on(ast.FunctionDef, self.visit_function)
        walker.on(ast.AsyncFunctionDef, self.visit_function)
        walker.on(ast.Assign, self.visit_assign)
        walker.on(ast.AnnAssign, self.visit_assign)
        walker.on(ast.NamedExpr, self.visit_named)
        walker.on(ast.Call, self.visit_call)
        walker.on(ast.Subscript, self.visit_subscript)
        walker.on(ast.Return, self.visit_return)

    # -- recording ----------------------------------------------------------
    def visit_return(self, node):
        """A helper that returns a weak value (`return str(counter)`): a
        call to it further down is as weak, reported at the call."""
        function = self.ctx.function
        if node.value is None or function is None or function.node in self._returns:
            return
        found = self.origin(node.value)
        if found.__class__ is Weak:
            self._returns[function.node] = found
        elif found is STRONG:
            made = self.ctx.value_of(node.value)  # `return hmac.HMAC(key, ...)`, `h = hmac.HMAC(...); return h`
            if made.__class__ is ast.Call and self.ctx.qualname(made.func) in stdlib.KEYED_HASHES:
                self._macs.add(function.node)
    def visit_function(self, node):
        """Route parameters are reads even when the body never uses them."""
        handler = self.handlers.handler(node)
        if handler is None or handler.kind == hd.FUNCTION:
            return
        for arg in _arguments(node):
            self._param_origin(node, arg)

    def visit_assign(self, node):
        if node.value is None:
            return
        targets = node.targets if node.__class__ is ast.Assign else [node.target]
        for target in targets:
            self._record(target, node.value)

    def visit_named(self, node):
        self._record(node.target, node.value)

    def _record(self, target, value):
        if target.__class__ is ast.Name:
            found = self.origin(value)
            if found is not None:
                self._assigned[value] = found
        elif target.__class__ in (ast.Tuple, ast.List) and value.__class__ in (ast.Tuple, ast.List):
            if len(target.elts) == len(value.elts):
                for elt_target, elt_value in zip(target.elts, value.elts):
                    self._record(elt_target, elt_value)

    def visit_call(self, node):
        func = node.func
        if func.__class__ is not ast.Attribute:
            return
        if func.attr in _READ_METHODS:
            self.origin(node)
        elif func.attr == "update" and func.value.__class__ is ast.Name:
            # h.update(data): the input of a hash object
            value = self.ctx.value_of(func.value)
            if value in self._hash_inputs:
                self._hash_inputs[value] += [*node.args]

    def visit_subscript(self, node):
        if node.ctx.__class__ is ast.Load:
            self.origin(node)

    # -- queries --------------------------------------------------------------
    def reads_in(self, expr):
        """The Reads an expression's value is built from."""
        found = []
        for node in kept(expr, "origin parts", _origin_parts):
            value = self.origin(node)
            if value.__class__ is Read and value not in found:
                found.append(value)
        return found

    def key_origin(self, expr):
        """Where the id a store key is built from came from
        (`SESSIONS[sid]`, `f"session:{sid}"`): the cookie Read when any part
        is one (`cookie or new_id()` keeps the browser's id whenever it
        brings one), else STRONG when a part was just generated, else None —
        fixlint does not guess."""
        found = None
        for part in key_parts(expr):
            origin = self.origin(part)
            if is_cookie_read(origin):
                return origin
            if origin is STRONG:
                found = STRONG
        return found

    def is_cookie_jar(self, expr):
        """`request.cookies`, `request.COOKIES`, `self.request.COOKIES`."""
        origin = self.origin(expr)
        return origin.__class__ is Container and origin.source == COOKIE

    def origin(self, expr, depth=0):
        if expr is None or depth > _MAX_DEPTH:
            return None
        found = self._memo.get(expr, _MISSING)
        if found is _MISSING:
            found = self._compute(expr, depth)
            self._memo[expr] = found
        return found

    def _compute(self, expr, depth):
        cls = expr.__class__
        if cls is ast.Name:
            return self._name(expr, depth)
        if cls is ast.Attribute:
            return self._attribute(expr, depth)
        if cls is ast.Subscript:
            return self._subscript(expr, depth)
        if cls is ast.Call:
            return self._call(expr, depth)
        if cls is ast.Await or cls is ast.NamedExpr:
            return self.origin(expr.value, depth + 1)
        if cls is ast.BoolOp:
            for value in expr.values:
                found = self.origin(value, depth + 1)
                if found is not None:
                    return found
            return None
        if cls is ast.IfExp:
            return self.origin(expr.body, depth + 1) or self.origin(expr.orelse, depth + 1)
        if cls in (ast.GeneratorExp, ast.ListComp):
            return self.origin(expr.elt, depth + 1)
        if cls in (ast.List, ast.Tuple):
            return _combine(self.origin(e, depth + 1) for e in expr.elts)
        if cls is ast.JoinedStr:
            return _combine(self._part(v.value, depth) for v in expr.values if v.__class__ is ast.FormattedValue)
        if cls is ast.BinOp:  # string building and arithmetic keep weakness
            right = expr.right.elts if expr.right.__class__ is ast.Tuple else [expr.right]
            return _combine(self._part(p, depth) for p in [expr.left, *right])
        return None

    def _part(self, expr, depth):
        """The origin of a part of a built string; a signature whose origin
        is unknown (`signature = get_email_change_signature(user, payload)`,
        Misago's signed token `f"{signature}-{payload}"`) is as unguessable as
        the key that made it: the string is signed, whatever clock or name
        the payload holds."""
        found = self.origin(expr, depth + 1)
        if found is None and sid.names_signature(expr):
            return STRONG
        return found

    # -- names and parameters -------------------------------------------------
    def _name(self, expr, depth):
        binding = self.ctx.binding(expr)
        if binding is None:
            return None
        if (binding.kind == sc.ASSIGN and binding.scope.kind == sc.MODULE and self.ctx.function is not None
                and binding.value.__class__ is ast.Constant and binding.value.value.__class__ is int):
            step = self._global_increment(expr.id)
            if step is not None:  # `global next_id`, used, then `next_id += 1` further down: a counter
                return Weak(expr, f"a counter ({expr.id} += {step})")
        if binding.kind == sc.ASSIGN:
            earlier = binding.previous
            if earlier is not None and earlier.kind == sc.ASSIGN and _fallback(binding, expr):
                # `sid = request.cookies.get("sid")` then `if not sid: sid = new_id()`:
                # after the `if`, the cookie's id on the other path, as `cookie or new_id()`.
                kept = self._assigned_origin(earlier, depth)
                if kept is not None:
                    return kept
            return self._assigned_origin(binding, depth)
        if binding.kind == sc.PARAM and binding.scope.node.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef):
            return self._param_origin(binding.scope.node, binding.node)
        node = binding.node
        if binding.kind == sc.OTHER and node.__class__ is ast.AugAssign and node.op.__class__ is ast.Add:
            if _increments(node):
                return Weak(expr, f"a counter ({expr.id} += {node.value.value})")
            # `key += random.choice(alphabet)` in a loop: the text is built of guessable parts
            added = self.origin(node.value, depth + 1)
            return added if added.__class__ is Weak else None
        return None

    def _global_increment(self, name):
        """The step n of the `name += n` (or `name = name + n`; n an int) of
        the function being walked, when it declares `name` global: the
        module's counter, whatever the order of the increment and of the
        read (`set_cookie("sid", str(next_id)); next_id += 1`); else None."""
        function = self.ctx.function.node
        found = self._increments.get(function)
        if found is None:
            found, declared = {}, set()
            for node in walk(function):
                if node.__class__ is ast.Global:
                    declared.update(node.names)
                elif node.__class__ is ast.AugAssign and node.target.__class__ is ast.Name and _increments(node):
                    found.setdefault(node.target.id, node.value.value)
                elif node.__class__ is ast.Assign and len(node.targets) == 1 and node.targets[0].__class__ is ast.Name:
                    step = self_increment(node.targets[0].id, node.value)
                    if step is not None:
                        found.setdefault(node.targets[0].id, step)
            found = self._increments[function] = {n: step for n, step in found.items() if n in declared}
        return found.get(name)

    def _assigned_origin(self, binding, depth):
        if self._eager or binding.value is None:
            return self._assigned.get(binding.value)
        return self.origin(binding.value, depth + 1)

    def _param_origin(self, function, arg):
        found = self._memo.get(arg, _MISSING)
        if found is _MISSING:
            found = self._memo[arg] = self._param(function, arg)
        return found

    def _param(self, function, arg):
        handler = self.handlers.handler(function)
        if handler is None or handler.kind == hd.FUNCTION:
            return None
        name = arg.arg
        if handler.params:
            source = _PARAM_SOURCES.get(handler.params.get(name))
            if source is None:
                return None
            key = _alias(function, arg, handler.framework.requests.param_alias_keywords) or name
            if source == JSON_BODY and not _scalar(arg.annotation):
                return Container(JSON_BODY, handler.framework, arg, model=True)
            read = self._read(arg, key, source, handler.framework)
            read.dependency = handler.kind == hd.DEPENDENCY
            return self._numeric(read, _scalar_name(arg.annotation))
        captures = handler.framework.routing.captures if handler.framework is not None else ""
        if captures == "route" and name in handler.path_params() and (
                handler.kind == hd.ROUTE
                or (handler.kind == hd.VIEW and (handler.responder
                                                 or function.name in handler.framework.routing.capture_methods))):
            return self._numeric(self._read(arg, name, PATH, handler.framework), _declared(handler.paths, name))
        if captures == "view" and handler.kind == hd.VIEW and self._url_kwargs(handler):
            positional = function.args.posonlyargs + function.args.args
            skip = 2 if handler.class_node is not None else 1
            if arg in positional[:skip] or arg is function.args.vararg or arg is function.args.kwarg:
                return None
            return self._numeric(self._read(arg, name, PATH, handler.framework),
                                 _scalar_name(arg.annotation) or _declared(handler.paths, name))
        return None

    @staticmethod
    def _numeric(read, type_name):
        if type_name in NUMERIC:
            read.numeric = True
        return read

    def _url_kwargs(self, handler):
        """Whether a Django view's extra parameters are URL captures: always
        for class-based views; for a function taking `request` first, when
        it is routed, decorated, or lives in a views module — a helper
        `def load(request, session_key)` is not a view."""
        if handler.class_node is not None or handler.paths or handler.node.decorator_list:
            return True
        path = self.ctx.path
        words = handler.framework.routing.view_module_words
        return not words.isdisjoint(fw.words(path.stem)) or not words.isdisjoint(p.lower() for p in path.parts[:-1])

    def _read(self, node, key, source, framework, key_expr=None):
        found = self._memo.get(node)
        if found.__class__ is Read:
            return found
        read = Read(node, key, source, framework, key_expr)
        if source == PATH and key is not None:
            # `request.view_args["session_id"]` where the application's URL rules,
            # in another module, declare only `<int:session_id>` (Indico's timetable)
            project = self.ctx.project
            if project is not None and key in getattr(project, "int_path_params", ()):
                read.numeric = True
        function = self.ctx.function
        if function is not None:
            read.function = function.node
        self._memo[node] = read
        self.reads.append(read)
        return read

    # -- attributes, subscripts, calls ----------------------------------------
    def _request(self, expr):
        """The Framework whose request (or Starlette connection) `expr` is."""
        framework = fw.request_object(self.ctx, expr)
        if framework is not None:
            return framework
        if expr.__class__ is ast.Name:
            for framework in fw.REQUEST_FRAMEWORKS:
                if expr.id in framework.requests.connection_names:
                    binding = self.ctx.binding(expr)
                    if binding is not None and binding.kind == sc.PARAM and self.ctx.imports(*framework.packages):
                        return framework
        return None

    def _attribute(self, expr, depth):
        attr = expr.attr
        value = expr.value
        if attr in _SOURCE_ATTRS:
            framework = self._request(value)
            if framework is not None:
                source = framework.requests.sources.get(attr)
                return Container(source, framework, expr) if source else None
            if attr in _COOKIE_JARS and value.__class__ is ast.Name and value.id in _REQUEST_NAMES:
                return Container(COOKIE, None, expr)  # `request.cookies` of a request no framework claims
        if attr in _ID_ATTRS:
            found = self._session_id_attr(expr)
            if found is not None:
                return found
        if value.__class__ in (ast.Attribute, ast.Name) and sid.normal(attr) in sid.SESSION_ID_NAMES:
            framework = self._request_state(value)
            if framework is not None:  # `request.state.sid`, `g.session_id`: what a middleware put there
                assigned = self._assigned_here(expr)
                if assigned is not None:  # `request.state.sid = secrets.token_urlsafe()` above, in this function
                    return self.origin(assigned, depth + 1)
                return self._read(expr, attr, COOKIE, framework)
        if value.__class__ is ast.Name and value.id == "self" and self.ctx.function is not None:
            kinds = kept_jar(self.ctx, attr)
            if FROM_REQUEST in kinds and NOT_A_JAR not in kinds:
                return Container(COOKIE, None, expr)  # `self.cookie`, parsed from the Cookie header in load_cookie()
        base = self.origin(value, depth + 1)
        if base is None:
            return None
        if base.__class__ is Container:
            return self._read(expr, attr, base.source, base.framework) if base.model else None
        if base is _COUNTER:
            return None
        if attr in stdlib.ENCODER_METHODS or base is FOREIGN:
            return base
        if attr == "value" and base.__class__ is Read and base.source == COOKIE:
            return base  # a parsed jar's morsel: `jar["sessionID"].value`
        return None

    def _assigned_here(self, target):
        """The value the function being walked last assigns to the attribute
        or item `target` spells (`request.state.sid = ...`,
        `req.context["sid"] = ...`) on a line above it, or None."""
        info = self.ctx.function
        if info is None:
            return None
        cls = target.__class__
        spelled = ast.dump(target.value)
        part = target.attr if cls is ast.Attribute else ast.dump(target.slice)
        line = target.lineno
        found = None
        for node in walk(info.node):
            if node.__class__ is ast.Assign and node.lineno < line and (found is None or node.lineno > found.lineno):
                for each in node.targets:
                    if each.__class__ is cls and ast.dump(each.value) == spelled and part == (
                            each.attr if cls is ast.Attribute else ast.dump(each.slice)):
                        found = node
        return found.value if found is not None else None

    def _request_state(self, expr):
        """The Framework whose per-request state `expr` is: an attribute of
        its request holding what middleware put there (Requests.
        state_attributes: Starlette's `request.state`, Falcon's
        `req.context`) or its per-request namespace (`flask.g`). A session
        id there is the one the request came with: a middleware read it
        from the cookie (or made one up before sign-in), and a login that
        binds under it keeps the id an attacker may have planted."""
        if expr.__class__ is ast.Attribute:
            if expr.attr not in _STATE_ATTRS:
                return None
            framework = self._request(expr.value)
            return framework if framework is not None and expr.attr in framework.requests.state_attributes else None
        qualname = self.ctx.qualname(expr)
        return _GLOBALS.get(qualname) if qualname is not None else None

    def _session_id_attr(self, expr):
        attr = expr.attr
        framework = fw.session_object(self.ctx, expr.value)
        if framework is not None and attr in framework.session_id_attrs:
            return SessionIdValue(expr, f"{framework.session_label}.{attr}", framework)
        store = self.ctx.value_of(expr.value)
        if store.__class__ is ast.Call:
            name = sc.last_name(store.func)
            for framework in _SESSION_FRAMEWORKS:  # `SessionStore(session_key=...).session_key`
                if name == framework.session_store_class and attr in framework.session_id_attrs:
                    return SessionIdValue(expr, f"{name}().{attr}", framework)
        return None

    def _subscript(self, expr, depth):
        if expr.value.__class__ is ast.Attribute and expr.value.attr in _STATE_ATTRS:
            found = self._state_item(expr)
            if found is not None:
                return found
        base = self.origin(expr.value, depth + 1)
        if base is None and expr.slice.__class__ is not ast.Slice and self._alphabet(expr.value):
            # `charset[random.randint(0, len(charset) - 1)]`: a character
            # picked by a guessable index, as random.choice(charset) picks it
            picked = self.origin(expr.slice, depth + 1)
            return picked if picked.__class__ is Weak else None
        if base is None or base is _COUNTER:
            return None
        if base.__class__ is Container:
            key = literal_string(expr.slice, self.ctx)
            return self._read(expr, key, base.source, base.framework, expr.slice)
        return base  # `request.args.getlist("sid")[0]`, `digest[:16]`

    def _state_item(self, expr):
        """`req.context["session_id"]`: a session id a middleware put in the
        request's state (_request_state), or None."""
        key = literal_string(expr.slice, self.ctx)
        if key is None or sid.normal(key) not in sid.SESSION_ID_NAMES:
            return None
        framework = self._request_state(expr.value)
        if framework is None:
            return None
        assigned = self._assigned_here(expr)
        if assigned is not None:  # `req.context["session_id"] = secrets.token_urlsafe()` above
            return self.origin(assigned, 1)
        return self._read(expr, key, COOKIE, framework, expr.slice)

    def _alphabet(self, expr, depth=0):
        """A sequence written in the code to pick characters from: a string
        or a list or tuple literal, the string module's (`string.digits`),
        or a name bound to one of those or their sum."""
        expr = self.ctx.value_of(expr)
        cls = expr.__class__
        if cls is ast.Constant:
            return isinstance(expr.value, (str, bytes))
        if cls in (ast.List, ast.Tuple):
            return True
        if cls is ast.BinOp and expr.op.__class__ is ast.Add and depth < 4:
            return self._alphabet(expr.left, depth + 1) and self._alphabet(expr.right, depth + 1)
        if cls is ast.Attribute or cls is ast.Name:
            return (self.ctx.qualname(expr) or "").startswith("string.")
        return False

    def _call(self, expr, depth):
        ctx = self.ctx
        func = expr.func
        if func.__class__ is ast.Attribute:
            found = self._method(expr, func, depth)
            if found is not _MISSING:
                return found
        qualname = ctx.qualname(func)
        if qualname is None:
            if func.__class__ is ast.Name:
                binding = ctx.binding(func)
                if binding is not None and binding.kind == sc.FUNCTION and binding.value in self._returns and (
                        not self._inside(binding.value)):  # a retry's `return generate_id()`: the same value
                    weak = self._returns[binding.value]
                    return Weak(expr, f"{func.id}(), a helper returning {weak.label}")
                if binding is not None and binding.kind == sc.FUNCTION and binding.value in self._macs:
                    return STRONG  # a MAC object under a secret key, made by a helper
                if binding is not None and binding.kind == sc.FUNCTION and expr.args and not self._inside(
                        binding.value):
                    hashed = self._hash_helper(binding.value)
                    if hashed is not None:  # zhugeApi's `str_encrypt(tmp_str)`: md5 of what it is given
                        return self._hash_of(expr, expr.args[:1], f"{func.id}(), {hashed}() of guessable data",
                                             depth)
            if func.__class__ is ast.Name and ctx.binding(func) is None:
                later = self._later_function(func.id) if expr.args and ctx.function is not None else None
                hashed = self._hash_helper(later) if later is not None else None
                if hashed is not None:  # a hash helper defined further down the module
                    return self._hash_of(expr, expr.args[:1], f"{func.id}(), {hashed}() of guessable data", depth)
                if func.id in _BUILTIN_ENCODERS and expr.args:
                    return self.origin(expr.args[0], depth + 1)
                if func.id == "next" and expr.args and self.origin(expr.args[0], depth + 1) is _COUNTER:
                    return Weak(expr, "a counter (itertools.count())")
            return self._foreign_client(func)
        return self._qualified_call(expr, qualname, depth)

    def _hash_helper(self, function):
        """The short name of the hash (`md5`) a function of the module
        returns the digest of, taken of its first parameter
        (`def str_encrypt(pwd): h = hashlib.md5(); h.update(pwd.encode());
        return h.hexdigest()`), or None: a call of it is a hash of its
        argument. Told from the function's own statements, once."""
        found = self._hash_helpers.get(function, _MISSING)
        if found is _MISSING:
            found = self._hash_helpers[function] = _hash_helper(function, self.ctx)
        return found

    def _later_function(self, name):
        """The module-level function `name` when the module defines it
        once, below the function being walked (a call inside a function
        runs once the whole module has been run: `hash_text(...)` in
        set_auth, `def hash_text` further down), else None."""
        if self._module_functions is None:
            counts, defined = {}, {}
            for node in self.ctx.tree.body:
                for bound in _module_bound_names(node):
                    counts[bound] = counts.get(bound, 0) + 1
                if node.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef):
                    defined[node.name] = node
            self._module_functions = {n: f for n, f in defined.items() if counts.get(n) == 1}
        return self._module_functions.get(name)

    def _strong_with_fallback(self, name):
        """Whether `name` is a module imported only as the fallback of a
        CSPRNG instance under the same name (girder: `try: random =
        SystemRandom()` / `except NotImplementedError: import random`): the
        try's instance is what runs, the import only where the OS has no
        random source."""
        binding = self.ctx.binding(name)
        if binding is None or binding.kind != sc.IMPORT or binding.node is None:
            return False
        earlier = binding.previous
        while earlier is not None and not (
                earlier.kind == sc.ASSIGN and earlier.value.__class__ is ast.Call
                and self.ctx.qualname(earlier.value.func) in stdlib.STRONG_RANDOM_CLASSES):
            earlier = earlier.previous
        if earlier is None or earlier.node is None:
            return False
        return any(statement.__class__ is ast.Try and any(earlier.node is n for n in statement.body)
                   and any(binding.node is n for handler in statement.handlers for n in handler.body)
                   for statement in self.ctx.tree.body)

    def _inside(self, function):
        """Whether the walk is inside `function` (a FunctionDef) now."""
        info = self.ctx.function
        while info is not None:
            if info.node is function:
                return True
            info = info.parent
        return False

    def _named_read(self, expr, source, framework):
        """`reader("sid")` / `reader(name="sid")`: one named value from `source`."""
        key_expr = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "name"), None)
        key = literal_string(key_expr, self.ctx) if key_expr is not None else None
        return self._read(expr, key, source, framework, key_expr)

    def _method(self, expr, func, depth):
        """Origins of `x.method(...)`; _MISSING when the qualified name
        should decide."""
        method = func.attr
        receiver = func.value
        if method in _READER_METHODS:
            framework = fw.handler_framework(self.ctx, receiver)
            source = framework.requests.reader_methods.get(method) if framework is not None else None
            if source is not None:
                return self._named_read(expr, source, framework)
        if method in _VALUE_METHODS:
            framework = self._request(receiver)
            source = framework.requests.value_methods.get(method) if framework is not None else None
            if source is not None:
                return self._named_read(expr, source, framework)
        if method in _SOURCE_CALLS:
            framework = self._request(receiver)
            if framework is not None:
                source = framework.requests.source_methods.get(method)
                return Container(source, framework, expr) if source else None
        if method in _READ_METHODS or method in _COPY_METHODS:
            base = self.origin(receiver, depth + 1)
            if base.__class__ is Container:
                if method in _COPY_METHODS:
                    return base
                key_expr = expr.args[0] if expr.args else None
                key = literal_string(key_expr, self.ctx) if key_expr is not None else None
                read = self._read(expr, key, base.source, base.framework, key_expr)
                given = next((k.value for k in expr.keywords if k.arg == "type"), None)
                return self._numeric(read, getattr(given, "id", None))
        if receiver.__class__ is ast.Name and receiver.id == "self" and self._returns:
            own = self.ctx.own_method(method)  # `sid = self._rand()`, a method of the class returning md5(time)
            if own is not None and own in self._returns and not self._inside(own):
                return Weak(expr, f"self.{method}(), a helper returning {self._returns[own].label}")
        if receiver.__class__ is ast.Name and self._strong_with_fallback(receiver):
            return STRONG
        instance = self.ctx.value_of(receiver)
        if instance.__class__ is ast.Call:
            cls = self.ctx.qualname(instance.func)
            if cls in stdlib.STRONG_RANDOM_CLASSES:
                return STRONG
            if cls in stdlib.WEAK_RANDOM_CLASSES:
                return Weak(expr, f"{_short(cls)}().{method}()")
        if method == "join" and expr.args:
            return self.origin(expr.args[0], depth + 1)
        if method in _DIGESTS and receiver.__class__ is ast.Name:
            hashed = self.ctx.value_of(receiver)
            if self._hash_inputs.get(hashed):
                return self._hash_of(expr, self._hash_inputs[hashed], f"{_short(self.ctx.qualname(hashed.func))}() "
                                     f"updated with guessable data", depth)
            if method == "finalize" and hashed is not receiver and self.origin(hashed, depth + 1) is STRONG:
                return STRONG  # a MAC object's value: whatever it was updated with, as strong as its key
        if method in stdlib.ENCODER_METHODS:
            if method == "format" and receiver.__class__ is ast.Constant:
                return _combine(self.origin(a, depth + 1) for a in [*expr.args, *(k.value for k in expr.keywords)])
            base = self.origin(receiver, depth + 1)
            if base is not None and base is not _COUNTER and base.__class__ is not Container:
                return base
        return _MISSING

    def _qualified_call(self, expr, qualname, depth):
        if fw.is_strong_source(qualname):
            return STRONG
        if qualname in stdlib.SIMPLE_COOKIE and expr.args and cookie_header(self.ctx.value_of(expr.args[0])):
            # `SimpleCookie(self.headers.get("Cookie"))`, `SimpleCookie(environ["HTTP_COOKIE"])`: the
            # request's cookies, parsed by hand (http.server, raw WSGI and CGI apps)
            return Container(COOKIE, None, expr)
        if qualname in stdlib.SALTED_HASHES and len(expr.args) > 1:
            salt = self.ctx.value_of(expr.args[1])  # `bcrypt.hashpw(token, bcrypt.gensalt())`
            if salt.__class__ is ast.Call and fw.is_strong_source(self.ctx.qualname(salt.func) or ""):
                return STRONG
        if qualname.startswith(stdlib.WEAK_RANDOM_MODULES):
            if qualname in stdlib.WEAK_RANDOM_CLASSES:
                return None  # the generator object; its methods are weak
            return Weak(expr, f"{_short(qualname)}()")
        if qualname in stdlib.WEAK_CALLS:
            return Weak(expr, stdlib.WEAK_CALLS[qualname])
        if qualname in stdlib.COUNTERS:
            return _COUNTER
        if qualname in stdlib.HASHES:
            if not expr.args and qualname != "hashlib.new" or qualname == "hashlib.new" and len(expr.args) == 1:
                self._hash_inputs.setdefault(expr, [])  # h = md5(); h.update(...)
            return self._hash(expr, qualname, depth)
        if qualname in stdlib.KEYED_HASHES:  # a MAC object (`hmac.HMAC(key, ...)`)
            return self._hash(expr, qualname, depth)
        if qualname in stdlib.ENCODERS:
            return self.origin(expr.args[0], depth + 1) if expr.args else None
        if qualname in stdlib.JSON_LOADS and expr.args:
            return self._json_body(expr.args[0])
        if qualname in _SESSION_ID_CALLS:
            label, framework = _SESSION_ID_CALLS[qualname]
            return SessionIdValue(expr, label, framework)
        if sid.is_foreign_qualname(qualname):
            return FOREIGN
        return self._project_helper(expr, qualname, depth)

    def _project_helper(self, expr, qualname, depth):
        """A neutral helper of another project module that returns a weak
        value (`random_string()` in utils.py): as weak as that value, at
        the call (RULES.md, Revision 2, "Where cross-module findings go");
        one that returns a hash of its first argument (a project's `md5(s)`
        wrapper): as weak as that argument is guessable."""
        project = self.ctx.project
        profile = project.helpers.get(qualname) if project is not None and project.helpers else None
        if not profile:
            return None
        name = qualname.rpartition(".")[2]
        if profile.get("hashes") and expr.args:
            hashed = profile["hashes"]
            label = (f"{name}(), the project's {hashed} of guessable data" if name == hashed
                     else f"{name}(), {hashed}() of guessable data")
            return self._hash_of(expr, expr.args[:1], label, depth)
        if not profile.get("weak"):
            return None
        return Weak(expr, f"{name}(), a project helper returning {profile['weak']}")

    def _json_body(self, arg):
        """`json.loads(request.body)` / `json.loads(request.get_data())`."""
        raw = arg.func if arg.__class__ is ast.Call else arg
        if raw.__class__ is ast.Attribute:
            framework = self._request(raw.value)
            if framework is not None and raw.attr in framework.requests.raw_bodies:
                return Container(JSON_BODY, framework, arg)
        return None

    def _hash(self, expr, qualname, depth):
        """A hash is as guessable as its input: strong input, strong hash;
        clock, random or identity input (`md5(username + time)`), weak."""
        inputs = [*expr.args, *(k.value for k in expr.keywords)]
        if qualname == "hashlib.new":
            inputs = inputs[1:]
        if qualname in stdlib.KEYED_HASHES:
            key = expr.args[0] if expr.args else next((k.value for k in expr.keywords if k.arg == "key"), None)
            if key is not None and self.origin(key, depth + 1).__class__ is not Weak and not _literal(key):
                # A MAC under a key the attacker does not know: as unguessable as
                # a random value, and so is a string built with one (a signed
                # token `f"{signature}-{timestamp}"`: Misago's e-mail change).
                return STRONG
            inputs = inputs[1:] if expr.args else inputs
        return self._hash_of(expr, inputs, f"{_short(qualname)}() of guessable data", depth)

    def _hash_of(self, expr, inputs, label, depth):
        found = _combine(self.origin(i, depth + 1) for i in inputs)
        if found is STRONG or any(self._holds_secret(i, depth) for i in inputs):
            return STRONG
        if found.__class__ is Weak:
            return Weak(expr, label)
        for node in (n for i in inputs for n in walk(i)):
            name = node.id if node.__class__ is ast.Name else getattr(node, "attr", None)
            if name and any(w in sid.PREDICTABLE_WORDS for w in fw.words(name)):
                return Weak(expr, label)
        return None

    def _holds_secret(self, expr, depth, chase=0):
        """Input the attacker does not have: a server secret
        (`get_settings()["kotti.secret2"]`, `settings.SECRET_KEY`) or an
        existing session id or token (`session_id`) that the code did not
        write down as a literal, did not make weak and did not take from the
        request. A hash of it is no hash of guessable data, whatever else it
        mixes in (`f"{user.name}:{secret}:{time.time()}"`), as a MAC under a
        key is (RULES.md SFX204: hashes of *predictable* data)."""
        for node in ast.walk(expr):
            name = _secret_name(node, self.ctx)
            if name is not None and self._is_secret_value(node, name, depth):
                return True
            if node.__class__ is ast.Name and chase < 3:
                value = self.ctx.value_of(node)
                if value is not node and self._holds_secret(value, depth, chase + 1):
                    return True
        return False

    def _is_secret_value(self, node, name, depth):
        words = fw.words(name)
        if not (any(w in sid.SERVER_SECRET_WORDS or w in sid.HELD_TOKEN_WORDS for w in words)
                or "_".join(words) in self._id_names()):
            return False
        if _literal(self.ctx.value_of(node)) or _literal_attribute(node, self.ctx.tree):
            return False  # a secret written in the code is no secret
        found = self.origin(node, depth + 1)
        return found.__class__ is not Weak and found.__class__ is not Read and found.__class__ is not Container

    def _id_names(self):
        if self._secret_ids is None:
            self._secret_ids = sid.session_id_names(self.ctx.config) | sid.SESSION_TOKEN_NAMES
        return self._secret_ids

    def _foreign_client(self, func):
        """`client.checkout.sessions.retrieve(...)` on a `stripe.StripeClient`."""
        root = func
        while root.__class__ is ast.Attribute:
            root = root.value
        if root.__class__ is ast.Call:
            return FOREIGN if sid.is_foreign_qualname(self.ctx.qualname(root.func)) else None
        if root.__class__ is ast.Name and root is not func:
            value = self.ctx.value_of(root)
            if value.__class__ is ast.Call and sid.is_foreign_qualname(self.ctx.qualname(value.func)):
                return FOREIGN
        return None


def _literal_attribute(node, tree):
    """Whether `node` is an object's attribute the module sets once, at its
    top level, to a literal (`app.secret_key = "hardcoded"`, then
    `sha256(f"{user}{app.secret_key}")`: first-web-app)."""
    if node.__class__ is not ast.Attribute or node.value.__class__ is not ast.Name:
        return False
    owner, attr = node.value.id, node.attr
    values = [statement.value for statement in tree.body if statement.__class__ is ast.Assign
              for target in statement.targets
              if target.__class__ is ast.Attribute and target.attr == attr
              and target.value.__class__ is ast.Name and target.value.id == owner]
    return len(values) == 1 and _literal(values[0])


def _literal(expr):
    """A key written in the code: `hmac.new(b"secret", ...)`."""
    return expr.__class__ is ast.Constant or (
        expr.__class__ is ast.Call and expr.func.__class__ is ast.Attribute and expr.func.attr == "encode"
        and expr.func.value.__class__ is ast.Constant)


def _secret_name(node, ctx):
    """The name a value goes by: a variable or attribute (`secret`,
    `settings.SECRET_KEY`), or the literal key it is read under
    (`settings["kotti.secret2"]`, `os.environ.get("APP_SECRET")`)."""
    cls = node.__class__
    if cls is ast.Name:
        return node.id
    if cls is ast.Attribute:
        return node.attr
    if cls is ast.Subscript:
        return literal_string(node.slice, ctx)
    if cls is ast.Call and node.func.__class__ is ast.Attribute and node.func.attr == "get" and node.args:
        return literal_string(node.args[0], ctx)
    return None


def self_increment(name, value):
    """n of `name + n` / `n + name` (n an int), else None."""
    if value.__class__ is not ast.BinOp or value.op.__class__ is not ast.Add:
        return None
    for own, step in ((value.left, value.right), (value.right, value.left)):
        if (own.__class__ is ast.Name and own.id == name and step.__class__ is ast.Constant
                and isinstance(step.value, int) and not isinstance(step.value, bool)):
            return step.value
    return None


def _increments(node):
    value = node.value
    return (node.op.__class__ is ast.Add and value.__class__ is ast.Constant
            and isinstance(value.value, int) and not isinstance(value.value, bool))


def _combine(origins):
    """String building: strong if any part is strong, else the first weak
    part, else the first session id."""
    weak = session_id = None
    for found in origins:
        if found is STRONG:
            return STRONG
        if found.__class__ is Weak and weak is None:
            weak = found
        elif found.__class__ is SessionIdValue and session_id is None:
            session_id = found
    return weak or session_id


def _short(qualname):
    """`random.choice` stays; `numpy.random.randint` -> `numpy.random.randint`;
    `datetime.datetime.now` -> `datetime.now`."""
    parts = qualname.split(".")
    if len(parts) > 2 and parts[0] == parts[1]:
        parts = parts[1:]
    return ".".join(parts)


def _module_bound_names(statement):
    """The names a module-level statement binds (defs, classes, imports,
    assignment targets), as far as a look at it tells."""
    cls = statement.__class__
    if cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return (statement.name,)
    if cls in (ast.Import, ast.ImportFrom):
        return tuple((a.asname or a.name).partition(".")[0] for a in statement.names)
    return tuple(n.id for n in ast.walk(statement) if n.__class__ is ast.Name and n.ctx.__class__ is ast.Store)


def _hash_helper(function, ctx):
    """OriginAnalysis._hash_helper's answer, read off the function: the hash
    whose digest it returns, of its first positional parameter
    (stdlib.hashed_parameter), or None."""
    if function.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
        return None
    params = [*function.args.posonlyargs, *function.args.args]
    if not params:
        return None
    found = stdlib.hashed_parameter(list(own_statements(function.body)), params[0].arg, ctx.qualname)
    return _short(found) if found else None


def _arguments(function):
    args = function.args
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def _alias(function, arg, keywords):
    """`Query(alias="sessionid")`, plain or inside Annotated[...]."""
    for candidate in (parameter_defaults(function).get(arg), *hd.annotated_extras(arg.annotation)):
        if candidate.__class__ is ast.Call:
            for keyword in candidate.keywords:
                if keyword.arg in keywords and keyword.value.__class__ is ast.Constant:
                    if isinstance(keyword.value.value, str):
                        return keyword.value.value
    return None


def _declared(paths, name):
    """The type route `paths` declare the capture `name` of: "int" for
    `<int:sid>` or a group of digits (`(?P<sid>[0-9]+)`), else the
    converter named (`<uuid:sid>`), or None."""
    for path in paths:
        for converter, variable in fw.path_variables(path):
            if variable == name and converter:
                return converter
    return None


def _scalar_name(annotation):
    base = hd.annotated_base(annotation)
    return base.id if base.__class__ is ast.Name else None


def _scalar(annotation):
    base = hd.annotated_base(annotation)
    if base is None or base.__class__ is ast.Subscript:
        return True
    name = base.id if base.__class__ is ast.Name else getattr(base, "attr", None)
    return name in hd.SCALARS


def is_cookie_read(origin):
    """A value the request's cookies brought: the id a browser came with."""
    return origin.__class__ is Read and origin.source == COOKIE


def key_parts(expr):
    """The sub-expressions a key is built from: `f"session:{sid}"`,
    `"session:" + sid`, `"session:%s" % sid`, `"s:{}".format(sid)`,
    `a or b`, `a if c else b`."""
    stack = [expr]
    seen = 0
    while stack and seen < 32:
        node = stack.pop()
        seen += 1
        cls = node.__class__
        if cls is ast.JoinedStr:
            stack.extend(v.value for v in node.values if v.__class__ is ast.FormattedValue)
        elif cls is ast.BinOp:
            stack.extend((node.left, node.right))
        elif cls is ast.BoolOp:
            stack.extend(node.values)
        elif cls is ast.IfExp:
            stack.extend((node.body, node.orelse))
        elif cls is ast.Tuple:
            stack.extend(node.elts)
        elif (
            cls is ast.Call
            and node.func.__class__ is ast.Attribute
            and node.func.attr == "format"
            and node.func.value.__class__ is ast.Constant
        ):
            stack.extend(node.args)
        elif cls is not ast.Constant:
            yield node


_PARTS = (ast.Name, ast.Attribute, ast.Subscript, ast.Call, ast.Await)


def _origin_parts(expr):
    """The nodes of `expr` (in walk order) that may have an origin of their
    own, which reads_in asks about: kept on the expression (nodes.kept)."""
    return tuple(node for node in walk(expr) if node.__class__ in _PARTS)


_FALLBACKS = {}  # id of a scope's node -> (the node, its fallback assignments), for _fallback


def _fallback(binding, use):
    """Whether `binding` is the assignment a name gets only when it is empty,
    as `use` (a Name after the `if`, not inside it) sees it: a statement of
    the body of a no-`else` `if not NAME:` / `if NAME is None:` /
    `if NAME == "":` (also as one side of an `or`) assigning it, as
    hand-rolled stores write "the cookie's id, or a new one"."""
    node = binding.scope.node
    if node is None:
        return False
    kept = _FALLBACKS.get(id(node))
    if kept is None or kept[0] is not node:
        if len(_FALLBACKS) >= 256:
            _FALLBACKS.clear()
        kept = _FALLBACKS[id(node)] = (node, _fallback_assignments(node))
    branch = kept[1].get(id(binding.node))
    return branch is not None and not branch.lineno <= use.lineno <= branch.end_lineno


def _fallback_assignments(scope_node):
    """{id of a fallback assignment: its `if`} of a scope's statements."""
    found = {}
    body = scope_node.body if isinstance(getattr(scope_node, "body", None), list) else []
    for stmt in own_statements(body):
        if stmt.__class__ is ast.If and not stmt.orelse:
            names = _emptiness_tested(stmt.test)
            if names:
                for child in stmt.body:
                    if child.__class__ in (ast.Assign, ast.AnnAssign):
                        targets = child.targets if child.__class__ is ast.Assign else [child.target]
                        if any(t.__class__ is ast.Name and t.id in names for t in targets):
                            found[id(child)] = stmt
    return found


def _emptiness_tested(test):
    """The names `test` asks to be empty: `not sid`, `sid is None`,
    `sid == ""`, `sid == None`, and each side of an `or`."""
    cls = test.__class__
    if cls is ast.BoolOp and test.op.__class__ is ast.Or:
        return {name for value in test.values for name in _emptiness_tested(value)}
    if cls is ast.UnaryOp and test.op.__class__ is ast.Not and test.operand.__class__ is ast.Name:
        return {test.operand.id}
    if (cls is ast.Compare and test.left.__class__ is ast.Name and len(test.ops) == 1
            and test.ops[0].__class__ in (ast.Is, ast.Eq) and test.comparators[0].__class__ is ast.Constant
            and test.comparators[0].value in (None, "")):
        return {test.left.id}
    return set()
