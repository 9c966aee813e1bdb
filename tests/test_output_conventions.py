"""`fixlint check` behaves like the linters CI and people expect: exit
codes, -q, --statistics, relative paths, and colour only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from .helpers import ROOT, run_cli, write

VULNERABLE = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v")
    return resp
"""  # SFX301, SFX302 and SFX303 at 5:5
SECURE_ONLY = VULNERABLE.replace('"v")', '"v", httponly=True, samesite="Lax")')  # SFX302 only
ANSI = "\x1b["


@pytest.fixture
def project(tmp_path):
    write(tmp_path, "a.py", VULNERABLE)
    write(tmp_path, "b.py", SECURE_ONLY)
    write(tmp_path, "clean.py", "x = 1\n")
    return tmp_path


def test_exit_codes_clean_findings_errors_and_exit_zero(project):
    assert run_cli("check", "clean.py", cwd=project).returncode == 0
    assert run_cli("check", "a.py", cwd=project).returncode == 1
    write(project, "broken.py", "def logout(:\n    session.clear()\n")
    assert run_cli("check", "broken.py", "clean.py", cwd=project).returncode == 2
    assert run_cli("check", ".", cwd=project).returncode == 2  # errors outrank findings
    assert run_cli("check", "--exit-zero", ".", cwd=project).returncode == 0
    assert run_cli("check", "--exit-zero", "--select", "NOPE", ".", cwd=project).returncode == 2


def test_quiet_prints_only_files_with_findings_and_qq_nothing(project):
    quiet = run_cli("check", "-q", ".", cwd=project)
    assert (quiet.returncode, quiet.stdout) == (1, "a.py\nb.py\n")
    silent = run_cli("check", "-qq", ".", cwd=project)
    assert (silent.returncode, silent.stdout) == (1, "")
    write(project, "broken.py", "def logout(:\n    session.clear()\n")
    silent = run_cli("check", "-qq", ".", cwd=project)
    assert silent.returncode == 2 and "broken.py:1:" in silent.stderr  # errors are never hidden


def test_statistics_count_each_code_like_flake8(project):
    done = run_cli("check", "--statistics", ".", cwd=project)
    lines = done.stdout.splitlines()
    assert len(lines) == 4 + 3
    assert lines[4:] == [
        "1     SFX301 cookie 'sid' is set without HttpOnly; pass httponly=True to set_cookie() (Flask)",
        "2     SFX302 cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)",
        "1     SFX303 cookie 'sid' is set without SameSite; pass samesite=\"Lax\" to set_cookie() (Flask)",
    ]
    quiet = run_cli("check", "-qq", "--statistics", ".", cwd=project)
    assert quiet.stdout.splitlines() == lines[4:]


def test_text_only_options_are_refused_with_machine_formats(project):
    for fmt in ("json", "sarif", "gitlab"):
        for flag in ("-q", "--statistics"):
            done = run_cli("check", "--format", fmt, flag, ".", cwd=project)
            assert done.returncode == 2
            assert done.stderr.startswith("fixlint: error: --") and "--format text only" in done.stderr
            assert done.stdout == ""


def test_paths_are_relative_to_the_current_directory_in_every_format(project):
    sub = project / "pkg"
    write(sub, "app.py", SECURE_ONLY)
    absolute = str(sub / "app.py")
    assert run_cli("check", absolute, cwd=project).stdout.startswith("pkg/app.py:5:5: SFX302")
    assert run_cli("check", "--statistics", "pkg/../pkg", cwd=project).stdout.startswith("pkg/app.py:5:5:")
    found = json.loads(run_cli("check", "--format", "json", absolute, cwd=project).stdout)
    assert [f["path"] for f in found["findings"]] == ["pkg/app.py"]
    gitlab = json.loads(run_cli("check", "--format", "gitlab", absolute, cwd=project).stdout)
    assert [v["location"]["file"] for v in gitlab["vulnerabilities"]] == ["pkg/app.py"]


def _run_on_a_terminal(args, cwd, env):
    """Run `python -m fixlint` with stdout on a pseudo-terminal; its output."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "fixlint", *args], cwd=cwd, env=env,
                            stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return proc.returncode, b"".join(chunks).decode("utf-8")


def _env(**changes):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    env.update(changes)
    return env


def test_colour_on_a_terminal_and_never_when_piped(project):
    code, shown = _run_on_a_terminal(["check", "b.py"], project, _env())
    assert code == 1
    assert f"{ANSI}1mb.py{ANSI}m" in shown and f"{ANSI}31mSFX302{ANSI}m" in shown
    piped = subprocess.run([sys.executable, "-m", "fixlint", "check", "b.py"], cwd=project, env=_env(),
                           capture_output=True, text=True)
    assert piped.returncode == 1 and ANSI not in piped.stdout
    assert piped.stdout.startswith("b.py:5:5: SFX302 ")


def test_no_color_and_force_color_and_the_color_flag(project):
    _, shown = _run_on_a_terminal(["check", "b.py"], project, _env(NO_COLOR="1"))
    assert ANSI not in shown and "b.py:5:5: SFX302" in shown
    _, shown = _run_on_a_terminal(["check", "b.py"], project, _env(NO_COLOR=""))  # empty: not set
    assert ANSI in shown
    _, shown = _run_on_a_terminal(["check", "--color", "never", "b.py"], project, _env())
    assert ANSI not in shown
    forced = run_cli("check", "b.py", cwd=project, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert ANSI in forced.stdout
    both = run_cli("check", "b.py", cwd=project, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ANSI not in both.stdout
    always = run_cli("check", "--color", "always", "b.py", cwd=project, env={"NO_COLOR": "1"})
    assert ANSI in always.stdout
    sarif = run_cli("check", "--color", "always", "--format", "sarif", "b.py", cwd=project)
    assert ANSI not in sarif.stdout and json.loads(sarif.stdout)


def test_help_documents_the_conventions():
    done = subprocess.run([sys.executable, "-m", "fixlint", "check", "--help"], cwd=ROOT,
                          capture_output=True, text=True)
    for flag in ("--quiet", "--statistics", "--exit-zero", "--color", "--output-file", "sarif", "gitlab"):
        assert flag in done.stdout
