"""Fix safety measured, not assumed: small Starlette, Flask and Django apps
(tests/apps/) run their own tests, over the plain-HTTP test clients
projects use (`http://testserver`), before and after `fixlint fix --write`
with the safe fixes only, and pass both times. The Secure fixes reuse the
app's own HTTPS decision where it has one and are unsafe where it has none:
written as `True`, they break the Starlette app's session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .helpers import ROOT, run_cli

APPS = ROOT / "tests" / "apps"


def app_tests(folder):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_", "APP_"))}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "app_tests.py"],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=300)


def copy(tmp_path, name):
    folder = tmp_path / name
    shutil.copytree(APPS / name, folder)
    return folder


@pytest.mark.parametrize("name, fixed", [
    ("starlette_app", ["https_only=PRODUCTION", "secure=PRODUCTION", "httponly=True"]),
    ("flask_app", ["httponly=True", 'samesite="Lax"']),
    ("django_app", ["SESSION_COOKIE_SECURE = not DEBUG", "httponly=True"]),
])
def test_the_apps_own_tests_pass_before_and_after_the_safe_fixes(tmp_path, name, fixed):
    folder = copy(tmp_path, name)
    before = app_tests(folder)
    assert before.returncode == 0, before.stdout + before.stderr
    done = run_cli("fix", "--isolated", "--write", ".", cwd=folder)
    assert "fixed" in done.stderr, done.stderr
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py")))
    for written in fixed:
        assert written in text, (written, done.stderr)
    after = app_tests(folder)
    assert after.returncode == 0, after.stdout + after.stderr + text


def test_a_secure_fix_without_the_apps_decision_is_unsafe_and_would_break_its_tests(tmp_path):
    folder = copy(tmp_path, "starlette_app")
    app = folder / "app.py"
    app.write_text(app.read_text(encoding="utf-8").replace("debug=not PRODUCTION,", "debug=False,"),
                   encoding="utf-8")
    done = run_cli("fix", "--isolated", "--write", ".", cwd=folder)
    assert "https_only" not in app.read_text(encoding="utf-8")
    assert "[unsafe fix available with --unsafe-fixes: a Secure cookie is not sent over plain HTTP" in done.stderr
    assert app_tests(folder).returncode == 0
    run_cli("fix", "--isolated", "--write", "--unsafe-fixes", ".", cwd=folder)
    assert "https_only=True" in app.read_text(encoding="utf-8")
    assert app_tests(folder).returncode == 1  # the session no longer round-trips over http://testserver
