"""Semgrep pattern pieces that SFX101 and SFX102 share: which functions are
login or logout handlers, which session keys name a principal, and which
module imports say which framework's session `request.session` is.

Built from the vocabulary the flake8 rules read (frameworks/auth.py and the
framework modules), so both engines agree on the words. Semgrep's
`metavariable-regex` matches from the start of the text (`re.match`), so
every regex here says where it may begin. Metavariables: `$F` a handler
function, `$CLS` its class, `$VERIFY` a credential check's callee, `$K`/`$V`
a session key and value, `$REQ` the request.
"""

from __future__ import annotations

import re

from .. import frameworks as fw
from ..analysis import credentials
from ..config import NON_SENSITIVE_NAMES
from ..frameworks import auth, vocabularies
from ..frameworks.base import SESSION_LIFECYCLE_METHODS
from ._cookie_semgrep import regex, words


def _phrases(items):
    """Alternatives for word phrases: `sign_in` also matches `signin`/`sign-in`."""
    return "|".join(sorted({re.escape(w).replace("_", "[_-]?") for w in items}, key=lambda w: (-len(w), w)))


LOGIN = _phrases(auth.LOGIN_WORDS)
LOGOUT = _phrases(auth.LOGOUT_WORDS)
# A snake_case function name holding a word, and a CamelCase class name.
FUNCTION_WORD = r"(?i)^(?!test)(?:.*_)?(?:{})(?:_.*)?$"
CLASS_WORD = r"^(?!Test)(?:.*[a-z0-9_])?(?i:{})(?:[A-Z0-9_].*)?$"


def _verifier_re():
    names = words(sorted(auth.VERIFIER_NAMES))
    receivers = words(sorted(auth.VERIFY_RECEIVER_WORDS))
    not_verifiers = words(sorted(auth.NOT_VERIFIERS))
    verbs = words(sorted(auth.VERIFY_PREFIXES))
    checks = words(sorted(auth.CHECK_PREFIXES))
    secrets = words(sorted(auth.CHECK_WORDS))
    return (
        rf"(?i)^(?:.*\.)?(?:(?:{names})|(?:{verbs})_(?!.*(?:{not_verifiers}))\w+"
        rf"|(?:{checks})_?\w*(?:{secrets})\w*)$"
        rf"|^.*(?:{receivers}).*\.verify$"
    )


VERIFIER_RE = _verifier_re()


def _identity_key_re(quoted=True):
    keys = words(sorted(auth.IDENTITY_KEYS))
    principal = words(sorted(auth.PRINCIPAL_WORDS))
    unrelated = words(sorted(auth.NOT_IDENTITY_WORDS | set(NON_SENSITIVE_NAMES)))
    body = rf"""(?:{keys}|(?:[^"']*_)?(?:{principal})(?:_[^"']*)?)"""
    if not quoted:  # for a string pattern "=~/.../", matched on the value: no quotes in it
        body = rf"(?:{keys}|(?:\w*_)?(?:{principal})(?:_\w*)?)"
        return rf"^(?!(?:\w*_)?(?:{unrelated})(?:_|$))(?i:{body})$"
    return rf"""^[rub]?["'](?!(?:[^"']*_)?(?:{unrelated})(?:_|["']))(?i:{body})["']$"""


IDENTITY_KEY_RE = _identity_key_re()


def _record_key_re():
    """A literal key that neither names an identity (IDENTITY_KEY_RE covers
    those) nor says it holds something else (pre-login state, a flag, a
    display name): the keys a login by behaviour binds (`usuario`, `conta`)."""
    keys = words(sorted(auth.IDENTITY_KEYS))
    principal = words(sorted(auth.PRINCIPAL_WORDS))
    unrelated = words(sorted(auth.NOT_IDENTITY_WORDS | vocabularies.DISPLAY_WORDS | set(NON_SENSITIVE_NAMES)))
    identity = rf"""(?:{keys}|(?:[^"']*_)?(?:{principal})(?:_[^"']*)?)"""
    return (rf"""^[rub]?["'](?!(?:[^"']*_)?(?:{unrelated})(?:_|["']))(?!(?i:{identity})["'])"""
            rf"""[^"'{{}}]+["']$""")


RECORD_KEY_RE = _record_key_re()
PASSWORD_COLUMN_RE = rf"^(?i:{words(sorted(vocabularies.PASSWORD_COLUMNS))})(__\w+)?$"
LOOKUP_RE = rf"^({words(sorted(credentials.LOOKUP_METHODS))})$"
# A verified record's local name: never the request or `self`.
RECORD_NAME_RE = r"^(?!(?:request|req|self)$)[A-Za-z_]\w*$"


def verified_record_write(session):
    """`{session}[$K] = <... $U ...>` where `$U` holds a user record a
    credential check verified before the write (RULES.md Revision 2, "Logins
    by what they do"): the result of a lookup filtering on a password
    column, of a verifier call, or a record passed to a verifier in an
    `if`. Keys IDENTITY_KEY_RE matches are left to the key-based rules."""
    return [
        {"pattern-either": [
            {"patterns": [{"pattern-inside": "$U = <... $Q.$LOOKUP(..., $PWK=$PW, ...) ...>\n...\n"},
                          regex("$LOOKUP", LOOKUP_RE), regex("$PWK", PASSWORD_COLUMN_RE)]},
            {"patterns": [{"pattern-inside": "$U = $VERIFY(...)\n...\n"}, regex("$VERIFY", VERIFIER_RE)]},
            {"patterns": [{"pattern-inside": "if <... $VERIFY(..., <... $U ...>, ...) ...>:\n  ...\n"},
                          regex("$VERIFY", VERIFIER_RE)]},
        ]},
        {"pattern": f"{session}[$K] = <... $U ...>"},
        regex("$U", RECORD_NAME_RE),
        regex("$K", RECORD_KEY_RE),
        # Only the first binding: an identity written before it is reported.
        {"pattern-not-inside": f"{session}[{IDENTITY_KEY}] = $EARLIER\n...\n"},
        *not_a_called_helper(),
    ]
IDENTITY_KEY = f'"=~/{_identity_key_re(quoted=False)}/"'  # a string pattern
# A value that binds somebody: setting a key to None/False/"" is not a login.
SOME_VALUE_RE = r"""^(?!(None|False|0|""|'')$)"""


def handler(words_re, verifying=True):
    """The match sits in a function named with one of `words_re`, in a view
    method (`post`, `form_valid`, ...) of a class so named, or — with
    `verifying` — in a function that checks credentials; never in a helper
    that another function of the module calls."""
    branches = [
        {"patterns": [{"pattern-inside": "def $F(...):\n  ...\n"}, regex("$F", FUNCTION_WORD.format(words_re))]},
        {"patterns": [
            {"pattern-inside": "class $CLS(...):\n  ...\n"},
            regex("$CLS", CLASS_WORD.format(words_re)),
            {"pattern-inside": "def $F(...):\n  ...\n"},
            regex("$F", rf"^({words(sorted(fw.DJANGO.routing.view_methods))})$"),
        ]},
    ]
    if verifying:
        branches.append({"patterns": [
            {"pattern-inside": "def $F(...):\n  ...\n  <... $VERIFY(...) ...>\n  ...\n"},
            regex("$VERIFY", VERIFIER_RE),
            regex("$F", r"^(?!test)"),
        ]})
        # A lookup that filters on a password column checks credentials too.
        branches.append({"patterns": [
            {"pattern-inside": "def $F(...):\n  ...\n  <... $Q.$LOOKUP(..., $PWK=$PW, ...) ...>\n  ...\n"},
            regex("$LOOKUP", LOOKUP_RE), regex("$PWK", PASSWORD_COLUMN_RE),
            regex("$F", r"^(?!test)"),
        ]})
    # Django signal receivers (`def f(sender, request, user, **kwargs)`) run
    # after login() cycled the key or before logout() flushes the session.
    not_a_receiver = {"pattern-not-inside": "def $RECEIVER(sender, ...):\n  ...\n"}
    return [{"pattern-either": branches}, *not_a_called_helper(), not_a_receiver]


def anywhere_in_function(*calls):
    """`pattern-not-inside`s: none of `calls` appears anywhere in the
    enclosing function, before or after the match."""
    return [{"pattern-not-inside": f"def $FN(...):\n  ...\n  {_deep(call)}\n  ...\n"} for call in calls]


def _deep(code):
    """An expression anywhere in a statement; a statement as it is."""
    return code if code.startswith("del ") else f"<... {code} ...>"


def after_any(*statements):
    """`pattern-not-inside`s: the match does not come after one of these
    statements in the same or an enclosing block."""
    return [{"pattern-not-inside": f"{statement}\n...\n"} for statement in statements]


def named_regenerators(methods=True):
    """Calls named like a regeneration (`rotate_session()`,
    `session.regenerate()`), anywhere in the function: fixlint trusts them
    for every backend. Semgrep cannot regex a callee inside a negative
    pattern, so the words are matched whole. Without `methods`, a method
    named like a session lifecycle method (`x.regenerate()`) does not
    count: the lookalike rules judge those."""
    calls = []
    for word in auth.REGENERATE_WORDS:
        calls.append(f"{word}(...)")
        if methods or word not in SESSION_LIFECYCLE_METHODS:
            calls.append(f"$OBJ.{word}(...)")
    if not methods:
        calls.append("$APP.session_interface.regenerate(...)")
    return anywhere_in_function(*calls)


def lookalike_call(session, methods):
    """The enclosing function calls `session.$LOOK()`, a session method
    among `methods` that the backend lacks (`flask.session.regenerate()`),
    and the module defines no session class of its own with that method."""
    return [
        {"pattern-inside": f"def $FN(...):\n  ...\n  <... {session}.$LOOK() ...>\n  ...\n"},
        regex("$LOOK", rf"^({words(sorted(methods))})$"),
        *own_session_method(),
    ]


def own_session_method():
    """Not in a module whose own class defines `$LOOK` (before or after)."""
    return [
        {"pattern-not-inside": "class $SC(...):\n  ...\n  def $LOOK(...):\n    ...\n...\n"},
        {"pattern-not-inside": "...\nclass $SC(...):\n  ...\n  def $LOOK(...):\n    ...\n"},
    ]


def not_a_called_helper():
    """The function `$F` is not called by another function of the module
    (fixlint reports a helper's binding at the call in the handler, which
    Semgrep cannot follow; so it stays silent on both)."""
    return [
        {"pattern-not-inside": "def $CALLER(...):\n  ...\n  <... $F(...) ...>\n  ...\n...\ndef $F(...):\n  ...\n"},
        {"pattern-not-inside": "def $F(...):\n  ...\n...\ndef $CALLER(...):\n  ...\n  <... $F(...) ...>\n  ...\n"},
    ]


# From the adapters: the request's cookie jars (`request.cookies`, Django's
# `request.COOKIES`) and the parameter declarations that read a cookie
# (FastAPI's `Cookie()`, by each module that defines or exports it).
COOKIE_JARS = sorted({a for f in fw.REQUEST_FRAMEWORKS for a, source in f.requests.sources.items() if source == "cookie"},
                     key=lambda jar: (jar.lower(), jar.isupper()))
COOKIE_PARAMETERS = sorted(
    f"{module}.{name}" for f in fw.REQUEST_FRAMEWORKS for module in f.requests.param_modules
    for name, source in f.requests.param_sources.items() if source == "cookie"
)


def incoming_ids():
    """Taint sources: a value the request's cookies brought (Flask/Starlette
    `request.cookies`, Django `request.COOKIES`, a FastAPI `Cookie()`
    parameter) — the id a hand-rolled store's record is keyed by."""
    sources = [{"pattern": f"$REQ.{jar}.get(...)"} for jar in COOKIE_JARS]
    sources += [{"pattern": f"$REQ.{jar}[...]"} for jar in COOKIE_JARS]
    sources += [{"patterns": [{"pattern-inside": f"def $FN(..., $P: $T = {cookie}(...), ...):\n  ...\n"},
                              {"pattern": "$P"}]}
                for cookie in COOKIE_PARAMETERS]
    return sources


def store_record_keyed_by(key_re):
    """Taint sink: the id under which a store record holding a `key_re` key
    is written (`SESSIONS[sid] = {...}`, `SESSIONS[sid]["user_id"] = ...`,
    `cache.set(f"session:{sid}", json.dumps({...}))`)."""
    return [
        {"pattern-either": [
            {"pattern-inside": "$STORE[$SID] = {..., $K: $V, ...}"},
            {"pattern-inside": "$STORE[$SID][$K] = $V"},
            {"pattern-inside": "$CACHE.$SET(<... $SID ...>, <... {..., $K: $V, ...} ...>, ...)"},
        ]},
        regex("$K", key_re),
        {"pattern": "$SID"},
    ]


def helper_call(binding, key_re, unless=()):
    """A call to a function `$H` of the same module (defined before or
    after) whose body makes `binding` (a statement binding `$HK`, whose text
    matches `key_re`) and contains none of the `unless` statements: one
    level of what fixlint follows transitively. A method of the same class
    called as `self.$H(...)` counts too."""
    out = [
        {"pattern-either": [
            {"pattern-inside": f"def $H(...):\n  ...\n  {binding}\n  ...\n...\n"},
            {"pattern-inside": f"...\ndef $H(...):\n  ...\n  {binding}\n  ...\n"},
        ]},
        regex("$HK", key_re),
        {"pattern-either": [{"pattern": "$H(...)"}, {"pattern": "self.$H(...)"}]},
    ]
    for statement in unless:
        out += [
            {"pattern-not-inside": f"def $H(...):\n  ...\n  <... {statement} ...>\n  ...\n...\n"},
            {"pattern-not-inside": f"...\ndef $H(...):\n  ...\n  <... {statement} ...>\n  ...\n"},
        ]
    return out


def imports(modules):
    """The file imports one of `modules` (or a submodule of one)."""
    return [
        {"pattern-either": [
            {"pattern-inside": "import $MOD\n...\n"},
            {"pattern-inside": "from $MOD import $IMPORTED\n...\n"},
        ]},
        regex("$MOD", rf"^({words(modules)})(\.|$)"),
    ]


def not_importing(modules):
    """The file imports none of `modules` (nor their submodules)."""
    return [
        {"pattern-not-inside": f"{form}\n...\n"}
        for module in modules
        for form in (f"import {module}", f"from {module} import $NOT_IMPORTED", f"from {module}.$NOT_SUB import $NOT_IMPORTED")
    ]


# From the adapters: the imports that mark a framework's module, and the
# session calls and views SFX101/SFX102's patterns name.
FLASK_MODULES = fw.FLASK.semgrep_imports()
DJANGO_MODULES = fw.DJANGO.semgrep_imports()
STARLETTE_MODULES = fw.STARLETTE.semgrep_imports()
PYRAMID_MODULES = fw.PYRAMID.semgrep_imports()
FLASK_SESSION = sorted({q.rsplit(".", 1)[0] for q in fw.FLASK_SESSION.extension_classes})
STARSESSIONS = sorted({q.split(".")[0] for q in fw.STARSESSIONS.regenerate_calls})
LOGIN_USER = sorted(fw.FLASK_LOGIN.bind_calls)
LOGOUT_USER = sorted(fw.FLASK_LOGIN.logout_calls)
DJANGO_LOGIN = sorted(fw.DJANGO.regenerate_calls)
DJANGO_LOGOUT = sorted(fw.DJANGO.logout_calls)
DJANGO_LOGIN_VIEWS = sorted(fw.DJANGO.login_views)
DJANGO_LOGOUT_VIEWS = sorted(fw.DJANGO.logout_views)
STARSESSIONS_REGENERATE = sorted(fw.STARSESSIONS.regenerate_calls)
FLASK_KVSESSION = list(fw.FLASK_KVSESSION.packages)
# Session methods advice names that no backend of a session object has:
# Flask's and Flask-Session's (Flask-KVSession's modules are left out), and
# Django's, Starlette's and starsessions' `request.session`.
FLASK_LOOKALIKES = SESSION_LIFECYCLE_METHODS - fw.FLASK.backend.session_methods - (
    fw.FLASK_SESSION.backend.session_methods)
REQUEST_LOOKALIKES = SESSION_LIFECYCLE_METHODS - fw.DJANGO.backend.session_methods - (
    fw.STARLETTE.backend.session_methods | fw.STARSESSIONS.backend.session_methods)
REGENERATE_WORDS = _phrases(auth.REGENERATE_WORDS)
# Quart's session is Flask's, under Quart's names (`from quart import session`).
# Read from Flask's adapter: the package of its Quart label variant, and the
# shortest of Flask's session objects in it (`quart.session`).
QUART_MODULES = tuple(package for package, _ in fw.FLASK.label_variants)
QUART_SESSION = min((q for q in fw.FLASK.session_objects if q.startswith(QUART_MODULES[0] + ".")), key=len)
# Litestar: the request's own session calls (`request.clear_session()`,
# `request.set_session({...})`).
LITESTAR_MODULES = fw.LITESTAR.semgrep_imports()
LITESTAR_CLEAR = sorted(m for m, what in fw.LITESTAR.request_session_calls.items() if what == "clear")
LITESTAR_WRITE = sorted(m for m, what in fw.LITESTAR.request_session_calls.items() if what == "write")
# Modules whose import puts Pyramid's session on the server (pyramid_beaker), with that backend.
PYRAMID_SERVER_SIDE = tuple((m, b) for m, b in fw.PYRAMID.backend_variants if b.server_side)
# Modules whose import puts Litestar's session on the server (ServerSideSessionConfig), with that backend.
LITESTAR_SERVER_SIDE = tuple((m, b) for m, b in fw.LITESTAR.backend_variants if b.server_side)
# aiohttp-session: the session is a local (`session = await get_session(request)`);
# `new_session(request)` regenerates, `session.invalidate()` ends it.
AIOHTTP_GET_SESSION = sorted(fw.AIOHTTP_SESSION.session_getters - fw.AIOHTTP_SESSION.regenerate_calls)
AIOHTTP_NEW_SESSION = sorted(fw.AIOHTTP_SESSION.regenerate_calls)
AIOHTTP_INVALIDATE = sorted(fw.AIOHTTP_SESSION.session_invalidate_methods)
# aiohttp-security: remember() binds the identity into that session under the policy it names.
AIOHTTP_REMEMBER = sorted(fw.AIOHTTP_SECURITY.bind_calls)


def policy_imported(framework):
    """The file imports the class that makes `framework`'s calls session
    events (`from aiohttp_security import SessionIdentityPolicy`)."""
    imports = []
    for qualname in framework.session_policy:
        module, _, name = qualname.rpartition(".")
        if module and name[:1].isupper():
            imports.append({"pattern-inside": f"from {module} import {name}\n...\n"})
    return [{"pattern-either": imports}]


def litestar_writes(request):
    """Litestar's identity writes: into `request.session`, or a whole
    session set with `request.set_session({..., "user_id": ...})`."""
    session = f"{request}.session"
    return [{"pattern-either": [
        {"patterns": [
            {"pattern-either": [
                {"patterns": [{"pattern": f"{session}[$K] = $V"}, regex("$V", SOME_VALUE_RE)]},
                {"pattern": f"{session}.update({{..., $K: $V, ...}})"},
                # Semgrep's `{..., $K: $V}` skips a dict that starts with `**old`.
                *[{"pattern": f"{request}.{write}({{{start}$K: $V, ...}})"}
                  for write in LITESTAR_WRITE for start in ("..., ", "**$OLD, ..., ")],
            ]},
            regex("$K", IDENTITY_KEY_RE),
        ]},
    ]}]


def aiohttp_session_local(session="$S"):
    """`session` is the session aiohttp-session's get_session() loaded."""
    return [{"pattern-either": [
        {"pattern-inside": f"{session} = await {getter}(...)\n...\n"} for getter in AIOHTTP_GET_SESSION
    ]}]

