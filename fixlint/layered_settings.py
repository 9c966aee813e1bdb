"""The CLI's settings, layered: defaults, then `[flake8]` (setup.cfg,
tox.ini, .flake8), then `[tool.fixlint]` (pyproject.toml), then the command
line. Each setting comes from the highest layer that sets it; the
command line's --extend-select and --exclude add to the configured values.
Every value remembers its source, for `fixlint check --show-settings`.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from . import flake8_settings, settings
from .config import OPTIONS, Config, ConfigError
from .selection import select_rules
from .runner import DEFAULT_MAX_FILE_SIZE
from .timelimit import DEFAULT_SECONDS as DEFAULT_TIMEOUT

DEFAULT = "default"
COMMAND_LINE = "command line"


class Setting(NamedTuple):
    value: object
    source: str


class PerFileIgnore(NamedTuple):
    pattern: str
    codes: list
    matches: object  # path -> bool


class Layers(NamedTuple):
    config: Config
    values: dict  # name -> Setting (the flake8 excludes as flake8-exclude, flake8-extend-exclude)
    files: tuple  # the configuration files read

    def get(self, name, default=None):
        setting = self.values.get(name)
        return default if setting is None else setting.value

    def rules(self):
        """The rules for files no per-file-ignores entry names."""
        return self.rules_for(None)

    def rules_for(self, path):
        select, extend = self.get("select"), list(self.get("extend-select") or [])
        if select is not None and not select:  # a select list without fixlint codes (E,F,W)
            if not extend:
                return []  # flake8 runs none either
            select, extend = extend, []
        ignore = list(self.get("ignore") or []) + list(self.get("extend-ignore") or [])
        if path is not None:
            ignore += per_file_codes(self.get("per-file-ignores") or (), path)
        return select_rules(select=select, ignore=ignore, extend_select=extend)

    def nothing_selected(self):
        """A one-line warning when the configuration's select list names no
        fixlint code (so nothing runs, as in flake8); else None."""
        setting = self.values.get("select")
        if setting is None or setting.value is None or setting.value or self.get("extend-select"):
            return None
        return (f"fixlint: warning: no rule runs: select in {setting.source} names no SFX code "
                "(add SFX to it, or extend-select = SFX)")


def per_file_codes(entries, path):
    """The codes `entries` (PerFileIgnores) ignore for `path`."""
    codes = []
    for entry in entries:
        if entry.matches(path):
            codes += entry.codes
    return codes


def _flake8_matcher(pattern):
    return lambda path: flake8_settings.matches(path, [pattern])


def _gitignore_matcher(pattern, folder):
    from .runner import compile_pattern

    compiled = compile_pattern(pattern)

    def match(path):
        relative = os.path.relpath(os.path.abspath(path), folder)
        return not relative.startswith("..") and compiled is not None and compiled.match_file(relative) is not None
    return match


def _add(values, name, value, source):
    if value is not None:
        values[name] = Setting(value, source)


def gather(args, cwd=None):
    """The Layers for `check`/`fix` arguments (`--isolated`, `--config`,
    `--select`, ...)."""
    cwd = cwd or os.getcwd()
    flake8_path = pyproject_path = None
    config_arg = getattr(args, "config", None)
    if not args.isolated:
        if config_arg and not os.path.isfile(config_arg):
            reason = "not a regular file" if os.path.exists(config_arg) else "no such file"
            raise ConfigError(f"--config: {reason}: {config_arg}")
        if config_arg and not config_arg.endswith(".toml"):
            flake8_path = config_arg
        else:
            flake8_path = flake8_settings.find(cwd)
            pyproject_path = config_arg or settings.find_pyproject(cwd)
    values, options, files = {}, {}, []
    from .runner import display_path

    if flake8_path:
        source = f"{display_path(flake8_path)} [flake8]"
        files.append(source)
        flake8_options, flake8_run = flake8_settings.load(flake8_path)
        try:
            Config.from_mapping(flake8_options, source=source)
        except ConfigError as exc:
            message = str(exc)
            raise ConfigError(message if message.startswith(source) else f"{source}: {message}") from None
        for name, value in flake8_options.items():
            options[_canonical(name)] = Setting(value, source)
        for name, value in flake8_run.items():
            if name == "per-file-ignores":
                value = [PerFileIgnore(p, codes, _flake8_matcher(p)) for p, codes in value]
            elif name in flake8_settings.PATH_KEYS:
                name = f"flake8-{name}"
            _add(values, name, value, source)
    if pyproject_path:
        source = f"{display_path(pyproject_path)} [tool.fixlint]"
        files.append(source)
        table, run = settings.load_table(pyproject_path)
        for name, value in table.items():
            options[_canonical(name)] = Setting(value, source)
        folder = os.path.dirname(os.path.abspath(pyproject_path))
        for name, value in run.items():
            if name == "per-file-ignores":
                value = [PerFileIgnore(p, codes, _gitignore_matcher(p, folder)) for p, codes in value.items()]
            _add(values, name, value, source)
    config = Config.from_mapping({name: s.value for name, s in options.items()},
                                 source=" / ".join(files) or "configuration")
    if getattr(args, "include_tests", None):
        config = config.with_values(include_tests=True)
    _command_line(args, values)
    for option in OPTIONS:
        values[option.name] = options.get(option.name, Setting(option.default, DEFAULT))
    return Layers(config, values, tuple(files))


def _canonical(name):
    """The option's current name: an older name (an alias) counts as it."""
    name = name.replace("_", "-")
    for option in OPTIONS:
        if name in option.aliases:
            return option.name
    return name


def _command_line(args, values):
    if args.select is not None:
        values["select"] = Setting(list(args.select), COMMAND_LINE)
    if args.extend_select:
        before = values.get("extend-select")
        merged = list(before.value if before else []) + list(args.extend_select)
        source = COMMAND_LINE if before is None else f"{before.source} + {COMMAND_LINE}"
        values["extend-select"] = Setting(merged, source)
    if args.ignore is not None:
        values["ignore"] = Setting(list(args.ignore), COMMAND_LINE)
    if args.exclude:
        before = values.get("exclude")
        patterns = []
        for value in args.exclude:
            patterns += settings.exclude_patterns(settings.parse_list(value, "--exclude"), "--exclude")
        merged = list(before.value if before else []) + patterns
        source = COMMAND_LINE if before is None else f"{before.source} + {COMMAND_LINE}"
        values["exclude"] = Setting(merged, source)
    if getattr(args, "per_file_timeout", None):
        values["per-file-timeout"] = Setting(args.per_file_timeout, COMMAND_LINE)
    if getattr(args, "max_file_size", None):
        values["max-file-size"] = Setting(args.max_file_size, COMMAND_LINE)


SHOWN = ("select", "extend-select", "ignore", "extend-ignore", "per-file-ignores", "exclude",
         "flake8-exclude", "flake8-extend-exclude", "per-file-timeout", "max-file-size")


def _text(value):
    if value is None:
        return "(the defaults)"
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], PerFileIgnore):
            return "; ".join(f"{e.pattern} = {','.join(e.codes)}" for e in value)
        return ", ".join(str(v) for v in value) or "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def describe(layers, rules):
    """`--show-settings`: each setting, its value and where it came from."""
    lines = ["configuration files: " + (", ".join(layers.files) or "none")]
    for name in SHOWN:
        setting = layers.values.get(name)
        if setting is None:
            if name.startswith("flake8-"):
                continue
            defaults = {"select": None, "per-file-timeout": DEFAULT_TIMEOUT, "max-file-size": DEFAULT_MAX_FILE_SIZE}
            setting = Setting(defaults.get(name, []), DEFAULT)
        lines.append(f"{name} = {_text(setting.value)}  [{setting.source}]")
    for option in OPTIONS:
        setting = layers.values[option.name]
        value = setting.value
        if option.kind == "duration" and setting.source == DEFAULT:
            value = f"{value // 86400:g}d"
        lines.append(f"{option.name} = {_text(value)}  [{setting.source}]")
    lines.append("rules: " + (", ".join(r.code for r in rules) or "none"))
    return "\n".join(lines) + "\n"
