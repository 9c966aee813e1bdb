"""Which cookie names a module may read (summary `cookies_read`).

A cookie the project sets but never reads is no credential of the project's:
setting it from a request value plants nothing the server later trusts
(chainlit mirrors a client-made websocket id into a cookie only a proxy's
sticky routing looks at). Whether a name is read is judged from the text,
generously: in a module whose text says "cookie" (any case), every short
string literal (`request.cookies.get("sid")`, an env-var default
`os.environ.get("AUTH_COOKIE_NAME", "access_token")`, a constant
`SID_COOKIE = "sid"`, a `cookie_name="sid"` argument) counts as a name the
module may read, and so does every literal part of an f-string
(`request.cookies.get(f"access-token-{app_id}")` reads any name holding
`access-token-`) — except the name given where a cookie is set or deleted
(`set_cookie("sid", ...)`, `delete_cookie(key="sid")`). A name mentioned
anywhere else (a read, a setting, a test of `"sid" in request.cookies`)
is read. Cookies a framework or library reads by default (Flask's
`session`, Django's `sessionid`, Flask-Login's `remember_token`) are read
whatever the project says (frameworks.LIBRARY_COOKIE_NAMES);
frameworks.cookie_is_read matches a name against these answers.

A scan of the text, no parse, in the modules that mention cookies only;
of the strings, only those that could name a session or credential cookie
(frameworks.SESSION_COOKIE_WORDS, session_id_words.SESSION_ID_NAMES) and
the f-string parts are kept: the only names ever asked about.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import frameworks as fw
from ..frameworks import COOKIE_FRAGMENT as FRAGMENT
from ..frameworks import session_id_words as sid
from .needles import Needles

# A short string literal of name characters on one line (f-string fields
# allowed); its prefix is read from the characters before it.
_STRING = re.compile(r"""(["'])([\w.\-$:{}]{1,80})\1""")
# The name given where a cookie is set or deleted: first argument or key=/name=.
_SET_NAME = re.compile(r"""_cookie\s*\(\s*(?:(?:key|name)\s*=\s*)?(["'])([^"'\\\n]*)\1""")
# What comes before `_cookie(` in the adapters' methods that set or delete a
# cookie (`set`, `set_signed`, `delete`, `clear`, `del`...), and how far back to look.
_SETTERS = tuple(sorted({m[:-len("_cookie")] for m in fw.COOKIE_WRITER_METHODS if m.endswith("_cookie")}))
_SETTER_SPAN = max(map(len, _SETTERS))
# What a cookie name can look like; anything else (prose, URLs, formats) is left out.
_NAME = re.compile(r"[\w.\-$:]{1,80}")
_FIELD = re.compile(r"\{[^{}]*\}")
_F = frozenset("fF")
_R = frozenset("rR")
_PREFIXES = _F | _R


def scan(text, probe=None):
    """The cookie names a module's text may read, sorted; f-string parts
    end with FRAGMENT. Empty for a module that never says "cookie".
    `probe`: the text's needles.Probe, when the caller keeps one."""
    if not mentions_cookies(text, probe):
        return []
    set_names = {}
    for match in _SET_NAME.finditer(text):
        if text.endswith(_SETTERS, max(match.start() - _SETTER_SPAN, 0), match.start()):
            set_names[match.group(2)] = set_names.get(match.group(2), 0) + 1
    # Most literals have no prefix: the f-prefix is looked at only after a
    # prefix letter, and the plain ones are counted at once (Counter).
    plain, fragments = [], Counter()
    for match in _STRING.finditer(text):
        start = match.start()
        if start and text[start - 1] in _PREFIXES and _is_f_string(text, start):
            for part in _FIELD.split(match.group(2)):
                if len(part) >= 3 and _NAME.fullmatch(part):
                    fragments[part + FRAGMENT] += 1
        else:
            plain.append(match.group(2))
    counts = Counter(plain)
    counts.update(fragments)
    if "Cookie(" in text:  # FastAPI's declared cookie reads: `session_token: str | None = Cookie(None)`
        counts.update(_declared(text))
    # A plain literal is a name when it holds no brace: _STRING's characters are _NAME's and `{}`.
    return sorted(name for name, count in counts.items()
                  if count > set_names.get(name, 0) and (
                      name.endswith(FRAGMENT) or ("{" not in name and "}" not in name and _may_name_session(name))))


# A parameter declared as a cookie read (FastAPI's `Cookie()`, as a default or in
# `Annotated[..., Cookie()]`): its name is the cookie's, unless an alias gives another.
_DECLARED = re.compile(r"(\w+)[ \t]*:[^=\n]*?(?:=[ \t]*|Annotated\[[^\n]*?)(?:\w+\.)?Cookie\(([^)\n]*)\)")
_ALIAS = re.compile(r"""alias[ \t]*=[ \t]*(["'])([^"'\\\n]+)\1""")


def _declared(text):
    """The cookie names the text's `Cookie()` parameters read: each
    `Cookie(` found, then its line read (a pattern tried at every word of
    the module would cost more than the rest of the scan)."""
    at = text.find("Cookie(")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        for match in _DECLARED.finditer(text, start, len(text) if end == -1 else end):
            alias = _ALIAS.search(match.group(2))
            yield alias.group(2) if alias is not None else match.group(1)
        at = text.find("Cookie(", len(text) if end == -1 else end)


def _is_f_string(text, quote):
    """Whether the literal opening at `quote` has an f prefix (f, rf, fr)."""
    at = quote - 1
    if at >= 0 and text[at] in _R:
        at -= 1
        if at < 0 or text[at] not in _F:
            return False
    elif at < 0 or text[at] not in _F:
        return False
    elif at >= 1 and text[at - 1] in _R:
        at -= 1
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


_COOKIE_WORD = Needles(("ookie", "OOKIE"))


def mentions_cookies(text, probe=None):
    """"cookie" in any case, without lowering the whole text (every module
    of the project is asked)."""
    return _COOKIE_WORD.found_in(text, probe)


@lru_cache(maxsize=8192)
def _may_name_session(name):
    """Only a cookie named like a session or credential is ever asked
    about (SessionIdAnalysis._never_read): other strings are not kept."""
    lowered = name.lower()
    return fw.names_session_word(lowered) or sid.normal(name) in sid.SESSION_ID_NAMES

