"""The CI recipes the README shows, run here as far as a machine without
GitHub or GitLab can: their fixlint commands for real, their wiring checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from .helpers import ROOT, write
from .sarif_schema import sarif_errors
from .test_gitlab import REQUIRED as GITLAB_REQUIRED

VULNERABLE = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""


def load(path):
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def run_shell(command, cwd):
    """Run a recipe's command line with this environment's `fixlint` on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_github_workflow_runs_fixlint_and_uploads_its_sarif(tmp_path):
    workflow = load("docs/ci/github-actions.yml")
    (job,) = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    (check,) = [s for s in steps if str(s.get("run", "")).startswith("fixlint ")]
    (upload,) = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    assert steps.index(upload) > steps.index(check)
    assert upload["if"] == "success() || failure()"  # uploads after exit 1 too
    assert any(str(s.get("uses", "")).startswith("actions/checkout@") for s in steps[:steps.index(check)])
    sarif_file = upload["with"]["sarif_file"]

    write(tmp_path, "app/views.py", VULNERABLE)
    done = run_shell(check["run"], cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # findings: the job fails, the upload still runs
    log = json.loads((tmp_path / sarif_file).read_text(encoding="utf-8"))
    assert sarif_errors(log) == []
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/views.py"


def test_gitlab_job_writes_the_sast_report_it_declares(tmp_path):
    config = load("docs/ci/gitlab-ci.yml")
    (job,) = config.values()
    report = job["artifacts"]["reports"]["sast"]
    assert job["artifacts"]["when"] == "always"
    commands = [c for c in job["script"] if c.startswith("fixlint ")]
    assert len(commands) == 1

    write(tmp_path, "app/views.py", VULNERABLE)
    done = run_shell(commands[0], cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    document = json.loads((tmp_path / report).read_text(encoding="utf-8"))
    jsonschema.validate(document, GITLAB_REQUIRED)
    assert [v["location"]["file"] for v in document["vulnerabilities"]] == ["app/views.py"]
