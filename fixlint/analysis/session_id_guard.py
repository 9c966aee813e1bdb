"""What a file's text must spell for SessionIdAnalysis to record a fact
(SFX201-SFX204): the necessary conditions its per-file guard tests.

Each fact needs a session id, or a value the context makes one, spelled in
the file: one of these *anchors* (a file with none of them is neither
parsed nor walked for SFX201-SFX204):

- a cookie (`cookie`): the session cookie read, set, compared or named by
  a setting (`SESSION_COOKIE_NAME`), a cookie jar, a constant cookie;
- an unambiguous session-id or session-token name (`session_id`,
  `sessionKey`, `PHPSESSID`, `auth_token`, ...), in any spelling whose
  words are those of the name (session_id_words.SESSION_ID_NAMES,
  SESSION_TOKEN_NAMES);
- a hand-rolled store (`SESSIONS`, `session_store`, `db_session`) or a
  cache key written as a literal starting `session`/`sess`;
- a framework's session API: its session store class (`SessionStore`),
  session model, session-id call (`get_session_id`), a session object
  (`flask.session`, `request.session` of a request framework, written as
  an attribute `.session`, a session getter);
- `Depends` with the import of a framework whose handlers declare
  parameters, when the file imports a project helper whose profile
  returns something (ProjectFacts.helpers, `returns`): another module's
  dependency may hand a handler the session (fw.project_dependency ==
  "session") or a declared request value such as its `Cookie()`
  (handlers._DEPENDED). A dependency of the same module makes neither
  (its `return request.session` is a session object above, its
  parameters are read as they are declared);
- a function named like a session-id or token generator
  (`def new_sid`, `def make_token`), judged by sid.is_generator_name;
- one of the short names (`sid`, `ssid`, `sess`) as a word, only with what
  can make it a session id: a request value (a read needs a request
  framework's import, or a route registration method that needs none), a
  web module (SFX204's short names count only there);
- a framework's sign-in call (`login_user`), or a request signed in by
  hand (`request.user = user`), where a request can be read: SFX201's
  sign-in lookups need no session-id word at all.

Two anchors serve SFX204 alone: a session-token name that does not spell
`sess` (`auth_token`, `access_token`: none is read as a session id by
SFX201-SFX203) and a generator's name. Every SFX204 fact but the
hard-coded cookie token (which needs a cookie, an anchor of its own) needs
a weak value (analysis.origins: `Weak`), and every weak value is one of:
- a call whose qualified name (only ever made of the names of an import
  and the attributes after it, each spelled whole in the text) is a weak
  generator of stdlib.WEAK_RANDOM_MODULES / WEAK_RANDOM_CLASSES,
  WEAK_CALLS, COUNTERS, or a hash of HASHES, or a same-module helper that
  returns one: every name of such a qualified name must be a word of the
  text (after NFKC, as Python reads identifiers);
- a counter, `n += 1`: the text spells `+=` and a number;
- a helper of another project module that the file imports and whose
  profile says it returns a weak value (origins._project_helper): a
  project fact.
So these two anchors count only with a weak source spelled or a weak
project helper imported.

The guard reads project facts from GuardText.project. When nobody told it
what the project model knows (UNKNOWN), an anchor that needs a project
fact lets the file in, and GuardText.awaits_project says so: the CLI plans
the files the model reads before the model is complete, and plans such a
file again once it is.

The vocabularies are the analysis's own data (session_id_words and the
adapters), read once; configured names are the caller's business
(SessionIdAnalysis.wanted lets a file with one in). Only a GuardText, which
keeps the text as written, is judged: a plain lower-cased str is let in.
"""

from __future__ import annotations

import re
import unicodedata

from .. import frameworks as fw
from ..frameworks import session_id_words as sid
from ..frameworks import stdlib
from ..project.needles import spells_attribute
from .base import has_word, imports_helper

_SEPARATOR = "[^a-z]*"  # what words() skips between two words, and more


def _spelled(words):
    """A regex (over lower-cased text) finding any spelling of a name made
    of `words`: joined by anything that is not a letter (`session_id`:
    `sessionId`, `SESSION-ID`)."""
    return _SEPARATOR.join(re.escape(w) for w in words)


def _components(qualname):
    """A qualified name's parts: each is spelled in a file that refers to
    it through its imports (`from django.utils import timezone` ... `now`)."""
    return tuple(part.lower() for part in qualname.split(".") if part)


def _minimal(strings):
    """The strings none of the others is a substring of: one of them is in
    any text that holds one of `strings`."""
    strings = set(strings)
    return tuple(sorted(s for s in strings if not any(o != s and o in s for o in strings)))


def _name_patterns():
    """Unambiguous session-id and token names (and the settings that name
    the session cookie). Those spelling `sess` are matched from there on
    (`phpsessid` as `sessid`: looser, and a regex led by a literal is fast);
    the others over the reversed text, led by their last word reversed
    (`nekot...htua`), when the text holds it."""
    names = (sid.SESSION_ID_NAMES - sid.AMBIGUOUS_NAMES) | sid.SESSION_TOKEN_NAMES
    names |= {sid.normal(setting) for setting in fw.SESSION_NAME_SETTINGS}
    led, others = set(), {}
    for name in names:
        at = name.find("sess")
        if at >= 0:
            led.add(_spelled(name[at + len("sess"):].split("_")) if name[at + len("sess"):] else "")
        else:
            words = name.split("_")
            others.setdefault(words[-1], set()).add(_spelled([w[::-1] for w in reversed(words)]))
    sess = re.compile("sess(?:" + "|".join(sorted(led, key=lambda p: (-len(p), p))) + ")")
    rest = tuple((last, re.compile("|".join(sorted(patterns, key=lambda p: (-len(p), p)))))
                 for last, patterns in sorted(others.items()))
    return sess, rest


_SESS_NAMES, _REVERSED_NAMES = _name_patterns()
# The names without `sess` (searched over the reversed text) are session
# tokens only: SFX204's contexts, never a session id SFX201-SFX203 read
# (every unambiguous session-id name and setting spells `sess`; a test
# says so).


def _weak_names():
    """The names of each qualified name whose call makes a weak value
    (origins._qualified_call, _method): all of them are spelled, each as a
    whole word, where the code calls it (`import time` ... `time.time()`;
    `from datetime import datetime` ... `datetime.now()`). Any function
    of the random module or numpy.random needs only `random`; a set that
    holds another is left out."""
    qualnames = [*stdlib.WEAK_CALLS, *stdlib.WEAK_RANDOM_CLASSES, *stdlib.COUNTERS, *stdlib.HASHES,
                 *(prefix.rstrip(".") for prefix in stdlib.WEAK_RANDOM_MODULES)]
    sets = {frozenset(qualname.lower().split(".")) for qualname in qualnames}
    sets = sorted((s for s in sets if not any(o < s for o in sets)), key=sorted)
    return tuple(tuple((word, _whole_word(word)) for word in sorted(s, key=lambda w: (-len(w), w))) for s in sets)


def _whole_word(word):
    """`word` not inside a longer identifier (led by its literal: fast)."""
    return re.compile(rf"{re.escape(word)}(?<![0-9a-z_]{re.escape(word)})(?![0-9a-z_])")


_WEAK_NAMES = _weak_names()
# A counter (origins._increments): `n += 1`, an int literal added, maybe in
# parentheses. When a line continuation, a line end or a comment follows
# the `+=` (the number may be further on), the file is let in: a regex
# that skipped comments would scan a line's rest from every `+=` on it.
_INCREMENT = re.compile(r"\+=[ \t\f(]*[0-9\\\r\n#]")
# `"session:%s" % sid`, f"/sess_{sid}": a literal's text starts the key.
_KEY_PREFIXES = _minimal(sid.KEY_PREFIX_WORDS)
_KEY_TEXT = re.compile("[\"']/*(?:" + "|".join(map(re.escape, _KEY_PREFIXES)) + ")")
_STORE_PLURALS = _minimal(sid.STORE_PLURALS)
# A store's name holds a store word (few files spell one often): each
# identifier around one is judged by sid.is_store_name.
_STORE_WORD = re.compile("|".join(map(re.escape, _minimal(sid.STORE_WORDS))))
_IDENTIFIER_END = re.compile(r"\w*")
_SHORT_NAMES = tuple(sorted(sid.AMBIGUOUS_NAMES))
# A generator's name holds one of these (sid.is_generator_name: a session-id
# or token name at its end, or a generator noun).
_GENERATOR_WORDS = _minimal({*sid.GENERATOR_NOUNS, *sid.SESSION_ID_NAMES, *sid.SESSION_TOKEN_NAMES})
_GENERATOR_DEF = re.compile(r"def\s+(\w*(?i:" + "|".join(map(re.escape, _GENERATOR_WORDS)) + r")\w*)")

# Session APIs of the adapters: any of these spelled, part by part (when
# each spells "session", that is tested first).
_SESSION_APIS = tuple(sorted({
    *((f.session_store_class.lower(),) for f in fw.FRAMEWORKS if f.session_store_class),
    *(_components(q) for f in fw.FRAMEWORKS for q in f.session_id_calls),
    *(_components(m) for f in fw.FRAMEWORKS for m in f.session_models),
    *(_components(q) for f in fw.FRAMEWORKS for q in f.session_objects),
    *(_components(q) for f in fw.FRAMEWORKS for q in f.session_getters),
}))
_SESSION_GATE = "session" if all(any("session" in part for part in parts) for parts in _SESSION_APIS) else ""
# `session = Depends(get_session)` (fw.session_object): the marker, with a
# parameter module of a framework whose handlers declare parameters
# (another module's dependency, known to the project model only, may
# return the session).
_DEPENDS = fw.SESSION_DEPENDENCY_MARKER.lower()
_DEPENDS_MODULES = _minimal(
    module.partition(".")[0].lower() for f in fw.REQUEST_FRAMEWORKS if f.requests.param_sources
    for module in f.requests.param_modules)
# Sign-in calls (SFX201's sign-in lookups), tried when the text holds the
# last part of one.
_SIGN_INS = tuple(sorted({_components(q) for f in fw.FRAMEWORKS for q in (*f.bind_calls, *f.regenerate_calls)}))
_SIGN_IN_LASTS = _minimal(parts[-1] for parts in _SIGN_INS)


def _roots(frameworks):
    """The top-level packages of which a file must import one for a
    request value, a handler, a session object or a web module of
    `frameworks` to be found: their packages and the modules their
    qualified names live in."""
    roots = set()
    for f in frameworks:
        names = [*f.packages, *f.session_objects, *f.session_getters]
        if f.requests is not None:
            r = f.requests
            names += [*r.objects, *r.types, *r.type_prefixes, *r.param_modules]
        if f.routing is not None:
            g = f.routing
            names += [*g.app_classes, *g.decorator_functions, *g.view_decorators, *g.route_classes,
                      *g.url_functions]
        roots.update(n.partition(".")[0].lower() for n in names if n)
    return _minimal(roots)


_WEB_ROOTS = _roots(fw.FRAMEWORKS)
# `request.session`: a request framework whose session hangs off the request.
_REQUEST_SESSION = _roots(f for f in fw.REQUEST_FRAMEWORKS if not f.requests.objects)
# `app.add_url_rule("/<sid>", view_func=view)` makes a route without an
# import of the framework (analysis.handlers).
_REGISTER_METHODS = _minimal(m.lower() for f in fw.ROUTING_FRAMEWORKS for m in f.routing.register_methods)


# The tests below read a GuardText, and look each needle up once (has):
# other guards look for the same framework names and keywords.

def _all_in(parts, text):
    for part in parts:
        if not text.has(part):
            return False
    return True


def _any_in(strings, text):
    for string in strings:
        if text.has(string):
            return True
    return False


# `class Session:`, `class UserSession(Base):` in the lower-cased text.
_SESSION_CLASS = re.compile(r"\bclass\s+\w*session\w*\s*[(:]")


def _may_read_requests(text):
    """A request value can be read (analysis.origins: a request, handler or
    cookie jar of a framework the file imports, or a route registered by
    method), or the file is a web module."""
    return _any_in(_WEB_ROOTS, text) or _any_in(_REGISTER_METHODS, text)


def _names(text):
    return text.has("sess") and _SESS_NAMES.search(text) is not None


def _token_names(text):
    backwards = None
    for last, pattern in _REVERSED_NAMES:
        if text.has(last):
            if backwards is None:
                backwards = text[::-1]
            if pattern.search(backwards) is not None:
                return True
    return False


def _key_text(text):
    for prefix in _KEY_PREFIXES:
        if f'"{prefix}' in text or f"'{prefix}" in text:
            return True
        if f"/{prefix}" in text and _KEY_TEXT.search(text) is not None:
            return True
    return False


def _session_api(text):
    if text.has("session") and _any_in(_REQUEST_SESSION, text) and spells_attribute(text, "session"):
        return True
    return text.has(_SESSION_GATE) and any(_all_in(parts, text) for parts in _SESSION_APIS)


def _store(text, raw):
    """An identifier that sid.is_store_name takes for a session store."""
    if _any_in(_STORE_PLURALS, text):
        return True
    if len(raw) != len(text):  # lower() changed a length: positions differ
        text = raw.lower()
        if len(raw) != len(text):
            return True
    end = -1
    for match in _STORE_WORD.finditer(text):
        at = match.start()
        if at < end:
            continue  # in the identifier just judged
        start, end = _identifier_at(raw, at)
        if sid.is_store_name(raw[start:end]):
            return True
    return False


def _identifier_at(raw, at):
    """Where the identifier of `raw` that holds the character at `at`
    starts and ends."""
    start = at
    while start > 0 and (raw[start - 1].isalnum() or raw[start - 1] == "_"):
        start -= 1
    return start, _IDENTIFIER_END.match(raw, at).end()


def _generator(raw):
    return any(sid.is_generator_name(m.group(1), sid.SESSION_ID_NAMES) for m in _GENERATOR_DEF.finditer(raw))


def may_hold_facts(text):
    """Whether a file's text (a GuardText; a plain lower-cased str always
    answers True) spells an anchor of SFX201-SFX204 (module docstring).
    Configured names are not looked at here."""
    raw = getattr(text, "raw", None)
    if raw is None:
        return True
    anchor = text.__dict__.get("session_id_anchor")  # planned again once the project model is known
    if anchor is None:
        anchor = text.session_id_anchor = _anchor(text, raw)
    if anchor is True or anchor is False:
        return anchor
    if _WEAK in anchor and _weak_spelled(text, raw):
        return True
    return imports_helper(text, anchor)


# What the anchors that need a project fact need from an imported helper's
# profile (project/functions.py): a weak value, or a returned session or
# declared request value.
_WEAK = "weak"
_RETURNS = "returns"


def _anchor(text, raw):
    """True, False, or the profile keys (_WEAK, _RETURNS) of which one the
    file's anchors need: a token name or a generator's name needs a weak
    value (spelled, or a project helper's), `Depends` a project dependency."""
    if text.has("cookie") or _names(text) or _key_text(text) or _session_api(text) or _store(text, raw):
        return True
    # A short name, or a sign-in call, where a request can be read; a short
    # name in a class named for a session (SessionIdAnalysis._in_session_class).
    short = any(has_word(text, name) for name in _SHORT_NAMES)
    if (short or _sign_in_call(text)) and _may_read_requests(text):
        return True
    if short and _SESSION_CLASS.search(text) is not None:
        return True
    needs = ()
    if _token_names(text) or _generator(raw):
        needs += (_WEAK,)
    if _DEPENDS in text and _any_in(_DEPENDS_MODULES, text):
        needs += (_RETURNS,)
    return needs or False


def _weak_spelled(text, raw):
    """A weak source the file's own code can call: one word of a weak
    qualified name, or the `+=` of a counter."""
    if "+=" in text and _INCREMENT.search(text) is not None:
        return True
    if not raw.isascii():  # Python reads identifiers in NFKC: `ｒａｎｄｏｍ` is random
        text = unicodedata.normalize("NFKC", raw).lower()
    for names in _WEAK_NAMES:
        if all(word in text for word, _ in names) and all(p.search(text) is not None for _, p in names):
            return True
    return False


def _sign_in_call(text):
    """A framework's sign-in call, or the request signed in by hand
    (`request.user = user`, an authentication middleware's; Flask's
    `g.user = user`; Starlette's `request.state.user = user`)."""
    return (_any_in(_SIGN_IN_LASTS, text) and any(_all_in(parts, text) for parts in _SIGN_INS)) or (
        ".user" in text and _REQUEST_USER.search(text) is not None)


_REQUEST_USER = re.compile(r"\b(?:(?:request|req)(?:\.state)?|g)\.user[ \t]*=[^=]")
