"""The project model: facts that real applications spread over modules
(RULES.md, Revision 2, "The project is the unit").

`for_files` builds it once for a CLI run; `for_file` builds it lazily for
the flake8 plugin, once per process and root, through the on-disk cache.
"""

from __future__ import annotations

import functools
import os

from ..engine import collector
from ..excludes import DEFAULT_EXCLUDES, PACKAGE_FOLDERS, is_virtual_env, leave_environment
from . import cache
from .model import PROCESS_ROOTS, Project, ProjectFacts, find_root

__all__ = ["Project", "ProjectFacts", "Projects", "build", "find_root", "for_file", "for_files", "modules_under"]


def modules_under(root):
    """Every .py file under `root`, minus the folders the CLI never checks
    (excludes.DEFAULT_EXCLUDES), virtual environments (excludes.is_virtual_env)
    and installed packages (`site-packages`): the project's own modules. A lean
    walk (no .gitignore), so a one-file flake8 run stays fast."""
    names = {n for n in DEFAULT_EXCLUDES if "*" not in n} | PACKAGE_FOLDERS
    suffixes = tuple(n[1:] for n in DEFAULT_EXCLUDES if n.startswith("*"))
    found = []
    for folder, dirs, files in os.walk(root):
        if folder != root and is_virtual_env(folder, dirs, files) and leave_environment(dirs, files):
            continue
        dirs[:] = sorted(d for d in dirs if d not in names and not d.endswith(suffixes))
        here = os.path.join(folder, "")  # os.path.join(folder, name), once a folder
        found.extend(here + name for name in sorted(files) if name.endswith(".py"))
    return found


def _valid(facts):
    return isinstance(facts, dict) and facts.keys() >= _summary_fields()


@functools.cache
def _summary_fields():
    return frozenset(_summary().empty())


def _summary():
    """summary.py, imported when a module must be read: a one-file flake8
    run whose cache is warm does without it (and what it imports)."""
    from . import summary

    return summary


def build(root, files=None, use_cache=False, sink=None):
    """The Project of `root`: every module under it (or only `files`, when
    the checked paths have no root: then cached in the user folder only),
    each summarised or taken from the cache. `sink(path, text, size)`,
    when given, receives each module read, and returns None, or, for a
    module the caller checks, the function to hand its tree to when the
    summary parses it (None when the caller will not parse it), whether
    the summary may parse it whole for the caller, and the text's
    GuardText (runner.Sources.keep; see summary.summarise)."""
    with collector.paused():  # summaries are kept, not collected: see engine.collector
        return _build(root, files, use_cache, sink)


def _build(root, files, use_cache, sink=None):
    rooted = files is None
    if rooted:
        files = modules_under(root)
    cached, links, text = cache.load_text(root, rooted) if use_cache else ({}, None, None)
    summaries, entries, changed = {}, {}, False
    prefix = os.path.join(root, "")  # relpath's answer for files below the root, without its cost
    walked = rooted and root == os.path.abspath(root)  # modules_under gave absolute, normal paths
    for path in files:
        if not path.endswith(".py"):
            continue
        absolute = path if walked else os.path.abspath(path)
        if not use_cache:  # nothing to compare its size and time with, nor to keep them for
            facts = _summarise(absolute, sink)
            if facts is not None:
                summaries[absolute] = facts
            continue
        try:
            stat = os.stat(absolute)
        except OSError:
            continue
        relative = absolute[len(prefix):] if absolute.startswith(prefix) else os.path.relpath(absolute, root)
        entry = cached.get(relative)
        if entry is not None and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            facts = entry[2]  # its JSON text: decoded when the model needs it (cache.Summaries)
        else:
            facts = _summarise(absolute, sink)
            if facts is None:
                continue
            changed = True
        summaries[absolute] = facts
        entries[relative] = [stat.st_size, stat.st_mtime_ns, facts]
    # Summaries decodes the cache's JSON texts when asked; a model summarised
    # afresh is a plain dict, read without a Python call per summary.
    project = Project(root, cache.Summaries(summaries, _valid, _read_again) if cached else summaries)
    if not use_cache:
        return project
    if changed or len(entries) != len(cached) or not project.load_links(links):
        text = cache.encode(root, entries, project.save_links())
        cache.write(root, text, rooted)
    project.cache_text = text  # what the model is made of, written or not (results.py)
    return project


def _read_again(path):
    """A module whose cached summary is no summary, summarised afresh."""
    return _summarise(path) or _summary().empty()


def _summarise(path, sink=None):
    """The summary of the module at `path`, or None when it cannot be read;
    its text goes to `sink` too. The runner (and what it imports) is loaded
    only when a module needs reading: a warm cache spares a one-file flake8
    run that cost."""
    from ..runner import SourceError, decode_source, read_bytes

    try:
        data = read_bytes(path)
        text = decode_source(data)[0]
    except SourceError:
        return None
    if sink is None:
        return _summary().summarise(text)
    kept = sink(path, text, len(data))
    if kept is None:
        return _summary().summarise(text)
    parsed, whole, lowered = kept
    return _summary().summarise(text, parsed=parsed, whole=whole, lowered=lowered)


class Projects:
    """The projects of a CLI run: one per root, built once; files with no
    root form one project of the checked files."""

    def __init__(self, files, use_cache=False, sink=None):
        by_root, loose = {}, []
        self._routed = None  # routed_modules()
        for path in files:
            folder = os.path.dirname(os.path.abspath(path))
            root = find_root(folder, PROCESS_ROOTS)  # each folder looked up once a run
            if root is None:
                loose.append(path)
            else:
                by_root.setdefault(root, None)
        self._projects = [build(root, use_cache=use_cache, sink=sink) for root in by_root]
        self._roots = list(by_root)
        if loose:
            common = os.path.commonpath([os.path.abspath(p) for p in loose])
            common = common if os.path.isdir(common) else os.path.dirname(common)
            self._projects.append(build(common, loose, use_cache, sink))
            self._roots.append(common)

    def cache_root(self, path):
        """The folder whose results cache holds `path`: its project root, or
        the common folder of the checked files with no root; None for a
        file of no project."""
        found = self.cache_of(path)
        return found[0] if found else None

    def cache_of(self, path):
        """(cache_root, the cache text of the project model that gives `path`
        its facts (Project.cache_text, None without the cache)), or None
        for a file of no project."""
        absolute = os.path.abspath(path)
        for root, built in zip(self._roots, self._projects):
            if absolute in built.summaries:
                return root, built.cache_text
        return None

    def routed_modules(self):
        """The absolute paths of the modules another module of their project
        routes to (ProjectFacts.routed_elsewhere), worked out once."""
        found = self._routed
        if found is None:
            found = self._routed = frozenset().union(*(p.routed_modules() for p in self._projects))
        return found

    def facts_for(self, path):
        absolute = os.path.abspath(path)
        for project in self._projects:
            facts = project.facts_for(absolute)
            if facts is not None:
                return facts
        return None


def for_files(files, use_cache=False, sink=None):
    """The Projects of a CLI run over `files`; `use_cache`: read and keep the
    project model's on-disk cache; `sink`: see build."""
    return Projects(files, use_cache, sink)


_PROCESS = {}  # (root, use_cache) -> Project, for the flake8 plugin


def for_file(path, use_cache=True, tree=None, text=None, roots=None):
    """The ProjectFacts of one checked file (flake8): the project is built
    once per process and root. A file with no project root is its own
    project, summarised from the `tree` and `text` flake8 already has; None
    for standard input. `roots`: find_root's `known`, kept by the caller
    for one run."""
    if not path or path in ("-", "stdin", "<unknown>") or not os.path.isfile(path):
        return None
    root = find_root(path, roots)
    if root is None:
        if text is None:
            return None
        absolute = os.path.abspath(path)
        project = Project(os.path.dirname(absolute), {absolute: _summary().summarise(text, tree)})
        return project.facts_for(absolute)
    key = (root, use_cache)
    project = _PROCESS.get(key)
    if project is None:
        project = _PROCESS[key] = build(root, use_cache=use_cache)
    return project.facts_for(path)
