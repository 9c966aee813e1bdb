"""The Semgrep export: generated from the rule objects, valid for the real
Semgrep, and checked against the fixture annotations by one real Semgrep
run over fixtures/ (the `semgrep_findings` session fixture).

Semgrep may miss annotated lines (its recall is recorded and shown in the
README), but it must never report a line the annotations do not mark
`ruleid` (or `todoruleid`, a true finding flake8 misses) for that rule.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from fixlint.parity import RECORD
from fixlint import frameworks as fw
from fixlint.rules import all_rules
from fixlint.semgrep import run as semgrep_run
from fixlint.semgrep.export import export_files, semgrep_id

from .annotations import ROOT, fixture_files, parse
from .engines import RULES
from .parity import dumps, enabled, measure

RULE_BY_CODE = {r.code: r for r in all_rules()}
FILES = fixture_files()


def test_every_rule_is_exported():
    assert sorted(p.name for p in export_files(RULES)) == sorted(f"{r.name}.yaml" for r in all_rules())


def test_committed_export_is_fresh():
    done = subprocess.run([sys.executable, "-m", "fixlint", "export-semgrep", "--check", "--output", str(RULES)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, "run 'fixlint export-semgrep':\n" + done.stdout + done.stderr


def test_check_fails_on_a_stale_export(tmp_path):
    for path, text in export_files(tmp_path).items():
        path.write_text(text, encoding="utf-8")
    (tmp_path / "cookie-without-secure.yaml").write_text("rules: []\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "fixlint", "export-semgrep", "--check", "--output", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "stale: " in done.stdout and "cookie-without-secure.yaml" in done.stdout


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_exported_yaml_loads_back_to_registry_metadata(rule):
    data = yaml.safe_load((RULES / f"{rule.name}.yaml").read_text(encoding="utf-8"))
    ids = [entry["id"] for entry in data["rules"]]
    assert ids == [semgrep_id(rule, e) for e in rule.semgrep] and ids[0] == rule.semgrep_id()
    for entry in data["rules"]:
        assert entry["languages"] == ["python"]
        assert entry["severity"] in ("ERROR", "WARNING", "INFO")
        meta = entry["metadata"]
        assert meta["fixlint-code"] == rule.code
        assert meta["cwe"] == list(rule.cwe) and all(c.startswith("CWE-") and ": " in c for c in meta["cwe"])
        assert meta["owasp"] == list(rule.owasp)
        assert meta["references"] and meta["category"] == "security"
        # Technologies are the frameworks' own keys (tornado, ...) and the
        # frameworks an adapter serves under another label (FastAPI, Quart).
        variants = {label.lower() for f in fw.FRAMEWORKS for _, label in f.label_variants}
        assert set(meta["technology"]) <= variants | {f.key for f in fw.FRAMEWORKS}
        for key in ("confidence", "likelihood", "impact"):
            assert meta[key] in ("LOW", "MEDIUM", "HIGH")


def test_semgrep_parses_every_exported_rule(tmp_path):
    # `semgrep --validate` fetches lint rules from the registry; offline, a
    # scan of a one-line file parses every rule and reports any error.
    target = tmp_path / "app.py"
    target.write_text("import flask\n", encoding="utf-8")
    output = semgrep_run.scan(RULES, [target])
    assert output["errors"] == []
    assert output["results"] == []


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT / "fixtures")) for p in FILES])
def test_semgrep_reports_only_annotated_lines(path, semgrep_findings):
    notes = parse(path)
    # A `todoruleid` line is a finding flake8 misses: Semgrep may report it;
    # a `todook` line is a known Semgrep false positive.
    expected = notes.marks["ruleid"] | notes.marks["todoruleid"] | notes.marks["todook"]
    extra = []
    for line, code, check_id, message in sorted(semgrep_findings.get(path.resolve(), ())):
        rule = RULE_BY_CODE[code]
        if enabled(rule, notes.options) and (line, rule.name) not in expected:
            extra.append(f"  {line}: {check_id}: {message}")
    assert not extra, f"\n{path.relative_to(ROOT)}: Semgrep false positives\n" + "\n".join(extra)


def test_semgrep_skips_the_fixed_fixture_files(semgrep_findings):
    assert not [p for p in semgrep_findings if p.name.endswith(".fixed.py")]


def test_every_exported_semgrep_rule_fires_on_the_fixtures(semgrep_findings):
    fired = {check_id for found in semgrep_findings.values() for _, _, check_id, _ in found}
    silent = [semgrep_id(r, e) for r in all_rules() for e in r.semgrep if semgrep_id(r, e) not in fired]
    assert not silent, f"exported Semgrep rules no fixture exercises: {silent}"


def test_parity_record_matches_real_runs(flake8_findings, semgrep_findings):
    recorded = RECORD.read_text(encoding="utf-8") if RECORD.exists() else ""
    assert recorded == dumps(measure(flake8_findings, semgrep_findings)), "run 'make parity'"


def test_export_is_the_same_whatever_the_hash_seed(tmp_path):
    texts = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "fixlint", "export-semgrep", "--output", str(folder)],
                       check=True, capture_output=True, env=env, timeout=120)
        texts.append({p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")})
    assert texts[0] == texts[1]
