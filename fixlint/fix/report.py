"""What `fixlint fix` prints: diffs on stdout (without --write), and on
stderr the findings left, the errors and a one-line summary.

Without --write the files are unchanged, so the findings left are shown at
their lines in the file as it is on disk, not in the fixed text.
"""

from __future__ import annotations

import difflib
import os

from ..lines import physical_lines
from ..output.escape import diff_name, shown, shown_path
from ..output.text import error_line
from .fixer import NO_FIX, UNSAFE_FIX


def _repository_root(folder):
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def diff_path(path, cwd=None):
    """(the path a diff header names, the folder to apply the diff in).

    `git apply` and `patch -p1` both read a header's path relative to the
    current directory (git adds the subfolder's prefix itself) and both
    refuse `..` and absolute paths. A file below the current directory is
    named relative to it; one elsewhere relative to its repository's root
    (else to `/`), and the folder says where that diff applies."""
    cwd = os.path.abspath(cwd or os.getcwd())
    absolute = os.path.abspath(path)
    base = cwd
    if os.path.commonpath([cwd, absolute]) != cwd:
        base = _repository_root(os.path.dirname(absolute)) or os.path.abspath(os.sep)
    return os.path.relpath(absolute, base).replace(os.sep, "/"), base


def unified_diff(path, before, after, encoding="utf-8", cwd=None):
    """The bytes of a diff of one file that `git apply` and `patch -p1`
    accept in the current directory (see diff_path for a file outside it):
    lines in the file's own encoding (a latin-1 file's diff is latin-1, a
    BOM stays on line 1) and split where those tools split them, at `\n`
    only (a file that ends its lines with a bare `\r` is one line to them);
    a name that needs it is quoted as git quotes it."""
    name = diff_path(path, cwd)[0]
    old, new = (_lines(text.encode(encoding, "surrogateescape")) for text in (before, after))
    names = (diff_name(f"a/{name}").encode("utf-8", "surrogateescape"),
             diff_name(f"b/{name}").encode("utf-8", "surrogateescape"))
    out = []
    for line in difflib.diff_bytes(difflib.unified_diff, old, new, *names):
        out.append(line)
        if not line.endswith(b"\n"):
            out.append(b"\n\\ No newline at end of file\n")
    return b"".join(out)


def _lines(data):
    """`data` split after each `\\n`, as diff, git and patch count lines."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def write_bytes(stream, data):
    """`data` on a text stream's binary buffer (flushing the text first);
    decoded as UTF-8 for a stream without one (a test's StringIO)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8", "surrogateescape"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


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
        self.err.write(error_line(path, error) + "\n")

    def file(self, path, fixed):
        for error in fixed.errors:
            self.error(path, error)
        if fixed.after != fixed.before and (fixed.written or not self.write):
            self.fixed += len(fixed.applied)
            self.files += 1
            if not self.write:
                self._note_elsewhere(path)
                write_bytes(self.out, unified_diff(path, fixed.before, fixed.after, fixed.encoding))
        remaining = list(fixed.remaining)
        if self.write and not fixed.written and fixed.applied:
            remaining = [(plan.finding, "fix not written") for plan in fixed.applied] + remaining
        where = (lambda line: line) if fixed.written else line_map(fixed.before, fixed.after)
        for finding, note in sorted(remaining, key=lambda item: (where(item[0].line), item[0].col)):
            self.left += 1
            self.unsafe_left += note.startswith(UNSAFE_FIX)
            self.err.write(f"{shown_path(path)}:{where(finding.line)}:{finding.col + 1}: "
                           f"{shown(f'{finding.code} {finding.message} [{note}]')}\n")

    def _note_elsewhere(self, path):
        name, base = diff_path(path)
        if base != os.getcwd():
            self.err.write(f"{shown_path(path)}: note: outside the current directory; its diff names "
                           f"{shown(name)}: apply it in {shown(base)} (git -C {shown(base)} apply / "
                           f"patch -p1 -d {shown(base)})\n")

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
