"""Cookies set through a helper of the module, judged at the helper's call.

A helper given the response and the cookie's name, value or lifetime
(the Django idiom `def set_cookie(response, key, value, days_expire=7)`,
copied into many apps) sets the cookie where its caller says: in
`set_cookie(resp, "anon_token", str(uuid.uuid1()), 365)` the weak value,
the lifetime above the limit and the session name without `__Host-` are
the call's. The helper's own `set_cookie(...)` knows none of them (its
name and value are parameters), so its flags are judged there (SFX301-303,
as for any cookie named by an expression), and the call gives a site of
its own (helper_cookie_site) for what its arguments decide: the name,
the value and the lifetime (SFX204, SFX304, SFX305), reported at the call.

A helper is a module-level function whose `set_cookie(...)` is made on a
parameter (the response it is given) with its name, value or lifetime
taken from parameters. One of the module's is noted while the walk is in
it (`note_template`): its calls below it in the module are sites (a
helper defined further down is not known yet when its callers are
walked). One of another module of the project comes with its profile
(project/functions.py, `cookie`: the parameters, the lifetime as text).
What the helper decides alone (its own name, and the value and lifetime
that go with it) is judged at its own set_cookie(), once, not at each
call.
"""

from __future__ import annotations

import ast
import copy

from .. import frameworks as fw
from ..engine import scope as sc
from ..engine.nodes import parameter_defaults
from ..engine.values import UNKNOWN, duration_of, evaluate, inline_lifetime, literal_string
from ..project.mounts import dotted

_STATE = "cookie helpers"  # ctx.kept key: the file's Helpers


class Helpers:
    """The cookie helpers a file may call: its own (noted while the walk
    passes them) and those imported with a profile. `active` says whether
    there are any: the analyses ask it before each call's question (most
    files have none)."""

    __slots__ = ("templates", "profiled", "from_profiles", "active")

    def __init__(self, project):
        self.templates = {}  # FunctionDef -> _Template, of the module's own helpers
        self.profiled = _profiled_names(project)  # qualified names of imported helpers with a profile
        self.from_profiles = {}  # qualified name -> _Template, made when first called
        self.active = bool(self.profiled)


def helpers(ctx):
    """The file's Helpers (made once per file)."""
    found = ctx.kept.get(_STATE)
    if found is None:
        found = ctx.kept[_STATE] = Helpers(ctx.project)
    return found


class _Template:
    """What a helper's `set_cookie(...)` takes from its parameters."""

    __slots__ = ("key", "name", "value", "lifetime", "positional", "params", "defaults", "method", "framework",
                 "label", "settings", "inner_value", "inner_lifetime", "flag_params")

    def __init__(self, positional, kwonly, defaults, key, name, value, lifetime):
        self.positional = positional  # the helper's positional parameters, in order
        self.params = positional + kwonly
        self.defaults = defaults  # parameter -> its default's expression
        self.key = key  # the parameter naming the cookie, or None (named `name`)
        self.name = name  # the helper's own literal cookie name, when `key` is None
        self.value = value  # the parameter giving the value, or None
        self.lifetime = lifetime  # the lifetime with parameters left as Names (_inlined), or None
        self.method = "set_cookie"
        self.framework = None
        self.label = None
        self.settings = {}
        self.inner_value = None  # the helper's own value expression, when not a parameter
        self.inner_lifetime = None  # the helper's own lifetime in seconds, when no parameter gives it
        self.flag_params = {}  # cookie flag (FLAG_NAMES) -> the parameter giving it (`httponly=httponly`)

    @classmethod
    def of_function(cls, function, site, key, value, lifetime):
        """The template of a helper of the module, from its set_cookie() site."""
        args = function.args
        positional = [a.arg for a in (*args.posonlyargs, *args.args)]
        defaults = {arg.arg: default for arg, default in parameter_defaults(function).items() if default is not None}
        template = cls(positional, [a.arg for a in args.kwonlyargs], defaults, key,
                       site.name if key is None else None, value, lifetime)
        template.method, template.framework, template.label = site.method, site.framework, site.label
        template.settings = site.settings
        template.inner_value = site.value
        flag = site.flags.get("lifetime")
        if lifetime is None and flag is not None and flag.known:
            template.inner_lifetime = flag.value
        return template

    @classmethod
    def of_profile(cls, cookie, ctx):
        """The template of a helper of another module, from its profile's
        `cookie` entry (project/functions.py, `_cookie_template`)."""
        lifetime = None
        if cookie.get("lifetime"):
            try:
                lifetime = ast.parse(cookie["lifetime"], mode="eval").body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                lifetime = None
        defaults = {param: ast.Constant(value=value) for param, value in (cookie.get("defaults") or {}).items()}
        template = cls(list(cookie.get("params") or ()), list(cookie.get("kwonly") or ()), defaults,
                       cookie.get("key"), cookie.get("name"), cookie.get("value"), lifetime)
        flags = cookie.get("flags")
        if isinstance(flags, dict):
            template.flag_params = {f: p for f, p in flags.items() if f in FLAG_NAMES and p in template.params}
        template.method = cookie.get("method") or "set_cookie"
        framework = fw.BY_KEY.get(cookie.get("web")) or fw.file_web_framework(ctx)
        template.framework = framework
        template.label = framework.label_in(ctx) if framework is not None else None
        if framework is not None and framework.cookie_keywords:
            template.settings = {flag: keyword for keyword, flag in framework.cookie_keywords.items()}
        return template


def note_template(ctx, site, func):
    """While the walk is in a module-level function: keep what its
    `set_cookie(...)` (`site`; `func`: the call's callee) takes from the
    function's parameters, for its calls (helper_cookie_site)."""
    info = ctx.function
    if info is None or info.class_node is not None or info.parent is not None or site.deletion:
        return
    if _param(ctx, func.value) is None:
        return  # the response is the function's own: a handler, not a helper
    key = _param(ctx, site.flags["name"].node) if site.name is None else None
    value = _param(ctx, site.value)
    lifetime = site.flags.get("lifetime")
    inlined = _inlined(ctx, lifetime.node) if lifetime is not None and lifetime.node is not None else None
    takes_lifetime = inlined is not None and any(_holds_param(inlined, a.arg) for a in parameter_defaults(info.node))
    flag_params = {}
    for flag in FLAG_NAMES:
        given = site.flags.get(flag)
        param = _param(ctx, given.node) if given is not None and given.explicit and not given.known else None
        if param is not None:
            flag_params[flag] = param  # `httponly=httponly`: the caller's (or the parameter's default)
    if key is None and value is None and not takes_lifetime and not flag_params:
        return
    state = helpers(ctx)
    templates = state.templates
    state.active = True
    if info.node not in templates:
        template = templates[info.node] = _Template.of_function(info.node, site, key, value, inlined)
        template.flag_params = flag_params


# The cookie flags a helper may take from a parameter (`def add_session(resp, data, httponly=False)`):
# judged at each call, with the argument it passes or the parameter's default.
FLAG_NAMES = ("secure", "httponly", "samesite")


def _param(ctx, expr):
    """The name of the current function's parameter `expr` is, or None."""
    if expr is None or expr.__class__ is not ast.Name:
        return None
    binding = ctx.binding(expr)
    if binding is None or binding.kind != sc.PARAM or binding.scope is not ctx.function.scope:
        return None
    return expr.id


def _inlined(ctx, expr):
    """`expr`, a lifetime in the helper the walk is in, with its local names
    followed back and the module's numbers folded (values.inline_lifetime)."""
    return inline_lifetime(expr, lambda name: _param(ctx, name) is not None, ctx.value_of, ctx.qualname,
                           lambda part: _number(evaluate(part, ctx, numbers=True)))


def _number(value):
    if value is UNKNOWN or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return ast.Constant(value=value)


class _Markers:
    """The context an inlined lifetime is folded in: its only names are
    the markers of `timedelta(...)` and `now()` (their qualified names)."""

    project = None

    qualname = staticmethod(dotted)  # `datetime.timedelta`, as the marker spells it

    @staticmethod
    def value_of(expr):
        return expr


def helper_cookie_site(ctx, call):
    """The CookieSite of a call of a cookie helper (see the module's doc):
    one of the module's, or one another module of the project defines
    (its profile's `cookie`: `from .utils import set_cookie`). None for any
    other call. Shared by the cookie and session-id analyses, which ask in
    turn at the same call: the last call's answer is kept."""
    state = helpers(ctx)
    if not state.active:
        return None  # (most files: no cookie helper of theirs, none imported)
    kept = ctx.kept
    last = kept.get(helper_cookie_site)
    if last is not None and last[0] is call:
        return last[1]
    template = _template_of(ctx, call.func, state)
    site = _site(ctx, call, template) if template is not None else None
    ctx.kept[helper_cookie_site] = (call, site)
    return site


def _profiled_names(project):
    """The qualified names of the imported helpers whose profile sets a
    cookie from their parameters."""
    helpers = project.helpers if project is not None else None
    if not helpers:
        return frozenset()
    return frozenset(q for q, profile in helpers.items() if profile.get("cookie"))


def _template_of(ctx, func, state):
    """The _Template of the helper `func` names, or None."""
    if func.__class__ is ast.Name:
        binding = ctx.binding(func)
        if binding is None:
            return None
        if binding.kind == sc.FUNCTION:
            return state.templates.get(binding.value)
        if binding.kind != sc.IMPORT:
            return None
    elif func.__class__ is not ast.Attribute:
        return None
    if not state.profiled:
        return None
    qualname = ctx.qualname(func)
    if qualname not in state.profiled:
        return None
    template = state.from_profiles.get(qualname)
    if template is None:
        template = state.from_profiles[qualname] = _Template.of_profile(ctx.project.helpers[qualname]["cookie"], ctx)
    return template


def _site(ctx, call, template):
    given = _arguments(template, call)
    if given is None:
        return None
    from . import cookies as ck

    key = value = None
    if template.key is not None:
        key = given.get(template.key)
        if key is None or key.__class__ is ast.Constant and key.value is None:
            return None
        name = literal_string(key, ctx)
    else:
        name = template.name
    if template.value is not None:
        value = given.get(template.value)
        if value is None or evaluate(value, ctx) in (None, "", b""):
            return None  # a deletion through the helper
    site = ck.CookieSite(ck.SET_COOKIE, call, template.label, name)
    site.framework, site.method, site.settings = template.framework, template.method, template.settings
    site.via = call.func.id if call.func.__class__ is ast.Name else call.func.attr
    # What the helper's own set_cookie() already judged is not judged again at each call: its own
    # name, and with it its own value and lifetime (reported there, once).
    from_call = key is not None
    site.value = value if value is not None else (template.inner_value if from_call else None)
    if name is None and key is not None:
        site.name_source = ck._short_source(key)
    site.sensitivity = ck.cookie_sensitivity(ctx, name, site.value, key)
    for flag in ("secure", "httponly", "samesite", "domain", "path"):
        site.flags[flag] = ck.Flag(None, known=False)  # the helper's own: judged at its set_cookie(...)
    if template.flag_params:
        _flags_given(site, template, given, call, ctx)
    site.flags["name"] = ck.Flag(name, known=name is not None, explicit=from_call, node=key if from_call else call)
    seconds = _lifetime(template, given, ctx) if template.lifetime is not None or from_call else None
    if seconds is not None:
        site.flags["lifetime"] = ck.Flag(seconds, known=True, explicit=True, node=call)
        site.lifetime_via = next((p for p in template.params if p in given and _holds_param(template.lifetime, p)),
                                 None)
    site.missing_counts = frozenset()
    return site


def _flags_given(site, template, given, call, ctx):
    """The flags the helper takes from its parameters, as this call gives
    them: a literal the call passes (reported there, and fixed there), or
    the parameter's literal default (`httponly=False`, which the call
    leaves: reported at the call, the fix left to a human, since the
    default is every caller's). A computed value is trusted, as anywhere."""
    from . import cookies as ck

    passed = set(template.positional[:len(call.args)]) | {k.arg for k in call.keywords}
    for flag, param in template.flag_params.items():
        expr = given.get(param)
        if expr is None:
            continue
        value = evaluate(expr, ctx)
        if value is UNKNOWN:
            continue
        stated = ck.Flag(value, known=True, explicit=True, node=expr if param in passed else call)
        if param not in passed:
            stated.expr = None
        site.flags[flag] = stated
        site.settings = {**site.settings, flag: param}  # the option to pass is the helper's parameter


def _arguments(template, call):
    """{parameter: expression} of a call of the helper (its defaults for
    the parameters it leaves out), or None when `*args`/`**kwargs` hide
    which is which."""
    if any(a.__class__ is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    given = dict(template.defaults)
    if len(call.args) > len(template.positional):
        return None
    given.update(zip(template.positional, call.args))
    for keyword in call.keywords:
        given[keyword.arg] = keyword.value
    return given


def _holds_param(tree, param):
    return tree is not None and any(n.__class__ is ast.Name and n.id == param for n in ast.walk(tree))


def _lifetime(template, given, ctx):
    """Seconds the cookie lives for this call, or None when unknown."""
    tree = template.lifetime
    if tree is None:
        return template.inner_lifetime
    values = {}
    for node in ast.walk(tree):
        if node.__class__ is ast.Name and node.id in given and node.id not in values:
            value = evaluate(given[node.id], ctx, numbers=True)
            if value is UNKNOWN or isinstance(value, bool) or not isinstance(value, (int, float)):
                return None
            values[node.id] = value
    substituted = _Substitute(values).visit(copy.deepcopy(tree))
    if any(n.__class__ is ast.Name and n.id in template.params for n in ast.walk(substituted)):
        return None  # a parameter the call leaves to a default that is no literal
    return duration_of(substituted, _Markers)


class _Substitute(ast.NodeTransformer):
    def __init__(self, values):
        self.values = values

    def visit_Name(self, node):
        if node.id in self.values:
            return ast.Constant(value=self.values[node.id])
        return node
