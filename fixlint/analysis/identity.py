"""Identities in sessions and store records: which keys name a principal or
privilege (`user_id`, `is_admin`, `_auth_user_id`), the literal key a
subscript writes, and the identity a store record's value carries.

Shared by the session lifecycle (SFX101/SFX102) and its Semgrep twins.
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from ..config import Config
from ..frameworks import auth, stdlib
from ..frameworks import vocabularies as vocab


DEFAULT_CONFIG = Config()


def is_identity_key(key, config=None):
    """True for a session key that names a principal or privilege; never
    for a non-sensitive name (`theme`, `user_prefs`: the vocabulary the
    cookie rules share, from `config`)."""
    lowered = key.lower().replace("-", "_")
    if lowered in auth.IDENTITY_KEYS:
        return True
    if names_something_else(key, config):
        return False
    if "2fa" in lowered:
        return True
    if lowered.replace("_", "") in vocab.SIGNED_IN_FLAGS:
        return True  # `islogin`, `isloggedin`: a signed-in flag written as one word
    return any(w in auth.PRINCIPAL_WORDS for w in fw.words(key))


def names_something_else(key, config=None):
    """A session key named for something other than who is signed in: a
    step of a flow (`next`, `oauth_state`), a cart (`carrito`), a count
    (auth.NOT_IDENTITY_WORDS), a one-time code sent out (`login_otp`), the id of a record no one signs in as
    (`auth_ticket_id`), or a preference (`theme`: the non-sensitive names
    the cookie rules share, from `config`)."""
    words = fw.words(key)
    if any(w in auth.NOT_IDENTITY_WORDS for w in words) or _ids_another_record(words):
        return True
    if words and words[-1] in auth.ONE_TIME_CODE_WORDS:
        return True  # `login_otp`: the code sent out
    return fw.is_non_sensitive_name(key, config or DEFAULT_CONFIG)


def _ids_another_record(words, owners=auth.NOT_PRINCIPAL_RECORDS):
    """`auth_ticket_id`, `auth_acl_id`: the id of a record that is no
    principal (a login-review ticket, an access rule), whatever the words
    before it say about whose it is. The ticket itself (`auth_ticket`) may
    be a credential; `otp_device_id`, the device a second factor was
    verified with, stays a privilege."""
    return len(words) > 1 and words[-1] in auth.RECORD_ID_WORDS and words[-2] in owners


def ids_a_record(name, owners):
    """Whether `name` ends with a record-id word after one of `owners`
    (`gmail_credential_id`: a credential record's id)."""
    return _ids_another_record(fw.words(name), owners)


# Values that hold nobody: a write of one under an identity key signs the user out, not in.
_NOBODY = (None, False, 0, "", b"")
# A string saying no one or a failure (`session["login_success"] = "fail"` on
# a login form's page, TwitterClone): a state, binding nobody, as False does.
_FAILED = frozenset(("false", "fail", "failed", "failure", "no", "none", "null", "error", "invalid", "denied"))
_CONTAINERS = (ast.List, ast.Dict, ast.Set, ast.Tuple)


def binds_nobody(value, depth=0):
    """An empty value (`None`, `""`) or a container holding only such values
    (`{}`, `[]`: what is added to it later decides; an anonymous visitor's
    placeholder, `{"login": "", "auth": False}`), or a string saying a
    failure (`"fail"`, `"false"`): written under an identity key, it binds
    nobody."""
    cls = value.__class__
    if cls is ast.Constant:
        return value.value in _NOBODY or (value.value.__class__ is str and value.value.lower() in _FAILED)
    if cls is ast.Dict:
        return None not in value.keys and depth < 3 and all(binds_nobody(v, depth + 1) for v in value.values)
    return cls in _CONTAINERS and depth < 3 and all(binds_nobody(v, depth + 1) for v in value.elts)


def fresh_id(value, qualname):
    """A value made afresh from a strong random source out of nothing the
    code holds (`str(uuid.uuid4())`, `secrets.token_hex(16)`,
    `uuid.uuid4().hex`): a new id, the same for no user, not who is signed
    in, whatever the key it is written under (Ansible-Website's login page
    writing `session["id"]`, the app's own session id). `qualname(func)`:
    the qualified name of a callee."""
    if not _from_nothing(value, 0):
        return False
    for node in ast.walk(value):
        if node.__class__ is ast.Call:
            called = qualname(node.func)
            if called is not None and (called in stdlib.STRONG_CALLS or called.startswith(stdlib.STRONG_PREFIXES)):
                return True
    return False


def _from_nothing(expr, depth):
    """Whether an expression is built of calls and literals alone: no name,
    attribute or subscript it reads a value from (a callee may be one:
    `uuid.uuid4().hex`)."""
    if depth > 8:
        return False
    cls = expr.__class__
    if cls is ast.Constant:
        return True
    if cls is ast.Call:
        return all(_from_nothing(a, depth + 1) for a in expr.args) and all(
            k.arg is not None and _from_nothing(k.value, depth + 1) for k in expr.keywords)
    if cls is ast.Attribute:
        return expr.value.__class__ is ast.Call and _from_nothing(expr.value, depth + 1)
    if cls is ast.JoinedStr:
        return all(_from_nothing(v, depth + 1) for v in expr.values)
    if cls is ast.FormattedValue:
        return _from_nothing(expr.value, depth + 1)
    if cls is ast.BinOp:  # `secrets.randbelow(10**6)`
        return _from_nothing(expr.left, depth + 1) and _from_nothing(expr.right, depth + 1)
    if cls is ast.UnaryOp:
        return _from_nothing(expr.operand, depth + 1)
    return False


def literal_key(expr, ctx):
    """A subscript key as a string: a literal, a constant it names, or
    Django's auth constants (`SESSION_KEY` -> `_auth_user_id`)."""
    from ..engine.values import literal_string

    key = literal_string(expr, ctx)
    if key is not None:
        return key
    if expr.__class__ in (ast.Name, ast.Attribute):
        return _SESSION_KEY_CONSTANTS.get(ctx.qualname(expr))
    return None


_SESSION_KEY_CONSTANTS = {q: k for f in fw.FRAMEWORKS for q, k in f.session_key_constants.items()}


def dotted(expr):
    """`user.id` -> 'user.id'; `user["id"]` -> 'user'; else None."""
    parts = []
    while True:
        cls = expr.__class__
        if cls is ast.Attribute:
            parts.append(expr.attr)
            expr = expr.value
        elif cls is ast.Subscript:
            expr = expr.value
        elif cls is ast.Name:
            parts.append(expr.id)
            return ".".join(reversed(parts))
        else:
            return None


def identity_in_value(expr, ctx, depth=0):
    """The identity a store record value carries: a dict with an identity
    key, or a value named like a principal (`user.id`, `username`). Returns
    the key or name to quote in the message, or None."""
    if expr is None or depth > 4:
        return None
    cls = expr.__class__
    if cls is ast.Dict:
        for key in expr.keys:
            text = literal_key(key, ctx) if key is not None else None
            if text is not None and is_identity_key(text, ctx.config):
                return text
        return None
    if cls is ast.Call:
        for keyword in expr.keywords:  # dict(user_id=...)
            if keyword.arg is not None and is_identity_key(keyword.arg, ctx.config):
                return keyword.arg
        for arg in expr.args[:1]:  # json.dumps({...}), pickle.dumps(record)
            found = identity_in_value(arg, ctx, depth + 1)
            if found is not None:
                return found
        return None
    if cls is ast.Name:
        value = ctx.value_of(expr)
        if value is not expr and value.__class__ in (ast.Dict, ast.Call):
            found = identity_in_value(value, ctx, depth + 1)
            if found is not None:
                return found
    name = dotted(expr)
    if name is not None and is_identity_key(name.replace(".", "_"), ctx.config):
        return name
    return None
