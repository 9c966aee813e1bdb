"""SFX204 weak-session-id."""

from .. import frameworks as fw
from ..analysis.session_id_facts import SessionIdAnalysis
from ..frameworks import session_id_words as sessionids, stdlib
from . import _lifecycle_semgrep as ls
from . import _session_id_semgrep as si
from ._cookie_semgrep import regex, words
from .base import FIX_NONE, OWASP_CRYPTO, Example, Fix, Rule, SemgrepRule

# -- Semgrep -------------------------------------------------------------------

_WEB_MODULES = tuple(m for f in fw.FRAMEWORKS if f.semgrep_short_sid_names for m in f.semgrep_imports())
_LONG_NAMES = sorted((sessionids.SESSION_ID_NAMES - sessionids.AMBIGUOUS_NAMES) | sessionids.SESSION_TOKEN_NAMES)
_SHORT_NAMES = sorted(sessionids.AMBIGUOUS_NAMES)
_NAME_PART = "|".join(n.replace("_", "_?") for n in _LONG_NAMES)
_NOT_SESSION = words(sorted(sessionids.NOT_SESSION_TOKEN_WORDS))
_GENERATOR_RE = (
    rf"(?i)^(?!test)(?!(?:.*_)?(?:{_NOT_SESSION})(?:_|$))(?:_*(?:{words(sorted(sessionids.GENERATOR_VERBS))})_+(?:\w*_)?(?:{words(sorted(sessionids.GENERATOR_NOUNS))})"
    rf"|.*(?:{_NAME_PART}|(?:^|_)(?:{words(_SHORT_NAMES)}))(?:_|$))"
)


def _weak_values():
    """Predictable sources: the random module (not SystemRandom), uuid1/3/5,
    the clock, a counter."""
    calls = [f"{q}(...)" for q in sorted(stdlib.WEAK_CALLS)]
    return {"pattern-either": [
        {"patterns": [{"pattern": "random.$RANDOM(...)"}, regex("$RANDOM", "^(?!SystemRandom$)")]},
        # A hash of who the user is: anyone can recompute it (unless a server
        # secret is in it: `sha256(user.email + settings.SECRET_KEY)`).
        {"patterns": [{"pattern": "hashlib.$HASH(<... $OBJ.$ATTR ...>)"},
                      regex("$ATTR", rf"^({words(sorted(sessionids.PREDICTABLE_WORDS))})$"),
                      {"pattern-not-regex": rf"(?i)(?:{words(sorted(sessionids.SERVER_SECRET_WORDS))})"}]},
        *({"pattern": c} for c in calls),
        {"patterns": [{"pattern-inside": "$IDS = itertools.count(...)\n...\n"}, {"pattern": "next($IDS)"}]},
        {"patterns": [{"pattern-inside": "def $FN(...):\n  ...\n  $C += 1\n  ...\n"},
                      {"pattern-inside": "return $E"}, {"pattern": "str($C)"}]},
    ]}


def _contexts():
    """Where a weak value is a session id: assigned to a session-id name
    (a short one only in a web module), returned by a generator of session
    ids or tokens, set as a session cookie's value, or used as a store key."""
    return {"pattern-either": [
        {"patterns": [{"pattern-inside": "$SID = $E"}, regex("$SID", rf"(?i)^(self\.)?_*(?:{_NAME_PART})$")]},
        {"patterns": [{"pattern-inside": "$SID = $E"}, regex("$SID", rf"(?i)^(?:{words(_SHORT_NAMES)})$"),
                      *ls.imports(_WEB_MODULES)]},
        {"patterns": [{"pattern-inside": "def $F(...):\n  ...\n"}, {"pattern-inside": "return $E"},
                      regex("$F", _GENERATOR_RE)]},
        {"patterns": [{"pattern-inside": "$RESP.set_cookie($NAME, $E, ...)"},
                      regex("$NAME", r"""^[rub]?["'](?i:[^"']*(sess|sid|token|auth))"""),
                      # the weak call is in the value, not in expires=
                      {"metavariable-pattern": {"metavariable": "$E", "pattern-either": _weak_values()["pattern-either"]}}]},
        {"patterns": [{"pattern-inside": "$STORE[$E] = $V"}, regex("$STORE", si.STORE_RE)]},
        {"patterns": [{"pattern-inside": "$CACHE.set($E, ...)"}, regex("$E", r"""^[rRbBuUfF]{0,2}["'](?i:sess)""")]},
    ]}


def _semgrep_rules():
    return (
        SemgrepRule(
            message="Session id or token from a predictable source: an attacker can guess or reproduce it; "
                    "generate it with secrets.token_urlsafe(32)",
            match={"patterns": [
                _weak_values(),
                _contexts(),
                *_not_in_tests(),
            ]},
        ),
    )


def _not_in_tests():
    """In a function that is not a test: test code forges ids on purpose
    (and module-level code rarely mints session ids)."""
    return [{"pattern-inside": "def $TF(...):\n  ...\n"}, regex("$TF", "^(?!test)")]



class WeakSessionId(Rule):
    """
    ## What it does
    Reports a session id or session token produced by a guessable source:
    `random.*` and `random.Random()` methods (not `random.SystemRandom`),
    `numpy.random.*`, `uuid.uuid1()` (host address and clock),
    `uuid.uuid3()`/`uuid.uuid5()` (a hash of a name), the clock
    (`time.time()`, `datetime.now()`), counters (`next(itertools.count())`,
    `n += 1`, a module-level `global n; n += 3` or `n = n + 1`), and hashes of guessable
    data (`md5(username + str(time()))`, `sha256(user.email)`, a hash
    object fed with `h.update(...)`). A same-module helper that returns a
    weak value (`next_number()`) is as weak where its result is used, and
    is reported at the call; so is a neutral helper imported from another
    module of the project (`random_string()` in `utils.py`); a project's
    hash wrapper (`def md5(s): return hashlib.md5(str(s).encode()).hexdigest()`
    in `commons/func.py`) hashes what it is given, as weak as that is
    guessable (`md5(str(user_id) + str(int(time.time())))`). A key the
    module writes as a literal is no secret, also on an attribute
    (`app.secret_key = "dev"`, then `sha256(f"{user}{app.secret_key}")`).
    A cookie's value is judged wherever it is set: `set_cookie(...)`, a
    `Set-Cookie` header written by hand (`send_header("Set-Cookie",
    "token=" + str(n))`, a raw response's `"Set-Cookie: token=" + ...` line). A helper named
    like a session-id generator (`new_session_id()`) is reported once, at
    the weak expression in its own module, never at its calls. Encoding does not help: `str()`, `.hex`,
    `hexdigest()`, `base64`, `"".join(...)` and string building keep the
    weakness of what they encode.

    The value must be a session id by context: assigned to a session-id or
    session-token name (`sid`, `session_id`, `session_key`, `auth_token`,
    `access_token`, ... as a variable, attribute, keyword argument or dict
    key), returned from a function named like a session-id or token
    generator (`generate_session_id`, `new_sid`, `make_token`,
    `generate_sid`), used as a key of a server-side session store
    (`SESSIONS[sid] = ...`, `session_store.set(sid, ...)`,
    `cache.set(f"session:{sid}", ...)`), set as the value of a
    session/auth cookie (`set_cookie("sessionid", ...)`), or stored in the
    session as a session-bound credential — a remember-me token, an auth
    token or an API key, named in any of the supported languages
    (`request.session[f"rememberMe{n}"] = ...`, `session["staff_token"] =
    ...`, `session["chave_api"] = ...`), or compared with a session or auth
    cookie (`request.cookies["remember_me"] == token`: the value checked
    against the cookie is the credential it carries; an A/B-test cookie is
    not one). A hard-coded token is the most predictable value there is: a
    constant (a literal, or a module-level name bound once to a literal)
    that is both set as a cookie's value (`set_cookie(COOKIE_NAME,
    value=COOKIE_VALUE)`, a morsel) and compared with a read of that
    cookie in the same module (`int(request.cookies.get(COOKIE_NAME)) ==
    COOKIE_VALUE`, `==`, `!=`, `in`, `is`) is the same credential for every
    visitor, and anyone can forge the login; it is reported at the constant
    in the set_cookie call. So is what a session-id generator (named like
    one: `new_session_id()`, `session_id_generator()`) returns when every
    one of its returns is a constant, or a hash or encoding of one
    (`return sha256("4bf9c729".encode()).hexdigest()`): every session gets
    that id. A flag value (`"1"`, `"true"`, `"yes"`, `0`)
    is such a token only under a credential's name (`auth_token`,
    `remember_me`) or where the comparison decides access: it is the test
    of an `if` that raises, returns, aborts or redirects, or the result of
    a predicate named for the signed-in user (`_logged_in()`); a flag
    compared only to decide whether to send it again (`if
    request.COOKIES.get("gm_mode") != "1": response.set_cookie("gm_mode",
    "1")`) is no credential. Of a tuple a generator returns (`return token,
    date_expired`), only the token is judged: the elements named like a
    token or an id, else the first one, never one named for the expiry.
    The message names what the value is (session id, remember-me token,
    auth token, API key, or a token for a generator whose name says no
    more: `createToken()`). Reported at the expression that produces the
    weak value.

    `secrets.*`, `os.urandom`, `uuid.uuid4`, `random.SystemRandom` and
    Django's `get_random_string` are strong; a value that mixes in a strong
    part (`f"{user.id}-{secrets.token_hex(16)}"`) is strong.

    ## Why is this bad?
    Python's `random` is a Mersenne Twister: after 624 outputs an observer
    can predict every later one, and seeds from the clock are found by brute
    force in seconds. Clock values, counters, `uuid1` and hashes of user
    data are guessable outright. A guessable session id lets an attacker
    take over other users' sessions without ever seeing them.

    ## Decisions
    Randomness that is not a session id stays silent: jitter, shuffles,
    sampling, games, correlation and request ids, CSRF tokens, OTP codes,
    nonces, password-reset and invitation tokens — generic "random is not
    crypto" rules already cover those, and this rule must be worth keeping
    on. A hash of data we cannot judge (`sha256(payload)`) is not reported.
    A hash whose input holds a server secret (`settings.SECRET_KEY`,
    `settings["app.secret"]`, a `pepper`) or an existing session id or
    token (`sha256(session_id)`, binding a CSRF token to the session) is as
    unguessable as that input, whatever clock or name it mixes in — a MAC
    under a key is (`hmac.new(key, ...)`, or a MAC object fed with
    `update()`: `hmac.HMAC`, the cryptography package's `HMAC(key,
    ...).finalize()`, also when a helper of the module makes it) — and is
    not reported, unless the secret is a literal in the code, or the id was
    just made weak or came from the request.
    The short names `sid` and `sess` mean other things outside web code (a
    subject, sample or station id): as variable, attribute, keyword or key
    names they count only in modules that import a web framework; a
    function named like a session-id generator counts anywhere.
    A constant cookie the code never compares (a consent flag, a banner
    seen), a theme or other preference cookie, a CSRF cookie, a deletion
    (an empty value, `max_age=0`, a past `expires`) and a name bound more
    than once are not hard-coded tokens.
    Test code is exempt.

    Real code calls other things "sessions" too, and their ids are not web
    session ids: in a module, or a route or router, named for a chat or
    conversation, an AI assistant, a headless browser, a terminal or
    shell, a socket connection, a tool (MCP) connection, a subprocess,
    sandbox or notebook kernel, a workflow run, an AI agent's sessions, or
    a trace (`assistant/api.py`, `tracing.py`, `/api/chat/...`,
    `assistant_router`, `/agents/sessions/...`), or in a module that imports
    a tracing SDK (OpenTelemetry) and no web framework (a span generator),
    a "session id" is that thing's (a label that groups traces, a
    conversation's id) and is not reported; neither is a key of a store
    named for one (`chat_sessions[...]`), nor a dotted span attribute
    (`{"session.id": ...}`). A weak value set as the session cookie, stored
    in the web session or compared with a session cookie is reported
    wherever it is. A generator whose results key a cache of HTTP or
    database client sessions (`self._sessions[self._session_key()] =
    requests.Session()`, also through a same-module factory) makes cache
    keys, not session ids, and is silent. The words are data
    (`session_id_words.OTHER_SESSION_WORDS`, `CLIENT_SESSION_CLASSES`).
    """

    code = "SFX204"
    name = "weak-session-id"
    summary = "Session id or token from a guessable source (random, uuid1, time, counter, hash of user data)"
    cwe = ("CWE-330: Use of Insufficiently Random Values",)
    owasp = (OWASP_CRYPTO,)
    security_severity = "7.5"
    uses = (SessionIdAnalysis,)
    references = (
        ("OWASP Session Management Cheat Sheet: Session ID Entropy",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-entropy"),
        ("Python docs: secrets — generate secure random numbers", "https://docs.python.org/3/library/secrets.html"),
        ("Python docs: random (not for security)", "https://docs.python.org/3/library/random.html"),
        ("CWE-330", "https://cwe.mitre.org/data/definitions/330.html"),
    )
    fix = Fix(
        FIX_NONE,
        "`secrets.token_urlsafe(32)` is the replacement, but it "
        "changes the id's type and length (an integer or a UUID becomes a 43-character string), "
        "which may break the column, cache key or format that stores or parses it; existing "
        "sessions keep their weak ids until they expire. A human should make that change.",
        "a secure id changes type and length, which may break where ids are stored or parsed",
    )
    invalid = (
        Example(
            """
            import random
            import string

            def new_session_id():
                return "".join(random.choice(string.ascii_letters) for _ in range(32))
            """,
            expect=((5, 20),),
            title="random.choice() behind a session-id generator",
        ),
        Example(
            """
            import hashlib
            import time
            from flask import Flask, make_response

            app = Flask(__name__)

            @app.post("/login")
            def login():
                username = "alice"
                token = hashlib.md5((username + str(time.time())).encode()).hexdigest()
                resp = make_response("ok")
                resp.set_cookie("auth_token", token, secure=True, httponly=True, samesite="Lax")
                return resp
            """,
            expect=((10, 13),),
            title="an auth cookie from md5(username + time)",
        ),
    )
    valid = (
        Example(
            """
            import random
            import secrets

            def new_session_id():
                return secrets.token_urlsafe(32)

            def retry_delay(attempt):
                return 2 ** attempt + random.random()
            """,
            title="secrets for the id; random for jitter",
        ),
    )

    semgrep = _semgrep_rules()
    semgrep_parity = (
        "Semgrep sees the weak call where the session id is named, returned by a generator, set as a "
        "session cookie or used as a store key; a weak value that passes through a helper or a variable "
        "with a neutral name first is missed, and so are hashes of predictable data without a clock in them, "
        "hash objects fed with update(), module-level counters, credentials stored in the session, values "
        "compared with a cookie, and hard-coded tokens (a constant set as a cookie and compared with its read). Semgrep skips a hash whose text names a secret or pepper, literal or not, "
        "and does not know that hashing an existing session id is no weak generator. Semgrep does not know modules named for other sessions (chats, tracing...) "
        "or caches of HTTP client sessions, and reports their ids. Semgrep reads one file: a neutral helper of another project module "
        "(`random_string()` in `utils.py`) whose result becomes a session id is found only by fixlint's "
        "project model, at the call in the module that uses it; a generator named like one "
        "(`new_session_id()`) is reported at its weak expression, in its own module, only. A weak value "
        "passed to a cookie helper (`set_cookie(resp, \"anon_token\", str(uuid.uuid1()), 365)`, a function "
        "of the module or of another one that calls `set_cookie()` on the response it is given) is found "
        "only by fixlint, at the argument."
    )

    def check(self, ctx, facts):
        for weak in facts[SessionIdAnalysis].weak_ids:
            yield self.finding(weak.node, self.message(ctx, weak))

    def message(self, ctx, weak):
        label = weak.framework.label_in(ctx)
        if weak.constant:
            where = f"the {label} session" if weak.framework.session_label else "the framework's session"
            trusted = ", and the server trusts it when the cookie comes back" if weak.compared else ""
            return (f"{weak.kind} {weak.context} is {weak.source}, the same value for every visitor{trusted}: "
                    f"anyone can forge it; issue a per-login "
                    f"secrets.token_urlsafe(32) kept server-side, or keep the login in {where} ({label})")
        fix = fw.advice(weak.framework, self.code, "use secrets.token_urlsafe(32)")
        return f"{weak.kind} {weak.context} comes from {weak.source}, which an attacker can predict; {fix} ({label})"
