"""JSON: findings (1-based line and column), errors and a summary."""

from .. import __version__
from .streams import json_text

# SARIF levels in the words people rate findings with.
_LEVEL_SEVERITY = {"error": "high", "warning": "medium", "note": "low"}


def severity_name(rule, finding):
    """high, medium or low: the finding's own severity, else the rule's."""
    return finding.severity or _LEVEL_SEVERITY.get(rule.level, "medium")


def render(results, rules, out, err, options=None):
    by_code = {r.code: r for r in rules}
    findings, errors = [], []
    for result in results:
        for f in result.findings:
            rule = by_code.get(f.code)
            findings.append({
                "path": result.path, "line": f.line, "column": f.col + 1,
                "code": f.code, "name": rule.name if rule else "", "message": f.message,
                "severity": severity_name(rule, f) if rule else None,
            })
        for e in result.errors:
            errors.append({"path": result.path, "line": e.line, "column": e.col + 1, "message": e.message})
    document = {
        "tool": "fixlint",
        "version": __version__,
        "findings": findings,
        "errors": errors,
        "summary": {
            "files": len(results),
            "findings": len(findings),
            "errors": len(errors),
            "rules": [r.code for r in rules],
        },
    }
    out.write(json_text(document, ascii=True) + "\n")
