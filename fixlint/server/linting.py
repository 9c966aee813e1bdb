"""What the language server asks of fixlint, on a buffer's text: its
findings, the fix of one finding, every fix at once.

These are the CLI's own entry points — runner.check_source for `check`,
the fix engine's judge/apply_plans/fix_text for `fix` — run under the
CLI's per-file time limit, so a buffer gives exactly what `fixlint check`
and `fixlint fix` would give for the saved file. Nothing here speaks LSP.
"""

from __future__ import annotations

import bisect
import os
from typing import NamedTuple

from .. import runner
from ..engine.checker import release
from ..runner import FileError, SourceError
from . import incremental
from .incremental import start_line


class Checked(NamedTuple):
    findings: list  # Findings, after `# noqa`
    errors: list  # FileErrors: what was not analysed, and why


class Memory:
    """What checking one document's last text leaves for checking its next
    one, without changing what the check gives: its tree (the edited
    statements are parsed again, incremental.py) and the profiles of its
    functions (functions.profiles_from_text); and for planning the fixes of
    its findings, the facts they came from."""

    def __init__(self):
        self.parsed = incremental.Parsed()
        self.profiles = {}
        self.facts = None  # (project model, buffer's summary, its ProjectFacts, path) of the last check
        self.kept = None  # (text, Settings, Analysed) of the last check
        self.stale = None  # the Analysed of the check before, left for tidy() to release

    def parse(self, text, path):
        # The next tree reuses (and moves) the last one's statements: the
        # facts about those are stale from here on.
        self.forget()
        return self.parsed.parse(text, lambda whole: runner.parse_source(whole, path))

    def keeper(self, text, settings):
        """The `keep` callback of the check of `text` under `settings`."""
        def keep(analysed):
            self.forget()
            self.kept = (text, settings, analysed)
        return keep

    def analysed(self, text, settings):
        """The facts of the last check, if it was of `text` under `settings`."""
        if self.kept is not None and self.kept[1] is settings and self.kept[0] == text:
            return self.kept[2]
        return None

    def statement_lines(self, text, settings, line):
        """(first, last): the lines of the top-level statement of the last
        check's tree that holds `line`, if that check was of `text`; else
        None. Statements sharing a line with it are part of it."""
        analysed = self.analysed(text, settings)
        if analysed is None or analysed.ctx is None:
            return None
        spans = [(start_line(node), node.end_lineno) for node in analysed.ctx.tree.body]
        index = bisect.bisect_right(spans, (line, float("inf"))) - 1
        if index < 0 or spans[index][1] < line:
            return None
        first, last = index, index
        while first > 0 and spans[first - 1][1] >= spans[first][0]:
            first -= 1
        while last + 1 < len(spans) and spans[last + 1][0] <= spans[last][1]:
            last += 1
        return spans[first][0], spans[last][1]

    def forget(self):
        """Drop the last check's facts. Breaking their reference cycles
        (checker.release) is left for tidy(), which the server calls once
        the diagnostics are published: it takes about a millisecond on a
        large module, none of which the editor needs to wait for. The
        release touches only the old walk's own scopes, never the tree."""
        if self.kept is not None:
            self.tidy()
            self.stale = self.kept[2]
            self.kept = None

    def tidy(self):
        """Release the facts forget() dropped."""
        if self.stale is not None:
            stale, self.stale = self.stale, None
            release(stale)


def check(text, path, settings, memory=None):
    """The buffer's findings, or the reason it was not (fully) analysed.
    `memory`: the document's Memory, kept by the caller between checks."""
    if settings.error:
        return Checked([], [FileError(1, 0, f"configuration error: {settings.error}")])
    size = too_large(text, settings)
    if size:
        return Checked([], [FileError(1, 0, size)])
    project = project_facts(path, text, memory.profiles if memory is not None else None, memory)
    parse = memory.parse if memory is not None else None
    keep = memory.keeper(text, settings) if memory is not None else None
    if memory is not None:
        memory.forget()
    result = runner.guarded(
        lambda: runner.check_source(path, text, settings.config, list(settings.rules), project, parse, keep),
        settings.timeout)
    if isinstance(result, FileError):
        if memory is not None:
            memory.tidy()
            memory.__init__()  # a check cut short may leave a half-updated tree behind
        return Checked([], [result])
    return Checked(result.findings, result.errors)


def too_large(text, settings):
    """Why a buffer is not checked, as `fixlint check` skips such a file,
    or "" (counting characters first: UTF-8 needs at least one byte each)."""
    if len(text) <= settings.max_size // 4:
        return ""
    size = len(text.encode("utf-8", "surrogatepass"))
    return runner.too_large(size, settings.max_size) if size > settings.max_size else ""


class Fixes(NamedTuple):
    plans: list  # Plans, safe and unsafe, one per fixable finding
    error: object  # a FileError when the buffer could not be judged, else None


def plans(text, path, settings, memory=None):
    """The fix plans for the buffer's findings; from the facts of its last
    check when `memory` (the document's Memory) has them for this text."""
    from ..fix.fixer import judge

    if settings.error or too_large(text, settings):
        return Fixes([], None)
    analysed = memory.analysed(text, settings) if memory is not None else None

    def work():
        if analysed is not None:
            tree = analysed.ctx.tree if analysed.ctx is not None else None  # None: nothing was analysed
            return judge(tree, text, path, settings.config, list(settings.rules), analysed=analysed)[1]
        try:
            tree = runner.parse_source(text, path)
        except SourceError as exc:
            return FileError(exc.line, exc.col, exc.message)
        return judge(tree, text, path, settings.config, list(settings.rules), project_facts(path, text))[1]

    result = runner.guarded(work, settings.timeout)
    if isinstance(result, FileError):
        return Fixes([], result)
    return Fixes(result, None)


def apply_one(text, plan, timeout):
    """The text with one plan carried out, or None when it cannot be."""
    from ..fix.apply import apply_plans

    def work():
        result = apply_plans(text, [plan])
        return result.code if result.applied else None

    result = runner.guarded(work, timeout)  # libcst's errors become a FileError: no action
    return None if isinstance(result, FileError) else result


def fix_all(text, path, settings):
    """The text with every allowed fix applied (`fixlint fix`), or None when
    nothing changes or the fixing did not finish."""
    from ..fix.fixer import fix_text

    if settings.error or too_large(text, settings):
        return None
    project = project_facts(path, text)
    outcome = runner.guarded(
        lambda: fix_text(text, path, settings.config, list(settings.rules), unsafe=settings.unsafe_fixes,
                         project=project),
        settings.timeout)
    if isinstance(outcome, FileError) or outcome.text == text:
        return None
    return outcome.text


# -- the project model ---------------------------------------------------------

_PROJECTS = {}  # project root -> Project, built from the files on disk


def project_facts(path, text, profiles=None, memory=None):
    """The buffer's project facts, as `fixlint check` and flake8 give them
    for the saved file: the other modules as they are on disk (through the
    project model's cache), the buffer as it is in the editor. None for an
    untitled buffer. The model is rebuilt after a save (forget_projects).
    `profiles`: the document's function profiles from its last check;
    `memory`: its Memory, whose facts are reused while the model and the
    buffer's summary stay the same (most edits change neither)."""
    from .. import project
    from ..project import summary

    if not path or not os.path.isabs(path):
        return None
    absolute = os.path.abspath(path)
    own = summary.summarise(text, known=profiles)
    root = project.find_root(absolute)
    built = None  # the buffer alone, as `fixlint check` on this one file
    if root is not None:
        built = _PROJECTS.get(root)
        if built is None:
            built = _PROJECTS[root] = project.build(root, use_cache=True)
    last = memory.facts if memory is not None else None
    if last is not None and last[0] is built and last[1] == own and last[3] == absolute:
        return last[2]
    if built is None:
        facts = project.Project(os.path.dirname(absolute), {absolute: own}).facts_for(absolute)
    elif built.summaries.get(absolute) != own:  # edited (or never saved): its facts from the buffer
        facts = built.with_module(absolute, own).facts_for(absolute)
    else:
        facts = built.facts_for(absolute)
    if memory is not None:
        memory.facts = (built, own, facts, absolute)
    return facts


def forget_projects():
    """Drop the built project models: a file was saved or changed on disk."""
    _PROJECTS.clear()
