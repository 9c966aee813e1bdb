"""Which rules run: flake8's select/ignore semantics, for the CLI.

Default-on rules run unless ignored; opt-in rules run only when selected.
When a code matches both a select and an ignore, the longer (more specific)
prefix wins, as in flake8 (`--select SFX --ignore SFX3` keeps SFX101 and
drops SFX302; `--ignore SFX3 --extend-select SFX305` runs SFX305).
"""

from __future__ import annotations

import re

from .config import ConfigError
from .rules import all_rules

_CODE = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


def validate_codes(prefixes, option):
    """The upper-cased codes and prefixes, or a ConfigError naming `option`."""
    codes = [r.code for r in all_rules()]
    out = []
    for prefix in prefixes:
        prefix = prefix.strip().upper()
        if not prefix:
            continue
        if prefix == "ALL":
            prefix = "SFX"
        if not _CODE.match(prefix) or not any(code.startswith(prefix) for code in codes):
            raise ConfigError(f"{option}: unknown rule code or prefix {prefix!r} (see 'fixlint rules')")
        out.append(prefix)
    return out


def _longest(code, prefixes):
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def select_rules(select=None, ignore=(), extend_select=()):
    """The rules to run. `select` None means the defaults."""
    explicit = validate_codes(select or (), "--select") + validate_codes(extend_select or (), "--extend-select")
    ignored = validate_codes(ignore or (), "--ignore")
    chosen = []
    for rule in all_rules():
        chosen_by = _longest(rule.code, explicit)
        ignored_by = _longest(rule.code, ignored)
        if chosen_by < 0:
            # Not named: the defaults apply, unless a select list replaced them.
            if select or not rule.default_enabled or ignored_by >= 0:
                continue
        elif ignored_by >= chosen_by:
            continue
        chosen.append(rule)
    return chosen
