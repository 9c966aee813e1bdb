"""Run the real Semgrep, offline, on fixlint's exported rules.

Semgrep pins its own dependencies (opentelemetry among them) and breaks when
another package upgrades them in the same environment, so the Makefile
installs it into its own virtual environment, `.venv-semgrep/`. This module
finds it there (or through `FIXLINT_SEMGREP`, or on PATH) and calls it with
everything that could reach the network turned off: no metrics, no version
check, local config files only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_SEMGREP = ROOT / ".venv-semgrep" / "bin" / "semgrep"
OFFLINE_FLAGS = ("--metrics=off", "--disable-version-check", "--oss-only")
# Semgrep gives up on a rule after 5 s per file by default and reports a
# Timeout error; on a loaded CI machine that is noise, not a finding.
PATIENT_FLAGS = ("--timeout", "120")
OFFLINE_ENV = {
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "SEMGREP_SEND_METRICS": "off",
}


class SemgrepMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class SemgrepFinding:
    path: Path  # resolved
    line: int
    end_line: int
    check_id: str
    code: str  # fixlint code from the rule's metadata
    message: str


def semgrep_binary():
    """The Semgrep executable: $FIXLINT_SEMGREP, .venv-semgrep/, or PATH."""
    configured = os.environ.get("FIXLINT_SEMGREP")
    if configured:
        return configured
    if VENV_SEMGREP.exists():
        return str(VENV_SEMGREP)
    found = shutil.which("semgrep")
    if found:
        return found
    raise SemgrepMissing("semgrep is not installed: run 'make semgrep' (it creates .venv-semgrep/; make test does too)")


def _env():
    env = dict(os.environ)
    env.update(OFFLINE_ENV)
    return env


def semgrep(*args, cwd=ROOT, timeout=600):
    """Run `semgrep ARGS...` offline; the CompletedProcess."""
    command = [semgrep_binary(), *args]
    return subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)


def version():
    return semgrep("--version").stdout.strip()


def scan(config, targets, extra=()):
    """Semgrep's JSON output for `config` over `targets`."""
    done = semgrep(
        "scan", *OFFLINE_FLAGS, *PATIENT_FLAGS, "--quiet", "--json", "--no-git-ignore", "--no-rewrite-rule-ids",
        "--config", str(config), *extra, *map(str, targets),
    )
    if done.returncode not in (0, 1) or not done.stdout.strip():
        raise RuntimeError(f"semgrep failed ({done.returncode}):\n{done.stderr[-4000:]}{done.stdout[-4000:]}")
    return json.loads(done.stdout)


def findings(output, cwd=ROOT):
    """SemgrepFindings from Semgrep's JSON output."""
    out = []
    for result in output.get("results", ()):
        extra = result.get("extra", {})
        out.append(SemgrepFinding(
            path=(Path(cwd) / result["path"]).resolve(),
            line=result["start"]["line"],
            end_line=result["end"]["line"],
            check_id=result["check_id"],
            code=extra.get("metadata", {}).get("fixlint-code", ""),
            message=extra.get("message", ""),
        ))
    return out
