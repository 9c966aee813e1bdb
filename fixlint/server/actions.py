"""Code actions on fixlint's findings: the rule's fix for one finding, all
the safe fixes at once (`source.fixAll.fixlint`), a `# noqa` comment, and
the rule's documentation.

A safe fix is a preferred `quickfix` (editors apply it from the light bulb
or a "fix" shortcut). An unsafe one is a `quickfix` too — it is applied one
finding at a time, with the change in view — but never preferred, and its
title says to review the change. Fix-all applies what `fixlint fix` would:
the safe fixes, and the unsafe ones too only under the `unsafeFixes`
setting (as `--unsafe-fixes`), since it may run on save, unseen.
"""

from __future__ import annotations

from lsprotocol import types

from .. import noqa
from ..fix.edits import SAFE
from . import linting
from .convert import text_edits

FIX_ALL = "source.fixAll.fixlint"
SHOW_DOCS = "fixlint.showDocumentation"
KINDS = (types.CodeActionKind.QuickFix, FIX_ALL)


def _edit(uri, version, edits):
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def fix(uri, version, text, lines, plan, diagnostic, timeout):
    """The action carrying out one finding's fix, or None when it cannot."""
    after = linting.apply_one(text, plan, timeout)
    if after is None or after == text:
        return None
    safe = plan.safety == SAFE
    title = f"fixlint: {plan.title}" if safe else f"fixlint: {plan.title} (unsafe fix: review the change)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                            is_preferred=safe, edit=_edit(uri, version, text_edits(text, after, lines)))


def suppress(uri, version, text, lines, finding, diagnostic):
    """Add the finding's code to a `# noqa` comment where flake8 and the
    CLI look for it (the end of its logical line)."""
    number = noqa.comment_line(text, finding.line)
    if number > len(lines.lines):
        return None
    before = lines.lines[number - 1]
    after = noqa.suppression(before, finding.code)
    if after == before:
        return None
    span = types.Range(lines.position(number - 1, 0), lines.position(number - 1, len(before)))
    return types.CodeAction(title=f"fixlint: suppress {finding.code} with # noqa", diagnostics=[diagnostic],
                            kind=types.CodeActionKind.QuickFix,
                            edit=_edit(uri, version, [types.TextEdit(range=span, new_text=after)]))


def show_docs(code, diagnostic):
    return types.CodeAction(title=f"fixlint: show documentation for {code}", diagnostics=[diagnostic],
                            kind=types.CodeActionKind.QuickFix,
                            command=types.Command(title=f"Show {code} documentation", command=SHOW_DOCS,
                                                  arguments=[code]))


def fix_all(uri, version, text, lines, fixed):
    return types.CodeAction(title="fixlint: fix all auto-fixable findings", kind=FIX_ALL,
                            edit=_edit(uri, version, text_edits(text, fixed, lines)))


def wanted(only, kind):
    """Whether a request's `only` list asks for actions of `kind` (a kind
    is asked for by itself or by any prefix of it: `source` asks for
    `source.fixAll.fixlint`)."""
    if not only:
        return kind != FIX_ALL  # fix-all is a source action: only when asked for
    return any(kind == asked or kind.startswith(f"{asked}.") for asked in only)
