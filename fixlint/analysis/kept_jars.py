"""Cookie jars a request handler keeps in an attribute.

The http.server course template parses the request's cookies in one method
and uses them in others:

    def load_cookie(self):
        if "Cookie" in self.headers:
            self.cookie = cookies.SimpleCookie(self.headers["Cookie"])
        else:
            self.cookie = cookies.SimpleCookie()

    def load_session(self):
        self.load_cookie()
        sid = self.cookie["sessionId"].value        # the request's cookie
        ...
        self.cookie["sessionId"] = new_id           # a morsel to send

`self.cookie` is then a SimpleCookie in every method of the class (the
cookie rules' jar: cookies.SelfJar), and the request's cookies where
every assignment parses the request's Cookie header or starts an empty jar
(origins: a cookie read). What each method assigns is read on its own
statements, a local alias included (`jar = SimpleCookie(); jar.load(...);
self.cookie = jar`), once per class and attribute.
"""

from __future__ import annotations

import ast

from ..engine.nodes import walk
from ..frameworks import stdlib

FROM_REQUEST = "request"  # SimpleCookie of the request's Cookie header, or an empty jar loaded with it
JAR = "jar"  # another SimpleCookie (an empty one, one of a literal)
OTHER = "other"  # anything else

_COOKIE_HEADER_KEYS = frozenset(("cookie", "http_cookie"))
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_JAR_ROOTS = frozenset(qualname.partition(".")[0] for qualname in stdlib.SIMPLE_COOKIE)


def cookie_header(expr):
    """`headers["Cookie"]`, `self.headers.get("Cookie", "")`,
    `environ.get("HTTP_COOKIE")`, `os.environ["HTTP_COOKIE"]`: the request's
    Cookie header, read by its literal name from any mapping."""
    if expr.__class__ is ast.Subscript:
        key = expr.slice
    elif expr.__class__ is ast.Call and expr.func.__class__ is ast.Attribute and expr.func.attr == "get" and expr.args:
        key = expr.args[0]
    else:
        return False
    return key.__class__ is ast.Constant and isinstance(key.value, str) and key.value.lower() in _COOKIE_HEADER_KEYS


def kept_jar(ctx, attr):
    """The kinds (FROM_REQUEST, JAR, OTHER) of what the methods of the class being
    walked assign to `self.<attr>`; empty outside a class or when none
    does."""
    if not ctx.imports_root(_JAR_ROOTS):
        return frozenset()  # no module a SimpleCookie comes from
    cls = ctx.enclosing_class()
    if cls is None:
        return frozenset()
    key = (kept_jar, cls)
    found = ctx.kept.get(key)
    if found is None:
        found = ctx.kept[key] = _assigned_kinds(ctx, cls)
    return found.get(attr, frozenset())


def _assigned_kinds(ctx, cls):
    """{attribute: the kinds of what the methods of `cls` assign to
    `self.<attribute>`}, in one pass over each method."""
    kinds = {}
    for method in cls.body:
        if method.__class__ not in _FUNCTIONS:
            continue
        assigned, loaded, given = {}, set(), []  # local name -> its values; names `.load(header)` is called on
        for node in walk(method):
            cls_ = node.__class__
            if cls_ is ast.Assign:
                targets, value = node.targets, node.value
            elif cls_ is ast.AnnAssign or cls_ is ast.AugAssign:
                targets, value = (node.target,), node.value
            else:
                if (cls_ is ast.Call and node.func.__class__ is ast.Attribute and node.func.attr == "load"
                        and node.args and cookie_header(node.args[0])):
                    loaded.add(ast.unparse(node.func.value))
                continue
            for target in targets:
                if target.__class__ is ast.Name and cls_ is ast.Assign:
                    assigned.setdefault(target.id, []).append(value)
                elif (target.__class__ is ast.Attribute and target.value.__class__ is ast.Name
                      and target.value.id == "self"):
                    given.append((target, value))
        for target, value in given:
            kinds.setdefault(target.attr, set()).add(_kind(ctx, value, assigned, loaded, ast.unparse(target)))
    return {attr: frozenset(found) for attr, found in kinds.items()}


def _kind(ctx, value, assigned, loaded, spelled):
    """The kind of `value` assigned to what `spelled` spells (unparsed)
    in a method whose locals hold `assigned`, `.load(header)` called on the
    spellings in `loaded`."""
    if value.__class__ is ast.Name:
        given = assigned.get(value.id, ())
        if len(given) != 1:
            return OTHER
        kind = _kind(ctx, given[0], assigned if given[0].__class__ is ast.Call else {}, loaded, value.id)
        return FROM_REQUEST if kind == JAR and value.id in loaded else kind
    if value.__class__ is not ast.Call or ctx.qualname(value.func) not in stdlib.SIMPLE_COOKIE:
        return OTHER
    if value.args and cookie_header(value.args[0]):
        return FROM_REQUEST
    if value.args and value.args[0].__class__ is ast.Name and any(
            cookie_header(each) for each in assigned.get(value.args[0].id, ())):
        return FROM_REQUEST  # `raw = self.headers.get("Cookie")`, then `SimpleCookie(raw)`
    return FROM_REQUEST if spelled in loaded else JAR
