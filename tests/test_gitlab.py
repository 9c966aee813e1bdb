"""`fixlint check --format gitlab`: a GitLab SAST report (security report schema 15.x)."""

from __future__ import annotations

import json
import re
import uuid

import jsonschema

from fixlint.docs import rule_docs_url

from .helpers import run_cli, write

VULNERABLE = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""

# What GitLab's SAST report schema (security-report-schemas 15.x,
# dist/sast-report-format.json) requires of a report, written out here so
# the test can name each requirement; GitLab rejects reports that miss one.
_TOOL = {
    "type": "object",
    "required": ["id", "name", "version", "vendor"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "name": {"type": "string", "minLength": 1},
        "version": {"type": "string", "minLength": 1},
        "vendor": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "minLength": 1}}},
    },
}
_TIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"}
REQUIRED = {
    "type": "object",
    "required": ["version", "vulnerabilities", "scan"],
    "properties": {
        "version": {"type": "string", "pattern": r"^15\.\d+\.\d+$"},
        "scan": {
            "type": "object",
            "required": ["analyzer", "scanner", "start_time", "end_time", "status", "type"],
            "properties": {
                "analyzer": _TOOL, "scanner": _TOOL, "start_time": _TIME, "end_time": _TIME,
                "status": {"enum": ["success", "failure"]},
                "type": {"enum": ["sast"]},
                "messages": {"type": "array", "items": {
                    "type": "object", "required": ["level", "value"],
                    "properties": {"level": {"enum": ["info", "warn", "fatal"]}, "value": {"type": "string"}}}},
            },
        },
        "vulnerabilities": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "identifiers", "location"],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "name": {"type": "string", "maxLength": 255},
                "severity": {"enum": ["Info", "Unknown", "Low", "Medium", "High", "Critical"]},
                "identifiers": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["type", "name", "value"],
                    "properties": {"type": {"type": "string", "minLength": 1},
                                   "name": {"type": "string", "minLength": 1},
                                   "value": {"type": "string", "minLength": 1}}}},
                "location": {"type": "object", "required": ["file", "start_line"], "properties": {
                    "file": {"type": "string", "minLength": 1},
                    "start_line": {"type": "integer", "minimum": 1},
                    "end_line": {"type": "integer", "minimum": 1}}},
            },
            # Fields schema 15 removed; GitLab rejects a report that still has them.
            "not": {"anyOf": [{"required": [f]} for f in ("category", "scanner", "message", "cve", "confidence")]},
        }},
    },
}


def gitlab(*args, cwd):
    done = run_cli("check", "--format", "gitlab", *args, cwd=cwd)
    return done, json.loads(done.stdout)


def test_report_has_every_required_field(tmp_path):
    write(tmp_path, "pkg/app.py", VULNERABLE)
    done, report = gitlab(".", cwd=tmp_path)
    assert done.returncode == 1
    jsonschema.validate(report, REQUIRED)
    assert report["scan"]["status"] == "success" and report["scan"]["messages"] == []
    assert report["scan"]["analyzer"]["id"] == "fixlint"


def test_vulnerability_names_rule_cwe_file_and_line(tmp_path):
    write(tmp_path, "pkg/app.py", VULNERABLE)
    _, report = gitlab(".", cwd=tmp_path)
    (vulnerability,) = report["vulnerabilities"]
    uuid.UUID(vulnerability["id"])
    assert vulnerability["location"] == {"file": "pkg/app.py", "start_line": 5, "end_line": 5}
    assert vulnerability["severity"] == "Medium"
    assert vulnerability["description"].startswith("cookie 'sid' is set without Secure; pass secure=True")
    assert "Flask: resp.set_cookie(..., secure=True)" in vulnerability["solution"]
    primary, cwe = vulnerability["identifiers"]
    assert primary == {"type": "fixlint_rule_id", "name": "fixlint SFX302 cookie-without-secure",
                       "value": "SFX302", "url": rule_docs_url("SFX302")}
    assert cwe == {"type": "cwe", "name": "CWE-614", "value": "614",
                   "url": "https://cwe.mitre.org/data/definitions/614.html"}


def test_ids_are_stable_when_code_moves(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    _, before = gitlab(".", cwd=tmp_path)
    write(tmp_path, "app.py", "import os" + VULNERABLE)
    _, after = gitlab(".", cwd=tmp_path)
    assert before["vulnerabilities"][0]["location"]["start_line"] == 5
    assert after["vulnerabilities"][0]["location"]["start_line"] == 6
    assert before["vulnerabilities"][0]["id"] == after["vulnerabilities"][0]["id"]


def test_files_not_analysed_fail_the_scan_with_a_message(tmp_path):
    write(tmp_path, "broken.py", "def logout(:\n    session.clear()\n")
    done, report = gitlab(".", cwd=tmp_path)
    assert done.returncode == 2
    jsonschema.validate(report, REQUIRED)
    assert report["scan"]["status"] == "failure"
    (message,) = report["scan"]["messages"]
    assert message["level"] == "warn" and re.match(r"broken\.py:1:\d+: syntax error", message["value"])


def test_the_required_fields_check_can_fail():
    missing_scan = {"version": "15.0.7", "vulnerabilities": []}
    legacy = {"version": "15.0.7", "vulnerabilities": [
        {"id": "x", "identifiers": [{"type": "t", "name": "n", "value": "v"}],
         "location": {"file": "a.py", "start_line": 1}, "category": "sast"}]}
    for bad in (missing_scan, legacy):
        assert list(jsonschema.Draft7Validator(REQUIRED).iter_errors(bad))
