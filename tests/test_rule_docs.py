"""Rule pages (docs/rules/SFXnnn.md) come from the rule objects, in the
shape ruff made familiar, and every link to them resolves."""

from __future__ import annotations

import re

import pytest

from fixlint import docs
from fixlint.generate import RULE_PAGE_NOTICE
from fixlint.rules import all_rules, get_rule

from .helpers import ROOT, run_cli

ORDER = ["What it does", "Why is this bad?", "Example", "Use instead", "How to fix, per framework", "References"]


def page(code):
    return (ROOT / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_page_has_the_sections_in_order(rule):
    text = page(rule.code)
    assert text.startswith(RULE_PAGE_NOTICE + f"# {rule.code} {rule.name}\n")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert [h for h in headings if h in ORDER] == ORDER
    for framework in rule.fixes:
        assert f"| {framework} |" in text
    for _, url in rule.references:
        assert f"]({url})" in text


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_each_example_shows_exactly_what_fixlint_reports_there(rule):
    text = page(rule.code)
    blocks = re.findall(r"fixlint reports:\n\n```text\n(.*?)```", text, re.DOTALL)
    assert len(blocks) == len(rule.invalid)
    for block, example in zip(blocks, rule.invalid):
        positions = [tuple(map(int, line.split(":")[1:3])) for line in block.splitlines()]
        assert positions == sorted(example.expect)
        assert all(f" {rule.code} " in line and line.startswith(example.filename + ":") for line in block.splitlines())


def test_readme_table_links_resolve_to_rule_pages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\((docs/rules/SFX\d{3}\.md)\)", readme)
    assert sorted(links) == sorted(f"docs/rules/{r.code}.md" for r in all_rules())
    assert all((ROOT / link).is_file() for link in links)


def test_explain_prints_the_rule_page():
    done = run_cli("explain", "SFX302")
    assert done.returncode == 0
    assert RULE_PAGE_NOTICE + done.stdout == page("SFX302")


def test_a_new_section_is_one_function_in_sections(monkeypatch):
    def parity(rule):
        return ["## Semgrep parity", "", f"`{rule.semgrep_id()}`", ""]

    sections = list(docs.SECTIONS)
    sections.insert(sections.index(docs._references), parity)
    monkeypatch.setattr(docs, "SECTIONS", sections)
    text = docs.rule_markdown(get_rule("SFX302"))
    assert "## Semgrep parity\n\n`fixlint.cookie-without-secure`\n\n## References" in text
