"""flake8-style text: `path:line:col: CODE message`, 1-based line and column.

Errors (files not analysed) go to stderr in the same shape. `-q` prints
only the names of files with findings, `-qq` nothing; `--statistics` adds a
count per code, as flake8 does. Colours follow flake8's coloured format.
"""

from __future__ import annotations

from collections import Counter

from .color import BOLD, CYAN, RED, RESET
from .escape import shown, shown_path
from .options import DEFAULT


def _line(path, line, col, code, message, color):
    path, message = shown_path(path), shown(message)
    if not color:
        return f"{path}:{line}:{col}: {code} {message}"
    sep = f"{CYAN}:{RESET}"
    return f"{BOLD}{path}{RESET}{sep}{line}{sep}{col}{sep} {BOLD}{RED}{code}{RESET} {message}"


def render(results, rules, out, err, options=DEFAULT):
    counts, first_message = Counter(), {}
    for result in results:
        for f in result.findings:
            counts[f.code] += 1
            first_message.setdefault(f.code, f.message)
            if options.quiet == 0:
                out.write(_line(result.path, f.line, f.col + 1, f.code, f.message, options.color) + "\n")
        if result.findings and options.quiet == 1:
            out.write(shown_path(result.path) + "\n")
        for e in result.errors:
            err.write(error_line(result.path, e) + "\n")
    if options.statistics:
        for code in sorted(counts):
            out.write(f"{counts[code]:<5} {code} {shown(first_message[code])}\n")


def error_line(path, error):
    """`path:line:col: error: reason` for a file that was not (fully) analysed."""
    return f"{shown_path(path)}:{error.line}:{error.col + 1}: error: {shown(error.message)}"
