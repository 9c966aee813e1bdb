"""SFX302 cookie-without-secure."""

from .. import frameworks as fw
from ..frameworks import PREFERENCE
from . import _cookie_semgrep as sg
from ._cookie_flags import (
    APP, HEADER, MIDDLEWARE, MORSEL, SETTINGS, CookieAnalysis, flag_fix, flagged, morsel_ref, never_set, option_fix,
    stated,
)
from .base import FIX_MIXED, OWASP_MISCONFIG, Example, Fix, Rule, SemgrepRule


def _weak(value):
    return not value


def _settings_module_twin():
    """The Semgrep twin of a settings module that never sets the session
    cookie's Secure setting its framework requires there (Django's
    SESSION_COOKIE_SECURE), from the adapter with settings modules.
    The variant has one slot: the first such adapter in the registry."""
    framework, setting = next(
        (f, f.setting(name)) for f in fw.SETTINGS_MODULE_FRAMEWORKS for name in f.settings_required
        if f.setting(name) is not None and f.setting(name).flag == "secure" and f.setting(name).cookie == "session"
    )
    name = setting.name
    return SemgrepRule(
        suffix="settings-module",
        message=f"This {framework.label} settings module never sets {name}, whose default is {setting.default}: "
                f"the session cookie travels over plain HTTP; add {name} = True",
        match=sg.standalone_settings_without(name),
        paths={"exclude": sg.dev_module_globs() + sg.base_module_globs()},
        technology=(framework.key,),
        subcategory="audit",
        confidence="MEDIUM",
    )


class CookieWithoutSecure(Rule):
    """
    ## What it does
    Reports a session or auth cookie that can travel over plain HTTP:
    `set_cookie`/`set_signed_cookie` without `secure=True`;
    `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE` or
    `REMEMBER_COOKIE_SECURE` set to `False` in Django settings or Flask
    config; a standalone Django settings module that never sets
    `SESSION_COOKIE_SECURE` (Django's default is `False`; reported at line
    1), or that star-imports a project base module that does not set it
    either (`production.py` on `base.py`); a Flask app whose project never
    gives `SESSION_COOKIE_SECURE` in any readable form (`app.config[...]`,
    `update`, `from_mapping`, a config class loaded with `from_object`,
    Flask-Talisman given the app, which sets it outside debug mode unless
    told `session_cookie_secure=False`), reported at the `Flask(...)` call; Flask-Login's `LoginManager(...)`
    when `login_user(..., remember=...)` is used and no module sets
    `REMEMBER_COOKIE_SECURE`; a `set_cookie` whose `secure=` reads an option the
    project's Django settings give as a literal `False` (`secure=settings.SIMPLE_JWT["AUTH_COOKIE_SECURE"]`
    with `"AUTH_COOKIE_SECURE": False` in the settings or a module they import; not
    when a deployment module built on them overrides it, nor when a settings module
    computes it); dj-rest-auth's JWT cookie turned on in the Django settings (`REST_AUTH =
    {"USE_JWT": True, "JWT_AUTH_COOKIE": "auth"}`) without `"JWT_AUTH_SECURE": True` (its default is
    False; reported at the key naming the cookie) or with it `False`, and the same option as a
    top-level setting (dj-rest-auth before 3.0); Litestar's `CSRFConfig` without `cookie_secure=True`;
    Starlette's `SessionMiddleware` without `https_only=True`;
    starsessions' `SessionMiddleware` with `cookie_https_only=False`; an
    `http.cookies` morsel or `Set-Cookie` header value without `Secure`.

    ## Why is this bad?
    A cookie without `Secure` is sent on any plain-HTTP request to the site —
    a mistyped `http://` link, a downgrade by an attacker on the network, a
    captive portal. Whoever sees that request gets the session.

    ## Decisions
    Non-sensitive cookies (`theme`, `lang`, `preferences`,
    `x-expected-format`, ... — the `non-sensitive-names` vocabulary, as for
    SFX301), deletions (an empty value, `max_age=0`, a past `expires`) and
    cookies whose value is a literal yes/no word (`"true"`, `True`: the same
    for every visitor, no credential to leak over plain HTTP) are skipped.
    Computed values (`secure=not settings.DEBUG`, `os.environ[...]`,
    `**cookie_options`) are trusted. A project's cookie helper that takes the flag from a parameter
    (`def add_session(resp, data, secure=False)`) is judged at each call, with
    the value the call passes or the parameter's literal default.
    Development and test configuration is
    exempt: Flask config classes and Django settings modules named for
    development, local or test use (`DevelopmentConfig`, `settings/dev.py`,
    `local_settings.py`, `settings_test.py`, a CI run's `settings/ci.py`; the
    same words in other languages: `DesenvolvimentoConfig`, `ConfigDesarrollo`) or
    for building the package (`_build_settings.py`: read at build time, never
    served), assignments inside `if DEBUG:`-style blocks (also `if DOMAIN ==
    "localhost":`: served on the developer's machine; `if not DEBUG:` is the
    production branch, judged), and the set-up of a session storage its
    library documents as for tests only (aiohttp-session's unsigned
    `SimpleCookieStorage`, "use it for tests only"; SFX101 still rates the
    sessions it keeps, and this and the other cookie rules judge
    `EncryptedCookieStorage` as usual). A setting given only in such a
    block is not given for production: a settings module whose only
    `SESSION_COOKIE_SECURE` sits in `if ENV == "dev":` is reported at line 1
    (hydroserver), and so is a Flask app configured so. A weak value a shared
    base (or a fragment it star-imports) gives is not reported when every
    deployment module built on it sets the key again (`production.py`: `from
    .base import *`, `CSRF_COOKIE_SECURE = True`). A local the function
    assigns in an `if` and an `else` (`if config.get("secure"): secure =
    "yes"` / `else: secure = None`) is computed, as the same choice written
    with `... if ... else ...` is. django-split-settings' `include("components/common.py", ...)`
    runs the files it names in the module as star imports of them would: the module making the call
    is the settings module judged (line 1), with what the components set, and the components are its
    parts, not settings modules of their own; a glob, a path computed at run time or an
    `optional(...)` file the repository does not hold leaves the settings alone, as a star import
    fixlint cannot follow does. A settings module that star-imports another, or
    is named like a shared base (`base.py`, `common.py`, `defaults.py`, or
    the `__init__.py` of a package so named, `defaults/`), is
    not required to set `SESSION_COOKIE_SECURE` itself: the modules that
    extend it are; so is one, whatever its name (`_base_settings.py`), that
    star-imports nothing and that another project module star-imports —
    unless only test code and development or test settings modules do
    and it gives `ROOT_URLCONF` (it runs the deployment: Tandoor's
    `settings.py`, which `test_settings.py` extends); without
    `ROOT_URLCONF` it is a package's defaults that deployments extend
    outside the repository (Misago). A settings module that star-imports a
    module the project does not have (`try: from .local import *` of a
    gitignored `local.py`, as adhocracy-plus's `production.py` does) is
    configuration fixlint cannot read, as for Flask below: that module may
    set it, and the settings module is left alone; so is one that loads a
    module named at run time into its globals (graphite-web's
    `globals().update(import_module(SETTINGS_MODULE).__dict__)`). A module that does
    nothing but star-import (a settings package's `__init__.py`: `try:
    from .dev import *` / `except ImportError: from .prod import *`) is
    not reported when one module it imports is a deployment's settings
    module judged on its own (not a development or test module, not a
    base by its name, built on the project's modules: linkding's
    `prod.py` on `base.py`): the finding is there, where the line goes;
    one that sets anything of its own, or imports only a base, is judged
    as before. A settings module whose every write of
    `MIDDLEWARE` is literal and names no session middleware (no class
    named with "Session": an API on tokens, saleor) sets no session cookie
    and is not required to set it. A
    settings module whose `MIDDLEWARE` names the project's own subclass of
    Django's `SessionMiddleware` that passes `secure=` (True or computed,
    as pretix's `secure=request.scheme == "https"`) to the cookie it sets is
    not required to set it either: that code decides the flag. Flask-Login's
    remember-me cookie is judged only in a project that builds its Flask
    app: an extension that creates the `LoginManager` for a host app
    (Flask-Security) leaves `REMEMBER_COOKIE_*` to the host's configuration.
    A Flask app is judged with the modules linked to it by
    imports (and by `from_object("config.Config")`); a class picked from
    a mapping of the project's classes (`from_object(config[config_name])`,
    as Flask's tutorials write the app factory) is read as all of them:
    when none sets the setting, whichever the deployment picks leaves the
    default; an app factory's `if config_class is None:
    from_object(Config)` is read as that class. A setting given only as a
    bare name at a config module's top level, beside the class
    `from_object(Config)` loads, is never read: the message says so and
    where to move it (a module loaded itself, `from_object("config")` or
    `from_object(__name__)`, gives its top-level names). It is left alone when
    every object the app loads is named for development
    (`from_object(DevelopmentConfig)`, `config["development"]`: a
    development app), when
    it loads configuration fixlint cannot read (`from_pyfile`,
    `from_envvar`, `from_file`, `from_json`, `from_prefixed_env`, `from_object` of a
    computed value, of a parameter's or an unknown mapping's entry, or of
    a name imported from no module of the project: a gitignored
    `instance/config.py`, an installed package; or of a string naming no
    module of the project: `from_object("settings")` where the repository
    ships only `settings.example.py`),
    when it sits in a development or test module, and when
    no module of it uses Flask's session (`session`, `flash()`, Flask-Login,
    Flask-WTF, Flask-Session; importing `session` or `flash` and never
    naming them again, as application skeletons do, is no use; a module
    that gets them from another module of the project, which imports them
    from Flask, `from .base_view import *`, uses them): such an
    app sets no session cookie. starsessions defaults to Secure, so only an explicit
    `cookie_https_only=False` is reported there — the two `SessionMiddleware`
    classes share a name, not their defaults.
    """

    code = "SFX302"
    name = "cookie-without-secure"
    summary = "Session/auth cookie can travel over plain HTTP (no Secure flag)"
    cwe = ("CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",)
    owasp = (OWASP_MISCONFIG,)
    security_severity = "6.5"
    uses = (CookieAnalysis,)
    flag = "secure"  # the cookie attribute judged
    references = (
        ("OWASP Session Management Cheat Sheet: Secure attribute",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#secure-attribute"),
        ("Django settings: SESSION_COOKIE_SECURE",
         "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure"),
        ("Flask configuration: SESSION_COOKIE_SECURE",
         "https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE"),
        ("Starlette SessionMiddleware", "https://www.starlette.io/middleware/#sessionmiddleware"),
        ("CWE-614", "https://cwe.mitre.org/data/definitions/614.html"),
    )
    fix = Fix(
        FIX_MIXED,
        "Passes the Secure flag to `set_cookie`/`set_signed_cookie` and `https_only` to Starlette's "
        "`SessionMiddleware`; replaces a literal `False` (`secure=False`, `SESSION_COOKIE_SECURE`, "
        "`CSRF_COOKIE_SECURE`, `REMEMBER_COOKIE_SECURE`, starsessions' `cookie_https_only`); sets a "
        "missing `[\"secure\"]` on a morsel and appends `; Secure` to a literal `Set-Cookie` value. "
        "A Secure cookie is not sent over plain HTTP, so `True` breaks sessions under test clients "
        "that use `http://testserver` (Starlette's, Flask's), on a LAN or localhost URL and in "
        "self-hosted HTTP installs. The fix is therefore safe only when it reuses what the module "
        "already uses to decide HTTPS, and writes that instead of `True`: an expression already given "
        "to a Secure flag or setting (`secure=not settings.DEBUG`, `CSRF_COOKIE_SECURE = not DEBUG`), "
        "a production switch the module reads (`settings.PRODUCTION`) or the negation of its debug "
        "switch (`not app.debug`) — or `True` when the module already makes the session cookie "
        "Secure or redirects to HTTPS (`SESSION_COOKIE_SECURE = True`, `SECURE_SSL_REDIRECT = True`), "
        "so the app does not work over plain HTTP anyway. The expression must mean the same where "
        "the fix writes it (names bound at module level, or the same function). Without such a "
        "decision the fix writes `True` and is unsafe (only with `--unsafe-fixes`), and the finding "
        "left says why; a `Set-Cookie` literal can only take `; Secure`, so it is unsafe unless the "
        "app is HTTPS-only. Development configuration is never reported. A value that is not a "
        "literal is left for a human.",
        "reuses the module's HTTPS decision (secure=not settings.DEBUG, https_only=settings.PRODUCTION; "
        "True when it is HTTPS-only); unsafe: True where the module never decides HTTPS",
        family="cookies",
    )
    invalid = (
        Example(
            """
            from fastapi import FastAPI
            from starlette.middleware.sessions import SessionMiddleware

            app = FastAPI()
            app.add_middleware(SessionMiddleware, secret_key="change-me")
            """,
            expect=((5, 1),),
            title="Starlette SessionMiddleware without https_only",
        ),
        Example(
            """
            from django.http import HttpResponse

            def remember(request):
                response = HttpResponse("ok")
                response.set_cookie("auth_token", "t", httponly=True, samesite="Lax")
                return response
            """,
            expect=((5, 5),),
            title="Django response cookie without secure",
        ),
    )
    valid = (
        Example(
            """
            from fastapi import FastAPI
            from starlette.middleware.sessions import SessionMiddleware

            app = FastAPI()
            app.add_middleware(SessionMiddleware, secret_key="change-me", https_only=True)
            """,
            title="https_only=True",
        ),
        Example(
            """
            from starsessions import InMemoryStore, SessionMiddleware
            from starlette.applications import Starlette

            app = Starlette()
            app.add_middleware(SessionMiddleware, store=InMemoryStore())
            """,
            title="starsessions defaults to Secure",
        ),
    )

    semgrep = sg.flag_rules(sg.FlagRules(
        flag="secure",
        good="True",
        weak_re=sg.FALSY_RE,
        weak=sg.FALSY,
        skip=(sg.PREFERENCE,),
        messages={
            "": "Cookie set without Secure: it also travels over plain HTTP, where anyone on the "
                "network can read it; pass secure=True to $SET()",
            "value": "Cookie set with secure=$V: it also travels over plain HTTP; pass secure=True",
            "constant": "Cookie set with secure=$V, a variable holding a weak constant; pass secure=True",
            "settings": "$KEY = $V lets the cookie travel over plain HTTP; set $KEY = True in production settings",
            "config": "$KEY = $V lets the cookie travel over plain HTTP; set $KEY = True",
            "session-config": "$MW configures the session cookie without Secure (its default) or with a weak "
                              "value: it also travels over plain HTTP; pass secure=True",
            "morsel": 'http.cookies morsel $N is output without Secure; set $C[$N]["secure"] = True before output',
            "header": "Set-Cookie header lacks Secure: the cookie travels over plain HTTP; add '; Secure' to the value",
        },
        extra={
            "settings-module": _settings_module_twin(),
            "middleware": SemgrepRule(
                suffix="middleware",
                message="SessionMiddleware sends the session cookie without Secure; pass https_only=True "
                        "(Starlette, whose default is False), or drop cookie_https_only=False (starsessions)",
                match=sg.shared_middleware("secure", lambda default: default in (None, False), sg.FALSY_RE),
                technology=("starlette", "fastapi"),
            ),
        },
    ))
    semgrep_parity = (
        "A response is recognised by its factory, its annotation or its name (`resp`/`response`) in a "
        "file that imports a web framework. The standalone-settings check needs a module docstring to "
        "report at (fixlint reports line 1 of any module), and a `SESSION_COOKIE_SECURE` assigned "
        "anywhere in the module, even inside a function or only in a development `if`, counts as set. "
        "Development modules and "
        "`if DEBUG:` blocks are recognised by name only. Semgrep reads one file: a Flask app or "
        "`LoginManager` never given `SESSION_COOKIE_SECURE`/`REMEMBER_COOKIE_SECURE` in any module, and a "
        "Django settings module whose star-imported base does not set it either, are found only by "
        "fixlint's project model (every module under the project root, linked by its own imports), as is "
        "a Falcon `set_cookie` without `secure=` in a project that sets "
        "`app.resp_options.secure_cookies_by_default = False`, and a `secure=` read from the Django "
        "settings (`settings.SIMPLE_JWT[\"AUTH_COOKIE_SECURE\"]`) that the settings give as `False`."
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
            opening, setting, place = never_set(site, "secure", "False")
            return (f"{opening}, so {subject} travels over plain HTTP; set {setting} = True "
                    f"{place} ({site.label})")
        if site.kind == SETTINGS:
            setting = site.settings["secure"]
            if not flag.explicit and site.development_line is not None:
                return (f"settings module sets {setting} only for development (line {site.development_line}), "
                        f"so in production {subject} travels over plain HTTP; add {setting} = True outside "
                        f"that branch ({site.label})")
            if not flag.explicit:
                return (f"settings module never sets {setting}, so {subject} travels over plain "
                        f"HTTP; add {setting} = True ({site.label})")
            return (f"{setting} = {flag.value!r} lets {subject} travel over plain HTTP; "
                    f"set {setting} = True ({site.label})")
        if site.kind == MIDDLEWARE:
            option = site.settings["secure"]
            if flag.explicit:
                return (f"{stated(site, 'secure')} lets {subject} travel over plain HTTP; "
                        f"{option_fix(site, option, 'True')} ({site.label})")
            return (f"{subject} is sent without Secure ({option} defaults to {flag.value!r}); "
                    f"{option_fix(site, option, 'True')} ({site.label})")
        if site.kind == MORSEL:
            return (f"{subject} is output without Secure; "
                    f'set {morsel_ref(site)}["secure"] = True before output ({site.label})')
        if site.kind == HEADER:
            return f"{subject} lacks Secure; add '; Secure' to the header value"
        said = stated(site, "secure")
        problem = f"is set with {said}" if said else "is set without Secure"
        if not said and "secure" in site.options_off:  # Falcon's app-wide default, turned off
            problem += f" (the app sets {site.options_off['secure']} = False)"
        option = site.settings.get("secure", "secure")
        return f"{subject} {problem}; {flag_fix(site, option, 'True')} ({site.label})"
