"""The CLI's settings: `[tool.fixlint]` in pyproject.toml, then flags.

The rule options are fixlint.config's OPTIONS (the same names flake8 reads
as `--fixlint-<name>`); the CLI adds run settings: select, extend-select,
ignore, exclude.
"""

from __future__ import annotations

import os
import re
import sys

from .config import Config, ConfigError, parse_list
from .selection import validate_codes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RUN_SETTINGS = ("select", "extend-select", "ignore", "exclude", "per-file-timeout", "max-file-size", "cache")

MAX_TIMEOUT = 86400.0  # a day: more is no limit, and overflows the interval timer near 1e10
MAX_FILE_SIZE = 1024 ** 3  # a GiB: fixlint would need several times that in memory
_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}


def parse_seconds(value, option):
    """per-file-timeout: a positive, finite number of seconds up to a day."""
    try:
        seconds = float(value) if not isinstance(value, bool) else -1.0
    except (TypeError, ValueError):
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise ConfigError(f"{option}: expected a positive number of seconds, got {value!r}")
    if seconds > MAX_TIMEOUT:
        raise ConfigError(f"{option}: at most {MAX_TIMEOUT:g} seconds (a day), got {value!r}")
    return seconds


def parse_size(value, option):
    """max-file-size: bytes, or a whole number with k, M or G (1024-based)."""
    match = None if isinstance(value, bool) else _SIZE.match(str(value))
    if not match or isinstance(value, float):
        raise ConfigError(f"{option}: expected a size in bytes such as 4194304 or 4M, got {value!r}")
    size = int(match.group(1)) * _SIZE_UNITS[match.group(2).lower()]
    if not 0 < size <= MAX_FILE_SIZE:
        raise ConfigError(f"{option}: expected a size from 1 byte to 1G, got {value!r}")
    return size


def exclude_patterns(patterns, option):
    """The patterns, or a ConfigError naming `option` for one that is not a
    valid gitignore pattern."""
    from .runner import compile_pattern

    for pattern in patterns:
        if compile_pattern(pattern) is None:
            raise ConfigError(f"{option}: not a valid gitignore pattern: {pattern!r}")
    return list(patterns)


def find_pyproject(start):
    """The nearest pyproject.toml with a [tool.fixlint] table, from `start`
    upwards, or None."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                with open(candidate, "rb") as f:
                    tool = tomllib.load(f).get("tool", {})
            except (OSError, ValueError):  # TOMLDecodeError, or not UTF-8
                return candidate  # let load() report it
            if isinstance(tool, dict) and "fixlint" in tool:
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load(path):
    """(Config, run settings dict) from a pyproject.toml file."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    tool = data.get("tool", {})
    table = tool.get("fixlint", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.fixlint] must be a table")
    source = f"{path} [tool.fixlint]"
    config = Config.from_mapping(table, source=source, known_extra=RUN_SETTINGS)
    run = {}
    for key, value in table.items():
        name = key.replace("_", "-")
        if name not in RUN_SETTINGS:
            continue
        if name == "per-file-timeout":
            if isinstance(value, str):  # a TOML number, not text
                raise ConfigError(f"{source}: per-file-timeout: expected a positive number of seconds, got {value!r}")
            run[name] = parse_seconds(value, f"{source}: {name}")
        elif name == "max-file-size":
            run[name] = parse_size(value, f"{source}: {name}")
        elif name == "cache":
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: cache: expected true or false, got {value!r}")
            run[name] = value
        elif name == "exclude":
            run[name] = exclude_patterns(parse_list(value, f"{source}: {name}"), f"{source}: {name}")
        else:  # select, extend-select, ignore: rule codes, checked here to name the setting
            run[name] = validate_codes(parse_list(value, f"{source}: {name}"), f"{source}: {name}")
    return config, run
