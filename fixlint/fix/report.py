"""What `fixlint fix` prints: diffs on stdout (without --write), and on
stderr the findings left, the errors and a one-line summary.

Without --write the files are unchanged, so the findings left are shown at
their lines in the file as it is on disk, not in the fixed text.
"""

from __future__ import annotations

import difflib

from ..lines import physical_lines
from .fixer import NO_FIX, UNSAFE_FIX


def unified_diff(path, before, after):
    """A diff of one file that `git apply`/`patch -p1` accept."""
    out = []
    lines = physical_lines(before, keepends=True), physical_lines(after, keepends=True)
    for line in difflib.unified_diff(*lines, f"a/{path}", f"b/{path}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def line_map(before, after):
    """Line number in `after` -> line number in `before`."""
    matcher = difflib.SequenceMatcher(None, physical_lines(before), physical_lines(after), autojunk=False)
    mapping = {}
    for _, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        for offset in range(b_end - b_start):
            mapping[b_start + offset + 1] = a_start + min(offset, max(a_end - a_start - 1, 0)) + 1
    return lambda line: mapping.get(line, line)


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


class Report:
    def __init__(self, out, err, write, unsafe):
        self.out = out
        self.err = err
        self.write = write
        self.unsafe = unsafe
        self.fixed = 0  # findings fixed (or fixable, without --write)
        self.files = 0
        self.left = 0  # findings left
        self.unsafe_left = 0
        self.errors = 0

    def error(self, path, error):
        self.errors += 1
        self.err.write(f"{path}:{error.line}:{error.col + 1}: error: {error.message}\n")

    def file(self, path, fixed):
        for error in fixed.errors:
            self.error(path, error)
        if fixed.after != fixed.before and (fixed.written or not self.write):
            self.fixed += len(fixed.applied)
            self.files += 1
            if not self.write:
                self.out.write(unified_diff(path, fixed.before, fixed.after))
        remaining = list(fixed.remaining)
        if self.write and not fixed.written and fixed.applied:
            remaining = [(plan.finding, "fix not written") for plan in fixed.applied] + remaining
        where = (lambda line: line) if fixed.written else line_map(fixed.before, fixed.after)
        for finding, note in sorted(remaining, key=lambda item: (where(item[0].line), item[0].col)):
            self.left += 1
            self.unsafe_left += note == UNSAFE_FIX
            self.err.write(f"{path}:{where(finding.line)}:{finding.col + 1}: {finding.code} {finding.message} [{note}]\n")

    def summary(self):
        parts = []
        if not self.fixed:
            parts.append("nothing fixed" if self.write else "nothing to fix")
        elif self.write:
            parts.append(f"fixed {_plural(self.fixed, 'finding')} in {_plural(self.files, 'file')}")
        else:
            parts.append(f"{_plural(self.fixed, 'finding')} fixable in {_plural(self.files, 'file')} "
                         "(apply with --write)")
        if self.left:
            parts.append(f"{_plural(self.left, 'finding')} left")
        if self.unsafe_left:
            parts.append(f"{self.unsafe_left} of them with an unsafe fix (--unsafe-fixes)")
        if self.errors:
            parts.append(_plural(self.errors, "error"))
        self.err.write("fixlint: " + "; ".join(parts) + "\n")

    def exit_code(self):
        if self.errors:
            return 2
        if self.left or (self.fixed and not self.write):
            return 1
        return 0


__all__ = ["NO_FIX", "UNSAFE_FIX", "Report", "line_map", "unified_diff"]
