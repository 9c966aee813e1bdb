"""Semgrep pattern pieces that SFX301-SFX305 share.

Each cookie rule writes its own Semgrep rules (messages, which flag, which
value is weak, the fix); what they have in common is built here from the
same framework data the flake8 rules read, so the YAML knows exactly the
response classes, settings names, middleware and defaults that fixlint
knows. Every function returns plain Semgrep YAML data (dicts and lists).

Metavariables used throughout: `$RESP` the response, `$SET` the
`set_cookie`/`set_signed_cookie` method, `$V` a flag's value, `$KEY` a
setting's name, `$MW` a middleware class, `$C`/`$N` a SimpleCookie jar and
a morsel's name, `$H` a Set-Cookie header value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import frameworks as fw
from ..config import Config
from ..engine.values import format_duration
from ..frameworks import stdlib
from ..analysis.cookies import BASE_SETTINGS_STEMS, MIDDLEWARE_METHODS, MIDDLEWARE_WRAPPERS, SETTINGS_MARKERS

DEFAULTS = Config()
LIMIT = int(DEFAULTS.max_session_lifetime)  # seconds; Semgrep has no options, so the default
SET_COOKIE = "$RESP.$SET(...)"
SETTER_NAMES = sorted(fw.COOKIE_SETTER_METHODS)
SETTERS = {"metavariable-regex": {"metavariable": "$SET", "regex": f"^({'|'.join(SETTER_NAMES)})$"}}
# Packages whose import marks a web module, from the adapters.
WEB_PACKAGES = tuple(dict.fromkeys(p for f in fw.WEB_FRAMEWORKS for p in f.semgrep_imports()))
# A set_cookie that deletes the cookie (an empty value, none at all, or an
# expiry already past) sets nothing to harden.
NOT_DELETIONS = [
    {"pattern-not": "$RESP.$SET($NAME)"},
    *({"pattern-not": f"$RESP.$SET($NAME, {empty}, ...)"} for empty in ('""', "None")),
    *({"pattern-not": f"$RESP.$SET(..., value={empty}, ...)"} for empty in ('""', "None")),
    *({"pattern-not": f"$RESP.$SET(..., {option}={gone}, ...)"}
      for option in ("max_age", "expires") for gone in ("0", "-1")),
    {"pattern-not": '$RESP.$SET(..., expires="=~/(?i)1970/", ...)'},
    {"pattern-not": "$RESP.$SET(..., expires=$DATE(1970, ...), ...)"},
]
# The same in header text: `sid=; Path=/`, `Max-Age=0`, an Expires in 1970;
# and a value that is a flag or a placeholder, the same for everyone
# (`__session=None; Path=/`: fixlint.frameworks.FLAG_COOKIE_VALUES).
HEADER_NOT_DELETION_RE = (
    r"""^[rRbBuUfF]{0,2}["']\s*[^=;"']*=(?!\s*(;|["']$))"""
    r"""(?!\s*(?i:%s)\s*(;|["']$))"""
    r"""(?!.*(?i:max-age\s*=\s*-?0*\s*(;|["']$)|expires\s*=[^;]*1970))"""
) % "|".join(sorted(fw.FLAG_COOKIE_VALUES))


# -- small builders ----------------------------------------------------------

def either(*patterns):
    return {"pattern-either": [{"pattern": p} for p in patterns]}


def regex(metavariable, pattern):
    return {"metavariable-regex": {"metavariable": metavariable, "regex": pattern}}


def one_of(metavariable, qualnames):
    """`metavariable` is one of these qualified names, however imported."""
    return {"metavariable-pattern": {
        "metavariable": metavariable,
        "pattern-either": [{"pattern": q} for q in sorted(qualnames)],
    }}


def words(names):
    return "|".join(re.escape(n) for n in names)


def _modules(qualnames):
    """Every module a qualified name lives in, with its parents."""
    out = set()
    for qualname in qualnames:
        parts = qualname.split(".")[:-1]
        out |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return out


# -- cookie names --------------------------------------------------------------

# Regex fragments that match a whole cookie name.
# A non-sensitive name: one of the vocabulary's names as a whole word of it
# (`theme`, `dark-mode`, `x-expected-format`).
_NON_SENSITIVE = "|".join(sorted(
    (re.escape(n).replace("_", "[-_]?") for n in DEFAULTS.non_sensitive_names), key=lambda w: (-len(w), w)
))
_CREDENTIAL = "|".join(sorted(fw.CREDENTIAL_WORDS))
PREFERENCE = (
    rf"(?i:(?![\w.-]*(?<![a-z])(?:{_CREDENTIAL})(?![a-z]))"
    rf"(?:[\w.-]*[-_.])?(?:{_NON_SENSITIVE})(?:[-_.][\w.-]*)?)"
)
CSRF = "[^=;]*(?i:csrf|xsrf)[^=;]*"
SESSION_WORDS = f"(?i:{fw.session_words_pattern()})"
# A cookie name argument: one holding those words, or a token pair's half (`access`).
SESSION_COOKIE_NAME = f"(?i:{fw.session_words_pattern()}|^(?:{words(sorted(fw.TOKEN_COOKIE_NAMES))})$)"
# A session/auth cookie's whole name, in text (morsel names, header values).
SESSION_NAME = (
    rf"""(?![^=;"']*(?i:csrf|xsrf))(?!{PREFERENCE}\s*["'=;])[^=;"']*{SESSION_WORDS}[^=;"']*"""
)
TOKEN_VARIABLE_RE = rf"(?i)^([\w.]*\.)?\w*({fw.session_words_pattern(fw.TOKEN_VARIABLE_WORDS)})\w*$"


def not_named(name):
    """Leave alone set_cookie calls whose literal cookie name is `name` (a
    regex fragment); for CSRF cookies, also a name read from a setting whose
    key says CSRF (`app.config["JWT_ACCESS_CSRF_COOKIE_NAME"]`)."""
    out = [
        {"pattern-not": f'$RESP.$SET("=~/^{name}$/", ...)'},
        {"pattern-not": f'$RESP.$SET(..., key="=~/^{name}$/", ...)'},
    ]
    if name == CSRF:
        out.append({"pattern-not": '$RESP.$SET($CONFIG["=~/(?i).*(csrf|xsrf).*/"], ...)'})
        # `self.cookie_name` where the class body says `cookie_name = "..._csrftoken"`.
        # Semgrep cannot tie the call to that one attribute: every cookie the
        # method sets through `self` is left alone (a miss, never noise).
        out.append({"pattern-not-inside": (
            'class $C:\n  ...\n  $ATTR = "=~/(?i).*(csrf|xsrf).*/"\n  ...\n'
            '  def $F(...):\n    ...\n    $RESP.$SET(self.$ATTR, ...)\n'
        )})
    if name == PREFERENCE:
        # A literal yes/no value is a frontend flag, never a credential
        # (fixlint.analysis.cookies.cookie_sensitivity).
        flag = f'"=~/^(?i:{words(sorted(fw.FLAG_COOKIE_VALUES))})$/"'
        out += [
            {"pattern-not": f"$RESP.$SET($K, {flag}, ...)"},
            {"pattern-not": f"$RESP.$SET(..., value={flag}, ...)"},
            {"pattern-not": "$RESP.$SET($K, True, ...)"},
            {"pattern-not": "$RESP.$SET($K, False, ...)"},
        ]
    return out


def session_cookie():
    """The call sets a session/auth cookie: by its name, by a name read from
    a SESSION_COOKIE_NAME setting, or by a value from a token generator or a
    variable named like a token. CSRF and preference cookies never are."""
    value = "$RESP.$SET($NAME, $VALUE, ...)"
    return [
        {"pattern-either": [
            {"pattern": f'$RESP.$SET("=~/{SESSION_COOKIE_NAME}/", ...)'},
            {"pattern": f'$RESP.$SET(..., key="=~/{SESSION_COOKIE_NAME}/", ...)'},
            {"patterns": [{"pattern": "$RESP.$SET($SETTINGS.$ATTR, ...)"}, regex("$ATTR", ".*COOKIE_NAME")]},
            {"patterns": [{"pattern": value}, one_of_calls("$VALUE", fw.TOKEN_GENERATORS)]},
            {"patterns": [{"pattern": value}, regex("$VALUE", TOKEN_VARIABLE_RE)]},
        ]},
        *not_named(CSRF),
        *not_named(PREFERENCE),
    ]


def one_of_calls(metavariable, qualnames):
    """`metavariable` contains a call to one of these functions."""
    return {"metavariable-pattern": {
        "metavariable": metavariable,
        "pattern-either": [{"pattern": f"{q}(...)"} for q in sorted(qualnames)],
    }}


# -- responses -----------------------------------------------------------------

def _import_guard(packages):
    """The file imports one of `packages` (the module name is bound to $MOD)."""
    return [
        {"pattern-either": [
            {"pattern-inside": "import $MOD\n...\n"},
            {"pattern-inside": "from $MOD import $IMPORTED\n...\n"},
        ]},
        regex("$MOD", rf"^({words(packages)})(\.|$)"),
    ]


def _not_importing(modules):
    out = []
    for module in sorted(modules):
        out.append({"pattern-not-inside": f"import {module}\n...\n"})
        out.append({"pattern-not-inside": f"from {module} import $IMPORTED\n...\n"})
    return out


def framework_modules(framework):
    """Every module a web framework's responses, requests, routing and
    session middleware live in (with their parents)."""
    qualnames = set(framework.response_factories | framework.response_types | framework.middleware_wrappers)
    qualnames |= {q for m in framework.middleware for q in m.qualnames}
    modules = set()
    if framework.requests is not None:
        qualnames |= framework.requests.types
        modules |= set(framework.requests.param_modules)
    if framework.routing is not None:
        qualnames |= framework.routing.app_classes | framework.routing.route_classes
    return _modules(qualnames) | modules


# Modules whose import leaves a by-name response to SFX303's missing-SameSite
# twin alone (Starlette's/FastAPI's), from the adapters.
SAMESITE_BY_IMPORT_MODULES = set().union(
    *(framework_modules(f) for f in fw.WEB_FRAMEWORKS if f.semgrep_samesite_by_import))


def responses(frameworks, by_name_packages, by_name_excluding=()):
    """`$RESP` is a response of one of `frameworks`: assigned from (or
    chained on) a response factory, a parameter annotated with a response
    class, or — in a file that imports one of `by_name_packages` and none of
    the modules in `by_name_excluding` — a local named `resp`/`response`."""
    factories = {q for f in frameworks for q in f.response_factories}
    factories |= {f"$OBJ.{m}" for f in frameworks for m in f.response_methods}
    types = {q for f in frameworks for q in f.response_types}
    by_name = [
        {"pattern-inside": SET_COOKIE},
        regex("$RESP", f"^({words(sorted(fw.RESPONSE_NAMES))})$"),
        *_import_guard(by_name_packages),
        *_not_importing(by_name_excluding),
    ]
    return {"pattern-either": [
        {"patterns": [
            {"pattern-either": [
                {"pattern-inside": "$RESP = $FACTORY(...)\n...\n"},
                {"pattern-inside": "$FACTORY(...).$SET(...)"},
            ]},
            one_of("$FACTORY", factories),
        ]},
        {"patterns": [
            {"pattern-inside": "def $FUNC(..., $RESP: $TYPE, ...):\n  ...\n"},
            one_of("$TYPE", types),
        ]},
        {"patterns": by_name},
        *_response_attributes(frameworks),
        *_handler_selves(frameworks),
    ]}


def _response_attributes(frameworks):
    """`request.response.set_cookie(...)` (`self.request.response` in a
    class-based view) in a file importing a framework whose request carries
    its response."""
    out = []
    for framework in frameworks:
        if framework.response_attributes:
            out.append({"patterns": [
                {"pattern-inside": SET_COOKIE},
                regex("$RESP", rf"^(self\.)?({words(sorted(fw.REQUEST_NAMES))})\.({words(sorted(framework.response_attributes))})$"),
                *_import_guard(framework.semgrep_imports()),
            ]})
    return out


def _handler_selves(frameworks, call="self.$SET(...)"):
    """`self` in a request handler class (Tornado's RequestHandler
    subclasses), in a file that imports its framework: a base named like a
    handler class or ending with one of the adapter's suffixes. `call` is
    the handler method call the match sits in."""
    out = []
    for framework in frameworks:
        if not framework.handler_classes:
            continue
        names = {q.rpartition(".")[2] for q in framework.handler_classes}
        suffixes = "|".join(rf"\w*{re.escape(s)}" for s in framework.handler_name_suffixes)
        out.append({"patterns": [
            {"pattern-inside": "class $HANDLER(..., $BASE, ...):\n  ...\n"},
            regex("$BASE", rf"^([\w.]*\.)?({'|'.join([*map(re.escape, sorted(names)), suffixes])})$"),
            {"pattern-inside": call},  # a metavariable-regex on `self` never matches
            *_import_guard(framework.semgrep_imports()),
        ]})
    return out


def handler_calls(call):
    """`call` (on `self`) inside a request handler of any framework that has them."""
    return {"pattern-either": _handler_selves(fw.WEB_FRAMEWORKS, call)}


def scaled_lifetimes(limit=LIMIT):
    """`set_cookie` lifetime keywords counted in other units than seconds
    (Tornado's `expires_days=`), each above `limit` seconds."""
    found = {(k, unit) for f in fw.FRAMEWORKS for k, unit in f.cookie_lifetimes.items() if unit != 1}
    return [lifetime_above({"pattern": f"$RESP.$SET(..., {keyword}=$V, ...)"}, limit=limit / unit)
            for keyword, unit in sorted(found)]


def any_response():
    """A response of any framework fixlint knows (the flag defaults agree)."""
    return responses(fw.WEB_FRAMEWORKS, WEB_PACKAGES)


# Frameworks whose set_cookie sends no SameSite unless asked (all but Starlette's).
_NO_SAMESITE_DEFAULT = tuple(f for f in fw.WEB_FRAMEWORKS if f.cookie_defaults.get("samesite") is None)


def weak_default_responses(flag):
    """A response of a framework whose set_cookie leaves `flag` weak when it
    is not given (Falcon's is Secure and HttpOnly by default): in a file
    importing one of those frameworks and, by name, none of the others."""
    weak = tuple(f for f in fw.WEB_FRAMEWORKS if f.cookie_defaults.get(flag) in (None, False))
    if len(weak) == len(fw.WEB_FRAMEWORKS):
        return any_response()
    packages = tuple(dict.fromkeys(p for f in weak for p in f.semgrep_imports()))
    safe = {p for f in fw.WEB_FRAMEWORKS if f not in weak for p in f.semgrep_imports()}
    return responses(weak, packages, safe)


def flag_keywords(flag):
    """Every keyword that sets `flag` on some framework's set_cookie
    (`httponly=`, Falcon's `http_only=`)."""
    return sorted({flag} | {k for f in fw.WEB_FRAMEWORKS
                            for k, name in (*f.cookie_keywords.items(), *f.cookie_aliases.items()) if name == flag})


def no_samesite_default_response():
    """A response whose set_cookie has no SameSite default (Werkzeug/Flask,
    Django, WebOb/Pyramid)."""
    packages = tuple(dict.fromkeys(p for f in _NO_SAMESITE_DEFAULT for p in f.semgrep_imports()))
    return responses(_NO_SAMESITE_DEFAULT, packages, SAMESITE_BY_IMPORT_MODULES)


def _positional(index):
    args = ", ".join(f"$ARG{i}" for i in range(index + 1))
    return f"$RESP.$SET({args}, ...)"


def _positionals(flag):
    """`pattern-not`s for `flag` given positionally, at its place in any
    framework's set_cookie (WebOb puts secure fifth, Werkzeug sixth)."""
    indexes = sorted({f.set_cookie_params.index(flag) for f in fw.WEB_FRAMEWORKS if flag in f.set_cookie_params})
    return [{"pattern-not": _positional(index)} for index in indexes]


def set_cookie_without(flag, receivers, skip_names=()):
    """set_cookie on a response that leaves `flag` out (not as a keyword, not
    positionally, no **options): the framework default applies."""
    out = [
        {"pattern": "$RESP.$SET($...ARGS)"},
        SETTERS,
        *NOT_DELETIONS,
        receivers,
        *({"pattern-not": f"$RESP.$SET(..., {keyword}=$V, ...)"} for keyword in flag_keywords(flag)),
        {"pattern-not": "$RESP.$SET(..., **$OPTIONS)"},
        {"pattern-not": "$RESP.$SET(*$ARGS, ...)"},
        *_positionals(flag),
    ]
    for name in skip_names:
        out += not_named(name)
    return {"patterns": out}


def set_cookie_with(flag, weak_regex, skip_names=()):
    """set_cookie on a response with a literal weak `flag` value."""
    out = [
        {"pattern": f"$RESP.$SET($...BEFORE, {flag}=$V, $...AFTER)"},
        SETTERS,
        *NOT_DELETIONS,
        regex("$V", weak_regex),
        any_response(),
    ]
    for name in skip_names:
        out += not_named(name)
    return {"patterns": out}


def set_cookie_with_constant(flag, weak_values, skip_names=()):
    """set_cookie on a response whose `flag` is a variable holding a weak
    constant (`insecure = False` ... `secure=insecure`): Semgrep's constant
    propagation sees through it. A separate rule, because rewriting a
    variable is a human's call: no `fix:`."""
    out = [
        {"pattern": f"$RESP.$SET(..., {flag}=$V, ...)"},
        SETTERS,
        *NOT_DELETIONS,
        regex("$V", r"^(?!(True|False|None)$)[A-Za-z_][A-Za-z0-9_]*$"),
        {"metavariable-pattern": {"metavariable": "$V",
                                  "pattern-either": [{"pattern": v} for v in weak_values]}},
        any_response(),
    ]
    for name in skip_names:
        out += not_named(name)
    return {"patterns": out}


def broken_host_cookie():
    """set_cookie of a `__Host-` cookie with a domain, a path other than
    "/", or without Secure: browsers refuse to store it."""
    return {"patterns": [
        either("$RESP.$SET($NAME, ...)", "$RESP.$SET(..., key=$NAME, ...)"),
        regex("$NAME", r"""^[rub]?["']__Host-"""),
        SETTERS,
        *NOT_DELETIONS,
        any_response(),
        {"pattern-either": [
            {"patterns": [{"pattern": "$RESP.$SET(..., domain=$D, ...)"}, regex("$D", r"""^[rub]?["'][^"']""")]},
            {"patterns": [{"pattern": "$RESP.$SET(..., path=$P, ...)"}, regex("$P", r"""^[rub]?["'](?!/["'])""")]},
            {"patterns": [{"pattern": "$RESP.$SET(..., secure=$S, ...)"}, regex("$S", FALSY_RE)]},
            {"patterns": [
                {"pattern": "$RESP.$SET(...)"},
                {"pattern-not": "$RESP.$SET(..., secure=$S, ...)"},
                {"pattern-not": "$RESP.$SET(..., **$OPTIONS)"},
                *_positionals("secure"),
            ]},
        ]},
    ]}


# -- literal values ------------------------------------------------------------

# Literal weak values as Semgrep sees their text (parentheses included), and
# the same values as patterns, for constant propagation.
FALSY_RE = r"^\(*\s*(False|None|0)\s*\)*$"
NO_SAMESITE_RE = r"""^\(*\s*(None|False|[rub]?["'](?i:none)?["'])\s*\)*$"""
FALSY = ("False", "None", "0")
NO_SAMESITE = ("None", "False", '"=~/^(?i:none)?$/"')
# A SameSite value in header text that protects: anything but None (or empty).
GOOD_SAMESITE = r"""(?!none\s*(;|["']$))[a-z]"""
NOT_HOST_PREFIX_RE = r"""^[rub]?["'](?!__Host-)"""
# A setter keyword that names the cookie `__Host-<key>` when true (Sanic's
# `add_cookie(..., host_prefix=True)`), from the adapters.
NOT_HOST_PREFIXED = [{"pattern-not": f"$RESP.$SET(..., {keyword}=True, ...)"} for keyword in sorted(
    {k for f in fw.FRAMEWORKS for k, prefix in f.cookie_name_prefixes.items() if prefix == "__Host-"})]
# Sums and products of literals, constants and timedelta(...): when one part
# is too long, so is the whole (no subtraction, division or `if`).
_GROWING_RE = r"^(?!.*\bif\b)[\w\s.*+(),=]+$"
_TIMEDELTA_UNITS = (("weeks", 604800), ("days", 86400), ("hours", 3600), ("minutes", 60), ("seconds", 1))


def lifetime_above(binder, metavariable="$V", limit=LIMIT):
    """`binder` (a pattern that binds `metavariable`) binds a literal
    lifetime above `limit` seconds: a number or constant arithmetic
    (`60 * 60 * 24 * 400`, `ONE_YEAR`), or a `timedelta(...)`, alone or
    added to `datetime.now()`."""
    deltas = [{"patterns": [
        {"pattern": "datetime.timedelta($N, ...)"},
        {"metavariable-comparison": {"metavariable": "$N", "comparison": f"$N * 86400 > {limit}"}},
    ]}]
    for unit, size in _TIMEDELTA_UNITS:
        deltas.append({"patterns": [
            {"pattern": f"datetime.timedelta(..., {unit}=$N, ...)"},
            {"metavariable-comparison": {"metavariable": "$N", "comparison": f"$N * {size} > {limit}"}},
        ]})
    return {"pattern-either": [
        {"patterns": [
            binder,
            {"metavariable-comparison": {"metavariable": metavariable, "comparison": f"{metavariable} > {limit}"}},
        ]},
        {"patterns": [
            binder,
            regex(metavariable, _GROWING_RE),
            {"metavariable-pattern": {"metavariable": metavariable, "pattern-either": deltas}},
        ]},
    ]}


def format_limit(limit=LIMIT):
    return format_duration(limit)


def int_above_regex(limit):
    """A regex for decimal integers greater than `limit`, for Max-Age in
    header text (Semgrep compares numbers only in code)."""
    digits = str(limit)
    options = [rf"[1-9]\d{{{len(digits)},}}"]
    for i, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - i - 1
            options.append(f"{digits[:i]}[{int(digit) + 1}-9]" + (rf"\d{{{rest}}}" if rest else ""))
    return "(" + "|".join(options) + r")(?!\d)"


# -- settings --------------------------------------------------------------------

def setting_names(flag, cookies=("session", "csrf", "remember", "auth")):
    """Every Django/Flask/Flask-Login setting that shapes `flag`."""
    return sorted({s.name for f in fw.FRAMEWORKS for s in f.settings if s.flag == flag and s.cookie in cookies})


def _names_re(names):
    return f"""^["']?({words(names)})["']?$"""


DEV_CONDITIONS = (
    "DEBUG", "TESTING", "$OBJ.debug", "$OBJ.DEBUG", "$OBJ.testing", "$OBJ.TESTING",
    '"=~/(?i)(^|[^a-z])(%s)([^a-z]|$)/"' % "|".join(fw.DEV_CONDITION_WORDS),
    '"=~/(?i)(%s)/"' % "|".join(fw.DEV_CONDITION_HOSTS),
)


def outside_dev_blocks():
    """Not inside `if DEBUG:`, `if app.debug:`, `if ENV == "dev":` ..."""
    return [{"pattern-not-inside": f"if <... {c} ...>:\n  ...\n"} for c in DEV_CONDITIONS]


def dev_module_globs():
    """Settings modules named for development or tests, as Semgrep `paths`
    globs (fixlint splits the file's stem and folder into words)."""
    globs = []
    for word in sorted(fw.DEV_WORDS):
        globs += [f"{word}.py", f"{word}_*.py", f"*_{word}.py", f"*_{word}_*.py", f"**/{word}/*.py"]
    return globs


def base_module_globs():
    """Shared settings modules that others star-import and override."""
    return [f"{stem}.py" for stem in sorted(BASE_SETTINGS_STEMS)]


def _value_filter(value_regex, lifetime, binder):
    if lifetime:
        return [lifetime_above(binder)]
    return [binder, regex("$V", value_regex)]


def module_settings(names, value_regex=None, lifetime=False):
    """`NAME = value` at module level (Django settings, Flask config
    modules), outside functions, classes and `if DEBUG:` blocks. The
    Semgrep rule that uses it leaves development modules out with `paths`."""
    return {"patterns": [
        *_value_filter(value_regex, lifetime, {"pattern": "$KEY = $V"}),
        regex("$KEY", _names_re(names)),
        {"pattern-not-inside": "def $FUNC(...):\n  ...\n"},
        {"pattern-not-inside": "class $CLS(...):\n  ...\n"},
        *outside_dev_blocks(),
    ]}


_DOCSTRING_RE = "^[rRuU]?(\"\"\"|''')"


def standalone_settings_without(name):
    """A Django settings module (it defines INSTALLED_APPS, MIDDLEWARE or
    ROOT_URLCONF) that binds MIDDLEWARE, never assigns `name`, star-imports
    nothing and loads no module into its globals (`globals().update(...)`);
    reported at the module docstring, the nearest Semgrep gets to line 1."""
    return {"patterns": [
        {"pattern": "$DOC\n...\n$MARKER = $X\n"},
        regex("$MARKER", _names_re(sorted(SETTINGS_MARKERS))),
        regex("$DOC", _DOCSTRING_RE),
        {"pattern-not-inside": f"...\n{name} = $VALUE\n...\n"},
        {"pattern-not-inside": "...\nfrom $MODULE import *\n...\n"},
        {"pattern-not-inside": "...\nglobals().update(...)\n...\n"},
        # Django runs middleware only from MIDDLEWARE (MIDDLEWARE_CLASSES before 1.10):
        # another framework's `MIDDLEWARES` beside INSTALLED_APPS is none (starlette-web).
        {"pattern-either": [{"pattern-inside": f"...\n{setting} {op} $MWLIST\n...\n"}
                            for setting in ("MIDDLEWARE", "MIDDLEWARE_CLASSES") for op in ("=", "+=")]},
        {"focus-metavariable": "$DOC"},
    ]}


# A class name that marks development or test configuration.
DEV_CLASS_RE = (
    r"^(?!.*(Dev|Devel|Development|Local|Test|Tests|Testing)([A-Z0-9_]|$))"
    r"(?!(?i:dev|devel|development|local|tests?|testing)([A-Z0-9_]|$))"
)
# (pattern binding $KEY and $V, reported at the value rather than the
# statement), from the adapters in registry order: Flask's `app.config`
# forms, then Django's `settings.configure(...)`.
CONFIG_FORMS = tuple(form for f in fw.FRAMEWORKS for form in f.semgrep_config_forms)


def _config_binder():
    forms = [{"patterns": [
        {"pattern-inside": "class $CLS(...):\n  ...\n"},
        regex("$CLS", DEV_CLASS_RE),
        {"pattern": "$KEY = $V"},
        {"pattern-not-inside": "def $FUNC(...):\n  ...\n"},
    ]}]
    for pattern, at_value in CONFIG_FORMS:
        form = [{"pattern": pattern}]
        if "$METHOD" in pattern:
            form.append(regex("$METHOD", "^(update|from_mapping)$"))
        if at_value:
            form.append({"focus-metavariable": "$V"})
        forms.append({"patterns": form})
    return {"pattern-either": forms}


def config_settings(names, value_regex=None, lifetime=False):
    """The same settings in code: Flask config classes (not development
    ones), `app.config[...] = ...`, `app.config.update(...)` and
    `from_mapping(...)`, Django's `settings.configure(...)`."""
    return {"patterns": [
        *_value_filter(value_regex, lifetime, _config_binder()),
        regex("$KEY", _names_re(names)),
        *outside_dev_blocks(),
    ]}


# -- session middleware ------------------------------------------------------------

# Session middleware the rules' own "middleware" twins judge together, one
# Semgrep rule per flag (Starlette's and starsessions' SessionMiddleware), in
# registry order: Middleware.semgrep_shared.
SHARED_MIDDLEWARE = tuple(m for f in fw.FRAMEWORKS for m in f.middleware if m.semgrep_shared)


def middleware(qualnames):
    """A session middleware of these classes being installed:
    `app.add_middleware(M, ...)`, `Middleware(M, ...)` or `M(app, ...)`."""
    return [
        {"pattern-either": [
            *({"pattern": f"$APP.{method}($MW, ...)"} for method in sorted(MIDDLEWARE_METHODS)),
            {"patterns": [{"pattern": "$WRAP($MW, ...)"}, one_of("$WRAP", MIDDLEWARE_WRAPPERS)]},
            {"pattern": "$MW($APP, ...)"},
        ]},
        one_of("$MW", qualnames),
    ]


def shared_middleware(flag, weak_default, value_regex=None, lifetime=False):
    """The `pattern-either` of a rule's shared "middleware" twin: for each
    SHARED_MIDDLEWARE, its option for `flag` left out where its default is
    weak (`weak_default(default)`), and given a weak literal (`value_regex`,
    or a lifetime above the limit)."""
    either = []
    for mw in SHARED_MIDDLEWARE:
        option = mw.options[flag]
        if weak_default(mw.defaults.get(flag)):
            either.append(middleware_without(option, mw.qualnames))
        either.append(middleware_with(option, mw.qualnames, value_regex, lifetime=lifetime))
    return {"pattern-either": either}


# Cookie factories of adapters whose session or auth cookie is configured by
# one constructor call (Pyramid's SignedCookieSessionFactory(secret, ...),
# AuthTktAuthenticationPolicy(secret, ...)): every Middleware of the registry
# but the shared ones, which the rules' own variants cover.
# One variant per factory and flag, from its Middleware data.
_COVERED_MIDDLEWARE = frozenset().union(*(m.qualnames for m in SHARED_MIDDLEWARE))
FACTORIES = tuple(
    (f, m) for f in fw.FRAMEWORKS for m in f.middleware
    if not (m.qualnames & _COVERED_MIDDLEWARE) and not m.constructed  # constructed: session_configs()
)


def factory_rules(flag, problem, fix, weak_default, value_regex=None, lifetime=False):
    """SemgrepRule keyword sets, by suffix, for every factory that sets
    `flag`: the option left out where the default is weak
    (`weak_default(default)`), and a weak literal given (`value_regex`, or a
    lifetime above the limit). `problem`/`fix` are message templates with
    {subject}, {call}, {option} and {label}."""
    out = {}
    for framework, factory in FACTORIES:
        option = factory.options.get(flag)
        if option is None or flag in factory.fixed:
            continue
        either = []
        if not factory.judged():
            continue
        if weak_default(factory.defaults.get(flag)):
            either.append(middleware_without(option, factory.judged(), factory))
        if factory.replaced_by:
            pass  # `Session(app)` takes no option: only its default is judged
        elif value_regex is not None or lifetime:
            either.append(middleware_with(option, factory.judged(), value_regex, lifetime=lifetime))
        if not either:
            continue
        names = {"subject": factory.subject, "call": factory.call, "option": option, "label": factory.label}
        out[f"{factory.call.lower()}"] = dict(
            suffix=f"{factory.call.lower()}",
            message=f"{problem.format(**names)}; {fix.format(**names)} ({factory.label})",
            match={"pattern-either": either},
            technology=(framework.key,),
        )
    return out


def middleware_without(option, qualnames, factory=None):
    """The middleware installed without `option`; for a `factory` whose
    options belong to an object it may be given (Middleware.replaced_by:
    sanic-session's `Session(app, interface=...)`), without that either."""
    replaced = []
    for param in factory.replaced_by if factory is not None else ():
        replaced.append({"pattern-not": f"$CALL(..., {param}=$I, ...)"})
        position = factory.leading + factory.params.index(param)
        replaced.append({"pattern-not": f"$CALL({', '.join(['$A%d' % i for i in range(position)] + ['$I'])}, ...)"})
    return {"patterns": [
        *middleware(qualnames),
        {"pattern-not": f"$CALL(..., {option}=$V, ...)"},
        {"pattern-not": "$CALL(..., **$OPTIONS)"},
        *replaced,
    ]}


def middleware_with(option, qualnames, value_regex=None, lifetime=False):
    return {"patterns": [
        *middleware(qualnames),
        *_value_filter(value_regex, lifetime, {"pattern": f"$CALL(..., {option}=$V, ...)"}),
    ]}


# Session configs built as objects of their own (Litestar's
# `CookieBackendConfig(...)`, aiohttp-session's storages), from the registry.
CONSTRUCTED_CONFIGS = tuple(m for f in fw.FRAMEWORKS for m in f.middleware if m.constructed)
_WEAK_DEFAULTS = {"secure": (False, None), "httponly": (False, None), "samesite": (None, "none")}


def session_configs(flag, value_regex=None, lifetime=False):
    """A constructed session config whose `flag` is weak: given a weak
    literal, or left out where the library's default is weak."""
    variants = []
    for config in CONSTRUCTED_CONFIGS:
        option = config.options.get(flag)
        if option is None or flag in config.fixed or not config.judged():
            continue
        if config.csrf and flag in ("httponly", "name"):
            continue  # a CSRF token's cookie (Litestar's CSRFConfig): the page reads it, and it is no session cookie
        # Test-only storages (SimpleCookieStorage) are left out: test configuration.
        construction = [{"pattern": "$MW(...)"}, one_of("$MW", config.judged())]
        variants.append({"patterns": [
            *construction, *_value_filter(value_regex, lifetime, {"pattern": f"$MW(..., {option}=$V, ...)"}),
        ]})
        if not lifetime and config.defaults.get(flag) in _WEAK_DEFAULTS.get(flag, ()):
            variants.append({"patterns": [
                *construction,
                {"pattern-not": f"$MW(..., {option}=$V, ...)"},
                {"pattern-not": "$MW(..., **$OPTIONS)"},
            ]})
    return {"pattern-either": variants}


def session_expiries():
    """`request.session.set_expiry($V)` (`$R` also `self.request`) in a
    module importing the framework whose sessions have the method
    (Framework.session_expiry_methods: Django's `set_expiry`), $V a
    lifetime above the limit."""
    rules = []
    for framework in fw.FRAMEWORKS:
        for method in sorted(framework.session_expiry_methods):
            rules.append({"patterns": [
                lifetime_above({"pattern": f"$R.session.{method}($V)"}),
                *_import_guard(framework.semgrep_imports()),
            ]})
    return {"pattern-either": rules}


def session_config_rule(flag, message, value_regex=None, lifetime=False):
    from .base import SemgrepRule

    return SemgrepRule(
        suffix="session-config", message=message,
        match=session_configs(flag, value_regex, lifetime),
        technology=tuple(sorted({f.key for f in fw.FRAMEWORKS for m in f.middleware if m in CONSTRUCTED_CONFIGS})),
    )


# Cookie objects built with set_cookie's parameters (Litestar's
# `Cookie(key=..., secure=...)` in `response_cookies=[...]`), from the
# registry: each class with its framework's defaults.
COOKIE_CLASSES = tuple((f, tuple(sorted(f.cookie_classes))) for f in fw.FRAMEWORKS if f.cookie_classes)


def _cookie_object_named(skip_names):
    """The object builds a session/auth cookie, by its literal name given
    as `key=` or first; never one of `skip_names`."""
    out = [{"pattern-either": [
        {"pattern": f'$CK("=~/{SESSION_COOKIE_NAME}/", ...)'},
        {"pattern": f'$CK(..., key="=~/{SESSION_COOKIE_NAME}/", ...)'},
    ]}]
    for name in skip_names:
        out += [{"pattern-not": f'$CK("=~/^{name}$/", ...)'}, {"pattern-not": f'$CK(..., key="=~/^{name}$/", ...)'}]
    return out


def cookie_objects(flag, value_regex=None, lifetime=False, skip_names=()):
    """A cookie object whose `flag` is weak: given a weak literal, left out
    where its framework's default is weak, or (`lifetime`) a max_age above
    the limit."""
    variants = []
    for framework, qualnames in COOKIE_CLASSES:
        construction = [{"pattern": "$CK(...)"}, one_of("$CK", qualnames)]
        option = "max_age" if lifetime else flag
        variants.append({"patterns": [
            *construction, *_value_filter(value_regex, lifetime, {"pattern": f"$CK(..., {option}=$V, ...)"}),
        ]})
        if not lifetime and framework.cookie_defaults.get(flag) in _WEAK_DEFAULTS.get(flag, ()):
            variants.append({"patterns": [
                *construction,
                {"pattern-not": f"$CK(..., {flag}=$V, ...)"},
                {"pattern-not": "$CK(..., **$OPTIONS)"},
            ]})
    return {"patterns": [{"pattern-either": variants}, *_cookie_object_named(skip_names)]}


def cookie_object_rule(flag, message, value_regex=None, lifetime=False, skip_names=()):
    from .base import SemgrepRule

    return SemgrepRule(
        suffix="cookie-object", message=message,
        match=cookie_objects(flag, value_regex, lifetime, skip_names),
        technology=tuple(sorted(f.key for f, _ in COOKIE_CLASSES)),
    )


# -- http.cookies morsels ------------------------------------------------------------

_OUTPUTS = tuple(f"$C.{m}(...)" for m in sorted(stdlib.OUTPUT_METHODS)) + tuple(
    f"$C[$ANY].{m}(...)" for m in sorted(stdlib.OUTPUT_METHODS)
)


def _in_jar():
    return [
        {"pattern-inside": "$C = $JAR(...)\n...\n"},
        one_of("$JAR", stdlib.SIMPLE_COOKIE),
    ]


def morsel_without(attribute, skip_names=()):
    """A morsel created (`cookie["sid"] = ...`) and output without
    `cookie["sid"][attribute]` being set first."""
    create = "$C[$N] = $V"
    setting = f'$C[$N]["{attribute}"] = $X'
    never_set = {"patterns": [{"pattern": create}, {"pattern-not-inside": f"{create}\n...\n{setting}\n"}]}
    set_too_late = {"patterns": [
        {"pattern": create},
        {"pattern-either": [{"pattern-inside": f"{create}\n...\n<... {out} ...>\n"} for out in _OUTPUTS]},
        *[{"pattern-not-inside": f"{create}\n...\n{setting}\n...\n<... {out} ...>\n"} for out in _OUTPUTS],
    ]}
    return {"patterns": [*_in_jar(), {"pattern-either": [never_set, set_too_late]}, *_morsel_names(skip_names)]}


def _morsel_names(skip_names):
    return [regex("$N", rf"""^[rub]?["'](?!{name}["'])""") for name in skip_names]


def morsel_with(attribute, value_regex=None, lifetime=False, skip_names=(), names=None):
    """`cookie["sid"][attribute] = weak` before the morsel is output; with
    `names`, only for morsels whose name matches that fragment."""
    out = [
        *_in_jar(),
        *_value_filter(value_regex, lifetime, {"pattern": f'$C[$N]["{attribute}"] = $V'}),
        *[{"pattern-not-inside": f"<... {o} ...>\n...\n"} for o in _OUTPUTS],
        *_morsel_names(skip_names),
    ]
    if names:
        out.append(regex("$N", rf"""^[rub]?["']{names}["']$"""))
    return {"patterns": out}


# -- hand-written Set-Cookie headers ------------------------------------------------------------

_HEADER_FORMS = ("($HEADER, $H)", "$OBJ[$HEADER] = $H", "$OBJ.$METHOD($HEADER, $H)")
# A headers dict counts where it reaches a response's construction (not an
# HTTP client's `requests.get(headers=...)`), and is reported there.
_RESPONSE_CALL_RE = r"^(?:[\w.]*\.)?(?:\w*Response|make_response|HttpResponse\w*)$"
# A str literal, or an f-string whose holes are all before the first `;`
# (in the cookie's value): its attributes are known text.
_KNOWN_ATTRIBUTES_RE = r"""^[rRbBuUfF]{0,2}("[^";]*(;[^"{}]*)?"|'[^';]*(;[^'{}]*)?')$"""


def _attribute_re(attribute):
    return rf"""(?i:;\s*{attribute}\s*(=[^;"']*)?(;|["']$))"""


def header_lacks(attribute=None, good_value=None):
    """A literal Set-Cookie header value missing `attribute` — or, with
    `good_value`, missing an `attribute=<good_value>` pair."""
    if good_value is None:
        missing = rf"^(?!.*{_attribute_re(attribute)})"
    else:
        missing = rf"""^(?!.*(?i:;\s*{attribute}\s*=\s*{good_value}))"""
    return regex("$H", missing)


def header_max_age_above(limit=LIMIT):
    return regex("$H", rf"(?i).*;\s*max-age\s*=\s*{int_above_regex(limit)}")


def set_cookie_header(*filters, skip_names=(), names=None):
    """A Set-Cookie header written by hand (`response["Set-Cookie"] = ...`,
    `headers.add("Set-Cookie", ...)`, a WSGI header tuple: reported at the
    value; `Response(..., headers={"Set-Cookie": ...})`: reported at the
    response) whose text passes `filters`."""
    out = [
        {"pattern-either": [
            {"patterns": [
                {"pattern-either": [{"pattern": form} for form in _HEADER_FORMS]},
                # Semgrep matches a dict's entries as (key, value) tuples.
                {"pattern-not-inside": "{..., $HEADER: $H, ...}"},
                {"focus-metavariable": "$H"},
            ]},
            {"patterns": [
                {"pattern": "$RESPONSE(..., headers={..., $HEADER: $H, ...}, ...)"},
                regex("$RESPONSE", _RESPONSE_CALL_RE),
            ]},
        ]},
        regex("$HEADER", r"""^[rub]?["'](?i:set-cookie)["']$"""),
        regex("$H", _KNOWN_ATTRIBUTES_RE),
        regex("$H", HEADER_NOT_DELETION_RE),
        *filters,
    ]
    for name in skip_names:
        out.append(regex("$H", rf"""^[rRbBuUfF]{{0,2}}["']\s*(?!{name}\s*=)"""))
    if names:
        out.append(regex("$H", rf"""^[rRbBuUfF]{{0,2}}["']\s*{names}\s*="""))
    return {"patterns": out}


# -- the cookie-flag rules' variants (SFX301-SFX303) --------------------------

@dataclass(frozen=True)
class FlagRules:
    """What one cookie-flag rule says in each Semgrep variant; the variants
    themselves (where a cookie is made, and how its flag is missing or weak)
    are one table, `flag_rules`, the same for every flag."""

    flag: str  # secure | httponly | samesite
    good: str  # the safe value as code: 'True', '"Lax"'
    weak_re: str  # a weak literal, as a metavariable regex
    weak: tuple  # weak constants (`SECURE = False` then `secure=SECURE`)
    skip: tuple  # cookie names the rule leaves alone
    messages: dict  # variant suffix ("" for set_cookie without the flag) -> message
    responses: object = None  # the responses a missing flag matters on (default: any)
    technology: tuple = ()  # of the set_cookie variant
    header_good: str = None  # a header attribute value that counts as set
    extra: dict = field(default_factory=dict)  # suffix -> SemgrepRule for this flag only


# Variant suffixes in export order; `extra` rules take their slots.
FLAG_VARIANTS = (
    "", "value", "constant", "settings", "settings-module", "config", "middleware", "session-config", "morsel", "header",
)


def flag_rules(spec):
    """The SemgrepRules of a cookie-flag rule, from its FlagRules."""
    from .base import SemgrepRule

    flag, skip, good = spec.flag, spec.skip, spec.good
    table = {
        "": lambda message: SemgrepRule(
            message=message,
            match=set_cookie_without(flag, spec.responses or weak_default_responses(flag), skip_names=skip),
            fix=f"$RESP.$SET($...ARGS, {flag}={good})",
            technology=spec.technology,
        ),
        "value": lambda message: SemgrepRule(
            suffix="value", message=message,
            match=set_cookie_with(flag, spec.weak_re, skip_names=skip),
            fix=f"$RESP.$SET($...BEFORE, {flag}={good}, $...AFTER)",
        ),
        "constant": lambda message: SemgrepRule(
            suffix="constant", message=message,
            match=set_cookie_with_constant(flag, spec.weak, skip_names=skip),
        ),
        "settings": lambda message: SemgrepRule(
            suffix="settings", message=message,
            match=module_settings(setting_names(flag), spec.weak_re),
            paths={"exclude": dev_module_globs()},
            fix=f"$KEY = {good}",
            technology=("django", "flask"),
        ),
        "config": lambda message: SemgrepRule(
            suffix="config", message=message,
            match=config_settings(setting_names(flag), spec.weak_re),
            technology=("flask", "django"),
        ),
        "session-config": lambda message: session_config_rule(flag, message, spec.weak_re),
        "morsel": lambda message: SemgrepRule(
            suffix="morsel", message=message,
            match={"pattern-either": [
                morsel_without(flag, skip_names=skip),
                morsel_with(flag, spec.weak_re, skip_names=skip),
            ]},
        ),
        "header": lambda message: SemgrepRule(
            suffix="header", message=message,
            match=set_cookie_header(header_lacks(flag, good_value=spec.header_good), skip_names=skip),
        ),
    }
    out = []
    for suffix in FLAG_VARIANTS:
        if suffix in spec.extra:
            out.append(spec.extra[suffix])
        elif suffix in spec.messages:
            out.append(table[suffix](spec.messages[suffix]))
    attribute = _FLAG_ATTRIBUTES[flag]
    out.append(cookie_object_rule(
        flag, f"$CK(...) builds a session/auth cookie without {attribute} (a weak or missing {flag}=); "
              f"pass {flag}={good}",
        value_regex=spec.weak_re, skip_names=skip,
    ))
    factories = factory_rules(
        flag, "{call}() sets {subject} without " + attribute + " or with a weak {option}",
        "pass {option}=" + good.replace("{", "{{").replace("}", "}}"),
        lambda default: default in (None, False), value_regex=spec.weak_re,
    )
    return tuple(out) + tuple(SemgrepRule(**fields) for fields in factories.values())


_FLAG_ATTRIBUTES = {"secure": "Secure", "httponly": "HttpOnly", "samesite": "SameSite"}
