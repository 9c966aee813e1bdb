"""The shape of framework knowledge. Each framework module fills one in."""

from __future__ import annotations

import ast

from dataclasses import dataclass, field, replace
from functools import lru_cache

# The positional parameters of `set_cookie` after `self` — the same in
# Werkzeug, Django and Starlette.
SET_COOKIE_PARAMS = (
    "key", "value", "max_age", "expires", "path", "domain", "secure", "httponly", "samesite",
)


@dataclass(frozen=True)
class Setting:
    """A configuration key that shapes a cookie."""

    name: str
    flag: str  # secure | httponly | samesite | lifetime | name | domain | path
    cookie: str  # session | csrf | remember | jwt | jwt_refresh | auth (what messages call it)
    default: object = None


@dataclass(frozen=True)
class SettingsDict:
    """A library's settings given as one dict in the framework's settings
    module (dj-rest-auth's `REST_AUTH = {"USE_JWT": True, "JWT_AUTH_COOKIE":
    "auth"}`): its keys are the library's `settings`. The library sets
    cookies only when the `switch` key is given `on` and one of the
    `cookies` keys names a cookie."""

    name: str
    switch: tuple  # (key, value)
    cookies: tuple  # keys naming the cookies it sets, the one `settings` names first


@dataclass(frozen=True)
class ConfigDict:
    """A session tool switched on by a key of a configuration dict
    (CherryPy's `{"tools.sessions.on": True}`, in `cherrypy.config.update()`,
    a class's `_cp_config` or the config `quickstart()` mounts): its cookie's
    flags are the sibling keys `options` names (flag -> key), else
    `defaults`. Reported at the switch key."""

    switch: str
    options: dict
    defaults: dict
    label: str
    subject: str  # what messages call the cookie
    # Calls whose dict configures every application of the process
    # (`cherrypy.config.update({...})`): the options it gives apply to a
    # tool another dict of the module switches on.
    global_updates: frozenset = frozenset()
    # The seconds one unit of the lifetime option is worth (CherryPy's
    # `tools.sessions.timeout` is in minutes).
    lifetime_unit: int = 1
    # Calls handed the dict as their `argument`-th positional argument or
    # as `keyword=` (Beaker's `SessionMiddleware(app, config)`): the dict
    # configures the tool with no switch key (`switch` is empty then), and
    # the call is where its missing flags are reported.
    calls: frozenset = frozenset()
    argument: int = 1
    keyword: str = ""


@dataclass(frozen=True)
class ConfigCall:
    """An extension call that writes the app's configuration
    (`Talisman(app)`: `SESSION_COOKIE_SECURE`, `SESSION_COOKIE_SAMESITE`),
    given the app as an argument or through `init_app(app)`. Each key is
    set unless its keyword argument is given one of the literal values that
    leave the key off (`session_cookie_secure=False`)."""

    qualname: str
    keys: tuple  # (config key, keyword argument, values of the argument that leave the key unset)


@dataclass(frozen=True)
class Middleware:
    """A session middleware class and how its keyword arguments map to the
    session cookie's attributes."""

    qualnames: frozenset
    label: str
    params: tuple  # positional parameters after `app` (after the `leading` ones, built directly)
    options: dict  # flag -> keyword name
    defaults: dict  # flag -> default value; httponly is fixed where the library always sets it
    fixed: frozenset = frozenset()  # flags the library always sets safely
    # Built as an object of its own rather than installed with the app
    # (Litestar's `CookieBackendConfig(...)`, aiohttp-session's
    # `EncryptedCookieStorage(key)`): Semgrep matches any construction.
    constructed: bool = False
    # What messages call the cookie it sets, and the call they name; for a
    # `constructed` one, the class names the call, and `cookie` the cookie
    # (`CookieTransport's auth cookie`).
    subject: str = "SessionMiddleware's session cookie"
    call: str = "SessionMiddleware"
    cookie: str = "session cookie"
    # Positional arguments before `params` when the class is called directly:
    # `SessionMiddleware(app, ...)`'s app, a storage's secret key; none for
    # FastAPI Users' `CookieTransport(cookie_name, cookie_max_age, ...)`.
    leading: int = 1
    # Classes among `qualnames` that the library documents as for tests only
    # (aiohttp-session's unsigned `SimpleCookieStorage`): an app set up with
    # one is test configuration, exempt from the cookie rules like a
    # development settings module (RULES.md, "Development configuration").
    test_only: frozenset = frozenset()
    # Installed with the app and judged by the cookie rules' shared
    # "middleware" Semgrep twins, one rule per flag for every middleware so
    # marked (Starlette's and starsessions' SessionMiddleware), rather than
    # by a Semgrep twin of its own per factory.
    semgrep_shared: bool = False
    # Parameters that, given, hand the cookie's set-up to an object built
    # elsewhere (sanic-session's `Session(app, interface=...)`: the
    # interface's construction is judged): the call then sets nothing.
    replaced_by: tuple = ()
    # The method that installs one built without the app (sanic-session's
    # `session = Session()`, then `session.init_app(app, interface=...)`):
    # the construction with no argument sets nothing, the method's call
    # (its arguments after the app) is judged as the construction would be.
    init_method: str = ""
    # The cookie it sets is a CSRF token's (Litestar's `CSRFConfig`), judged
    # as the CSRF cookie settings are: Secure and SameSite, no HttpOnly (the
    # page's scripts read it), no __Host- advice.
    csrf: bool = False

    def judged(self):
        """The classes whose set-up the cookie rules judge."""
        return self.qualnames - self.test_only


@dataclass(frozen=True)
class Advice:
    """How to fix one rule's weakness under one framework.

    `fix` is the clause a finding's message ends with; `docs` are the rule
    page's "How to fix" lines, (heading, text) pairs, usually one headed by
    the framework's label."""

    fix: str = ""
    docs: tuple = ()
    # The fix for a value declared as a handler parameter, by the label the
    # file gives the framework (FastAPI: "declare it with Cookie()").
    parameter_fix: dict = field(default_factory=dict)
    # The fix in a file that gives the framework another label (a
    # Framework.label_variants label: Quart's session is `quart.session`).
    label_fix: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Routing:
    """How a framework registers request handlers."""

    app_classes: frozenset = frozenset()  # objects whose decorators register routes
    route_decorators: frozenset = frozenset()  # `@app.<method>(...)`
    register_methods: frozenset = frozenset()  # `app.add_url_rule(...)`, `router.add_api_route(...)`
    register_target: tuple = ()  # (keyword, position) of the view in such a call
    # Registration calls and route functions whose first argument is the
    # HTTP method, before the path and the view (aiohttp's
    # `router.add_route("POST", "/login", login)`, `web.route("POST", ...)`):
    # their path and view sit one position further on.
    method_first: frozenset = frozenset()
    route_classes: frozenset = frozenset()  # `Route("/login", login)`
    url_functions: frozenset = frozenset()  # Django `path("login/", login)`
    path_keywords: tuple = ()  # keywords naming the route path
    # Keywords of an app class's construction naming a path prefix of every
    # route its decorators register (FastAPI's `APIRouter(prefix="/auth")`,
    # Flask's `Blueprint(..., url_prefix="/auth")`).
    prefix_keywords: tuple = ()
    # Methods that mount a router or blueprint under a path prefix, given by
    # one of `prefix_keywords` (FastAPI's `app.include_router(router,
    # prefix="/agents")`, Flask's `app.register_blueprint(bp,
    # url_prefix="/auth")`): the prefix is part of the route path of every
    # handler the mounted object's decorators register, in its own module
    # or, through the project model, in another (ProjectFacts.mount_prefixes).
    mount_methods: frozenset = frozenset()
    # Conventional names of an app, blueprint or router (`app`, `bp`,
    # `router`): a decorator on one registers a route in a file that imports
    # the framework.
    app_names: frozenset = frozenset()
    view_bases_prefix: tuple = ()  # class-based views
    view_methods: frozenset = frozenset()
    # Decorators that route any method of a class-based view (DRF's `@action`
    # on a ViewSet's `def sair(self, request)`).
    view_method_decorators: frozenset = frozenset()
    # Decorator functions that make a route handler (Litestar's `@post("/login")`).
    decorator_functions: frozenset = frozenset()
    # Route decorators that take their HTTP methods from `methods=[...]`
    # (`@app.route("/login", methods=["POST"])`), and those named for no
    # HTTP method (`@app.websocket(...)`); any other is named for its
    # method (`@app.post(...)`, Litestar's `@post(...)`).
    method_list_decorators: frozenset = frozenset()
    methodless_decorators: frozenset = frozenset()
    # Class methods that make a class-based view a view function
    # (`LoginView.as_view()` registered as the view), and the last names of
    # bases that make a class a class-based view (`class Login(FormView)`).
    view_factories: frozenset = frozenset()
    view_name_suffixes: tuple = ()
    # Words of a module's path that make it a views module (Django's
    # `views.py`, `views/`): a function there taking the request first is
    # a view, whose further parameters are URL captures.
    view_module_words: frozenset = frozenset()
    # What a module declaring URL rules with `<converter:name>` variables
    # spells besides them (Flask's `route(`, `add_url_rule`; Django's
    # `urlpatterns`, `path(`): the project model reads the variables of
    # such a module as a folder's URL rules (ProjectFacts.int_path_params).
    rule_texts: tuple = ()
    # Which handler parameters are URL-path values: "route" (those the route
    # path names, `<int:sid>`), "view" (a view's parameters after the
    # request), or "" (declared per parameter, FastAPI-style).
    captures: str = ""
    # With captures "route": the methods of a registered class-based view
    # that receive the route's captures as keyword arguments (Flask's
    # `MethodView.get(self, session_id)`, `View.dispatch_request(self,
    # session_id)`); its other methods are not called with them.
    capture_methods: frozenset = frozenset()
    # Whether a registration's target may be an instance of the class whose
    # methods serve the requests (Falcon's `app.add_route("/login",
    # LoginResource())`).
    instance_targets: bool = False
    # The keyword of a registration naming a responder suffix (Falcon's
    # `app.add_route("/items/{item_id}", res, suffix="item")`: the route is
    # served by `on_get_item`, which receives its captures).
    suffix_keyword: str = ""
    # Decorators that register the function or method they decorate as a
    # view, by qualified name (Pyramid's `@view_config(route_name=...)`);
    # `path_keywords` name its route.
    view_decorators: frozenset = frozenset()


@dataclass(frozen=True)
class Requests:
    """Where a framework's request carries client-sent values."""

    objects: frozenset = frozenset()  # module-level request proxies (`flask.request`)
    globals: frozenset = frozenset()  # module-level per-request namespaces (`flask.g`): `g.user = user` signs it in
    # Attributes of the request that hold what middleware put there for the
    # handlers (Starlette's `request.state`, Falcon's `req.context`, Sanic's
    # `request.ctx`): a session id found there (`request.state.sid`) is the
    # one the request came with, as `g.sid` is in Flask (analysis.origins).
    state_attributes: frozenset = frozenset()
    types: frozenset = frozenset()  # annotations of a request parameter
    type_prefixes: tuple = ()  # `django.http...` annotations
    sources: dict = field(default_factory=dict)  # `request.<attr>` -> where it comes from
    source_methods: dict = field(default_factory=dict)  # `request.<method>()` -> where
    raw_bodies: frozenset = frozenset()  # raw body attributes `json.loads()` turns into JSON
    connection_names: frozenset = frozenset()  # parameter names of a connection
    self_request: bool = False  # `self.request` in a class-based view
    # Or only in a class derived from one of these (aiohttp's `web.View`: a
    # file importing aiohttp may be an HTTP client's, whose `self.request`
    # is anything).
    self_request_bases: frozenset = frozenset()
    # Parameter declarations (FastAPI `Query()`, `Cookie()`...): function -> source.
    param_sources: dict = field(default_factory=dict)
    param_modules: tuple = ()
    # Methods of a handler (`self` in a Framework.handler_classes subclass)
    # that read one named value (Tornado's `self.get_argument("sid")`) -> where.
    reader_methods: dict = field(default_factory=dict)
    # Methods of the request that read one named value (Falcon's
    # `req.get_param("sid")`) -> where.
    value_methods: dict = field(default_factory=dict)
    # Last names of handler parameter annotations the framework fills
    # itself, never from the request (FastAPI's `Response`, `BackgroundTasks`).
    injected_types: frozenset = frozenset()
    # Keywords of a parameter declaration (`Query(alias="sessionid")`) that
    # name the request value it reads instead of the parameter's name.
    param_alias_keywords: tuple = ()
    # Handlers take the request as a plain parameter named `request` (Django,
    # Starlette, aiohttp): such a parameter in a file importing it is its request.
    parameter: bool = False
    # Modules of its server side, when its package also holds an HTTP client
    # other frameworks' apps use (aiohttp's `ClientSession` in a Sanic app):
    # a file importing the package but none of these, and importing another
    # framework too, is that framework's.
    server_modules: tuple = ()


@dataclass(frozen=True, eq=False)  # one value per framework: compared and hashed by identity
class Framework:
    key: str
    label: str
    packages: tuple  # import roots whose presence marks a file as using it
    # Labels a message uses instead of `label` in a file importing a package
    # (Starlette's adapter says "FastAPI" in a FastAPI module).
    label_variants: tuple = ()  # ((package, label), ...)
    # Packages Semgrep patterns need (`pattern-inside` an import of one);
    # empty means `packages`.
    semgrep_packages: tuple = ()
    routing: Routing = None
    requests: Requests = None
    # A session library names the framework whose session it replaces or
    # extends (Flask-Session extends Flask); its events are that framework's.
    extends: "Framework" = None
    backend: object = None  # the SessionBackend its session runs on, if it has one
    # Backends its session runs on instead when the file, or the application
    # it belongs to (the project model), imports a module: ((module,
    # SessionBackend), ...), the first that applies. Quart serves Flask's
    # session under its own name; Litestar's ServerSideSessionConfig and
    # pyramid_beaker keep the session on the server.
    backend_variants: tuple = ()
    # A literal setting in the project's code that puts a variant's session
    # elsewhere (pyramid_beaker's `settings.setdefault("session.type",
    # "cookie")`): ((variant module, setting, value, SessionBackend), ...),
    # applied when the code gives that value and no other for the setting
    # (summary `backend_settings`, see backend_set_by).
    backend_settings: tuple = ()
    # The session object as messages name it, and its attributes that hold
    # the session id (`request.session.session_key`).
    session_label: str = ""
    session_cookie: str = ""  # the session cookie's default name
    # Modules one of which the application imports to have the framework's
    # session at all (Litestar's session middleware configs); empty when
    # the session needs no set-up (Flask's, Django's). Without one, a cookie
    # of the default name is the application's own (a signed user id), and
    # the session's invalidation is no advice for its logout (SFX102).
    session_setup: tuple = ()
    session_id_attrs: frozenset = frozenset()
    session_store_class: str = ""  # `SessionStore(...).session_key`: a class by its last name
    session_id_calls: dict = field(default_factory=dict)  # qualname -> label: calls returning the id
    # Methods of its session object that move it to a new id (Django's
    # `cycle_key()`, `flush()`) and that end it (`flush()`, `delete()`).
    session_regenerate_methods: frozenset = frozenset()
    session_invalidate_methods: frozenset = frozenset()
    # Those of them that, given a key, act on the session stored under that
    # key, not on this one (Django's `delete(session_key)`):
    # `request.session.delete("user")` removes no key and ends nothing here.
    keyed_session_methods: frozenset = frozenset()
    # Session methods that set how long this session lives, its lifetime
    # the first argument (Django's `request.session.set_expiry(seconds)`,
    # a timedelta or a datetime too): a session setting (SFX304).
    session_expiry_methods: frozenset = frozenset()
    # Constants naming session keys (`request.session[SESSION_KEY]`): qualname -> key.
    session_key_constants: dict = field(default_factory=dict)
    # Session models looked up by key (`Session.objects.get(session_key=...)`).
    session_models: frozenset = frozenset()
    # Building URLs: functions, methods (`request.url_for`), redirects, and
    # redirects that reverse a route name with their extra arguments.
    url_builders: frozenset = frozenset()
    url_builder_methods: frozenset = frozenset()
    redirects: frozenset = frozenset()
    reversing_redirects: frozenset = frozenset()
    # Configuration as a module (Django's settings): names whose definition
    # marks one, stems of shared base modules others star-import, and calls
    # that configure settings in code (`settings.configure(...)`).
    settings_markers: frozenset = frozenset()
    # The markers whose value is one string (ROOT_URLCONF = "site.urls");
    # the others are lists, so a module constant such as `MIDDLEWARE =
    # "middleware"` marks nothing.
    settings_string_markers: frozenset = frozenset()
    # The settings a module gives to run a deployment on its own (Django's
    # ROOT_URLCONF): one that only test and development modules star-import
    # is the deployed settings when it gives one, and a library's defaults,
    # extended outside the repository, when it gives none (Misago's
    # misago/settings.py).
    settings_run_alone: frozenset = frozenset()
    # Words of a module's file or folder name that make a module of bare
    # configuration keys its settings module when nothing else tells
    # (`settings.py`, `settings/production.py`).
    settings_module_words: frozenset = frozenset()
    base_settings_stems: frozenset = frozenset()
    # Modules only application code imports, never a settings module
    # (`django.db`, `django.shortcuts`): a module importing one that
    # star-imports the settings to reach BASE_DIR (asbhp's models.py:
    # `from proj.settings import *`) is application code, neither a
    # settings module built on them nor one making them a shared base.
    application_modules: tuple = ()
    # The object code reads the settings through (`django.conf.settings`):
    # `settings.NAME` is what the project's settings modules give NAME
    # (ProjectFacts.settings_values).
    settings_object: str = ""
    # The environment variable naming the settings module a deployment runs
    # (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")`
    # in manage.py or wsgi.py): a module so named is deployed, even one named
    # like a base (summary `settings_named`, ProjectFacts.deployed_settings).
    settings_env: str = ""
    settings_configure: frozenset = frozenset()
    # Calls that run settings files in the calling module's namespace, as
    # star imports of them would (django-split-settings' `include(
    # "components/common.py", optional("local.py"))`, paths relative to the
    # module): the settings chain follows them (summary imports, and the
    # settings-module check of the module making the call).
    settings_includes: frozenset = frozenset()
    # Configuration as an object of the application (Flask's `app.config`):
    # the attribute that holds it, and its methods that set several keys at
    # once (`app.config.update(...)`, `from_mapping(...)`).
    config_attribute: str = ""
    config_update_methods: frozenset = frozenset()
    # Attributes of the application that set a configuration key
    # (`app.permanent_session_lifetime = timedelta(days=31)`: Flask's
    # PERMANENT_SESSION_LIFETIME), attribute -> key.
    app_config_attributes: dict = field(default_factory=dict)
    # The proxy to the running application a view reaches it through
    # (`flask.current_app`): its `app_config_attributes` set the key too.
    app_proxies: frozenset = frozenset()
    # A view may return `(body, status, headers)` and the framework builds
    # the response, Set-Cookie headers included, from it (Flask).
    tuple_responses: bool = False
    # Settings a settings module (one defining a `settings_markers` name, or
    # star-importing a chain of project modules that does) must give: a
    # production module that never does keeps the Setting's default,
    # reported at its line 1 (Django's SESSION_COOKIE_SECURE, RULES.md
    # Revision 2 "Django settings chains").
    settings_required: tuple = ()
    # A library's settings kept in one dict of the framework's settings
    # (SettingsDict): read where a settings module assigns it.
    settings_dict: object = None
    # Wrappers that list a middleware with its options (`Middleware(cls, ...)`).
    middleware_wrappers: frozenset = frozenset()
    # Methods of an application that install the middleware class passed
    # first, with its options (`app.add_middleware(SessionMiddleware, ...)`).
    middleware_methods: frozenset = frozenset()
    # Calls that act on the session (SFX101/SFX102), by qualified name:
    # `regenerate_calls` give it a new id (Django's `login()` cycles the key;
    # starsessions' `regenerate_session_id()`), `logout_calls` end it,
    # `bind_calls` write the user into it without a new id (Flask-Login's
    # `login_user()`: the event is the library's own, for its message), and
    # `session_writers` write it behind the scenes (`flash()`).
    regenerate_calls: frozenset = frozenset()
    # Calls returning the object that holds the session's id (starsessions'
    # get_session_handler(request)): assigning its `session_id` gives the
    # session a new id.
    session_handlers: frozenset = frozenset()
    logout_calls: frozenset = frozenset()
    # Calls that only expire the session cookie in the browser, leaving the
    # record on the server (CherryPy's `cherrypy.lib.sessions.expire()`): a
    # deletion of `session_cookie` (SFX102).
    cookie_expire_calls: frozenset = frozenset()
    bind_calls: frozenset = frozenset()
    # SFX102: one of its `bind_calls` inside a logout handler is no partial
    # removal of the session (Flask-Login's `login_user()`); a bind of a
    # framework not so marked is (aiohttp-security's `remember()`, a raw
    # `session["user_id"] = ...` write).
    bind_not_partial_in_logout: bool = False
    # Names of a policy that makes those calls act on the session (aiohttp-
    # security's `remember()` writes aiohttp-session's session only under
    # SessionIdentityPolicy): without one imported by the file or its
    # application, the calls are not session events. Empty: they always are.
    session_policy: tuple = ()
    # The session keys the library itself writes (Flask-Login's `_user_id`):
    # a project function named like one of its `logout_calls` that removes
    # one is a copy of that call (a vendored library), which SFX102 counts
    # as invalidation wherever it is called, not an application's logout.
    own_session_keys: frozenset = frozenset()
    # The identity keys the library's logout call removes (Flask-Login's
    # logout_user(): `_user_id`, `_fresh`): a copy of that call removes
    # them all. A function of the application's own that happens to share
    # the name and pops `_user_id` beside keys of its own (HiddifyPanel's
    # logout_user() popping `_user_id` and `_admin_id`) is its logout, judged
    # as one. Empty: `own_session_keys`.
    logout_session_keys: frozenset = frozenset()
    session_writers: frozenset = frozenset()
    regenerate_mechanism: str = ""  # the tag SessionBackend.regenerators names it by
    # Methods the framework calls on the project's own object at sign-in and
    # sign-out (a Pyramid security policy's `remember(self, request,
    # userid)` / `forget(self, request)`): login and logout handlers
    # whatever their class is called.
    login_hooks: frozenset = frozenset()
    # What a module writes to install the application's own object holding
    # those hooks (Pyramid's `config.set_security_policy(...)`,
    # `Configurator(authentication_policy=...)`): where the project installs
    # one and defines a logout hook as a method, the framework's call of
    # that name (`forget(request)`) runs the project's method.
    hook_setups: tuple = ()
    logout_hooks: frozenset = frozenset()
    # `app.session_interface.regenerate(session)`: (attribute, method).
    interface_regenerate: tuple = ()
    # What `fixlint fix` may call it on: a module-level application object of
    # one of these classes, or one of these proxies (`current_app`).
    interface_owners: frozenset = frozenset()
    interface_proxies: frozenset = frozenset()
    # Class-based views whose own methods log in or out (`super().form_valid()`
    # in a LoginView subclass), and those methods.
    login_views: frozenset = frozenset()
    logout_views: frozenset = frozenset()
    super_methods: frozenset = frozenset()
    # Signals sent after login / before logout, and the decorators that
    # connect a receiver to them.
    auth_signals: frozenset = frozenset()
    signal_receivers: frozenset = frozenset()
    # Classes whose subclasses' methods the framework calls inside another
    # handler's sign-in (Django's authentication backends, called by
    # authenticate()): those methods are no handlers.
    auth_backends: frozenset = frozenset()
    # ... and the methods that make a class one by what it defines, with no
    # such base, in a module importing the framework (horizon's
    # `KeystoneBackend(object)` with `authenticate` and `get_user`).
    auth_backend_protocol: frozenset = frozenset()
    # Classes whose subclasses' named methods the framework calls on every
    # request to find who is signed in (Starlette's AuthenticationBackend
    # `authenticate(conn)`, DRF's BaseAuthentication `authenticate(request)`):
    # base -> method names. A request's look-up, not a sign-in by its name:
    # a login only by what it does (a second factor checked there).
    request_auth_hooks: dict = field(default_factory=dict)
    # A session library is in use when a module imports it, when the
    # `session-backends` option names it, or when a config key marks it.
    option: str = ""
    config_markers: frozenset = frozenset()
    config_methods: frozenset = frozenset()  # `app.config.update(SESSION_TYPE=...)`
    extension_classes: frozenset = frozenset()  # `Session(app)`
    config_calls: tuple = ()  # ConfigCall values: extensions that write the project's config keys
    # Whether the library also runs the sessions of the framework it extends
    # under that framework's variants (`label_variants`: Quart under Flask's
    # adapter). Flask-Session does not: in a Quart app, `SESSION_TYPE` set or
    # a set-up elsewhere in the project marks nothing, and the session is
    # Quart's own signed cookie unless the module imports the library itself.
    serves_variants: bool = True
    # The project model (fixlint/project/): `project_marker` is the
    # summary fact, and the name in ProjectFacts.markers, saying the library
    # is set up in the application's code (Flask-Session's `Session(app)` in
    # the app factory): a library needs nothing more than this field. A construction in
    # `project_constructions` (`Flask(...)`, `LoginManager(...)`) is where
    # the project-wide cookie findings are reported: the `project_flags`
    # of its `project_cookie` no module of the project sets, when the
    # ProjectModel fact `project_use` holds.
    # A cookie-based engine a setting can choose (Django's `SESSION_ENGINE =
    # "...signed_cookies"`, or the `session-backends` option `cookie_option`):
    # its session then runs on `cookie_backend`.
    engine_setting: str = ""
    cookie_engine: str = ""
    cookie_backend: object = None
    cookie_option: str = ""
    project_marker: str = ""
    project_constructions: frozenset = frozenset()
    # WSGI dispatchers whose first argument serves what no mount matches
    # (Werkzeug's DispatcherMiddleware): an app built inside one, or whose
    # `wsgi_app` one replaces without wrapping the app's own, is an empty
    # frame that serves no view and sets no cookie (cve-search's wsgi.py).
    frame_dispatchers: frozenset = frozenset()
    project_flags: tuple = ()
    project_cookie: str = ""
    project_use: str = ""
    # What a module summary (fixlint/project/summary.py) reads for those
    # facts: uses of the framework's session (`flask.session`, `flash()`)
    # and packages that store in it (Flask-Login, Flask-WTF); configuration
    # loaders whose keys cannot be read (`from_pyfile`) and the one that
    # names a config object (`from_object`); the `bind_calls` argument that
    # asks for a remember-me cookie (`login_user(user, remember=True)`).
    # Methods that load a project module named by a dotted string, as an
    # import would (Pyramid's `config.include("pypicloud.auth")`): the
    # project model links the two modules.
    includes: frozenset = frozenset()
    session_users: frozenset = frozenset()
    session_user_packages: frozenset = frozenset()
    # Names of those packages whose import alone uses no session: a model's
    # `UserMixin` base class (HelpDesk's JSON API imports the web app's
    # models, which subclass Flask-Login's UserMixin).
    session_neutral_imports: frozenset = frozenset()
    unreadable_config_loaders: frozenset = frozenset()
    # Methods of the app's config taking a mapping (`app.config.update(...)`,
    # `from_mapping(...)`): given one fixlint cannot read (a loader's
    # answer, a parameter, `os.environ`), the configuration is unreadable.
    mapping_config_loaders: frozenset = frozenset()  # on `config_attribute`
    object_config_loader: str = ""
    remember_argument: str = ""
    # The `bind_calls` argument giving the remember-me cookie its own lifetime
    # (Flask-Login's `login_user(user, remember=True, duration=timedelta(days=14))`):
    # when every remembering call gives it, the lifetime setting's default is never used.
    remember_lifetime_argument: str = ""
    # A project's own session middleware (Django: a subclass of
    # `session_middleware` named in the `middleware_setting` list) that passes
    # `session_secure_argument` (not a literal False) to the cookie it sets
    # decides the session cookie's Secure flag itself.
    middleware_setting: str = ""
    session_middleware: frozenset = frozenset()
    session_secure_argument: str = ""
    advice: dict = field(default_factory=dict)  # rule code -> Advice
    fixtures: str = ""  # the folder under fixtures/ that exercises it
    # Sessions and requests.
    session_objects: frozenset = frozenset()
    # (module, name) a fix imports that session from when a handler lacks it
    # (`from flask import session`): it is an importable proxy, not the request's.
    session_import: tuple = ()
    # Calls whose (awaited) result is the session (aiohttp-session's
    # `session = await get_session(request)`).
    session_getters: frozenset = frozenset()
    # Keys of the WSGI environ its middleware puts the session under
    # (Beaker's `request.environ["beaker.session"]`, `environ.get(...)`).
    environ_sessions: frozenset = frozenset()
    # Attributes of the request's state namespace (`Requests.state_attributes`
    # of the framework it `extends`) that hold its session, once the library
    # is in use (sanic-session's `request.ctx.session`).
    state_sessions: frozenset = frozenset()
    # Methods of its request that act on the whole session: "clear" empties
    # it (Litestar's `request.clear_session()`), "write" sets it to the dict
    # given (`request.set_session({...})`).
    request_session_calls: dict = field(default_factory=dict)
    # Responses and their cookies.
    response_factories: frozenset = frozenset()  # calls that return a response
    response_types: frozenset = frozenset()  # classes for `response: T` annotations
    response_methods: frozenset = frozenset()  # `x.make_response(...)`-style methods
    # Module-level cookie jars of the current response, by qualified name
    # (CherryPy's `cherrypy.response.cookie`, a SimpleCookie): a morsel set
    # there is a cookie the response sends, with the flags its morsel is given.
    cookie_jars: frozenset = frozenset()
    # Session tools a configuration dict switches on (ConfigDict values).
    config_dicts: tuple = ()
    # The app attribute naming the class every response is built from
    # (Flask's `app.response_class = HardenedResponse`): a project class
    # there whose set_cookie sets a flag itself sets it on every cookie of
    # the application, the session cookie included (project/response_classes.py).
    response_class_attribute: str = ""
    # The app attribute holding the session interface (Flask's
    # `app.session_interface = MyInterface()`), and the interface methods
    # that answer a session cookie flag (`get_cookie_secure`): a project
    # interface overriding one with a value that is no literal False sets
    # that flag of the session cookie itself.
    session_interface_attribute: str = ""
    session_cookie_getters: dict = field(default_factory=dict)
    # The base class of a session interface (`flask.sessions.SessionInterface`,
    # as a class line spells its last name), and the SessionBackend of an
    # application whose own interface keeps sessions on the server under
    # an id a cookie carries (CTFd's CachingSessionInterface, Indico's
    # IndicoSessionInterface): project/response_classes.keyed_interfaces.
    session_interface_base: str = ""
    interface_backend: object = None
    # Cookie objects built with set_cookie's parameters and defaults
    # (Litestar's `Cookie(key=..., secure=...)`).
    cookie_classes: frozenset = frozenset()
    # Attributes of its request that are the response (`request.response`).
    response_attributes: frozenset = frozenset()
    # The positional parameters of its responses' `set_cookie` after `self`,
    # and its keywords spelled otherwise than fixlint's flag names, keyword ->
    # flag (Falcon's `http_only=`, `same_site=`): messages and fixes write
    # the framework's spelling.
    set_cookie_params: tuple = SET_COOKIE_PARAMS
    cookie_keywords: dict = field(default_factory=dict)
    # Further keywords read as a flag's, which messages do not spell (Bottle
    # 0.13's `same_site=` beside its `samesite=`), keyword -> flag.
    cookie_aliases: dict = field(default_factory=dict)
    cookie_defaults: dict = field(default_factory=dict)
    # Application options that change a flag's default for every cookie,
    # flag -> the option's attribute (Falcon's `app.resp_options.
    # secure_cookies_by_default = False`): set to a literal False in a
    # module of the project (summary `defaults_off`), a set_cookie that
    # does not give the flag goes without it.
    cookie_default_options: dict = field(default_factory=dict)
    # Keywords of its cookie setter that prefix the cookie's name when true
    # (Sanic's `add_cookie(..., host_prefix=True)`: `__Host-<key>`).
    cookie_name_prefixes: dict = field(default_factory=dict)
    # The response's attribute holding its cookie jar, whose own methods
    # set cookies too (Sanic's `response.cookies.add_cookie(...)`).
    cookie_jar_attribute: str = ""
    # How its cookie APIs spell SameSite=Lax (what `fixlint fix` writes):
    # "lax" where the type hints say `Literal["lax", "strict", "none"]`.
    samesite_lax: str = "Lax"
    # Cookie setters other than a `set_cookie` with `set_cookie_params`:
    # method -> positional parameters after `self` (Django's
    # `set_signed_cookie(key, value, salt)`); lifetime keywords -> the
    # seconds one unit is worth (empty: `max_age`/`expires` in seconds).
    cookie_setters: dict = field(default_factory=dict)
    cookie_lifetimes: dict = field(default_factory=dict)
    # Request handler classes whose instances are the response and read the
    # request (Tornado's RequestHandler): `self` in a subclass's method; a
    # base of the project's own counts, in a file importing the framework,
    # when its name ends with one of `handler_name_suffixes`.
    handler_classes: frozenset = frozenset()
    handler_name_suffixes: tuple = ()
    # Attributes of such a handler that hold a session the framework itself
    # does not give (Tornado has none): `self.session` is the application's
    # own, or a library's (torndsession), a record kept on the server under
    # an id its cookie carries (first_web's CacheSession,
    # tornado-redis-session's Session): a hand-rolled store's session.
    handler_session_attributes: frozenset = frozenset()
    # Calls that never return (Flask's `abort(401)` raises an HTTPException):
    # an `if` branch ending in one ends the handler, like `raise`.
    abort_calls: frozenset = frozenset()
    # Logins that are a signed cookie holding the user (Tornado): handler
    # methods issuing it (`self.set_signed_cookie("user", ...)`), those
    # reading it in `current_user_methods` (`get_current_user`), and those
    # that delete one cookie (first argument) or every cookie. A logout
    # handler of a module that has such a cookie must delete it: SFX102,
    # whose message and fix write `identity_cookie_clear` ({name}: the
    # cookie's name as a literal).
    identity_cookie_setters: frozenset = frozenset()
    identity_cookie_readers: frozenset = frozenset()
    current_user_methods: frozenset = frozenset()
    cookie_clearers: frozenset = frozenset()
    cookie_clear_all: frozenset = frozenset()
    # Response methods that delete one cookie, its name first
    # (`response.delete_cookie("sessionid")`): in a logout, deleting the
    # session cookie alone is SFX102 (RULES.md Revision 2).
    cookie_deleters: frozenset = frozenset(("delete_cookie",))
    # A token library's calls that delete its token cookies and nothing else
    # (flask-jwt-extended's `unset_jwt_cookies(response)`): qualified name ->
    # the cookies it deletes under their default names. `cookie_unsetter_methods`:
    # the same for methods of an instance of one of `token_classes`
    # (fastapi-jwt-auth's `Authorize: AuthJWT = Depends()`,
    # `Authorize.unset_jwt_cookies()`). The token stays valid (SFX102).
    cookie_unsetters: dict = field(default_factory=dict)
    cookie_unsetter_methods: dict = field(default_factory=dict)
    token_classes: frozenset = frozenset()
    token_revoke_fix: str = ""  # what SFX102 tells a logout that only unsets them to do
    identity_cookie_clear: str = ""
    # What a logout that only deletes that cookie should do as well: the
    # signed value stays valid until it expires (RULES.md Revision 2).
    identity_cookie_revoke: str = ""
    # Methods every handler inherits from the framework (`self.clear()`,
    # `self.flush()`): called in a logout, they revoke nothing on the server
    # whatever their names say.
    handler_methods: frozenset = frozenset()
    settings: tuple = ()  # Setting objects
    # Settings and session-middleware options whose literal True means the
    # whole app is served over HTTPS only (Django's SECURE_SSL_REDIRECT,
    # SESSION_COOKIE_SECURE; Starlette's `https_only`): `fixlint fix` may
    # then write Secure=True safely (fix/https.py).
    https_only: frozenset = frozenset()
    middleware: tuple = ()  # Middleware objects
    # Development markers in names of config classes and settings modules.
    notes: str = ""
    # Semgrep twins (issue 20): rule code -> a builder `(kit, framework)`
    # returning this adapter's exported Semgrep rows for that rule, in order.
    # `kit` is the rules' shared Semgrep helpers (fixlint/rules/
    # _lifecycle_semgrep.py), passed in because adapters import no rule code;
    # the rule modules loop over the registry and call these.
    semgrep_twins: dict = field(default_factory=dict)
    # What the shared SFX101/SFX102 Semgrep helpers read from every adapter:
    # whether a login or logout handler may be a method of its class-based
    # views (`routing.view_methods`, in a class named like one); calls on
    # the request's session that end it (`$R.session.flush()`) or give it a
    # new id (`$R.session.cycle_key()`) anywhere in a handler; and whether
    # its `logout_calls` end the session, and its `regenerate_calls` give a
    # new id, wherever a logout twin looks.
    semgrep_class_views: bool = False
    # Its session is the request's `request.session` that the shared
    # request-session twins judge together with the others so marked.
    semgrep_request_session: bool = False
    semgrep_session_enders: tuple = ()
    semgrep_session_cyclers: tuple = ()
    semgrep_trusted_logout: bool = False
    semgrep_trusted_regenerate: bool = False
    # SFX204's Semgrep twin takes a short session-id name (`sid = ...`) for a
    # session id only in a module that imports a framework so marked.
    semgrep_short_sid_names: bool = False
    # SFX202's Semgrep taint sources: Semgrep patterns of an expression that
    # is its session id (Flask-Session's `flask.session.sid`, Django's
    # `$REQ.session.session_key`); its `session_id_calls` are sources too.
    semgrep_session_ids: tuple = ()
    # The cookie rules' Semgrep twins: the forms that give the cookie
    # settings in code, as (pattern binding $KEY and $V, reported at the
    # value rather than the statement): Flask's `app.config[...] = ...`,
    # Django's `settings.configure(...)`.
    semgrep_config_forms: tuple = ()
    # A file importing any of its modules is left alone by SFX303's
    # missing-SameSite twin when a response is known only by its name
    # (Starlette's set_cookie defaults to Lax, and a FastAPI app may mount
    # a Flask one).
    semgrep_samesite_by_import: bool = False

    def remember_arguments(self, call):
        """(whether a call of one of its `bind_calls` sets the remember-me
        cookie, the lifetime it gives it or None): `login_user(user,
        remember=True, duration=timedelta(days=14))`, positionally
        `login_user(user, True, timedelta(days=14))`. A literal False, None
        or 0 remembers nothing."""
        given = [k.value for k in call.keywords if k.arg == self.remember_argument] + call.args[1:2]
        remembers = any(not (v.__class__ is ast.Constant and v.value in (False, None, 0)) for v in given)
        lifetime = next((k.value for k in call.keywords if self.remember_lifetime_argument
                         and k.arg == self.remember_lifetime_argument), call.args[2] if len(call.args) > 2 else None)
        return remembers, lifetime

    def label_in(self, ctx):
        """The label a message in `ctx`'s file gives the framework."""
        for package, label in self.label_variants:
            if ctx.imports(package):
                return label
        if not ctx.imports(*self.packages):  # a helper module of the application (project_web_framework)
            for package, label in self.label_variants:
                if ctx.project_imports(package):
                    return label
        return self.label

    def backend_set_by(self, module, backend, settings):
        """The backend the variant `module` (chosen as `backend`) runs on
        when the project's code gives `settings` ("setting=value" strings,
        the project model's `backend_settings`)."""
        for variant, name, value, chosen in self.backend_settings:
            if variant == module and f"{name}={value}" in settings and not any(
                    given.partition("=")[0] == name and given != f"{name}={value}" for given in settings):
                return chosen
        return backend

    def semgrep_imports(self):
        return self.semgrep_packages or self.packages

    def cookie_flag(self, keyword):
        """What a set_cookie keyword sets: the flag or parameter it spells
        (cookie_keywords, cookie_aliases), else the keyword itself."""
        return self.cookie_keywords.get(keyword) or self.cookie_aliases.get(keyword, keyword)

    def setting(self, name):
        for setting in self.settings:
            if setting.name == name:
                return setting
        return None


@dataclass(frozen=True)
class SessionBackend:
    """How a session store regenerates and invalidates: what SFX101/SFX102
    accept and which fix their messages name.

    `regenerators` are mechanism tags the lifecycle analysis records
    ("clear:flask", "cycle:django", ...); `order` says whether one must come
    before the binding ("before": clearing wipes what was written) or may
    come anywhere in the handler ("anywhere": the store moves the data to
    the new id)."""

    key: str
    label: str
    regenerators: frozenset
    order: str  # "before" | "anywhere"
    regenerate_fix: str  # what SFX101 tells the user to call
    invalidate_fix: str  # what SFX102 tells the user to call
    server_side: bool  # a record survives when only the cookie is deleted
    note: str = ""  # a pitfall the message adds (Flask-Session's clear())
    # Those of `regenerators` that cover the whole view wherever they sit,
    # also from a branch that ends it: a view that calls Django's login()
    # is never reported (RULES.md, "Regeneration").
    view_regenerators: frozenset = frozenset()
    # What `fixlint fix` writes (empty: no fix). Placeholders, filled with
    # the names the handler uses: {session} (`request.session`), {request}
    # (the request the session belongs to), {app} (the Flask application
    # object), {function} (the name `function_import` is bound to).
    regenerate_code: str = ""
    invalidate_code: str = ""
    function_import: tuple = ()  # (module, name)
    # The session object's own methods among those that advice names for
    # regenerating or ending a session (SESSION_LIFECYCLE_METHODS). A call of
    # one the backend lacks (`session.regenerate()` on Flask) raises
    # AttributeError, or does nothing when the error is caught: it neither
    # regenerates nor invalidates, and the message names the real call.
    session_methods: frozenset = frozenset()
    # What SFX101 says to call instead of such a method, when it must say
    # more than `regenerate_fix` (empty: `regenerate_fix`).
    instead_fix: str = ""
    # How bad SFX101 is on it, when `server_side` does not say all
    # (aiohttp-session's unsigned SimpleCookieStorage); empty: by `server_side`.
    consequence: str = ""
    signed: bool = True  # a cookie session's data is signed (False: SimpleCookieStorage's plain JSON)
    # Attributes of the session object whose assignment gives it a new id
    # (Quart-Session's `session.sid = str(uuid4())`: the record is saved, and
    # the cookie sent, under the new one): mechanism "renew:<attribute>".
    renewed_by: frozenset = frozenset()

    @property
    def possessive(self):
        """`Flask's`, `starsessions'`: for "Flask's session has no ...()"."""
        return f"{self.label}'" if self.label.endswith("s") else f"{self.label}'s"


def sessionless_backend(key, label, delete_cookie):
    """The SessionBackend of a framework with no session of its own
    (Falcon, Sanic): nothing regenerates or ends one; a login issues a new
    cookie, a logout deletes it (`delete_cookie`: the response's call)."""
    return SessionBackend(
        key=key,
        label=label,
        regenerators=frozenset(),
        order="before",
        regenerate_fix="issue a new session cookie at login",
        invalidate_fix=f"call {delete_cookie}() on the session cookie",
        server_side=False,
    )


# Session methods that advice on the web, or another backend, names for
# regenerating a session (`session.regenerate()` in Express and
# Flask-KVSession, Django's `cycle_key()`) and for ending one
# (`session.invalidate()` in Java servlets, `destroy()`, Django's `flush()`).
# Which of them a backend really has is its `session_methods`.
REGENERATE_METHODS = frozenset(("regenerate", "regenerate_id", "cycle_key", "flush"))
INVALIDATE_METHODS = frozenset(("invalidate", "destroy", "flush", "delete"))
SESSION_LIFECYCLE_METHODS = REGENERATE_METHODS | INVALIDATE_METHODS
# What a session shares with any mapping (`get`, `items`...): never a project session class's own method.
MAPPING_METHODS = frozenset(name for name in dir(dict) if not name.startswith("_"))


@lru_cache(maxsize=64)
def with_own_regeneration(backend, methods):
    """`backend` (a project interface's: Framework.interface_backend) with
    advice naming the methods of the application's own session class that
    give the session a new id (ProjectFacts.session_methods, less those that
    only end it): CTFd's `session.regenerate()`, Indico's
    `session.set_session_user()`. Unchanged when there is none."""
    renewing = sorted(m for m in methods if m in REGENERATE_METHODS or m not in INVALIDATE_METHODS)
    if not renewing:
        return backend
    calls = " or ".join(f"session.{method}()" for method in renewing)
    return replace(backend, regenerate_fix=(f"call {calls} before binding: the application's session class "
                                            f"gives the session a new id there"))
