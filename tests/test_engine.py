"""The engine: scope-aware name resolution, value tracking, folding, the
handler model and the session/request predicates."""

from __future__ import annotations

import ast
import textwrap

from fixlint import frameworks as fw
from fixlint.analysis.base import Analysis
from fixlint.analysis.handlers import FUNCTION, ROUTE, VIEW, HandlerAnalysis
from fixlint.config import Config
from fixlint.engine.checker import check_tree
from fixlint.engine.context import FileContext
from fixlint.engine.values import UNKNOWN, duration_of, evaluate
from fixlint.engine.walker import Walker

from fixlint.rules import get_rule

from .helpers import ROOT, lint


def probe(source, filename="app.py"):
    """Walk `source`; return, for each call to `probe_here(x)`, what the
    context says about `x` at that point."""
    tree = ast.parse(textwrap.dedent(source))
    ctx = FileContext(tree, filename, Config())
    seen = []

    def on_call(node):
        if isinstance(node.func, ast.Name) and node.func.id == "probe_here":
            arg = node.args[0]
            seen.append({
                "qualname": ctx.qualname(arg),
                # Frameworks are adapter objects; the probe names them by key.
                "session": getattr(fw.session_object(ctx, arg), "key", None),
                "request": getattr(fw.request_object(ctx, arg), "key", None),
                "value": evaluate(arg, ctx),
                "local": ctx.is_local_definition(arg),
            })

    walker = Walker(ctx)
    walker.on(ast.Call, on_call)
    walker.walk(tree)
    return seen


def test_import_aliases_resolve_to_qualified_names():
    seen = probe("""
        from flask import session as web_session
        import starlette.middleware.sessions as sessions
        from starlette.middleware.sessions import SessionMiddleware as SM
        probe_here(web_session)
        probe_here(sessions.SessionMiddleware)
        probe_here(SM)
    """)
    assert [s["qualname"] for s in seen] == [
        "flask.session",
        "starlette.middleware.sessions.SessionMiddleware",
        "starlette.middleware.sessions.SessionMiddleware",
    ]
    assert seen[0]["session"] == "flask"


def test_local_bindings_shadow_imports():
    seen = probe("""
        from flask import session
        from sqlalchemy.orm import Session

        def save(engine):
            with Session(engine) as session:
                probe_here(session)

        def param(session):
            probe_here(session)

        def view():
            probe_here(session)
    """)
    assert [s["session"] for s in seen] == [None, None, "flask"]


def test_class_scope_is_invisible_to_methods():
    seen = probe("""
        from flask import session

        class View:
            session = object()

            def get(self):
                probe_here(session)
    """)
    assert seen[0]["qualname"] == "flask.session"


def test_global_declaration_and_order_of_bindings():
    seen = probe("""
        import flask
        s = flask.session
        probe_here(s)
        s = 3
        probe_here(s)
    """)
    assert [x["qualname"] for x in seen] == ["flask.session", None]
    assert seen[1]["value"] == 3


def test_local_definitions_are_not_imports():
    seen = probe("""
        from django.contrib import auth
        from django.contrib.auth import login as auth_login

        def login(request):
            pass

        probe_here(auth.login)
        probe_here(auth_login)
        probe_here(login)
    """)
    assert [(s["qualname"], s["local"]) for s in seen] == [
        ("django.contrib.auth.login", False),
        ("django.contrib.auth.login", False),
        (None, True),
    ]


def test_request_sessions_per_framework():
    django = probe("""
        from django.views import View

        def view(request):
            probe_here(request.session)

        class Profile(View):
            def post(self, request):
                probe_here(self.request.session)
    """)
    assert [s["session"] for s in django] == ["django", "django"]
    starlette = probe("""
        from fastapi import FastAPI, Request

        def view(request: Request, other):
            probe_here(request.session)
            probe_here(other.session)
    """)
    assert [s["session"] for s in starlette] == ["starlette", None]


def test_constant_folding_and_durations():
    tree = ast.parse(textwrap.dedent("""
        from datetime import datetime, timedelta
        DAY = 60 * 60 * 24
        a = DAY * 400
        b = timedelta(weeks=2) * 3
        c = datetime.now() + timedelta(days=40)
        d = 10 ** 10 ** 10
        e = "x" * 10 ** 9
        f = os.environ["X"]
    """))
    ctx = FileContext(tree, "m.py", Config())
    Walker(ctx).walk(tree)
    values = {stmt.targets[0].id: stmt.value for stmt in tree.body if isinstance(stmt, ast.Assign)}
    assert evaluate(values["a"], ctx) == 60 * 60 * 24 * 400
    assert duration_of(values["b"], ctx) == 6 * 7 * 86400
    assert duration_of(values["c"], ctx) == 40 * 86400
    assert evaluate(values["d"], ctx) is UNKNOWN
    assert evaluate(values["e"], ctx) is UNKNOWN
    assert evaluate(values["f"], ctx) is UNKNOWN


def handlers(source, filename="app.py"):
    source = textwrap.dedent(source)
    tree = ast.parse(source)
    found = {}

    class Grab(Analysis):
        requires = (HandlerAnalysis,)

        def finish(self):
            for h in self.analyses[HandlerAnalysis].handlers.values():
                found[h.name] = h

    class Probe:
        uses = (Grab,)

        def check(self, ctx, facts):
            return []

    check_tree(tree, filename, Config(), [Probe()], None)
    return found


def test_flask_and_fastapi_routes_and_params():
    found = handlers("""
        from typing import Annotated
        from fastapi import APIRouter, Cookie, FastAPI, Query, Request

        app = FastAPI()
        router = APIRouter()

        @router.post("/items/{item_id}")
        def item(item_id: int, q: str, sid: Annotated[str, Query()] = None,
                 session: str = Cookie(None), request: Request = None):
            pass

        async def home(request):
            pass

        def helper():
            pass

        from starlette.routing import Route
        routes = [Route("/", home)]
    """)
    item = found["item"]
    assert (item.kind, item.framework, item.paths, item.methods) == (ROUTE, fw.STARLETTE, ["/items/{item_id}"], {"POST"})
    assert item.params == {"item_id": "path", "q": "query", "sid": "query", "session": "cookie", "request": "request"}
    assert (found["home"].kind, found["home"].paths) == (ROUTE, ["/"])
    assert found["helper"].kind == FUNCTION


def test_flask_blueprints_and_django_views():
    flask = handlers("""
        from flask import Blueprint
        auth = Blueprint("auth", __name__)

        @auth.route("/sign-in", methods=["GET", "POST"])
        def sign_in():
            pass
    """)
    assert (flask["sign_in"].kind, flask["sign_in"].methods) == (ROUTE, {"GET", "POST"})
    assert "sign" in flask["sign_in"].words()
    django = handlers("""
        from django.contrib.auth.views import LoginView
        from django.views.generic import FormView

        def login_view(request):
            pass

        class SignInView(FormView):
            def form_valid(self, form):
                pass

        class Portal(LoginView):
            def get(self, request):
                pass
    """)
    assert django["login_view"].kind == VIEW
    assert django["form_valid"].kind == VIEW
    assert django["form_valid"].class_name == "SignInView"
    assert django["get"].framework is fw.DJANGO


def test_a_failing_rule_is_reported_and_the_others_still_run():
    from fixlint.analysis.cookies import CookieAnalysis
    from fixlint.rules import get_rule

    class Broken:
        code = "SFX999"
        uses = (CookieAnalysis,)

        def check(self, ctx, facts):
            raise KeyError("boom")

    source = textwrap.dedent("""
        from flask import make_response
        def view():
            resp = make_response()
            resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    """)
    result = check_tree(ast.parse(source), "app.py", Config(), [Broken(), get_rule("SFX302")], source.lower())
    assert [f.code for f in result.findings] == ["SFX302"]
    assert len(result.errors) == 1 and result.errors[0].component == "SFX999"
    assert "KeyError" in result.errors[0].describe()


def test_a_failing_analysis_callback_drops_only_that_analysis():
    class Fragile(Analysis):
        def subscribe(self, walker):
            walker.on(ast.Call, self.boom)

        def boom(self, node):
            raise ValueError("bad node")

    class UsesFragile:
        code = "SFX998"
        uses = (Fragile,)

        def check(self, ctx, facts):
            return [("never",)]

    from fixlint.rules import get_rule

    source = "from flask import make_response\nmake_response().set_cookie('sid', 'v')\n"
    result = check_tree(ast.parse(source), "app.py", Config(), [UsesFragile(), get_rule("SFX302")], source.lower())
    assert [f.code for f in result.findings] == ["SFX302"]
    assert [(e.line, e.component) for e in result.errors] == [(2, "Fragile")]


def test_after_a_callback_fails_the_node_still_reaches_the_others_and_its_owner_is_dropped():
    from fixlint.engine.walker import Walker

    calls = []

    class Owner:
        def __init__(self, name, fail_on=None):
            self.name, self.fail_on = name, fail_on

        def visit(self, node):
            calls.append((self.name, node.lineno))
            if node.lineno == self.fail_on:
                raise ValueError("bad node")

    tree = ast.parse("f()\ng()\n")
    walker = Walker(FileContext(tree, "app.py", Config()))
    fragile, sound = Owner("fragile", fail_on=1), Owner("sound")
    walker.on(ast.Call, fragile.visit)
    walker.on(ast.Call, sound.visit)
    walker.walk(tree)
    assert calls == [("fragile", 1), ("sound", 1), ("sound", 2)]
    assert [(owner.name, node.lineno) for owner, node, _ in walker.failures] == [("fragile", 1)]


# -- nodes.walk: ast.walk's nodes in ast.walk's order ---------------------------

EVERY_CONSTRUCT = '''
import os, os.path as p
from . import x as y
global_name = 1
def f(a, /, b=1, *c, d, e=None, **g) -> int:
    global global_name
    nonlocal_holder = [v async for v in z] if a else {k: v for k, v in g.items() if k}
    x = lambda q=1: (yield q)
    del x[1:2:3], y.z
    assert a < b <= c != d, f"{a!r:>{b}} {c=}"
    with open(a) as h, open(b): pass
    try:
        raise ValueError from None
    except* (TypeError, KeyError) as exc:
        pass
    finally:
        return not -a ** ~b or a and b
    match a:
        case [1, *rest] | {"k": 2, **others} | Point(x=0, y=_) as pt if pt: pass
        case None | True | -1j | "s" | b"b": pass
async def h():
    async with a as (b, [c, *d]): await e
    async for i in j: continue
class C(B, metaclass=M):
    x: int = 1
    @property
    def g(self): return {**a, "b": {1, 2}, 3: ...}
'''


def test_nodes_walk_gives_ast_walk_s_nodes_in_its_order():
    from fixlint.engine.nodes import walk

    trees = [ast.parse(EVERY_CONSTRUCT, type_comments=True),
             ast.parse("def f(a):  # type: (int) -> None\n    pass  # type: ignore[x]\n", type_comments=True)]
    trees += [ast.parse(path.read_bytes()) for path in sorted((ROOT / "fixtures").rglob("*.py"))]
    for tree in trees:
        for start in [tree, *[n for n in ast.walk(tree) if n.__class__ in (ast.Call, ast.FunctionDef, ast.Assign)]]:
            expected, got = list(ast.walk(start)), list(walk(start))
            assert len(got) == len(expected)
            assert all(a is b for a, b in zip(got, expected))


def test_leaves_and_operators_are_visited_when_subscribed_and_skipped_otherwise():
    # The walker leaves Names, Constants and operators where they are unless
    # a callback asks for them; asked, it visits each, in source order.
    tree = ast.parse("x = a + 1 == b\nif not y and z: f(-q, 'k')\n")
    seen = []
    walker = Walker(FileContext(tree, "app.py", Config()))
    for cls in (ast.Name, ast.Constant, ast.Add, ast.Eq, ast.Not, ast.And, ast.USub):
        walker.on(cls, lambda node: seen.append(node.id if node.__class__ is ast.Name else
                                                getattr(node, "value", node.__class__.__name__)))
    walker.walk(tree)
    assert seen == ["a", "Add", 1, "Eq", "b", "x", "And", "Not", "y", "z", "f", "USub", "q", "k"]
    calls = []
    walker = Walker(FileContext(tree, "app.py", Config()))
    walker.on(ast.Call, calls.append)
    walker.walk(tree)
    assert [c.func.id for c in calls] == ["f"]
    assert walker._skip >= {ast.Name, ast.Constant, ast.Add, type(None)}


def test_calls_and_names_reads_the_first_nodes_of_nodes_walk():
    from fixlint.engine.nodes import calls_and_names, walk

    trees = [ast.parse(EVERY_CONSTRUCT)]
    trees += [ast.parse(path.read_bytes()) for path in sorted((ROOT / "fixtures").rglob("*.py"))[:40]]
    for tree in trees:
        for start in [n for n in ast.walk(tree) if n.__class__ in (ast.Assign, ast.Call, ast.Return)]:
            for limit in (0, 1, 2, 3, 5, 10, 200):
                nodes = list(walk(start))[:limit]
                calls, names = calls_and_names(start, limit)
                assert calls == [n for n in nodes if n.__class__ is ast.Call]
                assert names == {n.id for n in nodes if n.__class__ is ast.Name}


def test_an_answer_kept_on_a_node_is_computed_once_and_stays_out_of_the_tree_s_fields():
    from fixlint.engine.nodes import calls_and_names, kept, kept_summary

    tree = ast.parse("x = f(g(y), z)\n")
    value = tree.body[0].value
    before = ast.dump(tree, include_attributes=True)
    made = []
    assert kept(value, "count", lambda n: made.append(n) or len(made)) == 1
    assert kept(value, "count", lambda n: made.append(n) or len(made)) == 1  # kept, not made again
    assert kept(value, "other", lambda n: made.append(n) or len(made)) == 2  # another key, another answer
    assert made == [value, value]
    assert kept_summary(value, 200) == calls_and_names(value, 200)
    assert kept_summary(value, 2) == calls_and_names(value, 2)  # each limit its own answer
    assert ast.dump(tree, include_attributes=True) == before
    assert ast.dump(tree) == ast.dump(ast.parse("x = f(g(y), z)\n"))


def test_the_server_s_next_tree_keeps_the_answers_about_the_statements_an_edit_left_alone():
    from fixlint.engine.nodes import kept
    from fixlint.server import incremental

    text = "def a():\n    return f(x)\n\n\ndef b():\n    return g(y)\n"
    parsed = incremental.Parsed()
    first = parsed.parse(text, ast.parse)
    for statement in first.body:
        kept(statement, "name", lambda n: n.name)
    second = parsed.parse(text.replace("g(y)", "h(y)"), ast.parse)
    assert second.body[0] is first.body[0]  # left alone: its answers stay
    assert second.body[1] is not first.body[1]  # parsed again: nothing kept on it
    assert "_fixlint_kept" in second.body[0].__dict__ and "_fixlint_kept" not in second.body[1].__dict__


def test_branches_is_nodes_walk_without_its_leaves():
    from fixlint.engine.nodes import _LEAVES, branches, walk

    trees = [ast.parse(EVERY_CONSTRUCT)]
    trees += [ast.parse(path.read_bytes()) for path in sorted((ROOT / "fixtures").rglob("*.py"))[:40]]
    for tree in trees:
        for start in [tree, *(n for n in ast.walk(tree) if n.__class__ in (ast.FunctionDef, ast.ClassDef))]:
            expected = [n for n in walk(start) if n is start or n.__class__ not in _LEAVES]
            found = branches(start)
            assert len(found) == len(expected)
            assert all(a is b for a, b in zip(found, expected))
    # the leaves are left out: a walk that looked for one would miss it
    assert not any(n.__class__ is ast.Name for n in branches(ast.parse("x = f(y)")))


def test_stepping_through_attributes_and_keywords_keeps_the_walk_order():
    # Unsubscribed Attribute, keyword, Starred, Await, UnaryOp and YieldFrom
    # nodes are stepped through, not pushed: the nodes callbacks see, and
    # their order, are those of a walk that visits every one of them.
    trees = [ast.parse(EVERY_CONSTRUCT)]
    trees.append(ast.parse("async def f(*a, **k):\n    x = -(await g(*a, key=-h.i.j(k)))\n"
                           "    yield from m.n[o.p](*q.r)\n    return not s.t\n"))
    trees += [ast.parse(path.read_bytes()) for path in sorted((ROOT / "fixtures").rglob("*.py"))[:40]]
    stepped = (ast.Attribute, ast.keyword, ast.Starred, ast.Await, ast.UnaryOp, ast.YieldFrom)
    total = 0
    for tree in trees:
        orders = []
        for visit_stepped in (False, True):
            seen = []
            walker = Walker(FileContext(tree, "app.py", Config()))
            for cls in (ast.Call, ast.Name, ast.Subscript, ast.Constant):
                walker.on(cls, seen.append)
            if visit_stepped:
                for cls in stepped:
                    walker.on(cls, lambda node: None)
            walker.walk(tree)
            assert bool(walker._through) is not visit_stepped
            orders.append(seen)
        assert len(orders[0]) == len(orders[1])
        assert all(a is b for a, b in zip(*orders))
        total += len(orders[0])
    assert total > 1000


def test_kept_bindings_follow_rebinding_and_scopes():
    # binding() keeps its answer per Name node: asked again for the same
    # node after the name is rebound, or in another scope, it must give
    # the name's meaning there, never the kept one.
    tree = ast.parse(textwrap.dedent("""
        import flask as s
        first(s)
        again()
        s = 3
        again()

        def f(s):
            again()
            first(s)
            again()

        class C:
            s = 4
            again()
        again()
    """))
    ctx = FileContext(tree, "app.py", Config())
    kept, seen = [], []

    def on_call(node):
        if node.func.id == "first":
            kept.append(node.args[0])
        for name in kept:  # each node asked twice: the second answer comes from the memo
            answers = [(getattr(ctx.binding(name), "kind", None), ctx.qualname(name), ctx.value_of(name))
                       for _ in range(2)]
            assert answers[0][:2] == answers[1][:2] and answers[0][2] is answers[1][2]
            seen.append((node.func.id, answers[0][0], answers[0][1]))

    walker = Walker(ctx)
    walker.on(ast.Call, on_call)
    walker.walk(tree)
    assert seen == [
        ("first", "import", "flask"),
        ("again", "import", "flask"),
        ("again", "assign", None),  # `s = 3` bound since
        ("again", "param", None),  # in f, `s` is the parameter
        ("first", "param", None), ("first", "param", None),
        ("again", "param", None), ("again", "param", None),
        ("again", "assign", None), ("again", "assign", None),  # the class body's `s = 4`
        ("again", "assign", None), ("again", "assign", None),  # the module's `s = 3` again
    ]
    assert isinstance(ctx.value_of(kept[0]), ast.Constant)


def test_a_name_in_the_value_that_rebinds_it_is_the_binding_it_replaces():
    # `user = user.decode()`: the `user` read on the right is the earlier
    # binding, whenever an analysis asks (after the rebinding too).
    tree = ast.parse("user = read()\nuser = user.decode()\nother = user\nafter(user)\n")
    ctx = FileContext(tree, "app.py", Config())
    inner = tree.body[1].value.func.value
    answers = []
    walker = Walker(ctx)
    walker.on(ast.Call, lambda node: answers.append(ctx.value_of(inner)) if getattr(node.func, "id", "") == "after" else None)
    walker.walk(tree)
    (value,) = answers
    assert value.__class__ is ast.Call and value.func.id == "read"


def test_findings_of_a_rule_do_not_depend_on_the_other_rules_selected():
    # A Tornado logout of WuZiqi's shape: the record it deletes is keyed by the
    # signed cookie through `user = user.decode()`; SFX102 alone once lost that.
    # (WuZiqi's own store holds game sockets, not sign-ins: socket_cache_logout.py.)
    source = """
        import tornado.web

        SIGNED_IN = {}

        class LoginHandler(tornado.web.RequestHandler):
            def post(self):
                self.set_secure_cookie("user", self.get_argument("name"))

        class LogoutHandler(tornado.web.RequestHandler):
            def post(self):
                user = self.get_secure_cookie("user")
                if user is not None:
                    user = user.decode("utf-8")
                    if user in SIGNED_IN:
                        del SIGNED_IN[user]
                self.clear_cookie("user")
    """
    alone = lint(source, rules=[get_rule("SFX102")])
    together = lint(source, codes={"SFX102"})
    assert alone == together == []


def test_cookie_kinds_are_kept_per_file_and_configuration():
    from fixlint.analysis.cookies import cookie_kind

    tree = ast.parse("x = 1\n")
    plain = FileContext(tree, "app.py", Config())
    configured = FileContext(tree, "app.py", Config.from_mapping({"session-cookie-names": ["prefs_blob"]}))
    assert [cookie_kind(plain, "prefs_blob") for _ in range(2)] == [fw.PREFERENCE] * 2
    assert [cookie_kind(configured, "prefs_blob") for _ in range(2)] == [fw.SESSION] * 2
    assert cookie_kind(plain, "sessionid") == fw.SESSION and cookie_kind(plain, "csrftoken") == fw.CSRF


def during_walk(source):
    """Each function's Handler as its body is walked (kind, paths, params),
    and as the walk leaves it complete (after finish())."""
    tree = ast.parse(textwrap.dedent(source))
    early, final = {}, {}

    class Grab(Analysis):
        requires = (HandlerAnalysis,)

        def subscribe(self, walker):
            walker.on(ast.FunctionDef, self.seen)
            walker.on(ast.AsyncFunctionDef, self.seen)

        def seen(self, node):
            h = self.analyses[HandlerAnalysis].handler(node)
            early[node.lineno] = (h.kind, list(h.paths), dict(h.params))

        def finish(self):
            for node, h in self.analyses[HandlerAnalysis].handlers.items():
                final[node.lineno] = (h.kind, list(h.paths), dict(h.params))

    class Probe:
        uses = (Grab,)

        def check(self, ctx, facts):
            return []

    check_tree(tree, "app.py", Config(), [Probe()], None)
    return early, final


def test_registrations_below_a_definition_are_known_while_its_body_is_walked():
    early, final = during_walk("""
        from fastapi import FastAPI
        from flask import Flask, jsonify

        app = Flask(__name__)
        api = FastAPI()

        def resume(sid):                                   # line 8
            pass

        app.add_url_rule("/r/<sid>", view_func=resume)

        async def endpoint(session_id: str):               # line 13
            pass

        api.add_api_route("/e", endpoint, methods=["GET"])

        def rebound(sid):                                  # line 18
            pass

        rebound = jsonify
        app.add_url_rule("/rb/<sid>", view_func=rebound)

        if app:
            def conditional(sid):                          # line 25
                pass
        app.add_url_rule("/c/<sid>", view_func=conditional)

        def in_factory(sid):                               # line 29
            pass

        def shadowing(sid):                                # line 32
            pass

        def create_app():                                  # line 35
            app.add_url_rule("/f/<sid>", view_func=in_factory)
            shadowing = jsonify
            app.add_url_rule("/s/<sid>", view_func=shadowing)
    """)
    assert early[8] == (ROUTE, ["/r/<sid>"], {})
    assert early[13][0] == ROUTE and early[13][2] == {"session_id": "query"}
    assert early[29] == (ROUTE, ["/f/<sid>"], {})
    # Not certain before the walk: left to finish() (which may or may not
    # find them), never guessed early.
    for line in (18, 25, 32, 35):
        assert early[line][0] == FUNCTION, line
    # Never more than the walk itself finds.
    for line, (kind, paths, _) in early.items():
        if kind == ROUTE:
            assert final[line][0] == ROUTE and set(paths) <= set(final[line][1]), line


def test_factory_defs_view_factories_and_instances_registered_below_are_known_early():
    early, final = during_walk("""
        import falcon
        from flask import Flask, jsonify
        from flask.views import MethodView

        class Account(MethodView):
            def get(self, session_id):                     # line 7
                pass

        account_view = Account.as_view("account")
        app = Flask(__name__)
        app.add_url_rule("/a/<session_id>", view_func=account_view)

        class Other(MethodView):
            def get(self, sid):                            # line 15
                pass

        other_view = Other.describe("other")
        other_view2 = Other.as_view("other")
        other_view2 = jsonify
        app.add_url_rule("/o/<sid>", view_func=other_view)
        app.add_url_rule("/o2/<sid>", view_func=other_view2)

        class Pick:
            def on_get(self, req, resp, session_id):       # line 25
                pass

        def make_pick():                                   # line 28
            return Pick()

        pick = Pick()
        api = falcon.App()
        api.add_route("/p/{session_id}", pick)
        api.add_route("/m/{session_id}", make_pick())

        def create_app():                                  # line 36
            factory = Flask(__name__)

            def resume(sid):                               # line 39
                pass

            factory.add_url_rule("/r/<sid>", view_func=resume)

            def rebound(sid):                              # line 44
                pass

            rebound = jsonify
            factory.add_url_rule("/rb/<sid>", view_func=rebound)
            made = Account.as_view("again")
            factory.add_url_rule("/again/<session_id>", view_func=made)
    """)
    assert early[7] == (VIEW, ["/a/<session_id>", "/again/<session_id>"], {})
    assert early[25] == (VIEW, ["/p/{session_id}"], {})
    assert early[39] == (ROUTE, ["/r/<sid>"], {})
    # Not a view factory, a rebound name, a function called for its
    # value where instances are registered, a name rebound in the factory.
    for line in (15, 28, 36, 44):
        assert early[line][0] == FUNCTION, line
    for line, (kind, paths, _) in early.items():
        if kind != FUNCTION:
            assert final[line][0] == kind and set(paths) <= set(final[line][1]), line


def test_keyword_names_of_session_ids_are_kept_per_file():
    # SessionIdAnalysis keeps, per file, whether a keyword's name makes its
    # value a session id: `sid=` counts in web code only, so a kept answer
    # must not leak from a web file into a plain one (or back).
    from .helpers import lint

    web = textwrap.dedent("""
        import random
        from flask import Flask
        app = Flask(__name__)

        def start(store):
            store.open(sid=random.random())
            store.open(session_token=random.random())
            store.open(sid=random.random())
    """)
    plain = web.replace("from flask import Flask\napp = Flask(__name__)\n", "")
    found = [[line for line, _, _ in lint(source, codes={"SFX204"})] for source in (web, plain, web, plain)]
    assert found == [[6, 7, 8], [5], [6, 7, 8], [5]]
