"""What a rule may ask about the file being checked, at a point of the walk."""

from __future__ import annotations

import ast
from pathlib import PurePath

from . import scope as sc
from .nodes import kept_summary, within

_MAX_CHASE = 8
_UNKNOWN = object()
_PREFIXES = {}  # a project's `imported` -> _dotted_prefixes of it


def _dotted_prefixes(modules):
    """Every module in `modules` and every package above one: `module` is
    in it exactly when some m is `module` or starts with `module + "."`."""
    found = set()
    for m in modules:
        found.add(m)
        dot = m.find(".")
        while dot != -1:
            found.add(m[:dot])
            dot = m.find(".", dot + 1)
    return frozenset(found)


class FileContext:
    def __init__(self, tree, filename, config, project=None):
        self.tree = tree
        self.project = project  # the project model's ProjectFacts for this file, or None
        self.filename = filename or "<unknown>"
        self.path = PurePath(self.filename)
        self.config = config
        self.scope = None  # set by the walker
        self.function = None  # the FunctionInfo being walked, if any
        self.modules = set()  # every module imported anywhere seen so far
        self._roots = set()  # their top-level packages
        self.star_imports = []
        self._summarised = (None, 0, (), frozenset())  # value_summary's last answer
        # Answers about one node that several analyses ask for and that hold
        # for the whole walk (they rest on the node alone, not on what a
        # name means at that point): question -> {node: answer}.
        self.kept = {}
        # qualname's answers in `_qualnames_scope` since the last binding:
        # the walker empties it whenever a name is bound (see forget_names).
        self._qualnames = {}
        self._qualnames_scope = None
        # binding's answers for Name nodes, kept and emptied with
        # qualname's: a callee's name is looked up by qualname, value_of
        # and several analyses' binding() in turn.
        self._bindings = {}
        self._prescan(tree)

    # -- imports ------------------------------------------------------
    def _prescan(self, tree):
        """Record the module-level imports before the walk, so a framework
        guess made in the first function already knows them."""
        body = list(getattr(tree, "body", ()))
        while body:
            stmt = body.pop()
            cls = stmt.__class__
            if cls is ast.Import or cls is ast.ImportFrom:
                self.note_import(stmt)
            elif cls is ast.If or cls is ast.Try or cls.__name__ == "TryStar":
                body.extend(stmt.body)
                body.extend(stmt.orelse)
                for handler in getattr(stmt, "handlers", ()):
                    body.extend(handler.body)
                body.extend(getattr(stmt, "finalbody", ()))

    def note_import(self, node):
        if node.__class__ is ast.Import:
            for alias in node.names:
                self._add_module(sc.modern_name(alias.name))
        elif not node.level and node.module:
            self._add_module(sc.modern_name(node.module))
            if any(alias.name == "*" for alias in node.names):
                self.star_imports.append(node.module)
        elif node.level and any(alias.name == "*" for alias in node.names):
            self.star_imports.append("." * node.level + (node.module or ""))
        project = self.project
        if project is not None and (project.reexports or project.star_reexports) and node.__class__ is ast.ImportFrom:
            for qualname in self.reexported(node).values():
                self._add_module(qualname.rpartition(".")[0] or qualname)  # a module itself: `import flask`

    def reexported(self, node):
        """{local name: qualified name} an ImportFrom of a project module
        binds to what that module imports from outside the project (the
        project model's `reexports`, `star_reexports`): `from .base_view
        import session` -> {"session": "flask.session"}, and a star import
        of it every such name."""
        project = self.project
        if project is None:
            return {}
        prefix = "." * (node.level or 0) + (node.module or "")
        found = {}
        for alias in node.names:
            if alias.name == "*":
                found.update(project.star_reexports.get(prefix, ()))
                continue
            bound = project.reexports.get(f"{prefix}.{alias.name}" if node.module else prefix + alias.name)
            if bound is not None:
                found[alias.asname or alias.name] = bound
        return found

    def _add_module(self, name):
        self.modules.add(name)
        self._roots.add(name.partition(".")[0])

    def imports_root(self, roots):
        """True when the file imports a module under one of the top-level
        packages in the set `roots`: one set operation, for hot paths."""
        return not self._roots.isdisjoint(roots)

    def imports(self, *packages):
        """True when the file imports any of `packages` (or a submodule)."""
        for package in packages:
            root, _, rest = package.partition(".")
            if root not in self._roots:
                continue
            if not rest:
                return True
            if any(m == package or m.startswith(package + ".") for m in self.modules):
                return True
        return False

    def project_imports(self, module):
        """True when a module of the application (the project model's
        `imported`) imports `module` or a submodule of it."""
        project = self.project
        if project is None:
            return False
        imported = project.imported
        prefixes = _PREFIXES.get(imported)
        if prefixes is None:  # once per application, not once per file
            if len(_PREFIXES) >= 32:
                _PREFIXES.clear()
            prefixes = _PREFIXES[imported] = _dotted_prefixes(imported)
        return module in prefixes

    # -- names --------------------------------------------------------
    def enclosing_class(self):
        """The ClassDef whose body, or a method of it, is being walked, or None."""
        scope = self.scope
        while scope is not None and scope.kind != sc.CLASS_SCOPE:
            scope = scope.parent
        return scope.node if scope is not None else None

    def lookup(self, name):
        return sc.lookup(self.scope, name)

    def binding(self, expr):
        """The binding of a Name expression, or None. Kept per node until a
        name is bound or the walk changes scope (as qualname's answers)."""
        if expr.__class__ is not ast.Name:
            return None
        scope = self.scope
        if scope is not self._qualnames_scope:
            self._qualnames.clear()
            self._bindings.clear()
            self._qualnames_scope = scope
        else:
            known = self._bindings.get(expr, _UNKNOWN)
            if known is not _UNKNOWN:
                return known
        found = sc.lookup(scope, expr.id)
        # `user = user.decode()`: the name in the value is the binding it
        # replaces, whenever it is asked about (an analysis asking after the
        # rebinding, another before it, get the same answer).
        while found is not None and found.kind == sc.ASSIGN and found.value is not None and within(expr, found.value):
            found = found.previous
        self._bindings[expr] = found
        return found

    def qualname(self, expr):
        """The dotted name an expression refers to through imports and
        aliases (`SM` -> `starlette.middleware.sessions.SessionMiddleware`),
        or None when no import says what it is.

        Several analyses ask about the same callee in turn: the answer is
        kept until a name is bound or the walk changes scope."""
        scope = self.scope
        if scope is not self._qualnames_scope:
            self._qualnames.clear()
            self._bindings.clear()
            self._qualnames_scope = scope
        else:
            known = self._qualnames.get(expr, _UNKNOWN)
            if known is not _UNKNOWN:
                return known
        found = self._qualnames[expr] = self._qualname(expr)
        return found

    def forget_names(self):
        """A binding changed: qualname's and binding's kept answers may be
        wrong now."""
        self._qualnames.clear()
        self._bindings.clear()

    def _qualname(self, expr):
        attrs = []
        while expr.__class__ is ast.Attribute:
            attrs.append(expr.attr)
            expr = expr.value
        if expr.__class__ is not ast.Name:
            return None
        binding = self.binding(expr)
        if binding is None and self.star_imports:
            qualname = self._star_imported(expr.id)
            if qualname is not None:
                return qualname + "".join("." + attr for attr in reversed(attrs))
        if binding is None or binding.qualname is None:
            return None
        if attrs:
            qualname = binding.qualname + "." + ".".join(reversed(attrs))
            return sc.modern_name(qualname) if attrs[-1] == "ext" else qualname  # `import flask.ext.login`
        return binding.qualname

    def _star_imported(self, name):
        """The qualified name a name nothing binds has through a star import
        of a framework's module (`from flask import *` binds `session`:
        frameworks.star_exports(), the names the registry knows there), or
        None. A later import or definition binds the name and wins."""
        from ..frameworks import star_exports  # (the registry sits above the engine)

        exports = star_exports()
        for module in self.star_imports:
            qualname = exports.get(module, {}).get(name)
            if qualname is not None:
                return qualname
        return None

    def call_name(self, call):
        """The qualified name of a call's callee, or None."""
        return self.qualname(call.func)

    def value_of(self, expr):
        """Follow `name = value` assignments back to the value an expression
        holds (`resp` -> `make_response(...)`). Returns the expression itself
        when nothing is known."""
        seen = 0
        while expr.__class__ is ast.Name and seen < _MAX_CHASE:
            binding = self.binding(expr)
            if binding is None or binding.kind != sc.ASSIGN or binding.value is None:
                return expr
            expr = binding.value
            seen += 1
        return expr

    def own_method(self, name):
        """The FunctionDef of `self.name()`: the method `name` of the class
        whose method is being walked, if it defines one."""
        info = self.function
        class_node = info.class_node if info is not None else None
        if class_node is None:
            return None
        for stmt in class_node.body:
            if stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef) and stmt.name == name:
                return stmt
        return None

    def is_local_definition(self, expr):
        """True when a Name refers to a function or class defined in this
        file (a local `login()` is not `django.contrib.auth.login`)."""
        binding = self.binding(expr)
        return binding is not None and binding.kind in (sc.FUNCTION, sc.CLASS)

    def value_summary(self, value, limit):
        """The calls (in `nodes.walk` order) and the Name ids among the
        first `limit` nodes of `walk(value)`. Several analyses ask about each
        assigned value in turn: the value is walked once, not once each.
        The answer depends on the value's subtree alone, so it is kept on
        the node itself (nodes.kept_summary): the language server's next
        tree reuses the statements an edit left alone, and their values
        are not walked again."""
        last = self._summarised
        if last[0] is value and last[1] == limit:
            return last[2], last[3]
        calls, names = kept_summary(value, limit)
        self._summarised = (value, limit, calls, names)
        return calls, names

    # -- where we are -------------------------------------------------
    @property
    def in_class_body(self):
        return self.scope is not None and self.scope.kind == sc.CLASS_SCOPE

    @property
    def at_module_level(self):
        return self.scope is not None and self.scope.kind == sc.MODULE
