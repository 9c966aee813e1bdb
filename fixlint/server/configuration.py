"""What the language server checks a document with: the nearest
`[tool.fixlint]`, as `fixlint check` reads it, and the editor's settings on
top (as command-line flags are on top for the CLI).

Editor settings (section `fixlint`, per workspace folder):

    select, extendSelect, ignore   rule codes or prefixes, as --select ...
    includeTests                   check test code too (include-tests)
    unsafeFixes                    fix-all applies unsafe fixes too (as --unsafe-fixes)

A configuration fixlint cannot use is not guessed around: the document gets
one diagnostic that names the error, and no findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .. import runner, timelimit
from .. import settings as pyproject
from ..commands._shared import rules_for
from ..config import Config, ConfigError, parse_list
from ..frameworks import in_test_folder, is_test_module
from ..selection import validate_codes

# An editor waits for the server: a file that takes longer than this is
# reported as not analysed, unless per-file-timeout says otherwise.
DEFAULT_SECONDS = min(timelimit.DEFAULT_SECONDS, 10.0)

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
    source: str = ""  # the pyproject.toml read, if any


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


def resolve(folder, client):
    """Settings for documents under `folder` (a directory), given the
    editor's raw `fixlint` settings for it."""
    source = ""
    try:
        chosen = client_settings(client)
        config, run = Config(), {}
        found = pyproject.find_pyproject(folder)
        if found:
            source = found
            config, run = pyproject.load(found)
        rules = rules_for(run, chosen.get("select"), chosen.get("extend-select"), chosen.get("ignore"))
    except ConfigError as exc:
        return Settings(Config(), (), DEFAULT_SECONDS, error=str(exc), source=source)
    return Settings(
        config=config,
        rules=tuple(rules),
        timeout=run.get("per-file-timeout") or DEFAULT_SECONDS,
        max_size=run.get("max-file-size") or runner.DEFAULT_MAX_FILE_SIZE,
        include_tests=chosen.get("include-tests", bool(run.get("include-tests", False))),
        unsafe_fixes=chosen.get("unsafe-fixes", False),
        source=source,
    )


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
    pyproject.toml reads every one up to the root. A folder's entry is
    dropped when the pyproject.toml it read changes on disk (checked with
    one stat per use), and all are dropped when the editor reports changed
    configuration files or settings."""

    def __init__(self):
        self._by_folder = {}

    def get(self, folder, client):
        key = (folder, repr(client))
        entry = self._by_folder.get(key)
        if entry is not None and entry[1] == _stamp(entry[0].source):
            return entry[0]
        settings = resolve(folder, client)
        self._by_folder[key] = (settings, _stamp(settings.source))
        return settings

    def clear(self):
        self._by_folder.clear()


def _stamp(path):
    if not path:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
