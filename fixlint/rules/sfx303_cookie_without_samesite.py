"""SFX303 cookie-without-samesite."""

from ..frameworks import PREFERENCE
from . import _cookie_semgrep as sg
from ._cookie_flags import (
    APP, HEADER, MIDDLEWARE, MORSEL, SETTINGS, CookieAnalysis, flag_fix, flagged, morsel_ref, never_set, option_fix,
    stated,
)
from .base import FIX_MIXED, OWASP_MISCONFIG, Example, Fix, Rule, SemgrepRule

_LAX = '"Lax"'  # the value a message says to set, as written
_LOWER_LAX = '"lax"'  # as a middleware's option spells it (Starlette's same_site="lax")


def _weak(value):
    if value is None or value is False:
        return True
    return isinstance(value, str) and value.strip().lower() in ("none", "")


class CookieWithoutSamesite(Rule):
    """
    ## What it does
    Reports a cookie sent on cross-site requests: `set_cookie` without a
    SameSite value where the framework has no default (Flask/Werkzeug and
    Django), or with `samesite=None`/`"None"` anywhere (Starlette's default
    `"lax"` makes a missing argument fine there);
    `SESSION_COOKIE_SAMESITE`/`REMEMBER_COOKIE_SAMESITE = None`, and
    dj-rest-auth's `"JWT_AUTH_SAMESITE": None` (or `JWT_AUTH_SAMESITE = None`)
    for its JWT cookie; a Flask app
    whose project never gives `SESSION_COOKIE_SAMESITE` (Flask's default is
    None; Flask-Talisman given the app sets "Lax" unless told
    `session_cookie_samesite=None`), reported at the `Flask(...)` call, and Flask-Login's
    `LoginManager(...)` when `login_user(..., remember=...)` is used and no
    module sets `REMEMBER_COOKIE_SAMESITE`, as for SFX302; Starlette's
    `SessionMiddleware(same_site="none")`, starsessions'
    `cookie_same_site="none"`; morsels and `Set-Cookie` values without
    `SameSite` or with `SameSite=None`.

    ## Why is this bad?
    A cookie without SameSite protection rides along on requests that other
    sites trigger: forms that post to your login endpoint (login CSRF, the
    classic way to plant an attacker's session), or state-changing requests
    made with the victim's session.

    ## Decisions
    Framework defaults decide what "missing" means: Starlette and
    starsessions default to Lax, Werkzeug and Django's `set_cookie` default
    to no SameSite, Django's `SESSION_COOKIE_SAMESITE` defaults to Lax.
    Non-sensitive cookies, deletions and cookies whose value is a literal
    yes/no word (`"true"`, `True`: no credential to ride on a cross-site
    request) are skipped (as for SFX301); computed values are trusted.
    A project's cookie helper that takes the flag from a parameter
    (`def add_session(resp, data, samesite=None)`) is judged at each call, with
    the value the call passes or the parameter's literal default. Settings are
    findings only when a literal says `None`. Flask-Login's remember-me
    cookie is judged only in a project that builds its Flask app: an
    extension creating the `LoginManager` for a host app (Flask-Security)
    leaves `REMEMBER_COOKIE_SAMESITE` to the host's configuration.
    """

    code = "SFX303"
    name = "cookie-without-samesite"
    summary = "Cookie without SameSite (or SameSite=None) rides on cross-site requests"
    cwe = ("CWE-1275: Sensitive Cookie with Improper SameSite Attribute",)
    owasp = (OWASP_MISCONFIG,)
    security_severity = "4.3"
    uses = (CookieAnalysis,)
    flag = "samesite"  # the cookie attribute judged
    references = (
        ("OWASP Session Management Cheat Sheet: SameSite attribute",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#samesite-attribute"),
        ("MDN: Set-Cookie SameSite", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value"),
        ("CWE-1275", "https://cwe.mitre.org/data/definitions/1275.html"),
    )
    fix = Fix(
        FIX_MIXED,
        "Adds `samesite=\"Lax\"` to `set_cookie`/`set_signed_cookie` where the "
        "framework has no default; replaces a literal `None`/`\"None\"` with `\"Lax\"` (`\"lax\"` for "
        "Starlette and starsessions) in arguments and settings (`SESSION_COOKIE_SAMESITE`, "
        "`REMEMBER_COOKIE_SAMESITE`, `same_site=`, `cookie_same_site=`); sets a missing "
        "`[\"samesite\"]` on a morsel; appends `; SameSite=Lax` to a literal `Set-Cookie` value or "
        "rewrites its `SameSite=None`. An existing `\"Strict\"` is never reported, so never downgraded. "
        "Safe: Lax is what Chrome already assumes for a cookie without SameSite, and a session cookie "
        "has no business on cross-site subrequests. Unsafe (only with `--unsafe-fixes`): replacing an "
        "explicit `None` on a cookie that is not a session cookie (an embed or widget cookie that must "
        "travel cross-site). A session flow that needs the cookie on a cross-site POST (an OAuth "
        "`form_post` callback, a payment provider posting back) breaks under Lax: keep that cookie's "
        "`None` with `# noqa: SFX303`.",
        'samesite="Lax" / literal None -> "Lax"; unsafe: an explicit None on a cookie that is not a session cookie',
        family="cookies",
    )
    invalid = (
        Example(
            """
            from flask import make_response

            def set_session(token):
                resp = make_response("ok")
                resp.set_cookie("sid", token, secure=True, httponly=True)
                return resp
            """,
            expect=((5, 5),),
            title="Werkzeug has no SameSite default",
        ),
        Example(
            """
            from fastapi import Response

            def set_session(response: Response, token: str):
                response.set_cookie("sid", token, secure=True, httponly=True, samesite="none")
            """,
            expect=((4, 5),),
            title="explicit SameSite=None on Starlette",
        ),
    )
    valid = (
        Example(
            """
            from fastapi import Response

            def set_session(response: Response, token: str):
                response.set_cookie("sid", token, secure=True, httponly=True)
            """,
            title="Starlette defaults to samesite='lax'",
        ),
    )

    semgrep = sg.flag_rules(sg.FlagRules(
        flag="samesite",
        good='"Lax"',
        weak_re=sg.NO_SAMESITE_RE,
        weak=sg.NO_SAMESITE,
        skip=(sg.PREFERENCE,),
        responses=sg.no_samesite_default_response(),
        technology=("flask", "django"),
        header_good=sg.GOOD_SAMESITE,
        messages={
            "": "Cookie set without SameSite on a Flask/Werkzeug or Django response (neither has a "
                "default): it rides along on cross-site requests; pass samesite=\"Lax\" to $SET()",
            "value": "Cookie set with samesite=$V: it rides along on cross-site requests; pass samesite=\"Lax\"",
            "constant": "Cookie set with samesite=$V, a variable holding a weak constant; pass samesite=\"Lax\"",
            "settings": "$KEY = $V sends the cookie on cross-site requests; set $KEY = \"Lax\"",
            "config": "$KEY = $V sends the cookie on cross-site requests; set $KEY = \"Lax\"",
            "session-config": "$MW configures the session cookie without SameSite (its default) or with "
                              'SameSite None: it rides on cross-site requests; pass samesite="lax"',
            "morsel": 'http.cookies morsel $N is output without SameSite; set $C[$N]["samesite"] = "Lax" before output',
            "header": "Set-Cookie header lacks SameSite (or says None): the cookie rides along on cross-site "
                      "requests; add '; SameSite=Lax' to the value",
        },
        extra={
            "middleware": SemgrepRule(
                suffix="middleware",
                message="SessionMiddleware is configured with SameSite=None: the session cookie rides along on "
                        "cross-site requests; pass same_site=\"lax\" (Starlette) or cookie_same_site=\"lax\" "
                        "(starsessions), the defaults",
                match=sg.shared_middleware(
                    "samesite", lambda default: default is None or str(default).lower() == "none", sg.NO_SAMESITE_RE),
                technology=("starlette", "fastapi"),
            ),
        },
    ))
    semgrep_parity = (
        "A missing `samesite` is reported only where the response is known to be Flask/Werkzeug or "
        "Django (by its factory or annotation, or by name in a file that imports Flask or Django and no "
        "Starlette/FastAPI module), because Starlette's default is Lax; fixlint also decides it for "
        "responses built elsewhere in the file. Semgrep reads one file: a Flask app or `LoginManager` "
        "never given `SESSION_COOKIE_SAMESITE`/`REMEMBER_COOKIE_SAMESITE` in any module of the project is "
        "found only by fixlint's project model."
    )

    def sites(self, facts):
        """(site, flag, report node) for every finding; the fixer reads them too."""
        return flagged(facts, self.flag, _weak, skip=(PREFERENCE,))

    def check(self, ctx, facts):
        for site, flag, node in self.sites(facts):
            yield self.finding(node, self.message(site, flag))

    def message(self, site, flag):
        subject = site.subject()
        if site.kind == APP:
            opening, setting, place = never_set(site, "samesite", "None")
            return (f"{opening}, so {subject} rides on cross-site requests; "
                    f'set {setting} = "Lax" {place} ({site.label})')
        if site.kind == SETTINGS:
            setting = site.settings["samesite"]
            return (f"{setting} = {flag.value!r} sends {subject} on cross-site requests; "
                    f'set {setting} = "Lax" ({site.label})')
        if site.kind == MIDDLEWARE:
            option = site.settings["samesite"]
            if not flag.explicit:  # aiohttp-session's storages default to no SameSite
                return (f"{subject} is sent without SameSite ({option} defaults to None); "
                        f"{option_fix(site, option, _LOWER_LAX)} ({site.label})")
            return (f"{stated(site, 'samesite')} sends {subject} on cross-site requests; "
                    f"{option_fix(site, option, _LOWER_LAX)} ({site.label})")
        if site.kind == MORSEL:
            problem = (f'is output with SameSite={flag.value}' if flag.explicit and flag.known and flag.value
                       else "is output without SameSite")
            return (f"{subject} {problem}; "
                    f'set {morsel_ref(site)}["samesite"] = "Lax" before output ({site.label})')
        if site.kind == HEADER:
            if flag.explicit:
                return f"{subject} says SameSite={flag.value}; use '; SameSite=Lax' in the header value"
            return f"{subject} lacks SameSite; add '; SameSite=Lax' to the header value"
        said = stated(site, "samesite")
        problem = f"is set with {said}" if said else "is set without SameSite"
        option = site.settings.get("samesite", "samesite")
        return f"{subject} {problem}; {flag_fix(site, option, _LAX)} ({site.label})"
