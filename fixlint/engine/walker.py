"""One iterative walk over a module's stdlib `ast` tree.

Analyses subscribe callbacks to node classes; the walker calls them in source
order while it keeps scopes and bindings up to date, so a callback can ask
the context what a name means *at that point*. The walk uses an explicit
stack: deeply nested input cannot raise RecursionError here.

Binding order follows evaluation: in `resp = make_response(x)` the value is
visited before `resp` is bound; a function's decorators and defaults are
visited in the enclosing scope before its body.
"""

from __future__ import annotations

import ast

from . import scope as sc

# Fields that never hold child nodes worth visiting.
_SCALAR_FIELDS = frozenset(
    (
        "ctx", "id", "attr", "asname", "module", "level", "arg", "kind",
        "type_comment", "is_async", "conversion", "simple", "rest",
        "kwd_attrs", "name",
    )
)
_NO_CHILDREN = {ast.Constant, ast.Name, ast.Global, ast.Nonlocal, ast.Pass,
                ast.Break, ast.Continue, ast.alias}
if hasattr(ast, "MatchSingleton"):
    _NO_CHILDREN.add(ast.MatchSingleton)
# Operator nodes (`+` in a BinOp, `==` in a Compare): leaves no analysis
# has asked about so far; a walk descends into `op`/`ops` only for one that
# subscribes to an operator class.
_OPERATORS = frozenset(
    cls for base in (ast.operator, ast.boolop, ast.unaryop, ast.cmpop) for cls in base.__subclasses__()
)
_OPERATOR_FIELDS = frozenset(("op", "ops"))
# Leaves the walker itself does nothing with: when no callback wants one,
# it is not even pushed (a third of the nodes of typical code are Names
# and Constants). None stands in a list field's holes (`{**x}` keys).
_LEAVES = frozenset(_NO_CHILDREN | _OPERATORS | {type(None)})
_DESCEND = {}  # (node class, whether operators are walked) -> the fields to descend
# Nodes with a single child node and nothing else to walk (`a.b`'s value,
# a keyword's value, `*x`, `await x`, `-x`): when no callback wants one
# (and the walker binds nothing there), the walk steps straight to its
# child instead of pushing it (an Attribute or keyword is a fifth of the
# nodes pushed in typical code). Stepping through leaves the order of
# every other node as it was: the node would have been popped only to
# push that one child, in the same place on the stack.
_PASS_THROUGH = (ast.Attribute, ast.keyword, ast.Starred, ast.Await, ast.UnaryOp, ast.YieldFrom)


def _child_fields(cls):
    if cls in _NO_CHILDREN:
        return ()
    fields = [f for f in cls._fields if f not in _SCALAR_FIELDS]
    if cls.__name__ == "TypeAlias":  # `type X = ...`: its name is a node
        fields.insert(0, "name")
    return tuple(reversed(fields))


class FunctionInfo:
    """A function or method being walked."""

    __slots__ = ("node", "name", "scope", "class_node", "parent")

    def __init__(self, node, scope, class_node, parent):
        self.node = node
        self.name = node.name
        self.scope = scope
        self.class_node = class_node  # the ClassDef when this is a method
        self.parent = parent  # the enclosing FunctionInfo, if nested

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<FunctionInfo {self.name} line {self.node.lineno}>"


class AnalysisFailed(Exception):
    """Raised inside the walker when a subscriber fails; carries its owner."""


class Walker:
    def __init__(self, ctx):
        self.ctx = ctx
        self._enter = {}
        self._leave = {}
        self.failures = []  # (owner, node, exception)
        self._plans = {}  # node class -> (callbacks, special handler, child fields)
        self._skip = set()  # leaf classes not pushed at all (see _LEAVES), set by walk()
        self._through = {}  # class -> its one child field, stepped through (see _PASS_THROUGH), set by walk()
        self.scopes = []  # every Scope made, for release()

    # -- subscription -------------------------------------------------
    def on(self, node_class, callback):
        """Call `callback(node)` when the walk enters a `node_class` node."""
        self._enter.setdefault(node_class, []).append(callback)
        self._skip.discard(node_class)
        self._through.pop(node_class, None)
        self._plans.clear()

    def on_leave(self, node_class, callback):
        """Call `callback(node)` when the walk leaves a function, lambda or
        class (while its scope is still current)."""
        self._leave.setdefault(node_class, []).append(callback)

    def _call(self, callbacks, node):
        for callback in tuple(callbacks):
            try:
                callback(node)
            except Exception as exc:  # an analysis bug must not stop the run
                self._drop(callback, node, exc)

    def _drop(self, callback, node, exc):
        owner = getattr(callback, "__self__", callback)
        self.failures.append((owner, node, exc))
        for table in (self._enter, self._leave):
            for callbacks in table.values():
                callbacks[:] = [c for c in callbacks if getattr(c, "__self__", c) is not owner]
        self._plans.clear()

    def _failed(self, callbacks, callback, node, exc):
        """A callback raised while the fast loop ran `callbacks` on `node`:
        drop its owner, then run the rest of this node's callbacks as
        `_call` would (the node's callbacks were fixed when it was entered)."""
        self._drop(callback, node, exc)
        position = next(i for i, c in enumerate(callbacks) if c is callback)
        self._call(callbacks[position + 1:], node)

    def _plan(self, cls):
        """What entering a `cls` node means: its callbacks (a tuple, or
        None), its special handler (or None), and the fields to descend."""
        callbacks = self._enter.get(cls)
        operators = not _OPERATORS.isdisjoint(self._enter)
        fields = _DESCEND.get((cls, operators))
        if fields is None:
            fields = _child_fields(cls)
            if not operators:
                fields = tuple(f for f in fields if f not in _OPERATOR_FIELDS)
            _DESCEND[(cls, operators)] = fields
        plan = (tuple(callbacks) if callbacks else None, _SPECIAL.get(cls), fields)
        self._plans[cls] = plan
        return plan

    # -- the walk -----------------------------------------------------
    def walk(self, tree):
        ctx = self.ctx
        module_scope = sc.Scope(sc.MODULE, tree, None)
        self.scopes.append(module_scope)
        ctx.scope = module_scope
        ctx.function = None
        plans = self._plans  # cleared in place when a subscriber fails
        # Leaves nothing subscribes to, left where they are: visiting one
        # would call nothing, bind nothing and push nothing.
        skip = self._skip
        skip.clear()
        skip.update(cls for cls in _LEAVES if cls not in self._enter and cls not in _SPECIAL)
        through = self._through
        through.clear()
        for cls in _PASS_THROUGH:
            if cls not in self._enter and cls not in _SPECIAL:
                fields = (plans.get(cls) or self._plan(cls))[2]
                if len(fields) == 1:
                    through[cls] = fields[0]
        stack = [tree]
        pop = stack.pop
        push = stack.append
        while stack:
            item = pop()
            cls = item.__class__
            if cls is tuple:  # a deferred step: (function, argument)
                item[0](self, item[1])
                continue
            if item is None:  # a hole in a list field (`{**x}` keys, kw_defaults)
                continue
            plan = plans.get(cls)
            if plan is None:
                plan = self._plan(cls)
            callbacks, handler, names = plan
            if callbacks is not None:
                for callback in callbacks:
                    try:
                        callback(item)
                    except Exception as exc:  # an analysis bug must not stop the run
                        self._failed(callbacks, callback, item, exc)
                        break
            if handler is not None:
                handler(self, item, push)
                continue
            for name in names:
                value = getattr(item, name, None)
                cls = value.__class__
                if cls is list:
                    for child in reversed(value):
                        cls = child.__class__
                        while cls in through:
                            child = getattr(child, through[cls], None)
                            cls = child.__class__
                        if cls not in skip:
                            push(child)
                else:
                    while cls in through:
                        value = getattr(value, through[cls], None)
                        cls = value.__class__
                    if cls not in skip:
                        push(value)
        callbacks = self._leave.get(ast.Module)
        if callbacks and isinstance(tree, ast.Module):
            self._call(callbacks, tree)

    def release(self):
        """Break the reference cycles of the walk (a scope and its bindings,
        a function's scope and its FunctionInfo), once nothing will look a
        name up again: the tree and the facts are then freed as soon as the
        check drops them, not by a pass of the cyclic garbage collector over
        all of them (see engine.collector)."""
        for scope in self.scopes:
            scope.bindings.clear()
            scope.info = None
        self.scopes.clear()
        self.ctx.forget_names()

    # -- helpers used by the special handlers -------------------------
    def push_children(self, node, push, skip=()):
        for name in _child_fields(node.__class__):
            if name in skip:
                continue
            value = getattr(node, name, None)
            if value is None:
                continue
            if value.__class__ is list:
                for child in reversed(value):
                    push(child)
            else:
                push(value)

    def bind(self, binding):
        ctx = self.ctx
        scope = sc.binding_scope(ctx.scope, binding.name)
        binding.scope = scope
        binding.previous = scope.bindings.get(binding.name)
        scope.bindings[binding.name] = binding
        ctx.forget_names()

    def bind_target(self, target, value, node):
        """Bind the names an assignment target introduces."""
        cls = target.__class__
        if cls is ast.Name:
            qualname = None
            if value is not None and value.__class__ in (ast.Name, ast.Attribute):
                qualname = self.ctx.qualname(value)
            kind = sc.ASSIGN if value is not None else sc.OTHER
            self.bind(sc.Binding(target.id, kind, self.ctx.scope, node, value, qualname))
        elif cls in (ast.Tuple, ast.List):
            values = None
            if (
                value is not None
                and value.__class__ in (ast.Tuple, ast.List)
                and len(value.elts) == len(target.elts)
                and not any(e.__class__ is ast.Starred for e in target.elts + value.elts)
            ):
                values = value.elts
            for i, elt in enumerate(target.elts):
                self.bind_target(elt, values[i] if values else None, node)
        elif cls is ast.Starred:
            self.bind_target(target.value, None, node)

    def _leave_scope(self, payload):
        node, saved_scope, saved_function = payload
        callbacks = self._leave.get(node.__class__)
        if callbacks:
            self._call(callbacks, node)
        ctx = self.ctx
        ctx.scope = saved_scope
        ctx.function = saved_function
        if node.__class__ is ast.ClassDef:
            self.bind(sc.Binding(node.name, sc.CLASS, saved_scope, node, node))


# -- special handlers: nodes that change scopes or bind names -------------

def _enter_scope(walker, payload):
    scope, info = payload
    walker.ctx.scope = scope
    if info is not None:
        walker.ctx.function = info


def _bind_params(walker, args):
    ctx = walker.ctx
    every = list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)
    for extra in (args.vararg, args.kwarg):
        if extra is not None:
            every.append(extra)
    for arg in every:
        walker.bind(sc.Binding(arg.arg, sc.PARAM, ctx.scope, arg, arg.annotation))


def _function(walker, node, push):
    ctx = walker.ctx
    outer = ctx.scope
    walker.bind(sc.Binding(node.name, sc.FUNCTION, outer, node, node))
    scope = sc.Scope(sc.FUNCTION_SCOPE, node, outer)
    walker.scopes.append(scope)
    class_node = outer.node if outer.kind == sc.CLASS_SCOPE else None
    info = sc_info = FunctionInfo(node, scope, class_node, ctx.function)
    scope.info = sc_info
    push((Walker._leave_scope, (node, outer, ctx.function)))
    for stmt in reversed(node.body):
        push(stmt)
    push((_bind_params, node.args))
    push((_enter_scope, (scope, info)))
    # Evaluated in the enclosing scope, before the body.
    if node.returns is not None:
        push(node.returns)
    push(node.args)
    for decorator in reversed(node.decorator_list):
        push(decorator)


def _lambda(walker, node, push):
    ctx = walker.ctx
    scope = sc.Scope(sc.LAMBDA_SCOPE, node, ctx.scope)
    walker.scopes.append(scope)
    push((Walker._leave_scope, (node, ctx.scope, ctx.function)))
    push(node.body)
    push((_bind_params, node.args))
    push((_enter_scope, (scope, None)))
    push(node.args)


def _class(walker, node, push):
    ctx = walker.ctx
    scope = sc.Scope(sc.CLASS_SCOPE, node, ctx.scope)
    walker.scopes.append(scope)
    push((Walker._leave_scope, (node, ctx.scope, ctx.function)))
    for stmt in reversed(node.body):
        push(stmt)
    push((_enter_scope, (scope, None)))
    for keyword in reversed(node.keywords):
        push(keyword)
    for base in reversed(node.bases):
        push(base)
    for decorator in reversed(node.decorator_list):
        push(decorator)


def _arguments(walker, node, push):
    # Annotations and defaults only; the parameter names are bound on entry.
    for default in reversed(node.kw_defaults):
        push(default)
    for default in reversed(node.defaults):
        push(default)
    every = list(node.posonlyargs) + list(node.args) + list(node.kwonlyargs)
    for extra in (node.vararg, node.kwarg):
        if extra is not None:
            every.append(extra)
    for arg in reversed(every):
        if arg.annotation is not None:
            push(arg.annotation)


# Deferred steps, pushed as (step, node) and run when popped: module-level
# functions, so that pushing one allocates no closure.

def _bind_assign(walker, node):
    for target in node.targets:
        walker.bind_target(target, node.value, node)


def _bind_valued_target(walker, node):
    walker.bind_target(node.target, node.value, node)


def _bind_plain_target(walker, node):
    walker.bind_target(node.target, None, node)


def _bind_except_name(walker, node):
    walker.bind(sc.Binding(node.name, sc.OTHER, walker.ctx.scope, node))


def _import(walker, node, push):
    ctx = walker.ctx
    ctx.note_import(node)
    project = ctx.project
    reexported = ctx.reexported(node) if project is not None and (
        project.reexports or project.star_reexports) and node.__class__ is ast.ImportFrom else None
    for binding in sc.import_bindings(node, ctx.scope):
        if reexported and binding.name in reexported:
            binding.qualname = reexported.pop(binding.name)  # `from .base_view import session`: flask.session
        walker.bind(binding)
    if reexported:  # a star import's names
        for name, qualname in reexported.items():
            walker.bind(sc.Binding(name, sc.IMPORT, ctx.scope, node, qualname=qualname))


def _assign(walker, node, push):
    for target in reversed(node.targets):
        push(target)
    push((_bind_assign, node))
    push(node.value)


def _ann_assign(walker, node, push):
    push(node.target)
    if node.value is not None:
        push((_bind_valued_target, node))
        push(node.value)
    push(node.annotation)


def _aug_assign(walker, node, push):
    push(node.target)
    push((_bind_plain_target, node))
    push(node.value)


def _named_expr(walker, node, push):
    push((_bind_valued_target, node))
    push(node.value)


def _for(walker, node, push):
    for stmt in reversed(node.orelse):
        push(stmt)
    for stmt in reversed(node.body):
        push(stmt)
    push(node.target)
    push((_bind_plain_target, node))
    push(node.iter)


def _with(walker, node, push):
    for stmt in reversed(node.body):
        push(stmt)
    for item in reversed(node.items):
        if item.optional_vars is not None:
            push(item.optional_vars)
            push((_bind_with, item))
        push(item.context_expr)


def _bind_with(walker, item):
    target = item.optional_vars
    if target.__class__ is ast.Name:
        # `with Session(engine) as session:` — the value is the context
        # manager, not the name's meaning: an OTHER binding, never an alias.
        walker.bind(sc.Binding(target.id, sc.OTHER, walker.ctx.scope, item, item.context_expr))
    else:
        walker.bind_target(target, None, item)


def _except(walker, node, push):
    for stmt in reversed(node.body):
        push(stmt)
    if node.name:
        push((_bind_except_name, node))
    if node.type is not None:
        push(node.type)


def _comprehension_scope(walker, node, push):
    ctx = walker.ctx
    scope = sc.Scope(sc.COMPREHENSION_SCOPE, node, ctx.scope)
    walker.scopes.append(scope)
    push((Walker._leave_scope, (node, ctx.scope, ctx.function)))
    if node.__class__ is ast.DictComp:
        push(node.value)
        push(node.key)
    else:
        push(node.elt)
    for generator in reversed(node.generators):
        for condition in reversed(generator.ifs):
            push(condition)
        push(generator.target)
        push((_bind_plain_target, generator))
        push(generator.iter)
    push((_enter_scope, (scope, None)))


def _global(walker, node, push):
    scope = walker.ctx.scope
    attr = "globals" if node.__class__ is ast.Global else "nonlocals"
    names = getattr(scope, attr) or set()
    names.update(node.names)
    setattr(scope, attr, names)
    walker.ctx.forget_names()


def _match_capture(walker, node, push):
    walker.push_children(node, push)
    name = getattr(node, "name", None) or getattr(node, "rest", None)
    if name:
        walker.bind(sc.Binding(name, sc.OTHER, walker.ctx.scope, node))


_SPECIAL = {
    ast.FunctionDef: _function,
    ast.AsyncFunctionDef: _function,
    ast.Lambda: _lambda,
    ast.ClassDef: _class,
    ast.arguments: _arguments,
    ast.Import: _import,
    ast.ImportFrom: _import,
    ast.Assign: _assign,
    ast.AnnAssign: _ann_assign,
    ast.AugAssign: _aug_assign,
    ast.NamedExpr: _named_expr,
    ast.For: _for,
    ast.AsyncFor: _for,
    ast.With: _with,
    ast.AsyncWith: _with,
    ast.ExceptHandler: _except,
    ast.ListComp: _comprehension_scope,
    ast.SetComp: _comprehension_scope,
    ast.GeneratorExp: _comprehension_scope,
    ast.DictComp: _comprehension_scope,
    ast.Global: _global,
    ast.Nonlocal: _global,
}
for _name in ("MatchAs", "MatchStar", "MatchMapping"):
    if hasattr(ast, _name):
        _SPECIAL[getattr(ast, _name)] = _match_capture
