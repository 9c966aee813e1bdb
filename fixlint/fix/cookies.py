"""Fixes for the cookie-flag rules SFX301 (HttpOnly), SFX302 (Secure) and
SFX303 (SameSite).

Each rule's `sites(facts)` yields exactly what its `check` reports; for each
site the fix is the smallest edit that states the safe value:

- `set_cookie`/`set_signed_cookie` and `SessionMiddleware`: pass the missing
  keyword (`secure=True`, `httponly=True`, `samesite="Lax"`,
  `https_only=True`) or replace the weak literal with the safe one;
- settings (`SESSION_COOKIE_SECURE = False`, `app.config[...]`,
  `.update(...)`, config classes): replace the literal value;
- a standalone Django settings module that never sets
  `SESSION_COOKIE_SECURE`: add it after the other cookie settings (unsafe);
- `http.cookies` morsels: replace a weak literal, or set the missing
  attribute right after the morsel is created;
- `Set-Cookie` string literals and f-strings: append the attribute.

Only literal values are replaced: a weak value that comes through a name
(`secure=INSECURE`) is left for a human, like every computed value.
"""

from __future__ import annotations

import ast
import re

from ..analysis.cookies import HEADER, MIDDLEWARE, MORSEL, SET_COOKIE, SETTINGS
from .. import frameworks as fw
from ..frameworks import SESSION
from . import https
from .edits import (
    SAFE, UNSAFE, AddKeyword, AppendToString, InsertStatements, Plan, ReplaceInString,
    ReplaceValue, Span,
)

# Libraries that spell SameSite in lower case (their type hints say so:
# Framework.samesite_lax), by the labels their cookie sites carry (FastAPI
# is the label Starlette's cookies carry in a FastAPI module).
_LOWER_SAMESITE = frozenset(
    label for f in fw.FRAMEWORKS if f.samesite_lax == "lax"
    for label in (f.label, *(variant for _, variant in f.label_variants), *(m.label for m in f.middleware))
)
_HEADER_ATTRIBUTE = {"secure": "Secure", "httponly": "HttpOnly", "samesite": "SameSite=Lax"}
# Settings a standalone settings module's SESSION_COOKIE_SECURE goes after.
_COOKIE_SETTING_PREFIXES = ("SESSION_COOKIE_", "CSRF_COOKIE_", "SESSION_")


def plan(rule, ctx, facts):
    """Plans for every finding of SFX301, SFX302 or SFX303 that has a fix."""
    decider = None  # one walk of the module for all of its Secure fixes
    for site, flag, node in rule.sites(facts):
        finding = rule.finding(node, rule.message(site, flag))
        decision = None
        if rule.flag == "secure":
            decider = decider or https.Decider(ctx.tree)
            decision = decider.decide(site.node)
        found = _plan_site(rule.flag, site, flag, ctx, decision)
        if found is not None:
            edits, safety, title = found
            why = ""
            if rule.flag == "secure" and (decision is None or (site.kind == HEADER and decision.value is not True)):
                safety, why = UNSAFE, https.NO_DECISION
            elif decision is not None:
                title += f" (as {decision.where})"
            yield Plan(finding, edits, safety, title, why)


def safe_value(flag_name, site):
    if flag_name == "samesite":
        return "lax" if site.label in _LOWER_SAMESITE else "Lax"
    return True


def _is_literal(expr):
    """A literal of this file (not one another module's function returns:
    cookies._elsewhere)."""
    return expr is not None and expr.__class__ is ast.Constant and not getattr(expr, "elsewhere", False)


def _plan_site(flag_name, site, flag, ctx, decision=None):
    """(edits, safety, title) or None when there is no fix. A Secure fix
    writes the HTTPS `decision` when there is one (fix.https)."""
    value = decision.value if decision is not None and site.kind != HEADER else safe_value(flag_name, site)
    safety = _safety(flag_name, site, flag)
    if site.kind in (SET_COOKIE, MIDDLEWARE):
        if site.options_elsewhere:
            return None  # `Session(app)`: the option is the interface's, which the call is not given
        keyword = site.settings.get(flag_name, flag_name)
        if flag.explicit:
            if not _is_literal(flag.expr):
                return None
            return (ReplaceValue(Span.of(flag.expr), value),), safety, f"{keyword}={value!r}"
        if any(k.arg is None for k in getattr(site.node, "keywords", ())):
            return None  # options spread from a dict (cookies.spread_options): the key belongs in the dict
        if site.config_dict:
            return None  # a configuration dict's key to add (`"tools.sessions.secure": True`): the message says which
        return (AddKeyword(Span.of(site.node), keyword, value),), safety, f"add {keyword}={value!r}"
    if site.kind == SETTINGS:
        setting = site.settings[flag_name]
        if flag.explicit:
            if not _is_literal(flag.expr):
                return None
            return (ReplaceValue(Span.of(flag.expr), value),), safety, f"{setting} = {value!r}"
        edits = _add_setting(ctx.tree, setting, value, site.development_line)
        return (edits, SAFE if decision is not None else UNSAFE, f"add {setting} = {value!r}") if edits else None
    if site.kind == MORSEL:
        if flag.explicit:
            if not _is_literal(flag.expr):
                return None
            return (ReplaceValue(Span.of(flag.expr), value),), safety, f'["{flag_name}"] = {value!r}'
        if not isinstance(site.node, ast.stmt):
            return None
        code = f'{site.variable}[{site.name!r}]["{flag_name}"] = {value!r}'
        return (InsertStatements(Span.of(site.node), (code,), after=True),), safety, f"add {code}"
    if site.kind == HEADER:
        return _header_edit(flag_name, site, flag, safety)
    return None


def _safety(flag_name, site, flag):
    """Stating a missing flag, or turning off a weak setting, changes nothing
    a correct app relies on. An explicit `httponly=False` or
    `samesite="None"` on a cookie that is not a session cookie is likely
    deliberate (a script reads it; a cross-site embed needs it): unsafe."""
    if flag.explicit and site.kind != SETTINGS and site.sensitivity != SESSION:
        if flag_name in ("httponly", "samesite"):
            return UNSAFE
    return SAFE


def _add_setting(tree, setting, value, development_line=None):
    """Insert `setting = value` after the module's last cookie setting (or
    its last statement); before the statement holding `development_line`
    (the setting given in a development branch), which keeps its value
    there."""
    body = [stmt for stmt in tree.body if isinstance(stmt, ast.stmt)]
    if development_line is not None:
        for stmt in body:
            if stmt.lineno <= development_line <= stmt.end_lineno:
                return (InsertStatements(Span.of(stmt), (f"{setting} = {value!r}",)),)
    anchor = body[-1] if body else None
    for stmt in body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id.startswith(_COOKIE_SETTING_PREFIXES) for t in targets):
                anchor = stmt
    if anchor is None:
        return ()
    return (InsertStatements(Span.of(anchor), (f"{setting} = {value!r}",), after=True),)


def _header_edit(flag_name, site, flag, safety):
    node = site.value  # the header text (the site may be the response it reaches)
    literal = node.__class__ is ast.JoinedStr or (
        node.__class__ is ast.Constant and isinstance(node.value, (str, bytes))
    )
    if not literal:
        return None
    if flag.explicit:  # SameSite=None written in the header
        pattern = r"SameSite\s*=\s*" + re.escape(str(flag.value)) + r"(?![\w-])"
        return (ReplaceInString(Span.of(node), pattern, "SameSite=Lax"),), safety, "SameSite=Lax"
    attribute = _HEADER_ATTRIBUTE[flag_name]
    return (AppendToString(Span.of(node), attribute),), safety, f"append '; {attribute}'"
