"""Regenerate the files derived from the rule objects and the snippet files.

    python -m fixlint.generate          rewrite them
    python -m fixlint.generate --check  exit 1 if any is stale (CI runs this)

Generated: one page per rule in docs/rules/, and the README's generated
blocks, each between `<!-- NAME:start -->` and `<!-- NAME:end -->`: the
rules table, the fixes table, the flake8/Semgrep parity table (from the
record `make parity` writes), and every copy-paste snippet, which is the verbatim content of
a file under docs/ that a test runs — so the README cannot show a snippet
that was not exercised.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .docs import DOCS_PATH, fixes_table, rule_markdown, rules_table
from .parity import parity_table
from .rules import all_rules

ROOT = Path(__file__).resolve().parent.parent

# README block name -> (file under the repository root, code-fence language)
SNIPPETS = {
    "install-today": ("docs/install/today.sh", "sh"),
    "install-release": ("docs/install/release.sh", "sh"),
    "install-released": ("docs/install/released.sh", "sh"),
    "pre-commit-hook": ("docs/pre-commit/fixlint-hook.yaml", "yaml"),
    "pre-commit-flake8": ("docs/pre-commit/flake8-hook.yaml", "yaml"),
    "github-actions": ("docs/ci/github-actions.yml", "yaml"),
    "gitlab-ci": ("docs/ci/gitlab-ci.yml", "yaml"),
    "semgrep-scan": ("docs/semgrep/scan.sh", "sh"),
    "vscode": ("docs/editors/vscode-settings.json", "json"),
    "pycharm": ("docs/editors/pycharm-external-tool.md", None),
    # Not a snippet: the table `make bench` wrote from its latest real run.
    "benchmark": ("bench/results/latest.md", None),
    # Not a snippet either: the table `make realcode` wrote from the reviewed baseline.
    "realcode": ("realcode/table.md", None),
}
RULE_PAGE_NOTICE = ("<!-- Generated from fixlint/rules/ by `python -m fixlint.generate`; "
                    "edit the rule, not this file. -->\n\n")


def snippet_block(root, path, language):
    text = (root / path).read_text(encoding="utf-8")
    if language is None:  # Markdown, included as is
        return text if text.endswith("\n") else text + "\n"
    return f"```{language}\n{text.rstrip()}\n```\n"


def session_backends_table():
    """The `session-backends` option's values, from the adapters."""
    from .frameworks import SESSION_BACKEND_OPTIONS

    lines = ["| `session-backends` value | session | where it lives | a module says so when it |",
             "|---|---|---|---|"]
    for name, (_, backend, marks) in SESSION_BACKEND_OPTIONS.items():
        where = "server-side record" if backend.server_side else (
            "in the cookie, signed" if backend.signed else "in the cookie, unsigned")
        lines.append(f"| `{name}` | {backend.label} | {where} | {marks} |")
    return "\n".join(lines) + "\n"


def readme_blocks(root=ROOT):
    """Marker name -> generated Markdown."""
    blocks = {"rules-table": rules_table(), "fixes-table": fixes_table(),
              "semgrep-parity": parity_table(all_rules()), "session-backends": session_backends_table()}
    for name, (path, language) in SNIPPETS.items():
        blocks[name] = snippet_block(root, path, language)
    return blocks


def render_readme(text, root=ROOT):
    for name, body in readme_blocks(root).items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"README.md lacks the <!-- {name}:start/end --> markers")
        text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
    return text


def rule_pages(root=ROOT):
    return {root / DOCS_PATH.format(code=rule.code): RULE_PAGE_NOTICE + rule_markdown(rule)
            for rule in all_rules()}


def generated_files(root=ROOT):
    """Path -> expected content, for every generated file."""
    readme = root / "README.md"
    files = {readme: render_readme(readme.read_text(encoding="utf-8"), root)}
    files.update(rule_pages(root))
    return files


def orphaned_files(root=ROOT):
    """Rule pages left behind by a rule that no longer exists."""
    expected = set(rule_pages(root))
    folder = root / Path(DOCS_PATH).parent
    return sorted(p for p in folder.glob("SFX*.md") if p not in expected)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m fixlint.generate")
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, content in generated_files().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    orphans = orphaned_files()
    for path in orphans:
        if args.check:
            print(f"orphaned: {path.relative_to(ROOT)}")
        else:
            path.unlink()
            print(f"removed: {path.relative_to(ROOT)}")
    return 1 if (args.check and (stale or orphans)) else 0


if __name__ == "__main__":
    sys.exit(main())
