"""Literal values and constant folding, without executing anything.

`evaluate` answers what an expression is when the source alone says so:
literals, literal arithmetic (`60 * 60 * 24 * 400`), `timedelta(...)`, and
names bound to such values. Anything computed (`os.environ[...]`,
`not settings.DEBUG`, a call) is UNKNOWN, which rules treat as trusted.
Sizes are bounded so `10 ** 10 ** 10` or `"a" * 10 ** 9` in a scanned file
cannot hang or exhaust the linter.
"""

from __future__ import annotations

import ast
import datetime
import operator

UNKNOWN = type("Unknown", (), {"__repr__": lambda self: "UNKNOWN", "__bool__": lambda self: False})()

TIMEDELTA = frozenset(("datetime.timedelta",))
_TIMEDELTA_ARGS = ("days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks")
_NOW = frozenset(
    (
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.datetime.today",
        "django.utils.timezone.now",
        "time.time",
    )
)
_MAX_DEPTH = 40
_MAX_STR = 10_000
_MAX_BITS = 4096

_BINOPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}


def _safe(op, left, right):
    """Apply `op` unless the result could be huge."""
    if op is operator.pow:
        if not isinstance(left, (int, float)) or not isinstance(right, (int, float)):
            return UNKNOWN
        if isinstance(right, int) and abs(right) > 64:
            return UNKNOWN
        if isinstance(left, int) and left.bit_length() * max(abs(right), 1) > _MAX_BITS:
            return UNKNOWN
    if op is operator.mul:
        if isinstance(left, (str, bytes)) or isinstance(right, (str, bytes)):
            count = right if isinstance(left, (str, bytes)) else left
            text = left if isinstance(left, (str, bytes)) else right
            if not isinstance(count, int) or len(text) * max(count, 0) > _MAX_STR:
                return UNKNOWN
        elif isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > _MAX_BITS:
                return UNKNOWN
    if isinstance(left, bool) or isinstance(right, bool):
        return UNKNOWN
    try:
        return op(left, right)
    except (ArithmeticError, TypeError, ValueError):
        return UNKNOWN


def evaluate(expr, ctx=None, _depth=0):
    """The value of `expr` if it is a literal after folding, else UNKNOWN.

    With a context, names bound (in the scope visible now) to literal values
    are followed.
    """
    if expr is None or _depth > _MAX_DEPTH:
        return UNKNOWN
    cls = expr.__class__
    if cls is ast.Constant:
        return expr.value
    if cls is ast.UnaryOp:
        value = evaluate(expr.operand, ctx, _depth + 1)
        if value is UNKNOWN:
            return UNKNOWN
        if expr.op.__class__ is ast.Not:
            return not value
        if isinstance(value, bool) or not isinstance(value, (int, float, datetime.timedelta)):
            return UNKNOWN
        if expr.op.__class__ is ast.USub:
            return -value
        if expr.op.__class__ is ast.UAdd:
            return +value
        return UNKNOWN
    if cls is ast.BinOp:
        op = _BINOPS.get(expr.op.__class__)
        if op is None:
            return UNKNOWN
        left = evaluate(expr.left, ctx, _depth + 1)
        if left is UNKNOWN:
            return UNKNOWN
        right = evaluate(expr.right, ctx, _depth + 1)
        if right is UNKNOWN:
            return UNKNOWN
        return _safe(op, left, right)
    if cls is ast.Call and ctx is not None:
        if ctx.qualname(expr.func) in TIMEDELTA:
            return _timedelta(expr, ctx, _depth)
        return UNKNOWN
    if cls is ast.Name and ctx is not None:
        value = ctx.value_of(expr)
        if value is expr:
            return UNKNOWN
        return evaluate(value, ctx, _depth + 1)
    return UNKNOWN


def _timedelta(call, ctx, depth):
    kwargs = {}
    if len(call.args) > 7:
        return UNKNOWN
    for name, arg in zip(_TIMEDELTA_ARGS, call.args):
        kwargs[name] = arg
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg not in _TIMEDELTA_ARGS:
            return UNKNOWN
        kwargs[keyword.arg] = keyword.value
    values = {}
    for name, node in kwargs.items():
        value = evaluate(node, ctx, depth + 1)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return UNKNOWN
        values[name] = value
    try:
        return datetime.timedelta(**values)
    except (OverflowError, ValueError, TypeError):
        return UNKNOWN


def seconds(value):
    """A duration in seconds from a folded value (number or timedelta)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return None


def duration_of(expr, ctx):
    """Seconds from now that an expiry expression reaches, for the shapes
    `N`, `timedelta(...)` and `datetime.now() + timedelta(...)`."""
    value = evaluate(expr, ctx)
    if value is not UNKNOWN:
        return seconds(value)
    if expr.__class__ is ast.BinOp and expr.op.__class__ is ast.Add:
        for now_side, delta_side in ((expr.left, expr.right), (expr.right, expr.left)):
            if now_side.__class__ is ast.Call and ctx.qualname(now_side.func) in _NOW:
                return seconds(evaluate(delta_side, ctx))
    return None


def literal_string(expr, ctx=None):
    """A str literal (after folding), else None."""
    value = evaluate(expr, ctx)
    return value if isinstance(value, str) else None


def format_duration(secs):
    secs = float(secs)
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if secs >= size and secs % size == 0:
            return f"{int(secs // size)} {unit}"
    if secs >= 86400:
        return f"{secs / 86400:.1f} days"
    return f"{int(secs)} seconds"
