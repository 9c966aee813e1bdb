"""What a module's own functions do, for the modules that import them
(RULES.md, Revision 2, "The project is the unit" and "Where cross-module
findings go").

`profiles(tree)` gives, for each module-level function worth knowing, a
small JSON-ready dict:

- `returns`: "session" when it returns `request.session` (a FastAPI
  dependency yielding the session), or the source ("query", "cookie", ...)
  of a FastAPI-declared parameter it returns as is;
- `reads`: [fw, key] when its one return is a read of an identity key
  of the session (`return request.session.get("access_token")`) and it
  does nothing else to the session: a call of it reads the session, as
  the read in the caller's own code would (a sign-in tested for);
- `hashes`: the stdlib hash (`md5`) whose digest it returns, of its first
  parameter (a project's `md5(s)` wrapper): a call of it hashes what it is
  given;
- `options`: the dict literal it returns, when that is its one return and
  names a cookie flag (`{"key": "token", "httponly": True}`): {key:
  [literal] or [] for a value that is none}, the keywords a call spreads
  into a cookie setter (`set_cookie(**cookie_params(user))`);
- `weak`: how a message names the guessable value it returns
  (`random.choices()`), for a neutral helper only: a function named like a
  session-id generator is reported in its own module, not at its calls;
- `events`: what it does to the session, in source order — `["bind", fw,
  key]` (`session["user_id"] = ...`, `session.update(user_id=...)`,
  `session.setdefault("user_id", ...)`), `["remove", fw, key]` (`pop`/`del`
  of any key a literal names: the caller judges whether it is an identity,
  and a logout removing only `oidc_logintime` leaves the session alive),
  `["remove", fw, None, ref]` for a key a name gives (`USER_KEY`,
  `config.USER_KEY`), read in the helper's module by the model as a
  cookie deletion's name is (below), `["clear", fw]`, `["method", fw, name]`
  (`cycle_key`, `flush`), `["own", fw, name]` (a session method no
  framework has and no mapping has: `session.set_session_user(user)`,
  which a project's own session class may define to renew the id, judged
  at the call against ProjectFacts.session_methods; kept only beside
  another event), `["call", qualname]` (`login_user`, Django's
  `login`/`logout`, `regenerate_session_id`); and writes judged by the
  argument at each call: `["keyed", fw, param, empty]` for
  `session[param] = ...` (a binding when the call passes an identity key:
  `set_flag(session, "is_admin")`), `["carry", fw, key, param, shown]` for
  a write of a parameter's value under a non-identity or computed key
  (`session["projects"] = {project.id: ...}`,
  `session["claims"].append(name)`,
  `session.setdefault("claims", []).append(name)`: a binding when the call passes a
  verified user record or an identity key name); `["delete_cookie", name]`
  for a cookie deleted on a response the function is given
  (`resp.delete_cookie(COOKIE_NAME)`, `resp.set_cookie(NAME, "",
  max_age=0)`): a logout that calls it deletes that cookie (SFX102). The
  name is a literal, an environment default
  (`os.getenv("COOKIE_NAME", "session")`), or `["delete_cookie", None,
  ref]` with `ref` the name as the module writes it (`COOKIE_NAME`,
  `config.COOKIE_NAME`), which the model reads in the helper's module
  (model.Project.cookie_names_in); `["end_store", "store"]` for the
  server's record of the session whose id it is given ended
  (`cur.execute("DELETE FROM sessions WHERE ...")`,
  `SESSIONS.pop(session_id)`, `del SESSIONS[sid]`; not a store named for
  chats or games): a logout that calls it ends the session. A parameter is
  `[position, name]` (position -1 for keyword-only); `fw` is a
  framework key, or a parameter named like a session (`def set_claim(session,
  name)`) — the session when the call passes one;
- `instance`: a method of a class's instances (`Class.method`, `self`
  first): judged at its calls on an instance (`UserMapper(...)`) in other
  modules, unless it is named like a login or logout: then in its own
  module, as a view is (its callers may not name its class);
- `static`: a class or static method (`Class.method`), called through its
  class: the model reads it as called by an importer only where the
  importer's text calls it so (`AuthController.login(...)`), not where a
  routes module registers it (`view_func=AuthController.login`);
- `view`: with `events`, it takes `request` first in a module of a framework
  whose such functions are views (Django): a view judged in its own module
  when it is named like a login or logout, not at its calls;
- `verifies`: it takes a password (a parameter named with a password word:
  `password`, `pwd`, `senha`) and checks credentials with it, as the
  lifecycle reads a call (credentials.checks_credentials_alone: a
  verifier's name, `pwd_context.verify`, a query on a password column):
  vulpy's `libuser.login(username, password)`; its callers checked
  credentials (a login by what it does).

One pass over each function's statements; without a tree, only the
module-level functions whose text spells what a profile needs (_marked)
are parsed, each alone, and the profiles are those the tree gives.
Nothing is imported or executed.
"""

from __future__ import annotations

import ast
import copy
import re
import textwrap

from .. import frameworks as fw
from ..engine.nodes import (
    branches, keyed_read, mapping_literal, parameter_defaults, returned_options, statements, walk,
)
from ..engine.scope import last_name
from ..engine.values import UNKNOWN, blanks_cookie, evaluate, inline_lifetime, past_http_date, sets_no_flag
from ..analysis.cookie_helpers import FLAG_NAMES as _COOKIE_FLAGS
from ..analysis.credentials import checks_credentials_alone, credential_query, takes_a_password
from ..analysis.identity import binds_nobody, fresh_id, is_identity_key
from ..frameworks import auth, hand_rolled as stores
from ..frameworks import session_id_words as sid_words
from ..frameworks import stdlib
from ..frameworks.base import MAPPING_METHODS
from . import import_lines, mounts
from .needles import Probe, spells_attribute

# What a function must spell to have a profile (_marked): a session key
# written or deleted, or a session method an event records called
# (_SESSION_USE), `return request.session`, a password parameter, or a
# local name an import binds to a qualified name a profile reads
# (_PROFILE_NAMES: login calls, weak sources, FastAPI's parameter
# markers...). Most functions spell none and are not parsed for this.
PASSWORD_NEEDLES = auth.PASSWORD_NEEDLES  # a parameter named for a password (`verifies`)
_SESSION_IMPORTS = frozenset(q for f in fw.FRAMEWORKS for q in f.session_objects)
_ID_NAMES = frozenset(sid_words.SESSION_ID_NAMES)
_REQUEST_NAMES = frozenset(("request", "req"))
_ENCODERS = frozenset(("str", "hex", "format", "bytes"))
_REMOVE_METHODS = frozenset(("pop",))
# Session methods that write keys given in their arguments.
_WRITE_METHODS = frozenset(("update", "setdefault"))
# Session calls on the request (Litestar's `request.set_session({...})`,
# `request.clear_session()`): {method: "clear" or "write"}.
_REQUEST_SESSION_CALLS = {m: kind for f in fw.FRAMEWORKS for m, kind in f.request_session_calls.items()}
_SESSION_METHODS = frozenset(
    m for f in fw.FRAMEWORKS for m in (*f.session_regenerate_methods, *f.session_invalidate_methods))
_MAX_DEPTH = 8
# Methods that put a value into a container held in the session
# (`session["claims"].append(name)`).
ADDERS = frozenset(("append", "add", "extend", "insert"))
_CONTAINERS = (ast.List, ast.Dict, ast.Set, ast.Tuple)
# Response methods that delete a cookie (`delete_cookie`, aiohttp's
# `del_cookie`, Falcon's `unset_cookie`), and `set_cookie` with an expiry
# already past, as a function's text spells them (literal expiries only:
# `max_age=0`, `expires=-1`, `expires="Thu, 01 Jan 1970 ..."`).
_COOKIE_DELETERS = frozenset().union(*(f.cookie_deleters for f in fw.FRAMEWORKS))
# An expiry already past, or an empty value (`set_cookie(NAME, "")`).
_EXPIRED_NOW = re.compile(r"""\b(?:max_age|expires)\s*=\s*(?:-|0\b|0\.|["']\w{3},)"""
                          r"""|,\s*(?:value\s*=\s*)?(?:""|''|None)\s*[,)]""")


def renews_key(value, key, session_of, assigned, depth=0):
    """Whether `value` is made from what the session holds under `key`
    itself, directly or through locals (`r = api.auth(session.get("token"))`,
    then `session["token"] = r.content`): a token renewed for the user the
    session already holds, no new sign-in. `session_of(expr)` tells a
    session; `assigned(name)` a local's value, or None."""
    for node in walk(value):
        cls = node.__class__
        if cls is ast.Subscript and session_of(node.value) is not None and _string(node.slice) == key:
            return True
        if (cls is ast.Call and node.func.__class__ is ast.Attribute and node.func.attr == "get" and node.args
                and session_of(node.func.value) is not None and _string(node.args[0]) == key):
            return True
        if cls is ast.Name and depth < 3:
            held = assigned(node.id)
            if held is not None and held is not value and renews_key(held, key, session_of, assigned, depth + 1):
                return True
    return False


def endpoint_signature(function):
    """`async def login_page(request)`: an endpoint's signature, the
    request alone. Another module that imports it registers it
    (`Route("/login", login_page)` in routes.py) rather than calls it, so
    it is judged at home (lifecycle_paths), and its callers leave it there
    (the profile's `view`); a helper another module calls is given more
    than the request (`log_in(request, user)`)."""
    args = function.args
    positional = args.posonlyargs + args.args
    return (len(positional) == 1 and not args.kwonlyargs and args.vararg is None and args.kwarg is None
            and positional[0].arg in fw.REQUEST_NAMES)


def profiles(tree):
    """{function name: profile} for the module-level functions of `tree`
    that return the session, a declared request value or a weak value, or
    act on the session."""
    return _profiles(tree.body, _aliases(tree))


def profiles_from_text(text, imports, known=None, probe=None, module=None):
    """The same, without parsing the module: only the module-level
    functions whose own text spells what a profile needs (_marked) are
    parsed, each alone; `imports` are the module's (summary.scan_imports).
    A function whose text does not parse alone (a column-0 line inside a
    string) is skipped. `known`, a dict the caller keeps from one text of a module to
    the next (the language server, per document), keeps each function's
    profiles by its text and the module's imports: an edit re-parses only
    the functions it changed. It is left holding this text's functions.
    `probe`: the text's needles.Probe, when the caller keeps one.
    `module`: the text's ModuleTree, when the caller parses the module
    anyway (without `known`): a function is then read from its tree."""
    probe = probe or Probe(text)
    spelled = _spells_a_use(text, probe)
    aliases = names = None
    if spelled or _imports_what_profiles_read(imports, probe):
        aliases = import_lines.bindings(text)
        names = tuple(pair for pair in _profile_names(aliases) if _marked_names(text, (pair,)))
    if not (spelled or names):  # most modules: a few cheap looks
        if known is not None:
            known.clear()
        return {}
    if known is None:
        web, found = None, {}
        for start, chunk in _function_texts(text):
            if not _may_profile(chunk, names):
                continue
            if web is None:
                web = _web_framework(aliases)
            node = module.function(start, chunk) if module is not None and not chunk.startswith("class") else None
            found.update(_chunk_profiles(chunk, aliases, web, names, node))
        return _with_own_calls(found, text, aliases, web)
    context = tuple(sorted(aliases.items()))
    web, kept, found, called = None, {}, {}, set()
    for chunk in top_level_functions(text):
        # Kept for every function, marked or not: an unchanged one is one
        # dictionary lookup, not a search for each marker.
        named = known.get((chunk, context))
        if named is None:
            if not _may_profile(chunk, names):
                named = _UNMARKED
            else:
                if web is None:
                    web = _web_framework(aliases)
                named = _chunk_profiles(chunk, aliases, web, names)
        kept[chunk, context] = named
        if named is not _UNMARKED:
            found.update(named)  # in source order, as _profiles: a later profile of a name replaces an earlier one
        calls = known.get((_CALLS, chunk))
        if calls is None:
            calls = _chunk_calls(chunk)
        kept[_CALLS, chunk] = calls
        called |= calls
    known.clear()
    known.update(kept)
    return _with_own_calls(found, text, aliases, web, called)


_CALLS = object()  # `known`'s key, with a function's text, for the names it calls (_chunk_calls)


def _with_own_calls(found, text, aliases, web, called=None):
    """profiles_from_text's `found`, its functions that call the module's
    own functions with events read again from their text (_compose).
    `called`: the names the module's functions call, when the caller has
    them (_chunk_calls of each function, kept per document)."""
    callees = _callees(found)
    if callees:
        # Most modules call none of their functions that have events (a
        # module of views): the names the module calls say so before any
        # function's text is parsed. A later round's callees include the
        # functions composed before (`welcome_twice_removed` calling
        # `welcome_member`): asked about as they come.
        if called is None:
            spelled = {}

            def is_called(name):
                found_here = spelled.get(name)
                if found_here is None:
                    found_here = spelled[name] = _spells_call(text, name, defined=False)
                return found_here
        else:
            is_called = called.__contains__
        if any(is_called(name) for name in callees):
            _compose(found, lambda callees: _chunk_callers(text, [n for n in callees if is_called(n)]),
                     aliases, web or _web_framework(aliases))
    return found


_UNMARKED = False  # `known`'s answer for a function that spells nothing a profile needs (_marked)


def _may_profile(chunk, names):
    """Whether a module-level function's text, or one of a class's class or
    static methods, may have a profile (_marked; `names`: _profile_names)."""
    if chunk.startswith("class"):
        return ("classmethod" in chunk or "staticmethod" in chunk) and any(
            _marked(method, names) for method in _decorated_methods(chunk)) or (
            "session" in chunk and any(_marked_instance(method, names) or _given_session(chunk, method)
                                       or _held_session(chunk, method)
                                       for method in _instance_methods(chunk))) or any(
            _marked(method, names) for method in _unbound_methods(chunk))
    return _marked(chunk, names)


def _chunk_profiles(chunk, aliases, web, names, node=None):
    """[(name, profile)] of a module-level function's text, parsed alone
    (or its `node`, as ModuleTree.function gives it); of a class's text,
    its marked class and static methods, each parsed alone (dedented) as
    `Class.method`."""
    if not chunk.startswith("class"):
        return _named_profiles([node] if node is not None else _parse_alone(chunk), aliases, web)
    name = _CLASS_NAME.match(chunk)
    if name is None:
        return []
    found = []
    for method in (*_decorated_methods(chunk), *_unbound_methods(chunk)):
        if _marked(method, names):
            for node in _parse_alone(textwrap.dedent(method)):
                found.extend(_method_profiles(node, aliases, web, name.group(1)))
    if "session" in chunk:
        plain = _PLAIN_CLASS.match(chunk) is not None
        for method in _instance_methods(chunk):
            if _marked_instance(method, names) or _given_session(chunk, method) or _held_session(chunk, method):
                for node in _parse_alone(textwrap.dedent(method)):
                    found.extend(_method_profiles(node, aliases, web, name.group(1), plain))
    return found


_CLASS_NAME = re.compile(r"class\s+(\w+)")
_DECORATORS = re.compile(r"\n([ \t]+)@(?:classmethod|staticmethod)[ \t]*\n")


_METHOD_LINES = re.compile(r"\n([ \t]+)(?:async[ \t]+)?def[ \t]+\w+")


def _instance_methods(chunk):
    """The text of each undecorated method of a class's text whose first
    parameter is `self`, at the class body's own indentation (a nested
    function or class is part of its method): from its `def` line to the
    next line as indented as it, or less, that starts with code."""
    for first, method in _undecorated_methods(chunk):
        if first.startswith("self"):
            yield method


def _undecorated_methods(chunk):
    """(the text after its `(`, its text) of each undecorated method of a
    class's text, at the class body's own indentation (see _instance_methods)."""
    found = [m for m in _METHOD_LINES.finditer(chunk)]
    if not found:
        return
    indent = min((m.group(1) for m in found), key=len)
    for match in found:
        if match.group(1) != indent:
            continue
        before = chunk.rfind("\n", 0, match.start()) + 1
        if chunk[before:match.start()].strip().startswith("@"):
            continue  # a decorated method: a property, a class or static method (_decorated_methods)
        opening = chunk.find("(", match.end())
        if opening == -1:
            continue
        yield chunk[opening + 1:opening + 80].lstrip(), chunk[match.start() + 1:_block_end(chunk, indent, match.end())]


def unbound_method(node):
    """An undecorated function in a class body whose first parameter is
    not `self` or `cls` (or that takes none): Python 3 calls it on the
    class (`Sess.bind(user)`), as a static method."""
    if node.decorator_list:
        return False
    arguments = node.args.posonlyargs + node.args.args
    return not arguments or arguments[0].arg not in ("self", "cls")


_BOUND_FIRST = re.compile(r"(?:self|cls)\b")


def _unbound_methods(chunk):
    """The text of each undecorated method of a class's text whose first
    parameter is not `self` or `cls` (unbound_method), at the class body's
    own indentation."""
    for first, method in _undecorated_methods(chunk):
        if not _BOUND_FIRST.match(first):
            yield method


def _marked_instance(method, names):
    """Whether an instance method's text acts on the module's own session
    object (`session["user_id"] = self.id`, `session.clear()`: Flask's or
    Quart's, imported), not on one it is given (a parameter, `self.session`,
    `request.session`: a framework's own classes, read by nobody's calls)."""
    end = method.find(":\n")
    if "session" in (method if end == -1 else method[:end])[method.find("("):]:
        return False  # a parameter named for a session (`def save_session(self, app, session, ...)`)
    return _OWN_SESSION_USE.search(method) is not None  # (_method_profiles keeps it only with such an event)



# A class of the application's own, on no base (`class SessionService:`): a
# framework's classes (a session interface's `save_session(self, app,
# session, response)`) are built on the framework's.
_PLAIN_CLASS = re.compile(r"class[ \t]+\w+[ \t]*(?:\([ \t]*(?:object)?[ \t]*\))?[ \t]*:")
_SESSION_PARAMETER = re.compile(r"[(,*\s](\w*session\w*)[ \t]*(?=[:,=)])")


def _given_session(chunk, method):
    """Whether an instance method of a plain class (_PLAIN_CLASS) acts on
    a session it is given (webauthn.io's `SessionService.log_in_user(self,
    *, session, username)`, writing `session["username"]`): its callers
    pass the request's session, and the method's events happen there."""
    if _PLAIN_CLASS.match(chunk) is None:
        return False
    end = method.find(":\n")
    names = set(_SESSION_PARAMETER.findall(method[method.find("("):end if end != -1 else None]))
    return bool(names) and any(match.group(1) in names for match in _SESSION_NAME_USE.finditer(method))


def _held_session(chunk, method):
    """Whether an instance method of a plain class (_PLAIN_CLASS) acts on
    the session of the request the instance keeps (`self.request.session
    ["user_id"] = user_id`: a service or repository built with the
    request, `SessionRepo(request)`): its events happen at each call."""
    return _PLAIN_CLASS.match(chunk) is not None and _HELD_SESSION_USE.search(method) is not None


def _decorated_methods(chunk):
    """The text of each method of a class's text that a line
    `@classmethod`/`@staticmethod` decorates: from that line to the next
    line as indented as it, or less, that starts with code (a closing
    bracket or a comment does not end it)."""
    for match in _DECORATORS.finditer(chunk):
        indent = re.escape(match.group(1))
        start = match.start() + 1
        definition = re.compile(r"(?:^|\n)%s(?:async[ \t]+)?def\b" % indent).search(chunk, match.end() - 1)
        if definition is None:
            continue
        yield chunk[start:_block_end(chunk, match.group(1), definition.end())]


def _block_end(chunk, indent, at):
    """Where the block of a `def` line indented by `indent` (its text
    before `at`) ends in `chunk`: after the line before the next one as
    indented as it, or less, that starts with code (a closing bracket or a
    comment does not end it); else the end."""
    end = re.compile(r"\n(?!%s[ \t])(?=[ \t]*[^\s)\]}#])" % re.escape(indent)).search(chunk, at)
    return end.start() + 1 if end is not None else len(chunk)


def _marked(chunk, names):
    """Whether a function's text spells what a profile needs: a session
    used as an event records it (`session[...]`, `session.pop(...)`, a
    parameter named like a session too), `return request.session`, a call
    of one of `names` (the module's local names for what a profile reads:
    _profile_names), or a password parameter in its signature."""
    if "session" in chunk and (_SESSION_USE.search(chunk) is not None or (
            "return" in chunk and spells_attribute(chunk, "session"))):
        return True
    if names and _marked_names(chunk, names):
        return True
    if "_cookie" in chunk and (_deletes_a_cookie(chunk) or _sets_cookie_on_param(chunk)):
        return True
    if "return" in chunk and _COOKIE_OPTION_KEY.search(chunk) is not None:
        return True  # a cookie's options returned (`options`)
    end = chunk.find(":\n")  # the signature's end, or later
    signature = chunk if end == -1 else chunk[:end]
    return any(needle in signature for needle in PASSWORD_NEEDLES)


# A dict literal's key naming a cookie flag (`"httponly": True`, or
# `dict(httponly=True)`'s keyword): what a function returning a cookie's
# options spells (a dict naming only `secure` is too common a shape to be
# read as a cookie's).
_COOKIE_OPTION_KEY = re.compile(
    r"""["'](?:httponly|http_only|samesite|same_site)["'][ \t]*:"""
    r"""|\b(?:httponly|http_only|samesite|same_site)[ \t]*=(?!=)""")
_LITERALS = (str, bool, int, float, type(None))


def _returned_cookie_options(function):
    """`options` (see the module docstring): {key: [literal] or []} of the
    dict literal a function returns when that is its one `return` and it
    names a cookie flag (`return {"key": "token", "value": make(user),
    "httponly": True}`, spread as `set_cookie(**cookie_params(user))`)."""
    returned = returned_options(function)
    if returned is None or all(k not in returned for k in _FLAG_KEYS):
        return None
    return {name: _option_literal(value) for name, value in returned.items()}


def _option_literal(value):
    """[the literal] of a returned option, or []: a conditional whose
    branches are both weak (`samesite="None" if PROD else None`, no branch
    sets the flag) counts as its first branch."""
    if value.__class__ is ast.IfExp and sets_no_flag(value.body) and sets_no_flag(value.orelse):
        value = value.body
    return [value.value] if value.__class__ is ast.Constant and isinstance(value.value, _LITERALS) else []


_FLAG_KEYS = ("httponly", "http_only", "samesite", "same_site")  # (as _COOKIE_OPTION_KEY spells them)


def _deletes_a_cookie(text):
    """Whether the text spells a cookie's deletion (_COOKIE_DELETERS called,
    or `set_cookie` with an expiry already past)."""
    if any(deleter + "(" in text for deleter in _COOKIE_DELETERS):
        return True
    return "set_cookie(" in text and _EXPIRED_NOW.search(text) is not None


_SETTER_CALLS = tuple(sorted(f".{method}(" for method in fw.COOKIE_SETTER_METHODS))
_RECEIVER = re.compile(r"(\w+)[ \t]*$")


def _setter_calls(text, start=0, end=None):
    """(receiver, offset after the call's `(`) of each `name.set_cookie(`
    (any cookie setter) in `text[start:end]`: found with str.find, which a
    regular expression opening on a name would not match as fast."""
    end = len(text) if end is None else end
    for needle in _SETTER_CALLS:
        at = text.find(needle, start, end)
        while at != -1:
            receiver = _RECEIVER.search(text, max(start, at - 80), at)
            if receiver is not None:
                yield receiver.group(1), at + len(needle)
            at = text.find(needle, at + 1, end)


def _sets_cookie_on_param(chunk):
    """Whether a function's text calls a cookie setter on one of its
    parameters with another of them among the call's arguments (`def
    set_cookie(response, key, value):` ... `response.set_cookie(key,
    value)`): a cookie helper (_Function._cookie_template). A handler
    given its response (FastAPI's `response: Response`) that sets a cookie
    of its own is none."""
    if not any(method + "(" in chunk for method in fw.COOKIE_SETTER_METHODS):
        return False
    opening = chunk.find("(")
    end = chunk.find(":\n", opening)
    params = set(_PARAM_NAMES.findall(chunk[opening:end if end != -1 else len(chunk)]))
    for receiver, after in _setter_calls(chunk):
        if receiver not in params:
            continue
        words = set(_WORDS.findall(chunk, after, after + 400))
        if (params - {receiver, "self", "cls"}) & words:
            return True
    return False


_PARAM_NAMES = re.compile(r"[(,*][ \t\n]*(\w+)")
_WORDS = re.compile(r"\w+")


def _text_sets_cookie_on_param(text):
    """Whether a module's text calls a cookie setter on a name some
    function of it takes as a parameter (_sets_cookie_on_param, before
    its functions are told apart)."""
    receivers = {receiver for receiver, _ in _setter_calls(text)} - {"self", "cls"}
    return any(re.search(r"def[ \t]+\w+[ \t]*\([^)]*\b%s\b" % re.escape(name), text) for name in receivers)


def _marked_names(chunk, names):
    """Whether `chunk` spells one of `names` (_profile_names) as a profile
    needs it."""
    for name, lasts in names:
        if (lasts is None or any(last in chunk for last in lasts)) and _spells(chunk, name):
            return True
    return False


def _spells(chunk, name):
    """Whether `chunk` spells the identifier `name` followed by a call, an
    attribute or a subscript (`random.choice`, `login_user(`, `s["uid"]` of
    a session imported as `s`), blanks between too."""
    at = chunk.find(name)
    size = len(name)
    while at != -1:
        end = at + size
        if not (at and (chunk[at - 1].isalnum() or chunk[at - 1] == "_")):
            while end < len(chunk) and chunk[end] in " \t\\\n":
                end += 1
            if end < len(chunk) and chunk[end] in ".([":
                return True
        at = chunk.find(name, at + 1)
    return False


def _parse_alone(chunk):
    try:
        return ast.parse(chunk).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []


def plain_method_profile(tree, class_node, method):
    """The profile of `method`, an instance method of the module-level
    plain class `class_node` of `tree` (as _method_profiles keeps one: on
    the session of the request the instance keeps, `self.request.session
    [...]`, or on the module's own session object), for a call of it in
    the same module (`SessionRepo(request).save_user(uid)`); else None."""
    if class_node.keywords or not all(b.__class__ is ast.Name and b.id == "object" for b in class_node.bases):
        return None
    aliases = _aliases(tree)
    found = _method_profiles(method, aliases, _web_framework(aliases), class_node.name, True)
    return found[0][1] if found else None


def _profiles(statements, aliases):
    web = _web_framework(aliases)
    found = dict(_named_profiles(statements, aliases, web))
    if _callees(found):
        functions = [n for n in statements if n.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)]
        _compose(found, lambda callees: [n for n in functions if _calls_one_of(n, callees)], aliases, web)
    return found


# -- calls of the module's own functions -------------------------------------
# A module-level function calling another of its module that acts on the
# session (`sign_in(request, user)` calling `_remember(request, user)`,
# which writes `request.session["user_id"]`) does what that one does: its
# profile carries the callee's events at the call (askbot's login helpers).
# Chains are followed a few links deep.
_CHAIN = 3


def _callees(found):
    """{name: profile} of the module-level functions among `found` whose
    profile has events, or returns a guessable value (`do_login()`
    returning `make_key(8)`, a random.choice() string: DB-course-work);
    class and static methods, `Class.method`, are called through their
    class: not followed here."""
    return {name: profile for name, profile in found.items()
            if "." not in name and ("events" in profile or "weak" in profile)}


def _calls_one_of(node, callees):
    """Whether the function `node` calls one of `callees` by its bare name
    (itself aside)."""
    return any(n.__class__ is ast.Call and n.func.__class__ is ast.Name and n.func.id in callees
               and n.func.id != node.name for n in branches(node))


def _compose(found, callers, aliases, web):
    """`found` (name -> profile, in source order) with the profiles of the
    functions that call one of the module's own functions with events
    (`callers(callees)`: their nodes) read again, each call standing for
    the callee's events; in place."""
    for _ in range(_CHAIN):
        callees = _callees(found)
        changed = False
        for node in callers(callees):
            profile = _Function(node, aliases, web, local=callees).profile()
            if profile and profile != found.get(node.name):
                found[node.name] = profile
                changed = True
        if not changed:
            break
    return found


def _chunk_callers(text, callees):
    """The nodes of the module-level functions of `text` (each parsed alone)
    whose text calls one of `callees` (profiles_from_text's _compose)."""
    found = []
    for _, chunk in _function_texts(text):
        if chunk.startswith("class") or not any(_spells_call(chunk, name) for name in callees):
            continue
        found.extend(n for n in _parse_alone(chunk) if n.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)
                     and _calls_one_of(n, callees))
    return found


def _spells_call(chunk, name, defined=True):
    """Whether `chunk` spells `name(` as an identifier (blanks between);
    without `defined`, not counting `def name(` (a module's text, asked
    whether anything calls one of its functions)."""
    at = chunk.find(name)
    while at != -1:
        end = at + len(name)
        if not (at and (chunk[at - 1].isalnum() or chunk[at - 1] in "_.")):
            while end < len(chunk) and chunk[end] in " \t":
                end += 1
            if end < len(chunk) and chunk[end] == "(" and (defined or not _after_def(chunk, at)):
                return True
        at = chunk.find(name, at + 1)
    return False


# A name spelled called: `name(`, blanks between, not an attribute's; a
# `def name(` is matched whole (group 1 set) so that its name is not.
_CALLED = re.compile(r"(\bdef[ \t]+)?(?<![\w.])([^\W\d]\w*)[ \t]*\(")


def _chunk_calls(chunk):
    """The names a module-level function's text spells called
    (_spells_call without `defined`); none for a class's text, whose
    methods are not followed (_chunk_callers)."""
    if chunk.startswith("class") or "(" not in chunk:
        return frozenset()
    return frozenset(name for defined, name in _CALLED.findall(chunk) if not defined)


def _after_def(text, at):
    """Whether the identifier at `at` follows `def` (and blanks)."""
    start = at
    while start and text[start - 1] in " \t":
        start -= 1
    return start < at and text.endswith("def", 0, start) and (start == 3 or not (
        text[start - 4].isalnum() or text[start - 4] == "_"))


def _named_profiles(statements, aliases, web):
    """[(name, profile)] of the functions among `statements` with one, in
    order; and of the class and static methods of the classes among them,
    as `Class.method` (called on the class an importer names:
    `SessionManager.log_user_in(...)`)."""
    found = []
    for node in statements:
        if node.__class__ is ast.ClassDef:
            plain = not node.keywords and all(b.__class__ is ast.Name and b.id == "object" for b in node.bases)
            for method in node.body:
                found.extend(_method_profiles(method, aliases, web, node.name, plain))
            continue
        if node.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
            continue
        profile = _Function(node, aliases, web).profile()
        if profile:
            found.append((node.name, profile))
    return found


# Where the line after a line break starts at column 0 with code: the
# literal line break first, so that the regex engine skips to it.
NEXT_TOP_LINE = re.compile(r"\n[^\s)\]}#]")
_DEF_LINES = ("\ndef ", "\nasync ", "\ndef\t", "\nclass ")


def top_level_functions(text):
    """The text of each module-level function: from a line starting with
    `def` or `async` at column 0 to the next line starting at column 0 with
    code (not a comment or a closing bracket), or the end."""
    for _, chunk in _function_texts(text):
        yield chunk


def _function_texts(text):
    """(offset, text) of each of top_level_functions."""
    starts = [0] if text.startswith(("def ", "async ", "def\t", "class ")) else []
    for line in _DEF_LINES:
        at = text.find(line)
        while at != -1:
            starts.append(at + 1)
            at = text.find(line, at + 1)
    starts.sort()
    for start in starts:
        end = NEXT_TOP_LINE.search(text, start)
        yield start, text[start:end.start() + 1 if end is not None else len(text)]


class ModuleTree:
    """The tree of a module whose functions profiles_from_text reads, for a
    caller that parses the module anyway (the CLI's check of the same
    text: runner.Sources): parsed once, when a function first needs it,
    and handed to `parsed(tree)`, instead of each marked function parsed
    alone and the whole module again for the check."""

    __slots__ = ("text", "parse", "parsed", "_functions", "_line", "_offset")

    def __init__(self, text, parse, parsed):
        self.text = text
        self.parse = parse  # text -> its tree, or None when it does not parse
        self.parsed = parsed
        self._functions = None  # line -> the module-level function defined there; {} when the module does not parse
        self._line, self._offset = 1, 0  # the line at an offset already counted to

    def function(self, start, text):
        """The module-level function whose text (top_level_functions) is
        `text`, at offset `start` (asked in increasing order), as
        `ast.parse(text)` gives it: the tree's node, less its decorators
        (they stand above the `def` line); or None when the tree has no
        such function wholly inside the text (the module does not parse, a
        `def` line inside a string, a function that a column-0 line inside
        it cuts short): such a text is parsed alone."""
        functions = self._functions
        if functions is None:
            tree = self.parse(self.text)
            functions = self._functions = {} if tree is None else {
                node.lineno: node for node in tree.body if node.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)}
            if tree is not None:
                self.parsed(tree)
        self._line += self.text.count("\n", self._offset, start)
        self._offset = start
        node = functions.get(self._line)
        last = self._line + text.count("\n") - text.endswith("\n")  # the text's last line
        if node is None or node.end_lineno > last:
            return None
        if node.decorator_list:
            node = copy.copy(node)
            node.decorator_list = []
        return node


def _aliases(tree):
    """Local name -> qualified name, from the module's absolute imports at
    any depth (import_lines.bindings reads the same from the text)."""
    names = {}
    for node in statements(tree):  # imports are statements: no expression need be visited
        if node.__class__ is ast.Import:
            for alias in node.names:
                names[alias.asname or alias.name.partition(".")[0]] = (
                    alias.name if alias.asname else alias.name.partition(".")[0])
        elif node.__class__ is ast.ImportFrom and not node.level and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


# Frameworks whose functions taking `request` first are views (Django):
# analysis.handlers judges such a function as a handler in its own module.
_VIEW_FRAMEWORKS = frozenset(f.key for f in fw.ROUTING_FRAMEWORKS if f.routing.view_methods)


def _web_framework(aliases):
    """The framework whose `request.session` this module's requests carry."""
    roots = {q.partition(".")[0] for q in aliases.values()}
    for framework in fw.PARAMETER_REQUESTS:  # registry order: Django before Starlette
        if roots & set(framework.packages):
            return framework.key
    return None


# The parameter markers of frameworks that declare them (FastAPI's
# `Query()`, `Cookie()`...): from the registry.
_PARAM_MARKERS = {
    (module, marker): source
    for f in fw.REQUEST_FRAMEWORKS for module in f.requests.param_modules
    for marker, source in f.requests.param_sources.items()
}


def _reference(expr, aliases):
    """A name as the model reads it in the function's module
    (model.Project.cookie_names_in): its qualified name through the
    module's absolute imports (`config.COOKIE` -> `app.config.COOKIE`), else
    as written (`COOKIE`, `keys.USER_KEY` after `from . import keys`)."""
    return _qualname(expr, aliases) or mounts.dotted(expr)


def _qualname(expr, aliases):
    if expr.__class__ is ast.Name:
        return aliases.get(expr.id)
    if expr.__class__ is ast.Attribute:
        base = _qualname(expr.value, aliases)
        return f"{base}.{expr.attr}" if base else None
    return None


_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _inner_bodies(nodes, function):
    """The ids of the nodes in the bodies of the functions and lambdas
    defined among `nodes` (below `function`): code that runs when they are
    called, not when `function` is."""
    inner = set()
    for node in nodes:
        if node is not function and node.__class__ in _NESTED and id(node) not in inner:
            for part in (node.body if node.__class__ is not ast.Lambda else [node.body]):
                inner.update(id(n) for n in branches(part))
    return inner


_BOUND = {"classmethod": 1, "staticmethod": 0}  # the parameters a call on the class does not pass


def _method_profiles(node, aliases, web, class_name, plain=False):
    """[(`Class.method`, profile)] of a method of a module-level class when
    it is a class or static method with one, or an undecorated method of
    its instances (`self` first). A classmethod's `cls` and an instance
    method's `self` are no parameters a call passes: a profile's positions
    count after them."""
    if node.__class__ not in (ast.FunctionDef, ast.AsyncFunctionDef):
        return []
    bound = next((_BOUND[d.id] for d in node.decorator_list if d.__class__ is ast.Name and d.id in _BOUND), None)
    if bound is None and unbound_method(node):
        bound = 0  # `class Sess: def bind(user): ...`, called on the class (`Sess.bind(user)`): as a static method
    if bound is not None:
        profile = _Function(node, aliases, web, bound).profile()
        if profile:
            profile["static"] = True  # called through its class (`Class.method(...)`: model._exported)
        return [(f"{class_name}.{node.name}", profile)] if profile else []
    # An instance's method (`mapper.set_user2session()`: `self` is not passed), kept when it
    # acts on the module's own session object (`session[...]`, not one it is given:
    # _marked_instance reads the same from its text).
    arguments = node.args.posonlyargs + node.args.args
    if node.decorator_list or not arguments or arguments[0].arg != "self":
        return []
    given = any("session" in a.arg for a in (*arguments, *node.args.kwonlyargs))
    if given and not plain:
        return []
    function = _Function(node, aliases, web, 1)
    profile = function.profile()
    if given:
        # A session it is given (_given_session): its events happen at each call, with the session
        # the call passes; judged there, not at home.
        events = profile.get("events", ()) if profile else ()
        if not any(entry[1].__class__ is list for entry in events if len(entry) > 1):
            return []
        return [(f"{class_name}.{node.name}", profile)]
    if profile and plain and function.held_session and not function.own_session:
        # The session of the request the instance keeps (`SessionRepo(request).save_user(uid)`):
        # judged at each call, where the request is the handler's. A module of a web framework
        # judges a method named like a login or logout at home too (as `instance`); one naming
        # no framework cannot tell what `self.request` is: only its callers can.
        if web is not None:
            profile["instance"] = True
        return [(f"{class_name}.{node.name}", profile)] if profile.get("events") else []
    if not profile or not function.own_session:
        return []
    profile["instance"] = True
    return [(f"{class_name}.{node.name}", profile)]


def _self_request(owner):
    """`self.request`."""
    return (owner.__class__ is ast.Attribute and owner.attr == "request" and owner.value.__class__ is ast.Name
            and owner.value.id == "self")


class _Function:
    def __init__(self, node, aliases, web, bound=0, local=None):
        self.node = node
        self.aliases = aliases
        self.web = web
        self.bound = bound  # leading parameters a call does not pass (a classmethod's `cls`)
        self.local = local  # {name: profile} of the module's own functions whose calls it follows (_compose)
        self.assigned = {}  # local name -> its last assigned value
        self.own_session = False  # an event on the module's own `session` (flask.session imported as such)
        self.held_session = False  # an event on `self.request.session`, the request an instance keeps
        self.params = {a.arg: a for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}
        self.cookie = None  # what its set_cookie(...) on a response it is given takes from its parameters

    def profile(self):
        # walk's order (less Names and Constants, neither statements nor calls), then by position;
        # not the bodies of functions defined inside (pdns-admin's `update_token` callback in
        # google_oauth() writes the session when the OAuth client calls it, not when the helper runs).
        found = branches(self.node)
        inner = _inner_bodies(found, self.node)
        # Calls of the module's own functions in an `except` handler: what an error path tidies
        # (a getter dropping a stale key when its record is gone) is not what a call of this one does.
        self._handled = {id(n) for h in found if h.__class__ is ast.ExceptHandler for b in h.body
                         for n in branches(b)} if self.local else ()
        statements = sorted((n for n in found if (isinstance(n, ast.stmt) or n.__class__ is ast.Call)
                             and (not inner or id(n) not in inner)), key=lambda n: (n.lineno, n.col_offset))
        events, returns, weak, returned, reads = [], None, None, [], None
        verifies = None if takes_a_password(self.node) else False
        for node in statements:
            cls = node.__class__
            if cls is ast.Assign:
                for target in node.targets:
                    if target.__class__ is ast.Name:
                        self.assigned[target.id] = node.value
                    elif target.__class__ is ast.Subscript:
                        self._write(target, node.value, events)
            elif cls is ast.AnnAssign and node.value is not None and node.target.__class__ is ast.Name:
                self.assigned[node.target.id] = node.value  # `response: ResponseData = service.auth(...)`
            elif cls is ast.Delete:
                for target in node.targets:
                    self._delete(target, events)
            elif cls is ast.Call:
                self._call(node, events)
                if verifies is None and (checks_credentials_alone(node) or credential_query(node, self._assigned)):
                    verifies = True
            elif cls is ast.Return:
                returned.append(node.value)
                if node.value is not None:
                    returns = returns or self._returned(node.value)
                    reads = reads or self._identity_read(node.value)
                    weak = weak or self._weak(node.value, 0)
        profile = {}
        if returns:
            profile["returns"] = returns
        if verifies:
            profile["verifies"] = True
        if reads and len(returned) == 1 and not events:
            profile["reads"] = reads
        if weak and not sid_words.is_generator_name(self.node.name, _ID_NAMES):
            profile["weak"] = weak
        hashed = self._hashes_first_parameter(statements)
        if hashed:
            profile["hashes"] = hashed
        # (one return, of a dict or of a local last given one: only then is the function walked for it)
        if len(returned) == 1 and (mapping_literal(returned[0]) or (
                returned[0].__class__ is ast.Name and mapping_literal(self.assigned.get(returned[0].id)))):
            options = _returned_cookie_options(self.node)
            if options:
                profile["options"] = options
        # a session method alone: nothing seen to judge; a store's record ended alone: what its text
        # spells does not mark such a function (_marked), and its tree must say the same
        if self.cookie:
            profile["cookie"] = self.cookie
        if any(event[0] not in ("own", "end_store") for event in events):
            profile["events"] = events
            args = self.node.args.posonlyargs + self.node.args.args
            if args and args[0].arg == "request" and self.web in _VIEW_FRAMEWORKS:
                profile["view"] = True  # a Django view by its shape: judged in its own module
            elif self.web is not None and endpoint_signature(self.node):
                # `def login(req)` in a module of a web framework: an endpoint by its signature,
                # judged in its own module (lifecycle_paths), not again at a call elsewhere
                profile["view"] = True
        return profile

    def _assigned(self, name):
        """The value last assigned to the local `name` so far, or `name`."""
        return self.assigned.get(name.id, name)

    def _callee(self, func):
        """The qualified name of a callee, through the module's imports."""
        return _qualname(func, self.aliases)

    # -- the session ----------------------------------------------------------
    def _session(self, expr):
        """The framework key of the session `expr` is, a parameter named
        like a session (`[position, name]`: the caller's session when it
        passes one), or None."""
        if expr.__class__ is ast.Name and expr.id in self.params and expr.id.endswith("session"):
            return self._slot(expr.id)
        qualname = _qualname(expr, self.aliases)
        if qualname in _SESSION_IMPORTS:
            if expr.__class__ is ast.Name and expr.id == "session":
                self.own_session = True
            return next(f.key for f in fw.FRAMEWORKS if qualname in f.session_objects)
        if expr.__class__ is ast.Name and expr.id in self.assigned and fw.SESSION_GETTERS:
            value = self.assigned[expr.id]  # `session = await get_session(request)` (aiohttp-session)
            if value.__class__ is ast.Await:
                value = value.value
            if value.__class__ is ast.Call:
                getter = fw.SESSION_GETTERS.get(_qualname(value.func, self.aliases))
                return getter.key if getter is not None else None
        if expr.__class__ is ast.Attribute and expr.attr == "session" and self._request(expr.value):
            if _self_request(expr.value):
                self.held_session = True
            return self.web or REQUEST  # the importer's framework decides
        return None

    def _request(self, owner):
        """Whether `owner` is a request: `request`, `req`, a parameter, or
        `self.request` (of `request.session`, `request.set_session(...)`)."""
        if owner.__class__ is ast.Attribute and owner.attr == "request":
            owner = owner.value  # self.request.session
        return owner.__class__ is ast.Name and (owner.id in _REQUEST_NAMES or owner.id in self.params)

    def _slot(self, name):
        """A parameter as a profile names it: [position (-1: keyword-only), name]."""
        args = self.node.args
        positional = [a.arg for a in (*args.posonlyargs, *args.args)][self.bound:]
        return [positional.index(name) if name in positional else -1, name]

    def _write(self, target, value, events):
        framework = self._session(target.value)
        if framework is None:
            return
        key = _string(target.slice)
        empty = value.__class__ is ast.Constant and value.value in (None, False, 0, "")
        if value.__class__ in _CONTAINERS and binds_nobody(value):
            return  # session["claims"] = []: an empty container binds nobody yet
        if key is None and target.slice.__class__ is ast.Name and target.slice.id in self.assigned:
            key = _string(self.assigned[target.slice.id])  # key = "user_id"; session[key] = ...
        if key is not None and is_identity_key(key) and not fresh_id(value, self._callee):
            if renews_key(value, key, self._session, self.assigned.get):
                return  # `session["token"] = api.auth(session.get("token")).content`: the same sign-in, renewed
            events.append(["remove" if empty else "bind", framework, key])
        else:
            if key is None and target.slice.__class__ is ast.Name and target.slice.id in self.params:
                events.append(["keyed", framework, self._slot(target.slice.id), empty])
            elif key is None and not fresh_id(value, self._callee):
                # A key a name gives (`session[LOGIN_KEY] = uid`, `config.USER_KEY`): read in the
                # helper's module by the model, a binding when it names an identity (model._names_read).
                ref = _reference(target.slice, self.aliases)
                if ref is not None:
                    events.append(["bind", framework, None, ref, empty])
            if not empty:
                self._carry(framework, key, target.slice, value, events)

    def _carry(self, framework, key, key_expr, value, events):
        """A write of a parameter's value (`["carry", ...]`), judged at the call."""
        param = self._parameter_in(value, 0)
        if param is None:
            return False
        shown = key if key is not None else ast.unparse(key_expr)[:40]
        events.append(["carry", framework, key, self._slot(param), shown])
        return True

    def _parameter_in(self, expr, depth):
        """The first parameter (not a session) `expr` is taken from,
        directly or through the function's local assignments, or None."""
        for node in walk(expr):
            if node.__class__ is not ast.Name:
                continue
            name = node.id
            if name in self.params:
                if not name.endswith("session") and name not in ("self", "cls"):
                    return name
            elif depth < 3 and name in self.assigned:
                found = self._parameter_in(self.assigned[name], depth + 1)
                if found is not None:
                    return found
        return None

    def _delete(self, target, events):
        if target.__class__ is ast.Subscript:
            framework = self._session(target.value)
            if framework is not None:
                self._removed(framework, target.slice, events)
            elif self._session_id_parameter(target.slice) and not sid_words.names_other_store(target.value):
                events.append(["end_store", fw.HAND_ROLLED.key])  # del SESSIONS[session_id]
            else:
                ended = self._held_id_record(target.value, target.slice)
                if ended is not None:
                    events.append(ended)  # del SESSIONS[request.session["sid"]]

    def _ends_store(self, func, first):
        """A call that ends the server's record of the session whose id
        the function is given (`["end_store", "store"]`): an SQL statement
        deleting rows of a session table (`cur.execute("DELETE FROM
        sessions WHERE session_id = %s", (session_id,))`), or a store's
        deletion by a parameter named as a session id
        (`SESSIONS.pop(session_id, None)`, `redis.delete(sid)`)."""
        if func.attr in stores.SQL_RUN_METHODS:
            if first.__class__ is ast.Call and first.args and last_name(first.func) in stores.SQL_TEXT_WRAPPERS:
                first = first.args[0]
            if first.__class__ is ast.Name:
                first = self.assigned.get(first.id, first)
            sql = _string(first)
            return sql is not None and stores.deletes_session_rows(sql)
        return (func.attr in stores.DELETE_METHODS and self._session_id_parameter(first)
                and not sid_words.names_other_store(func.value))

    def _held_id_record(self, store, key):
        """The `end_store` event of deleting `store`'s record under the id
        the web session holds (`session_info.pop(request.session["id"])`,
        `del SESSIONS[session.get("sid")]`), or None: `["end_store",
        "store"]` under a key named as a session id, else `["end_store",
        "store", key]`, which the caller's module counts only for a key
        the application fills with a fresh random id (ProjectFacts
        .fresh_keys); a record keyed by `session["user_id"]` is the user's,
        not the session's. Not the session itself, nor a store named for
        another kind of session."""
        if key.__class__ is ast.Name:
            key = self.assigned.get(key.id, key)
        read = keyed_read(key)
        if read is None:
            return None
        held, name = read
        name = _string(name)
        if name is None or self._session(held) is None or self._session(store) is not None or (
                sid_words.names_other_store(store)):
            return None
        if sid_words.normal(name) in sid_words.SESSION_ID_NAMES:
            return ["end_store", fw.HAND_ROLLED.key]
        return ["end_store", fw.HAND_ROLLED.key, name]

    def _session_id_parameter(self, expr):
        """A parameter named as a session id (`session_id`, `sid`)."""
        return (expr.__class__ is ast.Name and expr.id in self.params
                and sid_words.normal(expr.id) in sid_words.SESSION_ID_NAMES)

    def _removed(self, framework, key_expr, events):
        """`del session[key]` / `session.pop(key)`: a literal key removed, or
        the key a parameter names (`["keyed", fw, param, True]`: a removal
        judged at the call, `drop_key(request, "user")`)."""
        key = _string(key_expr)
        if key is not None:
            events.append(["remove", framework, key])
        elif key_expr.__class__ is ast.Name and key_expr.id in self.params:
            events.append(["keyed", framework, self._slot(key_expr.id), True])
        elif key_expr.__class__ is ast.Name and key_expr.id in self.assigned:
            key = _string(self.assigned[key_expr.id])  # key = "user_id"; session.pop(key)
            if key is not None:
                events.append(["remove", framework, key])
        else:
            # A key a name gives (`session.pop(USER_KEY)`, `config.USER_KEY`): read
            # in the helper's module by the model (model._names_read), as a cookie's name.
            ref = _reference(key_expr, self.aliases)
            if ref is not None:
                events.append(["remove", framework, None, ref])

    def _call(self, node, events):
        func = node.func
        if func.__class__ is ast.Attribute and func.attr in ADDERS and node.args:
            held = keyed_read(func.value, _SETDEFAULT)  # session["claims"], session.setdefault("claims", [])
            framework = self._session(held[0]) if held is not None else None
            if framework is not None:
                key = _string(held[1])
                if not self._carry(framework, key, held[1], node.args[-1], events) and (
                        key is not None and is_identity_key(key)):
                    events.append(["bind", framework, key])
                return
        if (func.__class__ is ast.Attribute and func.attr in fw.COOKIE_SETTER_METHODS and self.cookie is None
                and func.value.__class__ is ast.Name and func.value.id in self.params
                and not func.value.id.endswith("session") and self.node.__class__ is not ast.Lambda):
            self.cookie = self._cookie_template(node, func.attr)
        if func.__class__ is ast.Attribute and func.value.__class__ is ast.Name and (
                func.attr in _COOKIE_DELETERS or func.attr == "set_cookie") and not func.value.id.endswith("session") and (
                func.value.id in self.params or self._returned_response(func.value)):
            self._cookie_deletion(node, func.attr, events)
            return
        if func.__class__ is ast.Attribute and func.attr in _REQUEST_SESSION_CALLS and self._request(func.value):
            framework = self.web or REQUEST  # Litestar's request.set_session({...}) / clear_session()
            if _REQUEST_SESSION_CALLS[func.attr] == "clear":
                events.append(["clear", framework])
            else:
                key = _written_identity(node)
                if key is not None:
                    events.append(["bind", framework, key])
            return
        if func.__class__ is ast.Attribute:
            framework = self._session(func.value)
            if framework is not None:
                if func.attr == "clear":
                    events.append(["clear", framework])
                elif func.attr in _SESSION_METHODS:
                    events.append(["method", framework, func.attr])
                elif func.attr in _REMOVE_METHODS and node.args:
                    self._removed(framework, node.args[0], events)
                elif func.attr in _WRITE_METHODS:
                    key = _written_identity(node)
                    if key is not None:
                        events.append(["bind", framework, key])
                elif func.attr not in MAPPING_METHODS:
                    events.append(["own", framework, func.attr])
                return
        if func.__class__ is ast.Attribute and node.args and self._ends_store(func, node.args[0]):
            events.append(["end_store", fw.HAND_ROLLED.key])
            return
        if func.__class__ is ast.Attribute and node.args and func.attr in stores.DELETE_METHODS:
            ended = self._held_id_record(func.value, node.args[0])
            if ended is not None:  # session_info.pop(request.session["id"])
                events.append(ended)
                return
        if self._local_callee(func) is not None and "events" in self.local[func.id] and id(node) not in self._handled:
            events.extend(self._called_events(self.local[func.id]["events"], node))
            return
        qualname = _qualname(func, self.aliases)
        if qualname is not None and qualname in SESSION_CALLS:
            events.append(["call", qualname])

    def _called_events(self, called, call):
        """The events of a call of the module's own function whose profile
        has `called`, as this function does them: a parameter of the
        callee (its session, its key, the value it writes) read as the
        call's argument; an event that hangs on an argument this function
        cannot name is left out."""
        found = []
        keys = {event[2][1]: event[2] for event in called if event[0] == "keyed"}  # the callee's key parameters
        for event in called:
            kind = event[0]
            if kind in ("call", "delete_cookie", "end_store"):
                found.append(event)
                continue
            session = self._passed_session(event[1], call)
            if session is None:
                continue
            if kind == "keyed":
                argument = _argument(call, event[2])
                key = _string(argument) if argument is not None else None
                if key is not None and is_identity_key(key):
                    found.append(["remove" if event[3] else "bind", session, key])
                elif argument is not None and argument.__class__ is ast.Name and argument.id in self.params:
                    found.append(["keyed", session, self._slot(argument.id), event[3]])
            elif kind == "carry":
                # the value passed on as it is, one of this function's parameters
                argument = _argument(call, event[3])
                if argument is None or argument.__class__ is not ast.Name or argument.id not in self.params:
                    continue
                key, shown = event[2], event[4]
                if key is None and shown in keys:  # session[key] = value, the key a parameter too
                    passed = _argument(call, keys[shown])
                    key = _string(passed) if passed is not None else None
                    if key is not None and is_identity_key(key):
                        continue  # a binding already (the keyed event)
                    shown = key if key is not None else shown
                found.append(["carry", session, key, self._slot(argument.id), shown])
            else:
                found.append([kind, session, *event[2:]])
        return found

    def _passed_session(self, session, call):
        """The session an event of a called function acts on, as this one
        names it: a framework key as it is, a session parameter of the
        callee read as the call's argument (None when it passes none)."""
        if session.__class__ is not list:
            return session
        argument = _argument(call, session)
        return self._session(argument) if argument is not None else None

    def _returned_response(self, name):
        """Whether the local `name` holds a response the function builds
        (`res = JSONResponse(...)`) and returns (`return res`): a
        controller a logout route returns (`return exit_user(req)`), whose
        cookie deletion is the route's."""
        value = self.assigned.get(name.id)
        if value.__class__ is not ast.Call or fw.response_class_framework(_qualname(value.func, self.aliases)) is None:
            return False
        return any(n.__class__ is ast.Return and n.value.__class__ is ast.Name and n.value.id == name.id
                   for n in walk(self.node))

    def _cookie_deletion(self, call, method, events):
        """`resp.delete_cookie(NAME)` / `resp.set_cookie(NAME, "", max_age=0)`
        on a parameter (the caller's response): `["delete_cookie", ...]`."""
        if method == "set_cookie" and not any(
                keyword.arg in ("max_age", "expires") and _expired_now(keyword.value) for keyword in call.keywords
        ) and not blanks_cookie(call):
            return
        name = call.args[0] if call.args else next(
            (k.value for k in call.keywords if k.arg in ("key", "name")), None)
        if name is None:
            return
        found = _string(name)
        if found is None and name.__class__ is ast.Call:
            found = self._env_default(name)
        if found is not None:
            events.append(["delete_cookie", found])
            return
        local = self.assigned.get(name.id) if name.__class__ is ast.Name else None
        if local is not None:  # name = os.getenv("COOKIE_NAME", "session")
            found = _string(local) or (self._env_default(local) if local.__class__ is ast.Call else None)
            if found is not None:
                events.append(["delete_cookie", found])
            return
        if name.__class__ is ast.Name and name.id in self.params:
            return
        ref = _reference(name, self.aliases)
        if ref is not None:
            events.append(["delete_cookie", None, ref])

    def _cookie_template(self, call, method):
        """A cookie helper's `set_cookie(...)` on the response it is given
        (analysis/cookie_helpers.py): which parameters give the cookie's
        name and value, its lifetime as text with the parameters left as
        names (`days_expire * 24 * 60 * 60`), and the helper's signature,
        for its calls in other modules; None when no parameter gives any."""
        framework = fw.BY_KEY.get(self.web) or fw.FLASK_LIKE
        given = dict(zip(fw.cookie_setter_params(framework, method), call.args))
        for keyword in call.keywords:
            if keyword.arg is None:
                return None  # `**options`: which is which is not known
            given[framework.cookie_flag(keyword.arg)] = keyword.value
        if any(a.__class__ is ast.Starred for a in call.args):
            return None
        key, value = given.get("key"), given.get("value")
        if value is None or (value.__class__ is ast.Constant and value.value in (None, "")):
            return None  # a deletion
        key_param = key.id if key.__class__ is ast.Name and key.id in self.params else None
        value_param = value.id if value.__class__ is ast.Name and value.id in self.params else None
        lifetime = None
        lifetimes = fw.cookie_lifetimes(framework)
        option = next((o for o in lifetimes if given.get(o) is not None), None)
        if option is not None:
            inlined = self._inlined(given[option])
            if inlined is not None and any(n.__class__ is ast.Name and n.id in self.params for n in walk(inlined)):
                if lifetimes[option] != 1 and inlined.__class__ is not ast.Call:
                    inlined = ast.BinOp(left=inlined, op=ast.Mult(), right=ast.Constant(value=lifetimes[option]))
                lifetime = ast.unparse(inlined)
        # the flags a parameter gives (`httponly=httponly`), judged at each call (cookie_helpers.FLAG_NAMES)
        flags = {flag: given[flag].id for flag in _COOKIE_FLAGS
                 if given.get(flag).__class__ is ast.Name and given[flag].id in self.params}
        if key_param is None and value_param is None and lifetime is None and not flags:
            return None
        args = self.node.args
        positional = [a.arg for a in (*args.posonlyargs, *args.args)]
        flag_params = set(flags.values())
        defaults = {arg.arg: default.value for arg, default in parameter_defaults(self.node).items()
                    if default.__class__ is ast.Constant and (default.value.__class__ in (int, float, str) or (
                        arg.arg in flag_params and default.value.__class__ in (bool, type(None))))}
        cookie = {"method": method, "params": positional, "kwonly": [a.arg for a in args.kwonlyargs],
                  "defaults": defaults}
        if flags:
            cookie["flags"] = flags
        if key_param is not None:
            cookie["key"] = key_param
        elif _string(key) is not None:
            cookie["name"] = _string(key)
        if value_param is not None:
            cookie["value"] = value_param
        if lifetime is not None:
            cookie["lifetime"] = lifetime
        if self.web is not None:
            cookie["web"] = self.web
        return cookie

    def _inlined(self, expr):
        """A helper's lifetime expression with its local names replaced by
        what they were last assigned (values.inline_lifetime); no other
        name is known here."""
        return inline_lifetime(expr, lambda name: name.id in self.params, lambda name: self.assigned.get(name.id),
                               self._callee, lambda part: None)

    def _env_default(self, call):
        """The string default of `os.getenv("X", "default")` (stdlib.ENV_READERS), or None."""
        if _qualname(call.func, self.aliases) not in stdlib.ENV_READERS:
            return None
        default = stdlib.env_default_argument(call)
        return _string(default) if default is not None else None

    # -- what it returns -------------------------------------------------------
    def _returned(self, value):
        if value.__class__ is ast.Attribute and self._session(value) is not None:
            return "session"
        if value.__class__ is ast.Name and value.id in self.params:
            return self._declared(value.id)
        return None

    def _identity_read(self, value):
        """`reads` (see the module docstring): [fw, key] when `value` reads
        an identity key of the session (`request.session.get("access_token")`,
        `session["user_id"]`), else None."""
        read = keyed_read(value)
        if read is None or read[1].__class__ is not ast.Constant or not isinstance(read[1].value, str):
            return None
        if not is_identity_key(read[1].value):
            return None
        framework = self._session(read[0])
        return [framework, read[1].value] if framework.__class__ is str else None

    def _declared(self, name):
        """The source a FastAPI marker gives parameter `name` (`Cookie()`,
        `Annotated[str, Query()]`), or None."""
        arg = self.params[name]
        candidates = [parameter_defaults(self.node).get(arg)]
        annotation = arg.annotation
        if annotation.__class__ is ast.Subscript and annotation.slice.__class__ is ast.Tuple:
            candidates += annotation.slice.elts[1:]
        for candidate in candidates:
            if candidate.__class__ is ast.Call:
                module, _, marker = (_qualname(candidate.func, self.aliases) or "").rpartition(".")
                source = _PARAM_MARKERS.get((module, marker))
                if source in DECLARED:
                    return source
        return None

    def _hashes_first_parameter(self, statements):
        """The short name of the stdlib hash (`md5`) whose digest the
        function returns, taken of its first parameter (a project's
        `def md5(s, salt=""): return hashlib.md5((str(s) + salt).encode())
        .hexdigest()`), or None (stdlib.hashed_parameter): a call of it
        elsewhere hashes what it is given (origins reads it as the hash, at
        the call)."""
        params = [*self.node.args.posonlyargs, *self.node.args.args]
        if not params:
            return None
        found = stdlib.hashed_parameter(statements, params[0].arg, lambda func: _qualname(func, self.aliases))
        return found.rpartition(".")[2] if found else None

    def _local_callee(self, func):
        """The profile of the module's own function `func` names (not this
        one, nor a parameter or local of the same name), when followed."""
        if self.local and func.__class__ is ast.Name and func.id in self.local and func.id != self.node.name and (
                func.id not in self.params and func.id not in self.assigned):
            return self.local[func.id]
        return None

    def _weak(self, expr, depth):
        """How a message names the guessable value `expr` holds, or None."""
        found = self._randomness(expr, depth)
        return None if found is _STRONG else found

    def _randomness(self, expr, depth):
        """_STRONG for a value from a cryptographically strong source
        (secrets, os.urandom, uuid4, get_random_string), how a message names
        a guessable one (`random.choice()`), or None. String building is
        strong when any part is (`random.choice(...) + get_random_string(31)`:
        OnlineJudge's rand_str), else its first weak part, as the handler's
        own module reads it (origins._combine)."""
        if depth > _MAX_DEPTH:
            return None
        cls = expr.__class__
        if cls is ast.Call:
            qualname = _qualname(expr.func, self.aliases)
            if qualname is not None:
                if fw.is_strong_source(qualname):
                    return _STRONG
                if qualname in stdlib.WEAK_CALLS:
                    return stdlib.WEAK_CALLS[qualname]
                if qualname.startswith(stdlib.WEAK_RANDOM_MODULES) and qualname not in stdlib.WEAK_RANDOM_CLASSES:
                    return f"{qualname}()"
                return None
            func = expr.func
            callee = self._local_callee(func)
            if callee is not None and callee.get("weak"):
                return f"{func.id}(), a helper returning {callee['weak']}"  # the module's own helper
            if (func.__class__ is ast.Name and func.id in _ENCODERS) or (
                    func.__class__ is ast.Attribute and func.attr == "join"):
                return self._randomness(expr.args[0], depth + 1) if expr.args else None
            return None
        if cls is ast.Name:
            value = self.assigned.get(expr.id)
            return self._randomness(value, depth + 1) if value is not None else None
        if cls is ast.Attribute and expr.attr in stdlib.ENCODER_METHODS:
            return self._randomness(expr.value, depth + 1)  # `uuid.uuid1().hex`, as origins reads it
        if cls in (ast.GeneratorExp, ast.ListComp):
            return self._randomness(expr.elt, depth + 1)
        if cls is ast.BinOp:
            parts = (expr.left, expr.right)
        elif cls is ast.JoinedStr:
            parts = [part.value for part in expr.values if part.__class__ is ast.FormattedValue]
        else:
            return None
        found = [self._randomness(part, depth + 1) for part in parts]
        if any(f is None and sid_words.names_signature(part) for f, part in zip(found, parts)):
            return _STRONG  # a signed string (`f"{signature}-{payload}"`), as origins reads one
        return _STRONG if _STRONG in found else next(filter(None, found), None)


_STRONG = object()  # _Function._randomness's answer for a strong value


# A container held in a mapping, as analysis/lifecycle.py reads the same
# writes in the handler's module: `session["claims"]`, `session.setdefault("claims", [])`.
_SETDEFAULT = ("setdefault",)


def _written_identity(call):
    """The identity key `session.update(...)` / `session.setdefault(...)`
    writes with a value (analysis/lifecycle.py reads them alike; a
    `setdefault(key, [])` whose list is added to is read at the adding
    call), or None."""
    if call.func.attr == "setdefault":
        pairs = [(_string(call.args[0]), call.args[1])] if len(call.args) == 2 else []
    else:
        pairs = [(k.arg, k.value) for k in call.keywords if k.arg is not None]
        if call.args and call.args[0].__class__ is ast.Dict:
            pairs += [(_string(k), v) for k, v in zip(call.args[0].keys, call.args[0].values) if k is not None]
    for key, value in pairs:
        if key is not None and is_identity_key(key) and not binds_nobody(value):
            return key
    return None



def _argument(call, slot):
    """The argument a call passes for a profile's parameter `[position, name]`
    (position -1: keyword-only), or None."""
    position, name = slot
    if 0 <= position < len(call.args) and not any(a.__class__ is ast.Starred for a in call.args[:position + 1]):
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _string(expr):
    return expr.value if expr.__class__ is ast.Constant and isinstance(expr.value, str) else None


def _expired_now(expr):
    """A literal expiry already past: a number at or below 0, or a past
    HTTP date (engine.values.expired_at_once without names or calls)."""
    value = evaluate(expr)
    if value is UNKNOWN or isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value <= 0
    return isinstance(value, str) and past_http_date(value)


# The framework key of `request.session` in a module that imports no web
# framework: the calling module's framework.
REQUEST = "request"
# Parameter sources only an explicit FastAPI marker gives.
DECLARED = frozenset(("query", "path", "body", "form", "cookie", "header"))


def _session_call_names():
    names = set()
    for framework in fw.FRAMEWORKS:
        names.update(framework.regenerate_calls, framework.logout_calls, framework.bind_calls,
                     framework.cookie_expire_calls)
    return frozenset(names)


SESSION_CALLS = _session_call_names()


# The qualified names a profile reads a call or an object by: weak sources
# (stdlib.WEAK_CALLS, a call under WEAK_RANDOM_MODULES), SESSION_CALLS,
# the session objects, FastAPI's parameter markers. A local name bound to
# one of them, to a module above one (`import time`, `from django.contrib
# import auth`) or to a name under one (`from random import choice`) may
# spell one in a function (_profile_names).
_PROFILE_NAMES = frozenset((*stdlib.WEAK_CALLS, *(m.rstrip(".") for m in stdlib.WEAK_RANDOM_MODULES), *SESSION_CALLS,
                            *(h for h in stdlib.HASHES if h not in stdlib.KEYED_HASHES),
                            *_SESSION_IMPORTS, *(f"{module}.{marker}" for module, marker in _PARAM_MARKERS)))
_PROFILE_PREFIXES = _PROFILE_NAMES | frozenset(
    name[:at] for name in _PROFILE_NAMES for at, char in enumerate(name) if char == ".")


def _reads(qualname):
    """Whether a local name bound to `qualname` may spell a name of
    _PROFILE_NAMES."""
    if qualname in _PROFILE_PREFIXES:
        return True
    at = qualname.find(".")
    while at != -1:
        if qualname[:at] in _PROFILE_NAMES:
            return True
        at = qualname.find(".", at + 1)
    return False


# For a module above names of _PROFILE_NAMES (`os` above `os.getpid`,
# `datetime` above `datetime.datetime.now`): the last names of those, one
# of which a function must spell to reach one through it.
_LASTS = {}
for _name in _PROFILE_NAMES:
    for _at, _char in enumerate(_name):
        if _char == ".":
            _LASTS.setdefault(_name[:_at], set()).add(_name.rpartition(".")[2])
_LASTS = {prefix: frozenset(lasts) for prefix, lasts in _LASTS.items()}


def _profile_names(aliases):
    """[(local name, last names or None)] for the names of a module's
    imports that may spell what a profile reads (_reads): a function must
    spell the name called or followed by an attribute, and one of the
    last names when it is bound to a module above what a profile reads.
    The session object under its own name is _SESSION_USE's."""
    found = []
    for name, qualname in aliases.items():
        if not _reads(qualname) or (name == "session" and qualname in _SESSION_IMPORTS):
            continue
        found.append((name, _lasts(qualname)))
    return tuple(sorted(found, key=lambda pair: pair[0]))


def _spells_a_use(text, probe):
    """Whether the text (its needles.Probe) spells a session's use
    (_SESSION_USE), an attribute `.session`, a password word, or a
    cookie's deletion (_deletes_a_cookie)."""
    has = probe.has
    return any(has(needle) for needle in _TEXT_NEEDLES) or (has("session") and _SESSION_USE.search(text) is not None) or (
        has("_cookie") and (_deletes_a_cookie(text) or _text_sets_cookie_on_param(text))) or (
        (has("httponly") or has("samesite") or has("http_only") or has("same_site"))
        and _COOKIE_OPTION_KEY.search(text) is not None)


def _imports_what_profiles_read(imports, probe):
    """Whether one of a module's imports (summary.scan_imports) binds a name
    a profile may read (_reads), and the text spells the last name of one
    when the import is of a module above them (`import os`: `getpid`)."""
    for level, module, listed in imports:
        if level:
            continue
        for qualname in (module, module.partition(".")[0], *(f"{module}.{name}" for name in listed)):
            if _reads(qualname):
                lasts = _lasts(qualname)
                if lasts is None or any(probe.has(last) for last in lasts):
                    return True
    return False


def _lasts(qualname):
    """The last names a function must spell to reach a name of
    _PROFILE_NAMES through a local name bound to `qualname` (one _reads
    takes), or None: any call or attribute may."""
    return None if qualname in _PROFILE_NAMES or qualname not in _LASTS else _LASTS[qualname]


# The session's uses an event records (_Function._call, _write, _delete),
# blanks allowed where Python allows them.
_EVENT_METHODS = frozenset(("clear", *_SESSION_METHODS, *_REMOVE_METHODS, *_WRITE_METHODS))
_SESSION_USE = re.compile(r"session\s*(?:\[|\.\s*(?:%s)\s*\()|\.\s*(?:%s)\s*\(" % (
    "|".join(sorted(_EVENT_METHODS)), "|".join(sorted(_REQUEST_SESSION_CALLS))))
_TEXT_NEEDLES = ("session[", ".session", *PASSWORD_NEEDLES)
# _SESSION_USE's session uses, of a session that is no attribute (`session[...]`,
# `session.clear()`, not `self.session[...]`): what an instance method is marked by.
# A name holding "session" used as a session (`session[...]`, `user_session.clear()`): _given_session.
_SESSION_NAME_USE = re.compile(
    r"(?<![\w.])(\w*session\w*)\s*(?:\[|\.\s*(?:%s)\s*\()" % "|".join(sorted(_EVENT_METHODS)))
# A session an instance reaches through the request it keeps (`self.request.session[...]`,
# `self.request.session.clear()`): what a plain class's method is marked by (_held_session).
_HELD_SESSION_USE = re.compile(r"\bself\s*\.\s*request\s*\.\s*session\s*(?:\[|\.\s*(?:%s)\s*\()" % "|".join(
    sorted(_EVENT_METHODS)))
_OWN_SESSION_USE = re.compile(r"(?<![\w.])session\s*(?:\[|\.\s*(?:%s)\s*\()" % "|".join(sorted(_EVENT_METHODS)))
