"""aiohttp-session: sessions for aiohttp.

Facts from aiohttp-session 2.12's source: every storage
(`AbstractStorage`, `SimpleCookieStorage`, `EncryptedCookieStorage`,
`NaClCookieStorage`, `RedisStorage`, `MemcachedStorage`) takes
`cookie_name="AIOHTTP_SESSION"`, `domain=None`, `max_age=None` (a
browser-session cookie), `path="/"`, `secure=None` (no Secure flag),
`httponly=True` and `samesite=None` (no SameSite attribute), keyword-only
after the storage's own first argument (secret key, Redis pool, ...).

`session = await get_session(request)` loads the session under the
request's cookie. `await new_session(request)` starts a new one: a session
with no identity, which the server-side storages save under a fresh key
(`key_factory`, uuid4 by default) and the cookie storages write afresh —
aiohttp-session's regeneration. `session.invalidate()` and `clear()` empty
the data but keep the identity: they end a session's contents (logout), not
its id; `session.regenerate()` does not exist.
"""

from dataclasses import replace

from .base import Advice, Framework, Middleware, SessionBackend

_STORAGES = (
    "aiohttp_session.AbstractStorage", "aiohttp_session.SimpleCookieStorage",
    "aiohttp_session.cookie_storage.EncryptedCookieStorage",
    "aiohttp_session.nacl_storage.NaClCookieStorage",
    "aiohttp_session.redis_storage.RedisStorage",
    "aiohttp_session.memcached_storage.MemcachedStorage",
)

STORAGES = Middleware(
    qualnames=frozenset(_STORAGES),
    label="aiohttp-session",
    params=(),  # keyword-only after the storage's first argument
    options={
        "secure": "secure", "httponly": "httponly", "samesite": "samesite", "lifetime": "max_age",
        "name": "cookie_name", "domain": "domain", "path": "path",
    },
    defaults={
        "secure": False, "httponly": True, "samesite": None, "lifetime": None,
        "name": "AIOHTTP_SESSION", "domain": None, "path": "/",
    },
    constructed=True,
    # "Simple JSON storage. Doesn't any encryption/validation, use it for
    # tests only" (its docstring); the README: "Use the storage only for
    # testing purposes, it's very non-secure". SFX101/SFX102 still judge the
    # sessions it keeps; the cookie rules leave its set-up alone.
    test_only=frozenset(("aiohttp_session.SimpleCookieStorage",)),
)

GET_SESSION = frozenset(("aiohttp_session.get_session",))
NEW_SESSION = frozenset(("aiohttp_session.new_session",))

SESSION_BACKEND = SessionBackend(
    key="aiohttp_session",
    label="aiohttp-session",
    regenerators=frozenset(("new:aiohttp_session",)),
    order="before",
    regenerate_fix="call session = await new_session(request) first",
    invalidate_fix="call session.invalidate()",
    server_side=True,  # RedisStorage, MemcachedStorage; the cookie storages are not
    note="session.invalidate() and clear() keep the session's identity",
    session_methods=frozenset(("invalidate", "clear")),
)

# The cookie storages (`EncryptedCookieStorage`, `NaClCookieStorage`,
# `SimpleCookieStorage`) keep the whole session in the cookie: their
# `load_session()` builds `Session(None, data=...)`, with no identity
# (cookie_storage.py), so a planted cookie stays the attacker's anonymous
# copy and only the data planted in it carries into the signed-in session.
# A module whose application imports only those runs on COOKIE_BACKEND;
# RedisStorage and MemcachedStorage keep the server-side SESSION_BACKEND.
COOKIE_BACKEND = replace(
    SESSION_BACKEND,
    key="aiohttp_session_cookie",
    server_side=False,
    note="",
)
# `SimpleCookieStorage` is the same without signing or encryption ("Simple
# JSON storage. Doesn't any encryption/validation, use it for tests only"):
# `load_session()` json-decodes whatever cookie arrives, so a visitor can
# write any session data, an identity included, with or without a login.
UNSIGNED_BACKEND = replace(
    COOKIE_BACKEND,
    key="aiohttp_session_simple_cookie",
    signed=False,
    consequence="medium: unsigned cookie session (SimpleCookieStorage), the planted cookie stays anonymous "
                "but data planted in the session before login carries over, and anyone can forge its data; "
                "use EncryptedCookieStorage",
)
_SERVER_STORAGES = ("aiohttp_session.redis_storage", "aiohttp_session.memcached_storage")
_COOKIE_STORAGES = ("aiohttp_session.cookie_storage", "aiohttp_session.nacl_storage")
_UNSIGNED_STORAGES = ("aiohttp_session.SimpleCookieStorage",)
# In this order: a module whose application imports storages of two kinds
# runs on the first (a server-side storage beside a cookie one is judged
# server-side).
BACKEND_VARIANTS = (
    *((module, SESSION_BACKEND) for module in _SERVER_STORAGES),
    *((module, COOKIE_BACKEND) for module in _COOKIE_STORAGES),
    *((module, UNSIGNED_BACKEND) for module in _UNSIGNED_STORAGES),
)

# -- Semgrep twins (SFX101, SFX102) -------------------------------------------
# Written with the rules' helpers (`kit`: fixlint/rules/_lifecycle_semgrep.py).
# The session is a local (`session = await get_session(request)`);
# `new_session(request)` regenerates, `session.invalidate()` ends it. A twin
# per cookie storage backend (signed, unsigned), rated like flake8 rates it
# by the file's imports, then the server-side (or unnamed) storages.
def _session_local(framework, session="$S"):
    """`session` is the session get_session() loaded."""
    getters = sorted(framework.session_getters - framework.regenerate_calls)
    return [{"pattern-either": [
        {"pattern-inside": f"{session} = await {getter}(...)\n...\n"} for getter in getters
    ]}]


def _new_sessions(framework):
    """`$NEW = await new_session(...)`: what regenerates before a binding."""
    return [f"$NEW = await {new}(...)" for new in sorted(framework.regenerate_calls)]


def _variants(framework):
    """The storage modules by backend, in the adapter's order."""
    grouped = {}
    for module, backend in framework.backend_variants:
        grouped.setdefault(backend, []).append(module)
    return list(grouped.items())


def _server_side(kit, framework):
    """The file imports a server-side storage, or no cookie storage (the
    adapter's order: a server-side storage beside a cookie one wins)."""
    server = [m for b, modules in _variants(framework) if b.server_side for m in modules]
    cookie = [m for b, modules in _variants(framework) if not b.server_side for m in modules]
    return {"pattern-either": [
        kit.importing(server),
        {"patterns": [{"pattern-inside": "$S[$K] = $V"}, *kit.importing_none(cookie)]},
    ]}


def _cookie_storages(kit, framework, news):
    """A twin per cookie-storage backend: the file imports one of its
    storages and none of an earlier backend."""
    out = []
    earlier = []
    for backend, modules in _variants(framework):
        if not backend.server_side:
            consequence = backend.consequence or (
                "signed-cookie session, data planted in the session before login carries over")
            out.append(kit.Backend(
                suffix=backend.key.replace("_", "-"),
                session="$S",
                regenerated=[*_session_local(framework), *kit.after_any(*news), kit.importing(modules),
                             *kit.importing_none(earlier)],
                technology=("aiohttp", "aiohttp_session"),
                severity="medium",
                binding=f"Login writes $K into the session get_session() loaded without starting a new one: "
                        f"{consequence}; {backend.regenerate_fix} ({backend.label})",
            ))
        earlier += modules
    return out


def _semgrep_login(kit, framework):
    backend = framework.backend
    news = _new_sessions(framework)
    return (
        *_cookie_storages(kit, framework, news),
        kit.Backend(
            suffix="aiohttp-session",
            session="$S",
            # Server-side storages, or none this file names (flake8 reads the project's).
            regenerated=[*_session_local(framework), *kit.after_any(*news), _server_side(kit, framework)],
            technology=("aiohttp", "aiohttp_session"),
            binding=f"Login writes $K into the session get_session() loaded, under the id the visitor came "
                    f"with; {backend.note}, so {backend.regenerate_fix} ({backend.label})",
        ),
    )


def _semgrep_logout(kit, framework):
    backend = framework.backend
    return (kit.Rule(
        suffix="aiohttp-session",
        message=f"Logout removes only $K from the session get_session() loaded: the session stays "
                f"valid; {backend.invalidate_fix} ({backend.label})",
        match={"patterns": [
            *kit.removals("$S"), *_session_local(framework), *kit.in_logout_handler(),
            *kit.invalidations("$S", True),
            *kit.anywhere_in_function(*(f"$S.{method}()" for method in sorted(framework.session_invalidate_methods))),
        ]},
        technology=("aiohttp", "aiohttp_session"),
    ),)


AIOHTTP_SESSION = Framework(
    key="aiohttp_session",
    label="aiohttp-session",
    packages=("aiohttp_session",),
    middleware=(STORAGES,),
    backend=SESSION_BACKEND,
    backend_variants=BACKEND_VARIANTS,
    session_getters=GET_SESSION | NEW_SESSION,
    regenerate_calls=NEW_SESSION,
    regenerate_mechanism="new:aiohttp_session",
    session_invalidate_methods=frozenset(("invalidate",)),
    session_cookie="AIOHTTP_SESSION",
    fixtures="aiohttp",
    advice={
        "SFX101": Advice(docs=(("aiohttp-session", "session = await new_session(request) before writing the user"),)),
        "SFX102": Advice(docs=(("aiohttp-session", "session.invalidate()"),)),
        "SFX301": Advice(docs=(("aiohttp-session", "leave the storage's httponly at its default (True)"),)),
        "SFX302": Advice(docs=(("aiohttp-session", "EncryptedCookieStorage(key, secure=True) (the default sets no Secure)"),)),
        "SFX303": Advice(docs=(("aiohttp-session", 'EncryptedCookieStorage(key, samesite="Lax") (the default sets no SameSite)'),)),
        "SFX304": Advice(docs=(("aiohttp-session", "EncryptedCookieStorage(key, max_age=60 * 60 * 24 * 7)"),)),
    },
    semgrep_twins={"SFX101": _semgrep_login, "SFX102": _semgrep_logout},
)
