"""One module of the project, summarised into the few facts other modules
need (RULES.md, Revision 2, "The project is the unit").

A summary is a small JSON-ready dict, so the on-disk cache can keep it:

- `imports`: the module's own imports, as (level, module, names), found by a
  line scan (every module is scanned; only some are parsed);
- `links`: modules named in strings that load configuration
  (`app.config.from_object("config.ProductionConfig")`) or a module
  (Pyramid's `config.include("pkg.auth")`);
- `keys`: Flask/Flask-Login configuration keys the module gives in any
  readable form (an assignment in a config class or module, `config[...]`,
  `update(...)`, `from_mapping(...)`, a dict key), and the names that mark a
  Django settings module (`INSTALLED_APPS`, `MIDDLEWARE`, `ROOT_URLCONF`);
- `class_keys`: those of its `keys` it gives only as attributes of a class
  (`class Config: SESSION_COOKIE_SECURE = True`): a Flask app's only when
  the app loads an object (`loads_objects`: the module calls `from_object`),
  not a dataclass's field that configures something else;
- `module_keys`: those of its `keys` it gives only as bare module-level
  names (`SESSION_COOKIE_SECURE = True` beside a config class): not the
  app's when every object the app loads is a class (`loads_modules`
  False: `from_object(Config)`, never `from_object("config")` or
  `from_object(__name__)`);
- `live_objects`: it loads (`from_object`) an object not named for
  development (`ProductionConfig`, `config[env]`); an app whose modules
  load only development ones (`config["development"]`) is a development app;
- `object_links`: those of its `links` that `from_object` loads as the
  app's configuration (ProjectFacts: one no project module answers, a
  gitignored `settings.py`, is configuration fixlint cannot read);
- `mapping_imports`: the imports of the names it hands an app's config
  `update()`/`from_mapping()` bound in another module (`from mail_settings
  import MAIL`): read as a dict literal that module binds (its
  `dict_names`), else configuration fixlint cannot read;
- `dict_names`: the names it binds at its top level only to dict literals;
- `unreadable`: it loads configuration fixlint cannot read (`from_pyfile`,
  `from_envvar`, `from_file`, `from_prefixed_env`, `from_object` of a
  computed name), called on an object, not on a class
  (`IslandGenerator.from_file(path)` is a constructor of another kind);
- one key per session library with a `Framework.project_marker`: it sets
  the library up (`flask_session`: `Session(app)`, `SESSION_TYPE` or a
  `flask_session` import; `starsessions`: a `starsessions` import);
- `session_use`: it uses Flask's session (`flask.session`, `flash()`,
  Flask-Login, Flask-WTF CSRF, Flask-Session);
- `remember`: it calls `login_user(..., remember=...)` with a value that is
  not a literal False;
- `functions`: what its module-level functions do that importers need
  (functions.py: a dependency returning the session, a neutral helper
  returning a weak value, a helper binding or removing session keys);
- `builds_app`: it constructs a Flask application (`Flask(...)`, or
  defines a subclass of one, `class PortalFlask(Flask)`): the
  project is an application, not an extension that configures a host app
  fixlint cannot see;
- `middleware`: the dotted names its Django `MIDDLEWARE` list gives;
- `secure_sessions`: its classes that subclass Django's SessionMiddleware
  and pass `secure=` (not a literal False) to the cookie they set: the
  project's own code decides the session cookie's Secure flag;
- `cookies_read`: the cookie names it may read (cookie_reads.py: every
  short string literal of a module that mentions cookies, but the names
  given where it sets or deletes one);
- `backend_imports`: the imports that choose a session backend
  (Framework.backend_variants: `aiohttp_session.SimpleCookieStorage`,
  `aiohttp_session.cookie_storage`, `pyramid_beaker`), by the variant's
  module or name: the storage this module sets up, which the modules next
  to it run on before the rest of the application's (model.py);
- `backend_settings`: the settings that put a backend variant's session
  elsewhere (Framework.backend_settings: Beaker's `session.type`) the
  module gives, as "setting=value" (`settings.setdefault("session.type",
  "cookie")`, `settings["session.type"] = "cookie"`, a dict key), "setting="
  when the value is not a string literal;
- `constants`: its module-level string constants (`COOKIE_NAME =
  "sid"`), for the modules that import them (constants.py);
- `numbers`: its module-level numbers written as literal arithmetic
  (`MAX_AGE = 3600 * 24 * 365`), folded where the modules that import
  them give a lifetime (constants.py);
- `env_defaults`: its module-level names set from the environment with a
  string default (`COOKIE_NAME = os.getenv("COOKIE_NAME", "session")`),
  read where they name a cookie (constants.py);
- `response_classes`, `cookie_flag_classes`: the names it assigns to an
  app's response class (`app.response_class = HardenedResponse`), and the
  flags the set_cookie of each of its classes sets (response_classes.py);
- `session_interfaces`, `cookie_getter_classes`: the classes whose
  instance it assigns to an app's session interface, and the session
  cookie flags each of its classes' own getters answer
  (`get_cookie_secure`) (response_classes.py);
- `keyed_interfaces`: its session interface classes that keep sessions
  on the server under an id the cookie carries (response_classes.py);
- `session_methods`: the lifecycle methods (`regenerate`) its own session
  classes define (response_classes.py);
- `app_classes`: its module-level subclasses of an application class, and
  the application each derives from (`{"PortalFlask": "flask.Flask"}`):
  another module's `PortalFlask(__name__)` builds a Flask app;
- `mounts`: the routers and blueprints it mounts under a path prefix that
  it imports from another module, as [level, module, name, prefix]
  (`include_router(agents.router, prefix="/agents")`: mounts.py), when
  there are any;
- `routes`: the routes it registers whose view another module of the
  project defines, as [level, module, name, framework, path, methods,
  class_only, suffix] (`path("logout/", views.bye)` in urls.py: routes.py),
  when there are any;
- `reads_cookies`, `cookie_keyed`: its text reads a cookie
  (`request.cookies`, `get_cookie(...)`), and the containers its functions
  look up by a cookie's value (session_stores.py);
- `defaults_off`: the application options it sets to a literal False
  that turn a cookie flag's default off (Falcon's `app.resp_options.
  secure_cookies_by_default = False`), present only when it has one
  (response_classes.py);
- `settings_named`: the settings modules it names for deployment
  (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")`:
  Framework.settings_env), present only when it names one;
- `fresh_keys`: the web session's keys it writes a fresh strong random id
  under (`request.session["id"] = str(uuid.uuid4())`), present only when
  it has one: the application's own session id, whose store record a
  logout may delete (session_stores.py);
- `renamed`: its absolute `from` imports that bind another name, as
  [module, name, local name] (`from flask import session as flask_session`),
  present only when it has one: what a project module importing from it
  gets by that name (reexports.py);
- `aliases`: its module-level `name = local` of a name a renaming import
  binds, as [name, local] (`login_user = _login_user`), present only when
  it has one (reexports.py);
- `user_names`: the names that may be a framework's session user (by a
  star import: `session`, `flash`; by name, from a module that is not the
  framework's: a name holding `sess` or `flash`, as the module it comes
  from names it) that its text names outside imports, present only when
  there is one: the application uses Flask's session through a module
  that re-exports it (`from .base_view import *` where base_view.py
  imports `flask.session`);
- `signout_hooks`: [class, hook] for the framework sign-out hooks its
  module-level classes define as methods (Pyramid's `forget(self,
  request)` of the application's own security policy), present only when
  there is one; `installs_hooks`: the CapWords names a module that installs
  an object holding such hooks mentions (Framework.hook_setups:
  `config.set_security_policy(TicketPolicy())`, or the policy built above
  it), present only when it does one.

The imports alone say whether a module uses Flask's session or sets up
Flask-Session; only modules whose text mentions one of PARSE_MARKERS are
parsed (or their tree reused, when the caller has one) for the rest.
Nothing is imported or executed.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

from .. import frameworks as fw
from ..analysis.base import name_pattern
from ..engine import parsing
from ..engine.scope import modern_name
from ..engine.nodes import branches, parameter_defaults, walk
from . import (constants, cookie_reads, functions, handler_cookies, import_lines, mounts, response_classes, routes,
               session_stores, settings_values)
from .needles import Needles, Probe

# What the summary reads, from the framework registry: the frameworks whose
# configuration makes project-wide findings (Flask, Flask-Login), those a
# project fact says are set up (Flask-Session), those whose session a
# module may use (Flask), and those whose login asks for a remember-me
# cookie (Flask-Login).
_CONFIGURED = tuple(f for f in fw.FRAMEWORKS if f.project_constructions)
_MARKED = tuple(f for f in fw.FRAMEWORKS if f.project_marker)
_USED = tuple(f for f in fw.FRAMEWORKS if f.session_users)
_REMEMBERED = tuple(f for f in fw.FRAMEWORKS if f.remember_argument)
_SETTINGS_MARKERS = frozenset().union(*(f.settings_markers for f in fw.FRAMEWORKS))
_CONFIG_MARKERS = {key: f.project_marker for f in _MARKED for key in f.config_markers}  # key -> fact
_EXTENSIONS = {qualname: f.project_marker for f in _MARKED for qualname in f.extension_classes}
_UNREADABLE_LOADERS = frozenset().union(*(f.unreadable_config_loaders for f in _CONFIGURED))
_OBJECT_LOADERS = frozenset(f.object_config_loader for f in _CONFIGURED if f.object_config_loader)
_MAPPING_LOADERS = {(f.config_attribute, method) for f in _CONFIGURED for method in f.mapping_config_loaders}
_LOGINS = {qualname: f for f in _REMEMBERED for qualname in f.bind_calls}
_LOGIN_NAMES = sorted({qualname.rpartition(".")[2] for qualname in _LOGINS})

KEYS = frozenset(s.name for f in _CONFIGURED for s in f.settings) | frozenset(_CONFIG_MARKERS) | _SETTINGS_MARKERS
# `config.include("pkg.auth")`: a module loaded by name, linked like an import.
_INCLUDES = frozenset().union(*(f.includes for f in fw.FRAMEWORKS))
_LOADERS = (*sorted(_OBJECT_LOADERS), *sorted(_UNREADABLE_LOADERS), *sorted(_INCLUDES))
_APPLICATION_ROOTS = frozenset(q.partition(".")[0] for f in _CONFIGURED for q in f.project_constructions)
_MAPPING_CALLS = tuple(sorted(f"{attribute}.{method}" for attribute, method in _MAPPING_LOADERS))  # `config.update`
# The keys a module read for the ones above also records: every framework's
# cookie settings (Django's `CSRF_COOKIE_SECURE`), for what a deployment
# module sets again over its shared base (ProjectFacts.overridden_keys).
_RECORDED = KEYS | fw.SETTING_NAMES
# Text that a module holding a fact beyond its imports must contain: a key's
# first word (`SESSION_`, `REMEMBER_`, `CSRF_`), a configuration loader or a
# login; then, written as something that gives a value (`KEY =`, `KEY=`,
# `"KEY"`) or a call (_worth_parsing).
_KEY_STEMS = sorted({key.partition("_")[0] + "_" for key in _RECORDED - _SETTINGS_MARKERS})
# A project's own session middleware (summary `secure_sessions`), and the
# applications whose construction makes the project an application.
_MIDDLEWARE_SETTINGS = frozenset(f.middleware_setting for f in fw.FRAMEWORKS if f.middleware_setting)
_SESSION_MIDDLEWARE = frozenset().union(*(f.session_middleware for f in fw.FRAMEWORKS))
_SECURE_ARGUMENTS = frozenset(f.session_secure_argument for f in fw.FRAMEWORKS if f.session_secure_argument)
_MIDDLEWARE_LEAVES = tuple(sorted(q.rpartition(".")[2] for q in _SESSION_MIDDLEWARE))
_APPLICATIONS = frozenset().union(*(f.project_constructions for f in _USED))
# Settings whose literal value chooses a backend variant (Beaker's `session.type`).
_BACKEND_SETTINGS = frozenset(name for f in fw.FRAMEWORKS for _, name, _, _ in f.backend_settings)
# Extensions that write config keys when given the app (`Talisman(app)`).
_CONFIG_CALLS = {call.qualname: call for f in fw.FRAMEWORKS for call in f.config_calls}
_CONFIG_CALL_LEAVES = tuple(sorted({q.rpartition(".")[2] for q in _CONFIG_CALLS}))
PARSE_MARKERS = (*_KEY_STEMS, *_LOADERS, *_MAPPING_CALLS, *_LOGIN_NAMES, *sorted(_SETTINGS_MARKERS),
                 *_MIDDLEWARE_LEAVES, *sorted(_BACKEND_SETTINGS), *_CONFIG_CALL_LEAVES)
_PARSE_NEEDLES = Needles(PARSE_MARKERS)


_APP_NAMES = "|".join(sorted({q.rpartition(".")[2] for q in _APPLICATIONS}))
# `Flask(__name__)`, or a subclass defined to be built (`class PortalFlask(Flask):`).
_APP_CALL = re.compile(r"\b(?:%s)\s*\(|\bclass[ \t]+\w+[ \t]*\([^)]*\b(?:%s)\b" % (_APP_NAMES, _APP_NAMES))
_CLASS = re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*\(", re.MULTILINE)
# `class PortalFlask(Flask):` (summary `app_classes`): the subclass's name and the application it derives from.
# (The literal first, its word boundary looked behind after: the regex
# engine skips to each `class`, where a leading \b is tried at every character.)
_APP_SUBCLASS = re.compile(r"class(?<!\wclass)[ \t]+(\w+)[ \t]*\([^)]*?\b(%s)\b" % _APP_NAMES)
_APP_BY_NAME = {}
for _application in sorted(_APPLICATIONS):
    _APP_BY_NAME.setdefault(_application.rpartition(".")[2], _application)
# The other constructions whose configuration the project must give
# (Flask-Login's `LoginManager()`): a module's subclass of one (CrawJUD's
# `class QuartLoginManager(LoginManager)`) is built as it is, by its
# importers too (summary `app_classes`); it builds no application.
_BUILT = frozenset().union(*(f.project_constructions for f in _CONFIGURED)) - _APPLICATIONS
_BUILT_BY_NAME = {}
for _built in sorted(_BUILT):
    _BUILT_BY_NAME.setdefault(_built.rpartition(".")[2], _built)
_BUILT_SUBCLASS = re.compile(r"class(?<!\wclass)[ \t]+(\w+)[ \t]*\([^)]*?\b(%s)\b" % "|".join(sorted(_BUILT_BY_NAME))) \
    if _BUILT_BY_NAME else None


# Not one regex alternation of the eighteen keys (tried at every character
# of every module, it cost a fifth of the project model): the calls start
# with a literal (`.`, `login_user`) the regex engine skips to; a key is
# found with str.find and its tail (`KEY =`, `KEY=`, `"KEY"`) matched where
# it ends.
_KEY_TAIL = re.compile(r"\b(?:\s*=(?!=)|[ \t]*:[^=\n]*=(?!=)|[\"'])")  # `KEY: bool = True` too
_CALLS = (re.compile(r"\.(?:%s)\s*\(" % "|".join(_LOADERS + tuple(map(re.escape, _MAPPING_CALLS)))),
          re.compile(r"(?:%s)\s*\(" % "|".join(_LOGIN_NAMES)))
# (every recorded key: a deployment module setting only `CSRF_COOKIE_SECURE = True` over its base is read)
_SORTED_KEYS = sorted(_RECORDED)


# A module run as a script (`if __name__ == "__main__":`): what another
# module's `from __main__ import app, session` names (Evidenta's views).
_RUNS_MAIN = re.compile(r"""__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__""")


def _names_key(text):
    """A key given a value: `KEY = `, `KEY=`, `KEY: bool = `, `"KEY"`."""
    for key in _SORTED_KEYS:
        at = text.find(key)
        while at != -1:
            if _KEY_TAIL.match(text, at + len(key)) is not None:
                return True
            at = text.find(key, at + 1)
    return False


def _worth_parsing(text, probe):
    if any(call.search(text) is not None for call in _CALLS) or _names_key(text):
        return True
    if any(probe.has(name) for name in _BACKEND_SETTINGS) or any(probe.has(leaf) for leaf in _CONFIG_CALL_LEAVES):
        return True
    # class SessionMiddleware(BaseSessionMiddleware): the project's own session middleware
    return any(probe.has(leaf) for leaf in _MIDDLEWARE_LEAVES) and _CLASS.search(text) is not None


def _attribute_use(framework):
    """`import flask; flask.session[...]`: the framework's session used
    through its module's attributes."""
    pairs = [q.split(".") for q in sorted(framework.session_users) if q.count(".") == 1]
    roots = sorted({root for root, _ in pairs})
    names = sorted({name for _, name in pairs})
    return frozenset(roots), re.compile(r"\b(?:%s)\.(?:%s)\b" % ("|".join(roots), "|".join(names)))


# Each with the modules a session user is imported from (`flask` of
# `flask.session`): `from M import name` names one only when M is one.
_ATTRIBUTE_USES = tuple((f, *_attribute_use(f), frozenset(q.rpartition(".")[0] for q in f.session_users))
                        for f in _USED)
# The modules and names whose import chooses a session backend, and their
# roots: an import from any other root names none of them.
_BACKEND_CHOICES = frozenset(module for f in fw.FRAMEWORKS for module, _ in f.backend_variants)
_BACKEND_ROOTS = frozenset(choice.partition(".")[0] for choice in _BACKEND_CHOICES)
# The modules the applications are imported from (`from flask import
# Flask`), and every package above an application (`import flask`,
# `import flask.app`: a module under which one lies).
_APP_MODULES = frozenset(q.rpartition(".")[0] for q in _APPLICATIONS)
_APP_PACKAGES = frozenset(q[:at] for q in _APPLICATIONS for at, char in enumerate(q) if char == ".")

# Whole import statements (parenthesised ones over several lines), each
# with the line break before it: the regex engine skips from one line
# break to the next (a MULTILINE `^` is tried at every character).
_IMPORT_STATEMENT = re.compile(r"\n[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t][^\n]*)")


def _without_imports(text):
    """The text with its import statements left out (their lines kept,
    empty), after a line break of its own."""
    return _IMPORT_STATEMENT.sub("\n", "\n" + text)


# The settings module a deployment runs, as manage.py or wsgi.py name it
# (Framework.settings_env): `os.environ.setdefault("DJANGO_SETTINGS_MODULE",
# "config.django.base")`, `os.environ["DJANGO_SETTINGS_MODULE"] = "..."`.
_ENV_NAMES = sorted({f.settings_env for f in fw.FRAMEWORKS if f.settings_env})
_SETTINGS_ENV = re.compile(
    "(?:" + "|".join(map(re.escape, _ENV_NAMES)) + ")" + r"""["']\s*(?:,|\]\s*=)\s*["']([\w.]+)["']"""
) if _ENV_NAMES else None


def _named_again(text, name):
    """Whether an imported name (or its `as` name) appears in the text
    outside import statements: `from flask import flash, session` in a
    module that never calls flash() nor touches the session uses neither
    (an application skeleton's imports), and sets no session cookie.
    A comment or a string naming it is no use (`# keep the session data`
    in an app with its own session store: SeniorProject, alx-backend),
    unless an f-string (`f"{session['user']}"`): a doubt keeps the use. An
    attribute of the same name is another object's (`db.session.commit()`,
    Flask-SQLAlchemy's)."""
    names = [name] + _as_names(name).findall(text)
    rest = _without_imports(text)
    return any(_in_code(rest, match.start()) for n in names for match in _bare_name(n).finditer(rest))


def _in_code(text, at):
    """Whether position `at` of a module's text is code: not in a comment,
    nor in a string other than an f-string (read on its line; a
    triple-quoted string by the quotes before it)."""
    for quotes in ('"""', "'''"):
        if text.count(quotes, 0, at) % 2:
            return False
    start = text.rfind("\n", 0, at) + 1
    quote = None
    formatted = False
    index = start
    while index < at:
        char = text[index]
        if quote is not None:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char == "#":
            return False
        elif char in "\"'":
            quote = char
            formatted = text[max(start, index - 2):index].lower().endswith(("f", "fr", "rf"))
        index += 1
    return quote is None or formatted


@lru_cache(maxsize=64)
def _bare_name(name):
    """A regex finding the identifier `name` whole, and not as an attribute
    (`session`, not `db.session` nor `user_session`)."""
    return re.compile(r"%s(?<![\w.]%s)(?!\w)" % (re.escape(name), re.escape(name)))


# The name first and its word boundary looked behind after (as
# analysis.base.name_pattern, which finds the names themselves): a leading
# \b would be tried at every character of the module, the literal is skipped to.
@lru_cache(maxsize=64)
def _as_names(name):
    return re.compile(r"%s(?<!\w%s)[ \t]+as[ \t]+(\w+)" % (re.escape(name), re.escape(name)))


def empty():
    return {"imports": [], "links": [], "keys": [], "class_keys": [], "module_keys": [], "loads_objects": False,
            "loads_modules": False, "live_objects": False, "unreadable": False,
            **{f.project_marker: False for f in _MARKED}, **{f.project_use: False for f in _CONFIGURED},
            "functions": {},
            "builds_app": False, "middleware": [], "secure_sessions": [], "cookies_read": [],
            "reads_cookies": False, "cookie_keyed": [], "backend_imports": [], "backend_settings": [],
            "constants": {}, "numbers": {}, "env_defaults": {}, "response_classes": [], "cookie_flag_classes": {}, "session_methods": [],
            "app_classes": {}, "session_interfaces": [], "cookie_getter_classes": {}, "keyed_interfaces": [],
            "object_imports": [], "mapping_imports": [], "object_links": [], "calls": [], "class_bases": {}, "runs_main": False,
            "handler_cookies": {}}


def scan_imports(text):
    """(level, module, [names]) for every import statement the text holds,
    top level or indented (app factories import blueprints inside)."""
    found = []
    for dots, module, names, plain in import_lines.statements(text):
        if plain is not None:
            for name, _ in import_lines.parts(plain):
                if import_lines.NAME.fullmatch(name):
                    found.append((0, modern_name(name), []))
            continue
        listed = [name for name, _ in import_lines.parts(names)]
        found.append((len(dots), module if dots else modern_name(module),
                      [n for n in listed if n == "*" or n.isidentifier()]))
    if fw.SETTINGS_INCLUDE_ROOTS and any(root in text for root in fw.SETTINGS_INCLUDE_ROOTS):
        found.extend(settings_includes(text))
    return found


# The start of a settings include's call (django-split-settings' `include(`), and its arguments' parts.
_INCLUDE_CALL = re.compile(r"\b(?:%s)\s*\(" % "|".join(sorted({q.rpartition(".")[2] for q in fw.SETTINGS_INCLUDES}))
                           ) if fw.SETTINGS_INCLUDES else None
_INCLUDED_FILE = re.compile(r"""(?:'|")([^'"\n]+?)\.py(?:'|")""")
_OPTIONAL = re.compile(r"\boptional\s*\(")
_COMMENT = re.compile(r"#[^\n]*")
_MAX_INCLUDE_TEXT = 20000
UNFOLLOWED = "?"  # a module no project file can be: a glob or a computed path, never followed


def settings_includes(text):
    """(level, module, ["*"]) for each file a settings include names
    (`include("components/common.py")` runs it in the module's namespace,
    as `from .components.common import *` would): a path relative to the
    module, `../` a level up. A glob (`components/*.py`) or a path built at
    run time is a star import of no module (UNFOLLOWED): the chain is not
    complete, as for a star import fixlint cannot follow."""
    found = []
    for match in _INCLUDE_CALL.finditer(text):
        start = match.end()
        depth, end = 1, start
        stop = min(len(text), start + _MAX_INCLUDE_TEXT)
        while end < stop and depth:
            char = text[end]
            depth += (char == "(") - (char == ")")
            end += 1
        arguments = text[start:end - 1]
        files = _INCLUDED_FILE.findall(arguments)
        for path in files:
            found.append(_included(path))
        rest = _OPTIONAL.sub(" ", _COMMENT.sub(" ", _INCLUDED_FILE.sub(" ", arguments)))
        if not files or rest.strip(" \t\r\n,()"):
            # a list, a name (`STAGE_SETTINGS`), a formatted or computed path: not followed
            found.append((1, UNFOLLOWED, ["*"]))
    return found


def _included(path):
    level = 1
    parts = [p for p in path.split("/") if p not in ("", ".")]
    while parts and parts[0] == "..":
        level += 1
        parts.pop(0)
    if not parts or any(c in path for c in "*?[") or not all(p.isidentifier() for p in parts):
        return (1, UNFOLLOWED, ["*"])
    return (level, ".".join(parts), ["*"])


def summarise(text, tree=None, known=None, parsed=None, whole=False, lowered=None):
    """The summary of a module's source text (`tree`: its ast, when the
    caller already parsed it; `known`: the profiles of its functions from
    an earlier text, see functions.profiles_from_text). `parsed(tree)`,
    when given, receives the tree of a module parsed here (unchanged: the
    summary only reads it), for a check of the same text to reuse. `whole`:
    that check will parse the module anyway; the summary then parses it
    whole, not each function that may have a profile alone
    (functions.ModuleTree). `lowered`: the text's GuardText, when the
    caller's guards have looked at it (its answers spare scans: needles.py)."""
    facts = empty()
    probe = Probe(text, lowered)  # the substring tests below, each made once (needles.py)
    imports = scan_imports(text)
    facts["imports"] = [list(entry) for entry in imports]
    facts["calls"] = import_lines.called(text)
    _from_imports(facts, imports, text)
    if ".include(" in text:
        _included_backends(facts, text)
    _reexport_facts(facts, imports, text)
    facts["cookies_read"] = cookie_reads.scan(text, probe)
    facts["constants"] = constants.scan(text)
    facts["numbers"] = constants.numbers(text)
    facts["env_defaults"] = constants.env_defaults(text, imports)
    if settings_values.NEEDLE in text:
        values = settings_values.scan(text)
        if values:
            facts["settings_values"] = values
    if any(level == 0 and module.partition(".")[0] in response_classes.PACKAGES for level, module, _ in imports):
        facts["response_classes"] = response_classes.assigned(text, probe)
        facts["session_interfaces"] = response_classes.interfaces(text, probe)
    facts["cookie_flag_classes"] = response_classes.flag_classes(text, probe)
    facts["cookie_getter_classes"] = response_classes.getter_classes(text, probe)
    facts["keyed_interfaces"] = response_classes.keyed_interfaces(text, probe)
    facts["session_methods"] = response_classes.session_methods(text)
    facts["class_bases"] = class_bases(text)
    if "{" in text:
        named = dict_names(text)
        if named:
            facts["dict_names"] = named
    _path_params(facts, text)
    mounted = mounts.scan(text)
    if mounted:
        facts["mounts"] = mounted
    routed = routes.scan(text, imports)
    if routed:
        facts["routes"] = routed
    module = None  # how _functions may parse the module (None: each function alone)
    if _PARSE_NEEDLES.found_in(text, probe) and _worth_parsing(text, probe):
        tree = _parsed_here(text, tree, parsed)
        if tree is not None:
            _Summariser(facts).visit_module(tree)
            facts["keys"] = sorted(set(facts["keys"]))
    elif whole and parsed is not None and tree is None and known is None:
        module = functions.ModuleTree(text, _parse, parsed)
    if handler_cookies.NEEDLES.found_in(text, probe) and _CLASS.search(text) is not None:
        if tree is None:
            tree = _parsed_here(text, None, parsed)
            if tree is not None:
                module = None  # (the functions' profiles read the whole tree too)
        if tree is not None:
            handlers = handler_cookies.scan(tree)
            if handlers:
                facts["handler_cookies"] = handlers
    _functions(facts, text, imports, tree, known, probe, module)
    if session_stores.may_read(text, probe):
        facts["reads_cookies"] = True
        facts["cookie_keyed"] = session_stores.cookie_keyed(text)
    off = response_classes.defaults_off(text)
    if off:
        facts["defaults_off"] = off
    named = _SETTINGS_ENV.findall(text) if _SETTINGS_ENV is not None else ()
    if named:
        facts["settings_named"] = sorted(set(named))
    fresh = session_stores.fresh_keys(text)
    if fresh:
        facts["fresh_keys"] = fresh
    if "import_module(" in text and _IMPORTED_CONFIG.search(text) is not None:
        facts["unreadable"] = True
    if "__main__" in text and _RUNS_MAIN.search(text) is not None:
        facts["runs_main"] = True
    if "import *" in text and _TOP_DEFINITION.search(text) is not None and _TOP_SETTING.search(text) is None:
        facts["code_only"] = True  # `from proj.settings import *` in fmt.py for its constants: no settings
    if any(needle in text for needle in _HOOK_NEEDLES):
        hooks = _hook_classes(text)
        if hooks:
            facts["signout_hooks"] = hooks
    if any(setup in text for setup in _HOOK_SETUPS):
        facts["installs_hooks"] = sorted(set(_CLASS_NAMES.findall(text)))[:_MAX_INSTALLED]
    return facts


# A top-level def or class, and a top-level assignment of an upper-case name
# (what a settings module is made of): a star-importing module with the
# first and none of the second is code using the settings (`code_only`).
_TOP_DEFINITION = re.compile(r"^(?:async[ \t]+)?(?:def|class)[ \t]", re.MULTILINE)
_TOP_SETTING = re.compile(r"^[A-Z][A-Z0-9_]*[ \t]*(?::[^=\n]*)?=(?!=)", re.MULTILINE)


def _hook_classes(text):
    """[[class, hook]] for the sign-out hooks (_HOOK_METHODS) the module's
    classes define as methods."""
    found = []
    for match in _HOOK_METHODS.finditer(text):
        owner = _CLASS_ABOVE.findall(text, 0, match.start())
        if owner and [owner[-1], match.group(1)] not in found:
            found.append([owner[-1], match.group(1)])
    return found


# The sign-out hooks a framework calls on the application's own policy
# (Framework.logout_hooks: Pyramid's `forget(self, request)`), defined as
# a method here (summary `signout_hooks`): the framework's call of that name
# (`pyramid.security.forget(request)`) runs the project's own method.
_LOGOUT_HOOKS = sorted({h for f in fw.FRAMEWORKS for h in f.logout_hooks})
_HOOK_SETUPS = tuple(sorted({setup for f in fw.FRAMEWORKS for setup in f.hook_setups}))
_CLASS_ABOVE = re.compile(r"^class[ \t]+([A-Za-z_]\w*)", re.MULTILINE)
_CLASS_NAMES = re.compile(r"\b[A-Z][A-Za-z0-9_]*[a-z][A-Za-z0-9_]*\b")  # CapWords names a module mentions
_MAX_INSTALLED = 256
_HOOK_NEEDLES = tuple(f"def {h}(" for h in _LOGOUT_HOOKS)
_HOOK_METHODS = re.compile(r"\n[ \t]+(?:async[ \t]+)?def[ \t]+(%s)[ \t]*\([ \t]*self\b" % "|".join(_LOGOUT_HOOKS)) if _LOGOUT_HOOKS else re.compile(r"(?!)")


# A configuration module imported by a name the code computes (UNLP's
# `Config = import_module(__name__ + "." + getenv("FLASK_ENV", "production"))`
# in config/__init__.py, then `from_object(Config)`): which module is
# read is the environment's choice, configuration fixlint cannot read.
_IMPORTED_CONFIG = re.compile(
    r"(?i:\b\w*(?:config|settings|conf)\w*)[ \t]*=[ \t]*(?:importlib\.)?import_module\((?![ \t]*[\"'][^\"']*[\"'][ \t]*\))")


# A top-level class line with bases: `class Operator(BaseAccount):`, `class Admin(models.Account, Mixin):`.
_CLASS_BASES = constants.LinePattern(r"class[ \t]+(\w+)[ \t]*\(([^()]*)\)[ \t]*:")
_DOTTED = re.compile(r"[A-Za-z_][\w.]*")


def class_bases(text):
    """{class: [base, ...]} of the module's top-level classes, each base as
    written when it is a name or a dotted name (`BaseAccount`,
    `models.Account`; keywords such as `metaclass=` left out): an importer
    calling a class method the class inherits (`Operator.by_credentials(...)`,
    defined on the project's `BaseAccount`) finds its profile through them
    (model.imported_names)."""
    if "class" not in text:
        return {}
    found = {}
    for match in _CLASS_BASES.matches(text):
        name, listed = match.groups()
        bases = [b for b in (part.strip() for part in listed.split(",")) if _DOTTED.fullmatch(b) and b != "object"]
        if bases:
            found[name] = bases
    return found


# What a module declaring URL rules spells besides `<name>` (Routing.rule_texts).
_RULE_MARKERS = tuple(sorted({t for f in fw.ROUTING_FRAMEWORKS for t in f.routing.rule_texts}))


def _path_params(facts, text):
    """The URL path variables a module declares as numbers
    (`int_path_params`: `<int:session_id>`), and those it declares
    otherwise (`other_path_params`: `<sid>`, `<string:sid>`), nearer a
    handler than a number declaration above it (ProjectFacts)."""
    found = fw.path_variables(text)  # one scan of every module: cheaper than a look for each marker
    if not found:
        return
    numbers = {name for converter, name in found if converter == "int"}
    others = {name for converter, name in found if converter != "int"}
    if numbers:
        facts["int_path_params"] = sorted(numbers)
    if others and (numbers or any(marker in text for marker in _RULE_MARKERS)):
        facts["other_path_params"] = sorted(others)  # not every `<name>` of a text: those of its URL rules


def _parse(text, tree=None):
    if tree is not None:
        return tree
    try:
        return parsing.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _parsed_here(text, tree, parsed):
    """`tree` when the caller parsed the text; else the text parsed here,
    handed to `parsed` (when given) for a check of the same text to reuse."""
    if tree is not None:
        return tree
    tree = _parse(text)
    if tree is not None and parsed is not None:
        parsed(tree)
    return tree


def _functions(facts, text, imports, tree, known=None, probe=None, module=None):
    """What the module's functions do for its importers (functions.py):
    from the tree when there is one, else from the few functions whose
    text names something they may do, each parsed alone or read from the
    tree of `module` (a functions.ModuleTree)."""
    if "def " not in text:
        return
    if tree is not None:
        facts["functions"] = functions.profiles(tree)
    else:
        facts["functions"] = functions.profiles_from_text(text, imports, known, probe, module)


def _from_imports(facts, imports, text):
    """What a module's imports say: Flask's session used (`from flask import
    session`, Flask-Login, Flask-WTF...), Flask-Session set up, the session
    backend chosen (`from aiohttp_session import SimpleCookieStorage`).
    Most imports name none of these (`import os`): each test below is first
    asked of the module or its root alone (a set lookup), and only then of
    its names, as `module.name` strings."""
    for level, module, names in imports:
        if level:
            continue
        root = module.partition(".")[0]
        if root in _BACKEND_ROOTS:
            _backend_imports(facts, module, names)
        for framework, roots, attribute_use, user_modules in _ATTRIBUTE_USES:
            if root in framework.session_user_packages and not (
                    names and all(f"{module}.{name}" in framework.session_neutral_imports for name in names)):
                facts[framework.project_use] = True
            if module in user_modules and any(
                    f"{module}.{name}" in framework.session_users and _named_again(text, name)
                    for name in (names if names != ["*"] else fw.star_exports().get(module, ()))):
                # (`from flask import *` binds every public name: those of the session used again)
                facts[framework.project_use] = True
            if root in roots and not names and attribute_use.search(text):
                facts[framework.project_use] = True  # import flask; flask.session[...]
        for framework in _MARKED:
            if root in framework.packages:
                facts[framework.project_marker] = True
        app_import = ((module in _APP_MODULES and any(f"{module}.{name}" in _APPLICATIONS for name in names))
                      or (not names and module in _APP_PACKAGES)
                      # a star import may pass the application's class on (`from flask import *`),
                      # or its package (a project module's `import flask`: openNAMU's `flask.Flask(...)`)
                      or names == ["*"])
        if app_import and _APP_CALL.search(text):
            facts["builds_app"] = True
            for name, base in _APP_SUBCLASS.findall(text):
                facts["app_classes"][name] = _APP_BY_NAME[base]
        if _BUILT_SUBCLASS is not None and any(f"{module}.{name}" in _BUILT for name in names) and "class" in text:
            for name, base in _BUILT_SUBCLASS.findall(text):
                facts["app_classes"].setdefault(name, _BUILT_BY_NAME[base])


# The last names of the session users (`session`, `flash`) and the modules
# each is imported from where it is the framework's (`flask`, `flask.globals`).
_USER_LEAVES = tuple(sorted({q.rpartition(".")[2] for f in _USED for q in f.session_users}))
# A name another module may give a session user by (`session`, `web_session`, `flash`):
# as the lifecycle analysis's session pre-test, a name holding `sess`.
_USER_WORD = re.compile("|".join(["sess", *(leaf for leaf in _USER_LEAVES if "sess" not in leaf)]), re.IGNORECASE)


# `login_user = _login_user` at module level: a name given another.
_ALIAS = re.compile(r"^([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_]\w*)[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def _aliases(text, locals_):
    """Summary `aliases`: [[name, local]] for each module-level `name =
    local` whose `local` a renaming import binds (ckan's common.py: `from
    flask_login import login_user as _login_user`, then `login_user =
    _login_user`), present only when there is one: what `from ckan.common
    import login_user` gets (reexports.ReExports)."""
    if not any(f"= {local}" in text or f"={local}" in text for local in locals_):
        return []  # most modules that rename an import never assign the name on
    return [[name, local] for name, local in _ALIAS.findall(text) if local in locals_ and name != local]


def _reexport_facts(facts, imports, text):
    """Summary `renamed` and `user_names`: what another module of the
    project may get from this one by its imports, and the session users
    this one may get from another (`from .base_view import *`, `from
    .base_view import session`). Most modules have neither a renaming
    import nor a session user's name imported from elsewhere: only their
    import statements are read for them, not their whole text."""
    renamed = import_lines.renamed(text)  # the statements' lists, not the text, are searched
    if renamed:
        facts["renamed"] = renamed
        aliases = _aliases(text, {local for _, _, local in renamed})
        if aliases:
            facts["aliases"] = aliases
    # The standard library and the web frameworks re-export no project module's names.
    unscanned = import_lines.UNSCANNED
    if not any(names and (level or module.partition(".")[0] not in unscanned) and (
            "*" in names or _USER_WORD.search(" ".join(names))) for level, module, names in imports):
        return  # (a renamed import's own name: `sessao as s`, `web_session as session`)
    used, rest = set(), []

    def named(local):
        """`local` named outside the import statements (_named_again's test)."""
        if local not in text:
            return False
        if not rest:
            rest.append(_without_imports(text))  # once a module
        return name_pattern(local).search(rest[0]) is not None

    for dots, module, listed, plain in import_lines.statements(text):
        if plain is not None or (not dots and module.partition(".")[0] in unscanned):
            continue
        for name, alias in import_lines.parts(listed):
            local = alias or name
            if name == "*":
                used.update(leaf for leaf in _USER_LEAVES if named(leaf))
            elif (_USER_WORD.search(local) or _USER_WORD.search(name)) and local.isidentifier() and named(local):
                used.add(name)  # as the module it comes from names it
    if used:
        facts["user_names"] = sorted(used)


def _backend_imports(facts, module, names):
    """The backend choices an import names: a variant's module, a module
    under it, or a name imported from one (`from aiohttp_session import
    SimpleCookieStorage`, `from pyramid_beaker import session_factory_from_settings`)."""
    if not _BACKEND_CHOICES:
        return
    found = facts["backend_imports"]
    for dotted in (module, *(f"{module}.{name}" for name in names if name != "*")):
        at = len(dotted)
        while at != -1:  # the name and every package above it
            prefix = dotted[:at]
            if prefix in _BACKEND_CHOICES and prefix not in found:
                found.append(prefix)
            at = dotted.rfind(".", 0, at)


# `config.include("pyramid_redis_sessions")`: Pyramid runs the named
# package's includeme(config), which sets up its session factory.
_INCLUDE = re.compile(r"""\.include\(\s*["']([A-Za-z_][\w.]*)["']""")


def _included_backends(facts, text):
    """The backend choices a module sets up by including them (Pyramid's
    `config.include("pyramid_beaker")`), as if it imported them."""
    for match in _INCLUDE.finditer(text):
        module = match.group(1)
        if module.partition(".")[0] in _BACKEND_ROOTS:
            _backend_imports(facts, module, ())


_NOT_A_PARAMETER = object()
# What a `from_object(...)` argument judged after the walk is (_Summariser._object_names):
# a name (`Config`), an attribute of a name (`config.ProductionConfig`), one of a
# mapping's objects (`config[config_name]`).
_NAMED, _ATTRIBUTE, _CHOSEN = "name", "attribute", "chosen"


def _names_a_class(receiver):
    """`IslandGenerator` in `IslandGenerator.from_file(path)`, `cls` in a
    classmethod's `cls.from_file(path)` (zou's plugin manifests): a class's
    alternative constructor, not a Flask config object (`app.config`,
    `config`, `CONFIG`)."""
    if receiver.__class__ is not ast.Name:
        return False
    name = receiver.id.lstrip("_")
    return name == "cls" or (name[:1].isupper() and not name.isupper())


# Loader names other objects have too (pydub's `AudioSegment.from_file(path)`,
# a model's `from_json(data)`): a configuration loader only on an object
# named as a configuration.
_GENERIC_LOADERS = frozenset(("from_file", "from_json"))
_CONFIG_WORDS = frozenset(("config", "conf", "cfg", "configuration", "settings"))


def _names_a_config(receiver):
    """`app.config`, `config`, `self.cfg`, `flask_settings`: an object
    whose last name says it holds configuration."""
    name = receiver.attr if receiver.__class__ is ast.Attribute else getattr(receiver, "id", None)
    return name is not None and not _CONFIG_WORDS.isdisjoint(fw.words(name))


def _none_tested(function, name, call):
    """Whether `call` sits in an `if` of `function` that tests whether the
    parameter `name` was given (`if name is None:`, `is not None`, `if not
    name:`, `if name:`): the other branch decides what the app loads when
    no caller gives one."""
    for node in walk(function):
        if node.__class__ is not ast.If:
            continue
        test = node.test
        if test.__class__ is ast.UnaryOp and test.op.__class__ is ast.Not:
            test = test.operand
        elif (test.__class__ is ast.Compare and len(test.ops) == 1 and test.ops[0].__class__ in (ast.Is, ast.IsNot)
              and test.comparators[0].__class__ is ast.Constant and test.comparators[0].value is None):
            test = test.left
        if test.__class__ is ast.Name and test.id == name and any(inner is call for inner in walk(node)):
            return True
    return False


def _chosen_mapping(arg):
    """The mapping `from_object` picks its object from by a key
    (`config[config_name]`, `config.get(name)`), when a plain name: else None."""
    if arg.__class__ is ast.Subscript:
        mapping = arg.value
    elif (arg.__class__ is ast.Call and arg.func.__class__ is ast.Attribute and arg.func.attr == "get"
          and arg.args):
        mapping = arg.func.value
    else:
        return None
    return mapping if mapping.__class__ is ast.Name else None


def _module_dict(tree, name):
    """The values of the non-empty dict literal the module assigns `name`
    at its top level (its first assignment of it), or None."""
    for statement in tree.body:
        if (statement.__class__ is ast.Assign and len(statement.targets) == 1
                and statement.targets[0].__class__ is ast.Name and statement.targets[0].id == name):
            value = statement.value
            return value.values if value.__class__ is ast.Dict and value.values else None
    return None


def _binds_only_dicts(tree, name):
    """Whether the module binds `name` at its top level, and only to dict
    literals (`DEFAULTS = {...}`, empty or not)."""
    found = False
    for statement in tree.body:
        if statement.__class__ is ast.Assign and any(t.__class__ is ast.Name and t.id == name
                                                     for t in statement.targets):
            if statement.value.__class__ is not ast.Dict:
                return False
            found = True
    return found


def _binds(tree, name):
    """Whether the module assigns `name` at its top level."""
    return any(statement.__class__ is ast.Assign and any(t.__class__ is ast.Name and t.id == name
                                                         for t in statement.targets)
               for statement in tree.body)


# A top-level name bound to a dict literal, and a top-level binding of any name (dict_names).
_DICT_BOUND = constants.LinePattern(r"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*\{")
_BOUND = constants.LinePattern(r"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)")
_MAX_DICT_NAMES = 64


def dict_names(text):
    """The names the module binds at its top level, and only to dict
    literals (`MAIL = {"MAIL_SERVER": ...}`): a module handing one to an
    app's `config.update()` gives the app that literal's keys, which are
    this module's `keys` (mapping_imports)."""
    bound = [m.group(1) for m in _DICT_BOUND.matches(text)]
    if not bound:
        return []
    every = [m.group(1) for m in _BOUND.matches(text)]
    return sorted({name for name in bound if every.count(name) == bound.count(name)})[:_MAX_DICT_NAMES]


def _class_mapping(tree, name):
    """Whether the module assigns `name`, at its top level, a dict whose
    values are all classes it can read (`{"production": ProductionConfig}`):
    not import strings, nor calls."""
    values = _module_dict(tree, name)
    return values is not None and all(v.__class__ in (ast.Name, ast.Attribute) for v in values)


def _string_mapping(tree, name):
    """The values of the dict the module assigns `name` at its top level
    when all are import strings of objects (`{"production":
    "pkg.config.ProductionConfig"}`, CrawJUD's `objects_config`): else None."""
    values = _module_dict(tree, name)
    if values is not None and all(v.__class__ is ast.Constant and isinstance(v.value, str) and "." in v.value
                                  and not v.value.startswith(".") for v in values):
        return [v.value for v in values]
    return None


def _assigned_choice(tree, call, name):
    """The mapping a plain name passed to `from_object` was picked from
    (`ambient = objects_config[env]` or `.get(env)`, the last such
    assignment above the call), or None."""
    found = None
    for node in walk(tree):
        if (node.__class__ is ast.Assign and len(node.targets) == 1 and node.targets[0].__class__ is ast.Name
                and node.targets[0].id == name and node.lineno < call.lineno):
            mapping = _chosen_mapping(node.value)
            if mapping is not None and (found is None or node.lineno > found[0]):
                found = (node.lineno, mapping.id)
    return found[1] if found is not None else None


def _parameter_default(function, name):
    """The default of `function`'s parameter `name` (None when it has
    none), or _NOT_A_PARAMETER."""
    for arg, default in parameter_defaults(function).items():
        if arg.arg == name:
            return default
    args = function.args
    if any(arg is not None and arg.arg == name for arg in (args.vararg, args.kwarg)):
        return None
    return _NOT_A_PARAMETER


class _Summariser:
    def __init__(self, facts):
        self.facts = facts
        self.flask_names = {}  # local name -> qualified name, from the module's imports
        self.origins = {}  # local name -> (level, module, [the name imported] or []), from every import
        self.config_objects = {}  # local name -> the ConfigCall its value was made by (`talisman = Talisman()`)
        self._object_names = []  # `from_object(...)` calls: (call, the name, its kind: _NAMED...), judged after the walk
        self._class_body = set()  # the assignments that are a class's attributes
        self._in_class = False  # the keys being read are a class's attributes
        # the keys given elsewhere, those given as a class's attributes, and those given as a bare name's
        self._keyed = (set(), set(), set())
        self._bare_name = False  # the key being read is a bare name's (`SESSION_COOKIE_SECURE = True`)
        self._key_lines = {}  # key -> the lines it is given at (None: a line that always counts)
        self._tree = None  # the module, while visit_module reads it
        self._ifs = []  # every `if`, for _dev_only_keys

    def visit_module(self, tree):
        self._tree = tree
        # One breadth-first walk: module-level imports come before the calls
        # in function bodies that use them.
        classes, functions = [], []
        for node in branches(tree):  # walk's order; no Name or Constant is looked at here
            cls = node.__class__
            if cls is ast.FunctionDef or cls is ast.AsyncFunctionDef:
                functions.append(node)
            elif cls is ast.ImportFrom or cls is ast.Import:
                self._import(node)
            elif cls is ast.Call:
                self._call(node)
            elif cls is ast.Assign or cls is ast.AnnAssign or cls is ast.AugAssign:
                # Breadth-first: a class is met before the statements of its body.
                self._in_class = node in self._class_body
                for target in (node.targets if cls is ast.Assign else [node.target]):
                    if cls is not ast.AugAssign:
                        self._key_target(target)
                        if target.__class__ is ast.Name and node.value.__class__ is ast.Call:
                            made = _CONFIG_CALLS.get(self._qualname(node.value.func))
                            if made is not None:
                                self.config_objects[target.id] = made
                        if target.__class__ is ast.Subscript and node.value is not None:
                            self._backend_setting(target.slice, node.value)
                    self._middleware(target, node.value)
                self._in_class = False
            elif cls is ast.Dict:
                for key, value in zip(node.keys, node.values):
                    self._key_string(key)
                    self._backend_setting(key, value)
            elif cls is ast.ClassDef:
                classes.append(node)
                self._class_body.update(node.body)
            elif cls is ast.If:
                self._ifs.append(node)
        for node in classes:  # after every import is known
            self._session_middleware(node)
        plain, in_classes, bare = self._keyed
        self.facts["class_keys"] = sorted(in_classes - plain - bare)
        self.facts["module_keys"] = sorted(bare - plain - in_classes)
        if self._ifs and self._key_lines:
            dropped = self._dev_only_keys()
            if dropped:
                self.facts["keys"] = [key for key in self.facts["keys"] if key not in dropped]
        if self._object_names:
            self._object_parameters(functions, tree)

    def _middleware(self, target, value):
        if not (target.__class__ is ast.Name and target.id in _MIDDLEWARE_SETTINGS):
            return
        if value.__class__ in (ast.List, ast.Tuple):
            self.facts["middleware"].extend(
                e.value for e in value.elts if e.__class__ is ast.Constant and isinstance(e.value, str))

    def _session_middleware(self, node):
        """A subclass of the session middleware that sets its cookie with
        `secure=` given (True or computed, never a literal False)."""
        if not any(self._qualname(base) in _SESSION_MIDDLEWARE for base in node.bases):
            return
        for inner in walk(node):
            if inner.__class__ is not ast.Call:
                continue
            for keyword in inner.keywords:
                if keyword.arg not in _SECURE_ARGUMENTS:
                    continue
                value = keyword.value
                if not (value.__class__ is ast.Constant and not value.value):
                    self.facts["secure_sessions"].append(node.name)
                    return

    def _import(self, node):
        if node.__class__ is ast.Import:
            for alias in node.names:
                local = alias.asname or alias.name.partition(".")[0]
                self.flask_names[local] = alias.name if alias.asname else alias.name.partition(".")[0]
                self.origins[local] = (0, self.flask_names[local], [])
            return
        for alias in node.names:
            self.origins[alias.asname or alias.name] = (node.level, node.module or "", [alias.name])
        if node.level or not node.module:
            return
        for alias in node.names:
            self.flask_names[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def _qualname(self, func):
        if func.__class__ is ast.Name:
            return self.flask_names.get(func.id)
        if func.__class__ is ast.Attribute and func.value.__class__ is ast.Name:
            base = self.flask_names.get(func.value.id)
            return f"{base}.{func.attr}" if base else None
        return None

    def _call(self, node):
        func = node.func
        qualname = self._qualname(func)
        if qualname in _EXTENSIONS:
            self.facts[_EXTENSIONS[qualname]] = True
        if qualname in _LOGINS:
            self._login_user(node, _LOGINS[qualname])
        if qualname in _CONFIG_CALLS:
            if node.args or any(keyword.arg == "app" for keyword in node.keywords):
                self._config_call(node, _CONFIG_CALLS[qualname])
        elif (func.__class__ is ast.Attribute and func.attr == "init_app" and func.value.__class__ is ast.Name
              and func.value.id in self.config_objects):
            self._config_call(node, self.config_objects[func.value.id])
        for keyword in node.keywords:
            if keyword.arg in _RECORDED:
                self._key(keyword.arg, node)
        for arg in node.args[:1]:
            self._key_string(arg)  # config.setdefault("SESSION_COOKIE_SECURE", ...)
        if len(node.args) == 2 and func.__class__ is ast.Attribute and func.attr == "setdefault":
            self._backend_setting(*node.args)  # settings.setdefault("session.type", "cookie")
        if func.__class__ is not ast.Attribute:
            return
        if func.attr in _UNREADABLE_LOADERS:
            if not _names_a_class(func.value) and (func.attr not in _GENERIC_LOADERS or _names_a_config(func.value)):
                self.facts["unreadable"] = True
        elif func.attr in _OBJECT_LOADERS and node.args:
            self.facts["loads_objects"] = True
            self._from_object(node, node.args[0])
        elif (node.args and func.value.__class__ is ast.Attribute
              and (func.value.attr, func.attr) in _MAPPING_LOADERS and self._configures_an_application(func.value)
              and not self._readable_mapping(node.args[0])):
            # `app.config.from_mapping(self.config.web.app)`, `app.config.update(read_config(path))`
            self.facts["unreadable"] = True
        elif func.attr in _INCLUDES and node.args:
            arg = node.args[0]
            if arg.__class__ is ast.Constant and isinstance(arg.value, str) and not arg.value.startswith("."):
                self.facts["links"].append(arg.value)

    def _configures_an_application(self, config):
        """Whether `config` (`webapp.config`) may be an application's: an
        object's own (`self.config.update(updates)`, marimo's InternalApp)
        is one only in a module importing a package whose application reads
        configuration (`flask`, `quart`: a Flask subclass's method)."""
        owner = config.value
        if not (owner.__class__ is ast.Name and owner.id == "self"):
            return True
        return any(qualname.partition(".")[0] in _APPLICATION_ROOTS for qualname in self.flask_names.values())

    def _readable_mapping(self, arg):
        """A mapping the summary can read: a dict literal, `dict(...)`, or
        a name the module binds to a dict literal at its top level (or
        to `{}`)."""
        if arg.__class__ is ast.Dict:
            return True
        if arg.__class__ is ast.Call:
            return arg.func.__class__ is ast.Name and arg.func.id == "dict" and not arg.args
        if arg.__class__ is not ast.Name:
            return False
        if _binds_only_dicts(self._tree, arg.id):
            return True
        if arg.id in self.origins and not _binds(self._tree, arg.id):
            # `from mail_settings import MAIL`: read where it is bound, as a dict literal of that module
            # (its keys are among the project's; `mapping_imports`: the model asks that module)
            self.facts["mapping_imports"].append(list(self.origins[arg.id]))
            return True
        return False

    def _from_object(self, call, arg):
        if arg.__class__ is ast.Constant and isinstance(arg.value, str):
            self._object_link(arg.value)
        elif arg.__class__ is ast.Name:
            self._object_names.append((call, arg.id, _NAMED))  # a module or a class: _object_parameters
        elif arg.__class__ is ast.Attribute:
            self._loads(arg.attr)
            root = arg.value
            while root.__class__ is ast.Attribute:
                root = root.value
            if root.__class__ is ast.Name:  # `config.ProductionConfig`: read through the import, unless a parameter
                self._object_names.append((call, root.id, _ATTRIBUTE))
            else:
                self.facts["unreadable"] = True  # from_object(load().Config)
        elif (mapping := _chosen_mapping(arg)) is not None:
            self._object_names.append((call, mapping.id, _CHOSEN))
            key = arg.slice if arg.__class__ is ast.Subscript else arg.args[0]
            if not (key.__class__ is ast.Constant and isinstance(key.value, str) and fw.is_dev_name(key.value)):
                self.facts["live_objects"] = True  # `config[env]`; `config["development"]` is for development
        else:
            self.facts["unreadable"] = True  # from_object(os.environ[...]), from_object(load(env))

    def _object_link(self, dotted):
        """`from_object("config.ProductionConfig")`: the module it names is
        linked like an import, and read as the app's configuration
        (`object_links`: none of the project's modules answering it, the
        configuration lives where fixlint cannot read it)."""
        self.facts["links"].append(dotted)
        self.facts["object_links"].append(dotted)
        self._loads(dotted.rpartition(".")[2])

    def _loads(self, name):
        """`from_object` is handed the object named `name`: a module
        (`__name__`, `config`, "config.settings": `loads_modules`, whose
        bare names are keys) unless a CapWords class or an upper-case
        object (`Config`, "config.ProductionConfig", `CONFIG`); one for
        deployment (`live_objects`) unless named for development
        (`DevelopmentConfig`, `config["development"]`)."""
        if not name[:1].isupper():
            self.facts["loads_modules"] = True
        if not fw.is_dev_name(name):
            self.facts["live_objects"] = True

    def _object_parameters(self, functions, tree):
        """`from_object(name)` where `name` is a parameter of a function
        around the call (an app factory's `create_app(config)`): the caller
        chooses the object, which fixlint cannot read, unless the parameter
        has a default naming one (`create_app(config_class=Config)`, read as
        that default, as the app runs when nobody passes another). An
        attribute of a parameter (`from_object(config.FLASK_CONFIG_CLS)`:
        SecureDrop's factory) is a field of the caller's object, whatever
        the default: not read either. One of a mapping's objects
        (`from_object(config[config_name])`, the app factory of Flask's
        tutorials) is read as the mapping's classes, each of which the
        project gives: a mapping imported (from the project's config
        module, which the import links) or a dict of classes the module
        writes; a parameter's, or any other, is not read."""
        for call, name, kind in self._object_names:
            for function in functions:
                default = _parameter_default(function, name)
                if default is _NOT_A_PARAMETER or not any(node is call for node in walk(function)):
                    continue
                if kind is not _NAMED:
                    self.facts["unreadable"] = True
                elif default.__class__ is ast.Constant and isinstance(default.value, str):
                    self._object_link(default.value)
                elif (default.__class__ is ast.Constant and default.value is None
                      and _none_tested(function, name, call)):
                    # `if config_class is None: from_object(Config)` / `else: from_object(config_class)`:
                    # the app loads the project's class unless a caller passes its own
                    self.facts["live_objects"] = True
                elif default.__class__ not in (ast.Name, ast.Attribute):
                    self.facts["unreadable"] = True  # no default, or None: the caller's object
                else:
                    self._loads(default.id if default.__class__ is ast.Name else default.attr)
                break
            else:
                if kind is _NAMED and name not in self.origins:
                    # `ambient = objects_config[env]; app.config.from_object(ambient)`
                    chosen = _assigned_choice(tree, call, name)
                    if chosen is not None:
                        name, kind = chosen, _CHOSEN
                        self.facts["live_objects"] = True  # whichever entry the local picks
                if kind is _NAMED:
                    self._loads(name)
                strings = _string_mapping(tree, name) if kind is _CHOSEN else None
                if strings:
                    for dotted in strings:  # {"production": "pkg.config.ProductionConfig"}: each linked
                        self._object_link(dotted)
                    continue
                # `origins` holds every name an import binds, absolute or relative
                # (`from .config import CONFIG`), read through that import.
                if kind is _CHOSEN and not (name in self.origins or _class_mapping(tree, name)):
                    self.facts["unreadable"] = True  # from_object(configs[env]) of a name fixlint cannot read
                elif name in self.origins:
                    # Read through its import: unreadable when that names no module of the
                    # project (a gitignored instance/config.py, an installed package).
                    self.facts["object_imports"].append(list(self.origins[name]))

    def _config_call(self, node, call):
        """`Talisman(app, ...)`, `talisman.init_app(app, ...)`: the keys the
        extension writes, unless its keyword leaves one off."""
        given = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
        for key, keyword, unset in call.keys:
            value = given.get(keyword)
            if not (value.__class__ is ast.Constant and value.value in unset):
                self._key(key)
                # written over whatever the app's configuration said before (`forced_keys`:
                # CrawJUD-Web's SESSION_COOKIE_HTTPONLY = False in a class from_object loaded first)
                forced = self.facts.setdefault("forced_keys", [])
                if [key, node.lineno] not in forced:
                    forced.append([key, node.lineno])

    def _login_user(self, node, framework):
        remembers, lifetime = framework.remember_arguments(node)
        if remembers:
            self.facts[framework.project_use] = True
            if lifetime is None:
                self.facts["remember_default_lifetime"] = True  # the lifetime setting's default applies

    def _dev_only_keys(self):
        """The keys given only in the body of an `if` whose test names
        development (`if ENV == "dev": SESSION_COOKIE_SECURE = False`):
        the production path never sets them (hydroserver's settings)."""
        ranges = None
        dropped = set()
        for key, lines in self._key_lines.items():
            if None in lines:
                continue
            if ranges is None:
                ranges = [(node.body[0].lineno, node.body[-1].end_lineno) for node in self._ifs
                          if fw.is_dev_condition(node.test)]
                if not ranges:
                    return dropped
            if all(any(first <= line <= last for first, last in ranges) for line in lines):
                dropped.add(key)
        return dropped

    def _key(self, name, where=None):
        self.facts["keys"].append(name)
        self._key_lines.setdefault(name, set()).add(where.lineno if where is not None else None)
        self._keyed[1 if self._in_class else 2 if self._bare_name else 0].add(name)
        if name in _CONFIG_MARKERS:
            self.facts[_CONFIG_MARKERS[name]] = True

    def _key_target(self, target):
        if target.__class__ is ast.Name and target.id in _RECORDED:
            self._bare_name = True
            self._key(target.id, target)
            self._bare_name = False
        elif target.__class__ is ast.Attribute and target.attr in _RECORDED:
            self._key(target.attr, target)
        elif target.__class__ is ast.Subscript:
            self._key_string(target.slice)
        elif target.__class__ in (ast.Tuple, ast.List):
            for element in target.elts:
                self._key_target(element)

    def _backend_setting(self, key, value):
        """`key` names a setting that chooses a backend variant: record
        its value ("setting=" when not a string literal)."""
        if not (key is not None and key.__class__ is ast.Constant and key.value in _BACKEND_SETTINGS):
            return
        given = value.value if value.__class__ is ast.Constant and isinstance(value.value, str) else ""
        entry = f"{key.value}={given}"
        if entry not in self.facts["backend_settings"]:
            self.facts["backend_settings"].append(entry)

    def _key_string(self, expr):
        if expr.__class__ is ast.Constant and expr.value.__class__ is str and expr.value in _RECORDED:
            self._key(expr.value, expr)
