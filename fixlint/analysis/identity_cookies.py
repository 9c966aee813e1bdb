"""Signed identity cookies of request handlers (Tornado's login cookie):
which cookies a module's handlers issue as the signed user cookie, or read
back in the current-user hook, and which cookies each method deletes.

SFX102 reads it: a logout handler that deletes none of them (and no cookie
it cannot name) leaves the login in the browser; one that deletes it and
revokes nothing on the server leaves every copy of the signed value valid
until it expires (RULES.md Revision 2). Which methods do what is
adapter data (`Framework.identity_cookie_setters` and the fields after it);
a `self.<method>()` call counts in a subclass of the framework's handler
classes (`frameworks.handler_framework`).
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from ..engine import scope as sc
from . import lifecycle_guard as guard
from .base import Analysis
from ..project import handler_cookies
from .identity import literal_key

_FRAMEWORKS = handler_cookies.FRAMEWORKS
_COOKIE_METHODS = frozenset().union(*(
    f.identity_cookie_setters | f.identity_cookie_readers | f.cookie_clearers | f.cookie_clear_all
    for f in _FRAMEWORKS
))
# In `IdentityCookieAnalysis.deleted`: every cookie, or one whose name fixlint cannot tell.
ANY = None


class ComputedName(str):
    """A cookie name given by an expression rather than a literal
    (Medusa's `app.SECURE_TOKEN`): the expression as written. The same
    expression names the same cookie wherever the module's handlers write
    it: the login that issues the signed cookie under it, the logout that
    deletes it."""

    __slots__ = ()

    def __eq__(self, other):
        return other.__class__ is ComputedName and str.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(("computed", str(self)))


def computed_name(expr, ctx):
    """The ComputedName of a cookie name that is no literal: a name bound
    outside the function (an import, a module constant fixlint cannot
    fold), an attribute chain on one or on `self`, a subscript of such a
    chain by a string (`self.settings["cookie_name"]`); a local name is
    followed to the value assigned to it. None for anything else (a call,
    a parameter, a loop variable), which may name any cookie; a module
    name bound to a call (`COOKIE = config.get("cookie")`) is itself."""
    value = ctx.value_of(expr)
    if value is not expr and chain_root(value) is None:
        binding = ctx.binding(expr)
        if binding is None or binding.scope.kind != sc.MODULE:
            return None
    else:
        expr = value
    root = chain_root(expr)
    if root is None:
        return None
    if root is expr or root.id != "self":
        binding = ctx.binding(root)
        if binding is not None and binding.scope.kind != sc.MODULE:
            return None  # a parameter or a variable of the function: its value is anybody's
    return ComputedName(ast.unparse(expr))


def _named(name):
    """A cookie name of a summary's `handler_cookies`: a ComputedName for
    one named by an expression (handler_cookies.COMPUTED)."""
    return ComputedName(name[1:]) if name.startswith(handler_cookies.COMPUTED) else name


def chain_root(expr):
    """The Name a name or attribute chain (subscripts by a string included)
    hangs on, else None."""
    root = expr
    while True:
        cls = root.__class__
        if cls is ast.Attribute:
            root = root.value
        elif cls is ast.Subscript and root.slice.__class__ is ast.Constant and isinstance(root.slice.value, str):
            root = root.value
        else:
            break
    return root if root.__class__ is ast.Name else None


def _unnamed(deleted, cookies):
    """Whether `deleted` holds a deletion that may be of any of `cookies`:
    every cookie, a cookie fixlint cannot name, or one named by an
    expression none of them is named by, when the module names all of
    them by literals (an expression may hold any of those literals; where
    the app names its signed cookie by an expression, another expression
    names another cookie)."""
    if ANY in deleted:
        return True
    if any(c.__class__ is ComputedName for c in cookies):
        return False
    return any(n.__class__ is ComputedName for n in deleted)

_MAX_CALL_DEPTH = 8


class IdentityCookieAnalysis(Analysis):
    # LifecycleAnalysis's keywords: SFX102 reads both, and judges only files
    # where every analysis it reads ran.
    keywords = guard.KEYWORDS

    @classmethod
    def wanted(cls, text, config):
        """The keywords, and then a function that can be a logout handler
        (lifecycle_guard): SFX102, the one rule reading these facts, judges
        nothing else."""
        if text is None:
            return True
        if not (super().wanted(text, config) or guard.logout_named(text, config)):
            return False
        return guard.logout_possible(text, config)

    def __init__(self, ctx, analyses):
        super().__init__(ctx, analyses)
        self.cookies = {}  # name -> (Framework, the call that issues or reads it first)
        self._read = {}  # FunctionDef -> {name: (Framework, call)}: signed cookies it reads
        self._deleted = {}  # FunctionDef -> {name or ANY: the first call deleting it}
        self._calls = {}  # FunctionDef -> {name of a `self.<name>()` it calls: the first such call}
        self._methods = {}  # name -> [FunctionDef]: methods of the module's classes
        self._handlers = {}  # FunctionDef -> the Framework whose handler method it is, or None
        self._classes = {}  # FunctionDef -> the ClassDef it is a method of
        self._inherited = {}  # ClassDef -> handler_cookies of the project base class it derives from, or None

    def subscribe(self, walker):
        if _FRAMEWORKS:
            walker.on(ast.Call, self.visit_call)

    def visit_call(self, node):
        func = node.func
        function = self.ctx.function
        if (function is None or func.__class__ is not ast.Attribute or func.value.__class__ is not ast.Name
                or func.value.id != "self"):
            return
        attr = func.attr
        if function.node not in self._handlers:
            self._handlers[function.node] = framework = fw.handler_framework(self.ctx, func.value)
            if function.class_node is not None:
                self._methods.setdefault(function.node.name, []).append(function.node)
                self._classes[function.node] = function.class_node
                if function.class_node not in self._inherited:
                    self._inherited[function.class_node] = self._base_facts(function.class_node)
        else:
            framework = self._handlers[function.node]
        if attr not in _COOKIE_METHODS:
            self._calls.setdefault(function.node, {}).setdefault(attr, node)
            return
        if framework is None:
            return
        if attr in framework.cookie_clear_all:
            self._deleted.setdefault(function.node, {}).setdefault(ANY, node)
            return
        name_expr = handler_cookies.name_argument(node)
        name = literal_key(name_expr, self.ctx) if name_expr is not None else None
        if name is None and name_expr is not None:
            name = computed_name(name_expr, self.ctx)
        if attr in framework.cookie_clearers or (
                attr in framework.identity_cookie_setters and handler_cookies.empties(node)):
            self._deleted.setdefault(function.node, {}).setdefault(name, node)
        elif name is not None and attr in framework.identity_cookie_readers:
            self._read.setdefault(function.node, {}).setdefault(name, (framework, node))
            if function.node.name in framework.current_user_methods:
                self.cookies.setdefault(name, (framework, node))
        elif name is not None and attr in framework.identity_cookie_setters:
            self.cookies.setdefault(name, (framework, node))

    def _base_facts(self, class_node):
        """What the project class `class_node` derives from (imported from
        another module) does with the identity cookie
        (ProjectFacts.handler_cookies), or None."""
        project = self.ctx.project
        known = project.handler_cookies if project is not None else None
        if not known:
            return None
        for base in class_node.bases:
            facts = known.get(self.ctx.qualname(base))
            if facts:
                return facts
        return None

    def _inherited_deletes(self, function, called):
        """The cookie names the method `called`, which `function`'s class
        inherits from a project base of another module, deletes (ANY for
        every cookie, or one it names by an expression)."""
        if called in self._methods:
            return ()
        facts = self._inherited.get(self._classes.get(function))
        names = facts["deletes"].get(called, ()) if facts else ()
        return [ANY if name == handler_cookies.ANY else name for name in names]

    def _cookies_of(self, function):
        """The identity cookies a handler method may sign in with: the
        module's, and those of its class's project base of another module
        (scq's BaseHandler reads `user` in get_current_user)."""
        facts = self._inherited.get(self._classes.get(function))
        project = self.ctx.project
        elsewhere = getattr(project, "identity_cookies", ()) if project is not None else ()
        if not elsewhere and (not facts or not facts["identity"]):
            return self.cookies
        framework = self._handlers.get(function)
        # The application's other modules' (a logout handler in its own module: lecturefb's
        # handlers/logout_handler.py), reported at the handler's def when it deletes none.
        found = {_named(name): (framework, function) for name in elsewhere}
        if facts and facts["identity"]:
            class_node = self._classes[function]
            found.update((_named(name), (framework, class_node)) for name in facts["identity"])
        return {**found, **self.cookies}

    def deleted(self, function, reached=()):
        """The cookie names (a ComputedName for one named by an expression;
        ANY: every cookie, or a name fixlint cannot tell)
        that `function`, the functions it reached and the methods of the
        module's classes it calls on `self` delete, and those its class
        inherits from a project base of another module."""
        names = set()
        for current in self._entered(function, reached):
            names.update(self._deleted.get(current, ()))
            for called in self._calls.get(current, ()):
                names.update(self._inherited_deletes(current, called))
        return names

    def _entered(self, function, reached=()):
        """`function`, the functions it reached and the methods of the
        module's classes it calls on `self`, transitively."""
        seen = set()
        pending = [(function, 0), *((f, 1) for f in reached)]
        while pending:
            current, depth = pending.pop()
            if current in seen or depth > _MAX_CALL_DEPTH:
                continue
            seen.add(current)
            yield current
            for called in self._calls.get(current, ()):
                pending.extend((m, depth + 1) for m in self._methods.get(called, ()))

    def _sibling_signs_out(self, function):
        """Whether another handler method of `function`'s class deletes a
        cookie: the class's logout is that method's (XOJ's LogoutHandler,
        whose get() shows a confirmation page and post() deletes the
        cookies), and a method deleting nothing is no logout of its own."""
        class_node = self._classes.get(function)
        if class_node is None:
            return False
        return any(stmt is not function and self._handlers.get(stmt) is not None and self.deleted(stmt)
                   for stmt in class_node.body if stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef))

    def only_deleted(self, function, reached=()):
        """(Framework, name, site, via) when a logout `function` deletes the
        signed identity cookie (by its name, every cookie, or a cookie it
        cannot name) — the module's, or one the handler or a method it
        calls on `self` reads (`self.get_signed_cookie("userId")` in the
        logout) — and calls
        nothing that may revoke it on the server. `site`: the deletion in
        the handler, else the `self.<via>()` call that leads to it, else
        the handler's def. None when it deletes no such cookie."""
        framework = self._handlers.get(function)
        if framework is None:
            return None
        read = {}
        for current in self._entered(function, reached):  # (collabdraw's logout() reads it, then empties it)
            for name, found in self._read.get(current, {}).items():
                read.setdefault(name, found)
        cookies = {**read, **self._cookies_of(function)}
        if not cookies:
            return None
        deleted = self.deleted(function, reached)
        names = deleted & cookies.keys()
        if not names and not _unnamed(deleted, cookies):
            return None
        if self._may_revoke(function, reached, framework):
            return None
        name = min(names or cookies, key=lambda n: cookies[n][1].lineno)
        unnamed = {n for n in deleted if n is ANY or n.__class__ is ComputedName} - cookies.keys()
        site, via = self._deletion_site(function, {name, ANY} if names else unnamed)
        return framework, name, site, via

    def _deletion_site(self, function, names):
        """(node, via) of the first deletion of one of `names` in
        `function`, or of the `self.<method>()` call leading to one; else
        (function, None)."""
        own = [node for name, node in self._deleted.get(function, {}).items() if name in names]
        if own:
            return min(own, key=lambda n: (n.lineno, n.col_offset)), None
        for called, call in sorted(self._calls.get(function, {}).items(), key=lambda c: c[1].lineno):
            for method in self._methods.get(called, ()):
                if any(names & self._deleted.get(m, {}).keys() for m in self._entered(method)):
                    return call, called
            if names.intersection(self._inherited_deletes(function, called)):
                return call, called
        return function, None

    def _may_revoke(self, function, reached, framework):
        """Whether the handler (or a method of the module it calls) calls
        something named for ending state on the server (`revoke_token`,
        `sessions.delete(sid)`, `auth.logout(user)`: fw.names_revocation).
        The framework's own handler methods (`self.clear()`, `self.flush()`,
        the cookie calls), the module's own methods and the cookie-deleting
        methods of a project base class, judged by their bodies, do not
        count by their names."""
        for current in self._entered(function, reached):
            for node in ast.walk(current):
                if node.__class__ is not ast.Call:
                    continue
                func = node.func
                if func.__class__ is ast.Attribute:
                    name = func.attr
                    on_self = func.value.__class__ is ast.Name and func.value.id == "self"
                    if on_self and (name in self._methods or name in framework.handler_methods
                                    or name in _COOKIE_METHODS):
                        continue
                    inherited = self._inherited.get(self._classes.get(current)) if on_self else None
                    if inherited and name in inherited["deletes"]:
                        # a project base's method, judged by its body (handler_cookies)
                        if name in inherited.get("revokes", ()):
                            return True
                        continue
                else:
                    name = getattr(func, "id", None)
                if fw.ends_on_server(node, name):
                    return True
        return False

    def kept(self, function, reached=()):
        """(Framework, name) of the identity cookie a logout `function` never
        deletes, or None: the module has none, or the handler deletes one of
        them, every cookie, or a cookie it cannot name."""
        cookies = self._cookies_of(function)
        if not cookies or self._handlers.get(function) is None:
            return None
        deleted = self.deleted(function, reached)
        if ANY in deleted or deleted & cookies.keys() or any(n.__class__ is ComputedName for n in deleted):
            return None
        if not deleted and self._sibling_signs_out(function):
            return None
        name = min(cookies, key=lambda n: cookies[n][1].lineno)
        return cookies[name][0], name

