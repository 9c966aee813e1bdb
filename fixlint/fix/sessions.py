"""What the session-lifecycle fixes (SFX101 `login`, SFX102 `logout`) share:
where a handler's statement sits, how to name the session in the handler,
and what the handler does to the session before and after a point.

Everything here reads the stdlib `ast` tree and the lifecycle analysis'
facts (events with their session expression, function and scope); nothing
imports libcst. A planner that cannot be sure declines: a fix that writes
the wrong name is worse than none.
"""

from __future__ import annotations

import ast
from typing import NamedTuple

from .. import frameworks as fw
from ..analysis.lifecycle import BIND, CALL, DELETE, READ, TOUCH, UPDATE, WRITE
from ..engine import scope as sc
from .edits import EnsureImport

# Compound statements and the fields holding their blocks.
_BLOCKS = ("body", "orelse", "finalbody")


class Located(NamedTuple):
    """A statement of a handler and the block (list of statements) holding it."""

    stmt: ast.stmt
    block: list
    index: int


class Unclear(Exception):
    """The planner cannot be sure; the message says why (a `no fix` note)."""


# -- where things are ---------------------------------------------------------

def _start(node):
    return node.lineno, node.col_offset


def _end(node):
    return node.end_lineno, node.end_col_offset


def contains(outer, node):
    """Whether `node` lies within `outer`'s span."""
    return _start(outer) <= _start(node) and _end(node) <= _end(outer)


def _blocks(stmt):
    for name in _BLOCKS:
        block = getattr(stmt, name, None)
        if block and isinstance(block, list) and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body
    for case in getattr(stmt, "cases", ()):
        yield case.body


def locate(function, node):
    """The innermost statement of `function`'s body holding `node`, in its
    block; a node in a compound statement's header (`if login_user(u):`)
    gives the compound statement. Unclear when the statement shares its
    line with another one (`a; b`, `if x: b`)."""
    block, owner = function.body, function
    while True:
        index = next((i for i, s in enumerate(block) if contains(s, node)), None)
        if index is None:
            raise Unclear("the statement was not found in the handler")
        stmt = block[index]
        inner = None
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            inner = next((b for b in _blocks(stmt) if any(contains(s, node) for s in b)), None)
        if inner is None:
            _check_own_lines(block, index, owner)
            return Located(stmt, block, index)
        block, owner = inner, stmt


def _check_own_lines(block, index, owner):
    stmt = block[index]
    if isinstance(owner, ast.If) and block is owner.orelse and isinstance(stmt, ast.If) and (
        stmt.col_offset == owner.col_offset
    ):
        raise Unclear("the statement is an `elif` condition")
    shared = (index > 0 and block[index - 1].end_lineno == stmt.lineno) or (
        index + 1 < len(block) and block[index + 1].lineno == stmt.end_lineno
    ) or (index == 0 and stmt.lineno == owner.lineno)
    if shared:
        raise Unclear("the statement shares its line with another statement")


def locate_before(function, first, node):
    """The statement before which code runs ahead of both `first` and, on
    every way through the handler, `node` (which comes later): in the
    innermost block holding both, the statement holding `first`
    (`if remember: session.permanent = True` then a binding gives the
    `if`); the compound statement holding both, when `first` sits in its
    header or in another branch than `node` (a `try` body and its
    `except`). Unclear when `first` does not come before `node` in the
    source."""
    block, owner = function.body, function
    while True:
        at_node = next((i for i, s in enumerate(block) if contains(s, node)), None)
        at_first = next((i for i, s in enumerate(block) if contains(s, first)), None)
        if at_node is None or at_first is None or at_first > at_node:
            raise Unclear("the earlier session write was not found before the binding")
        stmt = block[at_node]
        if at_first < at_node:
            _check_own_lines(block, at_first, owner)
            return Located(block[at_first], block, at_first)
        inner = next((b for b in _blocks(stmt) if any(contains(s, node) for s in b)), None)
        if inner is None or not any(contains(s, first) for s in inner):
            # Both in one simple statement, or `first` in its header or
            # another branch: before the statement itself is the only place.
            _check_own_lines(block, at_node, owner)
            return Located(stmt, block, at_node)
        block, owner = inner, stmt


def dominates(located, node):
    """Whether code inserted before `located.stmt` runs before `node` on
    every way through the handler: `node` is in that statement or in one
    after it in the same block."""
    return any(contains(s, node) for s in located.block[located.index:])


# -- naming the session in the handler -------------------------------------------

def render(expr):
    """Source for a name or attribute chain (`request.session`), else None."""
    probe = expr
    while isinstance(probe, ast.Attribute):
        probe = probe.value
    return ast.unparse(expr) if isinstance(probe, ast.Name) else None


def _root(expr):
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return expr if isinstance(expr, ast.Name) else None


def in_handler(lifecycle, path, step, expr):
    """Source for `expr` — written where `step.event` happens — that means
    the same object at `step.site` in the handler: itself when the event is
    in the handler or the name is shared (a module-level import), else the
    argument the handler passes for the helper's parameter it starts from."""
    text = render(expr) if expr is not None else None
    if text is None:
        raise Unclear("the session is not a plain name or attribute")
    event = step.event
    if event.function is path.function:
        return text
    root = _root(expr)
    helper_scope = lifecycle.scopes.get(event.function)
    handler_scope = lifecycle.scopes.get(path.function)
    if helper_scope is None or handler_scope is None:
        raise Unclear("the helper's names are unknown")
    binding = sc.lookup(helper_scope, root.id)
    if binding is not None and binding is sc.lookup(handler_scope, root.id):
        return text
    argument = _argument_for(lifecycle, path, step, binding)
    return argument + text[len(root.id):]


def _argument_for(lifecycle, path, step, binding):
    """The handler's source for the helper parameter `binding`, when the
    handler calls that helper directly at `step.site`."""
    event = step.event
    call = step.site
    direct = any(
        e.kind == CALL and e.node is call and e.callee is event.function
        for e in lifecycle.events.get(path.function, ())
    )
    if binding is None or binding.kind != sc.PARAM or not direct or not isinstance(call, ast.Call):
        raise Unclear(f"{step.via}() reaches the session in a way the handler does not show")
    args = event.function.args
    params = [a.arg for a in list(args.posonlyargs) + list(args.args)]
    name = binding.name
    positional = list(call.args)
    if isinstance(call.func, ast.Attribute):  # self.helper(...): `self` is the receiver
        positional.insert(0, call.func.value)
    if any(isinstance(a, ast.Starred) for a in positional) or any(k.arg is None for k in call.keywords):
        raise Unclear(f"the call to {step.via}() unpacks its arguments")
    value = None
    if name in params and params.index(name) < len(positional):
        value = positional[params.index(name)]
    for keyword in call.keywords:
        if keyword.arg == name:
            value = keyword.value
    text = render(value) if value is not None else None
    if text is None:
        raise Unclear(f"the handler does not pass {step.via}() its session by name")
    return text


def imported_name(scope, wanted, default=None):
    """(name, edits): a name that means, in `scope`, an import whose
    qualified name `wanted(qualname)` accepts; else, given `default` =
    (module, name) and that name free there, the name and the import to
    add. None otherwise."""
    candidates = [default[1]] if default is not None else []
    for name in (*candidates, *scope.module().bindings):
        binding = sc.lookup(scope, name)
        if binding is not None and binding.kind == sc.IMPORT and wanted(binding.qualname):
            return name, ()
    if default is not None and sc.lookup(scope, default[1]) is None:
        return default[1], (EnsureImport(*default),)
    return None


def proxy_session(lifecycle, function):
    """(name, edits) for the imported session proxy (Flask's `session`) in
    the handler, or Unclear."""
    scope = lifecycle.scopes.get(function)
    found = imported_name(scope, fw.SESSION_PROXIES.__contains__, fw.SESSION_PROXY_IMPORT) if scope else None
    if found is None:
        raise Unclear("`session` names something else in the handler; Flask's session is not imported")
    return found


# -- what the handler does to the session around a point --------------------------

def same_backend(lifecycle, backend):
    return lambda event: event.framework is not None and lifecycle.backend(event.framework) is backend


def writes(step):
    event = step.event
    return step.kind == BIND or (step.kind == TOUCH and event.access in (WRITE, UPDATE))


def _needs_key(step):
    return step.kind == TOUCH and step.event.access in (READ, UPDATE, DELETE)


def split(path, index, located, belongs):
    """The session steps of the path (those `belongs` accepts) before and
    after the point where code is inserted before `located.stmt`, in path
    order. Steps at index `index` and after, or within the statement, run
    after the inserted code; steps before it in a branch that returns or
    raises (`flash(error); return ...`) never reach it and are left out."""
    before, after = [], []
    for at, step in enumerate(path.steps):
        if not belongs(step.event):
            continue
        if at >= index or contains(located.stmt, step.site):
            after.append(step)
        elif _falls_through(path.function, step.site, located.stmt):
            before.append(step)
    return before, after


def _falls_through(function, node, point):
    """False when `node` sits in a branch of an `if` that ends in
    `return`/`raise` and does not hold `point`: control never gets from
    `node` to `point`. (A `try` body is no such branch: an exception may
    leave it for a handler that reaches the point.)"""
    block, owner = function.body, function
    while block:
        ends = isinstance(block[-1], (ast.Return, ast.Raise))
        if isinstance(owner, ast.If) and ends and not any(contains(s, point) for s in block):
            return False
        stmt = next((s for s in block if contains(s, node)), None)
        if stmt is None or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return True
        block, owner = next((b for b in _blocks(stmt) if any(contains(s, node) for s in b)), None), stmt
    return True


def check_kept_data(before, after, call):
    """Unclear when emptying the session at the point drops data: the
    handler wrote to it earlier, or reads a key later that it has not
    written again since."""
    if any(writes(s) for s in before):
        raise Unclear(f"the handler writes to the session first; {call} there would drop that data")
    written = set()
    for step in after:
        key = step.event.key
        if _needs_key(step) and (key is None or key not in written):
            what = f"{key!r}" if key is not None else "a key"
            raise Unclear(f"the handler reads {what} from the session afterwards; {call} would lose it")
        if writes(step) and key is not None:
            written.add(key)
