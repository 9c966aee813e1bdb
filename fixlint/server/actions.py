"""Code actions on fixlint's findings: the rule's fix for one finding, all
the safe fixes at once (`source.fixAll.fixlint`), a `# noqa` comment, and
the rule's documentation.

A safe fix is a preferred `quickfix` (editors apply it from the light bulb
or a "fix" shortcut). An unsafe one is a `quickfix` too — it is applied one
finding at a time, with the change in view — but never preferred, and its
title says to review the change. Fix-all applies what `fixlint fix` would:
the safe fixes, and the unsafe ones too only under the `unsafeFixes`
setting (as `--unsafe-fixes`), since it may run on save, unseen.

Listing actions judges again the facts the buffer's last check kept (the
rules and the fix planners, no walk of the tree); the edit of a fix or of fix-all is computed when the editor
resolves the action the user picked (`codeAction/resolve`), since a libcst
rewrite of a large file takes seconds. For an editor that cannot resolve
actions, every listed action is resolved at once.
"""

from __future__ import annotations

from lsprotocol import types

from .. import noqa
from ..fix.edits import SAFE
from ..rules.base import Finding
from . import linting
from .convert import text_edits

FIX_ALL = "source.fixAll.fixlint"
SHOW_DOCS = "fixlint.showDocumentation"
KINDS = (types.CodeActionKind.QuickFix, FIX_ALL)


def edit(uri, version, before, after, lines):
    """The WorkspaceEdit turning the document (at `version`) from `before`
    into `after`; editors refuse it once the document has changed."""
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    changes = types.TextDocumentEdit(text_document=document, edits=text_edits(before, after, lines))
    return types.WorkspaceEdit(document_changes=[changes])


def fix(uri, version, plan, diagnostic):
    """The action carrying out one finding's fix; its edit comes with
    resolve(), since rewriting with libcst costs far more than listing."""
    safe = plan.safety == SAFE
    title = f"fixlint: {plan.title}" if safe else f"fixlint: {plan.title} (unsafe fix: review the change)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                            is_preferred=safe, data={"uri": uri, "version": version, "finding": list(plan.finding)})


def fix_all(uri, version):
    return types.CodeAction(title="fixlint: fix all auto-fixable findings", kind=FIX_ALL,
                            data={"uri": uri, "version": version, "fix_all": True})


def resolve(action, text, path, lines, settings, plans):
    """Fill in the action's edit for the document's `text` (the version its
    data names; `plans` maps its findings to their Plans), as `fixlint fix`
    would rewrite it; unchanged when the fix no longer applies."""
    data = action.data
    if data.get("fix_all"):
        after = linting.fix_all(text, path, settings)
    else:
        plan = plans.get(Finding(*data["finding"]))
        after = linting.apply_one(text, plan, settings.timeout) if plan is not None else None
    if after is not None and after != text:
        action.edit = edit(data["uri"], data["version"], text, after, lines)
    return action


def suppress(uri, version, text, lines, finding, diagnostic, region=None):
    """Add the finding's code to a `# noqa` comment where flake8 and the
    CLI look for it (the end of its logical line). `region`: the lines of
    the top-level statement holding the finding (noqa.comment_line)."""
    number = noqa.comment_line(text, finding.line, region)
    if number > len(lines.lines):
        return None
    before = lines.lines[number - 1]
    after = noqa.suppression(before, finding.code)
    if after == before:
        return None
    span = types.Range(lines.position(number - 1, 0), lines.position(number - 1, len(before)))
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    change = types.TextDocumentEdit(text_document=document, edits=[types.TextEdit(range=span, new_text=after)])
    return types.CodeAction(title=f"fixlint: suppress {finding.code} with # noqa", diagnostics=[diagnostic],
                            kind=types.CodeActionKind.QuickFix, edit=types.WorkspaceEdit(document_changes=[change]))


def show_docs(code, diagnostic):
    return types.CodeAction(title=f"fixlint: show documentation for {code}", diagnostics=[diagnostic],
                            kind=types.CodeActionKind.QuickFix,
                            command=types.Command(title=f"Show {code} documentation", command=SHOW_DOCS,
                                                  arguments=[code]))


def wanted(only, kind):
    """Whether a request's `only` list asks for actions of `kind` (a kind
    is asked for by itself or by any prefix of it: `source` asks for
    `source.fixAll.fixlint`)."""
    if not only:
        return kind != FIX_ALL  # fix-all is a source action: only when asked for
    return any(kind == asked or kind.startswith(f"{asked}.") for asked in only)
