"""Hostile shapes in framework-shaped code: every registered rule and every
analysis must neither crash (RecursionError included) nor crawl.

Each shape is put into every slot of a Flask, a Django and a Starlette
template — cookie names and flags, session keys, route paths, annotations,
settings — where some analysis is sure to look at it. Trees are as deep as
Python's own parser accepts (about 3000 levels with the default recursion
limit), far deeper than a recursive helper can follow.
"""

from __future__ import annotations

import ast
import textwrap

import pytest

from fixlint import timelimit

from .robustness import internal_errors

TEMPLATES = {
    "flask": '''
        from flask import Flask, session, request, make_response, redirect
        from flask_login import login_user, logout_user
        from flask_session import Session
        import secrets
        app = Flask(__name__)
        app.config["SESSION_COOKIE_SECURE"] = {X}
        app.config.update(SESSION_COOKIE_SAMESITE={X}, PERMANENT_SESSION_LIFETIME={X})
        app.config["SESSION_TYPE"] = {X}
        SESSION_COOKIE_NAME = {X}

        @app.route({X}, methods={X})
        def login(user: {X} = {X}) -> {X}:
            sid = request.args.get({X}) or request.cookies[{X}]
            session.clear()
            session[{X}] = {X}
            session.permanent = {X}
            resp = make_response({X})
            resp.set_cookie({X}, {X}, max_age={X}, expires={X}, secure={X}, httponly={X},
                            samesite={X}, domain={X}, path={X})
            resp.headers["Set-Cookie"] = {X}
            resp.headers.add({X}, {X})
            login_user({X}, remember={X})
            app.session_interface.regenerate(session)
            return redirect({X})

        def set_session(response: {X}, token):
            response.set_cookie("session", token)

        @app.get("/logout")
        def logout():
            logout_user()
            session.pop({X}, None)
            return {X}
    ''',
    "django": '''
        from django.contrib import auth
        from django.contrib.auth import login, logout, authenticate
        from django.http import HttpResponse, JsonResponse
        from django.urls import path
        from django.views import View
        import http.cookies
        SESSION_COOKIE_SECURE = {X}
        SESSION_COOKIE_AGE = {X}
        SESSION_ENGINE = {X}
        CSRF_COOKIE_HTTPONLY = {X}

        def login_view(request: {X}):
            user = authenticate(request, username={X}, password={X})
            request.session[{X}] = {X}
            request.session.cycle_key()
            auth.login(request, {X})
            response = HttpResponse({X})
            response.set_cookie({X}, {X}, max_age={X}, secure={X}, httponly={X}, samesite={X})
            response[{X}] = {X}
            jar = http.cookies.SimpleCookie()
            jar[{X}] = {X}
            jar[{X}]["secure"] = {X}
            response.headers["Set-Cookie"] = jar.output({X})
            return response

        def set_session(response: {X}, token):
            response.set_cookie("session", token)

        class LoginView(View):
            def post(self, request, *args, **kwargs):
                self.request.session[{X}] = {X}
                logout(request)
                return JsonResponse({X})

        urlpatterns = [path({X}, login_view), path("login/", LoginView.as_view())]
    ''',
    "starlette": '''
        from fastapi import FastAPI, Request, Response, Cookie, Query, Depends
        from starlette.middleware.sessions import SessionMiddleware
        from starsessions import SessionMiddleware as StarMiddleware, regenerate_session_id
        app = FastAPI()
        app.add_middleware(SessionMiddleware, secret_key={X}, https_only={X}, same_site={X}, max_age={X})
        app.add_middleware(StarMiddleware, store={X}, cookie_https_only={X})

        @app.post({X})
        async def sign_in(request: Request, response: Response, session_id: str = Cookie({X}),
                          sid: str = Query({X}), user=Depends({X})):
            request.session.clear()
            request.session[{X}] = {X}
            regenerate_session_id(request)
            response.set_cookie(key={X}, value={X}, secure={X}, httponly={X}, samesite={X})
            await {X}
            return {X}

        app.add_api_route({X}, sign_in, methods={X})

        def set_session(response: {X}, token):
            response.set_cookie("session", token)
    ''',
    # `await` only parses inside `async def`.
    "async": '''
        from fastapi import FastAPI, Request, Response
        app = FastAPI()

        @app.post("/login")
        async def login(request: Request, response: Response):
            request.session[{X}] = {X}
            response.set_cookie({X}, {X}, max_age={X}, secure={X}, httponly={X}, samesite={X})
            return {X}
    ''',
}


def deep(kind, depth):
    return {
        "union": lambda: "|".join(["Response"] * depth),
        "concat": lambda: "+".join(['"sid; Secure"'] * depth),
        "attribute": lambda: "request" + ".session" * depth,
        "call": lambda: "make_response" + "()" * depth,
        "subscript": lambda: "session" + '["user"]' * depth,
        "not": lambda: "not " * depth + "secure",
        "ifexp": lambda: '"a" if DEBUG else ' * depth + '"b"',
        "lambda": lambda: "lambda: " * depth + "1",
        "await": lambda: "await (" * 190 + "x" + ")" * 190,
        "boolop": lambda: " and ".join(["session"] * depth),
        "compare": lambda: " < ".join(["max_age"] * depth),
        "dict": lambda: "{'secure': " * 190 + "True" + "}" * 190,
        "list": lambda: "[" * 190 + "'sid'" + "]" * 190,
        "fstring": lambda: "f'" + "{sid}; " * (depth // 10) + "'",
        "walrus": lambda: "(x := " * 190 + "1" + ")" * 190,
        "starred": lambda: "[*" * 190 + "x" + "]" * 190,
    }[kind]()


def fill(template, expression):
    body = textwrap.dedent(template).replace("{X}", "(" + expression + ")")
    return body


def deepest_source(template_name, kind):
    """(source, tree): the template with `kind` as deep as ast.parse accepts
    in every slot."""
    for depth in (2950, 2500, 2000, 1000):
        source = fill(TEMPLATES[template_name], deep(kind, depth))
        try:
            return source, ast.parse(source)
        except (SyntaxError, RecursionError, MemoryError):
            continue
    pytest.fail(f"{kind}: no depth parses")


def assert_clean(source, seconds=120, every_path=True, tree=None):
    """No internal error, and no hang: a case that once ran for hours fails
    after `seconds` instead of stalling the suite (a guard, not a speed
    measure: the slowest case takes a few seconds)."""
    with timelimit.alarm_handler():
        try:
            with timelimit.limit(seconds):
                errors = internal_errors(source, every_path=every_path, tree=tree)
        except timelimit.FileTimeout:
            pytest.fail(f"fixlint took over {seconds} s on:\n{source[:2000]}")
    assert errors == [], errors


KINDS = ["union", "concat", "attribute", "call", "subscript", "not", "ifexp",
         "lambda", "await", "boolop", "compare", "dict", "list", "fstring", "walrus", "starred"]


@pytest.mark.parametrize(("template", "kind"), [
    (template, kind) for kind in KINDS for template in sorted(TEMPLATES)
    if (kind == "await") == (template == "async")
])
def test_deepest_expressions_in_every_slot(template, kind):
    # Big files (up to 700 kB): one walk with every rule and analysis.
    source, tree = deepest_source(template, kind)
    assert_clean(source, every_path=False, tree=tree)


def _elif_chain(n):
    arms = "".join(f"    elif request.form.get('k{i}'):\n        session['user'] = {i}\n" for i in range(n))
    return ("from flask import session, request\n\n"
            "@app.post('/login')\ndef login():\n    if check_password(request):\n        session.clear()\n"
            + arms + "    return 'ok'\n")


def _nested_functions(n):
    lines = ["from flask import session, request, make_response"]
    for i in range(n):
        indent = "    " * i
        lines.append(f"{indent}@app.route('/login{i}')")
        lines.append(f"{indent}def login{i}(request):")
        lines.append(f"{indent}    session['user'] = request.args['sid']")
        lines.append(f"{indent}    make_response('x').set_cookie('sid', request.args['sid'])")
    lines.append("    " * n + "pass")
    return "\n".join(lines) + "\n"


def _nested_classes(n):
    lines = ["from django.views import View"]
    for i in range(n):
        indent = "    " * i
        lines.append(f"{indent}class LoginView{i}(View):")
        lines.append(f"{indent}    def post(self, request):")
        lines.append(f"{indent}        request.session['user_id'] = 1")
    lines.append("    " * n + "pass")
    return "\n".join(lines) + "\n"


def _doubling(op, first, use):
    names = [f"t0 = {first}"] + [f"t{i} = t{i - 1} {op} t{i - 1}" for i in range(1, 40)]
    calls = "\n".join(f"    resp.set_cookie('sid{i}', 'x', max_age={use}, samesite={use})" for i in range(300))
    return ("from flask import make_response, session\nfrom datetime import timedelta\n"
            + "\n".join(names) + "\n\ndef login():\n    resp = make_response('x')\n" + calls + "\n"
            + f"    resp.headers['Set-Cookie'] = {use}\n    session['user'] = {use}\n    return resp\n")


CYCLES = '''
from flask import Flask, session, request, make_response
from django.contrib.auth import login as auth_login
app = Flask(__name__)
a = b
b = a
x = x + 1
sid = sid
resp = resp
session = session
request = request.session

class Base(Base):
    pass

def f(f=f):
    return f

@app.route("/login")
def login():
    resp = make_response(resp)
    resp.set_cookie(a, b, max_age=sid, secure=resp, httponly=session)
    session[a] = b
    helper()
    login()
    return resp

def helper():
    login2()

def login2():
    helper()
    login()

def auth_login(request):
    auth_login(request)

def recursive_login(request, n):
    request.session["user"] = n
    return recursive_login(request, n - 1)
'''

WIDE = {
    "elif chain 2900": lambda: _elif_chain(2900),
    "functions nested 95 deep": lambda: _nested_functions(95),
    "classes nested 95 deep": lambda: _nested_classes(95),
    # Each name doubles the work of folding it: 2**19 steps per use, unbounded.
    "doubling sums": lambda: _doubling("+", "1", "t19"),
    "doubling strings": lambda: _doubling("+", '"sid; "', "t19"),
    "doubling timedeltas": lambda: _doubling("+", "timedelta(days=1)", "t19"),
    "doubling products": lambda: _doubling("*", "1", "t19"),
    "printf huge": lambda: _doubling("+", '"%0999999999d" % 1', "t0"),
    "power tower": lambda: _doubling("**", "9", "t39"),
    "cycles and recursion": lambda: CYCLES,
    "5000 decorators": lambda: "from flask import Flask\napp = Flask(__name__)\n"
                               + "@app.route('/login')\n" * 5000 + "def login():\n    pass\n",
    "5000 statements": lambda: "from flask import session, request\ndef login():\n"
                               + "    session['user'] = request.args['sid']\n" * 5000,
    "one 2 MB line": lambda: "from flask import make_response\nresp = make_response('x')\n"
                             "resp.set_cookie('sid', " + "'" + "x" * 2_000_000 + "')\n",
    "30000 set_cookie keywords": lambda: "from flask import make_response\nmake_response('x').set_cookie('sid', "
                                          + ", ".join(f"k{i}=1" for i in range(30_000)) + ")\n",
}


@pytest.mark.parametrize("name", sorted(WIDE))
def test_pathological_but_valid_modules(name):
    assert_clean(WIDE[name]())
