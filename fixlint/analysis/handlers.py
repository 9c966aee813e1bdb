"""Request handlers: which functions serve requests, under which routes.

Every function of the file gets a Handler; `kind` says how it is reached:

- ROUTE: a decorator registers it (`@app.route`, `@bp.post`, `@router.get`,
  `@app.api_route`, `@app.websocket`), or a registration call names it
  (`app.add_url_rule("/login", view_func=login)`, `Route("/login", login)`,
  `router.add_api_route(...)`, Django `path("login/", login)` in the same
  file);
- VIEW: a Django function view (first parameter `request` in a Django file)
  or a method of a class-based view (`get`, `post`, `dispatch`,
  `form_valid`...);
- DEPENDENCY: a FastAPI dependency, known by a parameter declared with
  `Query()`/`Form()`/`Body()`/`Path()`/`Cookie()`/`Header()` (markers
  only a FastAPI signature has): its parameters are request values like a
  route's;
- FUNCTION: anything else — a plain function can still be a login handler
  by its name, and a same-module helper is followed from one.

For FastAPI routes, `params` says where each parameter's value comes from
(query, path, body, form, cookie, header, depends, request).
"""

from __future__ import annotations

import ast
import re

from ..engine import scope as sc
from ..engine.nodes import parameter_defaults
from ..engine.scope import last_name
from .. import frameworks as fw
from ..project import mounts
from .base import Analysis

ROUTE = "route"
VIEW = "view"
DEPENDENCY = "dependency"
FUNCTION = "function"

_PATH_PARAM = re.compile(r"{(\w+)(?::[^}]*)?}|<(?:\w+:)?(\w+)>")


def _without_areas(path):
    """`path` less each segment two or more named segments (no capture)
    follow (Handler.words)."""
    segments = [part for part in path.split("/") if part]
    named = [i for i, part in enumerate(segments) if _PATH_PARAM.fullmatch(part) is None]
    kept = set(named[-2:]) | {i for i, part in enumerate(segments) if i not in named}
    return "/".join(part for i, part in enumerate(segments) if i in kept)


class Handler:
    __slots__ = ("node", "info", "name", "class_node", "framework", "kind", "paths", "methods", "params", "routers",
                 "responder")

    def __init__(self, info):
        self.info = info
        self.node = info.node
        self.name = info.node.name
        self.class_node = info.class_node
        self.framework = None  # the Framework whose routing reaches it, or None
        self.kind = FUNCTION
        self.paths = []  # literal route paths
        self.methods = set()  # HTTP methods, upper-case, when stated
        self.params = {}  # FastAPI: parameter name -> source
        self.routers = []  # names of the apps, blueprints or routers whose decorators route it
        # A method a registration's suffix makes a responder (Falcon's
        # `add_route(path, res, suffix="item")` serves `on_get_item`).
        self.responder = False

    @property
    def class_name(self):
        return self.class_node.name if self.class_node is not None else None

    def path_params(self):
        """Names the route paths capture (`/s/<sid>`, `/s/{sid}`)."""
        return {m.group(1) or m.group(2) for path in self.paths for m in _PATH_PARAM.finditer(path)}

    def words(self, areas=True):
        """Lower-case words of the function's name, its class's name and its
        route paths: what login/logout detection reads. Without `areas`, a
        path's segments that two or more named segments follow are left
        out: `/login/` of `/login/dashboard/clientes/editar` names the area
        of the site the page is in, not what the page does (H4ckaton's
        admin pages); `/auth/login` and `/login/<provider>/callback` keep
        theirs."""
        out = fw.words(self.name)
        if self.class_node is not None:
            out += fw.words(self.class_node.name)
        for path in self.paths:
            out += fw.words(path if areas else _without_areas(path))
        return out

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<Handler {self.name} {self.kind} {self.framework} {self.paths}>"


class HandlerAnalysis(Analysis):
    def __init__(self, ctx, analyses):
        super().__init__(ctx, analyses)
        self.handlers = {}  # FunctionDef node -> Handler
        self._registered = []  # (function node, framework, path, methods)
        # Registrations that name a function or class defined above them
        # (`app.add_url_rule("/r/<sid>", view_func=resume)` after `def
        # resume`): known before the walk reaches the definition, so the
        # function's parameters are route values while its body is walked.
        self._early = _early_registrations(ctx.tree, ctx)
        # Registrations made in a function (an app factory) of a name no
        # binding answers yet: a function or class the module defines
        # below the factory, bound by the time the factory runs. name ->
        # [(framework, path, methods, class_only, suffix)], applied when
        # the walk reaches a module-level definition of that name.
        self._later = {}
        # Routers and blueprints the module mounts under a path prefix
        # (`app.include_router(router, prefix="/agents")`), by name -> their
        # full prefixes; and those other modules mount (the project model).
        self._mounts = _mounts(ctx.tree)
        project = ctx.project
        self._mounted_elsewhere = getattr(project, "mount_prefixes", None) or {}
        # Routes other modules register for the module's own functions and
        # classes (`path("logout/", views.bye)` in urls.py): name ->
        # [(framework, path, methods, class_only, suffix)].
        self._routed_elsewhere = _routes_by_name(getattr(project, "routed_elsewhere", None))

    def subscribe(self, walker):
        walker.on(ast.FunctionDef, self.visit_function)
        walker.on(ast.AsyncFunctionDef, self.visit_function)
        walker.on(ast.Call, self.visit_call)

    def handler(self, node):
        """The Handler of a FunctionDef node (None for lambdas)."""
        return self.handlers.get(node)

    # -- definitions ----------------------------------------------------
    def visit_function(self, node):
        ctx = self.ctx
        # Called on entry, with the enclosing scope current: decorators
        # resolve where Python evaluates them. The FunctionInfo is created
        # when the body is entered, so build a lightweight stand-in.
        class_node = ctx.scope.node if ctx.in_class_body else None
        handler = Handler(_Info(node, class_node))
        self.handlers[node] = handler
        for decorator in node.decorator_list:
            self._decorator(handler, decorator)
        if self._early:
            for definition in (node, class_node):
                for framework, path, methods, suffix in self._early.get(definition, ()):
                    _apply(handler, framework, path, methods, suffix)
        if self._later:
            self._registered_above(handler, node, class_node)
        if handler.kind == FUNCTION:
            self._django_view(handler)
        if self._routed_elsewhere:
            self._registered_above(handler, node, class_node, self._routed_elsewhere)
        if handler.framework is not None and handler.framework.requests.param_sources and handler.kind == ROUTE:
            self._fastapi_params(handler)
        elif handler.kind == FUNCTION and node.args.defaults + node.args.kw_defaults:
            self._fastapi_dependency(handler)

    def _decorator(self, handler, decorator):
        if decorator.__class__ is ast.Call and self._view_decorator(handler, decorator):
            return
        if decorator.__class__ is not ast.Call:
            return
        if _DECORATOR_FUNCTIONS:  # Litestar's `@post("/login")`
            framework = _DECORATOR_FUNCTIONS.get(self.ctx.qualname(decorator.func))
            if framework is not None:
                handler.kind = ROUTE
                handler.framework = framework
                path = _first_string(decorator, framework.routing.path_keywords)
                if path is not None:
                    handler.paths.append(path)
                _add_methods(handler, framework.routing, last_name(decorator.func), decorator)
                return
        if decorator.func.__class__ is not ast.Attribute:
            return
        method = decorator.func.attr
        framework = self._app_framework(decorator.func.value)
        if framework is None:
            return
        if method not in framework.routing.route_decorators:
            return
        handler.kind = ROUTE
        handler.framework = framework
        router = last_name(decorator.func.value)
        if router:
            handler.routers.append(router)
        path = _first_string(decorator, framework.routing.path_keywords)
        prefix = self._prefix(decorator.func.value, framework.routing)
        if prefix is not None:
            path = mounts.join(prefix, path)
        mounted = self._mounted(decorator.func.value)
        if mounted:
            handler.paths += [mounts.join(above, path) for above in mounted]
        elif path is not None:
            handler.paths.append(path)
        _add_methods(handler, framework.routing, method, decorator)

    def _mounted(self, receiver):
        """The prefixes the router or blueprint `receiver` is mounted under,
        in this module or another (`include_router(agents.router,
        prefix="/agents")` in webapp.py): each is part of the route path."""
        if receiver.__class__ is not ast.Name or not (self._mounts or self._mounted_elsewhere):
            return ()
        here = self._mounts.get(receiver.id, ())
        elsewhere = self._mounted_elsewhere.get(receiver.id, ())
        return tuple(dict.fromkeys((*here, *elsewhere))) if here and elsewhere else here or elsewhere

    def _prefix(self, receiver, routing):
        """The literal path prefix the app, router or blueprint `receiver` was
        built with (`APIRouter(prefix="/forgot")`): part of the route path of
        every handler its decorators register."""
        if not routing.prefix_keywords:
            return None
        value = self.ctx.value_of(receiver)
        if value.__class__ is not ast.Call or self.ctx.qualname(value.func) not in routing.app_classes:
            return None
        for keyword in value.keywords:
            if keyword.arg in routing.prefix_keywords:
                prefix = keyword.value
                if prefix.__class__ is ast.Constant and isinstance(prefix.value, str) and prefix.value.strip("/"):
                    return prefix.value
        return None

    def _view_decorator(self, handler, decorator):
        """`@view_config(route_name="login")` (Pyramid): a view of the
        framework whose view decorator it is, routed by that name."""
        framework = _VIEW_DECORATORS.get(self.ctx.qualname(decorator.func))
        if framework is None:
            return False
        handler.kind = ROUTE if handler.class_node is None else VIEW
        handler.framework = framework
        path = _first_string(decorator, framework.routing.path_keywords)
        if path is not None and path not in handler.paths:
            handler.paths.append(path)
        return True

    def _app_framework(self, receiver):
        """The Framework whose app, blueprint or router `receiver` is; falls
        back to conventional names (`app`, `bp`, `router`) in a file that
        imports the framework."""
        ctx = self.ctx
        value = ctx.value_of(receiver)
        if value.__class__ is ast.Call:
            framework = _APP_CLASSES.get(ctx.qualname(value.func))
            if framework is not None:
                return framework
        for framework in _APP_NAMES.get((last_name(receiver) or "").lower(), ()):
            if ctx.imports(*framework.packages):
                return framework
        return None

    def _django_view(self, handler):
        """Views: methods of class-based views, and functions taking
        `request` first, in frameworks that have them (Django)."""
        ctx = self.ctx
        for framework in fw.ROUTING_FRAMEWORKS:
            routing = framework.routing
            if not routing.view_methods or not ctx.imports(*framework.packages):
                continue
            node = handler.node
            if handler.class_node is not None:
                if (node.name in routing.view_methods or self._routed_method(node, routing)) and (
                        self._is_view_class(handler.class_node, routing)):
                    handler.kind = VIEW
                    handler.framework = framework
                return
            args = node.args.posonlyargs + node.args.args
            if args and args[0].arg == "request":
                handler.kind = VIEW
                handler.framework = framework
            return

    def _routed_method(self, node, routing):
        """Whether a decorator routes the method whatever its name (DRF's
        `@action(detail=False, methods=["post"])`)."""
        if not routing.view_method_decorators:
            return False
        for decorator in node.decorator_list:
            target = decorator.func if decorator.__class__ is ast.Call else decorator
            if self.ctx.qualname(target) in routing.view_method_decorators:
                return True
        return False

    def _is_view_class(self, class_node, routing):
        for base in class_node.bases:
            qualname = self.ctx.qualname(base)
            if qualname is not None and qualname.startswith(routing.view_bases_prefix):
                return True
            name = qualname.rpartition(".")[2] if qualname else getattr(base, "id", getattr(base, "attr", ""))
            if name.endswith(routing.view_name_suffixes):
                return True
        return False

    def _fastapi_params(self, handler):
        requests = handler.framework.requests
        node = handler.node
        path_names = set()
        for path in handler.paths:
            for match in _PATH_PARAM.finditer(path):
                path_names.add(match.group(1) or match.group(2))
        for arg, default in parameter_defaults(node).items():
            handler.params[arg.arg] = self._param_source(arg, default, path_names, requests)

    def _fastapi_dependency(self, handler):
        """A dependency: a plain function with a parameter declared by a
        marker (FastAPI's `Query()`, `Form()`...) of a framework the file
        imports."""
        args = handler.node.args
        candidates = [*args.defaults, *args.kw_defaults]
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            candidates += annotated_extras(arg.annotation)
        for framework in _DECLARING:
            if not self.ctx.imports(*framework.requests.param_modules):
                continue
            if any(self._marker(c, framework.requests) in _DECLARED for c in candidates):
                handler.kind = DEPENDENCY
                handler.framework = framework
                self._fastapi_params(handler)
                return

    def _marker(self, candidate, requests):
        """The source a parameter marker (`Query()`, `Form()`...) names, or None."""
        if candidate is None or candidate.__class__ is not ast.Call:
            return None
        module, _, name = (self.ctx.qualname(candidate.func) or "").rpartition(".")
        return requests.param_sources.get(name) if module in requests.param_modules else None

    def _param_source(self, arg, default, path_names, requests):
        ctx = self.ctx
        annotation = arg.annotation
        if default is not None and default.__class__ is ast.Name:
            binding = ctx.binding(default)
            if binding is not None and binding.kind == sc.IMPORT:
                # `session_token: str = token_dep`, deps.py's `token_dep = Cookie(alias=...)`: a marker
                # (or a default) kept in another module, whose source this module cannot tell.
                return "imported"
            value = ctx.value_of(default)
            if value.__class__ is ast.Call:
                default = value  # `token_dep = Cookie(...)` above, in this module
        for candidate in (default, *annotated_extras(annotation)):
            if candidate is not None and candidate.__class__ is ast.Call:
                qualname = ctx.qualname(candidate.func) or ""
                module, _, name = qualname.rpartition(".")
                if module in requests.param_modules and name in requests.param_sources:
                    source = requests.param_sources[name]
                    if source == "depends" and candidate.args:
                        # `sid = Depends(read_sid)` where deps.py's read_sid returns its Cookie() value
                        source = _DEPENDED.get(fw.project_dependency(ctx, candidate.args[0]), source)
                    return source
        base = _annotated_base(annotation)
        if base is not None:
            qualname = ctx.qualname(base)
            if qualname in requests.types:
                return "request"
            if qualname is not None and qualname.rpartition(".")[2] in requests.injected_types:
                return "special"
        if arg.arg in path_names:
            return "path"
        if base is None or (base.__class__ is ast.Name and base.id in _SCALARS):
            return "query"
        if base.__class__ is ast.Subscript:  # list[str], Optional[str]
            return "query"
        return "body"  # a model class, most likely

    # -- registrations ----------------------------------------------------
    def visit_call(self, node):
        ctx = self.ctx
        func = node.func
        if func.__class__ is ast.Attribute:
            framework = register_framework(node, ctx)
            if framework is not None:
                self._registration(node, framework)
                return
        qualname = ctx.qualname(func)
        framework = ROUTE_CALLS.get(qualname)
        if framework is not None:
            self._registration(node, framework, qualname.rpartition(".")[2])

    def _registration(self, node, framework, name=None):
        """`app.add_url_rule("/login", view_func=login)`, `Route("/login",
        login)`, Django `path("login/", login)`; `name`: a route function's
        own name, whatever the import calls it."""
        target, path, methods, class_only, suffix = registration_parts(node, framework, name)
        if path is not None and node.func.__class__ is ast.Attribute and framework.routing is not None:
            # `bp.add_url_rule("/validate", ...)` on `bp = Blueprint(..., url_prefix="/mfa")`, or on a
            # blueprint mounted under a prefix: part of the path, as for the blueprint's decorators
            # (pgAdmin's MFA blueprint).
            receiver = node.func.value
            prefix = self._prefix(receiver, framework.routing)
            if prefix is not None:
                path = mounts.join(prefix, path)
            mounted = self._mounted(receiver)
            if mounted:
                for above in mounted:
                    self._register(target, framework, mounts.join(above, path), methods, class_only, suffix)
                return
        self._register(target, framework, path, methods, class_only, suffix)

    def _register(self, target, framework, path, methods, class_only=False, suffix=None):
        if target is None:
            return
        binding = self.ctx.binding(target)
        if binding is not None and binding.kind == "assign":
            # `login_view = LoginView.as_view("login")`, Falcon's `login =
            # LoginResource()`, registered by name
            made = _view_class(binding.value, framework.routing)
            if made is not None:
                target, class_only = made
                binding = self.ctx.binding(target)
        if binding is None:
            self._defined_later(target, (framework, path, methods, class_only, suffix))
            return
        if binding.kind not in ("function", "class"):
            return
        if class_only and binding.kind != "class":
            return
        self._registered.append((binding.value, framework, path, methods, suffix))

    def _defined_later(self, target, registration):
        """A registration inside a function of a plain name nothing binds
        yet (`create_app()` registering `ResumeView.as_view(...)` or
        `resume`, defined further down the module): kept for the
        module-level definition of that name, unless a function around the
        call binds the name itself (then it is that function's own). At the
        module's top level such a name is unbound when the call runs."""
        info = self.ctx.function
        if target.__class__ is not ast.Name or info is None:
            return
        while info is not None:
            if target.id in _local_names(info.node):
                return
            info = info.parent
        self._later.setdefault(target.id, []).append(registration)

    def _registered_above(self, handler, node, class_node, registrations=None):
        """Apply the registrations made above a module-level function, or
        a method of a module-level class, by a function that runs once the
        module is loaded (see _defined_later), or those of `registrations`
        (made by another module)."""
        scope = self.ctx.scope
        if class_node is None:
            if scope.kind != sc.MODULE:
                return
            name = node.name
        elif scope.parent is not None and scope.parent.kind == sc.MODULE:
            name = class_node.name
        else:
            return
        for framework, path, methods, class_only, suffix in (registrations or self._later).get(name, ()):
            if class_node is not None or not class_only:
                _apply(handler, framework, path, methods, suffix)

    def finish(self):
        for definition, framework, path, methods, suffix in self._registered:
            if isinstance(definition, ast.ClassDef):
                targets = [h for h in self.handlers.values() if h.class_node is definition]
            else:
                targets = [self.handlers[definition]] if definition in self.handlers else []
            for handler in targets:
                _apply(handler, framework, path, methods, suffix)


def _routes_by_name(routed):
    """ProjectFacts.routed_elsewhere with each framework key made its
    Framework: name -> [(framework, path, methods, class_only, suffix)]."""
    if not routed:
        return {}
    found = {}
    for name, registrations in routed.items():
        for key, path, methods, class_only, suffix in registrations:
            framework = fw.BY_KEY.get(key)
            if framework is not None:
                found.setdefault(name, []).append((framework, path, set(methods), class_only, suffix))
    return found


def _apply(handler, framework, path, methods, suffix=None):
    """What a registration makes of a function: a route (a method of a
    registered class: a view), under `path`, for `methods`; with a
    responder `suffix`, the class's `on_get_<suffix>` and the like are the
    methods that receive the route's captures. Of a registered class, only
    the methods that serve requests are views: its framework's view methods
    where it names them (Django's `get`, `post`, `form_valid`), else its
    public ones; the rest (`_contribution_updates(self, session_id)`, a
    property building the provider's end-session URL) are helpers its views
    call."""
    if handler.class_node is not None and not _serves_requests(handler.name, framework.routing):
        return
    if suffix is not None and handler.class_node is not None and any(
            handler.name == f"{method}_{suffix}" for method in framework.routing.capture_methods):
        handler.responder = True
    if handler.kind == FUNCTION or handler.class_node is not None:
        handler.kind = ROUTE if handler.class_node is None else VIEW
    handler.framework = handler.framework or framework
    if path is not None and path not in handler.paths:
        handler.paths.append(path)
    handler.methods |= methods


def _serves_requests(name, routing):
    """Whether a registered class's method `name` serves requests (_apply)."""
    return name in routing.view_methods if routing.view_methods else not name.startswith("_")


def registration_parts(call, framework, name=None):
    """A registration call's target expression (`LoginView.as_view()` gives
    `LoginView`), its literal path, its methods, whether only a class counts, and a
    responder suffix (Falcon's `suffix="item"`)."""
    routing = framework.routing
    keyword, position = routing.register_target
    skip = 0
    methods = _methods(call) if routing.route_decorators else set()
    if routing.method_first and (name or _attribute(call.func)) in routing.method_first:
        # `router.add_route("POST", "/login", login)`: the method comes first
        skip = 1
        position += 1
        first = call.args[0] if call.args else None
        if first.__class__ is ast.Constant and isinstance(first.value, str) and first.value != "*":
            methods.add(first.value.upper())
    target = _keyword(call, keyword) or (call.args[position] if len(call.args) > position else None)
    made = _view_class(target, routing)  # LoginView.as_view(), LoginResource()
    class_only = False
    if made is not None:
        target, class_only = made
    suffix = _keyword(call, routing.suffix_keyword) if routing.suffix_keyword else None
    suffix = suffix.value if suffix.__class__ is ast.Constant and isinstance(suffix.value, str) else None
    return target, _first_string(call, routing.path_keywords, skip), methods, class_only, suffix


def _attribute(func):
    """`add_route` of `router.add_route(...)` (a registration method)."""
    return func.attr if func.__class__ is ast.Attribute else None


def _view_class(value, routing):
    """What a registered view value is made from: `(LoginView, False)` for
    `LoginView.as_view(...)` (a view factory of `routing`), `(LoginResource,
    True)` for an instance `LoginResource()` where `routing` registers
    instances (True: only a class counts); else None."""
    if value is None or value.__class__ is not ast.Call:
        return None
    func = value.func
    if func.__class__ is ast.Attribute:
        made, factory = func.value, func.attr
    elif func.__class__ is ast.Name:
        made, factory = func, None
    else:
        return None
    class_only = _class_only(factory, routing)
    return None if class_only is None else (made, class_only)


def _class_only(factory, routing):
    """For a view made by `Class.<factory>(...)` (`factory` None: by
    `Class(...)`): False where `factory` is a view factory of `routing`
    (the class's methods serve the route), True where `routing` registers
    instances (only a class counts), None where neither makes a view."""
    if factory is None:
        return True if routing.instance_targets else None
    return False if factory in routing.view_factories else None


def _mounts(tree):
    """{name: full prefixes} of the routers and blueprints mounted under a
    path prefix among the module's top-level statements and those of its
    top-level functions (an app factory)."""
    if not mounts.MOUNT_METHODS:
        return {}
    body = getattr(tree, "body", None)
    if not body:
        return {}
    found = [m for m in map(mounts.mounted, _top_level_calls(body)) if m is not None]
    return mounts.full_prefixes(found) if found else {}


def _early_registrations(tree, ctx):
    """Method registrations (`app.add_url_rule(...)`, `router.add_api_route
    (...)`) among the module's top-level statements, and among the
    top-level statements of its top-level functions (an app factory), whose
    target is a plain name that a `def` or `class` bound last before the
    call and nothing rebinds in between — at the module's top level, or,
    in a factory, at the factory's own top level (`def login(): ...` then
    `app.add_url_rule("/login", view_func=login)` inside `create_app`) —
    or a name a view factory call of such a class was assigned to
    (`login_view = Login.as_view("login")`): the definition node ->
    [(framework, path, methods)]. The same registrations the walk finds
    again at the call (finish() applies those): only names whose binding
    is certain without the walk are answered here, so this is never more
    than the walk finds, only earlier."""
    if not REGISTER_METHODS:
        return {}
    body = getattr(tree, "body", None)
    if not body:
        return {}
    if not any(register_framework(value, ctx) is not None for value in _top_level_calls(body)):
        return {}  # nearly every file: no walk over its statements below
    found = {}
    bound = {}  # name -> the top-level def/class (or _Made) that bound it last, or None
    for stmt in body:
        cls = stmt.__class__
        if cls is ast.Expr:
            _early_call(stmt.value, bound, found, ctx)
            continue
        if cls in (ast.FunctionDef, ast.AsyncFunctionDef):
            if any(inner.__class__ is ast.Expr and register_framework(inner.value, ctx) is not None
                   for inner in stmt.body):
                _early_factory(stmt, bound, found, ctx)
        _bind(stmt, bound)
    return found


def _early_factory(function, bound, found, ctx):
    """The registrations among a top-level function's own top-level
    statements: a name the function binds is its own (a nested def or
    class bound last at that level, else unknown), any other the module's."""
    local = _local_names(function)
    own = {}
    for inner in function.body:
        if inner.__class__ is ast.Expr:
            if register_framework(inner.value, ctx) is not None:
                _early_call(inner.value, bound, found, ctx, local, own)
            continue
        _bind(inner, own, bound, local)


def _bind(stmt, bound, outer=None, local=()):
    """Records what a statement at the level `bound` tracks binds: a def or
    class itself, a view factory call of a known class (`login_view =
    Login.as_view("login")`) as a _Made, anything else unknown (None). In
    a factory (`outer` the module's names), a name it does not bind itself
    (`local`) is the module's."""
    cls = stmt.__class__
    if cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        bound[stmt.name] = stmt
        return
    if cls is ast.Assign and len(stmt.targets) == 1 and stmt.targets[0].__class__ is ast.Name:
        made = _made_name(stmt.value)  # Login.as_view(...) or LoginResource()
        if made is not None:
            name, factory = made
            made = bound.get(name) if outer is None or name in local else outer.get(name)
            if made.__class__ is ast.ClassDef and not any(
                    node.__class__ is ast.NamedExpr for node in ast.walk(stmt.value)):
                bound[stmt.targets[0].id] = _Made(factory, made)
                return
    for name in _bound_names(stmt):
        bound[name] = None


def _made_name(value):
    """(`Login`, `as_view`) for `Login.as_view(...)`, (`LoginResource`,
    None) for `LoginResource(...)`, else None."""
    if value.__class__ is not ast.Call:
        return None
    func = value.func
    if func.__class__ is ast.Name:
        return func.id, None
    if func.__class__ is ast.Attribute and func.value.__class__ is ast.Name:
        return func.value.id, func.attr
    return None


class _Made:
    """A name bound to `Class.<factory>(...)` or `Class(...)` (factory
    None): the class, once the registration's framework says `<factory>` is
    its view factory, or registers instances."""

    __slots__ = ("factory", "class_node")

    def __init__(self, factory, class_node):
        self.factory = factory
        self.class_node = class_node


def _top_level_calls(body):
    """The calls that are whole statements at the module's top level or at
    the top level of a top-level function."""
    for stmt in body:
        cls = stmt.__class__
        if cls is ast.Expr:
            yield stmt.value
        elif cls is ast.FunctionDef or cls is ast.AsyncFunctionDef:
            for inner in stmt.body:
                if inner.__class__ is ast.Expr:
                    yield inner.value


def register_framework(value, ctx):
    """The framework whose registration method a call is (`app.add_url_rule
    (...)`); for a name several have (`add_route`: Starlette's and
    Falcon's), the first the file imports."""
    if value.__class__ is ast.Call and value.func.__class__ is ast.Attribute:
        frameworks = REGISTER_METHODS.get(value.func.attr)
        if frameworks is None:
            return None
        if len(frameworks) > 1:
            for framework in frameworks:
                if ctx.imports(*framework.packages):
                    return framework
        return frameworks[0]
    return None


def _early_call(value, bound, found, ctx, local=(), own=None):
    framework = register_framework(value, ctx)
    if framework is None:
        return
    target, path, methods, class_only, suffix = registration_parts(value, framework)
    if target is None or target.__class__ is not ast.Name:
        return
    if target.id in local:
        if own is None:
            return
        definition = own.get(target.id)
    else:
        definition = bound.get(target.id)
    if definition.__class__ is _Made:
        made = _class_only(definition.factory, framework.routing) is not None
        definition = definition.class_node if made else None
    elif class_only and definition.__class__ is not ast.ClassDef:
        return
    if definition is not None:
        found.setdefault(definition, []).append((framework, path, methods, suffix))


def _bound_names(stmt):
    """Every name a top-level statement may bind (anywhere inside it, so
    more rather than fewer)."""
    for node in ast.walk(stmt):
        cls = node.__class__
        if cls is ast.Name and node.ctx.__class__ is not ast.Load:
            yield node.id
        elif cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            yield node.name
        elif cls is ast.alias:
            yield (node.asname or node.name).partition(".")[0]
        elif cls is ast.ExceptHandler and node.name:
            yield node.name
        elif cls.__name__ in ("MatchAs", "MatchStar") and node.name:
            yield node.name
        elif cls.__name__ == "MatchMapping" and node.rest:
            yield node.rest


def _local_names(function):
    """Names a function binds (its parameters included), over-counted."""
    names = set(_bound_names(function))
    names.discard(function.name)
    args = function.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
        if arg is not None:
            names.add(arg.arg)
    return names


class _Info:
    """What a Handler needs of a function before the walker enters it."""

    __slots__ = ("node", "class_node")

    def __init__(self, node, class_node):
        self.node = node
        self.class_node = class_node


# Decorator functions that make a route handler, and whose they are.
_DECORATOR_FUNCTIONS = {q: f for f in fw.ROUTING_FRAMEWORKS for q in f.routing.decorator_functions}
# Registration calls, each with the first routing framework that has it:
# `app.add_url_rule(...)` by its method, `Route(...)`/`path(...)` by its
# qualified name (a route class or a URL function).
REGISTER_METHODS = {}
ROUTE_CALLS = {}
# A decorator's or an app's framework, the first in ROUTING_FRAMEWORKS'
# order: `@view_config(...)` by qualified name, `Flask(...)` by the app's
# class; by conventional name (`app`, `bp`), every framework in that order.
_VIEW_DECORATORS = {}
_APP_CLASSES = {}
_APP_NAMES = {}
for _framework in fw.ROUTING_FRAMEWORKS:
    for _qualname in _framework.routing.view_decorators:
        _VIEW_DECORATORS.setdefault(_qualname, _framework)
    for _qualname in _framework.routing.app_classes:
        _APP_CLASSES.setdefault(_qualname, _framework)
    for _name in _framework.routing.app_names:
        _APP_NAMES.setdefault(_name, []).append(_framework)
    for _method in _framework.routing.register_methods:
        REGISTER_METHODS[_method] = (*REGISTER_METHODS.get(_method, ()), _framework)
    for _qualname in (*_framework.routing.route_classes, *_framework.routing.url_functions):
        ROUTE_CALLS.setdefault(_qualname, _framework)
# Parameter sources that only an explicit FastAPI marker gives.
_DECLARED = frozenset(("query", "path", "body", "form", "cookie", "header"))
# What a project dependency returns -> the source of the parameter it fills.
_DEPENDED = {source: source for source in _DECLARED}
# Frameworks whose handlers declare where a parameter comes from (FastAPI).
_DECLARING = tuple(f for f in fw.REQUEST_FRAMEWORKS if f.requests.param_sources)
_SCALARS = frozenset(("str", "int", "float", "bool", "bytes", "UUID", "uuid.UUID", "date", "datetime"))


def _annotated_base(annotation):
    if annotation is None:
        return None
    if annotation.__class__ is ast.Subscript and last_name(annotation.value) == "Annotated":
        elts = annotation.slice.elts if annotation.slice.__class__ is ast.Tuple else [annotation.slice]
        return elts[0] if elts else None
    return annotation


def annotated_extras(annotation):
    """The metadata of `Annotated[T, x, ...]` (`x, ...`), or ()."""
    if annotation is not None and annotation.__class__ is ast.Subscript and last_name(annotation.value) == "Annotated":
        if annotation.slice.__class__ is ast.Tuple:
            return annotation.slice.elts[1:]
    return ()


def _keyword(call, name):
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _first_string(call, keywords, skip=0):
    candidates = [call.args[skip]] if len(call.args) > skip else []
    candidates += [k.value for k in call.keywords if k.arg in keywords]
    for candidate in candidates:
        if candidate.__class__ is ast.Constant and isinstance(candidate.value, str):
            return candidate.value
    return None


def _add_methods(handler, routing, decorator_name, decorator):
    """The HTTP methods a route decorator names: in `methods=[...]`, or by
    its own name (`@app.post`)."""
    if decorator_name in routing.method_list_decorators:
        handler.methods |= _methods(decorator)
    elif decorator_name not in routing.methodless_decorators:
        handler.methods.add(decorator_name.upper())


def _methods(call):
    value = _keyword(call, "methods")
    if value is None or value.__class__ not in (ast.List, ast.Tuple, ast.Set):
        return set()
    return {
        e.value.upper() for e in value.elts if e.__class__ is ast.Constant and isinstance(e.value, str)
    }


# Shared with the origin model (FastAPI parameter declarations).
SCALARS = _SCALARS
annotated_base = _annotated_base
