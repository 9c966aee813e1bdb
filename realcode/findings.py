"""Run fixlint over one application and key its findings robustly.

A finding is keyed by (app, path, code, the stripped text of its line, and
its occurrence among findings with the same four): line numbers move when
a rule reports one statement lower, the text of the pinned code does not.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import PurePosixPath
from typing import NamedTuple

TEST_FOLDERS = frozenset({"tests", "test", "testing"})


class Finding(NamedTuple):
    app: str
    path: str  # relative to the app's folder, with forward slashes
    code: str
    text: str  # the reported line, stripped
    occurrence: int  # 0 for the first finding with this (app, path, code, text)
    line: int  # where it is now: shown, never matched on
    message: str

    @property
    def key(self):
        return (self.app, self.path, self.code, self.text, self.occurrence)


def is_test_code(path):
    """Test code as RULES.md's Revision 2 names it: under a tests/test/testing
    folder, or a test_*.py, *_test.py, *_tests.py or conftest.py file."""
    parts = PurePosixPath(path).parts
    name = parts[-1]
    return (any(part in TEST_FOLDERS for part in parts[:-1]) or name.startswith("test_")
            or name.endswith(("_test.py", "_tests.py")) or name == "conftest.py")


def fixlint_command(folder, jobs=2):
    """The check every app gets: fixlint's default rules, JSON, no project
    configuration or .gitignore of the app's (so runs are alike everywhere),
    and test code included when this fixlint can skip it, so the table can
    split findings in and outside test code."""
    argv = [sys.executable, "-m", "fixlint", "check", "--format", "json", "--isolated",
            "--no-gitignore", "--exit-zero", "-j", str(jobs)]
    if _checks_tests_only_when_asked():
        argv.append("--include-tests")
    return argv + [str(folder)]


@functools.cache
def _checks_tests_only_when_asked():
    """Whether this fixlint skips test code unless given --include-tests."""
    done = subprocess.run([sys.executable, "-m", "fixlint", "check", "--help"],
                          capture_output=True, text=True, check=True)
    return "--include-tests" in done.stdout


class FixlintFailed(Exception):
    pass


def run_fixlint(app, folder, jobs=2):
    """(findings, errors) of fixlint over `folder`; errors are fixlint's
    per-file `error:` records (files it could not analyse)."""
    done = subprocess.run(fixlint_command(folder, jobs), capture_output=True, text=True)
    if done.returncode != 0:
        raise FixlintFailed(f"{app}: fixlint exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    report = json.loads(done.stdout)
    return keyed(app, folder, report["findings"]), report["errors"]


def keyed(app, folder, records):
    """Findings from fixlint's JSON records, in path/line order, each with
    its line's text and its occurrence index."""
    folder = PurePosixPath(str(folder))
    rows = []
    lines_of = {}
    for r in sorted(records, key=lambda r: (r["path"], r["line"], r["column"], r["code"])):
        path = PurePosixPath(r["path"])
        relative = str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)
        if r["path"] not in lines_of:
            with open(r["path"], encoding="utf-8", errors="replace") as f:
                lines_of[r["path"]] = f.read().splitlines()
        lines = lines_of[r["path"]]
        text = lines[r["line"] - 1].strip() if 0 < r["line"] <= len(lines) else ""
        rows.append((relative, r["code"], text, r["line"], r["message"]))
    seen = {}
    findings = []
    for relative, code, text, line, message in rows:
        occurrence = seen.get((relative, code, text), 0)
        seen[(relative, code, text)] = occurrence + 1
        findings.append(Finding(app, relative, code, text, occurrence, line, message))
    return findings
