"""Exit codes stay honest: an internal error, a file skipped at the time
limit, a worker that died and a configuration error are never "clean".

These run `fixlint.cli.main` in-process so that a rule can be made to fail
or hang on purpose; with -j2 the forked workers inherit the patch.
"""

from __future__ import annotations

import os
import time

import pytest

from fixlint import runner
from fixlint.rules.sfx302_cookie_without_secure import CookieWithoutSecure

from .helpers import run_main as run
from .helpers import write

VULNERABLE = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp

SECURE_SSL_REDIRECT = True  # HTTPS only: the Secure fix is safe
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Four files (enough for -j2 to fork workers), one named slow.py."""
    for name in ("a.py", "b.py", "c.py", "slow.py"):
        write(tmp_path, name, VULNERABLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def patch_check(monkeypatch, behaviour):
    """Make SFX302's check call `behaviour(ctx)` on slow.py only."""
    original = CookieWithoutSecure.check

    def check(self, ctx, facts):
        if ctx.filename.endswith("slow.py"):
            behaviour(ctx)
        return original(self, ctx, facts)

    monkeypatch.setattr(CookieWithoutSecure, "check", check)


def boom(ctx):
    raise RuntimeError("boom")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_raises_is_reported_and_exits_2(project, monkeypatch, capsys, jobs):
    patch_check(monkeypatch, boom)
    status, out, err = run(capsys, "check", "-j", jobs, ".")
    assert status == 2
    assert len(out.splitlines()) == 3  # SFX302 in a.py, b.py and c.py
    first, summary = err.splitlines()
    assert first.startswith("slow.py:1:1: error: internal error in SFX302: RuntimeError: boom at test_exit_codes.py:")
    assert summary == ("fixlint: 1 file could not be analysed "
                       "(1 because of an internal error in fixlint: please report it)")


def test_exit_zero_turns_an_internal_error_into_0_but_still_says_it(project, monkeypatch, capsys):
    patch_check(monkeypatch, boom)
    status, _, err = run(capsys, "check", "--exit-zero", ".")
    assert status == 0
    assert "internal error in SFX302" in err


def test_an_error_outside_any_file_is_one_line_and_exits_2(project, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(runner, "discover", broken)
    status, out, err = run(capsys, "check", ".")
    assert status == 2
    assert out == ""
    assert err.startswith("fixlint: internal error: KeyError: 'oops' at test_exit_codes.py:")
    assert len(err.splitlines()) == 1


def hang(ctx):
    # 20 s, not forever: should the time limit break, the test fails, not the suite.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            time.sleep(1)
        except Exception:  # a careless `except Exception` cannot swallow the time limit
            pass


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_limit_is_skipped_and_the_run_goes_on(project, monkeypatch, capsys, jobs):
    patch_check(monkeypatch, hang)
    status, out, err = run(capsys, "check", "-j", jobs, "--per-file-timeout", "0.5", ".")
    assert status == 2
    assert [line.split(":")[0] for line in out.splitlines()] == ["a.py", "b.py", "c.py"]
    assert err.splitlines() == [
        "slow.py:1:1: error: skipped: not analysed within 0.5 s (per-file-timeout)",
        "fixlint: 1 file could not be analysed",
    ]


def test_the_time_limit_comes_from_pyproject_too(project, monkeypatch, capsys):
    write(project, "pyproject.toml", "[tool.fixlint]\nper-file-timeout = 0.5\n")
    patch_check(monkeypatch, hang)
    status, _, err = run(capsys, "check", "-j", "1", ".")
    assert status == 2
    assert "slow.py:1:1: error: skipped: not analysed within 0.5 s (per-file-timeout)" in err


def test_fix_skips_a_file_over_the_time_limit(project, monkeypatch, capsys):
    patch_check(monkeypatch, hang)
    status, out, err = run(capsys, "fix", "-j", "1", "--per-file-timeout", "0.5", ".")
    assert status == 2
    assert "slow.py:1:1: error: skipped: not analysed within 0.5 s (per-file-timeout)" in err.splitlines()
    assert out.count("+++ b/") == 3


def test_fix_reports_an_internal_error_per_file_and_goes_on(project, monkeypatch, capsys):
    from fixlint.fix import fixer as engine

    original = engine.fix_text

    def fix_text(text, path, *args, **kwargs):
        if path.endswith("slow.py"):
            raise ValueError("planner bug")
        return original(text, path, *args, **kwargs)

    monkeypatch.setattr(engine, "fix_text", fix_text)
    status, out, err = run(capsys, "fix", "-j", "1", ".")
    assert status == 2
    assert out.count("+++ b/") == 3
    assert err.splitlines()[0].startswith(
        "slow.py:1:1: error: internal error: ValueError: planner bug at test_exit_codes.py:")
    assert err.splitlines()[0].endswith("(please report this); not fixed")


def test_a_worker_that_dies_fails_its_files_without_hanging(project, monkeypatch, capsys):
    original = runner.check_file

    def check_file(path, *args):
        if path.endswith("slow.py"):
            os._exit(9)  # as the kernel's OOM killer would
        return original(path, *args)

    monkeypatch.setattr(runner, "check_file", check_file)
    status, _, err = run(capsys, "check", "-j", "2", ".")
    assert status == 2
    assert f"slow.py:1:1: error: {runner.WORKER_DIED}" in err.splitlines()


@pytest.mark.parametrize(("args", "pyproject", "message"), [
    (["--select", "SFX9"], None, "--select: unknown rule code or prefix 'SFX9'"),
    (["--ignore", "E501"], None, "--ignore: unknown rule code or prefix 'E501'"),
    (["--per-file-timeout", "0"], None, "--per-file-timeout: expected a positive number of seconds, got '0'"),
    (["--per-file-timeout", "soon"], None, "--per-file-timeout: expected a positive number of seconds"),
    (["-j", "0"], None, "--jobs: expected a positive number up to 512, got 0"),
    (["-j", "100000"], None, "--jobs: expected a positive number up to 512, got 100000"),
    (["--per-file-timeout", "1e20"], None, "--per-file-timeout: at most 86400 seconds (a day), got '1e20'"),
    (["--per-file-timeout", "nan"], None, "--per-file-timeout: expected a positive number of seconds, got 'nan'"),
    (["--max-file-size", "0"], None, "--max-file-size: expected a size from 1 byte to 1G, got '0'"),
    (["--max-file-size", "lots"], None, "--max-file-size: expected a size in bytes such as 4194304 or 4M"),
    ([""], None, "PATH: an empty path names no file"),
    ([], "per-file-timeout = 1e20", "per-file-timeout: at most 86400 seconds (a day), got 1e+20"),
    ([], "max-session-lifetime = 1e400", "max-session-lifetime: at most 36500d (a hundred years), got inf"),
    ([], "max-session-lifetime = nan", "max-session-lifetime: must be positive, got nan"),
    ([], 'max-session-lifetime = "9999999999999999999999999999999999999999d"', "max-session-lifetime: at most 36500d"),
    ([], "max-file-size = 4.5", "max-file-size: expected a size in bytes such as 4194304 or 4M, got 4.5"),
    ([], 'max-file-size = "2G"', "max-file-size: expected a size from 1 byte to 1G, got '2G'"),
    (["--config", "."], None, "--config: not a regular file: ."),
    (["--config", "nope.toml"], None, "--config: no such file: nope.toml"),
    ([], 'per-file-timeout = "soon"', "[tool.fixlint]: per-file-timeout: expected a positive number of seconds"),
    ([], "per-file-timeout = inf", "[tool.fixlint]: per-file-timeout: expected a positive number of seconds"),
    ([], "extend-select = [3]", "[tool.fixlint]: extend-select: expected a list of strings"),
    ([], 'ignore = ["SFX3", "X1"]', "[tool.fixlint]: ignore: unknown rule code or prefix 'X1'"),
    ([], "exclude = 3", "[tool.fixlint]: exclude: expected a list of strings, got 3"),
    ([], 'session-backends = ["redis"]', "session-backends: unknown value 'redis'"),
])
@pytest.mark.parametrize("command", ["check", "fix"])
def test_configuration_errors_are_one_line_naming_the_setting(project, capsys, command, args, pyproject, message):
    if pyproject:
        write(project, "pyproject.toml", "[tool.fixlint]\n" + pyproject + "\n")
    status, out, err = run(capsys, command, *args, ".")
    assert status == 2
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert message in err


def test_a_pyproject_that_is_not_utf8_or_not_a_table(project, capsys):
    (project / "pyproject.toml").write_bytes(b"[tool.fixlint]\nexclude = ['caf\xe9']\n")
    status, _, err = run(capsys, "check", ".")
    assert (status, len(err.splitlines())) == (2, 1)
    assert "pyproject.toml: invalid TOML: not UTF-8" in err
    write(project, "pyproject.toml", "[tool]\nfixlint = 3\n")
    status, _, err = run(capsys, "check", ".")
    assert (status, len(err.splitlines())) == (2, 1)
    assert "pyproject.toml: [tool.fixlint] must be a table" in err


@pytest.mark.parametrize(("args", "pyproject", "message"), [
    (["--exclude", "build/,x\\"], None, "--exclude: not a valid gitignore pattern: 'x\\\\'"),
    ([], 'exclude = ["[z-a]"]', "[tool.fixlint]: exclude: not a valid gitignore pattern: '[z-a]'"),
])
def test_an_invalid_exclude_pattern_names_the_setting(project, capsys, args, pyproject, message):
    if pyproject:
        write(project, "pyproject.toml", "[tool.fixlint]\n" + pyproject + "\n")
    status, out, err = run(capsys, "check", *args, ".")
    assert (status, out, len(err.splitlines())) == (2, "", 1)
    assert message in err


def test_invalid_gitignore_lines_are_skipped_as_git_skips_them(project, capsys):
    write(project, ".gitignore", "!\n[z-a]\nslow.py\ntrailing\\\n")
    status, out, err = run(capsys, "check", ".")
    assert (status, err) == (1, "")
    assert [line.split(":")[0] for line in out.splitlines()] == ["a.py", "b.py", "c.py"]


def test_a_reader_that_leaves_early_is_not_told_clean(tmp_path):
    import subprocess
    import sys

    write(tmp_path, "app.py", "from flask import make_response\nresp = make_response('x')\n"
          + "resp.set_cookie('sid', 'v')\n" * 3000)
    process = subprocess.Popen([sys.executable, "-m", "fixlint", "check", "app.py"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline().startswith(b"app.py:3:1: SFX30")
    process.stdout.close()  # `fixlint check | head -1`
    status = process.wait(timeout=300)
    assert (status, process.stderr.read()) == (141, b"")
