"""The string constants a module gives its importers (summary `constants`).

Real applications keep cookie names, session keys and parameter names in a
`consts.py` or `settings.py` and import them (`from app.consts import
RESPONSE_FORMAT`): RULES.md, Revision 2, "follow the project's own
imports". A module-level line `NAME = "text"` (or `NAME: Final = 'text'`)
gives NAME that value for every module that imports it, as a constant
defined in the module itself would (engine.values folds both).

Only what a line scan can tell for sure is kept: a one-line string literal
without prefix, at the start of a line (the module level: an indented line
belongs to a block), bound nowhere else in the module (no second
assignment, augmented assignment, `global NAME`, `def`/`class`/`import ...
as`/`for`/`with ... as` of that name, no unpacking into it). Booleans are
left alone: `secure=not DEBUG` with an imported `DEBUG = True` is
configuration RULES.md trusts, not a literal weak value.

`numbers` keeps apart the module-level names bound to a number written as
literal arithmetic (`MAX_AGE = 3600 * 24 * 365`, `WEEK = 7 * DAY` after
`DAY = 86400` in the same module): engine.values folds them only where it
reads a lifetime or an expiry (`max_age=MAX_AGE` imported from settings.py,
pychess-variants' session storage), never as a flag (`secure=not DEBUG`
with `DEBUG = 1`).

`env_defaults` keeps apart the names a module-level line sets from the
environment with a literal default (`COOKIE_NAME = os.getenv("COOKIE_NAME",
"session")`, `os.environ.get(...)`): the default is what the name holds
wherever the deployment sets nothing, and it is read only where the name
names a cookie (analysis.cookies.cookie_name); engine.values never folds it
(a default `SECRET_KEY` is no key written in the code).
"""

from __future__ import annotations

import ast
import re

from ..engine import values

_LIMIT = 64  # constants kept per module


class LinePattern:
    """A pattern matched at the start of a text's lines: at the very start,
    and after each line break, the literal the regex engine skips to (a
    MULTILINE `^` is tried at every character)."""

    __slots__ = ("_first", "_line")

    def __init__(self, pattern):
        self._first = re.compile(pattern)
        self._line = re.compile(r"\n" + pattern)

    def matches(self, text):
        first = self._first.match(text)
        found = [first] if first is not None else []
        found.extend(self._line.finditer(text))
        return found


# A one-line string literal without prefix.
_STRING = r"(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')"
# A line that binds a module-level name, with an optional annotation, to a
# plain one-line string literal (group 2: scan) or to literal arithmetic
# (group 3: numbers, which keeps only names in capitals, `MAX_AGE`: a
# module's `x = 1` is no setting, and an edit of one leaves the summary
# alone): digits, the names of numbers found above it, operators and
# parentheses, at least one digit; folded by _fold_number, which takes
# only what it can tell. Found after a line break (the regex engine skips
# from one to the next), and at the very start of the text; one pass over
# the lines for both (_assignments).
_ASSIGNED = LinePattern(r"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:(%s)|(?=[^\n#]*\d)([-+*/%%()\w. \t]*[\w)]))"
                        r"[ \t]*(?=#|\r?\n|$)" % _STRING)
_CAPITALS = re.compile(r"[A-Z_][A-Z0-9_]*")


def _assignments(text):
    """The _ASSIGNED matches of the text: scan and numbers read the same
    text in turn, so the last text's are kept."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    found = _ASSIGNED.matches(text)
    _last = (text, found)
    return found


_last = (None, [])


def scan(text):
    """{name: value} for the module's string constants (see above)."""
    found = {}
    for match in _assignments(text):
        name, literal, number = match.groups()
        if number is not None:
            continue
        if name in found or _in_string(text, match.start(1)):
            found[name] = None  # assigned twice, or a line of a docstring
            continue
        if "\\" not in literal:
            found[name] = literal[1:-1]  # no escape: the text between the quotes
            continue
        try:
            found[name] = ast.literal_eval(literal)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            found[name] = None
    candidates = [name for name, value in found.items() if isinstance(value, str)][:_LIMIT]
    if not candidates:
        return {}
    bound = _bindings(text, candidates)
    return {name: found[name] for name in candidates if bound.get(name) == 1}


_NUMBER_SIZE = 80  # characters of one value: real constants take a few


def numbers(text):
    """{name: number} for the module-level names bound once to literal
    arithmetic (see above): an int or a finite float, never a bool."""
    found = {}
    for match in _assignments(text):
        name, _, written = match.groups()
        if written is None or not _CAPITALS.fullmatch(name):
            continue
        if name in found or len(written) > _NUMBER_SIZE or _in_string(text, match.start(1)):
            found[name] = None
            continue
        found[name] = _fold_number(written, found)
        if len(found) > _LIMIT:
            break
    candidates = [name for name, value in found.items() if value is not None][:_LIMIT]
    if not candidates:
        return {}
    bound = _bindings(text, candidates)
    return {name: found[name] for name in candidates if bound.get(name) == 1}


def _fold_number(written, known):
    """The number `written` folds to, with the numbers `known` by name;
    else None."""
    try:
        expr = ast.parse(written.strip(), mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    value = values.evaluate(expr, _Known(known))
    if value.__class__ not in (int, float) or value != value or value in (float("inf"), float("-inf")):
        return None
    return value


class _Known:
    """What engine.values asks of a context, answered from the numbers of
    the module found so far: a name is its number, anything else unknown
    (an attribute, a call)."""

    project = None

    def __init__(self, known):
        self._known = known

    def value_of(self, expr):
        value = self._known.get(expr.id)
        return ast.Constant(value) if value is not None else expr

    def qualname(self, expr):
        return None


# `NAME = os.getenv("X", "default")`, `os.environ.get(...)`, or `getenv(...)`
# / `environ.get(...)` imported from os: both arguments one-line literals
# (stdlib.ENV_READERS).
_ENV_ASSIGNED = re.compile(
    r"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(os\.)?(?:getenv|environ\.get)\([ \t]*%s[ \t]*,[ \t]*"
    r"(?:default[ \t]*=[ \t]*)?(%s)[ \t]*\)[ \t]*(?=#|\r?\n|$)" % (_STRING, _STRING))
_ENV_CALLS = ("getenv(", "environ.get(")


def env_defaults(text, imports):
    """{name: default} for the module's names set from the environment with
    a string default (see above), each bound once in the module; `imports`
    are the module's (summary.scan_imports): `os.getenv` needs `import os`,
    a bare `getenv` a `from os import`. Only the lines holding such a call
    are matched, from their start."""
    whole = named = False  # `import os` (or `import os.path`), `from os import ...`
    for level, module, names in imports:
        if not level and module.partition(".")[0] == "os":
            whole, named = whole or not names, named or (bool(names) and module == "os")
    if not (whole or named):
        return {}  # most modules
    found = {}
    for call in _ENV_CALLS:
        at = text.find(call)
        while at != -1 and len(found) <= _LIMIT:
            start = text.rfind("\n", 0, at) + 1
            at = text.find(call, at + len(call))
            match = _ENV_ASSIGNED.match(text, start)
            if match is None:
                continue
            name, prefixed, literal = match.groups()
            if name in found or _in_string(text, start) or not (whole if prefixed else named):
                found[name] = None
                continue
            try:
                value = ast.literal_eval(literal)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                value = None
            found[name] = value if isinstance(value, str) else None
    candidates = [name for name, value in found.items() if value is not None]
    if not candidates:
        return {}
    bound = _bindings(text, candidates)
    return {name: found[name] for name in candidates if bound.get(name) == 1}


def _in_string(text, at):
    """Whether `at` lies inside a triple-quoted string (an odd number of
    triple quotes above it: a doubt, as in a docstring's example)."""
    return (text.count('"""', 0, at) + text.count("'''", 0, at)) % 2 == 1


_ASSIGNS_AFTER = re.compile(r"[ \t]*(?::[^=\n]*)?(?:[-+*/%&|^@<>]*=(?!=)|:=)")
_BINDS_BEFORE = re.compile(r"\b(?:def|class|as|global|nonlocal|for|import|del)[ \t]+(?:[\w \t]*,[ \t]*)*$")
_ASSIGNMENT = re.compile(r"(?<![=!<>])=(?!=)")


def _unpacks_into(text, line_start, line_end, end):
    """Whether the line may unpack into the name ending at `end` (`A, NAME
    = ...`): its first `=` comes after the name. One before it is another
    target's or a keyword argument's (`set_cookie(key=NAME, value=v)`)."""
    first = _ASSIGNMENT.search(text, line_start, line_end)
    return first is not None and first.start() >= end


def _in_call(before):
    """Whether the text of a line before a name leaves a call's parenthesis
    open (`response.set_cookie(NAME, value, httponly=True)`): the name is an
    argument, and a `=` after it a keyword's, not an unpacking's."""
    depth = 0
    for at in range(len(before) - 1, -1, -1):
        char = before[at]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                callee = before[:at].rstrip()
                return bool(callee) and (callee[-1].isalnum() or callee[-1] in "_)]")
            depth -= 1
    return False


def _bindings(text, names):
    """{name: how many times the module binds it}, for `names`; a doubt
    counts as a binding: a keyword argument `f(NAME=1)`, a comparison
    `NAME <= x`, a name in a line that unpacks. Each name is looked for on
    its own, with str.find (one alternation of them all would be tried at
    every position of the text)."""
    counts = {}
    for name in names:
        count, size, at = 0, len(name), text.find(name)
        while at != -1:
            end = at + size
            if (at and (text[at - 1].isalnum() or text[at - 1] in "_.")) or (
                    end < len(text) and (text[end].isalnum() or text[end] == "_")):
                at = text.find(name, end)
                continue  # another identifier (`MY_NAME`, `NAME_2`) or an attribute (`x.NAME`)
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", end)
            if line_end == -1:
                line_end = len(text)
            before, after = text[line_start:at], text[end:line_end]
            if (_ASSIGNS_AFTER.match(after) or _BINDS_BEFORE.search(before)
                    or ((before.rstrip().endswith(",") or after.lstrip().startswith(","))
                        and not _in_call(before) and _unpacks_into(text, line_start, line_end, end))):
                count += 1
            at = text.find(name, end)
        counts[name] = count
    return counts
