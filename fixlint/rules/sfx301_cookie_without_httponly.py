"""SFX301 cookie-without-httponly."""

from ..frameworks import CSRF, PREFERENCE
from ._cookie_flags import HEADER, MORSEL, SETTINGS, CookieAnalysis, flagged, morsel_ref, stated
from .base import FIX_MIXED, OWASP_MISCONFIG, Example, Fix, Rule


def _weak(value):
    return not value


class CookieWithoutHttponly(Rule):
    """
    ## What it does
    Reports a cookie set without the `HttpOnly` attribute: `set_cookie` or
    `set_signed_cookie` on a Flask/Werkzeug, Django or Starlette/FastAPI
    response without `httponly=True`, `SESSION_COOKIE_HTTPONLY = False` or
    `REMEMBER_COOKIE_HTTPONLY = False` in Django settings or Flask config, an
    `http.cookies` morsel output without `["httponly"] = True`, and a
    hand-written `Set-Cookie` header value without `HttpOnly`.

    ## Why is this bad?
    Without `HttpOnly`, any script running on the page can read the cookie
    through `document.cookie`. One cross-site-scripting bug is then enough to
    steal the session or token the cookie carries and replay it from the
    attacker's machine.

    ## Decisions
    Every cookie is checked except known preference cookies (`theme`,
    `lang`, `locale`, ... — configurable with `non-sensitive-cookies`) and
    CSRF double-submit cookies (`csrftoken`, `csrf_token`, `XSRF-TOKEN`, any
    name containing `csrf`/`xsrf`), which scripts must be able to read.
    Computed values (`httponly=not DEBUG`, `**cookie_options`) are trusted.
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
    fixes = {
        "Flask": 'resp.set_cookie("sid", value, httponly=True, secure=True, samesite="Lax"); keep SESSION_COOKIE_HTTPONLY = True',
        "Django": "response.set_cookie(..., httponly=True); keep SESSION_COOKIE_HTTPONLY = True",
        "Starlette/FastAPI": "response.set_cookie(..., httponly=True); SessionMiddleware already sets HttpOnly",
        "Flask-Login": "keep REMEMBER_COOKIE_HTTPONLY = True (the default)",
        "http.cookies": 'cookie["sid"]["httponly"] = True before output',
    }
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
                    f'set {morsel_ref(site)}["httponly"] = True before output (http.cookies)')
        if site.kind == HEADER:
            return f"{subject} lacks HttpOnly; add '; HttpOnly' to the header value"
        said = stated(site, "httponly")
        problem = f"is set with {said}" if said else "is set without HttpOnly"
        return f"{subject} {problem}; pass httponly=True to {site.method}() ({site.label})"
