"""Find files, check each one, in parallel when it pays.

Every file gives a FileResult: findings after `# noqa`, plus errors for what
could not be analysed (unreadable, not decodable, not parseable, or an
internal error in a rule) — one clear line each, and the run goes on.
"""

from __future__ import annotations

import io
import os
import re
import stat
import sys
import tokenize
import traceback
import warnings
from typing import NamedTuple

from . import noqa, timelimit
from .analysis.base import UNKNOWN, GuardText
from .engine import collector, parsing
from .engine.checker import Deferred, check_tree, is_checked, plan
from .excludes import DEFAULT_EXCLUDES, PACKAGE_FOLDERS, is_virtual_env, leave_environment

DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024  # bytes; the largest hand-written modules are far smaller


class FileError(NamedTuple):
    line: int
    col: int
    message: str


class FileResult(NamedTuple):
    path: str
    findings: list
    errors: list  # FileError: the file, or part of it, was not analysed


class SourceError(Exception):
    def __init__(self, message, line=1, col=0):
        super().__init__(message)
        self.line = line
        self.col = col

    @property
    def message(self):
        return self.args[0]


# -- discovery ---------------------------------------------------------------

def _pattern_class():
    """pathspec's gitignore pattern class. pathspec is imported only when a
    pattern must be compiled (an exclude option, a .gitignore, a path that
    may be one of the DEFAULT_EXCLUDES): its imports are a quarter of a
    warm run's CPU time."""
    global _PATTERN
    if _PATTERN is None:
        try:  # pathspec >= 1.0, where the 'gitwildmatch' name is deprecated (same class)
            from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern as found
        except ImportError:  # pragma: no cover - pathspec 0.11/0.12
            from pathspec.patterns import GitWildMatchPattern as found
        _PATTERN = found
    return _PATTERN


_PATTERN = None


def compile_pattern(line):
    """A gitignore-style pattern, or None when pathspec cannot compile it
    (`!`, a trailing backslash, `[z-a]`): git ignores such lines too."""
    pattern = _pattern_class()
    try:
        with warnings.catch_warnings():  # "possible nested set" FutureWarnings from re
            warnings.simplefilter("ignore")
            return pattern(line)
    except (ValueError, re.error):
        return None


def _spec(patterns):
    import pathspec

    compiled = (compile_pattern(line) for line in patterns)
    return pathspec.PathSpec([p for p in compiled if p is not None and p.include is not None])


# DEFAULT_EXCLUDES are names (`build`) and name suffixes (`*.egg-info`): as
# gitignore patterns without a slash, each matches a path only where one of
# its parts is such a name. A path with no such part cannot match them.
_EXCLUDED_NAMES = frozenset(n for n in DEFAULT_EXCLUDES if not any(c in n for c in "*?[]!\\/"))
_EXCLUDED_SUFFIXES = tuple(n[1:] for n in DEFAULT_EXCLUDES
                           if n.startswith("*") and not any(c in n[1:] for c in "*?[]!\\/"))
_SIMPLE_EXCLUDES = len(_EXCLUDED_NAMES) + len(_EXCLUDED_SUFFIXES) == len(DEFAULT_EXCLUDES)
_PARTS = re.compile(r"[/\\]")


class _Excludes:
    """DEFAULT_EXCLUDES and `exclude` as one gitignore spec (`match_file`),
    compiled only when a path may match: without exclude patterns, only
    for a path with a part named like a default exclude."""

    def __init__(self, exclude):
        exclude = list(exclude)
        self._spec = None
        if exclude or not _SIMPLE_EXCLUDES:
            self._spec = _spec(list(DEFAULT_EXCLUDES) + exclude)

    def match_file(self, path):
        if self._spec is None:
            if not any(part in _EXCLUDED_NAMES or part.endswith(_EXCLUDED_SUFFIXES) for part in _PARTS.split(path)):
                return False
            self._spec = _spec(list(DEFAULT_EXCLUDES))
        return self._spec.match_file(path)


def _load_gitignore(directory):
    path = os.path.join(directory, ".gitignore")
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return _spec(f.read().splitlines())
    except OSError:
        return None


def _tracked_ignored(root):
    """The Python files under `root` that git tracks although a .gitignore
    matches them (a committed settings.py its .gitignore lists): .gitignore
    applies to untracked files only, so they are checked. Asked of git
    (`git ls-files --cached --ignored --exclude-standard`) once per root,
    when the walk meets a .gitignore; an empty set when `root` is no git
    work tree or git cannot answer."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", root, "ls-files", "-z", "--cached", "--ignored", "--exclude-standard", "--", "*.py"],
            capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if done.returncode != 0:
        return frozenset()
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(os.path.normpath(os.path.join(root, name)) for name in names if name)


def _folders_above(files):
    """Every folder holding one of `files`, at any depth."""
    folders = set()
    for path in files:
        folder = os.path.dirname(path)
        while folder and folder not in folders:
            folders.add(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return folders


def discover(paths, exclude=(), use_gitignore=True, skip=None):
    """(files, errors): the Python files under `paths`, minus excluded ones.

    Excludes are gitignore-style patterns, matched against each path
    relative to the folder given on the command line; `.gitignore` files met
    on the way apply below their folder, to files git does not track
    (_tracked_ignored). A file named explicitly is checked
    whatever its extension unless an exclude pattern matches it. `skip`, a
    function of a path, leaves out more (flake8's exclude patterns)."""
    excluded = _Excludes(exclude)
    skip = skip or (lambda path: False)
    files, errors = [], []
    real = _RealPaths()
    for root in paths:
        if os.path.isfile(root) or (os.path.exists(root) and not os.path.isdir(root)):
            if not excluded.match_file(os.path.basename(root)) and not excluded.match_file(root) and not skip(root):
                files.append(os.path.normpath(root))
            continue
        if os.path.islink(root) and not os.path.exists(root):  # dangling, or a loop
            files.append(os.path.normpath(root))  # reading it says which
            continue
        if not os.path.isdir(root):
            errors.append((root, FileError(1, 0, "no such file or directory")))
            continue
        ignores = []  # (folder, spec) from .gitignore files
        tracked = None  # the tracked files a .gitignore matches, asked once a .gitignore is met
        tracked_folders = set()  # and their folders, which the walk must enter
        prefix = root if root.endswith(os.sep) else root + os.sep
        walk_errors = []
        real.folders.setdefault(os.path.normpath(root), os.path.realpath(root))
        for folder, dirs, names, links in _walk(root, walk_errors.append, real):
            if folder != root and is_virtual_env(folder, dirs, names) and leave_environment(dirs, names):
                continue  # a virtual environment of any name (`env/`): installed packages
            if use_gitignore and ".gitignore" in names:
                found = _load_gitignore(folder)
                if found is not None:
                    ignores.append((folder, found))
                    if tracked is None:
                        tracked = _tracked_ignored(root)
                        tracked_folders = _folders_above(tracked)

            def skipped(path, is_dir, folder=folder):
                # The walk's folders start with `root` as given, and names hold
                # no separator, `.` or `..`: os.path.relpath(path, root) is the rest.
                rel = path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, root)
                probe = rel + "/" if is_dir else rel
                if excluded.match_file(probe) or skip(path):
                    return True
                if tracked and os.path.normpath(path) in (tracked_folders if is_dir else tracked):
                    return False  # git tracks it (or files below it): .gitignore does not apply
                for base, spec in ignores:
                    if path.startswith(base.rstrip(os.sep) + os.sep) or base == root:
                        sub = os.path.relpath(path, base)
                        if spec.match_file(sub + "/" if is_dir else sub):
                            return True
                return False

            dirs[:] = sorted(d for d in dirs if d not in PACKAGE_FOLDERS and not skipped(os.path.join(folder, d), True))
            for name in sorted(names):
                if name.endswith(".py"):  # not .pyi: a stub runs no code
                    path = os.path.join(folder, name)
                    if not skipped(path, False):
                        files.append(os.path.normpath(path))
                        if name not in links:
                            real.known[files[-1]] = None  # its folder's real path and its name
        for err in walk_errors:
            errors.append((getattr(err, "filename", root) or root,
                           FileError(1, 0, f"cannot read directory: {err.strerror or err}")))
    return _unique(files, key=real), _unique(errors, key=lambda e: (os.path.realpath(e[0]), e[1]))


class _RealPaths:
    """os.path.realpath of discovered paths, resolving each folder once: a
    file that is no symlink is its folder's real path plus its name. The
    walk (_walk) tells which of a folder's names are symlinks, and the real
    path of each folder it enters below a root (entered by name, not through
    a link), without a system call per file or per folder part."""

    def __init__(self):
        self.folders = {}  # folder -> its real path
        self.known = {}  # a walked file known to be no symlink -> None

    def __call__(self, path):
        folder, name = os.path.split(path)
        if path not in self.known and os.path.islink(path):
            return os.path.realpath(path)
        found = self.folders.get(folder)
        if found is None:
            found = self.folders[folder] = os.path.realpath(folder)
        return os.path.join(found, name)


def _walk(root, onerror, real):
    """os.walk(root) (top down, links to folders listed but not entered),
    each folder with the set of its names that are symlinks, as its
    directory entries tell them. The real path of each folder entered below
    `root` goes to `real.folders` (real: _RealPaths)."""
    stack = [root]
    while stack:
        folder = stack.pop()
        dirs, names, links = [], [], set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                        if entry.is_symlink():
                            links.add(entry.name)
                    except OSError:
                        is_dir = False
                    (dirs if is_dir else names).append(entry.name)
        except OSError as exc:
            onerror(exc)
            continue
        yield folder, dirs, names, links
        above = real.folders.get(os.path.normpath(folder))
        for name in reversed(dirs):
            path = os.path.join(folder, name)
            if name in links:
                continue  # os.walk does not follow links to folders
            if above is not None:
                real.folders[os.path.normpath(path)] = os.path.join(above, name)
            stack.append(path)


def _unique(items, key):
    """`items` without repeats, first one kept: `a.py ./a.py .` names one file."""
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def excluded_name(path, exclude=(), skip=None):
    """Whether a file of this name is excluded as discover() would exclude
    it: for a buffer from standard input named by --stdin-filename."""
    excluded = _Excludes(exclude)
    name = os.path.normpath(path)
    parts = name.split(os.sep)
    prefixes = [os.sep.join(parts[:i]) for i in range(1, len(parts) + 1)]
    return (excluded.match_file(name) or excluded.match_file(os.path.basename(name))
            or bool(skip and any(skip(prefix) for prefix in prefixes if prefix)))


# -- one file ----------------------------------------------------------------

def read_source(path, max_size=None):
    """The decoded text of a Python file, honouring its coding cookie/BOM."""
    return decode_source(read_bytes(path, max_size))[0]


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_BLOCK = 1 << 16


def read_bytes(path, max_size=None):
    """The file's bytes; SourceError when it is not a regular file, cannot
    be read, or holds more than `max_size` bytes (default
    DEFAULT_MAX_FILE_SIZE), which is known before it is read."""
    limit = max_size or DEFAULT_MAX_FILE_SIZE
    try:
        # A FIFO named app.py would block the read forever, and its opening
        # too (unless non-blocking); /dev/zero never ends. The file is told
        # by what is opened, one system call fewer than a look at the path
        # first, and no buffered file object (which asks more).
        fd = os.open(path, _READ_FLAGS)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise SourceError("not a regular file (a FIFO, socket or device?)")
            if info.st_size > limit:
                raise SourceError(too_large(info.st_size, limit))
            chunks, size = [], 0
            while size <= limit:  # it may have grown since
                # What is left of the size it had, and a byte more (which
                # finds its end), then blocks: never a buffer of `limit`.
                left = info.st_size + 1 - size
                chunk = os.read(fd, min(limit + 1 - size, left if left > 0 else _BLOCK))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
        if size > limit:
            raise SourceError(too_large(size, limit))
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    except MemoryError:
        raise SourceError("cannot read file: out of memory") from None


def too_large(size, limit):
    return f"skipped: {size:,} bytes, more than max-file-size ({limit:,} bytes)"


def decode_source(data):
    """(text, encoding) of a Python file's bytes; the encoding writes the
    text back as it was (`utf-8-sig` keeps a BOM)."""
    if b"\x00" in data:
        raise SourceError("not Python source: the file contains NUL bytes (binary?)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        # "invalid or missing encoding declaration", "unknown encoding: uft-8",
        # "encoding problem: latin-1 with BOM"
        raise SourceError(f"cannot decode: {exc.msg} (PEP 263)") from None
    try:
        return data.decode(encoding), encoding
    except (UnicodeError, LookupError, ValueError) as exc:  # idna raises a bare UnicodeError
        reason = getattr(exc, "reason", str(exc))
        raise SourceError(f"cannot decode as {encoding}: {reason}") from None


# A line only Python 3.12 reads (PEP 695): type parameters of a function or
# class (`def first[T](xs: list[T])`, `class Box[T]:`), a `type` alias.
_TYPE_PARAMETERS = re.compile(r"\s*(?:(?:async\s+)?def|class)\s+\w+\s*\[|\s*type\s+\w+\s*(?:\[[^\]]*\]\s*)?=")


# Python 2's `except Exception, e:`: a variable (lower case) after the comma, not an exception class.
_PYTHON2_EXCEPT = re.compile(r"\s*except\s+[\w.]+\s*,\s*[a-z_][a-z0-9_]*\s*:")


def _newer_hint(message, line):
    """What a syntax error says when the file may be valid in a newer
    Python: before 3.12 an f-string could not reuse its own quotes or span
    lines (`f"{row["name"]}"`, PEP 701), nor could a function or class take
    type parameters or a `type` alias be written (PEP 695, EvaP's
    `def f[M: Model]`); real projects now write them; nor, before 3.14,
    could an `except` name several exceptions without brackets
    (`except A, B:`, PEP 758: warehouse). `line`: the text of the line the
    error is on."""
    if message.startswith("multiple exception types must be parenthesized"):
        if line and _PYTHON2_EXCEPT.match(line):
            # `except Exception, e:` names the exception's variable: Python 2, which
            # Python 3.14 would read as two exception types
            return "; `except X, name:` is Python 2 syntax: fixlint reads Python 3 code"
        if sys.version_info < (3, 14):
            return ("; Python 3.14 reads `except A, B:` without brackets (PEP 758): run fixlint under the "
                    "project's Python")
    if sys.version_info >= (3, 12):
        return ""
    if message.startswith("f-string"):
        return "; Python 3.12 reads f-strings that reuse their quotes: run fixlint under the project's Python"
    if line and _TYPE_PARAMETERS.match(line):
        return "; Python 3.12 reads type parameters and type aliases (PEP 695): run fixlint under the project's Python"
    return ""


def parse_source(text, path):
    """The module's ast. Anything the parser raises is a reason the file
    cannot be analysed, never an internal error: parsing runs no fixlint code."""
    try:
        # `"\d"` and friends warn while parsing (SyntaxWarning from 3.12): the
        # checked project's warnings are not fixlint's output, and under
        # `-W error` they would turn a valid file into a syntax error
        # (parsing.parse silences them). Its depth limit is the text's own.
        return parsing.parse(text, path)
    except SyntaxError as exc:
        line = exc.lineno or 1
        col = max((exc.offset or 1) - 1, 0)
        version = "%d.%d" % sys.version_info[:2]
        raise SourceError(f"syntax error: {exc.msg} (parsed as Python {version}{_newer_hint(exc.msg, exc.text)})",
                          line, col) from None
    except RecursionError:
        raise SourceError("cannot parse: expressions nested too deeply for Python's parser") from None
    except MemoryError:
        raise SourceError("cannot parse: out of memory (the file is too large or too deeply nested)") from None
    except Exception as exc:  # ValueError for surrogates, and whatever a future parser adds
        raise SourceError(f"cannot parse: {type(exc).__name__}: {exc}") from None


def check_file(path, config, rules, max_size=None, project=None, sources=None):
    """The file's FileResult. A file whose text the guards rule out (it
    names no session, cookie, login... see Analysis.keywords) cannot hold a
    finding and is not parsed: a syntax error in it is not fixlint's to
    report (flake8's E999 is). Test code (unless `include-tests`) and
    type stubs are not even read. `sources`: the run's Sources, which may
    hold the text the project model read and its guards' answer."""
    kept = sources.take(path) if sources is not None else None
    if kept is NOTHING_TO_CHECK:  # Sources keeps only files is_checked says are checked
        return FileResult(path, [], [])
    if kept is not None:
        text, guard, planned, tree = kept
        if guard.awaits_project or (guard.asks_routes and sources.routed(path)):
            # planned while the model was read: a guard needs its facts, or
            # the module is one the project routes to (Sources.routed)
            planned = plan(rules, config, guard, project)
        if not planned:
            return FileResult(path, [], [])
        parse = (lambda text, path: tree) if tree is not None else None
        with collector.paused():
            return _parse_and_judge(path, text, config, rules, guard, planned, project, parse)
    if not is_checked(path, config):
        return FileResult(path, [], [])
    try:
        data = read_bytes(path, max_size)
    except SourceError as exc:
        return FileResult(path, [], [FileError(exc.line, exc.col, exc.message)])
    return check_data(path, data, config, rules, project)


def check_data(path, data, config, rules, project=None):
    """The FileResult of a file's bytes (read from disk, or a buffer from
    standard input named `path`)."""
    try:
        text = decode_source(data)[0]
    except SourceError as exc:
        return FileResult(path, [], [FileError(exc.line, exc.col, exc.message)])
    return check_source(path, text, config, rules, project)


def check_source(path, text, config, rules, project=None, parse=None, keep=None):
    """check_file for a text already read (an editor's unsaved buffer);
    `parse(text, path)`, when given, stands for parse_source (the language
    server's incremental parse: the same tree); `keep(analysed)`, when
    given, receives the facts the findings came from (check_tree), when
    the text was analysed."""
    with collector.paused():
        return _check_source(path, text, config, rules, project, parse or parse_source, keep)


def _check_source(path, text, config, rules, project, parse=None, keep=None):
    prepared = _prepare(text, config, rules, project)
    if prepared is NOTHING_TO_CHECK:
        return FileResult(path, [], [])
    return _parse_and_judge(path, text, config, rules, *prepared, project, parse, keep)


NOTHING_TO_CHECK = ()  # _prepare's answer for a text no rule can report anything in


def _prepare(text, config, rules, project=UNKNOWN, guard=None):
    """(GuardText, the planned analyses) of a text, or NOTHING_TO_CHECK when
    it need not even be parsed: a `# flake8: noqa` file, or a text no
    analysis wants. `project`: the file's project facts (see plan);
    `guard`: the text's GuardText, when the caller made it."""
    if guard is None:
        guard = GuardText(text)
    if noqa.text_is_skipped(text, guard):
        return NOTHING_TO_CHECK
    planned = plan(rules, config, guard, project)
    # (with no plan yet, a text whose guards asked for the project's routes is
    # kept: Sources asks again once the model is read)
    return (guard, planned) if planned or guard.asks_routes else NOTHING_TO_CHECK


def _parse_and_judge(path, text, config, rules, guard, planned, project, parse=None, keep=None):
    try:
        tree = (parse or parse_source)(text, path)
    except SourceError as exc:
        return FileResult(path, [], [FileError(exc.line, exc.col, exc.message)])
    return _judge(path, text, tree, config, rules, guard, planned, project, keep)


# A tree held from the project model's parse to the file's check takes
# about thirty times its source's size in memory: the model parses a module
# whole for the check (Sources) only while the trees kept stand for less
# source than this. The bench corpus keeps 1.0 MB of them (0.4 MB of
# modules its summary parses anyway): 17 MB more at the run's peak, not
# a tree per checked module of a large repository.
TREE_BUDGET = 2 * 1024 * 1024


class Sources:
    """The texts of a run's files as the project model read them, for the
    check of the same run: each file is read, decoded and looked at by the
    guards once, and parsed once when the model parsed it (the trees of
    the few modules whose summary needs one, most of them checked too,
    and of the checked modules some of whose functions the summary would
    otherwise parse alone: functions.ModuleTree, while the trees kept so
    stand for at most TREE_BUDGET bytes of source).
    The model hands every module it reads to `keep`; `take` gives a file's
    (text, GuardText, planned analyses, tree or None), or
    NOTHING_TO_CHECK, once, or None when the file must be read as usual
    (not read by the model, not checked, or larger than `max_size`: its
    check says why). Only what the check will use is kept: no text or
    tree of a file no analysis wants, and none of test code the run does
    not check."""

    def __init__(self, files, config, rules, max_size=None):
        self._paths = {os.path.abspath(path): path for path in files}
        self._config = config
        self._rules = rules
        self._limit = max_size or DEFAULT_MAX_FILE_SIZE
        self._kept = {}
        self._budget = TREE_BUDGET  # bytes of source whose trees may still be kept

    def keep(self, absolute, text, size):
        """The model read the module at `absolute` (`size` bytes) as `text`.
        For a module the check reads: (the function that keeps its tree
        when the model parses it, None when the check will not parse it;
        whether the model may parse it whole for the check: when the check
        will parse it for sure, not when its plan waits for the project's
        facts, which may leave nothing to check, and while the budget of
        kept trees lasts; the text's GuardText, whose answers the summary
        shares); else None."""
        path = self._paths.get(absolute)
        if path is None or size > self._limit or not is_checked(path, self._config):
            return None
        guard = GuardText(text)
        prepared = _prepare(text, self._config, self._rules, guard=guard)
        if prepared is NOTHING_TO_CHECK:
            self._kept[path] = prepared
            return None, False, guard
        self._kept[path] = (text, *prepared, None)
        if not prepared[1]:
            return None, False, guard  # nothing planned unless the project routes to it (take): not parsed

        def parsed(tree):
            self._kept[path] = (text, *prepared, tree)
            self._budget -= size

        return parsed, not prepared[0].awaits_project and size <= self._budget, guard

    def take(self, path):
        return self._kept.pop(path, None)

    def routed(self, path):
        """Whether another module of the project routes one of the module's
        functions (ProjectFacts.routed_elsewhere): the modules whose guards
        asked for routes (GuardText.asks_routes) are planned again. Set by
        the caller once the project model is read (`routed_modules`)."""
        modules = self.routed_modules
        return modules is not None and os.path.abspath(path) in modules()

    routed_modules = None  # a callable giving the absolute paths of the modules the project routes to


def check_text(path, text, tree, config, rules, project=None):
    """The FileResult of a file already read and parsed."""
    guard = GuardText(text)
    if noqa.text_is_skipped(text, guard):
        return FileResult(path, [], [])
    with collector.paused():
        return _judge(path, text, tree, config, rules, guard, None, project)


def _judge(path, text, tree, config, rules, guard, planned, project=None, keep=None):
    result = check_tree(tree, path, config, rules, guard, planned, project, keep)
    findings = noqa.filter_findings(result.findings, text, guard)
    errors = [FileError(e.line, 0, e.describe()) for e in result.errors]
    return FileResult(path, findings, errors)


# -- many files --------------------------------------------------------------

_STATE = {}


def _init_worker(config, codes, timeout=None, max_size=None, projects=None, sources=None):
    from .rules import all_rules

    _STATE["config"] = config
    _STATE["rules"] = [r for r in all_rules() if r.code in codes]
    _STATE["timeout"] = timeout
    _STATE["max_size"] = max_size
    _STATE["projects"] = projects
    _STATE["sources"] = sources


def is_internal(error):
    """Whether a FileError is a bug in fixlint (not a problem of the file)."""
    return error.message.startswith("internal error")


def internal_error(exc):
    """One line for an exception that escaped fixlint's own code."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return f"internal error: {type(exc).__name__}: {exc}{where} (please report this)"


def not_finished(error):
    """Whether a FileError says the check never finished (it timed out, or
    its worker died): trying the file again would not finish either."""
    return error.message.startswith(("skipped:", "not analysed:", WORKER_DIED))


def timed_out(timeout):
    return FileError(1, 0, f"skipped: not analysed within {timeout:g} s (per-file-timeout)")


def guarded(work, timeout):
    """`work()` for one file under the per-file time limit, or the FileError
    that says why it did not finish: it timed out, or fixlint raised."""
    try:
        with timelimit.limit(timeout):
            return work()
    except timelimit.FileTimeout:
        timelimit.disarm()
        return timed_out(timeout)
    except Exception as exc:  # never lose the whole run to one file
        return FileError(1, 0, internal_error(exc))


def _project_facts(path):
    projects = _STATE.get("projects")
    # Asked only when the file is analysed: most files of a run are not (test
    # code, or text no analysis wants), and a file's facts cost more than its guards.
    return Deferred(projects.facts_for, path) if projects is not None else None


def _work(path):
    result = guarded(lambda: check_file(path, _STATE["config"], _STATE["rules"], _STATE.get("max_size"),
                                        _project_facts(path), _STATE.get("sources")),
                     _STATE.get("timeout"))
    return FileResult(path, [], [result]) if isinstance(result, FileError) else result


def _work_chunk(paths):
    return [_work(path) for path in paths]


def _init_process(config, codes, timeout, max_size, projects=None, sources=None):
    timelimit.install_in_worker()
    _init_worker(config, codes, timeout, max_size, projects, sources)


def display_path(path):
    """A path relative to the current directory when it lies below it."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep
    if absolute.startswith(prefix):  # relpath's answer, without its cost (abspath normalised it)
        relative = absolute[len(prefix):]
        if not relative.startswith(".."):  # `..name.py`: as relpath's answer is judged below
            return relative
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def default_jobs():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


WORKER_DIED = "fixlint worker died on this file"


def check_paths(files, config, rules, jobs=None, timeout=None, max_size=None, projects=None, sources=None):
    """FileResults for `files`, in the order given. `timeout`: seconds one
    file may take (None: no limit); `max_size`: bytes (None: the default);
    `projects`: the run's project model (fixlint.project.Projects), built
    once and shared with the workers; `sources`: the texts it read
    (Sources), which forked workers share too."""
    jobs = jobs or default_jobs()
    codes = {r.code for r in rules}
    if _in_process(jobs, len(files)):
        _init_worker(config, codes, timeout, max_size, projects, sources)
        with timelimit.alarm_handler():
            return [_work(path) for path in files]
    if _start_method() != "fork":
        sources = None  # sent to each spawned worker, it would cost more than reading again
    by_path = _check_in_processes(files, (config, codes, timeout, max_size, projects, sources), jobs)
    return [by_path[path] for path in files]


def _in_process(jobs, count):
    return jobs <= 1 or count < 2 * jobs


def uses_sources(jobs, count):
    """Whether check_paths would hand `count` files' Sources to their
    checks with `jobs` (None: the default): not to spawned workers. A run
    that would not makes none: the trees the model parses for the check
    (Sources.keep) would be held for nothing."""
    jobs = jobs or default_jobs()
    return _in_process(jobs, count) or _start_method() == "fork"


def _start_method():
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _pool(jobs, initargs):
    # A pool from concurrent.futures, not multiprocessing.Pool: when a worker
    # dies (the kernel's OOM killer), it fails the pending batches instead of
    # waiting for them forever. Imported here: a one-process run (and a run
    # whose files all come from the results cache) never pays for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(_start_method()),
                               initializer=_init_process, initargs=initargs)


def _check_in_processes(files, initargs, jobs):
    """{path: FileResult}. When a worker dies, its pool fails every batch not
    yet done; their files are checked again, each alone (_retry_alone)."""
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(32, len(files) // (jobs * 4)))
    batches = [files[i:i + size] for i in range(0, len(files), size)]
    results, suspects = {}, []
    pool = _pool(jobs, initargs)
    finished = False
    try:
        futures = [pool.submit(_work_chunk, batch) for batch in batches]
        for batch, future in zip(batches, futures):
            try:
                results.update((r.path, r) for r in future.result())
            except BrokenProcessPool:
                suspects += batch
        finished = True
    finally:  # on Ctrl-C, do not wait for the queued batches
        pool.shutdown(wait=finished, cancel_futures=not finished)
    if suspects:
        results.update(_retry_alone(suspects, initargs, jobs))
    return results


def _retry_alone(files, initargs, jobs):
    """{path: FileResult} for files whose worker died: up to `jobs` pools of
    one worker each take one file at a time, so a pool that breaks names the
    file that broke it. That file is reported (WORKER_DIED), its pool
    replaced, and the others go on."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    pending = list(reversed(files))
    results, running = {}, {}  # running: future -> (pool, path)

    def start(pool):
        path = pending.pop()
        running[pool.submit(_work, path)] = (pool, path)

    try:
        for _ in range(min(jobs, len(pending))):
            start(_pool(1, initargs))
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                pool, path = running.pop(future)
                try:
                    results[path] = future.result()
                except BrokenProcessPool:
                    results[path] = FileResult(path, [], [FileError(1, 0, WORKER_DIED)])
                    pool.shutdown(wait=False)
                    pool = _pool(1, initargs) if pending else None
                if pending:
                    start(pool)
                elif pool is not None:
                    pool.shutdown()
    finally:
        for pool, _ in running.values():
            pool.shutdown(wait=False, cancel_futures=True)
    return results


def error_summary(results):
    """One line counting the files that were not (fully) analysed, so that a
    long run's errors cannot hide among its findings; None when all were."""
    failed = [r for r in results if r.errors]
    if not failed:
        return None
    internal = sum(1 for r in failed if any(is_internal(e) for e in r.errors))
    plural = "s" if len(failed) != 1 else ""
    line = f"fixlint: {len(failed)} file{plural} could not be analysed"
    if internal:
        line += f" ({internal} because of an internal error in fixlint: please report it)"
    return line
