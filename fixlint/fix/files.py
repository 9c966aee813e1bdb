"""Reading a file for fixing and writing it back safely.

A write is atomic: the new bytes go to a temporary file in the same folder
(same file system), which takes the original's permission bits, owner and
group and then replaces it with `os.replace` — a reader sees the old file or
the new one, never half of one. Just before the replace the file is read
again; if its bytes are no longer the ones the fixes were computed from (an
editor saved it meanwhile), or it is no longer a regular file, nothing is
written.

Two cases are written in place instead, after the same check, because a
replace would change what the file is: a file with hard links (a new inode
would leave the other links on the old text) and a file whose owner or
group the temporary file cannot take (someone else's file that we may
write). A symlink is written through, and stays a symlink, unless its
target lies outside the folders being fixed: that is reported, not written.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from typing import NamedTuple

from ..runner import SourceError, decode_source, read_bytes


class NotWritten(Exception):
    """The file was left alone; the message (one line) says why."""


class FileChanged(NotWritten):
    """The file changed on disk after it was read; it was not written."""


class Source(NamedTuple):
    path: str
    text: str
    encoding: str
    digest: str  # sha256 of the bytes read


def digest(data):
    return hashlib.sha256(data).hexdigest()


def read(path, max_size=None):
    """The file's Source; runner.SourceError when it cannot be read or decoded."""
    data = read_bytes(path, max_size)
    text, encoding = decode_source(data)
    return Source(path, text, encoding, digest(data))


def tree_of(paths):
    """The folders `paths` (command-line arguments) name, resolved: a
    folder itself, or the folder that holds a file (the file may be a link)."""
    return [os.path.realpath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))) for p in paths]


def write(source, text, tree=None):
    """Write `text` to `source.path` in the file's encoding, unless the file
    changed since `source` was read (FileChanged) or is a symlink whose target
    lies outside the folders of `tree` (NotWritten)."""
    data = text.encode(source.encoding)
    real = os.path.realpath(source.path)  # write through a symlink, keep the link
    if tree is not None and not any(_within(real, folder) for folder in tree):
        raise NotWritten(f"a symlink to {real}, outside the folders being fixed; not written")
    info = _regular(real)
    if info.st_nlink > 1 or not _replace(real, data, source, info):
        _write_in_place(real, data, source)


def _within(path, folder):
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # another drive on Windows
        return False


def _regular(real):
    """The file's stat, or FileChanged when it is gone or no longer a regular file."""
    try:
        info = os.stat(real)
    except FileNotFoundError:
        raise FileChanged("the file was removed since it was read; not written") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileChanged("the file was replaced by a folder, FIFO or device since it was read; not written")
    return info


def _unchanged(data, source):
    if digest(data) != source.digest:
        raise FileChanged("the file changed on disk since it was read; not written")


def _replace(real, data, source, info):
    """Replace the file atomically; False (nothing done) when the temporary
    file cannot take the original's owner and group."""
    folder, name = os.path.split(real)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".fixlint-tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            made = os.fstat(out.fileno())
            if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.fchown(out.fileno(), info.st_uid, info.st_gid)
                except OSError:  # not ours to give away: write in place, keeping them
                    os.unlink(temporary)
                    return False
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        try:
            current = read_bytes(real)
        except SourceError as exc:
            _regular(real)
            raise NotWritten(f"{exc.message}; not written") from None
        _unchanged(current, source)
        os.replace(temporary, real)
        return True
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _write_in_place(real, data, source):
    """Overwrite the file's own bytes (same inode: links, owner, group and
    permissions stay), after checking them on the same open file."""
    fd = os.open(real, os.O_RDWR | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "r+b") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise FileChanged("the file was replaced by a folder, FIFO or device since it was read; not written")
        _unchanged(f.read(), source)
        f.seek(0)
        f.write(data)
        f.truncate()
        f.flush()
        os.fsync(f.fileno())
