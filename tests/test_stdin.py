"""`fixlint check -` and `fixlint fix -` read the source from standard
input, as editors and tools that pipe a buffer need; `--stdin-filename`
names it, so configuration, excludes, per-file-ignores and test-code
detection apply to that name."""

from __future__ import annotations

import os
import subprocess
import sys

from .helpers import write

SOURCE = """\
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp


from config import DEBUG  # noqa: E402

SESSION_COOKIE_SECURE = not DEBUG  # the module decides HTTPS: the Secure fix reuses it
"""
FIXED = SOURCE.replace('samesite="Lax")', 'samesite="Lax", secure=not DEBUG)')


def piped(*args, source=SOURCE, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([sys.executable, "-m", "fixlint", *args], input=source.encode(), cwd=cwd,
                          capture_output=True, timeout=300, env=env)


def test_check_reads_standard_input_under_its_given_name(tmp_path):
    done = piped("check", "-", "--stdin-filename", "app/views.py", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.decode().splitlines() == [
        "app/views.py:6:5: SFX302 cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)"]
    done = piped("check", "-", cwd=tmp_path)
    assert done.stdout.decode().startswith("stdin:6:5: SFX302")


def test_configuration_excludes_and_per_file_ignores_apply_to_the_name(tmp_path):
    write(tmp_path, "setup.cfg", "[flake8]\nextend-exclude = legacy\nper-file-ignores = scripts/*:SFX302\n")
    for name in ("legacy/views.py", "scripts/tool.py"):
        done = piped("check", "-", "--stdin-filename", name, cwd=tmp_path)
        assert (done.returncode, done.stdout) == (0, b""), name
    assert piped("check", "-", "--stdin-filename", "app/views.py", cwd=tmp_path).returncode == 1


def test_test_code_detection_applies_to_the_name(tmp_path):
    login = """\
from flask import session, request


@app.post("/login")
def login():
    user = check_password(request.form["name"], request.form["password"])
    session["user_id"] = user.id
"""
    assert b"SFX101" in piped("check", "-", "--stdin-filename", "app/auth.py", source=login, cwd=tmp_path).stdout
    done = piped("check", "-", "--stdin-filename", "tests/test_auth.py", source=login, cwd=tmp_path)
    assert b"SFX101" not in done.stdout


def test_fix_prints_the_fixed_source(tmp_path):
    done = piped("fix", "-", "--stdin-filename", "app/views.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == FIXED
    assert "fixed 1 finding" in done.stderr.decode()
    assert not (tmp_path / "app").exists()


def test_fix_prints_an_excluded_or_clean_buffer_unchanged(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.fixlint]\nexclude = ["legacy/"]\n')
    for name, source in (("legacy/views.py", SOURCE), ("app/views.py", FIXED)):
        done = piped("fix", "-", "--stdin-filename", name, source=source, cwd=tmp_path)
        assert (done.returncode, done.stdout.decode()) == (0, source), done.stderr


def test_fix_from_standard_input_refuses_write_and_other_paths(tmp_path):
    assert piped("fix", "-", "--write", cwd=tmp_path).returncode == 2
    assert piped("fix", "-", ".", cwd=tmp_path).returncode == 2
    assert piped("check", "--stdin-filename", "a.py", ".", cwd=tmp_path).returncode == 2
