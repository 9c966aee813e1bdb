"""The `fixlint` command through its real entry point."""

from __future__ import annotations

import json

from .helpers import run_cli, run_flake8, write

VULNERABLE = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""
CLEAN = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", secure=True, httponly=True, samesite="Lax")
    return resp
"""


def test_findings_exit_1_with_flake8_style_lines(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    done = run_cli("check", "app.py", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "app.py:5:5: SFX302 cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)"
    ]


def test_clean_code_exits_0(tmp_path):
    write(tmp_path, "app.py", CLEAN)
    done = run_cli("check", ".", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")


def test_json_output(tmp_path):
    write(tmp_path, "pkg/app.py", VULNERABLE)
    done = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    document = json.loads(done.stdout)
    assert done.returncode == 1
    assert document["findings"] == [{
        "path": "pkg/app.py", "line": 5, "column": 5, "code": "SFX302",
        "name": "cookie-without-secure",
        "message": "cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)",
        "severity": "medium",
    }]
    assert document["errors"] == []
    assert document["summary"]["files"] == 1


def test_select_and_ignore_by_code_and_prefix(tmp_path):
    write(tmp_path, "app.py", VULNERABLE.replace('httponly=True, samesite="Lax"', ""))
    codes = lambda done: sorted({line.split()[1] for line in done.stdout.splitlines()})  # noqa: E731
    assert codes(run_cli("check", "app.py", cwd=tmp_path)) == ["SFX301", "SFX302", "SFX303"]
    assert codes(run_cli("check", "--select", "SFX302", "app.py", cwd=tmp_path)) == ["SFX302"]
    assert codes(run_cli("check", "--ignore", "SFX30", "app.py", cwd=tmp_path)) == []
    # As in flake8, an explicit select beats the opt-in rule's implicit default.
    assert codes(run_cli("check", "--select", "SFX3", "--ignore", "SFX301", "app.py", cwd=tmp_path)) == [
        "SFX302", "SFX303", "SFX305"]
    assert codes(run_cli("check", "--select", "SFX3", "--ignore", "SFX30", "app.py", cwd=tmp_path)) == []


def test_opt_in_rule_runs_only_when_selected(tmp_path):
    write(tmp_path, "app.py", CLEAN)
    assert run_cli("check", "app.py", cwd=tmp_path).returncode == 0
    for flags in (["--extend-select", "SFX305"], ["--select", "SFX"]):
        done = run_cli("check", *flags, "app.py", cwd=tmp_path)
        assert done.returncode == 1
        assert "SFX305 session cookie 'sid' lacks the __Host- prefix" in done.stdout


def test_noqa_is_honoured_like_flake8(tmp_path):
    source = VULNERABLE.replace('samesite="Lax")', 'samesite="Lax")  # noqa: SFX302')
    write(tmp_path, "a.py", source)
    write(tmp_path, "b.py", VULNERABLE.replace('samesite="Lax")', 'samesite="Lax")  # noqa: SFX301'))
    write(tmp_path, "c.py", VULNERABLE.replace('samesite="Lax")', 'samesite="Lax")  # NOQA'))
    write(tmp_path, "d.py", VULNERABLE.replace('samesite="Lax")', 'samesite="Lax")  # noqa:SFX3'))
    write(tmp_path, "e.py", VULNERABLE.replace('"v", httponly', '"v",\n        httponly').replace('samesite="Lax")', 'samesite="Lax",\n    )  # noqa: SFX302'))
    write(tmp_path, "f.py", "# flake8: noqa\n" + VULNERABLE)
    done = run_cli("check", ".", cwd=tmp_path)
    reported = sorted(line.split(":")[0] for line in done.stdout.splitlines())
    # flake8 maps a noqa only across multi-line tokens, not a whole bracketed
    # call: e.py stays reported by both.
    assert reported == ["b.py", "e.py"]
    flake8 = run_flake8("--isolated", "--select", "SFX", "--extend-ignore", "SFX305", ".", cwd=tmp_path)
    assert sorted(line.split(":")[0].removeprefix("./") for line in flake8.stdout.splitlines()) == reported


def test_unparseable_and_undecodable_files_are_reported_and_the_run_goes_on(tmp_path):
    write(tmp_path, "broken.py", "def logout(:\n    session.clear()\n")
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")
    (tmp_path / "binary.py").write_bytes(b"\x00\x01\x02")
    write(tmp_path, "app.py", VULNERABLE)
    done = run_cli("check", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert "app.py:5:5: SFX302" in done.stdout
    errors = done.stderr.splitlines()
    assert any(e.startswith("broken.py:1:") and "syntax error" in e for e in errors)
    assert any(e.startswith("latin.py:1:1: error: cannot decode") for e in errors)
    assert any(e.startswith("binary.py:1:1: error: not Python source") for e in errors)
    assert "Traceback" not in done.stderr


def test_missing_path_is_an_error(tmp_path):
    done = run_cli("check", "nope", cwd=tmp_path)
    assert done.returncode == 2
    assert "nope:1:1: error: no such file or directory" in done.stderr


def test_default_and_custom_excludes(tmp_path):
    for folder in (".venv", "node_modules", "build", ".git", "vendor", "src"):
        write(tmp_path, f"{folder}/app.py", VULNERABLE)
    done = run_cli("check", "--exclude", "vendor", ".", cwd=tmp_path)
    assert sorted({line.split(":")[0] for line in done.stdout.splitlines()}) == ["src/app.py"]


def test_default_excludes_without_a_spec_match_as_the_spec_does(tmp_path):
    """runner._Excludes tells most paths apart without pathspec: its answer
    is the compiled DEFAULT_EXCLUDES spec's for every path."""
    from fixlint import runner
    from fixlint.excludes import DEFAULT_EXCLUDES

    spec = runner._spec(list(DEFAULT_EXCLUDES))
    paths = ["app.py", "src/app.py", "build/app.py", "src/build/", "src/build", "rebuild/app.py", "build.py",
             "a/.venv/lib/x.py", "venv2/x.py", "pkg.egg-info/", "x/pkg.egg-info/PKG-INFO", ".egg-info",
             "egg-info/x.py", "/abs/node_modules/x.py", "/abs/src/x.py", "dist", "distro/x.py", ".git/",
             "a/__pycache__/m.py", ".fixlint_cache/", "a\\build\\x.py", "./build/x.py", "/build/x.py"]
    for path in paths:
        assert runner._Excludes([]).match_file(path) == spec.match_file(path), path
    assert runner._Excludes(["vendor"]).match_file("vendor/x.py")


def test_gitignore_is_respected(tmp_path):
    write(tmp_path, ".gitignore", "generated/\n")
    write(tmp_path, "generated/app.py", VULNERABLE)
    write(tmp_path, "app.py", VULNERABLE)
    done = run_cli("check", ".", cwd=tmp_path)
    assert sorted({line.split(":")[0] for line in done.stdout.splitlines()}) == ["app.py"]


def test_a_file_git_tracks_is_checked_though_a_gitignore_matches_it(tmp_path):
    """.gitignore applies to untracked files only (git's own rule): a
    committed settings.py its .gitignore lists (round 52's gestiona_iesgn,
    term3_project) is the project's; an untracked one stays skipped."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    write(tmp_path, ".gitignore", "app.py\nlocal/\n")
    write(tmp_path, "app.py", VULNERABLE)
    write(tmp_path, "local/app.py", VULNERABLE)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", "app.py", ".gitignore"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "init"], check=True)
    done = run_cli("check", ".", cwd=tmp_path)
    assert sorted({line.split(":")[0] for line in done.stdout.splitlines()}) == ["app.py"]
    ignored = run_cli("check", ".", cwd=tmp_path / "local")
    assert ignored.stdout.strip() != ""  # named on its own, local/ is checked: its silence above is the .gitignore


def test_parallel_jobs_give_the_same_findings(tmp_path):
    for i in range(12):
        write(tmp_path, f"m{i:02}.py", VULNERABLE)
    serial = run_cli("check", "-j", "1", ".", cwd=tmp_path)
    parallel = run_cli("check", "-j", "2", ".", cwd=tmp_path)
    assert serial.stdout == parallel.stdout
    assert len(serial.stdout.splitlines()) == 12


def test_pyproject_configuration(tmp_path):
    write(tmp_path, "pyproject.toml", """
    [tool.fixlint]
    non-sensitive-cookies = ["sid"]
    max-session-lifetime = "400d"
    """)
    write(tmp_path, "app.py", VULNERABLE)
    assert run_cli("check", ".", cwd=tmp_path).returncode == 0


def test_bad_configuration_is_one_line_exit_2(tmp_path):
    write(tmp_path, "app.py", CLEAN)
    cases = {
        'max-session-lifetime = "forever"': "max-session-lifetime: expected a duration",
        'colour = "red"': "unknown option 'colour'",
        "non-sensitive-cookies = 3": "non-sensitive-cookies: expected a list of strings",
        "select = [\"NOPE1\"]": "[tool.fixlint]: select: unknown rule code or prefix 'NOPE1'",
        "[tool.fixlint": "invalid TOML",
    }
    for body, expected in cases.items():
        header = "" if body.startswith("[") else "[tool.fixlint]\n"
        write(tmp_path, "pyproject.toml", header + body + "\n")
        done = run_cli("check", ".", cwd=tmp_path)
        assert done.returncode == 2, body
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert expected in done.stderr, done.stderr


def test_usage_errors_exit_2():
    assert run_cli("check", "--select", "BOGUS").returncode == 2
    assert run_cli("check", "--format", "xml").returncode == 2
    assert run_cli("explain", "SFX999").returncode == 2
    assert run_cli().returncode == 2


def test_rules_lists_every_rule_with_default():
    done = run_cli("rules")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert any(line.startswith("SFX302  cookie-without-secure") and " on " in line for line in lines)
    assert any(line.startswith("SFX305") and " off " in line for line in lines)


def test_explain_prints_the_rule_docs():
    done = run_cli("explain", "SFX302")
    assert done.returncode == 0
    for heading in ("# SFX302 cookie-without-secure", "## What it does", "## Why is this bad?",
                    "## Example", "## Use instead", "## References"):
        assert heading in done.stdout
    assert run_cli("explain", "cookie-without-secure").stdout == done.stdout
