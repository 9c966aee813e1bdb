"""flake8-style text: `path:line:col: CODE message`, 1-based line and column.
Errors (files not analysed) go to stderr in the same shape."""


def render(results, rules, out, err):
    count = 0
    for result in results:
        for f in result.findings:
            out.write(f"{result.path}:{f.line}:{f.col + 1}: {f.code} {f.message}\n")
            count += 1
        for e in result.errors:
            err.write(f"{result.path}:{e.line}:{e.col + 1}: error: {e.message}\n")
