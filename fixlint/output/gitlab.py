"""GitLab's SAST report (`gl-sast-report.json`, security report schema 15.x).

GitLab reads it from `artifacts: reports: sast:` and shows the findings in
the merge request and the vulnerability report. Each finding is a
vulnerability whose primary identifier is the rule (so GitLab tracks it
across commits by rule and location) followed by its CWEs; its `id` is a
UUID derived from the same stable fingerprint as SARIF's, so re-running on
unchanged code gives the same ids. Files that could not be analysed are
scan messages, and the scan's status is "failure" then.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone

from .. import __version__
from ..docs import REPOSITORY_URL, rule_docs_url, unwrap
from ..rules import rules_by_code
from .options import DEFAULT
from .streams import json_text
from .common import Fingerprints, line_text, relative_path, source_lines

SCHEMA_VERSION = "15.0.7"
SCHEMA_URL = ("https://gitlab.com/gitlab-org/security-products/security-report-schemas/"
              f"-/raw/v{SCHEMA_VERSION}/dist/sast-report-format.json")
SEVERITY = {"error": "High", "warning": "Medium", "note": "Low"}  # from the rule's SARIF level
ID_NAMESPACE = uuid.UUID("5c0f1d2e-6a1b-4c3d-9e8f-0a1b2c3d4e5f")  # fixlint's own; never change it
TOOL = {"id": "fixlint", "name": "fixlint", "version": __version__, "url": REPOSITORY_URL,
        "vendor": {"name": "fixlint"}}


def _now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def render(results, rules, out, err, options=DEFAULT, started=None):
    start = started or _now()
    vulnerabilities, messages = [], []
    for result in results:
        lines = source_lines(result.path) if result.findings else []
        file = relative_path(result.path, os.getcwd()) or os.path.abspath(result.path)
        fingerprints = Fingerprints(file)
        for f in result.findings:
            fingerprint = fingerprints(f.code, line_text(lines, f.line))
            vulnerabilities.append(_vulnerability(file, f, rules_by_code()[f.code], fingerprint))
        for e in result.errors:
            messages.append({"level": "warn", "value": f"{result.path}:{e.line}:{e.col + 1}: {e.message}"})
    report = {
        "$schema": SCHEMA_URL,
        "version": SCHEMA_VERSION,
        "scan": {
            "analyzer": TOOL,
            "scanner": TOOL,
            "type": "sast",
            "start_time": start,
            "end_time": _now(),
            "status": "failure" if messages else "success",
            "messages": messages,
        },
        "vulnerabilities": vulnerabilities,
    }
    out.write(json_text(report) + "\n")


def _vulnerability(file, finding, rule, fingerprint):
    identifiers = [{
        "type": "fixlint_rule_id",
        "name": f"fixlint {rule.code} {rule.name}",
        "value": rule.code,
        "url": rule_docs_url(rule.code),
    }]
    for cwe in rule.cwe_ids():
        number = cwe.partition("-")[2]
        identifiers.append({"type": "cwe", "name": cwe, "value": number,
                            "url": f"https://cwe.mitre.org/data/definitions/{number}.html"})
    return {
        "id": str(uuid.uuid5(ID_NAMESPACE, fingerprint)),
        "name": rule.summary[:255],
        "description": f"{finding.message}\n\n{unwrap(rule.description())}",
        "severity": SEVERITY.get(rule.rating(finding.severity)[0], "Unknown"),
        "solution": "; ".join(f"{fw}: {fix}" for fw, fix in rule.fixes.items())[:7000],
        "identifiers": identifiers,
        "location": {"file": file, "start_line": finding.line, "end_line": finding.line},
    }
