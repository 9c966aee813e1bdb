"""Rule documentation, rendered from the rule objects.

`fixlint explain`, `docs/rules/*.md`, SARIF help and the README's rule
table all come from here, so docs cannot drift from the code whose examples
run as tests.

A rule's page is the concatenation of SECTIONS: each entry is a function
`(rule) -> list of Markdown lines` (empty to leave the section out). To add
a section, write such a function and insert it into SECTIONS where it
belongs; `python -m fixlint.generate` then rewrites every page.
"""

from __future__ import annotations

from .rules import all_rules
from .rules.base import FIX_MIXED, FIX_NONE, FIX_UNSAFE

# The project's home; rule pages are linked from SARIF (helpUri) under it.
REPOSITORY_URL = "https://github.com/fixlint/fixlint"
RULE_DOCS_URL = REPOSITORY_URL + "/blob/main/docs/rules/{code}.md"
DOCS_PATH = "docs/rules/{code}.md"  # relative to the repository root, as the README links it


def rule_docs_url(code):
    return RULE_DOCS_URL.format(code=code)


# -- sections ------------------------------------------------------------------

def _title(rule):
    status = "on by default" if rule.default_enabled else f"off by default (opt-in: `--extend-select {rule.code}`)"
    return [f"# {rule.code} {rule.name}", "", f"*{rule.summary}.* {', '.join(rule.cwe_ids())} · {status}"
            f"{_severities(rule)}", ""]


def _severities(rule):
    """The per-finding severities a rule gives, when it gives several."""
    if not rule.severities:
        return ""
    rated = " or ".join(f"{name} (SARIF `{level}`, {score})" for name, (level, score) in rule.severities.items())
    return f" · severity {rated}, per finding (see *Why is this bad?*)"


def _docstring_section(title):
    def render(rule):
        body = rule.sections().get(title)
        return [f"## {title}", "", body, ""] if body else []
    render.__name__ = f"_section_{title.lower().replace(' ', '_').strip('?')}"
    return render


def _reported(rule, example):
    """flake8-style lines for what `rule` reports on an invalid example."""
    import ast

    from .analysis.base import GuardText
    from .config import Config
    from .engine.checker import check_tree

    code = example.code
    result = check_tree(ast.parse(code), example.filename, Config(), [rule], GuardText(code))
    return [f"{example.filename}:{f.line}:{f.col + 1}: {f.code} {f.message}"
            for f in result.findings if f.code == rule.code]


def _examples(rule):
    if not rule.invalid:
        return []
    out = ["## Example", ""]
    for example in rule.invalid:
        if example.title:
            out += [f"{example.title} (`{example.filename}`):", ""]
        out += ["```python", example.code.rstrip("\n"), "```", ""]
        reported = _reported(rule, example)
        if reported:
            out += ["fixlint reports:", "", "```text", *reported, "```", ""]
    return out


def _use_instead(rule):
    if not rule.valid:
        return []
    out = ["## Use instead", ""]
    for example in rule.valid:
        if example.title:
            out += [f"{example.title}:", ""]
        out += ["```python", example.code.rstrip("\n"), "```", ""]
    return out


PIPE = "\\|"


def _fixes(rule):
    if not rule.fixes:
        return []
    out = ["## How to fix, per framework", "", "| framework | fix |", "|---|---|"]
    for framework, fix in rule.fixes.items():
        cell = (fix if "`" in fix else f"`{fix}`").replace("|", PIPE)  # GFM tables split on bare pipes
        out.append(f"| {framework} | {cell} |")
    return out + [""]


def _other_sections(rule):
    out = []
    for title, body in rule.sections().items():
        if title not in ("What it does", "Why is this bad?"):
            out += [f"## {title}", "", body, ""]
    return out


def _fix_safety(rule):
    if rule.fix is None:
        return []
    return ["## Fix safety", "", f"`fixlint fix`: {fix_label(rule)}. {rule.fix.docs}", ""]


def _semgrep_parity(rule):
    from .parity import rule_sentence

    return ["## Semgrep parity", "", rule_sentence(rule), ""]


def _references(rule):
    if not rule.references:
        return []
    return ["## References", "", *(f"- [{title}]({url})" for title, url in rule.references), ""]


SECTIONS = [
    _title,
    _docstring_section("What it does"),
    _docstring_section("Why is this bad?"),
    _examples,
    _use_instead,
    _fixes,
    _other_sections,  # Decisions, and any other `## Heading` of the docstring
    _fix_safety,
    _semgrep_parity,
    _references,
]


def rule_markdown(rule):
    lines = []
    for section in SECTIONS:
        lines += section(rule)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def unwrap(text):
    """Join the hard-wrapped lines of each paragraph, for viewers that wrap
    text themselves; lists and code blocks keep their lines."""
    paragraphs = []
    for paragraph in text.strip().split("\n\n"):
        lines = paragraph.splitlines()
        if any(line.lstrip().startswith(("- ", "* ", "```", "|")) for line in lines):
            paragraphs.append(paragraph)
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


def rule_help_text(rule):
    """Plain-text help (SARIF `help.text`): what, why, the fix per framework."""
    sections = rule.sections()
    parts = [f"{rule.code} {rule.name}: {rule.summary}.", unwrap(sections.get("What it does", "")),
             unwrap(sections.get("Why is this bad?", ""))]
    if rule.fixes:
        parts.append("How to fix:\n" + "\n".join(f"- {fw}: {fix}" for fw, fix in rule.fixes.items()))
    if rule.fix is not None:
        parts.append(f"Fix safety (fixlint fix): {fix_label(rule)}. {unwrap(rule.fix.docs)}")
    parts.append(f"Documentation: {rule_docs_url(rule.code)}")
    return "\n\n".join(p for p in parts if p)


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
        name = f"[{rule.name}]({DOCS_PATH.format(code=rule.code)})" if link else rule.name
        default = "on" if rule.default_enabled else "off (opt-in)"
        rows.append(f"| {rule.code} | {name} | {', '.join(rule.cwe_ids())} | {default} | {rule.summary} |")
    return "\n".join(rows) + "\n"
