"""`fixlint check`'s results cache, as ruff and mypy keep one: a second run
over an unchanged tree re-analyses nothing.

One JSON file per project root (`<root>/.fixlint_cache/results.json`, or
the user cache folder when the project cannot be written). A file's entry
holds its findings (after `# noqa`) under a key made of its content hash,
the project facts it was judged with, fixlint's configuration, the rules
selected and fixlint itself (cache.fingerprint): any change to one of them is a miss. Beside it,
a quick key of the same content with the state of the project model (its
cache text): while the model is unchanged, a warm run matches that one and
computes no project facts. Only
files analysed without an error are kept. Checked files with no project root
are cached by their common folder, in the user cache folder only. A cache that cannot be read or written is ignored without
a word, like the project model's (cache.py).
"""

from __future__ import annotations

import hashlib
import json
import os

from . import cache
from .model import ROOT_MARKERS

NAME = "results.json"
FORMAT = 2  # 2: each entry holds its quick key (ResultsCache._locate)


def _canonical(facts, memo=None):
    """A text for a file's ProjectFacts that is the same in every process
    (frozensets print in hash order; the imported helpers' dict in the
    order its modules were read). `memo` keeps the text of each set or
    dict by identity: the application-wide ones (`imported`, `keys`) are
    the same objects for every file of an application, so they are sorted
    once, not once per file."""
    if facts is None:
        return "-"
    parts = []
    for value in facts:
        if isinstance(value, (frozenset, dict)):
            hit = memo.get(id(value)) if memo is not None else None
            if hit is not None and hit[0] is value:
                text = hit[1]
            else:
                text = repr(sorted(value) if isinstance(value, frozenset) else sorted(value.items()))
                if memo is not None:
                    memo[id(value)] = (value, text)  # holding `value` keeps its id from being reused
        else:
            text = repr(value)
        parts.append(text)
    return "(" + ", ".join(parts) + ")"


class ResultsCache:
    def __init__(self, projects, config, rules):
        self.projects = projects
        self.salt = f"{cache.fingerprint()}|{sorted(r.code for r in rules)}|{config!r}".encode()
        self._stores = {}  # root -> {relative path: [key, findings]}
        self._dirty = set()  # roots whose store changed
        self._texts = {}  # id -> (set or dict, its canonical text): see _canonical
        self._states = {}  # root -> (its model's cache text, that text's digest): see _state

    def _store(self, root):
        store = self._stores.get(root)
        if store is None:
            store = self._stores[root] = _load(root)
        return store

    def _state(self, root, text):
        """The digest of a project model's cache text (Project.cache_text),
        hashed once per root; None without one."""
        if text is None:
            return None
        found = self._states.get(root)
        if found is None or found[0] is not text:
            found = self._states[root] = (text, hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
        return found[1]

    def _locate(self, path):
        """(root, relative path, content, quick key) of a file, or None when
        it is not cached. The quick key hashes its content with the state of
        the project model that gives it its facts: the same model, the same
        facts, so a stored entry whose quick key matches is a hit without
        computing them (most of a warm run's time). None without a model
        cache."""
        found = self.projects.cache_of(path) if self.projects is not None else None
        if found is None:
            return None
        root, text = found
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return None
        state = self._state(root, text)
        quick = None
        if state is not None:
            digest = hashlib.sha256(self.salt)
            digest.update(b"|model|" + state)
            digest.update(data)
            quick = digest.hexdigest()
        absolute = os.path.abspath(path)
        prefix = os.path.join(root, "")  # relpath's answer for files below the root, without its cost
        relative = absolute[len(prefix):] if absolute.startswith(prefix) else os.path.relpath(absolute, root)
        return root, relative, data, quick

    def _key(self, path, data):
        """The key of a file: its content with the project facts it is judged with."""
        digest = hashlib.sha256(self.salt)
        digest.update(data)
        digest.update(_canonical(self.projects.facts_for(path), self._texts).encode())
        return digest.hexdigest()

    def split(self, files):
        """(cached FileResults, files to check, {path: (root, relative
        path, key, quick key)} of those)."""
        from ..rules.base import Finding
        from ..runner import FileResult

        hits, misses, keys = [], [], {}
        for path in files:
            found = self._locate(path)
            if found is None:
                misses.append(path)
                continue
            root, relative, data, quick = found
            store = self._store(root)
            entry = store.get(relative)
            if not (isinstance(entry, list) and len(entry) == 3):
                entry = None
            key = None
            if entry is None or quick is None or entry[2] != quick:
                key = self._key(path, data)
                if entry is not None and entry[0] != key:
                    entry = None
            if entry is not None:
                try:
                    hits.append(FileResult(path, [Finding(*f) for f in entry[1]], []))
                except TypeError:
                    pass
                else:
                    if entry[2] != quick:  # the model changed, not this file's facts
                        entry[2] = quick
                        self._dirty.add(root)
                    continue
            misses.append(path)
            keys[path] = root, relative, key or self._key(path, data), quick
        return hits, misses, keys

    def update(self, results, keys):
        for result in results:
            found = keys.get(result.path)
            if found is None or result.errors:
                continue
            root, relative, key, quick = found
            self._store(root)[relative] = [key, [list(f) for f in result.findings], quick]
            self._dirty.add(root)

    def save(self):
        for root in self._dirty:
            _save(root, self._stores[root])


def _locations(root):
    """The project's own cache folder first, then the user's; checked files
    with no project root (a folder of scripts) only in the user's."""
    places = [os.path.join(os.path.dirname(path), NAME if i == 0 else "results-" + os.path.basename(path))
              for i, path in enumerate(cache.locations(root))]
    rooted = any(os.path.exists(os.path.join(root, marker)) for marker in ROOT_MARKERS)
    return places if rooted else places[1:]  # the user's folder only


def _load(root):
    for path in _locations(root):
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError, RecursionError):
            continue
        if (isinstance(data, dict) and data.get("format") == FORMAT and data.get("root") == root
                and isinstance(data.get("files"), dict)):
            return data["files"]
    return {}


def _save(root, files):
    text = json.dumps({"format": FORMAT, "root": root, "files": files}, separators=(",", ":"))
    for path in _locations(root):
        if cache.write_atomically(path, text):
            return True
    return False
