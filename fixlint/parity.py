"""flake8 and Semgrep side by side on fixtures/: the recorded measurement.

`make parity` runs both engines for real over the fixtures
(`python -m tests.parity`) and records, per rule, how many annotated lines
each one reports in `fixlint/semgrep/parity.json`; the test suite runs them
again and fails when the record differs. This module only reads the record:
the README's parity table and the rule pages' *Semgrep parity* section are
rendered from it by `python -m fixlint.generate`.

A rule's fixture lines are its `# ruleid:` and `# todoruleid:` lines (the
latter are flake8's known misses); an opt-in rule is measured only on the
files that enable it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

RECORD = Path(__file__).resolve().parent / "semgrep" / "parity.json"


@lru_cache(maxsize=None)
def record():
    """The recorded measurement ({} when absent, e.g. before the first
    `make parity`)."""
    if not RECORD.exists():
        return {}
    return json.loads(RECORD.read_text(encoding="utf-8"))


def rule_record(rule):
    return record().get("rules", {}).get(rule.code)


def share(hits, total):
    if not total:
        return "—"
    return f"{hits}/{total} ({100 * hits / total:.0f}%)"


def parity_table(rules):
    """The README's table: rule × fixture lines × flake8 and Semgrep recall."""
    rows = [
        "| code | rule | fixture lines | flake8 recall | Semgrep recall | Semgrep rules |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        r = rule_record(rule)
        if r is None:
            rows.append(f"| {rule.code} | {rule.name} | — | — | not measured | {len(rule.semgrep)} |")
            continue
        rows.append(f"| {rule.code} | {rule.name} | {r['lines']} | {share(r['flake8'], r['lines'])} "
                    f"| {share(r['semgrep'], r['lines'])} | {len(rule.semgrep)} |")
    frameworks = record().get("frameworks", {})
    if frameworks:
        rows += [
            "",
            "Per framework (the lines of `fixtures/<framework>/` that any rule must report):",
            "",
            "| fixtures | fixture lines | flake8 recall | Semgrep recall |",
            "|---|---|---|---|",
        ]
        for name, r in frameworks.items():
            rows.append(f"| {name} | {r['lines']} | {share(r['flake8'], r['lines'])} | {share(r['semgrep'], r['lines'])} |")
    version = record().get("semgrep_version")
    note = f"\nMeasured with Semgrep {version} by `make parity`; the test suite re-runs it.\n" if version else ""
    return "\n".join(rows) + "\n" + note


def rule_sentence(rule):
    """What Semgrep covers of one rule, for its page."""
    r = rule_record(rule)
    files = f"`rules/{rule.name}.yaml` ({len(rule.semgrep)} Semgrep rule{'s' if len(rule.semgrep) != 1 else ''}, " \
            f"ids `{rule.semgrep_id()}*`)"
    out = f"Exported to Semgrep as {files}."
    if r is not None:
        known = len(r.get("semgrep_known_false_positives", ()))
        extra = ("Semgrep reports nothing else" if not known else
                 f"Semgrep also reports {known} line{'s' if known != 1 else ''} that must stay silent "
                 f"(known false positives, marked `todook`)")
        out += (f" On the fixtures Semgrep reports {share(r['semgrep'], r['lines'])} of the lines this rule "
                f"must report, flake8 {share(r['flake8'], r['lines'])}, and {extra}.")
    if rule.semgrep_parity:
        out += " " + rule.semgrep_parity
    return out
