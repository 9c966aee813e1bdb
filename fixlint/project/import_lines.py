"""The import statements of a module's text, found without parsing it: the
summary's imports (summary.scan_imports) and the local names they bind
(functions: the qualified names a function's calls resolve to) read the
same statements, top level or indented (app factories import blueprints
inside), a parenthesised list over several lines too.
"""

from __future__ import annotations

import re
import sys

from .. import frameworks as fw

# A list of names runs to the line's end, a comment or a semicolon, over
# backslash-continued lines (`from flask import request, \` then `session`).
_REST = r"(?:[^\n#;\\]|\\[ \t]*\r?\n|\\)*"
# A parenthesised list may hold comments, brackets in them too (`SECRET_KEY,
# # 32-64 bytes (hex)`): a comment runs to its line's end.
_IMPORT = re.compile(r"[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)#]*(?:#[^\n]*[^)#]*)*\)|%s)|import[ \t]+(%s))"
                     % (_REST, _REST))
_COMMENT = re.compile(r"#[^\n]*")
NAME = re.compile(r"[A-Za-z_][\w.]*")
_AS = re.compile(r"\s+as\s+")


def statements(text):
    """[(dots, module, names, plain)] of the text's import statements: `from
    ..pkg import (a, b as c)` gives ("..", "pkg", "(a, b as c)", None),
    `import os, x.y as z` gives (None, None, None, "os, x.y as z"). The
    summary's imports and the function profiles' bindings read the same
    text in turn: the last text's statements are kept."""
    global _last
    if _last[0] is text:
        return _last[1]
    found, starts = [], set()
    word = text.find("import")
    while word != -1:  # from each `import` back to its line's start: most lines have none
        start = text.rfind("\n", 0, word) + 1
        word = text.find("import", word + 6)
        if start in starts:
            continue
        starts.add(start)
        match = _IMPORT.match(text, start)
        if match is not None:
            found.append(match.groups())
    _last = (text, found)
    return found


_last = (None, [])


def parts(listed):
    """[(name, as-name or None)] of an import's list of names
    (`(a, b as c)`, `x.y as z, os`), as written."""
    found = []
    if "#" in listed:
        listed = _COMMENT.sub("", listed)
    for part in listed.strip("() \t\n").replace("\\", "").split(","):
        part = part.strip()
        pieces = _AS.split(part, maxsplit=1) if "as" in part else ()  # most names are not renamed
        found.append((pieces[0].strip(), pieces[1].strip()) if len(pieces) == 2 else (part, None))
    return found


def bindings(text):
    """{local name: qualified name} that the text's absolute imports bind,
    as the interpreter binds them (functions._aliases reads the same from
    a tree): `import a.b` binds `a`, `import a.b as c` binds `c` to
    `a.b`, `from m import n as k` binds `k` to `m.n` (and not `n`)."""
    names = {}
    for dots, module, listed, plain in statements(text):
        if plain is not None:
            for name, alias in parts(plain):
                if not NAME.fullmatch(name):
                    continue
                if alias:
                    if alias.isidentifier():
                        names[alias] = name
                else:
                    root = name.partition(".")[0]
                    names[root] = root
            continue
        if dots or not module:
            continue
        for name, alias in parts(listed):
            if name.isidentifier() and (alias is None or alias.isidentifier()):
                names[alias or name] = f"{module}.{name}"
    return names


def renamed(text):
    """[[module, name, local name]] of the text's absolute `from` imports
    that bind a name under another (`from flask import session as s`)."""
    found = []
    for dots, module, listed, plain in statements(text):
        if plain is not None or dots or not module or "as" not in listed:
            continue
        for name, alias in parts(listed):
            if alias and alias != name and name.isidentifier() and alias.isidentifier():
                found.append([module, name, alias])
    return found


def called(text):
    """What the text calls of what its imports bind, for the project model
    (model.Project._exported: a helper no module calls is judged at home):
    a name imported `from m import guard` (or `as g`) that is called,
    `guard(...)`, gives "guard"; the functions called through an imported
    module, `from app import auth` then `auth.guard(...)`, give
    "auth.guard", and `import app.auth` (or `as a`) then
    `app.auth.guard(...)` gives "app.auth.guard". A name passed rather than
    called (`app.before_request(auth.gate)`, `Route("/", page)`) is not
    called. A class imported by name gives the methods called through it
    ("AuthController.login", _class_uses). Not looked for, and taken as
    called by the model (`scanned`): the class itself and what its
    instances call, `_`, and what the standard library and the web
    frameworks bind (UNSCANNED)."""
    found = set()
    for dots, module, listed, plain in statements(text):
        if plain is not None:
            for name, alias in parts(plain):
                if NAME.fullmatch(name) and scanned(0, name, name):
                    # `import app.auth` binds `app`: its calls of `app.auth.<function>(...)`
                    local, rest = (alias, "") if alias else name.partition(".")[::2]
                    if local.isidentifier():
                        _uses(text, local, name, rest, found)
            continue
        for name, alias in parts(listed):
            local = alias or name
            if local.isidentifier() and scanned(len(dots), module, name):
                _uses(text, local, name, "", found)
            elif local.isidentifier() and name[:1].isupper() and scanned(len(dots), module, name.lower()):
                _class_uses(text, local, name, found)
    return sorted(found)


def _class_uses(text, local, name, found):
    """Add to `found` the methods called on a class imported by name
    (`AuthController.login(...)` gives "AuthController.login"), and
    "AuthController.*" for an instance made (`AuthController().login()`
    may call any): the model reads a class or static method's profile as
    called only so (model._exported); a class passed
    (`bp.route("/login")(AuthController.login)`) calls none."""
    size = len(local)
    for at in standalone(text, local):
        use = _USE.match(text, at + size)
        if use is None:
            continue
        if use.group(2) is not None:
            found.add(f"{name}.{use.group(2).split('.')[1].strip()}")
        else:  # `AuthController()`: an instance, whose calls of any method (`.login()`) the text may make
            found.add(f"{name}.*")


def _uses(text, local, name, rest, found):
    """Add to `found` the calls that use `local` (bound to `name`, `rest`
    the part of a dotted module name it stands before): `name` when it is
    called, `name.function` for each function called through it. A name
    called is a function: its first call ends the search."""
    size = len(local)
    prefix = rest.split(".") if rest else []
    for at in standalone(text, local):
        use = _USE.match(text, at + size)
        if use is not None:
            chain = use.group(2)
            if chain is None:
                if not rest:
                    found.add(name)
                    return
            else:
                attrs = [a.strip() for a in chain.split(".")[1:]]
                if attrs[:len(prefix)] == prefix and len(attrs) > len(prefix):
                    found.add(f"{name}.{attrs[len(prefix)]}")


def standalone(text, name):
    """The offsets where `name` stands in `text` on its own: no letter,
    digit, `_` or `.` before it (not a longer name's end, not an
    attribute). Found with str.find, which is faster on a long module
    than a regular expression with a look-behind."""
    size = len(name)
    at = text.find(name)
    while at != -1:
        if not at or (text[at - 1] not in _WORD and text[at - 1] != "."):
            yield at
        at = text.find(name, at + size)


def scanned(level, module, name):
    """Whether `called` looks for the uses of `name` imported from `module`."""
    return (level or module.partition(".")[0] not in UNSCANNED) and name != "_" and not name[:1].isupper()


# The modules whose imported names `called` does not look for: no project
# helper is imported from the standard library or a web framework.
UNSCANNED = frozenset(getattr(sys, "stdlib_module_names", ())) | frozenset(
    p.partition(".")[0] for f in fw.FRAMEWORKS for p in f.packages)


_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# What follows a name a call uses: its parenthesis (group 1), or attributes up to one (group 2).
_USE = re.compile(r"[ \t]*(\()|((?:[ \t]*\.[ \t]*\w+)+)[ \t]*\(")
