"""The command lines the benchmark times, one Measurement each.

flake8 over the whole corpus is not run as one process: it is the sum of
the Django run (which the flake8 target needs anyway) and a run over the
rest, paired run by run (a Sum). That saves a ~30 s run per repetition on
this machine, at the price of one extra interpreter start-up (~0.3 s).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from fixlint.semgrep import run as semgrep_run

FLAKE8_BASE = "E,W,F"
FLAKE8_WITH_FIXLINT = "E,W,F,SFX"
KEYS = {FLAKE8_BASE: "plain", FLAKE8_WITH_FIXLINT: "sfx"}
SEMGREP_SUBSET = ("Flask", "Flask-Login")  # measurement keys hold no commas (--only)
FLAKE8_ONE_FILE = "E,W,F"


class Measurement(NamedTuple):
    key: str
    label: str  # the tool and its options
    target: str  # what it runs on
    argv: tuple
    cwd: str = None
    env: dict = None
    share_file: str = None  # where the command writes a figure measured inside the run
    figure: str = "fixlint_cpu"  # which: fixlint's own CPU seconds (flake8_share.py), or latency_ms
    first_round_only: bool = False  # too slow to repeat within the time budget


class Group(NamedTuple):
    """Measurements run alternately `times` times in each round: cheap
    pairs get more runs, each next to its partner."""

    members: tuple
    times: int


class Sum(NamedTuple):
    """A row computed from measured ones: run i is the sum of their run i."""

    key: str
    label: str
    target: str
    parts: tuple  # Measurement keys


def _bin(name):
    """A console script of the benchmark's own environment."""
    return str(Path(sys.executable).with_name(name))


def semgrep_executable():
    """The Semgrep the export's tests use ($FIXLINT_SEMGREP, .venv-semgrep/,
    PATH), or None."""
    try:
        return semgrep_run.semgrep_binary()
    except semgrep_run.SemgrepMissing:
        return None


def exported_rules(repo):
    folder = Path(repo) / "rules"
    return folder if any(folder.glob("*.yaml")) or any(folder.glob("*.yml")) else None


def semgrep_version(executable):
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=120,
                             env=semgrep_env())
        return out.stdout.strip().splitlines()[-1] if out.returncode == 0 and out.stdout.strip() else None
    except (OSError, subprocess.TimeoutExpired):
        return None


def semgrep_env():
    """Offline, as the export's own tests run it: no metrics, no version check."""
    env = dict(os.environ)
    env.update(semgrep_run.OFFLINE_ENV)
    return env


def semgrep_command(executable, rules, folders):
    """Every exported rule over `folders` (relative to the corpus root, where
    it runs), offline; .gitignore and the default .semgrepignore off (the
    corpus root has an empty .semgrepignore), so it scans the files the other
    tools check."""
    return (executable, "scan", *semgrep_run.OFFLINE_FLAGS, "--quiet", "--no-git-ignore",
            "--config", str(rules), *folders)


def flake8(select, folders, share_file):
    """flake8 through flake8_share.py, which also times fixlint's part."""
    script = str(Path(__file__).with_name("flake8_share.py"))
    return (sys.executable, script, str(share_file), "-j1", "--select", select, *map(str, folders))


def fixlint_check(folders, jobs, cache=False):
    # Every rule, as the Semgrep export has every rule: SFX305 is opt-in.
    # Without `cache`, every file is analysed (no results cache), as on a
    # first run; the cache rows run through cached.py.
    return (_bin("fixlint"), "check", "--extend-select", "SFX305", "-j", str(jobs),
            *(() if cache else ("--no-cache",)), *map(str, folders))


def cached(mode, cache_dir, argv):
    """`argv` with fixlint's caches emptied first (`fresh`) or kept (`warm`)."""
    return (sys.executable, str(Path(__file__).with_name("cached.py")), mode, str(cache_dir), *argv)


def project_model(folders):
    return (sys.executable, str(Path(__file__).with_name("project_model.py")), *map(str, folders))


def one_file_flake8(select):
    """flake8 on one file of the 1,000-module project, from its folder."""
    return (sys.executable, "-m", "flake8", "--isolated", "--select", select, "app.py")


def lsp_latency(share_file):
    return (sys.executable, "-m", "bench.lsp_latency", "--share", str(share_file))


def floor(folders):
    return (sys.executable, str(Path(__file__).with_name("floor.py")), *map(str, folders))


def plan(corpus, scaled, repo, jobs, scratch, cheap_times=3, big_project=None):
    """What one round runs, in order: Measurements, Groups and Sums, in the
    order the table shows them. The two sides of each target's ratio run
    back to back (flake8 without and with SFX; the floor and fixlint, then
    Bandit; 1x, 2x and 4x the corpus), so they share the machine's load.
    `scaled` maps a copy count (2, 4) to a folder holding that many copies
    of the corpus; `scratch` is a folder for flake8_share.py's files."""
    root = corpus.root
    everything = [corpus.django, *corpus.rest]
    out = []
    for where, folders in (("django", [corpus.django]), ("rest", corpus.rest)):
        for select in (FLAKE8_BASE, FLAKE8_WITH_FIXLINT):
            share = Path(scratch) / f"share-{where}-{KEYS[select]}.txt"
            out.append(Measurement(f"flake8 {KEYS[select]} {where}", f"flake8 --select {select} -j1",
                                   "Django" if where == "django" else "rest of corpus",
                                   flake8(select, folders, share), share_file=str(share)))
    for select in (FLAKE8_BASE, FLAKE8_WITH_FIXLINT):
        out.append(Sum(f"flake8 {KEYS[select]} corpus", f"flake8 --select {select} -j1", "corpus (Django + rest)",
                       (f"flake8 {KEYS[select]} django", f"flake8 {KEYS[select]} rest")))
    out.append(Group((
        Measurement("floor", "ast.parse of every file, one process", "corpus", floor(everything)),
        Measurement("fixlint j1", "fixlint check -j1", "corpus", fixlint_check([root], 1)),
    ), cheap_times))
    out.append(Measurement("bandit", "bandit -r", "corpus", (_bin("bandit"), "-q", "-r", str(root))))
    semgrep = semgrep_executable()
    rules = exported_rules(repo)
    if semgrep and rules:
        # Semgrep needs about 30 s of CPU for Flask alone, so the whole corpus
        # would not fit the time budget: it runs once, on Flask and
        # Flask-Login, right after fixlint on the same folders.
        subset = [folder for label, folder in corpus.packages if label.split()[0] in SEMGREP_SUBSET]
        names = " + ".join(SEMGREP_SUBSET)
        out.append(Measurement("fixlint j1 subset", "fixlint check -j1", names, fixlint_check(subset, 1)))
        out.append(Measurement("semgrep", "semgrep --config rules/ --metrics=off", names,
                               semgrep_command(semgrep, rules, [f.name for f in subset]),
                               cwd=str(root), env=semgrep_env(), first_round_only=True))
    user_cache = Path(scratch) / "fixlint-user-cache"
    out.append(Group((
        Measurement("project model cold", "project model, no cache", "corpus",
                    cached("fresh", user_cache, project_model([root])), cwd=str(root)),
        Measurement("project model warm", "project model, warm cache", "corpus",
                    cached("warm", user_cache, project_model([root])), cwd=str(root)),
    ), 1))
    out.append(Group((
        Measurement("fixlint j1 first", "fixlint check -j1, caches emptied", "corpus",
                    cached("fresh", user_cache, fixlint_check([root], 1, cache=True)), cwd=str(root)),
        Measurement("fixlint j1 second", "fixlint check -j1 again, unchanged", "corpus",
                    cached("warm", user_cache, fixlint_check([root], 1, cache=True)), cwd=str(root)),
    ), 1))
    if big_project is not None:
        out.append(Group((
            Measurement("one file plain", f"flake8 --select {FLAKE8_ONE_FILE} app.py",
                        "1,000-module project", one_file_flake8(FLAKE8_ONE_FILE), cwd=str(big_project)),
            Measurement("one file sfx", f"flake8 --select {FLAKE8_ONE_FILE},SFX app.py (warm cache)",
                        "1,000-module project", one_file_flake8(FLAKE8_ONE_FILE + ",SFX"), cwd=str(big_project)),
        ), cheap_times))
    out.append(Measurement("fixlint jN", f"fixlint check -j{jobs}", "corpus", fixlint_check([root], jobs)))
    out.append(Measurement("fixlint j1 1x", "fixlint check -j1", "1x corpus (scaling)", fixlint_check([root], 1)))
    for times, folder in sorted(scaled.items()):
        out.append(Measurement(f"fixlint j1 {times}x", "fixlint check -j1", f"{times}x corpus",
                               fixlint_check([folder], 1)))
    latency = Path(scratch) / "lsp-latency.txt"
    out.append(Measurement("lsp latency", "fixlint server, 40 edits", "2,000-line Flask module",
                           lsp_latency(latency), share_file=str(latency), figure="latency_ms"))
    return out


def measurements(rows):
    """The Measurements among plan rows, Groups opened."""
    out = []
    for row in rows:
        if isinstance(row, Group):
            out.extend(row.members)
        elif isinstance(row, Measurement):
            out.append(row)
    return out


def semgrep_missing_reason(repo):
    if exported_rules(repo) is None:
        return "n/a (no exported rules)"
    if semgrep_executable() is None:
        return "n/a (no semgrep executable: make the Semgrep export's venv)"
    return None
