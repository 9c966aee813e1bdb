"""Rule documentation, rendered from the rule objects.

`fixlint explain`, `docs/rules/*.md` and the README's rule table all come
from here, so docs cannot drift from the code that the examples test.
"""

from __future__ import annotations

from .rules import all_rules

DOCS_URL = "docs/rules/{code}.md"


def rule_markdown(rule):
    sections = rule.sections()
    out = [f"# {rule.code} {rule.name}", ""]
    status = "on by default" if rule.default_enabled else "off by default (opt-in: `--extend-select " + rule.code + "`)"
    out += [f"*{rule.summary}.* {', '.join(rule.cwe_ids())} · {status}", ""]
    out += ["## What it does", "", sections["What it does"], ""]
    out += ["## Why is this bad?", "", sections["Why is this bad?"], ""]
    if rule.invalid:
        out += ["## Example", ""]
        for example in rule.invalid:
            if example.title:
                out += [f"{example.title} (`{example.filename}`):", ""]
            out += ["```python", example.code.rstrip("\n"), "```", ""]
    if rule.valid:
        out += ["## Use instead", ""]
        for example in rule.valid:
            if example.title:
                out += [f"{example.title}:", ""]
            out += ["```python", example.code.rstrip("\n"), "```", ""]
    if rule.fixes:
        out += ["## How to fix, per framework", "", "| framework | fix |", "|---|---|"]
        for framework, fix in rule.fixes.items():
            out.append(f"| {framework} | `{fix}` |" if "`" not in fix else f"| {framework} | {fix} |")
        out.append("")
    for title, body in sections.items():
        if title in ("What it does", "Why is this bad?"):
            continue
        out += [f"## {title}", "", body, ""]
    if rule.references:
        out += ["## References", ""]
        out += [f"- [{title}]({url})" for title, url in rule.references]
        out.append("")
    return "\n".join(out)


def rules_table(link=True):
    rows = ["| code | name | CWE | default | summary |", "|---|---|---|---|---|"]
    for rule in all_rules():
        name = f"[{rule.name}]({DOCS_URL.format(code=rule.code)})" if link else rule.name
        default = "on" if rule.default_enabled else "off (opt-in)"
        rows.append(f"| {rule.code} | {name} | {', '.join(rule.cwe_ids())} | {default} | {rule.summary} |")
    return "\n".join(rows) + "\n"
