"""`fixlint fix` through its real entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .helpers import run_cli, write

VULNERABLE = """
from datetime import timedelta
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True)  # keep me
    return resp

SECURE_SSL_REDIRECT = True  # served over HTTPS only: the Secure fix is safe
"""
FIXED = VULNERABLE.replace('httponly=True)', 'httponly=True, secure=True, samesite="Lax")')
LONG_LIVED = VULNERABLE.replace("httponly=True)", "httponly=True, max_age=timedelta(days=90))")


def test_without_write_it_prints_a_diff_and_changes_nothing(tmp_path):
    path = write(tmp_path, "app.py", VULNERABLE)
    done = run_cli("fix", "--isolated", "app.py", cwd=tmp_path)
    assert done.returncode == 1  # fixes were found, not applied
    assert done.stdout.splitlines()[:2] == ["--- a/app.py", "+++ b/app.py"]
    assert '-    resp.set_cookie("sid", "v", httponly=True)  # keep me' in done.stdout
    assert '+    resp.set_cookie("sid", "v", httponly=True, secure=True, samesite="Lax")  # keep me' in done.stdout
    assert path.read_text() == VULNERABLE.lstrip("\n")
    assert "2 findings fixable in 1 file (apply with --write)" in done.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_diff_applies_with_git_apply_and_equals_write(tmp_path):
    path = write(tmp_path, "pkg/app.py", VULNERABLE)
    diff = run_cli("fix", "--isolated", ".", cwd=tmp_path).stdout
    subprocess.run(["git", "apply", "-"], input=diff, text=True, cwd=tmp_path, check=True)
    applied = path.read_text()
    write(tmp_path, "pkg/app.py", VULNERABLE)
    run_cli("fix", "--isolated", "--write", ".", cwd=tmp_path)
    assert applied == path.read_text() == FIXED.lstrip("\n")


def test_write_applies_and_exits_0_when_nothing_is_left(tmp_path):
    path = write(tmp_path, "app.py", VULNERABLE)
    done = run_cli("fix", "--isolated", "--write", "app.py", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert path.read_text() == FIXED.lstrip("\n")
    assert "fixed 2 findings in 1 file" in done.stderr
    assert run_cli("check", "--isolated", "app.py", cwd=tmp_path).returncode == 0
    again = run_cli("fix", "--isolated", "--write", "app.py", cwd=tmp_path)
    assert again.returncode == 0 and path.read_text() == FIXED.lstrip("\n")
    assert again.stderr == "fixlint: nothing fixed\n"


MORSEL = """
from http.cookies import SimpleCookie

def view():
    cookie = SimpleCookie()
    cookie["sid"] = "v"
    cookie["sid"]["max-age"] = 60 * 60 * 24 * 90
    return cookie.output()

SECURE_SSL_REDIRECT = True
"""


def test_findings_left_are_shown_at_their_line_in_the_file_on_disk(tmp_path):
    # Three lines (HttpOnly, Secure, SameSite) go above the SFX304 finding at line 6.
    write(tmp_path, "app.py", MORSEL)
    dry = run_cli("fix", "--isolated", "app.py", cwd=tmp_path)
    assert dry.stderr.startswith("app.py:6:5: SFX304")
    wrote = run_cli("fix", "--isolated", "--write", "app.py", cwd=tmp_path)
    assert wrote.stderr.startswith("app.py:9:5: SFX304")


def test_findings_without_a_fix_exit_1_and_are_listed(tmp_path):
    write(tmp_path, "app.py", LONG_LIVED)
    done = run_cli("fix", "--isolated", "--write", "app.py", cwd=tmp_path)
    assert done.returncode == 1
    assert "app.py:6:5: SFX304 cookie 'sid' lives 90 days" in done.stderr
    assert done.stderr.splitlines()[0].endswith("[no fix]")


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    settings = 'ROOT_URLCONF = "site.urls"\nINSTALLED_APPS = []\nMIDDLEWARE = [SESSIONS]\n'
    path = write(tmp_path, "site/settings.py", settings)
    done = run_cli("fix", "--isolated", "--write", ".", cwd=tmp_path)
    assert done.returncode == 1 and path.read_text() == settings
    assert "[unsafe fix available with --unsafe-fixes: a Secure cookie is not sent over plain HTTP" in done.stderr
    done = run_cli("fix", "--isolated", "--write", "--unsafe-fixes", ".", cwd=tmp_path)
    assert done.returncode == 0
    assert path.read_text() == settings + "SESSION_COOKIE_SECURE = True\n"


def test_select_and_ignore_work_as_in_check(tmp_path):
    path = write(tmp_path, "app.py", VULNERABLE)
    run_cli("fix", "--isolated", "--write", "--select", "SFX302", "app.py", cwd=tmp_path)
    assert 'httponly=True, secure=True)' in path.read_text()
    write(tmp_path, "app.py", VULNERABLE)
    run_cli("fix", "--isolated", "--write", "--ignore", "SFX302", "app.py", cwd=tmp_path)
    assert 'httponly=True, samesite="Lax")' in path.read_text()


def test_syntax_error_is_left_alone_with_a_clear_message_and_exit_2(tmp_path):
    broken = write(tmp_path, "broken.py", "def logout(:\n    session.clear()\n")
    good = write(tmp_path, "app.py", VULNERABLE)
    done = run_cli("fix", "--isolated", "--write", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert "broken.py:1:12: error: syntax error" in done.stderr and "not fixed" in done.stderr
    assert broken.read_text() == "def logout(:\n    session.clear()\n"
    assert good.read_text() == FIXED.lstrip("\n")  # the other files are still fixed


def test_without_libcst_fix_says_how_to_install_it(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    code = ("import sys; sys.modules['libcst'] = None; from fixlint.cli import main; "
            "sys.exit(main(['fix', '--isolated', 'app.py']))")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2
    assert "pip install 'fixlint[fix]'" in done.stderr


LOGIN = """
from flask import Flask, redirect, request, session

app = Flask(__name__)

@app.post("/login")
def login():
    user = find_user(request.form["username"])
    session["user_id"] = user.id
    return redirect("/")

@app.route("/logout")
def logout():
    session.pop("user_id", None)
    return redirect("/")
"""


@pytest.mark.parametrize("source", [VULNERABLE, LOGIN], ids=["cookies", "lifecycle"])
def test_the_flake8_plugin_never_loads_libcst_or_the_fixer(source):
    code = (
        "import ast, sys; from fixlint.plugin import Plugin; "
        f"tree = ast.parse({source!r}); found = list(Plugin(tree, 'app.py', None).run()); "
        "print(len(found), sorted(m for m in sys.modules if m == 'libcst' or m.startswith('fixlint.fix')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    count, loaded = done.stdout.strip().split(" ", 1)
    assert int(count) >= 2 and loaded == "[]", done.stderr


def test_lifecycle_fixes_are_listed_as_unsafe_and_applied_only_with_the_flag(tmp_path):
    # Only the lifecycle rules: the app itself is never given SESSION_COOKIE_SECURE (SFX302, no fix).
    path = write(tmp_path, "app.py", LOGIN)
    done = run_cli("fix", "--isolated", "--select", "SFX1", "--write", "app.py", cwd=tmp_path)
    assert done.returncode == 1 and path.read_text() == LOGIN.lstrip("\n")
    assert done.stderr.splitlines()[:2] == [
        "app.py:8:5: SFX101 login binds 'user_id' to the session without regenerating it; "
        "call session.clear() first (Flask) [medium: signed-cookie session, the planted cookie stays "
        "anonymous but data planted in the session before login carries over] "
        "[unsafe fix available with --unsafe-fixes]",
        "app.py:13:5: SFX102 logout removes only 'user_id' and leaves the session alive; "
        "call session.clear() (Flask) [unsafe fix available with --unsafe-fixes]",
    ]
    assert "2 of them with an unsafe fix (--unsafe-fixes)" in done.stderr
    done = run_cli("fix", "--isolated", "--select", "SFX1", "--write", "--unsafe-fixes", "app.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    fixed = path.read_text()
    assert "    session.clear()\n    session[\"user_id\"] = user.id\n" in fixed
    assert "    session.clear()\n    return redirect" in fixed and "session.pop" not in fixed
    assert run_cli("check", "--isolated", "--select", "SFX1", "app.py", cwd=tmp_path).returncode == 0


def _git_repo(folder):
    subprocess.run(["git", "init", "-q", str(folder)], check=True)


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("patch") is None, reason="needs git and patch")
@pytest.mark.parametrize("tool", [["git", "apply", "-"], ["patch", "-s", "-p1"]])
@pytest.mark.parametrize("how", ["absolute path", "from a subfolder", "parent of the repository"])
def test_the_diff_applies_for_absolute_paths_and_from_any_folder(tmp_path, tool, how):
    repo = tmp_path / "repo"
    path = write(repo, "pkg/app.py", VULNERABLE)
    _git_repo(repo)
    cwd, target = {
        "absolute path": (repo, str(path)),
        "from a subfolder": (repo / "pkg", str(path)),
        "parent of the repository": (tmp_path, "repo"),
    }[how]
    done = run_cli("fix", "--isolated", target, cwd=cwd)
    assert "a//" not in done.stdout and "/.." not in done.stdout
    subprocess.run(tool, input=done.stdout, text=True, cwd=cwd, check=True)
    assert path.read_text() == FIXED.lstrip("\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_file_outside_the_current_folder_gets_a_diff_for_its_repository_root(tmp_path):
    repo = tmp_path / "repo"
    path = write(repo, "pkg/app.py", VULNERABLE)
    _git_repo(repo)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run_cli("fix", "--isolated", str(path), cwd=elsewhere)
    assert done.stdout.splitlines()[:2] == ["--- a/pkg/app.py", "+++ b/pkg/app.py"]
    assert f"apply it in {repo}" in done.stderr
    subprocess.run(["git", "-C", str(repo), "apply", "-"], input=done.stdout, text=True, check=True)
    assert path.read_text() == FIXED.lstrip("\n")
