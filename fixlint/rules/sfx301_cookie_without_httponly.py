"""SFX301 cookie-without-httponly."""

from ..frameworks import CSRF, PREFERENCE
from . import _cookie_semgrep as sg
from ._cookie_flags import HEADER, MORSEL, SETTINGS, CookieAnalysis, flag_fix, flagged, morsel_ref, stated
from .base import FIX_MIXED, OWASP_MISCONFIG, Example, Fix, Rule


def _weak(value):
    return not value


class CookieWithoutHttponly(Rule):
    """
    ## What it does
    Reports a cookie set without the `HttpOnly` attribute: `set_cookie` or
    `set_signed_cookie` on a Flask/Werkzeug, Django or Starlette/FastAPI
    response without `httponly=True`, `SESSION_COOKIE_HTTPONLY = False` or
    `REMEMBER_COOKIE_HTTPONLY = False` in Django settings or Flask config,
    `"JWT_AUTH_HTTPONLY": False` in dj-rest-auth's `REST_AUTH` settings (where
    `USE_JWT` and `JWT_AUTH_COOKIE` put the token in a cookie), an
    `http.cookies` morsel output without `["httponly"] = True`, and a
    hand-written `Set-Cookie` header value without `HttpOnly`.

    ## Why is this bad?
    Without `HttpOnly`, any script running on the page can read the cookie
    through `document.cookie`. One cross-site-scripting bug is then enough to
    steal the session or token the cookie carries and replay it from the
    attacker's machine.

    ## Decisions
    A `SESSION_COOKIE_HTTPONLY = False` (or SameSite) that an extension
    given the app writes over afterwards is not what runs: Flask-Talisman's
    `init_app(app)` sets `SESSION_COOKIE_HTTPONLY` and
    `SESSION_COOKIE_SAMESITE` from its own options (HttpOnly and "Lax" by
    default), so a weak literal in a config class the factory loads before it
    is silent; one written after the call in the same module still counts.
    Every cookie is checked except non-sensitive ones, deletions and CSRF
    double-submit cookies (`csrftoken`, `csrf_token`, `XSRF-TOKEN`, any name
    containing `csrf`/`xsrf`), which scripts must be able to read.
    Non-sensitive: a name holding, as whole words, an entry of the
    `non-sensitive-names` vocabulary (`theme`, `lang`, `locale`, `tz`,
    `consent`, `preferences`, `prefs`, `dark_mode`, `color_scheme`,
    `currency`, `country`, `sidebar`, `format`, `sort`, ..., and the same
    words in the languages apps are written in: `idioma`, `langue`,
    `sprache`, `lingua`, `bahasa`, `yazyk`, `tema`; where to go back to
    after signing in, `next`, `return_to`, `url` — configurable;
    the same vocabulary marks session keys that bind no identity for
    SFX101/SFX102). A reviewer dismisses a finding on `x-expected-format`
    or a `preferences` dark-mode cookie: neither carries a session or a
    credential. A credential word in the name wins (`theme_token` is
    checked), and a cookie of unknown purpose (`cart_id`, `ab_bucket`) is
    still checked: nothing says it carries nothing. Deletions: a cookie set
    to an empty value (`""`, `None`, no value) or expired at once
    (`max_age=0`, `expires=0`, a past date) is being cleared; there is
    nothing to harden. Test code and `.pyi` stubs are not checked unless
    `include-tests` is set (as for every rule).
    A name held in a class constant and read through `self`
    (`cookie_name = "app_csrftoken"` ... `set_cookie(self.cookie_name, ...)`)
    is that literal name, unless the class assigns the attribute again. A
    cookie whose value is a literal yes/no word (`"true"`, `"false"`, `"yes"`,
    `"no"`, `"on"`, `"off"`, `True`, `False`) carries no credential whatever
    its name (`is_user_authorized = "true"` is a hint the frontend reads) and
    is skipped like a non-sensitive cookie.
    Computed values (`httponly=not DEBUG`, `**cookie_options`) are trusted.
    A project's cookie helper that takes the flag from a parameter
    (`def add_session(resp, data, httponly=False)`) is judged at each call, with
    the value the call passes or the parameter's literal default.
    Settings are findings only when they say `False`: both Django and Flask
    default to HttpOnly session cookies. Starlette's and starsessions'
    `SessionMiddleware` always set HttpOnly.
    """

    code = "SFX301"
    name = "cookie-without-httponly"
    summary = "Cookie set without HttpOnly, readable by page scripts"
    cwe = ("CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag",)
    owasp = (OWASP_MISCONFIG,)
    security_severity = "5.3"
    uses = (CookieAnalysis,)
    flag = "httponly"  # the cookie attribute judged
    references = (
        ("OWASP Session Management Cheat Sheet: HttpOnly attribute",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#httponly-attribute"),
        ("MDN: Set-Cookie HttpOnly", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#httponly"),
        ("CWE-1004", "https://cwe.mitre.org/data/definitions/1004.html"),
    )
    fix = Fix(
        FIX_MIXED,
        "Adds `httponly=True` to `set_cookie`/`set_signed_cookie`, turns a literal "
        "`SESSION_COOKIE_HTTPONLY`/`REMEMBER_COOKIE_HTTPONLY = False` into `True`, sets a missing "
        "`[\"httponly\"] = True` on an `http.cookies` morsel right after it is created, and appends "
        "`; HttpOnly` to a literal `Set-Cookie` value. Safe: HttpOnly only hides the cookie from page "
        "scripts, and CSRF cookies, which scripts must read, are never reported, so never touched. "
        "Unsafe (only with `--unsafe-fixes`): flipping an explicit `httponly=False` on a cookie that is "
        "not a session cookie — that `False` was probably written so that a script can read it. A "
        "value that is not a literal (`httponly=READABLE`) is left for a human.",
        "httponly=True / literal False -> True; unsafe: an explicit httponly=False on a cookie that is not a session cookie",
        family="cookies",
    )
    invalid = (
        Example(
            """
            from flask import Flask, make_response

            app = Flask(__name__)

            @app.post("/login")
            def login():
                resp = make_response("ok")
                resp.set_cookie("session_token", "abc", secure=True, samesite="Lax")
                return resp
            """,
            expect=((8, 5),),
            title="Flask response cookie without httponly",
        ),
        Example(
            """
            SESSION_COOKIE_HTTPONLY = False
            """,
            expect=((1, 1),),
            filename="mysite/settings.py",
            title="Django setting turned off",
        ),
    )
    valid = (
        Example(
            """
            from flask import Flask, make_response

            app = Flask(__name__)

            @app.post("/login")
            def login():
                resp = make_response("ok")
                resp.set_cookie("session_token", "abc", secure=True, httponly=True, samesite="Lax")
                resp.set_cookie("csrftoken", "xyz", secure=True, samesite="Strict")
                resp.set_cookie("theme", "dark")
                return resp
            """,
            title="HttpOnly session cookie; CSRF and preference cookies exempt",
        ),
    )

    semgrep = sg.flag_rules(sg.FlagRules(
        flag="httponly",
        good="True",
        weak_re=sg.FALSY_RE,
        weak=sg.FALSY,
        skip=(sg.PREFERENCE, sg.CSRF),
        messages={
            "": "Cookie set without HttpOnly: any script on the page can read it, so one XSS "
                "steals it; pass httponly=True to $SET()",
            "value": "Cookie set with httponly=$V: any script on the page can read it; pass httponly=True",
            "constant": "Cookie set with httponly=$V, a variable holding a weak constant; pass httponly=True",
            "settings": "$KEY = $V lets page scripts read the session cookie; set $KEY = True (the default)",
            "config": "$KEY = $V lets page scripts read the session cookie; set $KEY = True (the default)",
            "session-config": "$MW configures the session cookie with httponly=$V or without HttpOnly: page "
                              "scripts can read it; pass httponly=True",
            "morsel": 'http.cookies morsel $N is output without HttpOnly; set $C[$N]["httponly"] = True before output',
            "header": "Set-Cookie header lacks HttpOnly: page scripts can read the cookie; add '; HttpOnly' to the value",
        },
    ))
    semgrep_parity = (
        "Semgrep sees one statement at a time: a response is recognised by its factory, its annotation or "
        "its name (`resp`/`response`) in a file that imports a web framework, so a response passed around "
        "under another name is missed, and a hand-written header is checked only when it is a string "
        "literal or f-string in the call itself. A cookie named by a loop's variable that a literal list "
        "narrows to preference names (`if name in USE_COOKIE:`) is silent in fixlint, reported by Semgrep. "
        "Semgrep cannot see Flask-Talisman overwriting a config literal from another module or a later line."
    )

    def sites(self, facts):
        """(site, flag, report node) for every finding; the fixer reads them too."""
        return flagged(facts, self.flag, _weak, skip=(PREFERENCE, CSRF))

    def check(self, ctx, facts):
        for site, flag, node in self.sites(facts):
            yield self.finding(node, self.message(site, flag))

    def message(self, site, flag):
        subject = site.subject()
        if site.kind == SETTINGS:
            setting = site.settings["httponly"]
            return (f"{setting} = {flag.value!r} lets page scripts read {subject}; "
                    f"set {setting} = True ({site.label})")
        if site.kind == MORSEL:
            return (f"{subject} is output without HttpOnly; "
                    f'set {morsel_ref(site)}["httponly"] = True before output ({site.label})')
        if site.kind == HEADER:
            return f"{subject} lacks HttpOnly; add '; HttpOnly' to the header value"
        said = stated(site, "httponly")
        problem = f"is set with {said}" if said else "is set without HttpOnly"
        option = site.settings.get("httponly", "httponly")
        return f"{subject} {problem}; {flag_fix(site, option, 'True')} ({site.label})"
