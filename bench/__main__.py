"""`make bench`: time fixlint against flake8, Semgrep, Bandit and the
ast.parse floor on a pinned corpus of real framework code.

    python -m bench [--repeat N] [--only KEY,...] [--no-write]

BENCH_REPEAT sets the number of rounds (3); BENCH_CACHE the corpus cache
(~/.cache/fixlint-bench). A round runs every measurement once (the cheap
floor/fixlint pair three times, alternately), and rounds repeat, so a burst
of load from other jobs on a shared machine spreads over all tools instead
of hitting one. --only takes measurement keys (see tools.plan) and writes
nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from . import corpus as cp
from . import machine, report, targets, tools
from .measure import CommandFailed, Run, run_once

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SCALES = (2, 4)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT") or 3),
                        help="rounds (default: $BENCH_REPEAT or 3); each round runs every measurement "
                             "once, and the floor/fixlint pair three times")
    parser.add_argument("--only", default="",
                        help="comma-separated measurement keys to run (e.g. 'fixlint j1,floor'); "
                             "results are then not written")
    parser.add_argument("--no-write", action="store_true", help="print the table, write no files")
    return parser.parse_args(argv)


def add_up(parts):
    """One run of a Sum: times add up, the peak RSS is the larger peak."""
    shares = [r.fixlint_cpu for r in parts]
    return Run(sum(r.wall for r in parts), sum(r.cpu for r in parts), max(r.rss_mb for r in parts), 0,
               None if None in shares else sum(shares))


def one_round(rows, only, first):
    """The Measurements of one round, in the order they run."""
    order = []
    for row in rows:
        if isinstance(row, tools.Group):
            order += [m for m in row.members if not only or m.key in only] * row.times
        elif isinstance(row, tools.Measurement) and (not only or row.key in only):
            if first or not row.first_round_only:
                order.append(row)
    return order


def table_rows(rows):
    """Measurements and Sums in table order."""
    out = []
    for row in rows:
        out.extend(row.members if isinstance(row, tools.Group) else [row])
    return out


def warm_up(corpus, big=None):
    """Untimed: read every file once (page cache) and start each tool once on
    the fixtures (bytecode caches), so the first timed run is not the odd one;
    build the 1,000-module project's cache, which its one-file runs find warm."""
    fixtures = [corpus.packages[-1][1]]
    share = cp.default_cache() / "share-warm-up.txt"
    for argv in (tools.floor([corpus.root]), tools.flake8("E,W,F,SFX", fixtures, share),
                 tools.fixlint_check(fixtures, 1)):
        run_once(argv)
    if big is not None:
        run_once(tools.one_file_flake8(tools.FLAKE8_ONE_FILE + ",SFX"), cwd=str(big))


def corpus_summary(corpus):
    packages = []
    for name, folder in corpus.packages:
        files = cp.python_files(folder)
        packages.append({"name": name, "files": len(files), "lines": cp.count_lines(files)})
    return {"packages": packages, "files": sum(p["files"] for p in packages),
            "lines": sum(p["lines"] for p in packages), "cache": str(corpus.root)}


def main(argv=None):
    args = parse_args(argv)
    # The warm-up writes each tool's bytecode cache, as an installed tool has
    # one; where the environment forbids writing it (PYTHONDONTWRITEBYTECODE),
    # every timed run of fixlint, flake8 or Bandit would compile its modules
    # from source again, a cost no user of an installed tool pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = cp.default_cache()
    print(f"corpus: {cache} (pinned wheels, sha256-checked)", file=sys.stderr)
    corpus = cp.prepare(cache, REPO / "fixtures")
    scaled = {times: cp.copies(corpus.root, cache, times) for times in SCALES}
    jobs = machine.usable_cores()
    big = cp.big_project(corpus.root, cache)
    rows = tools.plan(corpus, scaled, REPO, jobs, cache, big_project=big)
    only = {k.strip() for k in args.only.split(",") if k.strip()}
    rounds = [one_round(rows, only, first=i == 0) for i in range(args.repeat)]
    plan = rounds[0]
    skipped = {}
    reason = tools.semgrep_missing_reason(REPO)
    if reason and (not only or "semgrep" in only):
        skipped["semgrep --config rules/ --metrics=off"] = reason

    warm_up(corpus, big)
    runs = {m.key: [] for m in plan}
    total = sum(len(r) for r in rounds)
    done = 0
    try:
        for measurements in rounds:
            for measurement in measurements:
                run = run_once(measurement.argv, cwd=measurement.cwd, env=measurement.env,
                               share_file=measurement.share_file, figure=measurement.figure)
                runs[measurement.key].append(run)
                done += 1
                print(f"[{done}/{total}] {measurement.label} on {measurement.target}: "
                      f"{run.cpu:.2f} s CPU, {run.wall:.2f} s wall, {run.rss_mb:.0f} MB", file=sys.stderr)
    except CommandFailed as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2

    rows = table_rows(rows)
    for row in rows:
        if isinstance(row, tools.Sum) and all(runs.get(k) for k in row.parts):
            runs[row.key] = [add_up(parts) for parts in zip(*(runs[k] for k in row.parts))]
    records = [report.measurement_record(r, runs[r.key]) for r in rows if runs.get(r.key)]
    results = {r["key"]: {"cpu": [run["cpu"] for run in r["runs"]], "wall": [run["wall"] for run in r["runs"]],
                          "fixlint_cpu": [run.get("fixlint_cpu") for run in r["runs"]],
                          "latency_ms": [run.get("latency_ms") for run in r["runs"]], "rss": r["rss_mb"]}
               for r in records}
    semgrep = tools.semgrep_executable()
    document = {
        "date": datetime.date.today().isoformat(),
        "repeat": args.repeat,
        "machine": machine.describe(REPO, tools.semgrep_version(semgrep) if semgrep else None),
        "corpus": corpus_summary(corpus),
        "measurements": records,
        "skipped": skipped,
        "targets": [t._asdict() for t in targets.judge(results, {"semgrep": reason} if reason else {})],
    }
    table = report.markdown(document)
    print(table)
    if not args.no_write and not only:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "latest.json").write_text(report.to_json(document), encoding="utf-8")
        (RESULTS / "latest.md").write_text(table, encoding="utf-8")
        print(f"wrote {RESULTS / 'latest.json'} and latest.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
