"""SFX305 session-cookie-without-host-prefix (opt-in)."""

from ..frameworks import SESSION
from ..quoting import quoted
from . import _cookie_semgrep as sg
from ._cookie_flags import MIDDLEWARE, SETTINGS, CookieAnalysis, option_fix, report_node
from .base import FIX_NONE, OWASP_MISCONFIG, Example, Fix, Rule, SemgrepRule

HOST_PREFIX = "__Host-"
SECURE_PREFIX = "__Secure-"
HOST_NAME_RE = r"""^[rub]?["']__Host-"""
SOME_DOMAIN_RE = r"""^[rub]?["'][^"']"""
NOT_ROOT_PATH_RE = r"""^[rub]?["'](?!/["'])"""


def _rejected_settings():
    """A `__Host-` cookie name in a settings module that, in another
    statement, gives the same cookie a domain, a path other than "/", or
    `..._SECURE = False`."""
    breakers = []
    for prefix in ("SESSION", "REMEMBER"):
        for key, value_re in ((f"{prefix}_COOKIE_DOMAIN", SOME_DOMAIN_RE), (f"{prefix}_COOKIE_PATH", NOT_ROOT_PATH_RE),
                              (f"{prefix}_COOKIE_SECURE", sg.FALSY_RE)):
            breakers.append({"patterns": [
                {"pattern-either": [
                    {"pattern-inside": f"{prefix}_COOKIE_NAME = $NAME\n...\n{key} = $B\n"},
                    {"pattern-inside": f"{key} = $B\n...\n{prefix}_COOKIE_NAME = $NAME\n"},
                ]},
                {"pattern": f"{prefix}_COOKIE_NAME = $NAME"},
                sg.regex("$B", value_re),
            ]})
    return {"patterns": [
        {"pattern-either": breakers},
        sg.regex("$NAME", HOST_NAME_RE),
        {"pattern-not-inside": "def $FUNC(...):\n  ...\n"},
        {"pattern-not-inside": "class $CLS(...):\n  ...\n"},
        *sg.outside_dev_blocks(),
    ]}


def _rejected_middleware(mw):
    """A session middleware (a Middleware of the registry) whose cookie is
    named `__Host-...` but is not Secure (by default or explicitly), or has
    a domain or a path."""
    name, domain, path, option = (mw.options[k] for k in ("name", "domain", "path", "secure"))
    secure = [{"pattern": f"$CALL(..., {option}=False, ...)"}]
    if mw.defaults.get("secure") in (None, False):
        secure.append({"patterns": [{"pattern": "$CALL(...)"}, {"pattern-not": f"$CALL(..., {option}=$S, ...)"}]})
    return {"patterns": [
        *sg.middleware(mw.qualnames),
        {"pattern": f"$CALL(..., {name}=$NAME, ...)"},
        sg.regex("$NAME", HOST_NAME_RE),
        {"pattern-not": "$CALL(..., **$OPTIONS)"},
        {"pattern-either": [
            {"patterns": [{"pattern": f"$CALL(..., {domain}=$D, ...)"}, sg.regex("$D", SOME_DOMAIN_RE)]},
            {"patterns": [{"pattern": f"$CALL(..., {path}=$P, ...)"}, sg.regex("$P", NOT_ROOT_PATH_RE)]},
            *secure,
        ]},
    ]}


def _sets_domain(site):
    domain = site.attribute("domain")
    return domain is not None and domain.known and domain.explicit and bool(domain.value)


def _host_forbidden(site):
    """Why a `__Host-` name cannot fit the cookie, or None: it sets a domain
    (a literal, or a value fixlint cannot read: `cookie_domain=f".{host}"`
    may well be one), or a path other than `/` (a refresh token scoped to
    `/api/auth`). Browsers reject such a `__Host-` cookie; `__Secure-` is
    the prefix it can carry."""
    if _sets_domain(site):
        return "it sets a domain"
    domain = site.attribute("domain")
    if domain is not None and domain.explicit and not domain.known:
        return "it may set a domain"
    path = site.attribute("path")
    if path is not None and path.known and path.explicit and isinstance(path.value, str) and path.value != "/":
        return f"it sets path {path.value!r}"
    return None


class SessionCookieWithoutHostPrefix(Rule):
    """
    ## What it does
    Opt-in. Reports a session cookie whose name does not start with
    `__Host-` (`set_cookie("sessionid", ...)`, `SESSION_COOKIE_NAME`,
    `REMEMBER_COOKIE_NAME`, Flask-JWT-Extended's `JWT_ACCESS_COOKIE_NAME`
    and `JWT_REFRESH_COOKIE_NAME` (`__Secure-` for a refresh cookie scoped
    to its endpoint's `JWT_REFRESH_COOKIE_PATH`), dj-rest-auth's
    `JWT_AUTH_COOKIE`, a `SessionMiddleware` left on its default
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
    A session cookie that sets a `domain` (shared with subdomains; also a
    domain fixlint cannot read, `cookie_domain=f".{host}"`) or a path other
    than `/` (a refresh token scoped to `/api/auth`) cannot carry `__Host-`
    at all — browsers reject it — so the advice there is `__Secure-`, and a
    `__Secure-` name with a domain or such a path is not reported.
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

    semgrep = (
        SemgrepRule(
            message="Session cookie $NAME lacks the __Host- prefix: a sibling subdomain or a plain-HTTP "
                    "attacker can plant or overwrite it; name it \"__Host-...\" (with Secure, path \"/\" "
                    "and no domain)",
            match={"patterns": [
                sg.either("$RESP.$SET($NAME, ...)", "$RESP.$SET(..., key=$NAME, ...)"),
                sg.regex("$NAME", sg.NOT_HOST_PREFIX_RE),
                *sg.NOT_HOST_PREFIXED,
                # With a domain or a narrower path, __Secure- is the strongest prefix a cookie can have.
                {"pattern-not": '$RESP.$SET("=~/^__Secure-/", ..., domain=$D, ...)'},
                {"pattern-not": '$RESP.$SET("=~/^__Secure-/", ..., path="=~/^/./", ...)'},
                sg.SETTERS,
                *sg.NOT_DELETIONS,
                sg.any_response(),
                *sg.session_cookie(),
            ]},
        ),
        SemgrepRule(
            suffix="rejected",
            message="Cookie $NAME breaks the __Host- rules (it needs Secure, path \"/\" and no domain), so "
                    "browsers reject it and the session never sticks; pass secure=True and drop domain=/path=",
            match=sg.broken_host_cookie(),
        ),
        SemgrepRule(
            suffix="settings-rejected",
            message="$NAME is a __Host- cookie name, but the settings give it a domain, a path other than \"/\" "
                    "or no Secure flag, so browsers reject it; drop the domain/path settings and keep Secure",
            match=_rejected_settings(),
            paths={"exclude": sg.dev_module_globs()},
            technology=("django", "flask"),
        ),
        SemgrepRule(
            suffix="middleware-rejected",
            message="SessionMiddleware names its cookie $NAME, but without Secure, or with a domain or a path, "
                    "browsers reject a __Host- cookie; pass https_only=True (Starlette) and drop domain/path",
            match={"pattern-either": [_rejected_middleware(mw) for mw in sg.SHARED_MIDDLEWARE]},
            technology=("starlette", "fastapi"),
        ),
        SemgrepRule(
            suffix="settings",
            message="$KEY = $V lacks the __Host- prefix: a sibling subdomain can plant or overwrite the cookie; "
                    "use a \"__Host-\" name (with the cookie Secure and no domain)",
            match=sg.module_settings(sg.setting_names("name"), sg.NOT_HOST_PREFIX_RE),
            paths={"exclude": sg.dev_module_globs()},
            technology=("django", "flask"),
        ),
        SemgrepRule(
            suffix="config",
            message="$KEY = $V lacks the __Host- prefix: a sibling subdomain can plant or overwrite the cookie; "
                    "use a \"__Host-\" name (with the cookie Secure and no domain)",
            match=sg.config_settings(sg.setting_names("name"), sg.NOT_HOST_PREFIX_RE),
            technology=("flask", "django"),
        ),
        SemgrepRule(
            suffix="middleware",
            message="SessionMiddleware's session cookie is not named with the __Host- prefix; pass "
                    "session_cookie=\"__Host-session\" (Starlette, with https_only=True) or "
                    "cookie_name=\"__Host-session\" (starsessions)",
            match=sg.shared_middleware(
                "name", lambda default: not str(default or "").startswith("__Host-"), sg.NOT_HOST_PREFIX_RE),
            technology=("starlette", "fastapi"),
        ),
    )
    semgrep_parity = (
        "Semgrep checks a `__Host-` cookie's own call only: a `__Host-` name in settings whose domain, "
        "path or Secure flag is set by another key is not checked, and neither are morsels and "
        "hand-written headers. Opt-in here as in flake8: the rules are exported, and the fixture "
        "comparison covers only files that enable SFX305. A session cookie named by the call of a cookie "
        "helper (`set_cookie(resp, \"session_token\", token)`, a function of the module or of another one "
        "that calls `set_cookie()` on the response it is given) is found only by fixlint, at the call, as "
        "is the name a session library's constructor gives its cookie (fastapi-sessions' "
        "`SessionCookie(cookie_name=...)`). Both read Sanic's `add_cookie(..., host_prefix=True)` as a "
        "`__Host-` name."
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
            if name_flag.value.startswith(SECURE_PREFIX) and _host_forbidden(site) is not None:
                continue  # the strongest prefix a cookie with a Domain (or a narrower path) can carry
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
        forbidden = _host_forbidden(site)
        if forbidden is not None:
            # Browsers reject a __Host- cookie with a Domain or another path: __Secure- is the prefix it can have.
            prefix, why = SECURE_PREFIX, f" ({forbidden}, which __Host- forbids)"
        else:
            prefix, why = HOST_PREFIX, ""
        renamed = quoted(prefix + name)
        by_default = site.name_source  # named by an environment read's default: the deployment may rename it
        if site.kind == SETTINGS:
            setting = site.settings["name"]
            if by_default:
                return (f"{setting} = {by_default} (default {quoted(name)}) lacks the {prefix} prefix{why}; "
                        f"make its default {renamed} ({site.label})")
            return (f"{setting} = {quoted(name)} lacks the {prefix} prefix{why}; "
                    f"set {setting} = {renamed} ({site.label})")
        if site.kind == MIDDLEWARE:
            option = site.settings["name"]
            if by_default:
                return (f"{site.subject()} is named by {by_default} (default {quoted(name)}) without the "
                        f"{prefix} prefix{why}; make its default {renamed} ({site.label})")
            return (f"{site.subject()} is named {quoted(name)} without the {prefix} prefix{why}; "
                    f"{option_fix(site, option, renamed)} ({site.label})")
        if site.name and site.name_source:  # TOKEN_COOKIE = os.getenv("TOKEN_COOKIE", "access_token")
            return (f"session cookie {site.name_source} (default {quoted(name)}) lacks the {prefix} prefix{why}; "
                    f"make its default {renamed} ({site.label})")
        return f"session cookie {quoted(name)} lacks the {prefix} prefix{why}; rename it to {renamed} ({site.label})"

    def invalid_message(self, site, problems):
        return (f"cookie {site.name!r} {' and '.join(problems)}, so browsers reject it; a __Host- "
                f"cookie needs Secure, path '/' and no domain ({site.label})")
