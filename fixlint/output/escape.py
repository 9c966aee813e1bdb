"""Names from the file system and from the checked code, made safe to print.

The one place that decides how a name is shown (the character escaping
itself is fixlint.quoting's, which rules use for the names they quote). A file may be called
`x\\033]0;TITLE\\007.py` (a terminal escape sequence) or
`e.py:1:1: SFX000 fake\\nreal.py` (a forged report line), and a cookie name in
the checked code may be megabytes long. Every writer of a report passes the
names it prints through here:

- `shown` for people (text report, `-q`, stderr), and `shown_path` for the
  path that starts a `path:line:col:` record: control characters, line
  and paragraph separators, bidi and other invisible format characters
  become backslash escapes, so one record stays one line and nothing
  reaches the terminal as a command; bytes that are not UTF-8 show as
  `\\xNN`; over-long names in messages are shortened in the middle.
- `unsurrogate` for JSON, SARIF and GitLab: the text is kept (JSON escapes
  control characters itself) but a byte that is not UTF-8, which Python
  holds as a lone surrogate (PEP 383), becomes the text `\\xNN`, so the
  document is valid Unicode.
- `diff_name` for diff headers: git's C-style quoting, which `git apply`
  and `patch -p1` read back to the real name.
"""

from __future__ import annotations

import os
import re

from ..quoting import escaped as _escaped
from ..quoting import surrogate_escape as _surrogate

# Longest run of non-blank characters shown in full (a name, a quoted key).
MAX_WORD = 200
KEEP = 60  # characters kept at each end of a shortened word
MAX_TEXT = 2000  # and of a whole message

_WORD = re.compile(r"\S{%d,}" % (MAX_WORD + 1))


def _shorten(word):
    return f"{word[:KEEP]}…{word[-KEEP:]}"


def clip(text):
    """`text` with over-long words shortened in the middle (`aaaa…aaaa`), and
    cut to MAX_TEXT characters in the middle when still longer."""
    if len(text) > MAX_WORD:
        text = _WORD.sub(lambda m: _shorten(m.group()), text)
    if len(text) > MAX_TEXT:
        half = MAX_TEXT // 2
        text = f"{text[:half]} … {text[-half:]}"
    return text


def shown(text):
    """`text` for a terminal or a log: one line, no control sequences, not
    endlessly long."""
    return clip(_escaped(text))


_LOCATION = re.compile(r":(?=\d)")


def shown_path(path):
    """A file name for the start of a `path:line:col:` record: escaped as
    `shown` does but never shortened (the file system bounds its length, and
    an editor must find the file), and a colon before a digit escaped
    (`\\x3a`), so that a file named `e.py:1:1: SFX000 fake.py` cannot pass
    for a finding in `e.py`."""
    return _LOCATION.sub(r"\\x3a", _escaped(path))


_SURROGATES = re.compile("[\ud800-\udfff]")


def unsurrogate(text):
    """`text` as valid Unicode: each lone surrogate becomes `\\xNN` (a byte of
    a file name that is not UTF-8) or `\\udNNN`."""
    return _SURROGATES.sub(lambda m: _surrogate(m.group()), text)


def clean_document(value):
    """A JSON-ready document with every string passed through unsurrogate."""
    if isinstance(value, str):
        return unsurrogate(value) if _SURROGATES.search(value) else value
    if isinstance(value, dict):
        return {clean_document(k): clean_document(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_document(v) for v in value]
    return value


_GIT_ESCAPES = {7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r",
                ord('"'): '\\"', ord("\\"): "\\\\"}


def diff_name(name):
    """`name` for a `---`/`+++` line as git writes it: quoted when it holds a
    control character, a quote, a backslash or a byte that is not ASCII;
    followed by a tab when it holds a space (patch ends a name there)."""
    data = os.fsencode(name)
    if all(0x20 <= b < 0x7F and b not in (0x22, 0x5C) for b in data):
        return name + "\t" if " " in name else name
    quoted = "".join(_GIT_ESCAPES.get(b) or (chr(b) if 0x20 <= b < 0x7F else "\\%03o" % b) for b in data)
    return f'"{quoted}"'
