"""The CLI over every .py file of the standard library and of this
environment's site-packages (Django, Flask, FastAPI and Starlette among
them: the test extra installs them), with every rule selected: no internal
error, no file skipped at the time limit.

It is the largest body of real code at hand: about 5,000 files, a minute
on two cores. Files the stdlib ships broken on purpose (Python 2 syntax,
bad coding cookies, in test data) must be reported as such, never as a
fixlint error.
"""

from __future__ import annotations

import json
import os
import sysconfig
from pathlib import Path

import pytest

from fixlint import runner
from fixlint.rules import all_rules

from .helpers import run_cli

# Folders under the stdlib that hold third-party code, not the stdlib.
NOT_STDLIB = ("/site-packages/", "/dist-packages/")
# What an error may say about a file the stdlib ships broken on purpose.
FILE_PROBLEMS = ("syntax error: ", "cannot decode", "not Python source")


def roots():
    paths = sysconfig.get_paths()
    found = []
    for key in ("stdlib", "purelib", "platlib"):
        path = os.path.realpath(paths[key])
        if os.path.isdir(path) and path not in found:
            found.append(path)
    return found


def every_source_file(root):
    """All .py files under `root` (type stubs are never analysed), third-party
    folders of the stdlib aside."""
    for path in Path(root).rglob("*.py"):
        if path.suffix != ".py" or not path.is_file():
            continue
        relative = "/" + path.relative_to(root).as_posix()
        if any(folder in relative for folder in NOT_STDLIB):
            continue
        yield str(path)


def skipped_by_default_excludes(files, discovered):
    """The topmost folders holding files the default excludes (`build`,
    `venv`, ...) skip: named on the command line, they are walked too."""
    folders = sorted({os.path.dirname(f) for f in set(files) - set(discovered)})
    return [f for f in folders if not any(f.startswith(other + os.sep) for other in folders)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    paths = roots()
    files = sorted(f for root in paths for f in every_source_file(root))
    excludes = list(NOT_STDLIB)
    discovered, _ = runner.discover(paths, excludes, use_gitignore=False)
    paths += skipped_by_default_excludes(files, discovered)
    # --include-tests: the stdlib's own tests are the most varied code at hand.
    done = run_cli("check", "--isolated", "--no-gitignore", "--include-tests", "--select", "SFX", "--format", "json",
                   *[arg for pattern in excludes for arg in ("--exclude", pattern)], *paths,
                   cwd=tmp_path_factory.mktemp("corpus"))
    report = json.loads(done.stdout)
    return files, report, done


def test_every_file_is_checked_with_every_rule(corpus):
    files, report, _ = corpus
    assert report["summary"]["rules"] == [rule.code for rule in all_rules()]
    assert report["summary"]["files"] == len(files) > 3000
    frameworks = ("django", "flask", "fastapi", "starlette")
    assert {name for name in frameworks if any(f"/{name}/" in f for f in files)} == set(frameworks)


def test_no_internal_error_and_no_file_skipped(corpus):
    _, report, done = corpus
    bugs = [f"{e['path']}:{e['line']}: {e['message']}" for e in report["errors"]
            if not e["message"].startswith(FILE_PROBLEMS)]
    assert bugs == []
    assert "Traceback" not in done.stderr
    # Only the stdlib's deliberately broken test data fails to parse or decode.
    broken = {e["path"] for e in report["errors"]}
    assert all("test" in path for path in broken), broken


def test_fix_on_every_corpus_file_with_findings(corpus, tmp_path):
    # Without --write: the diff is printed, the installed files stay as they are.
    _, report, _ = corpus
    flagged = sorted({f["path"] for f in report["findings"]})
    assert flagged, "the corpus gives fix nothing to do"
    done = run_cli("fix", "--isolated", "--include-tests", "--select", "SFX", "--unsafe-fixes", *flagged, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert [line for line in done.stderr.splitlines() if ": error: " in line] == []
