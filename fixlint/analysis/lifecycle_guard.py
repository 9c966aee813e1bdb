"""Which files can hold an SFX101 or SFX102 finding, told from their text:
the per-file guards of LifecycleAnalysis and IdentityCookieAnalysis.

Both rules report only on the path of a login or logout handler
(lifecycle_paths.handler_paths). What the project model adds (a helper of
another module that binds, removes or clears, a FastAPI dependency that
yields the session) only adds steps to a handler's path, at a call whose
name can be anything imported. So the guards ask for the role, not for the
steps. Every way a function becomes a handler is written in the file
itself but one, a project fact asked last: a path another module routes
one of its functions to (`path("logout/", views.bye)` in urls.py:
ProjectFacts.routed_elsewhere, whose words count with the file's own).

- a login (SFX101): a login phrase of `frameworks.vocabularies` or of the
  configured `login-names`, or an "enter" word as a whole name (`masuk`),
  among the words of a function's name, its class's name or its route
  paths (`Handler.words()`); a framework's sign-in hook (Pyramid's
  `remember`) in a file naming the framework's package; or, for a login
  known by what it does, a credential check
  (`credentials.checks_credentials`), or a call of another module's
  helper that checks credentials (a profile's `verifies`: a project fact,
  asked as below), or a function taking a password parameter (a handler
  given one that binds an identity);
- a logout (SFX102): the same with the logout vocabulary and hooks
  (`forget`), or, for a logout known by what it does, a signed-out flag
  written into a session (`session["logged_in"] = False`).

SFX101 reports only a binding on a login's path, so a file that can hold
a login but no binding is skipped too (`bind_possible`). Every way a step
of a path binds (lifecycle.py's BIND events) is written in the file or is
a project fact:

- a session write, `update`/`setdefault`/an adder on a session, a
  `set_session` of the request, a signed-in value of the verified record
  written into a session, a session passed to a project helper that writes
  the key it is given (`LifecycleAnalysis._session`: a name or attribute
  holding "sess", or an alias of Flask's session, which an import spells
  as `session`): the text holds "sess";
- a record of a hand-rolled store under the id the request's cookie
  brought (`origins.is_cookie_read`): "cookie" (`request.cookies`,
  `COOKIES`, `get_cookie`, `Cookie()`), or a FastAPI dependency of
  another module returning a `Cookie()` value (a profile's `returns`);
- a library's binding call (`login_user`, aiohttp-security's
  `remember`): its name, however imported;
- a call of another module's helper that binds, or whose write binds by
  what the call passes (a profile's `events`): a project fact. Without the
  project model's answer yet (UNKNOWN) the file is let in and its plan
  waits for it (GuardText.awaits_project), as session_id_guard's does.

Each test is a necessary condition, read off the code it stands for:

- every word of a phrase (`frameworks.words()`) must be a word of a name a
  `def` or `class` statement gives, or of a str literal written as the
  first argument of a call or as a keyword argument: a route path is one
  (`handlers._first_string`, `HandlerAnalysis._prefix`). Words of one
  phrase may come from two of them: a method's name, its class's name and
  its paths are read as one sequence;
- a credential check's callee name is there, followed by `(`, and
  `verifier_name` does not rule it out; or a password column is there as
  a keyword argument, or after a `where` followed by `=` or `like`;
- a flag's letters are there in order with nothing alphanumeric between
  them, on a line with a quote on either side, and a constant is assigned
  to a subscript.

Not seen: a path or key spelt with escapes (`"/log\\x69n"`) or cut by
implicit concatenation (`"/lo" "gin"`), a path on a second line of a
triple-quoted literal, and a flag key folded from named constants that cut
one of its words apart. A text that is not a GuardText (lower-cased only,
without the text as written) is always let in.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache

from .. import frameworks as fw
from ..frameworks import auth
from ..frameworks import vocabularies as vocab
from .base import UNKNOWN, GuardText, imports_helper, project_facts
from .credentials import verifier_name


def login_possible(text, config):
    """Whether a function of a file whose guard text is `text` can be a
    login handler (what SFX101 needs)."""
    return _facts(text, config).login()


# What a file must spell for SFX101/SFX102 to find anything in it
# (LifecycleAnalysis and IdentityCookieAnalysis, whose files must agree:
# SFX102 reads both). `sess` and `sesi`: the session in the languages real
# code is written in as well (`sessao`, `sessione`, `sesion`, Indonesian
# `sesi`): a router whose logins call `iniciar_sessao(request, usuario)`
# from a services module spells none of the English words.
KEYWORDS = ("sess", "sesi", "login", "cookie")


# The logout words of every language, for a module that spells none of the
# keywords: a `logout` view that only calls another module's helper
# (`remove_authorization(request)`, which pops the user's key).
_LOGOUT_NAME_WORDS = tuple(dict.fromkeys(
    word for word in vocab.LOGOUT_WORDS + vocab.LOGOUT_EXACT if not any(k in word for k in KEYWORDS)))


def logout_named(text, config):
    """Whether a function or class of the file is named with a logout word,
    or a decorator's line spells one (`@router.delete("/signout")` over a
    view that calls a controller): the files that spell no keyword but may
    hold a logout. Only the names and decorators are searched (a scan of the text for each of twenty words costs twenty
    scans of every such file)."""
    return _facts(text, config).logout_named()


def logout_possible(text, config):
    """Whether a function of the file can be a logout handler (what SFX102
    needs)."""
    return _facts(text, config).logout()


def bind_possible(text):
    """Whether the file can hold a binding step of a login's path (what
    SFX101 reports; module docstring): spelled in the text, or done by a
    project helper the file imports."""
    return bind_spelled(text) or binding_helper_imported(text)


def binding_helper_imported(text):
    """Whether the file imports a project helper a call of which may bind
    (the project-fact half of bind_possible)."""
    return imports_helper(text, _BINDING_PROFILE_KEYS)


def bind_spelled(text):
    """Whether the file's own text may bind (a plain lower-cased str, whose
    guards always let it in: yes)."""
    return (getattr(text, "raw", None) is None or text.has("sess") or text.has("cookie")
            or any(name in text for name in _BIND_CALL_NAMES))


# The last names of the libraries' binding calls (Flask-Login's login_user,
# aiohttp-security's remember), lower-cased.
_BIND_CALL_NAMES = tuple(sorted({q.rpartition(".")[2].lower() for f in fw.FRAMEWORKS for q in f.bind_calls}))
# What an imported helper's profile (project/functions.py) says when a call
# of it may bind: its events, or a returned request value (a Cookie() a
# dependency hands a handler, the id of a hand-rolled store's record).
_BINDING_PROFILE_KEYS = ("events", "returns")
# What an imported helper's profile says when a call of it checks
# credentials (vulpy's `libuser.login(username, password)`).
_VERIFYING_PROFILE_KEYS = ("verifies",)


def _calls_a_library_login(text):
    """Whether the file calls a session library's login (`login_user(`,
    `remember(`): a request handler calling one signs the user in,
    whatever it is called (lifecycle_paths: RAGFlow's sign-up `user_add`)."""
    return any(name + "(" in text for name in _BIND_CALL_NAMES)


def _calls_a_verifying_helper(text):
    """Whether a call of the file can be one of another module's helpers
    that checks a password (a profile's `verifies`, project/functions.py):
    the file imports, it spells a password word (the helper takes the
    password, and its caller hands it one: `login(username, password)`,
    `request.form["senha"]`), and, the project fact asked last, it imports
    such a helper. A call passing a password under no such word anywhere
    in the file is not seen."""
    return "import" in text and _spells_a_password(text) and imports_helper(text, _VERIFYING_PROFILE_KEYS)


def _spells_a_password(text):
    """A password word (auth.PASSWORD_NEEDLES) in the GuardText (asked
    twice, and the password columns read the same answers)."""
    return any(text.has(needle) for needle in auth.PASSWORD_NEEDLES_LOWER)


# A `def` statement's parameters, one level of brackets inside (`Form()`).
_SIGNATURE = re.compile(r"def[ \t]+\w+[ \t]*\(((?:[^()]|\([^()]*\))*)\)")


# A comparison on a line (`==`, `!=`): with a password word on the same
# line, a hand-written check (credentials.compares_passwords:
# `row["senha"] == request.form["senha"]`, `request.form["senha"] == SENHA`).
_COMPARISON = re.compile(r"[!=]=")


def _compares_a_password(text, raw):
    """Whether a line of the file compares something named for a password:
    a login written as a plain comparison, in a file that spells no login
    word and calls no verifier (Projeto_Quitanda's admin page)."""
    if raw is None or not _spells_a_password(text):
        return False
    lowered = text if len(raw) == len(text) else raw.lower()
    for needle in auth.PASSWORD_NEEDLES_LOWER:
        at = lowered.find(needle)
        while at != -1:
            start = lowered.rfind("\n", 0, at) + 1
            end = lowered.find("\n", at)
            if _COMPARISON.search(lowered, start, len(lowered) if end == -1 else end) is not None:
                return True
            at = lowered.find(needle, len(lowered) if end == -1 else end)
    return False


def _signature_takes_a_password(text, raw):
    """Whether a function may take a password parameter (`new_password:
    str = Form()`): a request handler given one that binds an identity is
    a login whatever its name (credentials.takes_a_password)."""
    if not _spells_a_password(text):
        return False
    return any(needle in signature.lower() for signature in _SIGNATURE.findall(raw)
               for needle in auth.PASSWORD_NEEDLES_LOWER)


def _facts(text, config):
    """The answers for one file's text; the two guards (LifecycleAnalysis
    asks for both, IdentityCookieAnalysis for the second) ask in turn for
    the same text, so the last file's are kept."""
    global _last
    last = _last
    if last is not None and last.text is text and last.config is config and last.project is getattr(
            text, "project", UNKNOWN):
        return last
    _last = found = _Facts(text, config)
    return found


_last = None


class _Facts:
    __slots__ = ("text", "config", "project", "raw", "_words", "_defs", "_login", "_logout", "_logout_named")

    def __init__(self, text, config):
        self.text = text
        self.config = config
        self.project = getattr(text, "project", UNKNOWN)  # the answers hold for these facts (a plan asked again)
        self.raw = getattr(text, "raw", None)
        self._words = None
        self._defs = None
        self._login = None
        self._logout = None
        self._logout_named = None

    def login(self):
        if self._login is None:
            self._login = self.raw is None or self._role(True)
        return self._login

    def logout(self):
        if self._logout is None:
            self._logout = self.raw is None or self._role(False)
        return self._logout

    def logout_named(self):
        if self._logout_named is None:
            source = self.text if self.raw is None else self.raw
            # Each name lower-cased alone, then all of them searched at once:
            # a word holds no line end, so it is in the joined names exactly
            # when it is in one of them.
            names = "\n".join(name.lower() for pattern in (_DEF, _CLASS, _DECORATOR)
                               for name in pattern.findall(source))
            self._logout_named = any(word in names for word in _LOGOUT_NAME_WORDS)
        return self._logout_named

    def _role(self, login):
        vocabulary = _vocabulary(tuple(self.config.login_names), tuple(self.config.logout_names))
        phrases, hooks = (vocabulary.login, vocabulary.login_hooks) if login else (
            vocabulary.logout, vocabulary.logout_hooks)
        words = self.words()
        if any(phrase <= words for phrase in phrases):
            return True
        if hooks and self._hooked(hooks):
            return True
        if login:
            return (_checks_credentials(self.text, self.raw) or _calls_a_verifying_helper(self.text)
                    or _signature_takes_a_password(self.text, self.raw) or _calls_a_library_login(self.text)
                    or _compares_a_password(self.text, self.raw)
                    or self._routed(phrases, words))
        return _signed_out_flag(self.text) or self._routed(phrases, words)

    def _routed(self, phrases, words):
        """Whether another module routes one of the file's functions to a
        path that, with the file's own words, spells a phrase (a project
        fact, asked last: ProjectFacts.routed_elsewhere). Unknown yet: no,
        and the text says it asked (GuardText.asks_routes)."""
        if getattr(self.text, "project", UNKNOWN) is UNKNOWN:
            if self.text.__class__ is GuardText:
                self.text.asks_routes = True
            return False
        project = project_facts(self.text)
        routed = getattr(project, "routed_elsewhere", None)
        if not routed:
            return False
        paths = [path for registrations in routed.values() for _, path, *_ in registrations if path]
        words = words | fw.word_set("\n".join(paths))
        return any(phrase <= words for phrase in phrases)

    def words(self):
        """The words (`frameworks.words()`) of every name a `def` or
        `class` gives, of every str literal that may be a route path, and
        of a short one tested for membership (`"logout" in request.GET`)."""
        if self._words is None:
            raw = self.raw
            self._defs = names = _DEF.findall(raw)
            sources = names + _CLASS.findall(raw)
            sources += [a or b for a, b in _PATH_AFTER_PAREN.findall(raw)]
            sources += [a or b for a, b in _PATH_AFTER_EQUALS.findall(raw)]
            sources += [a or b for a, b in _MEMBER_LITERAL.findall(raw)]
            # One split of all of them: a word never spans the "\n" between two.
            joined = "\n".join(sources)
            words = fw.word_set(joined)
            # `execlogin` holds `login` as PhraseSet reads it (frameworks.unglued): one scan.
            glued = _GLUED.findall(joined)
            self._words = words.union(*glued) if glued else words
        return self._words

    def _hooked(self, hooks):
        defs = set(self._defs)
        return any(not defs.isdisjoint(names) and any(p in self.text for p in packages) for names, packages in hooks)


_DEF = re.compile(r"def[ \t]+(\w+)")
# A sign-in or sign-out word glued to a verb or a role, lower case, as a whole word (`dologin`):
# frameworks.unglue's pattern.
_GLUED = re.compile(r"(?<![A-Za-z])" + fw.GLUED_PATTERN + r"(?![a-z])")
_CLASS = re.compile(r"class[ \t]+(\w+)")
# A decorator's line: the path a route decorator gives (`@router.delete("/signout")`).
_DECORATOR = re.compile(r"^[ \t]*@([^\n]*)", re.M)
# A str literal's first line after `(` or `=` (blanks, comments, line
# continuations between): a call's first argument, a keyword argument.
# Blanks, line continuations and comments (each to its line's end, so that
# a banner of `#` is read one way only): what may stand between a name or
# `(` and what follows it.
_GAP = r"(?:\s|\\|#[^\n]*(?:\n|\Z))*"
_LITERAL = _GAP + r"""[rRuU]{0,2}(?:"(?:"")?([^"\n]*)|'(?:'')?([^'\n]*))"""
_PATH_AFTER_PAREN = re.compile(r"\(" + _LITERAL)
_PATH_AFTER_EQUALS = re.compile(r"=" + _LITERAL)
# A short str literal tested for membership (`if "logout" in request.GET:`):
# a request parameter a logout branch is selected by.
_MEMBER_LITERAL = re.compile(r"""(?:"([^"\n]{1,40})"|'([^'\n]{1,40})')[ \t]+in[ \t]""")


class _Vocabulary:
    """The phrases (each a frozenset of its words) and hooks of one
    configuration's login and logout names."""

    def __init__(self, login_names, logout_names):
        self.login = _phrases(auth.LOGIN_WORDS + login_names + auth.LOGIN_EXACT)
        self.logout = _phrases(auth.LOGOUT_WORDS + logout_names + auth.LOGOUT_EXACT + vocab.SESSION_DELETE_NAMES)
        self.login_hooks = _hooks("login_hooks")
        self.logout_hooks = _hooks("logout_hooks")


@lru_cache(maxsize=8)
def _vocabulary(login_names, logout_names):
    return _Vocabulary(login_names, logout_names)


def _phrases(phrases):
    out = []
    for phrase in phrases:
        words = frozenset(fw.words(phrase))
        if words and words not in out:
            out.append(words)
    return tuple(out)


def _hooks(field):
    """(hook method names, the framework's packages lower-cased) of every
    framework with sign-in or sign-out hooks (`Framework.login_hooks`: a
    hook counts in a file importing the framework)."""
    return tuple((frozenset(getattr(f, field)), tuple(p.lower() for p in f.packages))
                 for f in fw.FRAMEWORKS if getattr(f, field))


# -- a login by what it does: a credential check ----------------------------

def _checks_credentials(text, raw):
    """Whether the text may hold a call that credentials.checks_credentials
    accepts: a callee whose name credentials.verifier_name does not rule
    out (a verifier by name: `check_password`, `verify_*`, `checar_senha`;
    or `x.verify(...)`, decided by its receiver), or a lookup that filters
    on a password column (credentials.credential_query: a keyword argument
    `password=`, `password__exact=`, or SQL text `WHERE ... pwd = %s`)."""
    same = len(raw) == len(text)  # lower-casing kept every offset
    source = text if same else raw
    for stem in _present(text, _STEMS):
        find = _stem(stem, same).search
        at = find(source)
        while at is not None:
            # The whole name around the stem, once per name: a long run of
            # `check_check_...` is walked once, not once per stem in it.
            end = _WORD.match(source, at.end()).end()
            called = _CALLED.match(source, end) is not None
            if called or _PASSED.match(source, end) is not None:
                start = at.start()
                while start > 0 and (raw[start - 1].isalnum() or raw[start - 1] == "_"):
                    start -= 1
                kind = verifier_name(raw[start:end])
                if kind is True and (called or (start > 0 and raw[start - 1] == ".")):
                    return True
                if called and kind is None:
                    return True
            at = find(source, end)
    return _columns_named(text)


def _stems(words):
    """The words no other word starts: a name holding any of `words`
    holds one of them."""
    words = sorted(set(words))
    return tuple(w for w in words if not any(w != o and w.startswith(o) for o in words))


def _present(text, groups):
    """The needles of `groups` ((anchor or None, needles)) that the
    GuardText holds: those of an anchor it does not hold are not looked
    for."""
    for anchor, needles in groups:
        if anchor is None or text.has(anchor):
            for needle in needles:
                if text.has(needle):
                    yield needle


def _anchored(needles, anchors=()):
    """(anchor or None, needles) groups of `needles`, for _present: each
    under the first other of `anchors` it holds, else with the others that
    start with the same four letters under the prefix they share (`verif`
    for `verifica`, `verifier`, `verify`...); a needle alone under none.
    One scan of the text for a missing anchor spares one for each of its
    needles."""
    held, prefixed = {}, {}
    for needle in needles:
        anchor = next((a for a in anchors if a != needle and a in needle), None)
        if anchor is None:
            prefixed.setdefault(needle[:4], []).append(needle)
        else:
            held.setdefault(anchor, []).append(needle)
    return (*((anchor, tuple(members)) for anchor, members in held.items()),
            *((os.path.commonprefix(members) if len(members) > 1 else None, tuple(members))
              for members in prefixed.values()))


# Every name verifier_name may accept holds a verify or check verb or the
# name of a verifier (its first word, or the whole name lower-cased).
_STEMS = _anchored(_stems(auth.VERIFY_PREFIXES | auth.CHECK_PREFIXES | auth.VERIFIER_NAMES | {auth.VERIFY_METHOD}))


@lru_cache(maxsize=None)
def _stem(stem, lowered):
    """`stem`, on the lower-cased text when lower-casing kept every offset,
    else on the text as written, ignoring case."""
    return re.compile(re.escape(stem), 0 if lowered else re.IGNORECASE)


# The rest of a name, and what makes it called: blanks, line continuations
# or comments, then `(`. Each is tried once per name (see _checks_credentials).
_WORD = re.compile(r"\w*")
_CALLED = re.compile(_GAP + r"\(")
# ... or a method handed to a call that runs it: `wrap(plugin.authenticate_credentials, ...)`
# (credentials._names_verifier), a verifier by name only.
_PASSED = re.compile(_GAP + r"[,)]")


def _columns_named(text):
    """A password column as a keyword argument (`password=`,
    `Password__iexact =`: its name up to a `__` is the column), as the
    key of a filter document (`{"password": p}`: pymongo's `find_one`), as
    an attribute compared (`User.password == p`: SQLAlchemy), or after a
    `where` in the text with `=` or `like` after it (the SQL text's
    escapes left in: `password\\n= ?`); on the lower-cased text."""
    where = None
    for stem in _present(text, _COLUMN_STEMS):
        for keyword, sql in _COLUMNS[stem]:
            if keyword.search(text) is not None or _compared_after(text, sql):
                return True
            if where is None:
                where = text.find("where")
            if where >= 0 and _sql_compared(text, sql, where):
                return True
    return False


def _compared_after(text, column):
    """`p == User.password`: the column as an attribute, `==` before it on
    its line (the few `.column` occurrences are found first: a search for
    every `==` of a module would cost more)."""
    attribute = "." + column
    at = text.find(attribute)
    while at >= 0:
        end = at + len(attribute)
        if end == len(text) or not (text[end].isalnum() or text[end] == "_"):
            line = text.rfind("\n", 0, at) + 1
            if _EQUALS_BEFORE.search(text, line, at) is not None:
                return True
        at = text.find(attribute, end)
    return False


_EQUALS_BEFORE = re.compile(r"==[ \t]*[\w.]*$")


def _sql_compared(text, column, where):
    """`column`, then letters, digits, `_` or backslashes (the SQL text's
    escapes: `password\\n`), then blanks or escapes and `=` or `like`,
    after `where`. The run after each occurrence is read once: a later
    occurrence in the same run ends the same way."""
    at = text.find(column, where)
    while at >= 0:
        start = at + len(column)
        end = _SQL_RUN.match(text, start).end()
        if "like" in text[start:end] or _SQL_TAIL.match(text, end) is not None:
            return True
        at = text.find(column, end)
    return False


_SQL_RUN = re.compile(r"[\w\\]*")
_SQL_TAIL = re.compile(r"(?:\s|\\[ntrfv])*(?:=|like)")


def _column_patterns():
    """{stem: ((keyword-argument pattern, the column for _sql_compared) of
    each column the stem starts)}, the pattern starting with the column's
    letters (so that `re` skips to them)."""
    found = {}
    for stem in _stems(vocab.PASSWORD_COLUMNS):
        patterns = []
        for column in sorted(c for c in vocab.PASSWORD_COLUMNS if c.startswith(stem)):
            name = re.escape(column)
            patterns.append((
                # `password=` (a keyword argument), `"password":` (a filter document's key),
                # `User.password == p` (SQLAlchemy's expression), or `p == User.password`
                # (a prefix joined by `_` allowed: helios's `voter_password=`, credentials.password_column)
                re.compile(rf"{name}(?<![^\W_]{name})(?:(?:__\w*)?{_GAP}=(?!=)|[\"']{_GAP}:|(?<=[._]{name})\b{_GAP}==)"),
                column,
            ))
        found[stem] = tuple(patterns)
    return found


_COLUMNS = _column_patterns()
# The stems, under the password word each spells (`hash_senha`: `senha`),
# whose answers _spells_a_password shares.
_COLUMN_STEMS = _anchored(_COLUMNS, auth.PASSWORD_NEEDLES_LOWER)


# -- a logout by what it does: a signed-out flag ------------------------------

def _signed_out_flag(text):
    """Whether the text may write a signed-out flag into a session
    (lifecycle._signed_out_flag): a subscript assignment of a constant
    (`session["logged_in"] = False`) on a session expression, which names
    "sess" (LifecycleAnalysis._session), under a key whose letters,
    lower-cased and without anything else, are a flag of
    vocab.SIGNED_OUT_FLAGS or SIGNED_IN_FLAGS. The key is a str literal,
    or folded from some (`"logged" + "_in"`): the flag stands on a line
    with a quote on either side of it."""
    if not text.has("sess") or not _constant_stored(text):
        return False
    compact = text.encode().translate(None, _NOT_ALNUM)
    lines = None
    for anchor, flags in _FLAGS:
        if anchor is not None and anchor not in compact:
            continue
        for flag, pattern in flags:
            if flag in compact:
                lines = lines or _Lines(text)
                if any(lines.quoted(m.start(), m.end()) for m in pattern.finditer(text)):
                    return True
    return False


# `] = False`, `]: bool = None`, `]) = (0)`, `] = "yes"`, `] = ...`,
# `] = other = False`: a constant assigned to a subscript (lower-cased
# text). Asked as "a `]`, and after it an `=` (not `==`) followed by a
# constant": looser than the statement's shape, and linear in the text.
# A pattern of the shape itself (the `]`, an annotation, a chain of `=`)
# is tried again from every `]` to the line's end: a line of `] = ] = ...`
# took minutes.
_CONSTANT_AFTER_EQUALS = re.compile(r"=(?!=)(?:\s|\\|\()*(?:[-+.\d]|true|false|none|[rbuf]{0,2}['\"])")


def _constant_stored(text):
    bracket = text.find("]")
    return bracket >= 0 and _CONSTANT_AFTER_EQUALS.search(text, bracket) is not None


_NOT_ALNUM = bytes(c for c in range(256) if not (48 <= c <= 57 or 97 <= c <= 122))
# Each flag, and its letters in order with nothing alphanumeric between
# them (`logged_in`, `loggedIn`, `"logged" + "_in"`), on the lower-cased
# text; grouped (_anchored) under a shorter flag each holds (`logged` for
# `isloggedin`), or the prefix flags with the same first four letters share.
_FLAG_NAMES = sorted(vocab.SIGNED_OUT_FLAGS | vocab.SIGNED_IN_FLAGS)
_FLAGS = tuple((anchor and anchor.encode(),
                tuple((flag.encode(), re.compile("[^a-z0-9]*".join(map(re.escape, flag)))) for flag in flags))
               for anchor, flags in _anchored(_FLAG_NAMES, _FLAG_NAMES))


class _Lines:
    """Whether text[start:end] stands on a line with a quote on either side
    of it: a quote before it on the line where it starts, and one after it
    on the line where it ends. Each line's first and last quotes are
    searched once, so that many matches on one long line cost one search
    of it, not one each."""

    def __init__(self, text):
        self.text = text
        self.ends = [m.start() for m in _NEWLINE.finditer(text)] + [len(text)]
        self.quotes = {}  # a line's index -> (its first quote, its last quote)

    def quoted(self, start, end):
        return self._line(bisect_right(self.ends, start - 1))[0] < start <= end <= self._line(
            bisect_right(self.ends, end - 1))[1]

    def _line(self, index):
        found = self.quotes.get(index)
        if found is None:
            text, line_end = self.text, self.ends[index]
            line_start = self.ends[index - 1] + 1 if index else 0
            firsts = [i for i in (text.find("'", line_start, line_end), text.find('"', line_start, line_end)) if i >= 0]
            last = max(text.rfind("'", line_start, line_end), text.rfind('"', line_start, line_end))
            found = self.quotes[index] = (min(firsts) if firsts else line_end, last)
        return found


_NEWLINE = re.compile("\n")
