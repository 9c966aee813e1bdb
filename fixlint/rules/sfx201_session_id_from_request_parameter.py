"""SFX201 session-id-from-request-parameter."""

import ast
from dataclasses import replace

from ..analysis.origins import PATH
from ..analysis.session_id_facts import SessionIdAnalysis, finding_framework
from .. import frameworks as fw
from . import _lifecycle_semgrep as ls
from . import _session_id_semgrep as si
from ._cookie_semgrep import regex, words
from .base import FIX_NONE, OWASP_AUTH, Example, Fix, Rule, SemgrepRule

# -- Semgrep -------------------------------------------------------------------

_NOT_NUMBERS = [{"pattern-not": "$S.get(..., type=int, ...)"}, {"pattern-not": "int(...)"}]
_PARAM_CALLS = sorted(f"fastapi.{name}" for name, kind in fw.STARLETTE.requests.param_sources.items()
                      if kind in ("query", "path", "body", "form"))
_ROUTE = rf"^({words(sorted(fw.STARLETTE.routing.route_decorators))})$"
_SEMGREP_FIX = "read it from the session cookie instead"


def _primary_key_lookups():
    """`pattern-not`s: the parameter only looks a row up by primary key (a
    chat session, an editing session): Django `Model.objects.get(pk=p)`,
    SQLAlchemy `Model.query.get(p)`, `db.get(Model, p)`,
    `.filter(Model.id == p)`, `.filter_by(id=p)`."""
    lookups = [f"$MODEL.objects.$Q(..., {key}=$P, ...)" for key in ("id", "pk")]
    lookups += ["$MODEL.query.get($P)", "$DB.get($MODEL, $P)", "$Q.filter($MODEL.id == $P)",
                "$Q.filter_by(id=$P)"]
    return [{"pattern-not": f"def $F(..., $P, ...):\n  ...\n  <... {lookup} ...>\n  ...\n"} for lookup in lookups]


def _fastapi_params():
    """A FastAPI route parameter named like a session id: declared with
    Query()/Path()/Body()/Form() (also inside Annotated[...]), or plain
    (a query or path parameter)."""
    declared = []
    for call in _PARAM_CALLS:
        declared += [f"def $F(..., $P: $T = {call}(...), ...):\n  ...\n",
                     f"def $F(..., $P: $A[$T, {call}(...)], ...):\n  ...\n",
                     f"def $F(..., $P = {call}(...), ...):\n  ...\n"]
    plain = ["@$APP.$ROUTE(...)\ndef $F(..., $P: $T, ...):\n  ...\n",
             "@$APP.$ROUTE(...)\ndef $F(..., $P: $T = None, ...):\n  ...\n"]
    return {"patterns": [
        {"pattern-either": [
            *({"pattern": d} for d in declared),
            {"patterns": [
                {"pattern-either": [{"pattern": p} for p in plain]},
                {"pattern-not": "def $F(..., $P: $T = $DECLARED(...), ...):\n  ...\n"},
                regex("$ROUTE", _ROUTE),
                regex("$T", r"^(str|Optional\[str\]|typing\.Optional\[str\]|str \| None)$"),
            ]},
        ]},
        regex("$P", si.SID_NAME_RE),
        *_primary_key_lookups(),
        *ls.imports(("fastapi",)),
        {"focus-metavariable": "$P"},
    ]}


def _flask_path_params():
    """`@bp.route("/resume/<sid>")` over `def resume(sid)`: a path parameter
    named like a session id (not `<int:...>`)."""
    return {"patterns": [
        {"pattern": "@$APP.$ROUTE($PATH, ...)\ndef $F(..., $P, ...):\n  ...\n"},
        regex("$ROUTE", _ROUTE),
        regex("$PATH", rf"""^[rub]?["'].*<(?:(?:string|path):)?(?i:{si.SID_WORDS})>"""),
        regex("$P", si.SID_NAME_RE),
        *_primary_key_lookups(),
        *ls.imports(ls.FLASK_MODULES),
        {"focus-metavariable": "$P"},
    ]}


# Django views are wired in urls.py, which Semgrep does not read: a function
# taking `request` counts as a view in view modules only.
DJANGO_VIEW_MODULES = {"include": ["views.py", "views_*.py", "*_views.py", "api.py", "**/views/*.py"]}


def _django_path_params():
    """A Django view's URL parameter named like a session id:
    `def resume(request, session_key)`, `def get(self, request, sid)`."""
    return {"patterns": [
        {"pattern-either": [
            {"pattern": "def $F(request, ..., $P, ...):\n  ...\n"},
            {"pattern": "def $F(self, request, ..., $P, ...):\n  ...\n"},
        ]},
        regex("$P", si.SID_NAME_RE),
        # An object's primary key that happens to be called session_id.
        *_primary_key_lookups(),
        *ls.imports(ls.DJANGO_MODULES),
        {"focus-metavariable": "$P"},
    ]}


def _flows_to_store(sources):
    """A request value under a neutral name, used as a session key in the
    same function: reported at the read, as fixlint does."""
    reads = []
    for source in sources:
        reads += [f"$X = <... {source}.get(...) ...>", f"$X = <... {source}[...] ...>",
                  f"$X = <... ({source}).get(...) ...>", f"$X = <... ({source})[...] ...>"]
    uses = ["<... $STORE[$X] ...>", "<... $STORE.get($X, ...) ...>", "<... $STORE.load($X, ...) ...>",
            "<... $ENGINE.SessionStore($X) ...>", "<... SessionStore(session_key=$X) ...>",
            "<... $RESP.set_cookie($NAME, $X, ...) ...>", "<... $SESSION.objects.$GET(..., session_key=$X, ...) ...>"]
    return {"patterns": [
        {"pattern-either": [{"pattern": r} for r in reads]},
        {"pattern-either": [{"pattern-inside": f"$X = $E\n...\n{use}\n"} for use in uses]},
        {"pattern-either": [
            {"patterns": [{"pattern-inside": "$X = $E\n...\n<... $STORE[$X] ...>\n"}, regex("$STORE", si.STORE_RE)]},
            {"patterns": [{"pattern-inside": "$X = $E\n...\n<... $STORE.$READ($X, ...) ...>\n"},
                          regex("$STORE", si.STORE_RE)]},
            {"pattern-inside": "$X = $E\n...\n<... $ENGINE.SessionStore($X) ...>\n"},
            {"pattern-inside": "$X = $E\n...\n<... $SESSION.objects.$GET(..., session_key=$X, ...) ...>\n"},
            {"patterns": [{"pattern-inside": "$X = $E\n...\n<... $RESP.set_cookie($NAME, $X, ...) ...>\n"},
                          regex("$NAME", r"""^[rub]?["'](?i:session|sessionid|sid)["']$""")]},
        ]},
    ]}


def _not_foreign(match):
    """Stripe, PayPal & co. have "session ids" of their own: files that
    import such a package are left out, as fixlint leaves values passed to them."""
    return {"patterns": [match, *ls.not_importing(si.FOREIGN_PACKAGES)]}


def _semgrep_rules():
    return tuple(replace(rule, match=_not_foreign(rule.match)) for rule in _rules())


def _rules():
    return (
        SemgrepRule(
            message=f"Session id read from a request parameter (query string, form or JSON body, URL path): "
                    f"it leaks in links and logs, and lets an attacker fix the victim's session; {_SEMGREP_FIX} (Flask)",
            match={"patterns": [{"pattern-either": [si.named_reads(si.FLASK_SOURCES), _flows_to_store(si.FLASK_SOURCES)]},
                                *_NOT_NUMBERS]},
            technology=("flask",),
        ),
        SemgrepRule(
            suffix="flask-path",
            message=f"Session id taken from the URL path parameter $P; {_SEMGREP_FIX} (Flask)",
            match=_flask_path_params(),
            technology=("flask",),
        ),
        SemgrepRule(
            suffix="django",
            message=f"Session id read from request.GET/POST: it leaks in links and logs, and lets an attacker fix "
                    f"the victim's session; {_SEMGREP_FIX} (request.COOKIES) (Django)",
            match={"patterns": [
                {"pattern-either": [si.named_reads(si.DJANGO_SOURCES), _flows_to_store(si.DJANGO_SOURCES),
                                    si.direct_lookup(si.DJANGO_SOURCES)]},
                *_NOT_NUMBERS, *ls.imports(ls.DJANGO_MODULES),
            ]},
            technology=("django",),
        ),
        SemgrepRule(
            suffix="pyramid",
            message=f"Session id read from request.params/GET/POST/matchdict: it leaks in links and logs, and lets "
                    f"an attacker fix the victim's session; {_SEMGREP_FIX} (request.cookies) (Pyramid)",
            match={"patterns": [
                {"pattern-either": [si.named_reads(si.PYRAMID_SOURCES), _flows_to_store(si.PYRAMID_SOURCES)]},
                *_NOT_NUMBERS, *ls.imports(ls.PYRAMID_MODULES),
            ]},
            technology=("pyramid",),
        ),
        SemgrepRule(
            suffix="django-path",
            message=f"Session id taken from the URL path parameter $P; {_SEMGREP_FIX} (request.COOKIES) (Django)",
            match=_django_path_params(),
            paths=DJANGO_VIEW_MODULES,
            technology=("django",),
        ),
        SemgrepRule(
            suffix="starlette",
            message=f"Session id read from query/path params or the request body; {_SEMGREP_FIX} "
                    f"(request.cookies) (Starlette/FastAPI)",
            match={"patterns": [
                {"pattern-either": [si.named_reads(si.STARLETTE_SOURCES), _flows_to_store(si.STARLETTE_SOURCES)]},
                *_NOT_NUMBERS, *ls.imports(ls.STARLETTE_MODULES),
            ]},
            technology=("fastapi", "starlette"),
        ),
        SemgrepRule(
            suffix="fastapi-param",
            message="FastAPI parameter $P takes a session id from the query string, path or body; declare it "
                    "with Cookie() instead (FastAPI)",
            match=_fastapi_params(),
            technology=("fastapi",),
        ),
    )



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
    WebSocket `query_params`; Django REST framework `request.data` (body)
    and `request.query_params`; FastAPI route parameters declared with
    `Query()`, `Path()`, `Body()`, `Form()` (plain or inside `Annotated[...]`,
    `alias=` respected), plain route parameters (path or query), fields of
    body models, and the parameters of dependencies (functions with a
    `Query()`/`Form()`/`Body()`/`Path()`/`Cookie()`/`Header()` parameter),
    which are request values like a route's.

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
    session id, and is judged by flow only; so is a value that only looks
    a row up by primary key (a chat's `session_id`:
    `Model.objects.get(pk=...)`, `Model.query.get(...)`, `db.get(Model,
    ...)`, `.filter(Model.id == ...)`). Headers
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

    semgrep = _semgrep_rules()
    semgrep_parity = (
        "Semgrep matches a session-id name where the value is read, or a neutral name whose value reaches "
        "a store lookup, `SessionStore(...)` or the session cookie in the same function; it does not "
        "follow values into helpers, recognise routes registered with `add_url_rule`, or use a "
        "configured session cookie name."
    )

    def check(self, ctx, facts):
        for read, sink in facts[SessionIdAnalysis].param_reads:
            yield self.finding(read.node, self.message(ctx, read, sink))

    def message(self, ctx, read, sink):
        framework = finding_framework(ctx, read.framework)
        label = framework.label_in(ctx)
        parameter = read.node.__class__ is ast.arg
        fix = fw.advice(framework, self.code, "read it from the session cookie", label, parameter)
        where = "the URL path" if read.source == PATH else f"the {read.source}"
        name = repr(read.key) if read.key else "a value"
        if parameter:
            subject = f"{'dependency' if read.dependency else 'route'} parameter {name}"
            if sink:
                return f"{subject} comes from {where} and is used as a session id by {sink}; {fix} ({label})"
            return f"{subject} takes a session id from {where}; {fix} ({label})"
        if sink:
            return f"{name} from {where} is used as a session id by {sink}; {fix} ({label})"
        return f"session id {name} is read from {where}; {fix} ({label})"
