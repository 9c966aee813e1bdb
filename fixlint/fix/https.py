"""Whether a Secure fix is safe: does the file already decide HTTPS?

A Secure cookie is not sent over plain HTTP: `secure=True`,
`https_only=True` or `SESSION_COOKIE_SECURE = True` break sessions under
Starlette's TestClient (`http://testserver`), a localhost or LAN URL and a
self-hosted HTTP install. So the Secure fixes are safe only when they reuse
what the module already uses to decide HTTPS:

- an expression it already gives a Secure flag or setting
  (`secure=not settings.DEBUG`, `https_only=settings.PRODUCTION`,
  `SESSION_COOKIE_SECURE = not app.debug`, `SECURE_SSL_REDIRECT = env(...)`),
  written again (it must be readable where the fix writes it: its names
  bound at module level, or the same function);
- or `True`, when the module already makes the session cookie Secure or
  redirects every request to HTTPS (`SESSION_COOKIE_SECURE = True`,
  `SECURE_SSL_REDIRECT = True`, `https_only=True`): the app does not work
  over plain HTTP anyway.

- or, failing those, a production switch the module already reads
  (`settings.PRODUCTION`, `config.USE_HTTPS`), or the negation of its debug
  switch (`not app.debug`, `not settings.DEBUG`).

Otherwise the fix writes `True` and is unsafe, with that reason.
"""

from __future__ import annotations

import ast
import builtins
import re
from typing import NamedTuple

from .. import frameworks as fw
from .edits import Expression

# The Secure flag's keywords and settings every adapter knows.
FLAG_KEYWORDS = fw.SECURE_KEYWORDS
# Literal True for these means the app is served over HTTPS only.
HTTPS_ONLY = fw.HTTPS_ONLY_NAMES
# A project's own switch of that name is no framework's setting, but says the same.
_PROJECT_SETTINGS = frozenset(("SESSION_COOKIE_SECURE_ONLY",))
SETTINGS = fw.SECURE_SETTINGS | (HTTPS_ONLY - FLAG_KEYWORDS) | _PROJECT_SETTINGS
_SWITCH = re.compile(r"^(is_)?(production|prod|use_https|https|use_ssl|force_https|secure_cookies?)$", re.I)
_DEBUG = re.compile(r"^debug$", re.I)
NO_DECISION = ("a Secure cookie is not sent over plain HTTP (http://testserver test clients, localhost, "
               "LAN installs), and this file never decides HTTPS; pass an expression that does "
               "(secure=not settings.DEBUG)")


class Decision(NamedTuple):
    value: object  # True, or an Expression
    where: str  # what it reuses, for titles


def _is_constant(expr):
    return isinstance(expr, ast.Constant)


def _setting_name(target):
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return target.slice.value if isinstance(target.slice.value, str) else None
    if isinstance(target, ast.Attribute):
        return target.attr
    return None


def _candidates(node):
    """(name, value expression, node) for each Secure flag or setting that
    `node` itself states."""
    if isinstance(node, ast.Call):
        for keyword in node.keywords:
            if keyword.arg in FLAG_KEYWORDS or keyword.arg in SETTINGS:
                yield keyword.arg, keyword.value, node
    elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            name = _setting_name(target)
            if name in SETTINGS:
                yield name, node.value, node
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value in SETTINGS:
                yield key.value, value, node


def _module_names(tree):
    names = set(dir(builtins))
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).partition(".")[0] for a in stmt.names)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            for target in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


def _innermost(functions, node):
    around = [f for f in functions if _contains(f, node)]
    return max(around, key=lambda f: (f.lineno, f.col_offset), default=None)


def _contains(outer, node):
    if not hasattr(node, "lineno") or not hasattr(outer, "lineno"):  # the module itself
        return False
    return ((outer.lineno, outer.col_offset) <= (node.lineno, node.col_offset)
            and (node.end_lineno, node.end_col_offset) <= (outer.end_lineno, outer.end_col_offset))


def _local_names(function):
    if function is None:
        return set()
    args = function.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _readable(expr, owner, target_owner, module_names, target_locals):
    """Whether `expr` (found in function `owner`) means the same where the
    fix writes it (in function `target_owner`)."""
    free = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
    if owner is not None and owner is target_owner:
        return True
    return free <= module_names and not (free & target_locals)


def _switch(node):
    """(expression text, production?) when `node` reads a production or
    debug switch (`settings.PRODUCTION`, `not app.debug`), else None."""
    if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
        word = node.id if isinstance(node, ast.Name) else node.attr
        if _SWITCH.match(word):
            return ast.unparse(node), True
        if _DEBUG.match(word):
            return f"not {ast.unparse(node)}", False
    return None


class Decider:
    """What a module states about HTTPS, gathered in one walk of its tree,
    for deciding every Secure fix of the module (a fix planner makes one
    per module, not one walk per finding)."""

    def __init__(self, tree):
        self.functions, self.candidates, production, debug = [], [], [], []
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                self.functions.append(node)
            self.candidates.extend(_candidates(node))
            switch = _switch(node)
            if switch is not None:
                (production if switch[1] else debug).append((switch[0], node))
        self.switches = production + debug  # production first
        self.module_names = _module_names(tree)

    def decide(self, node):
        """The Decision a Secure fix at `node` can reuse, or None."""
        functions = self.functions
        target_owner = _innermost(functions, node)
        module_names = self.module_names
        target_locals = _local_names(target_owner)
        https_only = None
        for name, value, where in self.candidates:
            if _is_constant(value):
                if value.value is True and name in HTTPS_ONLY and https_only is None:
                    https_only = Decision(True, f"{name} = True at line {where.lineno}")
                continue
            if isinstance(value, (ast.Starred, ast.Lambda)) or _contains(value, node):
                continue
            if _readable(value, _innermost(functions, value), target_owner, module_names, target_locals):
                return Decision(Expression(ast.unparse(value)), f"{name} at line {where.lineno}")
        if https_only is not None:
            return https_only
        for text, switch in self.switches:
            if _readable(switch, _innermost(functions, switch), target_owner, module_names, target_locals):
                return Decision(Expression(text), f"the switch at line {switch.lineno}")
        return None


def decide(tree, node):
    """The Decision a Secure fix at `node` can reuse, or None (one site:
    Decider(tree) decides many)."""
    return Decider(tree).decide(node)
