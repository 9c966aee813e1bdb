"""URL building, read from the source: which expressions build a URL, and
which of their holes sit in a query parameter (`?sid={sid}`).

The parts of a built string are literal text (str) and holes (expressions):
f-strings, `+` chains, `"...%s" % x` and `"...{}".format(x)`.
"""

from __future__ import annotations

import ast
import re

from .. import frameworks as fw
from ..frameworks import stdlib

# `?sid=`, `&session_id=`, `#sid=`, and Java-style `;jsessionid=`.
QUERY_KEY = re.compile(r"(?:[?&#][^=&?#/\s]*|;(?:jsessionid|phpsessid|sessionid|sid))=$", re.IGNORECASE)
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdirfxX]")
_BRACES = re.compile(r"\{([^{}]*)\}")

URL_FUNCTIONS = frozenset().union(*(f.url_builders for f in fw.FRAMEWORKS), stdlib.URL_ENCODERS)
# URL functions whose first argument is a route name, not a value.
ENDPOINT_FIRST = frozenset(
    q for q in URL_FUNCTIONS if q.rpartition(".")[2] in ("url_for", "reverse", "reverse_lazy", "resolve_url")
)
REDIRECTS = frozenset().union(*(f.redirects for f in fw.FRAMEWORKS))
_URL_BUILDER_METHODS = frozenset().union(*(f.url_builder_methods for f in fw.FRAMEWORKS))
REVERSING_REDIRECTS = frozenset().union(*(f.reversing_redirects for f in fw.FRAMEWORKS))
REDIRECT_URL_KEYWORDS = ("location", "url", "to", "redirect_to")
# Arguments of URL functions that are options, not URL values.
OPTION_KEYWORDS = frozenset(("_external", "_scheme", "_anchor", "_method", "urlconf", "current_app", "doseq", "safe"))


def is_string_building(expr):
    cls = expr.__class__
    if cls is ast.JoinedStr:
        return True
    if cls is ast.BinOp and expr.op.__class__ in (ast.Add, ast.Mod):
        return True
    return (
        cls is ast.Call and expr.func.__class__ is ast.Attribute and expr.func.attr == "format"
        and expr.func.value.__class__ is ast.Constant and isinstance(expr.func.value.value, str)
    )


def url_method(ctx, func):
    """Starlette's `request.url_for(...)`, `url.include_query_params(...)`."""
    if func.__class__ is not ast.Attribute or func.attr not in _URL_BUILDER_METHODS:
        return False
    for framework in fw.FRAMEWORKS:
        if func.attr in framework.url_builder_methods and ctx.imports(*framework.packages):
            return True
    return False


def url_values(call, qualname):
    """The argument expressions that become part of a URL."""
    args = list(call.args)
    if qualname in ENDPOINT_FIRST or (qualname is None and call.func.attr == "url_for"):
        args = args[1:]
    values = args + [k.value for k in call.keywords if k.arg not in OPTION_KEYWORDS]
    out = []
    for value in values:
        if value.__class__ is ast.Dict:
            out.extend(v for v in value.values if v is not None)
        elif value.__class__ in (ast.List, ast.Tuple, ast.Set):
            for elt in value.elts:
                out.extend(elt.elts[1:] if elt.__class__ is ast.Tuple else [elt])
        elif value.__class__ is not ast.Starred:
            out.append(value)
    return out


def redirect_target(call):
    if call.args:
        return call.args[0]
    for keyword in call.keywords:
        if keyword.arg in REDIRECT_URL_KEYWORDS:
            return keyword.value
    return None


def parts(expr, inner, depth=0):
    """The literal text and holes of a built string; nested building nodes
    go into `inner` (they are checked as part of this one)."""
    if depth > 30:
        return [expr]
    cls = expr.__class__
    if cls is ast.Constant:
        return [expr.value] if isinstance(expr.value, str) else [expr]
    if cls is ast.JoinedStr:
        out = []
        for value in expr.values:
            if value.__class__ is ast.Constant and isinstance(value.value, str):
                out.append(value.value)
            elif value.__class__ is ast.FormattedValue:
                out.append(value.value)
        return out
    if cls is ast.BinOp and expr.op.__class__ is ast.Add:
        out = []
        for side in (expr.left, expr.right):
            if is_string_building(side):
                inner.add(side)
            out.extend(parts(side, inner, depth + 1))
        return out
    if cls is ast.BinOp and expr.op.__class__ is ast.Mod:
        template = expr.left
        if template.__class__ is ast.Constant and isinstance(template.value, str):
            values = expr.right.elts if expr.right.__class__ is ast.Tuple else [expr.right]
            return _fill(template.value, _PERCENT, lambda i, _: values[i] if i < len(values) else None)
        return [expr]
    if is_string_building(expr):  # "...".format(...)
        keywords = {k.arg: k.value for k in expr.keywords if k.arg}
        args = expr.args

        def pick(i, field):
            name = field.partition(":")[0].partition("!")[0]
            if name.isdigit():
                return args[int(name)] if int(name) < len(args) else None
            if name:
                return keywords.get(name)
            return args[i] if i < len(args) else None

        return _fill(expr.func.value.value, _BRACES, pick)
    return [expr]


def _fill(template, pattern, pick):
    out = []
    last = 0
    for i, match in enumerate(pattern.finditer(template)):
        out.append(template[last:match.start()])
        value = pick(i, match.group(1) if match.groups() else "")
        if value is not None:
            out.append(value)
        last = match.end()
    out.append(template[last:])
    return out


_QUERY_NAME = re.compile(r"[?&]([A-Za-z_][\w.-]*)=$")


def _preceded(expr, inner):
    """(hole, the text right before it, whether a fragment `#` came earlier)
    for each hole of a built string."""
    before, fragment = "", False
    for part in parts(expr, inner):
        if isinstance(part, str):
            before = (before + part)[-200:]
            fragment = fragment or "#" in part
            continue
        yield part, before, fragment
        before = ""


def query_holes(expr, inner):
    """(key, hole) for each hole that is the value of a query parameter
    (`?access_token={...}`, `&key=" + ...`), not of a fragment's (`#...`:
    never sent to a server nor in a Referer)."""
    for part, before, fragment in _preceded(expr, inner):
        found = None if fragment else _QUERY_NAME.search(before)
        if found is not None:
            yield found.group(1), part


def holes(expr, inner, anywhere=False):
    """(hole, in_query) for each hole: `in_query` when the text before it
    ends in `?key=`/`&key=`. With `anywhere` (a redirect target), every hole
    counts as part of the URL."""
    for part, before, _ in _preceded(expr, inner):
        yield part, anywhere or bool(QUERY_KEY.search(before))
