"""Semgrep pattern pieces that SFX101 and SFX102 share: which functions are
login or logout handlers, which session keys name a principal, what ends or
regenerates a session in any framework, and the kit the adapters write
their own twins with (Framework.semgrep_twins: `bindings`, `removals`,
`invalidations`, `Backend` rows...). No framework is named here: what one
framework's session does is its adapter's, and the rule modules loop over
the registry.

Built from the vocabulary the flake8 rules read (frameworks/auth.py and the
adapters' data), so both engines agree on the words. Semgrep's
`metavariable-regex` matches from the start of the text (`re.match`), so
every regex here says where it may begin. Metavariables: `$F` a handler
function, `$CLS` its class, `$VERIFY` a credential check's callee, `$K`/`$V`
a session key and value, `$REQ` the request.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import frameworks as fw
from ..analysis import credentials
from ..config import NON_SENSITIVE_NAMES
from ..frameworks import auth, vocabularies
from ..frameworks.base import SESSION_LIFECYCLE_METHODS
from ._cookie_semgrep import regex, words
from .base import SemgrepRule


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
    unrelated = words(sorted(auth.NOT_IDENTITY_WORDS | auth.RECORD_ID_ENDINGS | set(NON_SENSITIVE_NAMES)))
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
    unrelated = words(sorted(auth.NOT_IDENTITY_WORDS | auth.RECORD_ID_ENDINGS | vocabularies.DISPLAY_WORDS
                            | set(NON_SENSITIVE_NAMES)))
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
# A value that binds somebody: setting a key to None/False/"", or to an
# empty container ({}, []), is not a login (analysis.identity.binds_nobody).
SOME_VALUE_RE = r"""^(?!(None|False|0|""|''|\{\s*\}|\[\s*\]|\(\s*\))$)"""


# From the registry: the methods of class-based views a login or logout
# handler may be (Django's `post`, `form_valid`), the calls a logout twin
# trusts to end the session or give it a new id (Flask-Login's
# logout_user(), Django's logout(), request.session.flush() / cycle_key(),
# Flask-Session's session_interface.regenerate(), starsessions'
# regenerate_session_id()), and the logout views whose super() ends it.
CLASS_VIEW_METHODS = sorted({m for f in fw.ROUTING_FRAMEWORKS if f.semgrep_class_views for m in f.routing.view_methods})
SESSION_ENDERS = [p for f in fw.FRAMEWORKS for p in f.semgrep_session_enders]
TRUSTED_LOGOUTS = [q for f in fw.FRAMEWORKS if f.semgrep_trusted_logout for q in sorted(f.logout_calls)]
INTERFACE_REGENERATORS = [f"$APP.{attr}.{method}(...)" for f in fw.FRAMEWORKS if f.interface_regenerate
                          for attr, method in (f.interface_regenerate,)]
REGENERATORS = [
    *(p for f in fw.FRAMEWORKS for p in f.semgrep_session_cyclers), *INTERFACE_REGENERATORS,
    *(f"{q}(...)" for f in fw.FRAMEWORKS if f.semgrep_trusted_regenerate for q in sorted(f.regenerate_calls)),
]
LOGOUT_VIEWS = [v for f in fw.FRAMEWORKS for v in sorted(f.logout_views)]
# The backend bases projects derive from (not every library backend: each one
# costs a pattern in every login rule).
AUTH_BACKENDS = [b for f in fw.FRAMEWORKS for b in sorted(f.auth_backends)
                 if b.rpartition(".")[2] in ("BaseBackend", "ModelBackend", "RemoteUserBackend")]


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
            regex("$F", rf"^({words(CLASS_VIEW_METHODS)})$"),
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
        calls += INTERFACE_REGENERATORS
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


def policy_imported(framework):
    """The file imports the class that makes `framework`'s calls session
    events (`from aiohttp_security import SessionIdentityPolicy`)."""
    imports = []
    for qualname in framework.session_policy:
        module, _, name = qualname.rpartition(".")
        if module and name[:1].isupper():
            imports.append({"pattern-inside": f"from {module} import {name}\n...\n"})
    return [{"pattern-either": imports}]


# -- the kit the adapters' Semgrep builders are given ---------------------------
# Adapters (fixlint/frameworks/) write their SFX101/SFX102 twins with these
# helpers, passed to them as `kit` (Framework.semgrep_twins); `kit.fw` is
# the registry, for a twin that reads another adapter's data.
Rule = SemgrepRule
LOOKALIKE_WHY = "which the session does not have (it raises AttributeError, or does nothing when caught)"


# A value made afresh from a strong random source: a new id, not who is
# signed in (analysis.identity.fresh_id).
FRESH_VALUES = ("uuid.uuid4()", "str(uuid.uuid4())", "uuid.uuid4().hex", "secrets.$RANDOM(...)",
                "str(secrets.$RANDOM(...))")


def bindings(session):
    """Identity writes into `session` (a pattern for the session object)."""
    return [
        {"pattern-either": [
            {"patterns": [{"pattern": f"{session}[$K] = $V"}, regex("$V", SOME_VALUE_RE)]},
            {"pattern": f"{session}.update({{..., $K: $V, ...}})"},
        ]},
        *[{"pattern-not": f"{session}[$K] = {fresh}"} for fresh in FRESH_VALUES],
        regex("$K", IDENTITY_KEY_RE),
        # Only the first binding: a later one is covered by its finding. The
        # earlier statement binds the same $K/$V, so the first is kept.
        {"pattern-not-inside": f"{session}[{IDENTITY_KEY}] = $EARLIER\n...\n{session}[$K] = $V\n"},
        {"pattern-not-inside": f"{session}[{IDENTITY_KEY}] = $EARLIER\n...\n{session}.update({{..., $K: $V, ...}})\n"},
        # A binding in an `else` branch repeats the `if` branch's (fixlint reports
        # the first in source order); when both read alike, Semgrep drops both.
        {"pattern-not-inside": f"if $COND:\n  ...\n  {session}[{IDENTITY_KEY}] = $EARLIER\n  ...\n"
                               f"else:\n  ...\n  {session}[$K] = $V\n  ...\n"},
    ]


def login_user(session, calls):
    """A library's login call (Flask-Login's login_user(...), among
    `calls`), unless an identity was written before it."""
    return [
        {"pattern-either": [{"pattern": f"{call}(...)"} for call in calls]},
        *[{"pattern-not-inside": f"{session}[{IDENTITY_KEY}] = $EARLIER\n...\n{call}(...)\n"}
          for call in calls],
    ]


def in_login_handler(methods=True):
    # Methods of an authentication backend run inside authenticate(), in the
    # view that signs the user in (only a class naming the backend as its base).
    not_a_backend = [{"pattern-not-inside": f"class $B(..., {backend}, ...):\n  ...\n"} for backend in AUTH_BACKENDS]
    return [*handler(LOGIN), *not_a_backend, *named_regenerators(methods)]


def restored(session):
    """The match follows a clear() of `session` that a snapshot of the
    whole session, taken before it, undoes afterwards."""
    snapshots = (f"dict({session})", f"{session}.copy()", f"{{**{session}}}", f"dict({session}.items())")
    restores = (f"{session}.update($OLD)", f"{session}.update(**$OLD)",
                f"for $KEY, $VALUE in $OLD.items():\n  {session}[$KEY] = $VALUE")
    return [{"pattern-either": [
        {"pattern-inside": f"$OLD = {snapshot}\n...\n{session}.clear()\n...\n{restore}\n...\n"}
        for snapshot in snapshots for restore in restores
    ]}]


class Backend(NamedTuple):
    """One session backend's SFX101 twins. Every backend reports the same
    things — an identity binding in a login handler, and, where it applies,
    a library's login call (`login_user()`) and a same-module helper's
    binding — and they differ only in what regenerates the session there
    (`regenerated`: patterns saying no regeneration covers the match, with
    the imports that mark the backend) and in the fix."""

    suffix: str  # "" for the first backend of the registry (Flask's cookie session)
    session: str  # the session object in patterns
    regenerated: list
    technology: tuple
    binding: str  # message for `session[$K] = $V`
    severity: str = ""  # of the binding, login_user() and helper twins: "medium" on a signed-cookie session
    login_user: str = ""  # message for a library's login call, among `login_calls`
    login_calls: tuple = ()
    helper: str = ""  # message for a helper's binding ($H, $HK)
    helper_unless: tuple = ()  # a helper holding one of these regenerates
    # Backend-specific extras: more binding forms, more exclusions of the
    # binding and of the helper call.
    bindings: list = ()
    binding_extra: list = ()
    helper_extra: list = ()
    helper_regenerated: list = None  # default: `regenerated`
    extra: tuple = ()  # the backend's own further rules (lookalike calls, restored snapshots), last
    # Message for a write of a credential-checked user record (a login by
    # behaviour), and what regenerates there (default: `regenerated`).
    record: str = ""
    record_regenerated: list = None
    # What the suffixes of its login, helper and record twins start with
    # (default: `suffix`; the first backend, whose suffix is "", names it).
    stem: str = ""


def import_forms(qualname):
    """Import statements of a module (`aiohttp_session.cookie_storage`) or of
    a class in one (`aiohttp_session.SimpleCookieStorage`), as Semgrep patterns."""
    module, _, name = qualname.rpartition(".")
    if name[:1].isupper():
        return [f"from {module} import {name}"]
    return [f"import {qualname}", f"from {qualname} import $IMPORTED", f"from {qualname}.$SUB import $IMPORTED"]


def importing(qualnames):
    return {"pattern-either": [{"pattern-inside": f"{form}\n...\n"} for q in qualnames for form in import_forms(q)]}


def importing_none(qualnames):
    return [{"pattern-not-inside": f"{form}\n...\n"} for q in qualnames for form in import_forms(q)]


def removals(session):
    """Partial removals of an identity key from `session`; only the first
    in the handler (a later one binds a different $K, so the first stays)."""
    earlier = (f"{session}.pop({IDENTITY_KEY}, ...)", f"del {session}[{IDENTITY_KEY}]")
    later = (f"{session}.pop($K, ...)", f"del {session}[$K]", f"{session}[$K] = $V")
    return [
        {"pattern-either": [
            {"pattern": f"{session}.pop($K, ...)"},
            {"pattern": f"del {session}[$K]"},
            {"patterns": [{"pattern": f"{session}[$K] = $V"}, regex("$V", r"^(None|False|0)$")]},
        ]},
        regex("$K", IDENTITY_KEY_RE),
        *[{"pattern-not-inside": f"{e}\n...\n{l}\n"} for e in earlier for l in later],
    ]


def invalidations(session, regenerations=False, methods=True):
    """Calls that end the session, anywhere in the handler: clear(), the
    registry's trusted logout calls and request-session enders
    (flask_login.logout_user(), Django's logout()/flush()/delete()), and
    calls named like a logout or an invalidation, which fixlint trusts too.
    With `regenerations`, for a removal of an identity key: a regeneration
    as well (cycle_key(), Flask-Session's regenerate, starsessions), which
    leaves a new id without the identity. Without `methods`, a method named
    like a session lifecycle method (`x.invalidate()`) is not trusted: the
    lookalike rule judges those."""
    calls = [f"{session}.clear()", *SESSION_ENDERS, *(f"{q}(...)" for q in TRUSTED_LOGOUTS)]
    if regenerations:
        calls += REGENERATORS
    for word in auth.INVALIDATE_WORDS:
        calls.append(f"{word}(...)")
        if methods or word not in SESSION_LIFECYCLE_METHODS:
            calls.append(f"$OBJ.{word}(...)")
    return anywhere_in_function(*calls)


def in_logout_handler():
    return [
        *handler(LOGOUT, verifying=False),
        *[{"pattern-not-inside": f"class $C(..., {view}, ...):\n  ...\n  def $M(...):\n"
                                 f"    ...\n    <... super().$SUPER(...) ...>\n    ...\n"}
          for view in LOGOUT_VIEWS],
    ]


SESSION_COOKIE = (r"""^([rub]?["'][^"']*(?i:sess|sid)[^"']*["']|.*SESSION_COOKIE_NAME.*)$""")


def library_logins(framework):
    """The login calls of the registry's libraries that extend `framework`
    (Flask-Login's login_user() for Flask)."""
    return sorted(q for f in fw.FRAMEWORKS if f.extends is framework for q in f.bind_calls)


def request_session_frameworks():
    """The frameworks whose session is the shared `request.session` twins
    judge together (Django, Starlette, starsessions), in registry order."""
    return [f for f in fw.FRAMEWORKS if f.semgrep_request_session]


def request_session_modules():
    """The imports that mark a module using such a `request.session`."""
    return tuple(m for f in request_session_frameworks() for m in f.semgrep_imports())


def request_lookalikes():
    """Session methods advice names that none of those sessions has."""
    methods = set()
    for f in request_session_frameworks():
        methods |= f.backend.session_methods
    return SESSION_LIFECYCLE_METHODS - methods
