"""Fixture pairs: `fixtures/<framework>/<name>.py` fixed by `fixlint fix`
must equal `<name>.fixed.py` beside it, byte for byte. A fixture's options
for the fixer sit on a `# fixlint-fix: --unsafe-fixes` line."""

from __future__ import annotations

import re
import shlex

import pytest

from fixlint.cli import build_parser
from fixlint.commands import _shared
from fixlint.fix.fixer import fix_text

from .annotations import FIXTURES, ROOT, fixture_files

PAIRS = sorted(FIXTURES.rglob("*.fixed.py"))
_OPTIONS = re.compile(r"^#\s*fixlint-fix\s*:\s*(.*)$", re.MULTILINE)


def _source_of(fixed):
    return fixed.with_name(fixed.name[: -len(".fixed.py")] + ".py")


def fix_options(text):
    match = _OPTIONS.search(text)
    return shlex.split(match.group(1)) if match else []


@pytest.mark.parametrize("fixed", PAIRS, ids=[str(p.relative_to(FIXTURES)) for p in PAIRS])
def test_fixing_the_fixture_gives_its_fixed_file_exactly(fixed, monkeypatch):
    source = _source_of(fixed)
    text = source.read_text(encoding="utf-8")
    monkeypatch.chdir(ROOT)
    args = build_parser().parse_args(["fix", "--isolated", *fix_options(text), str(source.relative_to(ROOT))])
    chosen = _shared.select(args)
    outcome = fix_text(text, str(source.relative_to(ROOT)), chosen.config, chosen.rules, args.unsafe_fixes)
    assert not outcome.errors
    expected = fixed.read_text(encoding="utf-8")
    assert outcome.text == expected, f"{source.name}: the fix differs from {fixed.name}"


def test_every_fixed_file_has_its_source_and_is_not_linted_by_the_harness():
    assert len(PAIRS) >= 4
    linted = set(fixture_files())
    for fixed in PAIRS:
        assert _source_of(fixed).is_file(), fixed
        assert _source_of(fixed) in linted
        assert fixed not in linted


def test_there_are_fix_pairs_for_every_framework():
    assert {p.parent.name for p in PAIRS} >= {"flask", "django", "fastapi"}
