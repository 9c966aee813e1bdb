"""What SFX301-SFX305 share: walking the cookie sites for one attribute and
phrasing where the fix goes. Each rule module keeps its own wording."""

from __future__ import annotations

import ast

from ..analysis.cookies import APP, HEADER, MIDDLEWARE, MORSEL, SET_COOKIE, SETTINGS, CookieAnalysis


def flagged(facts, flag_name, is_weak, skip=()):
    """(site, flag, node) for every site whose `flag_name` is weak: stated
    weak, or missing where absence counts and the default is weak.
    Sites whose sensitivity is in `skip` are left alone; computed values are
    trusted."""
    for site in facts[CookieAnalysis].sites:
        if site.sensitivity in skip:
            continue
        flag = site.flags.get(flag_name)
        if flag is None or not flag.known:
            continue
        if not flag.explicit and flag_name not in site.missing_counts:
            continue
        if not is_weak(flag.value):
            continue
        yield site, flag, report_node(site, flag)


def report_node(site, flag):
    """Calls are reported at the call (one finding per flag on the call's
    line); settings and morsel attributes at the statement that states them."""
    if site.kind in (SETTINGS, MORSEL) and flag.explicit and flag.node is not None:
        return flag.node
    return site.node


def flag_fix(site, option, value):
    """Where a message says to set `option` to `value` (as written) on a
    set_cookie-like site: in the call, or in the dict it spreads that a
    function returns (`set_cookie(**cookie_params(user))`)."""
    if site.options_from is not None:
        return f'add "{option}": {value} to the dict {site.options_from} returns'
    if site.config_dict:
        return option_fix(site, option, value)
    if site.via is not None:  # a flag a cookie helper takes from its parameter (cookie_helpers._flags_given)
        return f"pass {option}={value} to {site.via}()"
    return f"pass {option}={value} to {site.method}()"


def option_fix(site, option, value):
    """`pass {option}={value}` for a middleware's or storage's option, or the
    key to add to the configuration dict that switched the tool on."""
    if site.config_call:
        return f'add "{option}": {value} to the options dict {site.method}() is given'
    if site.config_dict:
        return f'add "{option}": {value} to the dict that sets "{site.method}"'
    return f"pass {option}={value}"


def stated(site, flag_name):
    """The source form of a stated setting or argument, for messages."""
    flag = site.flags.get(flag_name)
    option = site.settings.get(flag_name) or flag_name
    if flag is None or not flag.explicit:
        return None
    node = flag.node
    if node.__class__ in (ast.Attribute, ast.Subscript) and site.kind in (SET_COOKIE, MIDDLEWARE):
        # a value the project's settings or a class constant give (`settings.SIMPLE_JWT["AUTH_COOKIE_SECURE"]`)
        return f"{option}={ast.unparse(node)}, which is {flag.value!r}"
    if site.config_dict:
        return f'"{option}": {flag.value!r}'
    if node.__class__ is ast.IfExp and site.kind in (SET_COOKIE, MIDDLEWARE):
        return f"{option}={ast.unparse(node)} (weak either way)"  # `samesite="None" if PROD else None`
    if site.via is not None and flag.expr is None:
        return f"{option}={flag.value!r}, the default of {site.via}()"  # a helper's parameter the call leaves
    return f"{option}={flag.value!r}" if site.kind in (SET_COOKIE, MIDDLEWARE) else f"{option} = {flag.value!r}"


def never_set(site, flag_name, default):
    """The opening of a message about a project that never gives an app's
    cookie setting (APP sites: Flask(...), Quart(...) or LoginManager(...)),
    the setting, and where to give it; the app is named by its framework
    ("this Quart app"). A setting a module gives only as a bare name beside
    the class `from_object` loads is said to be there, and to be moved."""
    owner = "LoginManager" if site.sensitivity_detail == "remember" else f"{site.label or 'Flask'} app"
    setting = site.settings[flag_name]
    module = site.unloaded.get(setting)
    if module is not None:
        return (f"{module} sets {setting} at module level, outside the class from_object() loads (this "
                f"{owner} keeps the default {default})"), setting, "inside that config class"
    return f"no module of the project sets {setting} for this {owner} (default {default})", setting, "in its config"


def morsel_ref(site):
    return f"{site.variable}[{site.name!r}]"


__all__ = [
    "APP", "HEADER", "MIDDLEWARE", "MORSEL", "SET_COOKIE", "SETTINGS", "CookieAnalysis", "flag_fix", "flagged",
    "morsel_ref", "never_set", "option_fix", "report_node", "stated",
]
