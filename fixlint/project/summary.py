"""One module of the project, summarised into the few facts other modules
need (RULES.md, Revision 2, "The project is the unit").

A summary is a small JSON-ready dict, so the on-disk cache can keep it:

- `imports`: the module's own imports, as (level, module, names), found by a
  line scan (every module is scanned; only some are parsed);
- `links`: modules named in strings that load configuration
  (`app.config.from_object("config.ProductionConfig")`);
- `keys`: Flask/Flask-Login configuration keys the module gives in any
  readable form (an assignment in a config class or module, `config[...]`,
  `update(...)`, `from_mapping(...)`, a dict key), and the names that mark a
  Django settings module (`INSTALLED_APPS`, `MIDDLEWARE`, `ROOT_URLCONF`);
- `unreadable`: it loads configuration fixlint cannot read (`from_pyfile`,
  `from_envvar`, `from_file`, `from_prefixed_env`, `from_object` of a
  computed name);
- `flask_session`: it sets up Flask-Session (`Session(app)`, `SESSION_TYPE`
  or a `flask_session` import);
- `session_use`: it uses Flask's session (`flask.session`, `flash()`,
  Flask-Login, Flask-WTF CSRF, Flask-Session);
- `remember`: it calls `login_user(..., remember=...)` with a value that is
  not a literal False;
- `builds_app`: it constructs a Flask application (`Flask(...)`): the
  project is an application, not an extension that configures a host app
  fixlint cannot see;
- `middleware`: the dotted names its Django `MIDDLEWARE` list gives;
- `secure_sessions`: its classes that subclass Django's SessionMiddleware
  and pass `secure=` (not a literal False) to the cookie they set: the
  project's own code decides the session cookie's Secure flag.

The imports alone say whether a module uses Flask's session or sets up
Flask-Session; only modules whose text mentions one of PARSE_MARKERS are
parsed (or their tree reused, when the caller has one) for the rest.
Nothing is imported or executed.
"""

from __future__ import annotations

import ast
import re
import warnings

from ..frameworks import django as django_fw
from ..frameworks import flask as flask_fw
from ..frameworks import flask_login as login_fw
from ..frameworks import flask_session as fsess_fw

KEYS = frozenset(
    s.name for s in (*flask_fw.FLASK.settings, *login_fw.FLASK_LOGIN.settings)
) | fsess_fw.CONFIG_MARKERS | django_fw.SETTINGS_MARKERS
_LOADERS = ("from_object", *sorted(flask_fw.UNREADABLE_CONFIG_LOADERS))
# Text that a module holding a fact beyond its imports must contain: a key,
# a configuration loader or a login; then, written as something that gives
# a value (`KEY =`, `KEY=`, `"KEY"`) or a call (WORTH_PARSING).
_MIDDLEWARE_LEAVES = tuple(sorted(q.rpartition(".")[2] for q in django_fw.SESSION_MIDDLEWARE))
PARSE_MARKERS = ("SESSION_", "REMEMBER_", *_LOADERS, "login_user", *sorted(django_fw.SETTINGS_MARKERS),
                 *_MIDDLEWARE_LEAVES)
WORTH_PARSING = re.compile(
    r"(?:%s)\b(?:\s*=(?!=)|[\"'])|\.(?:%s)\s*\(|login_user\s*\("
    % ("|".join(sorted(KEYS)), "|".join(_LOADERS)))
_APP_CALL = re.compile(r"\b(?:%s)\s*\(" % "|".join(
    sorted({q.rpartition(".")[2] for q in flask_fw.APPLICATIONS})))
_CLASS = re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*\(", re.MULTILINE)
_FLASK_ATTRIBUTE_USE = re.compile(r"\b(?:flask|quart)\.(?:session|flash)\b")

_IMPORT = re.compile(r"[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)"
                     r"|import[ \t]+([^\n#;]*))")
_NAME = re.compile(r"[A-Za-z_][\w.]*")


def empty():
    return {"imports": [], "links": [], "keys": [], "unreadable": False,
            "flask_session": False, "session_use": False, "remember": False,
            "builds_app": False, "middleware": [], "secure_sessions": []}


def scan_imports(text):
    """(level, module, [names]) for every import statement the text holds,
    top level or indented (app factories import blueprints inside)."""
    found, starts = [], set()
    word = text.find("import")
    while word != -1:  # from each `import` back to its line's start: most lines have none
        start = text.rfind("\n", 0, word) + 1
        word = text.find("import", word + 6)
        if start in starts:
            continue
        starts.add(start)
        match = _IMPORT.match(text, start)
        if match is None:
            continue
        dots, module, names, plain = match.groups()
        if plain is not None:
            for part in plain.split(","):
                name = part.strip().split(" as ")[0].strip()
                if _NAME.fullmatch(name):
                    found.append((0, name, []))
            continue
        listed = [n.split(" as ")[0].strip() for n in names.strip("() \t\n").replace("\\", "").split(",")]
        found.append((len(dots), module, [n for n in listed if n == "*" or n.isidentifier()]))
    return found


def summarise(text, tree=None):
    """The summary of a module's source text (`tree`: its ast, when the
    caller already parsed it)."""
    facts = empty()
    imports = scan_imports(text)
    facts["imports"] = [list(entry) for entry in imports]
    _from_imports(facts, imports, text)
    if not any(marker in text for marker in PARSE_MARKERS) or not _worth_parsing(text):
        return facts
    if tree is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return facts
    _Summariser(facts).visit_module(tree)
    facts["keys"] = sorted(set(facts["keys"]))
    return facts


def _worth_parsing(text):
    if WORTH_PARSING.search(text) is not None:
        return True
    # class SessionMiddleware(BaseSessionMiddleware): the project's own session middleware
    return any(leaf in text for leaf in _MIDDLEWARE_LEAVES) and _CLASS.search(text) is not None


def _from_imports(facts, imports, text):
    """What a module's imports say: Flask's session used (`from flask import
    session`, Flask-Login, Flask-WTF...), Flask-Session set up."""
    for level, module, names in imports:
        if level:
            continue
        root = module.partition(".")[0]
        if root in flask_fw.SESSION_USER_PACKAGES:
            facts["session_use"] = True
        if root in fsess_fw.FLASK_SESSION.packages:
            facts["flask_session"] = True
        if any(f"{module}.{name}" in flask_fw.SESSION_USERS for name in names):
            facts["session_use"] = True
        if root in flask_fw.SESSION_USER_ROOTS and not names and _FLASK_ATTRIBUTE_USE.search(text):
            facts["session_use"] = True  # import flask; flask.session[...]
        app_import = (any(f"{module}.{name}" in flask_fw.APPLICATIONS for name in names)
                      or (not names and any(q.startswith(module + ".") for q in flask_fw.APPLICATIONS)))
        if app_import and _APP_CALL.search(text):
            facts["builds_app"] = True


class _Summariser:
    def __init__(self, facts):
        self.facts = facts
        self.flask_names = {}  # local name -> qualified name, from the module's imports

    def visit_module(self, tree):
        # One breadth-first walk: module-level imports come before the calls
        # in function bodies that use them.
        classes = []
        for node in ast.walk(tree):
            cls = node.__class__
            if cls is ast.ImportFrom or cls is ast.Import:
                self._import(node)
            elif cls is ast.Call:
                self._call(node)
            elif cls is ast.Assign or cls is ast.AnnAssign or cls is ast.AugAssign:
                for target in (node.targets if cls is ast.Assign else [node.target]):
                    if cls is not ast.AugAssign:
                        self._key_target(target)
                    self._middleware(target, node.value)
            elif cls is ast.Dict:
                for key in node.keys:
                    self._key_string(key)
            elif cls is ast.ClassDef:
                classes.append(node)
        for node in classes:  # after every import is known
            self._session_middleware(node)

    def _middleware(self, target, value):
        if not (target.__class__ is ast.Name and target.id == django_fw.MIDDLEWARE_SETTING):
            return
        if value.__class__ in (ast.List, ast.Tuple):
            self.facts["middleware"].extend(
                e.value for e in value.elts if e.__class__ is ast.Constant and isinstance(e.value, str))

    def _session_middleware(self, node):
        """A subclass of the session middleware that sets its cookie with
        `secure=` given (True or computed, never a literal False)."""
        if not any(self._qualname(base) in django_fw.SESSION_MIDDLEWARE for base in node.bases):
            return
        for inner in ast.walk(node):
            if inner.__class__ is not ast.Call:
                continue
            for keyword in inner.keywords:
                if keyword.arg != django_fw.COOKIE_SECURE_ARGUMENT:
                    continue
                value = keyword.value
                if not (value.__class__ is ast.Constant and not value.value):
                    self.facts["secure_sessions"].append(node.name)
                    return

    def _import(self, node):
        if node.__class__ is ast.Import:
            for alias in node.names:
                self.flask_names[alias.asname or alias.name.partition(".")[0]] = (
                    alias.name if alias.asname else alias.name.partition(".")[0])
            return
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
        if qualname in fsess_fw.SESSION_EXTENSION:
            self.facts["flask_session"] = True
        if qualname in login_fw.LOGIN_USER:
            self._login_user(node)
        for keyword in node.keywords:
            if keyword.arg in KEYS:
                self._key(keyword.arg)
        for arg in node.args[:1]:
            self._key_string(arg)  # config.setdefault("SESSION_COOKIE_SECURE", ...)
        if func.__class__ is not ast.Attribute:
            return
        if func.attr in flask_fw.UNREADABLE_CONFIG_LOADERS:
            self.facts["unreadable"] = True
        elif func.attr == flask_fw.OBJECT_CONFIG_LOADER and node.args:
            self._from_object(node.args[0])

    def _from_object(self, arg):
        if arg.__class__ is ast.Constant and isinstance(arg.value, str):
            self.facts["links"].append(arg.value)
        elif arg.__class__ not in (ast.Name, ast.Attribute):
            self.facts["unreadable"] = True  # from_object(config[env]), from_object(os.environ[...])

    def _login_user(self, node):
        for keyword in node.keywords:
            if keyword.arg == login_fw.REMEMBER_ARGUMENT:
                value = keyword.value
                if not (value.__class__ is ast.Constant and value.value in (False, None, 0)):
                    self.facts["remember"] = True
        if len(node.args) >= 2:  # login_user(user, True)
            value = node.args[1]
            if not (value.__class__ is ast.Constant and value.value in (False, None, 0)):
                self.facts["remember"] = True

    def _key(self, name):
        self.facts["keys"].append(name)
        if name in fsess_fw.CONFIG_MARKERS:
            self.facts["flask_session"] = True

    def _key_target(self, target):
        if target.__class__ is ast.Name and target.id in KEYS:
            self._key(target.id)
        elif target.__class__ is ast.Attribute and target.attr in KEYS:
            self._key(target.attr)
        elif target.__class__ is ast.Subscript:
            self._key_string(target.slice)
        elif target.__class__ in (ast.Tuple, ast.List):
            for element in target.elts:
                self._key_target(element)

    def _key_string(self, expr):
        if expr.__class__ is ast.Constant and expr.value.__class__ is str and expr.value in KEYS:
            self._key(expr.value)
