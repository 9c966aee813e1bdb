"""The fixture harness: real flake8, with the plugin installed, over every
file in fixtures/, must report exactly the annotated (line, rule) pairs — a
missing finding fails, and so does an extra one. The flake8 run is the
session fixture `flake8_findings` (conftest.py, engines.py)."""

from __future__ import annotations

import pytest

from fixlint.rules import all_rules

from .annotations import FIXTURES, ROOT, fixture_files, parse

CODE_BY_NAME = {r.name: r.code for r in all_rules()}
NAME_BY_CODE = {r.code: r.name for r in all_rules()}
FILES = fixture_files()


def test_there_are_fixtures_for_every_framework():
    for framework in ("flask", "django", "fastapi"):
        assert list((FIXTURES / framework).rglob("*.py")), framework


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def test_fixture_findings_match_annotations(path, flake8_findings):
    notes = parse(path)
    assert not notes.errors, notes.errors
    for kind, marks in notes.marks.items():
        unknown = {name for _, name in marks} - set(CODE_BY_NAME)
        assert not unknown, f"{kind} annotations name unknown rules: {unknown}"
    reported = flake8_findings.get(path.resolve(), set())
    internal = [f for f in reported if f[1] == "SFX000"]
    assert not internal, f"internal errors: {internal}"
    actual = {(line, NAME_BY_CODE[code]) for line, code, _ in reported}
    expected = notes.expected()
    missing = sorted(expected - actual)
    extra = sorted(actual - expected)
    messages = {(line, NAME_BY_CODE[code]): text for line, code, text in reported}
    assert not missing and not extra, (
        f"\n{path.relative_to(ROOT)}\n"
        + "".join(f"  missing {line}: {name}\n" for line, name in missing)
        + "".join(f"  extra   {line}: {name}: {messages[(line, name)]}\n" for line, name in extra)
    )
    # Known misses stay misses until the annotation is upgraded to ruleid.
    assert not (notes.marks["todoruleid"] & actual), "a todoruleid line is now reported: make it ruleid"
    assert not (notes.marks["ok"] & actual)


def test_every_rule_has_fixture_findings_and_silent_cases():
    reported, silent = set(), set()
    for path in FILES:
        notes = parse(path)
        reported |= {name for _, name in notes.marks["ruleid"]}
        silent |= {name for _, name in notes.marks["ok"]}
    missing = {r.name for r in all_rules() if r.name not in reported}
    assert not missing, f"rules without a reported fixture line: {missing}"
    missing_ok = {r.name for r in all_rules() if r.name not in silent}
    assert not missing_ok, f"rules without an '# ok:' fixture line: {missing_ok}"
