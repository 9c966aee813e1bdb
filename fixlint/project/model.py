"""The project a checked file belongs to, and the facts its modules share.

The project root is the nearest folder above the file holding one of
ROOT_MARKERS. Every Python module under it (minus the usual excluded
folders) is summarised once (summary.py); a module's imports of other
project modules link them, and the modules linked to a file, directly or
through others, are its application: their facts are the file's project
facts. Following imports keeps two unrelated apps in one repository (or
two single-file examples side by side) apart. Third-party and stdlib code
is never read: an import resolves only to a file under the root.
"""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import NamedTuple

from .. import frameworks as fw
from ..analysis.identity import is_identity_key
from . import import_lines, settings_values
from .reexports import ReExports

ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git", "manage.py")


def _marks_root(folder, names=None):
    """Whether the markers of `folder` make it a root: not when its only
    marker is a `setup.py` beside an `__init__.py`, a module of a package
    (bunkerweb's setup-wizard blueprint `app/routes/setup.py`), which
    would cut the application in two there. `names`: the folder's names,
    when listed."""
    if names is not None:
        return "__init__.py" not in names or any(m in names for m in ROOT_MARKERS if m != "setup.py")
    return (not os.path.exists(os.path.join(folder, "__init__.py"))
            or any(os.path.exists(os.path.join(folder, m)) for m in ROOT_MARKERS if m != "setup.py"))


def _is_root(folder):
    """Whether `folder` holds a root marker that makes it a root: told from
    one listing of the folder (a look for each marker costs five system
    calls, most of them failing), or by looking when it cannot be listed
    (a folder one may enter but not read)."""
    try:
        names = set(os.listdir(folder))
    except OSError:
        return any(os.path.exists(os.path.join(folder, m)) for m in ROOT_MARKERS) and _marks_root(folder)
    return any(m in names for m in ROOT_MARKERS) and _marks_root(folder, names)


def find_root(path, known=None):
    """The project root of `path` (a file or folder), or None. `known`, a
    dict kept by the caller across calls, remembers the root of every folder
    passed on the way up, so that the files of one tree are not probed for
    markers folder by folder again (PROCESS_ROOTS: one for a whole run)."""
    folder = os.path.abspath(path)
    known = {} if known is None else known
    if folder in known:
        return known[folder]
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    passed = []
    while True:
        if folder in known:
            root = known[folder]
            break
        passed.append(folder)
        if _is_root(folder):
            root = folder
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            root = None
            break
        folder = parent
    for folder in passed:
        known[folder] = root
    return root


# find_root's `known` for a CLI run: the files' folders, each probed once
# by the project model and the test-code check alike (engine.checker).
PROCESS_ROOTS = {}


_NONE = frozenset()
# The summary facts that say a session library is set up (Framework.project_marker).
_MARKERS = tuple(sorted({f.project_marker for f in fw.FRAMEWORKS if f.project_marker}))
# The summary facts that say a project uses the cookie a project-wide finding
# is about (Framework.project_use: Flask's session, Flask-Login's remember-me
# cookie, Flask-JWT-Extended's token cookies).
_USES = tuple(sorted({f.project_use for f in fw.FRAMEWORKS if f.project_use}))


class ProjectFacts(NamedTuple):
    """What the modules of one application say, together."""

    keys: frozenset  # Flask/Flask-Login configuration keys given somewhere
    unreadable: bool  # configuration loaded from somewhere fixlint cannot read
    modules: int  # how many modules the application spans
    # The checked module with what it imports from the project, transitively
    # (a Django settings chain: production.py -> base.py):
    chain_keys: frozenset = frozenset()  # the keys they set
    chain_complete: bool = True  # every star import among them is a project module
    # What the functions the checked module imports from the project do
    # (functions.py), by the qualified name the module calls them by
    # (`auth.utils.log_in`, `.deps.get_session`):
    helpers: dict = {}
    # Flask keys given only as a module's bare names in an app that loads
    # only classes (`from_object(Config)`): key -> the module's file name.
    unloaded_keys: dict = {}
    # Every object its modules outside tests load with from_object is named
    # for development (`DevelopmentConfig`, `config["development"]`): a
    # development app (RULES.md: its session cookie flags are not judged).
    development_app: bool = False
    # Another project module star-imports the checked one: a shared base
    # (pretix/_base_settings.py under settings.py), never judged alone.
    shared_base: bool = False
    # For a shared base: the keys every deployment module built on it
    # (a module star-importing it, directly or through other shared
    # modules, that no other deployment module star-imports) sets itself
    # (`production.py`: `from .base import *`, `SESSION_COOKIE_SECURE = True`):
    # a value the base gives them is never what a deployment runs with.
    overridden_keys: frozenset = frozenset()
    # The MIDDLEWARE list the checked module (or its chain) gives names a
    # project subclass of Django's SessionMiddleware that sets the session
    # cookie's Secure flag itself.
    session_secured_by_code: bool = False
    # Some module of the application constructs the Flask app; without one
    # the code is an extension configuring a host app fixlint cannot see.
    builds_app: bool = True
    # The absolute modules its modules import, and the names they import
    # from them (`pyramid_beaker`, `aiohttp_security.SessionIdentityPolicy`):
    # which session backend an application runs on and whether a library's
    # calls reach the session (Framework.backend_variants, .session_policy).
    imported: frozenset = frozenset()
    # The cookie names the application's code (outside tests) may read
    # (cookie_reads.py); None when unknown (no project model).
    cookies_read: frozenset = frozenset()
    # Its code reads cookies, and the containers (by last name) it looks up
    # by a cookie's value (session_stores.py).
    reads_cookies: bool = False
    cookie_keyed: frozenset = frozenset()
    # The session backend choices (summary `backend_imports`) of the checked
    # module and the project modules next to it: those it imports and those
    # that import it (a demo's main.py that sets up SimpleCookieStorage for
    # its handlers.py), chosen before the rest of the application's.
    nearby_backends: frozenset = frozenset()
    # The backend settings (summary `backend_settings`, "setting=value") its
    # code outside tests gives: Framework.backend_set_by.
    backend_settings: frozenset = frozenset()
    # The session libraries the application's code outside tests sets up,
    # by their Framework.project_marker (Flask-Session's `Session(app)` in
    # the app factory, starsessions imported in main.py): the backend of
    # every module of the application.
    markers: frozenset = frozenset()
    # The project_use facts any module of the application holds (`session_use`,
    # `remember`, `jwt_cookies`): whose cookie a project-wide finding may be about.
    uses: frozenset = frozenset()
    # The sign-out hooks the application's own classes define (summary
    # `signout_hooks`: a Pyramid security policy's `forget(self, request)`)
    # when a module installing such an object names the class
    # (`installs_hooks`): the framework's call of that name runs the
    # project's method, judged where it is defined.
    signout_hooks: frozenset = frozenset()
    # For a module that builds an application (summary `builds_app`): the
    # project_use facts of the modules it is made of, those it imports
    # (transitively) and those that import it, not of every module linked
    # to it through a shared one (a monorepo's other service, which imports
    # the same utilities: magic-box's crypto service beside its user
    # service); None elsewhere, or when that is every module (`uses`).
    app_uses: frozenset = None
    # The string constants the checked module imports from the project, by
    # the qualified name the module uses (`app.consts.COOKIE_NAME`,
    # `.consts.COOKIE_NAME`): engine.values folds them as literals.
    constants: dict = {}
    # The numbers it imports from the project (summary `numbers`: `MAX_AGE
    # = 3600 * 24 * 365` in settings.py), by the same qualified names:
    # engine.values folds them where it reads a lifetime or an expiry only.
    numbers: dict = {}
    # The names it imports from the project that another module sets from
    # the environment with a string default (`config.COOKIE_NAME`:
    # "session"), by the same qualified names: read where they name a
    # cookie (analysis.cookies.cookie_name), never folded as constants.
    env_defaults: dict = {}
    # The URL path variables that the URL rules nearest the checked module
    # (its folder, else the folders above it) declare as numbers only
    # (`<int:session_id>`, not also `<session_id>`): an object's id where a
    # handler of that part of the application reads it
    # (`request.view_args["session_id"]`: Indico's timetable, whose rules
    # are in timetable/blueprint.py, its handlers in timetable/controllers/).
    int_path_params: frozenset = frozenset()
    # The checked module's profiled functions (summary `functions`) that
    # another project module outside test code imports: a login helper
    # named like a handler is then judged at its calls (lifecycle), not
    # at home.
    exported: frozenset = frozenset()
    # The cookie flags the application's own response class sets on every
    # cookie (`app.response_class = HardenedResponse`, whose set_cookie
    # sets samesite and a computed secure): project/response_classes.py.
    forced_flags: frozenset = frozenset()
    # The session cookie flags the application's own session interface
    # answers itself (`get_cookie_secure` returning `request.is_secure`).
    session_cookie_flags: frozenset = frozenset()
    # The session lifecycle methods (`regenerate`) the application's own
    # session classes define, in any of its modules outside tests: trusted
    # as the lifecycle analysis trusts those of the checked module.
    session_methods: frozenset = frozenset()
    # For a module that builds an application (summary `builds_app`): how
    # other project modules outside test code import from it: the names
    # they import by name (`from app import app`), "*" for a star import by
    # a module that builds no application of its own, "." for the module
    # itself (`import seller`, `from pkg import seller`). A module-level
    # `app = Flask(__name__)` nothing uses, here or through these, is a
    # stray copy pasted into a helper (analysis.cookies._stray_app).
    app_importers: frozenset = frozenset()
    # The web session's keys a module outside tests fills with a fresh
    # strong random id (summary `fresh_keys`: `request.session["id"] =
    # str(uuid.uuid4())`): the application's own session id, under which
    # a store keeps the sign-in; deleting that record at logout ends the
    # session (analysis.lifecycle._session_held_id).
    fresh_keys: frozenset = frozenset()
    # The application options a module outside tests sets to a literal
    # False that turn a cookie flag's default off (summary `defaults_off`:
    # Falcon's `resp_options.secure_cookies_by_default = False`): a
    # set_cookie of that framework that does not give the flag goes without it.
    cookie_defaults_off: frozenset = frozenset()
    # The checked module, named like a base, is the settings module the
    # project's manage.py, wsgi.py or asgi.py names for deployment (summary
    # `settings_named`: `DJANGO_SETTINGS_MODULE`), by its dotted path: judged
    # as a deployment module (`config/django/base.py`).
    deployed_settings: bool = False
    # The application's own session interface (summary `session_interfaces`,
    # assigned outside tests) is one of the project's classes that keep
    # sessions on the server under the id the cookie carries (summary
    # `keyed_interfaces`): the backend of its Flask session.
    keyed_interface: bool = False
    # The application subclasses the checked module imports from the
    # project, by the qualified name it uses, and the application each
    # derives from (`app.core.PortalFlask`: "flask.Flask"); likewise its
    # request-handler bases (`.index.BaseHandler`: "tornado.web.RequestHandler").
    app_classes: dict = {}
    # What the handler classes the checked module imports from the project do
    # with the identity cookie (project/handler_cookies.py), by qualified name.
    handler_cookies: dict = {}
    # The signed identity cookies the application's handler classes outside
    # tests set, or read in their current-user method (summary
    # `handler_cookies`' "identity": Tornado's `set_secure_cookie("user",
    # ...)` in handlers/login_handler.py): a logout handler in another
    # module (handlers/logout_handler.py) signs out of them.
    identity_cookies: frozenset = frozenset()
    # What code reading the framework's settings object sees, by qualified
    # name (`django.conf.settings.SIMPLE_JWT`: {"AUTH_COOKIE_SECURE": False}):
    # the cookie options the project's settings modules outside tests and
    # development give as literals (summary `settings_values`), where all
    # of them that bind the name agree; engine.values folds them.
    settings_values: dict = {}
    # The configuration keys an extension given the app writes over what
    # the app's configuration says (summary `forced_keys`: Flask-Talisman's
    # SESSION_COOKIE_HTTPONLY, SESSION_COOKIE_SAMESITE, SESSION_COOKIE_SECURE),
    # by the modules outside tests of the application, with the line of
    # the call in the checked module (None for another module's).
    forced_keys: dict = {}
    # A package of the same name sits beside the checked module (`settings/`
    # with an `__init__.py` beside settings.py): Python imports the package,
    # never this module (prometeo-api-example-django's old settings.py).
    shadowed: bool = False
    # The checked module is settings or a part of them (it gives a settings
    # marker, star-imports a chain that does, or a settings module outside
    # development and tests imports it: `settings/components/rest.py`): its
    # keys are the settings-module framework's (Django's), whatever else
    # could read them. Asked only of a module that sets configuration keys.
    in_settings: bool = False
    # The path prefixes other project modules mount the checked module's
    # routers and blueprints under, by the router's name in the checked
    # module (`{"router": ("/agents",)}` for webapp.py's
    # `include_router(agents.router, prefix="/agents")`): part of the route
    # path of every handler they register (summary `mounts`).
    mount_prefixes: dict = {}
    # The routes other project modules register for the checked module's
    # module-level functions and classes, by name: (framework key, path,
    # methods, class_only, suffix) each (`path("logout/", views.bye)` in
    # urls.py gives views.py {"bye": (("django", "logout/", (), False,
    # None),)}; summary `routes`).
    routed_elsewhere: dict = {}
    # A module the checked one star-imports is a deployment's settings
    # module judged on its own: not a development or test module, not a
    # base by its name (`base.py`, a package `default/`), and built on the project's modules
    # itself (`prod.py` star-importing base.py): a settings package's
    # `__init__.py` that only dispatches to it (`try: from .dev import *`,
    # `except ImportError: from .prod import *`) repeats its finding.
    star_imports_judged: bool = False
    # The checked module is a settings package's `__init__.py` that
    # re-exports the package's base (`from .base import *`) while another
    # module of the package builds the deployment's settings on that base
    # (`production.py`, judged on its own): the base under the package's
    # name, not a deployment's settings (unless a launcher names it).
    base_reexport: bool = False
    # The checked module is star-imported, directly or through another, by
    # the settings module the project's manage.py, wsgi.py or asgi.py names
    # (`config.settings`): a part of it, judged there with everything it
    # star-imports, not again on its own.
    settings_part: bool = False
    # The project's root folder (the common folder of the checked files
    # when they have no root): a path below it says whether a module is
    # test or development code, the root's own name does not (a project
    # checked out as `web-test/`).
    root: str = None
    # The names the checked module imports from a project module that
    # imports them from outside the project, by the qualified name the
    # module uses, and what they are (`.base_view.session`:
    # "flask.session"); and for each star import of a project module, by
    # the module as written, the names it gives so ({".base_view":
    # {"session": "flask.session", ...}}): engine.walker binds them so.
    reexports: dict = {}
    star_reexports: dict = {}


class Project:
    """Module summaries under one root, and the applications they form."""

    def __init__(self, root, summaries):
        self.root = root
        self.summaries = summaries  # absolute path -> summary dict
        self._modules = summaries.keys()  # for `in`, asked for every import: in C, whatever the mapping
        self._group = None  # absolute path -> frozenset of paths linked to it
        self._edges = None  # absolute path -> (project modules it imports, all star imports found)
        self._facts = {}
        self._stars = {}  # application (group) -> the paths another of its modules star-imports
        self._resolved = {}  # (importing folder, level, module, names) -> project modules
        self._from_bases = {}  # (search folders, relative?, module, names) -> project modules
        self._starts = {}  # importing folder -> where its absolute imports may start
        self._importers = None  # absolute path -> the project modules importing it
        self._path_params = None  # folder -> (int path variables, other ones) its URL rules declare
        self._mounts = None  # absolute path -> {router name: [prefixes]} other modules mount it under
        self._routes = None  # absolute path -> {name: [registrations]} other modules route to it
        self._judged = {}  # absolute path -> whether the settings check judges it on its own (_judged_alone)
        self._settings_parts = {}  # (absolute path, depth) -> _in_settings' answer
        self._exempt = {}  # absolute path -> _is_exempt_settings' answer
        self._settings_named = None  # the settings modules the project names for deployment (_deployed)
        self._parts = None  # the modules those settings modules star-import (_settings_part)
        self._stems = None  # the last names a project module can be imported by (_may_name)
        self._value_sources = None  # _find_value_sources()
        self._values = {}  # the folders a module sees settings under -> ProjectFacts.settings_values
        self._folders = None  # the folders holding project modules, below the root (_namespace)
        self._unmarked = None  # whether no marker makes the root one (_unmarked_root)
        self._test_code = {}  # absolute path -> whether it is test code (_is_test_code)
        self._cookie_names = {}  # absolute path -> the names its cookie deletions may give (cookie_names_in)
        self._reexports_of = None  # ReExports (reexports.py), made when a module's facts are asked for
        # The on-disk cache's text the model was read from or written to
        # (cache.encode), None without the cache: the same text, the same
        # facts for every module (results.py keys files by it).
        self.cache_text = None

    def with_module(self, path, facts):
        """This project with the module at `path` (absolute) summarised as
        `facts`: an editor's unsaved buffer. When `path` is one of its
        modules already, the set of modules is the same, and so is where
        every import resolves: the other modules' links are kept."""
        replaced = getattr(self.summaries, "replaced", None)
        summaries = replaced(path, facts) if replaced else {**self.summaries, path: facts}
        project = Project(self.root, summaries)
        if path in self.summaries:
            project._resolved, project._starts = self._resolved, self._starts
            self._link()
            edges = dict(self._edges)
            edges[path] = _edges(project, path)
            project._edges = edges
        return project

    def _link(self):
        if self._group is None:
            if self._edges is None:
                self._edges = {p: _edges(self, p) for p in self.summaries}
            self._group = _groups(self._edges)

    def save_links(self):
        """The resolved imports, relative to the root, for the cache."""
        self._link()
        rel = os.path.relpath
        return {rel(p, self.root): [[rel(t, self.root) for t in targets], stars]
                for p, (targets, stars) in self._edges.items()}

    def load_links(self, links):
        """Take the resolved imports from the cache (saved by save_links for
        the same modules); False when they do not fit."""
        if not isinstance(links, dict) or len(links) != len(self.summaries):
            return False
        edges, prefix, known = {}, os.path.join(self.root, ""), self.summaries.keys()
        try:
            for relative, (targets, stars) in links.items():
                path = prefix + relative  # relative paths from save_links: os.path.join's answer
                found = [prefix + t for t in targets]
                if path not in known or any(t not in known for t in found):
                    return False
                edges[path] = (found, bool(stars))
        except (TypeError, ValueError):
            return False
        self._edges = edges
        return True

    def facts_for(self, path):
        """The ProjectFacts of the application holding `path`, or None when
        the file is not one of the project's modules."""
        path = os.path.abspath(path)
        if path not in self._modules:
            return None
        self._link()
        group = self._group[path]
        found = self._facts.get(group)
        if found is None:
            found = _merge(
                [self.summaries[p] for p in group],
                [self.summaries[p] for p in group if not self._is_test_code(p)],
                any(self._loads_elsewhere(p) for p in group), group)
            reexported = self._reexported().used_in(group)
            found = self._facts[group] = found._replace(
                forced_flags=self._forced_flags(group),
                session_cookie_flags=self._forced_flags(group, "session_interfaces", "cookie_getter_classes"),
                keyed_interface=self._keyed_interface(group),
                uses=found.uses | reexported)
        keys, complete, chain = self._chain(path)
        shared = self._star_imported(path, group)
        helpers, constants, app_classes, env_defaults, numbers, handler_cookies, values = imported_names(self, path)
        # (a module importing no project module gets nothing through one)
        named, stars = self._reexported().of(path) if self._edges[path][0] else ({}, {})
        return found._replace(chain_keys=keys, chain_complete=complete, helpers=helpers, constants=constants,
                              app_classes=app_classes, env_defaults=env_defaults, numbers=numbers,
                              handler_cookies=handler_cookies,
                              reexports=named, star_reexports=stars,
                              exported=self._exported(path),
                              shared_base=shared,
                              deployed_settings=self._deployed(path),
                              overridden_keys=self._overridden_keys(path, group) if shared else frozenset(),
                              session_secured_by_code=self._secured_by_code(chain),
                              nearby_backends=self._nearby_backends(path),
                              int_path_params=self._int_path_params(path),
                              mount_prefixes=self._mount_prefixes(path),
                              routed_elsewhere=self._routed_elsewhere(path),
                              star_imports_judged=self._star_imports_judged(path),
                              base_reexport=self._base_reexport(path),
                              settings_part=self._settings_part(path),
                              app_uses=self._app_uses(path, group, found.uses),
                              app_importers=self._app_importers(path),
                              # (and those of a settings module imported directly: `from config import settings`)
                              settings_values={**self._settings_values(path), **values} if values
                              else self._settings_values(path),
                              forced_keys=self._forced_here(path, found.forced_keys),
                              shadowed=_join(path[:-3], "__init__.py") in self._modules,
                              in_settings=bool(self.summaries[path].get("keys") or self.summaries[path].get(
                                  "settings_values")) and self._in_settings(path),
                              root=self.root)

    def _app_uses(self, path, group, uses):
        """ProjectFacts.app_uses of the module at `path` in `group`."""
        if not uses or not self.summaries[path].get("builds_app"):
            return None
        near = self._related(path)
        if len(near) >= len(group):
            return None
        found = {use for use in _USES if any(self.summaries[p].get(use, False) for p in near)}
        return frozenset(found | self._reexported().used_in(near))

    def _related(self, path):
        """The modules `path` imports, transitively, and those that import
        it, transitively: the application a module building one is part of."""
        near = set()
        for step in (lambda p: self._edges[p][0], self._importers_of):
            seen, todo = {path}, [path]
            while todo:
                for other in step(todo.pop()):
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
            near |= seen
        return near

    def _loads_elsewhere(self, path):
        """Whether the module loads configuration fixlint cannot read: by a
        loader it cannot follow (summary `unreadable`), or `from_object`
        of a name imported from no module of the project (`from
        instance.config import config`, the instance folder kept out of
        git; an installed package's class), or of a string that names none
        (`from_object("settings")`, settings.py gitignored beside the
        settings.example.py the repository ships)."""
        facts = self.summaries[path]
        if facts["unreadable"]:
            return True
        folder = os.path.dirname(path)
        return any(not self.resolve_in(folder, level, module, names)
                   for level, module, names in facts.get("object_imports", ())) or any(
            not _link_targets(self.resolve_in, folder, dotted) for dotted in facts.get("object_links", ())) or any(
            not any(names[-1] in self.summaries[target].get("dict_names", ())
                    for target in self.resolve_in(folder, level, module, names))
            for level, module, names in facts.get("mapping_imports", ()))

    def _forced_flags(self, group, assigned="response_classes", classes="cookie_flag_classes"):
        """The cookie flags the application's response class sets on every
        cookie: the project classes its modules outside tests assign to an
        app's response class, and what their set_cookie sets (summary
        `response_classes`, `cookie_flag_classes`). With the session
        interface's fields, the flags its class's getters give the session
        cookie (`session_interfaces`, `cookie_getter_classes`)."""
        flags = set()
        for target, cls in self._assigned_classes(group, assigned):
            flags.update(self.summaries[target].get(classes, {}).get(cls, ()))
        return frozenset(flags) if flags else _NONE

    def _keyed_interface(self, group):
        """Whether the application's session interface is one of the
        project's classes that keep sessions under an id (summary
        `keyed_interfaces`)."""
        return any(cls in self.summaries[target].get("keyed_interfaces", ())
                   for target, cls in self._assigned_classes(group, "session_interfaces"))

    def _assigned_classes(self, group, assigned):
        """(module path, class name) for each name the application's modules
        outside tests assign to an app attribute (summary `assigned`:
        `response_classes`, `session_interfaces`)."""
        for path in group:
            written = self.summaries[path].get(assigned)
            if not written or self._is_test_code(path):
                continue
            for name in written:
                yield from self._class_targets(path, name)

    def _class_targets(self, path, written):
        """[(module path, class name)] a class name as `path` writes it
        may mean: imported by name (`from .wrappers import Hardened`), a
        module's attribute (`wrappers.Hardened` after `import app.wrappers`
        or `from app import wrappers`), or its own."""
        module, _, name = written.rpartition(".")
        folder = os.path.dirname(path)
        imports = self.summaries[path]["imports"]
        if not module:
            for level, imported, names in imports:
                if name in names:
                    return [(target, name) for target in self.resolve_in(folder, level, imported, ())]
            return [(path, name)]
        for level, imported, names in imports:
            if module in names:  # `from app import wrappers`
                dotted = f"{imported}.{module}" if imported else module
                return [(target, name) for target in self.resolve_in(folder, level, dotted, ())[:1]]
        return [(target, name) for target in self.resolve_in(folder, 0, module, ())[:1]]

    def cookie_names_in(self, path):
        """{name as the module `path` writes it: its string value} for the
        names a cookie deletion of one of its functions may give (a profile's
        `["delete_cookie", None, name]`): its own module-level constants and
        environment defaults by name, and those it imports from the project
        by qualified name (`config.COOKIE_NAME`), also by the bare name for
        a relative import (`from .config import COOKIE_NAME`) and by the
        module's (`config.COOKIE_NAME` after `from . import config`)."""
        found = self._cookie_names.get(path)
        if found is None:
            summary = self.summaries[path]
            found = {**summary.get("env_defaults", {}), **summary.get("constants", {})}
            _, constants, _, env_defaults, _, _, _ = imported_names(self, path, resolve_cookies=False)
            for qualified, value in (*env_defaults.items(), *constants.items()):
                found[qualified] = value
                if qualified.startswith("."):  # `from .config import COOKIE`, `from . import config`
                    found.setdefault(qualified.rpartition(".")[2], value)
                    found.setdefault(".".join(qualified.rsplit(".", 2)[-2:]), value)
            self._cookie_names[path] = found
        return found

    def bound_name(self, path, name):
        """What the module at `path` binds `name` to from outside the
        project (reexports.ReExports.bound_name)."""
        return self._reexported().bound_name(path, name)

    def _reexported(self):
        if self._reexports_of is None:
            self._reexports_of = ReExports(self.summaries, self.resolve_in)
        return self._reexports_of

    def _importers_of(self, path):
        """The project modules importing `path`."""
        if self._importers is None:
            importers = {}
            for source, (targets, _) in self._edges.items():
                for target in targets:
                    importers.setdefault(target, []).append(source)
            self._importers = importers
        return self._importers.get(path, ())

    def _exported(self, path):
        """The profiled functions of `path` (summary `functions`) that a
        project module outside test code and package `__init__` modules
        imports: by name (`from
        app.authutil import login_user`), or all of them with the module
        (`from app import authutil`, `import app.authutil`, a star import);
        also through a package `__init__` that re-exports them (`from
        .authutil import login_user`) to such a module."""
        functions = self.summaries[path].get("functions")
        if not functions:
            return _NONE
        # (a class or static method is called through its class: `AuthController.login(...)`)
        through_class = frozenset(name for name, profile in functions.items() if profile.get("static"))
        found = self._imported_by_callers(path, frozenset(functions), through_class=through_class)
        return frozenset(found) if found else _NONE

    def _settings_values(self, path):
        """ProjectFacts.settings_values for the module at `path`: from the
        settings under the folders above it that hold a manage.py (a
        repository of several Django projects, each with its own), and
        those under none."""
        sources = self._value_sources
        if sources is None:
            sources = self._value_sources = self._find_value_sources()
        if not sources:
            return _NO_VALUES
        scopes = tuple(scope for scope in sources if scope is None or path.startswith(scope))
        found = self._values.get(scopes)
        if found is None:
            given = {}
            for scope in scopes:
                for values in sources[scope]:
                    for name, value in values.items():
                        given.setdefault(name, []).append(value)
            found = {}
            for name, values in given.items():
                first = values[0]
                if first != settings_values.UNKNOWN and all(value == first for value in values[1:]):
                    for owner in _SETTINGS_OBJECTS:
                        found[f"{owner}.{name}"] = first
            found = self._values[scopes] = found or _NO_VALUES
        return found

    def _find_value_sources(self):
        """{the folder of the nearest manage.py above, or None: [summary
        `settings_values`]} of the settings modules and their parts outside
        development and tests."""
        launchers = None
        sources = {}
        for path in self._modules_holding("settings_values"):
            values = self.summaries[path].get("settings_values")
            if not values or self._is_exempt_settings(path) or not self._in_settings(path):
                continue
            if launchers is None:
                launchers = sorted((os.path.dirname(p) for p in self.summaries if os.path.basename(p) == "manage.py"),
                                   key=len, reverse=True)
            scope = next((_join(folder, "") for folder in launchers if path.startswith(_join(folder, ""))), None)
            sources.setdefault(scope, []).append(values)
        return sources

    def _forced_here(self, path, keys):
        """ProjectFacts.forced_keys for the module at `path`: the
        application's, with the line of the module's own call that writes
        each (a literal the module sets after that line is what runs)."""
        own = self.summaries[path].get("forced_keys") if keys else None
        if not own:
            return keys
        return {**keys, **{key: line for key, line in own}}

    def _in_settings(self, path, depth=0):
        """Whether the module at `path` is settings (it gives a settings
        marker, INSTALLED_APPS, or star-imports a module that does) or a
        part of them (a settings module outside
        development and tests imports it: `from .jwt import *` in
        settings/base.py)."""
        key = (path, depth)
        found = self._settings_parts.get(key)
        if found is None:
            if not _SETTINGS_MARKERS.isdisjoint(self._chain(path)[0]):
                found = True  # (a deployment module built on a base by a star import: production.py)
            elif depth >= _SETTINGS_DEPTH:
                found = False
            else:
                found = any(not self._is_exempt_settings(source) and self._in_settings(source, depth + 1)
                            for source in self._importers_of(path))
            self._settings_parts[key] = found
        return found

    def _app_importers(self, path):
        """ProjectFacts.app_importers for the module at `path`."""
        if not self.summaries[path].get("builds_app", False):
            return _NONE
        found = set()
        for source in self._importers_of(path):
            if self._is_test_code(source):
                continue
            for level, module, listed, bound in self._imports_from(source, path):
                if bound is not None:  # the module itself: `import seller`, `from pkg import seller`
                    found.add(".")
                elif "*" not in listed:
                    found.update(listed)
                elif not self.summaries[source].get("builds_app", False):
                    found.add("*")
        return frozenset(found) if found else _NONE

    def _imports_from(self, source, path):
        """How the module `source` imports the module at `path`: (level,
        module, names, None) for each `from module import names` of it, and
        (level, module, name, name) for each import of the module itself,
        `name` what the importer calls it by (`from app import authutil`:
        "authutil"; `import app.authutil`: level 0 and "app.authutil")."""
        resolve = self.resolve_in
        folder = os.path.dirname(source)
        for level, module, listed in self.summaries[source]["imports"]:
            if listed:
                if path in resolve(folder, level, module, ()):
                    yield level, module, listed, None
                for name in listed:  # a submodule: `from app import authutil`
                    if (name != "*" and self._may_name(_as_path(name))
                            and path in resolve(folder, level, f"{module}.{name}" if module else name, ())[:1]):
                        yield level, module, name, name
            elif module and path in resolve(folder, level, module, ())[:1]:
                yield 0, module, module, module

    def _imported_by_callers(self, path, names, depth=0, through_class=frozenset()):
        """The `names` defined in `path` that a project module outside test
        code imports, directly or through `__init__` re-exports; those of
        `through_class` (class and static methods, `Class.method`) only
        where the importer calls them through the class."""
        found = set()
        resolve = self.resolve_in
        for source in self._importers_of(path):
            if self._is_test_code(source):
                continue
            folder = os.path.dirname(source)
            if os.path.basename(source) == "__init__.py":
                # A package's __init__ re-exports (Flask-Login's login_user): no call
                # there, but a module importing the name from the package calls it.
                if depth < _REEXPORT_DEPTH:
                    again = {name for level, module, listed in self.summaries[source]["imports"]
                             if listed and path in resolve(folder, level, module, ())
                             for name in listed if name in names}
                    if again:
                        found |= self._imported_by_callers(source, frozenset(again), depth + 1, through_class)
                continue
            calls = self.summaries[source].get("calls", ())
            for level, module, listed, bound in self._imports_from(source, path):
                if bound is not None:  # the module: `from app import authutil`, `import app.authutil`
                    found.update(n for n in names if _calls(calls, level, module, bound, bound, n))
                elif "*" in listed:
                    return set(names)
                else:  # a function by its name, a class's method by its class's (`User.sign_in`)
                    found.update(name for name in names if name.partition(".")[0] in listed and (
                        (name in calls or f"{name.partition('.')[0]}.*" in calls) if name in through_class
                        else _calls(calls, level, module, name.partition(".")[0], None, name)))
        return found

    def _modules_holding(self, *fields):
        """The project's modules whose summary may hold one of `fields`:
        every module, or, from a cache's undecoded summaries (may_hold),
        only those whose text names one, so that the rest stay undecoded."""
        summaries = self.summaries
        may_hold = getattr(summaries, "may_hold", None)
        for module in summaries.keys():
            if may_hold is None or any(may_hold(module, field) for field in fields):
                yield module

    def _int_path_params(self, path):
        """ProjectFacts.int_path_params for the module at `path`."""
        by_folder = self._path_params
        if by_folder is None:
            by_folder = self._path_params = {}
            summaries = self.summaries
            for module in self._modules_holding("int_path_params", "other_path_params"):
                facts = summaries[module]
                if (facts.get("int_path_params") or facts.get("other_path_params")) and not self._is_test_code(module):
                    found = by_folder.setdefault(os.path.dirname(module), (set(), set()))
                    found[0].update(facts.get("int_path_params", ()))
                    found[1].update(facts.get("other_path_params", ()))
        if not by_folder:
            return _NONE
        decided = {}  # name -> declared a number, by the nearest folder that declares it
        folder, root = os.path.dirname(path), self.root
        while True:
            found = by_folder.get(folder)
            if found is not None:
                for name in found[1]:
                    decided.setdefault(name, False)  # `<session_id>` here, even beside an `<int:session_id>`
                for name in found[0]:
                    decided.setdefault(name, True)
            parent = os.path.dirname(folder)
            if folder == root or parent == folder or not folder.startswith(root):
                break
            folder = parent
        numbers = frozenset(name for name, number in decided.items() if number)
        return numbers or _NONE

    def _star_imports_judged(self, path):
        """ProjectFacts.star_imports_judged for the module at `path`."""
        if not self._stars_any(path):
            return False
        facts = self.summaries[path]
        for level, module, names in facts["imports"]:
            if "*" not in names:
                continue
            for target in self.resolve(path, level, module, names):
                if target != path and self._judged_alone(target):
                    return True
        return False

    def _base_reexport(self, path):
        """ProjectFacts.base_reexport for the module at `path`: a package's
        `__init__.py`, named by no launcher, whose star imports are all of
        bases of its own package (`from .base import *`), one of which
        another module of the package builds a settings module judged on
        its own on (`production.py`: `from .base import *`)."""
        if os.path.basename(path) != "__init__.py" or not self._stars_any(path) or self._named_for_deployment(path):
            return False
        folder = os.path.dirname(path)
        bases = set()
        for level, module, names in self.summaries[path]["imports"]:
            if "*" not in names:
                continue
            for target in self.resolve(path, level, module, []):
                if os.path.dirname(target) != folder or _stem(target) not in _BASE_STEMS:
                    return False
                bases.add(target)
        if not bases:
            return False
        for other in self.summaries:
            if other == path or os.path.dirname(other) != folder or not self._stars_any(other):
                continue
            if any(target in bases for level, module, names in self.summaries[other]["imports"] if "*" in names
                   for target in self.resolve(other, level, module, [])) and self._judged_alone(other):
                return True
        return False

    def _judged_alone(self, path):
        """Whether the settings check judges the module at `path` on its own
        (see ProjectFacts.star_imports_judged), once per module: never a
        part of the settings module the project deploys (_settings_part),
        which is judged with its parts."""
        found = self._judged.get(path)
        if found is None:
            found = False
            if self._settings_part(path):
                self._judged[path] = found
                return found
            # base.py, or a package named so (`configs/default/__init__.py`)
            based = _stem(path) in _BASE_STEMS
            # A module that stands alone is a shared base once another star-imports it.
            if not based and any("*" in listed for _, _, listed in self.summaries[path]["imports"]):
                if not self._is_exempt_settings(path):
                    keys, complete, _ = self._chain(path)
                    found = complete and not _SETTINGS_MARKERS.isdisjoint(keys)
            self._judged[path] = found
        return found

    def _mount_prefixes(self, path):
        """ProjectFacts.mount_prefixes for the module at `path`: the mounts
        (summary `mounts`) of the application's modules outside tests,
        each resolved to the module whose router it mounts, once."""
        found = self._mounts
        if found is None:
            found = self._mounts = self._by_target("mounts", lambda prefix: prefix)
        mine = found.get(path)
        return {name: tuple(prefixes) for name, prefixes in mine.items()} if mine else _NO_MOUNTS

    def routed_modules(self):
        """The modules other modules route to (_routed_elsewhere)."""
        return self._routes_by_module().keys()

    def _routed_elsewhere(self, path):
        """ProjectFacts.routed_elsewhere for the module at `path`."""
        mine = self._routes_by_module().get(path)
        return {name: tuple(entries) for name, entries in mine.items()} if mine else _NO_MOUNTS

    def _routes_by_module(self):
        """The routes (summary `routes`) the application's modules outside
        tests register, each resolved to the module defining its view, once:
        {module: {name: [registrations]}}."""
        found = self._routes
        if found is None:
            found = self._routes = self._by_target(
                "routes", lambda framework, route, methods, class_only, suffix: (
                    framework, route, tuple(methods), class_only, suffix))
        return found

    def _by_target(self, field, value):
        """{module: {name: [values]}} from the summary `field` of the
        application's modules outside tests, whose entries name an object
        of another module as [level, module, name, *rest] (`mounts`,
        `routes`): each resolved to the module that defines it, `value(*rest)`
        kept once per name."""
        found = {}
        summaries = self.summaries
        for module in self._modules_holding(field):
            listed = summaries[module].get(field)
            if not listed or self._is_test_code(module):
                continue
            for level, dotted, name, *rest in listed:
                kept = value(*rest)
                for target in self.resolve(module, level, dotted, ())[:1]:
                    if target == module:
                        continue
                    values = found.setdefault(target, {}).setdefault(name, [])
                    if kept not in values:
                        values.append(kept)
        return found

    def _nearby_backends(self, path):
        """The backend choices of `path` and of the project modules it
        imports or that import it (see ProjectFacts.nearby_backends)."""
        self._importers_of(path)
        found = set()
        summaries = self.summaries
        empty = getattr(summaries, "empty_list", None)  # a cache's undecoded summaries
        for near in (path, *self._edges[path][0], *self._importers.get(path, ())):
            if empty is None or not empty(near, "backend_imports"):
                found.update(summaries[near].get("backend_imports", ()))
        return frozenset(found) if found else _NONE

    def _chain(self, path):
        """The keys `path` and what it star-imports set, whether its star
        imports were all followed, and the modules it spans. Only a module
        that star-imports (a settings chain) is followed: for the others,
        their own keys. The chain is its star imports (and configuration
        loaded by name, `from_object("config.Production")`), followed on;
        an import by name adds only the keys it names (`from .security
        import SESSION_COOKIE_SECURE`), not the module: a views module
        star-importing its models is no settings module because it also
        imports a decorator from a module that reads the settings."""
        if not self._stars_any(path):
            return frozenset(self.summaries[path]["keys"]), True, [path]
        keys, complete = set(), True
        seen, stack = {path}, [path]
        while stack:
            current = stack.pop()
            facts = self.summaries[current]
            keys.update(facts["keys"])
            complete = complete and self._edges[current][1]
            folder = os.path.dirname(current)
            followed = []
            for level, module, names in facts["imports"]:
                found = self.resolve_in(folder, level, module, names)
                if "*" in names:
                    followed.extend(found)
                else:
                    for target in found:
                        keys.update(name for name in names if name in self.summaries[target]["keys"])
            for dotted in facts["links"]:
                followed.extend(_link_targets(self.resolve_in, folder, dotted))
            for target in followed:
                if target not in seen and not _application_code(self.summaries[target]):
                    seen.add(target)
                    stack.append(target)
        return frozenset(keys), complete, sorted(seen)

    def _relative(self, path):
        prefix = _join(self.root, "")
        return PurePath(path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, self.root))

    def _is_test_code(self, path):
        found = self._test_code.get(path)
        if found is None:
            found = self._test_code[path] = fw.is_test_code(self._relative(path))
        return found

    def _is_exempt_settings(self, path):
        """Test code, or a settings module named for development or testing
        (settings/dev.py, local_settings.py, test_settings.py)."""
        found = self._exempt.get(path)
        if found is None:
            found = self._exempt[path] = self._is_test_code(path) or fw.is_dev_module(self._relative(path))
        return found

    def _deployed(self, path):
        """ProjectFacts.deployed_settings for the module at `path`: its
        dotted path (from the root, or a tail of it under a source folder)
        is a settings module some module of the project names."""
        if _stem(path) not in _BASE_STEMS:
            return False  # (only a module named like a base is judged by it: most never ask)
        return self._named_for_deployment(path)

    def _named_for_deployment(self, path):
        named = self._settings_named
        if named is None:  # the launchers' summaries alone: the others stay undecoded
            named = self._settings_named = frozenset(
                name for p in self.summaries if os.path.basename(p) in _LAUNCHERS
                for name in self.summaries[p].get("settings_named", ()))
        if not named:
            return False
        parts = self._relative(path).with_suffix("").parts
        dotted = ".".join(parts[:-1] if parts and parts[-1] == "__init__" else parts)
        return any(dotted == name or dotted.endswith("." + name) for name in named)

    def _settings_part(self, path):
        """ProjectFacts.settings_part for the module at `path`: a module the
        settings module the project names for deployment star-imports,
        directly or through another (logistic-company's
        `config/settings/environments/__init__.py` under `config.settings`),
        found once per project."""
        parts = self._parts
        if parts is None:
            parts = set()
            if any(os.path.basename(p) in _LAUNCHERS for p in self.summaries):
                for module in self.summaries:  # (paths: only the named modules' summaries are decoded)
                    if not self._named_for_deployment(module) or not self._stars_any(module):
                        continue
                    pending, seen = [module], {module}
                    while pending:
                        current = pending.pop()
                        for level, dotted, names in self.summaries[current]["imports"]:
                            if "*" not in names:
                                continue
                            for target in self.resolve(current, level, dotted, []):
                                if target not in seen:
                                    seen.add(target)
                                    pending.append(target)
                                    parts.add(target)
            # (a module named itself is a deployment's, whatever other named modules build on it:
            # wsgi.py's `config.settings.base` under manage.py's `config.settings.dev`)
            parts = self._parts = frozenset(p for p in parts if not self._named_for_deployment(p))
        return path in parts

    def _stars_any(self, path):
        return any("*" in names for _, _, names in self.summaries[path]["imports"])

    def _star_imported(self, path, group):
        """Whether another module star-imports `path`: one of its
        application (`group`), since a star import links the two. The
        star-imported paths are found once per application. Test code and
        development/test settings modules (fw.is_dev_module) count only for
        a module that cannot run a deployment alone (it gives none of a
        framework's `settings_run_alone`: Misago's library defaults, which
        its dev project and every deployment extend): Tandoor's
        test_settings.py star-imports the deployed settings.py, which
        gives ROOT_URLCONF and stays judged alone."""
        stars = self._stars.get(group)
        if stars is None:
            stars = self._stars[group] = (set(), set())  # by other modules, by test/dev modules only
            for other in group:
                if _application_code(self.summaries[other]):
                    continue  # models.py star-importing the settings for BASE_DIR: no settings built on them
                found = stars[1] if self._is_exempt_settings(other) else stars[0]
                for level, module, names in self.summaries[other]["imports"]:
                    if "*" in names:
                        found.update(t for t in self.resolve(other, level, module, []) if t != other)
        return path in stars[0] or (path in stars[1] and _RUN_ALONE.isdisjoint(self.summaries[path]["keys"]))

    def _overridden_keys(self, path, group):
        """ProjectFacts.overridden_keys of the shared base at `path`: empty
        unless a deployment module (not development or test settings) is
        built on it and every one of them sets the keys itself."""
        importers = {}  # module -> the group's deployment modules star-importing it
        for other in group:
            if other == path or self._is_exempt_settings(other):
                continue
            for level, module, names in self.summaries[other]["imports"]:
                if "*" in names:
                    for target in self.resolve(other, level, module, []):
                        importers.setdefault(target, set()).add(other)
        leaves, seen, pending = [], {path}, [path]
        while pending:
            current = pending.pop()
            for importer in importers.get(current, ()):
                if importer in seen:
                    continue
                seen.add(importer)
                pending.append(importer)
                if importer not in importers:
                    leaves.append(importer)
        if not leaves:
            return frozenset()
        return frozenset.intersection(*(frozenset(self.summaries[leaf]["keys"]) for leaf in leaves))

    def _secured_by_code(self, chain):
        """Whether a middleware the `chain` modules list is a project class
        that sets the session cookie's Secure flag itself."""
        for path in chain:
            for dotted in self.summaries[path].get("middleware", ()):
                module, _, name = dotted.rpartition(".")
                if not module:
                    continue
                for target in self.resolve(path, 0, module, []):
                    if name in self.summaries[target].get("secure_sessions", ()):
                        return True
        return False

    # -- resolving imports ------------------------------------------------
    def resolve(self, importer, level, module, names):
        """The project modules an import statement of `importer` names (the
        same statement in the modules of one folder names the same ones)."""
        return list(self.resolve_in(os.path.dirname(importer), level, module, names))

    def resolve_in(self, folder, level, module, names):
        """resolve() for an importer in `folder`, as a tuple."""
        names = tuple(names)
        key = (folder, level, module, names)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(folder, level, module, names)
        return found

    def _resolve(self, folder, level, module, names):
        """The same import from folders that share their search folders (the
        modules of one package) names the same modules: looked up once.
        `from __main__ import app` names the module run as a script
        (summary `runs_main`) in the importer's search folders."""
        if not level and module == "__main__":
            return self._main_modules(folder)
        if level:
            base = folder
            for _ in range(level - 1):
                base = os.path.dirname(base)
            bases = (base,)
        else:
            bases = self._search_folders(folder)
        key = (bases, bool(level), module, names)
        found = self._from_bases.get(key)
        if found is None:
            found = self._from_bases[key] = tuple(self._lookup(bases, level, module, names))
        return found

    def _main_modules(self, folder):
        bases = self._search_folders(folder)
        found = tuple(path for path in sorted(self.summaries) if os.path.dirname(path) in bases
                      and self.summaries[path].get("runs_main"))
        return found[:1]

    def _lookup(self, bases, level, module, names):
        dotted = _as_path(module)
        if module and not self._may_name(dotted) and not any(self._may_name(name) for name in names):
            return []  # `import os`, `from typing import Any`: most imports name no project module
        for base in bases:
            target = _join(base, dotted) if module else base
            found = self._module_file(target)
            if found is None and not (level and not module) and not (names and self._namespace(target)):
                continue
            linked = [found] if found else []
            for name in names:
                sub = self._module_file(_join(target, name))
                if sub:
                    linked.append(sub)
            if linked:
                return linked
        return []

    def _may_name(self, relative):
        """Whether `relative` (a path below a search folder) may be a project
        module: its last name is one a module's file (`auth.py`) or package
        (`auth/__init__.py`) has. Only a module's path can be asked, so a
        name no module has answers every base at once."""
        leaf = relative.rpartition(os.sep)[2]
        if not leaf or (os.altsep and os.altsep in relative):
            return True  # an odd path: let _module_file say
        stems = self._stems
        if stems is None:
            stems = set()
            for path in self._modules:
                folder, _, name = path.rpartition(os.sep)
                stems.add(name[:-3] if name.endswith(".py") else name)
                if name == "__init__.py":
                    stems.add(folder.rpartition(os.sep)[2])
            self._stems = stems
        return leaf in stems

    def _namespace(self, target):
        """Whether `target` is a folder of project modules with no
        `__init__.py`, a namespace package (PEP 420: `from app.auth import
        utils` where `app/` and `app/auth/` have none); not the root of a
        project its markers make one (a checkout named `flask` is no
        `flask` package)."""
        folders = self._folders
        if folders is None:
            folders = set()
            for path in self._modules:
                folder = os.path.dirname(path)
                while folder not in folders and len(folder) > len(self.root):
                    folders.add(folder)
                    folder = os.path.dirname(folder)
            if self._unmarked_root():
                folders.add(self.root)
            self._folders = folders
        return target in folders

    def _unmarked_root(self):
        """Whether no marker makes the root one (the common folder of
        checked files with no project: an unpacked app without `.git`)."""
        found = self._unmarked
        if found is None:
            found = self._unmarked = not any(os.path.exists(_join(self.root, m)) for m in ROOT_MARKERS)
        return found

    def _module_file(self, target):
        modules = self._modules
        candidate = target + ".py"
        if candidate in modules:
            return candidate
        candidate = _join(target, "__init__.py")
        return candidate if candidate in modules else None

    def _search_folders(self, importing):
        """Where an absolute import from a module in the folder `importing`
        may start: the folder above its top package (its script folder),
        the root, root/src; above the root when the root is itself the
        top package (the checked folder is `pretix/`, whose modules import
        `pretix.x`); then each package it is in, the top one first."""
        found = self._starts.get(importing)
        if found is None:
            folder = importing
            packages = []
            while folder != self.root and os.path.join(folder, "__init__.py") in self._modules:
                packages.append(folder)
                folder = os.path.dirname(folder)
            folders = [folder, self.root, os.path.join(self.root, "src")]
            if os.path.join(self.root, "__init__.py") in self._modules or self._unmarked_root():
                # The root is itself the top package (`pretix/`), or, with no
                # marker, may be one without `__init__.py`: the common folder
                # of the checked files is `app/` when every module is in it
                # (`from app.auth.utils import ...`).
                folders.append(os.path.dirname(self.root))
            # The folders above it up to the root, in a tree of namespace
            # packages (PEP 420, no `__init__.py`): an app run from one of
            # them (`cd backend && uvicorn app.main:app`) imports from there.
            up = folder
            while len(up) > len(self.root) and up.startswith(self.root):
                up = os.path.dirname(up)
                if len(up) > len(self.root):
                    folders.append(up)
            # Last, the packages it sits in, from the top one down: an app run
            # from inside its package (`cd backend/app && uvicorn main:app`,
            # endurain) imports its subpackages as top-level (`import core.config`).
            folders += reversed(packages)
            found = self._starts[importing] = tuple(dict.fromkeys(folders))
        return found


def _join(folder, name):
    """os.path.join(folder, name) for a relative `name`, without its cost
    (imports are resolved by the ten thousand)."""
    return folder + name if folder.endswith(os.sep) else folder + os.sep + name


def _as_path(module):
    """`a.b.c` as the relative path `a/b/c`, as os.path.join(*parts) would
    give it (an odd name, `a..b` from an unparsable file, goes through it)."""
    if not module or ".." in module or module.startswith(".") or (os.altsep and os.altsep in module):
        return os.path.join(*module.split(".")) if module else module
    return module.replace(".", os.sep)


_NO_MOUNTS = {}  # no routers mounted, no routes registered elsewhere: one shared empty answer
# Settings modules' markers (INSTALLED_APPS, ...) and the names of shared bases (`base.py`).
_SETTINGS_MARKERS = frozenset().union(*(f.settings_markers for f in fw.FRAMEWORKS))
_BASE_STEMS = frozenset().union(*(f.base_settings_stems for f in fw.FRAMEWORKS))
# The objects code reads settings through (`django.conf.settings`: ProjectFacts.settings_values).
_SETTINGS_OBJECTS = tuple(f.settings_object for f in fw.FRAMEWORKS if f.settings_object)
_NO_VALUES = {}
_SETTINGS_DEPTH = 4  # settings parts imported through that many modules


def _stem(path):
    """A module's name without its folder: a package's __init__.py goes by the package's."""
    folder, name = os.path.split(path)
    return os.path.basename(folder) if name == "__init__.py" else name[:-3]


# The modules that name the settings module a deployment runs (summary `settings_named`).
_LAUNCHERS = frozenset(("manage.py", "wsgi.py", "asgi.py"))
# The settings that let a settings module run a deployment alone (Project._star_imported).
_RUN_ALONE = frozenset().union(*(f.settings_run_alone for f in fw.FRAMEWORKS))
_REEXPORT_DEPTH = 3  # packages re-exporting a name from their modules, followed that far


def _application_code(facts):
    """Whether a module's summary imports a module only application code
    imports (Framework.application_modules: `django.db`): models or views,
    never settings, whatever they star-import. A module that gives a
    settings marker itself (INSTALLED_APPS) is settings whatever it imports
    (SWM-backend's settings.py imports `django.db.models.signals` for
    Sentry)."""
    if not _SETTINGS_MARKERS.isdisjoint(facts["keys"]):
        return False
    if facts.get("code_only"):
        return True  # functions and classes, no setting: a helper star-importing the settings for constants
    for level, module, names in facts["imports"]:
        if level:
            continue
        if fw.application_module(module) or any(fw.application_module(f"{module}.{n}") for n in names):
            return True
    return False


def _calls(calls, level, module, name, through, key):
    """Whether an importer whose summary `calls` (import_lines.called) are
    given calls the function `key` of a module: imported by name
    (`through` None, "guard"), or called through the module's `name`
    ("auth.guard"; a method through its class, "auth.Users" for
    `auth.Users.sign_in(...)`). A name the summary does not look for
    (import_lines.scanned) counts as called."""
    used = f"{through}.{key.partition('.')[0]}" if through else key
    return used in calls or not import_lines.scanned(level, module, name)


# Framework classes whose subclasses' `self` is the request handler
# (Tornado's RequestHandler, aiohttp's web.View): a project base derived
# from one, imported from another module, makes its subclasses handlers.
_HANDLER_BASES = frozenset().union(*(f.handler_classes | (f.requests.self_request_bases if f.requests else frozenset())
                                     for f in fw.FRAMEWORKS))
_MAX_BASE_DEPTH = 4


def _framework_base(project, path, name, depth=0):
    """The framework handler class (_HANDLER_BASES) the class `name` of the
    project module `path` derives from, through the module's own classes
    and the project modules it imports them from (summary `class_bases`,
    `imports`); None when it derives from none, or too far away."""
    summary = project.summaries[path]
    home = os.path.dirname(path)
    classes = summary.get("class_bases", {})
    for base in classes.get(name, ()):
        if base in classes:  # a class of the same module (a dotted base is never a key)
            found = _framework_base(project, path, base, depth + 1) if depth < _MAX_BASE_DEPTH else None
            if found is not None:
                return found
            continue
        for level, module, source_name in _base_imports(summary["imports"], base):
            if not level and f"{module}.{source_name}" in _HANDLER_BASES:
                return f"{module}.{source_name}"  # `from tornado.web import RequestHandler`
            if depth < _MAX_BASE_DEPTH:
                for target in project.resolve_in(home, level, module, ())[:1]:
                    found = _framework_base(project, target, source_name, depth + 1)  # `from .index import Base`
                    if found is not None:
                        return found
    return None


def _base_imports(imports, base):
    """(level, module, name) of each import (summary `imports`) that binds
    a class's base as written: `Base` from `from .base import Base`
    ((1, "base", "Base")), `web.View` from `from aiohttp import web` or
    `import aiohttp.web` ((0, "aiohttp.web", "View"))."""
    head, _, last = base.rpartition(".")
    for level, module, names in imports:
        if not head and base in names:
            yield level, module, base
        elif head and head in names:  # `from app import models`: models.Account
            yield level, f"{module}.{head}" if module else head, last
        elif head and not names and (module == head or module.endswith("." + head)):
            yield level, module, last  # `import app.models as models`
        elif head and not names and not level and head.startswith(module + "."):
            yield level, head, last  # `import tornado`, then `tornado.web.RequestHandler`


def imported_names(project, path, resolve_cookies=True):
    """What `path` imports from project modules, by the qualified name it
    uses, in one pass over its imports: the functions with a profile
    (`from .deps import get_session` -> ".deps.get_session"; `from auth
    import utils` and `import auth.utils` -> "auth.utils.<function>"), the
    string constants ({`app.consts.COOKIE`: its value}), the application
    subclasses ({`app.core.MyFlask`: "flask.Flask"}), the environment
    defaults ({`config.COOKIE_NAME`: "session"}), the numbers
    ({`settings.MAX_AGE`: 31536000}) and the cookie options a module gives
    as literals ({`config.settings.AUTH_COOKIE_SECURE`: False}, summary
    `settings_values`: a settings module imported as a module of the
    project, `from config import settings`). A profile's cookie
    deletion by a name is given the name's value in the helper's module
    (_cookie_names_read), unless `resolve_cookies` is False (that module's
    own names being read)."""
    helpers, constants, app_classes, env_defaults, numbers, handler_cookies, values = {}, {}, {}, {}, {}, {}, {}
    folder = os.path.dirname(path)
    resolve, may_name = project.resolve_in, project._may_name

    def profile(target, value):
        return _cookie_names_read(project, target, value) if resolve_cookies else value

    def take(target, qualified, name=None, depth=0):
        summary = project.summaries[target]
        hit = False
        if name is not None and name in summary.get("class_bases", ()):
            handler = _framework_base(project, target, name)
            if handler is not None:  # `class BaseHandler(RequestHandler)` in views/index.py
                app_classes[qualified] = handler
        for field, found in (("functions", helpers), ("constants", constants), ("app_classes", app_classes),
                             ("env_defaults", env_defaults), ("numbers", numbers),
                             ("handler_cookies", handler_cookies), ("settings_values", values)):
            given = summary.get(field)
            if not given:
                continue
            if name is None:
                for member, value in given.items():
                    found[f"{qualified}.{member}"] = profile(target, value) if found is helpers else value
            elif given.get(name) or (found is values and name in given):  # (an option may be False)
                found[qualified] = profile(target, given[name]) if found is helpers else given[name]
                hit = True
        methods = summary.get("functions")
        if name is not None and methods:  # `from app.sm import SessionManager`: its `SessionManager.method` profiles
            prefix = name + "."
            for member, value in methods.items():
                if member.startswith(prefix):
                    helpers[f"{qualified}.{member[len(prefix):]}"] = profile(target, value)
                    hit = True
        if hit or depth >= _REEXPORT_DEPTH:
            return
        home = os.path.dirname(target)
        if name is None:
            # A module whose functions the caller reaches as its attributes
            # (`from app import security_web`, then `security_web.remember_identity()`):
            # what it imports by name from the project is its own (osparc's facade).
            own = summary.get("functions") or {}
            for level, module, names in summary["imports"]:
                if names and "*" not in names:
                    sources = resolve(home, level, module, ())[:1]
                    for source in sources:
                        for imported in names:
                            if imported not in own:  # (the module's own definition wins)
                                take(source, f"{qualified}.{imported}", imported, depth + 1)
            return
        bases = summary.get("class_bases", {}).get(name)
        if bases:
            # A class defined here whose class methods its bases define
            # (`class Operator(BaseAccount)`, `by_credentials` on the
            # project's BaseAccount): the bases' profiles are its own.
            for base in bases:
                if "." not in base and (base in summary["class_bases"] or any(
                        member.startswith(base + ".") for member in methods or ())):
                    take(target, qualified, base, depth + 1)  # a base of the same module
                    continue
                for level, module, source_name in _base_imports(summary["imports"], base):
                    for source in resolve(home, level, module, ())[:1]:
                        take(source, qualified, source_name, depth + 1)
            return
        # A package that re-exports the name from a module of its own
        # (`infra/security/__init__.py`: `from .auth import criar_sessao`).
        for level, module, names in summary["imports"]:
            if name in names:
                for source in resolve(home, level, module, ())[:1]:
                    take(source, qualified, name, depth + 1)

    for level, module, names in project.summaries[path]["imports"]:
        prefix = "." * level + module
        if names and "*" not in names:
            targets = resolve(folder, level, module, ())
            for name in names:
                for target in targets:
                    take(target, f"{prefix}.{name}" if module else prefix + name, name)
            for name in names:  # a submodule: `from auth import utils`
                if not may_name(_as_path(name)):
                    continue  # `from typing import Any`: no project module is named so
                sub = resolve(folder, level, f"{module}.{name}" if module else name, ())
                for target in sub[:1]:
                    take(target, f"{prefix}.{name}" if module else prefix + name)
        elif not names and module:
            for target in resolve(folder, level, module, ())[:1]:
                take(target, module)
        elif names == ["*"]:
            # `from out import *`: the module's own public functions with a profile, by the
            # names the star import binds (reexports.star_names binds them so: `out.logout`)
            for target in resolve(folder, level, module, ())[:1]:
                for name, home in project._reexported().star_helpers(target).items():
                    helpers.setdefault(f"{prefix}.{name}" if module else prefix + name,
                                       profile(home, project.summaries[home]["functions"][name]))
    return helpers, constants, app_classes, env_defaults, numbers, handler_cookies, values



def _cookie_names_read(project, path, profile):
    """A helper's profile with each cookie deletion by a name
    (`["delete_cookie", None, "config.COOKIE_NAME"]`) given the name's
    value as its module `path` reads it (Project.cookie_names_in); one
    whose name has no known value is left out. A session key removed by a
    name (`["remove", fw, None, "USER_KEY"]`) is given its value the same
    way; one with none stays a removal of a key fixlint cannot name. A
    write under a name (`["bind", fw, None, "LOGIN_KEY", empty]`) is a
    binding (or, empty, a removal) of the key it names when that is an
    identity key, else left out (a `carry` beside it judges the value)."""
    events = profile.get("events") if profile.__class__ is dict else None
    if not events or not any(_by_name(event) for event in events):
        return profile
    names = project.cookie_names_in(path)
    kept = []
    for event in events:
        if event[0] == "delete_cookie" and event[1] is None:
            value = names.get(event[2])
            if value is None:
                continue
            event = ["delete_cookie", value, event[2]]  # (the name as written: what it says of the cookie)
        elif event[0] == "remove" and len(event) > 3:
            event = ["remove", event[1], names.get(event[3])]
        elif event[0] == "bind" and len(event) > 3:
            key = names.get(event[3])  # `session[LOGIN_KEY] = uid`: a binding when the key names an identity
            if key is None or not is_identity_key(key):
                continue
            event = ["remove" if event[4] else "bind", event[1], key]
        kept.append(event)
    return {**profile, "events": kept}


def _by_name(event):
    """A profile's event naming a cookie or session key by a name to read."""
    return (event[0] == "delete_cookie" and event[1] is None) or (event[0] in ("remove", "bind") and len(event) > 3)


def _edges(project, path):
    """(the project modules `path` imports, whether each of its star imports
    names a project module)."""
    targets, stars_found = [], True
    facts = project.summaries[path]
    folder, resolve = os.path.dirname(path), project.resolve_in  # resolve()'s steps, once a module
    for level, module, names in facts["imports"]:
        found = resolve(folder, level, module, names)
        targets.extend(found)
        if "*" in names and not found:
            stars_found = False
    for dotted in facts["links"]:  # from_object("config.ProductionConfig")
        targets.extend(_link_targets(resolve, folder, dotted))
    return targets, stars_found


def _link_targets(resolve, folder, dotted):
    """The project modules configuration loaded by name from `folder`
    names (`config.ProductionConfig`: config.py; `settings`)."""
    module, _, name = dotted.rpartition(".")
    return resolve(folder, 0, module or name, [name] if module else [])


def _groups(edges):
    """path -> the frozenset of modules linked to it by imports (either way)."""
    parent = {path: path for path in edges}

    def find(path):
        while parent[path] != path:
            parent[path] = parent[parent[path]]
            path = parent[path]
        return path

    for path, (targets, _) in edges.items():
        for target in targets:
            a, b = find(path), find(target)
            if a != b:
                parent[a] = b
    members = {}
    for path in edges:
        members.setdefault(find(path), []).append(path)
    groups = {}
    for paths in members.values():
        group = frozenset(paths)
        for path in paths:
            groups[path] = group
    return groups


def _installed_hooks(product):
    """The sign-out hooks (summary `signout_hooks`) of the classes a module
    that installs such an object names (summary `installs_hooks`)."""
    installed = {name for f in product for name in f.get("installs_hooks", ())}
    if not installed:
        return frozenset()
    return frozenset(hook for f in product for cls, hook in f.get("signout_hooks", ()) if cls in installed)


_LIFETIME_GIVEN = tuple(f for f in fw.FRAMEWORKS if f.remember_lifetime_argument)


def _merge(summaries, product, unreadable, paths=()):
    """The facts of an application's modules; `product`: those outside test
    code (a test's `Flask(__name__)` does not make an extension an app);
    `unreadable`: whether one loads configuration fixlint cannot read
    (Project._loads_elsewhere); `paths`: the modules' paths, in the order of
    `summaries`."""
    # A key given only as a class's attribute is the app's when the app
    # loads an object (`from_object`): a dataclass's field elsewhere in the
    # project (marimo's `GlobalSettings.SESSION_COOKIE_SECURE`, for its own
    # server) is no Flask configuration.
    # One given only as a module's bare name is not when every object the app
    # loads is a class (`from_object(Config)`: a `SESSION_COOKIE_SECURE = True`
    # left unindented after the class is never read), unless the module is a
    # Django settings module.
    objects = any(facts.get("loads_objects", False) for facts in summaries)
    classes_only = objects and not any(facts.get("loads_modules", False) for facts in summaries)
    keys = set()
    unloaded = {}
    for facts, path in zip(summaries, paths or [None] * len(summaries)):
        if not objects:
            unread = facts.get("class_keys")
        elif classes_only and _SETTINGS_MARKERS.isdisjoint(facts["keys"]):
            unread = facts.get("module_keys")
        else:
            unread = None
        keys.update(set(facts["keys"]).difference(unread) if unread else facts["keys"])
        if unread and objects and path is not None:
            for key in unread:
                unloaded.setdefault(key, os.path.basename(path))
    for framework in _LIFETIME_GIVEN:
        # Every remembering call gives the cookie its own lifetime (`login_user(..., duration=...)`):
        # the lifetime setting's default is never used, as if the project set it.
        if any(f.get(framework.project_use, False) for f in summaries) and not any(
                f.get("remember_default_lifetime", False) for f in summaries):
            keys.update(s.name for s in framework.settings
                        if s.flag == "lifetime" and s.cookie == framework.project_cookie)
    return ProjectFacts(
        uses=frozenset(use for use in _USES if any(f.get(use, False) for f in summaries)),
        keys=frozenset(keys),
        unloaded_keys={key: module for key, module in unloaded.items() if key not in keys},
        unreadable=unreadable,
        modules=len(summaries),
        builds_app=any(f.get("builds_app", False) for f in product),
        development_app=(any(f.get("loads_objects", False) for f in product)
                         and not any(f.get("live_objects", False) for f in product)),
        identity_cookies=frozenset(name for f in product for facts in f.get("handler_cookies", {}).values()
                                   for name in facts["identity"]),
        forced_keys={key: None for f in product for key, _ in f.get("forced_keys", ())},
        # (and the backends a module includes: `config.include("pyramid_beaker")`)
        imported=frozenset(name for f in summaries for level, module, names in f["imports"] if not level
                           for name in (module, *(f"{module}.{n}" for n in names))).union(
            *(f.get("backend_imports", ()) for f in summaries)),
        cookies_read=frozenset(name for f in product for name in f.get("cookies_read", ())),
        reads_cookies=any(f.get("reads_cookies", False) for f in product),
        cookie_keyed=frozenset(name for f in product for name in f.get("cookie_keyed", ())),
        backend_settings=frozenset(given for f in product for given in f.get("backend_settings", ())),
        markers=frozenset(marker for marker in _MARKERS if any(f.get(marker, False) for f in product)),
        session_methods=frozenset(method for f in product for method in f.get("session_methods", ())),
        fresh_keys=frozenset(key for f in product for key in f.get("fresh_keys", ())),
        cookie_defaults_off=frozenset(option for f in product for option in f.get("defaults_off", ())),
        signout_hooks=_installed_hooks(product),
    )
