"""Django: sessions, responses and settings.

`django.contrib.auth.login()` cycles the session key itself;
`request.session.cycle_key()` and `flush()` regenerate. Django's session
cookie defaults: HttpOnly on, SameSite Lax, Secure off (SESSION_COOKIE_SECURE
must be turned on for production). `HttpResponse.set_cookie` defaults to no
Secure, no HttpOnly, no SameSite.
"""

from .base import Framework, SessionBackend, Setting

DJANGO = Framework(
    key="django",
    label="Django",
    packages=("django",),
    response_factories=frozenset(
        (
            "django.http.HttpResponse", "django.http.response.HttpResponse",
            "django.http.JsonResponse", "django.http.response.JsonResponse",
            "django.http.HttpResponseRedirect", "django.http.response.HttpResponseRedirect",
            "django.http.HttpResponsePermanentRedirect", "django.http.StreamingHttpResponse",
            "django.http.FileResponse", "django.http.HttpResponseNotModified",
            "django.http.HttpResponseBadRequest", "django.http.HttpResponseForbidden",
            "django.http.HttpResponseNotFound", "django.shortcuts.render",
            "django.shortcuts.redirect", "django.template.response.TemplateResponse",
            "django.template.response.SimpleTemplateResponse",
            # Django REST framework's Response is a Django response.
            "rest_framework.response.Response",
        )
    ),
    response_types=frozenset(
        (
            "rest_framework.response.Response",
            "django.http.HttpResponse", "django.http.response.HttpResponse",
            "django.http.HttpResponseBase", "django.http.response.HttpResponseBase",
            "django.http.JsonResponse", "django.http.HttpResponseRedirect",
            "django.template.response.TemplateResponse",
        )
    ),
    cookie_defaults={"secure": False, "httponly": False, "samesite": None},
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
)

# A module defining one of these is a settings module.
SETTINGS_MARKERS = frozenset(("INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF"))
# Stems of settings modules that others star-import and override.
BASE_SETTINGS_STEMS = frozenset(("base", "common", "defaults", "default", "shared", "components"))
SETTINGS_CONFIGURE = frozenset(("django.conf.settings.configure",))

# Class-based views: methods that handle a request.
VIEW_BASES_PREFIX = ("django.views", "django.contrib.auth.views")
VIEW_METHODS = frozenset(("get", "post", "put", "patch", "delete", "dispatch", "form_valid", "form_invalid"))
URL_FUNCTIONS = frozenset(("django.urls.path", "django.urls.re_path", "django.conf.urls.url"))

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
# (user_logged_in) or before the session is flushed (user_logged_out).
AUTH_SIGNALS = frozenset(
    ("django.contrib.auth.signals.user_logged_in", "django.contrib.auth.signals.user_logged_out",
     "django.contrib.auth.user_logged_in", "django.contrib.auth.user_logged_out")
)
SIGNAL_RECEIVER = frozenset(("django.dispatch.receiver", "django.dispatch.dispatcher.receiver"))

SESSION_BACKEND = SessionBackend(
    key="django",
    label="Django",
    regenerators=frozenset(("cycle:django",)),
    order="anywhere",
    regenerate_fix="call request.session.cycle_key() or log in with django.contrib.auth.login()",
    invalidate_fix="call django.contrib.auth.logout(request) or request.session.flush()",
    server_side=True,
    regenerate_code="{session}.cycle_key()",
    invalidate_code="{session}.flush()",
    # SessionBase has cycle_key(), flush(), delete() and clear(); no
    # regenerate(), invalidate() or destroy().
    session_methods=REGENERATE_METHODS | INVALIDATE_METHODS,
)

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
# Strong key generators Django provides.
TOKEN_GENERATORS = frozenset(("django.utils.crypto.get_random_string",))
