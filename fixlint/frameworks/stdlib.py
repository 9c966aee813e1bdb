"""Cookies built without a framework: `http.cookies` morsels and hand-written
`Set-Cookie` header values."""

SIMPLE_COOKIE = frozenset(
    (
        "http.cookies.SimpleCookie", "http.cookies.BaseCookie",
        "Cookie.SimpleCookie", "Cookie.BaseCookie",
    )
)
# Methods whose call renders a cookie jar or morsel into header text.
OUTPUT_METHODS = frozenset(("output", "OutputString", "js_output"))
# Morsel attribute keys (lower-case) and the flag each sets.
MORSEL_FLAGS = {
    "secure": "secure", "httponly": "httponly", "samesite": "samesite",
    "max-age": "lifetime", "expires": "expires", "domain": "domain", "path": "path",
}
