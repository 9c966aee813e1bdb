"""CherryPy (read from CherryPy 18.10: `cherrypy/lib/sessions.py`,
`cherrypy/_cprequest.py`).

- The `tools.sessions` tool keeps the session on the server (RAM, files,
  memcached) under the `session_id` cookie; handlers reach it as the
  module-level `cherrypy.session`. `init(..., name="session_id",
  timeout=60, secure=False, httponly=False, ...)`: the cookie has no Secure
  and no HttpOnly unless the configuration (`"tools.sessions.secure": True`,
  `"tools.sessions.httponly": True`) asks, and the tool has no SameSite
  option. `timeout` is in minutes (SFX304 reads it as 60 seconds each).
- `cherrypy.session.regenerate()` deletes the old record and gives the data
  a new id (before or after the binding); `delete()` drops the record;
  `cherrypy.lib.sessions.expire()` expires the cookie in the browser;
  `clear()` empties the record and keeps its id. CherryPy refuses an id it
  does not hold, but an attacker fetches a valid one first: a login must
  regenerate.
- Handlers are methods of the objects mounted on the tree
  (`cherrypy.quickstart(Root())`, `cherrypy.tree.mount(...)`), exposed by
  `@cherrypy.expose`; their parameters are the query string and form body
  (`cherrypy.request.params`). `cherrypy.request.cookie` holds the request's
  cookies; `cherrypy.response.cookie` is a `SimpleCookie` whose morsels
  carry no flag they are not given.
"""

from .base import Advice, ConfigDict, Framework, Requests, Routing, SessionBackend

SESSION = frozenset(("cherrypy.session",))
EXPIRE = "cherrypy.lib.sessions.expire"

SESSION_BACKEND = SessionBackend(
    key="cherrypy",
    label="CherryPy",
    regenerators=frozenset(("method:regenerate",)),
    order="anywhere",
    regenerate_fix="call cherrypy.session.regenerate()",
    invalidate_fix="call cherrypy.session.delete() and cherrypy.lib.sessions.expire()",
    server_side=True,
    note="cherrypy.session.clear() keeps the session id",
    regenerate_code="{session}.regenerate()",
    invalidate_code="{session}.delete()",
    session_methods=frozenset(("regenerate", "delete", "clear")),
)

# The tool's cookie options; `timeout` is in minutes (60 by default), the
# lifetime of the record and of the cookie (`persistent`, the default).
SESSIONS_TOOL = ConfigDict(
    switch="tools.sessions.on",
    options={"secure": "tools.sessions.secure", "httponly": "tools.sessions.httponly",
             "name": "tools.sessions.name", "domain": "tools.sessions.domain", "path": "tools.sessions.path",
             "lifetime": "tools.sessions.timeout"},
    defaults={"secure": False, "httponly": False, "name": "session_id", "domain": None, "path": "/",
              "lifetime": 3600},
    lifetime_unit=60,
    label="CherryPy",
    subject="the tools.sessions session cookie",
    global_updates=frozenset(("cherrypy.config.update",)),
)

REQUEST_SOURCES = {
    "params": "query string or form body", "query_string": "query string", "body": "request body",
    "json": "JSON body", "cookie": "cookie", "headers": "header",
}
RESPONSES = frozenset(("cherrypy.response",))
REDIRECTS = frozenset(("cherrypy.HTTPRedirect",))
ABORTS = frozenset(("cherrypy.HTTPRedirect", "cherrypy.HTTPError", "cherrypy.NotFound"))

CHERRYPY = Framework(
    key="cherrypy",
    label="CherryPy",
    packages=("cherrypy",),
    session_objects=SESSION,
    session_label="cherrypy.session",
    session_cookie="session_id",
    cookie_expire_calls=frozenset((EXPIRE,)),
    cookie_jars=frozenset(("cherrypy.response.cookie",)),
    config_dicts=(SESSIONS_TOOL,),
    routing=Routing(
        decorator_functions=frozenset(("cherrypy.expose",)),
        methodless_decorators=frozenset(("cherrypy.expose",)),
        captures="route",
    ),
    requests=Requests(
        objects=frozenset(("cherrypy.request",)),
        sources=REQUEST_SOURCES,
    ),
    backend=SESSION_BACKEND,
    redirects=REDIRECTS,
    abort_calls=ABORTS,
    fixtures="cherrypy",
    advice={
        "SFX101": Advice(docs=(("CherryPy", "cherrypy.session.regenerate() (clear() keeps the id)"),)),
        "SFX102": Advice(docs=(("CherryPy", "cherrypy.session.delete() and cherrypy.lib.sessions.expire()"),)),
        "SFX201": Advice(
            fix="read it from cherrypy.request.cookie",
            docs=(("CherryPy", 'the tools.sessions cookie, not cherrypy.request.params["session_id"]'),),
        ),
    },
)
