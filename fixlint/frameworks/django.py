"""Django: sessions, responses and settings.

`django.contrib.auth.login()` cycles the session key itself;
`request.session.cycle_key()` and `flush()` regenerate. Django's session
cookie defaults: HttpOnly on, SameSite Lax, Secure off (SESSION_COOKIE_SECURE
must be turned on for production). `HttpResponse.set_cookie` defaults to no
Secure, no HttpOnly, no SameSite.
"""

from dataclasses import replace

from .base import Advice, Requests, Routing, Framework, SessionBackend, Setting

# Every response class django.http defines (each an HttpResponseBase
# subclass), importable from django.http and django.http.response.
_HTTP_RESPONSES = (
    "HttpResponseBase", "HttpResponse", "StreamingHttpResponse", "FileResponse", "JsonResponse",
    "HttpResponseRedirectBase", "HttpResponseRedirect", "HttpResponsePermanentRedirect",
    "HttpResponseNotModified", "HttpResponseBadRequest", "HttpResponseNotFound",
    "HttpResponseForbidden", "HttpResponseNotAllowed", "HttpResponseGone", "HttpResponseServerError",
)
# Responses of other classes: templates, and Django REST framework's Response
# (a SimpleTemplateResponse).
_OTHER_RESPONSES = (
    "django.template.response.TemplateResponse", "django.template.response.SimpleTemplateResponse",
    "rest_framework.response.Response",
)
RESPONSE_CLASSES = frozenset(
    [f"django.http.{name}" for name in _HTTP_RESPONSES]
    + [f"django.http.response.{name}" for name in _HTTP_RESPONSES]
    + list(_OTHER_RESPONSES)
)


# A module defining one of these is a settings module.
SETTINGS_MARKERS = frozenset(("INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF"))
# Stems of settings modules that others star-import and override.
BASE_SETTINGS_STEMS = frozenset(("base", "common", "defaults", "default", "shared", "components"))
# Imported by models, views, forms and serializers, never by a settings module.
APPLICATION_MODULES = ("django.db", "django.http", "django.shortcuts", "django.views", "django.forms",
                       "django.template", "django.contrib.auth.decorators", "rest_framework")
SETTINGS_CONFIGURE = frozenset(("django.conf.settings.configure",))
# django-split-settings: `include("components/*.py", optional("local.py"))` runs each file in the settings module.
SETTINGS_INCLUDES = frozenset(("split_settings.tools.include",))
# A production settings module must turn the session cookie's Secure flag on.
SETTINGS_REQUIRED = ("SESSION_COOKIE_SECURE",)
# The setting that lists the middleware, and the class that sets the session
# cookie: a project subclass of it named in that list that passes `secure=`
# (a literal True or a computed value) to the cookie it sets decides the
# session cookie's Secure flag itself (pretix: `secure=request.scheme ==
# "https"`), whatever SESSION_COOKIE_SECURE says.
MIDDLEWARE_SETTING = "MIDDLEWARE"
SESSION_MIDDLEWARE = frozenset(("django.contrib.sessions.middleware.SessionMiddleware",))
COOKIE_SECURE_ARGUMENT = "secure"

# Class-based views: methods that handle a request.
# (DRF's ViewSets too: `ViewSet` names no view by its ending, its `@action` methods are routed)
VIEW_BASES_PREFIX = ("django.views", "django.contrib.auth.views", "rest_framework.viewsets")
VIEW_METHODS = frozenset(("get", "post", "put", "patch", "delete", "dispatch", "form_valid", "form_invalid"))
# Django REST framework's extra ViewSet actions, routed by the router whatever their name.
VIEW_METHOD_DECORATORS = frozenset(("rest_framework.decorators.action",))
URL_FUNCTIONS = frozenset(("django.urls.path", "django.urls.re_path", "django.conf.urls.url"))
# Django Ninja's API and routers register their operations with decorators
# (`@router.post("/logout")`), the router a module attribute or a class's
# (MyUs's `class AuthAPI: router = Router()`); each operation takes the
# Django request first.
NINJA_APP_CLASSES = frozenset(("ninja.NinjaAPI", "ninja.main.NinjaAPI", "ninja.Router", "ninja.router.Router"))
NINJA_ROUTE_DECORATORS = frozenset(("get", "post", "put", "patch", "delete"))

# -- session lifecycle (SFX101/SFX102) -------------------------------------
# login() cycles the key itself; cycle_key() and flush() move to a new key
# and Django keeps (cycle_key) or drops (flush) the data, so where they sit in
# the view does not matter.
LOGIN = frozenset(
    (
        "django.contrib.auth.login",
        "django.contrib.auth.views.auth_login",
        "allauth.account.utils.perform_login",
    )
)
LOGOUT = frozenset(("django.contrib.auth.logout", "django.contrib.auth.views.auth_logout"))
AUTHENTICATE = frozenset(("django.contrib.auth.authenticate",))
REGENERATE_METHODS = frozenset(("cycle_key", "flush"))
# request.session.delete() removes the record; clear() drops every key.
INVALIDATE_METHODS = frozenset(("flush", "delete", "clear"))
# `request.session[SESSION_KEY] = user.pk`: the auth constants' values.
SESSION_KEY_CONSTANTS = {
    "django.contrib.auth.SESSION_KEY": "_auth_user_id",
    "django.contrib.auth.BACKEND_SESSION_KEY": "_auth_user_backend",
    "django.contrib.auth.HASH_SESSION_KEY": "_auth_user_hash",
}
# Views whose own methods call login()/logout(): `super().form_valid(form)`
# in a subclass regenerates (LoginView) or invalidates (LogoutView).
LOGIN_VIEWS = frozenset(
    ("django.contrib.auth.views.LoginView", "allauth.account.views.LoginView")
)
LOGOUT_VIEWS = frozenset(
    ("django.contrib.auth.views.LogoutView", "allauth.account.views.LogoutView")
)
SUPER_METHODS = frozenset(("form_valid", "post", "get", "dispatch"))
# Signals login()/logout() send: a receiver runs after the key was cycled
# (user_logged_in) or before the session is flushed (user_logged_out). And
# the one authenticate() sends when the credentials are refused
# (user_login_failed): its receiver runs for a sign-in that did not happen
# (jumpserver's on_user_login_failed, named like a login).
AUTH_SIGNALS = frozenset(
    ("django.contrib.auth.signals.user_logged_in", "django.contrib.auth.signals.user_logged_out",
     "django.contrib.auth.user_logged_in", "django.contrib.auth.user_logged_out",
     "django.contrib.auth.signals.user_login_failed", "django.contrib.auth.user_login_failed")
)
# Authentication backends: django.contrib.auth.authenticate() calls their
# methods inside the view that asked it to, and that view is the handler (its
# login() cycles the key). A subclass's `authenticate()` is no handler itself,
# whatever it writes to the session (jumpserver's OIDC backend keeps the
# provider's tokens there; its callback view calls auth.login()).
AUTH_BACKENDS = frozenset(
    ("django.contrib.auth.backends.BaseBackend", "django.contrib.auth.backends.ModelBackend",
     "django.contrib.auth.backends.AllowAllUsersModelBackend", "django.contrib.auth.backends.RemoteUserBackend",
     "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend",
     # Backends of the usual packages, all ModelBackend subclasses or called the same way.
     "mozilla_django_oidc.auth.OIDCAuthenticationBackend", "django_auth_ldap.backend.LDAPBackend",
     "allauth.account.auth_backends.AuthenticationBackend")
)
# Django REST framework's authentication classes: `authenticate(request)` runs
# on every request to find its user (rest_framework/authentication.py).
REQUEST_AUTH_HOOKS = {
    base: frozenset(("authenticate",)) for base in (
        "rest_framework.authentication.BaseAuthentication", "rest_framework.authentication.BasicAuthentication",
        "rest_framework.authentication.SessionAuthentication", "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.RemoteUserAuthentication",
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework_simplejwt.authentication.JWTStatelessUserAuthentication",
    )
}
SIGNAL_RECEIVER = frozenset(("django.dispatch.receiver", "django.dispatch.dispatcher.receiver"))

SESSION_BACKEND = SessionBackend(
    key="django",
    label="Django",
    # "login:django": login() (and LoginView, allauth's perform_login); "cycle:django":
    # request.session.cycle_key() / flush().
    regenerators=frozenset(("cycle:django", "login:django")),
    order="anywhere",
    view_regenerators=frozenset(("login:django",)),
    regenerate_fix="call request.session.cycle_key() or log in with django.contrib.auth.login()",
    invalidate_fix="call django.contrib.auth.logout(request) or request.session.flush()",
    server_side=True,
    regenerate_code="{session}.cycle_key()",
    invalidate_code="{session}.flush()",
    # SessionBase has cycle_key(), flush(), delete() and clear(); no
    # regenerate(), invalidate() or destroy().
    session_methods=REGENERATE_METHODS | INVALIDATE_METHODS,
)

# Django's cookie-based engine: the session data lives in a signed cookie, as
# in Flask's default session (SFX101 rates lower there).
SIGNED_COOKIES_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SIGNED_COOKIES_BACKEND = replace(SESSION_BACKEND, server_side=False)

# -- request values and session ids (SFX201-SFX204) -------------------------------
REQUEST_SOURCES = {
    "GET": "query string", "POST": "form body", "FILES": "form body",
    "COOKIES": "cookie", "headers": "header", "META": "header",
    # Django REST framework's Request: the parsed body and the query string.
    "data": "JSON body", "query_params": "query string",
}
RAW_BODIES = frozenset(("body",))
# Session stores: `SessionStore(session_key=...)` loads the session under a key.
SESSION_STORE_CLASS = "SessionStore"  # any backend's, and `import_module(settings.SESSION_ENGINE).SessionStore`
SESSION_MODELS = frozenset(
    ("django.contrib.sessions.models.Session", "django.contrib.sessions.backends.db.Session")
)
# Attributes of a Django session that hold its key.
SESSION_KEY_ATTRS = frozenset(("session_key", "_session_key"))
URL_BUILDERS = frozenset(
    ("django.urls.reverse", "django.urls.reverse_lazy", "django.urls.base.reverse",
     "django.core.urlresolvers.reverse", "django.shortcuts.resolve_url",
     "django.utils.http.urlencode")
)
REDIRECTS = frozenset(
    ("django.shortcuts.redirect", "django.http.HttpResponseRedirect",
     "django.http.response.HttpResponseRedirect", "django.http.HttpResponsePermanentRedirect",
     "django.http.response.HttpResponsePermanentRedirect")
)
# `redirect(to, *args, **kwargs)` reverses `to` with the extra arguments.
REVERSING_REDIRECTS = frozenset(("django.shortcuts.redirect",))
# `HttpResponse.set_signed_cookie(key, value, salt="", **set_cookie's keywords)`.
COOKIE_SETTERS = {"set_signed_cookie": ("key", "value", "salt")}

# Strong key generators Django provides.
TOKEN_GENERATORS = frozenset(("django.utils.crypto.get_random_string",))

# -- Semgrep twins (SFX101, SFX102) -------------------------------------------
# Written with the rules' helpers (`kit`: fixlint/rules/_lifecycle_semgrep.py).
# Django's `request.session` is judged with Starlette's and starsessions'
# (`semgrep_request_session`) by the twins of a removal on logout.
REQUEST_SESSION = "$REQ.session"
CYCLE_KEY = "$R.session.cycle_key()"
FLUSH = "$R.session.flush()"


def _semgrep_login(kit, framework):
    request = REQUEST_SESSION
    fix = ("log in with django.contrib.auth.login(request, user) or call request.session.cycle_key() "
           f"({framework.label})")
    regenerated = kit.anywhere_in_function(*(f"{q}(...)" for q in sorted(framework.regenerate_calls)), CYCLE_KEY, FLUSH)
    # A LoginView subclass's super().form_valid() logs in; not for helpers.
    views = [{"pattern-not-inside": f"class $C(..., {view}, ...):\n  ...\n  def $M(...):\n"
                                    f"    ...\n    <... super().$SUPER(...) ...>\n    ...\n"}
             for view in sorted(framework.login_views)]
    marked = kit.imports(framework.semgrep_imports())
    key = next(q for q, value in framework.session_key_constants.items() if value == "_auth_user_id")
    return (kit.Backend(
        suffix="django",
        session=request,
        regenerated=[*regenerated, *views, *marked],
        helper_regenerated=[*regenerated, *marked],
        technology=("django",),
        binding=f"Login writes $K into request.session without cycling the session key; {fix}",
        bindings=[{"pattern-either": [
            {"patterns": kit.bindings(request)},
            {"pattern": f"{request}[{key}] = $V"},
        ]}],
        helper=f"Login calls $H(), which writes $HK into request.session, without cycling the session key; {fix}",
        helper_unless=(CYCLE_KEY, FLUSH),
        record="Login writes $K, from the user record a credential check verified, into request.session "
               f"without cycling the session key; {fix}",
        record_regenerated=[*regenerated, *marked],
    ),)


def _semgrep_logout(kit, framework):
    request = REQUEST_SESSION
    return (kit.Rule(
        suffix="request-session",
        message="Logout removes only $K from request.session: the session stays valid; call "
                "django.contrib.auth.logout(request) or request.session.flush() (Django), "
                "request.session.clear() (Starlette/FastAPI)",
        match={"patterns": [
            *kit.removals(request), *kit.in_logout_handler(), *kit.invalidations(request, True),
            *kit.imports(kit.request_session_modules()),
        ]},
        technology=("django", "fastapi", "starlette"),
    ),)


# SFX201: where a Django view reads request parameters (not cookies). Views
# are wired in urls.py, which Semgrep does not read: a function taking
# `request` counts as a view in view modules only.
PARAMETER_SOURCES = ("$REQ.GET", "$REQ.POST", "$REQ.body")
VIEW_MODULES = {"include": ["views.py", "views_*.py", "*_views.py", "api.py", "**/views/*.py"]}


def _semgrep_session_id(kit, framework):
    """SFX201's twins (written with the rule's kit): request.GET/POST reads
    by a session-id name, and a view's URL parameter so named
    (`def resume(request, session_key)`, `def get(self, request, sid)`)."""
    sources = PARAMETER_SOURCES
    path_params = {"patterns": [
        {"pattern-either": [
            {"pattern": "def $F(request, ..., $P, ...):\n  ...\n"},
            {"pattern": "def $F(self, request, ..., $P, ...):\n  ...\n"},
        ]},
        kit.regex("$P", kit.SID_NAME_RE),
        # An object's primary key that happens to be called session_id.
        *kit.primary_key_lookups(),
        *kit.imports(framework.semgrep_imports()),
        {"focus-metavariable": "$P"},
    ]}
    return (
        kit.Rule(
            suffix="django",
            message=f"Session id read from request.GET/POST: it leaks in links and logs, and lets an attacker fix "
                    f"the victim's session; {kit.FIX} (request.COOKIES) (Django)",
            match={"patterns": [
                {"pattern-either": [kit.named_reads(sources), kit.flows_to_store(sources),
                                    kit.direct_lookup(sources), kit.signs_in(REQUEST_SESSION, sources),
                                    kit.compared_with_stored(sources)]},
                *kit.NOT_NUMBERS, *kit.imports(framework.semgrep_imports()),
            ]},
            technology=("django",),
        ),
        kit.Rule(
            suffix="django-path",
            message=f"Session id taken from the URL path parameter $P; {kit.FIX} (request.COOKIES) (Django)",
            match=path_params,
            paths=VIEW_MODULES,
            technology=("django",),
        ),
    )


DJANGO = Framework(
    key="django",
    label="Django",
    packages=("django", "rest_framework"),
    semgrep_packages=("django",),
    engine_setting="SESSION_ENGINE",
    cookie_engine=SIGNED_COOKIES_ENGINE,
    cookie_backend=SIGNED_COOKIES_BACKEND,
    cookie_option="django-signed-cookies",  # DRF modules import django too: the exported rules keep to django
    response_factories=RESPONSE_CLASSES | {"django.shortcuts.render", "django.shortcuts.redirect"},
    response_types=RESPONSE_CLASSES,
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
    cookie_setters=COOKIE_SETTERS,
    settings=(
        Setting("SESSION_COOKIE_SECURE", "secure", "session", False),
        Setting("SESSION_COOKIE_HTTPONLY", "httponly", "session", True),
        Setting("SESSION_COOKIE_SAMESITE", "samesite", "session", "Lax"),
        Setting("SESSION_COOKIE_AGE", "lifetime", "session", 1209600),
        Setting("SESSION_COOKIE_NAME", "name", "session", "sessionid"),
        Setting("SESSION_COOKIE_DOMAIN", "domain", "session", None),
        Setting("SESSION_COOKIE_PATH", "path", "session", "/"),
        Setting("CSRF_COOKIE_SECURE", "secure", "csrf", False),
    ),
    routing=Routing(
        url_functions=URL_FUNCTIONS,
        register_target=("view", 1),
        app_classes=NINJA_APP_CLASSES,
        route_decorators=NINJA_ROUTE_DECORATORS,
        path_keywords=("route", "path"),
        view_bases_prefix=VIEW_BASES_PREFIX,
        view_methods=VIEW_METHODS,
        view_method_decorators=VIEW_METHOD_DECORATORS,
        captures="view",
        view_factories=frozenset(("as_view",)),
        view_name_suffixes=("View", "Mixin"),
        view_module_words=frozenset(("views",)),
        rule_texts=("urlpatterns", "path("),
    ),
    requests=Requests(
        parameter=True,
        type_prefixes=("django.http",),
        sources=REQUEST_SOURCES,
        raw_bodies=RAW_BODIES,
        self_request=True,
    ),
    backend=SESSION_BACKEND,
    session_label="request.session",
    session_cookie="sessionid",
    session_id_attrs=SESSION_KEY_ATTRS,
    session_store_class=SESSION_STORE_CLASS,
    session_regenerate_methods=REGENERATE_METHODS,
    session_invalidate_methods=INVALIDATE_METHODS,
    keyed_session_methods=frozenset(("delete",)),
    session_expiry_methods=frozenset(("set_expiry",)),
    regenerate_calls=LOGIN,
    settings_markers=SETTINGS_MARKERS,
    settings_string_markers=frozenset(("ROOT_URLCONF",)),
    settings_run_alone=frozenset(("ROOT_URLCONF",)),
    settings_module_words=frozenset(("settings",)),
    semgrep_config_forms=(("django.conf.settings.configure(..., $KEY=$V, ...)", True),),
    semgrep_session_ids=("$REQ.session.session_key",),
    settings_required=SETTINGS_REQUIRED,
    https_only=frozenset(("SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT")),
    middleware_setting=MIDDLEWARE_SETTING,
    session_middleware=SESSION_MIDDLEWARE,
    session_secure_argument=COOKIE_SECURE_ARGUMENT,
    base_settings_stems=BASE_SETTINGS_STEMS,
    application_modules=APPLICATION_MODULES,
    settings_object="django.conf.settings",
    settings_env="DJANGO_SETTINGS_MODULE",
    settings_configure=SETTINGS_CONFIGURE,
    settings_includes=SETTINGS_INCLUDES,
    logout_calls=LOGOUT,
    regenerate_mechanism="login:django",
    login_views=LOGIN_VIEWS,
    logout_views=LOGOUT_VIEWS,
    super_methods=SUPER_METHODS,
    auth_signals=AUTH_SIGNALS,
    auth_backends=AUTH_BACKENDS,
    request_auth_hooks=REQUEST_AUTH_HOOKS,
    auth_backend_protocol=frozenset(("authenticate", "get_user")),
    signal_receivers=SIGNAL_RECEIVER,
    fixtures="django",
    session_key_constants=SESSION_KEY_CONSTANTS,
    session_models=SESSION_MODELS,
    url_builders=URL_BUILDERS,
    redirects=REDIRECTS,
    reversing_redirects=REVERSING_REDIRECTS,
    advice={
        "SFX101": Advice(docs=(("Django", "django.contrib.auth.login(request, user), or request.session.cycle_key()"),)),
        "SFX102": Advice(docs=(("Django", "django.contrib.auth.logout(request) or request.session.flush()"),)),
        "SFX201": Advice(
            fix="let SessionMiddleware read it from the session cookie (request.session)",
            docs=(("Django", (
                "request.session (SessionMiddleware reads the session cookie); never "
                "SessionStore(session_key=request.GET[...])"
            )),),
        ),
        "SFX202": Advice(
            fix="keep it in the session cookie and pass reverse()/redirect() a non-secret reference",
            docs=(("Django", 'redirect("dashboard") — never reverse(..., kwargs={"sid": request.session.session_key})'),),
        ),
        "SFX203": Advice(
            fix="use request.session (Django creates sessions under keys it generates), or issue a new id "
                "with secrets.token_urlsafe(32)",
            docs=(("Django", (
                "request.session (never SessionStore(session_key=...).save(must_create=True) with a "
                "client key)"
            )),),
        ),
        "SFX204": Advice(
            fix="use secrets.token_urlsafe(32) or django.utils.crypto.get_random_string(32)",
            docs=(("Django", (
                "secrets.token_urlsafe(32), django.utils.crypto.get_random_string(32), or let "
                "request.session create the key"
            )),),
        ),
        "SFX301": Advice(docs=(("Django", "response.set_cookie(..., httponly=True); keep SESSION_COOKIE_HTTPONLY = True"),)),
        "SFX302": Advice(docs=(("Django", (
            "response.set_cookie(..., secure=True); SESSION_COOKIE_SECURE = True and "
            "CSRF_COOKIE_SECURE = True in production settings"
        )),)),
        "SFX303": Advice(docs=(("Django", 'response.set_cookie(..., samesite="Lax"); SESSION_COOKIE_SAMESITE = "Lax"'),)),
        "SFX304": Advice(docs=(("Django", "SESSION_COOKIE_AGE = 60 * 60 * 24 * 7"),)),
        "SFX305": Advice(docs=(("Django", (
            'SESSION_COOKIE_NAME = "__Host-sessionid" with SESSION_COOKIE_SECURE = True, '
            'SESSION_COOKIE_PATH = "/"'
        )),)),
    },
    semgrep_twins={"SFX101": _semgrep_login, "SFX102": _semgrep_logout, "SFX201": _semgrep_session_id},
    semgrep_short_sid_names=True,
    semgrep_class_views=True,
    semgrep_request_session=True,
    semgrep_session_enders=(FLUSH, "$R.session.delete(...)"),
    semgrep_session_cyclers=(CYCLE_KEY,),
    semgrep_trusted_logout=True,
)
