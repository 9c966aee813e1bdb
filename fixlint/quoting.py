"""Names from the analysed code, shown safely in every report.

A cookie name, session key or parameter comes from the checked file and may
hold anything a string literal can: `"bad\\r\\nname"` would split flake8's
one-line output, an escape sequence would recolour a terminal, a bidi
control would reorder what a reviewer reads. Messages quote such names with
`quoted` (a Python literal: every newline, control, format and other
non-printable character escaped), and `Rule.finding` passes each whole
message through `one_line`, so nothing slips past a rule that forgot.
"""

from __future__ import annotations


def quoted(text):
    """`text` as a quoted Python literal: `'bad\\r\\nname'`, `'sid\\u202e'`."""
    return repr(text)


def escaped(text):
    """`text` with its non-printable characters escaped, unquoted (for a
    name inside other words, or a file name)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def one_line(message):
    """A message with any non-printable character left in it escaped:
    newlines, controls (`\\x1b`), format characters such as bidi overrides,
    line and paragraph separators, lone surrogates."""
    return escaped(message)
