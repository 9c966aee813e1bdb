"""The table `make realcode` prints and the README shows.

Per code: findings, true positives, false positives, debatable and
unreviewed, on the whole corpus and outside test code; then the share of
true positives outside test code (the issue's target is 95%), and the
findings per application.
"""

from __future__ import annotations

from collections import Counter

from .baseline import UNREVIEWED
from .findings import is_test_code

COLUMNS = ("tp", "fp", "debatable", UNREVIEWED)
PATH = "realcode/table.md"


def _counts(entries):
    counts = Counter()
    for e in entries:
        counts[(e["code"], "findings")] += 1
        counts[(e["code"], e["verdict"])] += 1
    return counts


def _row(label, counts, code):
    return [label, str(counts[(code, "findings")])] + [str(counts[(code, c)]) for c in COLUMNS]


def _share(entries):
    reviewed = [e for e in entries if e["verdict"] != UNREVIEWED]
    if not reviewed:
        return "no reviewed findings"
    tp = sum(e["verdict"] == "tp" for e in reviewed)
    return f"{tp} of {len(reviewed)} reviewed findings are true positives ({100 * tp / len(reviewed):.1f}%)"


def render(entries, apps):
    """Markdown: the per-code table, the share of true positives, and the
    per-app counts. `apps` is the corpus (App tuples), so an app without
    findings still shows."""
    outside = [e for e in entries if not is_test_code(e["path"])]
    everywhere, apart = _counts(entries), _counts(outside)
    for counts, group in ((everywhere, entries), (apart, outside)):
        for e in group:
            counts[("all", "findings")] += 1
            counts[("all", e["verdict"])] += 1
    codes = sorted({e["code"] for e in entries})
    head = ["code", "findings", "tp", "fp", "debatable", "unreviewed"]
    lines = ["| " + " | ".join(head + [f"{h} (outside tests)" for h in head[1:]]) + " |",
             "|" + "---|" * (2 * len(head) - 1)]
    for code in codes + ["all"]:
        label = "**all**" if code == "all" else code
        row = _row(label, everywhere, code) + _row(label, apart, code)[1:]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", f"Outside test code: {_share(outside)}. Everywhere: {_share(entries)}.", ""]
    per_app = Counter(e["app"] for e in entries)
    per_app_outside = Counter(e["app"] for e in outside)
    lines += ["| app | version | framework | findings | outside tests |", "|---|---|---|---|---|"]
    for app in apps:
        lines.append(f"| {app.name} | {app.dist.version} | {app.framework} | {per_app[app.name]} "
                     f"| {per_app_outside[app.name]} |")
    return "\n".join(lines) + "\n"
