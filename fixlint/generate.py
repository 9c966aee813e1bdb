"""Regenerate the files derived from the rule objects.

    python -m fixlint.generate          rewrite them
    python -m fixlint.generate --check  exit 1 if any is stale (CI runs this)

Each generated block of the README sits between `<!-- NAME:start -->` and
`<!-- NAME:end -->` markers.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .docs import fixes_table, rules_table

ROOT = Path(__file__).resolve().parent.parent


def readme_blocks():
    """Marker name -> generated Markdown."""
    return {"rules-table": rules_table(), "fixes-table": fixes_table()}


def render_readme(text):
    for name, body in readme_blocks().items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"README.md lacks the <!-- {name}:start/end --> markers")
        text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
    return text


def generated_files(root=ROOT):
    """Path -> expected content, for every generated file."""
    readme = root / "README.md"
    return {readme: render_readme(readme.read_text(encoding="utf-8"))}


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
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
