"""Rule objects -> Semgrep YAML files (`rules/<rule-name>.yaml`).

The files are generated, never edited: the same rule objects always give
byte-identical text, so `fixlint export-semgrep --check` can tell a stale
export from a fresh one.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from .. import frameworks as fw
from ..rules import all_rules
from .yaml_text import dump

SEVERITY = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}
FIXLINT_CODE = "fixlint-code"  # metadata key that joins Semgrep findings to fixlint rules
GENERATED = "# Generated from "  # how every exported file begins


def not_checked_globs():
    """What fixlint does not check by default, as Semgrep `paths` globs:
    test code (fw.is_test_code) and type stubs."""
    folders = [f"**/{folder}/**" for folder in sorted(fw.TEST_FOLDERS)]
    files = [f"{stem}.py" for stem in sorted(fw.TEST_FILES)]
    files += [f"{prefix}*.py" for prefix in fw.TEST_FILE_PREFIXES]
    files += [f"*{suffix}.py" for suffix in fw.TEST_FILE_SUFFIXES]
    return [*folders, *files, "*.pyi"]


def semgrep_id(rule, entry):
    return rule.semgrep_id() + (f".{entry.suffix}" if entry.suffix else "")


def metadata(rule, entry):
    return {
        FIXLINT_CODE: rule.code,
        "cwe": list(rule.cwe),
        "owasp": list(rule.owasp),
        "references": [url for _, url in rule.references],
        "category": "security",
        "subcategory": [entry.subcategory],
        "technology": list(entry.technology or rule.technology),
        "confidence": entry.confidence or rule.confidence,
        "likelihood": rule.likelihood,
        "impact": rule.impact,
    }


def semgrep_rule(rule, entry):
    """One Semgrep rule as a dict, keys in the order Semgrep's registry uses."""
    out = {
        "id": semgrep_id(rule, entry),
        "languages": ["python"],
        "severity": SEVERITY[rule.rating(entry.severity or None)[0]],
        "message": entry.message,
    }
    paths = dict(entry.paths or {})
    paths["exclude"] = [*paths.get("exclude", ()), *not_checked_globs()]
    out["paths"] = paths
    if entry.options:
        out["options"] = entry.options
    out.update(entry.match)
    if entry.fix is not None:
        out["fix"] = entry.fix
    out["metadata"] = metadata(rule, entry)
    return out


def source_file(rule):
    path = Path(inspect.getfile(type(rule)))
    return f"fixlint/rules/{path.name}"


def render(rule):
    """The YAML text of one rule's Semgrep export."""
    header = (
        f"{GENERATED[2:]}{source_file(rule)} by `fixlint export-semgrep`; do not edit.\n"
        f"{rule.code} {rule.name}: {rule.summary}.\n"
        "Run: semgrep scan --metrics=off --disable-version-check --no-rewrite-rule-ids --config rules/ PATH"
    )
    return dump({"rules": [semgrep_rule(rule, entry) for entry in rule.semgrep]}, header=header)


def exported_rules():
    """Rules that have Semgrep patterns, in code order."""
    return [rule for rule in all_rules() if rule.semgrep]


def export_files(folder):
    """Path -> text for every file a fresh export writes into `folder`."""
    folder = Path(folder)
    return {folder / f"{rule.name}.yaml": render(rule) for rule in exported_rules()}


def stale_files(folder):
    """Files in `folder` that differ from a fresh export, are missing, or
    were generated for a rule that no longer exports (other YAML files in
    the folder are left alone)."""
    expected = export_files(folder)
    stale = [p for p, text in expected.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if Path(folder).is_dir():
        stale += [p for p in Path(folder).glob("*.yaml") if p not in expected and _generated(p)]
    return sorted(stale)


def _generated(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read(len(GENERATED)) == GENERATED
