"""What the machine-readable formats share: paths relative to the scanned
root, source lines, and fingerprints that survive unrelated edits."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import runner
from ..lines import physical_lines


def relative_path(path, root):
    """`path` relative to `root` with forward slashes, or None when outside."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return Path(relative).as_posix()


def source_lines(path):
    """The file's lines, or [] when it cannot be read now."""
    try:
        return physical_lines(runner.read_source(path))
    except runner.SourceError:
        return []


def line_text(lines, line):
    return lines[line - 1] if 0 < line <= len(lines) else ""


class Fingerprints:
    """Stable ids for the findings of one file.

    The hash covers the rule, the file's path relative to the root, the
    finding's line text with whitespace collapsed and, when the same rule
    fires on identical lines, which occurrence it is — not the line number,
    which changes whenever code above it does."""

    def __init__(self, path):
        self.path = path
        self.seen = {}

    def __call__(self, code, text):
        normalized = " ".join(text.split())
        occurrence = self.seen.get((code, normalized), 0)
        self.seen[(code, normalized)] = occurrence + 1
        key = "\0".join((code, self.path, normalized, str(occurrence)))
        # surrogateescape: a path that is not UTF-8 hashes as its own bytes
        return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def character_column(text, byte_offset):
    """ast's col_offset counts UTF-8 bytes; editors and SARIF count characters, from 1."""
    prefix = text.encode("utf-8")[:byte_offset]
    return len(prefix.decode("utf-8", errors="ignore")) + 1
