"""Write every rule's Semgrep patterns as `rules/<rule-name>.yaml`.

The files are generated from the rule objects in fixlint/rules/ and must
not be edited by hand; `--check` exits 1 when the files on disk differ from
a fresh export (CI runs it). Use them with `semgrep scan --metrics=off
--disable-version-check --no-rewrite-rule-ids --config rules/ PATH` (README).
"""

from __future__ import annotations

from pathlib import Path

HELP = "write the rules as Semgrep YAML (rules/<rule-name>.yaml)"


def add_arguments(parser):
    parser.add_argument("--output", "-o", default="rules", metavar="DIR",
                        help="folder for the YAML files (default: rules/)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the folder differs from a fresh export")


def run(args):
    from ..semgrep.export import export_files, stale_files

    folder = Path(args.output)
    stale = stale_files(folder)
    if args.check:
        for path in stale:
            print(f"stale: {path}")
        if stale:
            print("fixlint: the Semgrep export is out of date; run 'fixlint export-semgrep'")
        return 1 if stale else 0
    expected = export_files(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for path in stale:
        if path in expected:
            path.write_text(expected[path], encoding="utf-8")
            print(f"wrote: {path}")
        else:
            path.unlink()
            print(f"removed: {path}")
    return 0
