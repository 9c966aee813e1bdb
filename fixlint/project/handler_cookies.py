"""What a module's handler classes do with the signed identity cookie
(Tornado's login: `set_secure_cookie("user", ...)`, read back in
`get_current_user`), for the handlers of other modules built on them
(scq's handlers/logout_handler.py, whose LogoutHandler calls
`self.clear_current_user_cookie()` of handlers/base_handler.py's
BaseHandler).

Summary `handler_cookies`: class name -> {"identity": the cookie names its
methods set with an identity setter or read in a current-user method
(one named by an attribute chain on `self`: COMPUTED and the expression),
"deletes": method name -> the cookie names it deletes, itself or through
the class's other methods it calls on `self` ("*": every cookie, or one it
names by an expression), "revokes": the methods that call, themselves or
through the class's others, something named for ending state on the
server (fw.names_revocation: `revoke_token()`, `sessions.delete(sid)`)}.
Only classes with identity cookies or deletions are kept.
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from ..engine.nodes import branches
from .needles import Needles

# The frameworks whose handlers sign the user in with a signed cookie (Tornado),
# also analysis/identity_cookies.py's.
FRAMEWORKS = tuple(f for f in fw.FRAMEWORKS if f.identity_cookie_setters)
_SETTERS = frozenset().union(*(f.identity_cookie_setters for f in FRAMEWORKS))
_READERS = frozenset().union(*(f.identity_cookie_readers for f in FRAMEWORKS))
_CURRENT_USER = frozenset().union(*(f.current_user_methods for f in FRAMEWORKS))
_CLEARERS = frozenset().union(*(f.cookie_clearers for f in FRAMEWORKS))
_CLEAR_ALL = frozenset().union(*(f.cookie_clear_all for f in FRAMEWORKS))
_LIFETIMES = frozenset().union(*(f.cookie_lifetimes for f in FRAMEWORKS))  # `expires_days`
NEEDLES = Needles(sorted(_SETTERS | _READERS | _CLEARERS | _CLEAR_ALL))
ANY = "*"
_MAX_DEPTH = 8


def scan(tree):
    """The module's `handler_cookies` (module docstring), or {}."""
    found = {}
    for node in tree.body:
        if node.__class__ is ast.ClassDef:
            facts = _class_facts(node)
            if facts:
                found[node.name] = facts
    return found


def _class_facts(class_node):
    identity, own, calls, revoking = set(), {}, {}, set()
    for method in class_node.body:
        if method.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
            continue
        deleted, called = own.setdefault(method.name, set()), calls.setdefault(method.name, set())
        for node in branches(method):  # (ast.walk's calls, in its order)
            if node.__class__ is not ast.Call:
                continue
            func = node.func
            if func.__class__ is not ast.Attribute or func.value.__class__ is not ast.Name or func.value.id != "self":
                callee = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
                if fw.names_revocation(callee):
                    revoking.add(method.name)
                continue
            attr = func.attr
            name = _literal_name(node)
            if attr in _CLEAR_ALL:
                deleted.add(ANY)
            elif attr in _CLEARERS:
                deleted.add(name if name is not None else ANY)
            elif attr in _SETTERS and name is not None:
                if empties(node):
                    deleted.add(name)
                else:
                    identity.add(name)
            elif attr in _READERS and name is not None and method.name in _CURRENT_USER:
                identity.add(name)
            elif (attr in _SETTERS and not empties(node) or attr in _READERS and method.name in _CURRENT_USER) and (
                    _self_chain(node) is not None):
                identity.add(_self_chain(node))
            else:
                called.add(attr)
    deletes, revokes = {}, []
    for method in own:
        reached = _closure(method, calls)
        names = set().union(*(own[m] for m in reached))
        if names:
            deletes[method] = sorted(names)
        if not revoking.isdisjoint(reached):
            revokes.append(method)
    if not identity and not deletes:
        return {}
    return {"identity": sorted(identity), "deletes": deletes, "revokes": sorted(revokes)}


def _closure(method, calls):
    """`method` and the class's methods it calls on `self`, transitively."""
    seen, pending = set(), [(method, 0)]
    while pending:
        current, depth = pending.pop()
        if current in seen or depth > _MAX_DEPTH or current not in calls:
            continue
        seen.add(current)
        pending.extend((called, depth + 1) for called in calls[current])
    return seen


def name_argument(call):
    """The expression a cookie call (`self.clear_cookie("user")`,
    `name="user"`) names its cookie by, or None."""
    return call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "name"), None)


def empties(call):
    """Whether an identity setter's call empties its cookie: an empty value
    (`self.set_secure_cookie("loginId", "")`, `None`) or an expiry already
    past (`expires_days=0`, a lifetime option of the frameworks'): a
    deletion, as clear_cookie() is."""
    value = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "value"), None)
    if value is not None and value.__class__ is ast.Constant and value.value in (None, "", b""):
        return True
    return any(k.arg in _LIFETIMES and _not_positive(k.value) for k in call.keywords)


def _not_positive(expr):
    """A literal number at most zero (`0`, `-1`)."""
    if expr.__class__ is ast.UnaryOp and expr.op.__class__ is ast.USub:
        expr = expr.operand
        return expr.__class__ is ast.Constant and isinstance(expr.value, (int, float)) and not isinstance(
            expr.value, bool)
    return (expr.__class__ is ast.Constant and isinstance(expr.value, (int, float))
            and not isinstance(expr.value, bool) and expr.value <= 0)


# How a cookie named by an attribute chain on `self` is kept among the names
# (lecturefb's `self.set_secure_cookie(self.cookie_name, ...)`, a property of
# its base handler): the expression as written after this mark, the
# identity analysis's ComputedName of the same expression in a logout.
COMPUTED = "="


def _self_chain(call):
    """COMPUTED and the expression when the call names its cookie by an
    attribute chain on `self` (`self.cookie_name`, `self.settings["cookie"]`),
    else None."""
    expr = name_argument(call)
    root = expr
    while root.__class__ is ast.Attribute or (root.__class__ is ast.Subscript and root.slice.__class__ is ast.Constant
                                              and isinstance(root.slice.value, str)):
        root = root.value
    if root is expr or root.__class__ is not ast.Name or root.id != "self":
        return None
    return COMPUTED + ast.unparse(expr)


def _literal_name(call):
    expr = name_argument(call)
    if expr is not None and expr.__class__ is ast.Constant and isinstance(expr.value, str):
        return expr.value
    return None
