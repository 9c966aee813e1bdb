"""Routers and blueprints mounted under a path prefix (Routing.mount_methods):
`api_router.include_router(agents.router, prefix="/agents")` makes
`@router.get("/sessions/{session_id}")` in agents.py serve
/agents/sessions/{session_id}, and `app.include_router(api_router,
prefix="/api/v2")` beside it puts /api/v2 in front of that.

The same reading serves the module being checked (analysis.handlers, from
its tree: a router mounted where it is defined) and the project model
(summary `mounts`, from the text of the module that mounts another
module's router: the router, by the import that names it, and its full
prefixes; ProjectFacts.mount_prefixes).
"""

from __future__ import annotations

import ast
import re
import warnings

from .. import frameworks as fw
from . import import_lines

# Mount method -> the keywords naming its prefix.
MOUNT_METHODS = {method: f.routing.prefix_keywords for f in fw.ROUTING_FRAMEWORKS for method in f.routing.mount_methods}
_MOUNT_CALL = re.compile(r"\.(%s)\s*\(" % "|".join(sorted(MOUNT_METHODS))) if MOUNT_METHODS else None
RECEIVER = re.compile(r"[A-Za-z_][\w.]*$")
_DEPTH = 4  # routers mounted in routers mounted in ..., followed that far in one module


def dotted(expr):
    """`agents.router` as written, for a name or a chain of attributes; else None."""
    parts = []
    while expr.__class__ is ast.Attribute:
        parts.append(expr.attr)
        expr = expr.value
    if expr.__class__ is not ast.Name:
        return None
    parts.append(expr.id)
    return ".".join(reversed(parts))


def mounted(call):
    """(receiver, mounted object, prefix), both as dotted names, of a mount
    call with a literal prefix (`app.include_router(router, prefix="/agents")`);
    None for any other call."""
    if call.__class__ is not ast.Call or call.func.__class__ is not ast.Attribute or not call.args:
        return None
    keywords = MOUNT_METHODS.get(call.func.attr)
    if keywords is None:
        return None
    for keyword in call.keywords:
        value = keyword.value
        if (keyword.arg in keywords and value.__class__ is ast.Constant and isinstance(value.value, str)
                and value.value.strip("/")):
            receiver, target = dotted(call.func.value), dotted(call.args[0])
            if receiver is None or target is None:
                return None
            return receiver, target, value.value
    return None


def join(prefix, path):
    """A route path under a prefix: `/agents` and `/sessions/{id}` give `/agents/sessions/{id}`."""
    return prefix.rstrip("/") + "/" + (path or "").lstrip("/")


def full_prefixes(mounts):
    """{mounted object: [its full prefixes]} from (receiver, mounted, prefix)
    triples of one module: a receiver mounted there itself puts its own
    prefixes in front (`app.include_router(api_router, prefix="/api/v2")`)."""
    direct = {}
    for receiver, target, prefix in mounts:
        direct.setdefault(target, []).append((receiver, prefix))

    def full(name, depth):
        out = []
        for receiver, prefix in direct.get(name, ()):
            above = full(receiver, depth + 1) if depth < _DEPTH and receiver in direct else [""]
            out += [join(first, prefix) for first in above]
        return out

    return {name: list(dict.fromkeys(full(name, 0))) for name in direct}


def scan(text):
    """Summary `mounts`: [[level, module, name, prefix]] for each router or
    blueprint the module mounts that it imports from another module
    (`from core.web.apiv2 import agents` then `include_router(agents.router,
    prefix="/agents")`: [0, "core.web.apiv2.agents", "router", "/agents"]),
    with its full prefix in this module. Read from the text: each mount
    call alone is parsed."""
    if _MOUNT_CALL is None or not any(method in text for method in MOUNT_METHODS):
        return []
    calls = []
    for match in _MOUNT_CALL.finditer(text):
        receiver = RECEIVER.search(text, max(0, match.start() - 200), match.start())
        end = call_end(text, match.end())
        if receiver is None or end is None:
            continue
        snippet = text[receiver.start():end]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                call = ast.parse(snippet, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        found = mounted(call)
        if found is not None:
            calls.append(found)
    if not calls:
        return []
    bound = import_bindings(text)
    out = []
    for target, prefixes in full_prefixes(calls).items():
        where = imported_as(target, bound)
        if where is not None:
            out += [[*where, prefix] for prefix in prefixes]
    return out


def call_end(text, start):
    """The index after the parenthesis closing the one opened before `start`;
    strings are skipped."""
    depth, at, quote, size = 1, start, None, len(text)
    while at < size:
        char = text[at]
        if quote is not None:
            if char == "\\":
                at += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            newline = text.find("\n", at)
            at = size if newline == -1 else newline
            continue
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    return None


def import_bindings(text):
    """name -> (level, module, imported name): what each name a module's
    imports bind stands for (`import a.b` binds `a` to (0, None, None), a
    package whose modules are named in full where it is used)."""
    bound = {}
    for dots, module, names, plain in import_lines.statements(text):
        if plain is not None:
            for name, alias in import_lines.parts(plain):
                if alias:
                    bound[alias] = (0, name, None)
                else:
                    bound[name.partition(".")[0]] = (0, None, None)
            continue
        for name, alias in import_lines.parts(names):
            if name != "*":
                bound[alias or name] = (len(dots or ""), module or "", name)
    return bound


def imported_as(target, bound):
    """(level, module, name) of the mounted object `target` as the module's
    imports name it: `agents.router` after `from pkg import agents` is
    `router` of module `pkg.agents`; `router` after `from .agents import
    router` is `router` of `.agents`. None for the module's own objects."""
    parts = target.split(".")
    entry = bound.get(parts[0])
    if entry is None:
        return None
    level, module, name = entry
    if module is None:  # import pkg.agents; pkg.agents.router
        return (0, ".".join(parts[:-1]), parts[-1]) if len(parts) > 1 else None
    if name is None:  # import pkg.agents as agents; agents.router
        return (0, ".".join([module, *parts[1:-1]]), parts[-1]) if len(parts) > 1 else None
    if len(parts) == 1:
        return level, module, name
    return level, ".".join(p for p in (module, name, *parts[1:-1]) if p), parts[-1]
