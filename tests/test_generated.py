"""Generated files are up to date with the rule objects and snippet files."""

from fixlint.generate import generated_files, orphaned_files


def test_generated_files_are_fresh():
    stale = [str(p) for p, content in generated_files().items()
             if not p.exists() or p.read_text(encoding="utf-8") != content]
    assert not stale, f"run 'python -m fixlint.generate': stale {stale}"


def test_no_rule_page_outlives_its_rule():
    assert orphaned_files() == [], "run 'python -m fixlint.generate' to remove them"
