"""JSON: findings (1-based line and column), errors and a summary."""

import json

from .. import __version__


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
    json.dump(document, out, indent=2)
    out.write("\n")
