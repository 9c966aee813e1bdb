"""The rule registry: every `sfxNNN_*.py` module in this package holds one
rule; they are found, not listed, so adding a rule is adding a module."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

from .base import Example, Finding, Rule

__all__ = ["Example", "Finding", "Rule", "all_rules", "finding_rating", "get_rule", "rule_modules", "rules_by_code"]

_RULE_MODULE = re.compile(r"^sfx\d{3}_\w+$")


def rule_modules():
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if _RULE_MODULE.match(m.name))


@lru_cache(maxsize=None)
def all_rules():
    """One instance of every rule, ordered by code."""
    found = []
    for module_name in rule_modules():
        module = importlib.import_module(f"{__name__}.{module_name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and value.__module__ == module.__name__
                and value.code
            ):
                found.append(value())
    return tuple(sorted(found, key=lambda rule: rule.code))


@lru_cache(maxsize=None)
def rules_by_code():
    """{code: rule} over all_rules() (shared: not to be changed)."""
    return {rule.code: rule for rule in all_rules()}


def finding_rating(finding):
    """(SARIF level, security-severity) of one finding: its rule's rating
    of the finding's own severity (SFX101 follows the session backend);
    ("warning", None) for a code no rule has."""
    rule = rules_by_code().get(finding.code)
    return rule.rating(finding.severity) if rule is not None else ("warning", None)


def get_rule(code_or_name):
    wanted = code_or_name.strip()
    for rule in all_rules():
        if rule.code.lower() == wanted.lower() or rule.name == wanted or rule.semgrep_id() == wanted:
            return rule
    return None
