"""SFX202 session-id-in-url."""

from ..analysis.session_ids import SessionIdAnalysis
from .base import FIX_NONE, OWASP_AUTH, Example, Fix, Rule

_FIX = {
    "Flask": "keep it in the session cookie and pass url_for()/redirect() a non-secret reference",
    "Django": "keep it in the session cookie and pass reverse()/redirect() a non-secret reference",
    "FastAPI": "keep it in the session cookie and pass url_for()/RedirectResponse a non-secret reference",
    "Starlette": "keep it in the session cookie and pass url_for()/RedirectResponse a non-secret reference",
}


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
    called server-side is not exposed to the browser). Test code is exempt.
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
    fixes = {
        "Flask": 'url_for("dashboard") — the session travels in its cookie; never url_for(..., sid=session.sid)',
        "Django": 'redirect("dashboard") — never reverse(..., kwargs={"sid": request.session.session_key})',
        "FastAPI": 'RedirectResponse(request.url_for("dashboard")) without the session id',
        "Starlette": 'RedirectResponse(request.url_for("dashboard")) without the session id',
    }
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

    def check(self, ctx, facts):
        for leak in facts[SessionIdAnalysis].url_leaks:
            yield self.finding(leak.node, self.message(leak))

    def message(self, leak):
        fix = _FIX.get(leak.framework, "keep it in a cookie, out of URLs")
        return f"{leak.what} is put into a URL ({leak.how}); {fix} ({leak.framework})"
