"""Scopes and bindings: what a name refers to at a point in the walk.

The walker binds names in source order, so a lookup answers "what did this
name mean at this point of the file?" — the question flow-sensitive rules ask
(`resp = make_response(...)` then `resp.set_cookie(...)`). Python's scoping
rules that matter for precision are kept: class bodies are invisible to the
methods inside them, `global` jumps to the module, and a local binding (a
parameter, a `with ... as session`) shadows an import of the same name.
"""

from __future__ import annotations

import ast

# Binding kinds.
IMPORT = "import"
ASSIGN = "assign"  # `name = value`: value is kept for value tracking
PARAM = "param"  # a function parameter: value is its annotation (or None)
FUNCTION = "function"  # a def in this file: value is the FunctionDef node
CLASS = "class"  # a class in this file: value is the ClassDef node
OTHER = "other"  # for-targets, with-targets, except names, unpacking, ...

MODULE = "module"
CLASS_SCOPE = "class"
FUNCTION_SCOPE = "function"
LAMBDA_SCOPE = "lambda"
COMPREHENSION_SCOPE = "comprehension"


class Binding:
    """One binding of a name. A new object per assignment, so facts recorded
    earlier keep pointing at the value they saw."""

    __slots__ = ("name", "kind", "qualname", "value", "node", "scope", "previous")

    def __init__(self, name, kind, scope, node=None, value=None, qualname=None):
        self.previous = None  # the binding of the name this one replaced in its scope (walker.bind)
        self.name = name
        self.kind = kind
        self.scope = scope
        self.node = node  # the statement or node that created the binding
        self.value = value
        self.qualname = qualname  # for imports and aliases: the dotted target

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<Binding {self.name} {self.kind} {self.qualname or ''}>"


class Scope:
    __slots__ = ("kind", "node", "parent", "bindings", "globals", "nonlocals", "info")

    def __init__(self, kind, node, parent):
        self.kind = kind
        self.node = node
        self.parent = parent
        self.bindings = {}
        self.globals = None
        self.nonlocals = None
        self.info = None  # FunctionInfo for function scopes

    def module(self):
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


def lookup(scope, name):
    """The binding `name` has when read in `scope`, or None (builtins, star
    imports and names bound later in the file are unknown)."""
    first = scope
    while scope is not None:
        if scope.globals and name in scope.globals:
            return scope.module().bindings.get(name)
        # A class body's names are visible in the body itself, not in the
        # functions nested in it.
        if scope.kind != CLASS_SCOPE or scope is first:
            binding = scope.bindings.get(name)
            if binding is not None:
                return binding
        scope = scope.parent
    return None


def binding_scope(scope, name):
    """The scope an assignment to `name` in `scope` binds in."""
    if scope.globals and name in scope.globals:
        return scope.module()
    if scope.nonlocals and name in scope.nonlocals:
        parent = scope.parent
        while parent is not None:
            if parent.kind in (FUNCTION_SCOPE, LAMBDA_SCOPE) and name in parent.bindings:
                return parent
            parent = parent.parent
    return scope


_LEGACY = []  # the adapters' legacy import prefixes, read once (frameworks.LEGACY_IMPORT_PREFIXES)


def modern_name(qualname):
    """A qualified name under a package's legacy import path as the package
    is named now (Flask before 1.0: `flask.ext.login.login_user` ->
    `flask_login.login_user`), or under a port's as under the package's
    (`quart_jwt_extended.JWTManager`); any other as it is."""
    if not _LEGACY:
        from ..frameworks import LEGACY_IMPORT_PREFIXES  # (the adapters import this module)

        _LEGACY.append(LEGACY_IMPORT_PREFIXES)
    for old, new in _LEGACY[0]:
        if qualname.startswith(old) and len(qualname) > len(old):
            return new + qualname[len(old):]
        if qualname + "." == old and new.endswith("."):
            return new[:-1]  # the package itself: `from quart_jwt_extended import JWTManager`
    return qualname


def import_bindings(node, scope):
    """Bindings created by an Import or ImportFrom statement."""
    out = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                out.append(Binding(alias.asname, IMPORT, scope, node, qualname=modern_name(alias.name)))
            else:
                top = alias.name.partition(".")[0]
                out.append(Binding(top, IMPORT, scope, node, qualname=top))
        return out
    module = node.module or ""
    prefix = "." * (node.level or 0)
    for alias in node.names:
        if alias.name == "*":
            continue
        target = f"{prefix}{module}.{alias.name}" if module else f"{prefix}{alias.name}"
        out.append(Binding(alias.asname or alias.name, IMPORT, scope, node, qualname=modern_name(target)))
    return out


def last_name(expr):
    """The last name of a `name` or `a.b.name` expression (a callee, a base
    class), or None for anything else."""
    if expr.__class__ is ast.Name:
        return expr.id
    if expr.__class__ is ast.Attribute:
        return expr.attr
    return None
