"""Measure flake8 and Semgrep on fixtures/ and record it.

    python -m tests.parity            print the table and every Semgrep miss
    python -m tests.parity --write    also rewrite fixlint/semgrep/parity.json

`make parity` runs the second (then `python -m fixlint.generate`);
tests/test_semgrep.py recomputes the record from its own runs and requires
it to be equal, so the README's numbers always come from real runs.
"""

from __future__ import annotations

import argparse
import json
import sys

from fixlint.parity import RECORD
from fixlint.rules import all_rules
from fixlint.semgrep import run as semgrep_run

from .annotations import ROOT, fixture_files, parse
from .engines import flake8_over_fixtures, semgrep_over_fixtures


def enabled(rule, options):
    """Whether a fixture's flake8 options turn the rule on."""
    on = rule.default_enabled
    for flag, value in zip(options, options[1:]):
        codes = [v.strip() for v in value.split(",") if v.strip()]
        if not any(rule.code.startswith(c) for c in codes):
            continue
        if flag in ("--select", "--extend-select"):
            on = True
        elif flag in ("--ignore", "--extend-ignore"):
            on = False
    return on


def measure(flake8, semgrep):
    """The record, from the engines' findings ({path: {(line, code, ...)}})."""
    rules = {}
    # Per framework (the fixtures/<framework>/ folder), over every rule.
    frameworks = {}
    for rule in all_rules():
        lines = hits_flake8 = hits_semgrep = 0
        misses, known = [], []
        for path in fixture_files():
            notes = parse(path)
            if not enabled(rule, notes.options):
                continue
            marks = notes.marks["ruleid"] | notes.marks["todoruleid"]
            truth = {line for line, name in marks if name == rule.name}
            by_flake8 = {f[0] for f in flake8.get(path.resolve(), ()) if f[1] == rule.code}
            by_semgrep = {f[0] for f in semgrep.get(path.resolve(), ()) if f[1] == rule.code}
            lines += len(truth)
            hits_flake8 += len(truth & by_flake8)
            hits_semgrep += len(truth & by_semgrep)
            rel = path.relative_to(ROOT).as_posix()
            if truth:
                framework = frameworks.setdefault(rel.split("/")[1], {"lines": 0, "flake8": 0, "semgrep": 0})
                framework["lines"] += len(truth)
                framework["flake8"] += len(truth & by_flake8)
                framework["semgrep"] += len(truth & by_semgrep)
            misses += [f"{rel}:{line}" for line in sorted(truth - by_semgrep)]
            silent = {line for line, name in notes.marks["todook"] if name == rule.name}
            known += [f"{rel}:{line}" for line in sorted(silent & by_semgrep)]
        rules[rule.code] = {"name": rule.name, "lines": lines, "flake8": hits_flake8,
                            "semgrep": hits_semgrep, "semgrep_misses": misses,
                            "semgrep_known_false_positives": known}
    return {"semgrep_version": semgrep_run.version(), "rules": rules,
            "frameworks": dict(sorted(frameworks.items()))}


def dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.parity")
    parser.add_argument("--write", action="store_true", help=f"rewrite {RECORD.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    data = measure(flake8_over_fixtures(), semgrep_over_fixtures())
    if args.write:
        RECORD.write_text(dumps(data), encoding="utf-8")
        print(f"wrote: {RECORD.relative_to(ROOT)}")
    for code, r in data["rules"].items():
        for miss in r["semgrep_misses"]:
            print(f"miss  {code} {miss}")
    for code, r in data["rules"].items():
        print(f"{code} {r['name']}: flake8 {r['flake8']}/{r['lines']}, Semgrep {r['semgrep']}/{r['lines']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
