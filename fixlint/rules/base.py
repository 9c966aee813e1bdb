"""The rule object: the single source of truth for one weakness.

A rule class holds its code, name, CWE/OWASP, default, severity, docs (the
class docstring: *What it does* / *Why is this bad?*, plus optional
*Decisions*), references, per-framework fixes, what `fixlint fix` does for
it (`fix`), and valid/invalid examples.
flake8 messages, `fixlint rules`/`explain`, the README table, rule docs,
SARIF metadata and the Semgrep export are all generated from it, and the
examples run as tests.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from typing import ClassVar, NamedTuple, Optional

from ..frameworks import rule_fixes
from ..quoting import one_line

OWASP_AUTH = "A07:2021 - Identification and Authentication Failures"
OWASP_MISCONFIG = "A05:2021 - Security Misconfiguration"
OWASP_CRYPTO = "A02:2021 - Cryptographic Failures"

REQUIRED_SECTIONS = ("What it does", "Why is this bad?")


class Finding(NamedTuple):
    line: int  # 1-based
    col: int  # 0-based, as flake8 plugins report it
    code: str
    message: str
    severity: Optional[str] = None  # None: the rule's own (Rule.severity)


FIX_SAFE = "safe"  # applied by `fixlint fix`
FIX_UNSAFE = "unsafe"  # applied only with --unsafe-fixes
FIX_MIXED = "safe, some unsafe"  # safe except the cases its docs name
FIX_NONE = "none"  # no automatic fix; the docs say why


@dataclass(frozen=True)
class Fix:
    """What `fixlint fix` does for a rule's findings: `safety` (one of the
    FIX_* values), `docs` (the rule docs' *Fix safety* section: what the fix
    writes and why it is safe or not), `summary` (the same in one line, for
    the README table) and `family`, the module of fixlint.fix that plans the
    edits (none for FIX_NONE)."""

    safety: str
    docs: str
    summary: str
    family: str = ""


@dataclass(frozen=True)
class Example:
    """A code sample that runs as a test. For an invalid example, `expect`
    pins every finding of the rule as (line, col) with col 1-based, as
    flake8 prints it."""

    source: str
    expect: tuple = ()
    filename: str = "app.py"
    title: str = ""

    @property
    def code(self):
        return textwrap.dedent(self.source).strip("\n") + "\n"


@dataclass(frozen=True)
class SemgrepRule:
    """One Semgrep rule exported for a fixlint rule, written by hand in the
    rule's module. `match` holds the Semgrep matching keys exactly as they
    go into the YAML (`patterns`, `pattern-either`, or `mode: taint` with
    its sources and sinks); `fixlint export-semgrep` adds the id, severity,
    languages and the registry metadata from the rule object.

    A fixlint rule may need several Semgrep rules when one pattern set
    cannot say everything (a fix that only fits `set_cookie`, `paths` that
    only apply to settings modules): each gets `suffix`, and its id is
    `fixlint.<name>.<suffix>`; all carry the rule's code in metadata.
    """

    message: str  # what is wrong and the fix, in one line
    match: dict
    suffix: str = ""
    fix: Optional[str] = None  # Semgrep autofix, only where it is always safe
    paths: Optional[dict] = None  # Semgrep `paths: {include/exclude: [...]}`
    options: Optional[dict] = None
    technology: tuple = ()  # default: the rule's technology
    severity: str = ""  # a key of the rule's `severities`; default: the rule's level
    subcategory: str = "vuln"  # "vuln" or "audit", in Semgrep registry terms
    confidence: str = ""  # default: the rule's confidence


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""  # one line, for `fixlint rules`
    cwe: ClassVar[tuple] = ()  # ("CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",)
    owasp: ClassVar[tuple] = (OWASP_AUTH,)
    default_enabled: ClassVar[bool] = True
    level: ClassVar[str] = "warning"  # SARIF level / Semgrep severity
    security_severity: ClassVar[str] = "5.0"  # GitHub code scanning, 0.0-10.0
    # Severities one finding may carry (Finding.severity) when how bad it is
    # depends on the code (SFX101: the session backend), each with its SARIF
    # level and security-severity. Empty: every finding rates as the rule.
    severities: ClassVar[dict] = {}
    confidence: ClassVar[str] = "HIGH"
    likelihood: ClassVar[str] = "MEDIUM"
    impact: ClassVar[str] = "MEDIUM"
    technology: ClassVar[tuple] = ("flask", "django", "fastapi", "starlette")
    uses: ClassVar[tuple] = ()  # Analysis classes the rule reads
    references: ClassVar[tuple] = ()  # (title, url)
    fix: ClassVar[Fix | None] = None  # what `fixlint fix` does; None: nothing
    valid: ClassVar[tuple] = ()
    invalid: ClassVar[tuple] = ()
    # Semgrep export (`fixlint export-semgrep`): the SemgrepRules that express
    # this rule, and one or two sentences on what they cannot express.
    semgrep: ClassVar[tuple] = ()
    semgrep_parity: ClassVar[str] = ""

    @property
    def fixes(self):
        """Framework heading -> how to fix there: the framework adapters'
        advice for this rule's code, in registry order."""
        return rule_fixes(self.code)

    def check(self, ctx, facts):
        """Yield Findings from the facts the analyses gathered."""
        raise NotImplementedError

    def finding(self, node, message, severity=None):
        """A Finding at `node`; names from the analysed code in `message`
        are escaped here whatever the rule wrote (fixlint.quoting).
        `severity` overrides the rule's for this finding (a SEVERITIES key)."""
        message = one_line(message)
        if node is None or isinstance(node, ast.Module):
            return Finding(1, 0, self.code, message, severity)
        return Finding(getattr(node, "lineno", 1), getattr(node, "col_offset", 0), self.code, message, severity)

    # -- docs ---------------------------------------------------------
    @classmethod
    def rating(cls, severity=None):
        """(SARIF level, security-severity) of a finding of `severity`."""
        return cls.severities.get(severity, (cls.level, cls.security_severity))

    @classmethod
    def cwe_ids(cls):
        return [c.partition(":")[0].strip() for c in cls.cwe]

    @classmethod
    def sections(cls):
        """The docstring's `## Heading` sections, in order."""
        text = textwrap.dedent(cls.__doc__ or "")
        out = {}
        current = None
        for line in text.splitlines():
            match = re.match(r"^##\s+(.+?)\s*$", line)
            if match:
                current = match.group(1)
                out[current] = []
            elif current is not None:
                out[current].append(line)
        return {k: "\n".join(v).strip() for k, v in out.items()}

    @classmethod
    def description(cls):
        return cls.sections().get("What it does", cls.summary)

    @classmethod
    def semgrep_id(cls):
        return f"fixlint.{cls.name}"
