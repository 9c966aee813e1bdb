"""Verified user records: what a login knows once it has checked credentials.

RULES.md Revision 2, "Logins by what they do": a credential check followed
by a session write of a value taken from the verified user record is a login,
whatever the key is called. Per function, in source order, this keeps the
local names that hold such a record:

- the result of a credential check: `user = authenticate(...)`,
  `token = oauth.authorize_access_token()`, `claims = verify_id_token(...)`;
- the result of a credential lookup, a query that filters on a password
  column: `Usuario.objects.filter(email=e).filter(password=p)`,
  `User.query.filter_by(username=u, password=p).first()`, a cursor that ran
  `SELECT ... WHERE username = %s AND password = %s` (and what is fetched
  from it);
- the record a check was run against: `user` in `user.check_password(pw)`
  and in `check_password_hash(user.password_hash, pw)`, `data` in
  `password = data["password"]; sha256_crypt.verify(candidate, password)`;
- anything assigned from one of these (`userinfo = token["userinfo"]`).

The request (`request.user.check_password(...)`) and `self` are never a
record: everything the handler reads hangs off them.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

from .. import frameworks as fw
from ..engine import scope as sc
from ..engine.nodes import keyed_read, kept
from ..frameworks import auth
from ..frameworks import vocabularies as vocab

# Callees that look a row up (ORM and document stores); a password keyword
# among their arguments makes the lookup a credential check.
LOOKUP_METHODS = frozenset(
    ("filter", "filter_by", "get", "get_or_none", "find_one", "find", "where", "exclude", "aget",
     "afilter", "first", "one", "scalar")
)
# The column may be quoted as MySQL and SQLite/PostgreSQL quote it (`` `password` = %s ``, `"password" = ?`).
_SQL_PASSWORD = re.compile(
    r"\bwhere\b.*?\b(?:%s)\w*[`\"\]]?\s*(?:=|like\b)" % "|".join(sorted(map(re.escape, vocab.PASSWORD_COLUMNS))),
    re.IGNORECASE | re.DOTALL,
)
_NOT_RECORDS = frozenset(("self", "cls")) | fw.REQUEST_NAMES
_ENCODERS = frozenset(("encode", "strip"))  # a credential passed on as bytes or trimmed (`password.encode()`)
_MAX_NODES = 200  # a value's walk stops here: a huge literal holds no record
_NONE = frozenset()


def credential_query(call, value_of=None):
    """True for a lookup that filters on a password column: by keyword
    (`filter_by(password=...)`), in a filter document (pymongo's
    `find_one({"email": e, "contraseña": c})`, also a local name for one
    when `value_of(name)` gives its value), or in an SQL string."""
    func = call.func
    name = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
    if name in LOOKUP_METHODS:
        for keyword in call.keywords:
            if keyword.arg is not None and password_column(keyword.arg.lower().split("__")[0]):
                return True
            if keyword.arg is None and value_of is not None and _login_form_fields(keyword.value, value_of):
                return True
        if call.args:
            document = call.args[0]
            if document.__class__ is ast.Name and value_of is not None:
                document = value_of(document)
            if document.__class__ is ast.Dict and _filters_on_password(document):
                return True
            # SQLAlchemy's expressions: `.filter(User.name == n, User.password == p)`, `.where(...)`
            if any(_compares_apassword_column(arg) for arg in call.args):
                return True
    if call.args:
        first = call.args[0]
        if first.__class__ is ast.Name and value_of is not None:
            first = value_of(first)  # `query = "SELECT ..."; cursor.execute(query, values)`
        text = _text(first)
        # "where" first: the pattern needs it (no other letter folds to
        # w, h, e or r under IGNORECASE), and most strings lack it.
        if text is not None and "where" in text.lower() and _SQL_PASSWORD.search(text):
            return True
    return False


def _login_form_fields(expr, value_of):
    """`**form.cleaned_data` (or a name holding it) of a login form
    (`form = LoginForm(data=request.POST)`): the lookup filters on every
    field of the form, the password among them (a Django tutorial's
    `Staff.objects.filter(**form.cleaned_data).first()`)."""
    if expr.__class__ is ast.Name:
        expr = value_of(expr)
    if expr.__class__ is not ast.Attribute or expr.attr != "cleaned_data" or expr.value.__class__ is not ast.Name:
        return False
    form = value_of(expr.value)
    if form.__class__ is not ast.Call:
        return False
    func = form.func
    name = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
    return name is not None and auth.LOGIN_FORM_NAME.search(name) is not None


def password_column(column):
    """`password`, `senha`, or one of them after a prefix: helios's
    `voter_password` (a voter's own password, looked up with its id),
    `Member.member_password`, `uye_sifre`."""
    return column in vocab.PASSWORD_COLUMNS or column.rpartition("_")[2] in vocab.PASSWORD_COLUMNS


def takes_a_password(function):
    """Whether a function has a parameter named for a password (`password`,
    `new_password`, `senha`, `kata_sandi`: auth.PASSWORD_NEEDLES)."""
    args = function.args
    return any(needle in arg.arg for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs)
               for needle in auth.PASSWORD_NEEDLES)


def _compares_apassword_column(expr):
    """`Model.password == value` (either side; `cls.password` in a class's
    own lookup method), also inside `and_(...)`."""
    if expr.__class__ is ast.Call:
        return any(_compares_apassword_column(arg) for arg in expr.args)
    if expr.__class__ is not ast.Compare or len(expr.ops) != 1 or expr.ops[0].__class__ is not ast.Eq:
        return False
    return any(side.__class__ is ast.Attribute and password_column(side.attr.lower())
               for side in (expr.left, expr.comparators[0]))


def _filters_on_password(document, depth=0):
    """A filter document with a password field (`{"password": p}`), also
    among the conditions of a conjunction (MongoDB's `{"$and": [{"user":
    u}, {"password": p}]}`, clearfarmAPI's login)."""
    for key, value in zip(document.keys, document.values):
        if key.__class__ is not ast.Constant or not isinstance(key.value, str):
            continue
        if key.value.lower().split(".")[-1] in vocab.PASSWORD_COLUMNS:
            return True
        if key.value == "$and" and value.__class__ in (ast.List, ast.Tuple) and depth < 3 and any(
                part.__class__ is ast.Dict and _filters_on_password(part, depth + 1) for part in value.elts):
            return True
    return False


def _text(expr):
    """A literal string's text, or an f-string's literal parts."""
    if expr.__class__ is ast.Constant and isinstance(expr.value, str):
        return expr.value
    if expr.__class__ is ast.JoinedStr:
        return " ? ".join(v.value for v in expr.values if v.__class__ is ast.Constant and isinstance(v.value, str))
    return None


def root_name(expr):
    """`user` for `user`, `user.id`, `user["id"]`, `rows[0].id`; else None."""
    while True:
        cls = expr.__class__
        if cls is ast.Attribute or cls is ast.Subscript:
            expr = expr.value
        elif cls is ast.Call and expr.func.__class__ is ast.Attribute:
            expr = expr.func.value  # cur.fetchone(), user.get("id")
        elif cls is ast.Name:
            return expr.id
        else:
            return None


class VerifiedRecords:
    """The local names holding a verified user record, per function."""

    __slots__ = ("ctx", "is_verifier", "_names", "_credentials")

    def __init__(self, ctx, is_verifier):
        self.ctx = ctx
        self.is_verifier = is_verifier  # (ctx, func, name) -> bool, the lifecycle analysis's test
        self._names = {}  # FunctionDef -> set of names
        self._credentials = {}  # FunctionDef -> the local names a credential check was given

    def _current(self):
        function = self.ctx.function
        return None if function is None else self._names.setdefault(function.node, set())

    # -- recording, in source order ------------------------------------------
    def assigned(self, targets, value):
        """`user = authenticate(...)`, `row = cur.fetchone()`."""
        names = self._current()
        if names is None or not self._carries(value, names, calls=True):
            return
        for target in targets:
            if target.__class__ is ast.Name and target.id not in _NOT_RECORDS:
                names.add(target.id)

    def checked(self, call):
        """A credential check or lookup ran: the record it ran against is
        verified from here on."""
        names = self._current()
        if names is None:
            return
        func = call.func
        if func.__class__ is ast.Attribute:
            self._mark(func.value, names)
        for arg in call.args:
            if (arg.__class__ is ast.Call and arg.func.__class__ is ast.Attribute and arg.func.attr in _ENCODERS
                    and arg.func.value.__class__ in (ast.Name, ast.Attribute, ast.Subscript)):
                arg = arg.func.value  # checkpw(passphrase.encode(), ...), hashpw(pw, user["password"].encode())
            if arg.__class__ in (ast.Attribute, ast.Subscript):
                self._mark(arg, names)
            elif arg.__class__ is ast.Name:
                binding = self.ctx.binding(arg)
                if binding is not None and binding.kind == sc.ASSIGN and binding.value is not None:
                    if binding.value.__class__ in (ast.Attribute, ast.Subscript):
                        self._mark(binding.value, names)
                if binding is not None and binding.kind in (sc.ASSIGN, sc.PARAM) and (
                        binding.scope is self.ctx.function.scope) and arg.id not in _NOT_RECORDS:
                    # The credential checked, itself: a passphrase that is the user's only
                    # identity (SecureDrop's `session["codename"] = passphrase`).
                    self._credentials.setdefault(self.ctx.function.node, set()).add(arg.id)

    def compared(self, compare):
        """A password compared by hand with a record's (compares_passwords):
        the record is verified from here on."""
        names = self._current()
        if names is None:
            return
        for side in (compare.left, compare.comparators[0]):
            side = _unencoded(side)  # `user["password"].encode()`
            if _stored_password(side):
                self._mark(side, names)

    def _mark(self, expr, names):
        name = root_name(expr)
        if name is None or name in _NOT_RECORDS:
            return
        binding = self.ctx.lookup(name)
        if binding is not None and binding.kind in (sc.IMPORT, sc.FUNCTION, sc.CLASS):
            return  # `bcrypt.checkpw(...)`: a module, not a record
        if binding is not None and binding.scope is not None and binding.scope.kind == sc.MODULE:
            return  # `pwd_context.verify(...)`: a module-level helper
        names.add(name)

    # -- questions ---------------------------------------------------------------
    def held_by(self, function):
        """The names holding a verified record in `function` (a FunctionDef), by the end of its walk."""
        return self._names.get(function) or _NONE

    def holds_credential(self, value):
        """True when `value` is a credential a check was given in this
        function (`verify_api_key(key)`, then `key`)."""
        function = self.ctx.function
        held = self._credentials.get(function.node) if function is not None else None
        return bool(held) and value.__class__ is ast.Name and value.id in held

    def holds_record(self, value):
        """True when `value` is taken from a verified user record."""
        names = self._current()
        return names is not None and self._carries(value, names, calls=False)

    def _carries(self, value, names, calls):
        # A Name of `names`, or (`calls`) a credential check, among the
        # value's first _MAX_NODES nodes.
        found_calls, found_names = self.ctx.value_summary(value, _MAX_NODES)
        if names and not names.isdisjoint(found_names):
            return True
        if found_calls and any(project_verifier(self.ctx, node) for node in found_calls):
            # What a project helper that checks the credentials returns
            # (Medetrics' `buscar_numero_salud(email, contraseña)`, a field of
            # the record its password query found): the verified record's.
            return True
        if calls:
            ctx, verifier = self.ctx, self.is_verifier
            if verifier is is_verifier:
                return any(checks_credentials(ctx, node) for node in found_calls)
            for node in found_calls:
                func = node.func
                name = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
                if name is not None and (verifier(ctx, func, name) or credential_query(node)):
                    return True
        return False


def checks_credentials(ctx, call):
    """Whether a call checks credentials: its callee is a verifier
    (`is_verifier`) or it is a credential lookup (`credential_query`).
    The lifecycle, the sign-in lookups and every assigned value that holds
    the call ask in turn: the answer depends on the call alone and is kept
    on it (nodes.kept), except one that rests on what a receiver's callee
    means at this point (`pyotp.TOTP(s).verify(code)`)."""
    func = call.func
    if func.__class__ is ast.Attribute and func.value.__class__ is ast.Call and verifier_name(func.attr) is None:
        return _verify_receiver(ctx, func) or credential_query(call, ctx.value_of)
    if checks_credentials_alone(call):
        return True
    # `query = {"email": e, "password": p}; users.find_one(query)`: the filter a name holds;
    # `filter(**form.cleaned_data)`: the fields of the form a name holds
    if (call.args and call.args[0].__class__ is ast.Name) or (call.keywords and any(k.arg is None for k in call.keywords)):
        return credential_query(call, ctx.value_of)
    return False


def checks_credentials_alone(call):
    """checks_credentials where the call alone says so (its callee's name,
    a receiver named for passwords, a credential query): what a project
    helper's profile records (project/functions.py, `verifies`)."""
    return kept(call, "checks credentials", _checks_credentials)


def project_verifier(ctx, call):
    """A call of a function another module of the project defines that
    checks credentials (its profile's `verifies`: vulpy's
    `libuser.login(username, password)` running the password query)."""
    project = ctx.project
    if project is None or not project.helpers:
        return False
    verifying = ctx.kept.get(project_verifier)
    if verifying is None:  # the file's imported helpers that verify, found once
        verifying = ctx.kept[project_verifier] = frozenset(
            name for name, profile in project.helpers.items() if profile.get("verifies"))
    if not verifying:
        return False
    func = call.func
    if func.__class__ is ast.Name:
        binding = ctx.binding(func)
        if binding is not None and binding.kind != sc.IMPORT:
            return False
    elif func.__class__ is not ast.Attribute:
        return False
    return ctx.qualname(func) in verifying


def _checks_credentials(call):
    func = call.func
    cls = func.__class__
    if cls is ast.Attribute:
        name = func.attr
    elif cls is ast.Name:
        name = func.id
    else:
        return False
    kind = verifier_name(name)
    if kind is None:
        kind = _receiver_named_to_verify(func)  # is_verifier's answer, its name already split
    return bool(kind or credential_query(call) or any(_names_verifier(arg) for arg in call.args)
                or _compares_digest_of_a_password(call, name))


def compares_passwords(expr, value_of=None):
    """A password compared by hand with a stored one, either way round:
    `request.POST.get("contrasena") != usuario["contrasena"]`,
    `user.password == form_password` (M.P.S.E.N.A's login `sesion`):
    a credential check, written in plain text. The stored side is a
    record's password field (`row["senha"]`, `user.password`), the other a
    value named for a password that is no such field of a record."""
    if expr.__class__ is not ast.Compare or len(expr.ops) != 1 or expr.ops[0].__class__ not in (ast.Eq, ast.NotEq):
        return False
    left, right = _unencoded(expr.left), _unencoded(expr.comparators[0])
    if _rehashes_given(left, right) or _rehashes_given(right, left):
        return True
    return ((_stored_password(left) and _given_password(right)) or (_stored_password(right) and _given_password(left))
            or (_request_password(left, value_of) and _kept_password(right))
            or (_request_password(right, value_of) and _kept_password(left)))


def _unencoded(expr):
    """`stored.encode()`, `x.encode("utf-8")`: the value encoded."""
    if (expr.__class__ is ast.Call and expr.func.__class__ is ast.Attribute and expr.func.attr in _ENCODERS
            and len(expr.args) <= 1):
        return expr.func.value
    return expr


def _rehashes_given(call, stored):
    """bcrypt's own check written by hand: `bcrypt.hashpw(given.encode(),
    user["password"].encode()) == user["password"].encode()` (the given
    password hashed with the stored hash's salt, compared with it)."""
    if call.__class__ is not ast.Call or not _stored_password(stored) or len(call.args) != 2:
        return False
    func = call.func
    name = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
    return name == "hashpw" and _given_password(_unencoded(call.args[0])) and _stored_password(
        _unencoded(call.args[1]))


def _request_password(expr, value_of=None):
    """A read of the request by a password key: `request.form["senha"]`,
    `request.POST.get("password")`, or a local assigned one when
    `value_of` follows names (`senha_info = request.form["senha"]`)."""
    if expr.__class__ is ast.Name and value_of is not None:
        expr = value_of(expr)
    read = keyed_read(expr)
    if read is None:
        return False
    container, key = read
    root = root_name(container)
    return (root is not None and root.lower() in _REQUEST_ROOTS and key.__class__ is ast.Constant
            and isinstance(key.value, str) and _spells_password(key.value))


def _kept_password(expr):
    """A password the code keeps itself, named for one: a module constant or
    a name (`senha = "1234"`, `ADMIN_PASSWORD`), compared with the one the
    request brings (Projeto_Quitanda's admin page). A second request read
    (`request.form["password2"]`, a sign-up's confirmation) is not one."""
    return expr.__class__ is ast.Name and _spells_password(expr.id)


_REQUEST_ROOTS = frozenset(("request", "req", "self", "form", "data", "body", "payload"))


def _stored_password(expr):
    """A record's password field: `user.password`, `row["contrasena"]`
    (not the request's: `request.form["password"]`)."""
    if expr.__class__ is ast.Attribute:
        field = expr.attr
    elif expr.__class__ is ast.Subscript and expr.slice.__class__ is ast.Constant and isinstance(expr.slice.value, str):
        field = expr.slice.value
    else:
        return False
    if field.lower() not in vocab.PASSWORD_COLUMNS:
        return False
    root = root_name(expr)
    return root is not None and root.lower() not in _REQUEST_ROOTS


def _given_password(expr):
    """A value named for a password that is no record's password field: a
    name (`senha`, `password`), or a read of the request by a password
    key (`request.form["password"]`, `request.POST.get("contrasena")`)."""
    if _stored_password(expr):
        return False
    if expr.__class__ is ast.Name:
        return _spells_password(expr.id)
    read = keyed_read(expr)
    if read is not None:
        key = read[1]
    elif expr.__class__ is ast.Attribute:
        return _spells_password(expr.attr) or (expr.attr == "data" and expr.value.__class__ is ast.Attribute
                                               and _spells_password(expr.value.attr))  # form.password.data
    else:
        return False
    return key.__class__ is ast.Constant and isinstance(key.value, str) and _spells_password(key.value)


def _spells_password(name):
    lowered = name.lower()
    return any(needle.lower() in lowered for needle in auth.PASSWORD_NEEDLES)


def _compares_digest_of_a_password(call, name):
    """`secrets.compare_digest(pwd, ADMIN_PASSWORD)`, `hmac.compare_digest(...)`:
    a constant-time comparison of something named for a password (fs-qr's
    single-password admin pages)."""
    return name == "compare_digest" and len(call.args) == 2 and any(
        _names_a_password(arg) for arg in call.args)


def _names_a_password(expr):
    if expr.__class__ is ast.Name:
        return _spells_password(expr.id)
    if expr.__class__ is ast.Attribute:
        return _spells_password(expr.attr) or _names_a_password(expr.value)
    if expr.__class__ is ast.Subscript:
        return _given_password(expr) or _names_a_password(expr.value)
    if expr.__class__ is ast.Call:
        return _given_password(expr) or (expr.func.__class__ is ast.Attribute and expr.func.attr in ("encode", "strip")
                                         and _names_a_password(expr.func.value))
    return False


def _names_verifier(arg):
    """A verifier method handed to a call that runs it (bk-user's
    `self.wrap_plugin_error(plugin.authenticate_credentials, request=...)`):
    the call checks credentials. A plain name is left out: CTFd's
    `set_config("verify_emails", verify_emails)` hands on a setting."""
    return arg.__class__ is ast.Attribute and verifier_name(arg.attr) is True


def is_verifier(ctx, func, name):
    """True for a call that checks credentials: `check_password(...)`,
    `authenticate(...)`, `pwd_context.verify(...)`, `totp.verify(code)`."""
    kind = verifier_name(name)
    return _verify_receiver(ctx, func) if kind is None else kind


@lru_cache(maxsize=4096)
def verifier_name(name):
    """True/False when the callee's name decides whether it verifies
    credentials; None when its receiver must (`x.verify(...)`). Every call
    of a handler asks: the same few hundred names, split once."""
    lowered = name.lower()
    if lowered in auth.VERIFIER_NAMES:
        return True
    words = fw.words(name)
    if any(w in auth.NOT_VERIFIERS for w in words) or (words and words[-1] in auth.NOT_VERIFIED_LAST):
        return False
    if lowered == auth.VERIFY_METHOD:
        return None
    if words and words[0] in auth.VERIFY_PREFIXES:
        return True
    if words and words[0] in auth.CHECK_PREFIXES:
        return any(w in auth.CHECK_WORDS for w in words)
    # A verifier's name after a noun (ark's `account_verify_password`, `ldap_authenticate`).
    return any("_".join(words[i:]) in auth.VERIFIER_NAMES for i in range(1, len(words)))


def _verify_receiver(ctx, func):
    """`pwd_context.verify(...)`, `totp.verify(code)`, `pyotp.TOTP(s).verify(code)`."""
    if func.__class__ is not ast.Attribute:
        return False
    receiver = func.value
    if receiver.__class__ is ast.Call:
        return ctx.qualname(receiver.func) in auth.VERIFY_RECEIVER_CALLS
    return _receiver_named_to_verify(func)


def _receiver_named_to_verify(func):
    """`pwd_context.verify`, `totp.verify`: the receiver's own name says it
    checks credentials (False for a callee that is no attribute, or whose
    receiver is a call: _verify_receiver asks what that call makes)."""
    if func.__class__ is not ast.Attribute or func.value.__class__ is ast.Call:
        return False
    receiver = func.value
    name = receiver.id if receiver.__class__ is ast.Name else getattr(receiver, "attr", "")
    return any(w in auth.VERIFY_RECEIVER_WORDS for w in fw.words(name))


