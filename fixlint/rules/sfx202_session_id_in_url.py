"""SFX202 session-id-in-url."""

from .. import frameworks as fw
from ..analysis.session_id_facts import SessionIdAnalysis
from ._cookie_semgrep import regex
from .base import FIX_NONE, OWASP_AUTH, Example, Fix, Rule, SemgrepRule

# -- Semgrep -------------------------------------------------------------------

# A session cookie's name (not a preference or CSRF cookie).
_SESSION_COOKIE_RE = r"""^[rub]?["'](?i:session|sessionid|sid|sess|session_id|sessid|phpsessid|jsessionid)["']$"""
# Literal text that builds a URL: a query string, or a path or absolute URL.
_URL_TEXT_RE = r"""^[rRbBuUfF]{0,2}["']([^"']*[?&][^"']*=|/|https?://)"""


def _cookie_parameters():
    """Parameter functions that declare a handler parameter as a cookie's
    value (FastAPI's `Cookie()`), by their qualified name, from the adapters."""
    return sorted(
        f"{f.requests.param_modules[0]}.{name}" for f in fw.REQUEST_FRAMEWORKS if f.requests.param_modules
        for name, source in f.requests.param_sources.items() if source == "cookie"
    )


def _session_ids():
    """Taint sources: a session id — the session cookie's value, what the
    adapters name a session id (Flask-Session's `session.sid`, Django's
    `session_key`), their session-id calls (starsessions'
    `get_session_id()`), a cookie parameter (FastAPI's `Cookie()`) named
    like a session id."""
    cookie_reads = []
    for jar in ("cookies", "COOKIES"):
        cookie_reads += [f"$REQ.{jar}[$N]", f"$REQ.{jar}.get($N, ...)"]
    return [
        {"patterns": [{"pattern-either": [{"pattern": r} for r in cookie_reads]}, regex("$N", _SESSION_COOKIE_RE)]},
        *({"pattern": p} for f in fw.FRAMEWORKS for p in f.semgrep_session_ids),
        *({"pattern": f"{q}(...)"} for q in sorted(q for f in fw.FRAMEWORKS for q in f.session_id_calls)),
        *({"patterns": [
            {"pattern-inside": f"def $FN(..., $P: $T = {cookie}(...), ...):\n  ...\n"},
            {"pattern": "$P"},
            regex("$P", r"^(?i:session|sessionid|sid|sess|session_id|sessid|session_key)$"),
        ]} for cookie in _cookie_parameters()),
    ]


_BUILDERS = sorted(frozenset().union(*(f.url_builders | f.redirects for f in fw.FRAMEWORKS))
                   | {"urllib.parse.urlencode"})
_METHODS = ("$REQ.url_for", "$URL.include_query_params", "$URL.replace_query_params")
_FORMATS = [
    {"patterns": [{"pattern": "$S % $ARGS"}, regex("$S", _URL_TEXT_RE)]},
    {"patterns": [{"pattern": "$S.format(...)"}, regex("$S", _URL_TEXT_RE)]},
    {"patterns": [{"pattern": "$S + $X"}, regex("$S", r"""^.*["'][^"']*[?&][^"']*=["']$""")]},
]


def _arguments_of(call):
    return [
        {"patterns": [{"pattern": f"{call}(..., $ARG, ...)"}, {"focus-metavariable": "$ARG"}]},
        {"patterns": [{"pattern": f"{call}(..., $KW=$ARG, ...)"}, {"focus-metavariable": "$ARG"}]},
    ]


def _url_builders():
    """Taint sinks: what goes into URL builders and redirects, or into
    string formatting whose literal text looks like a URL (a query string, a
    path, http(s)://) — a session id (label SID) not already inside a built
    URL (label URL), so that a URL is reported once, where it is built."""
    sinks = []
    for call in (*_BUILDERS, *_METHODS):
        sinks += _arguments_of(call)
    sinks += [
        {"patterns": [{"pattern": "$S % $ARGS"}, regex("$S", _URL_TEXT_RE), {"focus-metavariable": "$ARGS"}]},
        {"patterns": [{"pattern": "$S.format(...)"}, regex("$S", _URL_TEXT_RE),
                      {"pattern-either": [{"pattern": "$S.format(..., $ARG, ...)"},
                                          {"pattern": "$S.format(..., $KW=$ARG, ...)"}]},
                      {"focus-metavariable": "$ARG"}]},
        {"patterns": [{"pattern": "$S + $X"}, regex("$S", r"""^.*["'][^"']*[?&][^"']*=["']$"""),
                      {"focus-metavariable": "$X"}]},
    ]
    return [{**sink, "requires": "SID and not URL"} for sink in sinks]


def _built_urls():
    """A second source: every URL built, labelled URL."""
    return [{**b, "label": "URL", "exact": True} for b in [{"pattern": f"{call}(...)"} for call in (*_BUILDERS, *_METHODS)] + _FORMATS]


def _semgrep_rules():
    return (
        SemgrepRule(
            message="A session id is put into a URL: it leaks through the Referer header, logs and browser "
                    "history, and a shared link fixes the session; keep the session id in its cookie",
            match={
                "mode": "taint",
                "pattern-sources": [{**source, "label": "SID"} for source in _session_ids()] + _built_urls(),
                "pattern-sinks": _url_builders(),
                "pattern-sanitizers": [{"pattern": "len(...)"}, {"pattern": "$X[:$N]"}],
            },
        ),
    )



class SessionIdInUrl(Rule):
    """
    ## What it does
    Reports a session id put into a URL. The session id is a value from a
    session cookie (`request.cookies["sid"]`, `request.COOKIES[...]`, a
    FastAPI `Cookie()` parameter), the framework's own id (`session.sid`
    under Flask-Session, Django `request.session.session_key`, a
    `SessionStore().session_key`, starsessions' `get_session_id(request)`),
    or a variable named like a session id (`sid`, `session_id`,
    `session_key`, ... and the `session-id-names` option) that the same
    function also uses as a session key (a session store key, the session
    cookie's value, `SessionStore(session_key=...)`).

    URLs are built by Flask `url_for(..., sid=...)`, Django
    `reverse(..., kwargs=...)`/`reverse(..., args=...)`/`resolve_url`,
    Starlette `request.url_for(...)`/`URL.include_query_params(...)`,
    `urlencode({...})`, the redirects (`redirect`, `RedirectResponse`,
    `HttpResponseRedirect`, Django's `redirect("view", sid=...)`), and string
    building — f-strings, `+`, `%` and `str.format` — where the id lands in a
    query parameter (`?sid=`, `&session_id=`, `;jsessionid=`) or anywhere in
    the target of a redirect. Reported at the expression that builds the URL.

    ## Why is this bad?
    A URL is not a secret: it is sent to other sites in the Referer header,
    written to proxy, CDN and server logs, kept in browser history and
    bookmarks, and shared by users who copy it. A session id in it hands the
    session to everyone who sees any of those.

    ## Decisions
    A value a query parameter already carried (`request.args["session_id"]`
    echoed into a link) is left to SFX201. A `session_id` that comes from a
    payment or identity provider (a Stripe Checkout Session's id) is not a
    web session. A variable's name alone is not enough: `url_for("chat.view",
    session_id=session_id)` links to a chat session, a resource, and a
    helper `def link(sid)` cannot tell what it was given — only a variable
    the function also uses as a session key counts. Strings with a session id that do not build a URL — a cache
    key `f"session:{sid}"`, a log line, a `Set-Cookie` value — are not
    reported, and a session id in the path of a URL is reported only when
    that URL is a redirect target (an API path like `f"/sessions/{sid}"`
    called server-side is not exposed to the browser). An auth token counts
    by its name in a redirect target's query string, where both the
    parameter and the value are named like one (`?access_token={data.access_token}`,
    an OAuth callback handing a single-page app its token): the browser
    keeps the URL in its history and sends it on as a Referer. A plain
    `token` (a password-reset or e-mail link's), a fragment (`#access_token=`,
    never sent to a server), a URL built for a server-side request
    (`requests.get(f"...?access_token={t}")`, a provider's token) and a
    token the request itself carried (SFX201's) are not reported. Test
    code is exempt.
    """

    code = "SFX202"
    name = "session-id-in-url"
    summary = "Session id put into a URL, where Referer headers, logs and history expose it"
    cwe = ("CWE-598: Use of GET Request Method With Sensitive Query Strings",)
    owasp = (OWASP_AUTH,)
    security_severity = "6.5"
    uses = (SessionIdAnalysis,)
    references = (
        ("OWASP Session Management Cheat Sheet: Session ID Exchange Mechanism",
         "https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-exchange-mechanism"),
        ("OWASP WSTG: Testing for Exposed Session Variables",
         "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/06-Session_Management_Testing/04-Testing_for_Exposed_Session_Variables"),
        ("CWE-598", "https://cwe.mitre.org/data/definitions/598.html"),
    )
    fix = Fix(
        FIX_NONE,
        "Dropping the id from the URL breaks the page or service that "
        "reads it there until the session travels in a cookie instead — a design change on both "
        "ends of the link.",
        "taking the id out of the URL is a design change on both ends of the link",
    )
    invalid = (
        Example(
            """
            from flask import Flask, redirect, request, url_for

            app = Flask(__name__)

            @app.get("/handoff")
            def handoff():
                sid = request.cookies["sid"]
                return redirect(url_for("partner", sid=sid))
            """,
            expect=((8, 21),),
            title="Flask: the session cookie's value goes into url_for()",
        ),
        Example(
            """
            from django.http import HttpResponseRedirect

            def go_mobile(request):
                key = request.session.session_key
                return HttpResponseRedirect(f"https://m.example.com/?sessionid={key}")
            """,
            expect=((5, 33),),
            title="Django: the session key in a redirect's query string",
        ),
    )
    valid = (
        Example(
            """
            from flask import Flask, redirect, url_for

            app = Flask(__name__)

            @app.get("/handoff")
            def handoff():
                return redirect(url_for("partner", page=2))
            """,
            title="the session stays in its cookie",
        ),
        Example(
            """
            def cache_key(sid):
                return f"session:{sid}"
            """,
            title="a cache key is not a URL",
        ),
    )

    semgrep = _semgrep_rules()
    semgrep_parity = (
        "Semgrep follows a session id by taint within one function, from the session cookie, "
        "`session.sid`, `session_key`, `get_session_id()` or a `Cookie()` parameter, into URL builders, "
        "redirects and URL-looking string formatting; ids kept on `g` or generated under a session-id name "
        "are not sources, and an auth token named in a redirect target's query string "
        "(`?access_token={data.access_token}`) is found only by fixlint, as is a session id a request's "
        "state holds (`g.sid`, `request.state.sid`)."
    )

    def check(self, ctx, facts):
        for leak in facts[SessionIdAnalysis].url_leaks:
            yield self.finding(leak.node, self.message(ctx, leak))

    def message(self, ctx, leak):
        if leak.token:
            fix = ("set it in an HttpOnly cookie instead, or redirect with a one-time code that the page "
                   "exchanges for the token by POST")
        else:
            fix = fw.advice(leak.framework, self.code, "keep it in a cookie, out of URLs")
        return f"{leak.what} is put into a URL ({leak.how}); {fix} ({leak.framework.label_in(ctx)})"
