"""`fixlint check --format sarif`: valid SARIF 2.1.0 that GitHub code scanning accepts."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from urllib.parse import urlparse

from fixlint.docs import rule_docs_url
from fixlint.rules import all_rules

from .helpers import ROOT, run_cli, write
from .sarif_schema import sarif_errors, sarif_schema

VULNERABLE = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""


def sarif(*args, cwd):
    done = run_cli("check", "--format", "sarif", *args, cwd=cwd)
    return done, json.loads(done.stdout)


def results_of(log):
    return log["runs"][0]["results"]


def location(result):
    return result["locations"][0]["physicalLocation"]


def test_the_schema_is_the_official_one_and_strict():
    schema = sarif_schema()
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert schema["additionalProperties"] is False
    assert sarif_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})  # driver needs a name
    assert sarif_errors({"version": "2.1.0", "runs": [], "surprise": 1})


def test_findings_validate_against_the_sarif_schema(tmp_path):
    write(tmp_path, "pkg/app.py", VULNERABLE)
    done, log = sarif(".", cwd=tmp_path)
    assert done.returncode == 1
    assert sarif_errors(log) == []
    broken = copy.deepcopy(log)
    del broken["runs"][0]["results"][0]["message"]
    assert sarif_errors(broken), "a result without a message must not validate"


def test_result_has_rule_level_message_and_a_location_relative_to_the_scanned_root(tmp_path):
    write(tmp_path, "pkg/app.py", VULNERABLE)
    _, log = sarif(".", cwd=tmp_path)
    run = log["runs"][0]
    (result,) = results_of(log)
    rules = run["tool"]["driver"]["rules"]
    assert result["ruleId"] == "SFX302"
    assert rules[result["ruleIndex"]]["id"] == "SFX302"
    assert result["level"] == "warning"
    assert result["message"]["text"] == (
        "cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)")
    assert location(result) == {
        "artifactLocation": {"uri": "pkg/app.py", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 5, "startColumn": 5},
    }
    root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root_uri == tmp_path.resolve().as_uri() + "/"
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["invocations"][0]["toolExecutionNotifications"] == []


def test_paths_are_relative_to_the_current_directory_whatever_path_is_given(tmp_path):
    write(tmp_path, "proj/src/app.py", VULNERABLE)
    _, log = sarif("proj/src", cwd=tmp_path)
    assert location(results_of(log)[0])["artifactLocation"]["uri"] == "proj/src/app.py"
    _, log = sarif(str(tmp_path / "proj"), cwd=tmp_path / "proj")
    assert location(results_of(log)[0])["artifactLocation"]["uri"] == "src/app.py"


def test_a_file_outside_the_current_directory_gets_an_absolute_uri(tmp_path):
    write(tmp_path, "elsewhere/app.py", VULNERABLE)
    (tmp_path / "here").mkdir()
    _, log = sarif("../elsewhere", cwd=tmp_path / "here")
    artifact = location(results_of(log)[0])["artifactLocation"]
    assert artifact == {"uri": (tmp_path / "elsewhere/app.py").resolve().as_uri()}
    assert sarif_errors(log) == []


def test_driver_describes_every_rule_for_code_scanning(tmp_path):
    write(tmp_path, "app.py", "x = 1\n")
    done, log = sarif("--select", "SFX302", ".", cwd=tmp_path)
    assert done.returncode == 0
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "fixlint"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in all_rules()]  # not only the selected
    for descriptor, rule in zip(driver["rules"], all_rules()):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"].startswith(rule.description().split()[0])
        assert descriptor["help"]["markdown"].startswith(f"# {rule.code} {rule.name}")
        assert "## How to fix, per framework" in descriptor["help"]["markdown"]
        assert rule.code in descriptor["help"]["text"]
        assert descriptor["helpUri"] == rule_docs_url(rule.code)
        assert descriptor["helpUri"].endswith(f"/docs/rules/{rule.code}.md")
        assert (ROOT / "docs" / "rules" / f"{rule.code}.md").is_file()
        tags = descriptor["properties"]["tags"]
        assert "security" in tags
        for cwe in rule.cwe_ids():
            assert cwe in tags and f"external/cwe/{cwe.lower()}" in tags
        assert 0.0 <= float(descriptor["properties"]["security-severity"]) <= 10.0
        assert descriptor["properties"]["security-severity"] == rule.security_severity
        assert descriptor["defaultConfiguration"] == {"level": rule.level, "enabled": rule.default_enabled}
    for uri in [driver["informationUri"]] + [r["helpUri"] for r in driver["rules"]]:
        parsed = urlparse(uri)
        assert parsed.scheme == "https" and parsed.netloc, uri


def test_fingerprints_survive_code_moving_and_tell_identical_lines_apart(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    _, before = sarif(".", cwd=tmp_path)
    shifted = VULNERABLE.replace("def view():", "import os\n\n\ndef helper():\n    return os.sep\n\ndef view():")
    write(tmp_path, "app.py", shifted)
    _, after = sarif(".", cwd=tmp_path)
    (old,), (new,) = results_of(before), results_of(after)
    assert location(old)["region"]["startLine"] == 5 and location(new)["region"]["startLine"] == 11
    assert old["partialFingerprints"] == new["partialFingerprints"]
    assert list(old["partialFingerprints"]) == ["fixlint/v1"]

    again = '    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")\n'
    twice = shifted.replace("    return resp", again + "    return resp")
    write(tmp_path, "app.py", twice)
    _, both = sarif(".", cwd=tmp_path)
    first, second = results_of(both)
    assert first["partialFingerprints"] == old["partialFingerprints"]
    assert second["partialFingerprints"] != first["partialFingerprints"]

    write(tmp_path, "other.py", VULNERABLE)  # same line in another file: another alert
    _, other = sarif("other.py", cwd=tmp_path)
    assert results_of(other)[0]["partialFingerprints"] != old["partialFingerprints"]


def test_columns_count_characters_not_utf8_bytes(tmp_path):
    source = VULNERABLE.replace('    resp.set_cookie("sid"', '    ü = 1; resp.set_cookie("sid"')
    write(tmp_path, "app.py", source)
    text = run_cli("check", "app.py", cwd=tmp_path)
    # "    ü = 1; " is 11 characters but 12 bytes: text keeps flake8's byte-based
    # column, SARIF counts characters as its columnKind says.
    assert text.stdout.startswith("app.py:5:13: SFX302")
    _, log = sarif(".", cwd=tmp_path)
    assert location(results_of(log)[0])["region"] == {"startLine": 5, "startColumn": 12}
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_files_not_analysed_are_tool_execution_notifications(tmp_path):
    write(tmp_path, "broken.py", "def logout(:\n    session.clear()\n")
    write(tmp_path, "app.py", VULNERABLE)
    done, log = sarif(".", cwd=tmp_path)
    assert done.returncode == 2
    assert sarif_errors(log) == []
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"].startswith("syntax error")
    assert location(notification)["artifactLocation"] == {"uri": "broken.py", "uriBaseId": "%SRCROOT%"}
    assert notification["descriptor"]["id"] in {n["id"] for n in log["runs"][0]["tool"]["driver"]["notifications"]}
    assert [r["ruleId"] for r in results_of(log)] == ["SFX302"]  # the rest of the run goes on


def test_output_file_holds_the_log_and_stdout_stays_empty(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    done = run_cli("check", "--format", "sarif", "--output-file", "out/fixlint.sarif", ".", cwd=tmp_path)
    assert "cannot write" in done.stderr and done.returncode == 2  # the folder does not exist
    (tmp_path / "out").mkdir()
    done = run_cli("check", "--format", "sarif", "--output-file", "out/fixlint.sarif", ".", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    log = json.loads(Path(tmp_path, "out/fixlint.sarif").read_text(encoding="utf-8"))
    assert sarif_errors(log) == [] and len(results_of(log)) == 1
