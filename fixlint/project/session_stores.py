"""Which containers a module looks up by a cookie's value (summary
`cookie_keyed`).

A web session is found by its cookie: somewhere, the application looks its
sign-in up with the value a cookie brings. When it does so only in
containers not named like session stores (gradio: `app.tokens.get(token)`
with `token = request.cookies.get(...)`), its sign-in lives there, and a
store named like a session store that no cookie ever keys (gradio's per-tab
`session_data`, keyed by an id the page makes up) holds other per-client
state: a request value that only reaches it is not a session id (SFX201,
session_id_words.is_app_state_store). An application that looks nothing up
by a cookie, or that keys a store named like a session store by one
(`SESSIONS.get(request.cookies["sid"])`), gives no such evidence: its
session-named stores stay session stores.

Read from the text, one step deep, per module: a container is keyed by a
cookie when its index or lookup key (`C[...]`, `C.get(...)`, `C.pop(...)`,
...) holds a cookie read (a request's cookie attribute, `request.cookies...`,
`request.COOKIES...`, or a cookie-reading method, `get_cookie(...)`,
`get_signed_cookie(...)`: the adapters' request sources) or a
name the module assigns from one (`token = request.cookies.get(...)`).
Containers are named by their last name (`app.tokens` -> `tokens`). No
parse: only modules whose text may read a cookie (may_read) are scanned.
"""

from __future__ import annotations

import keyword
import re
from functools import lru_cache

from .. import frameworks as fw
from ..frameworks import session_id_words as sid
from ..frameworks import stdlib
from .needles import Needles

# The cookie readers, from the registry: request attributes that hold the
# cookies (`request.cookies`, Django's `request.COOKIES`) and methods that
# read one (Tornado's `self.get_cookie(...)`, `get_signed_cookie(...)`).
_COOKIE = "cookie"
_READ_ATTRIBUTES = sorted({name for f in fw.REQUEST_FRAMEWORKS for name, source in f.requests.sources.items()
                           if source == _COOKIE})
_READ_METHODS = sorted({name for f in fw.REQUEST_FRAMEWORKS
                        for name, source in (*f.requests.source_methods.items(), *f.requests.reader_methods.items(),
                                             *f.requests.value_methods.items())
                        if source == _COOKIE})
# Each method's name first and its word boundary looked behind after: a
# leading \b would be tried at every character of the module, the literal
# is skipped to (as analysis.base.name_pattern).
_READ = r"(?:\.(?:%s)\b|(?:%s)\s*\()" % ("|".join(_READ_ATTRIBUTES),
                                        "|".join(r"%s(?<!\w%s)" % (re.escape(m), re.escape(m)) for m in _READ_METHODS))
_READ_TEXTS = (*(f".{name}" for name in _READ_ATTRIBUTES), *_READ_METHODS)
_READ_NEEDLES = Needles(_READ_TEXTS)  # under the word "cookie": one look for most modules
_READ_RE = re.compile(_READ)
# Before a read on its line: `token = `, `sid: str = `, `(t := `.
_ASSIGNED = re.compile(r"(\w+)\s*(?::[^=\n]*)?(?<![=!<>:])(?:=|:=)(?!=)")
_LOOKUP = r"(?:\[|\.(?:%s)\()" % "|".join(sorted(sid.STORE_READS | sid.STORE_WRITES | sid.STORE_CREATES))
_CONTAINER = re.compile(r"(\w+)\s*$")
_NOT_CONTAINERS = frozenset(_READ_ATTRIBUTES)


def may_read(text, probe=None):
    """Whether the text may read a cookie (substring tests: every module is
    asked; `probe`: the text's needles.Probe, when the caller keeps one)."""
    return _READ_NEEDLES.found_in(text, probe)


def cookie_keyed(text):
    """Sorted last names of the containers the module looks up by a cookie's value."""
    names = set()
    for read in _READ_RE.finditer(text):
        line = text[text.rfind("\n", 0, read.start()) + 1:read.start()]
        names.update(name for name in _ASSIGNED.findall(line) if not keyword.iskeyword(name))
    lookup = _lookup(tuple(sorted(names)))
    found = set()
    for match in lookup.finditer(text):
        container = _CONTAINER.search(text, max(match.start() - 80, 0), match.start())
        if container is not None:
            found.add(container.group(1))
    return sorted(name for name in found if name not in _NOT_CONTAINERS and not keyword.iskeyword(name))


@lru_cache(maxsize=256)
def _lookup(names):
    """The look-up by a cookie's value, or by one of `names` (the module's
    names assigned from a cookie read): compiled once per set of names."""
    keys = [r"[\w.]*" + _READ] + ([r"(?:%s)\b(?![\w.(\[])" % "|".join(names)] if names else [])
    # The key starts the index or the call: `C.get(token)`, `C[request.cookies["sid"]]`;
    # the container is the name just before.
    return re.compile(r"%s\s*(?:%s)" % (_LOOKUP, "|".join(keys)))


# A key of the web session that the module fills with a fresh id from a
# strong random source (`request.session["id"] = str(uuid.uuid4())`, NiceGUI's
# authentication example and the apps made from it): the application's own
# session id, kept in a signed-cookie session, under which a store of its
# own keeps the sign-in (`session_info[request.session["id"]] = {...}`).
# Deleting that store's record at logout (`session_info.pop(request.session["id"])`)
# ends the session, whatever the key is called (analysis.lifecycle
# _session_held_id; summary `fresh_keys`). The strong sources by their last
# name: those analysis.identity.fresh_id knows (stdlib.STRONG_CALLS, and
# the `secrets` module's token makers), but for nacl's `random`, which
# would read `random.random()` as one.
_STRONG_NAMES = sorted({name.rpartition(".")[2] for name in stdlib.STRONG_CALLS} - {"random"} | {
    "token_hex", "token_urlsafe", "token_bytes"})
_FRESH_KEY = re.compile(
    r"""session\s*\[\s*(['"])(\w+)\1\s*\]\s*=\s*(?:str\s*\(\s*)?(?:[A-Za-z_][\w.]*\.)?(?:%s)\s*\(""" % "|".join(
        _STRONG_NAMES))


def fresh_keys(text):
    """Sorted session keys the module writes a fresh strong random id under."""
    if "session" not in text:
        return []
    return sorted({match.group(2) for match in _FRESH_KEY.finditer(text)
                   if text[match.start() - 1:match.start()] in (".", " ", "\t", "\n", "(", "")})
