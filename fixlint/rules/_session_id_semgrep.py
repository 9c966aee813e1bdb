"""Semgrep pattern pieces that SFX201-SFX204 share: the names a session id
goes by and what a hand-rolled session store looks like — from
frameworks/session_id_words.py, the data the flake8 rules read. Where each
framework keeps request parameters is its adapter's (SFX201's twins,
Framework.semgrep_twins).

Metavariables: `$REQ` a request, `$D` a local holding parsed request data,
`$X` a local holding a request value, `$STORE` a store, `$P` a parameter.
"""

from __future__ import annotations

from ..frameworks import session_id_words as sessionids
from ._cookie_semgrep import regex, words


def _name_alternatives(names):
    """A normal-form name (`session_id`) also as `sessionId`/`session-id`."""
    return sorted({n.replace("_", "[_-]?") for n in names}, key=lambda w: (-len(w), w))


SID_WORDS = "|".join(_name_alternatives(sessionids.SESSION_ID_NAMES))
# A whole session-id name: as a string pattern's value, and as the text of
# an identifier metavariable.
SID_NAME = f'"=~/^(?i:{SID_WORDS})$/"'
SID_NAME_RE = rf"^(?i:{SID_WORDS})$"
SID_TEXT_RE = rf"""^[rub]?["'](?i:{SID_WORDS})["']$"""

PARSED_BODIES = ("json.loads(...)",)


def named_reads(sources, name=SID_NAME):
    """`source.get(name)` / `source[name]`, directly or through a local
    assigned from the source (`payload = request.get_json() or {}`)."""
    forms = []
    for source in sources:
        forms += [f"{source}.get({name}, ...)", f"{source}[{name}]", f"({source}).get({name}, ...)",
                  f"({source})[{name}]"]
    via_local = [
        {"patterns": [
            {"pattern-either": [{"pattern-inside": f"$D = <... {source} ...>\n...\n"} for source in sources]},
            {"pattern-either": [{"pattern": f"$D.get({name}, ...)"}, {"pattern": f"$D[{name}]"}]},
        ]},
    ]
    return {"pattern-either": [*({"pattern": f} for f in forms), *via_local]}


# `chat_sessions`, `browsersteps_sessions`: a store of other sessions
# (session_id_words.OTHER_SESSION_WORDS) is not a session store.
_OTHER = words(sorted(sessionids.OTHER_SESSION_WORDS))
# A route path or router name with one of those words (`/api/chat/...`,
# `assistant_router`, `chatBp`): its routes serve other sessions.
NOT_OTHER_RE = rf"^(?![\s\S]*(?<![a-zA-Z])(?i:{_OTHER}))"
STORE_RE = (
    rf"(?i)^(?:[\w.]*\.)?(?!_?(?:\w*_)?(?:{_OTHER}))_?(?:\w*_)?(?:{words(sorted(sessionids.STORE_PLURALS))}"
    rf"|(?:{words(sorted(sessionids.STORE_WORDS))})_?(?:{words(sorted(sessionids.STORE_NOUNS))}))$"
)


FOREIGN_PACKAGES = sessionids.FOREIGN_SESSION_PACKAGES


def store_lookups(key):
    """`key` used to look a session record up: `SESSIONS[key]`,
    `session_store.get(key)`, Django's `SessionStore(key)` /
    `SessionStore(session_key=key)` / `Session.objects.get(session_key=key)`."""
    reads = words(sorted(sessionids.STORE_READS))
    return {"pattern-either": [
        {"patterns": [
            {"pattern-either": [{"pattern": f"$STORE[{key}]"}, {"pattern": f"$STORE.$READ({key}, ...)"}]},
            regex("$STORE", STORE_RE),
            {"pattern-either": [{"pattern": f"$STORE[{key}]"},
                                {"patterns": [{"pattern": f"$STORE.$READ({key}, ...)"}, regex("$READ", f"^({reads})$")]}]},
        ]},
        {"pattern": f"$ENGINE.SessionStore({key})"},
        {"pattern": f"$ENGINE.SessionStore(session_key={key})"},
        {"pattern": f"SessionStore({key})"},
        {"pattern": f"SessionStore(session_key={key})"},
        {"pattern": f"$SESSION.objects.$GET(..., session_key={key}, ...)"},
    ]}


def direct_lookup(sources):
    """A request value passed straight into a session lookup:
    `Session.objects.get(session_key=request.GET.get("k"))`."""
    forms = []
    for source in sources:
        forms += [f"{source}.get(...)", f"{source}[...]"]
    return {"patterns": [
        {"pattern-either": [{"pattern": f"$SESSION.objects.$GET(..., session_key={f}, ...)"} for f in forms]
         + [{"pattern": f"SessionStore(session_key={f})"} for f in forms]},
    ]}
