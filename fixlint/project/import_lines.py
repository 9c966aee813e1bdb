"""The import statements of a module's text, found without parsing it: the
summary's imports (summary.scan_imports) and the local names they bind
(functions: the qualified names a function's calls resolve to) read the
same statements, top level or indented (app factories import blueprints
inside), a parenthesised list over several lines too.
"""

from __future__ import annotations

import re

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
