"""Rule documentation, rendered from the rule objects.

`fixlint explain`, `docs/rules/*.md` and the README's rule table all come
from here, so docs cannot drift from the code that the examples test.
"""

from __future__ import annotations

from .rules import all_rules
from .rules.base import FIX_MIXED, FIX_NONE, FIX_UNSAFE

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
    if rule.fix is not None:
        out += ["## Fix safety", "", f"`fixlint fix`: {fix_label(rule)}. {rule.fix.docs}", ""]
    if rule.references:
        out += ["## References", ""]
        out += [f"- [{title}]({url})" for title, url in rule.references]
        out.append("")
    return "\n".join(out)


def fix_label(rule):
    """How `fixlint fix` treats a rule, in a few words."""
    fix = rule.fix
    if fix is None or fix.safety == FIX_NONE:
        return "no automatic fix"
    if fix.safety == FIX_UNSAFE:
        return "unsafe fix, applied only with `--unsafe-fixes`"
    if fix.safety == FIX_MIXED:
        return "safe fix; some cases unsafe, applied only with `--unsafe-fixes`"
    return "safe fix"


def fixes_table():
    """Which rules `fixlint fix` repairs, for the README."""
    rows = ["| code | name | fix | what it does (or why there is none) |", "|---|---|---|---|"]
    for rule in all_rules():
        label = fix_label(rule).replace(", applied only with `--unsafe-fixes`", "")
        summary = rule.fix.summary if rule.fix is not None else ""
        rows.append(f"| {rule.code} | {rule.name} | {label} | {summary} |")
    return "\n".join(rows) + "\n"


def rules_table(link=True):
    rows = ["| code | name | CWE | default | summary |", "|---|---|---|---|---|"]
    for rule in all_rules():
        name = f"[{rule.name}]({DOCS_URL.format(code=rule.code)})" if link else rule.name
        default = "on" if rule.default_enabled else "off (opt-in)"
        rows.append(f"| {rule.code} | {name} | {', '.join(rule.cwe_ids())} | {default} | {rule.summary} |")
    return "\n".join(rows) + "\n"
