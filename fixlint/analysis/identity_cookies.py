"""Signed identity cookies of request handlers (Tornado's login cookie):
which cookies a module's handlers issue as the signed user cookie, or read
back in the current-user hook, and which cookies each method deletes.

SFX102 reads it: a logout handler that deletes none of them (and no cookie
it cannot name) leaves the login in the browser. Which methods do what is
adapter data (`Framework.identity_cookie_setters` and the fields after it);
a `self.<method>()` call counts in a subclass of the framework's handler
classes (`frameworks.handler_framework`).
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from . import lifecycle_guard as guard
from .base import Analysis
from .identity import literal_key

_FRAMEWORKS = tuple(f for f in fw.FRAMEWORKS if f.identity_cookie_setters)
_COOKIE_METHODS = frozenset().union(*(
    f.identity_cookie_setters | f.identity_cookie_readers | f.cookie_clearers | f.cookie_clear_all
    for f in _FRAMEWORKS
))
# In `IdentityCookieAnalysis.deleted`: every cookie, or one whose name is not a literal.
ANY = None
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
        self._deleted = {}  # FunctionDef -> {name or ANY}
        self._calls = {}  # FunctionDef -> {name of a `self.<name>()` it calls}
        self._methods = {}  # name -> [FunctionDef]: methods of the module's classes
        self._handlers = {}  # FunctionDef -> the Framework whose handler method it is, or None

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
        else:
            framework = self._handlers[function.node]
        if attr not in _COOKIE_METHODS:
            self._calls.setdefault(function.node, set()).add(attr)
            return
        if framework is None:
            return
        if attr in framework.cookie_clear_all:
            self._deleted.setdefault(function.node, set()).add(ANY)
            return
        name_expr = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "name"), None)
        name = literal_key(name_expr, self.ctx) if name_expr is not None else None
        if attr in framework.cookie_clearers:
            self._deleted.setdefault(function.node, set()).add(name)
        elif name is not None and (attr in framework.identity_cookie_setters or (
                attr in framework.identity_cookie_readers and function.node.name in framework.current_user_methods)):
            self.cookies.setdefault(name, (framework, node))

    def deleted(self, function, reached=()):
        """The cookie names (ANY: every cookie, or a name that is no literal)
        that `function`, the functions it reached and the methods of the
        module's classes it calls on `self` delete."""
        names = set()
        seen = set()
        pending = [(function, 0), *((f, 1) for f in reached)]
        while pending:
            current, depth = pending.pop()
            if current in seen or depth > _MAX_CALL_DEPTH:
                continue
            seen.add(current)
            names |= self._deleted.get(current, set())
            for called in self._calls.get(current, ()):
                pending.extend((m, depth + 1) for m in self._methods.get(called, ()))
        return names

    def kept(self, function, reached=()):
        """(Framework, name) of the identity cookie a logout `function` never
        deletes, or None: the module has none, or the handler deletes one of
        them, every cookie, or a cookie it cannot name."""
        if not self.cookies or self._handlers.get(function) is None:
            return None
        deleted = self.deleted(function, reached)
        if ANY in deleted or deleted & self.cookies.keys():
            return None
        name = min(self.cookies, key=lambda n: self.cookies[n][1].lineno)
        return self.cookies[name][0], name

