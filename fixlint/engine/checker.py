"""Check one parsed module: the shared core of the flake8 plugin and the CLI.

The tree comes from the caller (flake8 hands over the one it parsed). A
cheap text guard skips analyses whose keywords the file never mentions; the
remaining analyses share one walk; then each rule judges the facts. An
exception inside an analysis or a rule is caught, reported as an internal
error naming the file and the component, and the other rules still run.
"""

from __future__ import annotations

import os
import traceback
from pathlib import PurePath
from typing import NamedTuple

from ..analysis.base import UNKNOWN, GuardText
from ..frameworks import in_test_folder, is_test_code, is_test_module

from .context import FileContext
from .walker import Walker


class InternalError(NamedTuple):
    line: int
    component: str
    detail: str

    def describe(self):
        return f"internal error in {self.component}: {self.detail} (please report this)"


class Result(NamedTuple):
    findings: list
    errors: list


def _needed_analyses(rules):
    """Every analysis `rules` read, dependencies first (the same for every
    file of a run: computed once per rule selection)."""
    return _scheme(rules).analyses


class _Scheme:
    """What `plan` reads for one rule selection, worked out once: the
    analyses in dependency order, each with its dependencies and its guard
    (_guard), and the plan of each set of analyses the guards let in
    (_drop_unused)."""

    __slots__ = ("analyses", "steps", "plans")

    def __init__(self, rules):
        self.analyses = tuple(_order(rules))
        self.steps = tuple((analysis, analysis.requires, _guard(analysis)) for analysis in self.analyses)
        self.plans = {}  # the analyses let in, in order -> the plan (_drop_unused)


def _scheme(rules):
    key = tuple(rules)
    found = _SCHEMES.get(key)
    if found is None:
        found = _SCHEMES[key] = _Scheme(key)
    return found


_SCHEMES = {}


def _order(rules):
    ordered = []

    def add(analysis):
        if analysis in ordered:
            return
        for dependency in analysis.requires:
            add(dependency)
        ordered.append(analysis)

    for rule in rules:
        for analysis in rule.uses:
            add(analysis)
    return ordered


def _drop_unused(analyses, rules):
    """Only the analyses a rule reads, and their dependencies: one kept only
    for an analysis the guard skipped is dropped too."""
    needed = set()
    stack = [a for rule in rules for a in rule.uses if a in analyses]
    while stack:
        analysis = stack.pop()
        if analysis in needed:
            continue
        needed.add(analysis)
        stack.extend(dep for dep in analysis.requires if dep in analyses)
    return [a for a in analyses if a in needed]


def plan(rules, config, text=None, project=UNKNOWN):
    """The analyses to run, in dependency order, on a file whose text the
    guards see as `text` (a GuardText, a lower-cased str, or None: no
    guard). Empty: no rule can report anything in this file, and the file
    need not even be parsed. `project`: the file's project facts as the
    analyses will get them (ProjectFacts, a Deferred, or None: none), for
    the guards that need a project fact (GuardText.project); UNKNOWN when
    the caller cannot tell yet (such a guard lets the file in)."""
    if project is not UNKNOWN and text.__class__ is GuardText:
        text.project = project
        text.awaits_project = False
    scheme = _scheme(rules)
    wanted, answers = [], {}
    for analysis, requires, guard in scheme.steps:
        if requires and not all(dep in wanted for dep in requires):
            continue
        answer = answers.get(guard)
        if answer is None:
            answer = answers[guard] = bool(analysis.wanted(text, config))
        if answer:
            wanted.append(analysis)
    key = tuple(wanted)
    found = scheme.plans.get(key)
    if found is None:
        found = scheme.plans[key] = tuple(_drop_unused(wanted, rules))
    return list(found)


def _guard(analysis):
    """What decides the analysis's guard: when it keeps the base class's
    `wanted` (analysis.base.Analysis, which reads only the keywords, words
    and names, and the configuration), those three: two analyses with the
    same ones get the same answer, asked once per file. Else the analysis
    itself."""
    found = _GUARDS.get(analysis)
    if found is None:
        owner = next(c for c in analysis.__mro__ if "wanted" in vars(c))
        common = not any(hasattr(base, "wanted") for base in owner.__bases__)
        found = _GUARDS[analysis] = (analysis.keywords, analysis.words, analysis.names) if common else analysis
    return found


_GUARDS = {}


def is_checked(filename, config):
    """Whether fixlint judges this file at all: not a type stub (`.pyi`:
    no code runs there), and not test code unless `include-tests` (test
    clients and fixtures set cookies and sessions on purpose). A plain
    path (as discovery gives them: no `.`, `..` or empty part) is told by
    its name and, once per folder, by its folder (_in_test_folder)."""
    folder, _, name = filename.rpartition("/")
    plain = os.sep == "/" and name not in _NOT_NAMES and not any(odd in filename for odd in _ODD)
    # A plain path's name: the path's suffix, and its stem below the cwd or root.
    path = PurePath(name if plain else filename)
    if path.suffix == ".pyi":
        return False
    if config.include_tests:
        return True
    cwd = os.getcwd() if plain and filename.startswith("/") else None
    if plain and filename != cwd:  # (the cwd itself is "." below the cwd)
        return not (is_test_module(path) or _in_test_folder(filename, cwd, folder))
    path = PurePath(filename)
    if path.is_absolute():  # only the project's own folders say "tests", not where it lives
        path = _below_cwd(filename, path)
    return not is_test_code(path)


_NOT_NAMES = ("", ".", "..")  # `a/.` is `a`: the last part is not the file's name


def _in_test_folder(filename, cwd, folder):
    """Whether the file at `filename` lies under a test folder of its path
    as is_checked reads it (below `cwd` when absolute). Every file of a
    folder gives the same answer (its folders below the cwd or the project
    root are the folder's), so each folder is asked once (and find_root,
    which looks at the file itself, once per folder)."""
    key = (cwd, folder)
    found = _TEST_FOLDERS.get(key)
    if found is None:
        path = PurePath(filename)
        found = _TEST_FOLDERS[key] = in_test_folder(path if cwd is None else _below_cwd(filename, path))
    return found


_TEST_FOLDERS = {}  # (cwd when the path is absolute, else None; folder) -> _in_test_folder's answer


_ODD = ("/./", "/../", "//")


def _below_cwd(filename, path):
    """The absolute `path` relative to the current directory; when it lies
    elsewhere, relative to its project root (`fixlint check /srv/app` run
    from another folder still skips /srv/app/tests/), else only its name.
    A normalised path (as discovery gives them) is told apart by its
    prefix, without os.path.relpath's cost."""
    cwd = os.getcwd()
    if os.sep == "/" and filename != cwd and not filename.endswith(("/.", "/..")) and not any(
            odd in filename for odd in _ODD):
        prefix = cwd if cwd.endswith("/") else cwd + "/"
        return PurePath(filename[len(prefix):]) if filename.startswith(prefix) else _below_root(filename, path)
    try:
        relative = PurePath(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return _below_root(filename, path)
    return _below_root(filename, path) if relative.parts[:1] == ("..",) else relative


def _below_root(filename, path):
    """`path` relative to the root of the project it belongs to, or its name
    when it belongs to none."""
    from ..project.model import PROCESS_ROOTS, find_root  # loaded only for files outside the cwd

    root = find_root(filename, PROCESS_ROOTS)
    if root is None:
        return PurePath(path.name)
    try:
        return PurePath(os.path.relpath(filename, root))
    except ValueError:
        return PurePath(path.name)


class Deferred:
    """A file's project facts, computed only if the file is analysed: most
    files of a run are not (test code, or text that no analysis wants),
    and a file's facts cost more than its guards. `analyse` asks for them."""

    __slots__ = ("function", "argument", "value")

    def __init__(self, function, argument):
        self.function = function
        self.argument = argument
        self.value = _NOT_YET

    def get(self):
        """The facts, computed once (a guard may ask before `analyse`)."""
        if self.value is _NOT_YET:
            self.value = self.function(self.argument)
        return self.value


_NOT_YET = object()


def _describe(exc):
    frames = traceback.extract_tb(exc.__traceback__)
    # file:line of the innermost frame, the place a bug report needs
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


class Analysed(NamedTuple):
    """A file's facts after the walk: what the rules (and the fixer) judge."""

    ctx: object  # FileContext; None when no analysis ran
    facts: dict  # Analysis class -> instance
    failed: set  # Analysis classes whose facts are unreliable
    errors: list


def analyse(tree, filename, config, rules, text=None, planned=None, project=None):
    """Run the analyses `rules` need over a parsed module, in one walk.
    `text` is the file's source for the per-file guards (see `plan`);
    `planned` is `plan(rules, config, text)` when the caller has it;
    `project` the project model's facts for the file (None: this file alone;
    a Deferred: computed here, only if an analysis runs)."""
    errors = []
    analyses = {}
    failed = set()
    if not is_checked(filename, config):
        return Analysed(None, analyses, failed, errors)
    if planned is None:
        planned = plan(rules, config, text, project)
    if not planned:  # nothing to run: not even the file's imports are read
        return Analysed(None, analyses, failed, errors)
    if project.__class__ is Deferred:
        project = project.get()
    ctx = FileContext(tree, filename, config, project)
    ctx.release = _nothing_to_release
    for analysis in planned:
        if any(dep not in analyses for dep in analysis.requires):
            continue  # a dependency failed to start
        try:
            analyses[analysis] = analysis(ctx, analyses)
        except Exception as exc:
            errors.append(InternalError(1, analysis.__name__, _describe(exc)))
    if not analyses:
        return Analysed(ctx, analyses, failed, errors)

    walker = Walker(ctx)
    ctx.release = walker.release
    for instance in analyses.values():
        instance.subscribe(walker)
    try:
        walker.walk(tree)
    except Exception as exc:  # the walker itself: nothing gathered is reliable
        errors.append(InternalError(1, "walker", _describe(exc)))
        return Analysed(ctx, {}, failed, errors)
    for owner, node, exc in walker.failures:
        failed.add(type(owner))
        errors.append(InternalError(getattr(node, "lineno", 1), type(owner).__name__, _describe(exc)))
    for analysis, instance in analyses.items():
        if analysis in failed:
            continue
        try:
            instance.finish()
        except Exception as exc:
            failed.add(analysis)
            errors.append(InternalError(1, analysis.__name__, _describe(exc)))
    return Analysed(ctx, analyses, failed, errors)


def can_judge(rule, analysed):
    """Whether every analysis the rule reads ran and succeeded."""
    return all(a in analysed.facts and a not in analysed.failed for a in rule.uses)


def run_rule(rule, analysed, method, errors):
    """The results of `method(ctx, facts)` (a rule's check, or a fix
    planner), or [] with an internal error noted when it raises."""
    try:
        return list(method(analysed.ctx, analysed.facts))
    except Exception as exc:
        errors.append(InternalError(1, rule.code, _describe(exc)))
        return []


def check_tree(tree, filename, config, rules, text=None, planned=None, project=None, keep=None):
    """Findings of `rules` on a parsed module. `text` is the file's source
    for the per-file guards, `planned` the analyses to run (see `plan`),
    `project` the file's project facts (see fixlint.project). `keep`, when
    given, is called with the Analysed facts, which are then left for the
    caller to judge again (the language server plans its code actions from
    them) and to `release`."""
    analysed = analyse(tree, filename, config, rules, text, planned, project)
    errors = list(analysed.errors)
    if not analysed.facts:
        if keep is not None:
            keep(analysed)
        return Result([], errors)
    findings = set()
    for rule in rules:
        if can_judge(rule, analysed):
            findings.update(run_rule(rule, analysed, rule.check, errors))
    if keep is not None:
        keep(analysed)
    else:
        release(analysed)
    return Result(sorted(findings), errors)


def release(analysed):
    """Break the reference cycles among a file's facts once every rule has
    judged them (the analyses share one dict of each other; the walk's
    scopes and bindings point at each other): the file's tree and facts are
    then freed at once, see Walker.release."""
    if analysed.ctx is not None:
        analysed.ctx.release()
        analysed.ctx.release = _nothing_to_release  # the walker, which holds the context
    analysed.facts.clear()


def _nothing_to_release():
    pass
