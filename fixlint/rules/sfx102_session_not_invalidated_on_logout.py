"""SFX102 session-not-invalidated-on-logout."""

import ast

from ..analysis.lifecycle import (
    BIND, COMPUTED_NAME, COOKIE_DELETE, DELETE, DELEGATE, INVALIDATE, LOGIN_COOKIE, REGEN, REQUEST_COOKIES, REMOVE,
    TOUCH, WRITE,
    LifecycleAnalysis, library_logout, session_method,
)
from ..analysis.lifecycle_paths import LOGOUT, paths_of, undone_clears
from ..analysis.handlers import ROUTE, VIEW
from ..analysis.identity import binds_nobody, is_identity_key, names_something_else
from ..analysis.identity_cookies import ComputedName, IdentityCookieAnalysis
from .. import frameworks as fw
from ..frameworks import auth
from ..frameworks import session_id_words as sid
from . import _lifecycle_semgrep as ls
from ._cookie_semgrep import handler_calls, regex
from .base import FIX_UNSAFE, OWASP_AUTH, Example, Fix, Rule, SemgrepRule


# -- Semgrep -------------------------------------------------------------------
# The adapters' twins (Framework.semgrep_twins["SFX102"], written with the
# helpers of _lifecycle_semgrep.py), in registry order; then the twins built
# here from every adapter's data: a signed user cookie a logout never
# deletes, and a hand-rolled store's record that outlives the logout.

def _semgrep_rules():
    return (
        *(rule for framework in fw.FRAMEWORKS if "SFX102" in framework.semgrep_twins
          for rule in framework.semgrep_twins["SFX102"](ls, framework)),
        *_identity_cookie_rules(),
        SemgrepRule(
            suffix="store",
            message="Logout removes $K from a hand-rolled session record but keeps the record: the id still "
                    "works; delete the record (del SESSIONS[sid]) instead",
            match={"patterns": [
                {"pattern": "$STORE[$SID].pop($K, ...)"},
                regex("$K", ls.IDENTITY_KEY_RE),
                *ls.in_logout_handler(),
                *ls.anywhere_in_function("$STORE.pop(...)", "del $STORE[$SID]", "$CACHE.delete(...)"),
            ]},
            technology=("fastapi", "flask", "starlette"),
        ),
    )


def _identity_cookie_rules():
    """Tornado: a logout handler method that deletes no cookie (the signed
    user cookie is its login), from the adapters' data. Semgrep cannot tell
    which cookie holds the user, nor follow a helper method that deletes
    it: any deletion, or a call of a method named like a logout or a
    clearing, counts."""
    out = []
    for framework in fw.FRAMEWORKS:
        if not framework.identity_cookie_setters:
            continue
        deleters = sorted(framework.cookie_clearers | framework.cookie_clear_all)
        helper = rf"(?i)^(?!{'|'.join(deleters)}$).*({ls.LOGOUT}|clear|forget|delete)"
        # A deleted cookie counts when it is named like an identity or not by a literal.
        named = [{"pattern-not-inside": {"patterns": [
            {"pattern": f"def $F(self, ...):\n  ...\n  <... self.{d}($NAME, ...) ...>\n  ...\n"},
            regex("$NAME", rf"^(?![rub]?[\"'])|{ls.IDENTITY_KEY_RE}"),
        ]}} for d in sorted(framework.cookie_clearers)]
        out.append(SemgrepRule(
            suffix=f"{framework.key}-cookie",
            message=f"Logout handler $F never deletes the signed user cookie: the browser stays signed in until "
                    f"it expires; call {framework.identity_cookie_clear.format(name='<the user cookie>')}, and "
                    f"{framework.identity_cookie_revoke}: a deleted copy stays valid ({framework.label})",
            match={"patterns": [
                {"pattern": "def $F(self, ...):\n  ...\n"},
                *ls.handler(ls.LOGOUT, verifying=False),
                handler_calls("def $F(self, ...):\n  ...\n"),
                *[{"pattern-not": f"def $F(self, ...):\n  ...\n  <... self.{d}(...) ...>\n  ...\n"}
                  for d in sorted(framework.cookie_clear_all)],
                *named,
                {"pattern-not-inside": {"patterns": [
                    {"pattern": "def $F(self, ...):\n  ...\n  <... self.$HELPER(...) ...>\n  ...\n"},
                    regex("$HELPER", helper),
                ]}},
                *ls.invalidations("$S"),
                {"focus-metavariable": "$F"},
            ]},
            technology=(framework.key,),
        ))
    return tuple(out)


class SessionNotInvalidatedOnLogout(Rule):
    """
    ## What it does
    Reports a logout handler that leaves the session alive. The concepts,
    as the analysis applies them:

    - **Logout handler**: a function or method whose name, class name or
      route path (with its router's or blueprint's prefix) holds logout, signout, sign_out, log_out, logoff (or a
      configured `logout-names` word) or its Portuguese, Spanish, French,
      German, Italian, Indonesian, Vietnamese or Turkish counterpart
      (`deslogar`, `cerrar_sesion`, `deconnexion`, `abmelden`,
      `disconnetti`, `dang_xuat`; a phrase also glued into one lower-case
      word, `cerrarsesion`, `cikisyap`, and a verb glued to logout,
      `dologout`, `fazerlogout`; "exit" words such as `sair`, `salir`,
      `keluar`, `cikis` only as the whole name — a class-based view's
      without its `View`/`APIView` ending, `SairView` — or a
      one-segment route; a ViewSet's `@action` method is a routed view
      whatever its name); or any handler that writes a signed-out flag
      (`session["islogout"] = True`, `session["logged_in"] = False`) and
      binds nobody — a view called `index` in a `logout` app; or the
      branch of a request handler that a request parameter named for a
      logout selects (`if request.GET.get("btnlogout"):`, `if
      request.POST.get("action") == "dang_xuat":`), judged on its own
      statements. Test code never is.
    - **Invalidation**: `session.clear()` (Flask, Starlette, Django),
      Django `django.contrib.auth.logout(request)`, `request.session.flush()`
      or `delete()`, `super()` in a `LogoutView` subclass,
      `flask_login.logout_user()`, deleting a hand-rolled store's record
      (`del SESSIONS[sid]`, `SESSIONS.pop(sid)`, `redis.delete(key)`; also
      one keyed by the id a framework session holds under a session-id
      name, `sid = request.session.get("sessionId")` then
      `redis.delete(f"session:{sid}")` or a project method named for the
      deletion, `store.delete_record(sid)`), on the
      handler's path (same-module helpers are followed; a function imported
      from another module of the project counts as the clear, removal,
      `logout_user()` or cookie deletion it performs, at the call:
      `delete_secure_cookie(resp)` deleting the cookie on the response it
      is given).
    - **Partial removal**: `pop`/`del` of an identity key
      (`session.pop("user_id")`, `del request.session["member_id"]`, also
      in a loop over literal keys), a flag write (`session["logged_in"] =
      False`, `session["islogout"] = True`); in a routed logout or a view,
      the removal or emptying of any key but a non-identity one, whatever
      the app calls who is signed in (`session.pop("oauth_info")`,
      `request.session["numero_salud"] = None`, `session["valido"] = 0`);
      or deleting the session cookie
      (`delete_cookie("sessionid")`, aiohttp's `del_cookie`, Falcon's
      `unset_cookie`, `set_cookie(..., max_age=0)`; a cookie named by an
      environment variable's default, `os.getenv("COOKIE_NAME", "session")`
      here or in the settings module it is imported from, by that default): any
      session or auth cookie where a server-side record survives it (Django,
      Flask-Session, starsessions, a hand-rolled store), and the session
      cookie itself (`session`, `sessionid`, a configured name) under a
      signed-cookie session (Flask's, Starlette's) — the session is never
      ended there either. In an app with no framework session (FastAPI or
      Starlette with no session middleware, Litestar with no session
      config), a cookie it calls a session (`session`, `session_token`) is
      its own credential, like an `access_token` cookie: a logout that only
      deletes it ends nothing on the server, and the message asks to end
      the session it names there, not for a `request.session` the app does
      not have. A token library's call that only deletes its token cookies
      is such a deletion: Flask-JWT-Extended's `unset_jwt_cookies(response)`,
      FastAPI JWT Auth's `Authorize.unset_jwt_cookies()` on an `AuthJWT`
      parameter; the message names the library's way to revoke the token.
      A logout that reads the token's id (`get_jwt()["jti"]`, `get_jti()`)
      or calls a store named for revoking (`blocklist.add(...)`) may revoke
      it and is not reported.

    - **Not invalidation**: a session method the backend does not have
      (`session.invalidate()` or `session.regenerate()` on Flask's or
      Flask-Session's session, `request.session.invalidate()` on Django or
      Starlette) raises `AttributeError`, or does nothing when the error is
      caught; clearing the session and then putting its old contents back.

    Reported at such a call (or at the write that puts the old session
    back) when nothing else ends the session, else at the first partial
    removal; a logout handler that reads the
    identity from the session (`session.get("user_id")`) or cycles its key,
    and removes nothing, is reported at its `def`.

    ## Why is this bad?
    Insufficient session expiration (CWE-613): removing one key leaves every
    other key — roles, tokens, the MFA flag, a Flask-Login `_user_id` — in a
    session that is still valid, and a server-side record whose cookie is
    merely deleted stays usable by anyone who copied the id. Logout must end
    the session on the server.

    ## Decisions
    A logout handler that never touches the identity in a session (it only
    redirects, revokes a token elsewhere, or tidies non-identity keys such as
    `next`, `oauth_state` or a cart: `carrito`, `keranjang`) is not
    reported: fixlint cannot see where the identity lives. A function named
    for logout that no request reaches (a module's `on_logout(self)`
    callback, run by the app's own logout) is judged only on identity keys.
    Tornado has no session: its login is a signed cookie holding the user
    (`self.set_signed_cookie("user", ...)`, read back in
    `get_current_user()`). A logout handler of a module that issues or reads
    such a cookie and deletes neither it (`self.clear_cookie("user")`, in
    the handler or a method it calls) nor every cookie
    (`self.clear_all_cookies()`) nor a cookie it cannot name is reported at
    its `def`: the browser stays signed in until the cookie expires (30
    days by default). Deleting the cookie cannot revoke a copy of the
    signed value, so a logout that only deletes it (`self.clear_cookie("user")`,
    `self.clear_all_cookies()`, in the handler or a method it calls) is
    reported too, at the deletion (or the call of the method that deletes
    it), with the advice to revoke it on the server (RULES.md Revision 2: a
    logout that only deletes the session cookie is SFX102 in every
    framework); the cookie counts when the module issues it or reads it
    back in `get_current_user()`, or the logout handler itself reads it
    (`self.get_signed_cookie("userId")`). A cookie named by an expression
    (`self.set_secure_cookie(app.SECURE_TOKEN, ...)`, a name imported or
    set at the module level) is the one the same expression names in the
    logout (`self.clear_cookie(app.SECURE_TOKEN)`); a cookie another
    expression names is another cookie. Not when the handler also calls
    something named for revoking on the server (`denied.revoke(token)`,
    `auth.logout(user)`, `sessions.delete(sid)`; not `RequestHandler`'s own
    `self.clear()` or `self.flush()`) or deletes a server-side record keyed
    by the cookie's value (`SIGNED_IN.pop(self.get_signed_cookie("user"))`).
    A logout that removes its credential cookie from the request's cookies
    only (`del request.cookies["token"]`, `request.cookies.pop("token")`:
    the server's copy of what the browser sent) deletes nothing in the
    browser: reported there, with the advice to delete it on the response
    and revoke the token. A call named for deleting or revoking in the
    app's language (`udalit_sessiyu(token)`, `hapus_sesi`, `excluir_sessao`)
    ends something on the server as `delete_session` does.
    A receiver of Django's `user_logged_out` signal runs inside `logout()`,
    which flushes the session right after, and is not a handler. A call to
    code outside the module whose name says it logs out or invalidates
    (`auth_service.logout(user)`,
    `sessions.invalidate(sid)`) is trusted. Deleting only the cookie of a
    signed-cookie session (Flask's, Starlette's) is reported (RULES.md
    Revision 2): the message says the session is never ended rather than
    that a server record survives; an auth cookie other than the session's
    (`access_token`) deleted under such a session is not. Litestar has a
    session only where the application sets up a session middleware config
    (`CookieBackendConfig`, `ServerSideSessionConfig`); without one, a
    cookie named `session` is the application's own signed sign-in, and the
    advice is to revoke it on the server, not `request.clear_session()`. `cycle_key()` or
    `regenerate()` on logout keeps the data under a new id: that is not
    invalidation. The fix declines a removal inside a loop over keys. A
    session method is judged by what the backend's session object has
    (Flask-KVSession's has `destroy()`); a session class of the module that
    defines it is trusted. A project's own copy of a library's logout call
    (calibre-web vendors Flask-Login as `cps/cw_login`: a `logout_user()`
    that pops Flask-Login's own `_user_id`; ragflow ports it to its Quart
    app's package `__init__.py`) is that library call, which counts as
    invalidation where it is called, in its own module or another; its body
    is not judged as an application's logout. A `logout_user()` of the
    application's own that pops its own keys (`user_id`) still is, and so is
    a helper named otherwise that pops `_user_id`. A logout helper that
    another logout handler calls is judged on that handler's path, at the
    call; a routed logout that another one calls (a legacy `/logout` route
    returning the `/auth/logout` handler's response) is judged on its own
    path as well, since requests reach it directly.
    """

    code = "SFX102"
    name = "session-not-invalidated-on-logout"
    summary = "Logout leaves the session alive (removes only some keys or only the cookie)"
    cwe = ("CWE-613: Insufficient Session Expiration",)
    owasp = (OWASP_AUTH,)
    security_severity = "5.4"
    uses = (LifecycleAnalysis, IdentityCookieAnalysis)
    references = (
        ("OWASP Session Management Cheat Sheet: Manual Session Expiration",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#manual-session-expiration"),
        ("Django: How to log a user out", "https://docs.djangoproject.com/en/stable/topics/auth/default/#how-to-log-a-user-out"),
        ("Flask-Login: logout_user", "https://flask-login.readthedocs.io/en/latest/#flask_login.logout_user"),
        ("CWE-613: Insufficient Session Expiration", "https://cwe.mitre.org/data/definitions/613.html"),
    )
    fix = Fix(
        FIX_UNSAFE,
        "Replaces the logout handler's first selective removal of an identity key "
        "(`session.pop(\"user_id\", None)`, `del request.session[\"member_id\"]`, "
        "`session[\"logged_in\"] = False`) with the backend's full invalidation — `session.clear()` "
        "(Flask, Flask-Session), `request.session.clear()` (Starlette, starsessions), "
        "`request.session.flush()` (Django) — and deletes the handler's later removals from the "
        "same session, which it makes redundant; comments stay. A popped value the handler uses "
        "(`user = session.pop(\"user\", None)`) keeps its statement, and the invalidation follows it. "
        "A call of a session method the backend lacks (`session.invalidate()` on Flask, "
        "`request.session.invalidate()` on Django) is replaced with the backend's invalidation "
        "(`session.destroy()` on Flask-KVSession), whatever the session holds: the developer meant to "
        "end it there. "
        "Unsafe (only with `--unsafe-fixes`): everything else in the session goes too — a cart, a "
        "language choice, anything the app meant to keep across logout. No fix, with the reason in "
        "the note, for any other finding at the `def` (nothing to replace), a Tornado logout that keeps "
        "or only deletes the signed user cookie (revoking its value needs a check on the server), a "
        "logout that puts the old "
        "session back after clearing it, a deleted cookie whose "
        "server-side record survives (which record to delete is not visible there), hand-rolled "
        "stores, removals inside helpers that other code may call, removals within a larger "
        "expression, and handlers that write to the session before the removal (`flash()`: the "
        "invalidation would drop the message) or read from it afterwards.",
        "replaces the selective pop/del with session.clear() (request.session.flush() on Django); "
        "unsafe: everything else in the session goes too",
        family="logout",
    )
    invalid = (
        Example(
            """
            from flask import Flask, redirect, session

            app = Flask(__name__)

            @app.route("/logout")
            def logout():
                session.pop("user_id", None)
                return redirect("/")
            """,
            expect=((7, 5),),
            title="Flask logout that pops one key",
        ),
        Example(
            """
            from django.shortcuts import redirect

            def logout_view(request):
                response = redirect("/")
                response.delete_cookie("sessionid")
                return response
            """,
            expect=((5, 5),),
            filename="views.py",
            title="Django logout that only deletes the cookie",
        ),
    )
    valid = (
        Example(
            """
            from flask import Flask, redirect, session

            app = Flask(__name__)

            @app.route("/logout")
            def logout():
                session.clear()
                return redirect("/")
            """,
            title="Flask: clear the whole session",
        ),
        Example(
            """
            from django.contrib.auth import logout
            from django.shortcuts import redirect

            def logout_view(request):
                logout(request)
                return redirect("/")
            """,
            filename="views.py",
            title="Django: logout() flushes the session",
        ),
        Example(
            """
            from django.shortcuts import redirect

            def shop_logout(request):
                request.session.pop("customer_id", None)
                request.session.cycle_key()  # the old id is dead; the cart stays
                return redirect("/")
            """,
            filename="views.py",
            title="Django: remove the identity and cycle the key, keeping other data",
        ),
    )

    semgrep = _semgrep_rules()
    semgrep_parity = (
        "Semgrep does not follow helpers (a partial removal inside a same-module helper is missed), "
        "recognises a server-side session by the module's imports or a module-level dict store (fixlint "
        "also by a Flask-Session set-up anywhere in the project linked to the module), and "
        "trusts invalidation calls only by their exact names (`logout`, `invalidate`, ...). It does not "
        "recognise logouts by behaviour (a signed-out flag in a handler named `index`), \"exit\" words "
        "(`sair`, `keluar`) as whole names, removals in a loop over keys, or a logout that only deletes "
        "the cookie of a signed-cookie session. Semgrep reads one file: a helper imported from another "
        "module of the project that removes only selected keys (reported at the call in the logout "
        "handler) is found only by fixlint's project model. Tornado: Semgrep cannot tell which cookie holds "
        "the user, so a logout handler that deletes any cookie named like an identity (or by a name that is "
        "no literal), or calls a method named like a clearing or a logout, passes, and one in a module that "
        "issues no signed cookie is reported too; a logout that deletes the signed cookie and revokes "
        "nothing on the server is not reported. Also found only by fixlint: a Pyramid logout that only calls "
        "`forget(request)` (silent where the application installs its own policy defining `forget`), a "
        "Tornado handler's `self.session` (the application's own store) losing only some keys, and a "
        "partial logout through an instance method of a project class defined in another module. Semgrep "
        "reports a logout that deletes its store's record keyed by the app's own session id kept in a "
        "signed session (`session_info.pop(request.session[\"id\"])`, where another module writes that "
        "key a fresh `uuid4()`); fixlint reads the id's origin in the project and stays silent."
    )

    def check(self, ctx, facts):
        for _, _, node, message in self.alive(facts):
            yield self.finding(node, message)

    def alive(self, facts):
        """(HandlerPath, Step or None, node, message) for every logout
        handler that leaves the session alive: the first partial removal
        step, or None when the finding is at the `def`. What `check` reports
        and `fixlint fix` repairs."""
        lifecycle = facts[LifecycleAnalysis]
        server_side = lifecycle.server_side_backend()
        cookie_backend = server_side or lifecycle.session_backend_in_use()
        for path in paths_of(facts):
            if path.role != LOGOUT or _library_logout(path):
                continue
            steps = path.steps
            undone = undone_clears(steps)
            if any(_ends(lifecycle, s) for i, s in enumerate(steps) if i not in undone) or (
                    _removed_and_regenerated(steps, lifecycle)):
                continue
            lookalike = _lookalike(lifecycle, steps, undone)
            if lookalike is not None:
                yield path, lookalike, lookalike.site, self._lookalike_message(lookalike, lifecycle)
                continue
            partial = _first_partial(steps, cookie_backend, lifecycle.is_session_cookie)
            if partial is None:
                partial = _unnamed_removal(path, steps, lifecycle)
            if partial is not None and partial.kind == COOKIE_DELETE and _own_credential_cookie(
                    partial.event.key, lifecycle) and _may_revoke(path.function, partial.site):
                continue  # a token the logout revokes too (simplejwt's `RefreshToken(t).blacklist()`)
            if partial is not None:
                yield path, partial, partial.site, self._partial_message(partial, lifecycle, cookie_backend)
                continue
            deleted = _credential_cookie_only(steps, cookie_backend, lifecycle, path.function)
            if deleted is not None:
                framework = deleted.event.library or fw.file_web_framework(lifecycle.ctx)
                label = framework.label_in(lifecycle.ctx) if framework is not None else "Python"
                where = f"calls {deleted.via}(), which " if deleted.via else ""
                computed = deleted.event.mechanism in (COMPUTED_NAME, LOGIN_COOKIE)
                key = deleted.event.key
                if deleted.event.library is not None:
                    fix = deleted.event.library.token_revoke_fix
                elif not computed and _names_session_id(key) and not lifecycle.own_cookie_by_default_name(key):
                    fix = "end the session it names on the server at logout (delete the store's record, or deny-list the token)"
                else:
                    fix = "revoke the token on the server at logout (a deny-list, or sign-ins kept in a server-side session and ended)"
                # A library call deleting several cookies (`unset_jwt_cookies`: the access and refresh ones) names them all.
                keys = [key] + [s.event.key for s in steps if s is not deleted and s.kind == COOKIE_DELETE and (
                    deleted.event.library is not None and s.site is deleted.site and s.event.key != key)]
                if deleted.event.mechanism == REQUEST_COOKIES:
                    message = _request_side(where, key, fix, label)
                else:
                    message = _stays_valid(where, keys if len(keys) > 1 else key, fix, label, computed=computed)
                yield path, deleted, deleted.site, message
                continue
            used = next((s for s in steps if _keeps_identity(s, lifecycle)), None)
            if used is not None:
                backend = lifecycle.backend(used.event.framework)
                message = f"logout leaves the session alive; {backend.invalidate_fix} ({backend.label})"
                yield path, None, path.function, message
                continue
            cookies = facts[IdentityCookieAnalysis]
            kept = cookies.kept(path.function, path.reached)
            if kept is not None:
                cookie = KeptCookie(*kept)
                yield path, cookie, path.function, cookie.message()
                continue
            deleted = cookies.only_deleted(path.function, path.reached)
            if deleted is not None:
                cookie = DeletedCookie(*deleted)
                yield path, cookie, cookie.site, cookie.message()

    def _lookalike_message(self, step, lifecycle):
        event = step.event
        backend = lifecycle.backend(event.framework)
        where = f"calls {step.via}(), which " if step.via else ""
        if event.restores is not None:
            return (f"logout {where}puts the old session back after clearing it, so the session stays "
                    f"alive; {backend.invalidate_fix} and keep nothing of it ({backend.label})")
        method = session_method(event)
        call = f"{ast.unparse(event.session) if event.session is not None else 'session'}.{method}()"
        return (f"logout {where}calls {call}, which {backend.possessive} session does not have: it raises "
                f"AttributeError (or does nothing when caught) and the session stays alive; "
                f"{backend.invalidate_fix} ({backend.label})")

    def _partial_message(self, step, lifecycle, server_side):
        event = step.event
        where = f"calls {step.via}(), which " if step.via else ""
        if event.kind == COOKIE_DELETE:
            backend = server_side
            if _own_credential_cookie(event.key, lifecycle):
                # A cookie the app sets itself with who the user is (pygoat's `userid`), or a token:
                # deleting it revokes nothing; the session it stood in for is where logout can end,
                # or, for a token (ReactDjango-ERP's `refreshToken`), a deny-list on the server.
                fix = f"keep the sign-in in the session and end it at logout: {backend.invalidate_fix}"
                if event.mechanism in (LOGIN_COOKIE, COMPUTED_NAME) or sid.credential_kind(event.key) is not None:
                    fix = f"revoke the token on the server at logout (a deny-list), or {fix}"
                return _stays_valid(where, event.key, fix, backend.label,
                                    computed=event.mechanism in (LOGIN_COOKIE, COMPUTED_NAME))
            if not backend.server_side:
                return (f"logout {where}only deletes the session cookie and never ends the session; "
                        f"{backend.invalidate_fix} ({backend.label})")
            return (f"logout {where}deletes the session cookie but the server-side session "
                    f"survives; {backend.invalidate_fix} ({backend.label})")
        backend = lifecycle.backend(event.framework)
        statement = event.node
        if statement.__class__ in (ast.Assign, ast.AnnAssign):
            what = f"sets {event.key!r} instead of ending the session"
        else:
            what = f"removes only {event.key!r} and leaves the session alive"
        return f"logout {where}{what}; {backend.invalidate_fix} ({backend.label})"


def _credential_cookie_only(steps, backend, lifecycle, function):
    """The deletion of a credential cookie the app sets itself (an auth
    token, a JWT: `access_token`) in an app that uses no framework session
    (frigate's JWT cookie), in a logout that revokes nothing: that cookie
    is the session, and its stateless token stays valid (RULES.md Revision
    2, "A logout that only deletes the session cookie is SFX102 in every
    framework"). None when a call of the logout may revoke it on the
    server (`token_store.destroy_token(...)`, `revoke(jti)`): fixlint
    cannot tell what such a call ends, and stays quiet. Under a session
    backend, _first_partial decides (a server-side one: any session or
    auth cookie; a signed-cookie one: its own cookie only). A token
    library's own cookies (`unset_jwt_cookies(response)`, Pyramid's
    `forget(request)` expiring the auth ticket) are that library's sign-in
    whatever backend the session runs on, in a logout that acts on no
    session."""
    unset = next((s for s in steps if s.kind == COOKIE_DELETE and s.event.library is not None), None)
    if unset is not None and not any(
            s.event.framework is not None and s.event.framework is not fw.HAND_ROLLED and not _flashes(s, lifecycle)
            for s in steps):
        return None if _may_revoke(function, unset.site) else unset
    if backend is not None and backend.server_side:
        return None
    if backend is not None:
        # A signed-cookie session beside it (an SSO library's state: lnbits, mealie) is not the
        # sign-in: a token cookie the app mints itself still is, and the logout touches no session.
        if any(s.event.framework is not None and s.event.framework is not fw.HAND_ROLLED
               and not _flashes(s, lifecycle) for s in steps):
            return None
        deleted = next((s for s in steps if s.kind == COOKIE_DELETE and s.event.key is not None and (
            s.event.mechanism == LOGIN_COOKIE or (
                s.event.mechanism != COMPUTED_NAME and not lifecycle.is_session_cookie(s.event.key)
                and sid.credential_kind(s.event.key) is not None
                and _own_credential_cookie(s.event.key, lifecycle)))), None)
    else:
        # No framework session: a cookie named for a session id is the app's own
        # too (a token it mints, or the key of a store fixlint does not see).
        deleted = next((s for s in steps if s.kind == COOKIE_DELETE and (
            _own_credential_cookie(s.event.key, lifecycle) or _computed_credential(s.event)
            or (s.event.key is not None and s.event.mechanism != COMPUTED_NAME and _names_session_id(s.event.key)))),
            None)
    if deleted is None or _may_revoke(function, deleted.site):
        return None
    return deleted


def _flashes(step, lifecycle):
    """A step that writes a message into the session (`flash("You are
    logged out")`: the framework's `session_writers`), which is no sign-in
    the logout works with."""
    node = step.event.node
    return (step.kind == TOUCH and node.__class__ is ast.Call
            and lifecycle.ctx.qualname(node.func) in step.event.framework.session_writers)


# Words of a computed cookie name that mark a token of the app's own, never
# the session backend's cookie (Simple JWT's `settings.SIMPLE_JWT["AUTH_COOKIE"]`,
# dj-rest-auth's `JWT_AUTH_COOKIE`); not `auth` alone (frigate's
# `auth_config.cookie_name` beside a session backend may name its cookie).
_TOKEN_NAME_WORDS = frozenset(("jwt", "token", "access", "refresh", "bearer"))
_SESSION_NAME_WORDS = frozenset(("session", "sess", "sid", "sessionid"))


def _computed_token(event):
    """A credential cookie named by an expression whose words say it holds
    a token (`settings.SIMPLE_JWT["AUTH_COOKIE"]`, also through a module
    constant set to it), not the session: deleting it alone leaves the
    token valid beside any session backend (WFM-System's logout)."""
    if event.mechanism != COMPUTED_NAME or event.key is None:
        return False
    words = set(fw.words(event.key))
    return not words.isdisjoint(_TOKEN_NAME_WORDS) and words.isdisjoint(_SESSION_NAME_WORDS)


def _computed_credential(event):
    """A credential cookie named by an expression fixlint cannot read
    (frigate's `auth_config.cookie_name`: lifecycle.computed_cookie_name),
    not named for a session id; or one the module's login sets to a
    credential under the same expression (PyRecipe's
    `current_app.config["COOKIE_NAME"]`: LOGIN_COOKIE)."""
    return event.mechanism == LOGIN_COOKIE or (event.mechanism == COMPUTED_NAME and not _names_session_id(event.key))


def _request_side(where, cookie, fix, label):
    """SFX102's message for a logout that removes its credential cookie
    from the request's cookies only (`del request.cookies["token"]`)."""
    return (f"logout {where}only removes cookie {cookie!r} from the request's cookies, which deletes nothing in "
            f"the browser: the cookie is sent again and its value stays valid; delete it on the response "
            f"(delete_cookie) and {fix} ({label})")


def _stays_valid(where, cookie, fix, label, computed=False):
    """SFX102's message for a logout that only deletes a credential cookie
    of the app's own (`where`: "calls helper(), which "; `computed`: the
    cookie is named by the expression `cookie`)."""
    if isinstance(cookie, list):  # several cookies one library call deletes
        return (f"logout {where}only deletes cookies {' and '.join(repr(c) for c in cookie)}, whose values stay "
                f"valid: the server ends nothing, so a copy of either cookie still signs in; {fix} ({label})")
    what = f"the cookie {cookie} names" if computed else f"cookie {cookie!r}"
    return (f"logout {where}only deletes {what}, whose value stays valid: the server ends nothing, "
            f"so a copy of the cookie still signs in; {fix} ({label})")


def _own_credential_cookie(name, lifecycle):
    """A credential cookie the app sets itself (`userid`, `access_token`):
    a deleted cookie with a known name that is neither the session's own
    cookie nor named for a session id."""
    return name is not None and (lifecycle.own_cookie_by_default_name(name) or (
        not lifecycle.is_session_cookie(name) and not _names_session_id(name)))


def _may_revoke(function, deletion):
    """Whether a call in the logout (outside the cookie calls, and the
    `deletion` itself: a helper that deletes the cookie,
    `delete_secure_cookie(resp)`) is named for ending something on the
    server: `destroy_token`, `revoke`, `delete()`, or a method of a store
    named so (`blocklist.add(jti)`); or reads the token's id (`jti`), which
    a logout has no use for but to revoke it. Only the body counts: the
    route decorator of a DELETE handler (`@app.delete("/logout")`) ends
    nothing. A callable the handler is given whose type is named so
    (`interactor: FromDishka[DeleteSessionInteractor]`, then
    `interactor(token)`) counts as named so."""
    injected = _revoking_parameters(function)
    for statement in function.body:
        for node in ast.walk(statement):
            cls = node.__class__
            if cls is ast.Call and node is not deletion:
                func = node.func
                name = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
                if (fw.ends_on_server(node, name) and not _built_for_a_method(function, node)) or (
                        name == "get_jti" or name in injected) or (
                        func.__class__ is ast.Attribute and func.value.__class__ is ast.Name
                        and not auth.REVOKE_WORDS.isdisjoint(fw.words(func.value.id))):
                    return True
            elif cls is ast.Constant and node.value == "jti":
                return True
    return False


def _built_for_a_method(function, call):
    """`LogoutController()` in `LogoutController().handle_request()`: an
    object of a class built to call its method, whose name says what the
    call does, not the class's. Asked only of a call named for revoking."""
    func = call.func
    if func.__class__ is not ast.Name or not fw.is_class_name(func.id):
        return False
    return any(node.__class__ is ast.Attribute and node.value is call for node in ast.walk(function))


def _revoking_parameters(function):
    """The parameters of `function` whose annotation names a type named for
    ending something (`FromDishka[DeleteSessionInteractor]`,
    `Annotated[RevokeToken, Depends()]`)."""
    found = set()
    args = function.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.annotation is None:
            continue
        for node in ast.walk(arg.annotation):
            name = node.id if node.__class__ is ast.Name else getattr(node, "attr", None)
            if name and name[:1].isupper() and fw.names_revocation(name):
                found.add(arg.arg)
                break
    return found


def _names_session_id(name):
    """A cookie named for a session id (`PHPSESSID`, `sess_id`, `sid`): a
    store's key, whose record a deleted cookie leaves behind; not a
    credential the app keeps in a cookie of its own (`userid`,
    `auth_token`), which only a server-side backend's logout is judged by."""
    return "sess" in name.lower() or "sid" in fw.words(name)


class KeptCookie:
    """The signed identity cookie (Tornado's login) a logout handler never
    deletes: what `alive` yields as the step of such a finding."""

    def __init__(self, framework, name):
        self.framework = framework
        self.name = name

    @property
    def code(self):
        computed = self.name.__class__ is ComputedName
        return self.framework.identity_cookie_clear.format(name=self.name if computed else f'"{self.name}"')

    def message(self):
        revoke = self.framework.identity_cookie_revoke
        also = f", and {revoke}: a deleted copy stays valid" if revoke else ""
        cookie = f"named by {self.name}" if self.name.__class__ is ComputedName else repr(self.name)
        return (f"logout never deletes the signed user cookie {cookie}: the browser stays signed in "
                f"until it expires; call {self.code}{also} ({self.framework.label})")


class DeletedCookie:
    """The signed identity cookie (Tornado's login) that is all a logout
    handler deletes: its value stays valid until it expires. What `alive`
    yields as the step of such a finding; `site` is the deletion, or the
    `self.<via>()` call that leads to it."""

    def __init__(self, framework, name, site, via):
        self.framework = framework
        self.name = name
        self.site = site
        self.via = via

    def message(self):
        where = f"calls {self.via}(), which " if self.via else ""
        return _stays_valid(where, self.name, self.framework.identity_cookie_revoke, self.framework.label,
                            computed=self.name.__class__ is ComputedName)


def _library_logout(path):
    """A project's own copy of a library's logout call (calibre-web vendors
    Flask-Login's `logout_user()`: lifecycle.library_logout): calls to it
    count as invalidation where they are made (lifecycle._project_helper,
    lifecycle_paths._flatten), so its body is not an application's logout."""
    return library_logout(path.function.name, {s.event.key for s in path.steps if s.kind == REMOVE}) is not None


def _ends(lifecycle, step):
    """Whether the step ends the session: an invalidation the backend
    really has, or a call fixlint trusts by its name."""
    return step.kind == DELEGATE or (step.kind == INVALIDATE and lifecycle.missing(step.event) is None)


def _lookalike(lifecycle, steps, undone):
    """The first step that looks like it ends the session and does not: a
    session method the backend lacks (`session.invalidate()` on Flask), or
    the write that puts the old session back after a clear()."""
    for step in steps:
        if step.kind in (REGEN, INVALIDATE) and lifecycle.missing(step.event) is not None:
            return step
    return next(iter(undone.values()), None)


def _removed_and_regenerated(steps, lifecycle):
    """The logout removes the identity (an identity key, or a key it cannot
    name: `f"customer_auth_id:{shop}"`) and regenerates the session (Django
    `cycle_key()`, Flask-Session `regenerate`, starsessions), in either
    order: the old id is worthless and the new one holds no identity, while
    data kept on purpose (a cart) survives. Removing a key known to be no
    identity (`next`) does not count: the identity would move along."""
    removed = any(s.kind == REMOVE or (s.kind == TOUCH and s.event.access == DELETE and s.event.key is None)
                  for s in steps)
    return removed and any(_regenerates(s, lifecycle) for s in steps)


def _regenerates(step, lifecycle):
    """A regeneration fixlint saw done (cycle_key(), regenerate...), not one
    it trusts by a callee's name alone nor a method the backend lacks."""
    return step.kind == REGEN and step.event.mechanism != "named" and lifecycle.missing(step.event) is None


def _first_partial(steps, backend, is_session_cookie):
    """The first step that removes part of the session: an identity key, a
    flag, or the cookie — any session or auth cookie under a server-side
    backend, the session cookie itself under a signed-cookie one; not a
    token library's own cookies (`unset_jwt_cookies(response)`, Pyramid's
    `forget(request)`: judged as a cookie-only logout when nothing else
    acts on the session)."""
    # A token cookie named by a computed expression (`settings.SIMPLE_JWT["AUTH_COOKIE"]`) is the
    # sign-in of a logout that acts on no session; beside one, the session may be (6a5de4c).
    sessionless = not any(s.event.framework not in (None, fw.HAND_ROLLED) for s in steps)
    for step in steps:
        kind = step.kind
        framework = step.event.framework
        if kind == REMOVE or (kind == BIND and not (framework is not None and framework.bind_not_partial_in_logout)):
            return step
        if kind == COOKIE_DELETE and backend is not None and (step.event.mechanism != COMPUTED_NAME or (
                backend.server_side and sessionless and _computed_token(step.event))) and (
                step.event.library is None):
            if backend.server_side or is_session_cookie(step.event.key):
                return step
    return None


def _unnamed_removal(path, steps, lifecycle):
    """In a logout a request reaches (a routed function or a view), the
    first removal of a key that is neither an identity key by name nor
    anything else (`next`, `oauth_state`, `cart`: auth.NOT_IDENTITY_WORDS;
    `theme`: the non-sensitive names): `request.session.pop("numero_salud")`,
    `session["valido"] = 0`. What a logout takes away from the session is
    who is signed in, whatever the app calls it; the rest of the session
    stays alive. A helper or hook named for logout (pgAdmin's module
    callback `on_logout(self)`) is not the logout: it tidies its own keys
    beside one that ends the session elsewhere."""
    if path.handler is None or path.handler.kind not in (ROUTE, VIEW):
        return None
    config = lifecycle.ctx.config
    for step in steps:
        event = step.event
        if step.kind != TOUCH or event.key is None or event.framework in (None, fw.HAND_ROLLED):
            continue
        if event.access == WRITE:
            statement = event.node
            if statement.__class__ not in (ast.Assign, ast.AnnAssign) or not binds_nobody(statement.value):
                continue
        elif event.access != DELETE:
            continue
        if not names_something_else(event.key, config):
            return step
    return None


def _keeps_identity(step, lifecycle):
    """A step showing the logout works with the logged-in identity yet keeps
    it: it reads an identity key, or regenerates (the data moves along)."""
    event = step.event
    if event.framework is None or event.framework is fw.HAND_ROLLED:
        return False
    if step.kind == REGEN:
        return _regenerates(step, lifecycle)
    return step.kind == TOUCH and event.key is not None and is_identity_key(event.key)
