"""The project model's on-disk cache: one JSON file of module summaries,
each keyed by the module's path (relative to the root), size and mtime.

It lives in `<root>/.fixlint_cache/` (with a `.gitignore` of its own, as
ruff and mypy do), or in the user cache folder when the project cannot be
written. It is written whole to a temporary file and renamed into place, so
concurrent flake8 workers never read half a file; a cache that cannot be
read, parsed or written is ignored without a word: it only saves time.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
import zlib

from .. import __version__

FORMAT = 1
FOLDER = ".fixlint_cache"
NAME = "project.json"


@functools.cache
def fingerprint():
    """fixlint's version and the size and mtime of its own modules: a cache
    written by other fixlint code (an upgrade, an edited checkout) is not
    read."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [__version__]
    for folder, dirs, names in sorted(os.walk(package)):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns};")
    return digest("".join(parts).encode("utf-8", "surrogatepass"))


def digest(data):
    """64 bits of checksum (CRC-32 and Adler-32) of `data`, in hex: enough to
    tell caches apart, and zlib is loaded already where hashlib (a few ms
    of a one-file flake8 run) is not. Nothing here guards against tampering:
    the cache only saves time."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def locations(root, rooted=True):
    """Where the cache of `root` may live, in order of preference: a folder
    that is no project root (checked files with no root) only in the user's."""
    tag = digest(root.encode("utf-8", "surrogatepass"))
    user = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    places = [os.path.join(root, FOLDER, NAME), os.path.join(user, "fixlint", f"project-{tag}.json")]
    return places if rooted else places[1:]


def load(root, rooted=True):
    """(relative path -> [size, mtime_ns, summary], the import links saved
    with them or None), from the first readable cache of `root`; ({}, None)
    when there is none."""
    for path in locations(root, rooted):
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError, RecursionError):
            continue
        if (isinstance(data, dict) and data.get("format") == FORMAT and data.get("fixlint") == fingerprint()
                and data.get("root") == root and isinstance(data.get("files"), dict)):
            links = data.get("links")
            return data["files"], links if isinstance(links, dict) else None
    return {}, None


def save(root, files, rooted=True, links=None):
    """Write the cache where it can be written; give up silently. `links`:
    each module's resolved imports (relative paths), valid while the set
    of modules and their summaries stay the same."""
    data = {"format": FORMAT, "fixlint": fingerprint(), "root": root, "files": files, "links": links}
    text = json.dumps(data, separators=(",", ":"))
    return any(write_atomically(path, text) for path in locations(root, rooted))


def write_atomically(path, text):
    """Write `text` to a temporary file beside `path` and rename it into
    place (readers never see half a file); False when it cannot be written."""
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        if os.path.basename(folder) == FOLDER:
            _ignore_folder(folder)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".fixlint-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(temporary, path)
        except BaseException:
            _remove(temporary)
            raise
        return True
    except OSError:
        return False


def _ignore_folder(folder):
    marker = os.path.join(folder, ".gitignore")
    if not os.path.exists(marker):
        with open(marker, "w", encoding="utf-8") as f:
            f.write("# Created by fixlint\n*\n")


def _remove(path):
    try:
        os.unlink(path)
    except OSError:
        pass
