"""The README's Semgrep command (docs/semgrep/scan.sh) runs as written:
real Semgrep, with none of the offline environment variables the project's
own runs set, so the command's flags alone must keep it offline, and the
rule ids must read `fixlint.<name>` however Semgrep is pointed at rules/."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import textwrap
from pathlib import Path

from fixlint.rules import all_rules
from fixlint.semgrep import run as semgrep_run

ROOT = semgrep_run.ROOT
ID = re.compile(r"(?<![\w.-])((?:[\w-]+\.)*fixlint\.[a-z0-9-]+(?:\.[a-z0-9-]+)?)")

VULNERABLE = textwrap.dedent('''\
    from flask import Flask, make_response

    app = Flask(__name__)


    @app.get("/login")
    def login():
        resp = make_response("ok")
        resp.set_cookie("__Host-sid", "abc", httponly=True, samesite="Lax")
        return resp
''')


def snippet_line():
    lines = (ROOT / "docs/semgrep/scan.sh").read_text(encoding="utf-8").splitlines()
    (command,) = [line for line in lines if line.startswith("semgrep ")]
    return command


def run_verbatim(command, cwd):
    """`command` through the shell, with Semgrep on PATH and no SEMGREP_*
    variable from the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEMGREP_")}
    env["PATH"] = str(Path(semgrep_run.semgrep_binary()).parent) + os.pathsep + env.get("PATH", "")
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def reported_ids(output):
    return {match.group(1) for match in ID.finditer(output)}


def test_snippet_keeps_semgrep_offline_and_the_ids_as_written():
    words = shlex.split(snippet_line())
    assert words[:2] == ["semgrep", "scan"]
    for flag in ("--metrics=off", "--disable-version-check", "--no-rewrite-rule-ids"):
        assert flag in words
    assert words[words.index("--config") + 1] == "rules/"


def test_readme_command_verbatim_over_the_fixtures_shows_the_documented_ids(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "fixtures", tmp_path / "src")
    done = run_verbatim(snippet_line(), cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: findings (Semgrep's --error is off: 0)
    ids = reported_ids(done.stdout)
    assert ids, done.stdout[-2000:]
    assert {i for i in ids if not i.startswith("fixlint.")} == set()
    names = {i.split(".")[1] for i in ids}
    assert names == {r.name for r in all_rules() if r.semgrep}


def test_ids_stay_the_same_with_an_absolute_rules_path_or_one_file(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "app.py").write_text(VULNERABLE, encoding="utf-8")
    command = snippet_line()
    for config in (str(ROOT / "rules"), str(ROOT / "rules" / "cookie-without-secure.yaml")):
        done = run_verbatim(command.replace("--config rules/", f"--config {shlex.quote(config)}"), cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr[-2000:]
        ids = reported_ids(done.stdout)
        assert "fixlint.cookie-without-secure" in ids, done.stdout
        assert all(i.startswith("fixlint.") for i in ids), ids
