"""fixlint reads code, never runs it: no import of what it checks (even
modules named like the ones fixlint itself imports), no eval, no network,
safe loaders only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT, run_cli, write

# Importing any of these writes a marker file next to it.
SIDE_EFFECT = """
import pathlib
pathlib.Path(__file__).with_suffix(".ran").write_text("executed")
"""
APP = SIDE_EFFECT + """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp

SECURE_SSL_REDIRECT = True  # HTTPS only: the Secure fix is safe
"""
# Modules fixlint (or the tools it runs under) import after start-up: a
# project's own `tokenize.py` must not be picked up in their place.
SHADOWS = ("argparse", "json", "tokenize", "traceback", "pathspec", "typing", "dataclasses",
           "difflib", "hashlib", "tempfile", "concurrent", "multiprocessing", "libcst", "tomllib")


@pytest.fixture
def project(tmp_path):
    write(tmp_path, "app.py", APP)
    write(tmp_path, "setup.py", SIDE_EFFECT)
    write(tmp_path, "conftest.py", SIDE_EFFECT)
    write(tmp_path, "pkg/__init__.py", SIDE_EFFECT)
    for name in SHADOWS:
        write(tmp_path, f"{name}.py", SIDE_EFFECT)
    return tmp_path


def executed(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.ran"))


@pytest.mark.parametrize(("command", "status"), [
    (("check", "."), 1),
    (("fix", "."), 1),
    (("fix", "--write", "."), 0),
])
def test_the_cli_imports_nothing_it_checks(project, command, status):
    done = run_cli(*command, cwd=project)  # `python -m fixlint`: the folder is on sys.path
    assert done.returncode == status, done.stderr
    assert executed(project) == []


def test_the_console_script_imports_nothing_it_checks(project):
    script = Path(sys.executable).with_name("fixlint")
    done = subprocess.run([str(script), "check", "."], cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert executed(project) == []


def test_flake8_with_the_plugin_imports_nothing_it_checks(project):
    flake8 = Path(sys.executable).with_name("flake8")
    done = subprocess.run([str(flake8), "--isolated", "--select", "SFX", "app.py", "pkg"],
                          cwd=project, capture_output=True, text=True, timeout=300)
    assert "SFX302" in done.stdout, done.stderr
    assert executed(project) == []


# -- fixlint's own code ------------------------------------------------------

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
FORBIDDEN_MODULES = ("pickle", "marshal", "shelve", "subprocess", "socket", "urllib.request", "http.client",
                     "http.server", "requests", "ftplib", "smtplib", "ctypes", "runpy", "code")
UNSAFE_YAML = {"load", "load_all", "unsafe_load", "full_load", "full_load_all"}
# Known, reviewed uses: (module, what it imports) -> why it is safe.
ALLOWED = {
    ("fixlint/semgrep/run.py", "subprocess"): "runs the Semgrep binary offline on exported rules, "
                                              "never the checked code",
    ("fixlint/runner.py", "subprocess"): "asks `git ls-files` which files git tracks (a .gitignore applies to "
                                         "untracked files only): reads the repository's index, runs no checked code",
}


def own_modules():
    for path in sorted((ROOT / "fixlint").rglob("*.py")):
        yield path.relative_to(ROOT), ast.parse(path.read_text(encoding="utf-8"))


def _own_import(call):
    """importlib.import_module(f"{__name__}.x") / f"{__package__}.x": fixlint's own modules."""
    arg = call.args[0] if call.args else None
    return (isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.FormattedValue)
            and isinstance(arg.values[0].value, ast.Name)
            and arg.values[0].value.id in ("__name__", "__package__"))


def problems(path, tree):
    for node in ast.walk(tree):
        where = f"{path}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                yield f"{where}: {func.id}()"
            if isinstance(func, ast.Attribute) and func.attr == "import_module" and not _own_import(node):
                yield f"{where}: import_module of a module that is not fixlint's"
            if (isinstance(func, ast.Attribute) and func.attr in UNSAFE_YAML
                    and isinstance(func.value, ast.Name) and func.value.id == "yaml"):
                yield f"{where}: yaml.{func.attr} (use yaml.safe_load)"
        elif isinstance(node, ast.Import):
            yield from _forbidden_imports(where, [a.name for a in node.names])
        elif isinstance(node, ast.ImportFrom) and not node.level:
            yield from _forbidden_imports(where, [f"{node.module}.{a.name}" for a in node.names])


def _forbidden_imports(where, names):
    for name in names:
        if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES):
            yield f"{where}: imports {name}"


def test_fixlint_never_evaluates_loads_unsafely_or_opens_the_network():
    found = [problem for path, tree in own_modules() for problem in problems(path, tree)]
    assert [problem for problem in found if not _allowed(problem)] == []


def _allowed(problem):
    path, _, rest = problem.partition(":")
    return (path, rest.partition(": imports ")[2]) in ALLOWED


def test_the_source_scan_finds_what_it_forbids():
    tree = ast.parse("import yaml, pickle\nfrom urllib import parse, request\neval(x)\nyaml.load(s)\nyaml.safe_load(s)\n"
                     "importlib.import_module(name)\nimportlib.import_module(f'{__name__}.rules')\n")
    assert [p.partition(": ")[2] for p in problems("m.py", tree)] == [
        "imports pickle", "imports urllib.request", "eval()", "yaml.load (use yaml.safe_load)",
        "import_module of a module that is not fixlint's",
    ]
