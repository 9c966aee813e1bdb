"""Hand-rolled server-side session stores: a dict, cache or Redis client
holding one record per session id (`SESSIONS[sid] = {...}`,
`store.set(f"session:{sid}", ...)`, `redis.hset(key, mapping=...)`).

What makes such a store a session store is its key: an id read from the
request's cookie (then writing an identity under it keeps whatever id the
browser brought — fixation) or an id just drawn from a token generator
(a new session: regeneration).
"""

import re

from .base import Advice, Framework, SessionBackend

# Calls that write a record: `store.set(key, value)` and Redis' variants.
WRITE_METHODS = frozenset(("set", "setex", "psetex", "hset", "hmset", "put", "set_many"))
# Calls that write fields of an existing record: `SESSIONS[sid].update(...)`.
RECORD_UPDATE_METHODS = frozenset(("update", "setdefault"))
# Calls that hand back a store's record: `SESSIONS.setdefault(sid, {})`, `SESSIONS.get(sid)`.
RECORD_GETTERS = frozenset(("get", "setdefault"))
# A store's own method fetching the record of the one key it is given
# (`STORE.getSession(sid)`, `SESSION_STORE.getSessionData(sid)`,
# `store.load_session(sid)`: the http.server course template's SessionStore).
_GETTER_VERBS = frozenset(("get", "load", "fetch", "find", "read", "lookup"))
_RECORD_NOUNS = frozenset(("session", "sess", "data", "record"))


def names_record_getter(method):
    """Whether a method's name says it fetches a record (RECORD_GETTERS'
    own kind, named by the project: `getSessionData`)."""
    from . import words  # (the package imports this module first)

    parts = words(method)
    return len(parts) > 1 and parts[0] in _GETTER_VERBS and not _RECORD_NOUNS.isdisjoint(parts[1:])
# Calls that remove a record: `SESSIONS.pop(sid)`, `redis.delete(key)`;
# with the id a framework session holds as the key, also a project method
# whose name starts with one of them (`delete_set(f"session:{sid}")`).
DELETE_METHODS = frozenset(("pop", "delete", "remove", "discard", "unlink", "expire", "invalidate"))
# Calls that read a record.
READ_METHODS = frozenset(("get", "hgetall", "hget", "exists"))
# A store kept in an SQL table: the methods that run a statement (DB-API's
# `cursor.execute(sql, params)`, SQLAlchemy's `conn.execute(text(sql))`),
# and a statement that deletes rows of a session table (`DELETE FROM
# sessions WHERE session_token = ?`): the record's deletion.
SQL_RUN_METHODS = frozenset(("execute", "executemany", "exec_driver_sql"))
SQL_TEXT_WRAPPERS = frozenset(("text",))
# How such a statement starts, in any case (`\S*`: a quoted or
# schema-qualified table name); the Semgrep twin reads the same text.
SESSION_ROWS_DELETED = r"\s*delete\s+from\s+\S*session"
_SESSION_ROWS_DELETED = re.compile(SESSION_ROWS_DELETED, re.IGNORECASE)


def deletes_session_rows(sql):
    """Whether an SQL statement deletes rows of a table named for sessions."""
    return _SESSION_ROWS_DELETED.match(sql) is not None


# Wrappers a generated id passes through unchanged in meaning.
ID_WRAPPERS = frozenset(("str", "bytes.hex", "hex", "decode"))
# Variable names that hold a session id even when fixlint cannot see where
# the value came from (to recognise a record's deletion): the one session-id
# vocabulary, sessionids.SESSION_ID_NAMES.

SESSION_BACKEND = SessionBackend(
    key="store",
    label="hand-rolled session store",
    regenerators=frozenset(),
    order="anywhere",
    regenerate_fix=(
        "issue a new id with secrets.token_urlsafe(), store the record under it and send "
        "it as the cookie"
    ),
    invalidate_fix="delete the server-side record (del SESSIONS[sid])",
    server_side=True,
)

# Not a framework but a session backend with its own advice: SFX101/SFX102
# events on a hand-rolled store carry this value.
HAND_ROLLED = Framework(
    key="store",
    label="hand-rolled session store",
    packages=(),
    backend=SESSION_BACKEND,
    advice={
        "SFX101": Advice(docs=((
            "hand-rolled store",
            "issue a new id with secrets.token_urlsafe(), store the record under it and set it as the cookie",
        ),)),
        "SFX102": Advice(docs=((
            "hand-rolled store", "delete the server-side record (del SESSIONS[sid]) as well as the cookie",
        ),)),
    },
)
