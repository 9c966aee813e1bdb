"""pre-commit, for real: this checkout as a hook repository, run by pre-commit.

pre-commit builds a virtualenv and pip-installs the hook into it, so each
run costs seconds; PRE_COMMIT_HOME points at a scratch folder so nothing is
left in the user's cache. `try-repo` takes a git checkout: with uncommitted
changes to tracked files it commits them to a shadow clone first (untracked
files are not seen until `git add`ed).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from fixlint import __version__
from fixlint.docs import REPOSITORY_URL

from .helpers import ROOT, write

VULNERABLE = """
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""
CLEAN = VULNERABLE.replace("httponly=True", "secure=True, httponly=True")
FINDING = "vulnerable.py:6:5: SFX302 cookie 'sid' is set without Secure"


def _is_git_checkout(path):
    done = subprocess.run(["git", "-C", str(path), "rev-parse", "--is-inside-work-tree"],
                          capture_output=True, text=True)
    return done.returncode == 0 and done.stdout.strip() == "true"


@pytest.fixture
def scratch_repo(tmp_path):
    """A git repository with one vulnerable and one clean Python file."""
    repo = tmp_path / "project"
    write(repo, "vulnerable.py", VULNERABLE)
    write(repo, "clean.py", CLEAN)
    git = ["git", "-c", "user.name=fixlint tests", "-c", "user.email=tests@fixlint.invalid",
           "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["init", "-q"], cwd=repo, check=True)
    subprocess.run(git + ["add", "."], cwd=repo, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "init"], cwd=repo, check=True)
    return repo


def _pre_commit_env(home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GIT_") and k not in ("SKIP", "FORCE_COLOR", "NO_COLOR")}
    env["PRE_COMMIT_HOME"] = str(home)
    return env


def pre_commit(*args, cwd, home):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"],
                          cwd=cwd, env=_pre_commit_env(home), capture_output=True, text=True, timeout=600)


def pre_commit_together(*runs, cwd, home):
    """Several pre-commit runs at once (each builds its own environment:
    running them side by side halves the wait); their CompletedProcesses."""
    procs = [subprocess.Popen([sys.executable, "-m", "pre_commit", *args, "--color", "never"], cwd=cwd,
                              env=_pre_commit_env(home / str(i)), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for i, args in enumerate(runs)]
    done = []
    for args, proc in zip(runs, procs):
        stdout, stderr = proc.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(args, proc.returncode, stdout, stderr))
    return done


def test_hook_manifest_offers_fixlint_check_on_python_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["fixlint"]
    assert hook["entry"] == "fixlint check"
    assert hook["language"] == "python"
    assert hook["types"] == ["python"]
    assert hook.get("pass_filenames", True) is True
    # One fixlint process gets every file and parallelises itself.
    assert hook["require_serial"] is True


def test_readme_snippet_names_this_repository_and_its_hook():
    config = yaml.safe_load((ROOT / "docs/pre-commit/fixlint-hook.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == REPOSITORY_URL
    assert repo["rev"] == f"v{__version__}"
    offered = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert [h["id"] for h in repo["hooks"]] == ["fixlint"]
    assert {h["id"] for h in repo["hooks"]} <= offered


@pytest.mark.skipif(not _is_git_checkout(ROOT), reason="pre-commit try-repo needs a git checkout of fixlint")
def test_try_repo_fails_on_the_vulnerable_file_and_passes_on_the_clean_one(scratch_repo, tmp_path):
    failed, passed = pre_commit_together(
        ["try-repo", str(ROOT), "fixlint", "--files", "vulnerable.py", "clean.py"],
        ["try-repo", str(ROOT), "fixlint", "--files", "clean.py"],
        cwd=scratch_repo, home=tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "fixlint" in failed.stdout and "Failed" in failed.stdout
    assert FINDING in failed.stdout
    assert "clean.py" not in failed.stdout.split("hook id: fixlint", 1)[1]
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "fixlint tests", "GIT_AUTHOR_EMAIL": "tests@fixlint.invalid",
                "GIT_COMMITTER_NAME": "fixlint tests", "GIT_COMMITTER_EMAIL": "tests@fixlint.invalid"}


@pytest.fixture(scope="module")
def released_clone(tmp_path_factory):
    """A clone of this repository's committed HEAD, released by the README's
    release steps (docs/install/release.sh) as far as they stay local: the
    `git tag` line, run verbatim."""
    clone = tmp_path_factory.mktemp("hosted") / "fixlint"
    subprocess.run(["git", "clone", "-q", "--no-local", str(ROOT), str(clone)], check=True, timeout=300)
    lines = (ROOT / "docs/install/release.sh").read_text(encoding="utf-8").splitlines()
    (tag,) = [line for line in lines if line.startswith("git tag ")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_IDENTITY)
    subprocess.run(tag, shell=True, cwd=clone, env=env, check=True, timeout=60)
    return clone


def hosted_at(text, clone):
    """A snippet with the repository URL pointing at the clone instead."""
    assert REPOSITORY_URL in text
    return text.replace(REPOSITORY_URL, clone.as_uri())


@pytest.mark.skipif(not _is_git_checkout(ROOT), reason="needs a git checkout of fixlint")
def test_the_readme_snippet_runs_with_its_rev_against_a_released_clone(scratch_repo, released_clone, tmp_path):
    snippet = (ROOT / "docs/pre-commit/fixlint-hook.yaml").read_text(encoding="utf-8")
    config = tmp_path / "pre-commit-config.yaml"
    config.write_text(hosted_at(snippet, released_clone), encoding="utf-8")
    (repo,) = yaml.safe_load(snippet)["repos"]
    failed, tried = pre_commit_together(
        ["run", "--config", str(config), "--files", "vulnerable.py", "clean.py"],
        ["try-repo", str(released_clone), repo["hooks"][0]["id"], "--ref", repo["rev"], "--files", "clean.py"],
        cwd=scratch_repo, home=tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert FINDING in failed.stdout
    assert tried.returncode == 0, tried.stdout + tried.stderr
    assert "Passed" in tried.stdout


@pytest.mark.skipif(not _is_git_checkout(ROOT), reason="needs a git checkout of fixlint")
def test_flake8_hook_with_fixlint_as_additional_dependency(scratch_repo, released_clone, tmp_path):
    """The README's flake8 alternative: flake8's hook environment plus fixlint
    from git at the release tag, as the snippet names it.

    The snippet pulls flake8's hook repository from GitHub; here the same
    environment is built from what this machine has: a local flake8 hook
    whose additional dependencies are flake8 and the snippet's own
    requirement, pointed at the released clone."""
    snippet = yaml.safe_load(hosted_at((ROOT / "docs/pre-commit/flake8-hook.yaml").read_text(encoding="utf-8"),
                                       released_clone))
    (repo,) = snippet["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "https://github.com/PyCQA/flake8"
    (requirement,) = hook["additional_dependencies"]
    assert requirement == f"fixlint @ git+{released_clone.as_uri()}@v{__version__}"

    local = {"repos": [{"repo": "local", "hooks": [{
        "id": "flake8", "name": "flake8", "entry": "flake8", "language": "python",
        "types": ["python"], "require_serial": True,
        "additional_dependencies": ["flake8", requirement],
    }]}]}
    config = tmp_path / "pre-commit-config.yaml"
    config.write_text(yaml.safe_dump(local), encoding="utf-8")
    home = tmp_path / "pre-commit-home"

    failed = pre_commit("run", "--config", str(config), "--files", "vulnerable.py", "clean.py",
                        cwd=scratch_repo, home=home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert FINDING in failed.stdout
    passed = pre_commit("run", "--config", str(config), "--files", "clean.py", cwd=scratch_repo, home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_every_install_recipe_names_the_same_git_requirement():
    lines = (ROOT / "docs/install/today.sh").read_text(encoding="utf-8")
    (requirement,) = re.findall(r"'fixlint\[fix\] @ (git\+\S+)'", lines)
    assert requirement == f"git+{REPOSITORY_URL}@v{__version__}"
    for recipe in ("docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml", "docs/pre-commit/flake8-hook.yaml"):
        assert f"fixlint @ {requirement}" in (ROOT / recipe).read_text(encoding="utf-8"), recipe
