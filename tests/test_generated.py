"""Generated files are up to date with the rule objects."""

from fixlint.generate import generated_files


def test_generated_files_are_fresh():
    stale = [str(p) for p, content in generated_files().items()
             if not p.exists() or p.read_text(encoding="utf-8") != content]
    assert not stale, f"run 'python -m fixlint.generate': stale {stale}"
