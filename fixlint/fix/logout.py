"""Fixes for SFX102 (session not invalidated on logout): replace the first
selective removal of an identity key (`session.pop("user_id", None)`, `del
request.session["member_id"]`, `session["logged_in"] = False`) with the
backend's full invalidation, and delete the handler's other removals from
the same session, which the invalidation makes redundant:

- Flask (cookie or Flask-Session), Starlette, starsessions: `<session>.clear()`;
- Django: `<request>.session.flush()` (what `logout()` does to the session,
  without the signals and `request.user` handling of a full `logout()`).

`user = session.pop("user", None)` keeps its statement (the value is used)
and gets the invalidation right after it. Comments stay: those of a
replaced statement go with its replacement, those of a deleted one move to
the statement after it.

No fix, with the reason as the note: any other finding at the `def` (nothing to
replace), a logout that keeps or only deletes a signed user cookie
(Tornado: deleting it leaves every copy valid, which only a check on the
server ends), a deleted cookie whose server-side record survives, a hand-rolled
store, a removal inside a helper (other code may call it), a removal that
is part of a larger expression, and a handler that writes to the session
before the point (`flash()`: the invalidation would drop it) or reads a key
from it afterwards.
"""

from __future__ import annotations

import ast

from ..analysis.lifecycle import COOKIE_DELETE, DELETE, REMOVE, TOUCH, LifecycleAnalysis
from . import sessions
from .edits import UNSAFE, Decline, InsertStatements, Plan, ReplaceStatement, Span
from .sessions import Unclear
from ..rules.sfx102_session_not_invalidated_on_logout import DeletedCookie, KeptCookie

_COOKIE_REASON = ("which server-side record to delete is not visible where the cookie is deleted; "
                  "invalidate the session there by hand")


def plan(rule, ctx, facts):
    """A Plan (or a Decline) for every SFX102 finding."""
    lifecycle = facts[LifecycleAnalysis]
    for path, step, node, message in rule.alive(facts):
        finding = rule.finding(node, message)
        try:
            edits, call = _invalidation(lifecycle, path, step)
        except Unclear as exc:
            yield Decline(finding, str(exc))
            continue
        yield Plan(finding, edits, UNSAFE, f"replace with {call}")


def _removes_loop_key(node):
    """`session.pop(key)` / `del session[key]` with a variable key: the
    lifecycle analysis read the key from a loop over literal keys."""
    if node.__class__ is ast.Call:
        return bool(node.args) and node.args[0].__class__ is ast.Name
    if node.__class__ is ast.Delete:
        return any(t.__class__ is ast.Subscript and t.slice.__class__ is ast.Name for t in node.targets)
    return False


def _invalidation(lifecycle, path, step):
    """(edits, the call's source) or Unclear."""
    if step.__class__ is KeptCookie:
        raise Unclear("deleting the signed cookie would leave every copy of it valid; revoking its value "
                      "needs a check on the server")
    if step.__class__ is DeletedCookie:
        raise Unclear("the signed cookie is already deleted; revoking its value needs a check on the server")
    if step is None:
        raise Unclear("the handler removes nothing that could be replaced; end the session where it fits")
    event = step.event
    if step.kind == COOKIE_DELETE:
        raise Unclear(_COOKIE_REASON)
    if event.restores is not None:
        raise Unclear("the handler puts the old session back after clearing it; drop that by hand")
    if lifecycle.missing(event) is not None:
        return _replace_lookalike(lifecycle, path, step)
    backend = lifecycle.backend(event.framework)
    if backend is None or not backend.invalidate_code:
        raise Unclear("a hand-rolled store: delete the server-side record")
    if step.kind != REMOVE:
        raise Unclear(f"the handler writes {event.key!r}; replacing a write may break what reads it")
    if step.via is not None:
        raise Unclear(f"the removal is in {step.via}(), which other code may call")
    if _removes_loop_key(event.node):
        raise Unclear("the removal runs in a loop over keys; end the session once, after the loop")
    session = _session_source(event)
    call = backend.invalidate_code.format(session=session)
    located = sessions.locate(path.function, step.site)
    stmt = located.stmt
    if _only_removes(stmt, session):
        first = ReplaceStatement(Span.of(stmt), (call,))
    elif _keeps_popped_value(stmt, event.node):
        first = InsertStatements(Span.of(stmt), (call,), after=True)
    else:
        raise Unclear("the removal is part of a larger statement")
    index = path.steps.index(step)
    before, after = sessions.split(path, index, located, sessions.same_backend(lifecycle, backend))
    after = [s for s in after if not sessions.contains(stmt, s.site)]  # the statement itself goes
    redundant = [s for s in after if _is_removal(s)]
    sessions.check_kept_data(before, [s for s in after if s not in redundant], call)
    deletions = tuple(_deletion(path, s, session) for s in redundant)
    return (first, *deletions), call


def _replace_lookalike(lifecycle, path, step):
    """(edits, the call's source) replacing the statement that calls a
    session method the backend lacks (`session.invalidate()` on Flask) with
    the backend's invalidation. Unlike a removal's replacement, what the
    session held is not checked: the developer meant to end it there."""
    event = step.event
    backend = lifecycle.backend(event.framework)
    if not backend.invalidate_code:
        raise Unclear(f"no invalidation is known for {backend.label}")
    if step.via is not None:
        raise Unclear(f"the call is in {step.via}(), which other code may call")
    session = _session_source(event)
    located = sessions.locate(path.function, step.site)
    if not (isinstance(located.stmt, ast.Expr) and located.stmt.value is event.node):
        raise Unclear("the call is part of a larger statement")
    call = backend.invalidate_code.format(session=session)
    return (ReplaceStatement(Span.of(located.stmt), (call,)),), call


def _session_source(event):
    """Source for the session the event acts on, or Unclear."""
    session = sessions.render(event.session) if event.session is not None else None
    if session is None:
        raise Unclear("the session is not a plain name or attribute")
    return session


def _is_removal(step):
    return step.kind == REMOVE or (step.kind == TOUCH and step.event.access == DELETE)


def _deletion(path, step, session):
    """The edit deleting another removal the invalidation makes redundant."""
    if step.via is not None:
        raise Unclear(f"{step.via}() also removes session keys, and other code may call it")
    located = sessions.locate(path.function, step.site)
    if not _only_removes(located.stmt, session):
        raise Unclear("a later removal is part of a larger statement")
    if located.index == len(located.block) - 1:
        raise Unclear("a later removal ends its block; deleting it could empty the block or orphan its comments")
    return ReplaceStatement(Span.of(located.stmt), ())


def _session_text(expr, session):
    return sessions.render(expr) == session


def _only_removes(stmt, session):
    """Whether the statement does nothing but remove keys from `session`:
    `session.pop(...)`, `del session[...]`, `session["logged_in"] = False`."""
    if isinstance(stmt, ast.Expr):
        call = stmt.value
        return (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "pop" and _session_text(call.func.value, session))
    if isinstance(stmt, ast.Delete):
        return all(isinstance(t, ast.Subscript) and _session_text(t.value, session) for t in stmt.targets)
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target, value = stmt.targets[0], stmt.value
        return (isinstance(target, ast.Subscript) and _session_text(target.value, session)
                and isinstance(value, ast.Constant) and not value.value)
    return False


def _keeps_popped_value(stmt, node):
    """`user = session.pop("user", None)`: the popped value is used."""
    return (isinstance(stmt, ast.Assign) and stmt.value is node
            and all(isinstance(t, ast.Name) for t in stmt.targets))
