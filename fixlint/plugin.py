"""The flake8 plugin: `flake8 --select SFX`.

It checks the tree flake8 already parsed (never parses again), registers
every option of fixlint.config as `--fixlint-<name>` (command line and
setup.cfg/tox.ini/.flake8), and keeps opt-in rules off through flake8's
`extend_default_ignore`. It imports nothing heavy: no libcst, no YAML.
"""

from __future__ import annotations

from . import __version__
from .config import OPTIONS, Config, ConfigError
from .engine.checker import check_tree
from .rules import all_rules

INTERNAL_ERROR = "SFX000"


def _parse_duration_flag(value):
    from argparse import ArgumentTypeError

    from .config import parse_duration

    try:
        return parse_duration(value, "--fixlint-max-session-lifetime")
    except ConfigError as exc:
        raise ArgumentTypeError(str(exc)) from None


class Plugin:
    name = "fixlint"
    version = __version__
    config = Config()

    def __init__(self, tree, filename="<unknown>", lines=None):
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, parser):
        for option in OPTIONS:
            kwargs = {"parse_from_config": True, "help": f"fixlint: {option.help}"}
            if option.kind == "list":
                kwargs["comma_separated_list"] = True
                kwargs["default"] = ",".join(option.default)
            elif option.kind == "duration":
                kwargs["type"] = _parse_duration_flag
                kwargs["default"] = option.default
            parser.add_option(option.flake8_flag, **kwargs)
        parser.extend_default_ignore([r.code for r in all_rules() if not r.default_enabled])

    @classmethod
    def parse_options(cls, options):
        values = {}
        for option in OPTIONS:
            value = getattr(options, f"fixlint_{option.attr}", None)
            if value is not None:
                values[option.name] = value
        try:
            cls.config = Config.from_mapping(values, source="flake8")
        except ConfigError as exc:
            from flake8.exceptions import ExecutionFailed

            raise ExecutionFailed(f"fixlint: {exc}") from None

    def run(self):
        text = "".join(self.lines).lower() if self.lines is not None else None
        result = check_tree(self.tree, self.filename, self.config, all_rules(), text)
        for finding in result.findings:
            yield finding.line, finding.col, f"{finding.code} {finding.message}", type(self)
        for error in result.errors:
            yield error.line, 0, f"{INTERNAL_ERROR} fixlint {error.describe()}", type(self)
