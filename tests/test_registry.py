"""Meta-tests: every rule module is registered, codes and names are unique
and follow the catalog, every rule is fully documented."""

from __future__ import annotations

import importlib
import inspect
import re
from collections import Counter

from fixlint.rules import all_rules, rule_modules
from fixlint.rules.base import REQUIRED_SECTIONS, Rule

CATALOG = {
    "SFX101": ("session-not-regenerated-on-login", ("CWE-384",), True),
    "SFX102": ("session-not-invalidated-on-logout", ("CWE-613",), True),
    "SFX201": ("session-id-from-request-parameter", ("CWE-598", "CWE-384"), True),
    "SFX202": ("session-id-in-url", ("CWE-598",), True),
    "SFX203": ("client-chosen-session-id-accepted", ("CWE-384",), True),
    "SFX204": ("weak-session-id", ("CWE-330",), True),
    "SFX301": ("cookie-without-httponly", ("CWE-1004",), True),
    "SFX302": ("cookie-without-secure", ("CWE-614",), True),
    "SFX303": ("cookie-without-samesite", ("CWE-1275",), True),
    "SFX304": ("session-lifetime-too-long", ("CWE-613",), True),
    "SFX305": ("session-cookie-without-host-prefix", ("CWE-784",), False),
}


def test_every_rule_module_defines_exactly_one_registered_rule():
    registered = {type(r) for r in all_rules()}
    for name in rule_modules():
        module = importlib.import_module(f"fixlint.rules.{name}")
        classes = [
            v for v in vars(module).values()
            if inspect.isclass(v) and issubclass(v, Rule) and v.__module__ == module.__name__
        ]
        assert len(classes) == 1, name
        assert classes[0] in registered
        assert name.startswith(classes[0].code.lower() + "_")
        assert name[7:] == classes[0].name.replace("-", "_")


def test_codes_and_names_are_unique():
    for attribute in ("code", "name"):
        counts = Counter(getattr(r, attribute) for r in all_rules())
        assert [k for k, n in counts.items() if n > 1] == []


def test_rules_match_the_catalog():
    for rule in all_rules():
        assert rule.code in CATALOG, rule.code
        name, cwes, default = CATALOG[rule.code]
        assert rule.name == name
        assert tuple(rule.cwe_ids()) == cwes
        assert rule.default_enabled is default
        assert re.fullmatch(r"SFX\d{3}", rule.code)


def test_every_rule_is_documented():
    for rule in all_rules():
        sections = rule.sections()
        for section in REQUIRED_SECTIONS:
            assert sections.get(section), f"{rule.code} lacks '## {section}'"
        assert rule.summary and not rule.summary.endswith(".")
        assert rule.references, rule.code
        assert rule.fixes, rule.code
        assert all(c.startswith("CWE-") and ":" in c for c in rule.cwe), rule.code
        assert rule.owasp, rule.code
        assert rule.level in ("error", "warning", "note")
        assert 0.0 <= float(rule.security_severity) <= 10.0


def test_every_rule_has_valid_and_invalid_examples():
    for rule in all_rules():
        assert rule.invalid and rule.valid, rule.code
        assert all(e.expect for e in rule.invalid), rule.code
        assert all(not e.expect for e in rule.valid), rule.code
