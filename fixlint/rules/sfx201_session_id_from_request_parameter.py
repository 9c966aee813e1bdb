"""SFX201 session-id-from-request-parameter."""

import ast
from dataclasses import replace
from types import SimpleNamespace

from ..analysis.origins import PATH, QUERY
from ..analysis.sign_in_lookups import SIGN_IN_LOOKUP
from ..analysis.session_id_facts import SessionIdAnalysis, finding_framework
from .. import frameworks as fw
from ..frameworks import vocabularies as vocab
from . import _lifecycle_semgrep as ls
from . import _session_id_semgrep as si
from ._cookie_semgrep import handler_calls, regex, words
from .base import FIX_NONE, OWASP_AUTH, Example, Fix, Rule, SemgrepRule

# -- Semgrep -------------------------------------------------------------------

# A read declared or turned into a number (`int(request.GET["session_id"])`):
# an object id, as fixlint judges it (origins.NUMERIC).
_NOT_NUMBERS = [{"pattern-not": "$S.get(..., type=int, ...)"}, {"pattern-not-inside": "int(...)"},
                {"pattern-not-inside": "float(...)"}]
_SEMGREP_FIX = "read it from the session cookie instead"
# The adapters write their own twins (Framework.semgrep_twins["SFX201"]: Flask,
# Django, Pyramid, Starlette/FastAPI) with the kit at the end of this section.
# Other web frameworks get one variant each from their adapter's request
# sources (Litestar, aiohttp); those whose handlers read values themselves
# (Tornado's, in _handler_rules) are left out, so no line is matched twice and
# no twin is exported that nothing can match.
_ADAPTER_READ_FRAMEWORKS = tuple(
    f for f in fw.REQUEST_FRAMEWORKS if "SFX201" not in f.semgrep_twins and not f.handler_classes)
_NOT_PARAMETERS = frozenset(("cookie", "header"))


def _adapter_reads(framework):
    """`request.<source>.get("session_id")`, `(await request.<method>())["sid"]`
    and `request.<value method>("sid")` for one framework, from its adapter's
    `requests`."""
    requests = framework.requests
    sources = tuple(f"$REQ.{attr}" for attr, where in requests.sources.items() if where not in _NOT_PARAMETERS)
    sources += tuple(f"await $REQ.{method}()" for method in requests.source_methods)
    # `req.get_param("sid")`: a request method reading one named value.
    values = [{"pattern": f"$REQ.{method}({si.SID_NAME}, ...)"}
              for method, where in requests.value_methods.items() if where not in _NOT_PARAMETERS]
    return SemgrepRule(
        suffix=f"{framework.key}-read",
        message=f"Session id read from the query string, URL path or request body; {_SEMGREP_FIX} "
                f"(request.cookies) ({framework.label})",
        match={"patterns": [
            {"pattern-either": [si.named_reads(sources), _flows_to_store(sources), *values]},
            *_NOT_NUMBERS, *ls.imports(framework.semgrep_imports()),
        ]},
        technology=(framework.key,),
    )


def _primary_key_lookups():
    """`pattern-not`s: the parameter only looks a row up by primary key (a
    chat session, an editing session): Django `Model.objects.get(pk=p)`,
    SQLAlchemy `Model.query.get(p)`, `db.get(Model, p)`,
    `.filter(Model.id == p)`, `.filter_by(id=p)`; or is turned into a
    number, `int(p)` (a race's session)."""
    lookups = [f"$MODEL.objects.$Q(..., {key}=$P, ...)" for key in ("id", "pk")]
    lookups += ["$MODEL.query.get($P)", "$DB.get($MODEL, $P)", "$Q.filter($MODEL.id == $P)",
                "$Q.filter_by(id=$P)", "int($P)", "float($P)"]
    return [{"pattern-not": f"def $F(..., $P, ...):\n  ...\n  <... {lookup} ...>\n  ...\n"} for lookup in lookups]


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


# A lookup column that finds the user by who it is (`username`, `user_id`,
# `email__iexact`) or checks a password: never a sign-in credential.
_IDENTIFIER = words(sorted(vocab.IDENTIFIER_COLUMN_WORDS))
_SIGN_IN_COLUMN_RE = (rf"^(?!(?i:(?:{_IDENTIFIER})(?:_+(?:{_IDENTIFIER}))*(?:__\w+)?)$)"
                      rf"(?!(?i:{words(sorted(vocab.PASSWORD_COLUMNS))})(?:__\w+)?$)\w+$")


def _signs_in(session, sources=(), parameters=()):
    """A request value (read from `sources`, or a parameter declared with
    one of the `parameters` calls: FastAPI's Query()...) that looks up a row
    the function then writes into `session` under a key naming the user.
    Semgrep cannot see the credential checks fixlint excludes; the
    identifier columns a login form looks users up by are."""
    lookup = "$ROW = <... $Q.$LOOKUP(..., $COL=$X, ...) ...>"
    write = f"{session}[$K] = <... $ROW ...>"
    constraints = [regex("$LOOKUP", ls.LOOKUP_RE), regex("$COL", _SIGN_IN_COLUMN_RE), regex("$K", ls.IDENTITY_KEY_RE)]
    if parameters:  # the parameter is $P, as in the adapters' parameter twins
        body = f"  ...\n  {lookup.replace('$X', '$P')}\n  ...\n  {write}\n  ...\n"
        declared = [f"def $F(..., $P: $T = {call}(...), ...):\n{body}" for call in parameters]
        return {"patterns": [
            {"pattern-either": [{"pattern": d} for d in declared]},
            *constraints,
            {"focus-metavariable": "$P"},
        ]}
    reads = []
    for source in sources:
        reads += [f"$X = <... {source}.get(...) ...>", f"$X = <... {source}[...] ...>"]
    return {"patterns": [
        {"pattern-either": [{"pattern": r} for r in reads]},
        {"pattern-inside": f"$X = $E\n...\n{lookup}\n...\n{write}\n"},
        *constraints,
    ]}


def _compared_with_stored(sources):
    """A request value checked against a stored session id
    (`token != record.session_key`), under any name."""
    reads = []
    for source in sources:
        reads += [f"$X = <... {source}.get(...) ...>", f"$X = <... {source}[...] ...>"]
    checks = [f"$X {op} $R.$NAME" for op in ("==", "!=")] + [f"$R.$NAME {op} $X" for op in ("==", "!=")]
    return {"patterns": [
        {"pattern-either": [{"pattern": r} for r in reads]},
        {"pattern-either": [{"pattern-inside": f"$X = $E\n...\n<... {check} ...>\n"} for check in checks]},
        regex("$NAME", si.SID_NAME_RE),
    ]}


def _not_foreign(match):
    """Stripe, PayPal & co. have "session ids" of their own: files that
    import such a package are left out, as fixlint leaves values passed to them."""
    return {"patterns": [match, *ls.not_importing(si.FOREIGN_PACKAGES)]}


def _handler_rules():
    """Handlers that read request values themselves (Tornado's
    `self.get_argument("sid")`), one rule per framework."""
    out = []
    for framework in fw.WEB_FRAMEWORKS:
        readers = sorted(m for m, source in (framework.requests.reader_methods if framework.requests else {}).items()
                         if source != "cookie")
        if not readers or not framework.handler_classes:
            continue
        fix = fw.advice(framework, "SFX201")
        out.append(SemgrepRule(
            suffix=framework.key,
            message=f"Session id read with self.$READ() from the query string or form body; {fix} ({framework.label})",
            match={"patterns": [
                {"pattern": f"self.$READ({si.SID_NAME}, ...)"},
                regex("$READ", rf"^({words(readers)})$"),
                handler_calls("self.$READ(...)"),
            ]},
            technology=(framework.key,),
        ))
    return out


def _semgrep_rules():
    return tuple(replace(rule, match=_not_foreign(rule.match)) for rule in _rules())


def _rules():
    return (
        *(rule for framework in fw.FRAMEWORKS if "SFX201" in framework.semgrep_twins
          for rule in framework.semgrep_twins["SFX201"](_KIT, framework)),
        *_handler_rules(),
        *(_adapter_reads(framework) for framework in _ADAPTER_READ_FRAMEWORKS),
    )


def _route_re(framework):
    """A route decorator of `framework` (`@app.get(...)`), as a regex."""
    return rf"^({words(sorted(framework.routing.route_decorators))})$"


# What the adapters' SFX201 builders are given: this rule's pattern pieces
# and the shared helpers (`kit.fw` is the registry).
_KIT = SimpleNamespace(
    Rule=SemgrepRule, fw=fw, regex=regex, words=words, imports=ls.imports,
    FIX=_SEMGREP_FIX, NOT_NUMBERS=_NOT_NUMBERS, SID_NAME_RE=si.SID_NAME_RE, SID_WORDS=si.SID_WORDS,
    NOT_OTHER_RE=si.NOT_OTHER_RE, named_reads=si.named_reads, direct_lookup=si.direct_lookup,
    flows_to_store=_flows_to_store, signs_in=_signs_in, compared_with_stored=_compared_with_stored,
    primary_key_lookups=_primary_key_lookups, route_re=_route_re,
)


class SessionIdFromRequestParameter(Rule):
    """
    ## What it does
    Reports a session id read from the query string, a form or JSON body, or
    the URL path instead of a cookie.

    Sources: Flask `request.args`, `.form`, `.values`, `.json`,
    `.get_json()`, `.view_args` and `<sid>` route parameters (of a view
    function, or of the HTTP methods and `dispatch_request` of a registered
    `MethodView`/`View`); Falcon `req.params`, `req.get_param()` and the
    `{sid}` URI template fields a registered resource's responders receive
    (`on_get(self, req, resp, sid)`); Django
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
    which are request values like a route's. A route parameter filled by a
    dependency of another project module that returns its declared
    parameter as is (`sid: str = Depends(query_ref)`) comes from where that
    parameter does (the query string; a `Cookie()` one is a cookie read).

    A read is a session id when its key names one (`session_id`,
    `sessionid`, `sid`, `session_key`, `sess`, `PHPSESSID`, `JSESSIONID`,
    `session_token`, a `SESSION_COOKIE_NAME` set in the file, plus the
    `session-id-names` and `session-cookie-names` options), or when its
    value — under any name — reaches a session-loading API in the same
    function or a same-module helper: Django `SessionStore(session_key=...)`
    and `Session.objects.get(session_key=...)`, a hand-rolled store
    (`SESSIONS[token]`, `session_store.get(token)`,
    `cache.get(f"session:{token}")`), `session.sid = token`, or
    `set_cookie` of the session cookie (or an auth cookie) as the cookie's
    value, unless the server mints that value from it (`jwt.encode({"sub":
    value}, key)`, a strong source) or every request value in it names the
    user signing in (`username`, `email`, `usuario`: a login that puts the
    user's own name into its cookie stores a forgeable identity, which no
    link can plant and `Cookie()` would not fix); or when it looks up a user
    (`User.objects.get(staff_key=value)`,
    `User.query.filter_by(api_key=value).first()`) whom the same function
    then signs in — writes the row into the session under a key naming the
    user, `login_user(row)`, Django's `login(request, row)` — without any
    credential check: the value is then the session's credential, sent in
    the request instead of a cookie, whatever it is called; or when it is
    compared with a stored session id (`token != record.session_key`,
    `value == user.session_token`, `== session.sid`).

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
    provider, unless it reaches a session-loading API. So is a value the
    application only sends on in the body or query of its own request to
    another service (`client.post(url, json={"session_id": ...})`,
    `requests.get(url, params=...)` in a module that imports an HTTP client:
    a chat proxy forwarding the agent service's session id), unless it also
    keys the application's session store or reaches a session-loading API;
    an id put into the URL of such a request (`f"{AUTH}/sessions/{sid}"`, a
    session service's lookup) is still judged. Ordinary parameters
    (`page`, `q`, `order_id`, `token` for a password reset) are silent unless
    they reach a session-loading API. The Flask default cookie name
    `session` is not treated as a session-id name (a query parameter named
    `session` is as often a conference talk as a session id). A value
    declared numeric (`<int:sid>`, `sid: int`, `request.args.get("sid",
    type=int)`) or turned into one (the builtin `int(sid)`) is an object
    id — a student's, a station's, a race's — never a session id, and is
    judged by flow only; so is a value that only looks
    a row up by primary key (a chat's `session_id`:
    `Model.objects.get(pk=...)`, `Model.query.get(...)`, `db.get(Model,
    ...)`, `.filter(Model.id == ...)`). Headers
    (`X-Session-Id`) are not reported: they do not leak through links and
    cannot be planted by one. A sign-in lookup counts only on a column
    that is not an identifier (`username`, `email`, `id`, `user_id` and
    their translations find the user, they prove nothing) or a password,
    and only in a function that checks no credentials (a login form looks
    the user up by name, then checks the password), and not beside a filter
    that finds the row by an id the server obtained (an OAuth callback's
    `get(oauth2_id=profile["id"], oauth2_provider=choice)`, the profile the
    code exchange returned: the path's provider name only narrows it); a CSRF token compared
    with the session's copy, a password-reset token that names an account
    by email, and a pagination token are never sign-ins. A comparison
    counts only with a stored value named like a session id (`session_key`,
    `session_token`, `sid`): a CSRF token checked against the session's copy
    is not one, nor is a value the app keeps in its own session (`session_key
    = request.session.get("code")`, an e-mail confirmation code), whatever
    the local is called.

    Real code calls other things "sessions" too: a conversation with a chat
    bot or an AI assistant, a headless browser, a terminal, a socket
    connection, a tool (MCP) connection, a subprocess or sandbox, a trace,
    a workflow run, an AI agent's session (`/agents/sessions/{id}`, where
    "agent" counts only before "session": `/agent/login` is a web login). A
    value is that kind of session's id, and is not reported, when its own
    name (`browsersteps_session_id`), the store it indexes
    (`chat_sessions`, `mcp_sessions.pop(name)`), a function it is handed to
    (`close_terminal_session(sid)`, also through an executor:
    `thread_pool_exec(sandbox_session_accessible, session_id)`), a route path or router
    of its handler (`/api/chat/completions`, `/terminals/{session_id}`,
    `assistant_router`, `chat_bp`; the path with the prefixes its router is
    mounted under, in its module or another: `@router.get("/sessions/{id}")`
    on a router that webapp.py mounts with `include_router(agents.router,
    prefix="/agents")` serves an agent's sessions), or its module, package
    or a folder above it below the project's root (`assistant/api.py`,
    `routers/terminals.py`, a Django app's `terminal/api/session/command.py`)
    is named for one of them — unless it reaches a web-session API (Django's `SessionStore`
    or `Session` model, `session.sid`, `set_cookie` of the session cookie,
    a lookup of the user it then signs in), which makes it a web session
    id wherever it is. The words are data
    (`session_id_words.OTHER_SESSION_WORDS`); `websocket` is not one of
    them, since a socket session that holds the signed-in user is the web
    session. A value that only reaches a store named like a session store
    without such a word (`session_data[...]`) is still judged a web
    session id, whatever the store's owner is called — unless the
    application says otherwise (below).

    The application is the unit (RULES.md, Revision 2): what its other
    modules do with cookies decides two cases. A cookie it sets but never
    reads is no session cookie: a request value mirrored into it (a
    client-made socket id a proxy routes by) plants nothing the server
    trusts, and a value named like a session id whose only use is that
    cookie is silent. A cookie counts as read when a module that mentions
    cookies names it anywhere but where it is set or deleted (a read, a
    constant, an environment variable's default, `cookie_name=`), when an
    f-string's literal part names it (`f"access-token-{app_id}"`), or when
    a framework or library reads it by default (`session`, `sessionid`,
    `remember_token`, `auth_tkt`, ...); the judgement is made only in an
    application that reads cookies at all. And an application that looks
    its sign-in up by a cookie only in containers not named like session
    stores (`TOKENS.get(request.cookies.get("access-token"))`) keeps other
    per-client state in its session-named stores that no cookie keys
    (per-tab `session_data[tab_hash]`): a value reaching only those is
    not a session id. Values named like session ids are judged by their
    name as before.
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
            SESSIONS = {}

            @app.get("/profile")
            def profile(session_id: str = Query(...)):
                return SESSIONS.get(session_id, {})
            """,
            expect=((7, 13),),
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
        "a store lookup, `SessionStore(...)` or the session cookie in the same function, looks up a user "
        "then written into the session, or is compared with a stored `.session_key`-like attribute; it does not "
        "follow values into helpers, recognise routes registered with `add_url_rule` or `add_route` (nor "
        "the path captures a registered class-based view's or resource's methods receive), use a "
        "configured session cookie name, or exclude sign-in lookups in functions that check credentials "
        "(it excludes lookups by identifier and password columns). It knows route paths and routers named "
        "for other sessions (chats, terminals...) on decorated routes only, not modules named for them. "
        "Semgrep reads one file: a route "
        "parameter filled by a FastAPI dependency of another module that returns its `Query()`/`Form()`/`Body()`/`Path()` parameter "
        "(`sid: str = Depends(query_ref)`) is found only by fixlint's project model (a dependency returning "
        "its `Cookie()` parameter is a cookie read). Semgrep reads no module names: it reports an upload "
        "session's id in a module named for uploads, and misses the web session's own cookie name read "
        "from the body (`request.POST[settings.SESSION_COOKIE_NAME]`), which fixlint reports there too."
    )

    def check(self, ctx, facts):
        for read, sink in facts[SessionIdAnalysis].param_reads:
            yield self.finding(read.node, self.message(ctx, read, sink))

    def message(self, ctx, read, sink):
        framework = finding_framework(ctx, read.framework)
        label = framework.label_in(ctx)
        parameter = read.node.__class__ is ast.arg
        fix = fw.advice(framework, self.code, "read it from the session cookie", label, parameter)
        if sink and sink.startswith(SIGN_IN_LOOKUP) and read.source in (QUERY, PATH):
            # A token that signs the user in by itself (spug's x-token): the URL is what leaks it.
            fix = "accept the token from a header or a cookie only, never from the URL"
        where = "the URL path" if read.source == PATH else f"the {read.source}"
        name = repr(read.key) if read.key else "a value"
        if parameter:
            subject = f"{'dependency' if read.dependency else 'route'} parameter {name}"
            if sink:
                return f"{subject} comes from {where} and is used as a session id by {sink}; {fix} ({label})"
            return f"{subject} takes a session id from {where}; {fix} ({label})"
        if sink:
            return f"{name} from {where} is used as a session id by {sink}; {fix} ({label})"
        if not read.key and getattr(read, "key_expr", None) is not None:
            # `request.GET.get(settings.SESSION_COOKIE_NAME)`: the key is the setting
            return f"the session id keyed by {ast.unparse(read.key_expr)} is read from {where}; {fix} ({label})"
        return f"session id {name} is read from {where}; {fix} ({label})"
