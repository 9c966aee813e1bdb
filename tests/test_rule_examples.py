"""Every rule's docs examples run: invalid ones report exactly the pinned
(line, column) findings of that rule, valid ones report none."""

from __future__ import annotations

import ast

import pytest

from fixlint.analysis.base import GuardText
from fixlint.config import Config
from fixlint.engine.checker import check_tree
from fixlint.rules import all_rules

CASES = [
    pytest.param(rule, kind, example, id=f"{rule.code}-{kind}-{i}")
    for rule in all_rules()
    for kind, examples in (("invalid", rule.invalid), ("valid", rule.valid))
    for i, example in enumerate(examples)
]


def findings_of(rule, example):
    tree = ast.parse(example.code)
    result = check_tree(tree, example.filename, Config(), all_rules(), GuardText(example.code))
    assert not result.errors, result.errors
    return tuple((f.line, f.col + 1) for f in result.findings if f.code == rule.code)


@pytest.mark.parametrize(("rule", "kind", "example"), CASES)
def test_rule_example(rule, kind, example):
    got = findings_of(rule, example)
    if kind == "invalid":
        assert example.expect, "an invalid example must pin its findings"
        assert got == tuple(example.expect)
    else:
        assert got == ()
