"""The README's Semgrep command (docs/semgrep/scan.sh) runs as written: real
Semgrep, offline, with this repository's rules/ over a scratch project with a
vulnerable and a clean file."""

from __future__ import annotations

import json
import shlex
import textwrap

from fixlint.semgrep import run as semgrep_run

ROOT = semgrep_run.ROOT

VULNERABLE = textwrap.dedent('''\
    from flask import Flask, make_response

    app = Flask(__name__)


    @app.get("/login")
    def login():
        resp = make_response("ok")
        resp.set_cookie("__Host-sid", "abc", httponly=True, samesite="Lax")
        return resp
''')
CLEAN = VULNERABLE.replace('httponly=True, samesite="Lax"', 'secure=True, httponly=True, samesite="Lax"')


def snippet_command():
    lines = (ROOT / "docs/semgrep/scan.sh").read_text(encoding="utf-8").splitlines()
    (command,) = [line for line in lines if line.startswith("semgrep ")]
    return shlex.split(command)


def test_snippet_scans_with_the_exported_rules_offline():
    words = snippet_command()
    assert words[:2] == ["semgrep", "scan"]
    assert "--metrics=off" in words
    assert words[words.index("--config") + 1] == "rules/"


def test_snippet_reports_the_vulnerable_file_and_not_the_clean_one(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "vulnerable.py").write_text(VULNERABLE, encoding="utf-8")
    (src / "clean.py").write_text(CLEAN, encoding="utf-8")
    words = snippet_command()
    target = words.index("src/")
    args = words[1:target] + ["--disable-version-check", *semgrep_run.PATIENT_FLAGS, "--json", str(src)] + words[target + 1:]
    done = semgrep_run.semgrep(*args)
    assert done.returncode == 0, done.stderr[-2000:]

    results = json.loads(done.stdout)["results"]
    reported = {(r["path"].rsplit("/", 1)[-1], r["check_id"].rsplit("fixlint.", 1)[-1]) for r in results}
    assert ("vulnerable.py", "cookie-without-secure") in reported, reported
    assert not any(name == "clean.py" for name, _ in reported), reported
