"""Fix one source text: check, plan, rewrite, check again.

Detection is the normal checker on the stdlib `ast` tree (with `# noqa`
honoured), so `fix` repairs exactly what `check` reports. Each rule with a
`fix` names its planner family; plans whose finding survived `# noqa` and
whose safety is allowed are applied with libcst. The result must parse, or
nothing is kept. Passes repeat until no plan applies (plans that overlapped
another wait for the next pass), so a second run changes nothing.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

from .. import noqa
from ..analysis.base import GuardText
from ..lines import physical_lines
from ..engine.checker import analyse, can_judge, run_rule
from ..runner import FileError, SourceError, parse_source
from .edits import SAFE, UNSAFE, Decline

MAX_PASSES = 10


class Outcome(NamedTuple):
    text: str  # the fixed source (the original when nothing applied)
    applied: list  # Plans carried out, over all passes
    remaining: list  # (Finding, note): what the final check still reports
    errors: list  # FileError


# Notes on remaining findings.
NO_FIX = "no fix"
UNSAFE_FIX = "unsafe fix available with --unsafe-fixes"


def planner(rule):
    """The rule's plan(rule, ctx, facts) function, or None."""
    fix = rule.fix
    if fix is None or not fix.family:
        return None
    return importlib.import_module(f"{__package__}.{fix.family}").plan


def judge(tree, text, path, config, rules, project=None, analysed=None):
    """(findings after `# noqa`, plans for them, {finding: why it has no
    fix} for those a planner declined, internal errors). `analysed`: the
    facts of `tree` from a check with the same configuration and rules
    (engine.checker.check_tree's `keep`), judged again instead of walking
    the tree again."""
    if noqa.file_is_skipped(physical_lines(text)):
        return [], [], {}, []
    if analysed is None:
        analysed = analyse(tree, path, config, rules, GuardText(text), project=project)
    errors = list(analysed.errors)
    findings, plans = set(), []
    if analysed.facts:
        for rule in rules:
            if not can_judge(rule, analysed):
                continue
            findings.update(run_rule(rule, analysed, rule.check, errors))
            plan = planner(rule)
            if plan is not None:
                plans += run_rule(rule, analysed, lambda ctx, facts, r=rule, p=plan: p(r, ctx, facts), errors)
    findings = noqa.filter_findings(sorted(findings), text)
    kept = set(findings)
    declined = {p.finding: p.reason for p in plans if isinstance(p, Decline) and p.finding in kept}
    plans = sorted((p for p in plans if not isinstance(p, Decline) and p.finding in kept), key=lambda p: p.finding)
    return findings, plans, declined, errors


def fix_text(text, path, config, rules, unsafe=False, project=None):
    """Outcome of fixing `text`. A syntax error leaves it alone."""
    from .apply import apply_plans  # libcst: only when fixing

    try:
        tree = parse_source(text, path)
    except SourceError as exc:
        return Outcome(text, [], [], [FileError(exc.line, exc.col, f"{exc.message}; not fixed")])
    allowed = (SAFE, UNSAFE) if unsafe else (SAFE,)
    applied, errors, not_applied = [], [], {}
    for _ in range(MAX_PASSES):
        findings, plans, declined, internal = judge(tree, text, path, config, rules, project)
        wanted = [p for p in plans if p.safety in allowed]
        if not wanted:
            break
        try:
            result = apply_plans(text, wanted)
        except Exception as exc:  # libcst cannot parse it, or a rewriting bug
            errors.append(FileError(1, 0, f"cannot rewrite: {_describe(exc)}; not fixed"))
            not_applied = {plan.finding: "the file could not be rewritten" for plan in wanted}
            break
        not_applied = {plan.finding: reason for plan, reason in result.skipped}
        if not result.applied:
            break
        try:
            tree = parse_source(result.code, path)
        except SourceError as exc:
            errors.append(FileError(1, 0, f"fixes would not parse ({exc.message}); not fixed (please report this)"))
            break
        applied += result.applied
        text = result.code
    else:
        findings, plans, declined, internal = judge(tree, text, path, config, rules, project)
    errors += [FileError(e.line, 0, e.describe()) for e in internal]
    return Outcome(text, applied, _notes(findings, plans, declined, allowed, not_applied), errors)


def _notes(findings, plans, declined, allowed, not_applied):
    by_finding = {p.finding: p for p in plans}
    out = []
    for finding in findings:
        plan = by_finding.get(finding)
        if plan is None:
            note = f"{NO_FIX}: {declined[finding]}" if finding in declined else NO_FIX
        elif plan.safety not in allowed:
            note = f"{UNSAFE_FIX}: {plan.why}" if plan.why else UNSAFE_FIX
        else:
            note = f"fix not applied: {not_applied.get(finding, 'see the other fixes on this line')}"
        out.append((finding, note))
    return out


def _describe(exc):
    # libcst is recursive: deep nesting raises RecursionError, often re-raised
    # as another error whose text (a node's repr) would recurse again.
    cause = exc
    while cause is not None:
        if isinstance(cause, RecursionError):
            return "the code is nested too deeply for libcst"
        cause = cause.__context__
    try:
        lines = str(exc).strip().splitlines()
    except Exception:  # noqa: BLE001 - an exception whose text cannot be built
        lines = []
    first = lines[0] if lines else ""
    return f"{type(exc).__name__}: {first[:200]}"


class FileFix(NamedTuple):
    before: str  # the text read ("" when unreadable)
    after: str  # the fixed text (== before when nothing changed)
    applied: list  # Plans in `after`
    remaining: list  # (Finding, note), positions in `after`
    errors: list  # FileError
    written: bool  # `after` is on disk now
    encoding: str = "utf-8"  # the file's, for its diff


def fix_file(path, config, rules, unsafe=False, write=False, tree=None, max_size=None, project=None):
    """Fix one file; with `write`, replace it atomically (unless it changed
    on disk meanwhile, or is a symlink that leaves `tree`: files.write)."""
    from . import files

    try:
        source = files.read(path, max_size)
    except SourceError as exc:
        return FileFix("", "", [], [], [FileError(exc.line, exc.col, f"{exc.message}; not fixed")], False)
    outcome = fix_text(source.text, path, config, rules, unsafe, project)

    def result(written, error=None):
        errors = outcome.errors + ([error] if error else [])
        return FileFix(source.text, outcome.text, outcome.applied, outcome.remaining, errors, written, source.encoding)

    if not (write and outcome.text != source.text):
        return result(False)
    try:
        files.write(source, outcome.text, tree)
    except files.NotWritten as exc:
        return result(False, FileError(1, 0, str(exc)))
    except (OSError, UnicodeError) as exc:
        return result(False, FileError(1, 0, f"cannot write: {getattr(exc, 'strerror', None) or exc}; not fixed"))
    return result(True)
