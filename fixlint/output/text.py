"""flake8-style text: `path:line:col: CODE message`, 1-based line and column.

Errors (files not analysed) go to stderr in the same shape. `-q` prints
only the names of files with findings, `-qq` nothing; `--statistics` adds a
count per code, as flake8 does. Colours follow flake8's coloured format.
"""

from __future__ import annotations

from collections import Counter

from .color import BOLD, CYAN, RED, RESET
from .options import DEFAULT


def _line(path, line, col, code, message, color):
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
            out.write(result.path + "\n")
        for e in result.errors:
            err.write(f"{result.path}:{e.line}:{e.col + 1}: error: {e.message}\n")
    if options.statistics:
        for code in sorted(counts):
            out.write(f"{counts[code]:<5} {code} {first_message[code]}\n")
