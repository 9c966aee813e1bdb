"""Where a session id comes from, and what a hand-rolled store record holds.

`id_origin` answers, for the key of a store access (`SESSIONS[sid]`,
`redis.set(f"session:{sid}", ...)`), whether the id came in with the
request (INCOMING: a cookie, a FastAPI `Cookie()` parameter) or was just
drawn from a token generator (FRESH). Anything else is None: fixlint does not
guess, so an id of unknown origin is neither a finding nor a regeneration.
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from ..config import Config
from ..engine import scope as sc
from ..frameworks import auth, stores

INCOMING = "incoming"
FRESH = "fresh"

_MAX_DEPTH = 8
_REQUEST_NAMES = frozenset(("request", "req", "websocket", "conn", "connection"))


class IdOrigins:
    """Origin tracing at the current point of the walk."""

    def __init__(self, ctx, handlers):
        self.ctx = ctx
        self.handlers = handlers  # HandlerAnalysis, for FastAPI parameter sources

    def origin(self, expr, depth=0):
        """INCOMING, FRESH or None for an id expression (or a key built
        from one). An incoming id anywhere in it wins: `cookie or new_id()`
        keeps the browser's id whenever it brings one."""
        if expr is None or depth > _MAX_DEPTH:
            return None
        found = set()
        for part in _parts(expr):
            origin = self._origin_of(part, depth)
            if origin == INCOMING:
                return INCOMING
            if origin is not None:
                found.add(origin)
        return FRESH if FRESH in found else None

    def _origin_of(self, expr, depth):
        ctx = self.ctx
        cls = expr.__class__
        if cls is ast.Name:
            binding = ctx.binding(expr)
            if binding is None:
                return None
            if binding.kind == sc.PARAM:
                return self._param_origin(binding)
            value = ctx.value_of(expr)
            if value is expr:
                return None
            return self.origin(value, depth + 1)
        if cls is ast.Call:
            return self._call_origin(expr, depth)
        if cls is ast.Subscript:
            return INCOMING if self.is_cookie_jar(expr.value) else None
        if cls is ast.Attribute and expr.value.__class__ is ast.Call:
            return self._call_origin(expr.value, depth)  # uuid4().hex
        return None

    def _call_origin(self, call, depth):
        ctx = self.ctx
        func = call.func
        if func.__class__ is ast.Attribute:
            if func.attr == "get" and self.is_cookie_jar(func.value):
                return INCOMING
            if func.attr in stores.ID_WRAPPERS:  # token.hex(), raw.decode()
                return self.origin(func.value, depth + 1)
        qualname = ctx.qualname(func)
        if qualname in fw.TOKEN_GENERATORS:
            return FRESH
        if qualname in stores.ID_WRAPPERS and call.args:  # str(uuid4())
            return self.origin(call.args[0], depth + 1)
        if func.__class__ is ast.Name and func.id in ("str", "format") and call.args:
            return self.origin(call.args[0], depth + 1)
        return None

    def _param_origin(self, binding):
        function = self.ctx.function
        if function is None:
            return None
        handler = self.handlers.handler(function.node) if self.handlers is not None else None
        if handler is not None and handler.params.get(binding.name) == "cookie":
            return INCOMING
        return None

    def is_cookie_jar(self, expr):
        """`request.cookies`, `request.COOKIES`, `self.request.COOKIES`."""
        if expr.__class__ is not ast.Attribute or expr.attr not in stores.COOKIE_ATTRS:
            return False
        base = expr.value
        if base.__class__ is ast.Name and base.id in _REQUEST_NAMES:
            return True
        return fw.request_object(self.ctx, base) is not None


def _parts(expr):
    """The sub-expressions a key is built from: `f"session:{sid}"`,
    `"session:" + sid`, `"session:%s" % sid`, `"s:{}".format(sid)`,
    `a or b`, `a if c else b`."""
    stack = [expr]
    seen = 0
    while stack and seen < 32:
        node = stack.pop()
        seen += 1
        cls = node.__class__
        if cls is ast.JoinedStr:
            stack.extend(v.value for v in node.values if v.__class__ is ast.FormattedValue)
        elif cls is ast.BinOp:
            stack.extend((node.left, node.right))
        elif cls is ast.BoolOp:
            stack.extend(node.values)
        elif cls is ast.IfExp:
            stack.extend((node.body, node.orelse))
        elif cls is ast.Tuple:
            stack.extend(node.elts)
        elif (
            cls is ast.Call
            and node.func.__class__ is ast.Attribute
            and node.func.attr == "format"
            and node.func.value.__class__ is ast.Constant
        ):
            stack.extend(node.args)
        elif cls is not ast.Constant:
            yield node


DEFAULT_CONFIG = Config()


DEFAULT_CONFIG = Config()


# -- what a record holds ---------------------------------------------------

def is_identity_key(key, config=None):
    """True for a session key that names a principal or privilege; never
    for a non-sensitive name (`theme`, `user_prefs`: the vocabulary the
    cookie rules share, from `config`)."""
    lowered = key.lower().replace("-", "_")
    if lowered in auth.IDENTITY_KEYS:
        return True
    words = fw.words(key)
    if any(w in auth.NOT_IDENTITY_WORDS for w in words):
        return False
    if fw.is_non_sensitive_name(key, config or DEFAULT_CONFIG):
        return False
    if "2fa" in lowered:
        return True
    return any(w in auth.PRINCIPAL_WORDS for w in words)


def literal_key(expr, ctx):
    """A subscript key as a string: a literal, a constant it names, or
    Django's auth constants (`SESSION_KEY` -> `_auth_user_id`)."""
    from ..engine.values import literal_string
    from ..frameworks.django import SESSION_KEY_CONSTANTS

    key = literal_string(expr, ctx)
    if key is not None:
        return key
    if expr.__class__ in (ast.Name, ast.Attribute):
        return SESSION_KEY_CONSTANTS.get(ctx.qualname(expr))
    return None


def dotted(expr):
    """`user.id` -> 'user.id'; `user["id"]` -> 'user'; else None."""
    parts = []
    while True:
        cls = expr.__class__
        if cls is ast.Attribute:
            parts.append(expr.attr)
            expr = expr.value
        elif cls is ast.Subscript:
            expr = expr.value
        elif cls is ast.Name:
            parts.append(expr.id)
            return ".".join(reversed(parts))
        else:
            return None


def identity_in_value(expr, ctx, depth=0):
    """The identity a store record value carries: a dict with an identity
    key, or a value named like a principal (`user.id`, `username`). Returns
    the key or name to quote in the message, or None."""
    if expr is None or depth > 4:
        return None
    cls = expr.__class__
    if cls is ast.Dict:
        for key in expr.keys:
            text = literal_key(key, ctx) if key is not None else None
            if text is not None and is_identity_key(text, ctx.config):
                return text
        return None
    if cls is ast.Call:
        for keyword in expr.keywords:  # dict(user_id=...)
            if keyword.arg is not None and is_identity_key(keyword.arg, ctx.config):
                return keyword.arg
        for arg in expr.args[:1]:  # json.dumps({...}), pickle.dumps(record)
            found = identity_in_value(arg, ctx, depth + 1)
            if found is not None:
                return found
        return None
    if cls is ast.Name:
        value = ctx.value_of(expr)
        if value is not expr and value.__class__ in (ast.Dict, ast.Call):
            found = identity_in_value(value, ctx, depth + 1)
            if found is not None:
                return found
    name = dotted(expr)
    if name is not None and is_identity_key(name.replace(".", "_"), ctx.config):
        return name
    return None
