"""What `fixlint fix` promises, checked on every fixture (safe and unsafe
fixes both): the fixed code parses; `check` no longer reports what was
fixed; a second run changes nothing; nothing but the flagged nodes changes."""

from __future__ import annotations

import ast
import difflib
import io
import tokenize

import pytest

from fixlint.config import Config
from fixlint.fix.edits import InsertStatements, target
from fixlint.fix.engine import NO_FIX, fix_text
from fixlint.rules import all_rules
from fixlint.runner import check_text

from .annotations import FIXTURES, ROOT, fixture_files

FILES = fixture_files()
RULES = all_rules()  # the opt-in SFX305 too


def _fix(path, text):
    return fix_text(text, str(path.relative_to(ROOT)), Config(), RULES, unsafe=True)


def _check(path, text):
    """What `fixlint check` reports (after `# noqa`)."""
    return check_text(str(path.relative_to(ROOT)), text, ast.parse(text), Config(), RULES).findings


def _comments(text):
    return [t.string for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]


@pytest.fixture(scope="module", params=FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def fixed(request):
    path = request.param
    text = path.read_text(encoding="utf-8")
    return path, text, _fix(path, text)


def test_fixed_code_parses(fixed):
    path, _, outcome = fixed
    assert not outcome.errors
    ast.parse(outcome.text)


def test_check_no_longer_reports_what_was_fixed(fixed):
    path, before, outcome = fixed
    after = _check(path, outcome.text)
    assert sorted(after) == sorted(f for f, _ in outcome.remaining)
    # With --unsafe-fixes, a finding is left only when it has no fix at all:
    # a fixed finding that came back would have its fix planned again.
    assert {note for _, note in outcome.remaining} <= {NO_FIX}
    assert len(after) <= len(_check(path, before)) - len(outcome.applied)


def test_fixing_twice_changes_nothing_the_second_time(fixed):
    path, _, outcome = fixed
    again = _fix(path, outcome.text)
    assert again.text == outcome.text
    assert again.applied == []


def test_only_the_flagged_nodes_change(fixed):
    path, before, outcome = fixed
    assert _comments(before) == _comments(outcome.text)
    touched, anchors = set(), set()
    for plan in outcome.applied:
        for edit in plan.edits:
            span = target(edit)
            if isinstance(edit, InsertStatements):
                anchors.add(span.end_line if edit.after else span.line - 1)
            else:
                touched.update(range(span.line, span.end_line + 1))
    matcher = difflib.SequenceMatcher(None, before.splitlines(), outcome.text.splitlines(), autojunk=False)
    for tag, a_start, a_end, _, _ in matcher.get_opcodes():
        if tag == "insert":
            inside = a_start in touched and a_start + 1 in touched  # a new argument line
            assert a_start in anchors or inside, f"{path.name}: lines inserted after line {a_start}"
        elif tag != "equal":
            changed = set(range(a_start + 1, a_end + 1))
            assert changed <= touched, f"{path.name}: lines {sorted(changed - touched)} changed outside the fixes"


def test_the_fixtures_exercise_every_fix_family_and_both_safeties():
    safeties, codes = set(), set()
    for path in FILES:
        outcome = _fix(path, path.read_text(encoding="utf-8"))
        safeties |= {p.safety for p in outcome.applied}
        codes |= {p.finding.code for p in outcome.applied}
    assert safeties == {"safe", "unsafe"}
    assert codes >= {r.code for r in RULES if r.fix is not None and r.fix.family}
