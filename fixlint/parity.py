"""flake8 and Semgrep, side by side on fixtures/: what each one catches.

    python -m fixlint.parity     the table, then every line Semgrep misses or adds

Both engines run for real: flake8 with the plugin over every fixture file
(with the file's `# fixlint-fixture:` options, as the fixture test does),
and Semgrep with a fresh export of the rules. A rule's recall is the share
of its annotated lines (`# ruleid:` and `# todoruleid:`) an engine reports.
An opt-in rule is measured only on the files that enable it. The README's
parity table is this module's output (`python -m fixlint.generate`).

A development tool: it reads the fixtures and their annotation parser from
a source checkout.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .rules import all_rules
from .semgrep import run as semgrep_run
from .semgrep.export import export_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _annotations():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests import annotations

    return annotations


@dataclass
class FileResult:
    path: Path
    notes: object  # tests.annotations.Annotations
    flake8: set = field(default_factory=set)  # {(line, code)}
    semgrep: set = field(default_factory=set)  # {(line, code)}
    messages: dict = field(default_factory=dict)  # (line, code) -> Semgrep message

    def truth(self, code, name):
        marks = self.notes.marks
        return {line for line, n in marks["ruleid"] | marks["todoruleid"] if n == name}

    def allowed_extra(self, name):
        """Lines where a Semgrep finding is a known false positive."""
        return {line for line, n in self.notes.marks["todook"] if n == name}


def enabled(rule, options):
    """Whether a fixture's flake8 options turn the rule on."""
    on = rule.default_enabled
    for flag, value in zip(options, options[1:]):
        codes = [v.strip() for v in value.split(",") if v.strip()]
        if not any(rule.code.startswith(c) for c in codes):
            continue
        if flag in ("--select", "--extend-select"):
            on = True
        elif flag in ("--ignore", "--extend-ignore"):
            on = False
    return on


def run_flake8(paths, options):
    """{resolved path: {(line, code)}} from real flake8 with the plugin."""
    # The opt-in rule stays off unless the file's options select it.
    default_off = [] if any(o in ("--select", "--extend-select") for o in options) else [
        "--extend-ignore", ",".join(r.code for r in all_rules() if not r.default_enabled)]
    command = [sys.executable, "-m", "flake8", "--isolated", "--select", "SFX", *default_off,
               "--format", "%(path)s\t%(row)d\t%(code)s", *options, *map(str, paths)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"flake8 failed ({done.returncode}):\n{done.stderr}")
    found = defaultdict(set)
    for line in done.stdout.splitlines():
        path, row, code = line.split("\t")
        found[(ROOT / path).resolve()].add((int(row), code))
    return found


def run_semgrep(paths):
    """{resolved path: {(line, code): message}} from real Semgrep with a
    fresh export of the rules."""
    with tempfile.TemporaryDirectory(prefix="fixlint-semgrep-") as folder:
        for path, text in export_files(folder).items():
            path.write_text(text, encoding="utf-8")
        output = semgrep_run.scan(folder, [Path(p).relative_to(ROOT) for p in paths])
    if output.get("errors"):
        raise RuntimeError(f"semgrep reported errors: {output['errors']}")
    found = defaultdict(dict)
    for finding in semgrep_run.findings(output):
        found[finding.path][(finding.line, finding.code)] = finding.message
    return found


@lru_cache(maxsize=None)
def measure():
    """A FileResult for every fixture file (run once per process)."""
    annotations = _annotations()
    files = annotations.fixture_files()
    results = {p.resolve(): FileResult(p, annotations.parse(p)) for p in files}
    groups = defaultdict(list)
    for result in results.values():
        groups[result.notes.options].append(result.path)
    for options, paths in groups.items():
        for path, found in run_flake8(paths, list(options)).items():
            results[path].flake8 |= found
    for path, found in run_semgrep(files).items():
        results[path].semgrep |= set(found)
        results[path].messages.update(found)
    return tuple(results.values())


@dataclass
class RuleParity:
    rule: object
    lines: int = 0  # annotated lines that must be reported
    flake8: int = 0
    semgrep: int = 0
    semgrep_misses: list = field(default_factory=list)  # (path, line)
    semgrep_extra: list = field(default_factory=list)  # (path, line, message): false positives
    files: int = 0  # fixture files the rule is measured on

    @property
    def exported(self):
        return bool(self.rule.semgrep)


def parity(results=None):
    """A RuleParity per rule, in code order."""
    results = measure() if results is None else results
    out = []
    for rule in all_rules():
        stats = RuleParity(rule)
        for result in results:
            if not enabled(rule, result.notes.options):
                continue
            stats.files += 1
            truth = result.truth(rule.code, rule.name)
            flake8 = {line for line, code in result.flake8 if code == rule.code}
            semgrep = {line for line, code in result.semgrep if code == rule.code}
            stats.lines += len(truth)
            stats.flake8 += len(truth & flake8)
            stats.semgrep += len(truth & semgrep)
            rel = result.path.relative_to(ROOT)
            stats.semgrep_misses += [(rel, line) for line in sorted(truth - semgrep)]
            extra = semgrep - truth - result.allowed_extra(rule.name)
            stats.semgrep_extra += [(rel, line, result.messages[(line, rule.code)]) for line in sorted(extra)]
        out.append(stats)
    return out


def _share(hits, total):
    if not total:
        return "—"
    return f"{hits}/{total} ({100 * hits / total:.0f}%)"


def parity_table(stats=None):
    """The README's parity table, as Markdown."""
    stats = parity() if stats is None else stats
    rows = [
        "| code | rule | fixture lines | flake8 recall | Semgrep recall | Semgrep rules |",
        "|---|---|---|---|---|---|",
    ]
    for s in stats:
        rule = s.rule
        semgrep = _share(s.semgrep, s.lines) if s.exported else "not exported yet"
        count = len(rule.semgrep) if s.exported else "—"
        rows.append(f"| {rule.code} | {rule.name} | {s.lines} | {_share(s.flake8, s.lines)} | {semgrep} | {count} |")
    return "\n".join(rows) + "\n"


def main():
    stats = parity()
    print(parity_table(stats))
    for s in stats:
        if not s.exported:
            continue
        for path, line in s.semgrep_misses:
            print(f"miss  {s.rule.code} {path}:{line}")
        for path, line, message in s.semgrep_extra:
            print(f"extra {s.rule.code} {path}:{line}: {message}")
    return 1 if any(s.semgrep_extra for s in stats) else 0


if __name__ == "__main__":
    sys.exit(main())
