"""SFX201 session-id-from-request-parameter."""

import ast

from ..analysis.origins import PATH
from ..analysis.session_ids import SessionIdAnalysis, framework_label
from .base import FIX_NONE, OWASP_AUTH, Example, Fix, Rule

_FIX = {
    "Flask": "read the session id from request.cookies",
    "Django": "let SessionMiddleware read it from the session cookie (request.session)",
    "FastAPI": "read it from request.cookies",
    "Starlette": "read it from request.cookies",
}


class SessionIdFromRequestParameter(Rule):
    """
    ## What it does
    Reports a session id read from the query string, a form or JSON body, or
    the URL path instead of a cookie.

    Sources: Flask `request.args`, `.form`, `.values`, `.json`,
    `.get_json()`, `.view_args` and `<sid>` route parameters; Django
    `request.GET`, `request.POST`, `json.loads(request.body)` and the URL
    keyword arguments of class-based views and of routed, decorated or
    `views`-module function views; Starlette `request.query_params`,
    `request.path_params`, `await request.form()`, `await request.json()`,
    WebSocket `query_params`; FastAPI route parameters declared with
    `Query()`, `Path()`, `Body()`, `Form()` (plain or inside `Annotated[...]`,
    `alias=` respected), plain route parameters (path or query), and fields
    of body models.

    A read is a session id when its key names one (`session_id`,
    `sessionid`, `sid`, `session_key`, `sess`, `PHPSESSID`, `JSESSIONID`,
    `session_token`, a `SESSION_COOKIE_NAME` set in the file, plus the
    `session-id-names` and `session-cookie-names` options), or when its
    value — under any name — reaches a session-loading API in the same
    function or a same-module helper: Django `SessionStore(session_key=...)`
    and `Session.objects.get(session_key=...)`, a hand-rolled store
    (`SESSIONS[token]`, `session_store.get(token)`,
    `cache.get(f"session:{token}")`), `session.sid = token`, or
    `set_cookie` of the session cookie.

    Cookies (`request.cookies`, `request.COOKIES`, FastAPI `Cookie()`
    parameters) are the right place and are never reported; neither are
    headers. Reported at the read, or at the parameter.

    ## Why is this bad?
    An id that the server accepts from a URL can be planted by anyone who
    can make the victim open a link — the classic session-fixation attack —
    and an id in a URL leaks through Referer headers, proxy and server logs
    and browser history.

    ## Decisions
    Flow says more than the name: a `session_id` passed to a payment or
    identity provider's API (Stripe Checkout `stripe.checkout.Session.retrieve`,
    PayPal, Braintree, ... directly, through a client object or a
    same-module helper) is that provider's resource id and is not reported,
    and neither is a `session_id` read in a module that imports such a
    provider, unless it reaches a session-loading API. Ordinary parameters
    (`page`, `q`, `order_id`, `token` for a password reset) are silent unless
    they reach a session-loading API. The Flask default cookie name
    `session` is not treated as a session-id name (a query parameter named
    `session` is as often a conference talk as a session id). A value
    declared numeric (`<int:sid>`, `sid: int`, `request.args.get("sid",
    type=int)`) is an object id — a student's, a station's — never a
    session id, and is judged by flow only. Headers
    (`X-Session-Id`) are not reported: they do not leak through links and
    cannot be planted by one.
    """

    code = "SFX201"
    name = "session-id-from-request-parameter"
    summary = "Session id read from the query string, a form/JSON body or the URL path instead of a cookie"
    cwe = (
        "CWE-598: Use of GET Request Method With Sensitive Query Strings",
        "CWE-384: Session Fixation",
    )
    owasp = (OWASP_AUTH,)
    security_severity = "7.5"
    uses = (SessionIdAnalysis,)
    references = (
        ("OWASP Session Management Cheat Sheet: Session ID Exchange Mechanism",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-exchange-mechanism"),
        ("OWASP: Session fixation", "https://owasp.org/www-community/attacks/Session_fixation"),
        ("FastAPI: Cookie parameters", "https://fastapi.tiangolo.com/tutorial/cookie-params/"),
        ("CWE-384", "https://cwe.mitre.org/data/definitions/384.html"),
        ("CWE-598", "https://cwe.mitre.org/data/definitions/598.html"),
    )
    fixes = {
        "Flask": 'request.cookies.get(app.config["SESSION_COOKIE_NAME"]), or use flask.session',
        "Django": "request.session (SessionMiddleware reads the session cookie); never SessionStore(session_key=request.GET[...])",
        "FastAPI": "session_id: Annotated[str | None, Cookie()] = None, or request.session with SessionMiddleware",
        "Starlette": 'request.cookies.get("session"), or request.session with SessionMiddleware',
    }
    fix = Fix(
        FIX_NONE,
        "Moving the session id out of the query string, body or path "
        "into a cookie is a design change: every client that sends it there (links, forms, mobile "
        "apps, other services) must change with the server, and the new cookie needs its flags.",
        "moving the id from the request into a cookie is a design change on client and server",
    )
    invalid = (
        Example(
            """
            from flask import Flask, request

            app = Flask(__name__)
            SESSIONS = {}

            @app.get("/cart")
            def cart():
                sid = request.args.get("sid")
                return SESSIONS.get(sid, {})
            """,
            expect=((8, 11),),
            title="Flask: the session id comes from the query string",
        ),
        Example(
            """
            from django.contrib.sessions.backends.db import SessionStore
            from django.http import JsonResponse

            def resume(request):
                token = request.POST["t"]
                store = SessionStore(session_key=token)
                return JsonResponse({"user": store.get("user_id")})
            """,
            expect=((5, 13),),
            title="Django: a form value under a neutral name loads the session",
        ),
        Example(
            """
            from fastapi import FastAPI, Query

            app = FastAPI()

            @app.get("/profile")
            def profile(session_id: str = Query(...)):
                return {"session": session_id}
            """,
            expect=((6, 13),),
            title="FastAPI: a Query() parameter carries the session id",
        ),
    )
    valid = (
        Example(
            """
            from flask import Flask, request

            app = Flask(__name__)
            SESSIONS = {}

            @app.get("/cart")
            def cart():
                sid = request.cookies.get("sid")
                page = request.args.get("page", 1)
                return SESSIONS.get(sid, {})
            """,
            title="Flask: the session id from its cookie; ordinary query parameters",
        ),
        Example(
            """
            import stripe
            from flask import Flask, request

            app = Flask(__name__)

            @app.get("/checkout/success")
            def success():
                checkout = stripe.checkout.Session.retrieve(request.args["session_id"])
                return {"paid": checkout.payment_status == "paid"}
            """,
            title="a Stripe Checkout session id is Stripe's, not a web session",
        ),
        Example(
            """
            from typing import Annotated
            from fastapi import Cookie, FastAPI

            app = FastAPI()

            @app.get("/profile")
            def profile(session_id: Annotated[str | None, Cookie()] = None):
                return {}
            """,
            title="FastAPI: a Cookie() parameter",
        ),
    )

    def check(self, ctx, facts):
        for read, sink in facts[SessionIdAnalysis].param_reads:
            yield self.finding(read.node, self.message(ctx, read, sink))

    def message(self, ctx, read, sink):
        label = framework_label(ctx, read.framework)
        fix = _FIX.get(label, "read it from the session cookie")
        where = "the URL path" if read.source == PATH else f"the {read.source}"
        name = repr(read.key) if read.key else "a value"
        if read.node.__class__ is ast.arg:
            if label == "FastAPI":
                fix = "declare it with Cookie()"
            subject = f"route parameter {name}"
            if sink:
                return f"{subject} comes from {where} and is used as a session id by {sink}; {fix} ({label})"
            return f"{subject} takes a session id from {where}; {fix} ({label})"
        if sink:
            return f"{name} from {where} is used as a session id by {sink}; {fix} ({label})"
        return f"session id {name} is read from {where}; {fix} ({label})"
