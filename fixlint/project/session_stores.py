"""Which containers a module looks up by a cookie's value (summary
`cookie_keyed`).

A web session is found by its cookie: somewhere, the application looks its
sign-in up with the value a cookie brings. When it does so only in
containers not named like session stores (gradio: `app.tokens.get(token)`
with `token = request.cookies.get(...)`), its sign-in lives there, and a
store named like a session store that no cookie ever keys (gradio's per-tab
`session_data`, keyed by an id the page makes up) holds other per-client
state: a request value that only reaches it is not a session id (SFX201,
session_id_words.is_app_state_store).
An application that looks nothing up by a cookie, or that keys a store
named like a session store by one (`SESSIONS.get(request.cookies["sid"])`),
gives no such evidence: its session-named stores stay session stores.

Judged per function (not the functions nested in it: an app factory holds
every route), one step deep: a container is keyed by a cookie when its
index or lookup key holds a cookie read (`request.cookies...`,
`request.COOKIES...`, `get_cookie(...)`, `get_secure_cookie(...)`,
`get_signed_cookie(...)`) or a name assigned from one in the same function.
Containers are named by their last name (`app.tokens` -> `tokens`). Only
modules whose text may read a cookie (MAY_READ) are parsed for this (or
their tree reused).
"""

from __future__ import annotations

import ast
import re

from ..engine.nodes import walk
from ..frameworks import session_id_words as sid

_COOKIE_ATTRIBUTES = frozenset(("cookies", "COOKIES"))
_COOKIE_GETTERS = frozenset(("get_cookie", "get_secure_cookie", "get_signed_cookie"))
MAY_READ = re.compile(r"\.(?:cookies|COOKIES)\b|\b(?:get_cookie|get_secure_cookie|get_signed_cookie)\s*\(")
_LOOKUPS = sid.STORE_READS | sid.STORE_WRITES | sid.STORE_CREATES
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def cookie_keyed(tree):
    """Sorted last names of the containers the module's functions look up
    by a cookie's value."""
    found = set()
    for node in walk(tree):
        if node.__class__ in _FUNCTIONS:
            found.update(_keyed_in(list(_own_nodes(node))))
    return sorted(found)


def _own_nodes(function):
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        yield node
        if node.__class__ not in _NESTED:
            stack.extend(ast.iter_child_nodes(node))


def _keyed_in(nodes):
    if not any(_is_cookie_read(node) for node in nodes):
        return ()
    names = set()  # names assigned from a cookie read: `token = request.cookies.get(...)`
    for node in nodes:
        if node.__class__ in (ast.Assign, ast.NamedExpr, ast.AnnAssign) and node.value is not None:
            if any(_is_cookie_read(inner) for inner in walk(node.value)):
                targets = node.targets if node.__class__ is ast.Assign else [node.target]
                names.update(t.id for t in targets if t.__class__ is ast.Name)
    found = []
    for node in nodes:
        cls = node.__class__
        if cls is ast.Subscript:
            container, keys = node.value, [node.slice]
        elif cls is ast.Call and node.func.__class__ is ast.Attribute and node.func.attr in _LOOKUPS:
            container, keys = node.func.value, node.args[:1]
        else:
            continue
        name = _last_name(container)
        if name is None or name in _COOKIE_ATTRIBUTES:
            continue
        if any(_is_cookie_read(inner) or (inner.__class__ is ast.Name and inner.id in names)
               for key in keys for inner in walk(key)):
            found.append(name)
    return found


def _is_cookie_read(node):
    cls = node.__class__
    if cls is ast.Attribute:
        return node.attr in _COOKIE_ATTRIBUTES
    return cls is ast.Call and _last_name(node.func) in _COOKIE_GETTERS


def _last_name(expr):
    if expr.__class__ is ast.Name:
        return expr.id
    if expr.__class__ is ast.Attribute:
        return expr.attr
    return None
