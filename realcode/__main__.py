"""`make realcode`: fixlint over a pinned corpus of real applications,
checked against a reviewed baseline.

    python -m realcode [--update] [--only APP,...] [--cache DIR] [--baseline FILE]

Downloads the corpus (realcode/corpus.py) into $REALCODE_CACHE or
~/.cache/fixlint-realcode, runs fixlint over each app and matches every
finding with its reviewed verdict in realcode/baseline.json. Prints the
table (and writes it to realcode/table.md for the README). Exit 0 when
every finding is reviewed and none vanished; 1 on an unreviewed or
vanished finding; 2 when the corpus or fixlint fails. --update rewrites
the baseline instead: verdicts of findings that still match are kept, new
findings come in as unreviewed, vanished ones are listed and dropped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from . import baseline, corpus, table
from .findings import FixlintFailed, run_fixlint

REPO = Path(__file__).resolve().parent.parent


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m realcode", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true",
                        help="rewrite the baseline: keep matching verdicts, add new findings as unreviewed, "
                             "drop (and list) vanished ones")
    parser.add_argument("--only", default="", help="comma-separated app names to run (the table is not written)")
    parser.add_argument("--cache", type=Path, default=None, help="corpus cache (default: $REALCODE_CACHE or "
                                                                 "~/.cache/fixlint-realcode)")
    parser.add_argument("--baseline", type=Path, default=baseline.PATH, help="the reviewed baseline")
    parser.add_argument("--table", type=Path, default=REPO / table.PATH,
                        help="where the table for the README goes")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="fixlint worker processes")
    return parser.parse_args(argv)


def selected(only, apps=corpus.APPS):
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = set(names) - {a.name for a in apps}
    if unknown:
        raise SystemExit(f"unknown app(s): {', '.join(sorted(unknown))}; "
                         f"the corpus has {', '.join(a.name for a in apps)}")
    return tuple(a for a in apps if not names or a.name in names)


def measure(laid_out, jobs):
    """Every finding of every app, and the files fixlint could not analyse."""
    findings, errors = [], []
    for app, folder in laid_out:
        found, failed = run_fixlint(app.name, folder, jobs)
        print(f"{app.name} {app.dist.version}: {len(found)} findings"
              + (f", {len(failed)} files not analysed" if failed else ""), file=sys.stderr)
        findings += found
        errors += [(app.name, e) for e in failed]
    return findings, errors


def describe(entry):
    return f"  {entry['app']} {entry['path']}:{entry['line']} {entry['code']} {entry['text']}"


def report(comparison, update):
    """Lists the unreviewed and vanished findings; returns the exit status."""
    if comparison.unreviewed:
        print(f"\n{len(comparison.unreviewed)} unreviewed finding(s)"
              + (" (added to the baseline as unreviewed):" if update else ":"))
        for f in comparison.unreviewed:
            print(describe(baseline.entry_of(f)))
    if comparison.vanished:
        print(f"\n{len(comparison.vanished)} vanished finding(s)"
              + (" (dropped from the baseline):" if update else " (fixlint no longer reports them):"))
        for e in comparison.vanished:
            print(describe(e) + f"  [was {e['verdict']}]")
    if update or comparison.clean:
        return 0
    print("\nReview them: python -m realcode --update, then give each unreviewed entry in "
          "realcode/baseline.json a verdict (tp, fp, debatable) and a one-line reason.")
    return 1


def main(argv=None, corpus_apps=corpus.APPS):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    apps = selected(args.only, corpus_apps)
    try:
        laid_out = corpus.prepare(args.cache or corpus.default_cache(), apps)
        findings, errors = measure(laid_out, args.jobs)
    except (OSError, subprocess.CalledProcessError, FixlintFailed, corpus.dists.HashMismatch) as e:
        print(f"realcode: {e}", file=sys.stderr)  # a download (pip), the cache or fixlint failed
        return 2
    for name, e in errors:
        print(f"{name}: error: {e['path']}:{e['line']}: {e['message']}", file=sys.stderr)
    entries = baseline.load(args.baseline)
    comparison = baseline.compare(findings, entries, {a.name for a in apps})
    if args.update:
        entries = baseline.updated(entries, comparison)
        baseline.save(entries, args.baseline)
    shown = [e for e in entries if e["app"] in {a.name for a in apps}]
    if not args.update:  # the current findings, with their verdicts where they have one
        shown = [baseline.entry_of(f, e["verdict"], e["reason"]) for f, e in comparison.matched]
        shown += [baseline.entry_of(f) for f in comparison.new]
    rendered = table.render(shown, apps)
    print(rendered)
    if not args.only:
        args.table.write_text(rendered, encoding="utf-8")
    return report(comparison, args.update)


if __name__ == "__main__":
    sys.exit(main())
