"""The cookie options a module gives as literals, for code that reads them
from Django's settings (summary `settings_values`).

Apps that keep tokens in cookies set them with options their settings
module holds (`response.set_cookie(key=settings.SIMPLE_JWT["AUTH_COOKIE"],
..., secure=settings.SIMPLE_JWT["AUTH_COOKIE_SECURE"])` with
`SIMPLE_JWT = {"AUTH_COOKIE": "access_token", "AUTH_COOKIE_SECURE": False}`,
movie-recommendation; `settings.COOKIE_REFRESH_TOKEN_NAME`). A literal
there is a literal weak value that reaches the call through the project's
own configuration (RULES.md Revision 2, "the project is the unit"):
project.model folds them into ProjectFacts.settings_values, and
engine.values reads `settings.NAME` and `settings.NAME["KEY"]` through it.

Kept, from module-level lines only (a line scan finds where each starts):
- `NAME = True | False | None | "text" | number` for a name that holds
  COOKIE (`AUTH_COOKIE_SECURE`, `COOKIE_REFRESH_TOKEN_NAME`);
- `NAME = {...}` or `NAME = dict(...)` closed at the start of a line (a
  settings dict), its entries whose key holds COOKIE with a literal value.
Any other module-level binding of such a name, or of a kept dict's name
(`NAME["KEY"] = ...`, `NAME.update(...)`, a computed value), is kept as
UNKNOWN: a deployment module that sets the option from the environment
overrides a base's literal. The framework's own settings (SESSION_COOKIE_*,
CSRF_COOKIE_*, LANGUAGE_COOKIE_*) are the settings rules' and are left out.
A library's settings dict (dj-rest-auth's REST_AUTH, Framework.settings_dict)
is kept wherever a module binds it: a dict without cookie entries as {}, one
spreading a base's in (`{**REST_AUTH, "JWT_AUTH_SECURE": True}`) as UNKNOWN,
so a deployment module giving it again makes a base's dict one the settings
disagree on (the cookie rules then leave the base's alone).
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from .constants import LinePattern

NEEDLE = "COOKIE"
UNKNOWN = "?"  # a binding whose value is not a literal kept here
_OWN_PREFIXES = ("SESSION_COOKIE", "CSRF_COOKIE", "LANGUAGE_COOKIE")
_BINDING = LinePattern(r"([A-Z][A-Z0-9_]*)[ \t]*(=(?!=)|\[|\.update\(|\+=|:)")
_MAX_BLOCK = 20000  # characters of one settings dict
_MAX_NAMES = 32
# The frameworks' own settings (a library's, Flask-JWT-Extended's JWT_COOKIE_SECURE, is a Django project's own option).
_FRAMEWORK_SETTINGS = frozenset(s.name for f in fw.FRAMEWORKS if f.extends is None for s in f.settings)
# Libraries' settings dicts (dj-rest-auth's REST_AUTH): every module-level binding of one is kept.
_LIBRARY_DICTS = frozenset(f.settings_dict.name for f in fw.FRAMEWORKS if f.settings_dict is not None)


def scan(text):
    """{name: value, UNKNOWN, or {key: value or UNKNOWN}} (see above)."""
    if NEEDLE not in text and not any(name in text for name in _LIBRARY_DICTS):
        return {}
    found = {}
    for match in _BINDING.matches(text):
        name, how = match.groups()
        if name.startswith(_OWN_PREFIXES) or name in _FRAMEWORK_SETTINGS:
            continue
        start = match.start(1)
        if how in ("=", ":"):
            value = _assigned(text, start)
            if value is None:
                continue  # no cookie option: not kept
        else:
            value = UNKNOWN  # `NAME["KEY"] = ...`, `NAME.update(...)`: a deployment module changing a base's dict
        if name in found and found[name] != value:
            value = UNKNOWN  # bound again at the module level (a later line changes it): not followed
        found[name] = value
        if len(found) >= _MAX_NAMES:
            break
    return found


def _assigned(text, start):
    """The kept value of the module-level assignment starting at `start`:
    a literal, a dict of cookie entries, UNKNOWN for another value of a
    cookie-named name, or None when nothing here concerns a cookie."""
    end = text.find("\n", start)
    line = text[start:] if end < 0 else text[start:end]
    name = line.split("=", 1)[0].split(":", 1)[0].strip()
    rest = line.split("=", 1)[1].strip() if "=" in line else ""
    if rest.startswith(("{", "dict(")):
        closing = "\n}" if rest.startswith("{") else "\n)"
        stop = text.find(closing, start)
        block = line if rest.endswith(("}", ")")) else (text[start:stop + 2] if 0 <= stop - start < _MAX_BLOCK else None)
        entries = _entries(block) if block is not None else None
        if name in _LIBRARY_DICTS and (block is None or _spreads(block)):
            return UNKNOWN  # a library's settings dict (REST_AUTH) given over a base's: `{**REST_AUTH, ...}`
        if entries:
            return entries
        if name in _LIBRARY_DICTS:
            return {}  # given again without cookie entries: another value than a base's
        return UNKNOWN if NEEDLE in name else None
    if NEEDLE not in name:
        return None
    value = _literal(_expression(line))
    return UNKNOWN if value is _NO_LITERAL else value


_NO_LITERAL = object()


def _spreads(block):
    """Whether a settings dict spreads another in (`{**BASE, ...}`,
    `dict(BASE, ...)`): what it holds is not all written here."""
    value = _expression(block)
    if value.__class__ is ast.Dict:
        return None in value.keys
    return value.__class__ is ast.Call and (bool(value.args) or any(k.arg is None for k in value.keywords))


def _expression(source):
    try:
        tree = ast.parse(source.strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if len(tree.body) != 1:
        return None
    statement = tree.body[0]
    return statement.value if statement.__class__ in (ast.Assign, ast.AnnAssign) else None


def _literal(expr):
    if expr.__class__ is ast.Constant and (expr.value is None or isinstance(expr.value, (bool, str, int, float))):
        return expr.value
    return _NO_LITERAL


def _entries(block):
    """{key: literal or UNKNOWN} of a settings dict's cookie entries."""
    value = _expression(block)
    if value.__class__ is ast.Dict:
        pairs = [(k.value, v) for k, v in zip(value.keys, value.values)
                 if k.__class__ is ast.Constant and isinstance(k.value, str)]
    elif value.__class__ is ast.Call and value.func.__class__ is ast.Name and value.func.id == "dict":
        pairs = [(k.arg, k.value) for k in value.keywords if k.arg is not None]
    else:
        return None
    found = {}
    for key, expr in pairs:
        if NEEDLE in key.upper():
            literal = _literal(expr)
            found[key] = UNKNOWN if literal is _NO_LITERAL else literal
    return found or None
