"""flake8's configuration, read by the CLI: `[flake8]` in setup.cfg, tox.ini
or .flake8, found as flake8 finds it, so that one configuration serves
flake8, `fixlint check` and the pre-commit hook.

Read: select, extend-select, ignore, extend-ignore, per-file-ignores,
exclude, extend-exclude and the `fixlint-<option>` options. Codes that are
not fixlint's (E501, W503, C90) are flake8's business and dropped; a prefix
that covers fixlint codes (`S`, `SFX3`) counts, as it does in flake8.
Paths follow flake8's rules (flake8.utils.normalize_path and
matches_filename): a pattern with a `/` is relative to the file's folder
and matched against the absolute path; one without is matched against the
base name too.
"""

from __future__ import annotations

import configparser
import fnmatch
import os
import re

from .config import ConfigError

FILES = ("setup.cfg", "tox.ini", ".flake8")  # flake8's order within one folder
SECTION = "flake8"
RULE_KEYS = ("select", "extend-select", "ignore", "extend-ignore")
PATH_KEYS = ("exclude", "extend-exclude")
OPTION_PREFIX = "fixlint-"


def find(start):
    """The flake8 configuration file flake8 would use from `start`: in each
    folder upwards, the first of setup.cfg, tox.ini, .flake8 with a [flake8]
    section; the search stops at the home folder. None if there is none."""
    folder = os.path.abspath(start)
    home = os.path.expanduser("~")
    while True:
        for name in FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and _has_section(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder or folder == home:
            return None
        folder = parent


def _parser(path):
    parser = configparser.RawConfigParser()
    try:
        with open(path, encoding="utf-8") as f:
            parser.read_file(f, source=path)
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: cannot read: {reason}") from None
    return parser


def _has_section(path):
    try:
        return _parser(path).has_section(SECTION)
    except ConfigError:
        return True  # let load() report it


def _fixlint_codes():
    from .rules import all_rules

    return [r.code for r in all_rules()]


def fixlint_prefixes(text):
    """The prefixes in a flake8 code list that cover a fixlint code."""
    codes = _fixlint_codes()
    out = []
    for item in re.split(r"[,\s]+", text):
        item = item.strip().upper()
        if item and any(code.startswith(item) for code in codes):
            out.append(item)
    return out


def normalize_pattern(pattern, folder):
    """flake8.utils.normalize_path: a pattern with a `/` becomes absolute."""
    if "/" in pattern:
        pattern = os.path.abspath(os.path.join(folder, pattern))
    return pattern.rstrip("/")


def matches(path, patterns):
    """flake8.utils.matches_filename: the base name, then the absolute path."""
    if not patterns:
        return False
    basename = os.path.basename(path)
    if basename not in {".", ".."} and any(fnmatch.fnmatch(basename, p) for p in patterns):
        return True
    absolute = os.path.abspath(path)
    return any(fnmatch.fnmatch(absolute, p) for p in patterns)


_TOKEN = re.compile(r"(?P<sep>[\s,]+)|(?P<colon>:)|(?P<code>[A-Z]+[0-9]*(?=$|[\s,]))|(?P<file>[^\s:,]+)")


def parse_per_file_ignores(text, folder, source):
    """[(normalized pattern, [fixlint prefixes])] from flake8's
    `per-file-ignores`: `files:codes` groups, where files and codes are
    separated by commas or white space (`a.py,b.py:E1,SFX3 tests/*:SFX`)."""
    groups, files, codes, after_colon = [], [], [], False
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "sep":
            continue
        if kind == "colon" and files and not after_colon:
            after_colon = True
        elif not after_colon and kind in ("file", "code"):
            files.append(value)
        elif after_colon and kind == "code":
            codes.append(value)
        elif after_colon and kind == "file" and codes:
            groups.append((files, codes))
            files, codes, after_colon = [value], [], False
        else:
            raise ConfigError(f"{source}: per-file-ignores: expected 'path:CODES' entries, "
                              f"got {text.strip()!r}")
    if files and not (after_colon and codes):
        raise ConfigError(f"{source}: per-file-ignores: expected 'path:CODES' entries, got {text.strip()!r}")
    if files:
        groups.append((files, codes))
    entries = []
    for names, group_codes in groups:
        prefixes = fixlint_prefixes(",".join(group_codes))
        entries += [(normalize_pattern(name, folder), prefixes) for name in names if prefixes]
    return entries


def load(path):
    """(option values for Config.from_mapping, run settings) from the
    [flake8] section of `path`, with names in fixlint's spelling."""
    parser = _parser(path)
    if not parser.has_section(SECTION):
        return {}, {}
    source = f"{path} [{SECTION}]"
    folder = os.path.dirname(os.path.abspath(path))
    options, run = {}, {}
    for key, value in parser.items(SECTION):
        name = key.replace("_", "-")
        if name.startswith(OPTION_PREFIX):
            options[name[len(OPTION_PREFIX):]] = value
        elif name in RULE_KEYS:
            run[name] = fixlint_prefixes(value)
        elif name in PATH_KEYS:
            run[name] = [normalize_pattern(p.strip(), folder) for p in value.split(",") if p.strip()]
        elif name == "per-file-ignores":
            run[name] = parse_per_file_ignores(value, folder, source)
    return options, run
