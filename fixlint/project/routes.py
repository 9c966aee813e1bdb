"""Routes registered in another module: Django's `urls.py` (`path("logout/",
views.bye)`), aiohttp's `route.py` (`app.router.add_post("/registration/",
handler=do_registration)` after `from controller import *`), a Flask app
factory's `app.add_url_rule("/login", view_func=auth.login)`. The handler
module alone never sees the path its function is served at, yet a handler
routed to a login, sign-up or logout path is one (RULES.md, Revision 2,
"Logins by what they do", "Logouts by route and behaviour").

The module that registers is read from its text (summary `routes`: each
registration call alone is parsed, as mounts.py reads mount calls); the
project model resolves each to the module defining the function
(ProjectFacts.routed_elsewhere), whose check applies it where the walk
reaches that module-level definition (analysis.handlers).
"""

from __future__ import annotations

import ast
import re
import warnings

from ..analysis import handlers
from . import import_lines, mounts

# Registration methods (`add_url_rule`, `add_get`) and the last part of the
# registration functions and classes (`path`, `re_path`, `Route`).
_METHODS = frozenset(handlers.REGISTER_METHODS)
_METHOD_CALL = re.compile(r"\.(%s)\s*\(" % "|".join(sorted(_METHODS))) if _METHODS else None
# The modules that define the registration functions (`django.urls`,
# `aiohttp.web`): a module importing none, nor from one, registers nothing
# by function.
_FUNCTION_MODULES = frozenset(q.rpartition(".")[0] for q in handlers.ROUTE_CALLS)
_PARENTS = {}  # `aiohttp` -> {"web"}: `from aiohttp import web` imports one of them
for _module in _FUNCTION_MODULES:
    _PARENTS.setdefault(_module.rpartition(".")[0], set()).add(_module.rpartition(".")[2])
_FUNCTIONS_OF = {m: sorted(q.rpartition(".")[2] for q in handlers.ROUTE_CALLS if q.rpartition(".")[0] == m)
                 for m in _FUNCTION_MODULES}


class _Imports:
    """What handlers.register_framework asks of a check's context, from a
    module's imports: whether it imports one of some packages."""

    __slots__ = ("modules",)

    def __init__(self, imports):
        self.modules = [module for level, module, _ in imports if not level and module]

    def imports(self, *packages):
        return any(m == p or m.startswith(p + ".") for m in self.modules for p in packages)


def scan(text, imports):
    """Summary `routes`: [[level, module, name, framework, path, methods,
    class_only, suffix]] for each route the module registers whose view is
    a function or class of another module, as its imports name it
    (`from . import views` then `path("logout/", views.bye)`: [1, "views",
    "bye", "django", "logout/", [], False, None]); a plain name no import
    and no definition here binds is looked for in each module the text
    star-imports. `imports`: the summary's (level, module, names)."""
    calls = []
    if _METHOD_CALL is not None and "add_" in text:
        calls += _method_calls(text)
    bound = None
    if any(not level and (module in _FUNCTION_MODULES or (module in _PARENTS and not _PARENTS[module].isdisjoint(names)))
           for level, module, names in imports):
        bound = mounts.import_bindings(text)
        calls += _function_calls(text, bound)
    if not calls:
        return []
    if bound is None:
        bound = mounts.import_bindings(text)
    context = _Imports(imports)
    stars = [(level, module) for level, module, names in imports if "*" in names]
    out = []
    for call, name in calls:
        framework = handlers.ROUTE_CALLS.get(name) if name else _register_framework(call, context)
        if framework is None:
            continue
        target, path, methods, class_only, suffix = handlers.registration_parts(
            call, framework, name.rpartition(".")[2] if name else None)
        if path is not None and not name:
            prefix = _receiver_prefix(text, call, framework)
            if prefix is not None:
                path = mounts.join(prefix, path)
        dotted = mounts.dotted(target) if target is not None else None
        if dotted is None:
            continue
        found = mounts.imported_as(dotted, bound)
        if found is not None:
            wheres = [found]
        elif "." not in dotted and stars and not _defined(dotted, text):
            wheres = [(level, module, dotted) for level, module in stars]
        else:
            continue
        entry = [framework.key, path, sorted(methods), class_only, suffix]
        for where in wheres:
            if [*where, *entry] not in out:
                out.append([*where, *entry])
    return out


def _receiver_prefix(text, call, framework):
    """The literal path prefix the receiver of `bp.add_url_rule(...)` was
    built with in this module (`bp = Blueprint("mfa", __name__,
    url_prefix="/mfa")`: pgAdmin's MFA blueprint), or None."""
    receiver = call.func.value
    keywords = framework.routing.prefix_keywords if framework.routing is not None else ()
    if receiver.__class__ is not ast.Name or not keywords:
        return None
    for match in re.finditer(r"\b%s[ \t]*=[ \t]*[\w.]+\(" % re.escape(receiver.id), text):
        start = text.index("=", match.start()) + 1
        while text[start] in " \t":
            start += 1
        built = _parsed(text, start, match.end())  # `Blueprint(...)`
        if built is None:
            continue
        for keyword in built.keywords:
            value = keyword.value
            if (keyword.arg in keywords and value.__class__ is ast.Constant and isinstance(value.value, str)
                    and value.value.strip("/")):
                return value.value
    return None


def _register_framework(call, context):
    """handlers.register_framework, and for a method several frameworks
    have (`add_route`) in a module importing none of them (aiohttp's
    route.py, given the app by its caller): the one whose calls start with
    an HTTP method when this one does (`add_route("*", "/logout", ...)`),
    else one whose calls do not."""
    frameworks = handlers.REGISTER_METHODS.get(call.func.attr, ())
    if len(frameworks) < 2 or any(context.imports(*f.packages) for f in frameworks):
        return handlers.register_framework(call, context)
    first = call.args[0] if call.args else None
    method = first.__class__ is ast.Constant and isinstance(first.value, str) and (
        first.value == "*" or first.value.upper() in _HTTP_METHODS)
    return next((f for f in frameworks if (call.func.attr in f.routing.method_first) == method), frameworks[0])


_HTTP_METHODS = frozenset(("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"))


def _method_calls(text):
    """(call, None) for each `receiver.add_url_rule(...)`-like call."""
    found = []
    for match in _METHOD_CALL.finditer(text):
        receiver = mounts.RECEIVER.search(text, max(0, match.start() - 200), match.start())
        call = _parsed(text, receiver.start(), match.end()) if receiver is not None else None
        if call is not None:
            found.append((call, None))
    return found


def _function_calls(text, bound):
    """(call, qualified name) for each call of a registration function the
    module imports by name (`from django.urls import path, re_path`) or
    through its module (`from aiohttp import web`, then `web.post(...)`)."""
    names = {}
    for local, (level, module, name) in bound.items():
        if level or not module:
            continue
        qualname = f"{module}.{name}" if name else module
        if qualname in handlers.ROUTE_CALLS:
            names[local] = qualname
        elif qualname in _FUNCTION_MODULES:  # `from aiohttp import web`, then `web.post("/login", login)`
            names.update((f"{local}.{call}", f"{qualname}.{call}") for call in _FUNCTIONS_OF[qualname])
    if not names:
        return []
    found = []
    for local, qualname in names.items():
        for at in import_lines.standalone(text, local):
            opened = _OPENED.match(text, at + len(local))
            call = _parsed(text, at, opened.end()) if opened is not None else None
            if call is not None:
                found.append((at, call, qualname))
    return [(call, qualname) for _, call, qualname in sorted(found, key=lambda entry: entry[0])]


_OPENED = re.compile(r"\s*\(")


def _parsed(text, start, opened):
    """The call written from `start` to the parenthesis closing the one
    opened just before `opened`, parsed alone; None when it is not one."""
    end = mounts.call_end(text, opened)
    if end is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call = ast.parse(text[start:end], mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return call if call.__class__ is ast.Call else None


def _defined(name, text):
    """Whether the module binds `name` itself at the start of a line (a
    def, a class, an assignment): its own, which its check registers."""
    return re.search(r"^[ \t]*(?:(?:async[ \t]+)?def|class)[ \t]+%s\b|^[ \t]*%s[ \t]*[:=]" % (name, name),
                     text, re.M) is not None
