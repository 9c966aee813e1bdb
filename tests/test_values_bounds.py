"""Constant folding stays small and fast on hostile constants: each case
here once made fixlint hang for minutes or build a gigabyte string."""

from __future__ import annotations

import ast
import textwrap

from fixlint.config import Config
from fixlint.engine import values
from fixlint.engine.context import FileContext
from fixlint.engine.values import UNKNOWN, evaluate
from fixlint.engine.walker import Walker


def module_values(source):
    """{name: evaluate(value)} for the module-level `name = value` lines."""
    tree = ast.parse(textwrap.dedent(source))
    ctx = FileContext(tree, "m.py", Config())
    Walker(ctx).walk(tree)
    return {stmt.targets[0].id: evaluate(stmt.value, ctx)
            for stmt in tree.body if isinstance(stmt, ast.Assign)}


def doubling(first, op="+", links=40):
    return "\n".join([f"t0 = {first}"] + [f"t{i} = t{i - 1} {op} t{i - 1}" for i in range(1, links)])


def test_a_doubling_chain_of_names_is_folded_once_per_link(monkeypatch):
    calls = []
    fold = values._fold
    monkeypatch.setattr(values, "_fold", lambda *args: calls.append(1) or fold(*args))
    folded = module_values(doubling("1", links=20))
    assert folded["t19"] == 2 ** 19
    # Without the memo, t19 alone took 2**20 folds; now each name is linear.
    assert len(calls) < 20 * 20 * 4


def test_a_doubling_string_stops_at_the_size_bound():
    folded = module_values(doubling('"sid; "'))
    assert folded["t10"] == "sid; " * 2 ** 10
    assert folded["t12"] is UNKNOWN  # 20 kB: more than any cookie is worth


def test_work_per_evaluation_is_bounded_even_without_repeats():
    # 2000 distinct terms: no memo helps; the step budget gives up instead.
    folded = module_values("total = " + " + ".join(["1"] * 2000) + "\nsmall = 1 + 2 + 3")
    assert folded["total"] is UNKNOWN
    assert folded["small"] == 6


def test_printf_with_a_huge_width_is_not_formatted():
    folded = module_values('''
        huge = "%0999999999d" % 1
        star = "%*d" % 1
        precise = b"%.99999999f" % 1.0
        header = "sid=%s; Secure; HttpOnly" % "abc"
        padded = "%05d" % 42
    ''')
    assert folded["huge"] is UNKNOWN
    assert folded["star"] is UNKNOWN
    assert folded["precise"] is UNKNOWN
    assert folded["header"] == "sid=abc; Secure; HttpOnly"
    assert folded["padded"] == "00042"


def test_a_self_referencing_name_is_unknown():
    folded = module_values("x = x + 1\na = b\nb = a\n")
    assert folded == {"x": UNKNOWN, "a": UNKNOWN, "b": UNKNOWN}
