"""Installing fixlint the ways the README shows today (docs/install/): the
wheel `make dist` builds goes into a fresh virtual environment, with
nothing from this checkout on the path, and flake8 and the CLI work from
there. (The git route is run by tests/test_precommit.py, through the flake8
hook's additional_dependencies.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from fixlint import __version__

from .helpers import ROOT, write

VULNERABLE = """
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""


def commands(name):
    """The command lines of a docs/install snippet."""
    lines = (ROOT / "docs" / "install" / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def wheel_folder(tmp_path_factory):
    """dist/ with the wheel built from this checkout, as `make dist` builds it."""
    out = tmp_path_factory.mktemp("build") / "dist"
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def shell(command, cwd, bin_folder):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "NO_COLOR", "FORCE_COLOR", "PIP_REQUIRE_VIRTUALENV")}
    env["PATH"] = str(bin_folder) + os.pathsep + env.get("PATH", "")
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_make_dist_builds_both_and_checks_them_with_twine():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndist:", 1)[1].split("\n\n", 1)[0]
    assert "-m build --sdist --wheel" in recipe
    assert "-m twine check --strict dist/*" in recipe


def test_the_wheel_holds_the_package_and_its_entry_points_only(wheel_folder):
    (wheel,) = wheel_folder.glob("*.whl")
    assert wheel.name == f"fixlint-{__version__}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    assert "fixlint/plugin.py" in names and "fixlint/fix/apply.py" in names
    assert not [n for n in names if n.startswith(("tests/", "fixtures/"))]
    entry_points = zipfile.ZipFile(wheel).read(f"fixlint-{__version__}.dist-info/entry_points.txt").decode()
    assert re.search(r"^SFX = fixlint\.plugin:Plugin$", entry_points, re.M)
    assert re.search(r"^fixlint = fixlint\.cli:main$", entry_points, re.M)


def test_the_readme_wheel_command_installs_into_a_fresh_venv_where_flake8_and_the_cli_work(wheel_folder, tmp_path):
    (line,) = [c for c in commands("today.sh") if "dist/" in c]
    assert f"dist/fixlint-{__version__}-py3-none-any.whl" in line
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_folder = venv / "bin"
    project = tmp_path / "project"
    shutil.copytree(wheel_folder, project / "dist")
    write(project, "app.py", VULNERABLE)

    installed = shell(line, project, bin_folder)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    where = shell("python -c 'import fixlint; print(fixlint.__file__)'", project, bin_folder)
    assert where.stdout.startswith(str(venv)), where.stdout

    flake8 = shell("flake8 --select SFX app.py", project, bin_folder)
    assert flake8.returncode == 1, flake8.stderr
    assert [line.split()[1] for line in flake8.stdout.splitlines()] == ["SFX302", "SFX305"]
    check = shell("fixlint check app.py", project, bin_folder)
    assert check.returncode == 1, check.stderr
    assert check.stdout.startswith("app.py:6:5: SFX302 cookie 'sid' is set without Secure")
    fix = shell("fixlint fix --unsafe-fixes app.py", project, bin_folder)  # [fix] brought libcst
    assert "+    resp.set_cookie(\"sid\", \"v\", httponly=True, samesite=\"Lax\", secure=True)" in fix.stdout, fix.stderr


def test_the_readme_checkout_command_installs_into_a_fresh_venv(tmp_path):
    (line,) = [c for c in commands("today.sh") if c.startswith("pip install '.")]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    installed = shell(line, ROOT, venv / "bin")
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    project = tmp_path / "project"
    write(project, "app.py", VULNERABLE)
    check = shell("fixlint check app.py", project, venv / "bin")
    assert check.returncode == 1 and "SFX302" in check.stdout, check.stderr
    where = shell("python -c 'import fixlint; print(fixlint.__file__)'", project, venv / "bin")
    assert where.stdout.startswith(str(venv)), where.stdout
