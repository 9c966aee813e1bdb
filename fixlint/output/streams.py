"""Writing reports whatever the file names and the terminal.

On POSIX a file name is bytes: one that is not UTF-8 reaches fixlint as
lone surrogates (PEP 383), which a strict UTF-8 stream cannot encode. The
reports escape names themselves (output/escape.py); the `fixlint-lenient`
error handler is the backstop for any other text: it writes such
surrogates back as their own bytes, and characters the stream's encoding
lacks as backslash escapes, so a report never fails on a name.
"""

from __future__ import annotations

import codecs
import io
import json

from .escape import clean_document

LENIENT = "fixlint-lenient"


def _lenient(error):
    if isinstance(error, UnicodeEncodeError):
        bad = error.object[error.start:error.end]
        if all(0xDC80 <= ord(c) <= 0xDCFF for c in bad):
            return codecs.lookup_error("surrogateescape")(error)
    return codecs.lookup_error("backslashreplace")(error)


codecs.register_error(LENIENT, _lenient)


def make_lenient(*streams):
    """Switch text streams to the lenient handler (those that cannot be
    reconfigured, such as some test doubles, are left alone)."""
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=LENIENT)
        except (ValueError, io.UnsupportedOperation):
            pass


def json_text(document, ascii=False):
    """`document` as indented JSON, non-ASCII text kept readable unless
    `ascii`; a lone surrogate (a file name that is not UTF-8, a `"\\udce9"`
    literal in the checked code) becomes the text `\\xe9` (escape.unsurrogate),
    so the output is valid UTF-8 and valid Unicode once parsed."""
    return json.dumps(clean_document(document), indent=2, ensure_ascii=ascii)
