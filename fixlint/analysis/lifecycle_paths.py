"""Login and logout handlers and what happens on their path.

A handler's path is its own events with every call to a same-module
function replaced by that function's events, transitively, in order; a
function already on the call stack is not entered again (recursion), and a
path stops growing at _MAX_STEPS. Events that happen inside a helper are
reported at the call in the handler.

A function is a login handler when its words (its name, its class's name,
its route paths: `Handler.words()`) hold a login word of any language
(`frameworks.vocabularies`, or a configured `login-names` word), or when
its path checks credentials and binds an identity; a logout handler when
its words hold a logout word (or a `logout-names` word), or when its path
writes a signed-out flag (`islogout = True`, `logged_in = False`) and binds
nobody — logout wins when both appear. "Enter"/"exit" words (`masuk`,
`sair`) count only as a whole name or route segment. Test code is neither.
"""

from __future__ import annotations

import ast
import copy
from functools import lru_cache

from .. import frameworks as fw
from ..engine.nodes import kept, walk, within
from ..frameworks import auth
from ..frameworks import vocabularies as vocab
from ..project.functions import endpoint_signature, unbound_method
from .credentials import takes_a_password
from .handlers import FUNCTION, ROUTE, VIEW
from .identity import is_identity_key
from .lifecycle import (BIND, CALL, DELETE, INVALIDATE, READ, REGEN, REMOVE, SIGNED_OUT, TOUCH, VERIFY, VIA_PARAM,
                        PhraseSet, as_record_binding, library_logout, library_logout_event)

LOGIN = "login"
LOGOUT = "logout"

_MAX_STEPS = 2000


class Step:
    """An event on a handler's path, and where to report it."""

    __slots__ = ("event", "site", "via", "calls")

    def __init__(self, event, site, via, calls=()):
        self.event = event
        self.site = site  # the node in the handler: the event, or the call that led to it
        self.via = via  # the helper called at `site`, or None
        self.calls = calls  # the CALL events that led to it, the handler's first

    @property
    def kind(self):
        return self.event.kind


class SignedInOnly(Step):
    """A regeneration step that runs only for a session already holding a
    sign-in (session_guards): what a login's binding has instead of one
    (SFX101's message names it; its fix inserts a regeneration all the
    same)."""

    __slots__ = ()


_OCCASIONS = tuple((label, PhraseSet(phrases)) for label, phrases in vocab.OCCASIONS)


class HandlerPath:
    __slots__ = ("function", "handler", "role", "steps", "reached")

    def __init__(self, function, handler, role, steps, reached):
        self.function = function  # the FunctionDef
        self.handler = handler  # its Handler (None when unknown)
        self.role = role  # LOGIN | LOGOUT | None
        self.steps = steps  # [Step], path order
        self.reached = reached  # FunctionDefs entered through calls

    @property
    def occasion(self):
        """What the login handler's event is called: "login", "sign-up",
        "password reset", "second-factor check", "privilege change"."""
        words = self.handler.words() if self.handler is not None else fw.words(self.function.name)
        return next((label for label, phrases in _OCCASIONS if phrases.in_words(words)), "login")

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<HandlerPath {self.function.name} {self.role} {len(self.steps)} steps>"


SECOND_FACTOR = vocab.SECOND_FACTOR


def carries_sign_in(occasion, backend, step):
    """Whether the binding `step` is a second-factor check's own write
    (HandlerPath.occasion: `mfa_authenticate`, `/verify-otp`; or the key
    it binds says so: IRRd's `auth-mfa-complete`, written by
    `webauthn_verify_authentication_response`) on a backend whose
    regeneration clears the session (`order` "before"): the session holds
    the first step's sign-in, which the clear drops, so the fix must carry
    it over. Not a library's login call (`login_user()` binds the user
    again after the clear) nor a helper's write."""
    event = step.event
    if backend.order != "before" or step.via is not None or (
            event.framework is not None and event.framework.bind_calls):
        return False
    key = event.key
    return occasion == SECOND_FACTOR or (key.__class__ is str and _SECOND_FACTOR_WORDS.in_words(fw.words(key)))


_SECOND_FACTOR_WORDS = next(phrases for label, phrases in _OCCASIONS if label == SECOND_FACTOR)


def handler_paths(lifecycle, handlers):
    """A HandlerPath for every function of the file that is a login or
    logout handler, outside test code; helpers called from another handler
    of the same role are judged on that handler's path, not on their own."""
    ctx = lifecycle.ctx
    if is_test_file(ctx.path, lifecycle.uses_test_client):
        return []
    login_words, logout_words = _phrase_sets(ctx.config.login_names, ctx.config.logout_names)
    reaches = _reaching(lifecycle.events)
    exported = _exported(ctx)
    in_receivers = _reached_from_receivers(lifecycle)
    paths = []
    for function in lifecycle.functions:
        handler = handlers.handler(function)
        if (_is_test_function(function, handler) or function in lifecycle.signal_receivers
                or function in lifecycle.backend_methods):
            continue
        if function in in_receivers and (handler is None or handler.kind in (FUNCTION, VIEW)):
            # Misago's authorize_admin(request), called by its user_logged_in
            # receiver: it runs inside login(); a function taking `request` is
            # a view by its signature only, a routed one stays a handler.
            continue
        if _names_a_guard(function, handler):
            continue
        words = handler.words() if handler is not None else fw.words(function.name)
        names = _whole_names(function, handler)
        hook = _hook_role(ctx, function)
        # `get_logout_url()`: a login's or logout's address, not one (its path may still decide)
        by_name = not _names_an_address(function, handler) and function not in lifecycle.request_hooks
        if hook is not None:
            role = hook
        elif ((handler is None or handler.kind == FUNCTION) and function in exported.get(function.name, ())
              and not endpoint_signature(function)):
            continue  # a project helper named like a handler, judged at its calls in other modules
        elif by_name and (logout_words.in_words(words) or names & _LOGOUT_EXACT or (
                names & _SESSION_DELETE and not _takes_an_id(function))):
            role = LOGOUT
        elif by_name and (login_words.in_words(words if handler is None else handler.words(areas=False))
                          or names & _LOGIN_EXACT):
            role = LOGIN
        elif reaches.get(function, 0) & ~_LOGS_IN in (_BINDS | _VERIFIES, _BINDS | _VERIFIES | _SIGNS_OUT) or (
                reaches.get(function, 0) & _SIGNS_OUT):
            role = None  # decided by the path: a credential check, a signed-out flag
        elif (reaches.get(function, 0) & _BINDS and handler is not None and handler.kind != FUNCTION
              and takes_a_password(function)):
            # A request handler given a password that binds an identity: a login, a
            # sign-up or a reset that signs the user in, whatever its name
            # (`forgot_usrname(email, new_password)` under /forgot/username).
            role = LOGIN
        elif reaches.get(function, 0) & _LOGS_IN and handler is not None and handler.kind != FUNCTION:
            # A request handler calling a session library's login (`login_user(user)`): it signs
            # the user in, whatever it is called (RAGFlow's sign-up `user_add` under POST /users).
            role = LOGIN
        else:
            paths.extend(_logout_branches(lifecycle, function, handler, logout_words))
            continue
        steps, reached = _flatten(lifecycle.events, function, lifecycle.carried, lifecycle.sessions_passed)
        if role == LOGIN and hook is None and _reset_request(function, handler, words, steps):
            continue
        if role is None:
            role = _role_by_behaviour(steps)
            if role is None:
                paths.extend(_logout_branches(lifecycle, function, handler, logout_words))
                continue
        paths.append(HandlerPath(function, handler, role, steps, reached))
        if role == LOGIN:
            paths.extend(_logout_branches(lifecycle, function, handler, logout_words))
    return _drop_inner(paths)


def _logout_branches(lifecycle, function, handler, logout_words):
    """A HandlerPath (LOGOUT) for each branch of a request handler that a
    request parameter named for a logout selects (`if
    request.GET.get("btnlogout"):`, `if request.POST.get("action") ==
    "logout":`) and that removes a session key: a page view that signs the
    user out when its logout button is pressed (it_school's views). Only
    the branch's own steps are on the path."""
    if handler is None or handler.kind == FUNCTION or not any(
            _removes(event) for event in lifecycle.events.get(function, ())):
        return ()
    branches = [(node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno)
                for node in kept(function, "if statements", _if_statements)
                if _selects_logout(node.test, logout_words)]
    if not branches:
        return ()
    steps, reached = _flatten(lifecycle.events, function, lifecycle.carried, lifecycle.sessions_passed)
    found = []
    for first, last in branches:
        inside = [step for step in steps if first <= step.site.lineno <= last]
        if any(_removes(step.event) for step in inside):
            found.append(HandlerPath(function, handler, LOGOUT, inside, reached))
    return found


def _removes(event):
    """A removal from the session: of an identity key (REMOVE), or of a
    key of no identity name (`del request.session["manage_id"]`), which
    SFX102 judges by what the login binds."""
    return event.kind == REMOVE or (event.kind == TOUCH and event.access == DELETE)


# What a request parameter is read from, by the last name of the object
# (`request.GET`, `request.form`, `request.query_params`): the adapters'
# request attributes that hold neither cookies nor headers.
_PARAMETER_SOURCES = frozenset(
    attr for f in fw.REQUEST_FRAMEWORKS for attr, source in f.requests.sources.items()
    if "cookie" not in source and "header" not in source)


def _if_statements(function):
    return tuple(node for node in walk(function) if node.__class__ is ast.If)


def _selects_logout(test, logout_words):
    """Whether an `if` test reads a request parameter (`request.GET.get(...)`,
    `"logout" in request.POST`, `request.form["action"] == "logout"`)
    together with a string naming a logout (`"btnlogout"`, `"dang_xuat"`)."""
    reads = named = False
    for node in walk(test):
        cls = node.__class__
        if cls is ast.Attribute and node.attr in _PARAMETER_SOURCES:
            reads = True
        elif cls is ast.Constant and node.value.__class__ is str and len(node.value) <= 40:
            named = named or logout_words.in_words(fw.words(node.value))
    return reads and named


def _reached_from_receivers(lifecycle):
    """The module's functions that a receiver of the auth signals or an
    authentication backend's method calls (`django_login_handler` ->
    `authorize_admin(request)`): they run inside login(), logout() or
    authenticate() as the receiver or the backend does."""
    found = set()
    for receiver in (*lifecycle.signal_receivers, *lifecycle.backend_methods):
        if receiver in lifecycle.events:
            found.update(_flatten(lifecycle.events, receiver, lifecycle.carried, lifecycle.sessions_passed)[1])
    return found


def _names_an_address(function, handler):
    """A function no route or view makes a handler, whose name ends in a
    word for an address (`get_logout_url`, `login_link`): it answers where
    a login or logout is, it is not one (pgAdmin's get_logout_url reads the
    session to pick the URL)."""
    if handler is not None and handler.kind != FUNCTION:
        return False
    words = fw.words(function.name)
    return bool(words) and words[-1] in auth.ADDRESS_WORDS


def _names_a_guard(function, handler):
    """A function no route or view makes a handler, whose name ends in a
    word for a guard (`logout_required`, `anonymous_required`:
    auth.GUARD_WORDS): it checks a sign-in state before a page runs and
    is neither a login nor a logout, by its name or by what it does to a
    stale session (DataDungeon100's `logout_required` dependency)."""
    if handler is not None and handler.kind != FUNCTION:
        return False
    words = fw.words(function.name)
    return bool(words) and words[-1] in auth.GUARD_WORDS


def _exported(ctx):
    """{name: the module-level FunctionDefs of that name, and the class and
    static methods of module-level classes} for the functions of the
    checked module that other project modules import (ProjectFacts.
    exported): RULES.md, Revision 2, "a helper in another module that binds
    ... is reported at the call in the handler" (lifecycle._project_helper)."""
    project = ctx.project
    names = getattr(project, "exported", None) if project is not None else None
    if not names:
        return {}
    found = {}
    for node in ctx.tree.body:
        if node.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef) and node.name in names:
            found.setdefault(node.name, set()).add(node)
        elif node.__class__ is ast.ClassDef:  # a class or static method, profiled as `User.sign_in`
            for method in node.body:
                if (method.__class__ in (ast.FunctionDef, ast.AsyncFunctionDef)
                        and (method.decorator_list or unbound_method(method))
                        and f"{node.name}.{method.name}" in names):
                    # (an instance's method is judged here too: a caller may not name its class)
                    found.setdefault(method.name, set()).add(method)
    return found


@lru_cache(maxsize=32)
def _phrase_sets(login_names, logout_names):
    return PhraseSet(auth.LOGIN_WORDS + tuple(login_names)), PhraseSet(auth.LOGOUT_WORDS + tuple(logout_names))


_RESET = PhraseSet(next(phrases for label, phrases in vocab.OCCASIONS if label == "password reset"))
_TOKEN_PARAMS = frozenset(("token", "code", "key", "uid", "uidb64", "otp", "signature", "hash"))
# Login words other than a password reset's (_reset_request).
_LOGIN_OTHER = PhraseSet(tuple(p for p in auth.LOGIN_WORDS if not _RESET.in_words(fw.words(p))))
_BINDS = 1
_VERIFIES = 2
_SIGNS_OUT = 4
_LOGS_IN = 8  # a session library's login call (Flask-Login's login_user(), aiohttp-security's remember())
_LOGIN_EXACT = frozenset(tuple(fw.words(p)) for p in auth.LOGIN_EXACT)
_LOGOUT_EXACT = frozenset(tuple(fw.words(p)) for p in auth.LOGOUT_EXACT)
_SESSION_DELETE = frozenset(tuple(fw.words(p)) for p in vocab.SESSION_DELETE_NAMES)
_SELF_OR_REQUEST = frozenset(("self", "cls")) | fw.REQUEST_NAMES


def _takes_an_id(function):
    """Whether a handler is given more than itself and the request (a
    route's id: `deleteSession(idSession)`)."""
    args = function.args
    return any(a.arg not in _SELF_OR_REQUEST for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))


def _hook_role(ctx, function):
    """LOGIN or LOGOUT for a method a framework calls at sign-in or
    sign-out (Pyramid's security policy `remember(self, request, userid)`
    and `forget(self, request)`), in a file importing that framework; else
    None."""
    args = function.args.posonlyargs + function.args.args
    if len(args) < 2 or args[0].arg != "self":
        return None
    for framework in fw.FRAMEWORKS:
        if function.name in framework.login_hooks and ctx.imports(*framework.packages):
            return LOGIN
        if function.name in framework.logout_hooks and ctx.imports(*framework.packages):
            return LOGOUT
    return None


def _whole_names(function, handler):
    """The handler's name and each of its one-segment route paths, as word
    tuples: where an "enter"/"exit" word (`masuk`, `sair`) names a login or
    logout only when it stands alone (`def sair`, `/sair/`, but not
    `/carrito/salir`), after a verb or a role at most (`handleSessionDelete`)."""
    named = tuple(fw.words(function.name))
    names = {named}
    if len(named) > 1 and named[0] in vocab.GLUE_PREFIXES:
        names.add(named[1:])  # `handleSessionDelete`, `do_sair`
    for path in handler.paths if handler is not None else ():
        segments = [segment for segment in path.split("/") if segment]
        if len(segments) == 1:
            names.add(tuple(fw.words(segments[0])))
    if handler is not None and handler.class_name is not None:
        # a class-based view's name, its `View`/`APIView`/`Handler` ending left off (`EntrarView`, `class Sair`)
        named = tuple(fw.words(handler.class_name))
        while len(named) > 1 and named[-1] in vocab.CLASS_SUFFIX_WORDS:
            named = named[:-1]
        names.add(named)
    return names




def _reset_request(function, handler, words, steps):
    """Whether a handler named only for a password reset asks for one and
    signs nobody in (Modoboa's PasswordResetView keeping `user_pk` of the
    pending reset): no credential check, no login call, and neither a new
    password nor anything named like the reset token among its parameters
    or route captures — the step that takes them is the one that may sign
    in."""
    if not _RESET.in_words(words) or _LOGIN_OTHER.in_words(words) or takes_a_password(function):
        return False  # given the new password, the reset happens here (router_prefix.py)
    if _checked_then_bound(steps) or any(s.kind == BIND and (s.event.key or "").endswith("()") for s in steps):
        return False
    names = {a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)}
    if handler is not None:
        names |= handler.path_params()
    return not any(w in _TOKEN_PARAMS for name in names for w in fw.words(name))


def _checked_then_bound(steps):
    """Whether a credential check comes before a binding on the path: a
    check after the last binding signs nobody in (a helper named
    `verifyUserSession()` called as the page is shown again)."""
    checks = [(i, s.event.node) for i, s in enumerate(steps) if s.kind == VERIFY]
    if not checks:
        return False
    for j, step in enumerate(steps):
        if step.kind != BIND:
            continue
        if checks[0][0] < j or any(_within(node, step.event.node) for _, node in checks):
            return True  # (`session["user"] = accounts.login(name, password)`: the check is the value written)
    return False


def _within(node, outer):
    return (node is not None and outer is not None and hasattr(node, "lineno") and hasattr(outer, "end_lineno")
            and within(node, outer))


def _role_by_behaviour(steps):
    """LOGIN when the path checks credentials and binds an identity, LOGOUT
    when it writes a signed-out flag (`islogout = True`, `logged_in =
    False`) and binds nobody; else None."""
    kinds = {s.kind for s in steps}
    if BIND in kinds:
        return LOGIN if _checked_then_bound(steps) else None
    if any(s.kind == REMOVE and s.event.mechanism == SIGNED_OUT for s in steps):
        return LOGOUT
    return None


def _reaching(events):
    """For each function, whether a binding and a credential check can be
    reached through its calls (bit flags): only such functions need a path
    to find out whether they are login handlers."""
    flags = {}
    calls = {}
    for function, items in events.items():
        bits = 0
        for event in _with_inner(items):
            if event.kind == BIND:
                bits |= _BINDS
                if event.framework is not None and event.framework.bind_calls:
                    bits |= _LOGS_IN
            elif event.kind == VERIFY:
                bits |= _VERIFIES
            elif event.kind == REMOVE and event.mechanism == SIGNED_OUT:
                bits |= _SIGNS_OUT
            elif event.kind == TOUCH and event.params is not None:
                bits |= _BINDS  # binds when a login passes a verified record in (as_record_binding)
        flags[function] = bits
        calls[function] = {e.callee for e in items if e.kind == CALL and e.callee is not None}
    changed = True
    while changed:  # a fixed point: cycles are fine
        changed = False
        for function, callees in calls.items():
            bits = flags[function]
            for callee in callees:
                bits |= flags.get(callee, 0)
            if bits != flags[function]:
                flags[function] = bits
                changed = True
    return flags


def _with_inner(items):
    """Events, with the events on a session parameter (VIA_PARAM) in place
    of their group: whether they happen depends on the caller."""
    for event in items:
        if event.kind == VIA_PARAM:
            yield from event.inner
        else:
            yield event


def _drop_inner(paths):
    """A helper that another handler of the same role reaches is judged on
    that handler's path — unless the two reach each other (recursion), when
    each keeps its own, or it is routed itself: a request reaches it
    without the other (AstrBot's `/auth/logout` handler, which a legacy
    `/logout` handler also calls), so it keeps its own path as well."""
    by_function = {p.function: p for p in paths}
    reaching = {}  # function -> the paths that reach it (not every pair of paths: files have hundreds)
    for other in paths:
        for function in other.reached:
            reaching.setdefault(function, []).append(other)
    remaining = []
    for path in paths:
        own = by_function[path.function].reached
        if (path.handler is not None and path.handler.kind == ROUTE) or not any(
                other is not path and other.role == path.role and other.function not in own
                for other in reaching.get(path.function, ())):
            remaining.append(path)
    return remaining


_NO_PARAMS = frozenset()


def _flatten(events, function, carried=None, passed=None):
    """The steps of `function`'s path and the functions it enters.
    `carried(call event, marked)`: the callee's parameters that receive a
    verified user record (LifecycleAnalysis.carried); a session write of
    one of them in the callee is a binding on this path.
    `passed(call event, sessions)`: the callee's parameters that receive
    the caller's session (LifecycleAnalysis.sessions_passed); what the
    callee does to one of them (a VIA_PARAM group) happens on this path."""
    steps = []
    reached = set()
    # Each frame: (events, index, site of the outer call or None, via name,
    # function, its parameters holding a verified record, its parameters
    # holding the session, the CALL events that entered it)
    stack = [(events.get(function, ()), 0, None, None, function, _NO_PARAMS, _NO_PARAMS, ())]
    on_stack = {function}
    budget = _MAX_STEPS * 10  # calls that add no steps still cost
    while stack and len(steps) < _MAX_STEPS and budget:
        budget -= 1
        items, index, site, via, current, marked, sessions, calls = stack.pop()
        if index >= len(items):
            on_stack.discard(current)
            continue
        event = items[index]
        stack.append((items, index + 1, site, via, current, marked, sessions, calls))
        if event.kind == CALL:
            callee = event.callee
            if callee in on_stack or callee is None:
                continue
            reached.add(callee)
            outer_site = site if site is not None else event.node
            outer_via = via if via is not None else callee.name
            copied = _library_logout_call(events.get(callee, ()), callee, event)
            if copied is not None:
                steps.append(Step(copied, outer_site, outer_via, calls))
                continue
            on_stack.add(callee)
            inner = carried(event, marked) if carried is not None else _NO_PARAMS
            given = passed(event, sessions) if passed is not None and event.passes else _NO_PARAMS
            stack.append((events.get(callee, ()), 0, outer_site, outer_via, callee, inner, given, (*calls, event)))
            continue
        if event.kind == VIA_PARAM:
            if event.param in sessions:
                framework = sessions[event.param]
                for each in event.inner:
                    steps.append(_step(_on_session_of(each, framework), marked, site, via, calls))
            continue
        steps.append(_step(event, marked, site, via, calls))
    return steps, reached


def _library_logout_call(items, callee, call):
    """The event a call of a same-module copy of a library's logout call
    (lifecycle.library_logout: calibre-web's vendored Flask-Login) is: that
    library call's own, at the call; None for any other callee."""
    removed = [e for e in items if e.kind == REMOVE]
    qualname = library_logout(callee.name, {e.key for e in removed}) if removed else None
    if qualname is None:
        return None
    event = library_logout_event(qualname, removed[0].framework)
    event.node, event.function = call.node, call.function
    return event


def _on_session_of(event, framework):
    """A helper's event on its session parameter, on the session the call
    passes: a helper in a file that imports two web frameworks (`def
    mark_admin(sess)` given Flask's `session` by one view and Starlette's
    `request.session` by another) acts on the framework of the session it
    is given, not on the file's first framework. A clear() is that
    session's clear(); other methods keep what they were read as."""
    if framework is None or event.framework is framework or event.framework is None:
        return event
    mechanism = event.mechanism or ""
    if event.kind in (REGEN, INVALIDATE) and not mechanism.startswith(_CLEAR):
        return event
    moved = copy.copy(event)
    moved.framework = framework
    if mechanism.startswith(_CLEAR):
        moved.mechanism = _CLEAR + framework.key
    return moved


_CLEAR = "clear:"


def _step(event, marked, site, via, calls):
    if marked and event.kind == TOUCH and event.params is not None and not marked.isdisjoint(event.params[0]):
        event = as_record_binding(event)
    return Step(event, site if site is not None else event.node, via if via is not None else event.via, calls)


# -- clears undone ------------------------------------------------------------

def undone_clears(steps):
    """{index of a clear() step: the step that undoes it} for each clear
    the path undoes by writing back a snapshot of the whole session taken
    before it (`old = dict(session); session.clear(); session.update(old)`,
    or a loop re-setting every key): whatever was in the session, planted
    or not, is still there, so that clear() neither regenerates nor
    invalidates. Carrying one named value across the clear (`cart =
    session.get("cart")`) takes no snapshot."""
    restores = [(j, s) for j, s in enumerate(steps) if s.kind == TOUCH and s.event.restores is not None]
    if not restores:
        return {}
    taken = {}  # snapshot value node -> index of the step that reads it
    for k, step in enumerate(steps):
        if step.kind == TOUCH and step.event.access == READ:
            taken.setdefault(step.event.node, k)
    undone = {}
    for i, step in enumerate(steps):
        if step.kind not in (REGEN, INVALIDATE) or not (step.event.mechanism or "").startswith("clear:"):
            continue
        for j, restore in restores:
            k = taken.get(restore.event.restores)
            if k is not None and k < i < j:
                undone[i] = restore
                break
    return undone


def exiting_blocks(function):
    """{id of a node: the chain of blocks holding it that end the handler,
    outermost first} for the `if`/`else` bodies and the `except` bodies of
    `function` whose last statement is a `raise`, a `return` or a call that
    never returns (Flask's `abort(401)`, by its name:
    `Framework.abort_calls`): `if user is None: request.clear_session();
    raise NotAuthorized()`, an OAuth callback's `except OAuthError:
    session.clear(); return redirect(...)`. What happens in such a block
    never reaches the statements after it. A block is named by the id of
    its first statement; nodes in no such block are left out."""
    blocks = {}
    _mark_exiting(function.body, blocks, ())
    return blocks


def reaches(blocks, earlier, later):
    """Whether the node `earlier` can run before `later` on one path as far
    as ending blocks tell: `earlier`'s innermost ending block, if any,
    holds `later` too."""
    chain = blocks.get(id(earlier), ())
    return not chain or chain[-1] in blocks.get(id(later), ())


_EXITS = (ast.Raise, ast.Return)
_NO_RETURN = frozenset(q.rpartition(".")[2] for f in fw.FRAMEWORKS for q in f.abort_calls)


def _exits(statement):
    if statement.__class__ in _EXITS:
        return True
    if statement.__class__ is ast.Expr and statement.value.__class__ is ast.Call:
        func = statement.value.func
        name = func.attr if func.__class__ is ast.Attribute else getattr(func, "id", None)
        return name in _NO_RETURN
    return False
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _mark_exiting(body, blocks, chain):
    for statement in body:
        if statement.__class__ in _NESTED:
            continue
        if chain:
            for node in ast.walk(statement):
                blocks[id(node)] = chain
        if statement.__class__ is ast.If:
            for branch in (statement.body, statement.orelse):
                if branch:
                    inner = (*chain, id(branch[0])) if _exits(branch[-1]) else chain
                    _mark_exiting(branch, blocks, inner)
        else:
            for field in ("body", "orelse", "finalbody"):
                inner_body = getattr(statement, field, None)
                if isinstance(inner_body, list) and inner_body and isinstance(inner_body[0], ast.stmt):
                    _mark_exiting(inner_body, blocks, chain)
            for handler in getattr(statement, "handlers", ()):  # try: ... except: session.clear(); return
                if handler.body:
                    inner = (*chain, id(handler.body[0])) if _exits(handler.body[-1]) else chain
                    _mark_exiting(handler.body, blocks, inner)


# -- steps only a signed-in session takes ---------------------------------------

def session_guards(step, events, cache, sign_in=False):
    """The `if` statements (their ids) that let `step` run only when the
    session the request brought already holds something: `if
    is_logged_in(): session.clear()`, `if "user" in session: ...`, `if not
    session.get("user"): return` before it, at the step itself or at any
    call on the way to it. An anonymous session, the one fixation plants,
    never takes such a step. `events`: LifecycleAnalysis.events; `cache`:
    a dict kept by the caller (function -> its guards). `sign_in`: only
    the tests that a sign-in is held (a read of an identity key, or a
    local holding one, tested for truth or None: `token =
    request.session.get("access_token"); if token is None: return form()`;
    `is_logged_in()`), not what a key equals (a captcha kept in the
    session compared with the form's); `cache` is then another dict."""
    found = frozenset()
    for call in step.calls:
        if call.function is not None:
            found |= _guards_in(call.function, events, cache, sign_in).get(id(call.node), frozenset())
    event = step.event
    if event.function is not None:
        found |= _guards_in(event.function, events, cache, sign_in).get(id(event.node), frozenset())
    return found


def _guards_in(function, events, cache, sign_in):
    known = cache.get(function)
    if known is None:
        items = events.get(function, ())
        reads = {id(e.node) for e in items if e.kind == TOUCH and e.access == READ and (
            not sign_in or (e.key is not None and is_identity_key(e.key)))}
        reads.update(id(e.node) for e in items if e.kind == CALL and e.callee is not None and _tells_signed_in(
            e.callee, events.get(e.callee, ())))
        if sign_in:
            if reads:
                reads.update(_read_locals(function, reads))
            reads.add(_STRICT)
        known = cache[function] = {}
        _mark_body(function.body, reads, known, frozenset())
    return known


_STRICT = ("strict",)  # in a guard's reads: what a key equals is no sign-in (session_guards' sign_in)


def _read_locals(function, reads):
    """("local", name) for each local of `function` bound once, by an
    assignment of a read of the session (`token =
    request.session.get("access_token")`): testing it tests the session."""
    stores, given = {}, {}
    for node in walk(function):
        cls = node.__class__
        if cls is ast.Name and node.ctx.__class__ is not ast.Load:
            stores[node.id] = stores.get(node.id, 0) + 1
        elif cls is ast.arg:
            stores[node.arg] = 2  # a parameter: the caller's value
        elif cls is ast.Assign and len(node.targets) == 1 and node.targets[0].__class__ is ast.Name:
            given[node.targets[0].id] = node.value
    return [("local", name) for name, value in given.items() if stores.get(name) == 1 and id(value) in reads]


_SIGNED_IN_WORDS = frozenset(("logged", "loggedin", "authenticated", "signed", "signedin"))


def _tells_signed_in(function, items):
    """A function whose answer says whether the session holds a sign-in:
    it only reads the session (`return session.get("user") is not None`),
    or its name says so (`is_logged_in`, `user_authenticated`)."""
    if items and all(e.kind == TOUCH and e.access == READ for e in items):
        return True
    return not _SIGNED_IN_WORDS.isdisjoint(fw.words(function.name))


def _mark_body(body, reads, known, guards):
    for statement in body:
        cls = statement.__class__
        if cls in _NESTED:
            continue
        if cls is ast.If:
            held = _holds(statement.test, reads)
            _mark_nodes(statement.test, known, guards)
            _mark_body(statement.body, reads, known, guards | {id(statement)} if held is True else guards)
            _mark_body(statement.orelse, reads, known, guards | {id(statement)} if held is False else guards)
            # `if not is_logged_in(): return`: what follows runs only for a signed-in session.
            if (held is False and statement.body and _exits(statement.body[-1])) or (
                    held is True and statement.orelse and _exits(statement.orelse[-1])):
                guards = guards | {id(statement)}
            continue
        if guards:
            known[id(statement)] = guards
        for value in ast.iter_fields(statement):
            value = value[1]
            if value.__class__ is list:
                if value and isinstance(value[0], ast.stmt):
                    _mark_body(value, reads, known, guards)
                    continue
                for item in value:
                    if hasattr(item, "body"):  # an except handler, a match case
                        _mark_body(item.body, reads, known, guards)
                    elif isinstance(item, ast.AST):
                        _mark_nodes(item, known, guards)
            elif isinstance(value, ast.AST):
                _mark_nodes(value, known, guards)


def _mark_nodes(node, known, guards):
    if guards:
        for each in ast.walk(node):
            known[id(each)] = guards


def _holds(test, reads):
    """True when `test` holds only for a session that already holds
    something (a read of it, or a project function that reads it, gives
    something truthy); False when it holds only for one that does not;
    None when it says nothing about the session."""
    cls = test.__class__
    if cls is ast.UnaryOp and test.op.__class__ is ast.Not:
        held = _holds(test.operand, reads)
        return None if held is None else not held
    if cls is ast.BoolOp:
        found = [_holds(value, reads) for value in test.values]
        if test.op.__class__ is ast.And:
            return True if True in found else None
        return True if all(f is True for f in found) else (False if False in found else None)
    if id(test) in reads:  # session.get("user"), session["user"], "user" in session, is_logged_in()
        return not (cls is ast.Compare and test.ops[0].__class__ is ast.NotIn)
    if cls is ast.Name and ("local", test.id) in reads:  # token = session.get("token"); if token: ...
        return True
    if cls is ast.Compare and len(test.ops) == 1:
        op, right = test.ops[0].__class__, test.comparators[0]
        if right.__class__ is ast.Constant and right.value is None:
            held = _holds(test.left, reads)
            if held is None:
                return None
            return held if op in (ast.IsNot, ast.NotEq) else (not held if op in (ast.Is, ast.Eq) else None)
        if op in (ast.Eq, ast.Is) and _STRICT not in reads and (
                _holds(test.left, reads) is True or _holds(right, reads) is True):
            return True  # session.get("role") == "admin"
        return None
    if cls is ast.Attribute and _session_user(test.value):  # current_user.is_authenticated, request.user.is_anonymous
        return True if test.attr == "is_authenticated" else (False if test.attr == "is_anonymous" else None)
    if cls is ast.Call and test.func.__class__ is ast.Attribute and not test.args:
        return _holds(test.func, reads)  # Flask-Login before 0.3: current_user.is_authenticated()
    return None


def _session_user(owner):
    """The user the request's session signs in: `current_user` (Flask-Login's,
    `self.current_user` of a Tornado handler), `request.user`,
    `self.request.user`, `g.user`; not another value's `is_authenticated`
    (a login's own `result = await auth(form)`, whose answer is the
    credential check)."""
    if owner.__class__ is ast.Name:
        return owner.id == "current_user"
    if owner.__class__ is not ast.Attribute:
        return False
    if owner.attr == "current_user":
        return True
    inner = owner.value
    if owner.attr != "user":
        return False
    if inner.__class__ is ast.Attribute and inner.attr == "request":
        inner = inner.value  # self.request.user
    return inner.__class__ is ast.Name and (inner.id in fw.REQUEST_NAMES or inner.id in ("g", "self"))


# -- test code --------------------------------------------------------------

def is_test_file(path, uses_test_client):
    """Test modules by name (test_*.py, *_test.py, conftest.py), and modules
    in a test folder that drive a test client. A folder name alone is not
    enough: a project may well live under ~/test/."""
    return fw.is_test_module(path) or (uses_test_client and fw.in_test_folder(path))


def _is_test_function(function, handler):
    if fw.is_test_name(function.name):
        return True
    class_node = handler.class_node if handler is not None else None
    return class_node is not None and fw.is_test_name(class_node.name)


def paths_of(facts):
    """The handler paths of a file, computed once for SFX101 and SFX102."""
    from .handlers import HandlerAnalysis
    from .lifecycle import LifecycleAnalysis

    lifecycle = facts[LifecycleAnalysis]
    if lifecycle.paths is None:
        lifecycle.paths = handler_paths(lifecycle, facts[HandlerAnalysis])
    return lifecycle.paths
