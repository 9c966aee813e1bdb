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
from fixlint.fix.edits import EnsureImport, InsertStatements, target
from fixlint.fix.fixer import NO_FIX, fix_text
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
    # With --unsafe-fixes, a finding is left only when it has no fix at all
    # (maybe with the planner's reason): a fixed finding that came back
    # would have its fix planned again.
    assert all(note == NO_FIX or note.startswith(f"{NO_FIX}: ") for _, note in outcome.remaining)
    assert len(after) <= len(_check(path, before)) - len(outcome.applied)


def test_fixing_twice_changes_nothing_the_second_time(fixed):
    path, _, outcome = fixed
    again = _fix(path, outcome.text)
    assert again.text == outcome.text
    assert again.applied == []


def _without(comments, inserted):
    """`comments` less one occurrence of each inserted comment."""
    left = list(comments)
    for comment in inserted:
        if comment in left:
            left.remove(comment)
    return left


def _import_area(text, module):
    """(lines of the module's `from <module> import ...` statements, lines a
    new import may go after): where an EnsureImport may write."""
    body = ast.parse(text).body
    imports = [s for s in body if isinstance(s, (ast.Import, ast.ImportFrom))]
    ours = [s for s in imports if isinstance(s, ast.ImportFrom) and s.module == module and not s.level]
    lines = {line for s in ours for line in range(s.lineno, s.end_lineno + 1)}
    docstring = body[0].end_lineno if body and isinstance(body[0], ast.Expr) else 0
    return lines, {s.end_lineno for s in ours} | {imports[-1].end_lineno if imports else docstring}


def _above(lines, line):
    """Line numbers an insertion before `line` may land after: just above
    it, or above the comment lines that stay with it."""
    out = {line - 1}
    while line > 1 and lines[line - 2].lstrip().startswith("#"):
        line -= 1
        out.add(line - 1)
    return out


def test_only_the_flagged_nodes_change(fixed):
    path, before, outcome = fixed
    inserted = [line.strip() for plan in outcome.applied for edit in plan.edits
                for line in getattr(edit, "code", ()) if line.lstrip().startswith("#")]
    assert _comments(before) == _without(_comments(outcome.text), inserted)
    touched, anchors = set(), set()
    lines = before.splitlines()
    for plan in outcome.applied:
        for edit in plan.edits:
            span = target(edit)
            if isinstance(edit, InsertStatements):
                anchors.update({span.end_line} if edit.after else _above(lines, span.line))
            elif isinstance(edit, EnsureImport):
                import_lines, after = _import_area(before, edit.module)
                touched.update(import_lines)
                anchors.update(after)
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
