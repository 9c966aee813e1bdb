"""SARIF 2.1.0, the format GitHub code scanning (and other viewers) reads.

One run: the driver describes every rule, whether it ran or not, so a
result's `ruleIndex` never depends on --select; each finding is a result
whose location is relative to the current directory (`%SRCROOT%`, given
absolutely in `originalUriBaseIds`); files that could not be analysed are
`toolExecutionNotifications`, and `executionSuccessful` is false then, as
the exit code 2 says.

`partialFingerprints` keep an alert the same alert across commits: they
hash the rule, the file, the finding's line text with whitespace collapsed
and, for identical lines, which occurrence it is — never the line number,
which moves whenever code above it changes.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..docs import REPOSITORY_URL, rule_docs_url, rule_help_text, rule_markdown, unwrap
from ..rules import all_rules, finding_rating
from .common import Fingerprints, character_column, line_text, relative_path, source_lines
from .options import DEFAULT
from .streams import json_text

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "fixlint/v1"  # bump the suffix if common.Fingerprints ever hashes differently
NOT_ANALYSED = "file-not-analysed"
PRECISION = {"HIGH": "high", "MEDIUM": "medium", "LOW": "low"}


def render(results, rules, out, err, options=DEFAULT):
    out.write(json_text(sarif_log(results, os.getcwd())) + "\n")


def sarif_log(results, root):
    catalog = all_rules()
    index = {rule.code: i for i, rule in enumerate(catalog)}
    sarif_results, notifications = [], []
    for result in results:
        lines = source_lines(result.path) if result.findings else []
        fingerprints = Fingerprints(relative_path(result.path, root) or os.path.abspath(result.path))
        for f in result.findings:
            sarif_results.append(_result(result.path, root, lines, f, index, fingerprints))
        for e in result.errors:
            notifications.append({
                "level": "error",
                "message": {"text": e.message},
                "locations": [_location(result.path, root, e.line, e.col + 1)],
                "descriptor": {"id": NOT_ANALYSED},
            })
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": _driver(catalog)},
            "invocations": [{
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
                "workingDirectory": {"uri": _directory_uri(root)},
            }],
            "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


# -- rules ---------------------------------------------------------------------

def _driver(catalog):
    return {
        "name": "fixlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": REPOSITORY_URL,
        "rules": [_descriptor(rule) for rule in catalog],
        "notifications": [{
            "id": NOT_ANALYSED,
            "shortDescription": {"text": "A file could not be read, decoded or parsed, so it was not checked"},
            "defaultConfiguration": {"level": "error"},
        }],
    }


def _descriptor(rule):
    what = rule.description()
    cwes = rule.cwe_ids()
    tags = ["security", *cwes, *(f"external/cwe/{c.lower()}" for c in cwes)]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": unwrap(what), "markdown": what},
        "help": {"text": rule_help_text(rule), "markdown": rule_markdown(rule)},
        "helpUri": rule_docs_url(rule.code),
        "defaultConfiguration": {"level": rule.level, "enabled": rule.default_enabled},
        "properties": {
            "tags": tags,
            "security-severity": rule.security_severity,
            "precision": PRECISION.get(rule.confidence, "medium"),
            "cwe": list(rule.cwe),
            "owasp": list(rule.owasp),
        },
    }


# -- results -------------------------------------------------------------------

def _result(path, root, lines, finding, index, fingerprints):
    text = line_text(lines, finding.line)
    entry = {"ruleId": finding.code}
    if finding.code in index:
        entry["ruleIndex"] = index[finding.code]
    level, security_severity = finding_rating(finding)
    entry.update({
        "level": level,
        "message": {"text": finding.message},
        "locations": [_location(path, root, finding.line, character_column(text, finding.col))],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprints(finding.code, text)},
    })
    if finding.severity is not None and security_severity is not None:
        # This finding rates apart from its rule's default (SFX101 on a
        # signed-cookie session): say so beside the level.
        entry["properties"] = {"security-severity": security_severity, "severity": finding.severity}
    return entry


def _location(path, root, line, column):
    relative = relative_path(path, root)
    if relative is None:
        artifact = {"uri": Path(os.path.abspath(path)).as_uri()}
    else:
        # as bytes: a file name that is not UTF-8 keeps its own bytes, %-escaped
        artifact = {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}
    return {"physicalLocation": {
        "artifactLocation": artifact,
        "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
    }}


def _directory_uri(path):
    uri = Path(os.path.abspath(path)).as_uri()
    return uri if uri.endswith("/") else uri + "/"
