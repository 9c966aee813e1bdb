"""SFX304 session-lifetime-too-long."""

from ..engine.values import format_duration
from ..frameworks import SESSION
from . import _cookie_semgrep as sg
from ..analysis.cookies import SESSION_EXPIRY
from ._cookie_flags import APP, HEADER, MIDDLEWARE, MORSEL, SETTINGS, CookieAnalysis, never_set, report_node
from .base import FIX_NONE, OWASP_AUTH, Example, Fix, Rule, SemgrepRule

LIMIT = sg.format_limit()


class SessionLifetimeTooLong(Rule):
    """
    ## What it does
    Reports a session or auth cookie, or a session setting, whose literal
    lifetime is above the limit (30 days by default, `max-session-lifetime`
    to change it): `max_age`/`expires` in `set_cookie`, Django
    `SESSION_COOKIE_AGE` and `request.session.set_expiry(...)`, Flask `PERMANENT_SESSION_LIFETIME` (a `timedelta`
    or seconds), Flask-Login `REMEMBER_COOKIE_DURATION`, Starlette
    `SessionMiddleware(max_age=...)`, starsessions `lifetime=`, and
    `Max-Age` in a hand-written `Set-Cookie` value. Constant arithmetic
    (`60 * 60 * 24 * 400`, `timedelta(weeks=60)`,
    `datetime.now() + timedelta(days=400)`) is folded, and so are the
    numbers a module imports from another module of the project
    (`max_age=MAX_AGE` with `MAX_AGE = 3600 * 24 * 365` in the project's
    `settings.py`). Flask-Login's
    remember-me cookie lasts 365 days unless configured: where
    `login_user(..., remember=...)` is used and no module of the project
    sets `REMEMBER_COOKIE_DURATION`, the `LoginManager(...)` call is
    reported.

    ## Why is this bad?
    A session that lives for months stays usable long after the user walked
    away from the device, and a stolen or fixed session id keeps working for
    just as long. Short lifetimes bound the damage of every other session
    weakness.

    ## Decisions
    Only cookies that carry a session or credential are checked — by name
    (`session`, `sid`, `token`, `auth`, `remember`, ... plus
    `session-cookie-names`) or because their value comes from a token
    generator. A long-lived cookie that carries neither (a cart id, an A/B
    bucket) is not a session and is not reported; preference cookies never
    are. Values that are computed are trusted. Flask-Login's remember-me
    cookie (365 days unless `REMEMBER_COOKIE_DURATION` says otherwise) is
    judged only in a project that builds its Flask app: an extension
    creating the `LoginManager` for a host app (Flask-Security) leaves the
    duration to the host's configuration.
    """

    code = "SFX304"
    name = "session-lifetime-too-long"
    summary = "Session/auth cookie or session setting lives longer than the limit (30 days)"
    cwe = ("CWE-613: Insufficient Session Expiration",)
    owasp = (OWASP_AUTH,)
    security_severity = "4.0"
    uses = (CookieAnalysis,)
    references = (
        ("OWASP Session Management Cheat Sheet: Session Expiration",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration"),
        ("Django settings: SESSION_COOKIE_AGE", "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-age"),
        ("Flask configuration: PERMANENT_SESSION_LIFETIME",
         "https://flask.palletsprojects.com/en/stable/config/#PERMANENT_SESSION_LIFETIME"),
        ("CWE-613", "https://cwe.mitre.org/data/definitions/613.html"),
    )
    fix = Fix(
        FIX_NONE,
        "The right lifetime is a product "
        "decision — how long a user stays signed in, whether \"remember me\" exists — and shortening "
        "it signs users out sooner than they expect; fixlint cannot choose the number.",
        "the lifetime is a product decision, and shortening it signs users out",
    )
    invalid = (
        Example(
            """
            SESSION_COOKIE_AGE = 60 * 60 * 24 * 365
            """,
            expect=((1, 1),),
            filename="mysite/settings.py",
            title="a year-long Django session",
        ),
        Example(
            """
            from datetime import timedelta
            from flask import Flask

            app = Flask(__name__)
            app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=90)
            """,
            expect=((5, 1),),
            title="Flask permanent session of 90 days",
        ),
    )
    valid = (
        Example(
            """
            from datetime import timedelta
            from flask import Flask, make_response

            app = Flask(__name__)
            app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=7)

            @app.get("/prefs")
            def prefs():
                resp = make_response("ok")
                resp.set_cookie("theme", "dark", max_age=60 * 60 * 24 * 365)
                return resp
            """,
            title="a week-long session; a year-long theme cookie is not a session",
        ),
    )

    semgrep = (
        SemgrepRule(
            message=f"Session/auth cookie lives longer than {LIMIT}: a stolen or fixed session stays usable "
                    f"that long; pass a shorter max_age/expires to $SET()",
            match={"patterns": [
                {"pattern-either": [
                    sg.lifetime_above(sg.either(
                        "$RESP.$SET(..., max_age=$V, ...)",
                        "$RESP.$SET(..., expires=$V, ...)",
                        "$RESP.$SET($KEY, $VALUE, $V, ...)",
                    )),
                    *sg.scaled_lifetimes(),
                ]},
                sg.SETTERS,
                *sg.NOT_DELETIONS,
                sg.any_response(),
                *sg.session_cookie(),
            ]},
        ),
        SemgrepRule(
            suffix="settings",
            message=f"$KEY keeps the session alive longer than {LIMIT}; lower $KEY",
            match=sg.module_settings(sg.setting_names("lifetime"), lifetime=True),
            paths={"exclude": sg.dev_module_globs()},
            technology=("django", "flask"),
        ),
        SemgrepRule(
            suffix="config",
            message=f"$KEY keeps the session alive longer than {LIMIT}; lower $KEY",
            match=sg.config_settings(sg.setting_names("lifetime"), lifetime=True),
            technology=("flask", "django"),
        ),
        SemgrepRule(
            suffix="set-expiry",
            message=f"$R's session set_expiry() keeps the session alive longer than {LIMIT}; pass a shorter expiry",
            match=sg.session_expiries(),
            technology=("django",),
        ),
        SemgrepRule(
            suffix="middleware",
            message=f"SessionMiddleware keeps the session cookie alive longer than {LIMIT}; pass a shorter "
                    f"max_age= (Starlette) or lifetime= (starsessions)",
            match=sg.shared_middleware("lifetime", lambda default: False, lifetime=True),
            technology=("starlette", "fastapi"),
        ),
        *(SemgrepRule(**fields) for fields in sg.factory_rules(
            "lifetime", "{call}() keeps {subject} alive longer than " + LIMIT.replace("{", "{{"),
            "pass a shorter {option}=", lambda default: False, lifetime=True,
        ).values()),
        sg.session_config_rule(
            "lifetime",
            f"$MW keeps the session cookie alive longer than {LIMIT}; pass a shorter max_age=",
            lifetime=True,
        ),
        sg.cookie_object_rule(
            "lifetime",
            f"$CK(...) builds a session/auth cookie that lives longer than {LIMIT}; pass a shorter max_age=",
            lifetime=True, skip_names=(sg.PREFERENCE,),
        ),
        SemgrepRule(
            suffix="morsel",
            message=f"http.cookies morsel $N lives longer than {LIMIT}; shorten its max-age",
            match=sg.morsel_with("max-age", lifetime=True, names=sg.SESSION_NAME),
        ),
        SemgrepRule(
            suffix="header",
            message=f"Set-Cookie header gives a session cookie a Max-Age above {LIMIT}; shorten Max-Age",
            match=sg.set_cookie_header(sg.header_max_age_above(), names=sg.SESSION_NAME),
        ),
    )
    semgrep_parity = (
        f"The limit is fixed at the default ({LIMIT}) in the exported rules: Semgrep rules take no "
        "options, so a `max-session-lifetime` setting does not reach them. A `timedelta` counts by its "
        "largest single argument (`timedelta(days=20, hours=300)` is missed), and a session cookie is "
        "recognised by its literal name, a `*COOKIE_NAME` setting, or a token-generator value in the call. "
        "Flask-Login's remember-me cookie left at its 365-day default (no module of the project sets "
        "`REMEMBER_COOKIE_DURATION` while `login_user(..., remember=...)` is used) is found only by "
        "fixlint's project model, at the `LoginManager(...)` call. So is a lifetime a call gives a cookie "
        "helper (`set_cookie(resp, \"anon_token\", value, 365)`, whose `max_age = days_expire * 24 * 60 * 60`), "
        "of the module or of another one: fixlint folds the helper's arithmetic with the call's argument and "
        "reports at the call."
    )

    def check(self, ctx, facts):
        limit = ctx.config.max_session_lifetime
        for site in facts[CookieAnalysis].sites:
            if site.sensitivity != SESSION:
                continue
            flag = site.flags.get("lifetime")
            if flag is None or not flag.known or not isinstance(flag.value, (int, float)):
                continue
            if not flag.explicit and "lifetime" not in site.missing_counts:
                continue
            if flag.value <= limit:
                continue
            yield self.finding(report_node(site, flag), self.message(site, flag, limit))

    def message(self, site, flag, limit):
        life = format_duration(flag.value)
        cap = format_duration(limit)
        subject = site.subject()
        if site.kind == APP:
            opening, setting, place = never_set(site, "lifetime", life)
            return (f"{opening}, above the limit of {cap}: {subject} lives that long; "
                    f"set a shorter {setting} {place} ({site.label})")
        if site.kind == SETTINGS:
            setting = site.settings["lifetime"]
            return (f"{setting} keeps {subject} alive for {life}, above the limit of {cap}; "
                    f"lower {setting} ({site.label})")
        if site.kind == MIDDLEWARE:
            option = site.settings["lifetime"]
            if site.config_dict:
                return (f'{subject} lives {life}, above the limit of {cap}; set a shorter "{option}" '
                        f"({site.label})")
            return (f"{subject} lives {life}, above the limit of {cap}; pass a shorter "
                    f"{option}= ({site.label})")
        if site.kind == SESSION_EXPIRY:
            return (f"{site.method}() keeps {subject} alive for {life}, above the limit of {cap}; "
                    f"pass a shorter {site.lifetime_via or 'expiry'} to {site.method}() ({site.label})")
        if site.kind == HEADER:
            return f"{subject} has Max-Age of {life}, above the limit of {cap}; shorten Max-Age"
        if site.kind == MORSEL:
            return f"{subject} lives {life}, above the limit of {cap}; shorten its max-age (http.cookies)"
        if site.via is not None:  # through a cookie helper of the module: the call gives the lifetime
            option = site.lifetime_via or "lifetime"
            return (f"{subject}, set through {site.via}(), lives {life}, above the limit of {cap}; pass a "
                    f"shorter {option} to {site.via}() ({site.label})")
        return (f"{subject} lives {life}, above the limit of {cap}; pass a shorter max_age/expires "
                f"to {site.method}() ({site.label})")
