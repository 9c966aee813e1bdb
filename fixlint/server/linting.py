"""What the language server asks of fixlint, on a buffer's text: its
findings, the fix of one finding, every fix at once.

These are the CLI's own entry points — runner.check_source for `check`,
the fix engine's judge/apply_plans/fix_text for `fix` — run under the
CLI's per-file time limit, so a buffer gives exactly what `fixlint check`
and `fixlint fix` would give for the saved file. Nothing here speaks LSP.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import runner
from ..runner import FileError, SourceError


class Checked(NamedTuple):
    findings: list  # Findings, after `# noqa`
    errors: list  # FileErrors: what was not analysed, and why


def check(text, path, settings):
    """The buffer's findings, or the reason it was not (fully) analysed."""
    if settings.error:
        return Checked([], [FileError(1, 0, f"configuration error: {settings.error}")])
    size = too_large(text, settings)
    if size:
        return Checked([], [FileError(1, 0, size)])
    result = runner.guarded(lambda: runner.check_source(path, text, settings.config, list(settings.rules)),
                            settings.timeout)
    if isinstance(result, FileError):
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


def plans(text, path, settings):
    """The fix plans for the buffer's findings."""
    from ..fix.engine import judge

    if settings.error or too_large(text, settings):
        return Fixes([], None)

    def work():
        try:
            tree = runner.parse_source(text, path)
        except SourceError as exc:
            return FileError(exc.line, exc.col, exc.message)
        return judge(tree, text, path, settings.config, list(settings.rules))[1]

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
    from ..fix.engine import fix_text

    if settings.error or too_large(text, settings):
        return None
    outcome = runner.guarded(
        lambda: fix_text(text, path, settings.config, list(settings.rules), unsafe=settings.unsafe_fixes),
        settings.timeout)
    if isinstance(outcome, FileError) or outcome.text == text:
        return None
    return outcome.text
