"""`ast.walk`, about twice as fast: the same nodes in the same order.

Analyses walk small subtrees by the thousand (an assigned value, a call's
arguments, a condition), and the project summary walks whole modules;
`ast.walk` spends most of its time in two generators per node
(`iter_child_nodes`, `iter_fields`) and an isinstance test per field. Here
each node class's fields that can hold nodes are listed once, so a node
costs one dict lookup and a getattr per such field.

Order matters to callers that stop at the first match or count nodes
against a bound: `walk` is breadth-first like `ast.walk`, and yields the
operator and context nodes (`Load`, `Eq`) that `ast.walk` yields.
"""

from __future__ import annotations

import ast
from collections import deque

# Fields that hold a str, int, bool or None, never a node, whatever the class.
_SCALAR = frozenset((
    "id", "attr", "arg", "asname", "module", "level", "kind", "type_comment", "is_async",
    "conversion", "simple", "rest", "kwd_attrs", "lineno", "tag", "n", "s",
))
# Fields that hold a node in some classes and a scalar in these.
_SCALAR_IN = {
    "name": lambda cls: cls.__name__ != "TypeAlias",  # a str, except `type X = ...`'s Name
    "names": lambda cls: cls in (ast.Global, ast.Nonlocal),  # str lists; Import's are aliases
    "value": lambda cls: cls.__name__ in ("Constant", "MatchSingleton", "NameConstant"),
}
_UNKNOWN = object()
_FIELDS = {}  # class -> the fields to descend; None for a class that is no node


def _fields(cls):
    if not (isinstance(cls, type) and issubclass(cls, ast.AST)):
        found = None
    else:
        found = tuple(name for name in cls._fields
                      if name not in _SCALAR and not (name in _SCALAR_IN and _SCALAR_IN[name](cls)))
    _FIELDS[cls] = found
    return found


def within(node, outer):
    """Whether `node` lies within the source span of `outer` (a call in a
    statement, a name in an expression)."""
    line = node.lineno
    first = outer.lineno
    if line < first or line > outer.end_lineno:
        return False
    if line == first and node.col_offset < outer.col_offset:
        return False
    return line != outer.end_lineno or node.end_col_offset <= outer.end_col_offset


def parameter_defaults(function):
    """{ast.arg: its default expression, or None} for every named
    parameter of a function or lambda: the positional ones, then the
    keyword-only ones, in order (`*args` and `**kwargs` have none)."""
    args = function.args
    positional = args.posonlyargs + args.args
    found = dict.fromkeys(positional)
    found.update(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    found.update(zip(args.kwonlyargs, args.kw_defaults))
    return found


def walk(node):
    """Every node under `node` (itself first), in ast.walk's order."""
    if not isinstance(node, ast.AST):  # whatever ast.walk does with it (it raises)
        yield from ast.walk(node)
        return
    todo = deque((node,))
    popleft = todo.popleft
    append = todo.append
    fields_of = _FIELDS.get
    while todo:
        node = popleft()
        cls = node.__class__
        fields = fields_of(cls, _UNKNOWN)
        if fields is _UNKNOWN:
            fields = _fields(cls)
        if fields is None:  # a scalar where a node may stand: ast.walk skips it too
            continue
        for name in fields:
            value = getattr(node, name, None)
            if value is None:
                continue
            if value.__class__ is list:
                for item in value:
                    if item is not None:
                        append(item)
            else:
                append(value)
        yield node


# Nodes with no node below them but a context or an operator: a walk that
# only looks for statements, calls and displays need not queue them.
_LEAVES = frozenset((ast.Name, ast.Constant, ast.alias, ast.Load, ast.Store, ast.Del)) | frozenset(
    cls for base in (ast.operator, ast.boolop, ast.unaryop, ast.cmpop) for cls in base.__subclasses__())


def branches(node):
    """`node` and the nodes below it that `walk(node)` yields, in the same
    order, less the leaves (Names, Constants, aliases, contexts,
    operators): a list, built without a generator, for a caller that looks
    at bigger nodes only (the project summary). Dropping nodes that have no
    node below them from a breadth-first walk leaves the others' order as
    it was."""
    if not isinstance(node, ast.AST):
        return list(walk(node))  # whatever walk does with it (it raises)
    _known_fields(node)  # its class's fields listed, as for every node queued below
    found = [node]
    append = found.append
    fields_of = _FIELDS.get
    leaves = _LEAVES
    index = 0
    while index < len(found):
        node = found[index]
        index += 1
        for name in fields_of(node.__class__):
            value = getattr(node, name, None)
            if value is None:
                continue
            for child in (value if value.__class__ is list else (value,)):
                cls = child.__class__
                if cls in leaves or child is None:
                    continue
                fields = fields_of(cls, _UNKNOWN)
                if fields is _UNKNOWN:
                    fields = _fields(cls)
                if fields is not None:  # a node, not a scalar (walk skips those unyielded)
                    append(child)
    return found


def calls_and_names(node, limit):
    """The Call nodes (in `walk` order) and the Name ids among the first
    `limit` nodes `walk(node)` yields: `walk`'s loop without a generator,
    for the assigned values every analysis summarises. Leaves (a Name's
    `Load`, an operator) are counted where `walk` would yield them, never
    queued. A node's place in walk's order is handed out when its parent
    is looked at, in increasing order, and the queue is taken in that
    order: so a node placed past `limit` is never queued, and every node
    queued is one of the first `limit`."""
    calls, names = [], set()
    if _known_fields(node) is None or limit < 1:
        return calls, names
    todo = [node]
    append = todo.append
    fields_of = _FIELDS.get
    call, name_class = ast.Call, ast.Name
    placed = 1  # places handed out so far (the first node's is 1)
    for node in todo:  # grows while it is taken
        cls = node.__class__
        if cls is call:
            calls.append(node)
        elif cls is name_class:
            names.add(node.id)
            if node.ctx is not None:
                placed += 1  # a Name's only child, its context: a leaf, placed, never queued
            continue
        if placed >= limit:
            continue  # every child would be placed past the limit
        for name in fields_of(cls):
            value = getattr(node, name, None)
            if value is None:
                continue
            for child in (value if value.__class__ is list else (value,)):
                if child is None:
                    continue
                fields = fields_of(child.__class__, _UNKNOWN)
                if fields is _UNKNOWN:
                    fields = _fields(child.__class__)
                if fields is None:  # no node: walk skips it without yielding
                    continue
                placed += 1
                if fields and placed <= limit:
                    append(child)
    return calls, names


# A node keeps what `kept` computed from it in this attribute: not one of
# its `_fields` or `_attributes`, so ast.dump, comparisons of trees and
# ast.increment_lineno pass it by.
_KEPT = "_fixlint_kept"


def kept(node, key, compute):
    """`compute(node)`, kept on the node under `key` (a hashable naming the
    computation and its arguments). Only for an answer that depends on the
    node's subtree alone: nothing in fixlint changes a tree once parsed
    (the language server's incremental parse moves the lines of the
    statements an edit left alone and replaces whole statements, never a
    node inside one), so the server's next tree finds the answers about
    those statements already made. The answer is shared by every caller:
    read it, never change it."""
    state = getattr(node, "__dict__", None)
    if state is None:
        return compute(node)
    answers = state.get(_KEPT)
    if answers is None:
        answers = state[_KEPT] = {}
    elif key in answers:
        return answers[key]
    found = answers[key] = compute(node)
    return found


def kept_summary(node, limit):
    """calls_and_names(node, limit), kept on the node (`kept`)."""
    return kept(node, ("calls_and_names", limit), lambda n: calls_and_names(n, limit))


def _known_fields(node):
    fields = _FIELDS.get(node.__class__, _UNKNOWN)
    return _fields(node.__class__) if fields is _UNKNOWN else fields


# The fields that hold statements (or the except handlers and match cases
# that hold them), per class, in field order: a statement's ancestors are
# all statements, handlers or cases (or the module).
_BLOCKS = frozenset(("body", "orelse", "finalbody", "handlers", "cases"))
_BLOCK_FIELDS = {}


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_NESTED_BLOCKS = ("body", "orelse", "finalbody", "handlers")


def own_statements(body):
    """The statements of a block and of the blocks nested in them (`if`,
    `try` and its handlers, loops, `with`), in no set order, never those
    of a function or class defined there: what runs where the block runs.
    Definitions themselves are left out too."""
    stack = list(body)
    while stack:
        node = stack.pop()
        if node.__class__ in _DEFINITIONS:
            continue
        yield node
        for field in _NESTED_BLOCKS:
            stack.extend(getattr(node, field, ()))


def statements(tree):
    """Every statement under `tree` (a module, or a statement), in
    ast.walk's order, without visiting a single expression: the same
    breadth-first walk over the nodes that can hold statements."""
    todo = deque((tree,))
    popleft = todo.popleft
    extend = todo.extend
    blocks_of = _BLOCK_FIELDS.get
    while todo:
        node = popleft()
        cls = node.__class__
        fields = blocks_of(cls)
        if fields is None:
            fields = _BLOCK_FIELDS[cls] = tuple(f for f in getattr(cls, "_fields", ()) if f in _BLOCKS)
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                extend(value)
        if isinstance(node, ast.stmt):
            yield node


def keyed_read(expr, methods=("get",)):
    """(container, key expression) of a read or write by key: `x[key]`, or
    one of `methods` called with the key first (`x.get(key)`,
    `x.setdefault(key, [])`); else None."""
    if expr.__class__ is ast.Subscript:
        return expr.value, expr.slice
    if expr.__class__ is ast.Call and expr.func.__class__ is ast.Attribute and expr.func.attr in methods and expr.args:
        return expr.func.value, expr.args[0]
    return None


def returned_options(function):
    """{key: value node} of the dict literal `function` returns
    (returned_dict) when every key is a string constant; else None."""
    returned = returned_dict(function)
    if returned is None:
        return None
    if returned.__class__ is ast.Call:  # `return dict(max_age=3600, secure=True)`
        return keyword_options(returned)
    options = {}
    for key, value in zip(returned.keys, returned.values):
        if key.__class__ is not ast.Constant or not isinstance(key.value, str):
            return None  # `{**base}`, a computed key
        options[key.value] = value
    return options


def returned_dict(function):
    """The dict literal `function` returns, when it has one `return`: of
    the literal itself (or a keyword-only call of the builtin `dict`), or
    of a local bound once to one and used nowhere else (`options = {...}`,
    then `return options`); None otherwise."""
    returns = [n for n in walk(function) if n.__class__ is ast.Return]
    if len(returns) != 1 or returns[0].value is None:
        return None
    value = returns[0].value
    if mapping_literal(value):
        return value
    if value.__class__ is not ast.Name:
        return None
    bound, uses = None, 0
    for node in walk(function):
        if node.__class__ is ast.Name and node.id == value.id:
            uses += 1
        elif node.__class__ is ast.Assign and len(node.targets) == 1 and node.targets[0].__class__ is ast.Name and (
                node.targets[0].id == value.id):
            bound = node.value if bound is None else False
    return bound if mapping_literal(bound) and uses == 2 else None


def keyword_options(call):
    """{keyword: value node} of a call given keywords only by name
    (`dict(max_age=3600, secure=True)`); None when one is spread (`**x`)."""
    options = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            return None
        options[keyword.arg] = keyword.value
    return options


def mapping_literal(node):
    """A dict literal, or a keyword-only call of the builtin `dict`
    (`dict(max_age=3600, secure=True)`)."""
    return node.__class__ is ast.Dict or (
        node.__class__ is ast.Call and node.func.__class__ is ast.Name and node.func.id == "dict" and not node.args)
