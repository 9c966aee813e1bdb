"""Reading a file for fixing and writing it back safely.

A write is atomic: the new bytes go to a temporary file in the same folder
(same file system), which takes the original's permission bits and then
replaces it with `os.replace` — a reader sees the old file or the new one,
never half of one. Just before the replace the file is read again; if its
bytes are no longer the ones the fixes were computed from (an editor saved
it meanwhile), nothing is written.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from typing import NamedTuple

from ..runner import decode_source, read_bytes


class FileChanged(Exception):
    """The file changed on disk after it was read; it was not written."""


class Source(NamedTuple):
    path: str
    text: str
    encoding: str
    digest: str  # sha256 of the bytes read


def digest(data):
    return hashlib.sha256(data).hexdigest()


def read(path):
    """The file's Source; runner.SourceError when it cannot be read or decoded."""
    data = read_bytes(path)
    text, encoding = decode_source(data)
    return Source(path, text, encoding, digest(data))


def write(source, text):
    """Replace `source.path` with `text` in the file's encoding, atomically,
    unless the file changed since `source` was read (FileChanged)."""
    data = text.encode(source.encoding)
    real = os.path.realpath(source.path)  # write through a symlink, keep the link
    folder, name = os.path.split(real)
    mode = stat.S_IMODE(os.stat(real).st_mode)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".fixlint-tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if digest(read_bytes(real)) != source.digest:
            raise FileChanged(f"{source.path} changed on disk since it was read; not written")
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
