"""Quart: Flask's API, async (read from quart/app.py and quart/__init__.py, 0.20).

Quart re-implements Flask's session (a signed cookie, `SecureCookieSessionInterface`),
its configuration keys and their defaults (`SESSION_COOKIE_SECURE` False,
`SESSION_COOKIE_HTTPONLY` True, `SESSION_COOKIE_SAMESITE` None,
`PERMANENT_SESSION_LIFETIME` 31 days), blueprints, `url_for`, `redirect`,
`flash` and Werkzeug's `set_cookie`. So Quart's facts are these names,
which Flask's adapter (fixlint/frameworks/flask.py) serves with Flask's
knowledge: `await request.form` and `await make_response(...)` read like
their Flask twins. Quart-Auth, its login library, has its own adapter
(quart_auth.py).
"""

PACKAGE = "quart"
LABEL = "Quart"  # what messages call Flask's adapter in a Quart module
APP_CLASSES = frozenset(("quart.Quart", "quart.app.Quart", "quart.Blueprint", "quart.blueprints.Blueprint"))
APPLICATIONS = frozenset(("quart.Quart", "quart.app.Quart"))
SESSION = frozenset(("quart.session", "quart.globals.session"))
REQUEST = frozenset(("quart.request", "quart.globals.request"))
GLOBALS = frozenset(("quart.g", "quart.globals.g"))
FLASH = frozenset(("quart.flash", "quart.helpers.flash"))
URL_BUILDERS = frozenset(("quart.url_for", "quart.helpers.url_for"))
REDIRECTS = frozenset(("quart.redirect", "quart.helpers.redirect"))
ABORTS = frozenset(("quart.abort", "quart.helpers.abort"))  # Werkzeug's abort(), re-exported
RESPONSE_FACTORIES = frozenset(
    ("quart.make_response", "quart.helpers.make_response", "quart.redirect", "quart.helpers.redirect",
     "quart.jsonify", "quart.json.jsonify", "quart.Response", "quart.wrappers.Response",
     "quart.send_file", "quart.helpers.send_file", "quart.send_from_directory",
     "quart.helpers.send_from_directory", "quart.current_app.make_response")
)
RESPONSE_TYPES = frozenset(("quart.Response", "quart.wrappers.Response", "quart.wrappers.response.Response"))
