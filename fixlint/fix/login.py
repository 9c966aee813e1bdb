"""Fixes for SFX101 (session not regenerated on login): insert the session
backend's regeneration call, with a comment line, before the statement that
binds the identity — or, when the binding happens in a same-module helper,
before the handler's statement that calls it.

Per backend (`regenerate_code` in `frameworks.*.SESSION_BACKEND`):

- Flask's cookie session and Starlette's `SessionMiddleware` ("before"
  backends: clearing is the regeneration): `session.clear()` /
  `request.session.clear()`. Clearing wipes what the session held, so the
  call goes above the handler's first session write when one comes before
  the binding (`session.permanent = True`), and the fix is declined when
  the handler reads from it afterwards a key it has not written again;
- Django: `request.session.cycle_key()`; Flask-Session:
  `<app>.session_interface.regenerate(session)` with the module's Flask
  application object (or its `current_app` import); starsessions:
  `regenerate_session_id(request)`, importing it when the name is free.
  These keep the session's data;
- a hand-rolled store: none (a new id must be issued and sent as the cookie).

A handler that calls a session method its backend lacks
(`session.regenerate()` on Flask, `request.session.regenerate()` on Django)
gets that call replaced with the backend's real one instead — where the
developer meant to regenerate; for a clearing backend only when the call
comes before the binding. A handler that puts the old session back after
clearing it is declined: which values to carry across is the developer's
call.

Every fix is UNSAFE (the rule's docs say why). The names written are the
ones the handler already uses for its session and request; when they
cannot be known, or when one regeneration would not precede every binding
of the handler (bindings in different branches), the finding is declined.
"""

from __future__ import annotations

import ast

from ..analysis.lifecycle import BIND, LifecycleAnalysis, session_method
from ..analysis.lifecycle_paths import SignedInOnly, carries_sign_in
from ..engine import scope as sc
from .. import frameworks as fw
from . import sessions
from .edits import UNSAFE, Decline, InsertStatements, Plan, ReplaceStatement, Span
from .sessions import Unclear

COMMENT = "# New session at {occasion}, so a planted session id is worthless (SFX101)"
_RESTORE_REASON = ("the handler puts the old session back after clearing it; keep only the values it needs "
                   "across the clear")
_SECOND_FACTOR_REASON = ("a second-factor check: the session holds what the earlier step stored (the user it "
                         "signed in), which clearing drops; read it before the clear and write it back after, by hand")
_STORE_REASON = "a hand-rolled store needs a new id, the record moved under it and the cookie reset"


def plan(rule, ctx, facts):
    """A Plan (or a Decline) for every SFX101 finding."""
    lifecycle = facts[LifecycleAnalysis]
    for path, step, backend, cause in rule.unregenerated(facts):
        finding = rule.reported(step, backend, cause, path.occasion)
        try:
            if cause is not None and cause.event.restores is not None:
                raise Unclear(_RESTORE_REASON)
            if carries_sign_in(path.occasion, backend, step):
                raise Unclear(_SECOND_FACTOR_REASON)
            if cause is not None and not isinstance(cause, SignedInOnly):
                call, edits = _replace_lookalike(lifecycle, path, step, backend, cause)
                yield Plan(finding, edits, UNSAFE, f"replace with {call}")
                continue
            call, imports = _regeneration(lifecycle, path, step, backend)
            located = _check_covers(lifecycle, path, step, backend, sessions.locate(path.function, step.site))
        except Unclear as exc:
            yield Decline(finding, str(exc))
            continue
        insert = InsertStatements(Span.of(located.stmt), (COMMENT.format(occasion=path.occasion), call))
        yield Plan(finding, (insert, *imports), UNSAFE, f"insert {call}")


def _replace_lookalike(lifecycle, path, step, backend, cause):
    """(the call's source, edits) replacing the statement that calls a
    session method the backend lacks (`cause`) with the backend's
    regeneration, or Unclear. A clearing backend's call must come before
    the binding and lose nothing the handler wrote earlier or reads later."""
    if cause.via is not None:
        raise Unclear(f"the {session_method(cause.event)}() call is in {cause.via}(), which other code may call")
    located = sessions.locate(path.function, cause.site)
    if not (isinstance(located.stmt, ast.Expr) and located.stmt.value is cause.event.node):
        raise Unclear(f"the {session_method(cause.event)}() call is part of a larger statement")
    call, imports = _regeneration(lifecycle, path, cause, backend)
    if backend.order == "before":
        index = path.steps.index(cause)
        if index > path.steps.index(step):
            raise Unclear(f"the {session_method(cause.event)}() call comes after the binding; clearing there "
                          f"would drop it")
        around = sessions.locate_before(path.function, cause.site, step.site)  # a `try` holding the call
        belongs = sessions.same_backend(lifecycle, backend)
        for later in path.steps[index + 1:]:
            if later.kind == BIND and belongs(later.event) and not sessions.dominates(around, later.site):
                raise Unclear("the handler binds the identity on another branch too; one call would not cover both")
        before, after = sessions.split(path, index, around, belongs)
        sessions.check_kept_data(before, after, "clearing the session")
    return call, (ReplaceStatement(Span.of(located.stmt), (call,)), *imports)


def _regeneration(lifecycle, path, step, backend):
    """(the call's source, edits it needs) for the backend, or Unclear: the
    backend's `regenerate_code` with the handler's names filled in."""
    template = backend.regenerate_code
    if not template:
        raise Unclear(_STORE_REASON if backend is fw.HAND_ROLLED.backend else f"no regeneration is known for {backend.label}")
    scope = lifecycle.scopes.get(path.function)
    if scope is None:
        raise Unclear("the handler's names are unknown")
    event = step.event
    imports = ()
    if event.session is not None:
        session = sessions.in_handler(lifecycle, path, step, event.session)
    elif event.framework is not None and (event.framework.extends or event.framework).session_import:
        # Flask-Login's login_user(): the handler names Flask's session itself
        session, imports = sessions.proxy_session(lifecycle, path.function)
    else:  # Starlette-Login's login_user(request, user): the session of the request it is given
        session = _request_session(lifecycle, event)
    names = {"session": session}
    if "{request}" in template:
        if not session.endswith(".session"):
            raise Unclear("the request the session belongs to is not named")
        names["request"] = session[: -len(".session")]
    if "{app}" in template:
        names["app"] = _application(scope)
    if "{function}" in template:
        module, name = backend.function_import
        found = sessions.imported_name(scope, _qualnames(module, name), (module, name))
        if found is None:
            raise Unclear(f"`{name}` names something else in the handler")
        names["function"], more = found
        imports += more
    return template.format(**names), imports


def _request_session(lifecycle, event):
    """`request.session` for a library's login call given the request by
    name first (`login_user(request, user)`) in a module of the framework
    whose session that is (a clear() fixlint would not read as the
    framework's is no fix), or Unclear."""
    owner = event.framework.extends or event.framework
    if not lifecycle.ctx.imports(*owner.packages):
        raise Unclear(f"the module imports no {owner.label} module: its request's session is not known to be "
                      f"{owner.label}'s")
    call = event.node
    if call.__class__ is ast.Await:
        call = call.value
    first = call.args[0] if call.__class__ is ast.Call and call.args else None
    if first is None or first.__class__ is not ast.Name or first.id not in fw.REQUEST_NAMES:
        raise Unclear("the session the library's login call writes is not named in the handler")
    return f"{first.id}.session"


def _qualnames(module, name):
    """The qualified names an import of `module.name` may resolve to."""
    return lambda qualname: qualname == f"{module}.{name}" or (
        qualname.startswith(f"{module}.") and qualname.endswith(f".{name}"))


def _application(scope):
    """The name of the Flask application object in the handler: a
    module-level `app = Flask(...)`, else an imported `current_app`."""
    module = scope.module()
    for name, binding in module.bindings.items():
        value = binding.value
        if binding.kind == sc.ASSIGN and value is not None and isinstance(value, ast.Call):
            if _qualname(module, value.func) in fw.INTERFACE_OWNERS and sc.lookup(scope, name) is binding:
                return name
    found = sessions.imported_name(scope, fw.INTERFACE_PROXIES.__contains__)
    if found is None:
        raise Unclear("the Flask application object is not named in this module (no app = Flask(...), "
                      "no current_app import)")
    return found[0]


def _qualname(scope, expr):
    """What a module-level name or attribute chain refers to through imports."""
    attrs = []
    while isinstance(expr, ast.Attribute):
        attrs.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    binding = sc.lookup(scope, expr.id)
    if binding is None or binding.qualname is None:
        return None
    return ".".join([binding.qualname, *reversed(attrs)])


def _check_covers(lifecycle, path, step, backend, located):
    """Where the call goes: before `located` (the binding's statement), or,
    for a backend that regenerates by clearing, before the handler's first
    session write when there is one (`session.permanent = True` just before
    the binding is kept that way). Unclear unless the call precedes every
    binding of the handler on this backend and, when it clears, loses
    nothing the handler reads from the session afterwards."""
    index = path.steps.index(step)
    belongs = sessions.same_backend(lifecycle, backend)
    for later in path.steps[index + 1:]:
        if later.kind == BIND and belongs(later.event) and not sessions.dominates(located, later.site):
            raise Unclear("the handler binds the identity on another branch too; one call would not cover both")
    if backend.order == "before":
        before, after = sessions.split(path, index, located, belongs)
        first = next((s for s in before if sessions.writes(s)), None)
        if first is not None:
            located = sessions.locate_before(path.function, first.site, step.site)
            before, after = sessions.split(path, path.steps.index(first), located, belongs)
        sessions.check_kept_data(before, after, "clearing the session")
    return located
