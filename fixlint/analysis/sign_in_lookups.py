"""Request values that sign a user in by themselves (SFX201; RULES.md
Revision 2, "Logins by what they do" and "Request sources everywhere they
arrive").

A value from the query string, a form or JSON body or the URL path that
looks the user up (`User.objects.get(staff_key=value)`,
`User.query.filter_by(api_key=value).first()`) whose record the same
function then signs in (writes into the session, `login_user(record)`,
Django's `login(request, record)`) — with no credential check anywhere in
the function — is the credential the session rests on, whatever it is
called: a session id sent in the request instead of a cookie.

Not such a value: one that finds the user by an identifier (`username`,
`email`, `id`: IDENTIFIER_COLUMN_WORDS) or a password column, one in a
function that also checks credentials (the login form's username), or
that only a signed-in user reaches (`@login_required`: YPPF's switch from
a member's account to the group's it administers), one whose lookup
result is not signed in (a password-reset token, a page token, a CSRF
token compared with the session's).
"""

from __future__ import annotations

import ast

from .. import frameworks as fw
from ..engine.nodes import walk
from ..frameworks import vocabularies as vocab
from .credentials import LOOKUP_METHODS, checks_credentials, password_column, project_verifier
from .identity import is_identity_key
from .origins import COOKIE, HEADER

_SIGN_IN_CALLS = frozenset().union(*(f.bind_calls | f.regenerate_calls for f in fw.FRAMEWORKS))
_MAX_NODES = 200  # a value's walk stops here
SIGN_IN_LOOKUP = "the sign-in lookup"  # how a message names the sink (SFX201)


def _callee(func):
    return func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)


def is_identifier_column(column):
    """`username`, `email__iexact`, `user_id`: the row is found by who it
    is, not by a secret; so is a password column (a credential check)."""
    column = column.split("__")[0]
    if password_column(column.lower()):
        return True
    words = fw.words(column)
    return not words or all(w in vocab.IDENTIFIER_COLUMN_WORDS for w in words)


def _server_identity(column, given, held, origins):
    """Whether a filter finds the row by an id the server obtained, not the
    request (`oauth2_id=profile["id"]`, the provider's answer to the code
    exchange): a column whose last word is an identifier (`oauth2_id`,
    `google_sub`), given a computed value no request read reaches. A
    request value beside it (`oauth2_provider=choice`) only narrows the
    lookup; it signs nobody in by itself."""
    words = fw.words(column.split("__")[0])
    if not words or words[-1] not in _ID_WORDS or given.__class__ is ast.Constant:
        return False
    if held.__class__ is ast.Constant or given.__class__ is ast.Name and held is given:
        return False  # a literal, or a name bound to nothing known here (a parameter)
    return not origins.reads_in(given) and not origins.reads_in(held)


_ID_WORDS = frozenset(("id", "uid", "sub", "uuid"))


class SignInLookups:
    """Per function, in source order: the names holding a row looked up by
    a request value, the sign-ins of such a row, and whether credentials
    were checked."""

    __slots__ = ("ctx", "origins", "_rows", "_verifying", "_signed_in")

    def __init__(self, ctx, origins):
        self.ctx = ctx
        self.origins = origins
        self._rows = {}  # (FunctionDef, name) -> (reads, label)
        self._verifying = set()  # FunctionDefs that check credentials
        self._signed_in = []  # (FunctionDef, reads, label)

    def _function(self):
        info = self.ctx.function
        return None if info is None else info.node

    def assigned(self, targets, value):
        """`user = User.query.filter_by(staff_key=key).first()`."""
        function = self._function()
        if function is None:
            return
        found = self._lookup(value)
        if found is None:
            return
        for target in targets:
            if target.__class__ is ast.Name:
                self._rows[(function, target.id)] = found

    def _lookup(self, value):
        """(reads, label) for a lookup in `value` filtered by a request value
        on a column that is not an identifier, else None."""
        for node in self.ctx.value_summary(value, _MAX_NODES)[0]:
            if _callee(node.func) not in LOOKUP_METHODS:
                continue
            pairs = [(k.arg, k.value) for k in node.keywords if k.arg]
            for arg in node.args:  # .filter(User.api_key == key)
                if arg.__class__ is ast.Compare and len(arg.ops) == 1 and arg.ops[0].__class__ is ast.Eq:
                    if arg.left.__class__ is ast.Attribute:
                        pairs.append((arg.left.attr, arg.comparators[0]))
            found = None
            for column, given in pairs:
                # A local's whole value, every alternative of it: `token =
                # request.headers.get("x-token") or request.GET.get("x-token")`
                # (spug's middleware) takes it from the query string too.
                held = self.ctx.value_of(given) if given.__class__ is ast.Name else given
                if _server_identity(column, given, held, self.origins):
                    found = None  # the row is found by who the server was told it is
                    break
                if is_identifier_column(column) or found is not None:
                    continue
                reads = [r for r in dict.fromkeys((*self.origins.reads_in(given), *self.origins.reads_in(held)))
                         if r.source not in (COOKIE, HEADER, None) and not r.numeric]
                if reads:
                    found = reads, f"{SIGN_IN_LOOKUP} {_callee(node.func)}({column}=...)"
            if found is not None:
                return found
        return None

    def call(self, node, func, qualname):
        function = self._function()
        if function is None:
            return
        if function not in self._verifying and (checks_credentials(self.ctx, node)
                                                or project_verifier(self.ctx, node)):
            self._verifying.add(function)
        if qualname in _SIGN_IN_CALLS:
            for arg in node.args:
                self.session_write(arg, login=True)

    def session_write(self, value, key=None, login=False):
        """`session["user_id"] = row.id` (a key naming a principal),
        `login_user(row)` (`login`)."""
        function = self._function()
        if function is None or not self._rows:
            return
        if not login and (key is None or not is_identity_key(key, self.ctx.config)):
            return  # `session["recent"] = [item.id for item in page]` signs nobody in
        count = 0
        for node in walk(value):
            count += 1
            if count > _MAX_NODES:
                return
            if node.__class__ is ast.Name:
                found = self._rows.get((function, node.id))
                if found is not None:
                    self._signed_in.append((function, *found))
                    return

    def sign_ins(self):
        """(reads, label) for each row signed in by a function that checks
        no credentials and that a request need not be signed in to reach."""
        return [(reads, label) for function, reads, label in self._signed_in
                if function not in self._verifying and not _requires_sign_in(function)]


def _requires_sign_in(function):
    """A function decorated to admit signed-in users only
    (`@login_required`, `@login_required(redirect_field_name=...)`,
    `@permission_required(...)`, `@user_passes_test(...)`): the value it
    looks a row up by is no credential."""
    for decorator in function.decorator_list:
        if decorator.__class__ is ast.Call:
            decorator = decorator.func
        name = _callee(decorator)
        if name is not None and (name in vocab.SIGNED_IN_DECORATORS or (
                "required" in fw.words(name) and not vocab.SIGNED_IN_REQUIREMENTS.isdisjoint(fw.words(name)))):
            return True
    return False
