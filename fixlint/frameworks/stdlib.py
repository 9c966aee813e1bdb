"""Cookies built without a framework: `http.cookies` morsels and hand-written
`Set-Cookie` header values."""

import ast

from .base import Advice, Framework

SIMPLE_COOKIE = frozenset(
    (
        "http.cookies.SimpleCookie", "http.cookies.BaseCookie",
        "Cookie.SimpleCookie", "Cookie.BaseCookie",
    )
)
# Methods whose call renders a cookie jar or morsel into header text.
OUTPUT_METHODS = frozenset(("output", "OutputString", "js_output"))
# Morsel attribute keys (lower-case) and the flag each sets.
MORSEL_FLAGS = {
    "secure": "secure", "httponly": "httponly", "samesite": "samesite",
    "max-age": "lifetime", "expires": "expires", "domain": "domain", "path": "path",
}

# -- randomness and session-id generation (SFX204) ---------------------------------
# Module prefixes of predictable generators (Mersenne Twister and friends);
# `random.SystemRandom` is the exception.
WEAK_RANDOM_MODULES = ("random.", "numpy.random.")
STRONG_RANDOM_CLASSES = frozenset(("random.SystemRandom",))
WEAK_RANDOM_CLASSES = frozenset(("random.Random", "numpy.random.default_rng", "numpy.random.RandomState"))
# Other weak sources, with how a message names them.
WEAK_CALLS = {
    "uuid.uuid1": "uuid.uuid1() (host address and clock)",
    "uuid.uuid3": "uuid.uuid3() (a hash of a name)",
    "uuid.uuid5": "uuid.uuid5() (a hash of a name)",
    "time.time": "time.time() (the clock)",
    "time.time_ns": "time.time_ns() (the clock)",
    "time.monotonic": "time.monotonic() (the clock)",
    "time.perf_counter": "time.perf_counter() (the clock)",
    "datetime.datetime.now": "datetime.now() (the clock)",
    "datetime.datetime.utcnow": "datetime.utcnow() (the clock)",
    "datetime.datetime.today": "datetime.today() (the clock)",
    "django.utils.timezone.now": "timezone.now() (the clock)",
    "os.getpid": "os.getpid()",
}
COUNTERS = frozenset(("itertools.count",))
# Cryptographically strong sources.
STRONG_PREFIXES = ("secrets.",)
STRONG_CALLS = frozenset(
    (
        "os.urandom", "uuid.uuid4", "ssl.RAND_bytes", "Crypto.Random.get_random_bytes",
        "Cryptodome.Random.get_random_bytes", "nacl.utils.random",
        "django.utils.crypto.get_random_string",
        "bcrypt.gensalt",  # a fresh 128-bit salt from os.urandom
    )
)
# Hashes salted by their second argument: with a fresh salt (a STRONG_CALLS call,
# `bcrypt.hashpw(token, bcrypt.gensalt())`) unpredictable whatever they hash (a reset
# token's stored form beside its expiry).
SALTED_HASHES = frozenset(("bcrypt.hashpw",))
HASHES = frozenset(
    (
        "hashlib.md5", "hashlib.sha1", "hashlib.sha224", "hashlib.sha256", "hashlib.sha384",
        "hashlib.sha512", "hashlib.blake2b", "hashlib.blake2s", "hashlib.sha3_256",
        "hashlib.sha3_512", "hashlib.new", "hmac.new", "hmac.digest",
    )
)
# Keyed hashes: a MAC under a secret key is as unpredictable as the key;
# the classes make a MAC object fed with `update()` (`h.finalize()`, the
# cryptography package's: lemur's OAuth state token).
KEYED_HASHES = frozenset(("hmac.new", "hmac.digest", "hmac.HMAC", "cryptography.hazmat.primitives.hmac.HMAC"))
# Calls and methods that re-encode a value without changing how guessable it is.
ENCODERS = frozenset(
    (
        "str", "bytes", "int", "hex", "repr", "format", "abs", "base64.b64encode",
        "base64.urlsafe_b64encode", "base64.b32encode", "base64.b16encode", "binascii.hexlify",
        "binascii.b2a_hex", "uuid.UUID", "urllib.parse.quote", "urllib.parse.quote_plus",
    )
)
ENCODER_METHODS = frozenset(
    (
        "hex", "hexdigest", "digest", "encode", "decode", "upper", "lower", "strip", "rstrip",
        "lstrip", "replace", "zfill", "rjust", "ljust", "timestamp", "isoformat", "strftime",
        "format", "join",
        # a part of it: `request.cookies.get("session").split(".")[0]` (Flask-KVSession's id before its MAC)
        "split", "rsplit", "partition", "rpartition", "removeprefix", "removesuffix",
    )
)
URL_ENCODERS = frozenset(("urllib.parse.urlencode", "urllib.urlencode"))
JSON_LOADS = frozenset(("json.loads", "ujson.loads", "orjson.loads", "simplejson.loads"))
# Environment reads that fall back to a default (`os.getenv("COOKIE_NAME",
# "session")`): a cookie named by one is named by its default wherever the
# deployment sets nothing (RULES.md, Revision 2: names from configuration).
ENV_READERS = frozenset(("os.getenv", "os.environ.get"))


def env_default_argument(call):
    """The default a call of one of ENV_READERS passes (`os.getenv("X",
    "default")`, `default="..."`), as a node, or None."""
    if len(call.args) == 2:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "default"), None)

_DIGESTS = frozenset(("hexdigest", "digest"))


def hashed_parameter(statements, param, qualname_of):
    """The qualified name of the hash (`hashlib.md5`) whose digest a
    function returns, taken of its parameter `param`, or None: `statements`
    are the function's own statements, nested blocks' included (each walked
    whole), and `qualname_of(func)` a call's qualified name. The parameter
    reaches a stdlib hash (an argument of its constructor or of an
    `update()`) and a `return` gives a digest (`.hexdigest()`, `.digest()`):
    `def md5(s): return hashlib.md5(str(s).encode()).hexdigest()`, `h =
    hashlib.md5(); h.update(pwd.encode()); return h.hexdigest()`. A keyed
    hash (HMAC) is none: as strong as its key, which a call does not show."""
    if not any(s.__class__ is ast.Return and s.value is not None and s.value.__class__ is ast.Call
               and s.value.func.__class__ is ast.Attribute and s.value.func.attr in _DIGESTS for s in statements):
        return None  # (most functions: nothing walked)
    hashes, fed = [], False
    for statement in statements:
        for node in ast.walk(statement):
            if node.__class__ is not ast.Call:
                continue
            func = node.func
            qualname = qualname_of(func)
            if qualname in KEYED_HASHES:
                return None
            if qualname in HASHES:
                hashes.append(qualname)
            elif not (func.__class__ is ast.Attribute and func.attr == "update"):
                continue
            fed = fed or any(n.__class__ is ast.Name and n.id == param
                             for arg in (*node.args, *(k.value for k in node.keywords)) for n in ast.walk(arg))
    return hashes[0] if hashes and fed else None


# Code that names no web framework: the standard library's cookies and
# whatever Python mints session ids with.
PYTHON = Framework(
    key="python",
    label="Python",
    packages=(),
    advice={
        "SFX204": Advice(docs=(("Python", "secrets.token_urlsafe(32)"),)),
        "SFX301": Advice(docs=(("http.cookies", 'cookie["sid"]["httponly"] = True before output'),)),
        "SFX302": Advice(docs=(("http.cookies", 'cookie["sid"]["secure"] = True before output'),)),
        "SFX303": Advice(docs=(("http.cookies", 'cookie["sid"]["samesite"] = "Lax" before output'),)),
    },
)
