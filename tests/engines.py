"""Both engines, run for real over fixtures/, once per test session.

flake8 runs with the plugin over every fixture file, grouped by the file's
`# fixlint-fixture:` options; Semgrep runs once over the whole folder with
the committed export in rules/ (a test checks the export is fresh). The
expected outputs of `fixlint fix` (`*.fixed.py`) are left out of both, as
the fixture harness leaves them out.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict

from fixlint.semgrep import run as semgrep_run

from .annotations import FIXTURES, ROOT, fixture_files, parse

RULES = ROOT / "rules"
FIXED = "*.fixed.py"


def run_flake8(paths, options):
    """{resolved path: {(line, code, message)}} from real flake8."""
    command = [
        sys.executable, "-m", "flake8", "--isolated", "--select", "SFX",
        "--extend-ignore", "SFX305", "--format", "%(path)s\t%(row)d\t%(col)d\t%(code)s\t%(text)s",
        *options, *(str(p.relative_to(ROOT)) for p in paths),
    ]
    # An explicit SFX305 in the options re-enables the opt-in rule.
    if "--extend-select" in options or "--select" in options:
        command.remove("--extend-ignore")
        command.remove("SFX305")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode not in (0, 1):
        raise AssertionError(f"flake8 failed ({done.returncode}):\n{done.stderr}")
    found = defaultdict(set)
    for line in done.stdout.splitlines():
        path, row, col, code, text = line.split("\t", 4)
        found[(ROOT / path).resolve()].add((int(row), code, text))
    return found


def flake8_over_fixtures():
    groups = defaultdict(list)
    for path in fixture_files():
        groups[parse(path).options].append(path)
    found = {}
    for options, paths in groups.items():
        found.update(run_flake8(paths, list(options)))
    return found


def semgrep_over_fixtures(config=RULES):
    """{resolved path: {(line, code, check id, message)}} from one real
    Semgrep run of `config` over fixtures/; the run's errors fail it."""
    output = semgrep_run.scan(config, [FIXTURES.relative_to(ROOT)], extra=("--exclude", FIXED))
    if output.get("errors"):
        raise AssertionError(f"semgrep reported errors: {output['errors']}")
    found = defaultdict(set)
    for f in semgrep_run.findings(output):
        found[f.path].add((f.line, f.code, f.check_id, f.message))
    return found
