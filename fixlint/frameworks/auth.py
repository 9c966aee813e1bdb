"""Authentication vocabulary shared by every framework: which functions are
login or logout handlers, which calls verify credentials, which session keys
name a principal. SFX101/SFX102 read it through the lifecycle analysis.

Words are compared as sequences of lower-case words (`fw.words`):
`sign_in` matches `SignInView`, `sign_in_user` and `/accounts/sign-in`;
`2fa` matches `verify_2fa`.
"""

from __future__ import annotations

import re

from . import vocabularies
from .base import INVALIDATE_METHODS

# -- handlers --------------------------------------------------------------

# RULES.md's login and logout words, in every language (vocabularies.py).
LOGIN_WORDS = vocabularies.LOGIN_WORDS
LOGOUT_WORDS = vocabularies.LOGOUT_WORDS
LOGIN_EXACT = vocabularies.LOGIN_EXACT
LOGOUT_EXACT = vocabularies.LOGOUT_EXACT

# Test code never counts (fw.is_test_module/in_test_folder/is_test_name);
# a module in a test folder is test code when it drives a test client.
TEST_CLIENT_MODULES = (
    "django.test", "starlette.testclient", "fastapi.testclient", "flask.testing",
    "werkzeug.test", "httpx", "pytest", "unittest",
)
TEST_CLIENT_METHODS = frozenset(("test_client", "session_transaction"))

# -- credential verification -----------------------------------------------

# Callee names (the last attribute or the bare name) that verify credentials
# whatever their receiver: `user.check_password(pw)`, `bcrypt.checkpw(...)`,
# `oauth.google.authorize_access_token()`.
VERIFIER_NAMES = frozenset(
    (
        "authenticate", "check_password", "check_password_hash", "verify_password",
        "checkpw", "authorize_access_token", "verify_otp", "verify_totp", "verify_token",
        "check_credentials", "validate_credentials", "verify_credentials", "authenticate_user",
        "verify_and_update", "check_otp",
    )
)
# `x.verify(...)` verifies credentials when its receiver names a password
# hasher, a key derivation function or an OTP: `pwd_context.verify`,
# `ph.verify` (argon2), `kdf.verify` (cryptography's Scrypt, PBKDF2HMAC:
# the password's key checked against the stored one), `totp.verify`.
VERIFY_METHOD = "verify"
# A parameter whose name holds one of these takes a password (a project
# helper's `verifies`, project/functions.py): `password`, `passwd`,
# `user_pwd`, `senha`, `kata_sandi`, `contraseña`, spelled as written, so that a module's
# text holds it wherever its tree does; lifecycle_guard asks a caller's
# text for them, lower-cased.
PASSWORD_NEEDLES = ("passw", "Passw", "passphrase", "Passphrase", "pwd", "senha", "sandi", "contras", "Contras",
                    "sifre", "Sifre", "parola", "khau")
PASSWORD_NEEDLES_LOWER = tuple(dict.fromkeys(n.lower() for n in PASSWORD_NEEDLES))
# A form class named for signing in (`LoginForm`, `UserSigninForm`, Django's
# `AuthenticationForm`): its fields are the credentials (credentials.py).
LOGIN_FORM_NAME = re.compile(r"log_?[io]n|sign_?in|auth", re.IGNORECASE)
# Words of a call's name that may end something on the server (SFX102: a
# logout that revokes its token as well as deleting the cookie): the
# invalidating session methods a project's own session class may define,
# and more.
REVOKE_WORDS = INVALIDATE_METHODS | frozenset((
    "revoke", "expire", "blacklist", "denylist", "blocklist", "discard", "remove", "logout", "signout", "kill",
    "purge", "clear")) | frozenset(vocabularies.every("revoke"))
VERIFY_RECEIVER_WORDS = frozenset(
    ("pwd", "password", "passwd", "hasher", "crypt", "context", "ph", "otp", "totp", "hotp", "argon", "kdf", "scrypt",
     "pbkdf2", "bcrypt", "argon2")  # passlib's hashes: `bcrypt.verify(secret, hash)`, `argon2.verify(...)`
)
VERIFY_RECEIVER_CALLS = frozenset((
    "pyotp.TOTP", "pyotp.HOTP", "argon2.PasswordHasher",
    "cryptography.hazmat.primitives.kdf.scrypt.Scrypt", "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC",
))
# Prefixes: `verify_*` and `check*credentials` calls.
VERIFY_PREFIXES = vocabularies.VERIFY_VERBS
CHECK_PREFIXES = vocabularies.CHECK_VERBS
CHECK_WORDS = vocabularies.PASSWORD_WORDS - {"pass", "hash", "de", "mot", "kata", "hashed", "mat"}
# `verify_*` calls about an address's form, ending with the thing they check
# (`verifyEmail(email)`, `validate_phone`): no credential (`verify_email_token` is one).
NOT_VERIFIED_LAST = frozenset(("email", "mail", "phone", "address", "format", "syntax"))
# `verify_*` calls about requests rather than people.
NOT_VERIFIERS = frozenset(
    ("csrf", "xsrf", "captcha", "recaptcha", "signature", "webhook", "hmac", "ssl", "cert",
     "checksum", "origin", "schema")
)

# -- identity keys ---------------------------------------------------------

# Session keys that name a principal or privilege, matched whole.
IDENTITY_KEYS = frozenset(
    (
        "id", "sub", "user", "user_id", "userid", "uid", "member_id", "customer_id", "account",
        "account_id", "email", "username", "_auth_user_id", "role", "roles", "is_admin",
        "logged_in", "authenticated", "mfa_passed", "_user_id", "_fresh",
        # a credential kept in the session under its own name: simplejwt's `access`/`refresh`, a
        # Firebase session cookie (cannlytics' `__session`, `session_cookie`)
        "access", "refresh", "session_cookie", "sessioncookie", "__session",
        # Vietnamese "user", written as two words (nguoidung is a principal word)
        "nguoi_dung",
    )
)
# A key holding one of these words names a principal (`current_user`,
# `admin_level`, `oauth_token`, `isAuthenticated`) ...
PRINCIPAL_WORDS = vocabularies.PRINCIPAL_WORDS
# ... unless another word says it is about something else: pre-login state
# (OAuth `state`, a `pending_user_id` before the second factor), counters,
# timestamps, navigation, MFA enrolment (a TOTP secret kept
# until the user confirms a code). Preferences (`theme`, `lang`, ...) are the
# `non-sensitive-names` vocabulary the cookie rules share (fixlint.config).
# The last word of a function's name that makes it an address, not an
# action: `get_logout_url()`, `login_link()` (analysis.lifecycle_paths).
ADDRESS_WORDS = frozenset(("url", "uri", "link", "href"))
# The last word of a guard's name (`logout_required`, `login_required`, `anonymous_required`): it
# checks a sign-in state before a page runs, it signs nobody in or out (DataDungeon100's
# `logout_required` dependency keeps signed-in users off the login page, tidying a stale session).
GUARD_WORDS = frozenset(("required", "require", "requires"))
# The last word of a key holding a one-time code sent out for the next step to
# check (`login_otp`, `email_otp`): the code, not who passed it (`otp_verified` is).
ONE_TIME_CODE_WORDS = frozenset(("otp", "otps", "totp", "hotp"))
NOT_IDENTITY_WORDS = frozenset(
    (
        "agent", "state", "nonce", "verifier", "challenge", "next", "redirect", "url", "uri",
        # A code still to be checked or exchanged (an OAuth `authorization_code`, an `otp_code` sent out).
        "code", "codes",
        # A PIN mailed out for the next step to check (creditpiggy's `pin_token`, stored by a
        # `login` step that has checked nothing yet).
        "pin",
        "return", "came", "csrf", "xsrf", "flash", "flashes", "message", "messages",
        "cart", "basket", "carrito", "carrinho", "panier", "keranjang", "warenkorb", "carrello", "attempt",
        "attempts", "count", "counter", "tries", "failed", "failure", "failures", "pending",
        # A login's retry count and lock-out (MrDoc's `LoginNum`, `LoginLock`): about the
        # attempts, not who made them.
        "num", "cnt", "retry", "retries", "lock", "locked", "lockout",
        # An account that may not sign in, kept to offer reopening or to explain why
        # (pychess-variants' `closed_account_user` on the path that redirects to /account/reopen).
        "closed", "disabled", "banned", "blocked", "suspended", "deactivated",
        # What went wrong (jumpserver's `ukey_login_error`, kept to show on the login page).
        "error", "errors", "err", "errmsg", "msg", "msgs", "fail",
        # Why a login is asked for, shown on the login page (Indico's `login_reason`).
        "reason",
        # A step still to come or a restriction on the login, not a check passed (jumpserver's
        # `auth_confirm_required`: an administrator must approve; `auth_mfa_required`).
        "required", "require", "requires",
        "tmp", "temp", "partial", "pre", "settings",
        "time", "at", "expires", "expiry", "timestamp", "date", "last", "seen", "hint",
        "draft", "invite", "invitation", "reset", "recovery", "signup", "registration",
        "unverified", "unconfirmed", "form", "display", "secret", "method", "methods", "mechanism", "setup",
        # Which way the user signed in, as `method` says (jumpserver's `auth_backend`, the backend's
        # dotted path, written on a failed sign-in too).
        "backend", "backends",
        "enrol", "enroll", "enrollment",
        # Binding a device or an account is enrolling it (jumpserver's `auth_bind_otp_after_mfa`:
        # the OTP device is bound once the second factor is passed).
        "bind", "binding",
        # A sign-up or reset still under way: Indico's `register_verification_email_sent`,
        # `resetpass_email_sent` (an email went out, nobody signed in).
        "register", "verification", "sent",
        # ... and its steps' keys (openNAMU's `reg_email`, the address just typed, and `submit_email`,
        # the sign-up waiting for an administrator's approval).
        "reg", "submit", "submitted",
        # A choice being made, not who chose it: pgAdmin's `mfa_authenticator_opt`, the TOTP
        # secret of an enrolment under way (as `secret`, `setup`, `enrol`).
        "opt", "option", "options",
    )
) | vocabularies.CHANGE_FLAG_WORDS

# A key ending in one of these holds a record's id, and the word before it
# names the record (`auth_ticket_id` holds a ticket's, `user_id` a user's):
# records no one signs in as, whose id binds nobody whatever the words
# before say (jumpserver's `auth_ticket_id` for a login an administrator
# must approve, `auth_acl_id` for the access rule that asked for it).
RECORD_ID_WORDS = frozenset(("id", "ids", "pk", "uuid"))
NOT_PRINCIPAL_RECORDS = frozenset(
    ("ticket", "acl", "rule", "policy", "log", "audit", "record", "review", "approval", "request")
)
# The same as whole snake_case endings, for the exported Semgrep rules' key patterns.
RECORD_ID_ENDINGS = frozenset(f"{r}_{i}" for r in NOT_PRINCIPAL_RECORDS for i in RECORD_ID_WORDS)

# -- regeneration and invalidation outside fixlint's sight -----------------

# An unresolved call whose name holds one of these word sequences is taken
# to regenerate the session (`session.regenerate()` in Flask-KVSession, a
# project's `rotate_session()` imported from elsewhere).
REGENERATE_WORDS = ("regenerate", "rotate_session", "rotate_sid", "cycle_key", "cycle_session",
                    "new_session_id", "renew_session", "regen")
# An unresolved call named like this is taken to end the session
# (`auth_service.logout(user)`, `sessions.invalidate(sid)`).
INVALIDATE_WORDS = LOGOUT_WORDS + ("invalidate", "destroy_session", "end_session",
                                   "kill_session", "clear_session", "terminate_session")


# The words a login form's credential field is named with (`token`,
# `api_key`, `access_token`, `password`): what a user types to sign in
# (session_id_facts._credential_presented). The qualifiers alone name none.
CREDENTIAL_FIELD_QUALIFIERS = frozenset(("api", "access", "auth"))
CREDENTIAL_FIELD_WORDS = frozenset(("token", "key", "apikey", "secret", "password", "passcode", "passphrase",
                                    "pat")) | CREDENTIAL_FIELD_QUALIFIERS
