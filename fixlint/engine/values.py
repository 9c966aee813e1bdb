"""Literal values and constant folding, without executing anything.

`evaluate` answers what an expression is when the source alone says so:
literals, literal arithmetic (`60 * 60 * 24 * 400`), `timedelta(...)`, and
names bound to such values. Anything computed (`os.environ[...]`,
`not settings.DEBUG`, a call) is UNKNOWN, which rules treat as trusted.
Sizes are bounded so `10 ** 10 ** 10`, `"a" * 10 ** 9` or `"%0999999999d" % 1`
in a scanned file cannot hang or exhaust the linter, and so is the work of
one evaluation: names bound to `t = s + s` chains double it at each link.
"""

from __future__ import annotations

import ast
import datetime
import operator
import re

from . import scope as sc
from .nodes import mapping_literal

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
_MAX_STEPS = 400  # nodes one evaluation may visit; real constants take a few
_MAX_STR = 10_000
_MAX_BITS = 4096
# A printf conversion's width or precision: `%0999999999d` would be a 1 GB string.
_PRINTF_SIZE = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")

_BINOPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}


def _huge_printf(template):
    if isinstance(template, bytes):
        template = template.decode("latin-1")
    for match in _PRINTF_SIZE.finditer(template):
        for size in match.groups():
            if size == "*" or (size and len(size) > 4):
                return True
    return False


def _safe(op, left, right):
    """Apply `op` unless the result could be huge."""
    if isinstance(left, (str, bytes)) and isinstance(right, (str, bytes)) and op is operator.add:
        if len(left) + len(right) > _MAX_STR:
            return UNKNOWN
    if op is operator.mod and isinstance(left, (str, bytes)) and _huge_printf(left):
        return UNKNOWN
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


class _Budget:
    """One evaluation's work left, the values of the nodes it folded (a
    node met again, as in `t = s + s`, is not folded twice), and whether
    the numbers of other project modules count (`numbers`)."""

    __slots__ = ("steps", "memo", "numbers")

    def __init__(self, numbers=False):
        self.steps = _MAX_STEPS
        self.memo = {}
        self.numbers = numbers


def evaluate(expr, ctx=None, numbers=False):
    """The value of `expr` if it is a literal after folding, else UNKNOWN.

    With a context, names bound (in the scope visible now) to literal values
    are followed, and the string constants the module imports from the
    project; with `numbers`, where the value is a lifetime or an expiry, the
    numbers it imports too (`MAX_AGE` from the project's settings.py: a
    number imported elsewhere, `secure=not DEBUG`, is configuration).
    """
    return _evaluate(expr, ctx, 0, _Budget(numbers))


def _evaluate(expr, ctx, depth, budget):
    key = id(expr)
    value = budget.memo.get(key)
    if value is None and key not in budget.memo:
        budget.steps -= 1
        if expr is None or depth > _MAX_DEPTH or budget.steps < 0:
            return UNKNOWN
        value = budget.memo[key] = _fold(expr, ctx, depth, budget)
    return value


def _fold(expr, ctx, depth, budget):
    cls = expr.__class__
    if cls is ast.Constant:
        return expr.value
    if cls is ast.UnaryOp:
        value = _evaluate(expr.operand, ctx, depth + 1, budget)
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
        left = _evaluate(expr.left, ctx, depth + 1, budget)
        if left is UNKNOWN:
            return UNKNOWN
        right = _evaluate(expr.right, ctx, depth + 1, budget)
        if right is UNKNOWN:
            return UNKNOWN
        return _safe(op, left, right)
    if cls is ast.Call and ctx is not None:
        if ctx.qualname(expr.func) in TIMEDELTA:
            return _timedelta(expr, ctx, depth, budget)
        return UNKNOWN
    if cls is ast.Name and ctx is not None:
        value = ctx.value_of(expr)
        if value is expr:
            return _imported_constant(expr, ctx, budget.numbers)
        return _evaluate(value, ctx, depth + 1, budget)
    if cls is ast.Subscript and ctx is not None:
        found = _setting_entry(expr, ctx, budget.numbers)
        if found is UNKNOWN and expr.value.__class__ is ast.Name:
            entry = _dict_entry(expr, ctx)
            if entry is not None:
                return _evaluate(entry, ctx, depth + 1, budget)
        return found
    if cls is ast.Attribute and ctx is not None:
        if expr.value.__class__ is ast.Name:
            value = _class_constant(expr, ctx)
            if value is not None:
                return _evaluate(value, None, depth + 1, budget)
        return _imported_constant(expr, ctx, budget.numbers)
    return UNKNOWN


def _class_constant(expr, ctx):
    """The value a class body gives `self.NAME` (or `cls.NAME`) in one of
    its methods, `NAME = "session_token"` at the class's top level: the
    expression, or None. `self` is the method's first parameter; a class
    that also assigns `self.NAME` in a method is not followed."""
    info = getattr(ctx, "function", None)  # a FileContext's; other contexts (summaries) have no methods
    class_node = info.class_node if info is not None else None
    if class_node is not None:
        arguments = info.node.args
        first = (arguments.posonlyargs or arguments.args or (None,))[0]
        if first is None or first.arg != expr.value.id:
            class_node = None
    if class_node is None:
        return _named_class_constant(expr, ctx)
    return _class_body_value(class_node, expr.attr)


def _named_class_constant(expr, ctx):
    """The value a class of the module gives `Class.NAME` (first_web's
    `self.set_cookie(Sess.cookie_name, ...)` with `cookie_name =
    "sessionid"` in `class Sess`), when nothing in the module assigns the
    attribute again (`Sess.cookie_name = ...`, `self.cookie_name = ...`):
    the expression, or None."""
    binding = ctx.binding(expr.value) if hasattr(ctx, "binding") else None
    if binding is None:
        # a method naming its own class (`CacheSession.session_id` in CacheSession.__init__):
        # the class's name is bound once its body has run, before any method runs
        info = getattr(ctx, "function", None)
        class_node = info.class_node if info is not None else None
        if class_node is None or class_node.name != expr.value.id:
            return None
    elif binding.kind != sc.CLASS or binding.value.__class__ is not ast.ClassDef:
        return None
    else:
        class_node = binding.value
    found = _class_body_value(class_node, expr.attr)
    if found is None:
        return None
    kept = getattr(ctx, "kept", None)
    assigned = kept.get(_named_class_constant) if kept is not None else None
    if assigned is None:
        assigned = _assigned_attributes(ctx.tree)
        if kept is not None:
            kept[_named_class_constant] = assigned
    return None if expr.attr in assigned else found


def _assigned_attributes(tree):
    """The attribute names the module assigns anywhere (`x.NAME = ...`)."""
    found = set()
    for node in ast.walk(tree):
        if node.__class__ in (ast.Assign, ast.AugAssign, ast.AnnAssign):
            for target in (node.targets if node.__class__ is ast.Assign else (node.target,)):
                if target.__class__ is ast.Attribute:
                    found.add(target.attr)
    return found


def _class_body_value(class_node, name):
    """The value the class's body binds `name` to at its top level, unless
    one of its methods assigns `<something>.name`; else None."""
    found = None
    for stmt in class_node.body:
        if stmt.__class__ is ast.Assign:
            if any(t.__class__ is ast.Name and t.id == name for t in stmt.targets):
                found = stmt.value if len(stmt.targets) == 1 else None
        elif stmt.__class__ is ast.AnnAssign and stmt.target.__class__ is ast.Name and stmt.target.id == name:
            found = stmt.value
        elif stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef) and _assigns_attribute(stmt, name):
            return None
    return found


def _assigns_attribute(function, name):
    """Whether a method assigns `<something>.name` (`self.NAME = ...`)."""
    for node in ast.walk(function):
        if node.__class__ in (ast.Assign, ast.AugAssign, ast.AnnAssign):
            targets = node.targets if node.__class__ is ast.Assign else (node.target,)
            if any(t.__class__ is ast.Attribute and t.attr == name for t in targets):
                return True
    return False


def _imported_constant(expr, ctx, numbers=False):
    """The string constant another module of the project gives a name the
    module imports (`from app.consts import COOKIE` -> COOKIE,
    `consts.COOKIE` after `from app import consts`), or with `numbers` its
    number (`from settings import MAX_AGE`): project/constants.py."""
    project = ctx.project
    if project is None:
        return UNKNOWN
    constants = project.constants
    given = project.numbers if numbers else None
    settings = getattr(project, "settings_values", None)
    if not (constants or given or settings):
        return UNKNOWN
    qualname = ctx.qualname(expr)
    if qualname is None:
        return UNKNOWN
    value = constants.get(qualname) if constants else None
    if value is None and given:
        value = given.get(qualname)
    if value is None and settings and qualname in settings:
        return _setting(settings[qualname], numbers)
    return UNKNOWN if value is None else value


def _setting(value, numbers):
    """A cookie option the project's settings give (ProjectFacts.
    settings_values): a literal; a number only where a lifetime is read;
    UNKNOWN for a dict, which only a subscript reads, or a value none of
    the settings modules agree on."""
    if value.__class__ is dict or value == _UNKNOWN_SETTING:
        return UNKNOWN
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not numbers:
        return UNKNOWN
    return value


def _setting_entry(expr, ctx, numbers):
    """`settings.SIMPLE_JWT["AUTH_COOKIE_SECURE"]`: the entry of a settings
    dict the project's settings give as a literal, else UNKNOWN."""
    project = ctx.project
    settings = getattr(project, "settings_values", None) if project is not None else None
    key = expr.slice
    if not settings or key.__class__ is not ast.Constant or not isinstance(key.value, str):
        return UNKNOWN
    if expr.value.__class__ not in (ast.Attribute, ast.Name):
        return UNKNOWN
    entries = settings.get(ctx.qualname(expr.value))
    if entries.__class__ is not dict or key.value not in entries:
        return UNKNOWN
    return _setting(entries[key.value], numbers)


def _dict_entry(expr, ctx):
    """`SESSION_KEYS["user"]` where the name holds a dict literal (or a
    keyword-only `dict(user=...)`) with that string key: the entry's value
    expression, else None."""
    key = expr.slice
    if key.__class__ is not ast.Constant or not isinstance(key.value, str) or not hasattr(ctx, "value_of"):
        return None
    mapping = ctx.value_of(expr.value)
    if not mapping_literal(mapping):
        return None
    if mapping.__class__ is ast.Dict:
        for name, value in zip(mapping.keys, mapping.values):
            if name is None:
                return None  # `{**base, ...}`: the entry may come from elsewhere
            if name.__class__ is ast.Constant and name.value == key.value:
                return value
        return None
    if ctx.binding(mapping.func) is not None:
        return None  # the module's own `dict`
    return next((keyword.value for keyword in mapping.keywords if keyword.arg == key.value), None)


_UNKNOWN_SETTING = "?"  # project.settings_values.UNKNOWN: a value the settings compute


def _timedelta(call, ctx, depth, budget):
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
        value = _evaluate(node, ctx, depth + 1, budget)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return UNKNOWN
        values[name] = value
    try:
        return datetime.timedelta(**values)
    except (OverflowError, ValueError, TypeError):
        return UNKNOWN


def inline_lifetime(expr, is_param, follow, qualname, fold, depth=0):
    """A cookie helper's lifetime expression as a tree its calls fold with
    their arguments (analysis/cookie_helpers.py; project/functions.py keeps
    it in the helper's profile, as text): number literals, the helper's
    parameters (`is_param(name)`: kept as Names), arithmetic, and the
    `timedelta(...)` and `now()` calls it makes, each callee spelled by its
    qualified name (`qualname(func)`). Another name is replaced by the value
    `follow(name)` says it was assigned (None, or the name itself: none);
    anything else by the number `fold(expr)` makes of it (an ast.Constant,
    or None: not one). None when a part is none of these."""
    if depth > _MAX_INLINE:
        return None

    def inner(part):
        return inline_lifetime(part, is_param, follow, qualname, fold, depth + 1)

    cls = expr.__class__
    if cls is ast.Constant and expr.value.__class__ in (int, float):
        return expr
    if cls is ast.Name:
        if is_param(expr):
            return ast.Name(id=expr.id, ctx=ast.Load())
        value = follow(expr)
        if value is not None and value is not expr:
            return inner(value)
    elif cls is ast.BinOp:
        left, right = inner(expr.left), inner(expr.right)
        return None if left is None or right is None else ast.BinOp(left=left, op=expr.op, right=right)
    elif cls is ast.UnaryOp:
        operand = inner(expr.operand)
        return None if operand is None else ast.UnaryOp(op=expr.op, operand=operand)
    elif cls is ast.Call:
        called = qualname(expr.func)
        if called in _NOW and not expr.args and not expr.keywords:
            return ast.Call(func=ast.Name(id=called, ctx=ast.Load()), args=[], keywords=[])
        if called in TIMEDELTA:
            args = [inner(a) for a in expr.args]
            keywords = [(k.arg, inner(k.value)) for k in expr.keywords]
            if any(a is None for a in args) or any(k is None or v is None for k, v in keywords):
                return None
            return ast.Call(func=ast.Name(id=called, ctx=ast.Load()), args=args,
                            keywords=[ast.keyword(arg=k, value=v) for k, v in keywords])
    return fold(expr)


_MAX_INLINE = 8  # local assignments followed back from a lifetime (`max_age = days * 86400`)


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
    `N`, `timedelta(...)` and `datetime.now() + timedelta(...)`, the
    numbers the module imports from the project folded."""
    value = evaluate(expr, ctx, numbers=True)
    if value is not UNKNOWN:
        return seconds(value)
    if expr.__class__ is ast.Name and ctx is not None:
        expr = ctx.value_of(expr)  # until = datetime.utcnow() + timedelta(days=365); expires=until
    if expr.__class__ is ast.BinOp and expr.op.__class__ is ast.Add:
        for now_side, delta_side in ((expr.left, expr.right), (expr.right, expr.left)):
            if now_side.__class__ is ast.Call and ctx.qualname(now_side.func) in _NOW:
                return seconds(evaluate(delta_side, ctx, numbers=True))
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


_DATETIME = frozenset(("datetime.datetime",))
_FROM_TIMESTAMP = frozenset(("datetime.datetime.fromtimestamp", "datetime.datetime.utcfromtimestamp"))


def sets_no_flag(expr):
    """A constant that sets no cookie flag: None, False, 0, "" or "None"
    (`samesite="None" if PROD else None` has no branch that protects)."""
    if expr.__class__ is not ast.Constant:
        return False
    value = expr.value
    return not value if value.__class__ is not str else value.lower() in ("", "none")


def blanks_cookie(call):
    """A cookie setter's call whose value is written empty
    (`set_cookie("token", "")`, `set_cookie(key="token", value=None)`):
    the value is gone, as a deletion leaves it."""
    value = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "value"), None)
    return value.__class__ is ast.Constant and value.value in ("", None, b"")


def expired_at_once(expr, ctx):
    """Whether a cookie's `max_age`/`expires` makes it expire at once, as a
    deletion does: a number at or below 0, a date in the past
    (`"Thu, 01 Jan 1970 00:00:00 GMT"`, `datetime(1970, 1, 1)`,
    `datetime.fromtimestamp(0)`), imported numbers folded."""
    value = evaluate(expr, ctx, numbers=True)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value <= 0
    if isinstance(value, str):
        return past_http_date(value)
    if expr.__class__ is ast.Call and not expr.keywords:
        qualname = ctx.qualname(expr.func)
        args = [evaluate(a, ctx) for a in expr.args]
        if any(not isinstance(a, int) or isinstance(a, bool) for a in args):
            return False
        if qualname in _FROM_TIMESTAMP and len(args) == 1:
            return args[0] <= 0
        if qualname in _DATETIME and 3 <= len(args) <= 3 + 4:
            try:
                return datetime.datetime(*args) < datetime.datetime.now()
            except (ValueError, OverflowError):
                return False
    return False


def past_http_date(text):
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    now = datetime.datetime.now(when.tzinfo) if when.tzinfo else datetime.datetime.now()
    return when < now
