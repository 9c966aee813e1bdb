"""Fixture annotations in Semgrep's test format, read without Semgrep.

    # ruleid: cookie-without-secure        the next code line must be reported
    # ruleid: rule-a, rule-b               several rules on one line
    # ok: cookie-without-secure            the next code line must stay silent
    # todoruleid: rule                     a known miss: must NOT be reported yet
    # todook: rule                         a known false positive (Semgrep only)
    code  # ruleid: rule                   a trailing annotation marks its own line

Annotations stacked above a line all apply to it. Every line without a
`ruleid` annotation must stay silent. A file may carry run options on a line
`# fixlint-fixture: --extend-select SFX305 --fixlint-login-names portal`,
passed to flake8 when it checks that file.

The same files test the flake8 plugin and the exported Semgrep rules.
"""

from __future__ import annotations

import io
import re
import shlex
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

_ANNOTATION = re.compile(r"^#\s*(ruleid|ok|todoruleid|todook)\s*:\s*(.+?)\s*$")
_OPTIONS = re.compile(r"^#\s*fixlint-fixture\s*:\s*(.*)$")
KINDS = ("ruleid", "ok", "todoruleid", "todook")


@dataclass
class Annotations:
    path: Path
    marks: dict = field(default_factory=lambda: {k: set() for k in KINDS})  # kind -> {(line, name)}
    options: tuple = ()
    errors: list = field(default_factory=list)

    def expected(self):
        return self.marks["ruleid"]


def _names(text):
    names = []
    for part in re.split(r"[,\s]+", text):
        part = part.strip()
        if part.startswith("fixlint."):
            part = part[len("fixlint."):]
        if part:
            names.append(part)
    return names


def parse(path):
    path = Path(path)
    source = path.read_text(encoding="utf-8")
    result = Annotations(path)
    lines = source.splitlines()
    pending = []  # (kind, name, line of the comment)
    comment_only = set()
    comments = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            line = tok.start[0]
            own_line = not lines[line - 1][: tok.start[1]].strip()
            comments.append((line, own_line, tok.string))
            if own_line:
                comment_only.add(line)
    by_line = {}
    for line, own_line, text in comments:
        options = _OPTIONS.match(text)
        if options:
            result.options = tuple(shlex.split(options.group(1)))
            continue
        match = _ANNOTATION.match(text)
        if not match:
            continue
        kind, names = match.group(1), _names(match.group(2))
        if own_line:
            by_line.setdefault(line, []).extend((kind, n) for n in names)
        else:
            for name in names:
                result.marks[kind].add((line, name))
    for number in range(1, len(lines) + 1):
        if number in by_line:
            pending.extend((kind, name, number) for kind, name in by_line[number])
            continue
        if number in comment_only or not lines[number - 1].strip():
            continue
        for kind, name, _ in pending:
            result.marks[kind].add((number, name))
        pending = []
    for kind, name, line in pending:
        result.errors.append(f"{path}:{line}: annotation {kind}: {name} has no code line after it")
    return result


def fixture_files():
    return sorted(p for p in FIXTURES.rglob("*.py") if not p.name.endswith(".fixed.py"))


def counts():
    """{(rule, framework): {kind: n}} over every fixture."""
    table = {}
    for path in fixture_files():
        framework = path.relative_to(FIXTURES).parts[0]
        for kind, marks in parse(path).marks.items():
            for _, name in marks:
                cell = table.setdefault((name, framework), {k: 0 for k in KINDS})
                cell[kind] += 1
    return table


if __name__ == "__main__":  # python -m tests.annotations: fixture counts for notes
    table = counts()
    frameworks = sorted({fw for _, fw in table})
    print("rule".ljust(38) + "".join(f"{fw:>22}" for fw in frameworks))
    for name in sorted({n for n, _ in table}):
        cells = []
        for fw in frameworks:
            cell = table.get((name, fw))
            cells.append(f"{cell['ruleid']:>3} ruleid {cell['ok']:>3} ok {cell['todoruleid']:>2} todo" if cell else "-")
        print(name.ljust(38) + "".join(f"{c:>22}" for c in cells))
