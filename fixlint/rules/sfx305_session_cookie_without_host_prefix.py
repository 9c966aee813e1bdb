"""SFX305 session-cookie-without-host-prefix (opt-in)."""

from ..frameworks import SESSION
from ._cookie_flags import MIDDLEWARE, SETTINGS, CookieAnalysis, report_node
from .base import FIX_NONE, OWASP_MISCONFIG, Example, Fix, Rule

HOST_PREFIX = "__Host-"


class SessionCookieWithoutHostPrefix(Rule):
    """
    ## What it does
    Opt-in. Reports a session cookie whose name does not start with
    `__Host-` (`set_cookie("sessionid", ...)`, `SESSION_COOKIE_NAME`,
    `REMEMBER_COOKIE_NAME`, a `SessionMiddleware` left on its default
    cookie name) — and any cookie named `__Host-…` that sets a `domain`, a
    path other than `/`, or no `Secure`: browsers reject such a cookie, so
    the session silently never sticks.

    ## Why is this bad?
    A `__Host-` cookie can only be set by the exact host, over HTTPS, for
    the whole site. Without the prefix, a sibling subdomain (or a
    man-in-the-middle on plain HTTP) can plant or overwrite the session
    cookie — cookie tossing, one of the ways to fix a session.

    ## Decisions
    Off by default: renaming a session cookie logs every user out once and
    breaks subdomain sharing some sites rely on. Enable it with
    `--select SFX` or `--extend-select SFX305` (flake8 and the CLI alike).
    Both checks apply to every cookie site the cookie rules see; a
    settings module that never sets `SESSION_COOKIE_NAME` is not reported
    (the name may be set in another module), a `SessionMiddleware` call is,
    because it is where the cookie's name is configured.
    """

    code = "SFX305"
    name = "session-cookie-without-host-prefix"
    summary = "Session cookie name lacks the __Host- prefix (or breaks its rules)"
    cwe = ("CWE-784: Reliance on Cookies without Validation and Integrity Checking in a Security Decision",)
    owasp = (OWASP_MISCONFIG,)
    default_enabled = False
    level = "note"
    security_severity = "3.1"
    confidence = "MEDIUM"
    likelihood = "LOW"
    impact = "LOW"
    uses = (CookieAnalysis,)
    references = (
        ("MDN: Cookie prefixes", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#cookie_prefixes"),
        ("OWASP Session Management Cheat Sheet: Cookies",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies"),
        ("CWE-784", "https://cwe.mitre.org/data/definitions/784.html"),
    )
    fixes = {
        "Flask": 'app.config["SESSION_COOKIE_NAME"] = "__Host-session" with SESSION_COOKIE_SECURE = True and no SESSION_COOKIE_DOMAIN',
        "Django": 'SESSION_COOKIE_NAME = "__Host-sessionid" with SESSION_COOKIE_SECURE = True, SESSION_COOKIE_PATH = "/"',
        "Starlette/FastAPI": 'SessionMiddleware(..., session_cookie="__Host-session", https_only=True)',
        "starsessions": 'SessionMiddleware(..., cookie_name="__Host-session")',
    }
    fix = Fix(
        FIX_NONE,
        "Renaming the session cookie "
        "to `__Host-…` signs every user out once (their browsers hold the old name) and stops the "
        "cookie from reaching subdomains, which some deployments rely on; repairing an invalid "
        "`__Host-` cookie means dropping its domain or path, which changes which hosts receive it. "
        "Both need a human decision.",
        "renaming the cookie signs every user out and stops subdomain sharing",
    )
    invalid = (
        Example(
            """
            SESSION_COOKIE_NAME = "sessionid"
            SESSION_COOKIE_SECURE = True
            """,
            expect=((1, 1),),
            filename="mysite/settings.py",
            title="session cookie name without the prefix",
        ),
        Example(
            """
            from flask import make_response

            def login_response(token):
                resp = make_response("ok")
                resp.set_cookie("__Host-sid", token, domain="example.com", secure=True, httponly=True, samesite="Lax")
                return resp
            """,
            expect=((5, 5),),
            title="__Host- cookie with a domain: rejected by browsers",
        ),
    )
    valid = (
        Example(
            """
            from flask import make_response

            def login_response(token):
                resp = make_response("ok")
                resp.set_cookie("__Host-sid", token, secure=True, httponly=True, samesite="Lax")
                return resp
            """,
            title="a valid __Host- session cookie",
        ),
    )

    def check(self, ctx, facts):
        for site in facts[CookieAnalysis].sites:
            name_flag = site.flags.get("name")
            name = site.name
            if name is not None and name.startswith(HOST_PREFIX):
                problems = self._host_problems(site)
                if problems:
                    node = report_node(site, name_flag) if name_flag is not None else site.node
                    yield self.finding(node, self.invalid_message(site, problems))
                continue
            if site.sensitivity != SESSION or name_flag is None or not name_flag.known:
                continue
            if not name_flag.explicit and site.kind != MIDDLEWARE:
                continue
            if not isinstance(name_flag.value, str):
                continue
            yield self.finding(report_node(site, name_flag), self.message(site))

    def _host_problems(self, site):
        problems = []
        domain = site.attribute("domain")
        if domain is not None and domain.known and domain.explicit and domain.value:
            problems.append(f"sets domain {domain.value!r}")
        path = site.attribute("path")
        if path is not None and path.known and path.explicit and path.value not in (None, "/"):
            problems.append(f"sets path {path.value!r}")
        secure = site.attribute("secure")
        if secure is not None and secure.known and not secure.value:
            if secure.explicit or "secure" in site.missing_counts:
                problems.append("is not Secure")
        return problems

    def message(self, site):
        name = site.name if site.name else site.flags["name"].value
        if site.kind == SETTINGS:
            setting = site.settings["name"]
            return (f"{setting} = {name!r} lacks the __Host- prefix; "
                    f'set {setting} = "__Host-{name}" ({site.label})')
        if site.kind == MIDDLEWARE:
            option = site.settings["name"]
            return (f"{site.subject()} is named {name!r} without the __Host- prefix; "
                    f'pass {option}="__Host-{name}" ({site.label})')
        return f"session cookie {name!r} lacks the __Host- prefix; rename it to '__Host-{name}' ({site.label})"

    def invalid_message(self, site, problems):
        return (f"cookie {site.name!r} {' and '.join(problems)}, so browsers reject it; a __Host- "
                f"cookie needs Secure, path '/' and no domain ({site.label})")
