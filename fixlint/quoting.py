"""Names from the analysed code, shown safely in every report.

A cookie name, session key or parameter comes from the checked file and may
hold anything a string literal can: `"bad\\r\\nname"` would split flake8's
one-line output, an escape sequence would recolour a terminal, a bidi
control would reorder what a reviewer reads. Messages quote such names with
`quoted` (a Python literal: every newline, control, format and other
non-printable character escaped), and `Rule.finding` passes each whole
message through `one_line`, so nothing slips past a rule that forgot. The
report writers (fixlint.output.escape) use the same `escaped` for file names
and shorten over-long names.
"""

from __future__ import annotations


def quoted(text):
    """`text` as a quoted Python literal: `'bad\\r\\nname'`, `'sid\\u202e'`."""
    return repr(text)


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def surrogate_escape(char):
    """A lone surrogate as text: `\\xNN` for a byte of a file name that is not
    UTF-8 (PEP 383), else `\\udNNN`."""
    code = ord(char)
    return "\\x%02x" % (code - 0xDC00) if 0xDC80 <= code <= 0xDCFF else "\\u%04x" % code


def _unprintable(char):
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return surrogate_escape(char)
    if code < 0x100:
        return "\\x%02x" % code
    return "\\u%04x" % code if code < 0x10000 else "\\U%08x" % code


def escaped(text):
    """`text` with every non-printable character as a backslash escape:
    Cc controls (`\\n`, `\\x1b`), Cf format characters (bidi overrides,
    zero-width), Zl/Zp separators (`\\u2028`), spaces other than " ",
    surrogates, unassigned code points. Unquoted: for a name inside other
    words, or a file name (fixlint.output.escape builds on it)."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _unprintable(c) for c in text)


def one_line(message):
    """A message with any non-printable character left in it escaped."""
    return escaped(message)
