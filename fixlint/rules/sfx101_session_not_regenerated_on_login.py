"""SFX101 session-not-regenerated-on-login."""

import ast

from .. import frameworks as fw
from ..analysis.lifecycle import BIND, CREDENTIAL, RECORD, REGEN, LifecycleAnalysis, session_method
from ..analysis.lifecycle_paths import (LOGIN, SignedInOnly, carries_sign_in, exiting_blocks, paths_of, reaches,
                                        session_guards, undone_clears)
from . import _lifecycle_semgrep as ls
from .base import FIX_UNSAFE, OWASP_AUTH, Example, Fix, Rule, SemgrepRule

# Regenerations the user vouches for (configured `regenerators`) or that
# fixlint cannot see into (a call named like `regenerate_session()`) count
# wherever they sit, for every backend.
_TRUSTED = frozenset(("configured", "named"))


# -- Semgrep -------------------------------------------------------------------
# One Semgrep rule per session backend: what regenerates differs, and so does
# the fix. Each reports the first identity binding in a login handler; a
# later binding is covered by the earlier one's finding. The backends' rows
# are the adapters' (Framework.semgrep_twins["SFX101"], written with the
# helpers of _lifecycle_semgrep.py): this module loops over the registry.

def _rows():
    """The adapters' rows, in registry order: ls.Backend rows (a backend's
    twins, from `_twins`) and rules of their own."""
    return [row for framework in fw.FRAMEWORKS if "SFX101" in framework.semgrep_twins
            for row in framework.semgrep_twins["SFX101"](ls, framework)]


def _twins(backend):
    """The SemgrepRules of one backend, from its row."""
    login = ls.in_login_handler()
    bindings = list(backend.bindings) or ls.bindings(backend.session)
    dash = f"{backend.stem or backend.suffix}-"
    out = [SemgrepRule(
        suffix=backend.suffix,
        message=backend.binding,
        match={"patterns": [*bindings, *login, *backend.regenerated, *backend.binding_extra]},
        technology=backend.technology,
        severity=backend.severity,
    )]
    if backend.login_user:
        out.append(SemgrepRule(
            suffix=f"{dash}login",
            message=backend.login_user,
            match={"patterns": [*ls.login_user(backend.session, backend.login_calls), *login, *backend.regenerated]},
            technology=backend.technology,
            severity=backend.severity,
        ))
    if backend.helper:
        regenerated = backend.regenerated if backend.helper_regenerated is None else backend.helper_regenerated
        out.append(SemgrepRule(
            suffix=f"{dash}helper",
            message=backend.helper,
            match={"patterns": [
                *ls.helper_call(f"{backend.session}[$HK] = $HV", ls.IDENTITY_KEY_RE, unless=backend.helper_unless),
                *login, *regenerated, *backend.helper_extra,
            ]},
            technology=backend.technology,
            severity=backend.severity,
        ))
    return [*out, *backend.extra]


def _record(backend):
    """The backend's rule for a login known by what it does: a session
    write of the user record a credential check verified."""
    regenerated = backend.regenerated if backend.record_regenerated is None else backend.record_regenerated
    return SemgrepRule(
        suffix=f"{backend.stem or backend.suffix}-record",
        message=backend.record,
        match={"patterns": [*ls.verified_record_write(backend.session), *ls.named_regenerators(),
                            *regenerated, *backend.binding_extra]},
        technology=backend.technology,
    )


def _semgrep_rules():
    rows = _rows()
    backends = [row for row in rows if isinstance(row, ls.Backend)]
    return (
        *(rule for row in rows for rule in (_twins(row) if isinstance(row, ls.Backend) else (row,))),
        *(_record(backend) for backend in backends if backend.record),
        SemgrepRule(
            suffix="store",
            message="Login stores $K in a hand-rolled session record under the id the request's cookie brought: "
                    "whoever planted that id is now logged in; store the record under a new "
                    "secrets.token_urlsafe() id and set it as the cookie",
            match={
                "mode": "taint",
                "pattern-sources": ls.incoming_ids(),
                "pattern-sinks": [{"patterns": [*ls.store_record_keyed_by(ls.IDENTITY_KEY_RE), *ls.in_login_handler()]}],
            },
        ),
    )


class SessionNotRegeneratedOnLogin(Rule):
    """
    ## What it does
    Reports a login handler that binds an identity to the session without
    giving the session a new id. The concepts, as the analysis applies them:

    - **Login handler**: a function or method whose name, class name or route
      path holds a login word (login, signin, sign_in, log_in, authenticate,
      callback, authorize, oauth, sso, register, signup, reset_password,
      verify_otp, otp, mfa, 2fa, two_factor, sudo, ... and the configured
      `login-names`) in English, Portuguese, Spanish, French, German, Italian,
      Indonesian, Vietnamese or Turkish (`iniciar_sesion`, `connexion`,
      `anmelden`, `cadastro`, `registrasi`, `dang_nhap`, `giris_yap`, ...,
      each phrase also glued into one word: `iniciarsesion`, `girisyap`;
      "enter" words such as `entrar`, `masuk` and `giris` only as
      the whole name or a one-segment route), or that checks credentials on
      its path and binds an identity. A route path includes the prefix its
      router or blueprint was built with (`APIRouter(prefix="/forgot")`
      and `@router.post("/password")`: /forgot/password; Flask's
      `Blueprint(..., url_prefix=...)`), and the path a registration call
      gives it (`app.add_url_rule("/login", view_func=...)`, `path("login/",
      ...)`, `app.add_route(...)`), also for a class-based view or resource
      registered as `Login.as_view("login")`, `LoginResource()` or a name
      holding either, and for a view defined and registered in an app
      factory. Credential checks: `check_password`,
      `check_password_hash`, `authenticate(...)`, `verify_password`,
      `bcrypt.checkpw`, `pwd_context.verify`, `totp.verify`,
      `authorize_access_token`, `verify_*`/`verificar_*`/`verifier_*`/...,
      `check*password`, and a lookup that filters on a password column
      (`User.objects.filter(password=...)`, `filter_by(senha=...)`,
      SQLAlchemy's `filter(User.password == p)`,
      `SELECT ... WHERE username = ? AND password = ?`), also in a project
      helper or a model's class method that takes the password
      (`Operator.by_credentials(name, password)`). Logout words win
      over login words. Test code is never a handler.
    - **Identity binding**: writing a key that names a principal or privilege
      (`user`, `user_id`, `uid`, `member_id`, `email`, `role`, `is_admin`,
      `logged_in`, `mfa_passed`, `_auth_user_id`, ...) into `flask.session`,
      Django's `request.session`/`self.request.session` or Starlette's
      `request.session`, also through another name for the request
      (`request = self.request`, `req = request`) (by subscript, `update()`
      or `setdefault()`);
      `flask_login.login_user(...)`; after a credential check, writing a
      value of the verified user record (the result of `authenticate()`, of
      the password lookup and what is fetched from it, the record a
      verifier checked: `user` in `check_password_hash(user.hash, pw)`)
      under any key that does not say it holds something else
      (`request.session["usuario"] = rows[0].id`,
      `session["conta"] = user.id`); writing such a value into a hand-rolled
      store's record under the id the request's cookie brought
      (`SESSIONS[sid]["user_id"] = ...`, `redis.set(f"session:{sid}", ...)`).
    - **Regeneration**, per session backend: Django `django.contrib.auth.login()`
      however imported, `request.session.cycle_key()` or `flush()`, anywhere
      in the handler, and `super().form_valid()`/`post()` in a `LoginView`
      subclass (a view that calls `login()` is never reported, even when
      the call sits in a branch that returns and another path writes an
      identity); Flask's cookie session: `session.clear()` before the binding;
      Flask-Session: only `app.session_interface.regenerate(session)`;
      the application's own Flask session interface that keeps sessions on
      the server under the id the cookie carries (`app.session_interface =
      CachingSessionInterface()`, or a factory returning one: CTFd, Indico,
      pgAdmin): only a method of the application's session class that gives
      the session a new id — a lifecycle method it defines
      (`session.regenerate()`), or one that raises a flag (`self._refresh_sid
      = True`) the interface answers with a new id (Indico's
      `set_session_user()`) — since `session.clear()` keeps the id;
      Flask-KVSession: `session.regenerate()`; Starlette's
      `SessionMiddleware`: `request.session.clear()` before the binding;
      starsessions: only `regenerate_session_id(request)`, before or after;
      Quart's session (Flask's, under Quart's name): `session.clear()`
      before; Pyramid: `request.session.invalidate()` before (under
      pyramid_beaker it also issues a new id); Litestar's
      `CookieBackendConfig`: `request.clear_session()` before; Litestar's
      `ServerSideSessionConfig`: nothing — it keeps the id the request's
      cookie carries across `clear_session()`, so the message says to bind
      the user on a later request or issue the id in a backend subclass;
      aiohttp-session: `await new_session(request)` before (its
      `invalidate()` and `clear()` keep the identity);
      hand-rolled stores: writing the record under a freshly generated id
      (`secrets.token_urlsafe()`, `uuid4()`) is a new session, not a
      binding; functions named in the `regenerators` option.
    - **Not regeneration**: a session method the backend does not have —
      `session.regenerate()`, `session.invalidate()`, `destroy()`,
      `cycle_key()`, `flush()` on Flask's or Flask-Session's session,
      `request.session.regenerate()` on Django, Starlette or starsessions —
      raises `AttributeError`, or does nothing when the error is caught;
      the message names the backend's real call. Nor is clearing the
      session and then putting its old contents back (`old =
      dict(session); session.clear(); session.update(old)`, `**old`, a
      loop re-setting every key).
    - **Path**: calls to functions of the same module (and `self.method()`
      in the same class) are followed transitively; a binding inside such a
      helper is reported at the call in the handler. A module-level function
      imported from another module of the project (`from auth.utils import
      remember_user`) counts as what it does to the session there — binds,
      clears, cycles the key, calls `login_user()` — at the call; and a
      FastAPI dependency of another module that returns `request.session`
      yields the session (`session = Depends(get_session)`).
    - **Arguments**: a helper (same module or another) that writes the
      value of a parameter into the session binds when the login passes
      it the verified user record, whatever the key
      (`remember_project(project)` after `check_password_hash(project.password, ...)`
      writing `session["projects"] = {project.id: ...}`, or appending
      to a list kept there: `session.setdefault("projects", []).append(project.id)`).
      A helper (same module or another) that takes the session as a
      parameter (`def set_claim(session, name)`, `def mark_admin(sess)`)
      acts on the session the call passes, when the call passes the
      caller's own session (not a dict of its own), and on that session's
      framework (a module with a Flask app and a Starlette app beside it
      gets each one's advice and regeneration); a key or claim name
      it receives is the one the call passes (`set_claim(session,
      "is_admin")` after a password check is a privilege change, reported
      at the call). The same helper's `clear()` regenerates (and, for
      SFX102, invalidates) that session.

    Reported at the first binding on the path that no regeneration covers.

    ## Why is this bad?
    Session fixation (CWE-384): an attacker who can plant a session cookie
    in the victim's browser (a crafted link, a subdomain cookie, a shared
    computer) waits for the victim to log in. How much the attacker gains
    depends on where the session lives, and the finding's severity says
    which case it is (text and JSON: the message's `[high: ...]` or
    `[medium: ...]`; SARIF: the result's level and `security-severity`):

    - **Server-side session — high** (SARIF `error`, 8.1): Django's
      database, cache and file sessions, Flask-Session, an application's own
      Flask session interface keyed by the cookie's id, starsessions,
      Litestar's `ServerSideSessionConfig`, pyramid_beaker (Beaker's file,
      memory, database or ext: types), aiohttp-session's
      Redis and Memcached storages, hand-rolled stores. The cookie holds only an id naming a record on
      the server. If the login keeps the id and adds the user to the record,
      the attacker's copy of the id is now a signed-in session.
    - **Signed-cookie session — medium** (SARIF `warning`, 5.4): Flask's
      default session (and Quart's), Starlette's `SessionMiddleware`, Django's
      `signed_cookies` engine, Pyramid's `SignedCookieSessionFactory`,
      Litestar's `CookieBackendConfig`, aiohttp-session's cookie storages,
      pyramid_beaker when the project's code gives Beaker's `session.type`
      the value `"cookie"` (Beaker's signed `CookieSession`). The cookie holds the data itself, signed, and
      every change sends the victim a new cookie: the attacker's planted
      copy stays anonymous and does not become signed in. What carries over
      is the data: whatever the attacker planted in the session before
      login (a `next` URL, a cart, a language, OAuth or CSRF state, a flag a
      later step trusts), or left in it on a shared computer, is now part of
      the victim's signed-in session. Clearing the session at login closes
      that. aiohttp-session's `SimpleCookieStorage` is rated the same, and
      its message says more: it neither signs nor encrypts the cookie, so
      anyone can forge the session's data, an identity included (use
      `EncryptedCookieStorage`).

    Issuing a new session at every authentication event — login, OAuth
    callback, registration that logs in, MFA completion, sudo mode — makes
    a planted session worthless in both cases.

    ## Decisions
    Precision first. Not bindings: non-identity keys (`cart`, `theme`,
    `next`, `django_language`, `display_name`), pre-authentication state
    (`oauth_state`, `code_verifier`, `pending_user_id` before the second
    factor, `login_attempts`, `login_time`, a retry count or lock-out kept
    under login words: `LoginNum`, `LoginLock`, `login_retries`), writes of a falsy literal
    (`session["user_id"] = None`), flags recording a finished settings change
    (`session["enabled_totp"] = True` on a TOTP settings page behind login
    binds no identity or privilege), display values (`display_name`,
    `nome`) even when a profile edit re-checked the password first, and a
    token renewed from the one the session already holds under the same key
    (`session["token"] = api.auth(session.get("token")).content`, a
    frontend's login page checking who is still signed in: the same
    sign-in, no new identity). A helper writing under a constant of its
    module (`session[LOGIN_KEY] = uid`) binds the key the constant names,
    at its calls. bcrypt's check written by hand (`hashpw(given,
    stored) == stored`) is a credential check like `checkpw`. A check
    run on the request's own user (`request.user.check_password(...)`) marks
    no record: it is a page behind login, not a sign-in. The fix's comment
    names the event it recognised (login, sign-up, password reset,
    second-factor check, privilege change). Identity writes outside authentication
    events (a profile rename) are not reported: only login handlers are.
    Objects merely named `session` (SQLAlchemy sessions, `requests.Session`,
    a test client's `session_transaction()`) are not sessions. A local
    function or class named `login` is not Django's `login()`: a call to a
    same-module function is followed instead. Flask-Session is recognised by
    a `flask_session` import, `Session(app)` or a `SESSION_TYPE` setting in
    the module or in any module of the project linked to it by imports (the
    app factory that sets up Flask-Session applies to its blueprints), except
    in a Quart app, whose session stays Quart's signed cookie whatever
    `SESSION_TYPE` says (Flask-Session runs Flask only), starsessions by a `starsessions` import, and both by the
    `session-backends` option for modules that use them without importing
    them. Django's sessions rate as server-side unless the module sets
    `SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"` or
    `session-backends` names `django-signed-cookies`; the exported Semgrep
    rules always rate Django high. A hand-rolled store binding is reported only when the id provably
    came from the request's cookie (`request.cookies`, a FastAPI `Cookie()`
    parameter); an id of unknown origin is left alone. Calls to code outside
    the module whose name says they regenerate (`regenerate_session()`,
    `auth.rotate_session()`) are trusted; a method called on a session is
    judged by what the backend's session object has, since advice for
    other frameworks (Express, Java servlets) makes `session.regenerate()`
    and `session.invalidate()` look right in Flask code. A session class of
    the module that defines the method (`class AppSession(SecureCookieSession)`
    with `def regenerate`) is trusted; one in another module needs the
    `regenerators` option, and Flask-KVSession set up in another module
    needs `session-backends = ["flask-kvsession"]`. Keeping one named value
    across the clear (`cart = session.get("cart"); session.clear();
    session["cart"] = cart`) is regeneration; a snapshot of the whole
    session taken before the clear and written back after it is not. Test modules
    (`test_*.py`, `conftest.py`, test-client modules in `tests/`) and
    `test_*` functions are skipped. Receivers of Django's `user_logged_in`
    signal (`@receiver(user_logged_in)`, `user_logged_in.connect(f)`) run
    inside `login()` after the key was cycled, and are not handlers; nor are
    receivers of `user_login_failed` (no one signed in), the methods of a
    Django authentication backend (a `ModelBackend`, `BaseBackend` or
    `RemoteUserBackend` subclass: `authenticate()` calls them inside the
    view that signs the user in), or setup secrets and methods kept while
    enrolling a second factor. Keys that say what went wrong
    (`login_error`), a step still to come (`auth_mfa_required`), or hold the
    id of a record no one signs in as (`auth_ticket_id`, `auth_acl_id`) bind
    nobody, whatever `auth` or `login` word they also hold.
    A regeneration inside an `if`/`else` branch that ends the handler with
    `raise`, `return` or Flask's or Quart's `abort()` (a failed login's
    `request.clear_session(); raise NotAuthorized()`, `session.clear();
    abort(401)`, Django's `request.session.flush(); return ...`) covers only
    bindings in that branch; Django's `login()` is the exception (RULES:
    never flag a view that uses it). A key that names the user's login
    (`login`, `login_id`, `user_login`) is an identity: real code keeps
    the signed-in user's id or login name under it far more often than
    anything else. The backend a
    module runs on follows what it, or the application it belongs to,
    imports: `litestar.middleware.session.server_side`, `pyramid_beaker`
    (also through Pyramid's `config.include("pkg.module")`), and
    aiohttp-session's storage modules (Redis/Memcached first, else the
    signed cookie storages, else `SimpleCookieStorage`, else server-side;
    the exported Semgrep twins rate them the same way, by the file's
    imports). aiohttp-security's `remember()` is a
    binding and `forget()` a logout only where `SessionIdentityPolicy` is
    imported; under `CookiesIdentityPolicy` or `JWTIdentityPolicy` they do
    not touch the session. pyramid_beaker is rated server-side, as Beaker's
    `session.type` usually lives in `.ini` settings fixlint does not read,
    unless the application's code (outside tests) gives it the literal
    `"cookie"` and no other value (`settings.setdefault("session.type",
    "cookie")`, `settings["session.type"] = "cookie"`, a dict key): then it is
    rated as a signed-cookie session. An `.ini` that overrides a
    `setdefault` is not seen; the Semgrep twins, which see one file, rate a
    file that imports pyramid_beaker server-side whatever the type.
    """

    code = "SFX101"
    name = "session-not-regenerated-on-login"
    summary = "Login binds an identity to the session without regenerating the session id"
    cwe = ("CWE-384: Session Fixation",)
    owasp = (OWASP_AUTH,)
    level = "error"
    security_severity = "8.1"
    severities = {"high": ("error", "8.1"), "medium": ("warning", "5.4")}
    likelihood = "MEDIUM"
    impact = "HIGH"
    uses = (LifecycleAnalysis,)
    references = (
        ("OWASP Session Management Cheat Sheet: Renew the Session ID After Any Privilege Level Change",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#renew-the-session-id-after-any-privilege-level-change"),
        ("Django: How to log a user in", "https://docs.djangoproject.com/en/stable/topics/auth/default/#how-to-log-a-user-in"),
        ("Flask tutorial: login view calls session.clear()",
         "https://flask.palletsprojects.com/en/stable/tutorial/views/#login"),
        ("Flask-Session: regenerate the session id",
         "https://flask-session.readthedocs.io/en/latest/security.html"),
        ("starsessions: regenerating the session id", "https://github.com/alex-oleshkevich/starsessions"),
        ("CWE-384: Session Fixation", "https://cwe.mitre.org/data/definitions/384.html"),
    )
    fix = Fix(
        FIX_UNSAFE,
        "Inserts the session backend's regeneration call, under a one-line comment, before the "
        "statement that binds the identity (before the handler's call, when a same-module helper "
        "binds it): `session.clear()` (Flask's cookie session, also before `login_user()`), "
        "`request.session.clear()` (Starlette), `request.session.cycle_key()` (Django), "
        "`app.session_interface.regenerate(session)` (Flask-Session, with the module's application "
        "object or its `current_app` import) and `regenerate_session_id(request)` (starsessions, "
        "imported when missing), written with the names the handler already uses for its session "
        "and request. Unsafe (only with `--unsafe-fixes`): a new session id signs out other tabs and "
        "API clients still holding the old one, and clearing a Flask or Starlette session drops all "
        "it held before login (a guest cart, a `next` URL, OAuth or CSRF state, a language choice) "
        "that later requests and templates may expect. A call of a session method the backend lacks "
        "(`session.regenerate()`, `request.session.regenerate()`) is replaced with the real call "
        "instead, where the developer meant it — for a clearing backend only when it comes before the "
        "binding (else no fix). For the clearing backends, when the handler "
        "writes to the session before the binding (`session.permanent = True`, `flash()`), the "
        "clear goes above its first write, so that the write survives. No fix, with the reason in "
        "the note, when a clearing backend's handler reads a key from the session afterwards that it "
        "has not written again (`session.pop(\"next\")`); when bindings sit on different branches; when the "
        "session, request or application object cannot be named in the handler; when the handler "
        "puts the old session back after clearing it; and for "
        "hand-rolled stores, where a new id must be issued, the record moved under it and the "
        "cookie reset — a design change.",
        "inserts session.clear() / cycle_key() / session_interface.regenerate() / "
        "regenerate_session_id() before the binding; unsafe: a new id signs out other tabs, and "
        "clearing drops what the session held before login",
        family="login",
    )
    invalid = (
        Example(
            """
            from flask import Flask, redirect, request, session
            from werkzeug.security import check_password_hash

            app = Flask(__name__)

            @app.post("/login")
            def login():
                user = find_user(request.form["username"])
                if user and check_password_hash(user.password_hash, request.form["password"]):
                    session["user_id"] = user.id
                    return redirect("/")
                return "invalid", 401
            """,
            expect=((10, 9),),
            title="Flask login that keeps the session",
        ),
        Example(
            """
            from django.shortcuts import redirect

            def member_login(request):
                member = check_member(request.POST["email"], request.POST["password"])
                request.session["member_id"] = member.pk
                return redirect("home")
            """,
            expect=((5, 5),),
            filename="views.py",
            title="Django view writing the session by hand",
        ),
    )
    valid = (
        Example(
            """
            from flask import Flask, redirect, request, session
            from werkzeug.security import check_password_hash

            app = Flask(__name__)

            @app.post("/login")
            def login():
                user = find_user(request.form["username"])
                if user and check_password_hash(user.password_hash, request.form["password"]):
                    session.clear()
                    session["user_id"] = user.id
                    return redirect("/")
                return "invalid", 401
            """,
            title="Flask: clear the session first",
        ),
        Example(
            """
            from django.contrib import auth
            from django.shortcuts import redirect

            def member_login(request):
                user = auth.authenticate(request, username=request.POST["u"], password=request.POST["p"])
                auth.login(request, user)
                request.session["member_id"] = user.member.pk
                return redirect("home")
            """,
            filename="views.py",
            title="Django: auth.login() cycles the session key",
        ),
    )

    semgrep = _semgrep_rules()
    semgrep_parity = (
        "Semgrep follows a binding into a same-module helper one call deep only (fixlint follows calls "
        "transitively), cannot tell a local `def login` from Django's when both are in scope, learns the "
        "session backend from the module's imports only (`flask_session`, `starsessions`; fixlint also "
        "from the project: Flask-Session set up in the app factory applies to a blueprint's login), and "
        "reports the "
        "first binding even when a later identical one follows a `clear()`; after a `clear()` inside a "
        "branch it reports a binding that fixlint leaves as a known miss. Logins by behaviour: Semgrep sees a "
        "lookup filtering on a password column or a verifier call in the same function, and a record write "
        "only when the written value names the verified variable itself; it misses raw SQL "
        "(`cursor.execute(\"... WHERE password = ?\")` then `fetchone()`), records reached through an "
        "assignment after the check, \"enter\" words (`entrar`, `masuk`) as whole names, and sessions that "
        "arrive through a FastAPI dependency. Semgrep reads one file: a login helper imported from another "
        "module of the project that binds the session (reported at the call in the handler), and a session "
        "yielded by a dependency defined in another module (`Depends(get_session)` from `deps.py`), are "
        "found only by fixlint's project model. Semgrep also misses a verified record passed to a helper that "
        "writes it under a key of any name, and a helper given the session and an identity key name as "
        "arguments (`grant(session, \"is_admin\")`). Also found only by fixlint: a binding through an "
        "instance method of a project class defined in another module (`UserMapper(...).set_user2session()`), "
        "and a Tornado handler's `self.session` (the application's own server-side store), and helpers a "
        "star import brings (`from out import *`, then `logout()` or `remember(user)`). A fresh random id written "
        "under an identity-like key (`request.session[\"id\"] = str(uuid.uuid4())`) binds no one in either. "
        "Found only by fixlint: a store record bound under the session id a middleware put in the request's "
        "state (`request.state.sid`, Falcon's `req.context[\"session_id\"]`, Flask's `g.session_id`), a login "
        "named by the noun as a whole name (`def authentication`), and a MongoDB filter whose `$and` "
        "conditions hold the password."
    )
    def check(self, ctx, facts):
        for path, step, backend, cause in self.unregenerated(facts):
            yield self.reported(step, backend, cause, path.occasion)

    def reported(self, step, backend, cause=None, occasion=None):
        """The Finding for a binding step (what `fixlint fix` matches too);
        `occasion`: the handler's (HandlerPath.occasion)."""
        return self.finding(step.site, self.message(step, backend, cause, occasion), severity_of(backend))

    def unregenerated(self, facts):
        """(HandlerPath, Step, SessionBackend, cause) for every login
        handler's first binding no regeneration covers: what `check`
        reports and `fixlint fix` repairs. `cause` is the step that looks
        like a regeneration and is none — a session method the backend
        lacks (`session.regenerate()` on Flask), or the write that puts the
        old session back after a clear() — or None."""
        lifecycle = facts[LifecycleAnalysis]
        for path in paths_of(facts):
            if path.role != LOGIN:
                continue
            found = _unregenerated_binding(path, lifecycle)
            if found is not None:
                yield (path, *found)

    def message(self, step, backend, cause=None, occasion=None):
        """What is wrong and the fix, ending with how bad it is on this backend."""
        described = self._described(step, backend, cause, occasion)
        return f"{described} [{backend.consequence or _CONSEQUENCE[severity_of(backend)]}]"

    def _described(self, step, backend, cause, occasion=None):
        event = step.event
        fix, label = backend.regenerate_fix, backend.label
        # A library's login call: Flask-Login's login_user(), aiohttp-security's remember().
        if event.framework is not None and event.framework.bind_calls:
            does = f"binds the user to the session with {event.key} without regenerating it"
            base = event.framework.extends
            # The session the library extends, on any of its own backends (Flask's cookie
            # session; aiohttp-session's storages), not a library replacing it (Flask-Session).
            if backend is base.backend or any(backend is b for _, b in base.backend_variants):
                fix, label = fw.advice(event.framework, self.code), event.framework.label
        elif event.framework is fw.HAND_ROLLED:
            does = f"binds {event.key!r} to the store record of the session id the request's cookie brought"
        elif event.mechanism == RECORD:
            does = f"binds {event.key!r}, a value of the verified user record, to the session without regenerating it"
        elif event.mechanism == CREDENTIAL:
            does = f"binds {event.key!r}, the credential it just checked, to the session without regenerating it"
        else:
            does = f"binds {event.key!r} to the session without regenerating it"
        who = f"login calls {step.via}(), which" if step.via is not None else "login"
        if cause is not None and cause.event.restores is not None:
            return (f"{who} {does}: it puts the old session back after clearing it (line "
                    f"{cause.site.lineno}), which is no regeneration; carry only named values across "
                    f"the clear ({label})")
        if isinstance(cause, SignedInOnly):
            return (f"{who} {does}: {_named(cause.event.node)} on line {cause.event.node.lineno} runs only when the session "
                    f"already holds a sign-in, never for the anonymous session an attacker plants; {fix}, on every "
                    f"path to the binding ({label})")
        if cause is not None:
            method = session_method(cause.event)
            fix = backend.instead_fix or fix
            lacks = f"{backend.possessive} session has no {method}()"
            return f"{who} {does}; {lacks}: {fix}" + ("" if backend.instead_fix else f" ({label})")
        if backend.note:
            fix = f"{backend.note}, so {fix}"
        if carries_sign_in(occasion, backend, step):
            # IRRd's TOTP step after the password step's clear() and login: clearing drops that sign-in too.
            return (f"second-factor check {does}; {fix}, carrying over what the earlier step stored and this one "
                    f"still needs (the user it signed in): read it before, write it back after ({label})")
        return f"{who} {does}; {fix} ({label})"


def _named(node):
    """How a message names a regeneration's call: `session.clear()`."""
    if node.__class__ is ast.Call and node.func.__class__ in (ast.Name, ast.Attribute):
        text = ast.unparse(node.func)
        if len(text) <= 60:
            return f"{text}()"
    return "the regeneration"


HIGH = "high"
MEDIUM = "medium"
# What an attacker gets, per backend (RULES.md, "Say how bad it is, per backend").
_CONSEQUENCE = {
    HIGH: "high: server-side session, a session id planted before login becomes signed in",
    MEDIUM: "medium: signed-cookie session, the planted cookie stays anonymous but data planted "
            "in the session before login carries over",
}


def severity_of(backend):
    """HIGH where the session id names a server-side record (the planted id
    becomes signed in), MEDIUM for a signed-cookie session."""
    return HIGH if backend.server_side else MEDIUM


def _unregenerated_binding(path, lifecycle):
    """The first binding step no regeneration covers, with its backend and
    what only looks like a regeneration (or None)."""
    steps = path.steps
    undone = undone_clears(steps)
    regenerations = [(i, s) for i, s in enumerate(steps) if s.kind == REGEN and i not in undone]
    blocks = exiting_blocks(path.function) if regenerations else {}
    guards = {}  # function -> its guards (session_guards), for the regenerations only a signed-in session runs
    signed_in = {}  # function -> the guards that a sign-in is held (session_guards' sign_in)
    for index, step in enumerate(steps):
        if step.kind != BIND:
            continue
        if session_guards(step, lifecycle.events, signed_in, sign_in=True):
            continue  # runs only for a session already signed in: a page that re-reads who it holds
        backend = lifecycle.backend(step.event.framework)
        if backend is None:
            continue
        # A regeneration in a branch that ends the handler (a failed login's
        # `clear(); raise`) never runs before a binding outside it; Django's
        # login() covers the whole view (RULES.md: never flag a view that uses it).
        covering = [s for at, s in regenerations
                    if (s.event.mechanism in backend.view_regenerators or reaches(blocks, s.site, step.site))
                    and _covers(lifecycle, backend, s, at, index)]
        if not any(_runs_for(lifecycle, guards, s, step) for s in covering):
            cause = _lookalike(lifecycle, backend, steps, undone)
            if cause is None and covering:
                cause = SignedInOnly(covering[0].event, covering[0].site, covering[0].via, covering[0].calls)
            return step, backend, cause
    return None


def _runs_for(lifecycle, guards, regeneration, binding):
    """Whether the regeneration runs whenever the binding does: not only
    for a session that already holds a sign-in (`if is_logged_in():
    session.clear()` before a login's write: the anonymous session an
    attacker plants is bound as it came), unless the binding is as
    guarded (a second step of a sign-in that the first one began)."""
    held = session_guards(regeneration, lifecycle.events, guards)
    return not held or held <= session_guards(binding, lifecycle.events, guards)


def _covers(lifecycle, backend, regeneration, at, index):
    """Whether the regeneration step at `at` covers the binding at `index`."""
    event = regeneration.event
    mechanism = event.mechanism
    if mechanism in _TRUSTED or lifecycle.project_method(event):
        return True
    if lifecycle.missing(event) is not None:
        return False
    return mechanism in backend.regenerators and (backend.order == "anywhere" or at < index)


def _lookalike(lifecycle, backend, steps, undone):
    """The first step on the path that looks like a regeneration on
    `backend` and is none: a call of a session method it lacks, else a
    write that puts the old session back after a clear."""
    for step in steps:
        if (step.kind == REGEN and lifecycle.missing(step.event) is not None
                and lifecycle.backend(step.event.framework) is backend):
            return step
    for at, restore in undone.items():
        if steps[at].event.mechanism in backend.regenerators:
            return restore
    return None
