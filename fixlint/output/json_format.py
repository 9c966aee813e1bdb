"""JSON: findings (1-based line and column), errors and a summary."""

from .. import __version__
from .streams import json_text


def render(results, rules, out, err, options=None):
    names = {r.code: r.name for r in rules}
    findings, errors = [], []
    for result in results:
        for f in result.findings:
            findings.append({
                "path": result.path, "line": f.line, "column": f.col + 1,
                "code": f.code, "name": names.get(f.code, ""), "message": f.message,
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
