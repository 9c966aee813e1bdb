"""The shape of framework knowledge. Each framework module fills one in."""

from __future__ import annotations

from dataclasses import dataclass, field

# The positional parameters of `set_cookie` after `self` — the same in
# Werkzeug, Django and Starlette.
SET_COOKIE_PARAMS = (
    "key", "value", "max_age", "expires", "path", "domain", "secure", "httponly", "samesite",
)


@dataclass(frozen=True)
class Setting:
    """A configuration key that shapes a cookie."""

    name: str
    flag: str  # secure | httponly | samesite | lifetime | name | domain | path
    cookie: str  # session | csrf | remember
    default: object = None


@dataclass(frozen=True)
class Middleware:
    """A session middleware class and how its keyword arguments map to the
    session cookie's attributes."""

    qualnames: frozenset
    label: str
    params: tuple  # positional parameters after `app`
    options: dict  # flag -> keyword name
    defaults: dict  # flag -> default value; httponly is fixed where the library always sets it
    fixed: frozenset = frozenset()  # flags the library always sets safely


@dataclass(frozen=True)
class Framework:
    key: str
    label: str
    packages: tuple  # import roots whose presence marks a file as using it
    # Sessions and requests.
    session_objects: frozenset = frozenset()
    request_objects: frozenset = frozenset()
    # Responses and their cookies.
    response_factories: frozenset = frozenset()  # calls that return a response
    response_types: frozenset = frozenset()  # classes for `response: T` annotations
    response_methods: frozenset = frozenset()  # `x.make_response(...)`-style methods
    cookie_defaults: dict = field(default_factory=dict)
    settings: tuple = ()  # Setting objects
    middleware: tuple = ()  # Middleware objects
    # Development markers in names of config classes and settings modules.
    notes: str = ""

    def setting(self, name):
        for setting in self.settings:
            if setting.name == name:
                return setting
        return None


@dataclass(frozen=True)
class SessionBackend:
    """How a session store regenerates and invalidates: what SFX101/SFX102
    accept and which fix their messages name.

    `regenerators` are mechanism tags the lifecycle analysis records
    ("clear:flask", "cycle:django", ...); `order` says whether one must come
    before the binding ("before": clearing wipes what was written) or may
    come anywhere in the handler ("anywhere": the store moves the data to
    the new id)."""

    key: str
    label: str
    regenerators: frozenset
    order: str  # "before" | "anywhere"
    regenerate_fix: str  # what SFX101 tells the user to call
    invalidate_fix: str  # what SFX102 tells the user to call
    server_side: bool  # a record survives when only the cookie is deleted
    note: str = ""  # a pitfall the message adds (Flask-Session's clear())
    # What `fixlint fix` writes (empty: no fix). Placeholders, filled with
    # the names the handler uses: {session} (`request.session`), {request}
    # (the request the session belongs to), {app} (the Flask application
    # object), {function} (the name `function_import` is bound to).
    regenerate_code: str = ""
    invalidate_code: str = ""
    function_import: tuple = ()  # (module, name)
    # The session object's own methods among those that advice names for
    # regenerating or ending a session (SESSION_LIFECYCLE_METHODS). A call of
    # one the backend lacks (`session.regenerate()` on Flask) raises
    # AttributeError, or does nothing when the error is caught: it neither
    # regenerates nor invalidates, and the message names the real call.
    session_methods: frozenset = frozenset()
    # What SFX101 says to call instead of such a method, when it must say
    # more than `regenerate_fix` (empty: `regenerate_fix`).
    instead_fix: str = ""

    @property
    def possessive(self):
        """`Flask's`, `starsessions'`: for "Flask's session has no ...()"."""
        return f"{self.label}'" if self.label.endswith("s") else f"{self.label}'s"


# Session methods that advice on the web, or another backend, names for
# regenerating a session (`session.regenerate()` in Express and
# Flask-KVSession, Django's `cycle_key()`) and for ending one
# (`session.invalidate()` in Java servlets, `destroy()`, Django's `flush()`).
# Which of them a backend really has is its `session_methods`.
REGENERATE_METHODS = frozenset(("regenerate", "regenerate_id", "cycle_key", "flush"))
INVALIDATE_METHODS = frozenset(("invalidate", "destroy", "flush", "delete"))
SESSION_LIFECYCLE_METHODS = REGENERATE_METHODS | INVALIDATE_METHODS
