"""Lines as Python numbers them.

`str.splitlines` also breaks at form feeds, vertical tabs, U+2028 and other
characters that are whitespace inside a Python line: a `^L` page break
between sections, common in older code, would shift every line number after
it. Python, tokenize and flake8 end a line at `\\n`, `\\r\\n` or `\\r` only.
"""

from __future__ import annotations

import io


def physical_lines(text, keepends=False):
    """`text`'s lines, numbered as `ast` line numbers count them."""
    lines = io.StringIO(text, newline="").readlines()
    if keepends:
        return lines
    return [line.rstrip("\r\n") for line in lines]
