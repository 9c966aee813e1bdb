"""SFX204 weak-session-id."""

from ..analysis.session_ids import SessionIdAnalysis
from .base import FIX_NONE, OWASP_CRYPTO, Example, Fix, Rule

_FIX = {
    "Django": "use secrets.token_urlsafe(32) or django.utils.crypto.get_random_string(32)",
}


class WeakSessionId(Rule):
    """
    ## What it does
    Reports a session id or session token produced by a guessable source:
    `random.*` and `random.Random()` methods (not `random.SystemRandom`),
    `numpy.random.*`, `uuid.uuid1()` (host address and clock),
    `uuid.uuid3()`/`uuid.uuid5()` (a hash of a name), the clock
    (`time.time()`, `datetime.now()`), counters (`next(itertools.count())`,
    `n += 1`), and hashes of guessable data (`md5(username + str(time()))`,
    `sha256(user.email)`). Encoding does not help: `str()`, `.hex`,
    `hexdigest()`, `base64`, `"".join(...)` and string building keep the
    weakness of what they encode.

    The value must be a session id by context: assigned to a session-id or
    session-token name (`sid`, `session_id`, `session_key`, `auth_token`,
    `access_token`, ... as a variable, attribute, keyword argument or dict
    key), returned from a function named like a session-id or token
    generator (`generate_session_id`, `new_sid`, `make_token`,
    `generate_sid`), used as a key of a server-side session store
    (`SESSIONS[sid] = ...`, `session_store.set(sid, ...)`,
    `cache.set(f"session:{sid}", ...)`), or set as the value of a
    session/auth cookie (`set_cookie("sessionid", ...)`). Reported at the
    expression that produces the weak value.

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
    The short names `sid` and `sess` mean other things outside web code (a
    subject, sample or station id): as variable, attribute, keyword or key
    names they count only in modules that import a web framework; a
    function named like a session-id generator counts anywhere.
    Test code is exempt.
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
    fixes = {
        "Flask": "secrets.token_urlsafe(32)",
        "Django": "secrets.token_urlsafe(32), django.utils.crypto.get_random_string(32), or let request.session create the key",
        "FastAPI": "secrets.token_urlsafe(32)",
        "Starlette": "secrets.token_urlsafe(32)",
        "Python": "secrets.token_urlsafe(32)",
    }
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

    def check(self, ctx, facts):
        for weak in facts[SessionIdAnalysis].weak_ids:
            yield self.finding(weak.node, self.message(weak))

    def message(self, weak):
        fix = _FIX.get(weak.framework, "use secrets.token_urlsafe(32)")
        return f"session id {weak.context} comes from {weak.source}, which an attacker can predict; {fix} ({weak.framework})"
