"""What the language server checks a document with: the configuration
`fixlint check` would read in the workspace folder — `[flake8]` in the
nearest setup.cfg, tox.ini or .flake8, then the nearest `[tool.fixlint]`,
read by the CLI's own loader (layered_settings.gather) — and the editor's
settings on top, as command-line flags are on top for the CLI.

Editor settings (section `fixlint`, per workspace folder):

    select, extendSelect, ignore   rule codes or prefixes, as --select ...
    includeTests                   check test code too (include-tests)
    unsafeFixes                    fix-all applies unsafe fixes too (as --unsafe-fixes)

A configuration fixlint cannot use is not guessed around: the document gets
one diagnostic that names the error, and no findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace

from .. import flake8_settings, runner, timelimit
from .. import settings as pyproject
from ..config import Config, ConfigError, parse_list
from ..layered_settings import gather
from ..frameworks import in_test_folder, is_test_module
from ..selection import validate_codes

# An editor waits for the server: a file that takes longer than this is
# reported as not analysed, unless per-file-timeout says otherwise.
DEFAULT_SECONDS = min(timelimit.DEFAULT_SECONDS, 10.0)

# The files the CLI reads configuration from, by name.
CONFIGURATION_FILES = ("pyproject.toml", *flake8_settings.FILES)

CLIENT_KEYS = {"select": "select", "extendSelect": "extend-select", "ignore": "ignore",
               "includeTests": "include-tests", "unsafeFixes": "unsafe-fixes"}


@dataclass(frozen=True)
class Settings:
    config: Config
    rules: tuple
    timeout: float
    max_size: int = runner.DEFAULT_MAX_FILE_SIZE  # bytes a buffer may hold (max-file-size)
    include_tests: bool = False
    unsafe_fixes: bool = False
    error: str = ""  # a configuration error: nothing is checked
    sources: tuple = ()  # the configuration files read (a [flake8] file, a pyproject.toml)
    layers: object = None  # layered_settings.Layers: per-file-ignores and excludes, per document


def client_settings(raw):
    """The editor's `fixlint` settings as option names; ConfigError for a
    value of the wrong kind. Unknown keys are ignored (an older server must
    not refuse a newer editor extension's settings)."""
    out = {}
    if not isinstance(raw, dict):
        return out
    for key, name in CLIENT_KEYS.items():
        value = raw.get(key, raw.get(name))
        if value is None:
            continue
        if name in ("include-tests", "unsafe-fixes"):
            if not isinstance(value, bool):
                raise ConfigError(f"editor setting fixlint.{key}: expected true or false, got {value!r}")
            out[name] = value
        else:
            out[name] = validate_codes(parse_list(value, f"fixlint.{key}"), f"editor setting fixlint.{key}")
    return out


def configuration_files(folder):
    """The files `fixlint check` run in `folder` reads: the [flake8] file
    flake8 would use, and the nearest pyproject.toml with [tool.fixlint]."""
    found = (flake8_settings.find(folder), pyproject.find_pyproject(folder))
    return tuple(path for path in found if path)


def resolve(folder, client):
    """Settings for documents under `folder` (a directory), given the
    editor's raw `fixlint` settings for it: the CLI's layers as `fixlint
    check` run in `folder` gathers them, the editor's select, extendSelect
    and ignore taking the place of the command-line flags."""
    sources = ()
    try:
        sources = configuration_files(folder)
        chosen = client_settings(client)
        flags = SimpleNamespace(isolated=False, config=None, select=chosen.get("select"),
                                extend_select=chosen.get("extend-select"), ignore=chosen.get("ignore"),
                                exclude=None, include_tests=False)
        layers = gather(flags, cwd=folder)
        rules = layers.rules()
    except ConfigError as exc:
        return Settings(Config(), (), DEFAULT_SECONDS, error=str(exc), sources=sources)
    include_tests = chosen.get("include-tests", layers.config.include_tests)
    return Settings(
        # the checker skips test code itself unless its Config says otherwise
        config=layers.config.with_values(include_tests=include_tests),
        rules=tuple(rules),
        timeout=layers.get("per-file-timeout") or DEFAULT_SECONDS,
        max_size=layers.get("max-file-size") or runner.DEFAULT_MAX_FILE_SIZE,
        include_tests=include_tests,
        unsafe_fixes=chosen.get("unsafe-fixes", False),
        sources=sources,
        layers=layers,
    )


def for_document(settings, path):
    """The settings for one document: its rules minus the codes a
    `per-file-ignores` entry drops for its path, as `fixlint check` drops
    them for the file."""
    layers = settings.layers
    if settings.error or layers is None or not path or not layers.get("per-file-ignores"):
        return settings
    rules = tuple(layers.rules_for(path))
    return settings if rules == settings.rules else replace(settings, rules=rules)


def excluded(path, settings, root=None):
    """Whether `fixlint check` run in the workspace folder `root` would leave
    the document at `path` out: the default excludes (.venv, build, ...) and
    the configured `exclude` patterns, matched against its path relative to
    `root` (relative to the pyproject.toml that sets them, for a document
    outside every workspace folder), and flake8's `exclude` and
    `extend-exclude` (flake8's matching: the base name or the absolute path
    of the file or of a folder above it)."""
    layers = settings.layers
    if not path or layers is None:
        return False
    anchor = root if root and _below(path, root) else _pyproject_folder(settings) or os.path.dirname(path)
    relative = os.path.relpath(path, anchor) if _below(path, anchor) else os.path.basename(path)
    flake8_patterns = (layers.get("flake8-exclude") or []) + (layers.get("flake8-extend-exclude") or [])
    if runner.excluded_name(relative, layers.get("exclude") or []):
        return True
    if not flake8_patterns:
        return False
    folder = path
    while True:
        if flake8_settings.matches(folder, flake8_patterns):
            return True
        parent = os.path.dirname(folder)
        if parent == folder or not _below(parent, anchor) or parent == anchor:
            return False
        folder = parent


def _below(path, folder):
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _pyproject_folder(settings):
    for source in settings.sources:
        if os.path.basename(source) == "pyproject.toml":
            return os.path.dirname(source)
    return None


def skipped_as_test(path, settings, root=None):
    """Whether `path` is test code that `settings` leave unchecked. Test
    folders count below the workspace folder `root` only: a project kept
    under ~/test/ is not test code."""
    if settings.include_tests:
        return False
    module = Path(path)
    if is_test_module(module):
        return True
    if root:
        try:
            module = Path(os.path.relpath(path, root))
        except ValueError:  # another drive on Windows
            return False
        if module.parts[:1] == ("..",):
            return False
        return in_test_folder(module)
    return False


class Cache:
    """Settings per folder, computed once: finding the nearest
    configuration files reads every candidate up to the root. A folder's
    entry is dropped when a file it read changes on disk (checked with one
    stat per file and use), and all are dropped when the editor reports
    changed configuration files (a new .flake8 included) or settings."""

    def __init__(self):
        self._by_folder = {}

    def get(self, folder, client):
        key = (folder, repr(client))
        entry = self._by_folder.get(key)
        if entry is not None and entry[1] == _stamps(entry[0].sources):
            return entry[0]
        settings = resolve(folder, client)
        self._by_folder[key] = (settings, _stamps(settings.sources))
        return settings

    def clear(self):
        self._by_folder.clear()


def _stamps(paths):
    return tuple(_stamp(path) for path in paths)


def _stamp(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
