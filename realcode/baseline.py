"""The reviewed baseline: every finding on the corpus with a verdict.

realcode/baseline.json is a list of entries, one per finding, sorted by
app, path and line:

    {"app": ..., "path": ..., "code": ..., "text": ..., "occurrence": 0,
     "line": 12, "message": ..., "verdict": "tp", "reason": "..."}

Matched on the key (app, path, code, text, occurrence); `line` and
`message` are there for the reader and are refreshed by --update. A
verdict is tp, fp or debatable once reviewed, unreviewed until then.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple


VERDICTS = ("tp", "fp", "debatable")
UNREVIEWED = "unreviewed"
PATH = Path(__file__).resolve().parent / "baseline.json"
FIELDS = ("app", "path", "code", "text", "occurrence", "line", "message", "verdict", "reason")


def key_of(entry):
    return (entry["app"], entry["path"], entry["code"], entry["text"], entry["occurrence"])


def load(path=PATH):
    path = Path(path)
    if not path.exists():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    for entry in entries:
        if entry.get("verdict") not in VERDICTS + (UNREVIEWED,):
            raise ValueError(f"{path}: verdict {entry.get('verdict')!r} for {key_of(entry)}; "
                             f"use one of {', '.join(VERDICTS)} or {UNREVIEWED}")
    return entries


def save(entries, path=PATH):
    ordered = sorted(entries, key=lambda e: (e["app"].lower(), e["path"], e["line"], e["code"], e["occurrence"]))
    text = json.dumps([{f: e[f] for f in FIELDS} for e in ordered], indent=1, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


class Comparison(NamedTuple):
    matched: list  # (finding, entry) pairs
    new: list  # findings the baseline does not hold
    vanished: list  # entries no finding matches any more

    @property
    def unreviewed(self):
        return self.new + [f for f, e in self.matched if e["verdict"] == UNREVIEWED]

    @property
    def clean(self):
        return not self.unreviewed and not self.vanished


def compare(findings, entries, apps=None):
    """Match findings to baseline entries by key. With `apps`, entries of
    other apps are neither matched nor vanished (a partial run)."""
    by_key = {key_of(e): e for e in entries if apps is None or e["app"] in apps}
    matched, new = [], []
    for finding in findings:
        entry = by_key.pop(finding.key, None)
        if entry is None:
            new.append(finding)
        else:
            matched.append((finding, entry))
    return Comparison(matched, new, list(by_key.values()))


def entry_of(finding, verdict=UNREVIEWED, reason=""):
    return dict(finding._asdict(), verdict=verdict, reason=reason)


def updated(entries, comparison):
    """The baseline after an update: matched entries keep their verdict and
    reason (with line and message refreshed), new findings come in
    unreviewed, vanished entries go; entries of apps not run stay."""
    gone = {key_of(e) for e in comparison.vanished}
    run = {key_of(e) for _, e in comparison.matched} | gone
    kept = [e for e in entries if key_of(e) not in run]
    kept += [entry_of(f, e["verdict"], e["reason"]) for f, e in comparison.matched]
    kept += [entry_of(f) for f in comparison.new]
    return kept
