"""fixlint's findings, errors and rewritten texts in LSP terms.

Lines are numbered as Python numbers them (fixlint.lines: `\\n`, `\\r\\n`,
`\\r`), which is also how LSP counts them; pygls's own line list also breaks
at form feeds and U+2028, so positions are computed here from the text.
Finding columns are UTF-8 byte offsets (ast's); the client's columns are in
the position encoding it negotiated (UTF-16 unless it said otherwise).
"""

from __future__ import annotations

from lsprotocol import types

from ..docs import rule_docs_url
from ..lines import physical_lines
from ..rules import finding_rating

SOURCE = "fixlint"

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "note": types.DiagnosticSeverity.Information,
    "none": types.DiagnosticSeverity.Hint,
}


class Lines:
    """A document's lines and the client's way of counting columns."""

    def __init__(self, text, units):
        self.lines = physical_lines(text)
        self.units = units  # str -> number of client code units

    def position(self, line, char):
        """A Position from a 0-based line and a str index in it."""
        if line >= len(self.lines):
            if not self.lines:
                return types.Position(0, 0)
            return types.Position(len(self.lines) - 1, self.units(self.lines[-1]))
        text = self.lines[line][:max(0, char)]
        # ASCII is one code unit a character in every encoding LSP has
        return types.Position(line, len(text) if text.isascii() else self.units(text))

    def byte_column(self, line, col):
        """The str index of UTF-8 byte offset `col` in 0-based `line`."""
        if line >= len(self.lines):
            return 0
        text = self.lines[line]
        if text.isascii() and col >= 0:
            return min(col, len(text))
        return len(text.encode("utf-8")[:col].decode("utf-8", "ignore"))

    def span(self, line, col):
        """The range a finding at 1-based `line`, byte column `col` marks:
        from there to the end of the line's code."""
        index = max(line - 1, 0)
        start = self.byte_column(index, col)
        text = self.lines[index] if index < len(self.lines) else ""
        end = max(len(text.rstrip()), start + 1)
        if start >= len(text.rstrip()):  # nothing to mark after the column: mark the line
            start = len(text) - len(text.lstrip())
        return types.Range(self.position(index, start), self.position(index, end))


def diagnostic(finding, lines):
    """A finding as the editor shows it. Its severity is its SARIF level
    (finding_rating: a rule whose severity depends on the session backend
    rates each finding by its own severity, as SARIF does). No `tags`: the two LSP has
    (Unnecessary fades the code, Deprecated strikes it through) would
    misstate a security finding."""
    level = finding_rating(finding)[0]
    return types.Diagnostic(
        range=lines.span(finding.line, finding.col),
        message=finding.message,
        severity=_SEVERITY.get(level, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_docs_url(finding.code)),
        source=SOURCE,
    )


def error_diagnostic(error, lines):
    """A FileError: the file, or part of it, was not analysed. A syntax error
    is information (the editor's Python support reports the error itself);
    a time-out or an internal error is a warning that findings may be
    missing; a configuration error is an error."""
    message = error.message
    if message.startswith("configuration error"):
        severity = types.DiagnosticSeverity.Error
    elif message.startswith("syntax error"):
        severity = types.DiagnosticSeverity.Information
    else:
        severity = types.DiagnosticSeverity.Warning
    if not message.startswith("configuration error"):
        message = f"not analysed by fixlint: {message}"
    return types.Diagnostic(range=lines.span(error.line, error.col), message=message, severity=severity,
                            source=SOURCE)


def text_edits(before, after, lines):
    """One TextEdit turning `before` into `after`: the block of lines that
    differ, so that the editor keeps its marks and folds elsewhere."""
    old, new = physical_lines(before, keepends=True), physical_lines(after, keepends=True)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = types.Position(head, 0)
    if tail:
        stop = types.Position(len(old) - tail, 0)
    elif old and not old[-1].endswith(("\n", "\r")):
        stop = lines.position(len(old) - 1, len(old[-1]))  # the end of an unterminated last line
    else:
        stop = types.Position(len(old), 0)
    return [types.TextEdit(range=types.Range(start, stop), new_text="".join(new[head:len(new) - tail]))]
