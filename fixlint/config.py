"""fixlint's options: one table, read by flake8 and by `[tool.fixlint]`.

Every option is declared once in OPTIONS. The flake8 plugin registers each
as `--fixlint-<name>` (command line and setup.cfg/tox.ini/.flake8); the CLI
reads the same names from `[tool.fixlint]` in pyproject.toml. A bad value is
a ConfigError whose one-line message names the option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace

from .frameworks import SESSION_BACKEND_OPTIONS as _SESSION_BACKENDS

DAY = 86400


class ConfigError(Exception):
    """A configuration value fixlint cannot use; the message is one line."""


@dataclass(frozen=True)
class Option:
    name: str
    kind: str  # "list", "duration" or "bool"
    default: object
    help: str
    choices: tuple = ()  # allowed items of a list option, lower-case
    aliases: tuple = ()  # older names still read

    @property
    def attr(self):
        return self.name.replace("-", "_")

    @property
    def flake8_flag(self):
        return f"--fixlint-{self.name}"


# Names of things that carry no session, credential or identity: preference
# and consent cookies, one-shot flash-message cookies (the text of the next
# page's notice), and the session keys that hold the same. One vocabulary for
# both (RULES.md, Revision 2); matched as whole words of a name (`dark-mode`,
# `user_theme`, `x-expected-format`, `_flash_danger`).
NON_SENSITIVE_NAMES = (
    "theme", "lang", "language", "locale", "tz", "timezone", "consent", "cookie_consent",
    # The language and theme cookies of apps written in other languages (fantazarium's `yazyk`):
    # Spanish and Portuguese, Italian, French, German, Indonesian, Turkish, Polish, Czech, Dutch,
    # Vietnamese, and Russian, Chinese (pinyin), Japanese, Korean, Persian, Hindi and Swahili transliterated.
    "idioma", "lingua", "langue", "sprache", "bahasa", "dil", "jezyk", "jazyk", "taal", "yazyk",
    "yuyan", "gengo", "zaban", "ngon_ngu", "ngonngu", "bhasha", "eoneo", "lugha", "tema", "thema", "motyw",
    "modo_oscuro", "modo_escuro", "mode_sombre", "dunkelmodus",
    "preferences", "preference", "prefs", "color_scheme", "colour_scheme", "dark_mode",
    # The same, written as one word (openNAMU's `main_css_darkmode`).
    "darkmode", "colormode", "color_mode",
    "currency", "country", "region", "sidebar", "layout", "font_size", "format", "sort", "order",
    "view_mode", "tour", "banner", "announcement", "dismissed",
    # Which parts of a page are open or folded (adhocracy-plus's `dashboard_projects_closed_accordions`).
    "accordion", "accordions", "collapsed", "expanded",
    # How a listing is sorted and shown, written as one word or as a mode of the page (PyOne's
    # `sortby`, `admin_sortby`, `image_mode`); `mode` alone is not one (`admin_mode` may be a privilege).
    "sortby", "orderby", "image_mode", "display_mode", "list_mode", "grid_mode",
    # How many rows a page shows, and whether as a list or a grid (DataDungeon100's `size` and
    # `view` cookies).
    "size", "page_size", "pagesize", "per_page", "perpage", "view",
    "flash", "flashes", "message", "messages", "notice", "toast",
    "mensagem", "mensagens", "mensaje", "mensajes", "pesan", "aviso", "avisos",
    "hist", "history",
    # What went wrong, for the next page to show (openui's `error` cookie the SPA reads,
    # horizon's `logout_reason`).
    "error", "errors", "reason",
    # A listing's filter settings (cve-search's `cve_filter`, JSON the page reads back).
    "filter", "filters",
    # Where to go back to after signing in (ShoppingHome's `url` cookie a login_required decorator
    # sets), and the products a visitor looked at: navigation, no credential.
    "next", "next_url", "url", "return_to", "returnto", "return_url", "redirect_to", "redirect_url",
    "back_url", "came_from", "recently_viewed",
    # What a visitor picked on a page for the next visit (a chat app's `selected_model_id`,
    # `moe_model_name` and `cf_tools` cookies the page's scripts read back).
    "selected", "tools", "model",
)

OPTIONS = (
    Option(
        "non-sensitive-names", "list", NON_SENSITIVE_NAMES,
        "Names (whole words of a cookie name or session key) that carry no session, credential "
        "or identity: the cookie rules skip such cookies, and such session keys bind no identity.",
        aliases=("non-sensitive-cookies",),
    ),
    Option(
        "csrf-cookies", "list",
        ("csrftoken", "csrf_token", "XSRF-TOKEN"),
        "CSRF double-submit cookie names: scripts must read them, so SFX301 (HttpOnly) skips them.",
    ),
    Option(
        "session-cookie-names", "list", (),
        "Extra cookie names that carry a session or credential.",
    ),
    Option(
        "session-id-names", "list", (),
        "Extra parameter or variable names that hold a session id (SFX201, SFX202, SFX204).",
    ),
    Option(
        "max-session-lifetime", "duration", 30 * DAY,
        "Longest acceptable session/auth cookie lifetime (SFX304): seconds, or a number "
        "with s, m, h, d or w (default 30d).",
    ),
    Option(
        "login-names", "list", (),
        "Extra function or route-path words that mark a login handler (SFX101).",
    ),
    Option(
        "logout-names", "list", (),
        "Extra function or route-path words that mark a logout handler (SFX102).",
    ),
    Option(
        "regenerators", "list", (),
        "Project functions that regenerate the session, by qualified or plain name (SFX101).",
    ),
    Option(
        "session-backends", "list", (),
        "Session backends the project uses even where a module does not say so (SFX101, SFX102): "
        + ", ".join(_SESSION_BACKENDS) + " (the README's session backends table says what each is).",
        choices=tuple(_SESSION_BACKENDS),
    ),
    Option(
        "include-tests", "bool", False,
        "Check test code too: files under tests/, test/ or testing/ folders, test_*.py, "
        "*_test.py, *_tests.py and conftest.py (skipped by default).",
    ),
)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": DAY, "w": 7 * DAY}


MAX_DURATION = 36500 * DAY  # a hundred years; 1e400 (inf) or nan is a typo, not a policy


def parse_duration(text, option="max-session-lifetime"):
    if isinstance(text, bool):
        raise ConfigError(f"{option}: expected a duration such as 30d or 2592000, got {text!r}")
    if isinstance(text, (int, float)):
        value = float("inf") if abs(text) >= 1e300 else float(text)  # float(10**400) overflows
    else:
        match = _DURATION.match(str(text))
        if not match:
            raise ConfigError(f"{option}: expected a duration such as 30d or 2592000, got {text!r}")
        value = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if value != value or value <= 0:  # nan, zero or negative
        raise ConfigError(f"{option}: must be positive, got {text!r}")
    if value > MAX_DURATION:
        raise ConfigError(f"{option}: at most 36500d (a hundred years), got {text!r}")
    return value


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def parse_bool(value, option):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ConfigError(f"{option}: expected true or false, got {value!r}")


def parse_list(value, option):
    if isinstance(value, str):
        items = [v.strip() for v in re.split(r"[,\s]+", value)]
    elif isinstance(value, (list, tuple)):
        items = []
        for item in value:
            if not isinstance(item, str):
                raise ConfigError(f"{option}: expected a list of strings, got {item!r} in it")
            items.append(item.strip())
    else:
        raise ConfigError(f"{option}: expected a list of strings, got {value!r}")
    return tuple(item for item in items if item)


def _normalise(option, value, name=None):
    """`value` for `option`, given under `name` (an alias, or the option's
    own name), which errors quote."""
    name = name or option.name
    if option.kind == "list":
        items = parse_list(value, name)
        if option.choices:
            items = tuple(item.lower() for item in items)
            wrong = [item for item in items if item not in option.choices]
            if wrong:
                raise ConfigError(
                    f"{name}: unknown value {wrong[0]!r} (valid: {', '.join(option.choices)})"
                )
        return items
    if option.kind == "duration":
        return parse_duration(value, name)
    if option.kind == "bool":
        return parse_bool(value, name)
    raise AssertionError(option.kind)  # pragma: no cover


@dataclass(frozen=True)
class Config:
    non_sensitive_names: tuple = NON_SENSITIVE_NAMES
    csrf_cookies: tuple = OPTIONS[1].default
    session_cookie_names: tuple = ()
    session_id_names: tuple = ()
    max_session_lifetime: float = float(30 * DAY)
    login_names: tuple = ()
    logout_names: tuple = ()
    regenerators: tuple = ()
    session_backends: tuple = ()
    include_tests: bool = False
    # Derived, lower-cased lookups (filled in __post_init__).
    _lower: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        lower = {
            "non_sensitive_names": frozenset(n.lower() for n in self.non_sensitive_names),
            "csrf_cookies": frozenset(n.lower() for n in self.csrf_cookies),
            "session_cookie_names": frozenset(n.lower() for n in self.session_cookie_names),
            "session_id_names": frozenset(n.lower() for n in self.session_id_names),
        }
        self._lower.update(lower)

    def lowered(self, attr):
        return self._lower[attr]

    def answers(self, kind):
        """A dict this configuration keeps for `kind` (a question whose
        answer depends only on its options and a name: asked once per
        name, not once per call site)."""
        found = self._lower.get((kind,))
        if found is None:
            found = self._lower[(kind,)] = {}
        return found

    @classmethod
    def from_mapping(cls, mapping, source="[tool.fixlint]", known_extra=()):
        """Build a Config from option names (dashes or underscores) to values;
        names in `known_extra` are accepted and ignored (CLI settings)."""
        by_name = {o.name: o for o in OPTIONS}
        by_name.update({alias: o for o in OPTIONS for alias in o.aliases})
        values = {}
        for key, value in mapping.items():
            name = key.replace("_", "-")
            if name in known_extra:
                continue
            option = by_name.get(name)
            if option is None:
                valid = ", ".join(sorted(o.name for o in OPTIONS) + sorted(known_extra))
                raise ConfigError(f"{source}: unknown option {key!r} (valid: {valid})")
            values[option.attr] = _normalise(option, value, name)
        return cls(**values)

    def with_values(self, **values):
        return replace(self, **values, _lower={})

    def keywords(self):
        """Configured names the per-file guard must also look for."""
        words = []
        for attr in ("session_cookie_names", "session_id_names", "login_names",
                     "logout_names", "regenerators"):
            for name in getattr(self, attr):
                words.append(name.rpartition(".")[2].lower())
        return tuple(w for w in words if w)


def config_fields():
    return [f.name for f in fields(Config) if not f.name.startswith("_")]
