"""Project classes other modules' cookies and sessions depend on: response
classes that harden every cookie (summary `response_classes` and
`cookie_flag_classes`), and session classes' own lifecycle methods
(summary `session_methods`).

OctoPrint sets `app.response_class = OctoPrintFlaskResponse`, whose
`set_cookie` sets `samesite` and a computed `secure` on every cookie the
application sets: the session cookie Flask's session interface writes, the
remember-me cookie of Flask-Login, the CSRF cookie. RULES.md trusts computed
values, so those flags are set, everywhere in that application.

A module's text says both facts without a full parse: the names assigned to
a framework's `response_class_attribute` (`app.response_class = X`, or
`response_class = X` in a class body), and, for each module-level class
whose body defines `set_cookie`, the flags that method sets (that class
alone is parsed): `kwargs["secure"] = ...`, `kwargs.setdefault(...)`,
`kwargs.update(...)`, or a keyword of the `set_cookie` call it makes, each
with a value that is no literal False or None.
"""

from __future__ import annotations

import ast
import re

from .. import frameworks as fw
from ..frameworks.base import SESSION_LIFECYCLE_METHODS

_ATTRIBUTES = sorted({f.response_class_attribute for f in fw.FRAMEWORKS if f.response_class_attribute})
_ASSIGNED = re.compile(r"(?:\.|^[ \t]+)(?:%s)[ \t]*(?::[^=\n]*)?=[ \t]*([A-Za-z_][\w.]*)[ \t]*(?:#[^\n]*)?$"
                       % "|".join(map(re.escape, _ATTRIBUTES)), re.MULTILINE) if _ATTRIBUTES else None
_CLASS_LINE = re.compile(r"^class[ \t]+(\w+)", re.MULTILINE)
_NEXT_TOP_LINE = re.compile(r"\n[^\s)\]}#]")
FLAGS = ("secure", "httponly", "samesite")
_SETTER = "set_cookie"


def assigned(text):
    """The names (as written: `HardenedResponse`, `wrappers.Hardened`)
    assigned to a response class attribute."""
    if _ASSIGNED is None or not any(attribute in text for attribute in _ATTRIBUTES):
        return []
    return sorted(set(_ASSIGNED.findall(text)))


def flag_classes(text):
    """{class name: the flags its set_cookie sets} for the module-level
    classes that define one."""
    found = {}
    for node in classes_defining(text, (_SETTER,)):
        flags = _class_flags(node)
        if flags:
            found[node.name] = sorted(flags)
    return found


def classes_defining(text, methods):
    """The module-level ClassDefs whose text defines one of `methods`
    (`def regenerate`), each parsed alone: a class that does not parse
    alone (a column-0 line inside a string) is skipped."""
    needles = tuple(f"def {method}" for method in methods)
    if not any(needle in text for needle in needles):
        return []
    found = []
    for match in _CLASS_LINE.finditer(text):
        end = _NEXT_TOP_LINE.search(text, match.end())
        chunk = text[match.start():end.start() + 1 if end is not None else len(text)]
        if not any(needle in chunk for needle in needles):
            continue
        try:
            tree = ast.parse(chunk)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        found.extend(node for node in tree.body if node.__class__ is ast.ClassDef)
    return found


def session_methods(text):
    """The session lifecycle methods (`regenerate`, `invalidate`...) the
    module's own session classes define: classes named for sessions or
    deriving from one (`class CacheSession(CallbackDict, SessionMixin)`),
    as analysis.lifecycle reads them in the module itself. A project
    session interface in `sessions.py` makes `session.regenerate()` in
    `auth.py` a real regeneration."""
    if "ession" not in text:
        return []
    found = set()
    for node in classes_defining(text, _LIFECYCLE_METHODS):
        names = [node.name] + [_last_name(base) for base in node.bases]
        if any(name and "session" in name.lower() for name in names):
            found.update(stmt.name for stmt in node.body
                         if stmt.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)
                         and stmt.name in _LIFECYCLE_METHODS)
    return sorted(found)


_LIFECYCLE_METHODS = tuple(sorted(SESSION_LIFECYCLE_METHODS))


def _last_name(expr):
    return expr.id if expr.__class__ is ast.Name else (expr.attr if expr.__class__ is ast.Attribute else None)


def _class_flags(cls):
    flags = set()
    for method in cls.body:
        if method.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef) or method.name != _SETTER:
            continue
        extra = method.args.kwarg.arg if method.args.kwarg is not None else None
        for node in ast.walk(method):
            if node.__class__ is ast.Assign and extra is not None:
                for target in node.targets:
                    if (target.__class__ is ast.Subscript and _is_name(target.value, extra)
                            and _sets(node.value)):
                        flags.update(_flag_keys([target.slice]))
            elif node.__class__ is ast.Call and node.func.__class__ is ast.Attribute:
                func = node.func
                if extra is not None and _is_name(func.value, extra) and func.attr == "setdefault" and node.args:
                    if len(node.args) > 1 and _sets(node.args[1]):
                        flags.update(_flag_keys(node.args[:1]))
                elif extra is not None and _is_name(func.value, extra) and func.attr == "update":
                    flags.update(k.arg for k in node.keywords if k.arg in FLAGS and _sets(k.value))
                    for arg in node.args:
                        if arg.__class__ is ast.Dict:
                            flags.update(_flag_keys([k for k, v in zip(arg.keys, arg.values)
                                                     if k is not None and _sets(v)]))
                elif func.attr == _SETTER:
                    flags.update(k.arg for k in node.keywords if k.arg in FLAGS and _sets(k.value))
    return flags


def _is_name(expr, name):
    return expr.__class__ is ast.Name and expr.id == name


def _flag_keys(keys):
    return [k.value for k in keys if k.__class__ is ast.Constant and k.value in FLAGS]


def _sets(value):
    """A value that sets the flag: anything but a literal False, None or
    an empty string (computed values are trusted)."""
    return not (value.__class__ is ast.Constant and value.value in (False, None, ""))
