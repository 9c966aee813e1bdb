"""SFX203 client-chosen-session-id-accepted."""

from ..analysis.session_id_facts import SessionIdAnalysis
from .. import frameworks as fw
from . import _session_id_semgrep as si
from ._cookie_semgrep import regex
from .base import FIX_NONE, OWASP_AUTH, Example, Fix, Rule, SemgrepRule

# -- Semgrep -------------------------------------------------------------------

_CACHE_KEY_RE = r"""^[rRbBuUfF]{0,2}["'](?i:sess)"""


def _incoming(sid):
    """`sid` holds the id the request's cookie brought: read from the
    cookies earlier in the function, or a FastAPI Cookie() parameter."""
    return {"pattern-either": [
        {"pattern-inside": f"{sid} = <... $REQ.cookies ...>\n...\n"},
        {"pattern-inside": f"{sid} = <... $REQ.COOKIES ...>\n...\n"},
        {"pattern-inside": f"def $FN(..., {sid}: $T = fastapi.Cookie(...), ...):\n  ...\n"},
    ]}


def _created_when_missing():
    """A record written under `$SID` in the branch where no record exists."""
    writes = ["$STORE[$SID] = $V", "$STORE[$SID] = $OTHER = $V", "$OTHER = $STORE[$SID] = $V"]
    guards = []
    for write in writes:
        guards += [
            # Semgrep does not unify the store of an `in` test with a subscript's:
            # the probed one is checked by name on its own.
            f"if <... $SID not in $PROBED ...>:\n  ...\n  {write}\n",
            f"if <... $SID in $PROBED ...>:\n  ...\nelse:\n  ...\n  {write}\n",
            f"$R = $PROBED.get($SID, ...)\n...\nif $R is None:\n  ...\n  {write}\n",
            f"$R = $PROBED.get($SID, ...)\n...\nif not $R:\n  ...\n  {write}\n",
        ]
    return {"patterns": [
        {"pattern-either": [{"pattern": w} for w in writes]},
        regex("$STORE", si.STORE_RE),
        {"pattern-either": [{"patterns": [{"pattern-inside": g}]} for g in guards if "$PROBED" not in g]
         + [{"patterns": [{"pattern-inside": g}, regex("$PROBED", si.STORE_RE)]} for g in guards if "$PROBED" in g]},
        _incoming("$SID"),
        # ...unless the id was replaced by a fresh one first.
        *[{"pattern-not-inside": f"$SID = <... {gen}(...) ...>\n...\n$STORE[$SID] = $V\n"}
          for gen in sorted(fw.TOKEN_GENERATORS)],
    ]}


def _cache_created_when_missing():
    return {"patterns": [
        {"pattern-inside": "if not $CACHE.get($KEY, ...):\n  ...\n"},
        {"pattern": "$CACHE.set($KEY, ...)"},
        regex("$KEY", _CACHE_KEY_RE),
        {"pattern-either": [{"pattern-inside": "$SID = <... $REQ.cookies ...>\n...\n"},
                            {"pattern-inside": "$SID = <... $REQ.COOKIES ...>\n...\n"}]},
    ]}


def _create_or_get():
    """One call that creates the record when it is missing, keyed by the
    incoming id: `setdefault`, `get_or_set`, a defaultdict subscript."""
    return {"pattern-either": [
        {"patterns": [
            {"pattern-either": [{"pattern": "$STORE.setdefault($SID, ...)"}, {"pattern": "$STORE.get_or_create($SID, ...)"}]},
            regex("$STORE", si.STORE_RE),
            {"pattern-either": [_incoming("$SID"), {"patterns": [{"pattern": "$STORE.setdefault($SID, ...)"},
                                                                 regex("$SID", r".*\.(cookies|COOKIES)\b")]}]},
        ]},
        {"patterns": [
            {"pattern": "$CACHE.get_or_set($KEY, ...)"},
            regex("$KEY", _CACHE_KEY_RE),
            {"pattern-either": [{"pattern-inside": "$SID = <... $REQ.cookies ...>\n...\n"},
                                {"pattern-inside": "$SID = <... $REQ.COOKIES ...>\n...\n"}]},
        ]},
        {"patterns": [
            {"pattern-inside": "$STORE = collections.defaultdict(...)\n...\n"},
            {"pattern": "$STORE[$SID]"},
            regex("$SID", r".*\.(cookies|COOKIES)\b"),
        ]},
        {"patterns": [
            {"pattern-inside": "$S = SessionStore(session_key=$SID)\n...\n"},
            {"pattern": "$S.save(must_create=True)"},
            regex("$SID", r".*\.(cookies|COOKIES)\b"),
        ]},
    ]}


def _semgrep_rules():
    return (
        SemgrepRule(
            message="A session record is created under the id the client sent: the server must accept only ids "
                    "it generated; issue a new id with secrets.token_urlsafe() when the id is unknown",
            match={"pattern-either": [_created_when_missing(), _cache_created_when_missing(), _create_or_get()]},
        ),
    )



class ClientChosenSessionIdAccepted(Rule):
    """
    ## What it does
    Reports a server-side session record created under an id that came
    with the request, when no record exists for it:

    - `if sid not in SESSIONS: SESSIONS[sid] = {}` (and the `else` branch
      of `if sid in SESSIONS`);
    - `record = store.get(sid)` / `store.exists(sid)` followed by
      `if record is None:` / `if not record:` and a write under `sid`;
    - `SESSIONS.setdefault(sid, {})`, `get_or_create(...)`,
      `cache.get_or_set(f"session:{sid}", ...)`;
    - reading a `collections.defaultdict` store with the request's id
      (`SESSIONS[sid]` creates the record).

    The id comes from the request when it is read from a cookie, header,
    query string, form or JSON body, or URL path (see SFX201) — directly or
    through a variable. The record is a session record when the store is
    named like one (`SESSIONS`, `session_store`, `_sessions`, ...), the key
    text starts like `session:`, or the id is read under a session-id or
    session-cookie name. Reported at the creating statement.

    ## Why is this bad?
    This is how session fixation works against a hand-rolled store: the
    attacker picks an id, plants it in the victim's browser, and the server
    obligingly creates a session under it. When the victim logs in, the
    attacker's id is logged in. A server must only accept ids it generated;
    an unknown id means "start a new session under a fresh id".

    ## Decisions
    Only creation counts: reading or updating an existing record under the
    cookie's id is how sessions work. When the branch that creates the
    record first replaces the id with a fresh one
    (`sid = secrets.token_urlsafe(32)`), it is the correct pattern and is
    silent. Stores not named like session stores, keyed by values not named
    like session ids (`VOTES.setdefault(request.form["poll"], 0)`), are not
    sessions; nor are stores named for other kinds of session
    (`chat_sessions`, `browser_sessions`, `mcp_sessions`:
    `session_id_words.OTHER_SESSION_WORDS`) or stores of HTTP client
    sessions (`self._sessions[key] = requests.Session()`), unless the key
    is the session cookie. Framework session objects (`flask.session`,
    `request.session`) manage their own ids and are not stores here. Test
    code is exempt.
    """

    code = "SFX203"
    name = "client-chosen-session-id-accepted"
    summary = "Session record created under an id the client sent, instead of a server-generated one"
    cwe = ("CWE-384: Session Fixation",)
    owasp = (OWASP_AUTH,)
    security_severity = "7.5"
    uses = (SessionIdAnalysis,)
    references = (
        ("OWASP Session Management Cheat Sheet: Session ID Generation and Verification",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-generation-and-verification-permissive-and-strict-session-management"),
        ("OWASP: Session fixation", "https://owasp.org/www-community/attacks/Session_fixation"),
        ("CWE-384", "https://cwe.mitre.org/data/definitions/384.html"),
    )
    fix = Fix(
        FIX_NONE,
        "Refusing ids the server did not issue means generating a new "
        "id and sending it back as the session cookie where the record is created — a change to "
        "the response and to the store's flow that depends on the surrounding code.",
        "issuing a new id and sending it as the cookie changes the response and the store's flow",
    )
    invalid = (
        Example(
            """
            from flask import Flask, request

            app = Flask(__name__)
            SESSIONS = {}

            @app.before_request
            def load_session():
                sid = request.cookies.get("sid")
                if sid not in SESSIONS:
                    SESSIONS[sid] = {}
            """,
            expect=((10, 9),),
            title="Flask: an unknown cookie id becomes a session",
        ),
        Example(
            """
            from fastapi import Cookie, FastAPI

            app = FastAPI()
            SESSIONS = {}

            @app.get("/cart")
            def cart(sid: str = Cookie("")):
                data = SESSIONS.setdefault(sid, {"cart": []})
                return data["cart"]
            """,
            expect=((8, 5),),
            title="FastAPI: setdefault under the cookie's id",
        ),
    )
    valid = (
        Example(
            """
            import secrets
            from flask import Flask, request

            app = Flask(__name__)
            SESSIONS = {}

            @app.before_request
            def load_session():
                sid = request.cookies.get("sid")
                if sid not in SESSIONS:
                    sid = secrets.token_urlsafe(32)
                    SESSIONS[sid] = {}
            """,
            title="an unknown id starts a new session under a fresh id",
        ),
    )

    semgrep = _semgrep_rules()
    semgrep_parity = (
        "Semgrep recognises the creating statement under an `if sid not in store` / `is None` / `else` "
        "guard, `setdefault`/`get_or_set`, a `defaultdict` subscript and `SessionStore(session_key=...)."
        "save(must_create=True)`, with the id read from the cookies in the same function; a record "
        "created in a helper is missed."
    )

    def check(self, ctx, facts):
        for created in facts[SessionIdAnalysis].client_ids:
            yield self.finding(created.node, self.message(ctx, created))

    def message(self, ctx, created):
        label = created.framework.label_in(ctx) if created.framework is not None else None
        fix = fw.advice(created.framework, self.code,
                        "when the id is unknown, issue a new one with secrets.token_urlsafe(32)", label=label)
        return (f"session record is created in {created.store} under the {created.key} the client sent; "
                f"{fix} ({label})")
