"""Session ids as data: the names they go by, the stores that hold them, and
the third-party APIs whose own "session ids" are not web sessions.

Names are compared in a normal form — lower-case words joined by `_` —
so `sessionId`, `session-id` and `SESSION_ID` are one name.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from ..engine.scope import last_name
from . import vocabularies as vocab, words

# Names that hold a web session id (RULES.md), in normal form. Configured
# `session-id-names` and session cookie names are added per file.
SESSION_ID_NAMES = frozenset(
    (
        "session_id", "sessionid", "sid", "ssid", "session_key", "sess", "sessid", "phpsessid",
        "jsessionid", "session_token", "sessiontoken", "sess_id",
    )
)
# Short names that mean other things outside web code (a subject, sample or
# station id, a Wi-Fi network's SSID): they mark a session id only in files
# of a web framework.
AMBIGUOUS_NAMES = frozenset(("sid", "ssid", "sess"))
# Names of session/auth tokens: a weak value stored under one is a weak
# session id (SFX204), though none of them is read as a session id (SFX201).
SESSION_TOKEN_NAMES = frozenset(
    (
        "auth_token", "authtoken", "access_token", "refresh_token", "remember_token",
        "login_token", "bearer_token", "session_secret",
    )
)
# Function names that generate session ids or tokens (SFX204): a verb from
# the first set with a noun from the second, or a session-id name outright.
GENERATOR_VERBS = frozenset(("new", "generate", "gen", "make", "create", "issue", "random", "rand", "mint", "get", "build"))
GENERATOR_NOUNS = frozenset(("sid", "sessionid", "token"))
# A maker's noun after what it makes: `session_id_generator`, `sid_factory`.
GENERATOR_AGENTS = frozenset(("generator", "factory", "maker", "gen"))
# ...and the last words of a function that returns what a token is called or
# how it is shaped, not a token (Flask-Security's `get_token_uniquifier_name()`
# returns a column's name, `"fs_token_uniquifier"`).
TOKEN_METADATA_WORDS = frozenset(
    ("name", "names", "field", "column", "attr", "attribute", "header", "prefix", "label", "length", "size",
     "type", "format"))
# ...but not tokens that are not sessions.
NOT_SESSION_TOKEN_WORDS = frozenset(
    ("csrf", "xsrf", "otp", "pin", "code", "nonce", "captcha", "request", "correlation",
     "trace", "invite", "reset", "verify", "verification", "confirm", "unsubscribe")
)

# Hand-rolled server-side stores: a receiver whose name has one of these
# words (`SESSIONS`, `session_store`, `self._sessions`), or a cache key whose
# literal text starts like `session:` / `sess_`.
# (and the plural in the languages apps are written in: `SESIONES`, `sessoes`, `sitzungen`)
STORE_PLURALS = frozenset(("sessions", "sesiones", "sessoes", "sitzungen", "sessioni", "sesje"))
STORE_WORDS = frozenset(("session", "sess", "sid"))
STORE_NOUNS = frozenset(
    ("store", "storage", "cache", "db", "data", "table", "map", "registry", "backend", "records", "repo")
)
KEY_PREFIX_WORDS = ("session", "sess")
# Store methods that read a record by key, write one, or create it if absent.
STORE_READS = frozenset(("get", "hget", "hgetall", "exists", "load", "fetch", "pop", "ttl"))
STORE_WRITES = frozenset(("set", "setex", "psetex", "hset", "hmset", "add", "put", "save", "store"))
STORE_CREATES = frozenset(("setdefault", "get_or_create", "get_or_set", "update_or_create"))
# `if sid not in S` / `if not S.get(sid)` / `if not S.exists(sid)`.
STORE_PROBES = frozenset(("get", "exists", "has_key", "__contains__", "hgetall", "hexists"))

# Payment and identity providers whose "session ids" (Stripe Checkout
# Sessions, PayPal orders...) are resource ids, not web sessions: a value
# passed to them is theirs.
FOREIGN_SESSION_PACKAGES = (
    "stripe", "paypalrestsdk", "paypalcheckoutsdk", "paypalserversdk", "braintree", "Adyen",
    "adyen", "mollie", "square", "squareup", "checkout_sdk", "razorpay", "paddle",
    "paddle_billing", "lemonsqueezy", "chargebee", "recurly", "gocardless_pro",
    "coinbase_commerce", "klarna", "twilio", "boto3", "botocore",
)

# Outbound HTTP requests: a request value sent on in the body or query of a
# request this application makes to another service (yeti's chat proxy:
# `client.stream("POST", AGENT, json={"session_id": message.get("session_id")})`)
# names a session of that service, not this application's (SFX201), like a
# payment provider's. A call is one when it is a method named for an HTTP
# request with one of the payload keywords, in a module that imports an
# HTTP client library (`client.post(url, json=...)` on an httpx or requests
# client), or a client library's own function (`requests.post(url, data=...)`).
HTTP_CLIENT_PACKAGES = ("httpx", "requests", "aiohttp", "urllib3")
HTTP_REQUEST_METHODS = frozenset(("get", "post", "put", "patch", "delete", "head", "options", "request", "stream"))
HTTP_PAYLOAD_KEYWORDS = frozenset(("json", "data", "params", "content"))

# Things other than a visitor's web session that real code also calls a
# "session": a conversation with a chat bot or an AI assistant, a headless
# browser, a terminal, a socket connection, a tool (MCP) connection, a
# subprocess or sandbox, a trace. An id whose own name, whose store,
# whose route path or router, or whose module (its file or package) is
# qualified by one of these words addresses that thing, not the session
# that signs a visitor in (SFX201, SFX203, SFX204); it still counts when it
# reaches a web-session API (`SessionStore`, the session cookie,
# `session.sid`). A word of five letters or more also qualifies as the
# start of a compound (`browsersteps`). `websocket` is left out: a socket
# handshake carries the web session's cookie, and a socket session that
# holds the signed-in user is the web session; so are words that also name
# people who sign in (`agent`, `worker`) or steps of a web flow (`process`).
OTHER_SESSION_WORDS = frozenset(
    (
        "chat", "chats", "chatbot", "conversation", "conversations", "assistant", "assistants",
        "llm", "copilot",
        "browser", "browsers", "headless", "playwright", "selenium", "webdriver", "puppeteer",
        "crawler", "scraper",
        "terminal", "terminals", "shell", "pty", "tty", "ssh",
        "socketio", "sio", "socket", "sockets",
        "mcp", "subprocess", "kernel", "kernels",
        "sandbox", "container", "notebook", "jupyter", "repl",
        "trace", "traces", "tracing", "telemetry",
        # A workflow run's sessions (bisheng's /workflow/invoke and /workbench/).
        "workflow", "workflows", "workbench",
        # A trading strategy's backtest or simulation run (jesse's /backtest/sessions/{session_id}),
        # a captcha challenge, a QR-code or scan login of another service's account (xianyu's
        # /qr-login/status/{session_id}, /shared-scan/...).
        "backtest", "backtests", "simulation", "simulations", "captcha", "captchas", "qr", "scan", "scans",
        # An AI agent's memory session (cognee's /api/v1/recall with `session_id` handed to
        # cognee_recall()): "remember" is left out, the remember-me cookie's word.
        "memory", "memories", "recall",
        # A live quiz's or game's room, joined with a code students or players type in (LeQCM's
        # generateSessionId() keying `rooms[...]`).
        "room", "rooms", "quiz", "quizzes", "game", "games", "lobby", "lobbies",
        # A resumable or multipart upload's session (babybook's /uploads/{session_id}/resume).
        "upload", "uploads", "multipart",
    )
)
# Words that say so only right before "session(s)": an AI agent's session
# (phoenix's `/agents/sessions/{session_id}`), where `/agent/login` is
# someone who signs in.
OTHER_SESSION_QUALIFIERS = frozenset(("agent", "agents"))
# The words that name a session itself (`ChatSession`, `UserSessions`).
SESSION_WORDS = frozenset(("session", "sessions"))
_COMPOUND_PREFIXES = tuple(sorted(w for w in OTHER_SESSION_WORDS if len(w) >= 5))

# Objects that HTTP and database client libraries call sessions: a store
# whose records are these (`self._sessions[os.getpid()] = requests.Session()`)
# caches clients, and its keys are no session ids (SFX204).
CLIENT_SESSION_CLASSES = frozenset(
    (
        "requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client",
        "httpx.AsyncClient", "aiohttp.ClientSession", "aiohttp.client.ClientSession",
        "urllib3.PoolManager", "sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session",
        "sqlalchemy.orm.sessionmaker", "sqlalchemy.ext.asyncio.AsyncSession", "boto3.Session",
        "boto3.session.Session", "aioboto3.Session", "sqlmodel.Session",
    )
)

# Database lookups by primary key (`EditingSession.objects.filter(id=x)`,
# `get_object_or_404(Model, pk=x)`, SQLAlchemy `filter_by(id=x)`): a value
# passed as one of these keywords is a row's id, not a web session id.
ORM_METHODS = frozenset(
    ("filter", "filter_by", "get", "exclude", "get_or_create", "update_or_create", "get_object_or_404",
     "get_list_or_404", "aget", "afilter", "get_or_404",
     # SQLAlchemy's relationship criteria (`SessionBlock.session.has(id=x)`: Indico's conference session)
     "has", "any")
)
# A lookup by primary key whatever its receiver (Flask-SQLAlchemy's, and
# models' own: `Session.get_or_404(key)`); a plain `get` is one only on a
# model query (`Model.query.get(key)`, `db.get(Model, key)`).
KEY_LOOKUP_OR_404 = "get_or_404"
PRIMARY_KEY_ARGS = frozenset(("id", "pk"))

# Words of a name that holds a server secret (`SECRET_KEY`, `app.secret_key`,
# `settings["kotti.secret2"]`, a `pepper`): a hash whose input includes one
# is as unguessable as the secret, like a MAC under it (SFX204).
SERVER_SECRET_WORDS = frozenset(("secret", "pepper", "encryption", "signing", "hmac"))
# ... and of a name that holds a token the caller was given (loonflow's
# webhook `token`, signed as `md5(timestamp + token)`): as secret as the
# token, unless the analysis knows it weak, a literal, or read from the
# request (fixlint only: the Semgrep twin cannot tell where it came from).
HELD_TOKEN_WORDS = frozenset(("token",))

# Words of a request value that names the user signing in (`username`,
# `email`, `usuario`): put into an auth cookie as it is, the cookie holds an
# identity the login checked, not a session id a link can plant (SFX201).
USER_IDENTITY_WORDS = frozenset(
    ("user", "username", "userid", "uid", "login", "email", "mail", "nick", "nickname", "usuario", "utilisateur",
     "utente", "benutzer", "pengguna", "correo",
     # the user name a login form asks for, by other names (edu_system's `name`, `nombre`, `nm`)
     "name", "uname", "nm", "nombre", "nome", "nama",
     # Turkish `isim`/`ad` (name), `kullanici_adi` (user name), as ip1-2020's greeting cookie
     "isim", "ad", "adi", "kullanici")
)
# Words a form's field names carry beside what they hold (`inp_user`, `txt_email`): left out
# when a request value's name is read for what it holds.
FORM_FIELD_WORDS = frozenset(("inp", "input", "txt", "text", "tb", "fld", "field", "frm", "form"))

# Identity-like names: hashing only these yields a guessable id (the
# account name a login form submits too: `md5(account)`, stevekevin1005's
# blog token).
PREDICTABLE_WORDS = frozenset(
    ("user", "username", "email", "uid", "login", "name", "id", "pk", "ip", "addr", "account",
     "remote", "timestamp", "now", "time", "date", "counter", "count", "seq", "agent")
) | USER_IDENTITY_WORDS


# What a session-bound credential is, by the words of its name (SFX204's
# message names it); the first kind whose words appear wins.
CREDENTIAL_KINDS = (
    ("remember-me token", ("remember", "rememberme", "remember_me", "lembrar", "lembrarme", "recordarme",
                           "ricordami", "ingat", "souvenir", "angemeldet_bleiben")),
    ("API key", ("api_key", "apikey", "chave_api", "clave_api", "cle_api", "api_schluessel", "chiave_api",
                 "kunci_api")),
    ("auth token", ("token", "auth_token", "auth_key", "authkey", "jwt", "bearer", "jeton")),
)
# Words of a session key that holds something about a credential rather
# than the credential: when it was used, where to go, which method.
NOT_CREDENTIAL_WORDS = NOT_SESSION_TOKEN_WORDS | frozenset(
    ("time", "timestamp", "at", "date", "expires", "expiry", "expire", "exp", "last", "used", "age",
     "count", "counter", "attempts", "tries", "failed", "next", "url", "uri", "redirect", "return",
     "state", "nonce", "verifier", "challenge", "type", "kind", "method", "name", "scope", "scopes",
     "provider", "backend", "version", "enabled", "hint", "id")
)


# -- predicates over the data above --------------------------------------------

def normal(name):
    """`sessionId`, `session-id`, `SESSION_ID` -> `session_id`."""
    return "_".join(words(name))


def session_id_names(config, extra=()):
    """Every name (normal form) that marks a session id for this run."""
    names = set(SESSION_ID_NAMES)
    names.update(normal(n) for n in config.session_id_names)
    names.update(normal(n) for n in config.session_cookie_names)
    names.update(normal(n) for n in extra)
    names.discard("")
    return names


def is_session_token_name(name):
    return normal(name) in SESSION_TOKEN_NAMES


# Words of a variable or attribute that holds a signature or a MAC.
SIGNATURE_WORDS = frozenset(("signature", "sig", "signed", "hmac", "mac"))


def names_signature(expr):
    """`signature`, `token.sig`, `hmac_value`: an expression that is a
    variable or attribute named for a signature or a MAC. A string built
    with one is signed (origins, functions): unguessable without the key,
    whatever clock or name the rest of it holds."""
    name = last_name(expr)
    return name is not None and not SIGNATURE_WORDS.isdisjoint(words(name))


def credential_kind(name):
    """"remember-me token", "API key" or "auth token" for a name that marks a
    session-bound credential (`rememberMe{}`, `staff_token`, `api_key`), else
    None. Names of tokens that are no credentials (`csrf_token`,
    `reset_token`) are None."""
    parts = words(name)
    if not parts or any(w in NOT_CREDENTIAL_WORDS for w in parts):
        return None
    joined = "_".join(parts)
    for kind, phrases in CREDENTIAL_KINDS:
        for phrase in phrases:
            if phrase in parts or ("_" in phrase and phrase in joined):
                return kind
    return None


# The two predicates below depend on the name alone (and the frozen word
# sets above); every call, store access and read of a file asks them about
# the same few names: each name is judged once.
@lru_cache(maxsize=8192)
def names_other_store(container):
    """Whether a store is named for another kind of session or connection
    (`SOCKETS[room]`, `game_rooms`, `chat_sessions`): deleting its entry
    for the user (WuZiqi's logout dropping the user's game socket) ends
    no sign-in."""
    while container.__class__ is ast.Subscript:
        container = container.value
    name = last_name(container)
    return name is not None and names_other_session(name)


@lru_cache(maxsize=8192)
def names_other_session(name):
    """`browsersteps_session_id`, `mcp_sessions`, `/api/chat/completions`,
    `assistant_router`: a name or path one of whose words says the session
    is a conversation, a browser, a terminal... not a web session."""
    parts = words(name)
    for at, word in enumerate(parts):
        if word in OTHER_SESSION_WORDS or word.startswith(_COMPOUND_PREFIXES):
            return True
        if word in OTHER_SESSION_QUALIFIERS and at + 1 < len(parts) and parts[at + 1] in SESSION_WORDS:
            return True
    return False


@lru_cache(maxsize=8192)
def is_store_name(name):
    """`SESSIONS`, `session_store`, `_sessions`, `SESSION_CACHE` — but not
    `chat_sessions` or `browsersteps_sessions`, stores of other things."""
    parts = words(name)
    if names_other_session(name):
        return False
    if any(w in STORE_PLURALS for w in parts):
        return True
    return any(w in STORE_WORDS for w in parts) and any(w in STORE_NOUNS for w in parts)


def is_app_state_store(store, cookie_keyed):
    """Whether a store named like a session store (`store`, by last name)
    holds other per-client state: its application looks things up by a
    cookie's value (`cookie_keyed`, ProjectFacts.cookie_keyed), never in a
    store named like a session store, and never in this one."""
    return bool(cookie_keyed) and store not in cookie_keyed and not any(map(is_store_name, cookie_keyed))


def is_session_key_text(text):
    """A cache key's literal start that names a session: `session:`, `sess_`."""
    lowered = text.lower().lstrip("/")
    return lowered.startswith(KEY_PREFIX_WORDS)


# Words of a value that says when a token expires or how long it lasts
# (`date_expired`, `expires_at`, `ttl`): a generator that returns one next
# to the token (`return token, date_expired`) returns no second token.
EXPIRY_WORDS = frozenset(
    ("expires", "expiry", "expire", "expired", "expiration", "exp", "date", "time", "timestamp", "ttl", "age",
     "lifetime", "until", "deadline", "valid", "validity", "timeout", "duration", "seconds", "delta")
)
# Words of a returned element that is the token itself (`token`,
# `access_token`, `jwt`); session-id names (`sid`, `session_key`) count too.
TOKEN_ELEMENT_WORDS = frozenset(("token", "secret", "jwt"))


def names_expiry(name):
    """`date_expired`, `expires_at`, `ttl`: a name that says when a token expires."""
    return name is not None and not EXPIRY_WORDS.isdisjoint(words(name))


def names_token_element(name):
    """`token`, `access_token`, `session_id`: a returned element named like
    the token (and not like its expiry: `token_expiry`)."""
    if name is None or names_expiry(name):
        return False
    return not TOKEN_ELEMENT_WORDS.isdisjoint(words(name)) or normal(name) in SESSION_ID_NAMES


def generator_kind(name, id_names):
    """What a generator named like one returns, for SFX204's message: a
    `session id` (`new_session_id`, `_sid`), the credential its token name
    says (`make_remember_token`, `new_auth_token`), or a bare `token`
    (`createToken`: the name says no more, and an H5P action token is no
    session id)."""
    parts = words(name)
    for i in range(len(parts)):
        tail = "_".join(parts[i:])
        if tail in id_names:
            return "session id"
        if tail in SESSION_TOKEN_NAMES:
            return credential_kind(tail) or "auth token"
    if "token" in parts:
        kind = credential_kind(name)
        return kind if kind in ("remember-me token", "API key") else "token"
    return "session id"


# Literal cookie values that are flags, not secrets (`"1"`, `"yes"`,
# `True`, `0`): compared with a cookie, they make a hard-coded token only
# under a credential's name or where the comparison decides access (SFX204).
FLAG_TOKEN_VALUES = vocab.FLAG_WORDS | vocab.SWITCH_VALUES | frozenset(("y", "n"))
# Calls that turn a request away or send it to sign in.
DENY_CALLS = frozenset(("abort", "redirect", "deny", "forbid", "forbidden", "unauthorized", "login_required"))
DENY_WORDS = frozenset(("abort", "redirect", "forbidden", "unauthorized", "unauthorised", "deny", "denied"))


def is_flag_token_value(text):
    return text.strip().lower() in FLAG_TOKEN_VALUES


def is_deny_call(name):
    """`abort`, `redirect`, `HttpResponseRedirect`, `HTTPForbidden`, `HTTPFound`."""
    if not name:
        return False
    parts = words(name)
    return name in DENY_CALLS or not DENY_WORDS.isdisjoint(parts) or name in ("HTTPFound", "HTTPSeeOther")


def names_signed_in_check(name):
    """`_logged_in`, `is_admin`, `check_auth`: a predicate named for the
    signed-in user or a login (vocabularies: principal, login, signed-in)."""
    parts = words(name)
    return (not vocab.PRINCIPAL_WORDS.isdisjoint(parts) or not set(vocab.LOGIN_WORDS).isdisjoint(parts)
            or "".join(parts) in vocab.SIGNED_IN_FLAGS)


# Words that say a function makes a new value (not `get`, which also reads a
# stored one or a setting: `session_key()` or `get_sid()` may return the
# key's fixed name).
MAKER_WORDS = (GENERATOR_VERBS - {"get"}) | GENERATOR_AGENTS


def names_a_maker(name):
    """`new_session_id`, `session_id_generator`, not `session_key`, `get_sid`."""
    return any(w in MAKER_WORDS for w in words(name))


def is_generator_name(name, id_names):
    """`generate_session_id`, `new_sid`, `make_token`, `_session_key`."""
    parts = words(name)
    if not parts or any(w in NOT_SESSION_TOKEN_WORDS for w in parts) or parts[-1] in TOKEN_METADATA_WORDS:
        return False
    # The name ends with a whole id or token name: `new_session_id`, `_sid`;
    # or does before the maker's noun: `session_id_generator`, `token_factory`.
    ends = (len(parts), len(parts) - 1) if parts[-1] in GENERATOR_AGENTS else (len(parts),)
    for end in ends:
        for i in range(end):
            tail = "_".join(parts[i:end])
            if tail in id_names or tail in SESSION_TOKEN_NAMES:
                return True
    return any(w in GENERATOR_VERBS for w in parts) and any(w in GENERATOR_NOUNS for w in parts)


FOREIGN_ROOTS = frozenset(FOREIGN_SESSION_PACKAGES)
# Tracing SDKs: a module that imports one and no web framework writes spans,
# whose "session" is a trace session (phoenix's span generators set
# `session.id` attributes from `randint`), not a web session.
TELEMETRY_ROOTS = frozenset(("opentelemetry", "openinference", "langfuse", "langsmith", "openlit"))


def is_foreign_qualname(qualname):
    return qualname is not None and qualname.partition(".")[0] in FOREIGN_ROOTS

