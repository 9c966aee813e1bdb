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
from functools import lru_cache

from .. import frameworks as fw
from ..analysis.base import name_pattern
from ..frameworks.base import MAPPING_METHODS, SESSION_LIFECYCLE_METHODS
from ..engine.nodes import branches
from .functions import NEXT_TOP_LINE, top_level_functions

_ATTRIBUTES = sorted({f.response_class_attribute for f in fw.FRAMEWORKS if f.response_class_attribute})
_ASSIGNED = re.compile(r"(?:\.|^[ \t]+)(?:%s)[ \t]*(?::[^=\n]*)?=[ \t]*([A-Za-z_][\w.]*)[ \t]*(?:#[^\n]*)?$"
                       % "|".join(map(re.escape, _ATTRIBUTES)), re.MULTILINE) if _ATTRIBUTES else None
# `app.session_interface = ConfSessionInterface(...)`, or in a class body:
# the class an interface is built from.
_INTERFACE_ATTRIBUTES = sorted({f.session_interface_attribute for f in fw.FRAMEWORKS if f.session_interface_attribute})
_INTERFACE_ASSIGNED = re.compile(r"(?:\.|^[ \t]+)(?:%s)[ \t]*(?::[^=\n]*)?=[ \t]*([A-Za-z_][\w.]*)[ \t]*\("
                                 % "|".join(map(re.escape, _INTERFACE_ATTRIBUTES)), re.MULTILINE) \
    if _INTERFACE_ATTRIBUTES else None
_GETTERS = {}
for _framework in fw.FRAMEWORKS:
    _GETTERS.update(_framework.session_cookie_getters)
_CLASS_LINE = re.compile(r"^class[ \t]+(\w+)", re.MULTILINE)
FLAGS = ("secure", "httponly", "samesite")
_SETTER = "set_cookie"


# The packages whose apps have a response class attribute: only a module
# importing one of them assigns it (`from flask import Flask`).
PACKAGES = frozenset(p for f in fw.FRAMEWORKS if f.response_class_attribute for p in f.packages)


def assigned(text, probe=None):
    """The names (as written: `HardenedResponse`, `wrappers.Hardened`)
    assigned to a response class attribute. `probe`: the text's
    needles.Probe, when the caller keeps one."""
    has = probe.has if probe is not None else text.__contains__
    if _ASSIGNED is None or not any(has(attribute) for attribute in _ATTRIBUTES):
        return []
    return sorted(set(_ASSIGNED.findall(text)))


def interfaces(text, probe=None):
    """The classes (as written) whose instance a module assigns to an app's
    session interface attribute."""
    has = probe.has if probe is not None else text.__contains__
    if _INTERFACE_ASSIGNED is None or not any(has(attribute) for attribute in _INTERFACE_ATTRIBUTES):
        return []
    return sorted(set(_INTERFACE_ASSIGNED.findall(text)))


def getter_classes(text, probe=None):
    """{class name: the session cookie flags its own getters answer}
    (`def get_cookie_secure(self, app): return request.is_secure`): a
    getter returning anything but a literal False, None or "" sets it."""
    if not _GETTERS or (probe is not None and not probe.has("def get_cookie_")):
        return {}
    found = {}
    for name, chunk in _class_chunks(text, "def get_cookie_"):
        flags = set()
        for method in _methods(chunk, tuple(_GETTERS)):
            returns = [node.value for node in branches(method) if node.__class__ is ast.Return]
            if returns and all(value is not None and _sets(value) for value in returns):
                flags.add(_GETTERS[method.name])
        if flags:
            found[name] = sorted(flags)
    return found


def keyed_interfaces(text, probe=None):
    """The module-level session interface classes (deriving from a class
    named like a framework's Framework.session_interface_base) that keep
    sessions under an id the request's cookie carries: the class reads a
    cookie (`request.cookies.get(...)`) and names a session id (`sid`,
    `session_id`). A signed-cookie interface holds the data in the cookie
    and names no id. With them, the module-level functions that return an
    instance of one (a factory the app calls)."""
    has = probe.has if probe is not None else text.__contains__
    if _INTERFACE_CLASS is None or not any(has(base) for base in _INTERFACE_BASES) or not has("cookies"):
        return []
    found = []
    for match, chunk in _classes(text):
        if (_INTERFACE_CLASS.match(chunk) is not None and "cookies" in chunk
                and any(pattern.search(chunk) is not None for pattern in _ID_WORDS)):
            found.append(match.group(1))
    if found and "def " in text:
        # A module-level factory returning one (pgAdmin's `create_session_interface(app)`).
        returns = re.compile(r"return[ \t]+(?:%s)[ \t]*\(" % "|".join(map(re.escape, found)))
        found += [chunk[4:].split("(", 1)[0].strip() for chunk in top_level_functions(text)
                  if chunk.startswith("def ") and returns.search(chunk)]
    return sorted(found)


def flag_classes(text, probe=None):
    """{class name: the flags its set_cookie sets} for the module-level
    classes that define one. Only each set_cookie method's own text is
    parsed (a library's Response class is long)."""
    if probe is not None and not (probe.has("ookie") and probe.has(f"def {_SETTER}")):
        return {}
    found = {}
    for name, chunk in _class_chunks(text, f"def {_SETTER}"):
        flags = set()
        for method in _methods(chunk, (_SETTER,)):
            flags.update(_method_flags(method))
        if flags:
            found[name] = sorted(flags)
    return found


def session_methods(text):
    """The session lifecycle methods (`regenerate`, `invalidate`...) the
    module's own session classes define: classes named for sessions or
    deriving from one (`class CacheSession(CallbackDict, SessionMixin)`),
    as analysis.lifecycle reads them in the module itself. A project
    session interface in `sessions.py` makes `session.regenerate()` in
    `auth.py` a real regeneration. Read from the text: a method's `def`
    line in the class's body.

    Also the methods of those classes that renew the id by another name:
    a method that raises a flag (`self._refresh_sid = True`) that another
    class of the module, one that gives a session a new id
    (`session.sid = self.generate_sid()`), reads — Indico's
    `set_session_user()`, which its session interface answers with a new
    id when it saves the session."""
    if "Session" not in text or _SESSION_CLASS.search(text) is None:
        return []
    found = set()
    classes = list(_classes(text))
    renewing = [(match.start(), chunk) for match, chunk in classes if _NEW_ID.search(chunk)] \
        if _NEW_ID.search(text) else []
    for match, chunk in classes:
        line_end = chunk.find("\n")
        if "def " in chunk and "session" in (chunk if line_end == -1 else chunk[:line_end]).lower():
            found.update(_LIFECYCLE_DEF.findall(chunk))
            if renewing and "True" in chunk:
                found.update(_renewers(chunk, [other for start, other in renewing if start != match.start()]))
    return sorted(found)


def _renewers(chunk, renewing):
    """The methods of a session class's text that set a renewal flag on
    the session (`self.<flag> = True`, the flag named for the id or its
    renewal: `_refresh_sid`, `regenerate`) which one of the `renewing`
    classes' texts names. Its own methods only, not functions defined
    inside them."""
    methods = _METHOD_LINE.findall(chunk)
    if not methods:
        return set()
    indent = min(len(space) for space, _ in methods)
    # (Not a mapping's own method: `session.update(...)` stays a write.)
    names = [name for space, name in methods
             if len(space) == indent and not name.startswith("__") and name not in MAPPING_METHODS]
    found = set()
    for method in _methods(chunk, names):
        for node in branches(method):
            if node.__class__ is ast.Assign and node.value.__class__ is ast.Constant and node.value.value is True:
                for target in node.targets:
                    if (target.__class__ is ast.Attribute and _is_name(target.value, "self")
                            and not _RENEWAL_WORDS.isdisjoint(fw.words(target.attr))
                            and any(_flag_use(target.attr).search(other) for other in renewing)):
                        found.add(method.name)
    return found


def _class_chunks(text, needle, with_header=False):
    """(class name, or its whole `class` line, and its text) for each
    module-level class whose text holds `needle`."""
    for match, chunk in _classes(text):
        if needle in chunk:
            if with_header:
                line_end = chunk.find("\n")
                yield (chunk if line_end == -1 else chunk[:line_end]), chunk
            else:
                yield match.group(1), chunk


def _classes(text):
    """(the `class` line's match, the class's text) for each module-level class."""
    for match in _CLASS_LINE.finditer(text):
        end = NEXT_TOP_LINE.search(text, match.end())
        yield match, text[match.start():end.start() + 1 if end is not None else len(text)]


def _methods(chunk, names):
    """The FunctionDefs of the methods `names` a class's text defines, each
    parsed alone from its `def` line to the next line indented no deeper."""
    found = []
    for match in _METHOD_LINE.finditer(chunk):
        indent, name = match.group(1), match.group(2)
        if name not in names:
            continue
        lines = chunk[match.start():].split("\n")
        body = [lines[0]]
        for line in lines[1:]:
            stripped = line.strip()
            if (stripped and not stripped.startswith(("#", ")")) and len(line) - len(line.lstrip()) <= len(indent)):
                break  # the next statement of the class (a signature's closing bracket is not one)
            body.append(line)
        source = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in body)
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        found.extend(node for node in tree.body if node.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef))
    return found


_METHOD_LINE = re.compile(r"^([ \t]+)(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)
_LIFECYCLE_METHODS = tuple(sorted(SESSION_LIFECYCLE_METHODS))
_LIFECYCLE_DEF = re.compile(r"\n[ \t]+(?:async[ \t]+)?def[ \t]+(%s)[ \t]*\(" % "|".join(_LIFECYCLE_METHODS))
# A class line naming a session class, itself or a base (`class
# CachedSession(...)`, `class Store(SessionMixin)`): the literal first, so
# that the regex engine skips from one `class` to the next.
_SESSION_CLASS = re.compile(r"class[ \t]+\w*(?:\([^)\n]*)?Session")
# A class line deriving from a session interface (`class CachingSessionInterface(SessionInterface):`).
_INTERFACE_BASES = sorted({f.session_interface_base for f in fw.FRAMEWORKS if f.session_interface_base})
_INTERFACE_CLASS = re.compile(r"class[ \t]+\w+[ \t]*\([^)]*\b(?:%s)\b" % "|".join(map(re.escape, _INTERFACE_BASES))) \
    if _INTERFACE_BASES else None
# A session id named whole (`sid`, `session.sid`, `session_id`; not `_generate_sid`).
_ID_WORDS = tuple(name_pattern(word) for word in ("sid", "session_id"))
# The words of a flag that asks for a new id (`_refresh_sid`, `regenerate_id`, `rotate`).
_RENEWAL_WORDS = frozenset(("sid", "regenerate", "regen", "renew", "rotate", "refresh", "cycle", "reissue"))
# A session given a new id: `session.sid = self.generate_sid()`, `self.session_key = new_key()`.
_NEW_ID = re.compile(r"\.(?:sid|session_id|session_key)[ \t]*=[ \t]*[\w.]+\(")


@lru_cache(maxsize=64)
def _flag_use(flag):
    """A flag's name as another class's text may read it: `session.<flag>`, `'<flag>'`."""
    return re.compile(r"""(?:\.|["'])%s(?!\w)""" % re.escape(flag))


def _method_flags(method):
    flags = set()
    extra = method.args.kwarg.arg if method.args.kwarg is not None else None
    for node in branches(method):
        if node.__class__ is ast.Assign and extra is not None:
            for target in node.targets:
                if target.__class__ is ast.Subscript and _is_name(target.value, extra) and _sets(node.value):
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


# Options that turn a cookie flag's default off for the whole application
# (Framework.cookie_default_options: Falcon's `app.resp_options.
# secure_cookies_by_default = False`), set to a literal False; summary
# `defaults_off`, ProjectFacts.cookie_defaults_off.
_DEFAULT_OPTIONS = sorted({option for f in fw.FRAMEWORKS for option in f.cookie_default_options.values()})
_OPTION_OFF = re.compile(r"\.(%s)[ \t]*=[ \t]*False[ \t]*(?:#[^\n]*)?(?=\r?\n|$)" % "|".join(
    map(re.escape, _DEFAULT_OPTIONS))) if _DEFAULT_OPTIONS else None
_CONDITION = re.compile(r"[ \t]*(?:if|elif|else)\b")


def defaults_off(text):
    """Sorted options (cookie_default_options) the module sets to a literal
    False, outside an `if`: one in a block an `if`, `elif` or `else` opens
    (`if DEBUG:`) is a development setting, as RULES.md reads one."""
    if _OPTION_OFF is None or not any(option in text for option in _DEFAULT_OPTIONS):
        return []
    found = set()
    for match in _OPTION_OFF.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        line = text[start:match.start()]
        indent = len(line) - len(line.lstrip(" \t"))
        if not _in_condition(text, start, indent):
            found.add(match.group(1))
    return sorted(found)


def _in_condition(text, start, indent):
    """Whether the line at `start`, indented by `indent`, is in a block an
    `if`, `elif` or `else` opens (the nearest line above it indented less)."""
    while indent and start > 0:
        end = start - 1
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        stripped = line.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        above = len(line) - len(stripped)
        if above < indent:
            if _CONDITION.match(line):
                return True
            indent = above
    return False
